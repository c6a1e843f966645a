//! `xtask bench`: kurabe measured from outside, on generated catalogues of several sizes
//! (100, 1,000, 3,000 and 10,000 vendors × 150 controls by default), whole process against
//! whole process where it can be. Per size:
//!
//! 1. in process ([`search`]): load cold and cached, build the index, complete ranked results
//!    per key over distinct keys of distinct queries;
//! 2. in tmux ([`screen`]): start to first frame, cold and cached, repeated; time to idle;
//!    key → screen against a trivial echo program; peak memory (VmHWM);
//! 3. whole process ([`fzf`]): `kurabe search` (and, second, `kurabe export --query`) against
//!    `fzf --filter` over a dump of the same texts with the same multi-word semantics
//!    ([`texts`]).
//!
//! The report is markdown ([`report`]). Nothing here runs in `cargo test` but the harness's own
//! unit tests.

use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub mod fzf;
pub mod report;
pub mod screen;
pub mod search;
pub mod stats;
pub mod texts;
pub mod tmux;

/// Typed one key at a time, in process and in tmux: English words, Japanese words, one letter,
/// several words (the generated catalogue's vocabulary; `bkup` is a scattered match).
pub const KEY_QUERIES: &[&str] = &[
    "deletion",
    "encryption",
    "backup",
    "incident",
    "retention",
    "logs",
    "audit",
    "tokyo",
    "bkup",
    "削除",
    "暗号化",
    "バックアップ",
    "監査",
    "障害",
    "委託",
    "x",
    "q",
    "v",
    "deletion 30",
    "backup 世代",
    "encryption aes",
    "incident 24 hours",
    "subcontract 委託",
];

/// Searched whole, kurabe's process against fzf's (the default of `--whole-queries`): a
/// one-letter query, short prefixes, an English word, Japanese and several words.
pub const WHOLE_QUERIES: &str = "s,sl,dele,deletion 30,削除,backup 世代";

/// The export format of the whole-process comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Every matching control with every vendor's answer (about as many bytes as fzf's lines).
    Md,
    /// One row per matching control.
    Csv,
}

#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Catalogue sizes, in vendors (comma-separated); each is `GEN_DIR/vN`, generated if absent.
    #[arg(long, value_delimiter = ',', default_value = "100,1000,3000,10000")]
    pub sizes: Vec<usize>,
    /// Controls of a generated catalogue.
    #[arg(long, default_value_t = 150)]
    pub controls: usize,
    /// Seed of a generated catalogue.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where the catalogues are (`vN` per size), generated if absent (e.g. /work/gen).
    #[arg(long, value_name = "DIR", default_value = "target/bench-gen")]
    pub gen_dir: PathBuf,
    /// Starts of each kind (cold, cached) per size.
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Runs of each whole-process query (kurabe and fzf alternate), at least 3 for a median.
    #[arg(long, default_value_t = 3)]
    pub fzf_runs: usize,
    /// Queries of the whole-process comparison (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = WHOLE_QUERIES)]
    pub whole_queries: Vec<String>,
    /// Output of `kurabe export` in the whole-process comparison.
    #[arg(long, value_enum, default_value = "md")]
    pub export_format: ExportFormat,
    /// Also time fzf over one line per text (its natural use) up to this many vendors.
    #[arg(long, default_value_t = 1000, value_name = "VENDORS")]
    pub per_text_up_to: usize,
    /// Pause after each key in tmux, in milliseconds.
    #[arg(long, default_value_t = 30)]
    pub gap_ms: u64,
    /// The kurabe binary (default: `cargo build --release --bin kurabe`, then target/release/kurabe).
    #[arg(long, value_name = "FILE")]
    pub kurabe: Option<PathBuf>,
    /// Also write the report to FILE (rewritten after each size).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Skip the in-tmux measures (first frame, key → screen, memory).
    #[arg(long)]
    pub no_tmux: bool,
}

/// One catalogue's measures.
pub struct SizeReport {
    pub name: String,
    pub vendors: usize,
    pub controls: usize,
    pub texts: usize,
    pub disk_bytes: u64,
    pub in_process: InProcessFigures,
    pub keys: Vec<search::KeyResult>,
    pub screen: Option<screen::ScreenReport>,
    pub whole: Vec<fzf::Row>,
    pub dump_bytes: (u64, Option<u64>),
}

