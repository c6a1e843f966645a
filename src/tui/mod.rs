//! The terminal browser: keys become [`action::Action`]s, [`update::update`] applies them to
//! the [`app::App`] state, and [`ui::draw`] draws the state. Only this module touches the
//! terminal.

pub mod action;
pub mod app;
pub mod keymap;
mod keys_ui;
pub mod layout;
mod navigate;
pub mod note;
pub mod persist;
mod profiles;
mod profiles_ui;
pub mod searcher;
pub mod theme;
pub mod ui;
pub mod update;
pub mod widgets;

use crate::files::write_new;
use action::Action;
use app::App;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use std::collections::VecDeque;
use std::time::Duration;
use update::{update, Effect};

/// Maps a terminal event to an action, if it asks for one.
pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            match keymap::resolve(*key, app.input) {
                // Pasted text arrives as keys: its control and invisible characters stop here.
                Some(Action::SearchInput(c) | Action::Note(action::NoteEdit::Insert(c)))
                    if crate::sanitize::is_hidden(c) =>
                {
                    None
                }
                action => action,
            }
        }
        // Over the help, the wheel scrolls it and a click closes it, as the key table says.
        Event::Mouse(m) if app.input == app::InputMode::Help => match m.kind {
            MouseEventKind::Down(_) => Some(Action::ToggleHelp),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::HelpScroll {
                down: m.kind == MouseEventKind::ScrollDown,
                page: false,
            }),
            _ => None,
        },
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                column: m.column,
                row: m.row,
                down: false,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Carries out an effect and returns the action that reports its result.
pub fn run_effect(effect: Effect) -> Action {
    match effect {
        Effect::Export {
            dir,
            stem,
            contents,
        } => Action::Exported(
            write_new(&dir, &stem, "md", contents.as_bytes())
                .map_err(|e| format!("cannot write in {}: {e}", dir.display())),
        ),
        // The event loop gives searches to its worker; here (tests) they run inline.
        Effect::Search { request, index } => {
            let hits = index.search(&request.query, &request.vendors);
            Action::SearchDone(searcher::Done { request, hits })
        }
        Effect::SaveReviews { path, base, ours } => Action::ReviewsSaved(
            crate::reviews::store::save(&path, &base, &ours).map_err(|e| e.to_string()),
        ),
    }
}

/// Opens the browser on a loaded session and remembers its state when it closes.
pub fn start(session: crate::session::Session) -> anyhow::Result<()> {
    run(App::from_session(session))
}

/// Remembers where the user was, for the next start. Failing to is not worth an error at exit.
pub fn remember(app: &App) {
    if let Some(path) = &app.state_path {
        let _ = persist::Remembered::of(app).save(path);
    }
}

/// Runs the browser until the user quits. The terminal is restored on every way out: quitting,
/// an error, a panic, and SIGTERM, SIGHUP, SIGINT or SIGQUIT (after which kurabe dies of that
/// signal, as its parent expects; a second one while restoring ends it at once).
pub fn run(mut app: App) -> anyhow::Result<()> {
    let theme = app.theme;
    let signals = terminal::Signals::catch()?;
    let mut terminal = match terminal::enter() {
        Ok(terminal) => terminal,
        Err(e) => {
            signals.finish();
            return Err(e);
        }
    };
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size()?;
        update(
            &mut app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        let mut searcher = app
            .search
            .background
            .then(|| searcher::Searcher::new(app.index.clone()));
        while !app.quit && !signals.caught() {
            terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
            // The end-to-end tests check that a panic, too, leaves the terminal usable.
            #[cfg(debug_assertions)]
            #[allow(clippy::panic)] // on purpose: the test of the panic hook
            if std::env::var_os("KURABE_TEST_PANIC").is_some() {
                panic!("KURABE_TEST_PANIC is set");
            }
            if let Some(done) = searcher.as_mut().and_then(|s| s.try_result()) {
                update(&mut app, Action::SearchDone(done));
                continue;
            }
            // While a search runs, look for its result often; otherwise wait for input.
            let busy = searcher.as_ref().is_some_and(|s| s.busy());
            let wait = Duration::from_millis(if busy { 5 } else { 250 });
            if !event::poll(wait)? {
                continue;
            }
            let event = event::read()?;
            if let Some(action) = action_for(&event, &app) {
                let mut pending: VecDeque<Effect> = update(&mut app, action).into();
                while let Some(effect) = pending.pop_front() {
                    match (effect, searcher.as_mut()) {
                        (Effect::Search { request, .. }, Some(s)) => s.submit(request),
                        (effect, _) => pending.extend(update(&mut app, run_effect(effect))),
                    }
                }
            }
        }
        remember(&app);
        Ok(())
    })();
    terminal::leave(terminal);
    signals.finish();
    result
}

