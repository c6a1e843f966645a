//! Building blocks for drawing: wrapped, highlighted text and a vendor's answer column.

use super::theme::{badge, Theme};
use crate::catalog::{Lang, Status, Vendor};
use crate::export::markdown::citation;
use crate::search::highlight;
use crate::text::{truncate, width, wrap_ranges};
use crate::view::Cell;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

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

/// Everything one vendor says on one control, as lines `max` cells wide: status badge, the
/// value, the summary, any note, then each quote with its citation.
pub fn answer_lines(
    vendor: &Vendor,
    cell: &Cell,
    lang: Lang,
    query: &str,
    max: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let status = cell.status();
    out.push(Line::from(Span::styled(
        badge(status),
        theme.status(status),
    )));
    let answer = match cell.answer.filter(|a| a.status != Status::NotStated) {
        Some(a) => a,
        None => {
            out.push(Line::default());
            out.extend(highlighted_wrap(
                "The vendor's documents say nothing on this.",
                max,
                "",
                theme.dim(),
                theme.dim(),
            ));
            return out;
        }
    };
    if let Some(value) = &answer.value {
        out.extend(highlighted_wrap(
            &value.to_string(),
            max,
            query,
            theme.value(),
            theme.matched(),
        ));
    }
    if let Some(summary) = &answer.summary {
        out.push(Line::default());
        out.extend(highlighted_wrap(
            summary.get(lang),
            max,
            query,
            theme.base(),
            theme.matched(),
        ));
    }
    if let Some(note) = &answer.note {
        out.push(Line::default());
        out.extend(highlighted_wrap(
            &format!("Note: {}", note.get(lang)),
            max,
            query,
            theme.note(),
            theme.matched(),
        ));
    }
    for q in &answer.quotes {
        out.push(Line::default());
        out.extend(highlighted_wrap(
            &format!("「{}」", q.text),
            max,
            query,
            theme.base(),
            theme.matched(),
        ));
        let cite = format!(
            "— {}",
            citation(vendor.document(&q.document), &q.document, &q.section)
        );
        out.extend(highlighted_wrap(&cite, max, "", theme.dim(), theme.dim()));
    }
    out
}

/// Pads or cuts `s` to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let pad = w.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}
