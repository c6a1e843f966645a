//! The one place the browser's state changes.

use super::action::Action;
use super::app::{App, Focus, InputMode, Message, Mode, NavItem};
use super::paste;
use super::searcher::{Done, Request};
use crate::export::markdown;
use crate::reviews::Verdict;
use crate::search::SearchIndex;
use crate::view::Scope;
use std::path::PathBuf;

/// Work the update asks the shell to do (I/O stays out of the state machine).
#[derive(Debug, Clone)]
pub enum Effect {
    /// Write `contents` to a new file in `dir` named after `stem`, then report back with
    /// [`Action::Exported`].
    Export {
        dir: PathBuf,
        stem: String,
        contents: String,
    },
    /// Search in the background, then report back with [`Action::SearchDone`].
    Search {
        request: Request,
        index: SearchIndex,
    },
    /// Replace the reviews file with `contents`, then report back with [`Action::ReviewsSaved`].
    SaveReviews { path: PathBuf, contents: String },
}

/// Applies an action to the state.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    let mut effect = None;
    match action {
        Action::Quit => app.quit = true,
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
        }
        Action::ToggleHelp => {
            app.help_scroll = 0;
            app.input = match app.input {
                InputMode::Help => InputMode::Normal,
                _ => InputMode::Help,
            }
        }
        Action::HelpScroll { down, page } => {
            let step = if page { app.height / 2 } else { 1 }.max(1);
            // The help shows this many lines above the hint bar, inside its borders.
            let shown = app.height.saturating_sub(3);
            let last = (super::keymap::help_lines(app.lang).len() as u16).saturating_sub(shown);
            app.help_scroll = if down {
                app.help_scroll.saturating_add(step).min(last)
            } else {
                app.help_scroll.saturating_sub(step)
            };
        }
        Action::StartSearch => {
            app.input = InputMode::Search;
            app.focus = Focus::List;
        }
        Action::SearchInput(c) => {
            if paste::push_query(&mut app.query, c.encode_utf8(&mut [0; 4])) {
                query_changed(app);
            } else {
                app.message = Some(paste::query_full_message());
            }
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
            app.query.pop();
            query_changed(app);
        }
        Action::SearchAccept => app.input = InputMode::Normal,
        Action::Back => back(app),
        Action::ToggleVendor(i) => {
            app.message = None;
            toggle_vendor(app, i)
        }
        Action::ToggleDifferences => {
            app.message = None;
            app.only_differences = !app.only_differences;
            filters_changed(app);
        }
        Action::ToggleUnstated => {
            app.message = None;
            app.only_unstated = !app.only_unstated;
            filters_changed(app);
        }
        Action::ToggleViewMode => {
            app.mode = match app.mode {
                Mode::Control => Mode::Matrix,
                Mode::Matrix => Mode::Control,
            };
            app.scroll = 0;
        }
        Action::ToggleLanguage => app.lang = app.lang.toggled(),
        Action::OpenCategoryPicker => {
            app.picker_cursor = current_category(app).unwrap_or(0);
            app.input = InputMode::CategoryPicker;
        }
        Action::Export if app.search_pending() => {
            app.message = Some(Message {
                text: "The search is still running: export once its results are shown.".to_string(),
                error: true,
            })
        }
        Action::Export => effect = Some(export(app)),
        Action::Exported(Ok(path)) => {
            app.message = Some(Message {
                text: format!("Exported to {}", path.display()),
                error: false,
            })
        }
        Action::Exported(Err(e)) => {
            app.message = Some(Message {
                text: format!("Export failed: {e}"),
                error: true,
            })
        }
        Action::CycleVerdict => {
            effect = review(app, |verdict, note| (Verdict::cycle(verdict), note))
        }
        Action::EditNote => open_note(app),
        Action::Note(edit) => {
            if let Some(editor) = app.note.as_mut() {
                if !editor.apply(edit) {
                    app.message = Some(paste::note_full_message());
                }
            }
        }
        Action::SaveNote => {
            if let Some(editor) = app.note.take() {
                app.input = InputMode::Normal;
                effect = review_of(app, editor.vendor, editor.control, |verdict, _| {
                    (verdict, editor.text.clone())
                });
            }
        }
        Action::CycleVerdictFilter => {
            app.message = None;
            app.verdict = match app.verdict {
                None => Some(Verdict::Acceptable),
                Some(Verdict::Acceptable) => Some(Verdict::FollowUp),
                Some(Verdict::FollowUp) => Some(Verdict::Risk),
                Some(Verdict::Risk) => None,
            };
            filters_changed(app);
        }
        Action::SearchDone(done) => search_done(app, done),
        Action::ReviewsSaved(Ok(_)) => {}
        Action::ReviewsSaved(Err(e)) => {
            app.message = Some(Message {
                text: format!("Reviews not saved: {e}"),
                error: true,
            })
        }
        Action::ClickAt { column, row } => click(app, column, row),
        Action::ScrollAt { column, row, down } => {
            let areas = app.areas();
            let step = if down { Action::Down } else { Action::Up };
            if contains(areas.list, column, row) {
                move_selection(app, if down { 1 } else { -1 });
            } else if contains(areas.compare, column, row) {
                let saved = app.focus;
                app.focus = Focus::Compare;
                if app.mode == Mode::Control {
                    navigate(app, step);
                } else {
                    scroll_by(app, if down { 3 } else { -3 });
                }
                app.focus = saved;
            }
        }
        other => {
            if app.input == InputMode::CategoryPicker {
                picker(app, other);
            } else {
                navigate(app, other);
            }
        }
    }
    fix_selection(app);
    match (effect, app.search_request.take()) {
        (None, Some(request)) => Some(Effect::Search {
            request,
            index: app.index.clone(),
        }),
        (effect, _) => effect,
    }
}

