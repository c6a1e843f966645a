//! Checks that go beyond the shape of a file: ids, references between files, and the rules
//! that keep a comparison honest (a stated answer quotes its source; a silent one quotes nothing).

use super::date::parse_date;
use super::model::{
    Answer, ControlKind, ControlsFile, Crosswalk, Standard, Status, Value, VendorFile,
};
use super::problem::Problem;
use super::yaml::Positions;
use std::collections::{HashMap, HashSet};

/// The controls a vendor file answers: id → (position in taxonomy order, kind of question).
pub type Known<'a> = HashMap<&'a str, (usize, ControlKind)>;
/// The longest id: ids name files (`ID.yaml`, `kurabe-ID.md`), which must stay well under
/// file systems' 255-byte limit.
pub const MAX_ID_LEN: usize = 64;

/// Ids are lowercase ASCII words joined by hyphens, so they work as flags and file names.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'))
        && !id.ends_with('-')
        && id.len() <= MAX_ID_LEN
}

fn check_id(file: &str, pos: &Positions, path: &str, id: &str, out: &mut Vec<Problem>) {
    if id.len() > MAX_ID_LEN {
        out.push(
            Problem::new(
                file,
                pos.at(path),
                format!(
                    "id of {} characters, over {MAX_ID_LEN}: it names export files",
                    id.len()
                ),
            )
            .hint(format!("shorten the id to at most {MAX_ID_LEN} characters")),
        );
    } else if !is_valid_id(id) {
        out.push(
            Problem::new(file, pos.at(path), format!("invalid id `{id}`"))
                .hint("use lowercase letters, digits and hyphens, starting with a letter (e.g. `deletion-timing`)"),
        );
    }
}

fn check_text(file: &str, pos: &Positions, path: &str, text: &str, out: &mut Vec<Problem>) {
    if text.trim().is_empty() {
        out.push(
            Problem::new(file, pos.at(path), "empty text")
                .hint("write the text or remove the field"),
        );
    }
}

/// The widest a short display name may be, in terminal cells: a matrix cell at 80 columns.
pub const SHORT_NAME_MAX: usize = 16;

/// A vendor's `short_name`: given in each language it has, and short.
fn check_short_name(
    file: &str,
    pos: &Positions,
    short: &super::model::Text,
    out: &mut Vec<Problem>,
) {
    let langs = [("en", Some(&short.en)), ("ja", short.ja.as_ref())];
    for (lang, text) in langs {
        let Some(text) = text else { continue };
        let path = format!("vendor.short_name.{lang}");
        check_text(file, pos, &path, text, out);
        let width = crate::text::width(text.trim());
        if width > SHORT_NAME_MAX {
            out.push(
                Problem::new(
                    file,
                    pos.at(&path),
                    format!("short name `{text}` is {width} columns wide, more than {SHORT_NAME_MAX}"),
                )
                .hint(format!(
                    "shorten it to at most {SHORT_NAME_MAX} columns (a Japanese character takes two), \
                     e.g. `サイボウズ` for 「サイボウズ株式会社」, or remove `short_name`"
                )),
            );
        }
    }
}

fn check_crosswalk(
    file: &str,
    pos: &Positions,
    path: &str,
    crosswalk: &Crosswalk,
    out: &mut Vec<Problem>,
) {
    for standard in Standard::ALL {
        let mut seen = HashSet::new();
        for (i, id) in crosswalk.ids(standard).iter().enumerate() {
            let at = pos.at(&format!("{path}.crosswalk.{}[{i}]", standard.field()));
            if !standard.is_valid(id) {
                out.push(
                    Problem::new(file, at, format!("`{id}` is not {}", standard.names()))
                        .hint(format!("write {}", standard.format())),
                );
            } else if !seen.insert(id.as_str()) {
                out.push(
                    Problem::new(file, at, format!("`{id}` is listed twice"))
                        .hint("remove the repeated id"),
                );
            }
        }
    }
}

