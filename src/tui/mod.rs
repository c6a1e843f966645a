//! The terminal browser: keys become [`action::Action`]s, [`update::update`] applies them to
//! the [`app::App`] state, and [`ui::draw`] draws the state. Only this module touches the
//! terminal.
//!
//! Where the state lives: [`app::App`] holds the data (`catalog`, `reviews`), what is shown
//! (`spec`, from which the view is derived) and one group per feature: `browser` (mode, focus,
//! selection, list and column scrolling, screen size), `search` (index, hits, the search in
//! flight), `drafts` (draft count, vendor files, the typed text kept), `pickers` (profiles, the
//! export format remembered), `status` (message, load problems), `files` (where things are
//! saved) and `unsaved` (changes that could not be saved: kept, shown, asked about before
//! quitting, offered at the next start). The open overlay's own state is in its
//! [`input::InputMode`] variant (a picker's cursor, the help's scroll, the note being edited,
//! the draft under review and the review queue it walks, the list of drafts to confirm at once,
//! what Esc returns to from the quit prompt) and is drawn from there; the key table works on
//! [`input::InputKind`], the mode without its state. Quitting is decided in one place,
//! [`unsaved::quit`].

pub mod action;
pub mod app;
pub mod bulk;
mod changed_ui;
pub mod clipboard;
mod compare_ui;
pub mod draft_saves;
pub mod drafts;
mod drafts_ui;
mod effect;
pub mod export;
pub mod input;
pub mod keymap;
mod keys_ui;
pub mod layout;
mod navigate;
pub mod note;
mod opening;
pub mod paste;
pub mod persist;
mod popup;
pub mod profiles;
mod profiles_ui;
pub mod queue;
mod queue_ui;
pub mod searcher;
mod terminal;
pub mod theme;
pub mod ui;
pub mod unsaved;
mod unsaved_ui;
pub mod update;
mod verdicts;
pub mod widgets;

use crate::files::write_new;
use action::Action;
use app::App;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use std::collections::VecDeque;
use std::sync::{mpsc, Arc, Mutex};

use update::{update, Effect};

/// Maps a terminal event to an action, if it asks for one.
pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            match keymap::resolve(*key, app.input.kind()) {
                // Text pasted without bracketed paste arrives as keys: its control and
                // invisible characters stop here.
                Some(
                    Action::SearchInput(c)
                    | Action::Note(action::NoteEdit::Insert(c))
                    | Action::DraftText(action::NoteEdit::Insert(c)),
                ) if crate::sanitize::is_hidden(c) => None,
                action => action,
            }
        }
        // Over the help, the wheel scrolls it and a click closes it, as the key table says.
        Event::Mouse(m) if app.input.kind() == app::InputKind::Help => match m.kind {
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
        Event::Paste(text) => Some(Action::Paste(text.clone())),
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
            extension,
            contents,
        } => Action::Exported(
            write_new(&dir, &stem, extension, &contents)
                .map_err(|e| format!("cannot write in {}: {e}", dir.display())),
        ),
        Effect::Copy { text, controls } => Action::Copied {
            controls,
            // OSC 52 goes to the terminal, which is standard output.
            result: clipboard::copy(
                &text,
                clipboard::Environment::from_env(),
                &mut std::io::stdout(),
            ),
        },
        // The event loop gives searches and index builds to threads; here (tests) they run
        // inline.
        Effect::Search { request, index } => {
            let hits = index.search(&request.query, &request.vendors);
            Action::SearchDone(searcher::Done { request, hits })
        }
        Effect::BuildIndex { catalog } => Action::IndexReady(searcher::Built::new(
            crate::search::SearchIndex::new(&catalog),
        )),
        Effect::SaveReviews { path, base, ours } => Action::ReviewsSaved(
            crate::reviews::store::save(&path, &base, &ours).map_err(|e| e.to_string()),
        ),
        Effect::SaveDraft {
            path,
            controls,
            vendor,
            control,
            base,
            ours,
            done,
            today,
        } => {
            let saved =
                crate::drafts::vendor_file::save_answer(&path, &controls, &base, &ours, today);
            let assessed = saved
                .as_ref()
                .ok()
                .and_then(|s| s.vendor.info.assessed.clone());
            let result = saved
                .map(|saved| (saved.answer, saved.conflicts))
                .map_err(|e| e.to_string());
            Action::DraftSaved(Box::new(draft_saves::DraftSave {
                vendor,
                control,
                path,
                base: *base,
                ours: *ours,
                done,
                result,
                assessed,
            }))
        }
        Effect::KeepUnsaved(keep) => Action::UnsavedKept(keep.write()),
        Effect::KeepDraftText { path, kept } => {
            Action::DraftTextKept(drafts::keep(&path, kept.as_ref()))
        }
        Effect::ReadProfiles { dir, catalog } => {
            let (profiles, problems) = crate::requirements::load_dir(&dir, &catalog);
            Action::ProfilesRead(profiles::Reread::new(dir, profiles, problems))
        }
        Effect::ReadConfidences { vendor, path } => Action::BulkListed {
            vendor,
            result: crate::drafts::bulk::read_confidences(&path),
        },
        Effect::SaveDrafts {
            path,
            controls,
            vendor,
            changes,
            today,
        } => {
            let pairs: Vec<_> = changes.iter().map(|(base, ours)| (base, ours)).collect();
            let saved = crate::drafts::vendor_file::save_answers(&path, &controls, &pairs, today);
            let assessed = saved
                .as_ref()
                .ok()
                .and_then(|s| s.vendor.info.assessed.clone());
            let result = saved
                .map(|saved| {
                    saved
                        .answers
                        .into_iter()
                        .map(|merged| (merged.answer, merged.conflicts))
                        .collect()
                })
                .map_err(|e| e.to_string());
            Action::BulkSaved(Box::new(bulk::BulkSave {
                vendor,
                path,
                changes,
                result,
                assessed,
            }))
        }
    }
}

