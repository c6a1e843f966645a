//! `kurabe diff` as markdown (one table row per changed control) and as JSON.

use crate::catalog::{Catalog, Lang, Polarity, Status};
use crate::changes::report::{documents_line, rows, value_text};
use crate::changes::{quotes, Side, VendorDiff};
use crate::export::markdown::cell;
use crate::requirements::Profile;
use crate::words::ChangeWord;
use serde_json::{json, Value as Json};
use std::fmt::Write;

/// The report as markdown: the two versions' documents, then a table of the changed controls.
pub fn markdown(
    diff: &VendorDiff,
    catalog: &Catalog,
    profile: Option<&Profile>,
    lang: Lang,
) -> String {
    let w = |word: ChangeWord| word.get(lang);
    let mut out = format!(
        "# {}: {} (`{}`)\n\n",
        w(ChangeWord::Title),
        cell(diff.name.get(lang)),
        cell(&diff.vendor)
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        w(ChangeWord::From),
        cell(&documents_line(&diff.from, lang))
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        w(ChangeWord::To),
        cell(&documents_line(&diff.to, lang))
    );
    if let Some(p) = profile {
        let _ = writeln!(
            out,
            "- {}: {}",
            crate::requirements::words::profile_word(lang),
            cell(p.name.get(lang))
        );
    }
    out.push('\n');
    let rows = rows(diff, catalog, profile, lang);
    if rows.is_empty() {
        let _ = writeln!(out, "{}", w(ChangeWord::NothingChanged));
        return out;
    }
    let mut headings = vec![
        w(ChangeWord::Control),
        w(ChangeWord::Changes),
        w(ChangeWord::Before),
        w(ChangeWord::After),
    ];
    if profile.is_some() {
        headings.push(w(ChangeWord::Outcomes));
    }
    let _ = writeln!(out, "| {} |", headings.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(headings.len()));
    for row in rows {
        let lines = |l: &[String]| cell(&l.join("\n"));
        let mut cells = vec![
            cell(&format!("{} ({})", row.title, row.control)),
            cell(&row.what),
            lines(&row.before),
            lines(&row.after),
        ];
        if profile.is_some() {
            cells.push(lines(&row.outcomes));
        }
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

fn status_code(s: Status) -> &'static str {
    match s {
        Status::Stated => "stated",
        Status::Partial => "partial",
        Status::NotStated => "not_stated",
    }
}

fn polarity_code(p: Polarity) -> &'static str {
    match p {
        Polarity::Yes => "yes",
        Polarity::No => "no",
        Polarity::Conditional => "conditional",
    }
}

fn quote(q: &quotes::Cited) -> Json {
    json!({"document": q.document, "section": q.section, "text": q.text})
}

/// One side: its status, yes/no, value (in words and as the file has it) and summary (`{"en",
/// "ja"}` as the file has it), and its quotes that changed.
fn side(s: &Side, changed: Vec<Json>, lang: Lang) -> Json {
    json!({
        "status": status_code(s.status),
        "polarity": s.polarity.map(polarity_code),
        "value": s.value.as_ref().map(|_| value_text(s.value.as_ref(), lang)),
        "value_data": s.value,
        "summary": s.summary,
        "quotes": changed,
    })
}

/// The report as JSON: `{"vendor", "from": {"documents"}, "to": {"documents"}, "changes":
/// [{"control", "what", "before", "after", "outcomes": [{"requirement", "before", "after"}]}]}`.
/// A reworded quote stands in `before.quotes` in its old form and in `after.quotes` in its
/// new one, with `reworded_from`.
pub fn json(diff: &VendorDiff, profile: Option<&Profile>, lang: Lang) -> String {
    let changes: Vec<Json> = diff
        .changes
        .iter()
        .map(|c| {
            let mut old: Vec<Json> = c.quotes.reworded.iter().map(|r| quote(&r.before)).collect();
            old.extend(c.quotes.removed.iter().map(quote));
            let mut new: Vec<Json> = c
                .quotes
                .reworded
                .iter()
                .map(|r| {
                    let mut q = quote(&r.after);
                    q["reworded_from"] = json!(r.before.text);
                    q
                })
                .collect();
            new.extend(c.quotes.added.iter().map(quote));
            let outcomes: Vec<Json> = profile.map_or_else(Vec::new, |p| {
                c.outcomes
                    .iter()
                    .map(|o| {
                        let r = &p.requirements[o.requirement];
                        json!({
                            "requirement": crate::requirements::words::requirement(r, lang),
                            "level": r.level.as_str(),
                            "before": o.before.as_str(),
                            "after": o.after.as_str(),
                        })
                    })
                    .collect()
            });
            json!({
                "control": c.control,
                "what": c.what,
                "before": side(&c.before, old, lang),
                "after": side(&c.after, new, lang),
                "outcomes": outcomes,
            })
        })
        .collect();
    let report = json!({
        "vendor": diff.vendor,
        "from": {"documents": diff.from},
        "to": {"documents": diff.to},
        "changes": changes,
    });
    let text = serde_json::to_string_pretty(&report).expect("JSON values always serialize") + "\n";
    crate::sanitize::json(&text).into_owned()
}
