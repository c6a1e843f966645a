//! The command line: parsing (clap) and the headless commands.

use crate::catalog::{self, Catalog, Lang, Loaded, Problems};
use crate::export;
use crate::search::SearchIndex;
use crate::view::{self, Scope, ViewSpec};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

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
    /// Print the current view (markdown) or the whole catalogue (JSON).
    Export(ExportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Json,
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
    /// Only controls where the shown vendors' answers differ.
    #[arg(long)]
    pub only_differences: bool,
    /// Only controls where at least one shown vendor states nothing.
    #[arg(long)]
    pub only_unstated: bool,
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
}

/// Loads the catalogue the flags ask for.
pub fn load(data: Option<&PathBuf>) -> Result<Loaded, Problems> {
    match data {
        Some(dir) => catalog::load_dir(dir),
        None => catalog::load_embedded(),
    }
}

/// `kurabe check`: prints problems; the exit code says whether there were any.
pub fn check(data: Option<&PathBuf>, out: &mut impl Write) -> Result<bool> {
    match load(data) {
        Err(problems) => {
            writeln!(out, "{problems}")?;
            writeln!(
                out,
                "{} problem(s); the catalogue cannot be loaded",
                problems.0.len()
            )?;
            Ok(false)
        }
        Ok(loaded) => {
            for p in &loaded.problems {
                writeln!(out, "{p}")?;
            }
            let c = &loaded.catalog;
            let answers: usize = c.vendors.iter().map(|v| v.answers.len()).sum();
            if loaded.problems.is_empty() {
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
                writeln!(out, "{} problem(s)", loaded.problems.len())?;
                Ok(false)
            }
        }
    }
}

/// Builds the view spec that export flags describe.
pub fn spec_from_args(catalog: &Catalog, args: &ExportArgs) -> Result<ViewSpec> {
    let vendors = if args.vendors.is_empty() {
        (0..catalog.vendors.len()).collect()
    } else {
        args.vendors
            .iter()
            .map(|id| {
                catalog.vendor_index(id).with_context(|| {
                    let known: Vec<&str> = catalog.vendors.iter().map(|v| v.id()).collect();
                    format!("unknown vendor `{id}` (known: {})", known.join(", "))
                })
            })
            .collect::<Result<Vec<_>>>()?
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
    Ok(ViewSpec {
        lang: args.lang.into(),
        query: args.query.clone(),
        vendors,
        only_differences: args.only_differences,
        only_unstated: args.only_unstated,
        scope,
    })
}

/// `kurabe export`.
pub fn export(catalog: &Catalog, args: &ExportArgs) -> Result<String> {
    match args.format {
        Format::Json => {
            if !args.query.is_empty() || args.category.is_some() || !args.vendors.is_empty() {
                bail!("--format json writes the whole catalogue; view flags apply to --format md");
            }
            Ok(export::json::render(catalog))
        }
        Format::Md => {
            let spec = spec_from_args(catalog, args)?;
            let index = SearchIndex::new(catalog);
            Ok(export::markdown::render(&view::derive(
                catalog, &index, &spec,
            )))
        }
    }
}
