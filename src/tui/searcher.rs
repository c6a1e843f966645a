//! Search off the UI thread: the typed key is drawn at once, and the results when they arrive.
//! A new query cancels the search still running, queries that arrive while one runs are
//! coalesced into the newest, and each search starts from what the last finished one learned.

use crate::search::{Hit, Previous, SearchIndex};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Above this many texts the app searches in the background even where the shell would let
/// it search inline (tests drive the app without a shell: there small catalogues search
/// inline, so a key's results are there when its update returns).
pub const BACKGROUND_ABOVE_TEXTS: usize = 50_000;

/// A search to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub query: String,
    pub vendors: Vec<usize>,
}

/// A finished search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub request: Request,
    pub hits: Vec<Hit>,
}

/// A search index handed to the app once built. Two are equal only if they are the same
/// hand-over (an index has no cheap equality of its own).
#[derive(Debug, Clone)]
pub struct Built(pub SearchIndex, u64);

impl Built {
    pub fn new(index: SearchIndex) -> Built {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Built(index, NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl PartialEq for Built {
    fn eq(&self, other: &Built) -> bool {
        self.1 == other.1
    }
}

impl Eq for Built {}

/// The worker thread and the way to it.
pub struct Searcher {
    requests: Option<Sender<(Request, SearchIndex)>>,
    /// Set to stop the search in progress (a newer request is waiting).
    cancel: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
}

impl Searcher {
    /// A worker that hands each finished search to `deliver`, until `deliver` returns false.
    pub fn new(deliver: impl Fn(Done) -> bool + Send + 'static) -> Searcher {
        let (requests, inbox) = mpsc::channel::<(Request, SearchIndex)>();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let worker = std::thread::Builder::new()
            .name("kurabe-search".into())
            .spawn(move || {
                let mut previous: Option<Previous> = None;
                while let Ok(mut job) = inbox.recv() {
                    // Only the newest request matters.
                    while let Ok(newer) = inbox.try_recv() {
                        job = newer;
                    }
                    let (request, index) = job;
                    flag.store(false, Ordering::SeqCst);
                    let searched = index.search_with(
                        &request.query,
                        &request.vendors,
                        previous.as_ref(),
                        &flag,
                    );
                    // A cancelled search is followed by the request that cancelled it.
                    if let Ok(searched) = searched {
                        previous = Some(searched.previous);
                        let hits = searched.hits;
                        if !deliver(Done { request, hits }) {
                            return;
                        }
                    }
                }
            })
            .expect("a thread starts unless the system is out of threads or memory");
        Searcher {
            requests: Some(requests),
            cancel,
            worker: Some(worker),
        }
    }

    /// Asks for a search of `index`, cancelling the one in progress.
    pub fn submit(&self, request: Request, index: SearchIndex) {
        self.cancel.store(true, Ordering::SeqCst);
        if let Some(tx) = &self.requests {
            let _ = tx.send((request, index));
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
        self.requests.take();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
