//! Whole-process measures in a real terminal (tmux, 160×45): start to first frame, key to
//! screen against a trivial echo program, peak memory.
//!
//! - **First frame**: the time from asking tmux to start `kurabe --data DIR` (with a fresh
//!   HOME and XDG directories) to the first capture of the screen that shows [`MARKER`], the
//!   category list's frame, drawn only once the catalogue is there. *Cold*: an empty cache
//!   directory. *Cached*: the same HOME again, once the cold run has quit and its cache files
//!   have stopped changing (the cache may be written after the first frame, on a thread).
//! - **Idle**: when the process's CPU time (utime + stime, /proc/PID/stat) grows by less than
//!   a fifth of a core over a second, i.e. the start-up work done after the first frame (index,
//!   cache) is over; then the share of a core it uses over 2 s with nothing typed.
//! - **Key → screen**: `/` opens the search, then each char of each query is typed and timed
//!   until the first row shows `/` + the query so far + `█`; the same keys typed into
//!   `xtask echo`, which draws the same row, with the same poll loop. Then, if it can be
//!   detected, until the row also says the number of matching controls the in-process search
//!   found for that prefix (complete results on screen).
//! - **Peak memory**: VmHWM of the kurabe process (/proc/PID/status), after the first frame,
//!   when idle, and after the queries.

use super::tmux::Tmux;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// On kurabe's first frame with the catalogue (the category list's title).
pub const MARKER: &str = "┌ Categories";
pub const WIDTH: u16 = 160;
pub const HEIGHT: u16 = 45;

const START_TIMEOUT: Duration = Duration::from_secs(300);
const KEY_TIMEOUT: Duration = Duration::from_secs(10);
const RESULTS_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StartRun {
    pub first_frame_ms: Option<f64>,
    pub idle_ms: Option<f64>,
    pub hwm_first_frame_kib: u64,
    pub hwm_idle_kib: u64,
    pub hwm_after_queries_kib: Option<u64>,
    /// Share of one core used over 2 s once idle, nothing typed.
    pub idle_cpu: Option<f64>,
    /// Bytes in the cache directory once the run has quit.
    pub cache_bytes: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyScreen {
    pub typed: String,
    pub distinct: bool,
    pub ms: Option<f64>,
    pub results_ms: Option<f64>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ScreenReport {
    pub cold: Vec<StartRun>,
    pub cached: Vec<StartRun>,
    pub keys_cold: Vec<KeyScreen>,
    pub keys_cached: Vec<KeyScreen>,
    pub notes: Vec<String>,
}

/// The programs and what to type.
pub struct Setup<'a> {
    pub kurabe: &'a Path,
    pub data: &'a Path,
    pub runs: usize,
    pub queries: &'a [&'a str],
    /// Controls the results list shows for each prefix (from the in-process search).
    pub shown: &'a HashMap<String, usize>,
    pub gap: Duration,
}

/// The trivial program's figures, measured once: poll round trip, first frame, keys.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub round_trip_ms: Vec<f64>,
    pub first_frame_ms: Vec<f64>,
    pub keys: Vec<KeyScreen>,
}

fn session_name() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("s{}", N.fetch_add(1, Ordering::Relaxed))
}

/// The command tmux runs: `program` with a clean environment whose HOME is `home`.
fn command_in(home: &Path, program: &[String]) -> String {
    let h = home.display();
    format!(
        "exec env -i PATH=/usr/bin:/bin TERM=screen LANG=C.UTF-8 HOME={h} XDG_CONFIG_HOME={h}/.config \
         XDG_DATA_HOME={h}/.local/share XDG_CACHE_HOME={h}/.cache XDG_STATE_HOME={h}/.local/state {}",
        program.join(" ")
    )
}

/// `xtask echo` in tmux: round trips, first frame and keys.
pub fn baseline(tmux: &mut Tmux, xtask: &Path, setup: &Setup) -> Result<Baseline> {
    let home = tempfile::tempdir()?;
    let program = vec![xtask.display().to_string(), "echo".to_string()];
    let mut report = Baseline::default();
    for _ in 0..setup.runs.max(3) {
        let s = session_name();
        let t = Instant::now();
        tmux.spawn(&s, WIDTH, HEIGHT, &command_in(home.path(), &program))?;
        let at = tmux.wait_for(&s, Some((0, 0)), t, START_TIMEOUT, |rows| {
            rows.first().is_some_and(|r| r.starts_with("/█"))
        })?;
        report.first_frame_ms.extend(at.map(ms));
        if report.round_trip_ms.is_empty() {
            report.round_trip_ms = tmux.round_trip(&s, 300)?;
            report.keys = type_queries(tmux, &s, setup, false, &mut Vec::new())?;
        }
        quit(tmux, &s)?;
    }
    Ok(report)
}