pub struct InProcessFigures {
    pub load_cold_ms: f64,
    pub load_cached_ms: f64,
    pub index_ms: f64,
    pub index_store_ms: Option<f64>,
    pub index_open_ms: Option<f64>,
}

/// Everything the report says besides the sizes.
pub struct RunContext {
    pub machine: String,
    pub load_before: String,
    pub commit: String,
    pub fzf: Option<String>,
    pub baseline: Option<screen::Baseline>,
    pub started: Instant,
}

pub fn run(args: &BenchArgs, data: Option<&Path>, out: &mut impl Write) -> Result<()> {
    let started = Instant::now();
    let root = workspace_root();
    let kurabe = match &args.kurabe {
        Some(k) => k.clone(),
        None => build_kurabe(&root)?,
    };
    let xtask = std::env::current_exe().context("cannot find the xtask executable")?;
    let ctx_fzf = fzf::version();
    let mut ctx = RunContext {
        machine: report::machine(),
        load_before: report::load_average(),
        commit: commit(&root),
        fzf: ctx_fzf,
        baseline: None,
        started,
    };
    let catalogues: Vec<(String, PathBuf)> = match data {
        Some(d) => vec![(d.display().to_string(), d.to_path_buf())],
        None => args
            .sizes
            .iter()
            .map(|n| Ok((format!("v{n}"), ensure_generated(args, *n)?)))
            .collect::<Result<_>>()?,
    };
    let mut tmux = if args.no_tmux {
        None
    } else {
        Some(tmux::Tmux::start(screen::WIDTH, screen::HEIGHT)?)
    };
    if let Some(t) = tmux.as_mut() {
        eprintln!("bench: the trivial program (xtask echo) in tmux…");
        let shown = HashMap::new();
        let setup = setup(args, &kurabe, Path::new("."), &shown);
        ctx.baseline = Some(screen::baseline(t, &xtask, &setup)?);
    }
    let mut sizes = Vec::new();
    for (name, dir) in &catalogues {
        // `--whole-queries=` skips the comparison.
        let with_fzf = ctx.fzf.is_some() && args.whole_queries.iter().any(|q| !q.is_empty());
        sizes.push(measure(args, name, dir, &kurabe, tmux.as_mut(), with_fzf)?);
        // The sizes so far, in case a later one fails or is stopped.
        if let Some(path) = &args.out {
            let text = report::render(&ctx, &sizes, args)?;
            std::fs::write(path, &text).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    drop(tmux);
    write!(out, "{}", report::render(&ctx, &sizes, args)?)?;
    Ok(())
}

fn setup<'a>(
    args: &BenchArgs,
    kurabe: &'a Path,
    data: &'a Path,
    shown: &'a HashMap<String, usize>,
) -> screen::Setup<'a> {
    screen::Setup {
        kurabe,
        data,
        runs: args.runs.max(1),
        queries: KEY_QUERIES,
        shown,
        gap: Duration::from_millis(args.gap_ms),
    }
}

