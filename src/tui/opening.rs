//! The search index at start: opened from the cache where it is stored, else built (and then
//! stored for the next start), on a thread, after the first frame.

use super::searcher;
use super::Wake;
use crate::catalog::cache::CachePlace;
use crate::catalog::Catalog;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// Where the thread is: quitting waits for a store under way (so that no temporary file is
/// left), never for a build (the process ending takes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Opening,
    Storing,
    Quit,
}

/// The thread that opens or builds the index.
pub(super) struct Opening {
    thread: Option<std::thread::JoinHandle<()>>,
    phase: Arc<Mutex<Phase>>,
}

impl Opening {
    /// Opens the index of `catalog` (loaded at `place`) or builds it, hands it to the loop, then
    /// stores a built one.
    pub(super) fn start(
        catalog: Arc<Catalog>,
        place: Option<CachePlace>,
        wake: mpsc::Sender<Wake>,
    ) -> Opening {
        let phase = Arc::new(Mutex::new(Phase::Opening));
        let shared = phase.clone();
        let open = move || {
            let (index, built) =
                crate::search::SearchIndex::open_or_build(&catalog, place.as_ref());
            // Not held while the index is stored: an edit would copy the whole catalogue.
            drop(catalog);
            let _ = wake.send(Wake::Index(searcher::Built::new(index.clone())));
            let Some(place) = place.filter(|_| built) else {
                return;
            };
            match shared.lock() {
                Ok(mut phase) if *phase == Phase::Opening => *phase = Phase::Storing,
                _ => return,
            }
            crate::session::store_index(&index, Some(&place));
        };
        let thread = std::thread::Builder::new()
            .name("kurabe-index".into())
            .spawn(open)
            .ok();
        Opening { thread, phase }
    }

    /// At exit: waits for a store under way; a build or an open is left to end with the process.
    pub(super) fn finish(self) {
        let storing = match self.phase.lock() {
            Ok(mut phase) => {
                let storing = *phase == Phase::Storing;
                *phase = Phase::Quit;
                storing
            }
            Err(_) => false,
        };
        if let (true, Some(thread)) = (storing, self.thread) {
            let _ = thread.join();
        }
    }
}