/// The cold and cached runs of kurabe; the last of each also types the queries.
pub fn kurabe_runs(tmux: &mut Tmux, setup: &Setup) -> Result<ScreenReport> {
    let mut report = ScreenReport::default();
    let data = std::fs::canonicalize(setup.data)?;
    let program = vec![
        setup.kurabe.display().to_string(),
        "--data".to_string(),
        data.display().to_string(),
    ];
    for run in 0..setup.runs {
        let last = run + 1 == setup.runs;
        let home = tempfile::tempdir()?;
        for cached in [false, true] {
            let (start, keys) =
                one_run(tmux, home.path(), &program, setup, last, &mut report.notes)?;
            if cached {
                report.cached.push(start);
                if let Some(k) = keys {
                    report.keys_cached = k;
                }
            } else {
                if start.cache_bytes == 0 {
                    report
                        .notes
                        .push("the cold run left no cache file".to_string());
                }
                report.cold.push(start);
                if let Some(k) = keys {
                    report.keys_cold = k;
                }
            }
        }
    }
    report.notes.sort();
    report.notes.dedup();
    Ok(report)
}

fn one_run(
    tmux: &mut Tmux,
    home: &Path,
    program: &[String],
    setup: &Setup,
    type_keys: bool,
    notes: &mut Vec<String>,
) -> Result<(StartRun, Option<Vec<KeyScreen>>)> {
    let s = session_name();
    let t = Instant::now();
    tmux.spawn(&s, WIDTH, HEIGHT, &command_in(home, program))?;
    let pid = tmux.pane_pid(&s)?;
    let at = tmux.wait_for(&s, None, t, START_TIMEOUT, |rows| {
        rows.iter().any(|r| r.contains(MARKER))
    })?;
    let mut run = StartRun {
        first_frame_ms: at.map(ms),
        hwm_first_frame_kib: vm_hwm_kib(pid).unwrap_or(0),
        ..StartRun::default()
    };
    if at.is_none() {
        notes.push(format!("no first frame within {START_TIMEOUT:?}"));
        tmux.kill_session(&s)?;
        return Ok((run, None));
    }
    run.idle_ms = wait_idle(pid, t)?.0.map(ms);
    run.hwm_idle_kib = vm_hwm_kib(pid).unwrap_or(0);
    run.idle_cpu = cpu_share(pid, Duration::from_secs(2));
    let keys = if type_keys {
        let keys = type_queries(tmux, &s, setup, true, notes)?;
        run.hwm_after_queries_kib = vm_hwm_kib(pid);
        Some(keys)
    } else {
        None
    };
    quit(tmux, &s)?;
    run.cache_bytes = settled_bytes(&home.join(".cache"))?;
    Ok((run, keys))
}

/// Types each query into the session's search line (see the module doc).
fn type_queries(
    tmux: &mut Tmux,
    s: &str,
    setup: &Setup,
    is_kurabe: bool,
    notes: &mut Vec<String>,
) -> Result<Vec<KeyScreen>> {
    let first_row = Some((0, 0));
    let row = |rows: &[String]| rows.first().cloned().unwrap_or_default();
    let mut detect_results = is_kurabe;
    let mut seen = std::collections::HashSet::new();
    let mut keys = Vec::new();
    for query in setup.queries {
        tmux.press(s, "Escape")?;
        if is_kurabe {
            tmux.wait_for(s, first_row, Instant::now(), KEY_TIMEOUT, |r| {
                !row(r).starts_with('/')
            })?
            .context("Esc did not close kurabe's search")?;
            tmux.press(s, "/")?;
        }
        tmux.wait_for(s, first_row, Instant::now(), KEY_TIMEOUT, |r| {
            row(r).starts_with("/█")
        })?
        .context("the search line did not open")?;
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let line = format!("/{typed}█");
            let t = Instant::now();
            tmux.type_text(s, &c.to_string())?;
            let at = tmux.wait_for(s, first_row, t, KEY_TIMEOUT, |r| row(r).starts_with(&line))?;
            let mut results_ms = None;
            if detect_results && at.is_some() {
                let expected = setup
                    .shown
                    .get(&typed)
                    .map(|n| format!("{line}  {n} matching controls"));
                let got = match &expected {
                    Some(e) => {
                        tmux.wait_for(s, first_row, t, RESULTS_TIMEOUT, |r| row(r).trim_end() == e)?
                    }
                    None => None,
                };
                if got.is_none() {
                    detect_results = false;
                    let shown = tmux.capture(s, first_row)?.join("");
                    notes.push(format!(
                        "results on screen not detected (wanted {:?}, the row showed {:?}); not measured from there on",
                        expected.unwrap_or_default(),
                        shown.trim_end()
                    ));
                }
                results_ms = got.map(ms);
            }
            keys.push(KeyScreen {
                typed: typed.clone(),
                distinct: seen.insert(typed.clone()),
                ms: at.map(ms),
                results_ms,
            });
            std::thread::sleep(setup.gap);
        }
    }
    Ok(keys)
}

