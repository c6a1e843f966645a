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

/// The catalogue's stamp can be fooled (a same-size rewrite within one tick of the clock);
/// `kurabe check` cannot: it reads every file and replaces the stale cache.
#[test]
fn check_reads_every_file_whatever_the_cache_holds() {
    let data = tempfile::tempdir().unwrap();
    let spec = Spec {
        vendors: 64,
        controls: 6,
        seed: 3,
    };
    generate(data.path(), &spec).unwrap();
    let dir = data.path().to_path_buf();
    let home = tempfile::tempdir().unwrap();
    let paths = kurabe::paths::Paths {
        config_dir: home.path().join("config"),
        data_dir: home.path().join("data"),
        state_dir: home.path().join("state"),
        cache_dir: home.path().join("cache"),
    };
    let (before, _) = load_dir_cached(&dir, UserLayer::default(), &paths.cache_dir).unwrap();
    // An answer becomes a draft (same vendors, same controls)...
    let not_stated = "    status: not_stated\n";
    let vendor = vendor_files(&dir)
        .into_iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains(not_stated))
        .expect("a vendor with a not_stated answer");
    let text = std::fs::read_to_string(&vendor).unwrap();
    let edited = text.replacen(not_stated, "    status: not_stated\n    draft: true\n", 1);
    std::fs::write(&vendor, edited).unwrap();
    // ...and the cache holds the catalogue from before under the key of now: what a change the
    // stamps missed leaves behind.
    let (_, pending) = load_dir_cached(&dir, UserLayer::default(), &paths.cache_dir).unwrap();
    pending.unwrap().write(&before.catalog).unwrap();
    let stale = read(&dir, &paths.cache_dir).unwrap().expect("a hit");
    assert_eq!(stale.catalog, before.catalog, "the cached start is fooled");
    let mut out = Vec::new();
    kurabe::cli::check(Some(&dir), &paths, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("1 draft answer(s) left to review"),
        "check read the file: {out}"
    );
    // The cache check wrote is of the files as they are.
    let fresh = read(&dir, &paths.cache_dir)
        .unwrap()
        .expect("check wrote it");
    assert_eq!(fresh.catalog, load_dir(&dir).unwrap().catalog);
    assert_ne!(fresh.catalog, before.catalog);
}

fn vendor_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("vendors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}
