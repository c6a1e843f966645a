//! `kurabe export`: the view its flags describe, in every format, written where `--out` says.

use super::{EncodingArg, ExportArgs, ExportCommand, Format, LangArg};
use crate::catalog::{Catalog, Lang, Problem, Problems};
use crate::export;
use crate::freshness::{parse_date, DEFAULT_STALE_MONTHS};
use crate::paths::Paths;
use crate::requirements::Profile;
use crate::reviews::{Reviews, Verdict};
use crate::search::SearchIndex;
use crate::session::{self, Session};
use crate::view::{self, Scope, ViewSpec};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// Builds the view spec that export flags describe.
pub fn spec_from_args(catalog: &Catalog, args: &ExportArgs) -> Result<ViewSpec> {
    spec_from_args_with(catalog, args, &[])
}

/// [`spec_from_args`], where `problems` may say why a vendor asked for is not in the catalogue.
pub fn spec_from_args_with(
    catalog: &Catalog,
    args: &ExportArgs,
    problems: &[Problem],
) -> Result<ViewSpec> {
    let vendors = if args.vendors.is_empty() {
        (0..catalog.vendors.len()).collect()
    } else {
        let mut vendors = Vec::new();
        for id in &args.vendors {
            let Some(v) = catalog.vendor_index(id) else {
                bail!("{}", unknown_vendor(catalog, id, problems));
            };
            // A vendor named twice is one column, where it was first named.
            if !vendors.contains(&v) {
                vendors.push(v);
            }
        }
        vendors
    };
    let scope = match (&args.category, &args.control) {
        (Some(c), _) => Scope::Category(
            catalog
                .category_index(c)
                .with_context(|| format!("unknown category `{c}`"))?,
        ),
        (_, Some(c)) => Scope::Control(
            catalog
                .control_index(c)
                .with_context(|| format!("unknown control `{c}`"))?,
        ),
        _ => Scope::All,
    };
    let today = match &args.today {
        Some(d) => {
            parse_date(d).with_context(|| format!("--today `{d}` is not a date (YYYY-MM-DD)"))?
        }
        None => session::today(),
    };
    Ok(ViewSpec {
        lang: args.lang.into(),
        query: args.query.clone(),
        vendors,
        only_differences: args.only_differences,
        only_unstated: args.only_unstated,
        verdict: args.verdict.map(Verdict::from),
        only_drafts: false,
        only_changed: false,
        mask_drafts: args.no_drafts,
        scope,
        today: Some(today),
        stale_after_months: args.stale_after_months.unwrap_or(DEFAULT_STALE_MONTHS),
        reassess_after_months: args.reassess_after_months,
        requirements: None,
        only_failing: args.only_failing,
        only_unresolved: args.only_unresolved,
        columns: None,
    })
}

/// Why `--vendors ID` names no vendor: the known ids, and the problem of the file that would
/// have been that vendor, if one was left out.
fn unknown_vendor(catalog: &Catalog, id: &str, problems: &[Problem]) -> String {
    let known: Vec<&str> = catalog.vendors.iter().map(|v| v.id()).collect();
    let mut message = format!("unknown vendor `{id}` (known: {})", known.join(", "));
    let its_file = |p: &&Problem| {
        std::path::Path::new(&p.file)
            .file_stem()
            .is_some_and(|stem| stem == id)
    };
    if let Some(p) = problems.iter().find(its_file) {
        message.push_str(&format!(
            "; its file was left out because of a problem:\n{}",
            crate::sanitize::text(&p.to_string())
        ));
    }
    message
}

/// `kurabe export` of a text format (markdown, JSON, CSV and TSV in UTF-8).
pub fn export(catalog: &Catalog, reviews: &Reviews, args: &ExportArgs) -> Result<String> {
    export_with(catalog, reviews, args, &[])
}

/// `kurabe export` of a text format from a catalogue that `problems` left files out of.
pub fn export_with(
    catalog: &Catalog,
    reviews: &Reviews,
    args: &ExportArgs,
    problems: &[Problem],
) -> Result<String> {
    if args.format == Format::Xlsx {
        bail!("--format xlsx is a binary workbook, not text");
    }
    let bytes = render(catalog, reviews, args, EncodingArg::Utf8, problems)?;
    String::from_utf8(bytes).context("the export is not UTF-8")
}

