//! The load cache on a generated catalogue large enough to go through it.

use kurabe::catalog::cache::{load_dir_cached, read};
use kurabe::catalog::{load_dir, UserLayer};
use xtask::generate::{generate, Spec};

#[test]
fn a_cached_load_equals_the_load_and_a_change_misses() {
    let data = tempfile::tempdir().unwrap();
    let spec = Spec {
        vendors: 70,
        controls: 12,
        seed: 5,
    };
    generate(data.path(), &spec).unwrap();
    let cache = tempfile::tempdir().unwrap();
    assert!(read(data.path(), cache.path()).unwrap().is_none());
    let loaded = load_dir_cached(data.path(), UserLayer::default(), cache.path()).unwrap();
    let again = read(data.path(), cache.path()).unwrap().expect("cached");
    assert_eq!(again.catalog, loaded.catalog);
    assert_eq!(again.catalog, load_dir(data.path()).unwrap().catalog);
    // The data directory holds no cache.
    assert!(!std::fs::read_dir(data.path()).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains("catalog-")));
    // Any edit to a source is a miss.
    let mut vendors: Vec<_> = std::fs::read_dir(data.path().join("vendors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    vendors.sort();
    let mut text = std::fs::read_to_string(&vendors[3]).unwrap();
    text.push_str("# edited\n");
    std::fs::write(&vendors[3], text).unwrap();
    assert!(read(data.path(), cache.path()).unwrap().is_none());
}
