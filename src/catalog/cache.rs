//! A cache of a loaded catalogue directory, so that a registry of a thousand vendors starts in
//! well under a second instead of being parsed and checked again.
//!
//! The cache is one file in a cache directory the caller passes in (never the data directory),
//! named after a hash of the sources' contents: the names and bytes of `controls.yaml`, of every
//! `vendors/*.yaml` and of the user's files laid over them, with kurabe's version and the
//! cache's format. Any change to any of them gives another name, so a stale cache is never
//! read; it is simply not found. The file holds what loading produced — the catalogue and the
//! problems of the files left out — as JSON, which reads several times faster than the YAML
//! and skips the checks the sources already passed.
//!
//! Layout: a first line `kurabe-cache FORMAT OFFSET`, one line of JSON per vendor, and at
//! `OFFSET` a last line with the categories, the problems and where each vendor's line starts.
//! Vendors are read on every core, each line as it comes, so the file is never held whole.
//! What is read is sanitized again (see [`crate::sanitize`]), as if it came from the sources.

use super::load::{load_dir_with, vendor_paths, Loaded, UserLayer};
use super::model::{Answer, Catalog, Category, Document, Origin, Vendor, VendorInfo};
use super::problem::{Problem, Problems};
use super::yaml::read_bounded;
use crate::parallel::{map_chunks, threads_for};
use crate::sanitize::{self, Sanitize};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::hash::Hasher;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Bumped whenever what the cache holds changes shape.
const FORMAT: u32 = 3;
const MAGIC: &str = "kurabe-cache";

/// The last line: everything but the vendors.
#[derive(Serialize, Deserialize)]
struct Header {
    categories: Vec<Category>,
    problems: Vec<CachedProblem>,
    /// Byte offset of each vendor's line.
    offsets: Vec<u64>,
}

#[derive(Serialize)]
struct CachedVendorRef<'a> {
    info: &'a VendorInfo,
    documents: &'a [Document],
    answers: &'a [Answer],
    origin: CachedOrigin,
}

