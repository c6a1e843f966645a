//! The cache file's layout, and reading and writing it.
//!
//! - a 64-byte header: magic, format, the key of the sources it was made from, and where the
//!   trailer stands, its length and checksum;
//! - one record per vendor: its length (u32), an XXH3 checksum of its bytes (u64), and its
//!   body: the lengths of the vendor's head and of its answers (u32 each), the mirror's head
//!   and answers in postcard, and the block of text their strings stand in (see
//!   [`super::wire`]);
//! - the trailer, in postcard: the categories (a few KB, as JSON: the model's own serde), the
//!   problems, and where each vendor's record starts.
//!
//! Anything that does not add up — magic, format, key, a length, an offset, a checksum, bytes
//! left over — is an [`io::ErrorKind::InvalidData`] error (a truncated file, `UnexpectedEof`):
//! the caller treats both as a miss. The file is mapped and its vendor records read by every
//! core; the strings of the vendors' answers borrow from the mapping (see [`read`]).

use super::super::answers::Answers;
use super::super::model::{Answer, Catalog, Category, Vendor};
use super::plain::plain_text;
use super::wire::{check_answers, read_answers, Blob, Strings, WireAnswer, WireHead, WireVendor};
use crate::files::mapped::{Held, MappedFile};
use crate::parallel::{map_chunks, threads_for};
use crate::sanitize::Sanitize;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use xxhash_rust::xxh3::xxh3_64;

/// Bumped whenever what the cache holds changes shape.
pub(super) const FORMAT: u32 = 13;
const MAGIC: &[u8; 16] = b"kurabe-cache\0bin";
const HEADER_LEN: usize = 64;
const RECORD_HEAD: usize = 12;
/// The lengths of a record's head and answers.
const BODY_HEAD: usize = 8;

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

/// Mappings of cache files kept for the rest of the process, since the vendors read from them
/// borrow their strings (see [`super::super::model::Str`]). A process reads its catalogue's
/// cache once at start; this bounds what any other caller (tests, a future reload) can keep.
/// Beyond this many, strings are copied out and the mapping goes.
const MAX_LASTING: usize = 4;
static LASTING: AtomicUsize = AtomicUsize::new(0);

/// Reads the cache file at `path`, made from the sources whose key is `key`.
///
/// Only a regular file is read, never through a symlink and never waiting on a FIFO or a
/// device ([`crate::files::open_regular`]): anything else in the cache directory is a miss. A
/// hit counts as a use (its modification time, which eviction goes by, is now).
///
/// The file is mapped ([`MappedFile`]: under a lease, so that another program truncating or
/// rewriting it in place first waits for kurabe to copy it, or read into memory where no
/// lease can be had). Under a lease each record is checked on a copy read from the file
/// ([`Record::Lent`]), the lease holding throughout; otherwise in the memory it was read
/// into. Once every record is found sound, the mapping is kept for the rest of the process
/// and the strings of the vendors' answers borrow from it: it is never unmapped, so nothing
/// read from it can dangle (a read that fails frees it, nothing read from it being left).
pub(super) fn read(path: &Path, key: u128) -> io::Result<Contents> {
    let file = crate::files::open_regular(path)?;
    let reader = file.try_clone()?;
    let map = MappedFile::open(file, super::MAX_BYTES, false)?;
    let layout = layout(&map, key)?;
    let contents = if LASTING.fetch_add(1, Ordering::Relaxed) < MAX_LASTING {
        let kept = Box::into_raw(Box::new(map));
        // SAFETY: freed below only once nothing read from it is left.
        let map: &'static MappedFile = unsafe { &*kept };
        let read = if map.held() == Held::Leased {
            let read = read_records(&layout, |(start, end)| Record::Lent {
                bytes: &map[start..end],
                file: &reader,
                at: start as u64,
            });
            COPY.with_borrow_mut(std::mem::take);
            // What was checked is what is mapped only if nobody wrote the file meanwhile.
            read.and_then(|contents| match map.held() {
                Held::Leased => Ok(contents),
                Held::Copied => Err(bad("the file changed while it was read")),
            })
        } else {
            read_records(&layout, |(start, end)| Record::Lasting(&map[start..end]))
        };
        match read {
            Ok(contents) => contents,
            Err(e) => {
                // SAFETY: every vendor read from the mapping went with the error; nothing
                // borrows from it any more.
                drop(unsafe { Box::from_raw(kept) });
                LASTING.fetch_sub(1, Ordering::Relaxed);
                return Err(e);
            }
        }
    } else {
        LASTING.fetch_sub(1, Ordering::Relaxed);
        read_records(&layout, |(start, end)| Record::Passing(&map[start..end]))?
    };
    let _ = reader.set_modified(std::time::SystemTime::now());
    Ok(contents)
}

