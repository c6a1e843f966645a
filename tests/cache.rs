//! The load cache: what it keeps, what it refuses, and when it is written.

use kurabe::catalog::cache::{key, load_dir_cached, read, PendingCacheWrite, MAX_CATALOGUES};
use kurabe::catalog::{load_dir, Loaded, UserLayer};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const FIXTURES: &str = "tests/fixtures";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join(name)
}

/// A copy of a fixture directory, to edit or to have a path of its own.
fn copy_of(name: &str, into: &Path) -> PathBuf {
    let from = fixture(name);
    std::fs::create_dir_all(into.join("vendors")).unwrap();
    std::fs::copy(from.join("controls.yaml"), into.join("controls.yaml")).unwrap();
    for entry in std::fs::read_dir(from.join("vendors")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), into.join("vendors").join(entry.file_name())).unwrap();
    }
    into.to_path_buf()
}

/// A cold load of `dir` and its pending write.
fn cold(dir: &Path, cache: &Path) -> (Loaded, PendingCacheWrite) {
    let (loaded, pending) = load_dir_cached(dir, UserLayer::default(), cache).unwrap();
    (loaded, pending.expect("a cold load leaves a write"))
}

/// Loads `dir` cold and writes its cache.
fn cache_it(dir: &Path, cache: &Path) -> Loaded {
    let (loaded, pending) = cold(dir, cache);
    pending.write(&loaded.catalog).unwrap();
    loaded
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("catalog-")
    });
    files.sort();
    files
}

fn only_cache_file(cache: &Path) -> PathBuf {
    let files = cache_files(cache);
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_cached_load_is_the_fresh_load_problems_included() {
    // certification-ui: a count with several series (`of`, `also`) goes through the cache too.
    for name in [
        "valid",
        "two-broken-vendors",
        "tricky-text",
        "hostile",
        "certification-ui",
    ] {
        let cache = tempfile::tempdir().unwrap();
        let dir = fixture(name);
        let Ok(fresh) = load_dir(&dir) else { continue };
        cache_it(&dir, cache.path());
        let cached = read(&dir, cache.path()).unwrap().expect("cached");
        assert_eq!(cached.catalog, fresh.catalog, "{name}");
        assert_eq!(cached.problems, fresh.problems, "{name}");
        // A hit leaves nothing to write.
        let (again, pending) = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        assert!(pending.is_none(), "{name}");
        assert_eq!(again.catalog, fresh.catalog, "{name}");
    }
    assert!(!load_dir(&fixture("two-broken-vendors"))
        .unwrap()
        .problems
        .is_empty());
}

#[test]
fn loading_never_writes_the_cache_only_the_pending_write_does() {
    let cache = tempfile::tempdir().unwrap();
    let dir = fixture("valid");
    let (loaded, pending) = cold(&dir, cache.path());
    assert!(cache_files(cache.path()).is_empty());
    assert!(read(&dir, cache.path()).unwrap().is_none());
    let size = pending.write(&loaded.catalog).unwrap();
    let file = only_cache_file(cache.path());
    assert_eq!(std::fs::metadata(file).unwrap().len(), size);
    assert!(read(&dir, cache.path()).unwrap().is_some());
}

#[test]
fn a_pending_write_refuses_another_catalogue() {
    let cache = tempfile::tempdir().unwrap();
    let (_, pending) = cold(&fixture("valid"), cache.path());
    let other = load_dir(&fixture("two-broken-vendors")).unwrap();
    assert!(pending.write(&other.catalog).is_err());
    assert!(cache_files(cache.path()).is_empty());
}

#[test]
fn a_relative_an_absolute_and_a_symlinked_path_share_one_cache() {
    // Integration tests run in the package's directory.
    let relative = Path::new(FIXTURES).join("two-broken-vendors");
    let absolute = fixture("two-broken-vendors");
    assert!(relative.is_relative() && relative.is_dir());
    let cache = tempfile::tempdir().unwrap();
    cache_it(&absolute, cache.path());
    let hit = read(&relative, cache.path())
        .unwrap()
        .expect("the same cache");
    // Problems name files by the path given, as a fresh load does.
    assert_eq!(hit.problems, load_dir(&relative).unwrap().problems);
    assert!(hit.problems[0]
        .file
        .starts_with(&relative.display().to_string()));
    #[cfg(unix)]
    {
        let links = tempfile::tempdir().unwrap();
        let link = links.path().join("link");
        std::os::unix::fs::symlink(&absolute, &link).unwrap();
        let (_, pending) = load_dir_cached(&link, UserLayer::default(), cache.path()).unwrap();
        assert!(pending.is_none(), "a symlink missed");
    }
    assert_eq!(cache_files(cache.path()).len(), 1);
}

#[test]
fn two_catalogues_are_both_kept() {
    let cache = tempfile::tempdir().unwrap();
    let (a, b) = (fixture("valid"), fixture("two-broken-vendors"));
    cache_it(&a, cache.path());
    cache_it(&b, cache.path());
    assert!(read(&a, cache.path()).unwrap().is_some(), "b evicted a");
    assert!(read(&b, cache.path()).unwrap().is_some());
    assert_eq!(cache_files(cache.path()).len(), 2);
}

#[test]
fn beyond_the_bound_the_least_recently_used_is_evicted() {
    let cache = tempfile::tempdir().unwrap();
    let dirs = tempfile::tempdir().unwrap();
    let dir = |i: usize| dirs.path().join(format!("d{i}"));
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    for i in 0..MAX_CATALOGUES {
        copy_of("valid", &dir(i));
        cache_it(&dir(i), cache.path());
        // Used in order, a second apart (whatever the clock's resolution).
        let newest = cache_files(cache.path())
            .into_iter()
            .max_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap())
            .unwrap();
        let file = std::fs::File::options().append(true).open(newest).unwrap();
        file.set_modified(day_ago + std::time::Duration::from_secs(i as u64))
            .unwrap();
    }
    assert_eq!(cache_files(cache.path()).len(), MAX_CATALOGUES);
    // Using the oldest makes it the newest: the second oldest goes instead.
    assert!(read(&dir(0), cache.path()).unwrap().is_some());
    copy_of("valid", &dir(MAX_CATALOGUES));
    cache_it(&dir(MAX_CATALOGUES), cache.path());
    assert_eq!(cache_files(cache.path()).len(), MAX_CATALOGUES);
    assert!(
        read(&dir(1), cache.path()).unwrap().is_none(),
        "not evicted"
    );
    for i in (2..=MAX_CATALOGUES).chain([0]) {
        assert!(
            read(&dir(i), cache.path()).unwrap().is_some(),
            "{i} evicted"
        );
    }
}