/// The bytes `kurabe export` writes for `args`, in `encoding` (csv and tsv only), from a
/// catalogue that `problems` left files out of: refused unless `--allow-problems`, and then
/// the markdown and JSON say what they left out.
pub fn render(
    catalog: &Catalog,
    reviews: &Reviews,
    args: &ExportArgs,
    encoding: EncodingArg,
    problems: &[Problem],
) -> Result<Vec<u8>> {
    render_in(
        catalog,
        reviews,
        &Paths::from_env(),
        args,
        encoding,
        problems,
    )
}

/// [`render`], with `--requirements` naming a file or a profile of `paths`' requirements
/// directory.
pub fn render_in(
    catalog: &Catalog,
    reviews: &Reviews,
    paths: &Paths,
    args: &ExportArgs,
    encoding: EncodingArg,
    problems: &[Problem],
) -> Result<Vec<u8>> {
    render_indexed(catalog, reviews, paths, args, encoding, problems, None)
}

/// [`render_in`] with the catalogue's search index, if the caller has it (else it is built
/// when the view needs it).
fn render_indexed(
    catalog: &Catalog,
    reviews: &Reviews,
    paths: &Paths,
    args: &ExportArgs,
    encoding: EncodingArg,
    problems: &[Problem],
    index: Option<&SearchIndex>,
) -> Result<Vec<u8>> {
    for id in &args.vendors {
        if catalog.vendor_index(id).is_none() {
            bail!("{}", unknown_vendor(catalog, id, problems));
        }
    }
    if !problems.is_empty() && !args.allow_problems {
        bail!(
            "{} problem(s) while loading; the report would leave out what they name:\n{}\n\
             fix them (`kurabe check` lists them), or pass --allow-problems to export the rest",
            problems.len(),
            crate::sanitize::text(&Problems(problems.to_vec()).to_string())
        );
    }
    if encoding != EncodingArg::Utf8 && !matches!(args.format, Format::Csv | Format::Tsv) {
        bail!("--encoding applies to --format csv and tsv");
    }
    if args.format == Format::Json {
        let view_flags = !args.query.is_empty()
            || args.category.is_some()
            || args.control.is_some()
            || !args.vendors.is_empty()
            || args.only_differences
            || args.only_unstated
            || args.verdict.is_some()
            || args.only_failing
            || args.only_unresolved
            || args.lang != LangArg::En;
        if args.no_drafts {
            bail!(
                "--format json writes the whole catalogue, every draft answer marked `\"draft\": true`; \
                 --no-drafts applies to the views (--format md, xlsx, csv and tsv)"
            );
        }
        if view_flags {
            bail!("--format json writes the whole catalogue; view flags apply to --format md, xlsx, csv and tsv");
        }
        let json = export::json::render_with_problems(catalog, reviews, problems);
        return Ok(match profile_of(catalog, paths, args)? {
            Some(profile) => with_outcomes(&json, catalog, &profile)?,
            None => json,
        }
        .into_bytes());
    }
    let mut spec = spec_from_args_with(catalog, args, problems)?;
    spec.requirements = profile_of(catalog, paths, args)?;
    let built;
    let index = match index {
        Some(index) => index,
        None => {
            built = SearchIndex::new(catalog);
            &built
        }
    };
    let view = view::derive(catalog, reviews, index, &spec);
    use export::csv::{render as csv, Delimiter};
    Ok(match args.format {
        Format::Json => unreachable!("handled above"),
        Format::Md => export::markdown::render_with_problems(&view, problems).into_bytes(),
        Format::Xlsx => export::xlsx::render(&view).context("cannot build the workbook")?,
        Format::Csv => csv(&view, Delimiter::Comma, encoding.into())?,
        Format::Tsv => csv(&view, Delimiter::Tab, encoding.into())?,
    })
}

/// `kurabe export` on a session: the configuration supplies defaults the flags leave open.
pub fn export_session(session: &Session, args: &ExportArgs) -> Result<String> {
    let args = session_args(session, args);
    if args.format == Format::Xlsx {
        bail!("--format xlsx is a binary workbook, not text");
    }
    let bytes = render_in(
        &session.catalog,
        &session.reviews,
        &session.paths,
        &args,
        EncodingArg::Utf8,
        &session.problems,
    )?;
    String::from_utf8(bytes).context("the export is not UTF-8")
}

