//! A cached catalogue decodes a vendor's answers only when something asks for them: the
//! results list of `kurabe search` and the count of drafts ask for none; and they are still
//! there when another program empties the cache files meanwhile. Tests in their own process,
//! so that their caches are among the process's first mappings (kept, and so read in place).

use kurabe::catalog::cache::{load_dir_cached, load_dir_cached_placed, read};
use kurabe::catalog::{load_dir, UserLayer};
use kurabe::cli::search_command::results;
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use std::path::Path;

#[test]
fn the_results_list_and_the_drafts_left_decode_no_answers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let cache = tempfile::tempdir().unwrap();
    let (loaded, pending) = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
    pending
        .expect("a cold load")
        .write(&loaded.catalog)
        .unwrap();
    let cached = read(&dir, cache.path()).unwrap().expect("a hit").catalog;
    let pending = |what: &str| {
        assert!(
            cached.vendors.iter().all(|v| v.answers.is_pending()),
            "{what} decoded answers"
        );
    };
    pending("reading the cache");
    // The index as a cached start opens it: made apart from this catalogue.
    let fresh = load_dir(&dir).unwrap().catalog;
    let index = SearchIndex::new(&fresh);
    let vendors: Vec<usize> = (0..cached.vendors.len()).collect();
    let found = results(&cached, &Reviews::default(), &index, "deleted", &vendors);
    assert!(!found.is_empty() && found.iter().any(|f| !f.vendors.is_empty()));
    assert_eq!(
        found,
        results(&fresh, &Reviews::default(), &index, "deleted", &vendors)
    );
    pending("the results list");
    assert_eq!(
        kurabe::view::drafts_left(&cached),
        kurabe::view::drafts_left(&fresh)
    );
    pending("counting drafts");
    // A view of every vendor (an export's) decodes them all before it reads them.
    let all = kurabe::view::ViewSpec::all(&cached);
    let view = kurabe::view::derive_with_hits(&cached, &Reviews::default(), &all, Vec::new());
    assert!(cached.vendors.iter().all(|v| !v.answers.is_pending()));
    assert_eq!(view.rows.len(), fresh.controls.len());
    // As the files say.
    assert_eq!(cached.vendors, fresh.vendors);
}

/// Another program truncating the catalogue's cache file and the stored index while kurabe has
/// them mapped, its answers not decoded yet: it waits for kurabe's copy (Linux: a read lease)
/// or kurabe read the files into memory to start with; either way no SIGBUS, the same answers.
#[cfg(unix)]
#[test]
fn the_answers_and_the_index_survive_the_cache_files_truncated_under_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let cache = tempfile::tempdir().unwrap();
    let (loaded, pending, place) =
        load_dir_cached_placed(&dir, UserLayer::default(), cache.path()).unwrap();
    pending
        .expect("a cold load")
        .write(&loaded.catalog)
        .unwrap();
    let place = place.expect("a place in the cache");
    SearchIndex::new(&loaded.catalog).store(&place).unwrap();
    let cached = read(&dir, cache.path()).unwrap().expect("a hit").catalog;
    let index = SearchIndex::open_stored(&place, &cached).expect("the stored index");
    assert!(cached.vendors.iter().all(|v| v.answers.is_pending()));
    let files: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "kc" || x == "ki"))
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    #[cfg(target_os = "linux")]
    if leases_work_in(cache.path()) {
        for file in &files {
            assert!(leased_by_this_process(file), "no lease on {file:?}");
        }
    }
    let status = std::process::Command::new("sh")
        .args(["-c", ": > \"$0\" && : > \"$1\""])
        .args(&files)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(files
        .iter()
        .all(|f| std::fs::metadata(f).unwrap().len() == 0));
    let fresh = load_dir(&dir).unwrap().catalog;
    let vendors: Vec<usize> = (0..cached.vendors.len()).collect();
    let found = results(&cached, &Reviews::default(), &index, "deleted", &vendors);
    assert!(!found.is_empty());
    let fresh_index = SearchIndex::new(&fresh);
    assert_eq!(
        found,
        results(
            &fresh,
            &Reviews::default(),
            &fresh_index,
            "deleted",
            &vendors
        )
    );
    assert_eq!(cached.vendors, fresh.vendors);
}

/// Whether a file in `dir` can be mapped under a lease here (a file system with leases).
#[cfg(target_os = "linux")]
fn leases_work_in(dir: &Path) -> bool {
    use kurabe::files::mapped::{Held, MappedFile};
    let probe = dir.join("probe");
    std::fs::write(&probe, b"probe").unwrap();
    let mapped = MappedFile::open(std::fs::File::open(&probe).unwrap(), 5, false).unwrap();
    let leased = mapped.held() == Held::Leased;
    drop(mapped);
    std::fs::remove_file(probe).unwrap();
    leased
}

/// Whether /proc/locks lists a read lease of this process on `file`'s inode.
#[cfg(target_os = "linux")]
fn leased_by_this_process(file: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(file).unwrap().ino();
    let pid = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .any(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // `1: LEASE  ACTIVE    READ 5415 fe:00:10281970 0 EOF`
            fields.get(1) == Some(&"LEASE")
                && fields.get(3) == Some(&"READ")
                && fields.get(4) == Some(&pid.as_str())
                && fields.get(5).and_then(|f| f.rsplit(':').next()) == Some(&inode.to_string())
        })
}
