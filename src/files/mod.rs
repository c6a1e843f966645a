//! Writing files so that nothing is lost: a new file never replaces an existing one, and a
//! replaced file is either the old or the new content, never half of each; and none of the
//! temporary files this takes is left behind ([`temporaries`]).

mod lock;
pub mod mapped;
pub mod temporaries;

pub use lock::{Lock, LockError, LOCK_WAIT};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
pub use temporaries::Staged;

/// A synced temporary file in `dir` holding `contents`, mode 0644 before umask, ready to be
/// given its name.
fn staged(dir: &Path, contents: &[u8]) -> io::Result<Staged> {
    let mut tmp = Staged::new(dir, file_mode(0o644))?;
    tmp.as_file_mut().write_all(contents)?;
    tmp.as_file().sync_all()?;
    pause_for_tests();
    Ok(tmp)
}

/// A synced temporary file in `dir` holding `contents`, with exactly `mode` (no umask). It
/// is private to its owner until it has that mode, and given its contents only then.
#[cfg(unix)]
fn staged_with_mode(dir: &Path, contents: &[u8], mode: u32) -> io::Result<Staged> {
    let mut tmp = Staged::new(dir, file_mode(0o600))?;
    tmp.as_file().set_permissions(file_mode(mode))?;
    tmp.as_file_mut().write_all(contents)?;
    tmp.as_file().sync_all()?;
    pause_for_tests();
    Ok(tmp)
}

/// An empty temporary file in `dir`, private to its owner, for a writer of its own (the load
/// cache); renamed into place with [`Staged::persist`], removed however kurabe ends otherwise.
pub fn temporary_in(dir: &Path) -> io::Result<Staged> {
    Staged::new(dir, file_mode(0o600))
}

/// The end-to-end tests stop kurabe while a temporary file is written: with
/// `KURABE_TEST_PAUSE_WRITES` set, a debug build waits here, the temporary file on disk.
fn pause_for_tests() {
    #[cfg(debug_assertions)]
    if std::env::var_os("KURABE_TEST_PAUSE_WRITES").is_some() {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Opens `path` to read it only if it is a regular file, without ever waiting to do so: a
/// symlink is not followed, a FIFO or a device is not waited on (`O_NOFOLLOW | O_NONBLOCK`),
/// and the type is checked on the file opened (`fstat`), so nothing swapped in between is read.
/// A refusal is an error of kind `InvalidData` that says why.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let not_regular = || io::Error::new(io::ErrorKind::InvalidData, "not a regular file");
    #[cfg(unix)]
    let file = {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        match rustix::fs::open(path, flags, Mode::empty()) {
            Ok(fd) => File::from(fd),
            Err(rustix::io::Errno::LOOP) => {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "a symlink"))
            }
            Err(e) => return Err(e.into()),
        }
    };
    #[cfg(not(unix))]
    let file = {
        if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "a symlink"));
        }
        File::open(path)?
    };
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// The directory a path's file lives in.
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `contents` to a new file `dir/stem.ext`, or `stem-2.ext`, `stem-3.ext`, … if that
/// name is taken. The file is complete before it appears under its name, has the usual mode
/// (0644 before umask), and the directory entry is synced. Returns the path written.
pub fn write_new(dir: &Path, stem: &str, ext: &str, contents: &[u8]) -> io::Result<PathBuf> {
    let mut tmp = staged(dir, contents)?;
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match tmp.persist_noclobber(&path) {
            Ok(()) => {
                sync_dir(dir);
                return Ok(path);
            }
            Err((file, e)) if e.kind() == io::ErrorKind::AlreadyExists => tmp = file,
            Err((_, e)) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free file name",
    ))
}

/// Writes `contents` to `path`, which must not exist yet; the file appears complete or not at all.
pub fn write_exclusive(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    staged(dir, contents)?
        .persist_noclobber(path)
        .map_err(|(_, e)| e)?;
    sync_dir(dir);
    Ok(())
}

/// Replaces `path` with `contents` atomically (temporary file in the same directory, synced,
/// renamed over the old one, directory synced).
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    staged(dir, contents)?.persist(path)?;
    sync_dir(dir);
    Ok(())
}

