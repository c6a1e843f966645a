//! Git run as a child process (`git -C DIR …`, never through a shell), with what it prints read
//! only up to a bound: a huge diff or a hostile hook cannot make kurabe hold more than that.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How much of each of git's outputs kurabe keeps: more than any file it reads through the
/// YAML gate, so that `git show` of a vendor file is whole.
const KEPT_BYTES: u64 = crate::catalog::yaml::MAX_FILE_BYTES as u64 + 1;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0} (kurabe works with the data directory's git repository through the `git` program: install git)")]
    NotRunnable(std::io::Error),
}

/// What one git command did.
#[derive(Debug, Clone)]
pub struct Ran {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// What git said (its error output, else its output), made safe for the terminal.
    pub fn said(&self) -> String {
        let both = [self.stderr.trim_end(), self.stdout.trim_end()];
        let said: Vec<&str> = both.into_iter().filter(|s| !s.is_empty()).collect();
        crate::sanitize::text(&said.join("\n")).into_owned()
    }

    /// Standard output, trimmed, when git succeeded.
    pub fn value(&self) -> Option<String> {
        let value = self.stdout.trim();
        (self.success && !value.is_empty()).then(|| value.to_string())
    }
}

/// Git in one directory.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `git -C DIR ARGS`; a non-zero exit is an answer ([`Ran::success`]), only git
    /// missing is an error.
    pub fn run(&self, args: &[&str]) -> Result<Ran, GitError> {
        self.run_with(args, &[])
    }

    /// [`Git::run`] with environment variables set for git.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Result<Ran, GitError> {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .envs(env.iter().copied())
            // A merge commit's message is kurabe's: git never opens an editor here.
            .env("GIT_MERGE_AUTOEDIT", "no")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().map_err(GitError::NotRunnable)?;
        let stdout = child.stdout.take().map(bounded_reader);
        let stderr = child.stderr.take().map(bounded_reader);
        let status = child.wait().map_err(GitError::NotRunnable)?;
        let joined = |h: Option<std::thread::JoinHandle<String>>| {
            h.and_then(|h| h.join().ok()).unwrap_or_default()
        };
        Ok(Ran {
            success: status.success(),
            code: status.code(),
            stdout: joined(stdout),
            stderr: joined(stderr),
        })
    }

    /// `git config --get KEY` in this repository; `None` when unset.
    pub fn config(&self, key: &str) -> Result<Option<String>, GitError> {
        Ok(self.run(&["config", "--get", key])?.value())
    }
}

/// Reads a pipe on its own thread, keeping the first [`KEPT_BYTES`] and draining the rest so
/// that git never blocks on a full pipe.
fn bounded_reader(pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut pipe = pipe;
        let mut kept = Vec::new();
        let _ = (&mut pipe).take(KEPT_BYTES).read_to_end(&mut kept);
        let cut = std::io::copy(&mut pipe, &mut std::io::sink()).unwrap_or(0) > 0;
        let mut text = String::from_utf8_lossy(&kept).into_owned();
        if cut {
            text.push_str("\n[… git said more; kurabe kept the beginning]");
        }
        text
    })
}
