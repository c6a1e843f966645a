//! Start-up: everything kurabe reads before it shows or prints anything — the catalogue with
//! the user's files laid over it, the reviews, the configuration and where they all live — with
//! every problem found on the way. The browser and the headless commands both start here.

use crate::catalog::cache::{CachePlace, PendingCacheWrite};
use crate::catalog::{self, Catalog, Loaded, Problem, Problems, UserLayer};
use crate::config::LoadedConfig;
use crate::paths::Paths;
use crate::reviews::Reviews;
use crate::search::SearchIndex;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What kurabe works on once it has started.
#[derive(Debug)]
pub struct Session {
    pub catalog: Catalog,
    /// Problems in the user's files (and left-out files of the catalogue); the rest loaded.
    pub problems: Vec<Problem>,
    /// The reviewer's verdicts and notes on the answers.
    pub reviews: Reviews,
    /// False when the reviews file exists but could not be read: saving would lose it.
    pub reviews_writable: bool,
    /// Worth telling, but nothing was left out (a hand-written reviews file that may be cut
    /// short): shown in the app, not counted among the problems.
    pub warnings: Vec<Problem>,
    pub config: LoadedConfig,
    pub paths: Paths,
    /// The catalogue's cache, to be written once the catalogue is shown or used (off the
    /// thread that shows it): loading never writes it. `None` when it was read from the cache
    /// or is not cached (the embedded catalogue, small directories).
    pub pending_cache: Option<PendingCacheWrite>,
    /// Where the catalogue is kept in the cache, and its search index beside it: `None` when
    /// it is not cached.
    pub cache_place: Option<CachePlace>,
}

/// A catalogue as [`load_placed`] loads it.
#[derive(Debug)]
pub struct LoadedPlaced {
    pub loaded: Loaded,
    /// The cache write left to the caller (see [`write_cache`]).
    pub pending: Option<PendingCacheWrite>,
    /// Where the cache keeps it (see [`Session::cache_place`]).
    pub place: Option<CachePlace>,
}

/// Today's date (UTC).
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Loads the catalogue the flags ask for, with the user's data directory laid over it, and
/// writes its cache if it has one to write. See [`load_deferred`] to write it later.
pub fn load(data: Option<&PathBuf>, paths: &Paths) -> Result<Loaded, Problems> {
    let (loaded, pending) = load_deferred(data, paths)?;
    write_cache(pending, &loaded.catalog);
    Ok(loaded)
}

/// [`load`], with the cache write left to the caller (see [`write_cache`]).
pub fn load_deferred(
    data: Option<&PathBuf>,
    paths: &Paths,
) -> Result<(Loaded, Option<PendingCacheWrite>), Problems> {
    load_placed(data, paths).map(|l| (l.loaded, l.pending))
}

/// [`load_deferred`], with the catalogue's place in the cache.
pub fn load_placed(data: Option<&PathBuf>, paths: &Paths) -> Result<LoadedPlaced, Problems> {
    clean_leftovers(paths);
    let user = UserLayer::read(&paths.data_dir);
    let (loaded, pending, place) = match data {
        Some(dir) if is_large(dir) => {
            catalog::cache::load_dir_cached_placed(dir, user, &paths.cache_dir)?
        }
        Some(dir) => (catalog::load_dir_with(dir, user)?, None, None),
        None => (catalog::load_embedded_with(user)?, None, None),
    };
    Ok(LoadedPlaced {
        loaded,
        pending,
        place,
    })
}

/// The search index of `catalog`, loaded at `place`: opened from the cache where it is stored
/// there, else built (see [`store_index`]).
pub fn search_index(catalog: &Catalog, place: Option<&CachePlace>) -> SearchIndex {
    SearchIndex::open_or_build(catalog, place).0
}

