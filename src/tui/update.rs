//! The one place the browser's state changes.

use super::action::Action;
use super::app::{App, Focus, InputKind, InputMode, Message, Mode, NavItem};
use super::export;
use super::navigate::{click, fix_selection, move_selection, navigate, picker, scroll_by};
use super::paste;
use super::searcher::{Done, Request};
use crate::catalog::Lang;
use crate::reviews::Verdict;
use crate::words::{self, Phrase};

pub use super::effect::Effect;

/// Applies an action to the state, and returns every effect it asks of the shell, in order.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // What a key acts on is the column the screen highlights.
    if let Some(at) = app.vendor_column() {
        app.browser.vendor_cursor = at;
    }
    let mut effect = None;
    let mut draft_effects = Vec::new();
    match action {
        Action::Quit => super::unsaved::quit(app),
        Action::Resize { width, height } => {
            app.browser.width = width;
            app.browser.height = height;
        }
        Action::ToggleHelp => {
            app.input = match app.input {
                InputMode::Help { .. } => InputMode::Normal,
                _ => InputMode::Help { scroll: 0 },
            }
        }
        Action::HelpScroll { down, page } => {
            let step = if page { app.browser.height / 2 } else { 1 }.max(1);
            // The help shows this many lines above the hint bar, inside its borders.
            let shown = app.browser.height.saturating_sub(3);
            let last =
                (super::keymap::help_lines(app.spec.lang).len() as u16).saturating_sub(shown);
            if let InputMode::Help { scroll } = &mut app.input {
                *scroll = if down {
                    scroll.saturating_add(step).min(last)
                } else {
                    scroll.saturating_sub(step)
                };
            }
        }
        Action::StartSearch => {
            app.input = InputMode::Search;
            app.browser.focus = Focus::List;
        }
        Action::SearchInput(c) => {
            if paste::push_query(&mut app.spec.query, c.encode_utf8(&mut [0; 4])) {
                query_changed(app);
            } else {
                app.status.message = Some(paste::query_full_message(app.spec.lang));
            }
        }
        Action::Paste(text) if app.input.draft_field().is_some() => {
            draft_effects = super::drafts::paste(app, &text)
        }
        Action::Paste(text) => {
            if paste::paste(app, &text) {
                query_changed(app);
            }
        }
        // The shell stops and resumes; nothing here changes.
        Action::Suspend => {}
        Action::OfferDraft(draft) => super::note::offer_draft(app, draft),
        Action::SearchBackspace => {
            app.spec.query.pop();
            query_changed(app);
        }
        Action::SearchClear => {
            app.spec.query.clear();
            query_changed(app);
        }
        Action::SearchAccept => app.input = InputMode::Normal,
        Action::Back => back(app),
        Action::ToggleVendor(i) => {
            app.status.message = None;
            toggle_vendor(app, i)
        }
        Action::ToggleDifferences => {
            app.status.message = None;
            app.spec.only_differences = !app.spec.only_differences;
            filters_changed(app);
        }
        Action::ShowDueVendors => show_due_vendors(app),
        Action::ToggleUnstated => {
            app.status.message = None;
            app.spec.only_unstated = !app.spec.only_unstated;
            filters_changed(app);
        }
        Action::ToggleViewMode => {
            app.browser.mode = match app.browser.mode {
                Mode::Control => Mode::Matrix,
                Mode::Matrix => Mode::Control,
            };
            app.browser.scroll = 0;
        }
        Action::ToggleLanguage => app.spec.lang = app.spec.lang.toggled(),
        Action::OpenCategoryPicker => {
            app.input = InputMode::CategoryPicker {
                cursor: current_category(app).unwrap_or(0),
            };
        }
        Action::Export => export::open_picker(app),
        Action::ExportAs(format) => effect = export::export_as(app, format),
        Action::Copy => effect = export::copy(app),
        Action::Copied { controls, result } => export::copied(app, controls, result),
        Action::Exported(Ok(path)) => {
            app.status.message = Some(Message {
                text: words::screen::exported_to(&path.display().to_string(), app.spec.lang),
                error: false,
            })
        }
        Action::Exported(Err(e)) => {
            app.status.message = Some(Message {
                text: words::screen::export_failed(&e.to_string(), app.spec.lang),
                error: true,
            })
        }
        Action::CycleVerdict => {
            effect = review(app, |verdict, note| (Verdict::cycle(verdict), note))
        }
        Action::EditNote => open_note(app),
        Action::Note(edit) => {
            if let InputMode::Note(editor) = &mut app.input {
                if !editor.apply(edit) {
                    app.status.message = Some(paste::note_full_message(app.spec.lang));
                }
            }
        }
        Action::SaveNote => match std::mem::take(&mut app.input) {
            InputMode::Note(editor) => {
                effect =
                    super::verdicts::review_of(app, editor.vendor, editor.control, |verdict, _| {
                        (verdict, editor.text.clone())
                    });
            }
            other => app.input = other,
        },
        Action::CycleVerdictFilter => {
            app.status.message = None;
            app.spec.verdict = Verdict::cycle(app.spec.verdict);
            filters_changed(app);
        }
        Action::ToggleDraftsFilter => {
            app.status.message = None;
            app.spec.only_drafts = !app.spec.only_drafts;
            filters_changed(app);
        }
        Action::ToggleChangedFilter => {
            app.status.message = None;
            app.spec.only_changed = !app.spec.only_changed;
            filters_changed(app);
        }
        Action::ToggleMaskDrafts => {
            app.spec.mask_drafts = !app.spec.mask_drafts;
            app.status.message = Some(Message {
                text: masked_message(app.spec.mask_drafts, app.spec.lang).to_string(),
                error: false,
            });
            filters_changed(app);
        }
        action if super::drafts::handles(&action) => {
            draft_effects = super::drafts::update(app, action)
        }
        action if super::queue::handles(&action) => {
            draft_effects = super::queue::update(app, action)
        }
        action if super::unsaved::handles(&action) => {
            draft_effects = super::unsaved::update(app, action)
        }
        Action::OpenProfilePicker => effect = super::profiles::read_and_open(app),
        Action::ProfilesRead(read) => super::profiles::reread(app, read),
        Action::ToggleFailing => super::profiles::toggle_failing(app),
        Action::ToggleUnresolved => super::profiles::toggle_unresolved(app),
        Action::SortByScore => super::profiles::sort_by_score(app),
        Action::WriteFollowup => effect = super::profiles::followup(app),
        Action::SearchDone(done) => search_done(app, done),
        Action::IndexReady(built) => {
            app.set_index(built.0);
            app.search.searched = None;
            refresh_hits(app);
            if !app.search_pending() && std::mem::take(&mut app.search.select_best) {
                select_best(app);
            }
        }
        Action::ReviewsSaved(result) => draft_effects = super::verdicts::reviews_saved(app, result),
        Action::ClickAt { column, row } => click(app, column, row),
        Action::ScrollAt { column, row, down } => {
            let areas = app.areas();
            let step = if down { Action::Down } else { Action::Up };
            if contains(areas.list, column, row) {
                move_selection(app, if down { 1 } else { -1 });
            } else if contains(areas.compare, column, row) {
                let saved = app.browser.focus;
                app.browser.focus = Focus::Compare;
                if app.browser.mode == Mode::Control {
                    navigate(app, step);
                } else {
                    scroll_by(app, if down { 3 } else { -3 });
                }
                app.browser.focus = saved;
            }
        }
        other => match app.input.kind() {
            InputKind::CategoryPicker => picker(app, other),
            InputKind::ExportPicker => effect = export::picker(app, other),
            InputKind::ProfilePicker => super::profiles::picker(app, other),
            _ => navigate(app, other),
        },
    }
    fix_selection(app);
    super::queue::refresh(app);
    let mut effects: Vec<Effect> = effect.into_iter().collect();
    effects.append(&mut draft_effects);
    if let (Some(index), Some(request)) = (&app.search.index, app.search.request.take()) {
        effects.push(Effect::Search {
            request,
            index: index.clone(),
        });
    }
    effects
}

