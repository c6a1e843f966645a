//! Reading a file without ever holding more than the cap of it, and why one cannot be read.

use super::gate::clip;
use super::MAX_FILE_BYTES;
use crate::catalog::problem::Problem;
use crate::sanitize;
use std::io::{self, Read};
use std::path::Path;

/// Reads a file for the gate without ever holding more than [`MAX_FILE_BYTES`] + 1 bytes of
/// it: only regular files (a FIFO would block, `/dev/zero` never ends), and a file whose size
/// is over the cap is refused before it is read. A refusal is an error of kind
/// `FileTooLarge` or `InvalidInput` that says why; a missing file is `NotFound` as usual.
pub fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        // It grew while being read.
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

pub(super) fn too_large(len: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "the file is {}, larger than the {} kurabe reads",
            human_size(len),
            human_size(MAX_FILE_BYTES as u64)
        ),
    )
}

fn human_size(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else {
        format!("{n} bytes")
    }
}

/// [`read_bounded`], with a failure as a [`Problem`] naming the file and what to do.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    read_bounded(path).map_err(|e| unreadable(path, &e))
}

/// The problem of a file that could not be read, with what to do about it.
fn unreadable(path: &Path, e: &io::Error) -> Problem {
    let name = sanitize::line(&path.display().to_string()).into_owned();
    let hint = match e.kind() {
        io::ErrorKind::FileTooLarge => {
            "kurabe's files are a few hundred KB at most: check that this is the file you meant, or split it"
        }
        io::ErrorKind::InvalidInput => "point kurabe at a YAML file, not a directory or device",
        _ => "check that the file exists and is readable",
    };
    Problem::new(&name, (0, 0), clip(&format!("cannot read: {e}"))).hint(hint)
}

/// The bytes of a file that may be absent (a user's config, reviews, state or extra
/// controls), read as [`read_file`] reads: `Ok(None)` when there is no such file.
pub fn read_optional_file(path: &Path) -> Result<Option<Vec<u8>>, Problem> {
    match read_bounded(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(unreadable(path, &e)),
    }
}
