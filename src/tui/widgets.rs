//! Building blocks for drawing: wrapped, highlighted text and a vendor's answer column.

use super::theme::Theme;
use crate::catalog::{Lang, Status};
use crate::reviews::Verdict;
use crate::search::highlight;
use crate::text::{truncate, width, wrap_ranges};
use crate::view::{Cell, VendorNote};
use crate::words::{self, Word};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// `text` wrapped to `max` cells, with the characters `query` matches in `hl`.
pub fn highlighted_wrap(
    text: &str,
    max: usize,
    query: &str,
    base: Style,
    hl: Style,
) -> Vec<Line<'static>> {
    let matches = highlight(query, text);
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let mut matched_bytes = vec![false; text.len() + 1];
    for &ci in &matches {
        if let Some(&b) = starts.get(ci) {
            matched_bytes[b] = true;
        }
    }
    wrap_ranges(text, max)
        .into_iter()
        .map(|range| styled_line(&text[range.clone()], range.start, &matched_bytes, base, hl))
        .collect()
}

/// One line, split into spans where highlighting starts and stops.
fn styled_line(
    line: &str,
    offset: usize,
    matched: &[bool],
    base: Style,
    hl: Style,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, c) in line.char_indices() {
        let m = matched.get(offset + i).copied().unwrap_or(false);
        if m != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = m;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    Line::from(spans)
}

/// A single-line highlighted label cut to `max` cells.
pub fn highlighted_label(
    text: &str,
    max: usize,
    query: &str,
    base: Style,
    hl: Style,
) -> Line<'static> {
    let cut = truncate(text, max);
    let mut matched = vec![false; cut.len() + 1];
    let starts: Vec<usize> = cut.char_indices().map(|(i, _)| i).collect();
    for ci in highlight(query, text) {
        if let Some(&b) = starts.get(ci) {
            matched[b] = true;
        }
    }
    styled_line(&cut, 0, &matched, base, hl)
}

/// What an answer column needs besides the annotated answer.
pub struct AnswerContext<'a> {
    pub lang: Lang,
    pub query: &'a str,
    pub width: usize,
    pub theme: &'a Theme,
}

/// The vendor's documents with their dates and ages, stale ones flagged, then when it was
/// last assessed and is due again.
pub fn document_lines(vendor: &VendorNote, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for doc in &vendor.documents {
        let style = if doc.stale || doc.future {
            ctx.theme.note()
        } else {
            ctx.theme.dim()
        };
        out.extend(highlighted_wrap(
            &format!("· {}", doc.line),
            ctx.width,
            "",
            style,
            style,
        ));
    }
    let style = if vendor.due {
        ctx.theme.note()
    } else {
        ctx.theme.dim()
    };
    out.extend(highlighted_wrap(
        &format!("· {}", vendor.assessment_line),
        ctx.width,
        "",
        style,
        style,
    ));
    out
}