pub(super) fn contains(r: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

fn current_category(app: &App) -> Option<usize> {
    match app.browser.selected? {
        NavItem::Category(c) => Some(c),
        NavItem::Control(c) => Some(app.catalog.controls[c].category),
    }
}

pub(super) fn refresh_hits(app: &mut App) {
    if !app.searching() {
        app.search.hits = Vec::new();
        app.search.request = None;
        app.search.searched = None;
        app.search.select_best = false;
    } else if app.search.background || app.search.index.is_none() {
        // The shell runs it (once the index is ready); until the results arrive the previous
        // ones stay on screen.
        app.search.request = Some(Request {
            query: app.spec.query.clone(),
            vendors: app.spec.vendors.clone(),
        });
    } else if let Some(index) = &app.search.index {
        app.search.hits = index.search(&app.spec.query, &app.spec.vendors);
    }
}

/// Results from the background search: kept only if they answer the current query.
fn search_done(app: &mut App, done: Done) {
    if done.request.query != app.spec.query || done.request.vendors != app.spec.vendors {
        return;
    }
    app.search.hits = done.hits;
    app.search.searched = Some(done.request);
    if std::mem::take(&mut app.search.select_best) {
        select_best(app);
    }
}

fn select_best(app: &mut App) {
    let view = app.view();
    app.browser.selected = view.visible.first().map(|&c| NavItem::Control(c));
}

fn query_changed(app: &mut App) {
    refresh_hits(app);
    app.browser.scroll = 0;
    app.browser.list_offset = 0;
    // Best first: the top result is what the comparison shows while typing.
    if app.searching() {
        if app.search_pending() {
            app.search.select_best = true;
        } else {
            select_best(app);
        }
    }
}

/// What the status line says when drafts are masked or shown again.
fn masked_message(masked: bool, lang: Lang) -> &'static str {
    match masked {
        true => Phrase::DraftsMasked.get(lang),
        false => Phrase::DraftsShown.get(lang),
    }
}

