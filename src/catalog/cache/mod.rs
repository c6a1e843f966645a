//! A cache of a loaded catalogue directory, so that a registry of thousands of vendors starts
//! in the time it takes to read its files instead of being parsed and checked again.
//!
//! The cache is a directory the caller passes in (never the data directory) holding up to
//! [`MAX_CATALOGUES`] catalogues, at most [`MAX_BYTES`] in all; beyond that the least recently
//! used go. Each is one file named after the directory's canonical path (so `d`, `/abs/d` and a
//! symlink to it share it) and a key: an XXH3-128 hash of kurabe's version, the cache's format,
//! that path, and the name and file-system stamp of `controls.yaml`, of every `vendors/*.yaml`
//! and of the user's files laid over them — size, modification time to the nanosecond and,
//! on Unix, device, inode and status-change time (see [`stamp_file`]). No source byte is read
//! for the key: a cached start costs a `stat` per file. A changed stamp gives another key, so
//! the cache is simply not found, and replaced by the next write.
//!
//! The risk this takes: a file rewritten in place, keeping its size, within one tick of the
//! file system's clock after its previous change (a few milliseconds on Linux) keeps its stamp
//! and goes unnoticed (on Windows, without inode and change time, so does a same-size rewrite
//! with its modification time set back). `kurabe check` never trusts the stamp ([`forget`]):
//! it reads every file, and the cache it writes replaces the one it passed over.
//!
//! Loading never writes: [`load_dir_cached`] returns, with what it loaded, a
//! [`PendingCacheWrite`] for the caller to run when it suits (after the first frame, after a
//! command's output). The layout is in [`file`]; what is read is sanitized again.
//!
//! Beside a catalogue's file, other modules may keep files derived from the same load (the
//! search index): its *companions*, named after it with another extension ([`CachePlace`]).
//! This module knows nothing of what they hold; it evicts and forgets them with their
//! catalogue, and removes those whose catalogue is gone.

mod file;
mod plain;
mod wire;

use super::load::{load_dir_with, vendor_paths, Loaded, UserLayer};
use super::model::Catalog;
use super::problem::{Problem, Problems};
use crate::sanitize;
use file::WireProblem;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use xxhash_rust::xxh3::Xxh3;

/// Catalogues kept at most (two `--data` directories never evict each other).
pub const MAX_CATALOGUES: usize = 8;
/// Bytes of cache kept at most (the catalogue just written is kept whatever its size).
pub const MAX_BYTES: u64 = 4 << 30;

const NAME_START: &str = "catalog-";
const NAME_END: &str = ".kc";
/// The extension of the catalogue's own file.
const EXTENSION: &str = "kc";

/// A hash fed in length-prefixed pieces, so that no two sequences of pieces run together.
struct Hasher(Xxh3);

impl Hasher {
    fn new() -> Hasher {
        Hasher(Xxh3::new())
    }
    fn feed(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }
    fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// What the key takes of one source file: its name in the directory and its stamp, as
/// `stat` gives it (following a symlink, as reading does). Nothing is read, so a FIFO or a
/// device among the files costs nothing here; the load reports it.
fn stamp_file(path: &Path) -> u128 {
    let name = path.file_name().unwrap_or(path.as_os_str());
    let mut h = Hasher::new();
    h.feed(name.as_encoded_bytes());
    match std::fs::metadata(path) {
        Ok(meta) => h.feed(b"stat").feed(&stamp(&meta)),
        // Perhaps readable later, and then a different key.
        Err(e) => h.feed(b"unreadable").feed(e.kind().to_string().as_bytes()),
    };
    h.finish()
}

/// Size, kind and modification time of a file and, on Unix, its device, inode and
/// status-change time: the change time cannot be set back by the user, so a file rewritten
/// with its modification time restored (`touch -d`, `rsync --inplace -t`) still has a new
/// stamp.
fn stamp(meta: &std::fs::Metadata) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    out.extend(meta.len().to_le_bytes());
    out.push(u8::from(meta.is_file()));
    let since_epoch = |t: io::Result<SystemTime>| -> (u8, u128) {
        match t.map(|t| t.duration_since(SystemTime::UNIX_EPOCH)) {
            Ok(Ok(d)) => (1, d.as_nanos()),
            Ok(Err(before)) => (2, before.duration().as_nanos()),
            Err(_) => (0, 0),
        }
    };
    let (known, nanos) = since_epoch(meta.modified());
    out.push(known);
    out.extend(nanos.to_le_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        out.extend(meta.dev().to_le_bytes());
        out.extend(meta.ino().to_le_bytes());
        out.extend(meta.ctime().to_le_bytes());
        out.extend(meta.ctime_nsec().to_le_bytes());
    }
    out
}

