//! GitHub-flavoured markdown of a [`View`]: a heading saying what was filtered, a comparison
//! table, then every answer's quotes with their citations. Every fact comes annotated from the
//! view; this file only lays it out.

use crate::catalog::Problem;
use crate::requirements::words as rwords;
use crate::view::{Cell, View};
use crate::words::{self, Word};
use std::fmt::Write;

/// The markdown of what `view` shows, with a line under the heading naming the files that
/// problems while loading left out (none: the same as [`render`]).
pub fn render_with_problems(view: &View, problems: &[Problem]) -> String {
    let out = render(view);
    if problems.is_empty() {
        return out;
    }
    let lead = crate::words::Phrase::LeftOutByProblems.get(view.spec.lang);
    let listed: Vec<String> = problems
        .iter()
        .map(|p| {
            let at = if p.line > 0 {
                format!(":{}:{}", p.line, p.column)
            } else {
                String::new()
            };
            format!("{}{at} ({})", p.file, p.message)
        })
        .collect();
    let line = format!("> ⚠ {lead}: {}\n\n", inline(&listed.join("; ")));
    let at = out.find("\n\n").map_or(out.len(), |i| i + 2);
    let mut with = out;
    with.insert_str(at, &line);
    with
}

/// The markdown of exactly what `view` shows.
pub fn render(view: &View) -> String {
    let lang = view.spec.lang;
    let w = |word: Word| words::word(word, lang);
    let mut out = String::new();
    let _ = writeln!(out, "# kurabe: {}\n", inline(&view.title()));
    let _ = writeln!(
        out,
        "- {}: {}",
        w(Word::Vendors),
        inline(&view.vendor_names().join(", "))
    );
    if !view.spec.query.trim().is_empty() {
        let _ = writeln!(
            out,
            "- {}: {}",
            w(Word::Query),
            inline(view.spec.query.trim())
        );
    }
    if let Some(profile) = &view.spec.requirements {
        let _ = writeln!(
            out,
            "- {}: {}",
            rwords::profile_word(lang),
            inline(&format!("{} ({})", profile.name.get(lang), profile.id))
        );
    }
    let filters = view.spec.filter_words();
    if !filters.is_empty() {
        let _ = writeln!(out, "- {}: {}", w(Word::Filters), filters.join(", "));
    }
    let drafts: Vec<String> = (view.vendors.iter())
        .filter(|v| v.drafts > 0)
        .map(|v| format!("{} ({})", v.name, v.drafts))
        .collect();
    if !drafts.is_empty() {
        let _ = writeln!(
            out,
            "- {}: {}",
            words::drafts_not_reviewed(lang),
            inline(&drafts.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "- {}: {}",
        w(Word::Language),
        words::language_name(lang)
    );
    let _ = writeln!(out, "- {}: {}\n", w(Word::Controls), view.rows.len());

    if view.rows.is_empty() {
        let _ = writeln!(out, "{}", w(Word::NoMatch));
        return out;
    }

    // The comparison table.
    let _ = write!(out, "| {} |", w(Word::Control));
    for name in view.vendor_names() {
        let _ = write!(out, " {} |", cell(name));
    }
    out.push_str("\n| --- |");
    for _ in &view.vendors {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in &view.rows {
        let _ = write!(out, "| {} |", cell(&row.title));
        for c in &row.cells {
            let badges: Vec<&str> = c.outcomes.iter().map(|o| o.badge.as_str()).collect();
            let text = match badges.is_empty() {
                true => c.text.clone(),
                false => format!("{}\n{}", badges.join(" "), c.text),
            };
            let _ = write!(out, " {} |", cell(&text));
        }
        out.push('\n');
    }

    // Each control's answers in full.
    for row in &view.rows {
        let _ = writeln!(out, "\n## {}\n", heading(&row.title));
        let _ = writeln!(out, "*{}*", inline(&row.question));
        if !row.crosswalk.is_empty() {
            let _ = writeln!(out, "\n{}", inline(&row.crosswalk));
        }
        for c in &row.cells {
            write_answer(&mut out, view, c);
        }
    }
    write_sources(&mut out, view);
    // Whatever was written above, no control or invisible character leaves kurabe.
    match crate::sanitize::text(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(cleaned) => cleaned,
    }
}

fn write_answer(out: &mut String, view: &View, c: &Cell) {
    let lang = view.spec.lang;
    let w = |word: Word| words::word(word, lang);
    let name = view
        .vendors
        .iter()
        .find(|v| v.vendor == c.vendor)
        .map(|v| inline(&v.name))
        .unwrap_or_default();
    let mut status = match c.polarity {
        Some(polarity) => format!("{}, {polarity}", words::status(c.status, lang)),
        None => words::status(c.status, lang).to_string(),
    };
    if c.masked {
        status = words::masked_draft(lang).to_string();
    } else if c.draft {
        status = format!("{status}, {}", words::draft_badge(lang));
    }
    match &c.value {
        Some(v) => {
            let _ = writeln!(out, "\n### {name}: {} ({status})\n", heading(v));
        }
        None => {
            let _ = writeln!(out, "\n### {name}: {status}\n");
        }
    }
    for o in &c.outcomes {
        let _ = writeln!(
            out,
            "{} ({}): {} — **{}**: {}\n",
            rwords::requirement_word(lang),
            rwords::level(o.level, lang),
            inline(&o.asks),
            o.badge,
            inline(&o.reason)
        );
    }
    if let Some(verdict) = &c.verdict {
        let mut stale = if verdict.stale {
            format!(" ({})", words::stale_verdict(lang))
        } else {
            String::new()
        };
        if let Some(by) = &verdict.by {
            stale.push_str(&format!(" — {}", inline(by)));
        }
        let _ = writeln!(
            out,
            "{}: **{}**{stale}\n",
            w(Word::ReviewerVerdict),
            verdict.word
        );
    }
    if let Some(note) = &c.review_note {
        let lines: Vec<String> = note.lines().map(inline).collect();
        let _ = writeln!(out, "{}: {}\n", w(Word::ReviewerNote), lines.join("\\\n"));
    }
    if c.masked {
        return;
    }
    if c.answer.is_none() || c.status == crate::catalog::Status::NotStated {
        let _ = writeln!(out, "{}", words::says_nothing(lang));
        return;
    }
    if let Some(s) = &c.summary {
        match c.summary_marker {
            Some(marker) => {
                let _ = writeln!(out, "*{marker}:* {}", inline(s));
            }
            None => {
                let _ = writeln!(out, "{}", inline(s));
            }
        }
    }
    if let Some(note) = &c.note {
        let _ = writeln!(out, "\n{}: {}", w(Word::Note), inline(note));
    }
    for warning in &c.warnings {
        let _ = writeln!(out, "\n{}: {}", w(Word::Warning), inline(warning));
    }
    for q in &c.quotes {
        out.push('\n');
        for line in q.text.lines() {
            let _ = writeln!(out, "> {}", inline(line));
        }
        let _ = writeln!(out, ">\n> — {}", inline(&q.citation));
    }
}

/// The shown vendors' documents, with their dates and, given today, their ages; then when
/// each vendor was last assessed and is due again.
fn write_sources(out: &mut String, view: &View) {
    let _ = writeln!(out, "\n## {}\n", words::word(Word::Sources, view.spec.lang));
    for vendor in &view.vendors {
        for doc in &vendor.documents {
            let _ = writeln!(
                out,
                "- {}",
                inline(&format!("{}: {}", vendor.name, doc.line))
            );
        }
        let _ = writeln!(
            out,
            "- {}",
            inline(&format!("{}: {}", vendor.name, vendor.assessment_line))
        );
    }
}

/// Inline text for an ATX heading: as [`inline`], and a trailing `#` escaped so it is not
/// read as the heading's closing sequence.
fn heading(s: &str) -> String {
    let mut out = inline(s);
    if out.ends_with('#') {
        out.insert(out.len() - 1, '\\');
    }
    out
}

/// Escapes text for inline markdown so it reads back exactly: characters that are markdown
/// syntax anywhere are backslash-escaped, and so is a first character that would start a block
/// (heading, list, quote, or a leading space: indented code). Newlines become spaces; control
/// and invisible characters become visible ([`crate::sanitize`]).
pub fn inline(s: &str) -> String {
    let s = &crate::sanitize::line(s);
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    for (i, c) in s.chars().enumerate() {
        let block_start = (i == 0 && matches!(c, '#' | '+' | '-' | '=' | '>'))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            ' ' if i == 0 => out.push_str("&#32;"),
            _ if block_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for a GFM table cell: as [`inline`], with newlines as `<br>` and leading or
/// trailing spaces kept as character references (a table trims bare ones).
pub fn cell(s: &str) -> String {
    let s = crate::sanitize::text(s);
    let lines: Vec<String> = s
        .split('\n')
        .map(|l| inline(l.trim_end_matches('\r')))
        .collect();
    let mut out = lines.join("<br>");
    let lead = out.len() - out.trim_start_matches(' ').len();
    let trail = out.len() - out.trim_end_matches(' ').len();
    if lead == out.len() {
        return "&#32;".repeat(lead);
    }
    if trail > 0 {
        out.truncate(out.len() - trail);
        out.push_str(&"&#32;".repeat(trail));
    }
    if lead > 0 {
        out = format!("{}{}", "&#32;".repeat(lead), &out[lead..]);
    }
    out
}
