//! Drawing: a pure function of the state. Nothing here changes the app.

use super::app::{App, Focus, InputMode, Mode, NavItem, NoteEditor};
use super::compare_ui::{draw_control, draw_matrix};
use super::keys_ui::{draw_help, draw_hints};
use super::layout::{ScreenLayout, MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;
use super::widgets::{draw_centered_list, fit, highlighted_label, wrap_with_cursor};
use crate::text::{truncate, width};
use crate::view::View;
use crate::words::{self, Phrase, Word};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = words::screen::terminal_too_small(
            (area.width, area.height),
            (MIN_WIDTH, MIN_HEIGHT),
            app.spec.lang,
        );
        // Wrapped here rather than by the paragraph: ratatui's wrapper can place a
        // double-width character past the edge of a very narrow area.
        let lines: Vec<Line> = crate::text::wrap_ranges(&msg, area.width.max(1) as usize)
            .into_iter()
            .map(|r| Line::raw(msg[r].to_string()))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let view = app.view();
    // Computed once for the frame; the update computes the same for scrolling and clicks.
    let layout = ScreenLayout::new(app, &view, area);
    let a = layout.areas;
    draw_search(frame, app, &view, theme, a.search);
    draw_list(frame, app, &view, theme, a.list);
    match app.browser.mode {
        Mode::Control => draw_control(frame, app, &view, theme, &layout),
        Mode::Matrix => draw_matrix(frame, app, &view, theme, &layout),
    }
    draw_status(frame, app, &view, theme, a.status);
    draw_hints(frame, app, theme, a.hints);
    // Each overlay is drawn from its own state, which only its input mode holds.
    match &app.input {
        InputMode::Normal | InputMode::Search => {}
        InputMode::Help { scroll } => draw_help(frame, app, *scroll, theme, area),
        InputMode::CategoryPicker { cursor } => draw_picker(frame, app, *cursor, theme, area),
        InputMode::ExportPicker { cursor } => {
            super::export::draw_picker(frame, app, *cursor, theme, area)
        }
        InputMode::Note(editor) => draw_note(frame, app, editor, theme, area),
        InputMode::Drafts(panel) => {
            super::drafts_ui::draw_panel(frame, app, panel, None, theme, area)
        }
        InputMode::DraftEdit { panel, edit } => {
            super::drafts_ui::draw_panel(frame, app, panel, Some(edit), theme, area)
        }
        InputMode::ProfilePicker { cursor } => {
            super::profiles_ui::draw_picker(frame, app, *cursor, theme, area)
        }
        InputMode::BulkConfirm { panel, bulk } => {
            super::drafts_ui::draw_panel(frame, app, panel, None, theme, area);
            super::queue_ui::draw_bulk(frame, app, bulk, theme, area)
        }
        InputMode::QuitPrompt { .. } => {
            super::unsaved_ui::draw_quit_prompt(frame, app, theme, area)
        }
        InputMode::UnsavedOffer => super::unsaved_ui::draw_offer(frame, app, theme, area),
    }
}