/// Entering and leaving the terminal's browser mode, on every path out.
mod terminal {
    use ratatui::crossterm::cursor::Show;
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use ratatui::crossterm::execute;
    use ratatui::DefaultTerminal;
    use std::io::{stdout, IsTerminal};
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Whether the terminal is in raw mode, on the alternate screen, with mouse capture.
    static ACTIVE: AtomicBool = AtomicBool::new(false);

    /// Raw mode, alternate screen, mouse capture; and a panic hook that undoes them all and
    /// shows the cursor before the panic is reported (installed before ratatui's, which then
    /// runs first and calls it).
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
            Ok(terminal) => {
                let _ = execute!(stdout(), EnableMouseCapture);
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

    /// Mouse capture off, raw mode off, main screen, cursor shown; once, ignoring errors
    /// (there is nothing better to do with them on the way out).
    fn restore() {
        if ACTIVE.swap(false, Ordering::SeqCst) {
            let _ = execute!(stdout(), DisableMouseCapture);
            let _ = ratatui::try_restore();
            let _ = execute!(stdout(), Show);
        }
    }

    #[cfg(unix)]
    pub use signals::Signals;

    /// The signals that end kurabe, caught so that the run loop ends and restores the
    /// terminal instead.
    #[cfg(unix)]
    mod signals {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        use signal_hook::iterator::{self, Handle};
        use signal_hook::{flag, low_level, SigId};
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        use std::time::Duration;

        const SIGNALS: &[i32] = &[SIGTERM, SIGHUP, SIGINT, SIGQUIT];

        /// How long the run loop has to notice a signal, restore the terminal and remember
        /// the state before the watchdog does the restoring and ends kurabe itself.
        const GRACE: Duration = Duration::from_secs(2);

        pub struct Signals {
            caught: Arc<AtomicUsize>,
            ids: Vec<SigId>,
            watchdog: Handle,
        }

        impl Signals {
            pub fn catch() -> anyhow::Result<Signals> {
                let caught = Arc::new(AtomicUsize::new(0));
                let twice = Arc::new(AtomicBool::new(false));
                let mut ids = Vec::new();
                for &signal in SIGNALS {
                    // A second signal while the first is handled ends kurabe at once.
                    let once = twice.clone();
                    ids.push(flag::register_conditional_shutdown(signal, 1, once)?);
                    ids.push(flag::register(signal, twice.clone())?);
                }
                // The run loop checks `caught` between events. When the terminal has gone
                // away (SIGHUP), crossterm can spin on its end of file and never return to the
                // loop: then the watchdog restores what it can and ends kurabe.
                let mut signals = iterator::Signals::new(SIGNALS)?;
                let watchdog = signals.handle();
                let which = caught.clone();
                std::thread::spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        which.store(signal as usize, Ordering::SeqCst);
                        std::thread::sleep(GRACE);
                        super::restore();
                        let _ = low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
                Ok(Signals {
                    caught,
                    ids,
                    watchdog,
                })
            }

            pub fn caught(&self) -> bool {
                self.caught.load(Ordering::SeqCst) != 0
            }

            /// Stops catching; if a signal was caught, dies of it now that the terminal is
            /// back.
            pub fn finish(self) {
                self.watchdog.close();
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
        pub fn catch() -> anyhow::Result<Signals> {
            Ok(Signals)
        }
        pub fn caught(&self) -> bool {
            false
        }
        pub fn finish(self) {}
    }
}
