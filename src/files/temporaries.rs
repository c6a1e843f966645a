//! kurabe's temporary files: a file is written whole under a hidden name beside its target
//! (`.kurabeXXXXXX.tmp`), then renamed. None is left behind, however kurabe ends:
//!
//! - returning, an error, a panic: the temporary file removes itself when dropped;
//! - a signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT): every temporary file in flight is known here,
//!   and removed by [`remove_in_flight`] before kurabe dies of the signal (see
//!   [`remove_on_signals`] for the commands, the browser's own handler for the app);
//! - SIGKILL, a crash of the machine: nothing can run, so the next run removes, in kurabe's own
//!   directories (cache, state, data), the temporaries older than an hour ([`sweep`]) — by
//!   their exact name, and regular files only.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// The start and end of a temporary file's name; between them, six letters or digits.
pub const PREFIX: &str = ".kurabe";
pub const SUFFIX: &str = ".tmp";
const RANDOM: usize = 6;

/// What [`sweep`] leaves alone: a temporary file this recent may be another kurabe's, still
/// being written.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The temporary files being written now, removed on a signal.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the list was held leaves it as it was: still the right list.
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether `name` is one of kurabe's temporary files: `.kurabe`, six letters or digits, `.tmp`.
pub fn is_temporary_name(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|random| {
            random.len() == RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A temporary file being written, known to [`remove_in_flight`] until it is renamed or
/// dropped (which removes it).
pub struct Staged {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Staged {
    /// A new, empty temporary file in `dir` with the permissions `mode` (before umask).
    pub(super) fn new(dir: &Path, permissions: std::fs::Permissions) -> io::Result<Staged> {
        // Held while the file is made, so that a signal meanwhile waits for it to be listed.
        let mut list = in_flight();
        let file = tempfile::Builder::new()
            .prefix(PREFIX)
            .suffix(SUFFIX)
            .rand_bytes(RANDOM)
            .permissions(permissions)
            .tempfile_in(dir)?;
        let path = file.path().to_path_buf();
        list.push(path.clone());
        drop(list);
        Ok(Staged {
            file: Some(file),
            path,
        })
    }

    pub fn as_file(&self) -> &File {
        self.file
            .as_ref()
            .expect("present until persisted")
            .as_file()
    }

    pub fn as_file_mut(&mut self) -> &mut File {
        self.file
            .as_mut()
            .expect("present until persisted")
            .as_file_mut()
    }

    /// Gives the file its name, replacing whatever had it.
    pub fn persist(mut self, path: &Path) -> io::Result<()> {
        let file = self.file.take().expect("present until persisted");
        match file.persist(path) {
            Ok(_) => Ok(()),
            Err(e) => {
                self.file = Some(e.file);
                Err(e.error)
            }
        }
    }

    /// Gives the file its name if no file has it; else gives the temporary file back.
    pub fn persist_noclobber(mut self, path: &Path) -> Result<(), (Staged, io::Error)> {
        let file = self.file.take().expect("present until persisted");
        match file.persist_noclobber(path) {
            Ok(_) => Ok(()),
            Err(e) => {
                self.file = Some(e.file);
                Err((self, e.error))
            }
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Removed first (the temporary file, if not renamed), then forgotten: a signal
        // between the two removes a file that is not there.
        drop(self.file.take());
        in_flight().retain(|p| *p != self.path);
    }
}

/// Removes every temporary file being written now. For the way out on a signal: the
/// process ends right after, so nothing is renamed any more.
pub fn remove_in_flight() {
    remove_in_flight_under(Path::new(""));
}

/// [`remove_in_flight`], of the files below `dir` only (all of them for an empty path).
fn remove_in_flight_under(dir: &Path) {
    // Held only while a file is made or renamed, so this waits a moment at most.
    let list = in_flight();
    for path in list.iter().filter(|p| p.starts_with(dir)) {
        let _ = std::fs::remove_file(path);
    }
}

/// Removes, in `dir`, the files whose name `matches` that were last changed longer ago than
/// `older_than`: regular files only (never through a symlink, never a directory). Returns
/// what it removed. An unreadable directory removes nothing.
pub fn sweep_matching(
    dir: &Path,
    older_than: Duration,
    matches: impl Fn(&str) -> bool,
) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(&matches) {
            continue;
        }
        // The entry's own metadata: a symlink is not followed.
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta
            .modified()
            .ok()
            .and_then(|t| now.duration_since(t).ok());
        if meta.is_file() && age.is_some_and(|age| age > older_than) {
            let path = entry.path();
            if std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    removed
}

/// Removes kurabe's temporary files left in `dir` for over [`STALE_AFTER`] (by a kurabe that
/// was killed).
pub fn sweep(dir: &Path) -> Vec<PathBuf> {
    sweep_matching(dir, STALE_AFTER, is_temporary_name)
}

/// Until dropped, SIGINT, SIGTERM, SIGHUP and SIGQUIT remove the temporary files in flight,
/// then end kurabe as the signal would have (its parent sees the signal). For the commands
/// that write files; the browser has a handler of its own, and `kurabe import` too.
#[cfg(unix)]
pub fn remove_on_signals() -> io::Result<SignalGuard> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("kurabe-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                remove_in_flight();
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        })?;
    Ok(SignalGuard(handle))
}

/// Signals are handled as usual again once this is dropped.
#[cfg(unix)]
pub struct SignalGuard(signal_hook::iterator::Handle);

#[cfg(unix)]
impl Drop for SignalGuard {
    fn drop(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognized_exactly() {
        assert!(is_temporary_name(".kurabeA1b2C3.tmp"));
        for other in [
            ".kurabe.tmp",
            ".kurabeA1b2C3D.tmp",
            ".kurabeA1b2C.tmp",
            ".kurabeA1-2C3.tmp",
            "kurabeA1b2C3.tmp",
            ".kurabeA1b2C3.tmp.yaml",
            ".tmpA1b2C3",
            "reviews.yaml",
        ] {
            assert!(!is_temporary_name(other), "{other}");
        }
    }

    #[test]
    fn a_staged_file_is_known_until_renamed_or_dropped_and_removed_on_demand() {
        let dir = tempfile::tempdir().unwrap();
        let listed = |p: &Path| in_flight().iter().any(|x| x == p);
        let staged = Staged::new(dir.path(), super::super::file_mode(0o600)).unwrap();
        let path = staged.path.clone();
        assert!(is_temporary_name(
            path.file_name().unwrap().to_str().unwrap()
        ));
        assert!(listed(&path) && path.exists());
        staged.persist(&dir.path().join("done")).unwrap();
        assert!(!listed(&path) && dir.path().join("done").exists());

        let staged = Staged::new(dir.path(), super::super::file_mode(0o600)).unwrap();
        let path = staged.path.clone();
        // As on a signal (of this test's files only: other tests write theirs meanwhile).
        remove_in_flight_under(dir.path());
        assert!(!path.exists(), "removed");
        drop(staged);
        assert!(!listed(&path));
    }

    #[test]
    fn only_stale_temporaries_that_are_files_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(2 * 60 * 60);
        let make = |name: &str, when: SystemTime| {
            let path = dir.path().join(name);
            let f = File::create(&path).unwrap();
            f.set_modified(when).unwrap();
            path
        };
        let stale = make(".kurabeAbC123.tmp", old);
        let fresh = make(".kurabeXyZ789.tmp", SystemTime::now());
        let foreign = make(".kurabe-notes.tmp", old);
        let target = make("keep.yaml", old);
        #[cfg(unix)]
        std::os::unix::fs::symlink(&target, dir.path().join(".kurabeLinked.tmp")).unwrap();
        std::fs::create_dir(dir.path().join(".kurabeDirect.tmp")).unwrap();
        File::open(dir.path().join(".kurabeDirect.tmp"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        let removed = sweep(dir.path());
        assert_eq!(removed, vec![stale.clone()]);
        assert!(!stale.exists() && fresh.exists() && foreign.exists() && target.exists());
        assert!(dir.path().join(".kurabeDirect.tmp").is_dir());
    }
}
