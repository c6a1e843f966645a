//! The command line: parsing (clap) and the headless commands.

use crate::catalog::validate::is_valid_id;
use crate::catalog::{Catalog, ControlKind, Lang};
use crate::export;
use crate::paths::Paths;
use crate::reviews::Verdict;
use crate::session;
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

pub mod diff_command;
mod diff_report;
pub mod due_command;
mod export_command;
pub mod merge_command;
pub mod requirements_command;
pub mod search_command;
pub mod team;
pub use export_command::*;

#[derive(Debug, Parser)]
#[command(
    name = "kurabe",
    version,
    about = "Compare cloud vendors' security disclosures side by side"
)]
pub struct Cli {
    /// Load the catalogue from DIR (DIR/controls.yaml and DIR/vendors/*.yaml) instead of the
    /// embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the catalogue and print every problem with file, line and column.
    Check,
    /// Print or write the current view (markdown, Excel workbook, CSV, TSV) or the whole
    /// catalogue (JSON).
    Export(ExportCommand),
    /// List the controls a query finds, best first, as the app's results list does: id,
    /// title and the vendors whose texts matched.
    Search(search_command::SearchArgs),
    /// Print where kurabe keeps configuration, your vendors and reviews, and its state.
    Paths,
    /// Write a template for a new vendor (every control as `not_stated`) into your vendors directory.
    NewVendor(NewVendorArgs),
    /// Judge vendors against your requirements: a scorecard and every outcome with its reason.
    /// Exit status 0 when every vendor meets every `must`, 1 when one does not, 2 on bad input.
    Evaluate(requirements_command::EvaluateArgs),
    /// Write the follow-up questions (追加質問票) for what a vendor does not meet.
    Followup(requirements_command::FollowupArgs),
    /// Write a commented requirements template (never over an existing file).
    NewRequirements(requirements_command::NewRequirementsArgs),
    /// List the vendors due for re-assessment (a set number of months after their last
    /// assessment), with their documents' dates.
    Due(due_command::DueArgs),
    /// What changed in a vendor's answers since an earlier version of its file (by default
    /// the newest copy `kurabe import … --update` kept), with the requirement outcomes that
    /// change. Exit status 2 when there is no earlier version or the input is bad.
    Diff(diff_command::DiffArgs),
    /// Draft a vendor file from the vendor's own documents (every answer `draft: true`).
    Import(crate::import::command::ImportArgs),
    /// Git's merge driver for reviews.yaml: merges BASE, OURS and THEIRS (`%O %A %B`, and
    /// `%P` to name the file) per review, writing the result to OURS. Exit status 0 when
    /// merged, 1 when a version cannot be read (OURS is then left as it was).
    MergeReviews(merge_command::MergeArgs),
    /// Git's merge driver for vendors/*.yaml: merges BASE, OURS and THEIRS per answer and per
    /// field; two changes to one field are recorded in the answer's `conflicts:`. Exit status
    /// as for merge-reviews.
    MergeVendor(merge_command::MergeArgs),
    /// Share your data directory with a team through git: `team init` sets it up, `team
    /// status` says where it stands, `team sync` commits, pulls (merging through kurabe's
    /// drivers) and pushes.
    Team(team::TeamArgs),
    /// Internal: reads one source document for `kurabe import` in a contained process.
    #[command(name = "__read-source", hide = true)]
    ReadSource(crate::import::command::ReadSourceArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct NewVendorArgs {
    /// The vendor's id: lowercase letters, digits and hyphens (the file is `ID.yaml`).
    pub id: String,
    /// The vendor's name (default: the id).
    #[arg(long)]
    pub name: Option<String>,
    /// Write the template even if the id is that of a vendor of the catalogue, which the
    /// template (every answer `not_stated`) then replaces.
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Json,
    /// An Excel workbook: comparison, sources and documents sheets (needs --out).
    Xlsx,
    /// Comma-separated values, one row per control (UTF-8 with a byte-order mark by default).
    Csv,
    /// Tab-separated values, as CSV.
    Tsv,
}

/// `kurabe export`: what to show, and where to write it.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportCommand {
    #[command(flatten)]
    pub view: ExportArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArgs {
    /// Write to FILE, a new file (an existing one is never replaced), or `-` for standard
    /// output. Required for xlsx. Default: standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The character encoding of csv and tsv.
    #[arg(long, value_enum, default_value = "utf8")]
    pub encoding: EncodingArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 with a byte-order mark, so that Excel reads Japanese correctly.
    #[default]
    Utf8,
    /// Windows' Japanese code page, for older systems; characters it cannot hold are an error.
    Cp932,
}

impl From<EncodingArg> for export::csv::Encoding {
    fn from(e: EncodingArg) -> Self {
        match e {
            EncodingArg::Utf8 => export::csv::Encoding::Utf8,
            EncodingArg::Cp932 => export::csv::Encoding::Cp932,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ja,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Ja => Lang::Ja,
        }
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Fuzzy search query (as typed after `/` in the app).
    #[arg(long, default_value = "")]
    pub query: String,
    /// Compare only this category's controls.
    #[arg(long, value_name = "ID", conflicts_with = "control")]
    pub category: Option<String>,
    /// Compare only this control.
    #[arg(long, value_name = "ID")]
    pub control: Option<String>,
    /// Vendors to show, in order (comma-separated ids). Default: all.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub vendors: Vec<String>,
    /// Only controls where the shown vendors' answers differ in status, yes/no or value (not wording).
    #[arg(long)]
    pub only_differences: bool,
    /// Only controls where at least one shown vendor states nothing.
    #[arg(long)]
    pub only_unstated: bool,
    /// Only controls where a shown vendor's answer has this verdict.
    #[arg(long, value_enum)]
    pub verdict: Option<VerdictArg>,
    /// Judge every answer against these requirements: a requirements file, or the id of a
    /// profile in your requirements directory (`kurabe paths`).
    #[arg(long, value_name = "FILE|ID")]
    pub requirements: Option<PathBuf>,
    /// Only controls where a shown vendor fails a requirement.
    #[arg(long, requires = "requirements")]
    pub only_failing: bool,
    /// Only controls where a shown vendor leaves a requirement unresolved (check, not stated).
    #[arg(long, requires = "requirements")]
    pub only_unresolved: bool,
    /// Show every draft answer (written by `kurabe import`, not yet reviewed) as “draft (not
    /// reviewed)”, with nothing of what it proposes: as `m` in the app.
    #[arg(long)]
    pub no_drafts: bool,
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// Date that documents' ages are computed against, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Flag documents older than this many months as stale (default: config, else 24).
    #[arg(long, value_name = "MONTHS")]
    pub stale_after_months: Option<u32>,
    /// Flag vendors last assessed this many months ago or more as due for re-assessment
    /// (default: config, else 12).
    #[arg(long, value_name = "MONTHS")]
    pub reassess_after_months: Option<u32>,
    /// Export even though files had problems while loading (the report names what it left out).
    #[arg(long)]
    pub allow_problems: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    Acceptable,
    FollowUp,
    Risk,
}

impl From<VerdictArg> for Verdict {
    fn from(v: VerdictArg) -> Verdict {
        match v {
            VerdictArg::Acceptable => Verdict::Acceptable,
            VerdictArg::FollowUp => Verdict::FollowUp,
            VerdictArg::Risk => Verdict::Risk,
        }
    }
}

/// `kurabe check`: prints problems; the exit code says whether there were any. Every file is
/// read: the catalogue's cache, whose key trusts the files' stamps, is forgotten first, and
/// the one written after the report replaces it.
pub fn check(data: Option<&PathBuf>, paths: &Paths, out: &mut impl Write) -> Result<bool> {
    if let Some(dir) = data {
        crate::catalog::cache::forget(dir, &paths.cache_dir);
    }
    match session::open(data, paths.clone()) {
        Err(problems) => {
            writeln!(out, "{problems}")?;
            writeln!(
                out,
                "{} problem(s); the catalogue cannot be loaded",
                problems.0.len()
            )?;
            Ok(false)
        }
        Ok(mut session) => {
            let pending = session.pending_cache.take();
            let ok = report_check(&mut session, paths, data, out)?;
            // After the report: the cache is for the next run.
            session::write_cache(pending, &session.catalog);
            Ok(ok)
        }
    }
}

/// The report of `kurabe check` on a loaded session; whether it found no problem.
fn report_check(
    session: &mut session::Session,
    paths: &Paths,
    data_dir: Option<&PathBuf>,
    out: &mut impl Write,
) -> Result<bool> {
    let (profiles, problems) =
        crate::requirements::load_dir(&paths.requirements_dir(), &session.catalog);
    session.problems.extend(problems);
    for p in &session.problems {
        writeln!(out, "{p}")?;
    }
    for w in profiles.iter().flat_map(|p| &p.warnings) {
        writeln!(out, "warning: {w}")?;
    }
    let c = &session.catalog;
    let answers: usize = c.vendors.iter().map(|v| v.answers.len()).sum();
    for warning in crate::values::disagreements(c) {
        writeln!(out, "warning: {warning}")?;
    }
    if let Some(warning) = team::missing_drivers_warning(paths) {
        writeln!(out, "warning: {warning}")?;
    }
    let conflicts = conflict_warnings(c, session.paths.clone(), data_dir);
    for warning in &conflicts {
        writeln!(out, "warning: {warning}")?;
    }
    if !conflicts.is_empty() {
        writeln!(
            out,
            "{} conflict(s) to settle (two changes met on an answer's field when one was saved)",
            conflicts.len()
        )?;
    }
    let drafts = c.vendors.iter().flat_map(|v| &v.answers);
    let drafts = drafts.filter(|a| a.draft).count();
    if drafts > 0 {
        writeln!(
            out,
            "{drafts} draft answer(s) left to review (written by `kurabe import`)"
        )?;
    }
    if session.problems.is_empty() {
        writeln!(
            out,
            "ok: {} categories, {} controls, {} vendors, {} answers",
            c.categories.len(),
            c.controls.len(),
            c.vendors.len(),
            answers
        )?;
        Ok(true)
    } else {
        writeln!(out, "{} problem(s)", session.problems.len())?;
        Ok(false)
    }
}

/// The conflicts recorded in the files of the vendors that hold one (yours first, then those
/// of `--data`), each at its place.
fn conflict_warnings(
    catalog: &Catalog,
    paths: Paths,
    data: Option<&PathBuf>,
) -> Vec<crate::catalog::Problem> {
    let dirs: Vec<PathBuf> = std::iter::once(paths.vendors_dir())
        .chain(data.map(|d| d.join("vendors")))
        .collect();
    catalog
        .vendors
        .iter()
        .filter(|v| v.answers.iter().any(|a| !a.conflicts.is_empty()))
        .filter_map(|v| {
            dirs.iter()
                .flat_map(|d| ["yaml", "yml"].map(|ext| d.join(format!("{}.{ext}", v.id()))))
                .find(|p| p.is_file())
        })
        .flat_map(|path| crate::drafts::conflicts::explain(&path))
        .collect()
}

/// `kurabe paths`.
pub fn print_paths(paths: &Paths, out: &mut impl Write) -> Result<()> {
    // The paths come from the environment: no raw control bytes reach the terminal.
    let shown = |p: &std::path::Path| crate::sanitize::line(&p.display().to_string()).into_owned();
    writeln!(out, "config   {}", shown(&paths.config_file()))?;
    writeln!(out, "vendors  {}", shown(&paths.vendors_dir()))?;
    writeln!(
        out,
        "controls {}  (optional: your own extra controls)",
        shown(&paths.controls_file())
    )?;
    writeln!(out, "reviews  {}", shown(&paths.reviews_file()))?;
    writeln!(
        out,
        "requirements {}  (your requirements profiles)",
        shown(&paths.requirements_dir())
    )?;
    writeln!(out, "state    {}", shown(&paths.state_file()))?;
    writeln!(
        out,
        "cache    {}  (large catalogues; safe to delete)",
        shown(&paths.cache_dir)
    )?;
    Ok(())
}

/// The text of a new vendor file: every control as `not_stated`, each with its question in
/// English and Japanese as a comment.
pub fn vendor_template(catalog: &Catalog, id: &str, name: &str) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("a string always serializes to JSON");
    let mut out = format!(
        "# kurabe vendor file. For each control: set `status` (stated | partial | not_stated), write a\n\
         # `summary: {{ en: \"…\", ja: \"…\" }}`, and copy the vendor's words verbatim into `quotes`\n\
         # (`- {{ document: main, section: \"3\", text: \"…\" }}`). A stated or partial answer to a\n\
         # control marked (yes/no) also says `polarity: yes | no | conditional`. A `value` is one of\n\
         # duration (with `from:`, what it counts from), interval, count (with `schedule:` where\n\
         # given), percentage, list, service-hours, indefinite, calendar-rule: see the README.\n\
         # Check it with `kurabe check`.\n\
         vendor:\n  id: {id}\n  name: {{ en: {} }}\n\
         documents:\n  - id: main\n    title: {}\n    # version: \"1.0\"\n    # date: \"2025-01-31\"\n    source: {}\n\
         answers:\n",
        quoted(name),
        quoted("Title of the vendor's document"),
        quoted(&format!("{id}.txt")),
    );
    for entry in &catalog.controls {
        let category = &catalog.categories[entry.category];
        let c = &entry.control;
        let yes_no = match c.kind {
            ControlKind::YesNo => " (yes/no)",
            ControlKind::Open => "",
        };
        out.push_str(&format!(
            "  # [{}] {}{yes_no}\n",
            category.title.en, c.title.en
        ));
        // A question may span lines: every line stays inside the comment.
        let comment = |text: &str| text.replace('\n', "\n  #       ");
        out.push_str(&format!("  #   en: {}\n", comment(&c.question.en)));
        if let Some(ja) = &c.question.ja {
            out.push_str(&format!("  #   ja: {}\n", comment(ja)));
        }
        out.push_str(&format!("  - control: {}\n    status: not_stated\n", c.id));
    }
    out
}

/// `kurabe new-vendor`: writes the template into the user's vendors directory, never over an
/// existing file. Returns the path written.
pub fn new_vendor(catalog: &Catalog, paths: &Paths, args: &NewVendorArgs) -> Result<PathBuf> {
    if !is_valid_id(&args.id) {
        bail!("`{}` is not a valid vendor id: use lowercase letters, digits and hyphens, starting with a letter", args.id);
    }
    if let Some(v) = catalog.vendors.iter().find(|v| v.id() == args.id) {
        if v.origin != crate::catalog::Origin::User && !args.replace {
            let stated = v
                .answers
                .iter()
                .filter(|a| a.status != crate::catalog::Status::NotStated);
            let from = match v.origin {
                crate::catalog::Origin::Embedded => "the embedded vendor",
                _ => "a vendor of the --data catalogue",
            };
            bail!(
                "`{}` is {from} {}, with {} answers from its documents; a template with that id would \
                 replace it by one where every answer is not_stated. Pass --replace to write it anyway, \
                 or choose another id",
                args.id,
                v.info.name.en,
                stated.count()
            );
        }
    }
    let dir = paths.vendors_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{}.yaml", args.id));
    let text = vendor_template(catalog, &args.id, args.name.as_deref().unwrap_or(&args.id));
    crate::files::write_exclusive(&path, text.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists; kurabe never overwrites it (edit it, or choose another id)",
                path.display()
            )
        } else {
            anyhow::anyhow!("cannot write {}: {e}", path.display())
        }
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Category, Control, Origin, SourceFile, Text};

