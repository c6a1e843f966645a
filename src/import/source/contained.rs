//! Reading untrusted workbooks and PDFs where nothing they do can take kurabe down: in a child
//! process — `kurabe` itself, run with a hidden subcommand — under a memory limit (RLIMIT_AS),
//! a processor-time limit (RLIMIT_CPU) and a wall-clock timeout. The bounds of [`super::limits`]
//! refuse what they can foresee; this catches the rest (an allocation failure aborts a process,
//! which no `catch_unwind` catches; a parser may loop). The child sends the parsed [`Source`]
//! back on its standard output (postcard, size-bounded, behind a trailer that says it is
//! whole), so one hostile file gives one clear error naming it.

use super::limits::human_bytes;
use super::{Source, SourceError};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "__read-source";
/// Address space of the reader process.
pub const MEMORY_LIMIT: u64 = 2 * 1024 * 1024 * 1024;
/// Processor time of the reader process.
pub const CPU_SECONDS: u64 = 120;
/// Time of the reader process, by the clock.
pub const WALL_LIMIT: Duration = Duration::from_secs(180);
/// The most a reply may be: the text bound, the cells' layout and postcard's framing.
const MAX_REPLY_BYTES: u64 = 96 * 1024 * 1024;
/// Ends a whole reply, after its length.
const TRAILER: &[u8; 8] = b"KURABE\x01\x00";
/// What is kept of the reader's error output, to tell why it stopped.
const MAX_STDERR_BYTES: u64 = 16 * 1024;

#[derive(Serialize, Deserialize)]
enum Reply {
    Read(Source),
    Refused(String),
}

/// The reader process: which program, and its limits.
#[derive(Debug, Clone)]
pub struct Containment {
    /// The `kurabe` executable (`std::env::current_exe()` in the CLI).
    pub program: PathBuf,
    pub memory_bytes: u64,
    pub cpu_seconds: u64,
    pub wall: Duration,
}

impl Containment {
    pub fn new(program: PathBuf) -> Self {
        Containment {
            program,
            memory_bytes: MEMORY_LIMIT,
            cpu_seconds: CPU_SECONDS,
            wall: WALL_LIMIT,
        }
    }
}

/// Reads `path` in a reader process. `interrupted` is asked while it runs; when it says yes,
/// the reader is stopped and the read ends as [`SourceError::Interrupted`].
pub fn read(
    path: &Path,
    containment: &Containment,
    interrupted: &dyn Fn() -> bool,
) -> Result<Source, SourceError> {
    let file = super::shown_name(path);
    let fail = |message: String| SourceError::Reader {
        file: file.clone(),
        message,
    };
    let mut command = Command::new(&containment.program);
    // A process group of its own, so that stopping it stops what it runs (pdftotext) too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .arg(SUBCOMMAND)
        .arg("--memory")
        .arg(containment.memory_bytes.to_string())
        .arg("--cpu")
        .arg(containment.cpu_seconds.to_string())
        .arg("--")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            fail(format!(
                "cannot start the reader process ({}): {e}",
                crate::sanitize::line(&containment.program.display().to_string())
            ))
        })?;
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.take(MAX_REPLY_BYTES + 1).read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.take(MAX_STDERR_BYTES).read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let mut stopped_for = None;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {
                if interrupted() {
                    stopped_for = Some(Stop::Interrupted);
                } else if started.elapsed() > containment.wall {
                    stopped_for = Some(Stop::Timeout);
                } else if out.is_finished() {
                    // Its reply reached the limit (or it closed its output): nothing more is read.
                    stopped_for = Some(Stop::Reply);
                }
                if stopped_for.is_some() {
                    stop_group(&mut child);
                    match child.wait() {
                        Ok(status) => break status,
                        Err(e) => return Err(fail(format!("cannot wait for the reader: {e}"))),
                    }
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(fail(format!("cannot wait for the reader: {e}"))),
        }
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    match stopped_for {
        Some(Stop::Interrupted) => return Err(SourceError::Interrupted { file }),
        Some(Stop::Timeout) => {
            return Err(fail(format!(
                "reading it took more than {} s, so kurabe stopped the reader; the file is damaged or built to hang a reader",
                containment.wall.as_secs()
            )))
        }
        Some(Stop::Reply) | None => {}
    }
    if out.len() as u64 > MAX_REPLY_BYTES {
        return Err(SourceError::limit(
            &file,
            format!(
                "what was read from it is more than {}, the most kurabe takes from one document",
                human_bytes(MAX_REPLY_BYTES)
            ),
        ));
    }
    if status.success() {
        if let Some(reply) = unframe(&out) {
            return match postcard::from_bytes::<Reply>(reply) {
                Ok(Reply::Read(source)) => Ok(source),
                Ok(Reply::Refused(message)) => Err(SourceError::Refused {
                    message: crate::sanitize::line(&message).into_owned(),
                }),
                Err(e) => Err(fail(format!("the reader's reply is damaged: {e}"))),
            };
        }
    }
    Err(fail(why_it_stopped(status, &err, containment)))
}

