//! The shell of `kurabe import`: flags, reading the files (workbooks and PDFs in a contained
//! reader process), writing the draft (never over an existing file, never one `kurabe check`
//! would refuse), progress on a terminal, Ctrl-C, and telling the user what happened. Every
//! text from a document (file and sheet names, notes, errors) is sanitized before it is shown.

use super::draft::{self, Options};
use super::output;
use super::progress::Progress;
use super::segment::Columns;
use super::source::{self, contained::Containment};
use crate::catalog::{Catalog, Origin, Status};
use anyhow::{anyhow, bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    Yaml,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The vendor's documents: .txt/.md/.html, .pdf, .xlsx/.xls/.ods, .csv/.tsv.
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
    /// Draft a vendor whose id is one of the catalogue's (an embedded vendor): the draft then
    /// replaces it, every answer a draft to review.
    #[arg(long)]
    pub replace: bool,
    /// Update the vendor ID already in the catalogue: from a new version of its documents (an
    /// answer is kept where its quotes still stand and the new reading agrees, else drafted
    /// again beside what it said before), or from the follow-up questionnaire `kurabe followup`
    /// wrote, answered by the vendor. The previous file is kept in DATA/history/ID/.
    #[arg(long)]
    pub update: bool,
    /// With --update from the vendor's documents: the version of every source of the run
    /// (default: what each document says of itself, 「第4版」, "Version 2.3").
    #[arg(long, value_name = "VERSION", requires = "update")]
    pub doc_version: Option<String>,
    /// With --update from the vendor's documents: the date of every source of the run,
    /// YYYY-MM-DD or YYYY-MM (default: what each document says of itself).
    #[arg(long, value_name = "DATE", requires = "update")]
    pub doc_date: Option<String>,
}

/// The hidden subcommand's arguments: the contained reader of one source.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadSourceArgs {
    /// Address-space limit of the reader, in bytes.
    #[arg(long)]
    pub memory: u64,
    /// Processor-time limit of the reader, in seconds.
    #[arg(long)]
    pub cpu: u64,
    pub path: PathBuf,
}

/// Runs the contained reader (the child's side); returns its exit code.
pub fn serve_read(args: &ReadSourceArgs) -> u8 {
    source::contained::serve(&args.path, args.memory, args.cpu) as u8
}

/// Where the sources are read.
#[derive(Debug, Clone)]
pub enum Reader {
    /// In this process, bounded (the tests, `xtask`).
    InProcess,
    /// Workbooks and PDFs in a reader process (the CLI); text and CSV, whose readers are
    /// kurabe's own and bounded, in this one.
    Contained(Containment),
}

/// How `kurabe import` runs: its reader, whether it shows progress, and the flag its signal
/// handlers raise.
pub struct Shell {
    pub reader: Reader,
    /// Progress lines on standard error (when it is a terminal).
    pub progress: bool,
    interrupted: Arc<AtomicBool>,
    /// While raised, an interrupt ends the process at once (nothing is being written).
    end_at_once: Arc<AtomicBool>,
}

/// The import was interrupted (Ctrl-C, SIGTERM, SIGHUP) before anything was written.
#[derive(Debug, thiserror::Error)]
#[error("interrupted; nothing was written")]
pub struct Interrupted;

impl Shell {
    /// Reading in this process, no progress, no signal handlers.
    pub fn in_process() -> Self {
        Shell {
            reader: Reader::InProcess,
            progress: false,
            interrupted: Arc::default(),
            end_at_once: Arc::default(),
        }
    }

    /// The CLI's: workbooks and PDFs read by `program` (kurabe itself) in a contained process,
    /// progress when standard error is a terminal, and Ctrl-C stopping the reader and leaving
    /// nothing behind.
    pub fn contained(program: PathBuf) -> Result<Self> {
        use std::io::IsTerminal;
        let shell = Shell {
            reader: Reader::Contained(Containment::new(program)),
            progress: std::io::stderr().is_terminal(),
            interrupted: Arc::default(),
            end_at_once: Arc::default(),
        };
        #[cfg(unix)]
        for signal in [
            signal_hook::consts::SIGINT,
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
        ] {
            signal_hook::flag::register_conditional_default(signal, shell.end_at_once.clone())
                .context("cannot handle interrupts")?;
            signal_hook::flag::register(signal, shell.interrupted.clone())
                .context("cannot handle interrupts")?;
        }
        Ok(shell)
    }

    pub(super) fn interrupted(&self) -> bool {
        self.interrupted.load(Ordering::SeqCst)
    }

    pub(super) fn read(&self, path: &Path) -> Result<source::Source, source::SourceError> {
        match &self.reader {
            Reader::Contained(containment) if source::needs_containment(path) => {
                source::contained::read(path, containment, &|| self.interrupted())
            }
            _ => source::read(path),
        }
    }
}

