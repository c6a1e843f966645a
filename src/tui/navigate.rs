//! Moving around: the list, the matrix rows, the vendor columns, the category picker, mouse
//! clicks, scrolling; and keeping the selection on something shown. Part of the update.

use super::action::Action;
use super::app::{App, Focus, InputMode, Mode, NavItem};
use super::update::{clamp_columns, contains, refresh_hits};

pub(super) fn click(app: &mut App, column: u16, row: u16) {
    let areas = app.areas();
    if contains(areas.list, column, row) {
        app.browser.focus = Focus::List;
        if row <= areas.list.y || row + 1 >= areas.list.y + areas.list.height {
            return;
        }
        let line = (row - areas.list.y - 1) as usize + app.browser.list_offset;
        let view = app.view();
        let nav = app.nav(&view);
        if let Some(entry) = nav.get(line) {
            if Some(entry.item) == app.browser.selected {
                if let NavItem::Category(cat) = entry.item {
                    app.browser.expanded[cat] = !app.browser.expanded[cat];
                }
            }
            app.browser.selected = Some(entry.item);
            app.browser.scroll = 0;
        }
    } else if contains(areas.compare, column, row) {
        app.browser.focus = Focus::Compare;
        // A click on a vendor's column (as drawn: the same layout) selects it.
        let view = app.view();
        let layout = app.layout(&view);
        let on_columns = contains(layout.columns, column, row);
        if let Some(shown) = layout.column_at(column).filter(|_| on_columns) {
            app.browser.vendor_cursor = shown.min(app.spec.vendors.len().saturating_sub(1));
        }
    }
}

pub(super) fn picker(app: &mut App, action: Action) {
    let n = app.catalog.categories.len();
    let InputMode::CategoryPicker { cursor } = &mut app.input else {
        return;
    };
    match action {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
        Action::Top => *cursor = 0,
        Action::Bottom => *cursor = n.saturating_sub(1),
        Action::Enter => {
            let cat = *cursor;
            app.input = InputMode::Normal;
            app.browser.focus = Focus::List;
            if app.searching() {
                app.spec.query.clear();
                refresh_hits(app);
            }
            app.browser.expanded[cat] = true;
            let view = app.view();
            let first = view
                .visible
                .iter()
                .copied()
                .find(|&c| app.catalog.controls[c].category == cat);
            app.browser.selected = Some(first.map_or(NavItem::Category(cat), NavItem::Control));
            app.browser.scroll = 0;
        }
        _ => {}
    }
}

pub(super) fn navigate(app: &mut App, action: Action) {
    let page = app.list_height().max(1) as isize;
    match (app.browser.focus, action.clone()) {
        (Focus::List, Action::Up) => move_selection(app, -1),
        (Focus::List, Action::Down) => move_selection(app, 1),
        (Focus::List, Action::PageUp) => move_selection(app, -page),
        (Focus::List, Action::PageDown) => move_selection(app, page),
        (Focus::List, Action::Top) => move_selection(app, isize::MIN / 2),
        (Focus::List, Action::Bottom) => move_selection(app, isize::MAX / 2),
        (Focus::List, Action::Left) => match app.browser.selected {
            Some(NavItem::Control(c)) if !app.searching() => {
                let cat = app.catalog.controls[c].category;
                app.browser.expanded[cat] = false;
                app.browser.selected = Some(NavItem::Category(cat));
            }
            Some(NavItem::Category(cat)) => app.browser.expanded[cat] = false,
            _ => {}
        },
        (Focus::List, Action::Right | Action::Enter) => match app.browser.selected {
            Some(NavItem::Category(cat)) => {
                app.browser.expanded[cat] = !(action == Action::Enter && app.browser.expanded[cat]);
            }
            Some(NavItem::Control(_)) => app.browser.focus = Focus::Compare,
            None => {}
        },
        (_, Action::SwitchPane) => {
            app.browser.focus = match app.browser.focus {
                Focus::List => Focus::Compare,
                Focus::Compare => Focus::List,
            }
        }
        (Focus::Compare, Action::Up) if app.browser.mode == Mode::Matrix => move_matrix(app, -1),
        (Focus::Compare, Action::Down) if app.browser.mode == Mode::Matrix => move_matrix(app, 1),
        (Focus::Compare, Action::Top) if app.browser.mode == Mode::Matrix => {
            move_matrix(app, isize::MIN / 2)
        }
        (Focus::Compare, Action::Bottom) if app.browser.mode == Mode::Matrix => {
            move_matrix(app, isize::MAX / 2)
        }
        (Focus::Compare, Action::Enter) if app.browser.mode == Mode::Matrix => {
            app.browser.mode = Mode::Control;
            app.browser.scroll = 0;
        }
        (Focus::Compare, Action::Up) => scroll_by(app, -1),
        (Focus::Compare, Action::Down) => scroll_by(app, 1),
        (Focus::Compare, Action::PageUp) => scroll_by(app, -(page as i32)),
        (Focus::Compare, Action::PageDown) => scroll_by(app, page as i32),
        (Focus::Compare, Action::Top) => app.browser.scroll = 0,
        (Focus::Compare, Action::Bottom) => scroll_by(app, i32::MAX / 2),
        (Focus::Compare, Action::Left) => move_vendor(app, -1),
        (Focus::Compare, Action::Right) => move_vendor(app, 1),
        _ => {}
    }
}

