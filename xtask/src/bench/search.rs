//! In-process measures: loading (cold, then from the cache the first load wrote), building the
//! search index, and complete ranked results per key.
//!
//! Each query is typed one char at a time from an empty search box; each key runs
//! [`SearchIndex::search_with`] narrowing from the previous key's search, as the app's search
//! worker does: the ranked hits, which the results list shows (with no filters, every hit). A key
//! is counted once: a prefix already typed by an earlier query (`d` of `deletion` and of
//! `data`) is searched again, to keep the narrowing honest, but left out of the percentiles.

use anyhow::{Context, Result};
use kurabe::catalog::Catalog;
use kurabe::paths::Paths;
use kurabe::reviews::Reviews;
use kurabe::search::{Previous, SearchIndex};
use kurabe::view::{self, Scope, ViewSpec};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// One key of one query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyResult {
    pub query: String,
    pub typed: String,
    /// Search and ranked view, in milliseconds.
    pub ms: f64,
    /// Controls in the results list.
    pub shown: usize,
    /// First time this prefix was typed (counted in the percentiles).
    pub distinct: bool,
}

pub struct InProcess {
    pub catalog: Catalog,
    pub index: SearchIndex,
    pub load_cold_ms: f64,
    pub load_cached_ms: f64,
    pub index_ms: f64,
    /// Storing the built index in the cache, then opening it from there (what a cached start
    /// does instead of the build); `None` for a catalogue that is not cached.
    pub index_store_ms: Option<f64>,
    pub index_open_ms: Option<f64>,
}

pub fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Loads `dir` twice as the app does (`kurabe::session::load`, with a cache directory of its
/// own): cold, then from the cache if the first load wrote one by the time it returned; then
/// builds the index, stores it in the cache and opens it from there, as a cached start does.
/// The searches are timed on the opened index (the built one where the catalogue is not
/// cached).
pub fn load(dir: &Path, scratch: &Path) -> Result<InProcess> {
    let paths = Paths {
        config_dir: scratch.join("config"),
        data_dir: scratch.join("data"),
        state_dir: scratch.join("state"),
        cache_dir: scratch.join("cache"),
    };
    let data = Some(dir.to_path_buf());
    let t = Instant::now();
    let cold = kurabe::session::load(data.as_ref(), &paths)
        .map_err(|p| anyhow::anyhow!("{p}"))
        .with_context(|| format!("loading {}", dir.display()))?;
    let load_cold_ms = ms_since(t);
    drop(cold);
    let t = Instant::now();
    let placed =
        kurabe::session::load_placed(data.as_ref(), &paths).map_err(|p| anyhow::anyhow!("{p}"))?;
    kurabe::session::write_cache(placed.pending, &placed.loaded.catalog);
    let load_cached_ms = ms_since(t);
    let catalog = placed.loaded.catalog;
    let t = Instant::now();
    let mut index = SearchIndex::new(&catalog);
    let index_ms = ms_since(t);
    let (mut index_store_ms, mut index_open_ms) = (None, None);
    if let Some(place) = &placed.place {
        let t = Instant::now();
        index.store(place)?;
        index_store_ms = Some(ms_since(t));
        drop(index);
        let t = Instant::now();
        index = SearchIndex::open_stored(place, &catalog)?;
        index_open_ms = Some(ms_since(t));
    }
    Ok(InProcess {
        catalog,
        index,
        load_cold_ms,
        load_cached_ms,
        index_ms,
        index_store_ms,
        index_open_ms,
    })
}

/// Types every query and times each key (see the module doc).
pub fn per_key(run: &InProcess, queries: &[&str]) -> Result<Vec<KeyResult>> {
    let reviews = Reviews::default();
    let vendors: Vec<usize> = (0..run.catalog.vendors.len()).collect();
    let never = AtomicBool::new(false);
    let mut seen = std::collections::HashSet::new();
    let mut keys = Vec::new();
    for query in queries {
        let mut prev: Option<Previous> = None;
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            let done = run
                .index
                .search_with(&typed, &vendors, prev.as_ref(), &never)
                .map_err(|_| anyhow::anyhow!("search cancelled"))?;
            let ms = ms_since(t);
            // What the results list counts (untimed: the app derives only the rows it shows,
            // here the first, not a row per control).
            let spec = ViewSpec {
                query: typed.clone(),
                vendors: vendors.clone(),
                scope: done
                    .hits
                    .first()
                    .map_or(Scope::All, |h| Scope::Control(h.control)),
                ..ViewSpec::all(&run.catalog)
            };
            let shown = view::derive_with_hits(&run.catalog, &reviews, &spec, done.hits.clone())
                .visible
                .len();
            prev = Some(done.previous);
            keys.push(KeyResult {
                query: query.to_string(),
                typed: typed.clone(),
                ms,
                shown,
                distinct: seen.insert(typed.clone()),
            });
        }
    }
    Ok(keys)
}

/// Controls a full query matches (no previous work), as `kurabe export --query` finds them.
pub fn hits(run: &InProcess, query: &str) -> usize {
    let vendors: Vec<usize> = (0..run.catalog.vendors.len()).collect();
    run.index.search(query, &vendors).len()
}