#[test]
fn a_flipped_byte_a_truncated_or_a_foreign_file_is_a_miss() {
    let cache = tempfile::tempdir().unwrap();
    let dir = fixture("two-broken-vendors");
    cache_it(&dir, cache.path());
    let file = only_cache_file(cache.path());
    let good = std::fs::read(&file).unwrap();
    let miss = |bytes: &[u8], what: &str| {
        std::fs::write(&file, bytes).unwrap();
        assert!(read(&dir, cache.path()).unwrap().is_none(), "{what}");
    };
    // Every byte: the header, each vendor's record, the trailer.
    for at in 0..good.len() {
        let mut flipped = good.clone();
        flipped[at] ^= 0x20;
        miss(&flipped, &format!("byte {at} flipped"));
    }
    for len in [0, 10, 64, good.len() / 2, good.len() - 1] {
        miss(&good[..len], &format!("cut to {len}"));
    }
    let mut longer = good.clone();
    longer.push(0);
    miss(&longer, "a byte added");
    miss(
        b"kurabe-cache 3 00000000000000000012\n{}\n",
        "the old format",
    );
    miss(b"garbage", "garbage");
    // Another catalogue's cache under this one's name.
    let other_cache = tempfile::tempdir().unwrap();
    cache_it(&fixture("valid"), other_cache.path());
    miss(
        &std::fs::read(only_cache_file(other_cache.path())).unwrap(),
        "another catalogue's cache",
    );
    std::fs::write(&file, &good).unwrap();
    assert!(read(&dir, cache.path()).unwrap().is_some());
}

#[test]
fn a_changed_source_is_a_miss() {
    let cache = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let dir = copy_of("two-broken-vendors", data.path());
    cache_it(&dir, cache.path());
    let vendor = dir.join("vendors/alpha.yaml");
    let mut bytes = std::fs::read(&vendor).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    std::fs::write(&vendor, &bytes).unwrap();
    assert!(
        read(&dir, cache.path()).unwrap().is_none(),
        "a byte changed"
    );
    bytes[last] ^= 1;
    std::fs::write(&vendor, &bytes).unwrap();
    // The key is the files' stamps, not their bytes: the same bytes written again are new.
    assert!(read(&dir, cache.path()).unwrap().is_none(), "changed back");
    std::fs::write(dir.join("vendors/new.yaml"), "vendor: {}\n").unwrap();
    assert!(read(&dir, cache.path()).unwrap().is_none(), "a file added");
    // The next write replaces the stale cache of the same directory.
    cache_it(&dir, cache.path());
    only_cache_file(cache.path());
}

#[test]
fn a_tampered_cache_with_good_checksums_is_sanitized_again() {
    let cache = tempfile::tempdir().unwrap();
    let dir = fixture("valid");
    let loaded = cache_it(&dir, cache.path());
    let file = only_cache_file(cache.path());
    let mut bytes = std::fs::read(&file).unwrap();
    // The first vendor's record follows the 64-byte header: length (u32), checksum (u64), body.
    let len = u32::from_le_bytes(bytes[64..68].try_into().unwrap()) as usize;
    let body = 76..76 + len;
    let name = loaded.catalog.vendors[0].info.name.en.as_bytes();
    let at = bytes[body.clone()]
        .windows(name.len())
        .position(|w| w == name)
        .expect("the name is in the record")
        + body.start;
    bytes[at] = 0x1b;
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[body]);
    bytes[68..76].copy_from_slice(&sum.to_le_bytes());
    std::fs::write(&file, &bytes).unwrap();
    let again = read(&dir, cache.path()).unwrap().expect("still read");
    let shown = &again.catalog.vendors[0].info.name.en;
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.starts_with('\u{241b}'), "{shown:?}");
}

