//! Building blocks for drawing: wrapped, highlighted text and a vendor's answer column.

use super::theme::{badge, Theme};
use crate::catalog::{Lang, Status, Vendor};
use crate::export::markdown::citation;
use crate::freshness::{freshness, superseded_in_answer, Freshness};
use crate::reviews::{Judged, Verdict};
use crate::search::highlight;
use crate::text::{truncate, width, wrap_ranges};
use crate::view::Cell;
use jiff::civil::Date;
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

/// What an answer column needs besides the answer.
pub struct AnswerContext<'a> {
    pub lang: Lang,
    pub query: &'a str,
    pub width: usize,
    pub theme: &'a Theme,
    /// The reviewer's verdict and note on this answer, if any.
    pub judged: Option<Judged<'a>>,
    pub today: Option<Date>,
    pub stale_after_months: u32,
}

/// The vendor's documents with their dates and ages, stale ones flagged.
pub fn document_lines(vendor: &Vendor, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for doc in &vendor.documents {
        let mut text = format!("· {}", doc.title);
        if let Some(v) = &doc.version {
            text.push_str(&format!(" v{v}"));
        }
        let mut warning = None;
        match (&doc.date, ctx.today) {
            (Some(date), Some(today)) => match freshness(date, today, ctx.stale_after_months) {
                Some(Freshness::Future) => {
                    text.push_str(&format!(", {date}"));
                    warning = Some(" ⚠ dated in the future".to_string());
                }
                Some(f) => {
                    text.push_str(&format!(", {date}, {}", f.describe()));
                    if !f.is_fresh() {
                        let over = ctx.stale_after_months;
                        warning = Some(format!(" ⚠ stale (over {over} months)"));
                    }
                }
                None => text.push_str(&format!(", {date}")),
            },
            (Some(date), None) => text.push_str(&format!(", {date}")),
            (None, _) => text.push_str(" (undated)"),
        }
        let style = match &warning {
            Some(warning) => {
                text.push_str(warning);
                ctx.theme.note()
            }
            None => ctx.theme.dim(),
        };
        out.extend(highlighted_wrap(&text, ctx.width, "", style, style));
    }
    out
}

/// The verdict badge of an answer: "✓ acceptable", "⚑ follow-up", "✗ risk", with "(stale)".
pub fn verdict_badge(judged: &Judged) -> Option<String> {
    let v = judged.review.verdict?;
    let mark = match v {
        Verdict::Acceptable => "✓",
        Verdict::FollowUp => "⚑",
        Verdict::Risk => "✗",
    };
    Some(format!(
        "{mark} {}{}",
        v.label(),
        if judged.stale {
            " (stale: the answer changed)"
        } else {
            ""
        }
    ))
}

/// Everything one vendor says on one control, as lines `ctx.width` cells wide: status badge,
/// the reviewer's verdict and note, the value, the summary, any note, flags for superseded
/// standards, then each quote with its citation.
pub fn answer_lines(vendor: &Vendor, cell: &Cell, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let (theme, max, query, lang) = (ctx.theme, ctx.width, ctx.query, ctx.lang);
    let mut out = Vec::new();
    let status = cell.status();
    out.push(Line::from(Span::styled(
        badge(status),
        theme.status(status),
    )));
    if let Some(judged) = &ctx.judged {
        if let Some(badge) = verdict_badge(judged) {
            let style = match judged.review.verdict {
                Some(Verdict::Risk) => theme.error(),
                Some(Verdict::FollowUp) => theme.note(),
                _ => theme.ok(),
            };
            out.extend(highlighted_wrap(&badge, max, "", style, style));
        }
        if !judged.review.note.is_empty() {
            out.extend(highlighted_wrap(
                &format!("✎ {}", judged.review.note),
                max,
                query,
                theme.note(),
                theme.matched(),
            ));
        }
    }
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
            &value.label(lang),
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
    if let Some(today) = ctx.today {
        for s in superseded_in_answer(answer) {
            out.push(Line::default());
            out.extend(highlighted_wrap(
                &format!("⚠ {}", s.note(today)),
                max,
                "",
                theme.note(),
                theme.note(),
            ));
        }
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