/// Everything one vendor says on one control, as lines `ctx.width` cells wide: status badge,
/// the reviewer's verdict and note, the value, the summary, any note, flags for superseded
/// standards, then each quote with its citation.
pub fn answer_lines(cell: &Cell, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let (theme, max, query, lang) = (ctx.theme, ctx.width, ctx.query, ctx.lang);
    // A masked draft's status is the importer's guess: not shown, not even as a colour.
    let badge_style = match cell.masked {
        true => theme.note(),
        false => theme.status(cell.status),
    };
    let mut badge = vec![Span::styled(cell.badge.clone(), badge_style)];
    if let Some(polarity) = cell.polarity {
        badge.push(Span::styled(format!("  ‹{polarity}›"), theme.value()));
    }
    let mut out = vec![Line::from(badge)];
    if cell.draft {
        out.push(Line::styled(
            words::tr(lang, "a: review this draft", "a で下書きを確認"),
            theme.dim(),
        ));
    }
    if let Some(verdict) = &cell.verdict {
        let style = match verdict.verdict {
            Verdict::Risk => theme.error(),
            Verdict::FollowUp => theme.note(),
            Verdict::Acceptable => theme.ok(),
        };
        out.extend(highlighted_wrap(&verdict.label, max, "", style, style));
    }
    if let Some(note) = &cell.review_note {
        out.extend(highlighted_wrap(
            &format!("✎ {note}"),
            max,
            query,
            theme.note(),
            theme.matched(),
        ));
    }
    out.extend(super::profiles_ui::outcome_lines(cell, ctx));
    if cell.masked {
        return out;
    }
    if cell.status == Status::NotStated {
        out.push(Line::default());
        out.extend(highlighted_wrap(
            words::says_nothing(lang),
            max,
            "",
            theme.dim(),
            theme.dim(),
        ));
        return out;
    }
    if let Some(value) = &cell.value {
        out.extend(highlighted_wrap(
            value,
            max,
            query,
            theme.value(),
            theme.matched(),
        ));
    }
    if let Some(summary) = &cell.summary {
        out.push(Line::default());
        if let Some(marker) = cell.summary_marker {
            out.push(Line::styled(format!("{marker}:"), theme.dim()));
        }
        out.extend(highlighted_wrap(
            summary,
            max,
            query,
            theme.base(),
            theme.matched(),
        ));
    }
    if let Some(note) = &cell.note {
        out.push(Line::default());
        out.extend(highlighted_wrap(
            &format!("{}: {note}", words::word(Word::Note, lang)),
            max,
            query,
            theme.note(),
            theme.matched(),
        ));
    }
    for warning in &cell.warnings {
        out.push(Line::default());
        out.extend(highlighted_wrap(
            &format!("⚠ {warning}"),
            max,
            "",
            theme.note(),
            theme.note(),
        ));
    }
    for q in &cell.quotes {
        out.push(Line::default());
        out.extend(highlighted_wrap(
            &format!("「{}」", q.text),
            max,
            query,
            theme.base(),
            theme.matched(),
        ));
        out.extend(highlighted_wrap(
            &format!("— {}", q.citation),
            max,
            "",
            theme.dim(),
            theme.dim(),
        ));
    }
    out
}

/// Pads or cuts `s` to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let pad = w.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// A bordered list of `items` centred in `area`, `width` wide (as tall as the list, within
/// `area`), the item at `cursor` highlighted and scrolled into view.
pub fn draw_centered_list(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    title: &str,
    width: u16,
    items: &[String],
    cursor: usize,
) {
    let rect = super::ui::centered(area, width, items.len() as u16 + 2);
    let block = Block::bordered()
        .title(Span::styled(title.to_string(), theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    let h = inner.height as usize;
    let offset = cursor.saturating_sub(h.saturating_sub(1));
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, item)| {
            let line = Line::raw(fit(item, inner.width as usize));
            if i == cursor {
                line.patch_style(theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    super::popup::clear(frame, rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn drawn(height: u16, cursor: usize) -> String {
        let items: Vec<String> = (1..=5).map(|i| format!("item {i}")).collect();
        let mut terminal = Terminal::new(TestBackend::new(20, height)).unwrap();
        terminal
            .draw(|f| {
                let theme = Theme { color: false };
                draw_centered_list(f, &theme, f.area(), " t ", 16, &items, cursor)
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        buffer.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn a_list_that_fits_shows_every_item() {
        let screen = drawn(10, 0);
        assert!(
            (1..=5).all(|i| screen.contains(&format!("item {i}"))),
            "{screen}"
        );
    }

    #[test]
    fn a_list_taller_than_the_area_keeps_the_cursor_in_view() {
        let screen = drawn(4, 4);
        assert!(screen.contains("item 5"), "{screen}");
        assert!(screen.contains("item 4"), "{screen}");
        assert!(!screen.contains("item 1"), "{screen}");
    }
}