/// Refuses an id of the catalogue's own vendors unless `--replace`, as `new-vendor` does.
fn check_vendor_id(catalog: &Catalog, args: &ImportArgs) -> Result<()> {
    let Some(v) = catalog.vendors.iter().find(|v| v.id() == args.vendor) else {
        return Ok(());
    };
    if v.origin == Origin::User || args.replace || args.format == DraftFormat::Json {
        return Ok(());
    }
    let from = match v.origin {
        Origin::Embedded => "the embedded vendor",
        _ => "a vendor of the --data catalogue",
    };
    let stated = v
        .answers
        .iter()
        .filter(|a| a.status != Status::NotStated)
        .count();
    bail!(
        "`{}` is {from} {}, with {stated} answers from its documents; a draft with that id would \
         replace it by one where every answer is a draft to review. Pass --replace to draft it anyway, \
         or choose another --vendor id",
        args.vendor,
        crate::sanitize::line(&v.info.name.en),
    )
}

/// The columns `--question-column` and `--answer-column` name.
pub(super) fn columns(args: &ImportArgs) -> Columns {
    Columns {
        question: args.question_column.clone(),
        answer: args.answer_column.clone(),
    }
}

/// Reads every source, showing progress; refuses the first that cannot be read, naming it.
pub(super) fn read_sources(
    shell: &Shell,
    paths: &[PathBuf],
    progress: &Progress,
) -> Result<Vec<source::Source>> {
    let mut sources = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let name = source::shown_name(path);
        progress.stage(format!("reading {name} ({}/{})", i + 1, paths.len()));
        match shell.read(path) {
            Ok(source) => sources.push(source),
            Err(source::SourceError::Interrupted { .. }) => return Err(Interrupted.into()),
            Err(e) => {
                let path = crate::sanitize::line(&path.display().to_string()).into_owned();
                return Err(anyhow!("{}", crate::sanitize::line(&e.to_string()))
                    .context(format!("cannot import {path}")));
            }
        }
        if shell.interrupted() {
            return Err(Interrupted.into());
        }
    }
    Ok(sources)
}

/// Drafts the vendor from `sources` (an interrupt ends the process at once meanwhile, nothing
/// being written), every passage cut to the length a draft carries (noted).
pub(super) fn draft_sources(
    catalog: &Catalog,
    shell: &Shell,
    sources: &[source::Source],
    options: &Options,
    progress: &Progress,
) -> Result<draft::Draft> {
    progress.stage(format!(
        "drafting {} controls from {} document(s)",
        catalog.controls.len(),
        sources.len()
    ));
    shell.end_at_once.store(true, Ordering::SeqCst);
    let drafted = draft::draft(catalog, sources, options);
    shell.end_at_once.store(false, Ordering::SeqCst);
    if shell.interrupted() {
        return Err(Interrupted.into());
    }
    let mut draft = drafted?;
    let cut = output::bound_passages(&mut draft);
    if cut > 0 {
        draft.notes.push(format!(
            "{cut} quote(s) or candidate(s) longer than {} characters were cut at a sentence end: read the rest in the document at the section cited",
            output::MAX_QUOTE_CHARS
        ));
    }
    Ok(draft)
}

/// Drafts the vendor and writes it. Messages go to `log`; JSON without `--out` goes to `out`.
pub fn run(
    catalog: &Catalog,
    vendors_dir: &Path,
    args: &ImportArgs,
    shell: &Shell,
    out: &mut impl Write,
    log: &mut impl Write,
) -> Result<()> {
    if args.update {
        return super::update::run(catalog, vendors_dir, args, shell, out, log);
    }
    check_vendor_id(catalog, args)?;
    let progress = Progress::start(shell.progress);
    let sources = read_sources(shell, &args.sources, &progress)?;
    let options = Options {
        vendor: args.vendor.clone(),
        name: args.name.clone(),
        columns: columns(args),
    };
    let draft = draft_sources(catalog, shell, &sources, &options, &progress)?;
    progress.finish();
    for note in &draft.notes {
        writeln!(log, "note: {}", crate::sanitize::line(note))?;
    }
    let text = match args.format {
        DraftFormat::Yaml => output::to_yaml(&draft),
        DraftFormat::Json => output::to_json(&draft),
    };
    let target = match (&args.out, args.format) {
        (Some(path), _) => Some(path.clone()),
        (None, DraftFormat::Yaml) => {
            std::fs::create_dir_all(vendors_dir)
                .with_context(|| format!("cannot create {}", shown(vendors_dir)))?;
            Some(vendors_dir.join(format!("{}.yaml", args.vendor)))
        }
        (None, DraftFormat::Json) => None,
    };
    if args.format == DraftFormat::Yaml {
        // The loader matches the id with the file name: checked as the file it is meant to be.
        let name = format!("{}.yaml", args.vendor);
        output::check_loadable(catalog, &name, &text)
            .map_err(|why| anyhow!("nothing written: {why}"))?;
    }
    let stated = draft
        .answers
        .iter()
        .filter(|a| a.answer.status != Status::NotStated)
        .count();
    match target {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            if shell.interrupted() {
                return Err(Interrupted.into());
            }
            // The write is atomic (a temporary file renamed into place): an interrupt during it
            // is acted on after it, by removing what was written.
            if let Err(e) = crate::files::write_exclusive(&path, text.as_bytes()) {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    bail!(
                        "{} already exists; kurabe never overwrites it (choose another --out or --vendor)",
                        shown(&path)
                    );
                }
                bail!("cannot write {}: {e}", shown(&path));
            }
            if shell.interrupted() {
                let _ = std::fs::remove_file(&path);
                return Err(Interrupted.into());
            }
            writeln!(log, "wrote {}", shown(&path))?;
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

fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string()).into_owned()
}