pub fn validate_controls(file: &str, controls: &ControlsFile, pos: &Positions) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut categories = HashSet::new();
    let mut ids = HashSet::new();
    if controls.categories.is_empty() {
        out.push(
            Problem::new(file, pos.at("categories"), "no categories")
                .hint("add at least one category with controls"),
        );
    }
    for (ci, category) in controls.categories.iter().enumerate() {
        let cpath = format!("categories[{ci}]");
        check_id(file, pos, &format!("{cpath}.id"), &category.id, &mut out);
        if !categories.insert(category.id.as_str()) {
            out.push(
                Problem::new(
                    file,
                    pos.at(&format!("{cpath}.id")),
                    format!("duplicate category id `{}`", category.id),
                )
                .hint("give each category its own id"),
            );
        }
        check_text(
            file,
            pos,
            &format!("{cpath}.title.en"),
            &category.title.en,
            &mut out,
        );
        for (i, control) in category.controls.iter().enumerate() {
            let path = format!("{cpath}.controls[{i}]");
            check_id(file, pos, &format!("{path}.id"), &control.id, &mut out);
            if !ids.insert(control.id.as_str()) {
                out.push(
                    Problem::new(
                        file,
                        pos.at(&format!("{path}.id")),
                        format!("duplicate control id `{}`", control.id),
                    )
                    .hint("control ids are unique across all categories: rename one"),
                );
            }
            check_text(
                file,
                pos,
                &format!("{path}.title.en"),
                &control.title.en,
                &mut out,
            );
            check_text(
                file,
                pos,
                &format!("{path}.question.en"),
                &control.question.en,
                &mut out,
            );
            check_crosswalk(file, pos, &path, &control.crosswalk, &mut out);
            let terms = [("en", &control.terms.en), ("ja", &control.terms.ja)];
            for (lang, list) in terms {
                for (ti, term) in list.iter().enumerate() {
                    let at = format!("{path}.terms.{lang}[{ti}]");
                    check_text(file, pos, &at, term, &mut out);
                }
            }
        }
    }
    out
}

