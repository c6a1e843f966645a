//! Reading and saving the reviews file so that no verdict or note is lost.
//!
//! Saving takes an advisory lock on a sidecar file (`reviews.yaml.lock`, beside the file a
//! symlink points to), re-reads the file, merges this kurabe's changes into it
//! ([`super::merge`]), copies the file as it was to `reviews.yaml.bak`, and replaces it keeping
//! its mode, owner and hard links ([`crate::files::replace_keeping`]). A file that
//! looks truncated is never overwritten.

use super::merge::{merge, Merged};
use super::{Parsed, Reviews};
use crate::catalog::{yaml, Problem};
use crate::files::{self, Lock, LockError};
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file as it is now cannot be merged with (truncated, broken, unreadable).
    #[error("{} (the file is not overwritten{})", one_line(.0), .0.hint.as_ref().map(|h| format!("; fix: {h}")).unwrap_or_default())]
    Unreadable(Problem),
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(transparent)]
    Lock(LockError),
}

/// A problem's place and message, without its hint.
fn one_line(problem: &Problem) -> String {
    Problem {
        hint: None,
        ..problem.clone()
    }
    .to_string()
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> SaveError {
    let path = path.to_path_buf();
    move |source| SaveError::Io {
        action,
        path,
        source,
    }
}

/// `path` with `suffix` added to its file name: `reviews.yaml` → `reviews.yaml.bak`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Where the previous good copy of a reviews file is kept.
pub fn backup_path(path: &Path) -> PathBuf {
    beside(&resolve(path), ".bak")
}

/// The file a path names, through any symlinks (a dangling symlink: the file it would create).
fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    match std::fs::read_link(path) {
        Ok(target) => path.parent().unwrap_or(Path::new(".")).join(target),
        Err(_) => path.to_path_buf(),
    }
}

/// The advisory lock on the sidecar file of a reviews file (`reviews.yaml.lock`).
fn lock(target: &Path, exclusive: bool) -> Result<Lock, SaveError> {
    Lock::take(&beside(target, ".lock"), exclusive).map_err(SaveError::Lock)
}

/// Reads the reviews file (a missing one is no reviews), under a shared lock when the lock
/// file can be made, so that a save in progress is not read half done.
pub fn load(path: &Path) -> Result<Parsed, Problem> {
    let target = resolve(path);
    let _lock = target.exists().then(|| lock(&target, false).ok());
    read(&target).map(|(parsed, _)| parsed)
}

/// The file's reviews and its bytes (`None` when there is no file).
fn read(target: &Path) -> Result<(Parsed, Option<Vec<u8>>), Problem> {
    let name = target.display().to_string();
    let bytes = match yaml::read_bounded(target) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Parsed::default(), None)),
        Err(e) => {
            return Err(Problem::new(&name, (0, 0), format!("cannot read: {e}")).hint(
                "point kurabe at a readable YAML file (check its permissions); verdicts are not saved until it can be read",
            ))
        }
    };
    let backup = beside(target, ".bak");
    let backup_holds_reviews = std::fs::metadata(&backup).is_ok_and(|m| m.len() > 0);
    if bytes.is_empty() && backup_holds_reviews {
        return Err(Problem::new(
            &name,
            (1, 1),
            "possibly truncated: the file is empty, but its previous copy is not",
        )
        .hint(format!(
            "copy back {}, or delete both files to start with no reviews",
            backup.display()
        )));
    }
    Ok((Reviews::parse_checked(&name, &bytes)?, Some(bytes)))
}

/// Saves `ours` (this kurabe's reviews, which it read as `base`) into the file at `path`,
/// merged with what the file holds now. Returns the merged reviews, which are now in the file.
pub fn save(path: &Path, base: &Reviews, ours: &Reviews) -> Result<Merged, SaveError> {
    let target = resolve(path);
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io_error("create", dir))?;
    }
    let _lock = lock(&target, true)?;
    let (theirs, bytes) = read(&target).map_err(SaveError::Unreadable)?;
    let merged = merge(base, ours, &theirs.reviews);
    let contents = merged.reviews.to_yaml();
    match bytes {
        None => files::write_exclusive_private(&target, contents.as_bytes())
            .map_err(io_error("write", &target))?,
        Some(bytes) if bytes == contents.as_bytes() => {}
        Some(bytes) => {
            if !bytes.is_empty() {
                keep_backup(&target, &bytes)?;
            }
            files::replace_keeping(&target, contents.as_bytes())
                .map_err(io_error("write", &target))?;
        }
    }
    Ok(merged)
}

/// Keeps `bytes` (the file before this save) as `reviews.yaml.bak`, with the file's mode.
fn keep_backup(target: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let backup = beside(target, ".bak");
    files::write_atomic_like(&backup, target, bytes).map_err(io_error("write the backup", &backup))
}
