//! A tmux server of the benchmark's own (`tmux -L kurabe-bench-PID`), driven through one
//! control-mode client (`tmux -C`): a command is a line on its stdin and its answer the lines
//! between `%begin` and `%end`, so sending a key or capturing the screen costs a round trip on a
//! pipe, not the start of a `tmux` process (see [`Tmux::round_trip`] for what that costs).

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Pause between two captures of a poll loop, so that polling does not take a core from the
/// program measured (the machine may have two).
pub const POLL_PAUSE: Duration = Duration::from_millis(1);

/// How long a command may take to be answered before the server is taken for dead.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Tmux {
    socket: String,
    client: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
}

impl Tmux {
    /// Starts the server with an idle session for the control client, whose window is never
    /// used for measuring (each program runs in a session of its own, `width`×`height`).
    pub fn start(width: u16, height: u16) -> Result<Tmux> {
        let socket = format!("kurabe-bench-{}", std::process::id());
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "hold",
            ])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg("sleep 1000000")
            .status()
            .context("cannot run tmux (is it installed?)")?;
        if !status.success() {
            bail!("tmux could not start a server ({status})");
        }
        let mut client = Command::new("tmux")
            .args(["-L", &socket, "-C", "attach-session", "-t", "hold"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start tmux's control client")?;
        let stdin = client.stdin.take().context("no stdin for tmux")?;
        let stdout = client.stdout.take().context("no stdout from tmux")?;
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut tmux = Tmux {
            socket,
            client,
            stdin,
            lines,
        };
        // The attach is answered like a command; commands sent before it are lost.
        if let Err(message) = tmux
            .answer()
            .context("tmux's control client did not attach")?
        {
            bail!("tmux's control client did not attach: {message}");
        }
        Ok(tmux)
    }

    /// Runs one tmux command; `Ok(Err(message))` when tmux refused it.
    pub fn command(&mut self, command: &str) -> Result<Result<Vec<String>, String>> {
        writeln!(self.stdin, "{command}").context("tmux's control client is gone")?;
        self.stdin.flush()?;
        self.answer()
    }

    /// A command that must succeed.
    pub fn run(&mut self, command: &str) -> Result<Vec<String>> {
        match self.command(command)? {
            Ok(lines) => Ok(lines),
            Err(message) => bail!("tmux: `{command}`: {message}"),
        }
    }

    fn answer(&mut self) -> Result<Result<Vec<String>, String>> {
        let deadline = Instant::now() + ANSWER_TIMEOUT;
        let mut block: Option<(String, Vec<String>)> = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = match self.lines.recv_timeout(left) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => bail!("tmux did not answer within 30 s"),
                Err(RecvTimeoutError::Disconnected) => bail!("tmux's control client exited"),
            };
            match &mut block {
                None => {
                    // Notifications (`%output`, `%session-changed`, …) come between answers.
                    if let Some(rest) = line.strip_prefix("%begin ") {
                        block = Some((tag(rest), Vec::new()));
                    }
                }
                Some((id, body)) => {
                    if let Some(rest) = line.strip_prefix("%end ") {
                        if tag(rest) == *id {
                            return Ok(Ok(std::mem::take(body)));
                        }
                    }
                    if let Some(rest) = line.strip_prefix("%error ") {
                        if tag(rest) == *id {
                            return Ok(Err(body.join(" ")));
                        }
                    }
                    body.push(line);
                }
            }
        }
    }

    /// Starts `command` (run by tmux's shell) in a new detached session.
    pub fn spawn(&mut self, session: &str, width: u16, height: u16, command: &str) -> Result<()> {
        self.run(&format!(
            "new-session -d -s {session} -x {width} -y {height} {}",
            quote(command)?
        ))
        .map(drop)
    }

    /// The screen of `session`'s pane, one string per row; `rows` limits it (`0..=0` is the
    /// first row only).
    pub fn capture(&mut self, session: &str, rows: Option<(u16, u16)>) -> Result<Vec<String>> {
        let range = rows.map_or(String::new(), |(a, b)| format!(" -S {a} -E {b}"));
        self.run(&format!("capture-pane -p -t {session}{range}"))
    }

    /// Types `text` as it is (no key names).
    pub fn type_text(&mut self, session: &str, text: &str) -> Result<()> {
        self.run(&format!("send-keys -t {session} -l {}", quote(text)?))
            .map(drop)
    }

    /// Presses a named key (`Escape`, `C-c`, `/`).
    pub fn press(&mut self, session: &str, key: &str) -> Result<()> {
        self.run(&format!("send-keys -t {session} {}", quote(key)?))
            .map(drop)
    }

    pub fn pane_pid(&mut self, session: &str) -> Result<u32> {
        let lines = self.run(&format!("display-message -p -t {session} '#{{pane_pid}}'"))?;
        lines
            .first()
            .and_then(|l| l.trim().parse().ok())
            .context("tmux gave no pane pid")
    }

    pub fn has_session(&mut self, session: &str) -> Result<bool> {
        Ok(self.command(&format!("has-session -t {session}"))?.is_ok())
    }

    pub fn kill_session(&mut self, session: &str) -> Result<()> {
        let _ = self.command(&format!("kill-session -t {session}"))?;
        Ok(())
    }

    /// Polls `session`'s screen (the rows of `rows`) until `done` says yes; returns the time
    /// since `since` when it first did, or `None` after `timeout`.
    pub fn wait_for(
        &mut self,
        session: &str,
        rows: Option<(u16, u16)>,
        since: Instant,
        timeout: Duration,
        mut done: impl FnMut(&[String]) -> bool,
    ) -> Result<Option<Duration>> {
        loop {
            let screen = self.capture(session, rows)?;
            let at = since.elapsed();
            if done(&screen) {
                return Ok(Some(at));
            }
            if at > timeout {
                return Ok(None);
            }
            std::thread::sleep(POLL_PAUSE);
        }
    }

    /// Round trips of one screen capture (the first row), in milliseconds: the resolution of
    /// every poll loop of the benchmark.
    pub fn round_trip(&mut self, session: &str, samples: usize) -> Result<Vec<f64>> {
        let mut times = Vec::with_capacity(samples);
        for _ in 0..samples {
            let t = Instant::now();
            self.capture(session, Some((0, 0)))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        Ok(times)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Only this benchmark's own server (its own socket).
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .stderr(Stdio::null())
            .status();
        let _ = self.client.wait();
    }
}

/// The command number of a `%begin`/`%end` line (`TIME NUMBER FLAGS`).
fn tag(rest: &str) -> String {
    rest.split_whitespace().nth(1).unwrap_or("").to_string()
}

/// One tmux argument in single quotes (tmux's parser takes them literally).
fn quote(text: &str) -> Result<String> {
    if text.contains('\'') || text.contains('\n') {
        bail!("cannot pass {text:?} to tmux (a quote or a line break)");
    }
    Ok(format!("'{text}'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_matched_by_command_number() {
        assert_eq!(tag("1796118051 268 1"), "268");
        assert_eq!(quote("削除 30").unwrap(), "'削除 30'");
        assert!(quote("it's").is_err());
    }
}
