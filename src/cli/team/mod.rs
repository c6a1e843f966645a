//! `kurabe team init`, `team status` and `team sync`: the data directory shared through git,
//! its files merged by kurabe's own drivers (`kurabe merge-reviews`, `kurabe merge-vendor`).
//! Git runs as a child process ([`git`]); every one of its errors is shown as git said it.

pub mod changes;
pub mod git;
mod init;
mod status;
mod sync;

use crate::paths::Paths;
use git::{Git, GitError};
use std::io::Write;
use std::path::{Path, PathBuf};

pub use init::init;
pub use status::status;
pub use sync::sync;

#[derive(Debug, Clone, clap::Args)]
pub struct TeamArgs {
    #[command(subcommand)]
    pub command: TeamCommand,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum TeamCommand {
    /// Make your data directory a git repository (or adopt the one it is in) and set up
    /// kurabe's merge drivers, .gitattributes and .gitignore. Never commits; a second run
    /// changes nothing.
    Init,
    /// Say whether the data directory is a git repository, whether the merge drivers are set
    /// up in it, its remote and branch, and what is not committed. Exit status 1 when `team
    /// init` is still to run.
    Status,
    /// Commit what changed (a message naming the vendors and controls), pull (merging through
    /// kurabe's drivers) and push. Exit status 1 when git refused a step, as git said.
    Sync,
}

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("{}: not a git repository: run `kurabe team init` first", shown(.0))]
    NotARepository(PathBuf),
    #[error("cannot create the data directory {}: {source}", shown(path))]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", shown(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", shown(path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A git command that failed, with what git said.
    #[error("`git {command}` failed:\n{said}")]
    Refused { command: String, said: String },
    #[error(transparent)]
    Sync(#[from] sync::SyncError),
    #[error(transparent)]
    Output(#[from] std::io::Error),
}

/// A path as the terminal may show it.
fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string()).into_owned()
}

/// The two drivers: git's name for each, its description and kurabe's command.
pub const DRIVERS: [(&str, &str, &str); 2] = [
    ("kurabe-reviews", "kurabe reviews", "merge-reviews"),
    ("kurabe-vendor", "kurabe vendor files", "merge-vendor"),
];

/// The `.gitattributes` lines that route the data directory's files to the drivers.
pub const ATTRIBUTE_LINES: [&str; 3] = [
    "reviews.yaml merge=kurabe-reviews",
    "vendors/*.yaml merge=kurabe-vendor",
    "vendors/*.yml merge=kurabe-vendor",
];

/// The `.gitignore` lines for what kurabe keeps beside its files: the reviews' lock and
/// backup, vendor files' locks (`.acme.yaml.lock`) and temporary files (`.kurabeXXXXXX.tmp`).
pub const IGNORE_LINES: [&str; 4] = [
    "reviews.yaml.lock",
    "reviews.yaml.bak",
    ".*.lock",
    ".kurabe*.tmp",
];

/// The repository a data directory is in, as git sees it.
#[derive(Debug, Clone)]
pub struct Repository {
    pub git: Git,
    /// The repository's top directory (the data directory itself, or one above it).
    pub top: PathBuf,
    /// The data directory's path inside the repository (`""` at the top, else ending in `/`).
    pub prefix: String,
}

impl Repository {
    /// The repository holding `dir`, if any (`None` also when `dir` does not exist).
    pub fn find(dir: &Path) -> Result<Option<Repository>, GitError> {
        if !dir.is_dir() {
            return Ok(None);
        }
        let git = Git::new(dir);
        let ran = git.run(&["rev-parse", "--show-toplevel", "--show-prefix"])?;
        if !ran.success {
            return Ok(None);
        }
        let mut lines = ran.stdout.lines();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let prefix = lines.next().unwrap_or_default().to_string();
        Ok(Some(Repository { git, top, prefix }))
    }

    /// The data directory's path of a path git gives relative to the top (`None` outside it).
    pub fn in_data_dir<'a>(&self, path: &'a str) -> Option<&'a str> {
        path.strip_prefix(self.prefix.as_str())
    }

    /// The drivers' commands registered in this repository's config, `None` for each missing.
    pub fn registered_drivers(&self) -> Result<[Option<String>; 2], GitError> {
        let [(reviews, ..), (vendor, ..)] = DRIVERS;
        Ok([
            self.git.config(&format!("merge.{reviews}.driver"))?,
            self.git.config(&format!("merge.{vendor}.driver"))?,
        ])
    }

    pub fn drivers_registered(&self) -> Result<bool, GitError> {
        Ok(self.registered_drivers()?.iter().all(Option::is_some))
    }
}

/// What `team` prints when a clone lacks the drivers.
pub const DRIVERS_MISSING: &str = "kurabe's merge drivers are not registered in this repository (a clone does not copy .git/config): run `kurabe team init`";

/// Runs a `kurabe team` command; the exit status it asks for.
pub fn run(args: &TeamArgs, paths: &Paths, out: &mut impl Write) -> Result<u8, TeamError> {
    match args.command {
        TeamCommand::Init => init(&paths.data_dir, out).map(|()| 0),
        TeamCommand::Status => status(&paths.data_dir, out),
        TeamCommand::Sync => sync(&paths.data_dir, out),
    }
}

/// The warning the app (at start) and `kurabe check` show when the data directory is a git
/// repository without kurabe's drivers: a `git pull` would then merge its files as plain text.
/// Git runs only when the directory looks shared (`.git` in it, or a `.gitattributes` naming
/// the drivers), so a start without a repository costs nothing.
pub fn missing_drivers_warning(paths: &Paths) -> Option<crate::catalog::Problem> {
    let dir = &paths.data_dir;
    // The file comes with the repository: read within the bound of every file kurabe reads.
    let routed = crate::catalog::yaml::read_bounded(&dir.join(".gitattributes"))
        .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains("merge=kurabe-"));
    if !routed && !dir.join(".git").exists() {
        return None;
    }
    let repository = Repository::find(dir).ok().flatten()?;
    if repository.drivers_registered().ok()? {
        return None;
    }
    Some(crate::catalog::Problem::new(
        &dir.display().to_string(),
        (0, 0),
        "a git repository without kurabe's merge drivers (a clone does not copy them): run `kurabe team init` before pulling",
    ))
}