/// Opens the browser on a loaded session and remembers its state when it closes.
pub fn start(mut session: crate::session::Session) -> anyhow::Result<()> {
    let pending = session.pending_cache.take();
    let place = session.cache_place.take();
    let mut app = App::from_session_unindexed(session);
    app.files.reviewer = crate::reviews::who();
    // The load cache is written on a thread once the first frame is out, so that a cold start
    // shows the catalogue first; kurabe waits for the write at exit, so that no cache is left
    // half written.
    let mut writing = None;
    let result = run(app, place, |app| {
        if let Some(pending) = pending {
            let catalog = app.catalog.clone();
            let write = move || crate::session::write_cache(Some(pending), &catalog);
            writing = std::thread::Builder::new()
                .name("kurabe-cache".into())
                .spawn(write)
                .ok();
        }
    });
    if let Some(writing) = writing {
        let _ = writing.join();
    }
    result
}

/// Remembers where the user was, for the next start. Failing to is not worth an error at exit.
pub fn remember(app: &App) {
    if let Some(path) = &app.files.state_path {
        let _ = persist::Remembered::of(app).save(path);
    }
}

/// What must outlive kurabe however it ends: where the user was, the note being edited, and
/// the changes not saved.
#[derive(Debug, Clone, Default)]
pub struct Leftovers {
    state: Option<(std::path::PathBuf, persist::Remembered)>,
    unsaved: Option<unsaved::Keep>,
    /// The draft file and what to do with it: write this draft, or (`None`) remove the draft
    /// the app offered at start, now saved or discarded. No entry: leave the file alone.
    draft: Option<(std::path::PathBuf, Option<note::Draft>)>,
}

impl Leftovers {
    /// The app's leftovers; `offered` says whether it opened a draft of the last run's.
    pub fn of(app: &App, offered: bool) -> Leftovers {
        let state = app
            .files
            .state_path
            .clone()
            .map(|path| (path, persist::Remembered::of(app)));
        let draft = app
            .files
            .state_path
            .as_deref()
            .map(note::draft_path)
            .and_then(|path| match note::Draft::of(app) {
                Some(draft) => Some((path, Some(draft))),
                None if offered => Some((path, None)),
                None => None,
            });
        Leftovers {
            state,
            unsaved: app.unsaved.keep_now(),
            draft,
        }
    }

    /// Writes them; failing to is not worth an error at exit (the changes not saved were
    /// kept as they came, and the screen said so where that failed).
    pub fn keep(&self) {
        if let Some(unsaved) = &self.unsaved {
            let _ = unsaved.write();
        }
        if let Some((path, remembered)) = &self.state {
            let _ = remembered.save(path);
        }
        match &self.draft {
            Some((path, Some(draft))) => {
                let _ = draft.save(path);
            }
            Some((path, None)) => {
                let _ = std::fs::remove_file(path);
            }
            None => {}
        }
    }
}