fn filters_changed(app: &mut App) {
    refresh_hits(app);
    app.browser.scroll = 0;
}

fn back(app: &mut App) {
    match app.input {
        InputMode::Search => {
            app.spec.query.clear();
            app.input = InputMode::Normal;
            query_changed(app);
        }
        InputMode::CategoryPicker { .. }
        | InputMode::Help { .. }
        | InputMode::ExportPicker { .. }
        | InputMode::ProfilePicker { .. } => app.input = InputMode::Normal,
        // Their keys have actions of their own (see `super::drafts` and `super::queue`).
        InputMode::Drafts(_) | InputMode::DraftEdit { .. } | InputMode::BulkConfirm { .. } => {}
        // Back to what was open when quitting was asked for.
        InputMode::QuitPrompt { .. } => {
            if let InputMode::QuitPrompt { back } = std::mem::take(&mut app.input) {
                app.input = *back;
            }
        }
        // Later: the changes stay in the state directory, offered at the next start.
        InputMode::UnsavedOffer => {
            app.input = InputMode::Normal;
            app.status.message = Some(Message {
                text: Phrase::UnsavedKeptForLater.get(app.spec.lang).to_string(),
                error: false,
            });
        }
        InputMode::Note(_) => {
            app.input = InputMode::Normal;
            app.status.message = Some(Message {
                text: Phrase::NoteDiscarded.get(app.spec.lang).to_string(),
                error: false,
            });
        }
        InputMode::Normal => {
            if app.searching() {
                app.spec.query.clear();
                query_changed(app);
            } else if app.browser.focus == Focus::Compare {
                app.browser.focus = Focus::List;
            } else {
                app.status.message = None;
                // The load warning stays until it is dismissed here.
                app.status.problems_dismissed = true;
            }
        }
    }
}