/// Moves the selected vendor column, scrolling the columns to keep it in sight.
pub(super) fn move_vendor(app: &mut App, delta: isize) {
    let n = app.spec.vendors.len();
    if n == 0 {
        return;
    }
    app.browser.vendor_cursor =
        (app.browser.vendor_cursor as isize + delta).clamp(0, n as isize - 1) as usize;
    clamp_columns(app);
}

pub(super) fn scroll_by(app: &mut App, delta: i32) {
    let max = super::layout::max_scroll(app) as i32;
    app.browser.scroll = (app.browser.scroll as i32 + delta).clamp(0, max) as u16;
}

pub(super) fn move_selection(app: &mut App, delta: isize) {
    let view = app.view();
    let nav = app.nav(&view);
    if nav.is_empty() {
        return;
    }
    let at = app
        .browser
        .selected
        .and_then(|s| nav.iter().position(|e| e.item == s))
        .unwrap_or(0) as isize;
    let to = at.saturating_add(delta).clamp(0, nav.len() as isize - 1) as usize;
    if nav[to].item != nav[at as usize].item || app.browser.selected.is_none() {
        app.browser.scroll = 0;
    }
    app.browser.selected = Some(nav[to].item);
}

/// Moves the selected row of the matrix (the controls in scope).
pub(super) fn move_matrix(app: &mut App, delta: isize) {
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
    app.browser.expanded[app.catalog.controls[control].category] = true;
    app.browser.selected = Some(NavItem::Control(control));
}

/// Keeps the selection on something the list shows, and the list scrolled to it.
pub(super) fn fix_selection(app: &mut App) {
    clamp_columns(app);
    // A selected control whose category is collapsed (e.g. after clearing a search) stays
    // selected: its category opens.
    if let Some(NavItem::Control(c)) = app.browser.selected {
        let view = app.view();
        if view.visible.contains(&c) && !app.searching() {
            app.browser.expanded[app.catalog.controls[c].category] = true;
        }
    }
    let view = app.view();
    let nav = app.nav(&view);
    let present = |item: NavItem| nav.iter().any(|e| e.item == item);
    app.browser.selected = match app.browser.selected {
        Some(item) if present(item) => Some(item),
        Some(NavItem::Control(c))
            if present(NavItem::Category(app.catalog.controls[c].category)) =>
        {
            Some(NavItem::Category(app.catalog.controls[c].category))
        }
        _ => nav.first().map(|e| e.item),
    };
    let index = app
        .browser
        .selected
        .and_then(|s| nav.iter().position(|e| e.item == s))
        .unwrap_or(0);
    let height = app.list_height().max(1);
    if index < app.browser.list_offset {
        app.browser.list_offset = index;
    } else if index >= app.browser.list_offset + height {
        app.browser.list_offset = index + 1 - height;
    }
    app.browser.list_offset = app
        .browser
        .list_offset
        .min(nav.len().saturating_sub(height));
}
