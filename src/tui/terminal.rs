//! Entering and leaving the terminal's browser mode, on every path out, and giving the
//! terminal back while kurabe is stopped (Ctrl-Z).

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen};
use ratatui::DefaultTerminal;
use std::io::{stdout, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal is in raw mode, on the alternate screen, with mouse capture and
/// bracketed paste.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Raw mode, alternate screen, mouse capture, bracketed paste; and a panic hook that undoes
/// them all and shows the cursor before the panic is reported (installed before ratatui's,
/// which then runs first and calls it).
pub fn enter() -> anyhow::Result<DefaultTerminal> {
    // Keys come from the terminal even when stdin is redirected; the screen goes to stdout.
    if !stdout().is_terminal() {
        anyhow::bail!("the browser needs a terminal; for a pipe, use `kurabe export`");
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    ACTIVE.store(true, Ordering::SeqCst);
    match ratatui::try_init() {
        Ok(mut terminal) => {
            let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
            // Hidden before the first frame is written, not just after it.
            let _ = terminal.hide_cursor();
            Ok(terminal)
        }
        Err(e) => {
            restore();
            Err(anyhow::anyhow!("cannot set up the terminal: {e}"))
        }
    }
}

/// Leaves browser mode for good.
pub fn leave(mut terminal: DefaultTerminal) {
    restore();
    // A terminal that hung up cannot be written to; dropping ratatui's terminal would then
    // report that on a standard error that is gone too.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}

/// Mouse capture and bracketed paste off, raw mode off, main screen, cursor shown; once,
/// ignoring errors (there is nothing better to do with them on the way out).
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        let _ = ratatui::try_restore();
        let _ = execute!(stdout(), Show);
    }
}

/// Gives the terminal back as the shell had it, stops kurabe (as Ctrl-Z does to any program),
/// and takes the terminal again when it continues.
pub fn suspend(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    resume(terminal)
}

/// Takes the terminal again after kurabe was stopped (whoever stopped it: the shell may have
/// put the terminal back in cooked mode meanwhile) and redraws everything on the next frame.
pub fn resume(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    // After a SIGSTOP, crossterm still believes raw mode is on (its enable would do nothing),
    // but the shell has put the terminal back in cooked mode: leave raw mode first, for real.
    disable_raw_mode()?;
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    ACTIVE.store(true, Ordering::SeqCst);
    terminal.hide_cursor()?;
    // Clears the screen and forgets the last frame, so the next draws everything. (Not
    // `clear()`: it asks the terminal where the cursor is, and waits for the answer among the
    // keys the user is typing.)
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

#[cfg(unix)]
pub use signals::Signals;

/// The signals that end kurabe, caught so that the run loop ends and restores the terminal
/// instead; and the ones that stop and continue it.
#[cfg(unix)]
mod signals {
    use super::super::Leftovers;
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::{self, Handle};
    use signal_hook::{flag, low_level, SigId};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    const SIGNALS: &[i32] = &[SIGTERM, SIGHUP, SIGINT, SIGQUIT];

    /// How long the run loop has to notice a signal, restore the terminal and keep the user's
    /// work before the watchdog does it and ends kurabe itself.
    const GRACE: Duration = Duration::from_secs(2);

    pub struct Signals {
        caught: Arc<AtomicUsize>,
        stop: Arc<AtomicBool>,
        continued: Arc<AtomicBool>,
        ids: Vec<SigId>,
        watchdog: Handle,
        waker: Handle,
    }

    impl Signals {
        /// Catches the signals; `leftovers` is what the watchdog keeps if the run loop does
        /// not get to.
        /// `wake` is called after each of them, so that a sleeping run loop looks.
        pub fn catch(
            leftovers: Arc<Mutex<Leftovers>>,
            wake: Box<dyn Fn() + Send>,
        ) -> anyhow::Result<Signals> {
            let caught = Arc::new(AtomicUsize::new(0));
            let twice = Arc::new(AtomicBool::new(false));
            let stop = Arc::new(AtomicBool::new(false));
            let continued = Arc::new(AtomicBool::new(false));
            let mut ids = Vec::new();
            for &signal in SIGNALS {
                // A second signal while the first is handled ends kurabe at once.
                let once = twice.clone();
                ids.push(flag::register_conditional_shutdown(signal, 1, once)?);
                ids.push(flag::register(signal, twice.clone())?);
            }
            // SIGTSTP sent from outside (`kill -TSTP`; in raw mode Ctrl-Z is a key) stops
            // kurabe the way Ctrl-Z does; SIGCONT after any stop takes the terminal again.
            ids.push(flag::register(SIGTSTP, stop.clone())?);
            ids.push(flag::register(SIGCONT, continued.clone())?);
            // The run loop checks `caught` between events. When the terminal has gone away
            // (SIGHUP), crossterm can spin on its end of file and never return to the loop:
            // then the watchdog keeps the user's work, restores what it can and ends kurabe.
            let mut signals = iterator::Signals::new(SIGNALS)?;
            let watchdog = signals.handle();
            let which = caught.clone();
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    which.store(signal as usize, Ordering::SeqCst);
                    std::thread::sleep(GRACE);
                    if let Ok(leftovers) = leftovers.try_lock() {
                        leftovers.keep();
                    }
                    crate::files::temporaries::remove_in_flight();
                    super::restore();
                    let _ = low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
            let mut all = iterator::Signals::new(SIGNALS.iter().chain(&[SIGTSTP, SIGCONT]))?;
            let waker = all.handle();
            std::thread::spawn(move || {
                for _ in all.forever() {
                    wake();
                }
            });
            Ok(Signals {
                caught,
                stop,
                continued,
                ids,
                watchdog,
                waker,
            })
        }

        pub fn caught(&self) -> bool {
            self.caught.load(Ordering::SeqCst) != 0
        }

        /// Whether a SIGTSTP asked kurabe to stop since the last call.
        pub fn stop_requested(&self) -> bool {
            self.stop.swap(false, Ordering::SeqCst)
        }

        /// Whether kurabe was continued after a stop since the last call.
        pub fn continued(&self) -> bool {
            self.continued.swap(false, Ordering::SeqCst)
        }

        /// Stops catching; if a signal was caught, dies of it now that the terminal is back.
        pub fn finish(self) {
            self.watchdog.close();
            self.waker.close();
            for id in self.ids {
                low_level::unregister(id);
            }
            let signal = self.caught.load(Ordering::SeqCst);
            if signal != 0 {
                let _ = low_level::emulate_default_handler(signal as i32);
            }
        }
    }
}

/// Elsewhere Ctrl-C is a key like any other, and there is nothing more to catch.
#[cfg(not(unix))]
pub struct Signals;

#[cfg(not(unix))]
impl Signals {
    pub fn catch(
        _: std::sync::Arc<std::sync::Mutex<super::Leftovers>>,
        _: Box<dyn Fn() + Send>,
    ) -> anyhow::Result<Signals> {
        Ok(Signals)
    }
    pub fn caught(&self) -> bool {
        false
    }
    pub fn stop_requested(&self) -> bool {
        false
    }
    pub fn continued(&self) -> bool {
        false
    }
    pub fn finish(self) {}
}