/// The directory as the cache names it: its canonical path where it has one.
fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// What the key takes of the user's files: the extra controls' bytes (already read), the
/// vendor files' stamps.
fn digest_user(user: &UserLayer) -> u128 {
    let mut h = Hasher::new();
    if let Some(c) = &user.controls {
        h.feed(c.name.as_bytes()).feed(&c.bytes);
    }
    for f in &user.vendors {
        h.feed(f.name.as_bytes());
        match f.path_to_read() {
            Some(path) => h.feed(b"stamp").feed(&stamp_file(path).to_le_bytes()),
            None => h.feed(b"bytes").feed(&f.bytes),
        };
    }
    for p in &user.problems {
        h.feed(p.to_string().as_bytes());
    }
    h.finish()
}

/// The key of the directory at `canonical` from its files' stamps (`controls.yaml` first).
fn key_from(canonical: &Path, vendors_is_dir: bool, files: &[u128], user: u128) -> u128 {
    let mut h = Hasher::new();
    h.feed(
        format!(
            "kurabe {} cache {} stamps",
            env!("CARGO_PKG_VERSION"),
            file::FORMAT
        )
        .as_bytes(),
    );
    h.feed(canonical.as_os_str().as_encoded_bytes());
    h.feed(&[u8::from(vendors_is_dir)]);
    for d in files {
        h.feed(&d.to_le_bytes());
    }
    h.feed(&user.to_le_bytes());
    h.finish()
}

/// The key of a load of `dir`: the stamps of every file the load reads, no byte of them. Taken
/// before the files are read, so that a file changed while the load reads it gives a later
/// key than the cache is written under: a miss, never a stale hit.
fn key_of(dir: &Path, canonical: &Path, user: &UserLayer) -> io::Result<u128> {
    let controls = dir.join("controls.yaml");
    // As the loader: without a controls file there is no catalogue to cache.
    if !std::fs::metadata(&controls)?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "controls.yaml is not a regular file",
        ));
    }
    let mut files = vec![stamp_file(&controls)];
    let vendors_dir = dir.join("vendors");
    let paths = vendor_paths(&vendors_dir).unwrap_or_default();
    files.extend(paths.iter().map(|p| stamp_file(p)));
    Ok(key_from(
        canonical,
        vendors_dir.is_dir(),
        &files,
        digest_user(user),
    ))
}

/// The key of a load of `dir` with `user` over it, as 32 hex digits.
pub fn key(dir: &Path, user: &UserLayer) -> io::Result<String> {
    Ok(format!("{:032x}", key_of(dir, &canonical(dir), user)?))
}

/// The stem (`catalog-`, 16 hex digits, `-`, 32 hex digits) and extension of a cache file's
/// name: the catalogue's own (`kc`) or a companion's (2 to 8 lowercase ASCII letters or digits).
fn cache_name_parts(name: &str) -> Option<(&str, &str)> {
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    let (stem, extension) = name.rsplit_once('.')?;
    let extension_ok = (2..=8).contains(&extension.len())
        && extension
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let stem_ok = stem
        .strip_prefix(NAME_START)
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(dir, key)| hex(dir, 16) && hex(key, 32));
    (extension_ok && stem_ok).then_some((stem, extension))
}

/// Whether `name` is that of a cache file: a catalogue's or one of its companions'.
fn is_cache_name(name: &str) -> bool {
    cache_name_parts(name).is_some()
}

/// Removes the temporary files of cache writes that were killed, once stale: kurabe's own
/// (`.kurabeXXXXXX.tmp`) and those of older versions (`.tmpXXXXXX`, tempfile's default name).
/// The cache directory is kurabe's alone. Returns what it removed.
pub fn sweep(cache_dir: &Path) -> Vec<PathBuf> {
    let older = |name: &str| {
        name.strip_prefix(".tmp")
            .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    crate::files::temporaries::sweep_matching(
        cache_dir,
        crate::files::temporaries::STALE_AFTER,
        |name| crate::files::temporaries::is_temporary_name(name) || older(name),
    )
}

/// The start of the names of the cache files of the directory at `canonical`.
fn prefix_for(canonical: &Path) -> String {
    let mut h = Hasher::new();
    h.feed(canonical.as_os_str().as_encoded_bytes());
    format!("{NAME_START}{:016x}-", h.finish() as u64)
}

fn file_for(cache_dir: &Path, canonical: &Path, key: u128) -> PathBuf {
    cache_dir.join(format!("{}{key:032x}{NAME_END}", prefix_for(canonical)))
}

/// Where the cache keeps a load's catalogue, and the companion files derived from that same
/// load (named after it, evicted and forgotten with it): known whether the load was read from
/// the cache or is about to be written to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachePlace {
    cache_dir: PathBuf,
    prefix: String,
    key: u128,
}