/// Ctrl-C, then waits for the program to exit (kills the session after a minute).
fn quit(tmux: &mut Tmux, s: &str) -> Result<()> {
    tmux.press(s, "C-c")?;
    let t = Instant::now();
    while tmux.has_session(s)? {
        if t.elapsed() > Duration::from_secs(60) {
            tmux.kill_session(s)?;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// utime + stime of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which may hold spaces: state is field 3, utime 14.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Below this share of one core over [`IDLE_WINDOW`] the process counts as idle: the start-up
/// work is over (an event loop that wakes to redraw may stay above zero).
const IDLE_SHARE: f64 = 0.2;
const IDLE_WINDOW: Duration = Duration::from_secs(1);

/// The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux).
fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// Waits until `pid` uses less than [`IDLE_SHARE`] of a core over [`IDLE_WINDOW`]; the time
/// since `since` when that window began, and the share of a core it used in the window.
fn wait_idle(pid: u32, since: Instant) -> Result<(Option<Duration>, Option<f64>)> {
    let hz = ticks_per_second();
    let mut history: Vec<(Duration, u64)> = Vec::new();
    loop {
        let Some(ticks) = cpu_ticks(pid) else {
            return Ok((None, None));
        };
        let now = since.elapsed();
        history.push((now, ticks));
        if let Some(&(then, before)) = history.iter().rev().find(|(t, _)| now - *t >= IDLE_WINDOW) {
            let share = (ticks - before) as f64 / hz / (now - then).as_secs_f64();
            if share < IDLE_SHARE {
                return Ok((Some(then), Some(share)));
            }
        }
        if now > START_TIMEOUT {
            return Ok((None, None));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The share of one core `pid` uses over `window` (e.g. while nothing happens).
fn cpu_share(pid: u32, window: Duration) -> Option<f64> {
    let before = cpu_ticks(pid)?;
    let t = Instant::now();
    std::thread::sleep(window);
    let after = cpu_ticks(pid)?;
    Some((after - before) as f64 / ticks_per_second() / t.elapsed().as_secs_f64())
}

/// The bytes of the files under `dir` once they have stopped changing (the same names and sizes
/// 300 ms apart), waiting up to a minute.
fn settled_bytes(dir: &Path) -> Result<u64> {
    let t = Instant::now();
    let mut last = files(dir);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = files(dir);
        if now == last || t.elapsed() > Duration::from_secs(60) {
            return Ok(now.iter().map(|(_, b)| b).sum());
        }
        last = now;
    }
}

fn files(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.metadata() {
            Ok(m) if m.is_dir() => out.extend(files(&path)),
            Ok(m) => out.push((path, m.len())),
            Err(_) => {}
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_a_peak_and_cpu_time() {
        let pid = std::process::id();
        assert!(vm_hwm_kib(pid).is_some_and(|k| k > 0));
        assert!(cpu_ticks(pid).is_some());
    }

    #[test]
    fn the_program_runs_with_a_clean_home() {
        let c = command_in(
            Path::new("/tmp/h"),
            &["/bin/k".into(), "--data".into(), "/d".into()],
        );
        assert!(c.starts_with("exec env -i "));
        assert!(c.contains("HOME=/tmp/h XDG_CONFIG_HOME=/tmp/h/.config"));
        assert!(c.ends_with(" /bin/k --data /d"));
    }
}
