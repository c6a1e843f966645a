//! GitHub-flavoured markdown of a [`View`]: a heading saying what was filtered, a comparison
//! table, then every answer's quotes with their citations.

use crate::catalog::{Answer, Document, Lang, Status};
use crate::freshness::{describe_age, freshness, superseded_in_answer};
use crate::view::{Cell, View};
use std::fmt::Write;

/// The markdown of exactly what `view` shows.
pub fn render(view: &View) -> String {
    let lang = view.spec.lang;
    let catalog = view.catalog;
    let mut out = String::new();
    let _ = writeln!(out, "# kurabe: {}\n", inline(&view.title()));
    let _ = writeln!(
        out,
        "- Vendors: {}",
        inline(&view.vendor_names().join(", "))
    );
    if !view.spec.query.trim().is_empty() {
        let _ = writeln!(out, "- Query: {}", inline(view.spec.query.trim()));
    }
    let filters = view.spec.filter_words();
    if !filters.is_empty() {
        let _ = writeln!(out, "- Filters: {}", filters.join(", "));
    }
    let _ = writeln!(
        out,
        "- Language: {}",
        match lang {
            Lang::En => "English",
            Lang::Ja => "Japanese",
        }
    );
    let _ = writeln!(out, "- Controls: {}\n", view.rows.len());

    if view.rows.is_empty() {
        out.push_str("No control matches this view.\n");
        return out;
    }

    // The comparison table.
    out.push_str("| Control |");
    for name in view.vendor_names() {
        let _ = write!(out, " {} |", cell(name));
    }
    out.push_str("\n| --- |");
    for _ in &view.spec.vendors {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in &view.rows {
        let title = catalog.controls[row.control].control.title.get(lang);
        let _ = write!(out, "| {} |", cell(title));
        for c in &row.cells {
            let _ = write!(out, " {} |", cell(&c.text(lang)));
        }
        out.push('\n');
    }

    // Each control's answers in full.
    for row in &view.rows {
        let control = &catalog.controls[row.control].control;
        let _ = writeln!(out, "\n## {}\n", inline(control.title.get(lang)));
        let _ = writeln!(out, "*{}*", inline(control.question.get(lang)));
        for c in &row.cells {
            write_answer(&mut out, view, row.control, c);
        }
    }
    write_sources(&mut out, view);
    // Whatever was written above, no control or invisible character leaves kurabe.
    crate::sanitize::text(&out).into_owned()
}

fn write_answer(out: &mut String, view: &View, control: usize, c: &Cell) {
    let lang = view.spec.lang;
    let vendor = &view.catalog.vendors[c.vendor];
    let name = inline(vendor.info.name.get(lang));
    let answer: Option<&Answer> = c.answer.filter(|a| a.status != Status::NotStated);
    match answer.map(|a| (a, &a.value)) {
        None => {
            let _ = writeln!(out, "\n### {name}: not stated\n");
        }
        Some((a, Some(v))) => {
            let _ = writeln!(
                out,
                "\n### {name}: {} ({})\n",
                inline(&v.label(lang)),
                a.status.label()
            );
        }
        Some((a, None)) => {
            let _ = writeln!(out, "\n### {name}: {}\n", a.status.label());
        }
    }
    let control_id = &view.catalog.controls[control].control.id;
    if let Some(judged) = view.reviews.judged(vendor.id(), control_id, c.answer) {
        if let Some(verdict) = judged.review.verdict {
            let stale = if judged.stale {
                " (stale: the answer changed since it was judged)"
            } else {
                ""
            };
            let _ = writeln!(out, "Reviewer's verdict: **{}**{stale}\n", verdict.label());
        }
        if !judged.review.note.trim().is_empty() {
            let lines: Vec<String> = judged.review.note.lines().map(inline).collect();
            let _ = writeln!(out, "Reviewer's note: {}\n", lines.join("\\\n"));
        }
    }
    let Some(answer) = answer else {
        out.push_str("The vendor's documents say nothing on this.\n");
        return;
    };
    if let Some(s) = &answer.summary {
        let _ = writeln!(out, "{}", inline(s.get(lang)));
    }
    if let Some(note) = &answer.note {
        let _ = writeln!(out, "\nNote: {}", inline(note.get(lang)));
    }
    if let Some(today) = view.spec.today {
        for s in superseded_in_answer(answer) {
            let _ = writeln!(out, "\nWarning: {}", inline(&s.note(today)));
        }
    }
    for q in &answer.quotes {
        out.push('\n');
        for line in q.text.lines() {
            let _ = writeln!(out, "> {}", inline(line));
        }
        let _ = writeln!(
            out,
            ">\n> — {}",
            inline(&citation(
                vendor.document(&q.document),
                &q.document,
                &q.section
            ))
        );
    }
}

/// The shown vendors' documents, with their dates and, given today, their ages.
fn write_sources(out: &mut String, view: &View) {
    out.push_str("\n## Sources\n\n");
    for &v in &view.spec.vendors {
        let vendor = &view.catalog.vendors[v];
        for doc in &vendor.documents {
            let mut line = format!("{}: {}", vendor.info.name.get(view.spec.lang), doc.title);
            if let Some(version) = &doc.version {
                line.push_str(&format!(" v{version}"));
            }
            match &doc.date {
                Some(date) => {
                    line.push_str(&format!(", {date}"));
                    if let Some(f) = view
                        .spec
                        .today
                        .and_then(|t| freshness(date, t, view.spec.stale_after_months))
                    {
                        line.push_str(&format!(" ({} old", describe_age(f.months)));
                        if f.stale {
                            line.push_str(&format!(
                                "; stale: older than {} months",
                                view.spec.stale_after_months
                            ));
                        }
                        line.push(')');
                    }
                }
                None => line.push_str(", undated"),
            }
            let _ = writeln!(out, "- {}", inline(&line));
        }
    }
}

/// "title, version, date, §section" for a quote.
pub fn citation(doc: Option<&Document>, document_id: &str, section: &str) -> String {
    let mut parts = Vec::new();
    match doc {
        Some(d) => {
            parts.push(d.title.clone());
            if let Some(v) = &d.version {
                parts.push(format!("v{v}"));
            }
            if let Some(date) = &d.date {
                parts.push(date.clone());
            }
        }
        None => parts.push(document_id.to_string()),
    }
    parts.push(if section == "preamble" {
        "preamble".to_string()
    } else {
        format!("§{section}")
    });
    parts.join(", ")
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