impl CachePlace {
    fn new(cache_dir: &Path, canonical: &Path, key: u128) -> CachePlace {
        CachePlace {
            cache_dir: cache_dir.to_path_buf(),
            prefix: prefix_for(canonical),
            key,
        }
    }

    /// The place of a load of `dir` with `user` over it, under its files' stamps as they are now.
    pub fn of(dir: &Path, user: &UserLayer, cache_dir: &Path) -> io::Result<CachePlace> {
        let canonical = canonical(dir);
        let key = key_of(dir, &canonical, user)?;
        Ok(CachePlace::new(cache_dir, &canonical, key))
    }

    /// The key of the load's sources (see the module's doc).
    pub fn key(&self) -> u128 {
        self.key
    }

    fn stem(&self) -> String {
        format!("{}{:032x}", self.prefix, self.key)
    }

    /// The companion file with `extension` (2 to 8 lowercase ASCII letters or digits, not
    /// `kc`).
    pub fn companion(&self, extension: &str) -> PathBuf {
        debug_assert!(
            extension != EXTENSION && is_cache_name(&format!("{}.{extension}", self.stem()))
        );
        self.cache_dir.join(format!("{}.{extension}", self.stem()))
    }

    /// Writes the companion with `extension` through `write` (given a new, empty file; it
    /// returns the size written), atomically: a temporary file renamed into place, so that no
    /// partial file is ever named as a companion and a mapped one is never changed in place.
    /// Then evicts the least recently used beyond the bounds (this load's files stay). Unlike
    /// a catalogue write, it does not take this directory's other caches for older ones: a
    /// companion is stored seconds after its load, when another instance may have written a
    /// newer catalogue of the directory. A companion of more than [`MAX_BYTES`] is refused.
    pub fn write_companion(
        &self,
        extension: &str,
        write: impl FnOnce(&mut std::fs::File) -> io::Result<u64>,
    ) -> io::Result<u64> {
        let size = write_atomically(&self.cache_dir, &self.companion(extension), |file| {
            let size = write(file)?;
            if size > MAX_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "larger than the cache's bound",
                ));
            }
            Ok(size)
        })?;
        evict(&self.cache_dir, &self.stem(), None);
        Ok(size)
    }
}

/// How old a companion without its catalogue must be to be removed.
const ORPHAN_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

fn is_older_than(path: &Path, age: std::time::Duration) -> bool {
    std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|e| e > age))
}

/// Writes `path` in `cache_dir` through `write`, atomically: a temporary file renamed into
/// place, so that no partial file is ever named as a cache file and a mapped one is never
/// changed in place.
fn write_atomically(
    cache_dir: &Path,
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<u64>,
) -> io::Result<u64> {
    std::fs::create_dir_all(cache_dir)?;
    let mut tmp = crate::files::temporary_in(cache_dir)?;
    let size = write(tmp.as_file_mut())?;
    tmp.persist(path)?;
    Ok(size)
}

/// The cached load of `dir` (no user files), if the cache holds one for its current contents.
pub fn read(dir: &Path, cache_dir: &Path) -> io::Result<Option<Loaded>> {
    read_with(dir, &UserLayer::default(), cache_dir)
}

/// The cached load of `dir` with `user` over it, if the cache holds one for their contents.
/// A damaged, truncated or foreign cache file is a miss (the next write replaces it). A hit
/// counts as a use: it is the last to be evicted.
pub fn read_with(dir: &Path, user: &UserLayer, cache_dir: &Path) -> io::Result<Option<Loaded>> {
    let canonical = canonical(dir);
    let key = key_of(dir, &canonical, user)?;
    read_at(&file_for(cache_dir, &canonical, key), dir, key)
}

