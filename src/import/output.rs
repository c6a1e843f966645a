//! A draft written out: a vendor file in the data layout (YAML, which `kurabe check` and the
//! app load) or the JSON shape other tools read.

use super::draft::Draft;
use crate::catalog::{Answer, Candidate, Document, Quote, Status, Value, VendorInfo};
use serde::Serialize;

#[derive(Serialize)]
struct JsonDraft<'a> {
    vendor: &'a VendorInfo,
    documents: &'a [Document],
    answers: Vec<JsonAnswer<'a>>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    control: &'a str,
    status: Status,
    draft: bool,
    confidence: f64,
    value: Option<&'a Value>,
    quotes: &'a [Quote],
    candidates: &'a [Candidate],
}

/// `{"vendor", "documents", "answers": [{"control", "status", "draft", "confidence", "value",
/// "quotes", "candidates"}]}`, one answer per control.
pub fn to_json(draft: &Draft) -> String {
    let json = JsonDraft {
        vendor: &draft.vendor,
        documents: &draft.documents,
        answers: draft
            .answers
            .iter()
            .map(|d| JsonAnswer {
                control: &d.answer.control,
                status: d.answer.status,
                draft: d.answer.draft,
                confidence: d.confidence,
                value: d.answer.value.as_ref(),
                quotes: &d.answer.quotes,
                candidates: &d.answer.candidates,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&json).expect("a draft is plain data and serializes") + "\n"
}

#[derive(Serialize)]
struct Head<'a> {
    vendor: &'a VendorInfo,
    documents: &'a [Document],
}

/// One answer as the vendor file writes it: no `value: null`, no empty `quotes`.
#[derive(Serialize)]
struct YamlAnswer<'a> {
    control: &'a str,
    status: Status,
    draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a crate::catalog::Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vendor_words: Option<crate::catalog::VendorWords>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a Value>,
    #[serde(skip_serializing_if = "<[Quote]>::is_empty")]
    quotes: &'a [Quote],
    #[serde(skip_serializing_if = "<[Candidate]>::is_empty")]
    candidates: &'a [Candidate],
}

fn yaml_answer(a: &Answer) -> YamlAnswer<'_> {
    YamlAnswer {
        control: &a.control,
        status: a.status,
        draft: a.draft,
        summary: a.summary.as_ref(),
        vendor_words: a.vendor_words,
        value: a.value.as_ref(),
        quotes: &a.quotes,
        candidates: &a.candidates,
    }
}

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The draft as a vendor file, each answer preceded by a comment with its confidence.
pub fn to_yaml(draft: &Draft) -> String {
    let stated = draft
        .answers
        .iter()
        .filter(|a| a.answer.status != Status::NotStated)
        .count();
    let mut out = format!(
        "# Drafted by `kurabe import` from {}.\n\
         # Every answer is `draft: true` until a reviewer confirms it. {stated} of {} answers are\n\
         # stated from the best passage found (confidence 0.5 or more); the rest are `not_stated`.\n\
         # A draft summary is the quoted text itself, marked `vendor_words`: replace it with your\n\
         # own summary. `candidates` lists the other passages found, best first.\n",
        draft
            .documents
            .iter()
            .map(|d| d.source.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        draft.answers.len(),
    );
    for note in &draft.notes {
        out.push_str(&format!("# Note: {}\n", note.replace('\n', " ")));
    }
    let head = Head {
        vendor: &draft.vendor,
        documents: &draft.documents,
    };
    out.push_str(&serde_yaml::to_string(&head).expect("a draft is plain data and serializes"));
    out.push_str("answers:\n");
    for d in &draft.answers {
        out.push_str(&format!("  # confidence {:.2}\n", d.confidence));
        let one = serde_yaml::to_string(&[yaml_answer(&d.answer)])
            .expect("a draft is plain data and serializes");
        out.push_str(&indent(&one, "  "));
    }
    out
}