#[test]
fn conflicts_recorded_on_answers_are_cached_as_written() {
    let cache = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let dir = copy_of("valid", data.path());
    let vendor = dir.join("vendors/acme.yaml");
    let text = std::fs::read_to_string(&vendor).unwrap().replacen(
        "        text: \"Data is deleted 30 days after the contract ends.\"\n",
        "        text: \"Data is deleted 30 days after the contract ends.\"\n    conflicts:\n      - field: value\n        ours: { kind: duration, amount: 30, unit: days }\n        theirs: { kind: duration, amount: 45, unit: days }\n      - field: summary_ja\n        ours: null\n        theirs: \"契約終了後\\u001b[2J30日で削除\"\n      - field: status\n        ours: stated\n        theirs: partial\n",
        1,
    );
    std::fs::write(&vendor, text).unwrap();
    let fresh = load_dir(&dir).unwrap();
    let conflicts = &fresh.catalog.vendors[0].answers[0].conflicts;
    assert_eq!(conflicts.len(), 3, "{:?}", fresh.problems);
    cache_it(&dir, cache.path());
    let cached = read(&dir, cache.path()).unwrap().expect("cached");
    assert_eq!(cached.catalog, fresh.catalog);
    // What the cache holds is sanitized as the file was: no raw escape.
    let kurabe::catalog::Conflict::SummaryJa { theirs, .. } = &conflicts[1] else {
        panic!("{conflicts:?}")
    };
    assert!(!theirs.as_deref().unwrap().contains('\u{1b}'), "{theirs:?}");
}

/// Sets a file's modification time, leaving its bytes alone.
fn set_mtime(path: &Path, to: SystemTime) {
    std::fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(to)
        .unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_file_touched_to_a_new_time_with_the_same_bytes_is_a_new_key() {
    let data = tempfile::tempdir().unwrap();
    let dir = copy_of("valid", data.path());
    let before = key(&dir, &UserLayer::default()).unwrap();
    assert_eq!(key(&dir, &UserLayer::default()).unwrap(), before, "stable");
    let vendor = files_of(&dir.join("vendors"))[0].clone();
    set_mtime(&vendor, mtime(&vendor) + Duration::from_secs(3));
    assert_ne!(
        key(&dir, &UserLayer::default()).unwrap(),
        before,
        "a vendor file"
    );
    let now = key(&dir, &UserLayer::default()).unwrap();
    let controls = dir.join("controls.yaml");
    set_mtime(&controls, mtime(&controls) - Duration::from_secs(4));
    assert_ne!(
        key(&dir, &UserLayer::default()).unwrap(),
        now,
        "controls.yaml"
    );
}

#[test]
fn a_changed_file_with_a_new_time_is_loaded_again() {
    let cache = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let dir = copy_of("valid", data.path());
    let first = cache_it(&dir, cache.path());
    let vendor = files_of(&dir.join("vendors"))[0].clone();
    let text = std::fs::read_to_string(&vendor).unwrap();
    let was = mtime(&vendor);
    let edited = text.replacen("Acme Corp.", "Acme Corp!", 1);
    assert_ne!(edited, text);
    std::fs::write(&vendor, edited).unwrap();
    set_mtime(&vendor, was + Duration::from_secs(2));
    let (again, pending) = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
    assert!(pending.is_some(), "loaded from the files, not the cache");
    assert_eq!(again.catalog, load_dir(&dir).unwrap().catalog);
    assert_eq!(again.catalog.vendors[0].info.name.en, "Acme Corp!");
    assert_ne!(again.catalog, first.catalog);
}

/// The status-change time, which no one sets back, is in the key too: a file rewritten with its
/// size and modification time kept is still a miss where the file system keeps that time.
#[test]
#[cfg(unix)]
fn a_rewrite_with_its_time_set_back_is_still_a_miss_on_unix() {
    let cache = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let dir = copy_of("valid", data.path());
    cache_it(&dir, cache.path());
    let vendor = files_of(&dir.join("vendors"))[0].clone();
    let was = mtime(&vendor);
    let mut bytes = std::fs::read(&vendor).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    // Past a tick of the clock that stamps the change time.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&vendor, &bytes).unwrap();
    set_mtime(&vendor, was);
    assert_eq!(mtime(&vendor), was);
    assert!(read(&dir, cache.path()).unwrap().is_none());
}

/// The files of a directory, in name order.
fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}
