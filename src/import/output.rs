//! A draft written out: a vendor file in the data layout (YAML, which `kurabe check` and the
//! app load) or the JSON shape other tools read.

use super::draft::Draft;
use crate::catalog::model::Str;
use crate::catalog::{
    Answer, Candidate, Catalog, Document, Origin, Quote, SourceFile, Status, Text, Value,
    VendorInfo,
};
use serde::Serialize;

/// The longest quote or candidate a draft carries, in characters: a passage longer than this
/// (a page with no paragraph breaks, a cell of a whole document) is cut at the last sentence
/// end before it, so a draft stays within what `kurabe check` loads. The cut text is still
/// verbatim, the start of the passage its citation names.
pub const MAX_QUOTE_CHARS: usize = 1_000;

/// Cuts every quote, candidate and drafted summary to [`MAX_QUOTE_CHARS`]. Returns how many
/// texts were cut.
pub fn bound_passages(draft: &mut Draft) -> usize {
    let mut cut = 0;
    let mut bound = |text: &mut Str| {
        if let Some(shorter) = cut_passage(text) {
            *text = shorter.into();
            cut += 1;
        }
    };
    for d in &mut draft.answers {
        let answer = &mut d.answer;
        answer.quotes.iter_mut().for_each(|q| bound(&mut q.text));
        answer
            .candidates
            .iter_mut()
            .for_each(|c| bound(&mut c.text));
        if let Some(Text { en, ja }) = &mut answer.summary {
            bound(en);
            if let Some(ja) = ja {
                bound(ja);
            }
        }
    }
    cut
}

/// The start of a passage longer than [`MAX_QUOTE_CHARS`], ended at its last sentence end or
/// line break within the limit (or at the limit where there is none in its last three
/// quarters); `None` for a passage short enough.
pub fn cut_passage(text: &str) -> Option<String> {
    let (limit, _) = text.char_indices().nth(MAX_QUOTE_CHARS)?;
    let head = &text[..limit];
    let end = head
        .char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '．' | '！' | '？' | '.' | '!' | '?' | '\n'))
        .map(|(i, c)| i + c.len_utf8())
        .rfind(|&i| i >= limit / 4)
        .unwrap_or(limit);
    Some(head[..end].trim_end().to_string())
}

/// Refuses a draft that `kurabe check` would not load: larger than the vendor-file limit, or
/// failing the loader's checks against the catalogue's controls. `name` is the file it is for.
pub fn check_loadable(catalog: &Catalog, name: &str, yaml: &str) -> Result<(), String> {
    let limit = crate::catalog::yaml::MAX_FILE_BYTES;
    if yaml.len() > limit {
        return Err(format!(
            "the draft would be {}, more than the {} a vendor file may be, so `kurabe check` would refuse it; import fewer or shorter documents",
            super::source::limits::human_bytes(yaml.len() as u64),
            super::source::limits::human_bytes(limit as u64)
        ));
    }
    let controls: Vec<_> = catalog
        .controls
        .iter()
        .map(|e| (e.control.id.clone(), e.control.kind))
        .collect();
    let file = SourceFile::new(name, yaml.as_bytes());
    crate::catalog::load::read_vendor_against(&file, Origin::User, &controls)
        .map(|_| ())
        .map_err(|problems| {
            let shown: Vec<String> = problems.iter().take(3).map(|p| p.to_string()).collect();
            format!(
                "the draft would not load ({} problem(s)): {}",
                problems.len(),
                shown.join("; ")
            )
        })
}

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
    let text = serde_json::to_string_pretty(&json).expect("a draft is plain data and serializes");
    crate::sanitize::json(&text).into_owned() + "\n"
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
    let stated_from = super::draft::STATED_FROM;
    let mut out = format!(
        "# Drafted by `kurabe import` from {}.\n\
         # Every answer is `draft: true` until a reviewer confirms it. {stated} of {} answers are\n\
         # stated from the best passage found (confidence {stated_from:.2} or more, where the passage\n\
         # names the control's subject and states the value it asks for); the rest are `not_stated`.\n\
         # A draft summary is the quoted text itself, marked `vendor_words`: replace it with your\n\
         # own summary. `candidates` lists the other passages found, best first.\n",
        draft
            .documents
            .iter()
            .map(|d| crate::sanitize::line(&d.source))
            .collect::<Vec<_>>()
            .join(", "),
        draft.answers.len(),
    );
    for note in &draft.notes {
        // One line whatever the note holds: CR, NEL, U+2028 and U+2029 are marked, not kept.
        out.push_str(&format!("# Note: {}\n", crate::sanitize::line(note)));
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