/// Stores a built index of the catalogue loaded at `place` in the cache beside the catalogue, for
/// the next start; an index opened from the cache, or of a catalogue not cached, is left. As
/// for the catalogue's cache, failing to is not the user's concern.
pub fn store_index(index: &SearchIndex, place: Option<&CachePlace>) {
    if let (Some(place), false) = (place, index.is_stored()) {
        let _ = index.store(place);
    }
}

/// Removes the temporary files a killed kurabe left in its own directories (cache, state,
/// data, your vendors and requirements) an hour or more ago: by their exact names, regular
/// files only. Returns what it removed.
pub fn clean_leftovers(paths: &Paths) -> Vec<PathBuf> {
    let mut removed = catalog::cache::sweep(&paths.cache_dir);
    for dir in [
        paths.state_dir.clone(),
        paths.data_dir.clone(),
        paths.vendors_dir(),
        paths.requirements_dir(),
    ] {
        removed.extend(crate::files::temporaries::sweep(&dir));
    }
    removed
}

/// Runs a pending cache write, if any, with the catalogue it was loaded with. A cache that
/// cannot be written is not the user's concern: the next start loads from the sources.
pub fn write_cache(pending: Option<PendingCacheWrite>, catalog: &Catalog) {
    if let Some(pending) = pending {
        let _ = pending.write(catalog);
    }
}

/// Catalogues with at least this many vendor files are loaded through the cache.
const CACHE_FROM_VENDORS: usize = 64;

/// Whether a catalogue directory is large enough that a cache saves a noticeable wait.
fn is_large(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("vendors"))
        .map(|rd| rd.take(CACHE_FROM_VENDORS).count() >= CACHE_FROM_VENDORS)
        .unwrap_or(false)
}

/// Loads everything; problems in the user's files are collected in `problems`. Only a
/// catalogue that cannot be loaded at all is an error.
pub fn open(data: Option<&PathBuf>, paths: Paths) -> Result<Session, Problems> {
    let LoadedPlaced {
        loaded: Loaded {
            catalog,
            mut problems,
        },
        pending: pending_cache,
        place: cache_place,
    } = load_placed(data, &paths)?;
    let (config, problem) = LoadedConfig::load(&paths.config_file());
    problems.extend(problem);
    let (_, unknown) = config.shown_vendors(&catalog);
    problems.extend(unknown);
    let mut warnings = Vec::new();
    let (reviews, reviews_writable) = match crate::reviews::store::load(&paths.reviews_file()) {
        Ok(parsed) => {
            warnings.extend(parsed.warning);
            warnings.extend(unplaced_reviews(
                &catalog,
                &parsed.reviews,
                &paths.reviews_file().display().to_string(),
            ));
            (parsed.reviews, true)
        }
        Err(mut p) => {
            p.message
                .push_str("; reviews are not saved until this is fixed");
            problems.push(p);
            (Reviews::default(), false)
        }
    };
    Ok(Session {
        catalog,
        problems,
        reviews,
        reviews_writable,
        warnings,
        config,
        paths,
        pending_cache,
        cache_place,
    })
}

/// A warning naming the reviews whose vendor or control is not in the catalogue (a control
/// that was split or renamed, a vendor file removed). They are not shown on any answer, and
/// stay in the reviews file: every save writes them back as they were.
pub fn unplaced_reviews(catalog: &Catalog, reviews: &Reviews, file: &str) -> Option<Problem> {
    let unplaced: Vec<String> = reviews
        .iter()
        .filter(|r| {
            catalog.vendor_index(&r.vendor).is_none() || catalog.control_index(&r.control).is_none()
        })
        .map(|r| format!("{}/{}", r.vendor, r.control))
        .collect();
    if unplaced.is_empty() {
        return None;
    }
    Some(
        Problem::new(
            file,
            (0, 0),
            format!(
                "{} review(s) of a vendor or control not in the catalogue, kept in the file and not shown: {}",
                unplaced.len(),
                unplaced.join(", ")
            ),
        )
        .hint("change `control:` (or `vendor:`) to the one that now holds the answer, or delete the review"),
    )
}
