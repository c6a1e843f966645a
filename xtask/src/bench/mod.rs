//! `xtask bench`: how fast kurabe is on the embedded catalogue and on a generated registry of
//! 1,000 vendors × 150 controls, measured the way a user meets it.
//!
//! Each scenario runs in a child process of its own (`xtask bench --scenario …`), so that its
//! peak resident memory (`VmHWM`) is its own and a cold load is not helped by an earlier one.
//! A scenario loads the catalogue, builds the app and draws the first frame (ratatui's
//! `TestBackend`, 160×45), then types each query of [`QUERIES`] one char at a time and measures
//! per key:
//! - **frame, the app's update**: `update(SearchInput)` and a draw, as the app does: the update
//!   searches inline on small catalogues and hands the search to the worker thread on large
//!   ones (whose results are then fed back, as the worker would);
//! - **frame, search off the UI thread (simulated)**: the typed key drawn over the previous
//!   results (the query pushed, the view derived, a draw), independent of the app's wiring;
//! - **complete ranked results**: [`kurabe::search::SearchIndex::search_with`] narrowing from the previous
//!   key's search, and the ranked view derived from its hits.
//!
//! It then compares a full search of each query with `fzf --filter` over the same texts, one per
//! line. Nothing here is a test: `cargo test` stays fast.

use crate::generate::{self, Spec};
use anyhow::{bail, Context, Result};
use kurabe::catalog::{self, cache, Loaded};
use kurabe::search::Previous;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui;
use kurabe::tui::update::update;
use kurabe::view::{self, ViewSpec};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

mod report;
use report::write_report;
pub use report::{load_average, machine, percentile};

/// The queries typed, one char at a time.
pub const QUERIES: &[&str] = &[
    "削除",
    "deletion 30",
    "暗号化",
    "iso27017",
    "bkup",
    "backup 世代",
];

/// The screen the first frame and every key are drawn on.
const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Vendors in the generated catalogue.
    #[arg(long, default_value_t = 1000)]
    pub vendors: usize,
    /// Controls in the generated catalogue.
    #[arg(long, default_value_t = 150)]
    pub controls: usize,
    /// Seed of the generated catalogue.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Times each query is typed (more keys for the percentiles).
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// Generate into DIR and keep it, instead of a temporary directory (`--data DIR` benchmarks
    /// an existing catalogue instead of generating one).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Only the embedded catalogue.
    #[arg(long)]
    pub embedded_only: bool,
    /// Internal: run one scenario (`embedded`, `cold`, `cached`) in this process and print its
    /// measurements as JSON.
    #[arg(long, hide = true)]
    pub scenario: Option<String>,
    /// Internal: the cache directory of the `cold` and `cached` scenarios.
    #[arg(long, hide = true)]
    pub cache_dir: Option<PathBuf>,
}

/// One key's timings, in milliseconds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeySample {
    pub query: String,
    pub typed: String,
    pub frame_inline: f64,
    pub frame_async: f64,
    pub results: f64,
    pub hits: usize,
}

/// One full query against `fzf --filter`, in milliseconds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FzfRow {
    pub query: String,
    pub kurabe: f64,
    pub kurabe_hits: usize,
    pub fzf: Option<f64>,
    pub fzf_lines: usize,
}

/// What one scenario measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScenarioReport {
    pub name: String,
    pub vendors: usize,
    pub controls: usize,
    pub texts: usize,
    /// Reading and checking the files, or reading the cache.
    pub load_ms: f64,
    /// Building the app (its search index).
    pub app_ms: f64,
    /// Drawing the first frame.
    pub draw_ms: f64,
    /// Start to first frame: the three above.
    pub first_frame_ms: f64,
    /// Writing the cache after the first frame (cold start only).
    pub cache_write_ms: Option<f64>,
    pub cache_bytes: Option<u64>,
    /// Peak resident memory after loading, when the first frame is drawn, and at the end, in
    /// KiB.
    pub rss_load_kib: u64,
    pub rss_first_frame_kib: u64,
    pub rss_peak_kib: u64,
    pub keys: Vec<KeySample>,
    pub fzf: Vec<FzfRow>,
    pub fzf_note: Option<String>,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident set size of this process so far (`VmHWM`), in KiB.
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// `xtask bench`: runs the scenarios in child processes and writes the report.
pub fn run(args: &BenchArgs, data: Option<&Path>, out: &mut impl Write) -> Result<()> {
    if let Some(name) = &args.scenario {
        let report = run_scenario(name, args, data)?;
        writeln!(out, "{}", serde_json::to_string(&report)?)?;
        return Ok(());
    }
    let exe = std::env::current_exe().context("cannot find the kurabe executable")?;
    let started = Instant::now();
    writeln!(out, "{}", machine())?;
    if cfg!(debug_assertions) {
        writeln!(
            out,
            "**warning: a debug build; measure with `cargo run --release -p xtask -- bench`**\n"
        )?;
    }
    let mut reports = vec![child(&exe, "embedded", args, None, None)?];
    let mut generated = None;
    if !args.embedded_only {
        let temp;
        let dir = match (data, &args.dir) {
            (Some(d), _) => d.to_path_buf(),
            (None, Some(d)) => d.clone(),
            (None, None) => {
                temp = tempfile::tempdir()?;
                temp.path().to_path_buf()
            }
        };
        if data.is_none() {
            let spec = Spec {
                vendors: args.vendors,
                controls: args.controls,
                seed: args.seed,
            };
            let t = Instant::now();
            generate::generate(&dir, &spec)?;
            generated = Some((spec, ms(t.elapsed())));
        }
        let disk = dir_bytes(&dir)?;
        let cache_dir = tempfile::tempdir()?;
        reports.push(child(
            &exe,
            "cold",
            args,
            Some(&dir),
            Some(cache_dir.path()),
        )?);
        reports.push(child(
            &exe,
            "cached",
            args,
            Some(&dir),
            Some(cache_dir.path()),
        )?);
        write_report(out, &reports, Some((&dir, disk, generated)), args)?;
    } else {
        write_report(out, &reports, None, args)?;
    }
    writeln!(
        out,
        "\n(benchmark took {:.0} s; load average at the end {})",
        started.elapsed().as_secs_f64(),
        load_average()
    )?;
    Ok(())
}

