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

/// Text made of differently styled parts, wrapped to `max` cells as every text is
/// ([`wrap_ranges`]), each part keeping its style across the lines it falls on.
pub fn wrap_styled(parts: &[(&str, Style)], max: usize) -> Vec<Line<'static>> {
    let text: String = parts.iter().map(|(t, _)| *t).collect();
    let mut styles = Vec::with_capacity(text.len());
    for (t, style) in parts {
        styles.extend(std::iter::repeat_n(*style, t.len()));
    }
    wrap_ranges(&text, max)
        .into_iter()
        .map(|range| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run_start = range.start;
            for (i, _) in text[range.clone()].char_indices() {
                let at = range.start + i;
                if at > run_start && styles[at] != styles[run_start] {
                    spans.push(Span::styled(
                        text[run_start..at].to_string(),
                        styles[run_start],
                    ));
                    run_start = at;
                }
            }
            if run_start < range.end {
                spans.push(Span::styled(
                    text[run_start..range.end].to_string(),
                    styles[run_start],
                ));
            }
            Line::from(spans)
        })
        .collect()
}

/// Text being typed, wrapped as every text is, with the cell at `cursor` (a byte offset) in
/// `cursor_style` — a blank one at the end of a line — and the row the cursor is on.
pub fn wrap_with_cursor(
    text: &str,
    cursor: usize,
    max: usize,
    base: Style,
    cursor_style: Style,
) -> (Vec<Line<'static>>, usize) {
    let mut at = cursor.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let (before, rest) = text.split_at(at);
    // A space or the end of a line under the cursor is drawn as a no-break space, which a
    // line break never leaves out.
    let (under, after) = match rest.chars().next() {
        None | Some('\n') => ("\u{a0}", rest),
        Some(' ') => ("\u{a0}", &rest[1..]),
        Some(c) => rest.split_at(c.len_utf8()),
    };
    let lines = wrap_styled(&[(before, base), (under, cursor_style), (after, base)], max);
    let shown = format!("{before}{under}{after}");
    let row = wrap_ranges(&shown, max)
        .iter()
        .position(|r| r.start <= at && at < r.end)
        .unwrap_or(0);
    (lines, row)
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
    if cell.changed.is_some() {
        out.push(Line::styled(
            crate::words::ChangeWord::Badge.get(lang),
            theme.note(),
        ));
    }
    if cell.draft {
        out.push(Line::styled(
            words::Phrase::ReviewThisDraft.get(lang),
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
        if let Some(changed) = &cell.changed {
            out.extend(super::changed_ui::stale_reason_lines(changed, ctx));
        }
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
    if let Some(changed) = &cell.changed {
        out.extend(super::changed_ui::before_after_lines(changed, ctx));
    }
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

    fn text_of(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn typed_text_wraps_as_shown_text_does_with_the_cursor_on_its_row() {
        let cursor = Style::default().add_modifier(ratatui::style::Modifier::REVERSED);
        let text = "契約終了後30日で利用者データを消去します。";
        let (lines, row) = wrap_with_cursor(text, text.len(), 10, Style::default(), cursor);
        let rows: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(
            rows,
            [
                "契約終了後",
                "30日で利用",
                "者データを",
                "消去しま",
                "す。\u{a0}"
            ]
        );
        assert_eq!(row, 4, "the cursor after the last character");
        let last = lines[4].spans.last().unwrap();
        assert_eq!((last.content.as_ref(), last.style), ("\u{a0}", cursor));

        // On the 利 of 利用者: its own row, the one character in the cursor's style.
        let at = text.find('利').unwrap();
        let (lines, row) = wrap_with_cursor(text, at, 10, Style::default(), cursor);
        assert_eq!(row, 1);
        let styled: Vec<&str> = lines[1]
            .spans
            .iter()
            .filter(|s| s.style == cursor)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(styled, ["利"]);
    }

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