#[derive(Deserialize)]
struct CachedVendor {
    info: VendorInfo,
    documents: Vec<Document>,
    answers: Vec<Answer>,
    origin: CachedOrigin,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
enum CachedOrigin {
    Embedded,
    Directory,
    User,
}

#[derive(Serialize, Deserialize)]
struct CachedProblem {
    file: String,
    line: usize,
    column: usize,
    message: String,
    hint: Option<String>,
}

/// A 128-bit hash of some bytes: two SipHash streams with different keys (~1.5 GB/s, no
/// dependency). A Rust release that changed SipHash would change every key: the cache would
/// be rebuilt, nothing worse.
#[derive(Default)]
struct Hash128(std::hash::DefaultHasher, std::hash::DefaultHasher);

impl Hash128 {
    fn new() -> Hash128 {
        let mut h = Hash128::default();
        h.1.write_u64(0x6b75_7261_6265);
        h
    }
    fn feed(&mut self, bytes: &[u8]) {
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
        self.1.write(bytes);
        self.1.write_usize(bytes.len());
    }
    fn finish(&self) -> [u64; 2] {
        [self.0.finish(), self.1.finish()]
    }
}

/// A 128-bit hash of everything a load of `dir` (with `user` over it) reads. The files are
/// hashed on every core, one at a time each.
pub fn key(dir: &Path, user: &UserLayer) -> io::Result<String> {
    let mut h = Hash128::new();
    h.feed(format!("kurabe {} cache {FORMAT}", env!("CARGO_PKG_VERSION")).as_bytes());
    h.feed(dir.display().to_string().as_bytes());
    // Read as the loader reads: regular files only, never past the gate's size cap.
    h.feed(&read_bounded(&dir.join("controls.yaml"))?);
    let vendors_dir = dir.join("vendors");
    h.feed(&[u8::from(vendors_dir.is_dir())]);
    let paths = vendor_paths(&vendors_dir).unwrap_or_default();
    let threads = threads_for(paths.len(), 64);
    let digests = map_chunks(paths, threads, |part| {
        part.iter()
            .map(|path| {
                let mut f = Hash128::new();
                f.feed(path.display().to_string().as_bytes());
                match read_bounded(path) {
                    Ok(bytes) => f.feed(&bytes),
                    // Unreadable now, perhaps readable later: a different key either way.
                    Err(e) => f.feed(format!("unreadable: {}", e.kind()).as_bytes()),
                }
                f.finish()
            })
            .collect()
    });
    for d in digests {
        h.feed(&d[0].to_le_bytes());
        h.feed(&d[1].to_le_bytes());
    }
    if let Some(c) = &user.controls {
        h.feed(c.name.as_bytes());
        h.feed(&c.bytes);
    }
    for f in &user.vendors {
        h.feed(f.name.as_bytes());
        match f.contents() {
            Ok(bytes) => h.feed(&bytes),
            Err(p) => h.feed(p.to_string().as_bytes()),
        }
    }
    for p in &user.problems {
        h.feed(p.to_string().as_bytes());
    }
    let [a, b] = h.finish();
    Ok(format!("{a:016x}{b:016x}"))
}

/// The start of the names of `dir`'s cache files: a new cache replaces the older ones of its
/// own directory, never another directory's.
fn prefix_for(dir: &Path) -> String {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut h = Hash128::new();
    h.feed(canonical.as_os_str().as_encoded_bytes());
    format!("catalog-{:016x}-", h.finish()[0])
}

fn file_for(cache_dir: &Path, dir: &Path, key: &str) -> PathBuf {
    cache_dir.join(format!("{}{key}.jsonl", prefix_for(dir)))
}

/// The cached load of `dir` (no user files), if the cache holds one for its current contents.
pub fn read(dir: &Path, cache_dir: &Path) -> io::Result<Option<Loaded>> {
    read_with(dir, &UserLayer::default(), cache_dir)
}

/// The cached load of `dir` with `user` over it, if the cache holds one for their contents.
/// A damaged or foreign cache file is a miss (the next write replaces it).
pub fn read_with(dir: &Path, user: &UserLayer, cache_dir: &Path) -> io::Result<Option<Loaded>> {
    let path = file_for(cache_dir, dir, &key(dir, user)?);
    match read_file(&path) {
        Ok(loaded) => Ok(loaded),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(None),
        Err(e) => Err(e),
    }
}

fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

fn read_file(path: &Path) -> io::Result<Option<Loaded>> {
    // A regular file, so every read below ends.
    if !std::fs::metadata(path)?.is_file() {
        return Ok(None);
    }
    let mut file = BufReader::new(File::open(path)?);
    let mut first = String::new();
    file.read_line(&mut first)?;
    let mut words = first.split_whitespace();
    if words.next() != Some(MAGIC) || words.next() != Some(&FORMAT.to_string()) {
        return Ok(None);
    }
    let header_at: u64 = words
        .next()
        .and_then(|w| w.parse().ok())
        .ok_or_else(|| bad("no header offset"))?;
    file.seek(SeekFrom::Start(header_at))?;
    let mut header_line = Vec::new();
    file.read_to_end(&mut header_line)?;
    let header: Header = serde_json::from_slice(&header_line).map_err(|e| bad(e.to_string()))?;
    drop(header_line);
    // Each thread reads a run of consecutive vendor lines.
    let threads = threads_for(header.offsets.len(), 64);
    let chunk = header.offsets.len().div_ceil(threads.max(1)).max(1);
    let runs: Vec<&[u64]> = header.offsets.chunks(chunk).collect();
    let read_run = |offsets: &[u64]| -> io::Result<Vec<Vendor>> {
        let mut r = BufReader::with_capacity(1 << 16, File::open(path)?);
        if let Some(&start) = offsets.first() {
            r.seek(SeekFrom::Start(start))?;
        }
        let mut line = Vec::new();
        offsets
            .iter()
            .map(|_| {
                line.clear();
                r.read_until(b'\n', &mut line)?;
                let v: CachedVendor =
                    serde_json::from_slice(&line).map_err(|e| bad(e.to_string()))?;
                Ok(from_cached_vendor(v, plainly_safe(&line)))
            })
            .collect()
    };
    let parts = map_chunks(runs, threads, |part| {
        part.into_iter().map(read_run).collect()
    });
    let mut vendors = Vec::with_capacity(header.offsets.len());
    for part in parts {
        vendors.extend(part?);
    }
    let problems = header
        .problems
        .into_iter()
        .map(|p| {
            let mut problem = Problem::new(
                &sanitize::line(&p.file),
                (p.line, p.column),
                sanitize::line(&p.message),
            );
            problem.hint = p.hint.map(|h| sanitize::line(&h).into_owned());
            problem
        })
        .collect();
    let mut categories = header.categories;
    categories.sanitize();
    Ok(Some(Loaded {
        catalog: Catalog::new(categories, vendors),
        problems,
    }))
}

/// A vendor as cached, made safe again unless its line plainly is (see [`plainly_safe`]):
/// sanitizing is idempotent, so this changes nothing in a cache kurabe wrote, and keeps a
/// tampered one from carrying raw control or invisible characters past the gate the sources
/// went through.
fn from_cached_vendor(mut v: CachedVendor, safe: bool) -> Vendor {
    if !safe {
        v.info.sanitize();
        v.documents.sanitize();
        v.answers.sanitize();
    }
    let mut answers = v.answers;
    answers.shrink_to_fit();
    for a in &mut answers {
        a.quotes.shrink_to_fit();
    }
    Vendor {
        info: v.info,
        documents: v.documents,
        answers,
        origin: match v.origin {
            CachedOrigin::Embedded => Origin::Embedded,
            CachedOrigin::Directory => Origin::Directory,
            CachedOrigin::User => Origin::User,
        },
    }
}

/// Whether a vendor's JSON line can only hold strings that sanitizing leaves as they are: every
/// char is printable ASCII, kana, CJK punctuation, a kanji or a fullwidth form, and the only
/// escapes are `\"` and `\\`. (Most lines of a catalogue are; checking is much cheaper than
/// sanitizing every string.)
fn plainly_safe(line: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(line) else {
        return false;
    };
    let mut escaped = false;
    text.trim_end_matches('\n').chars().all(|c| {
        if escaped {
            escaped = false;
            return c == '"' || c == '\\';
        }
        escaped = c == '\\';
        escaped || is_plain(c)
    })
}

/// Chars that [`sanitize::text`] and [`sanitize::line`] keep, wherever they stand.
fn is_plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{3001}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF5E}')
}