fn measure(
    args: &BenchArgs,
    name: &str,
    dir: &Path,
    kurabe: &Path,
    tmux: Option<&mut tmux::Tmux>,
    with_fzf: bool,
) -> Result<SizeReport> {
    let scratch = tempfile::tempdir()?;
    eprintln!("bench {name}: in process…");
    let run = search::load(dir, &scratch.path().join("in-process"))?;
    let keys = search::per_key(&run, KEY_QUERIES)?;
    let whole_hits: Vec<usize> = args
        .whole_queries
        .iter()
        .map(|q| search::hits(&run, q))
        .collect();
    let (vendors, controls, texts) = (
        run.catalog.vendors.len(),
        run.catalog.controls.len(),
        run.index.len(),
    );
    let per_control = scratch.path().join("per-control.txt");
    let per_text = (vendors <= args.per_text_up_to).then(|| scratch.path().join("per-text.txt"));
    if with_fzf {
        write_dump(&run.catalog, texts::Dump::PerControl, &per_control)?;
        if let Some(p) = &per_text {
            write_dump(&run.catalog, texts::Dump::PerText, p)?;
        }
    }
    let in_process = InProcessFigures {
        load_cold_ms: run.load_cold_ms,
        load_cached_ms: run.load_cached_ms,
        index_ms: run.index_ms,
        index_store_ms: run.index_store_ms,
        index_open_ms: run.index_open_ms,
    };
    drop(run);
    let shown: HashMap<String, usize> = keys
        .iter()
        .filter(|k| k.distinct)
        .map(|k| (k.typed.clone(), k.shown))
        .collect();
    let screen = match tmux {
        Some(t) => {
            eprintln!(
                "bench {name}: in tmux ({} cold and {} cached starts)…",
                args.runs, args.runs
            );
            Some(screen::kurabe_runs(t, &setup(args, kurabe, dir, &shown))?)
        }
        None => None,
    };
    let mut whole = Vec::new();
    if with_fzf {
        eprintln!("bench {name}: kurabe search and export against fzf --filter…");
        let home = scratch.path().join("export-home");
        warm_cache(kurabe, dir, &home)?;
        let inputs = fzf::Inputs {
            kurabe,
            data: dir,
            home: &home,
            per_control: &per_control,
            per_text: per_text.as_deref(),
            runs: args.fzf_runs,
            format: match args.export_format {
                ExportFormat::Md => "md",
                ExportFormat::Csv => "csv",
            },
        };
        for (q, hits) in args.whole_queries.iter().zip(whole_hits) {
            whole.push(fzf::compare(&inputs, q, hits)?);
        }
    }
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    Ok(SizeReport {
        name: name.to_string(),
        vendors,
        controls,
        texts,
        disk_bytes: dir_bytes(dir)?,
        in_process,
        keys,
        screen,
        whole,
        dump_bytes: (
            size(&per_control).unwrap_or(0),
            per_text.as_deref().and_then(size),
        ),
    })
}

fn write_dump(catalog: &kurabe::catalog::Catalog, dump: texts::Dump, path: &Path) -> Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    texts::write_dump(catalog, dump, &mut w)?;
    Ok(())
}

/// `kurabe` in a clean environment whose HOME (and XDG directories) are `home`.
pub(crate) fn kurabe_at_home(kurabe: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(kurabe);
    cmd.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"));
    cmd
}

/// One export, so that the timed ones read the cache; waits for the cache files to settle.
fn warm_cache(kurabe: &Path, dir: &Path, home: &Path) -> Result<()> {
    let status = kurabe_at_home(kurabe, home)
        .arg("--data")
        .arg(dir)
        .args(["export", "--format", "md", "--query", "warm"])
        .stdout(std::process::Stdio::null())
        .status()?;
    if !status.success() {
        bail!("kurabe export failed on {} ({status})", dir.display());
    }
    std::thread::sleep(Duration::from_millis(500));
    Ok(())
}

/// `GEN_DIR/vN`, generated first if it holds no catalogue.
fn ensure_generated(args: &BenchArgs, vendors: usize) -> Result<PathBuf> {
    let dir = args.gen_dir.join(format!("v{vendors}"));
    if !dir.join("controls.yaml").exists() {
        eprintln!(
            "bench: generating {} vendors into {}…",
            vendors,
            dir.display()
        );
        let spec = crate::generate::Spec {
            vendors,
            controls: args.controls,
            seed: args.seed,
        };
        crate::generate::generate(&dir, &spec)?;
    }
    Ok(dir)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Builds the app as it ships, so that the binary measured is the commit's.
fn build_kurabe(root: &Path) -> Result<PathBuf> {
    eprintln!("bench: cargo build --release --bin kurabe…");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()))
        .current_dir(root)
        .args(["build", "--release", "--bin", "kurabe"])
        .status()?;
    if !status.success() {
        bail!("cargo build --release --bin kurabe failed");
    }
    Ok(root.join("target/release/kurabe"))
}

/// The commit measured, and whether the tree had changes.
fn commit(root: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .current_dir(root)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let head = git(&["log", "-1", "--format=%h %s"]);
    let dirty = !git(&["status", "--porcelain", "--untracked-files=no"]).is_empty();
    format!(
        "{head}{}",
        if dirty {
            " (with uncommitted changes)"
        } else {
            ""
        }
    )
}

/// Total size of the files under `dir` (apparent sizes, as `du -sb`).
pub fn dir_bytes(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            dir_bytes(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
