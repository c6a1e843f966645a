//! No leftovers, no hangs: a signal to a running export removes its temporary file; a killed
//! import's is removed by a later run once stale; the cache skips what is not a regular file
//! (a FIFO hung export, check and the app) and evicts only its own files.

mod common;

use common::home::{kurabe, kurabe_command, temp_home};
use kurabe::catalog::cache::{load_dir_cached, read, MAX_CATALOGUES};
use kurabe::catalog::UserLayer;
use kurabe::files::temporaries::is_temporary_name;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// kurabe's temporary files in `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_name().to_str().is_some_and(is_temporary_name))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what} never happened"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for `child` at most `limit`; `None` if it still runs then (and it is killed).
fn finishes_within(mut child: Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[test]
fn a_signal_to_a_running_export_removes_its_temporary_file() {
    for (name, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        let (_home, paths) = temp_home();
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("report.md");
        // The debug build waits once the temporary file is written, before renaming it.
        let child = kurabe_command(&paths)
            .args(["export", "--out"])
            .arg(&target)
            .env("KURABE_TEST_PAUSE_WRITES", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_until("the temporary file", || !temporaries(out.path()).is_empty());
        signal(&child, name);
        let status = finishes_within(child, Duration::from_secs(30)).expect("it ends");
        assert_eq!(
            status.signal(),
            Some(number),
            "SIG{name}: it dies of the signal"
        );
        assert_eq!(temporaries(out.path()), Vec::<PathBuf>::new(), "SIG{name}");
        assert!(!target.exists(), "SIG{name}: no half report either");
    }
}

#[test]
fn a_killed_imports_temporary_file_is_removed_by_a_later_run_once_stale() {
    let (home, paths) = temp_home();
    let source = home.path().join("acme.txt");
    std::fs::write(
        &source,
        "データの削除\n契約終了後30日で利用者データを消去します。\n\nバックアップ\nバックアップは7世代保持します。\n",
    )
    .unwrap();
    let child = kurabe_command(&paths)
        .arg("import")
        .arg(&source)
        .args(["--vendor", "acme"])
        .env("KURABE_TEST_PAUSE_WRITES", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let vendors = paths.vendors_dir();
    wait_until("the draft's temporary file", || {
        !temporaries(&vendors).is_empty()
    });
    signal(&child, "KILL");
    finishes_within(child, Duration::from_secs(30)).expect("it ends");
    let left = temporaries(&vendors);
    assert_eq!(left.len(), 1, "SIGKILL leaves it: nothing runs on SIGKILL");
    assert!(!vendors.join("acme.yaml").exists());
    // Besides it: files that only look alike, which are never removed.
    let hour_and_more = SystemTime::now() - Duration::from_secs(61 * 60);
    let alike = [
        vendors.join(".kurabe-notes.tmp"),
        paths.data_dir.join("kurabeAbC123.tmp"),
    ];
    for path in &alike {
        std::fs::write(path, "mine").unwrap();
        std::fs::File::options()
            .append(true)
            .open(path)
            .unwrap()
            .set_modified(hour_and_more)
            .unwrap();
    }
    // A run within the hour leaves it (another kurabe could be writing it).
    let check = kurabe(&paths, &["check"]);
    assert!(check.status.success());
    assert_eq!(temporaries(&vendors), left);
    // An hour later, the next run removes it, and only it.
    std::fs::File::options()
        .append(true)
        .open(&left[0])
        .unwrap()
        .set_modified(hour_and_more)
        .unwrap();
    let check = kurabe(&paths, &["check"]);
    assert!(check.status.success());
    assert!(temporaries(&vendors).is_empty());
    for path in &alike {
        assert!(path.exists(), "{} was removed", path.display());
    }
    // The import works again.
    let again = kurabe(
        &paths,
        &["import", &source.display().to_string(), "--vendor", "acme"],
    );
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

/// A catalogue directory large enough to be loaded through the cache: 64 copies of the valid
/// fixture's vendor.
fn large_catalogue(into: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    std::fs::create_dir_all(into.join("vendors")).unwrap();
    std::fs::copy(fixture.join("controls.yaml"), into.join("controls.yaml")).unwrap();
    let vendor = std::fs::read_to_string(fixture.join("vendors/acme.yaml")).unwrap();
    for i in 0..64 {
        let id = format!("v{i:02}");
        std::fs::write(
            into.join("vendors").join(format!("{id}.yaml")),
            vendor.replacen("id: acme", &format!("id: {id}"), 1),
        )
        .unwrap();
    }
    into.to_path_buf()
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "kc"))
        .collect();
    files.sort();
    files
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

#[test]
fn a_fifo_in_the_cache_hangs_nothing() {
    let (home, paths) = temp_home();
    let data = large_catalogue(&home.path().join("catalogue"));
    let data_arg = data.display().to_string();
    // The first run writes the cache; then a FIFO, or a symlink to one, takes its name.
    let first = kurabe(&paths, &["check", "--data", &data_arg]);
    assert!(first.status.success());
    let cached = cache_files(&paths.cache_dir);
    assert_eq!(cached.len(), 1, "{cached:?}");
    let fifo = home.path().join("fifo");
    mkfifo(&fifo);
    let plant = |how: &str| {
        std::fs::remove_file(&cached[0]).unwrap();
        if how == "a FIFO" {
            mkfifo(&cached[0]);
        } else {
            std::os::unix::fs::symlink(&fifo, &cached[0]).unwrap();
        }
    };
    for how in ["a FIFO", "a symlink to a FIFO"] {
        // The cache's own read: a miss, at once (the app loads through the same function).
        plant(how);
        let cache = paths.cache_dir.clone();
        let dir = data.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(read(&dir, &cache).map(|hit| hit.is_some()));
        });
        let read = rx.recv_timeout(Duration::from_secs(10)).expect("no hang");
        assert!(matches!(read, Ok(false)), "{how}: {read:?}");
        for args in [
            vec!["check", "--data", &data_arg],
            vec!["export", "--data", &data_arg, "--format", "csv"],
        ] {
            plant(how);
            let child = kurabe_command(&paths)
                .args(&args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let status = finishes_within(child, Duration::from_secs(30));
            assert!(
                status.is_some_and(|s| s.success()),
                "{how}: `kurabe {}` hung or failed ({status:?})",
                args.join(" ")
            );
            // Its cache write put a cache file in its place.
            assert!(
                std::fs::symlink_metadata(&cached[0]).unwrap().is_file(),
                "{how}"
            );
        }
    }
    let (loaded, pending) = load_dir_cached(&data, UserLayer::default(), &paths.cache_dir)
        .expect("the catalogue loads");
    assert!(pending.is_none(), "a hit: the cache works again");
    assert_eq!(loaded.catalog.vendors.len(), 64);
}

#[test]
fn eviction_removes_only_the_caches_own_files() {
    let (home, paths) = temp_home();
    let cache = paths.cache_dir.clone();
    std::fs::create_dir_all(&cache).unwrap();
    let outside = home.path().join("outside.kc");
    std::fs::write(&outside, "not the cache's").unwrap();
    let hex16 = "0123456789abcdef";
    let hex32 = format!("{hex16}{hex16}");
    let foreign = [
        cache.join("catalog-notes.txt"),
        cache.join("catalog-backup.kc"),
        cache.join(format!("catalog-{hex16}-{hex16}.kc")),
        cache.join(format!("catalog-{hex16}-{hex32}.kc.bak")),
    ];
    for path in &foreign {
        std::fs::write(path, "someone's").unwrap();
    }
    // Named like a cache file, but a directory, and a symlink to a file outside.
    let dir_alike = cache.join(format!("catalog-{hex16}-{}.kc", "f".repeat(32)));
    std::fs::create_dir(&dir_alike).unwrap();
    let link_alike = cache.join(format!("catalog-{hex16}-{}.kc", "e".repeat(32)));
    std::os::unix::fs::symlink(&outside, &link_alike).unwrap();
    // More catalogues than the cache keeps: the oldest go.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    for i in 0..=MAX_CATALOGUES + 1 {
        let dir = home.path().join(format!("d{i}"));
        std::fs::create_dir_all(dir.join("vendors")).unwrap();
        for file in ["controls.yaml", "vendors/acme.yaml"] {
            std::fs::copy(fixture.join(file), dir.join(file)).unwrap();
        }
        let (loaded, pending) =
            load_dir_cached(&dir, UserLayer::default(), &cache).expect("it loads");
        pending.unwrap().write(&loaded.catalog).unwrap();
    }
    let real: Vec<PathBuf> = cache_files(&cache)
        .into_iter()
        .filter(|p| std::fs::symlink_metadata(p).unwrap().is_file())
        .filter(|p| !foreign.contains(p))
        .collect();
    assert_eq!(real.len(), MAX_CATALOGUES, "{real:?}");
    for path in &foreign {
        assert!(path.exists(), "{} was evicted", path.display());
    }
    assert!(dir_alike.is_dir());
    assert!(std::fs::symlink_metadata(&link_alike).is_ok());
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "not the cache's"
    );
}

