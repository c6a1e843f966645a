//! The shell of `kurabe import`: flags, reading the files, writing the draft (never over an
//! existing file) and telling the user what happened.

use super::draft::{self, Options};
use super::output;
use super::segment::Columns;
use super::source;
use crate::catalog::{Catalog, Status};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    Yaml,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The vendor's documents: .txt/.md/.html (PDF text), .xlsx/.xls/.ods, .csv/.tsv.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<PathBuf>,
    /// The new vendor's id (lowercase letters, digits, hyphens).
    #[arg(long, value_name = "ID")]
    pub vendor: String,
    /// The vendor's name (default: the id).
    #[arg(long)]
    pub name: Option<String>,
    /// Where to write the draft (default: YAML into your vendors directory as ID.yaml; JSON to
    /// standard output). An existing file is never overwritten.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "yaml")]
    pub format: DraftFormat,
    /// Spreadsheets: the column holding the question (header text or letter, e.g. `C`).
    #[arg(long, value_name = "COLUMN")]
    pub question_column: Option<String>,
    /// Spreadsheets: the column holding the vendor's answer (header text or letter).
    #[arg(long, value_name = "COLUMN")]
    pub answer_column: Option<String>,
}

/// Drafts the vendor and writes it. Messages go to `log`; JSON without `--out` goes to `out`.
pub fn run(
    catalog: &Catalog,
    vendors_dir: &Path,
    args: &ImportArgs,
    out: &mut impl Write,
    log: &mut impl Write,
) -> Result<()> {
    let sources = args
        .sources
        .iter()
        .map(|path| source::read(path).with_context(|| format!("cannot import {}", path.display())))
        .collect::<Result<Vec<_>>>()?;
    let options = Options {
        vendor: args.vendor.clone(),
        name: args.name.clone(),
        columns: Columns {
            question: args.question_column.clone(),
            answer: args.answer_column.clone(),
        },
    };
    let draft = draft::draft(catalog, &sources, &options)?;
    for note in &draft.notes {
        writeln!(log, "note: {note}")?;
    }
    let text = match args.format {
        DraftFormat::Yaml => output::to_yaml(&draft),
        DraftFormat::Json => output::to_json(&draft),
    };
    let target = match (&args.out, args.format) {
        (Some(path), _) => Some(path.clone()),
        (None, DraftFormat::Yaml) => {
            std::fs::create_dir_all(vendors_dir)
                .with_context(|| format!("cannot create {}", vendors_dir.display()))?;
            Some(vendors_dir.join(format!("{}.yaml", args.vendor)))
        }
        (None, DraftFormat::Json) => None,
    };
    let stated = draft
        .answers
        .iter()
        .filter(|a| a.answer.status != Status::NotStated)
        .count();
    match target {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            if let Err(e) = crate::files::write_exclusive(&path, text.as_bytes()) {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    bail!(
                        "{} already exists; kurabe never overwrites it (choose another --out or --vendor)",
                        path.display()
                    );
                }
                bail!("cannot write {}: {e}", path.display());
            }
            writeln!(log, "wrote {}", path.display())?;
        }
    }
    writeln!(
        log,
        "{} answers drafted from {} passage(s): {stated} stated from the best passage, {} not stated",
        draft.answers.len(),
        draft.passages.len(),
        draft.answers.len() - stated
    )?;
    if args.format == DraftFormat::Yaml {
        writeln!(
            log,
            "every answer is `draft: true`: review it, then run `kurabe check` to see the drafts left"
        )?;
    }
    Ok(())
}
