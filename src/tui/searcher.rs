//! Search off the UI thread, for catalogues large enough that a search takes longer than a
//! frame: the typed key is drawn at once, and the results when they arrive. A new query
//! cancels the search still running, and starts from what the last finished one learned.

use crate::search::{Hit, Previous, SearchIndex};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Above this many texts, searches run in the background (the embedded catalogue has a few
/// thousand and searches in well under a millisecond).
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

/// The worker thread and the way to it.
pub struct Searcher {
    requests: Option<Sender<Request>>,
    results: Receiver<Done>,
    /// Set to stop the search in progress (a newer request is waiting).
    cancel: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
    /// The last request submitted, until its result arrives.
    waiting_for: Option<Request>,
}

impl Searcher {
    pub fn new(index: SearchIndex) -> Searcher {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, results) = mpsc::channel::<Done>();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let previous: Mutex<Option<Previous>> = Mutex::new(None);
        let worker = std::thread::Builder::new()
            .name("kurabe-search".into())
            .spawn(move || {
                while let Ok(mut request) = inbox.recv() {
                    // Only the newest request matters.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    flag.store(false, Ordering::SeqCst);
                    let mut prev = previous.lock().unwrap_or_else(|e| e.into_inner());
                    if let Ok(searched) =
                        index.search_with(&request.query, &request.vendors, prev.as_ref(), &flag)
                    {
                        *prev = Some(searched.previous);
                        if outbox
                            .send(Done {
                                request,
                                hits: searched.hits,
                            })
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            })
            .expect("a thread starts unless the system is out of threads or memory");
        Searcher {
            requests: Some(requests),
            results,
            cancel,
            worker: Some(worker),
            waiting_for: None,
        }
    }

    /// Asks for a search, cancelling the one in progress.
    pub fn submit(&mut self, request: Request) {
        self.cancel.store(true, Ordering::SeqCst);
        if let Some(tx) = &self.requests {
            if tx.send(request.clone()).is_ok() {
                self.waiting_for = Some(request);
            }
        }
    }

    /// Whether the latest request has not been answered yet.
    pub fn busy(&self) -> bool {
        self.waiting_for.is_some()
    }

    fn arrived(&mut self, done: &Done) {
        if self.waiting_for.as_ref() == Some(&done.request) {
            self.waiting_for = None;
        }
    }

    /// The newest finished search, if one has arrived. It may answer an older request than the
    /// latest: the app keeps only results for the query it has now.
    pub fn try_result(&mut self) -> Option<Done> {
        let mut newest = None;
        while let Ok(done) = self.results.try_recv() {
            newest = Some(done);
        }
        if let Some(done) = &newest {
            self.arrived(done);
        }
        newest
    }

    /// Waits for the answer to the latest request.
    pub fn wait(&mut self) -> Option<Done> {
        while self.busy() {
            let done = self.results.recv().ok()?;
            self.arrived(&done);
            if !self.busy() {
                return Some(done);
            }
        }
        None
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