fn read_at(path: &Path, dir: &Path, key: u128) -> io::Result<Option<Loaded>> {
    let contents = match file::read(path, key) {
        Ok(contents) => contents,
        Err(e) if is_miss(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let dir_name = sanitize::line(&dir.display().to_string()).into_owned();
    let problems = contents
        .problems
        .into_iter()
        .map(|p| problem_from(p, &dir_name))
        .collect();
    Ok(Some(Loaded {
        catalog: Catalog::new(contents.categories, contents.vendors),
        problems,
    }))
}

fn is_miss(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
    )
}

fn problem_from(p: WireProblem, dir_name: &str) -> Problem {
    let file = if p.under_dir {
        format!("{dir_name}{}", p.file)
    } else {
        p.file
    };
    let to_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let mut problem = Problem::new(
        &sanitize::line(&file),
        (to_usize(p.line), to_usize(p.column)),
        sanitize::line(&p.message),
    );
    problem.hint = p.hint.map(|h| sanitize::line(&h).into_owned());
    problem
}

fn problem_to(p: &Problem, dir_name: &str) -> WireProblem {
    let (file, under_dir) = match p.file.strip_prefix(dir_name) {
        Some(rest) if !dir_name.is_empty() => (rest.to_string(), true),
        _ => (p.file.clone(), false),
    };
    WireProblem {
        file,
        under_dir,
        line: p.line as u64,
        column: p.column as u64,
        message: p.message.clone(),
        hint: p.hint.clone(),
    }
}

/// A cache write that loading left for later: it holds the key and the problems, never the
/// catalogue. Run it (on any thread) with the catalogue it was returned with.
#[derive(Debug)]
pub struct PendingCacheWrite {
    cache_dir: PathBuf,
    path: PathBuf,
    prefix: String,
    key: u128,
    problems: Vec<WireProblem>,
    shape: u128,
}

/// The ids of a catalogue's controls and vendors, hashed: what tells one catalogue from
/// another at write time, cheaply (also what a cache file's companions are checked against).
pub fn shape_of(catalog: &Catalog) -> u128 {
    let mut h = Hasher::new();
    for c in &catalog.controls {
        h.feed(c.control.id.as_bytes());
    }
    h.feed(b"vendors");
    for v in &catalog.vendors {
        h.feed(v.info.id.as_bytes());
    }
    h.finish()
}

impl PendingCacheWrite {
    fn new(
        dir: &Path,
        canonical: &Path,
        key: u128,
        cache_dir: &Path,
        (catalog, problems): (&Catalog, &[Problem]),
    ) -> PendingCacheWrite {
        let dir_name = sanitize::line(&dir.display().to_string()).into_owned();
        PendingCacheWrite {
            cache_dir: cache_dir.to_path_buf(),
            path: file_for(cache_dir, canonical, key),
            prefix: prefix_for(canonical),
            key,
            problems: problems.iter().map(|p| problem_to(p, &dir_name)).collect(),
            shape: shape_of(catalog),
        }
    }

    /// Writes the cache: atomically (a temporary file renamed into place, so no partial file
    /// is ever named as a cache), then removes this directory's older caches and the least
    /// recently used beyond the bounds. `catalog` must be the one loaded with this write (one
    /// with other controls or vendors is refused). Returns the cache's size.
    pub fn write(self, catalog: &Catalog) -> io::Result<u64> {
        if shape_of(catalog) != self.shape {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not the catalogue this cache write was made for",
            ));
        }
        let size = write_atomically(&self.cache_dir, &self.path, |file| {
            file::write(file, self.key, catalog, self.problems)
        })?;
        let stem = self.path.file_stem().unwrap_or_default().to_string_lossy();
        evict(&self.cache_dir, &stem, Some(&self.prefix));
        Ok(size)
    }
}

