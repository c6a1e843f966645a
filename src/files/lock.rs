//! An advisory lock on a sidecar file, so that two kurabe instances never read, merge and
//! write the same file at once.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long taking a lock waits for another kurabe to finish its own save.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("another kurabe has been saving for over {} seconds (it holds {}); try again", LOCK_WAIT.as_secs(), path.display())]
    Busy { path: PathBuf },
}

/// An advisory lock on the sidecar file at `path` (created if need be), released when dropped.
#[derive(Debug)]
pub struct Lock(File);

impl Lock {
    /// Takes the lock, waiting up to [`LOCK_WAIT`] for another holder; shared locks exclude
    /// only exclusive ones.
    pub fn take(path: &Path, exclusive: bool) -> Result<Lock, LockError> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|source| LockError::Io {
                action: "create the lock file",
                path: path.to_path_buf(),
                source,
            })?;
        let started = Instant::now();
        loop {
            let attempt = if exclusive {
                fs4::FileExt::try_lock(&file)
            } else {
                fs4::FileExt::try_lock_shared(&file)
            };
            match attempt {
                Ok(()) => return Ok(Lock(file)),
                Err(fs4::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(fs4::TryLockError::WouldBlock) => {
                    return Err(LockError::Busy {
                        path: path.to_path_buf(),
                    })
                }
                Err(fs4::TryLockError::Error(source)) => {
                    return Err(LockError::Io {
                        action: "lock",
                        path: path.to_path_buf(),
                        source,
                    })
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs4::FileExt::unlock(&self.0);
    }
}
