//! The answered follow-up questionnaire back into the vendor's file (`kurabe import ANSWERED
//! --vendor ID --update`): each answered row's reply becomes the quote of a draft of its
//! control, cited as the questionnaire (document 「追加質問票回答」, section `row N`); the
//! previous answer's quotes become the draft's candidates, to compare. [`draft_replies`] is
//! pure; [`rewrite_file`] edits the vendor file's text, leaving every other answer's lines as
//! they are.

use super::questionnaire::{Questionnaire, Row};
use crate::catalog::{
    yaml, Answer, Candidate, Catalog, Document, Lang, Quote, Status, Text, Vendor, VendorFile,
    VendorWords,
};
use crate::drafts::vendor_file::{
    document_block, indent_of, is_blank_or_comment, line_ending, rewrite, EditError,
};
use std::collections::HashMap;

/// The title of the document a questionnaire's replies are quoted from.
pub const DOCUMENT_TITLE: &str = "追加質問票回答";
/// Marks a candidate that was a quote of the answer before the questionnaire came back.
pub const PREVIOUS: &str = "前回の回答 / previous answer";

/// A control drafted from the questionnaire, and the rows its quotes come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Drafted {
    pub control: String,
    pub rows: Vec<usize>,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub row: usize,
    pub control: Option<String>,
    pub why: String,
}

/// What the questionnaire changes: the drafted answers (in the order of their first row), and
/// the rows that change nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub answers: Vec<Answer>,
    pub drafted: Vec<Drafted>,
    pub skipped: Vec<Skipped>,
    /// Replies cut at [`super::output::MAX_QUOTE_CHARS`].
    pub cut: usize,
}

/// The control each title of the questionnaire's 項目 column names (「日本語 / English」 as
/// `kurabe followup` writes it, or the control's id); a title two controls share names none.
fn controls_by_title(catalog: &Catalog) -> HashMap<String, Option<String>> {
    let mut by_title: HashMap<String, Option<String>> = HashMap::new();
    for entry in &catalog.controls {
        let c = &entry.control;
        let title = format!("{} / {}", c.title.get(Lang::Ja), c.title.get(Lang::En));
        for key in [title, c.id.clone()] {
            by_title
                .entry(key)
                .and_modify(|known| {
                    if known.as_deref() != Some(c.id.as_str()) {
                        *known = None;
                    }
                })
                .or_insert_with(|| Some(c.id.clone()));
        }
    }
    by_title
}

/// The drafts `questionnaire`'s replies make of `vendor`'s answers, quoting `document`.
pub fn draft_replies(
    catalog: &Catalog,
    vendor: &Vendor,
    questionnaire: &Questionnaire,
    document: &str,
) -> Plan {
    let titles = controls_by_title(catalog);
    let mut plan = Plan::default();
    let mut replies: Vec<(String, Vec<&Row>)> = Vec::new();
    for row in &questionnaire.rows {
        let control = titles.get(&row.title).cloned().flatten();
        let skip = |why: String| Skipped {
            row: row.row,
            control: control.clone(),
            why,
        };
        if row.reply.is_empty() {
            plan.skipped.push(skip("no answer".into()));
            continue;
        }
        let Some(id) = control.clone() else {
            let why = match titles.get(&row.title) {
                Some(None) => format!("「{}」 names more than one control", row.title),
                _ => format!("「{}」 is no control of the catalogue", row.title),
            };
            plan.skipped.push(skip(why));
            continue;
        };
        if !vendor.answers.iter().any(|a| a.control == id) {
            plan.skipped
                .push(skip("the vendor file has no answer to this control".into()));
            continue;
        }
        match replies.iter_mut().find(|(c, _)| *c == id) {
            Some((_, rows)) => rows.push(row),
            None => replies.push((id, vec![row])),
        }
    }
    let profiles = super::matching::profiles(catalog, vendor.id());
    for (control, rows) in replies {
        let previous = vendor.answers.iter().find(|a| a.control == control);
        let profile = profiles.iter().find(|p| p.control == control);
        let quotes: Vec<Quote> = rows
            .iter()
            .map(|r| {
                let text = crate::sanitize::text(&r.reply).into_owned();
                let text = super::output::cut_passage(&text)
                    .inspect(|_| plan.cut += 1)
                    .unwrap_or(text);
                Quote {
                    document: document.to_string().into(),
                    section: format!("row {}", r.row).into(),
                    text: text.into(),
                    context: ((!r.question.is_empty())
                        .then(|| crate::sanitize::text(&r.question).into_owned()))
                    .map(Into::into),
                }
            })
            .collect();
        let value = profile.and_then(|p| {
            let (kind, item_kind) = p.value_kind?;
            quotes
                .iter()
                .find_map(|q| crate::values::stated_value(&q.text, kind, item_kind, &p.raw_terms))
        });
        plan.drafted.push(Drafted {
            control: control.clone(),
            rows: rows.iter().map(|r| r.row).collect(),
        });
        plan.answers.push(Answer {
            control: control.into(),
            status: Status::Stated,
            polarity: None,
            summary: Some(Text {
                en: crate::drafts::quoted(&quotes).into(),
                ja: None,
            }),
            vendor_words: Some(VendorWords::Both),
            value,
            note: None,
            quotes,
            draft: true,
            candidates: previous.map(candidates_from).unwrap_or_default(),
            conflicts: Vec::new(),
            previous: None,
        });
    }
    plan
}