/// Kills the reader and everything it started.
fn stop_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
}

enum Stop {
    Interrupted,
    Timeout,
    Reply,
}

fn why_it_stopped(
    status: std::process::ExitStatus,
    stderr: &[u8],
    containment: &Containment,
) -> String {
    let said = String::from_utf8_lossy(stderr);
    if said.contains("memory allocation of") || said.contains("capacity overflow") {
        return format!(
            "reading it needed more than the {} of memory kurabe allows a reader, so the reader was stopped; the file is damaged or built to exhaust memory",
            human_bytes(containment.memory_bytes)
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            // SIGXCPU at the soft limit, SIGKILL at the hard one.
            if signal == 24 || (signal == 9 && said.is_empty()) {
                return format!(
                    "reading it took more than {} s of processor time, so kurabe stopped the reader; the file is damaged or built to hang a reader",
                    containment.cpu_seconds
                );
            }
            return format!(
                "the reader stopped on it (signal {signal}); the file is damaged or not what its name says"
            );
        }
    }
    let last = said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| {
            crate::sanitize::line(l.trim())
                .chars()
                .take(300)
                .collect::<String>()
        })
        .unwrap_or_default();
    if last.is_empty() {
        format!("the reader failed on it ({status})")
    } else {
        format!("the reader failed on it ({status}): {last}")
    }
}

/// The reply inside the child's output: payload, its length (u64, little-endian), the trailer.
fn unframe(out: &[u8]) -> Option<&[u8]> {
    let body = out.strip_suffix(TRAILER)?;
    let (payload, length) = body.split_at_checked(body.len().checked_sub(8)?)?;
    let length = u64::from_le_bytes(length.try_into().ok()?);
    (length == payload.len() as u64).then_some(payload)
}

/// The child's side: limits itself, reads `path` in this process, writes the reply to
/// standard output. Returns the process's exit code.
pub fn serve(path: &Path, memory_bytes: u64, cpu_seconds: u64) -> i32 {
    // One line a panic, for the parent to quote should the process fail; a caught panic is
    // reported in the reply and its line ignored.
    std::panic::set_hook(Box::new(|info| {
        let message = super::panic_message(info.payload());
        eprintln!("panic: {message}");
    }));
    if let Err(e) = limit_self(memory_bytes, cpu_seconds) {
        eprintln!("cannot limit the reader process: {e}");
        return 3;
    }
    let reply = match super::read(path) {
        Ok(source) => Reply::Read(source),
        Err(e) => Reply::Refused(e.to_string()),
    };
    let Ok(mut bytes) = postcard::to_allocvec(&reply) else {
        eprintln!("cannot encode the reply");
        return 3;
    };
    let length = bytes.len() as u64;
    bytes.extend_from_slice(&length.to_le_bytes());
    bytes.extend_from_slice(TRAILER);
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(&bytes)
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return 3;
    }
    0
}

#[cfg(unix)]
fn limit_self(memory_bytes: u64, cpu_seconds: u64) -> std::io::Result<()> {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let lower = |resource: Resource, soft: u64, hard: u64| -> std::io::Result<()> {
        let current = getrlimit(resource);
        let cap = |wanted: u64, now: Option<u64>| Some(now.map_or(wanted, |n| n.min(wanted)));
        setrlimit(
            resource,
            Rlimit {
                current: cap(soft, current.current),
                maximum: cap(hard, current.maximum),
            },
        )
        .map_err(std::io::Error::from)
    };
    lower(Resource::As, memory_bytes, memory_bytes)?;
    lower(Resource::Cpu, cpu_seconds, cpu_seconds.saturating_add(5))
}

#[cfg(not(unix))]
fn limit_self(_memory_bytes: u64, _cpu_seconds: u64) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_whole_reply_is_taken() {
        let mut framed = b"abc".to_vec();
        framed.extend_from_slice(&3u64.to_le_bytes());
        framed.extend_from_slice(TRAILER);
        assert_eq!(unframe(&framed), Some(&b"abc"[..]));
        assert_eq!(unframe(&framed[1..]), None);
        assert_eq!(unframe(&framed[..framed.len() - 1]), None);
        assert_eq!(unframe(b""), None);
    }
}