/// Opens the note editor on the draft the last run left, if there is one; returns whether it
/// did (a draft for an answer no longer there is left in its file, and the app says so).
pub fn offer_saved_draft(app: &mut App) -> bool {
    let Some(path) = app.files.state_path.as_deref().map(note::draft_path) else {
        return false;
    };
    match note::Draft::load(&path) {
        Ok(Some(draft)) => {
            update(app, Action::OfferDraft(draft));
            app.input.note().is_some()
        }
        Ok(None) => false,
        Err(problem) => {
            app.status.problems.push(problem);
            false
        }
    }
}

/// At most this many events are handled between two frames, so that the screen keeps up
/// with an endless stream of input.
const BURST: usize = 4096;

/// What wakes the event loop, which otherwise sleeps.
enum Wake {
    Terminal(std::io::Result<Event>),
    Search(searcher::Done),
    Index(searcher::Built),
    /// A signal arrived: the loop looks at what it asks.
    Signal,
}

/// Runs the browser until the user quits. The terminal is restored on every way out: quitting,
/// an error, a panic, and SIGTERM, SIGHUP, SIGINT or SIGQUIT (after which kurabe dies of that
/// signal, as its parent expects; a second one while restoring ends it at once). Where the
/// user was and the note being edited are kept on every way out but a panic.
///
/// The loop sleeps until something happens (a key, a search's results, the index, a signal),
/// draws only when something changed, and opens the search index from the cache at `place`
/// (or builds it, then stores it there) after the first frame if the app has none yet. Every
/// search runs on a worker thread.
pub fn run(
    mut app: App,
    place: Option<crate::catalog::cache::CachePlace>,
    after_first_frame: impl FnOnce(&App),
) -> anyhow::Result<()> {
    let theme = app.theme;
    // The changes the last run could not save are asked about first; a note draft then waits
    // in its file for the next start.
    let offered = app.input == app::InputMode::Normal && offer_saved_draft(&mut app);
    let leftovers = Arc::new(Mutex::new(Leftovers::of(&app, offered)));
    let (wake, wakes) = mpsc::channel::<Wake>();
    let on_signal = {
        let wake = wake.clone();
        move || {
            let _ = wake.send(Wake::Signal);
        }
    };
    let signals = terminal::Signals::catch(leftovers.clone(), Box::new(on_signal))?;
    let mut terminal = match terminal::enter() {
        Ok(terminal) => terminal,
        Err(e) => {
            signals.finish();
            return Err(e);
        }
    };
    let mut after_first_frame = Some(after_first_frame);
    let mut place = Some(place);
    let mut opening = None;
    let result = (|| -> anyhow::Result<()> {
        resized(&mut app, &terminal)?;
        app.search.background = true;
        let searcher = {
            let wake = wake.clone();
            searcher::Searcher::new(move |done| wake.send(Wake::Search(done)).is_ok())
        };
        read_terminal_events(wake.clone());
        let mut shell = Shell {
            terminal: &mut terminal,
            searcher: &searcher,
            wake: &wake,
            typed: String::new(),
            search: None,
        };
        let mut changed = true;
        let mut first_frame = true;
        while !app.quit && !signals.caught() {
            if signals.stop_requested() {
                terminal::suspend(shell.terminal)?;
                resized(&mut app, shell.terminal)?;
                changed = true;
            }
            if signals.continued() {
                terminal::resume(shell.terminal)?;
                resized(&mut app, shell.terminal)?;
                changed = true;
            }
            if changed {
                let frame = shell.terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
                // The (hidden) cursor waits on the last line, where whatever writes to the
                // terminal while kurabe cannot (a shell after SIGSTOP) scrolls in cleanly.
                let bottom = frame.area.height.saturating_sub(1);
                shell.terminal.set_cursor_position((0, bottom))?;
                changed = false;
                // What the signal watchdog keeps, brought up to date after the frame, not
                // between a key and its frame (it names every shown vendor).
                if let Ok(mut kept) = leftovers.lock() {
                    *kept = Leftovers::of(&app, offered);
                }
            }
            // The end-to-end tests check that a panic, too, leaves the terminal usable.
            #[cfg(debug_assertions)]
            #[allow(clippy::panic)] // on purpose: the test of the panic hook
            if std::env::var_os("KURABE_TEST_PANIC").is_some() {
                panic!("KURABE_TEST_PANIC is set");
            }
            // The search starts once its key is on screen: on two cores a search competes
            // with the frame that shows the key.
            shell.start_search();
            if std::mem::take(&mut first_frame) {
                if let (None, Some(place)) = (&app.search.index, place.take()) {
                    opening = Some(opening::Opening::start(
                        app.catalog.clone(),
                        place,
                        wake.clone(),
                    ));
                }
                if let Some(started) = after_first_frame.take() {
                    started(&app);
                }
            }
            let Ok(first) = wakes.recv() else { break };
            // Everything that has arrived is handled before the next frame, and text typed in
            // a row goes in at once: a burst of input costs one search and one redraw.
            changed |= shell.handle(&mut app, first)?;
            for _ in 0..BURST {
                if app.quit || signals.caught() {
                    break;
                }
                let Ok(next) = wakes.try_recv() else { break };
                changed |= shell.handle(&mut app, next)?;
            }
            changed |= shell.flush(&mut app)?;
        }
        Ok(())
    })();
    Leftovers::of(&app, offered).keep();
    terminal::leave(terminal);
    // Before the signals: a caught signal ends the process there, and a store cut short would
    // leave its temporary file.
    if let Some(opening) = opening {
        opening.finish();
    }
    signals.finish();
    result
}

