//! The cache file's layout, and reading and writing it.
//!
//! - a 64-byte header: magic, format, the key of the sources it was made from, and where the
//!   trailer stands, its length and checksum;
//! - one record per vendor: its length (u32), an XXH3 checksum of its bytes (u64) and the
//!   vendor in postcard (see [`super::wire`]);
//! - the trailer, in postcard: the categories (a few KB, as JSON: the model's own serde), the
//!   problems, and where each vendor's record starts.
//!
//! Anything that does not add up — magic, format, key, a length, an offset, a checksum, bytes
//! left over — is an [`io::ErrorKind::InvalidData`] error (a truncated file, `UnexpectedEof`):
//! the caller treats both as a miss. Vendor records are read by every core, each into one
//! reused buffer, so the file is never held whole.

use super::super::model::{Catalog, Category, Vendor};
use super::plain::vendor_is_plain;
use super::wire::WireVendor;
use crate::parallel::{map_chunks, threads_for};
use crate::sanitize::Sanitize;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

/// Bumped whenever what the cache holds changes shape.
pub(super) const FORMAT: u32 = 11;
const MAGIC: &[u8; 16] = b"kurabe-cache\0bin";
const HEADER_LEN: usize = 64;
const RECORD_HEAD: usize = 12;

/// A problem as cached: a file under the catalogue's directory is named relative to it, so
/// that the directory by another path (`d`, `/abs/d`) shares the cache and names its own files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct WireProblem {
    pub file: String,
    pub under_dir: bool,
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Trailer {
    categories_json: String,
    problems: Vec<WireProblem>,
    offsets: Vec<u64>,
}

/// What a cache file holds, its vendors sanitized again.
pub(super) struct Contents {
    pub categories: Vec<Category>,
    pub problems: Vec<WireProblem>,
    pub vendors: Vec<Vendor>,
}

fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The format, and four bytes kept zero.
fn header_format() -> [u8; 8] {
    let mut word = [0u8; 8];
    word[..4].copy_from_slice(&FORMAT.to_le_bytes());
    word
}

/// Postcard of all of `bytes`, nothing left over.
fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> io::Result<T> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err(bad("bytes left over")),
        Err(e) => Err(bad(e.to_string())),
    }
}

/// Reads the cache file at `path`, made from the sources whose key is `key`.
///
/// Only a regular file is read, never through a symlink and never waiting on a FIFO or a
/// device ([`crate::files::open_regular`]): anything else in the cache directory is a miss. A
/// hit counts as a use (its modification time, which eviction goes by, is now).
pub(super) fn read(path: &Path, key: u128) -> io::Result<Contents> {
    let mut file = crate::files::open_regular(path)?;
    let meta = file.metadata()?;
    let mut header = [0u8; HEADER_LEN];
    file.read_exact(&mut header)?;
    if &header[..16] != MAGIC || header[16..24] != header_format() {
        return Err(bad("not a kurabe cache of this format"));
    }
    let mut stored_key = [0u8; 16];
    stored_key.copy_from_slice(&header[24..40]);
    if u128::from_le_bytes(stored_key) != key {
        return Err(bad("the cache of other sources"));
    }
    let (trailer_at, trailer_len, trailer_sum) = (
        u64_at(&header, 40),
        u64_at(&header, 48),
        u64_at(&header, 56),
    );
    if trailer_at.checked_add(trailer_len) != Some(meta.len()) || trailer_at < HEADER_LEN as u64 {
        return Err(bad("the file is not as long as its header says"));
    }
    file.seek(SeekFrom::Start(trailer_at))?;
    let mut trailer = vec![0u8; usize::try_from(trailer_len).map_err(|_| bad("too long"))?];
    file.read_exact(&mut trailer)?;
    if xxh3_64(&trailer) != trailer_sum {
        return Err(bad("trailer checksum"));
    }
    let trailer: Trailer = decode(&trailer)?;
    let offsets = trailer.offsets;
    // Each record ends where the next starts, the last where the trailer starts.
    let mut ends: Vec<u64> = offsets.iter().skip(1).copied().collect();
    ends.push(trailer_at);
    let in_order = offsets
        .iter()
        .zip(&ends)
        .all(|(&start, &end)| start >= HEADER_LEN as u64 && end >= start + RECORD_HEAD as u64);
    if !in_order {
        return Err(bad("record offsets out of order"));
    }
    let records: Vec<(u64, u64)> = offsets.into_iter().zip(ends).collect();
    let threads = threads_for(records.len(), 64);
    // Consecutive records per thread, so that each reads its part of the file in order.
    let per_run = records.len().div_ceil(threads).max(1);
    let runs: Vec<&[(u64, u64)]> = records.chunks(per_run).collect();
    let parts = map_chunks(runs, threads, |part| {
        part.into_iter().map(|run| read_run(&file, run)).collect()
    });
    let mut vendors = Vec::with_capacity(records.len());
    for part in parts {
        vendors.extend(part?);
    }
    let mut categories: Vec<Category> =
        serde_json::from_str(&trailer.categories_json).map_err(|e| bad(e.to_string()))?;
    categories.sanitize();
    let _ = file.set_modified(std::time::SystemTime::now());
    Ok(Contents {
        categories,
        problems: trailer.problems,
        vendors,
    })
}

