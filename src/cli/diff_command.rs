//! `kurabe diff ID`: what changed in a vendor's answers since an earlier version of its file —
//! by default the newest copy an update kept in `DATA/history/ID/` — with the requirement
//! outcomes that change, as markdown, JSON or an Excel workbook.

use super::requirements_command::{resolve, BadInput};
use super::LangArg;
use crate::catalog::load::read_vendor_against;
use crate::catalog::{Catalog, Lang, Origin, SourceFile, Vendor};
use crate::changes;
use crate::paths::Paths;
use crate::requirements::Profile;
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Md,
    Json,
    /// An Excel workbook (needs --output, or standard output redirected).
    Xlsx,
}

#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The vendor's id.
    pub id: String,
    /// The earlier version: the kept copy whose documents have this version ("4版", "2.3") or
    /// date (YYYY-MM-DD or YYYY-MM), or that was kept on that date; or a vendor file. Default:
    /// the newest copy in DATA/history/ID/.
    #[arg(long, value_name = "VERSION|DATE|FILE")]
    pub from: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: DiffFormat,
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// Judge the outcomes that change under this requirements profile (a file, or a profile id
    /// of your requirements directory). Default: the app's active profile, if any.
    #[arg(long, value_name = "FILE|ID")]
    pub profile: Option<PathBuf>,
    /// Write to FILE, a new file (never over an existing one); `-` for standard output.
    #[arg(long, alias = "out", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A copy of the vendor's file kept by an update, named after the time it was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: PathBuf,
    /// `YYYYMMDDTHHMMSS` and the number of the copy within that second.
    stamp: (String, u32),
}

/// The copies kept of vendor `id`, oldest first: those of your data directory, then those
/// beside the `--data` catalogue.
pub fn kept_copies(paths: &Paths, data: Option<&PathBuf>, id: &str) -> Vec<Kept> {
    let dirs = std::iter::once(paths.data_dir.clone()).chain(data.cloned());
    let mut kept: Vec<Kept> = dirs
        .map(|d| d.join("history").join(id))
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .map(|path| {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stamp = match stem.split_once('-') {
                Some((time, n)) => (time.to_string(), n.parse().unwrap_or(0)),
                None => (stem, 1),
            };
            Kept { path, stamp }
        })
        .collect();
    kept.sort_by(|a, b| a.stamp.cmp(&b.stamp));
    kept
}

fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string()).into_owned()
}

/// Reads an earlier version of vendor `id` as the loader checks a vendor file, against
/// `catalog`'s controls (a kept copy is named after its time, not its id).
pub fn read_version(path: &Path, id: &str, catalog: &Catalog) -> Result<Vendor, BadInput> {
    let bytes = crate::catalog::yaml::read_file(path).map_err(|p| BadInput(p.to_string()))?;
    let controls: Vec<(String, crate::catalog::ControlKind)> = catalog
        .controls
        .iter()
        .map(|c| (c.control.id.clone(), c.control.kind))
        .collect();
    let file = SourceFile::new(format!("{} (earlier version)", path.display()), bytes);
    let vendor = read_vendor_against(&file, Origin::User, &controls).map_err(|problems| {
        let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        BadInput(format!(
            "{} cannot be read as a vendor file:\n{}",
            shown(path),
            listed.join("\n")
        ))
    })?;
    if vendor.id() != id {
        return Err(BadInput(format!(
            "{} is the file of vendor `{}`, not of `{id}`",
            shown(path),
            crate::sanitize::line(vendor.id())
        )));
    }
    Ok(vendor)
}

/// "第4版" / "v4" / "4版" / "4" alike.
fn bare_version(v: &str) -> String {
    let v = v.trim();
    let v = v.strip_prefix('第').unwrap_or(v);
    let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
    let v = v.strip_suffix('版').unwrap_or(v);
    v.trim().to_string()
}

/// Whether the version `vendor` (kept at `kept`) is the one `--from` names.
fn is_named(vendor: &Vendor, kept: &Kept, from: &str) -> bool {
    let from = from.trim();
    let by_documents = vendor.documents.iter().any(|d| {
        d.version
            .as_deref()
            .is_some_and(|v| v.trim() == from || bare_version(v) == bare_version(from))
            || d.date
                .as_deref()
                .is_some_and(|d| d == from || d.starts_with(&format!("{from}-")))
    });
    let compact = from.replace('-', "");
    let by_time = from.len() >= 7
        && compact.chars().all(|c| c.is_ascii_digit())
        && kept.stamp.0.starts_with(&compact);
    by_documents || by_time
}

fn no_copy(id: &str, paths: &Paths) -> BadInput {
    BadInput(format!(
        "no earlier version of `{id}` to compare with: {} holds no copy.\n  \
         An update from a new version of its documents (`kurabe import SOURCE --vendor {id} --update`) \
         keeps the file as it was there; or give a vendor file with --from FILE",
        shown(&paths.data_dir.join("history").join(id))
    ))
}