/// What a cache file's header and trailer say: the trailer, and each vendor record's bounds.
pub(super) struct Layout {
    trailer: Trailer,
    records: Vec<(usize, usize)>,
}

/// The layout of a cache file's `bytes`, made from the sources whose key is `key`: every
/// record's bounds lie within the file, in order, at least a record's head long.
pub(super) fn layout(bytes: &[u8], key: u128) -> io::Result<Layout> {
    let header = bytes
        .get(..HEADER_LEN)
        .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
    if &header[..16] != MAGIC || header[16..24] != header_format() {
        return Err(bad("not a kurabe cache of this format"));
    }
    let mut stored_key = [0u8; 16];
    stored_key.copy_from_slice(&header[24..40]);
    if u128::from_le_bytes(stored_key) != key {
        return Err(bad("the cache of other sources"));
    }
    let (trailer_at, trailer_len, trailer_sum) =
        (u64_at(header, 40), u64_at(header, 48), u64_at(header, 56));
    if trailer_at.checked_add(trailer_len) != Some(bytes.len() as u64)
        || trailer_at < HEADER_LEN as u64
    {
        return Err(bad("the file is not as long as its header says"));
    }
    let trailer_bytes = &bytes[trailer_at as usize..];
    if xxh3_64(trailer_bytes) != trailer_sum {
        return Err(bad("trailer checksum"));
    }
    let trailer: Trailer = decode(trailer_bytes)?;
    // Each record ends where the next starts, the last where the trailer starts.
    let ends = trailer.offsets.iter().skip(1).copied().chain([trailer_at]);
    let records = (trailer.offsets.iter().copied().zip(ends))
        .map(|(start, end)| {
            let long_enough = end
                .checked_sub(start)
                .is_some_and(|n| n >= RECORD_HEAD as u64);
            // `end` is at most the trailer's start, which is within the file.
            (start >= HEADER_LEN as u64 && long_enough).then_some((start as usize, end as usize))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| bad("record offsets out of order"))?;
    Ok(Layout { trailer, records })
}

/// A vendor record's bytes: in a mapping kept for the rest of the process, whose strings the
/// vendor borrows, or elsewhere, whose strings are copied.
pub(super) enum Record<'b> {
    Lasting(&'static [u8]),
    /// Mapped for the rest of the process under a lease, and also read from `file` at `at`:
    /// checked on a copy read from the file, so that the mapping's pages are not in the
    /// process until a vendor's answers are first asked for (the lease keeps both the same;
    /// the caller makes sure it held throughout). The vendor's head is copied.
    Lent {
        bytes: &'static [u8],
        file: &'b File,
        at: u64,
    },
    Passing(&'b [u8]),
}

/// A record longer than this is checked in its mapping rather than copied to be checked.
const MAX_COPIED_RECORD: usize = 64 << 20;

/// The contents a [`Layout`] describes, each record's bytes given by `record`.
pub(super) fn read_records<'b>(
    layout: &Layout,
    record: impl Fn((usize, usize)) -> Record<'b> + Sync,
) -> io::Result<Contents> {
    let records = &layout.records;
    let threads = threads_for(records.len(), 64);
    // Consecutive records per thread, so that each reads its part of the file in order.
    let per_run = records.len().div_ceil(threads).max(1);
    let runs: Vec<&[(usize, usize)]> = records.chunks(per_run).collect();
    let parts = map_chunks(runs, threads, |part| {
        part.into_iter()
            .map(|run| {
                run.iter()
                    .map(|&bounds| read_record(record(bounds)))
                    .collect::<io::Result<Vec<Vendor>>>()
            })
            .collect()
    });
    let mut vendors = Vec::with_capacity(records.len());
    for part in parts {
        vendors.extend(part?);
    }
    let mut categories: Vec<Category> =
        serde_json::from_str(&layout.trailer.categories_json).map_err(|e| bad(e.to_string()))?;
    categories.sanitize();
    Ok(Contents {
        categories,
        problems: layout.trailer.problems.clone(),
        vendors,
    })
}

/// The vendor of one record, sanitized again unless its text is plainly clean (see
/// [`super::plain`]): sanitizing is idempotent, so this changes nothing in a cache kurabe
/// wrote, and keeps a tampered one from carrying raw control or invisible characters past the
/// gate the sources went through.
///
/// A record in a mapping kept for the process gives a vendor whose answers are decoded on
/// first use from the mapping, once every one of their spans was checked here (on the same
/// bytes, or for a lent record on a copy of them, the record checked again when decoded);
/// any other is read whole.
fn read_record(record: Record) -> io::Result<Vendor> {
    match record {
        Record::Lasting(record) => {
            let parts = parts(record)?;
            let Parts {
                answers,
                text,
                plain,
                ..
            } = parts;
            let decode_answers = move || answers_of(answers, text, plain);
            vendor_decoding_later(parts, &Blob::lasting(text), decode_answers)
        }
        Record::Lent { bytes, .. } if bytes.len() > MAX_COPIED_RECORD => {
            read_record(Record::Lasting(bytes))
        }
        Record::Lent { bytes, file, at } => COPY.with_borrow_mut(|copy| {
            copy.clear();
            copy.resize(bytes.len(), 0);
            read_exact_at(file, copy, at)?;
            let checked = parts(copy)?;
            let decode_answers = move || match parts(bytes) {
                Ok(mapped) => answers_of(mapped.answers, mapped.text, mapped.plain),
                // The bytes checked, read again where they are mapped (see `Record::Lent`).
                Err(_) => {
                    debug_assert!(false, "a lent record changed under its lease");
                    Vec::new()
                }
            };
            vendor_decoding_later(checked, &Blob::new(checked.text), decode_answers)
        }),
        Record::Passing(record) => {
            let Parts {
                head,
                answers,
                text,
                plain,
            } = parts(record)?;
            let blob = Blob::new(text);
            let answers = read_answers(decode(answers)?, &blob);
            let answers = sanitized(answers, plain).into();
            vendor_from(decode::<WireHead>(head)?, &blob, answers, plain)
        }
    }
}

thread_local! {
    /// The copy a lent record is checked on, kept from one record to the next.
    static COPY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(unix)]
fn read_exact_at(file: &File, into: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, into, at)
}