/// Checks one vendor file against the taxonomy.
/// Every control before position `required` must be answered; later ones (a user's extra
/// controls) may be left out and read as not stated.
pub fn validate_vendor(
    file: &str,
    vendor: &VendorFile,
    pos: &Positions,
    controls: &Known,
    required: usize,
) -> Vec<Problem> {
    let mut out = Vec::new();
    check_id(file, pos, "vendor.id", &vendor.vendor.id, &mut out);
    check_text(
        file,
        pos,
        "vendor.name.en",
        &vendor.vendor.name.en,
        &mut out,
    );
    if let Some(short) = &vendor.vendor.short_name {
        check_short_name(file, pos, short, &mut out);
    }
    let path = std::path::Path::new(file);
    if let (Some(stem), Some(ext)) = (
        path.file_stem().and_then(|s| s.to_str()),
        path.extension().and_then(|s| s.to_str()),
    ) {
        if stem != vendor.vendor.id && (ext == "yaml" || ext == "yml") {
            out.push(
                Problem::new(
                    file,
                    pos.at("vendor.id"),
                    format!(
                        "vendor id `{}` does not match the file name `{stem}.{ext}`",
                        vendor.vendor.id
                    ),
                )
                .hint(format!(
                    "rename the file to `{}.{ext}` or change the id to `{stem}`",
                    vendor.vendor.id
                )),
            );
        }
    }
    if let Some(date) = &vendor.vendor.assessed {
        if date.len() != 10 || parse_date(date).is_none() {
            out.push(
                Problem::new(
                    file,
                    pos.at("vendor.assessed"),
                    format!("invalid assessment date `{date}`"),
                )
                .hint("write the day the vendor was last assessed as YYYY-MM-DD"),
            );
        }
    }
    let mut documents = HashSet::new();
    for (i, doc) in vendor.documents.iter().enumerate() {
        let path = format!("documents[{i}]");
        check_id(file, pos, &format!("{path}.id"), &doc.id, &mut out);
        if !documents.insert(doc.id.as_str()) {
            out.push(
                Problem::new(
                    file,
                    pos.at(&format!("{path}.id")),
                    format!("duplicate document id `{}`", doc.id),
                )
                .hint("give each document its own id"),
            );
        }
        check_text(file, pos, &format!("{path}.title"), &doc.title, &mut out);
        if let Some(date) = &doc.date {
            if parse_date(date).is_none() {
                out.push(
                    Problem::new(
                        file,
                        pos.at(&format!("{path}.date")),
                        format!("invalid date `{date}`"),
                    )
                    .hint("write a real calendar date as YYYY-MM-DD or YYYY-MM"),
                );
            }
        }
    }
    if vendor.documents.is_empty() {
        out.push(
            Problem::new(file, pos.at("documents"), "no documents")
                .hint("list the documents the answers quote"),
        );
    }
    let mut answered = HashSet::new();
    for (i, answer) in vendor.answers.iter().enumerate() {
        let path = format!("answers[{i}]");
        let kind = controls.get(answer.control.as_ref()).map(|&(_, kind)| kind);
        match kind {
            None => out.push(
                Problem::new(file, pos.at(&format!("{path}.control")), format!("unknown control `{}`", answer.control))
                    .hint("use a control id from controls.yaml (`kurabe export --format json` lists them)"),
            ),
            Some(_) => {
                if !answered.insert(answer.control.as_ref()) {
                    out.push(
                        Problem::new(file, pos.at(&format!("{path}.control")), format!("second answer to control `{}`", answer.control))
                            .hint("keep one answer per control: merge the quotes into the first"),
                    );
                }
            }
        }
        validate_answer(file, pos, &path, answer, &documents, &mut out);
        if let Some(kind) = kind {
            validate_polarity(file, pos, &path, answer, kind, &mut out);
        }
    }
    let mut missing: Vec<(&str, usize)> = controls
        .iter()
        .filter(|(id, (order, _))| *order < required && !answered.contains(*id))
        .map(|(id, (order, _))| (*id, *order))
        .collect();
    missing.sort_by_key(|&(_, order)| order);
    for (id, _) in missing {
        out.push(
            Problem::new(file, pos.key("answers"), format!("no answer to control `{id}`"))
                .hint(format!("add `- control: {id}` with `status: not_stated` if the documents say nothing on it")),
        );
    }
    out
}

