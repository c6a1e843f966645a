//! A diff in words, one row per changed control: what the markdown table and the workbook of
//! `kurabe diff` both write, and the lines the app shows under "before the update". Every text
//! that came from a file is sanitized here.

use super::{quotes, ControlChange, Side, VendorDiff, What};
use crate::catalog::{Catalog, Lang, Value};
use crate::requirements::{words as outcome_words, Profile};
use crate::sanitize;
use crate::words::{self, ChangeWord};

/// One changed control in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub control: String,
    pub title: String,
    /// "value, quotes" / "値、引用".
    pub what: String,
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub outcomes: Vec<String>,
}

/// A value as shown, or "no value".
pub fn value_text(value: Option<&Value>, lang: Lang) -> String {
    value.map_or_else(
        || ChangeWord::NoValue.get(lang).to_string(),
        |v| v.shown(lang),
    )
}

fn what_word(w: What) -> ChangeWord {
    match w {
        What::Value => ChangeWord::Value,
        What::Status => ChangeWord::Status,
        What::Polarity => ChangeWord::Polarity,
        What::Summary => ChangeWord::Summary,
        What::Quotes => ChangeWord::Quotes,
    }
}

/// The summaries that changed from `before` to `after`, per language whose words differ (the
/// report's language first, labelled "Summary"; the other one "Summary (Japanese)"): the label,
/// the text before and the text after ("no summary" where there is none).
pub fn summary_changes(
    before: &Side,
    after: &Side,
    lang: Lang,
) -> Vec<(&'static str, String, String)> {
    let other = match lang {
        Lang::En => Lang::Ja,
        Lang::Ja => Lang::En,
    };
    let text = |side: &Side, l: Lang| {
        let t = side.summary.as_ref().and_then(|t| match l {
            Lang::En => Some(t.en.as_ref()),
            Lang::Ja => t.ja.as_deref(),
        });
        t.filter(|t| !t.trim().is_empty()).map_or_else(
            || ChangeWord::NoSummary.get(lang).to_string(),
            str::to_string,
        )
    };
    [
        (lang, ChangeWord::Summary),
        (other, ChangeWord::SummaryOther),
    ]
    .into_iter()
    .filter(|&(l, _)| {
        super::summary_words(before.summary.as_ref(), l)
            != super::summary_words(after.summary.as_ref(), l)
    })
    .map(|(l, label)| (label.get(lang), text(before, l), text(after, l)))
    .collect()
}

/// "Value: 30 days", "Status: partial", "Summary: …" for what changed, of one side (`other` is
/// the other side, for which summaries changed).
fn fields(side: &Side, other: &Side, what: &[What], lang: Lang) -> Vec<String> {
    what.iter()
        .flat_map(|&w| {
            let text = match w {
                What::Value => value_text(side.value.as_ref(), lang),
                What::Status => words::status(side.status, lang).to_string(),
                What::Polarity => side
                    .polarity
                    .map_or_else(|| "—".to_string(), |p| words::polarity(p, lang).to_string()),
                What::Summary => {
                    return summary_changes(side, other, lang)
                        .into_iter()
                        .map(|(label, this, _)| format!("{label}: {this}"))
                        .collect();
                }
                What::Quotes => return Vec::new(),
            };
            vec![format!("{}: {text}", what_word(w).get(lang))]
        })
        .collect()
}

/// "Removed (Sheet 8.3): text".
fn quote_line(word: ChangeWord, q: &quotes::Cited, text: &str, lang: Lang) -> String {
    sanitize::text(&format!(
        "{} ({} {}): {text}",
        word.get(lang),
        q.document,
        q.section
    ))
    .into_owned()
}

/// The before and after lines of one change: fields that changed, then quotes (old forms and
/// removed ones before, marked rewordings and added ones after).
pub fn sides(change: &ControlChange, lang: Lang) -> (Vec<String>, Vec<String>) {
    let mut before = fields(&change.before, &change.after, &change.what, lang);
    let mut after = fields(&change.after, &change.before, &change.what, lang);
    for r in &change.quotes.reworded {
        before.push(quote_line(
            ChangeWord::Reworded,
            &r.before,
            &r.before.text,
            lang,
        ));
        after.push(quote_line(
            ChangeWord::Reworded,
            &r.after,
            &quotes::marked(&r.pieces),
            lang,
        ));
    }
    for q in &change.quotes.removed {
        before.push(quote_line(ChangeWord::Removed, q, &q.text, lang));
    }
    for q in &change.quotes.added {
        after.push(quote_line(ChangeWord::Added, q, &q.text, lang));
    }
    let clean = |lines: Vec<String>| {
        lines
            .into_iter()
            .map(|l| sanitize::text(&l).into_owned())
            .collect()
    };
    (clean(before), clean(after))
}

/// The rows of a diff, in the catalogue's order.
pub fn rows(
    diff: &VendorDiff,
    catalog: &Catalog,
    profile: Option<&Profile>,
    lang: Lang,
) -> Vec<Row> {
    diff.changes
        .iter()
        .map(|change| {
            let title = catalog
                .control_index(&change.control)
                .map_or_else(String::new, |i| {
                    catalog.controls[i].control.title.get(lang).to_string()
                });
            let (before, after) = sides(change, lang);
            let what: Vec<&str> = change
                .what
                .iter()
                .map(|&w| what_word(w).get(lang))
                .collect();
            let outcomes = profile.map_or_else(Vec::new, |p| {
                change
                    .outcomes
                    .iter()
                    .map(|o| {
                        let r = &p.requirements[o.requirement];
                        format!(
                            "{} ({}): {} → {}",
                            outcome_words::requirement(r, lang),
                            outcome_words::level(r.level, lang),
                            outcome_words::outcome(o.before, lang),
                            outcome_words::outcome(o.after, lang)
                        )
                    })
                    .collect()
            });
            Row {
                control: sanitize::line(&change.control).into_owned(),
                title: sanitize::line(&title).into_owned(),
                what: what.join(words::tr(lang, ", ", "、")),
                before,
                after,
                outcomes,
            }
        })
        .collect()
}

/// The documents of one version in a line: "Sheet v2.1 (2025-10-01); Terms" (versions shown as
/// the app shows them).
pub fn documents_line(stamps: &[super::Stamp], lang: Lang) -> String {
    if stamps.is_empty() {
        return ChangeWord::UndatedDocuments.get(lang).to_string();
    }
    let one = |s: &super::Stamp| {
        let mut out = s.title.clone();
        if let Some(v) = &s.version {
            out.push_str(" v");
            out.push_str(v);
        }
        if let Some(d) = &s.date {
            out.push_str(&format!(" ({d})"));
        }
        out
    };
    let all: Vec<String> = stamps.iter().map(one).collect();
    sanitize::line(&all.join("; ")).into_owned()
}