fn session_args(session: &Session, args: &ExportArgs) -> ExportArgs {
    let mut args = args.clone();
    args.stale_after_months = args
        .stale_after_months
        .or(Some(session.config.stale_after_months()));
    args.reassess_after_months = args
        .reassess_after_months
        .or(Some(session.config.reassess_after_months()));
    args
}

/// Where an export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A new file.
    File(PathBuf),
}

/// Where `--out` sends a `format` export. A workbook is binary: it needs `--out`, and goes to
/// standard output (`--out -`) only when that is not a terminal.
pub fn destination(
    format: Format,
    out: Option<&std::path::Path>,
    stdout_is_terminal: bool,
) -> Result<Destination> {
    let dash = out.is_some_and(|p| p.as_os_str() == "-");
    match (format, out) {
        (Format::Xlsx, None) => bail!(
            "--format xlsx writes a binary workbook: give --out FILE (or --out - to write to a pipe)"
        ),
        (Format::Xlsx, Some(_)) if dash && stdout_is_terminal => bail!(
            "not writing a binary workbook to the terminal: redirect standard output, or give --out FILE"
        ),
        (_, Some(path)) if !dash => Ok(Destination::File(path.to_path_buf())),
        _ => Ok(Destination::Stdout),
    }
}

/// `kurabe export` as the command runs it: the export of `command` on `session`, written where
/// `--out` says. Returns the file written, if any.
pub fn run_export(
    session: &Session,
    command: &ExportCommand,
    stdout_is_terminal: bool,
    stdout: &mut impl Write,
) -> Result<Option<PathBuf>> {
    let args = session_args(session, &command.view);
    let to = destination(
        args.format,
        command.output.out.as_deref(),
        stdout_is_terminal,
    )?;
    // The index from the cache where it is stored there (the JSON export needs none).
    let index = (args.format != Format::Json)
        .then(|| session::search_index(&session.catalog, session.cache_place.as_ref()));
    let bytes = render_indexed(
        &session.catalog,
        &session.reviews,
        &session.paths,
        &args,
        command.output.encoding,
        &session.problems,
        index.as_ref(),
    )?;
    let written = match to {
        Destination::Stdout => {
            stdout.write_all(&bytes)?;
            stdout.flush()?;
            None
        }
        Destination::File(path) => {
            crate::files::write_exclusive(&path, &bytes).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::anyhow!(
                        "{} already exists; kurabe never overwrites a file (choose another name)",
                        path.display()
                    )
                } else {
                    anyhow::anyhow!("cannot write {}: {e}", path.display())
                }
            })?;
            Some(path)
        }
    };
    // After the output: the stored index is for the next run.
    if let Some(index) = &index {
        session::store_index(index, session.cache_place.as_ref());
    }
    Ok(written)
}

/// The profile `--requirements` names (a file, or a profile id of `paths`' requirements
/// directory), if any.
fn profile_of(catalog: &Catalog, paths: &Paths, args: &ExportArgs) -> Result<Option<Arc<Profile>>> {
    Ok(match &args.requirements {
        Some(given) => Some(Arc::new(
            super::requirements_command::resolve(given, catalog, paths, &mut std::io::stderr())?
                .profile,
        )),
        None => None,
    })
}

/// The catalogue's JSON with one field more, `requirements`: the profile judged for every
/// vendor, in the shape of `kurabe evaluate --format json`.
fn with_outcomes(json: &str, catalog: &Catalog, profile: &Profile) -> Result<String> {
    let mut json: serde_json::Value = serde_json::from_str(json)?;
    let vendors: Vec<usize> = (0..catalog.vendors.len()).collect();
    let eval = crate::requirements::evaluate(profile, catalog, &vendors);
    let outcomes = export::scorecard::json_shape(profile, catalog, &eval, Lang::En);
    if let Some(object) = json.as_object_mut() {
        object.insert("requirements".to_string(), serde_json::to_value(outcomes)?);
    }
    let text = serde_json::to_string_pretty(&json)? + "\n";
    Ok(crate::sanitize::text(&text).into_owned())
}