fn validate_answer(
    file: &str,
    pos: &Positions,
    path: &str,
    answer: &Answer,
    documents: &HashSet<&str>,
    out: &mut Vec<Problem>,
) {
    let at = |field: &str| pos.at(&format!("{path}.{field}"));
    match answer.status {
        Status::NotStated => {
            if !answer.quotes.is_empty() {
                out.push(
                    Problem::new(file, at("quotes"), "a `not_stated` answer has quotes")
                        .hint("set status to `stated` or `partial`, or remove the quotes"),
                );
            }
            if answer.value.is_some() {
                out.push(
                    Problem::new(file, at("value"), "a `not_stated` answer has a value")
                        .hint("remove the value: nothing stated means nothing to normalize"),
                );
            }
        }
        Status::Stated | Status::Partial => {
            if answer.quotes.is_empty() {
                out.push(
                    Problem::new(
                        file,
                        at("status"),
                        format!("a `{}` answer has no quotes", answer.status.label()),
                    )
                    .hint("quote the vendor's document, or set status to `not_stated`"),
                );
            }
            match &answer.summary {
                None => out.push(
                    Problem::new(
                        file,
                        at("status"),
                        format!("a `{}` answer has no summary", answer.status.label()),
                    )
                    .hint("add `summary: { en: \"…\", ja: \"…\" }`"),
                ),
                Some(s) => check_text(file, pos, &format!("{path}.summary.en"), &s.en, out),
            }
        }
    }
    if let Some(value) = &answer.value {
        let bad = match value {
            Value::Duration { amount, .. } | Value::Interval { amount, .. } => {
                !amount.is_finite() || *amount < 0.0
            }
            Value::Count { amount, also, .. } => std::iter::once(*amount)
                .chain(also.iter().map(|s| s.amount))
                .any(|a| !a.is_finite() || a < 0.0),
            Value::Percentage { amount, .. } => {
                !amount.is_finite() || !(0.0..=100.0).contains(amount)
            }
            Value::List { items } => items.is_empty() || items.iter().any(|s| s.trim().is_empty()),
            Value::ServiceHours { text, exceptions } => {
                text.en.trim().is_empty()
                    || exceptions.as_ref().is_some_and(|x| x.en.trim().is_empty())
            }
            Value::CalendarRule { rule } => rule.en.trim().is_empty(),
            Value::Indefinite => false,
        };
        if bad {
            out.push(
                Problem::new(file, at("value"), format!("value out of range: {value}"))
                    .hint("amounts are non-negative numbers (percentages 0–100); lists, service hours and calendar rules need non-empty text"),
            );
        }
    }
    for (qi, quote) in answer.quotes.iter().enumerate() {
        let qpath = format!("{path}.quotes[{qi}]");
        if !documents.contains(quote.document.as_ref()) {
            out.push(
                Problem::new(
                    file,
                    pos.at(&format!("{qpath}.document")),
                    format!("unknown document `{}`", quote.document),
                )
                .hint("use the id of a document listed under `documents`"),
            );
        }
        check_text(file, pos, &format!("{qpath}.text"), &quote.text, out);
        check_text(file, pos, &format!("{qpath}.section"), &quote.section, out);
    }
    for (ci, candidate) in answer.candidates.iter().enumerate() {
        let cpath = format!("{path}.candidates[{ci}]");
        if !documents.contains(candidate.document.as_ref()) {
            out.push(
                Problem::new(
                    file,
                    pos.at(&format!("{cpath}.document")),
                    format!("unknown document `{}`", candidate.document),
                )
                .hint("use the id of a document listed under `documents`"),
            );
        }
        check_text(file, pos, &format!("{cpath}.text"), &candidate.text, out);
    }
    if let Some(previous) = &answer.previous {
        for (qi, quote) in previous.quotes.iter().enumerate() {
            let qpath = format!("{path}.previous.quotes[{qi}]");
            check_text(file, pos, &format!("{qpath}.text"), &quote.text, out);
            check_text(file, pos, &format!("{qpath}.section"), &quote.section, out);
        }
    }
}

/// An answer to a yes/no control that states something says yes, no or conditional; no other
/// answer has a polarity.
fn validate_polarity(
    file: &str,
    pos: &Positions,
    path: &str,
    answer: &Answer,
    kind: ControlKind,
    out: &mut Vec<Problem>,
) {
    let at = |field: &str| pos.at(&format!("{path}.{field}"));
    let control = &answer.control;
    match (kind, answer.status, answer.polarity) {
        // A draft's polarity is the reviewer's to set when confirming it.
        (ControlKind::YesNo, Status::Stated | Status::Partial, None) if !answer.draft => out.push(
            Problem::new(
                file,
                at("status"),
                format!("an answer to the yes/no control `{control}` has no polarity"),
            )
            .hint("add `polarity: yes`, `polarity: no` or `polarity: conditional`, as the quoted text says"),
        ),
        (ControlKind::YesNo, Status::NotStated, Some(_)) => out.push(
            Problem::new(file, at("polarity"), "a `not_stated` answer has a polarity")
                .hint("remove the polarity: nothing stated is neither yes nor no"),
        ),
        (ControlKind::Open, _, Some(_)) => out.push(
            Problem::new(
                file,
                at("polarity"),
                format!("a polarity on an answer to `{control}`, which is not a yes/no control"),
            )
            .hint("remove the polarity, or mark the control `kind: yes-no` in controls.yaml"),
        ),
        _ => {}
    }
}