fn toggle_vendor(app: &mut App, i: usize) {
    if i >= app.catalog.vendors.len() {
        app.status.message = Some(Message {
            text: words::screen::no_such_vendor(i + 1, app.catalog.vendors.len(), app.spec.lang),
            error: true,
        });
        return;
    }
    let under_cursor = app.current_vendor();
    if let Some(pos) = app.spec.vendors.iter().position(|&v| v == i) {
        if app.spec.vendors.len() == 1 {
            app.status.message = Some(Message {
                text: Phrase::OneVendorStaysShown.get(app.spec.lang).to_string(),
                error: true,
            });
            return;
        }
        app.spec.vendors.remove(pos);
    } else {
        let at = app
            .spec
            .vendors
            .iter()
            .position(|&v| v > i)
            .unwrap_or(app.spec.vendors.len());
        app.spec.vendors.insert(at, i);
    }
    // The cursor stays on the vendor it was on, or the nearest one still shown.
    if let Some(v) = under_cursor {
        app.browser.vendor_cursor = app
            .spec
            .vendors
            .iter()
            .position(|&x| x == v)
            .unwrap_or_else(|| app.spec.vendors.iter().filter(|&&x| x < v).count());
    }
    filters_changed(app);
}

/// Shows only the vendors due for re-assessment, or, when those are what is shown, every vendor.
fn show_due_vendors(app: &mut App) {
    let lang = app.spec.lang;
    let months = app
        .spec
        .reassess_after_months
        .unwrap_or(crate::freshness::DEFAULT_REASSESS_MONTHS);
    let due = app
        .spec
        .today
        .map(|today| crate::freshness::due_vendors(&app.catalog.vendors, months, today))
        .unwrap_or_default();
    let text = if due.is_empty() {
        words::screen::due_vendors_shown(None, months, lang)
    } else if app.spec.vendors == due {
        app.spec.vendors = (0..app.catalog.vendors.len()).collect();
        words::screen::every_vendor_shown(lang).to_string()
    } else {
        app.spec.vendors = due.clone();
        words::screen::due_vendors_shown(Some(due.len()), months, lang)
    };
    app.status.message = Some(Message { text, error: false });
    filters_changed(app);
}

/// Keeps the vendor cursor on a shown vendor and the columns scrolled so that it is in sight
/// and no column is left empty.
pub(super) fn clamp_columns(app: &mut App) {
    let n = app.spec.vendors.len();
    app.browser.vendor_cursor = app.browser.vendor_cursor.min(n.saturating_sub(1));
    let fit = app.columns_fit();
    app.browser.column_offset = app.browser.column_offset.min(n.saturating_sub(fit));
    if app.browser.vendor_cursor < app.browser.column_offset {
        app.browser.column_offset = app.browser.vendor_cursor;
    } else if app.browser.vendor_cursor >= app.browser.column_offset + fit {
        app.browser.column_offset = app.browser.vendor_cursor + 1 - fit;
    }
}

/// The selected answer: (vendor, control).
fn selected_answer(app: &App) -> Option<(usize, usize)> {
    let view = app.view();
    Some((app.current_vendor()?, app.current_control(&view)?))
}

/// Changes the review of the selected answer with `change(verdict, note)`, and asks for the
/// reviews to be saved.
fn review(
    app: &mut App,
    change: impl FnOnce(Option<Verdict>, String) -> (Option<Verdict>, String),
) -> Option<Effect> {
    let Some((vendor, control)) = selected_answer(app) else {
        app.status.message = Some(Message {
            text: Phrase::SelectControlFirst.get(app.spec.lang).to_string(),
            error: true,
        });
        return None;
    };
    super::verdicts::review_of(app, vendor, control, change)
}

fn open_note(app: &mut App) {
    let Some((vendor, control)) = selected_answer(app) else {
        app.status.message = Some(Message {
            text: Phrase::SelectControlFirst.get(app.spec.lang).to_string(),
            error: true,
        });
        return;
    };
    let text = app
        .reviews
        .get(
            app.catalog.vendors[vendor].id(),
            &app.catalog.controls[control].control.id,
        )
        .map(|r| r.note.clone())
        .unwrap_or_default();
    let cursor = text.len();
    app.input = InputMode::Note(super::app::NoteEditor {
        vendor,
        control,
        text,
        cursor,
    });
}