/// Writes the cache of a load of `dir` (no user files): its catalogue and problems. Returns the
/// cache's size.
pub fn write(
    dir: &Path,
    cache_dir: &Path,
    catalog: &Catalog,
    problems: &[Problem],
) -> io::Result<u64> {
    write_with(dir, &UserLayer::default(), cache_dir, catalog, problems)
}

/// Writes the cache of a load of `dir` with `user` over it: atomically (a temporary file
/// renamed into place), replacing older caches of other contents.
pub fn write_with(
    dir: &Path,
    user: &UserLayer,
    cache_dir: &Path,
    catalog: &Catalog,
    problems: &[Problem],
) -> io::Result<u64> {
    std::fs::create_dir_all(cache_dir)?;
    let key = key(dir, user)?;
    let path = file_for(cache_dir, dir, &key);
    let mut tmp = tempfile::NamedTempFile::new_in(cache_dir)?;
    let size = {
        let mut w = Counting {
            inner: BufWriter::with_capacity(1 << 20, tmp.as_file_mut()),
            written: 0,
        };
        // The first line is rewritten with the header's offset at the end: fixed width.
        let first = |at: u64| format!("{MAGIC} {FORMAT} {at:020}\n");
        w.write_all(first(0).as_bytes())?;
        let mut offsets = Vec::with_capacity(catalog.vendors.len());
        for v in &catalog.vendors {
            offsets.push(w.written);
            let line = CachedVendorRef {
                info: &v.info,
                documents: &v.documents,
                answers: &v.answers,
                origin: match v.origin {
                    Origin::Embedded => CachedOrigin::Embedded,
                    Origin::Directory => CachedOrigin::Directory,
                    Origin::User => CachedOrigin::User,
                },
            };
            serde_json::to_writer(&mut w, &line).map_err(io::Error::other)?;
            w.write_all(b"\n")?;
        }
        let header_at = w.written;
        let header = Header {
            categories: categories(catalog),
            problems: problems
                .iter()
                .map(|p| CachedProblem {
                    file: p.file.clone(),
                    line: p.line,
                    column: p.column,
                    message: p.message.clone(),
                    hint: p.hint.clone(),
                })
                .collect(),
            offsets,
        };
        serde_json::to_writer(&mut w, &header).map_err(io::Error::other)?;
        w.write_all(b"\n")?;
        let size = w.written;
        let file = w.inner.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(first(header_at).as_bytes())?;
        file.flush()?;
        size
    };
    tmp.persist(&path).map_err(|e| e.error)?;
    // Older caches of this directory (other contents) are dead weight.
    let prefix = prefix_for(dir);
    if let Ok(entries) = std::fs::read_dir(cache_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && entry.path() != path {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(size)
}

/// A writer that counts the bytes through it.
struct Counting<W: Write> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

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

/// [`load_dir_with`] through the cache in `cache_dir`: read from it when it holds this
/// content, else loaded from the sources and written to it. A cache that cannot be read or
/// written is passed over: the catalogue still loads.
pub fn load_dir_cached(dir: &Path, user: UserLayer, cache_dir: &Path) -> Result<Loaded, Problems> {
    if let Ok(Some(loaded)) = read_with(dir, &user, cache_dir) {
        return Ok(loaded);
    }
    let key_user = user.clone();
    let loaded = load_dir_with(dir, user)?;
    let _ = write_with(dir, &key_user, cache_dir, &loaded.catalog, &loaded.problems);
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    // A cached load of a large generated catalogue is tested in xtask/tests/cache.rs (the
    // generator is a development tool).

    #[test]
    fn problems_of_left_out_files_are_cached_too() {
        let cache = tempfile::tempdir().unwrap();
        let dir = fixture("two-broken-vendors");
        let loaded = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        assert!(!loaded.problems.is_empty());
        let again = read(&dir, cache.path()).unwrap().expect("cached");
        assert_eq!(again.problems, loaded.problems);
        assert_eq!(again.catalog, loaded.catalog);
    }

    #[test]
    fn a_tampered_cache_is_sanitized_again() {
        let cache = tempfile::tempdir().unwrap();
        let dir = fixture("valid");
        let loaded = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        let file = std::fs::read_dir(cache.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let name = &loaded.catalog.vendors[0].info.name.en;
        let text = std::fs::read_to_string(&file).unwrap();
        // The same number of bytes, so every offset still holds: `\u001b` for six chars.
        let quoted = serde_json::to_string(name).unwrap();
        assert!(quoted.len() > 8, "{quoted}");
        let evil = format!("\"\\u001b{}", &quoted[7..]);
        let tampered = text.replacen(&quoted, &evil, 1);
        assert_ne!(tampered, text);
        std::fs::write(&file, tampered).unwrap();
        let again = read(&dir, cache.path()).unwrap().expect("still read");
        let shown = &again.catalog.vendors[0].info.name.en;
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
    }

    #[test]
    fn plain_chars_are_what_sanitizing_keeps() {
        let plain = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c));
        for c in plain {
            let s = format!("{c}{c}a{c}");
            assert_eq!(sanitize::text(&s), s.as_str(), "{c:?}");
            assert_eq!(sanitize::line(&s), s.as_str(), "{c:?}");
        }
        assert!(plainly_safe(r#"{"a":"\"x\\ 削除（３０日）"}"#.as_bytes()));
        assert!(!plainly_safe(br#"{"a":"x\n"}"#));
        assert!(!plainly_safe(br#"{"a":"\u001b"}"#));
        assert!(!plainly_safe("{\"a\":\"\u{200b}\"}".as_bytes()));
    }

    #[test]
    #[cfg(unix)]
    fn a_device_among_the_vendor_files_is_not_read_for_the_key() {
        let data = tempfile::tempdir().unwrap();
        std::fs::copy(
            fixture("valid").join("controls.yaml"),
            data.path().join("controls.yaml"),
        )
        .unwrap();
        std::fs::create_dir(data.path().join("vendors")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", data.path().join("vendors/zero.yaml")).unwrap();
        // Returns (rather than reading /dev/zero forever).
        let cache = tempfile::tempdir().unwrap();
        assert!(key(data.path(), &UserLayer::default()).is_ok());
        let _ = load_dir_cached(data.path(), UserLayer::default(), cache.path());
    }

    #[test]
    fn two_directories_keep_their_caches_side_by_side() {
        let cache = tempfile::tempdir().unwrap();
        let (a, b) = (fixture("valid"), fixture("two-broken-vendors"));
        load_dir_cached(&a, UserLayer::default(), cache.path()).unwrap();
        load_dir_cached(&b, UserLayer::default(), cache.path()).unwrap();
        assert!(read(&a, cache.path()).unwrap().is_some(), "b evicted a");
        assert!(read(&b, cache.path()).unwrap().is_some());
        // The same directory by another path shares its cache files' names.
        let other = a.join("vendors").join("..");
        assert_eq!(prefix_for(&other), prefix_for(&a));
    }

    #[test]
    fn a_damaged_cache_is_a_miss() {
        let cache = tempfile::tempdir().unwrap();
        let dir = fixture("valid");
        load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        let file = std::fs::read_dir(cache.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, &text[..text.len() / 2]).unwrap();
        assert!(read(&dir, cache.path()).unwrap().is_none());
        std::fs::write(&file, "garbage").unwrap();
        assert!(read(&dir, cache.path()).unwrap().is_none());
    }
}
