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
    let (loaded, pending) =
        load_dir_cached(data.path(), UserLayer::default(), cache.path()).unwrap();
    assert!(
        read(data.path(), cache.path()).unwrap().is_none(),
        "written on load"
    );
    pending
        .expect("a cold load")
        .write(&loaded.catalog)
        .unwrap();
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

#[test]
fn opening_a_session_leaves_the_cache_write_to_the_caller() {
    let data = tempfile::tempdir().unwrap();
    let spec = Spec {
        vendors: 64,
        controls: 6,
        seed: 9,
    };
    generate(data.path(), &spec).unwrap();
    let home = tempfile::tempdir().unwrap();
    let paths = kurabe::paths::Paths {
        config_dir: home.path().join("config"),
        data_dir: home.path().join("data"),
        state_dir: home.path().join("state"),
        cache_dir: home.path().join("cache"),
    };
    let dir = data.path().to_path_buf();
    let mut session = kurabe::session::open(Some(&dir), paths.clone()).unwrap();
    assert!(!paths.cache_dir.exists(), "the cache was written on open");
    let pending = session.pending_cache.take().expect("a write is pending");
    pending.write(&session.catalog).unwrap();
    assert!(read(&dir, &paths.cache_dir).unwrap().is_some());
    let again = kurabe::session::open(Some(&dir), paths).unwrap();
    assert!(
        again.pending_cache.is_none(),
        "a hit leaves nothing to write"
    );
    assert_eq!(again.catalog, session.catalog);
}