/// Removes the other caches of the same directory (older contents: those named with
/// `older_of`, when given), the companions whose catalogue is gone, then the least recently
/// used catalogues (with their companions) beyond [`MAX_CATALOGUES`] and [`MAX_BYTES`]; the
/// files of stem `kept` always stay.
fn evict(cache_dir: &Path, kept: &str, older_of: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(cache_dir) else {
        return;
    };
    // Per stem: the catalogue's last use (if it is there), the bytes of its files, the files.
    let mut stems: std::collections::BTreeMap<String, (Option<SystemTime>, u64, Vec<PathBuf>)> =
        Default::default();
    let mut kept_bytes = 0u64;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        // Only the cache's own files: their exact names, regular files (the entry's own type:
        // a symlink is not followed).
        let Some((stem, extension)) = name.to_str().and_then(cache_name_parts) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if stem == kept {
            kept_bytes = kept_bytes.saturating_add(meta.len());
            continue;
        }
        if older_of.is_some_and(|prefix| stem.starts_with(prefix)) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        let group = stems.entry(stem.to_string()).or_default();
        if extension == EXTENSION {
            group.0 = Some(meta.modified().unwrap_or(SystemTime::UNIX_EPOCH));
        }
        group.1 = group.1.saturating_add(meta.len());
        group.2.push(path);
    }
    let mut caches: Vec<(SystemTime, u64, Vec<PathBuf>)> = Vec::new();
    for (_, (used, bytes, files)) in stems {
        match used {
            Some(used) => caches.push((used, bytes, files)),
            // A companion without its catalogue: derived from a load no longer cached — or
            // one whose catalogue another instance is still writing, hence the minute.
            None => files
                .iter()
                .filter(|f| is_older_than(f, ORPHAN_AFTER))
                .for_each(|f| drop(std::fs::remove_file(f))),
        }
    }
    // Newest first; the one just written counts first.
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut bytes = kept_bytes;
    let mut count = 1;
    for (_, len, files) in caches {
        count += 1;
        bytes = bytes.saturating_add(len);
        if count > MAX_CATALOGUES || bytes > MAX_BYTES {
            files.iter().for_each(|f| drop(std::fs::remove_file(f)));
        }
    }
}

/// Writes the cache of a load of `dir` (no user files) now: its catalogue and problems.
/// Returns the cache's size.
pub fn write(
    dir: &Path,
    cache_dir: &Path,
    catalog: &Catalog,
    problems: &[Problem],
) -> io::Result<u64> {
    write_with(dir, &UserLayer::default(), cache_dir, catalog, problems)
}

/// Writes the cache of a load of `dir` with `user` over it now, under the files' stamps as
/// they are now: only for a catalogue loaded from the files as they still are (a load through
/// [`load_dir_cached`] takes the stamps before reading, which is safer).
pub fn write_with(
    dir: &Path,
    user: &UserLayer,
    cache_dir: &Path,
    catalog: &Catalog,
    problems: &[Problem],
) -> io::Result<u64> {
    let canonical = canonical(dir);
    let key = key_of(dir, &canonical, user)?;
    PendingCacheWrite::new(dir, &canonical, key, cache_dir, (catalog, problems)).write(catalog)
}

/// [`super::load_dir_with`] through the cache in `cache_dir`: read from it when it holds this
/// content (by the files' stamps, see the module's doc); else loaded from the sources, with
/// the write of its cache left to the caller. A cache that cannot be read is passed over: the
/// catalogue still loads.
pub fn load_dir_cached(
    dir: &Path,
    user: UserLayer,
    cache_dir: &Path,
) -> Result<(Loaded, Option<PendingCacheWrite>), Problems> {
    load_dir_cached_placed(dir, user, cache_dir).map(|(loaded, pending, _)| (loaded, pending))
}

/// [`load_dir_cached`], with the load's place in the cache (`None` when its files could not be
/// stamped: it is then not cached).
pub fn load_dir_cached_placed(
    dir: &Path,
    user: UserLayer,
    cache_dir: &Path,
) -> Result<(Loaded, Option<PendingCacheWrite>, Option<CachePlace>), Problems> {
    let canonical = canonical(dir);
    let key = key_of(dir, &canonical, &user).ok();
    let place = key.map(|key| CachePlace::new(cache_dir, &canonical, key));
    if let Some(key) = key {
        if has_cache_of(cache_dir, &prefix_for(&canonical)) {
            if let Ok(Some(loaded)) = read_at(&file_for(cache_dir, &canonical, key), dir, key) {
                return Ok((loaded, None, place));
            }
        }
    }
    let loaded = load_dir_with(dir, user)?;
    let pending = key.map(|key| {
        PendingCacheWrite::new(
            dir,
            &canonical,
            key,
            cache_dir,
            (&loaded.catalog, &loaded.problems),
        )
    });
    Ok((loaded, pending, place))
}

/// Removes every cache of `dir` from `cache_dir` (with their companions), so that the next
/// load reads each of its files: what `kurabe check` does before loading, since a stamp can be fooled and the check
/// must not be. Returns how many it removed.
pub fn forget(dir: &Path, cache_dir: &Path) -> usize {
    let prefix = prefix_for(&canonical(dir));
    let Ok(entries) = std::fs::read_dir(cache_dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            name.to_str()
                .is_some_and(|n| is_cache_name(n) && n.starts_with(&prefix))
                && e.file_type().is_ok_and(|t| t.is_file())
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

fn has_cache_of(cache_dir: &Path, prefix: &str) -> bool {
    std::fs::read_dir(cache_dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
    })
}

#[cfg(test)]
mod tests;
