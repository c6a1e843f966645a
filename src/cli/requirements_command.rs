//! The headless commands of requirements: `kurabe evaluate`, `kurabe followup` and
//! `kurabe new-requirements`. Bad input (a broken requirements file, an unknown vendor) is a
//! [`BadInput`], which `main` turns into exit status 2.

use crate::catalog::validate::is_valid_id;
use crate::catalog::{Catalog, Lang};
use crate::export::{followup, scorecard};
use crate::paths::Paths;
use crate::requirements::{self, LoadedProfile};
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
pub struct EvaluateArgs {
    /// The requirements file, or the id of a profile in your requirements directory
    /// (`kurabe paths`).
    #[arg(long, value_name = "FILE")]
    pub requirements: PathBuf,
    /// Vendors to judge, in order (comma-separated ids). Default: all.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub vendors: Vec<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// The language of names, requirements and reasons.
    #[arg(long, value_parser = ["en", "ja"], default_value = "en")]
    pub lang: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Md,
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, clap::Args)]
pub struct FollowupArgs {
    /// The vendor to ask.
    #[arg(long, value_name = "ID")]
    pub vendor: String,
    /// The requirements file, or the id of a profile in your requirements directory.
    #[arg(long, value_name = "FILE")]
    pub requirements: PathBuf,
    #[arg(long, value_enum, default_value = "md")]
    pub format: SheetFormat,
}

#[derive(Debug, Clone, clap::Args)]
pub struct NewRequirementsArgs {
    /// Write the template here (never over an existing file). Default: a new file in your
    /// requirements directory.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Input kurabe cannot work with: the message says what and how to fix it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// The profile `--requirements` names: a file, or else a profile id of the requirements
/// directory. Warnings go to `warn`.
pub fn resolve(
    given: &Path,
    catalog: &Catalog,
    paths: &Paths,
    warn: &mut impl Write,
) -> Result<LoadedProfile, BadInput> {
    let as_id = given.to_str().filter(|s| is_valid_id(s) && !given.exists());
    let loaded = match as_id {
        Some(id) => {
            let (profiles, problems) = requirements::load_dir(&paths.requirements_dir(), catalog);
            for p in &problems {
                let _ = writeln!(warn, "warning: {p}");
            }
            profiles
                .into_iter()
                .find(|p| p.profile.id == id)
                .ok_or_else(|| {
                    BadInput(format!(
                        "`{id}` is neither a file nor the id of a profile in {}\n  fix: give the path of a requirements file (`kurabe new-requirements` writes one)",
                        paths.requirements_dir().display()
                    ))
                })?
        }
        None => requirements::load_file(given, catalog).map_err(|p| BadInput(p.to_string()))?,
    };
    for w in &loaded.warnings {
        let _ = writeln!(warn, "warning: {w}");
    }
    Ok(loaded)
}

fn vendor_index(catalog: &Catalog, id: &str) -> Result<usize, BadInput> {
    catalog.vendor_index(id).ok_or_else(|| {
        let known: Vec<&str> = catalog.vendors.iter().map(|v| v.id()).collect();
        BadInput(format!(
            "unknown vendor `{id}` (known: {})",
            known.join(", ")
        ))
    })
}

/// `kurabe evaluate`: writes the report; `Ok(true)` when every shown vendor meets every must.
pub fn evaluate(
    catalog: &Catalog,
    paths: &Paths,
    args: &EvaluateArgs,
    out: &mut impl Write,
    warn: &mut impl Write,
) -> anyhow::Result<bool> {
    let loaded = resolve(&args.requirements, catalog, paths, warn)?;
    let vendors = if args.vendors.is_empty() {
        (0..catalog.vendors.len()).collect()
    } else {
        args.vendors
            .iter()
            .map(|id| vendor_index(catalog, id))
            .collect::<Result<Vec<_>, _>>()?
    };
    let profile = &loaded.profile;
    let eval = requirements::evaluate(profile, catalog, &vendors);
    let lang = if args.lang == "ja" {
        Lang::Ja
    } else {
        Lang::En
    };
    let text = match args.format {
        ReportFormat::Md => scorecard::render_markdown(profile, catalog, &eval, lang),
        ReportFormat::Json => scorecard::render_json(profile, catalog, &eval, lang),
    };
    out.write_all(text.as_bytes())?;
    Ok(eval.all_musts_met())
}

/// `kurabe followup`: writes the questionnaire for one vendor.
pub fn followup(
    catalog: &Catalog,
    paths: &Paths,
    args: &FollowupArgs,
    out: &mut impl Write,
    warn: &mut impl Write,
) -> anyhow::Result<()> {
    if args.format == SheetFormat::Xlsx && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(BadInput(
            "not writing a binary workbook to the terminal: redirect standard output to a file (`kurabe followup … --format xlsx > questions.xlsx`)".to_string(),
        )
        .into());
    }
    let vendor = vendor_index(catalog, &args.vendor)?;
    let loaded = resolve(&args.requirements, catalog, paths, warn)?;
    let profile = &loaded.profile;
    let eval = requirements::evaluate(profile, catalog, &[vendor]);
    let Some(one) = eval.vendors.first() else {
        return Ok(());
    };
    match args.format {
        SheetFormat::Csv => out.write_all(&followup::render_csv(profile, catalog, one)?)?,
        SheetFormat::Xlsx => out.write_all(
            &followup::render_xlsx(profile, catalog, one)
                .map_err(|e| anyhow::anyhow!("cannot build the workbook: {e}"))?,
        )?,
        _ => out.write_all(followup::render_markdown(profile, catalog, one).as_bytes())?,
    }
    Ok(())
}

/// `kurabe new-requirements`: writes the template, never over an existing file. Returns the
/// path written.
pub fn new_requirements(
    catalog: &Catalog,
    paths: &Paths,
    args: &NewRequirementsArgs,
) -> anyhow::Result<PathBuf> {
    let text = requirements::template::template(catalog);
    match &args.out {
        Some(path) => {
            crate::files::write_exclusive(path, text.as_bytes()).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::anyhow!(
                        "{} already exists; kurabe never overwrites it (choose another --out)",
                        path.display()
                    )
                } else {
                    anyhow::anyhow!("cannot write {}: {e}", path.display())
                }
            })?;
            Ok(path.clone())
        }
        None => {
            let dir = paths.requirements_dir();
            std::fs::create_dir_all(&dir)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
            crate::files::write_new(&dir, "requirements", "yaml", text.as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write into {}: {e}", dir.display()))
        }
    }
}
