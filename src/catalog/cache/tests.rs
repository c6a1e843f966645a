use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

// The cache's behaviour through its public API is tested in tests/cache.rs, a cached load of
// a large generated catalogue in xtask/tests/cache.rs (the generator is a development tool).

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
fn the_key_of_a_cold_load_is_the_key_a_cached_read_looks_for() {
    for name in ["valid", "two-broken-vendors"] {
        let dir = fixture(name);
        let cache = tempfile::tempdir().unwrap();
        let (_, pending) = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        let looked_for = key_of(&dir, &canonical(&dir), &UserLayer::default()).unwrap();
        assert_eq!(pending.expect("a cold load").key, looked_for, "{name}");
    }
}

#[test]
fn the_same_directory_by_another_path_has_the_same_names() {
    let a = fixture("valid");
    let other = a.join("vendors").join("..");
    assert_eq!(prefix_for(&canonical(&other)), prefix_for(&canonical(&a)));
    assert_eq!(
        key(&other, &UserLayer::default()).unwrap(),
        key(&a, &UserLayer::default()).unwrap()
    );
}

#[test]
fn problems_under_the_directory_are_named_from_the_path_given() {
    let p = Problem::new("some/dir/vendors/x.yaml", (3, 4), "bad").hint("fix it");
    let wire = problem_to(&p, "some/dir");
    assert!(wire.under_dir);
    let back = problem_from(wire, "/abs/some/dir");
    assert_eq!(back.file, "/abs/some/dir/vendors/x.yaml");
    assert_eq!((back.line, back.column, back.hint), (3, 4, p.hint.clone()));
    let elsewhere = problem_to(&Problem::new("/home/u/vendors/y.yaml", (0, 0), "bad"), "d");
    assert!(!elsewhere.under_dir);
    assert_eq!(problem_from(elsewhere, "e").file, "/home/u/vendors/y.yaml");
}

#[test]
fn forget_removes_the_caches_of_one_directory_only() {
    let cache = tempfile::tempdir().unwrap();
    for name in ["valid", "two-broken-vendors"] {
        let dir = fixture(name);
        let (loaded, pending) = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        pending.unwrap().write(&loaded.catalog).unwrap();
    }
    std::fs::write(cache.path().join("notes.txt"), "mine").unwrap();
    assert_eq!(forget(&fixture("valid"), cache.path()), 1);
    assert!(read(&fixture("valid"), cache.path()).unwrap().is_none());
    assert!(read(&fixture("two-broken-vendors"), cache.path())
        .unwrap()
        .is_some());
    assert!(cache.path().join("notes.txt").exists());
    assert_eq!(forget(&fixture("valid"), cache.path()), 0);
}