/// The previous answer's quotes, marked [`PREVIOUS`], then its own candidates (a draft's),
/// each passage once.
fn candidates_from(previous: &Answer) -> Vec<Candidate> {
    let quoted = previous.quotes.iter().enumerate().map(|(i, q)| Candidate {
        document: q.document.clone(),
        section: q.section.clone(),
        text: q.text.clone(),
        score: 0.0,
        context: Some(match &q.context {
            Some(c) => format!("{PREVIOUS}: {c}").into(),
            None => PREVIOUS.into(),
        }),
        value: if i == 0 { previous.value.clone() } else { None },
    });
    let mut out: Vec<Candidate> = Vec::new();
    for c in quoted.chain(previous.candidates.iter().cloned()) {
        let seen = out
            .iter()
            .any(|o| o.document == c.document && o.section == c.section && o.text == c.text);
        if !seen {
            out.push(c);
        }
    }
    out
}

/// A document id for the replies not yet taken in `vendor`: `followup-answers-YYYYMMDD`, with
/// `-2`, `-3`… after a questionnaire answered the same day.
pub fn document_id(vendor: &Vendor, on: Option<jiff::civil::Date>) -> String {
    let base = match on {
        Some(d) => format!("followup-answers-{}", d.strftime("%Y%m%d")),
        None => "followup-answers".to_string(),
    };
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| vendor.document(id).is_none())
        .unwrap_or(base)
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("{file}: the documents are not written as a list of `- id:` blocks; write each document as its own block to update the vendor here")]
    Documents { file: String },
}

/// `text`, a vendor file, with each of `answers` in place of the answer to its control and
/// `document` added after the last document. Every other line is kept byte for byte.
pub fn rewrite_file(
    file: &str,
    text: &str,
    answers: &[Answer],
    document: &Document,
) -> Result<String, UpdateError> {
    let unreadable = |p| UpdateError::Edit(EditError::Unreadable(p));
    let (parsed, positions) =
        yaml::read::<VendorFile>(file, text.as_bytes()).map_err(unreadable)?;
    let mut placed: Vec<(usize, &Answer)> = Vec::new();
    for answer in answers {
        let index = parsed
            .answers
            .iter()
            .position(|a| a.control == answer.control)
            .ok_or_else(|| EditError::NoAnswer {
                file: file.to_string(),
                control: answer.control.clone().into_owned(),
            })?;
        placed.push((index, answer));
    }
    // From the last block up, so the positions of the blocks above stay true.
    placed.sort_by_key(|&(i, _)| std::cmp::Reverse(i));
    let mut text = text.to_string();
    for (index, answer) in placed {
        text = rewrite(file, &text, &positions, parsed.answers.len(), index, answer)?;
    }
    let (parsed, positions) =
        yaml::read::<VendorFile>(file, text.as_bytes()).map_err(unreadable)?;
    let refused = || UpdateError::Documents {
        file: file.to_string(),
    };
    let last = parsed.documents.len().checked_sub(1).ok_or_else(refused)?;
    let (start, _) = positions.at(&format!("documents[{last}]"));
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = start.checked_sub(1).ok_or_else(refused)?;
    let dash_line = lines.get(first).ok_or_else(refused)?;
    let dash = indent_of(dash_line);
    if !dash_line[dash..].starts_with("- ") {
        return Err(refused());
    }
    let mut end = (first + 1..lines.len())
        .find(|&l| !is_blank_or_comment(lines[l]) && indent_of(lines[l]) <= dash)
        .unwrap_or(lines.len());
    while end > first + 1 && is_blank_or_comment(lines[end - 1]) {
        end -= 1;
    }
    let newline = line_ending(dash_line);
    let block = document_block(document, &" ".repeat(dash), newline);
    let mut out: String = lines[..end].concat();
    if !out.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&block);
    lines[end..].iter().for_each(|l| out.push_str(l));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "vendor:\r\n  id: acme\r\n  name: { en: \"Acme\" }\r\ndocuments:\r\n  - id: policy\r\n    title: \"Policy\"\r\n    source: policy.txt\r\n\r\n# the answers, reviewed\r\nanswers:\r\n  - control: deletion-timing\r\n    status: not_stated\r\n  # kept as written\r\n  - control: encryption-at-rest\r\n    status: not_stated\r\n";

    #[test]
    fn one_answer_is_replaced_and_the_document_added_every_other_line_kept() {
        let document = Document {
            id: "followup-answers-20261220".into(),
            title: DOCUMENT_TITLE.into(),
            version: None,
            date: Some("2026-12-20".into()),
            source: "回答.csv".into(),
        };
        let quote = Quote {
            document: document.id.clone().into(),
            section: "row 3".into(),
            text: "Deleted within 30 days.".into(),
            context: None,
        };
        let answer = Answer {
            control: "deletion-timing".into(),
            status: Status::Stated,
            polarity: None,
            summary: Some(Text {
                en: crate::drafts::quoted(std::slice::from_ref(&quote)).into(),
                ja: None,
            }),
            vendor_words: Some(VendorWords::Both),
            value: None,
            note: None,
            quotes: vec![quote],
            draft: true,
            candidates: Vec::new(),
            conflicts: Vec::new(),
            previous: None,
        };
        let out =
            rewrite_file("acme.yaml", FILE, std::slice::from_ref(&answer), &document).unwrap();
        let (parsed, _) = yaml::read::<VendorFile>("acme.yaml", out.as_bytes()).unwrap();
        assert_eq!(parsed.documents.len(), 2);
        assert_eq!(parsed.documents[1], document);
        assert_eq!(parsed.answers[0], answer);
        let untouched = "\r\n# the answers, reviewed\r\nanswers:\r\n";
        assert!(out.contains(untouched), "{out}");
        assert!(
            out.ends_with("  # kept as written\r\n  - control: encryption-at-rest\r\n    status: not_stated\r\n"),
            "{out}"
        );
        assert!(
            !out.replace("\r\n", "").contains('\n'),
            "CRLF kept: {out:?}"
        );
    }
}