/// Reads the terminal's events on a thread of their own, so the loop can sleep on one channel.
fn read_terminal_events(wake: mpsc::Sender<Wake>) {
    let report = wake.clone();
    let reader = move || loop {
        let event = event::read();
        let failed = event.is_err();
        if wake.send(Wake::Terminal(event)).is_err() || failed {
            return;
        }
    };
    // Without the thread no key would reach the app: that ends it, with the reason.
    if let Err(e) = std::thread::Builder::new()
        .name("kurabe-input".into())
        .spawn(reader)
    {
        let _ = report.send(Wake::Terminal(Err(e)));
    }
}

/// Builds the search index of `catalog` on a thread, and hands it to the loop.
fn build_index(catalog: Arc<crate::catalog::Catalog>, wake: mpsc::Sender<Wake>) {
    let build = move || {
        let index = crate::search::SearchIndex::new(&catalog);
        drop(catalog);
        let _ = wake.send(Wake::Index(searcher::Built::new(index)));
    };
    let _ = std::thread::Builder::new()
        .name("kurabe-index".into())
        .spawn(build);
}

/// Tells the app the terminal's size.
fn resized(app: &mut App, terminal: &ratatui::DefaultTerminal) -> anyhow::Result<()> {
    let size = terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    Ok(())
}

/// What the event loop hands actions to: the terminal and the search worker.
struct Shell<'a> {
    terminal: &'a mut ratatui::DefaultTerminal,
    searcher: &'a searcher::Searcher,
    wake: &'a mpsc::Sender<Wake>,
    /// Text typed in a row, not yet handed to the app.
    typed: String,
    /// The newest search asked for, started after the next frame.
    search: Option<(searcher::Request, crate::search::SearchIndex)>,
}

impl Shell<'_> {
    fn start_search(&mut self) {
        if let Some((request, index)) = self.search.take() {
            self.searcher.submit(request, index);
        }
    }

    /// Handles what woke the loop; returns whether the screen may have changed.
    fn handle(&mut self, app: &mut App, wake: Wake) -> anyhow::Result<bool> {
        let action = match wake {
            Wake::Terminal(event) => match action_for(&event?, app) {
                Some(Action::SearchInput(c) | Action::Note(action::NoteEdit::Insert(c))) => {
                    self.typed.push(c);
                    return Ok(false);
                }
                Some(action) => action,
                None => return Ok(false),
            },
            Wake::Search(done) => Action::SearchDone(done),
            Wake::Index(built) => Action::IndexReady(built),
            Wake::Signal => return Ok(false),
        };
        self.flush(app)?;
        self.dispatch(app, action)?;
        Ok(true)
    }

    /// Hands the text typed in a row to the app as one input.
    fn flush(&mut self, app: &mut App) -> anyhow::Result<bool> {
        if self.typed.is_empty() {
            return Ok(false);
        }
        let typed = std::mem::take(&mut self.typed);
        self.dispatch(app, Action::Paste(typed))?;
        Ok(true)
    }

    fn dispatch(&mut self, app: &mut App, action: Action) -> anyhow::Result<()> {
        if action == Action::Suspend {
            terminal::suspend(self.terminal)?;
            return resized(app, self.terminal);
        }
        let mut pending: VecDeque<Effect> = update(app, action).into();
        while let Some(effect) = pending.pop_front() {
            match effect {
                Effect::Search { request, index } => self.search = Some((request, index)),
                Effect::BuildIndex { catalog } => build_index(catalog, self.wake.clone()),
                effect => pending.extend(update(app, run_effect(effect))),
            }
        }
        Ok(())
    }
}