#[test]
fn stale_temporary_files_in_the_cache_and_state_are_removed_at_the_next_run() {
    let (_home, paths) = temp_home();
    let day_ago = SystemTime::now() - Duration::from_secs(86_400);
    std::fs::create_dir_all(&paths.cache_dir).unwrap();
    std::fs::create_dir_all(&paths.state_dir).unwrap();
    let stale = [
        paths.cache_dir.join(".tmpX1y2Z3"),
        paths.cache_dir.join(".kurabeQ1w2E3.tmp"),
        paths.state_dir.join(".kurabeR4t5Y6.tmp"),
    ];
    let kept = [
        paths.state_dir.join(".tmpX1y2Z3"),
        paths.cache_dir.join(".tmpX1y2Z3-notes"),
    ];
    for path in stale.iter().chain(&kept) {
        std::fs::write(path, vec![0u8; 1024]).unwrap();
        std::fs::File::options()
            .append(true)
            .open(path)
            .unwrap()
            .set_modified(day_ago)
            .unwrap();
    }
    let out = kurabe(&paths, &["export", "--format", "csv"]);
    assert!(out.status.success());
    for path in &stale {
        assert!(!path.exists(), "{} is left", path.display());
    }
    for path in &kept {
        assert!(path.exists(), "{} was removed", path.display());
    }
}