#[cfg(not(unix))]
fn read_exact_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    // No lease, so no lent record, on other systems (see [`MappedFile`]).
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The answers of a record kept for the process, decoded from its `answers` and `text`,
/// both checked when the record was read: every span holds, nothing can fail.
fn answers_of(answers: &'static [u8], text: &'static str, plain: bool) -> Vec<Answer> {
    let blob = Blob::lasting(text);
    let mirror = decode::<Vec<WireAnswer>>(answers).unwrap_or_default();
    let read = read_answers(mirror, &blob);
    debug_assert!(blob.all_spans_held(), "checked when the record was read");
    sanitized(read, plain)
}

/// The vendor of a record's checked `parts`, its head's strings read from `blob`, its answers
/// checked now (every span, every previous answer) and decoded by `decode_answers` on first use.
fn vendor_decoding_later(
    parts: Parts,
    blob: &Blob,
    decode_answers: impl Fn() -> Vec<Answer> + Send + Sync + 'static,
) -> io::Result<Vendor> {
    let counts = check_answers(&decode::<Vec<WireAnswer>>(parts.answers)?, blob);
    let answers = Answers::on_first_use(Arc::new(decode_answers), counts);
    vendor_from(decode::<WireHead>(parts.head)?, blob, answers, parts.plain)
}

