//! Drawing the comparison pane: one control with a column per vendor, or a category's matrix
//! with the selected row's answers below. A pure function of the state, like the rest.

use super::app::{App, Focus};
use super::layout::{column_lines, ScreenLayout};
use super::theme::Theme;
use super::widgets::{fit, highlighted_label, wrap_styled, AnswerContext};
use crate::catalog::Status;
use crate::text::{truncate, width};
use crate::view::View;
use crate::words::{self, Phrase, Word};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The control view: the control's title and question, then one column per vendor.
pub(super) fn draw_control(
    frame: &mut Frame,
    app: &App,
    view: &View,
    theme: &Theme,
    layout: &ScreenLayout,
) {
    let area = layout.areas.compare;
    let focused = app.browser.focus == Focus::Compare;
    let block = Block::bordered().border_style(theme.border(focused));
    let Some(row) = view.rows.first() else {
        let hint = Phrase::SelectControlToCompare.get(app.spec.lang);
        let lines = wrap_styled(&[(hint, theme.dim())], block.inner(area).width as usize);
        frame.render_widget(Paragraph::new(lines).style(theme.dim()).block(block), area);
        return;
    };
    let entry = &app.catalog.controls[row.control];
    let category = &app.catalog.categories[entry.category];
    let lang = app.spec.lang;
    let block = block.title(Span::styled(
        format!(" {} ", category.title.get(lang)),
        theme.dim(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut header = vec![highlighted_label(
        entry.control.title.get(lang),
        inner.width as usize,
        app.shown_query(),
        theme.title(),
        theme.matched(),
    )];
    header.push(highlighted_label(
        entry.control.question.get(lang),
        inner.width as usize,
        app.shown_query(),
        theme.dim(),
        theme.matched(),
    ));
    if !row.crosswalk.is_empty() {
        header.push(highlighted_label(
            &row.crosswalk,
            inner.width as usize,
            app.shown_query(),
            theme.dim(),
            theme.matched(),
        ));
    }
    debug_assert_eq!(header.len() as u16, super::layout::header_lines(view));
    frame.render_widget(Paragraph::new(header), layout.head);
    draw_columns(frame, app, row.control, view, theme, layout);
}

/// One column per shown vendor with its full answer; sideways scrolling when they do not fit.
fn draw_columns(
    frame: &mut Frame,
    app: &App,
    control: usize,
    view: &View,
    theme: &Theme,
    layout: &ScreenLayout,
) {
    let fallback;
    let row = match view.row(control) {
        Some(row) => row,
        None => {
            fallback = crate::view::row(&app.catalog, &app.reviews, &view.spec, control);
            &fallback
        }
    };
    let shown = view.spec.vendors.len();
    let (offset, columns) = (layout.first_column, &layout.column_rects);
    let first = offset
        .saturating_sub(view.spec.first_annotated())
        .min(row.cells.len());
    let cells = &row.cells[first..(first + columns.len()).min(row.cells.len())];
    let more_left = offset > 0;
    let more_right = offset + cells.len() < shown;
    for (i, (cell, col)) in cells.iter().zip(columns.iter()).enumerate() {
        let Some(vendor) = view.vendors.iter().find(|v| v.vendor == cell.vendor) else {
            continue;
        };
        let number = cell.vendor + 1;
        let mut stale_mark = if vendor.stale {
            format!(" ⚠{}", words::word(Word::Stale, app.spec.lang))
        } else {
            String::new()
        };
        // Arrows with counts say how many more vendors are to the left or right.
        let (before, after) = match (i == 0 && more_left, i + 1 == cells.len() && more_right) {
            (true, _) => (format!("◀+{offset} "), String::new()),
            (_, true) => (
                String::new(),
                format!(" +{}▶", shown - offset - cells.len()),
            ),
            _ => (String::new(), String::new()),
        };
        let user = match vendor.user {
            true => format!(" {}", words::word(Word::User, app.spec.lang)),
            false => String::new(),
        };
        // The due mark only where the name (or its short form) is not cut for it: the column's
        // documents say it too.
        let due_mark = format!(" ⚠{}", words::word(Word::ReassessDue, app.spec.lang));
        let without = (col.width as usize).saturating_sub(
            4 + width(&before) + width(&after) + width(&stale_mark) + width(&due_mark),
        );
        let name_without = without.saturating_sub(width(&format!("{number} {user}")));
        if vendor.due && width(vendor.display_name(name_without)) <= name_without {
            stale_mark.push_str(&due_mark);
        }
        let room = (col.width as usize)
            .saturating_sub(4 + width(&before) + width(&after) + width(&stale_mark));
        let name_room = room.saturating_sub(width(&format!("{number} {user}")));
        let name = format!("{number} {}{user}", vendor.display_name(name_room));
        let title = format!("{before}{}{stale_mark}{after}", truncate(&name, room));
        // The selected column is highlighted wherever the keyboard is: it is what `r`, `n`
        // and `a` act on.
        let selected = app.current_vendor() == Some(cell.vendor);
        let status = cell.status;
        let border = if selected && app.browser.focus == Focus::Compare {
            theme.border(true)
        } else if selected {
            theme.base().add_modifier(Modifier::BOLD)
        } else if status == Status::NotStated {
            theme.dim()
        } else {
            theme.border(false)
        };
        let block = Block::bordered()
            .title(Span::styled(title, theme.title()))
            .border_style(border);
        let inner = block.inner(*col);
        frame.render_widget(block, *col);
        let ctx = AnswerContext {
            lang: app.spec.lang,
            query: app.shown_query(),
            width: inner.width as usize,
            theme,
        };
        let lines = column_lines(vendor, cell, &ctx);
        let max_scroll = lines.len().saturating_sub(inner.height as usize) as u16;
        frame.render_widget(
            Paragraph::new(lines).scroll((app.browser.scroll.min(max_scroll), 0)),
            inner,
        );
    }
}

/// The category matrix: controls as rows, vendors as columns; the selected row in full below.
pub(super) fn draw_matrix(
    frame: &mut Frame,
    app: &App,
    view: &View,
    theme: &Theme,
    layout: &ScreenLayout,
) {
    let area = layout.areas.compare;
    let focused = app.browser.focus == Focus::Compare;
    let lang = app.spec.lang;
    let shown = view.spec.vendors.len();
    let columns = if view.vendors.len() < shown {
        let a = view.spec.first_annotated() + 1;
        let b = view.spec.first_annotated() + view.vendors.len();
        words::vendor_columns(a, b, shown, lang)
    } else {
        String::new()
    };
    let title = format!(
        " {} — {}{columns} ",
        view.title(),
        words::controls(view.rows.len(), lang)
    );
    let top = layout.head;
    let block = Block::bordered()
        .title(Span::styled(
            truncate(&title, area.width.saturating_sub(4) as usize),
            theme.title(),
        ))
        .border_style(theme.border(focused));
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let current = app.current_control(view);
    // The vendors that fit (the view annotates only those); the columns scroll with the cursor.
    let n = view.vendors.len().max(1);
    let first = view.spec.first_annotated();
    let title_w = (inner.width as usize / (n + 1)).clamp(super::app::MIN_MATRIX_TITLE, 34);
    let cell_w = ((inner.width as usize).saturating_sub(title_w + 1) / n)
        .saturating_sub(1)
        .max(1);
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(
        fit(words::word(Word::Control, lang), title_w),
        theme.dim(),
    )];
    let last = view.vendors.len().saturating_sub(1);
    // How many shown vendors are off screen to the left and to the right.
    let (left, right) = (first, shown.saturating_sub(first + view.vendors.len()));
    for (i, vendor) in view.vendors.iter().enumerate() {
        // Arrows with counts say how many more vendors are to the left or right.
        let before = match i == 0 && left > 0 {
            true => format!("◀+{left} "),
            false => String::new(),
        };
        let after = match i == last && right > 0 {
            true => format!(" +{right}▶"),
            false => String::new(),
        };
        let room = cell_w.saturating_sub(width(&before) + width(&after));
        let name = format!(
            "{before}{}{after}",
            truncate(vendor.display_name(room), room)
        );
        head.push(Span::styled("│", theme.dim()));
        head.push(Span::styled(fit(&name, cell_w), theme.title()));
    }
    lines.push(Line::from(head));
    lines.extend(super::profiles_ui::matrix_cards(
        app, view, title_w, cell_w, theme,
    ));
    let body_h = (inner.height as usize).saturating_sub(lines.len()).max(1);
    let selected_row = current
        .and_then(|c| view.rows.iter().position(|r| r.control == c))
        .unwrap_or(0);
    let offset = selected_row.saturating_sub(body_h - 1);
    for row in view.rows.iter().skip(offset).take(body_h) {
        let mut spans = vec![Span::styled(fit(&row.title, title_w), theme.base())];
        for (vi, cell) in row.cells.iter().enumerate() {
            spans.push(Span::styled("│", theme.dim()));
            // A draft's text starts with its mark ([draft]): no second one here.
            let mark = cell.verdict.as_ref().map_or("", |v| v.mark);
            let outcome = super::profiles_ui::matrix_mark(cell, theme);
            let text = match &outcome {
                Some((marks, _)) => format!("{marks}{}", cell.text),
                None => cell.text.clone(),
            };
            let style = match outcome {
                Some((_, style)) => style,
                None if cell.masked => theme.note(),
                None if cell.status == Status::Stated => theme.base(),
                None => theme.status(cell.status),
            };
            let cursor = Some(row.control) == current && Some(first + vi) == app.vendor_column();
            let style = match (cursor, focused) {
                (true, true) => style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                (true, false) => style.add_modifier(Modifier::UNDERLINED),
                _ => style,
            };
            spans.push(Span::styled(fit(&format!("{mark}{text}"), cell_w), style));
        }
        let mut line = Line::from(spans);
        if Some(row.control) == current {
            line = line.patch_style(theme.selected(focused));
        }
        lines.push(line);
    }
    if view.rows.is_empty() {
        lines.push(Line::styled(
            Phrase::NoControlMatches.get(lang),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(c) = current.filter(|c| view.rows.iter().any(|r| r.control == *c)) {
        let control = &app.catalog.controls[c].control;
        let block = Block::bordered()
            .title(Span::styled(
                format!(" {} ", control.title.get(lang)),
                theme.title(),
            ))
            .border_style(theme.dim());
        // The bottom pane: its inside is where the layout put the columns.
        let bottom = layout.columns.outer(ratatui::layout::Margin::new(1, 1));
        frame.render_widget(block, bottom);
        draw_columns(frame, app, c, view, theme, layout);
    }
}
