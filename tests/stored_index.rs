//! The search index stored in the cache beside its catalogue: opened instead of built, and
//! evicted and forgotten with the catalogue.

use kurabe::catalog::cache::{forget, load_dir_cached_placed, CachePlace};
use kurabe::catalog::{Catalog, UserLayer};
use kurabe::search::SearchIndex;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of the `valid` fixture, to edit.
fn copy_of_valid(into: &Path) -> PathBuf {
    let from = fixture("valid");
    std::fs::create_dir_all(into.join("vendors")).unwrap();
    std::fs::copy(from.join("controls.yaml"), into.join("controls.yaml")).unwrap();
    for entry in std::fs::read_dir(from.join("vendors")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), into.join("vendors").join(entry.file_name())).unwrap();
    }
    into.to_path_buf()
}

/// Loads `dir` through the cache, writes the catalogue's cache if the load left it to write,
/// and stores (or opens) its index. Returns the catalogue, its place and its index.
fn load_and_store(dir: &Path, cache: &Path) -> (Catalog, CachePlace, SearchIndex) {
    let (loaded, pending, place) =
        load_dir_cached_placed(dir, UserLayer::default(), cache).unwrap();
    let place = place.expect("a directory with a controls file has a place");
    if let Some(pending) = pending {
        pending.write(&loaded.catalog).unwrap();
    }
    let (index, built) = SearchIndex::open_or_build(&loaded.catalog, Some(&place));
    if built {
        index.store(&place).unwrap();
    }
    (loaded.catalog, place, index)
}

/// The cache's files by extension, sorted.
fn files(cache: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

#[test]
fn a_built_index_is_stored_beside_its_catalogue_and_opened_from_there() {
    let cache = tempfile::tempdir().unwrap();
    let dir = fixture("valid");
    let (catalog, place, built) = load_and_store(&dir, cache.path());
    assert!(!built.is_stored());
    assert_eq!(files(cache.path(), "ki"), vec![place.companion("ki")]);
    assert_eq!(files(cache.path(), "kc").len(), 1);
    // The next load reads the catalogue from the cache, at the same place, and opens the index.
    let (again, place_again, opened) = load_and_store(&dir, cache.path());
    assert_eq!(place_again, place);
    assert_eq!(again, catalog);
    assert!(opened.is_stored());
    let all: Vec<usize> = (0..catalog.vendors.len()).collect();
    let mut hits = 0;
    for query in [
        "backup",
        "暗号化",
        "iso 27001",
        "dele",
        "a",
        "e",
        "data",
        "backup 世代",
    ] {
        let found = opened.search(query, &all);
        assert_eq!(found, built.search(query, &all), "{query}");
        hits += found.len();
    }
    assert!(hits > 2, "{hits}");
}

#[test]
fn a_stored_index_goes_with_its_catalogue() {
    let cache = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = copy_of_valid(&work.path().join("d"));
    let (first_catalog, first, _) = load_and_store(&dir, cache.path());
    assert!(first.companion("ki").exists());
    // A changed source: another key; the new catalogue's write removes the old one's index.
    let vendor = std::fs::read_dir(dir.join("vendors"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut text = std::fs::read_to_string(&vendor).unwrap();
    text.push_str("\n# edited\n");
    std::fs::write(&vendor, text).unwrap();
    let (loaded, pending, second) =
        load_dir_cached_placed(&dir, UserLayer::default(), cache.path()).unwrap();
    let second = second.unwrap();
    assert_ne!(second, first);
    pending.unwrap().write(&loaded.catalog).unwrap();
    assert!(!first.companion("ki").exists());
    assert!(files(cache.path(), "ki").is_empty());
    // An instance still on the older contents storing its index late does not take the newer
    // catalogue for an older one.
    let newer = files(cache.path(), "kc");
    SearchIndex::new(&first_catalog).store(&first).unwrap();
    assert_eq!(files(cache.path(), "kc"), newer);
    std::fs::remove_file(first.companion("ki")).unwrap();
    // A stored index of another catalogue is a miss.
    let index = SearchIndex::new(&loaded.catalog);
    index.store(&second).unwrap();
    let other = tempfile::tempdir().unwrap();
    let (other_catalog, other_place, _) = load_and_store(&fixture("valid"), other.path());
    std::fs::copy(second.companion("ki"), other_place.companion("ki")).unwrap();
    assert!(SearchIndex::open_stored(&other_place, &other_catalog).is_err());
    // An index whose catalogue is gone is removed by the next write, once a minute old (a
    // younger one may be another instance's, its catalogue still being written).
    std::fs::remove_file(&files(cache.path(), "kc")[0]).unwrap();
    load_and_store(&fixture("valid"), cache.path());
    assert!(second.companion("ki").exists());
    let minutes_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(second.companion("ki"))
        .unwrap()
        .set_modified(minutes_ago)
        .unwrap();
    forget(&fixture("valid"), cache.path());
    load_and_store(&fixture("valid"), cache.path());
    assert!(!second.companion("ki").exists());
    // `kurabe check` forgets a directory's index with its catalogue.
    let (_, third, _) = load_and_store(&dir, cache.path());
    assert!(third.companion("ki").exists());
    assert_eq!(forget(&dir, cache.path()), 2);
    assert!(!third.companion("ki").exists());
}