/// The vendor of a record's head and `answers`, refused if a span of either did not hold.
fn vendor_from(head: WireHead, blob: &Blob, answers: Answers, plain: bool) -> io::Result<Vendor> {
    let mut vendor = head.read(blob, answers);
    if !blob.all_spans_held() {
        return Err(bad("a string out of its record's text"));
    }
    if !plain {
        vendor.info.sanitize();
        vendor.documents.sanitize();
    }
    Ok(vendor)
}

/// Answers read from a record, sanitized unless the record's text is plain; those read from
/// JSON (previous answers) always, since JSON escapes can spell any character.
fn sanitized(mut answers: Vec<Answer>, plain: bool) -> Vec<Answer> {
    if !plain {
        answers.sanitize();
    } else {
        for previous in answers.iter_mut().filter_map(|a| a.previous.as_mut()) {
            previous.sanitize();
        }
    }
    answers
}

/// A record's parts: its head's and its answers' postcard, and its block of text.
#[derive(Clone, Copy)]
struct Parts<'a> {
    head: &'a [u8],
    answers: &'a [u8],
    text: &'a str,
    /// Nothing in the text to sanitize ([`super::plain`]).
    plain: bool,
}

/// A record's parts, its checksum and its text checked. `record` is at least a record's head
/// long ([`layout`]).
fn parts(record: &[u8]) -> io::Result<Parts<'_>> {
    let (head, body) = record.split_at(RECORD_HEAD);
    let mut body_len = [0u8; 4];
    body_len.copy_from_slice(&head[..4]);
    if u32::from_le_bytes(body_len) as usize != body.len() || xxh3_64(body) != u64_at(head, 4) {
        return Err(bad("record checksum"));
    }
    let len_at = |at: usize| {
        body.get(at..at + 4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("four bytes")) as usize)
            .ok_or_else(|| bad("record too short"))
    };
    let (head_len, answers_len) = (len_at(0)?, len_at(4)?);
    let (head, rest) = body[BODY_HEAD..]
        .split_at_checked(head_len)
        .ok_or_else(|| bad("head longer than its record"))?;
    let (answers, text) = rest
        .split_at_checked(answers_len)
        .ok_or_else(|| bad("answers longer than their record"))?;
    let (text, plain) = checked(text)?;
    Ok(Parts {
        head,
        answers,
        text,
        plain,
    })
}

/// A record's text as a `str`, and whether it is plain.
fn checked(text: &[u8]) -> io::Result<(&str, bool)> {
    let text = simdutf8::compat::from_utf8(text).map_err(|e| bad(e.to_string()))?;
    Ok((text, plain_text(text)))
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
        // One vendor's mirror at a time: the catalogue is never copied whole.
        let mut strings = Strings::default();
        let mirror = WireVendor::new(vendor, &mut strings);
        let text = strings
            .into_text()
            .ok_or_else(|| bad("vendor too large to cache"))?;
        body.clear();
        body.extend_from_slice(&[0u8; BODY_HEAD]);
        body = postcard::to_extend(&mirror.head, body).map_err(io::Error::other)?;
        let head_len =
            u32::try_from(body.len() - BODY_HEAD).map_err(|_| bad("vendor too large"))?;
        body = postcard::to_extend(&mirror.answers, body).map_err(io::Error::other)?;
        let answers_len = u32::try_from(body.len() - BODY_HEAD - head_len as usize)
            .map_err(|_| bad("vendor too large"))?;
        body[..4].copy_from_slice(&head_len.to_le_bytes());
        body[4..BODY_HEAD].copy_from_slice(&answers_len.to_le_bytes());
        body.extend_from_slice(text.as_bytes());
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
