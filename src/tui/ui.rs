//! Drawing: a pure function of the state. Nothing here changes the app.

use super::app::{App, Focus, InputMode, Mode, NavItem, NoteEditor};
use super::keys_ui::{draw_help, draw_hints};
use super::layout::{areas, column_lines, column_rects, MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;
use super::widgets::{draw_centered_list, fit, highlighted_label, AnswerContext};
use crate::catalog::{Lang, Status};
use crate::text::{truncate, width};
use crate::view::View;
use crate::words::{self, tr, Word};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = match app.spec.lang {
            Lang::En => format!(
                "Terminal too small ({}x{}). kurabe needs at least {MIN_WIDTH}x{MIN_HEIGHT}. q quits.",
                area.width, area.height
            ),
            Lang::Ja => format!(
                "端末が小さすぎます({}x{})。{MIN_WIDTH}x{MIN_HEIGHT} 以上が必要です。q で終了。",
                area.width, area.height
            ),
        };
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
    let a = areas(area);
    draw_search(frame, app, &view, theme, a.search);
    draw_list(frame, app, &view, theme, a.list);
    match app.browser.mode {
        Mode::Control => draw_control(frame, app, &view, theme, a.compare),
        Mode::Matrix => draw_matrix(frame, app, &view, theme, a.compare),
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
                tr(
                    app.spec.lang,
                    "  building the search index: results come when it is ready…",
                    "  検索インデックスを作成中です。完成しだい結果を表示します…",
                )
                .to_string()
            } else if app.search_pending() {
                tr(app.spec.lang, "  searching…", "  検索中…").to_string()
            } else {
                match app.spec.lang {
                    Lang::En => format!("  {} matching controls", view.visible.len()),
                    Lang::Ja => format!("  該当 {} 項目", view.visible.len()),
                }
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
                    Some(_) => tr(
                        app.spec.lang,
                        "/ to search, ? for help",
                        "/ で検索、? でヘルプ",
                    ),
                    None => tr(
                        app.spec.lang,
                        "/ to search (index being built), ? for help",
                        "/ で検索（インデックス作成中）、? でヘルプ",
                    ),
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
        match app.spec.lang {
            Lang::En => format!(" Results ({count}) "),
            Lang::Ja => format!(" 検索結果({count}) "),
        }
    } else {
        tr(app.spec.lang, " Categories ", " カテゴリ ").to_string()
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
                    &app.spec.query,
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
            tr(
                app.spec.lang,
                "No control matches.",
                "該当する項目はありません。",
            ),
            theme.dim(),
        ));
        if app.searching() {
            lines.push(Line::styled(
                tr(
                    app.spec.lang,
                    "Esc clears the search.",
                    "Esc で検索を消去します。",
                ),
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The control view: the control's title and question, then one column per vendor.
fn draw_control(frame: &mut Frame, app: &App, view: &View, theme: &Theme, area: Rect) {
    let focused = app.browser.focus == Focus::Compare;
    let block = Block::bordered().border_style(theme.border(focused));
    let Some(row) = view.rows.first() else {
        frame.render_widget(
            Paragraph::new(tr(
                app.spec.lang,
                "Select a control on the left to compare the vendors' answers.",
                "左の一覧で項目を選ぶと、事業者の回答を並べて比較します。",
            ))
            .style(theme.dim())
            .wrap(Wrap { trim: true })
            .block(block),
            area,
        );
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
        &app.spec.query,
        theme.title(),
        theme.matched(),
    )];
    header.push(highlighted_label(
        entry.control.question.get(lang),
        inner.width as usize,
        &app.spec.query,
        theme.dim(),
        theme.matched(),
    ));
    if !row.crosswalk.is_empty() {
        header.push(highlighted_label(
            &row.crosswalk,
            inner.width as usize,
            &app.spec.query,
            theme.dim(),
            theme.matched(),
        ));
    }
    let head_height = header.len() as u16;
    let [head, body] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(header), head);
    draw_columns(frame, app, row.control, view, theme, body);
}

/// One column per shown vendor with its full answer; sideways scrolling when they do not fit.
fn draw_columns(
    frame: &mut Frame,
    app: &App,
    control: usize,
    view: &View,
    theme: &Theme,
    area: Rect,
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
    let (offset, columns) = column_rects(app, shown, area);
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
        let mut name = format!("{number} {}", vendor.name);
        if vendor.user {
            name.push(' ');
            name.push_str(words::word(Word::User, app.spec.lang));
        }
        let stale_mark = if vendor.stale {
            format!(" ⚠{}", words::word(Word::Stale, app.spec.lang))
        } else {
            String::new()
        };
        let arrows = match (i == 0 && more_left, i + 1 == cells.len() && more_right) {
            (true, _) => "◀ ",
            (_, true) => " ▶",
            _ => "",
        };
        let title_text = truncate(
            &name,
            (col.width as usize).saturating_sub(4 + width(arrows) + width(&stale_mark)),
        );
        let title_text = format!("{title_text}{stale_mark}");
        let title = if arrows == "◀ " {
            format!("◀ {title_text}")
        } else {
            format!("{title_text}{arrows}")
        };
        let selected =
            app.browser.focus == Focus::Compare && app.current_vendor() == Some(cell.vendor);
        let status = cell.status;
        let border = if selected {
            theme.border(true)
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
            query: &app.spec.query,
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
fn draw_matrix(frame: &mut Frame, app: &App, view: &View, theme: &Theme, area: Rect) {
    let focused = app.browser.focus == Focus::Compare;
    let lang = app.spec.lang;
    let shown = view.spec.vendors.len();
    let columns = if view.vendors.len() < shown {
        let a = view.spec.first_annotated() + 1;
        let b = view.spec.first_annotated() + view.vendors.len();
        match lang {
            Lang::En => format!(" · vendors {a}–{b} of {shown}"),
            Lang::Ja => format!(" · ベンダー {a}–{b}／{shown}"),
        }
    } else {
        String::new()
    };
    let title = match lang {
        Lang::En => format!(" {} — {} controls{columns} ", view.title(), view.rows.len()),
        Lang::Ja => format!(" {} — {} 項目{columns} ", view.title(), view.rows.len()),
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Min(5)]).areas(area);
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
    let names = view.vendor_names();
    let last = names.len().saturating_sub(1);
    for (i, name) in names.into_iter().enumerate() {
        // Arrows say that more vendors are to the left or right, as over the answers.
        let name = match (i == 0 && first > 0, i == last && first + last + 1 < shown) {
            (true, _) => format!("◀{name}"),
            (_, true) => format!("{}▶", truncate(name, cell_w.saturating_sub(1))),
            _ => name.to_string(),
        };
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
            let mark = cell.verdict.as_ref().map_or("", |v| v.mark);
            let mark = if cell.draft {
                format!("✎{mark}")
            } else {
                mark.to_string()
            };
            let outcome = super::profiles_ui::matrix_mark(cell, theme);
            let text = match &outcome {
                Some((marks, _)) => format!("{marks}{}", cell.text),
                None => cell.text.clone(),
            };
            let style = match outcome {
                Some((_, style)) => style,
                None if cell.status == Status::Stated => theme.base(),
                None => theme.status(cell.status),
            };
            let cursor =
                focused && Some(row.control) == current && first + vi == app.browser.vendor_cursor;
            let style = if cursor {
                style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
            } else {
                style
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
            tr(lang, "No control matches.", "該当する項目はありません。"),
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
        let inner = block.inner(bottom);
        frame.render_widget(block, bottom);
        draw_columns(frame, app, c, view, theme, inner);
    }
}

/// Columns of the status line kept for what follows the vendors (filters, drafts).
const STATUS_AFTER_VENDORS: usize = 28;

fn draw_status(frame: &mut Frame, app: &App, view: &View, theme: &Theme, area: Rect) {
    let mut spans = Vec::new();
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
            match app.spec.lang {
                Lang::En => format!(
                    " (+{} more; run `kurabe check`)",
                    app.status.problems.len() - 1
                ),
                Lang::Ja => format!(
                    " (ほか {} 件。`kurabe check` で確認)",
                    app.status.problems.len() - 1
                ),
            }
        } else {
            String::new()
        };
        spans.push(Span::styled(
            crate::sanitize::line(&format!(
                "⚠ (Esc hides) {}:{}:{}: {}{more}",
                p.file, p.line, p.column, p.message
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
        let mut shown = vec![false; app.catalog.vendors.len()];
        for &v in &app.spec.vendors {
            if let Some(s) = shown.get_mut(v) {
                *s = true;
            }
        }
        let room = (area.width as usize).saturating_sub(STATUS_AFTER_VENDORS);
        let mut used = 0;
        for (i, vendor) in app.catalog.vendors.iter().enumerate() {
            let name = truncate(vendor.info.name.get(app.spec.lang), 14);
            let label = format!("{}{}{} ", i + 1, if shown[i] { "●" } else { "○" }, name);
            let rest = app.catalog.vendors.len() - i;
            if used + width(&label) > room && rest > 1 {
                spans.push(Span::styled(format!("… +{rest} "), theme.dim()));
                break;
            }
            used += width(&label);
            spans.push(Span::styled(
                label,
                if shown[i] { theme.base() } else { theme.dim() },
            ));
        }
        spans.push(Span::styled("│ ", theme.dim()));
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
                format!("│ {} ", words::drafts_left(drafts, app.spec.lang)),
                theme.note(),
            ));
        }
        spans.extend(super::profiles_ui::status_span(app, theme));
        spans.push(Span::styled(
            match app.spec.lang {
                Lang::En => format!("│ EN │ {} controls", view.visible.len()),
                Lang::Ja => format!("│ 日本語 │ {} 項目", view.visible.len()),
            },
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
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
    let title = tr(lang, " Jump to category ", " カテゴリへ移動 ");
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
                &match app.spec.lang {
                    Lang::En => format!(" Note: {vendor} — {control} "),
                    Lang::Ja => format!(" メモ: {vendor} — {control} "),
                },
                rect.width.saturating_sub(2) as usize,
            ),
            theme.title(),
        ))
        .title_bottom(
            Line::from(tr(
                app.spec.lang,
                " Ctrl-S save · Esc cancel ",
                " Ctrl-S 保存 · Esc 取消 ",
            ))
            .alignment(Alignment::Right),
        )
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    let (line, col) = editor.line_col();
    let mut lines: Vec<Line> = Vec::new();
    for (i, text) in editor.text.split('\n').enumerate() {
        if i == line {
            let chars: Vec<char> = text.chars().collect();
            let before: String = chars[..col.min(chars.len())].iter().collect();
            let at: String = chars.get(col).map_or(" ".to_string(), |c| c.to_string());
            let after: String = chars
                .get(col + 1..)
                .map_or(String::new(), |r| r.iter().collect());
            lines.push(Line::from(vec![
                Span::raw(before),
                Span::styled(at, theme.selected(true)),
                Span::raw(after),
            ]));
        } else {
            lines.push(Line::raw(text.to_string()));
        }
    }
    let scroll = line.saturating_sub(inner.height.saturating_sub(1) as usize) as u16;
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