fn child(
    exe: &Path,
    scenario: &str,
    args: &BenchArgs,
    data: Option<&Path>,
    cache_dir: Option<&Path>,
) -> Result<ScenarioReport> {
    let mut cmd = Command::new(exe);
    cmd.arg("bench")
        .arg("--scenario")
        .arg(scenario)
        .arg("--repeat")
        .arg(args.repeat.to_string());
    if let Some(d) = data {
        cmd.arg("--data").arg(d);
    }
    if let Some(c) = cache_dir {
        cmd.arg("--cache-dir").arg(c);
    }
    eprintln!("bench: {scenario}…");
    let output = cmd.stderr(Stdio::inherit()).output()?;
    if !output.status.success() {
        bail!("the {scenario} scenario failed ({})", output.status);
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().last().unwrap_or("");
    serde_json::from_str(line).with_context(|| format!("reading the {scenario} scenario's report"))
}

fn run_scenario(name: &str, args: &BenchArgs, data: Option<&Path>) -> Result<ScenarioReport> {
    let theme = Theme { color: true };
    let start = Instant::now();
    let loaded: Loaded = match (name, data) {
        ("embedded", _) => catalog::load_embedded().map_err(|p| anyhow::anyhow!("{p}"))?,
        ("cold", Some(dir)) => catalog::load_dir(dir).map_err(|p| anyhow::anyhow!("{p}"))?,
        ("cached", Some(dir)) => {
            let cache_dir = args.cache_dir.as_deref().context("--cache-dir is needed")?;
            match cache::read(dir, cache_dir)? {
                Some(loaded) => loaded,
                None => bail!("no cache in {} for {}", cache_dir.display(), dir.display()),
            }
        }
        _ => bail!("unknown scenario `{name}` (or no --data)"),
    };
    let load_ms = ms(start.elapsed());
    let rss_load_kib = peak_rss_kib();
    let t = Instant::now();
    let mut app = App::new(loaded.catalog, loaded.problems);
    update(
        &mut app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    let app_ms = ms(t.elapsed());
    let t = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    terminal.draw(|f| ui::draw(f, &app, &theme))?;
    let draw_ms = ms(t.elapsed());
    let first_frame_ms = ms(start.elapsed());
    let rss_first_frame_kib = peak_rss_kib();

    let (mut cache_write_ms, mut cache_bytes) = (None, None);
    if name == "cold" {
        if let (Some(dir), Some(cache_dir)) = (data, &args.cache_dir) {
            let t = Instant::now();
            cache_bytes = Some(cache::write(dir, cache_dir, &app.catalog, &app.problems)?);
            cache_write_ms = Some(ms(t.elapsed()));
        }
    }

    // The embedded catalogue is quick to type over: more keys make its p99 mean something.
    let repeat = args.repeat.max(1) * if name == "embedded" { 4 } else { 1 };
    let keys = keystrokes(&mut app, &mut terminal, &theme, repeat)?;
    let rss_peak_kib = peak_rss_kib();
    let (fzf, fzf_note) = if name == "embedded" || name == "cached" {
        compare_with_fzf(&app)?
    } else {
        (Vec::new(), None)
    };
    Ok(ScenarioReport {
        name: name.to_string(),
        vendors: app.catalog.vendors.len(),
        controls: app.catalog.controls.len(),
        texts: app.index.as_ref().map_or(0, |i| i.len()),
        load_ms,
        app_ms,
        draw_ms,
        first_frame_ms,
        cache_write_ms,
        cache_bytes,
        rss_load_kib,
        rss_first_frame_kib,
        rss_peak_kib,
        keys,
        fzf,
        fzf_note,
    })
}

/// Types every query `repeat` times and measures each key three ways (see the module doc).
fn keystrokes(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
    repeat: usize,
) -> Result<Vec<KeySample>> {
    let mut samples = Vec::new();
    for _ in 0..repeat {
        for query in QUERIES {
            // An empty search box.
            while !app.spec.query.is_empty() {
                update(app, Action::SearchBackspace);
            }
            update(app, Action::StartSearch);
            let mut prev: Option<Previous> = None;
            let mut typed = String::new();
            for c in query.chars() {
                // The key drawn over the previous results, as with a search off the UI thread:
                // what `update` does for a typed key besides searching (derive the view and
                // the list to pick the selection, again to keep it in view), then the frame.
                app.spec.query.push(c);
                let t = Instant::now();
                for _ in 0..2 {
                    let view = app.view();
                    let _ = app.nav(&view);
                }
                terminal.draw(|f| ui::draw(f, app, theme))?;
                let frame_async = ms(t.elapsed());
                app.spec.query.pop();

                // The app as it is: `update` searches inline (small catalogues) or hands the
                // search to the worker thread (large ones), then the frame is drawn.
                let t = Instant::now();
                update(app, Action::SearchInput(c));
                terminal.draw(|f| ui::draw(f, app, theme))?;
                let frame_inline = ms(t.elapsed());

                // Complete ranked results on the optimized path, narrowing from the last key.
                typed.push(c);
                let never = AtomicBool::new(false);
                let t = Instant::now();
                let done = app
                    .index
                    .as_ref()
                    .context("indexed")?
                    .search_with(&typed, &app.spec.vendors, prev.as_ref(), &never)
                    .map_err(|_| anyhow::anyhow!("search cancelled"))?;
                let spec = ViewSpec {
                    query: typed.clone(),
                    vendors: app.spec.vendors.clone(),
                    ..ViewSpec::all(&app.catalog)
                };
                let hits =
                    view::derive_with_hits(&app.catalog, &app.reviews, &spec, done.hits.clone())
                        .visible
                        .len();
                let results = ms(t.elapsed());
                if app.search.background {
                    // The worker's results arrive, as they would in the app.
                    update(
                        app,
                        Action::SearchDone(kurabe::tui::searcher::Done {
                            request: kurabe::tui::searcher::Request {
                                query: typed.clone(),
                                vendors: app.spec.vendors.clone(),
                            },
                            hits: done.hits,
                        }),
                    );
                }
                prev = Some(done.previous);
                samples.push(KeySample {
                    query: query.to_string(),
                    typed: typed.clone(),
                    frame_inline,
                    frame_async,
                    results,
                    hits,
                });
            }
        }
    }
    Ok(samples)
}

/// Each query searched in full (no previous work) by kurabe and by `fzf --filter` over the
/// index's texts, one per line; medians of three runs.
fn compare_with_fzf(app: &App) -> Result<(Vec<FzfRow>, Option<String>)> {
    let fzf_version = Command::new("fzf").arg("--version").output();
    let version = match fzf_version {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        _ => {
            return Ok((
                Vec::new(),
                Some("fzf is not installed (`apt-get install fzf`): no comparison".to_string()),
            ))
        }
    };
    let mut lines = tempfile::NamedTempFile::new()?;
    {
        let mut w = std::io::BufWriter::new(lines.as_file_mut());
        for text in app.index.as_ref().context("indexed")?.texts() {
            writeln!(w, "{}", text.replace(['\n', '\r'], " "))?;
        }
        w.flush()?;
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut rows = Vec::new();
    for query in QUERIES {
        let never = AtomicBool::new(false);
        let mut ours = Vec::new();
        let mut kurabe_hits = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let done = app
                .index
                .as_ref()
                .context("indexed")?
                .search_with(query, &app.spec.vendors, None, &never)
                .map_err(|_| anyhow::anyhow!("search cancelled"))?;
            ours.push(ms(t.elapsed()));
            kurabe_hits = done.hits.len();
        }
        let mut theirs = Vec::new();
        let mut fzf_lines = 0;
        for _ in 0..3 {
            let input = std::fs::File::open(lines.path())?;
            let t = Instant::now();
            let output = Command::new("fzf")
                .arg("--filter")
                .arg(query)
                .stdin(input)
                .stderr(Stdio::null())
                .output()?;
            theirs.push(ms(t.elapsed()));
            fzf_lines = output.stdout.iter().filter(|&&b| b == b'\n').count();
        }
        rows.push(FzfRow {
            query: query.to_string(),
            kurabe: median(ours),
            kurabe_hits,
            fzf: Some(median(theirs)),
            fzf_lines,
        });
    }
    Ok((rows, Some(format!("fzf {version}"))))
}

/// Total size of the files under `dir`.
fn dir_bytes(dir: &Path) -> Result<u64> {
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