    #[test]
    fn a_template_for_multi_line_questions_still_loads() {
        let text = |en: &str, ja: &str| Text {
            en: en.to_string().into(),
            ja: Some(ja.to_string().into()),
        };
        let controls = vec![Category {
            id: "cat".into(),
            title: text("Category", "分類"),
            controls: vec![Control {
                id: "ctl".into(),
                title: text("Control", "管理策"),
                question: text("First line\nsecond: line", "一行目\n二行目: です"),
                kind: ControlKind::YesNo,
                crosswalk: Default::default(),
                terms: Default::default(),
            }],
        }];
        let catalog = Catalog::new(controls, Vec::new());
        let template = vendor_template(&catalog, "acme", "Acme \"Cloud\"");
        let controls_yaml = "categories:\n  - id: cat\n    title: { en: Category }\n    controls:\n      - id: ctl\n        title: { en: Control }\n        question: { en: \"First line\\nsecond: line\" }\n";
        let loaded = crate::catalog::load(
            SourceFile::new("controls.yaml", controls_yaml),
            vec![(
                SourceFile::new("vendors/acme.yaml", template.clone()),
                Origin::User,
            )],
        )
        .unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.catalog.vendors[0].info.name.en, "Acme \"Cloud\"");
        assert!(
            template.contains("# [Category] Control (yes/no)\n"),
            "{template}"
        );
    }
}