fn contains(r: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

fn current_category(app: &App) -> Option<usize> {
    match app.selected? {
        NavItem::Category(c) => Some(c),
        NavItem::Control(c) => Some(app.catalog.controls[c].category),
    }
}

fn refresh_hits(app: &mut App) {
    if !app.searching() {
        app.hits = Vec::new();
        app.search_request = None;
        app.searched = None;
        app.select_best = false;
    } else if app.background {
        // The shell runs it; until the results arrive the previous ones stay on screen.
        app.search_request = Some(Request {
            query: app.query.clone(),
            vendors: app.vendors.clone(),
        });
    } else {
        app.hits = app.index.search(&app.query, &app.vendors);
    }
}

/// Results from the background search: kept only if they answer the current query.
fn search_done(app: &mut App, done: Done) {
    if done.request.query != app.query || done.request.vendors != app.vendors {
        return;
    }
    app.hits = done.hits;
    app.searched = Some(done.request);
    if std::mem::take(&mut app.select_best) {
        select_best(app);
    }
}

fn select_best(app: &mut App) {
    let view = app.view();
    app.selected = view.visible.first().map(|&c| NavItem::Control(c));
}

fn query_changed(app: &mut App) {
    refresh_hits(app);
    app.scroll = 0;
    app.list_offset = 0;
    // Best first: the top result is what the comparison shows while typing.
    if app.searching() {
        if app.search_pending() {
            app.select_best = true;
        } else {
            select_best(app);
        }
    }
}

fn filters_changed(app: &mut App) {
    refresh_hits(app);
    app.scroll = 0;
}

fn back(app: &mut App) {
    match app.input {
        InputMode::Search => {
            app.query.clear();
            app.input = InputMode::Normal;
            query_changed(app);
        }
        InputMode::CategoryPicker | InputMode::Help => app.input = InputMode::Normal,
        InputMode::Note => {
            app.note = None;
            app.input = InputMode::Normal;
            app.message = Some(Message {
                text: "Note discarded.".to_string(),
                error: false,
            });
        }
        InputMode::Normal => {
            if app.searching() {
                app.query.clear();
                query_changed(app);
            } else if app.focus == Focus::Compare {
                app.focus = Focus::List;
            } else {
                app.message = None;
                // The load warning stays until it is dismissed here.
                app.problems_dismissed = true;
            }
        }
    }
}

fn toggle_vendor(app: &mut App, i: usize) {
    if i >= app.catalog.vendors.len() {
        app.message = Some(Message {
            text: format!(
                "There is no vendor {} (there are {}).",
                i + 1,
                app.catalog.vendors.len()
            ),
            error: true,
        });
        return;
    }
    let under_cursor = app.current_vendor();
    if let Some(pos) = app.vendors.iter().position(|&v| v == i) {
        if app.vendors.len() == 1 {
            app.message = Some(Message {
                text: "At least one vendor stays shown.".to_string(),
                error: true,
            });
            return;
        }
        app.vendors.remove(pos);
    } else {
        let at = app
            .vendors
            .iter()
            .position(|&v| v > i)
            .unwrap_or(app.vendors.len());
        app.vendors.insert(at, i);
    }
    // The cursor stays on the vendor it was on, or the nearest one still shown.
    if let Some(v) = under_cursor {
        app.vendor_cursor = app
            .vendors
            .iter()
            .position(|&x| x == v)
            .unwrap_or_else(|| app.vendors.iter().filter(|&&x| x < v).count());
    }
    filters_changed(app);
}

/// Keeps the vendor cursor on a shown vendor and the columns scrolled so that it is in sight
/// and no column is left empty.
fn clamp_columns(app: &mut App) {
    let n = app.vendors.len();
    app.vendor_cursor = app.vendor_cursor.min(n.saturating_sub(1));
    let fit = app.columns_fit();
    app.column_offset = app.column_offset.min(n.saturating_sub(fit));
    if app.vendor_cursor < app.column_offset {
        app.column_offset = app.vendor_cursor;
    } else if app.vendor_cursor >= app.column_offset + fit {
        app.column_offset = app.vendor_cursor + 1 - fit;
    }
}

fn export(app: &mut App) -> Effect {
    let view = app.view();
    let contents = markdown::render_with_problems(&view, &app.report_problems());
    let stem = match view.spec.scope {
        Scope::Control(c) if c < app.catalog.controls.len() => {
            format!("kurabe-{}", app.catalog.controls[c].control.id)
        }
        Scope::Category(c) => format!("kurabe-{}", app.catalog.categories[c].id),
        _ if app.searching() => "kurabe-search".to_string(),
        _ => "kurabe-all".to_string(),
    };
    Effect::Export {
        dir: app.export_dir.clone(),
        stem,
        contents,
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let areas = app.areas();
    if contains(areas.list, column, row) {
        app.focus = Focus::List;
        if row <= areas.list.y || row + 1 >= areas.list.y + areas.list.height {
            return;
        }
        let line = (row - areas.list.y - 1) as usize + app.list_offset;
        let view = app.view();
        let nav = app.nav(&view);
        if let Some(entry) = nav.get(line) {
            if Some(entry.item) == app.selected {
                if let NavItem::Category(cat) = entry.item {
                    app.expanded[cat] = !app.expanded[cat];
                }
            }
            app.selected = Some(entry.item);
            app.scroll = 0;
        }
    } else if contains(areas.compare, column, row) {
        app.focus = Focus::Compare;
        if app.mode == Mode::Control {
            // The vendor columns share the pane's inner width equally.
            let inner = areas.compare.width.saturating_sub(2).max(1) as usize;
            let x = column.saturating_sub(areas.compare.x + 1) as usize;
            let fit = app.columns_fit();
            let shown = app.column_offset + (x * fit / inner).min(fit - 1);
            app.vendor_cursor = shown.min(app.vendors.len().saturating_sub(1));
        }
    }
}

fn picker(app: &mut App, action: Action) {
    let n = app.catalog.categories.len();
    match action {
        Action::Up => app.picker_cursor = app.picker_cursor.saturating_sub(1),
        Action::Down => app.picker_cursor = (app.picker_cursor + 1).min(n.saturating_sub(1)),
        Action::Top => app.picker_cursor = 0,
        Action::Bottom => app.picker_cursor = n.saturating_sub(1),
        Action::Enter => {
            let cat = app.picker_cursor;
            app.input = InputMode::Normal;
            app.focus = Focus::List;
            if app.searching() {
                app.query.clear();
                refresh_hits(app);
            }
            app.expanded[cat] = true;
            let view = app.view();
            let first = view
                .visible
                .iter()
                .copied()
                .find(|&c| app.catalog.controls[c].category == cat);
            app.selected = Some(first.map_or(NavItem::Category(cat), NavItem::Control));
            app.scroll = 0;
        }
        _ => {}
    }
}

fn navigate(app: &mut App, action: Action) {
    let page = app.list_height().max(1) as isize;
    match (app.focus, action.clone()) {
        (Focus::List, Action::Up) => move_selection(app, -1),
        (Focus::List, Action::Down) => move_selection(app, 1),
        (Focus::List, Action::PageUp) => move_selection(app, -page),
        (Focus::List, Action::PageDown) => move_selection(app, page),
        (Focus::List, Action::Top) => move_selection(app, isize::MIN / 2),
        (Focus::List, Action::Bottom) => move_selection(app, isize::MAX / 2),
        (Focus::List, Action::Left) => match app.selected {
            Some(NavItem::Control(c)) if !app.searching() => {
                let cat = app.catalog.controls[c].category;
                app.expanded[cat] = false;
                app.selected = Some(NavItem::Category(cat));
            }
            Some(NavItem::Category(cat)) => app.expanded[cat] = false,
            _ => {}
        },
        (Focus::List, Action::Right | Action::Enter) => match app.selected {
            Some(NavItem::Category(cat)) => {
                app.expanded[cat] = !(action == Action::Enter && app.expanded[cat]);
            }
            Some(NavItem::Control(_)) => app.focus = Focus::Compare,
            None => {}
        },
        (_, Action::SwitchPane) => {
            app.focus = match app.focus {
                Focus::List => Focus::Compare,
                Focus::Compare => Focus::List,
            }
        }
        (Focus::Compare, Action::Up) if app.mode == Mode::Matrix => move_matrix(app, -1),
        (Focus::Compare, Action::Down) if app.mode == Mode::Matrix => move_matrix(app, 1),
        (Focus::Compare, Action::Top) if app.mode == Mode::Matrix => {
            move_matrix(app, isize::MIN / 2)
        }
        (Focus::Compare, Action::Bottom) if app.mode == Mode::Matrix => {
            move_matrix(app, isize::MAX / 2)
        }
        (Focus::Compare, Action::Enter) if app.mode == Mode::Matrix => {
            app.mode = Mode::Control;
            app.scroll = 0;
        }
        (Focus::Compare, Action::Up) => scroll_by(app, -1),
        (Focus::Compare, Action::Down) => scroll_by(app, 1),
        (Focus::Compare, Action::PageUp) => scroll_by(app, -(page as i32)),
        (Focus::Compare, Action::PageDown) => scroll_by(app, page as i32),
        (Focus::Compare, Action::Top) => app.scroll = 0,
        (Focus::Compare, Action::Bottom) => scroll_by(app, i32::MAX / 2),
        (Focus::Compare, Action::Left) => move_vendor(app, -1),
        (Focus::Compare, Action::Right) => move_vendor(app, 1),
        _ => {}
    }
}

/// Moves the selected vendor column, scrolling the columns to keep it in sight.
fn move_vendor(app: &mut App, delta: isize) {
    let n = app.vendors.len();
    if n == 0 {
        return;
    }
    app.vendor_cursor = (app.vendor_cursor as isize + delta).clamp(0, n as isize - 1) as usize;
    clamp_columns(app);
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
        app.message = Some(Message {
            text: "Select a control first.".to_string(),
            error: true,
        });
        return None;
    };
    review_of(app, vendor, control, change)
}

fn review_of(
    app: &mut App,
    vendor: usize,
    control: usize,
    change: impl FnOnce(Option<Verdict>, String) -> (Option<Verdict>, String),
) -> Option<Effect> {
    let vendor_id = app.catalog.vendors[vendor].id().to_string();
    let control_id = app.catalog.controls[control].control.id.clone();
    let current = app.reviews.get(&vendor_id, &control_id);
    let (verdict, note) = change(
        current.and_then(|r| r.verdict),
        current.map(|r| r.note.clone()).unwrap_or_default(),
    );
    let answer = app.catalog.answer(vendor, control).cloned();
    app.reviews
        .set(&vendor_id, &control_id, answer.as_ref(), verdict, note);
    let name = app.catalog.vendors[vendor]
        .info
        .name
        .get(app.lang)
        .to_string();
    let Some(path) = app.reviews_path.clone() else {
        app.message = Some(Message {
            text: format!(
                "{name}: {} (not saved: the reviews file could not be read)",
                verdict.map_or("no verdict", Verdict::label)
            ),
            error: true,
        });
        return None;
    };
    app.message = Some(Message {
        text: format!("{name}: {}", verdict.map_or("no verdict", Verdict::label)),
        error: false,
    });
    Some(Effect::SaveReviews {
        path,
        contents: app.reviews.to_yaml(),
    })
}

fn open_note(app: &mut App) {
    let Some((vendor, control)) = selected_answer(app) else {
        app.message = Some(Message {
            text: "Select a control first.".to_string(),
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
    app.note = Some(super::app::NoteEditor {
        vendor,
        control,
        text,
        cursor,
    });
    app.input = InputMode::Note;
}

fn scroll_by(app: &mut App, delta: i32) {
    let max = super::ui::max_scroll(app) as i32;
    app.scroll = (app.scroll as i32 + delta).clamp(0, max) as u16;
}

fn move_selection(app: &mut App, delta: isize) {
    let view = app.view();
    let nav = app.nav(&view);
    if nav.is_empty() {
        return;
    }
    let at = app
        .selected
        .and_then(|s| nav.iter().position(|e| e.item == s))
        .unwrap_or(0) as isize;
    let to = at.saturating_add(delta).clamp(0, nav.len() as isize - 1) as usize;
    if nav[to].item != nav[at as usize].item || app.selected.is_none() {
        app.scroll = 0;
    }
    app.selected = Some(nav[to].item);
}

/// Moves the selected row of the matrix (the controls in scope).
fn move_matrix(app: &mut App, delta: isize) {
    let view = app.view();
    let rows: Vec<usize> = view.rows.iter().map(|r| r.control).collect();
    if rows.is_empty() {
        return;
    }
    let at = app
        .current_control(&view)
        .and_then(|c| rows.iter().position(|&r| r == c))
        .unwrap_or(0) as isize;
    let to = at.saturating_add(delta).clamp(0, rows.len() as isize - 1) as usize;
    let control = rows[to];
    app.expanded[app.catalog.controls[control].category] = true;
    app.selected = Some(NavItem::Control(control));
}

/// Keeps the selection on something the list shows, and the list scrolled to it.
fn fix_selection(app: &mut App) {
    clamp_columns(app);
    // A selected control whose category is collapsed (e.g. after clearing a search) stays
    // selected: its category opens.
    if let Some(NavItem::Control(c)) = app.selected {
        let view = app.view();
        if view.visible.contains(&c) && !app.searching() {
            app.expanded[app.catalog.controls[c].category] = true;
        }
    }
    let view = app.view();
    let nav = app.nav(&view);
    let present = |item: NavItem| nav.iter().any(|e| e.item == item);
    app.selected = match app.selected {
        Some(item) if present(item) => Some(item),
        Some(NavItem::Control(c))
            if present(NavItem::Category(app.catalog.controls[c].category)) =>
        {
            Some(NavItem::Category(app.catalog.controls[c].category))
        }
        _ => nav.first().map(|e| e.item),
    };
    let index = app
        .selected
        .and_then(|s| nav.iter().position(|e| e.item == s))
        .unwrap_or(0);
    let height = app.list_height().max(1);
    if index < app.list_offset {
        app.list_offset = index;
    } else if index >= app.list_offset + height {
        app.list_offset = index + 1 - height;
    }
    app.list_offset = app.list_offset.min(nav.len().saturating_sub(height));
}
