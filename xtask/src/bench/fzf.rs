//! Whole process against whole process, over a dump of the same texts ([`super::texts`]):
//! - like for like: `kurabe --data DIR search Q` (the ranked list of matching controls, one
//!   line each, no limit) against `fzf --filter Q` (the matching lines of the dump, one line
//!   per control);
//! - `kurabe --data DIR export --query Q` (every matching control with every vendor's answer:
//!   markdown by default, about the bytes of fzf's matching lines) against the same fzf runs.
//!
//! kurabe runs with the HOME of a cached run (its cache written) and writes to /dev/null; fzf
//! reads the dump from a file and writes to /dev/null. They alternate, `runs` times each, and
//! each ratio is of medians in the same run.

use super::search::ms_since;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    pub query: String,
    /// `kurabe search`.
    pub search_ms: Vec<f64>,
    /// Lines `kurabe search` printed (controls).
    pub search_lines: usize,
    /// `kurabe export --query`.
    pub export_ms: Vec<f64>,
    /// Controls the in-process search found (those the export writes).
    pub export_controls: usize,
    pub fzf_ms: Vec<f64>,
    /// Matching lines of the per-control dump (controls).
    pub fzf_lines: usize,
    /// fzf over one line per text, if measured.
    pub per_text_ms: Vec<f64>,
    pub per_text_lines: Option<usize>,
}

/// fzf's version, or `None` when it is not installed.
pub fn version() -> Option<String> {
    let out = Command::new("fzf").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub struct Inputs<'a> {
    pub kurabe: &'a Path,
    pub data: &'a Path,
    /// A HOME whose cache holds this catalogue.
    pub home: &'a Path,
    pub per_control: &'a Path,
    pub per_text: Option<&'a Path>,
    pub runs: usize,
    /// `kurabe export --format`.
    pub format: &'static str,
}

pub fn compare(inputs: &Inputs, query: &str, export_controls: usize) -> Result<Row> {
    let mut row = Row {
        query: query.to_string(),
        search_ms: Vec::new(),
        search_lines: count_lines(search(inputs, query, Stdio::piped()))?,
        export_ms: Vec::new(),
        export_controls,
        fzf_ms: Vec::new(),
        fzf_lines: count_lines(fzf(query, inputs.per_control, Stdio::piped())?)?,
        per_text_ms: Vec::new(),
        per_text_lines: None,
    };
    if let Some(p) = inputs.per_text {
        row.per_text_lines = Some(count_lines(fzf(query, p, Stdio::piped())?)?);
    }
    for _ in 0..inputs.runs.max(1) {
        row.search_ms
            .push(timed(&mut search(inputs, query, Stdio::null()))?);
        row.fzf_ms
            .push(timed(&mut fzf(query, inputs.per_control, Stdio::null())?)?);
        row.export_ms.push(timed(&mut export(inputs, query))?);
        if let Some(p) = inputs.per_text {
            row.per_text_ms
                .push(timed(&mut fzf(query, p, Stdio::null())?)?);
        }
    }
    Ok(row)
}

/// `kurabe search`, every match (no `--limit`), one line per control.
fn search(inputs: &Inputs, query: &str, stdout: Stdio) -> Command {
    let mut cmd = super::kurabe_at_home(inputs.kurabe, inputs.home);
    cmd.arg("--data")
        .arg(inputs.data)
        .args(["search", "--format", "text", "--", query])
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped());
    cmd
}

fn export(inputs: &Inputs, query: &str) -> Command {
    let mut cmd = super::kurabe_at_home(inputs.kurabe, inputs.home);
    cmd.arg("--data")
        .arg(inputs.data)
        .args(["export", "--format", inputs.format, "--query", query])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn fzf(query: &str, input: &Path, stdout: Stdio) -> Result<Command> {
    let file =
        std::fs::File::open(input).with_context(|| format!("opening {}", input.display()))?;
    let mut cmd = Command::new("fzf");
    cmd.arg("--filter")
        .arg(query)
        .stdin(file)
        .stdout(stdout)
        .stderr(Stdio::null());
    Ok(cmd)
}

/// Runs `cmd` to the end; its wall time in milliseconds. fzf exits 1 when nothing matches.
fn timed(cmd: &mut Command) -> Result<f64> {
    let t = Instant::now();
    let out = cmd.output()?;
    let elapsed = ms_since(t);
    match out.status.code() {
        Some(0 | 1) => Ok(elapsed),
        _ => bail!(
            "{:?} failed ({}): {}",
            cmd.get_program(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ),
    }
}

/// Runs `cmd` and counts the lines it writes (not timed).
fn count_lines(mut cmd: Command) -> Result<usize> {
    let mut child = cmd.spawn()?;
    let mut stdout = child.stdout.take().context("no stdout")?;
    let mut buf = vec![0u8; 1 << 16];
    let mut lines = 0;
    loop {
        let n = stdout.read(&mut buf)?;
        if n == 0 {
            break;
        }
        lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
    }
    child.wait()?;
    Ok(lines)
}