fn draw_search(frame: &mut Frame, app: &App, view: &View, theme: &Theme, area: Rect) {
    let line = if app.input == InputMode::Search || app.searching() {
        let mut spans = vec![
            Span::styled("/", theme.title()),
            Span::raw(app.spec.query.clone()),
        ];
        if app.input == InputMode::Search {
            spans.push(Span::styled("█", theme.dim()));
        }
        spans.push(Span::styled(
            if app.search.index.is_none() {
                Phrase::BuildingIndex.get(app.spec.lang).to_string()
            } else if app.search_pending() {
                Phrase::Searching.get(app.spec.lang).to_string()
            } else {
                format!(
                    "  {}",
                    words::matching_controls(view.visible.len(), app.spec.lang)
                )
            },
            theme.dim(),
        ));
        Line::from(spans)
    } else {
        Line::from(vec![
            Span::styled(" kurabe ", theme.title()),
            Span::styled("比べ  ", theme.dim()),
            Span::styled(
                match app.search.index {
                    Some(_) => Phrase::SearchHelpHint.get(app.spec.lang),
                    None => Phrase::SearchHelpHintBuilding.get(app.spec.lang),
                },
                theme.dim(),
            ),
        ])
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_list(frame: &mut Frame, app: &App, view: &View, theme: &Theme, area: Rect) {
    let focused = app.browser.focus == Focus::List && app.input != InputMode::Search
        || app.input == InputMode::Search;
    let nav = app.nav(view);
    let title = if app.searching() {
        // No results yet is not "no results".
        let count = if app.search_pending() && app.search.hits.is_empty() {
            "…".to_string()
        } else {
            nav.len().to_string()
        };
        words::screen::results_title(&count, app.spec.lang)
    } else {
        Phrase::CategoriesTitle.get(app.spec.lang).to_string()
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let lang = app.spec.lang;
    let mut lines = Vec::new();
    for entry in nav
        .iter()
        .skip(app.browser.list_offset)
        .take(inner.height as usize)
    {
        let selected = Some(entry.item) == app.browser.selected;
        let mut line = match entry.item {
            NavItem::Category(cat) => {
                let c = &app.catalog.categories[cat];
                let arrow = if entry.expanded { "▾ " } else { "▸ " };
                let counts = format!(" {}/{}", entry.counts.0, entry.counts.1);
                let title_w = w.saturating_sub(width(arrow) + width(&counts));
                Line::from(vec![
                    Span::styled(arrow, theme.dim()),
                    Span::styled(fit(c.title.get(lang), title_w), theme.title()),
                    Span::styled(counts, theme.dim()),
                ])
            }
            NavItem::Control(ctl) => {
                let control = &app.catalog.controls[ctl].control;
                let indent = if app.searching() { "" } else { "  " };
                let mut l = highlighted_label(
                    control.title.get(lang),
                    w.saturating_sub(width(indent)),
                    app.shown_query(),
                    theme.base(),
                    theme.matched(),
                );
                l.spans.insert(0, Span::raw(indent));
                l
            }
        };
        if selected {
            line = line.patch_style(theme.selected(focused));
        }
        lines.push(line);
    }
    if nav.is_empty() {
        lines.push(Line::styled(
            Phrase::NoControlMatches.get(app.spec.lang),
            theme.dim(),
        ));
        if app.searching() {
            lines.push(Line::styled(
                Phrase::EscClearsSearch.get(app.spec.lang),
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_status(frame: &mut Frame, app: &App, view: &View, theme: &Theme, area: Rect) {
    // Said first, until the changes are saved.
    let mut spans: Vec<Span> = super::unsaved_ui::status_span(app, theme)
        .into_iter()
        .collect();
    let problem = app
        .status
        .problems
        .first()
        .filter(|_| !app.status.problems_dismissed);
    if let (Some(_), Some(m)) = (problem, &app.status.message) {
        // The load warning stays, short, beside the newer message.
        spans.push(Span::styled(
            format!("⚠ {} load problem(s) · ", app.status.problems.len()),
            theme.error(),
        ));
        spans.push(Span::styled(
            m.text.clone(),
            if m.error { theme.error() } else { theme.ok() },
        ));
    } else if let Some(p) = problem {
        let more = if app.status.problems.len() > 1 {
            words::screen::more_problems(app.status.problems.len() - 1, app.spec.lang)
        } else {
            String::new()
        };
        spans.push(Span::styled(
            crate::sanitize::line(&format!(
                "{} {}:{}:{}: {}{more}",
                Phrase::EscHides.get(app.spec.lang),
                p.file,
                p.line,
                p.column,
                p.message
            ))
            .into_owned(),
            theme.error(),
        ));
    } else if let Some(m) = &app.status.message {
        spans.push(Span::styled(
            m.text.clone(),
            if m.error { theme.error() } else { theme.ok() },
        ));
    } else {
        // As many vendors as the line has room for, with the filters after them: a registry
        // of thousands cannot all be listed (and looking each up in the shown ones was most
        // of a frame with 10,000 vendors).
        // What follows the vendors is said whole; the vendors take the room left.
        let tail = status_tail(app, view, theme);
        let tail_width: usize = tail.iter().map(|s| width(&s.content)).sum();
        let mut shown = vec![false; app.catalog.vendors.len()];
        for &v in &app.spec.vendors {
            if let Some(s) = shown.get_mut(v) {
                *s = true;
            }
        }
        let room = (area.width as usize).saturating_sub(tail_width + 2);
        let mut used = 0;
        for (i, vendor) in app.catalog.vendors.iter().enumerate() {
            let name = truncate(
                vendor.short_name(app.spec.lang),
                crate::catalog::validate::SHORT_NAME_MAX,
            );
            let label = format!("{}{}{} ", i + 1, if shown[i] { "●" } else { "○" }, name);
            let rest = app.catalog.vendors.len() - i;
            // Room is kept for the "… +N" that would stand for the vendors after this one.
            let after = match rest > 1 {
                true => width(&format!("… +{} ", rest - 1)),
                false => 0,
            };
            if used + width(&label) + after > room {
                spans.push(Span::styled(format!("… +{rest} "), theme.dim()));
                break;
            }
            used += width(&label);
            spans.push(Span::styled(
                label,
                if shown[i] { theme.base() } else { theme.dim() },
            ));
        }
        spans.extend(tail);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line after the vendors: filters, drafts left, requirements, language and count.
fn status_tail(app: &App, view: &View, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = vec![Span::styled("│ ", theme.dim())];
    let filters = view.spec.filter_words();
    if filters.is_empty() {
        spans.push(Span::styled(
            format!("{} ", words::word(Word::NoFilters, app.spec.lang)),
            theme.dim(),
        ));
    } else {
        spans.push(Span::styled(
            format!("{} ", filters.join(", ")),
            theme.note(),
        ));
    }
    let drafts = app.drafts_left();
    if drafts > 0 {
        spans.push(Span::styled(
            format!(
                "│ {}{} ",
                words::drafts_left(drafts, app.spec.lang),
                Phrase::AReviewsDrafts.get(app.spec.lang)
            ),
            theme.note(),
        ));
    }
    spans.extend(super::profiles_ui::status_span(app, theme));
    spans.push(Span::styled(
        words::screen::language_and_count(
            &words::control_count(view.visible.len(), app.spec.lang),
            app.spec.lang,
        ),
        theme.dim(),
    ));
    spans
}

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn draw_picker(frame: &mut Frame, app: &App, cursor: usize, theme: &Theme, area: Rect) {
    let lang = app.spec.lang;
    let titles: Vec<String> = app
        .catalog
        .categories
        .iter()
        .map(|c| c.title.get(lang).to_string())
        .collect();
    let title = Phrase::JumpToCategory.get(lang);
    draw_centered_list(frame, theme, area, title, 48, &titles, cursor);
}

fn draw_note(frame: &mut Frame, app: &App, editor: &NoteEditor, theme: &Theme, area: Rect) {
    let vendor = app.catalog.vendors[editor.vendor]
        .info
        .name
        .get(app.spec.lang);
    let control = app.catalog.controls[editor.control]
        .control
        .title
        .get(app.spec.lang);
    let rect = centered(area, 70, 14);
    let block = Block::bordered()
        .title(Span::styled(
            truncate(
                &words::screen::note_title(vendor, control, app.spec.lang),
                rect.width.saturating_sub(2) as usize,
            ),
            theme.title(),
        ))
        .title_bottom(
            Line::from(Phrase::NoteEditorKeys.get(app.spec.lang)).alignment(Alignment::Right),
        )
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    let (lines, row) = wrap_with_cursor(
        &editor.text,
        editor.cursor,
        inner.width.max(1) as usize,
        Style::default(),
        theme.selected(true),
    );
    let scroll = row.saturating_sub(inner.height.saturating_sub(1) as usize) as u16;
    super::popup::clear(frame, rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