/// The vendors of consecutive records `(start, end)`, sanitized again unless plainly clean
/// (see [`super::plain`]): sanitizing is idempotent, so this changes nothing in a cache kurabe
/// wrote, and keeps a tampered one from carrying raw control or invisible characters past the
/// gate the sources went through.
fn read_run(file: &File, run: &[(u64, u64)]) -> io::Result<Vec<Vendor>> {
    let mut record = Vec::new();
    run.iter()
        .map(|&(start, end)| {
            let len = usize::try_from(end - start).map_err(|_| bad("record too long"))?;
            record.resize(len, 0);
            read_at(file, &mut record, start)?;
            let (head, body) = record.split_at(RECORD_HEAD);
            let mut body_len = [0u8; 4];
            body_len.copy_from_slice(&head[..4]);
            if u32::from_le_bytes(body_len) as usize != body.len()
                || xxh3_64(body) != u64_at(head, 4)
            {
                return Err(bad("record checksum"));
            }
            let mut vendor = Vendor::from(decode::<WireVendor>(body)?);
            if !vendor_is_plain(&vendor) {
                vendor.info.sanitize();
                vendor.documents.sanitize();
                vendor.answers.sanitize();
            }
            Ok(vendor)
        })
        .collect()
}

/// Reads `buf.len()` bytes at `offset` of the file, without moving a cursor the other threads
/// share.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Writes `catalog` and `problems` as the cache of the sources whose key is `key`, to `out`
/// (a new, empty file). Returns the size written.
pub(super) fn write(
    out: &mut File,
    key: u128,
    catalog: &Catalog,
    problems: Vec<WireProblem>,
) -> io::Result<u64> {
    let mut w = BufWriter::with_capacity(1 << 20, &mut *out);
    w.write_all(&[0u8; HEADER_LEN])?;
    let mut at = HEADER_LEN as u64;
    let mut offsets = Vec::with_capacity(catalog.vendors.len());
    let mut body = Vec::new();
    for vendor in &catalog.vendors {
        body.clear();
        // One vendor's mirror at a time: the catalogue is never copied whole.
        body = postcard::to_extend(&WireVendor::from(vendor), body).map_err(io::Error::other)?;
        let len = u32::try_from(body.len()).map_err(|_| bad("vendor too large to cache"))?;
        w.write_all(&len.to_le_bytes())?;
        w.write_all(&xxh3_64(&body).to_le_bytes())?;
        w.write_all(&body)?;
        offsets.push(at);
        at += (RECORD_HEAD + body.len()) as u64;
    }
    let trailer = Trailer {
        categories_json: serde_json::to_string(&categories(catalog)).map_err(io::Error::other)?,
        problems,
        offsets,
    };
    let trailer = postcard::to_allocvec(&trailer).map_err(io::Error::other)?;
    w.write_all(&trailer)?;
    w.flush()?;
    drop(w);
    let mut header = [0u8; HEADER_LEN];
    header[..16].copy_from_slice(MAGIC);
    header[16..24].copy_from_slice(&header_format());
    header[24..40].copy_from_slice(&key.to_le_bytes());
    header[40..48].copy_from_slice(&at.to_le_bytes());
    header[48..56].copy_from_slice(&(trailer.len() as u64).to_le_bytes());
    header[56..64].copy_from_slice(&xxh3_64(&trailer).to_le_bytes());
    out.seek(SeekFrom::Start(0))?;
    out.write_all(&header)?;
    out.flush()?;
    Ok(at + trailer.len() as u64)
}

/// The catalogue's categories as the controls file gave them.
fn categories(c: &Catalog) -> Vec<Category> {
    c.categories
        .iter()
        .map(|cat| Category {
            id: cat.id.clone(),
            title: cat.title.clone(),
            controls: c.controls[cat.controls.clone()]
                .iter()
                .map(|e| e.control.clone())
                .collect(),
        })
        .collect()
}