/// [`write_atomic`] for text only its owner may read (note drafts, typed text kept between
/// runs): the file is 0600 from the moment it exists.
pub fn write_atomic_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    #[cfg(unix)]
    let tmp = staged_with_mode(dir, contents, 0o600)?;
    #[cfg(not(unix))]
    let tmp = staged(dir, contents)?;
    tmp.persist(path)?;
    sync_dir(dir);
    Ok(())
}

/// How [`replace_keeping`] wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    /// A new file renamed over the old one: readers see the old or the new content.
    Atomically,
    /// The old file truncated and rewritten, because a new one could not be made identical
    /// (hard links, or an owner kurabe cannot give a file).
    InPlace,
}

/// Replaces the existing regular file `path` with `contents`, keeping its mode, owner, group
/// and hard links. Atomic when a new file can be given the same mode, owner and group and the
/// file has a single link; otherwise the file is rewritten in place, so the caller keeps a
/// backup first. `path` must not be a symlink (resolve it first).
pub fn replace_keeping(path: &Path, contents: &[u8]) -> io::Result<Replaced> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(path)?;
        if meta.nlink() == 1 {
            let dir = parent_dir(path);
            let mode = meta.permissions().mode() & 0o7777;
            let tmp = staged_with_mode(dir, contents, mode)?;
            let made = tmp.as_file().metadata()?;
            let same_owner = (made.uid(), made.gid()) == (meta.uid(), meta.gid())
                || std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()))
                    .is_ok();
            if same_owner {
                tmp.persist(path)?;
                sync_dir(dir);
                return Ok(Replaced::Atomically);
            }
        }
        let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
        file.set_len(0)?;
        file.write_all(contents)?;
        file.sync_all()?;
        Ok(Replaced::InPlace)
    }
    #[cfg(not(unix))]
    {
        write_atomic(path, contents)?;
        Ok(Replaced::Atomically)
    }
}

/// Replaces `path` atomically with `contents`, in a file with the mode of the file `like`.
pub fn write_atomic_like(path: &Path, like: &Path, contents: &[u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(like)?.permissions().mode() & 0o7777;
        let dir = parent_dir(path);
        staged_with_mode(dir, contents, mode)?.persist(path)?;
        sync_dir(dir);
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = like;
        write_atomic(path, contents)
    }
}

/// Writes `contents` to `path`, which must not exist yet, readable and writable by its owner
/// only (for files of private notes); the file appears complete or not at all.
pub fn write_exclusive_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    #[cfg(unix)]
    let tmp = staged_with_mode(dir, contents, 0o600)?;
    #[cfg(not(unix))]
    let tmp = staged(dir, contents)?;
    tmp.persist_noclobber(path).map_err(|(_, e)| e)?;
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn file_mode(mode: u32) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(mode)
}

#[cfg(not(unix))]
fn file_mode(_mode: u32) -> std::fs::Permissions {
    std::fs::metadata(".")
        .map(|m| m.permissions())
        .unwrap_or_else(|_| unreachable!())
}

/// A rename is durable only once its directory is synced. Best effort: some file systems
/// refuse to open directories, and the data itself is already synced.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_files_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_new(dir.path(), "report", "md", b"one").unwrap();
        let b = write_new(dir.path(), "report", "md", b"two").unwrap();
        assert_eq!(a.file_name().unwrap(), "report.md");
        assert_eq!(b.file_name().unwrap(), "report-2.md");
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_the_mode_and_hard_links() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.yaml");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, file_mode(0o600)).unwrap();
        assert_eq!(
            replace_keeping(&path, b"new").unwrap(),
            Replaced::Atomically
        );
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");

        let link = dir.path().join("link.yaml");
        std::fs::hard_link(&path, &link).unwrap();
        assert_eq!(replace_keeping(&path, b"newer").unwrap(), Replaced::InPlace);
        assert_eq!(std::fs::read(&link).unwrap(), b"newer");
        assert_eq!(std::fs::metadata(&link).unwrap().nlink(), 2);
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn new_files_are_0644_less_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = write_new(dir.path(), "x", "md", b"x").unwrap();
        let mode = std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644 & !umask, "mode {mode:o} with umask {umask:o}");
    }
}