/// The earlier version `args` asks for, with where it was read from.
pub fn earlier(
    catalog: &Catalog,
    paths: &Paths,
    data: Option<&PathBuf>,
    args: &DiffArgs,
) -> Result<(Vendor, PathBuf), BadInput> {
    if let Some(file) = args.from.as_deref().map(Path::new).filter(|p| p.is_file()) {
        return Ok((read_version(file, &args.id, catalog)?, file.to_path_buf()));
    }
    let kept = kept_copies(paths, data, &args.id);
    let Some(from) = &args.from else {
        let newest = kept.last().ok_or_else(|| no_copy(&args.id, paths))?;
        return Ok((
            read_version(&newest.path, &args.id, catalog)?,
            newest.path.clone(),
        ));
    };
    if kept.is_empty() {
        return Err(no_copy(&args.id, paths));
    }
    let mut seen = Vec::new();
    for copy in kept.iter().rev() {
        // A copy that cannot be read is named among the copies, not in the way of the others.
        let vendor = match read_version(&copy.path, &args.id, catalog) {
            Ok(vendor) => vendor,
            Err(e) => {
                seen.push(format!("  {e}"));
                continue;
            }
        };
        if is_named(&vendor, copy, from) {
            return Ok((vendor, copy.path.clone()));
        }
        let docs = changes::stamps(&vendor);
        seen.push(format!(
            "  {}: {}",
            shown(&copy.path),
            changes::report::documents_line(&docs, Lang::En)
        ));
    }
    Err(BadInput(format!(
        "no kept copy of `{}` has documents of version or date `{}`, nor was kept on that date; the copies:\n{}",
        args.id,
        crate::sanitize::line(from),
        seen.join("\n")
    )))
}

/// The profile to judge outcomes under: `--profile`, else the app's active one.
fn profile(
    catalog: &Catalog,
    paths: &Paths,
    args: &DiffArgs,
    warn: &mut impl Write,
) -> Result<Option<Profile>, BadInput> {
    if let Some(given) = &args.profile {
        return Ok(Some(resolve(given, catalog, paths, warn)?.profile));
    }
    let active = crate::tui::persist::Remembered::load(&paths.state_file())
        .ok()
        .flatten()
        .and_then(|r| r.profile);
    Ok(
        active.and_then(|id| match resolve(Path::new(&id), catalog, paths, warn) {
            Ok(loaded) => Some(loaded.profile),
            Err(e) => {
                let _ = writeln!(warn, "warning: the app's active profile is not used: {e}");
                None
            }
        }),
    )
}

/// `kurabe diff`: writes the report where `--output` says; returns the file written, if any.
pub fn run(
    catalog: &Catalog,
    paths: &Paths,
    data: Option<&PathBuf>,
    args: &DiffArgs,
    stdout_is_terminal: bool,
    out: &mut impl Write,
    warn: &mut impl Write,
) -> anyhow::Result<Option<PathBuf>> {
    let dash = args.output.as_ref().is_some_and(|p| p.as_os_str() == "-");
    let to_file = args.output.as_ref().filter(|_| !dash);
    if args.format == DiffFormat::Xlsx && to_file.is_none() && stdout_is_terminal {
        return Err(BadInput(
            "not writing a binary workbook to the terminal: give --output FILE, or redirect standard output".into(),
        )
        .into());
    }
    let after = catalog
        .vendors
        .iter()
        .find(|v| v.id() == args.id)
        .ok_or_else(|| {
            let known: Vec<&str> = catalog.vendors.iter().map(|v| v.id()).collect();
            BadInput(format!(
                "unknown vendor `{}` (known: {})",
                crate::sanitize::line(&args.id),
                known.join(", ")
            ))
        })?;
    let (before, _) = earlier(catalog, paths, data, args)?;
    let profile = profile(catalog, paths, args, warn)?;
    let diff = changes::diff(&before, after, catalog, profile.as_ref());
    let lang = Lang::from(args.lang);
    let bytes = match args.format {
        DiffFormat::Md => {
            super::diff_report::markdown(&diff, catalog, profile.as_ref(), lang).into_bytes()
        }
        DiffFormat::Json => super::diff_report::json(&diff, profile.as_ref(), lang).into_bytes(),
        DiffFormat::Xlsx => {
            crate::export::diff_sheet::render(&diff, catalog, profile.as_ref(), lang)
                .map_err(|e| anyhow::anyhow!("cannot build the workbook: {e}"))?
        }
    };
    match to_file {
        None => {
            out.write_all(&bytes)?;
            out.flush()?;
            Ok(None)
        }
        Some(path) => {
            crate::files::write_exclusive(path, &bytes).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::anyhow!(
                        "{} already exists; kurabe never overwrites a file (choose another name)",
                        shown(path)
                    )
                } else {
                    anyhow::anyhow!("cannot write {}: {e}", shown(path))
                }
            })?;
            Ok(Some(path.clone()))
        }
    }
}
