//! Progress of a long import on standard error when it is a terminal: the stage and the time
//! it has taken, redrawn in place, shown only once an import takes longer than a moment.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Nothing is shown for imports quicker than this.
const SHOW_AFTER: Duration = Duration::from_millis(500);
const REDRAW_EVERY: Duration = Duration::from_millis(100);

pub struct Progress {
    shared: Option<Arc<Shared>>,
    ticker: Option<std::thread::JoinHandle<()>>,
}

struct Shared {
    stage: Mutex<(String, Instant)>,
    done: AtomicBool,
}

impl Progress {
    /// A progress line on standard error when `show`; otherwise nothing.
    pub fn start(show: bool) -> Self {
        if !show {
            return Progress {
                shared: None,
                ticker: None,
            };
        }
        let shared = Arc::new(Shared {
            stage: Mutex::new((String::new(), Instant::now())),
            done: AtomicBool::new(false),
        });
        let started = Instant::now();
        let ticker = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                let mut shown = false;
                while !shared.done.load(Ordering::SeqCst) {
                    std::thread::sleep(REDRAW_EVERY);
                    if started.elapsed() < SHOW_AFTER || shared.done.load(Ordering::SeqCst) {
                        continue;
                    }
                    let line = {
                        let stage = shared.stage.lock().unwrap_or_else(|e| e.into_inner());
                        format!(
                            "{}… {:.1} s (Ctrl-C to stop)",
                            stage.0,
                            stage.1.elapsed().as_secs_f64()
                        )
                    };
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r\x1b[2K{line}");
                    let _ = err.flush();
                    shown = true;
                }
                if shown {
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r\x1b[2K");
                    let _ = err.flush();
                }
            })
        };
        Progress {
            shared: Some(shared),
            ticker: Some(ticker),
        }
    }

    /// What is being done now (text already made safe to show).
    pub fn stage(&self, stage: String) {
        if let Some(shared) = &self.shared {
            *shared.stage.lock().unwrap_or_else(|e| e.into_inner()) = (stage, Instant::now());
        }
    }

    /// Clears the line; called before the import's own messages.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(shared) = &self.shared {
            shared.done.store(true, Ordering::SeqCst);
        }
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}
