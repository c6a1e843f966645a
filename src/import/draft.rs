//! From ranked passages to a draft vendor: one answer per control, each `draft: true`.
//!
//! The best proposal becomes the answer when the calibrated [`confidence`] that it is right
//! reaches [`STATED_FROM`]: its text is the quote (verbatim by construction), the summary is that
//! text marked as the vendor's words, and the value is read from it when the control's answers
//! carry one. Otherwise the answer is `not_stated`, and its candidates — each with the value the
//! importer read in it and the row's question or heading beside it — are for the reviewer. An
//! explicit "no" cell (なし, 無) is never quoted as a statement: it stays a candidate, with a note.

use super::matching::{self, ControlProfile, Proposal};
use super::segment::{self, Columns, Passage};
use super::source::{Content, Source};
use crate::catalog::{
    Answer, Candidate, Catalog, Document, Quote, Status, Text, Value, VendorInfo, VendorWords,
};
use crate::values;

/// Drafts whose confidence reaches this are `stated`: the calibration makes the confidence the
/// share of such drafts that were right on the documents it was fitted on (EVALUATION.md).
pub const STATED_FROM: f64 = 0.85;

/// The number of inputs of the calibration.
pub const CALIBRATION_INPUTS: usize = 10;

/// Logistic calibration of the best proposal's inputs ([`calibration_inputs`]) into the
/// probability that it is right, fitted by `xtask fit-import` (EVALUATION.md says on what).
pub const CALIBRATION: [f64; CALIBRATION_INPUTS] = [
    0.545, 0.421, 0.397, -0.830, -0.441, 0.417, -0.292, -0.006, 1.609, -1.778,
];

/// What the calibration reads of a control's ranking: the best score, its lead over the second,
/// whether it states the value asked for, the control's terms it holds, its lead over the other
/// controls, whether the document is English, how many proposals come close to it (a page about
/// one subject offers many), a control term in the heading or row question above it, its
/// likeness to the question, and 1.
pub fn calibration_inputs(ranked: &[Proposal], english: bool) -> [f64; CALIBRATION_INPUTS] {
    let english = f64::from(u8::from(english));
    let Some(best) = ranked.first() else {
        return [0.0, 0.0, 0.0, 0.0, 0.0, english, 0.0, 0.0, 0.0, 1.0];
    };
    let second = ranked.get(1).map_or(0.0, |p| p.score);
    let close = ranked
        .iter()
        .skip(1)
        .take(super::matching::PROPOSALS - 1)
        .filter(|p| p.score >= best.score - 1.0)
        .count();
    [
        best.score,
        best.score - second,
        best.features[4],
        best.features[2],
        best.features[5],
        english,
        close as f64,
        best.features[3],
        best.features[0],
        1.0,
    ]
}

/// The probability, in 0..1 rounded to hundredths, that the best proposal is right.
pub fn confidence(ranked: &[Proposal], english: bool) -> f64 {
    if ranked.is_empty() {
        return 0.0;
    }
    let x = calibration_inputs(ranked, english);
    let logit: f64 = x.iter().zip(CALIBRATION).map(|(a, b)| a * b).sum();
    let p = 1.0 / (1.0 + (-logit).exp());
    (p * 100.0).round() / 100.0
}

/// Whether the documents are mostly English (few Japanese characters).
fn is_english(passages: &[Passage]) -> bool {
    let (mut cjk, mut all) = (0usize, 0usize);
    for p in passages {
        for c in p.text.chars().filter(|c| c.is_alphanumeric()) {
            all += 1;
            cjk += usize::from(segment::sentences::is_cjk(c));
        }
    }
    cjk * 5 < all
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub vendor: String,
    pub name: Option<String>,
    pub columns: Columns,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftAnswer {
    pub answer: Answer,
    /// 0..1: the calibrated chance that the first proposal is right ([`STATED_FROM`]).
    pub confidence: f64,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub vendor: VendorInfo,
    pub documents: Vec<Document>,
    pub answers: Vec<DraftAnswer>,
    /// What the readers decided on the way (encodings, formulas, merged cells).
    pub notes: Vec<String>,
    pub passages: Vec<Passage>,
    /// For each control (taxonomy order), the proposals, best first.
    pub proposals: Vec<Vec<Proposal>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Segment(#[from] segment::SegmentError),
    #[error("`{0}` is not a valid vendor id: use lowercase letters, digits and hyphens, starting with a letter")]
    VendorId(String),
    #[error("no source given: name at least one document to import")]
    NoSources,
}

/// A document id from a file name: `003_7b06.txt` → `doc-003-7b06`, `security-policy.md` →
/// `security-policy`; numbered on clashes.
fn document_id(file_name: &str, taken: &[Document]) -> String {
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let mut id = id.trim_end_matches('-').to_string();
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id = format!("doc-{id}").trim_end_matches('-').to_string();
    }
    let base = id.clone();
    let mut n = 2;
    while taken.iter().any(|d| d.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn document_title(source: &Source) -> String {
    let first = match &source.content {
        Content::Text(text) => text
            .lines()
            .map(|l| segment::strip_tags(l).trim().to_string())
            .find(|l| !l.is_empty()),
        Content::Sheets(sheets) => sheets.first().map(|s| s.name.clone()),
    };
    match first {
        Some(t) if t.chars().count() <= 80 => t,
        Some(t) => t.chars().take(80).collect::<String>() + "…",
        None => source.file_name.clone(),
    }
}

/// Drafts a vendor from its documents, learning from every vendor of `catalog` except the
/// one being imported.
pub fn draft(
    catalog: &Catalog,
    sources: &[Source],
    options: &Options,
) -> Result<Draft, ImportError> {
    if !crate::catalog::validate::is_valid_id(&options.vendor) {
        return Err(ImportError::VendorId(options.vendor.clone()));
    }
    if sources.is_empty() {
        return Err(ImportError::NoSources);
    }
    let mut documents: Vec<Document> = Vec::new();
    let mut passages = Vec::new();
    let mut notes = Vec::new();
    for (di, source) in sources.iter().enumerate() {
        let id = document_id(&source.file_name, &documents);
        documents.push(Document {
            id,
            title: document_title(source),
            version: None,
            date: None,
            source: source.file_name.clone(),
        });
        let (cut, decided) = segment::segment_noting(di, source, &options.columns)?;
        passages.extend(cut);
        notes.extend(decided);
        notes.extend(source.notes.iter().cloned());
    }
    let profiles = matching::profiles(catalog, &options.vendor);
    let proposals = matching::rank(&profiles, &passages);
    let english = is_english(&passages);
    let confidences: Vec<f64> = proposals
        .iter()
        .map(|ranked| confidence(ranked, english))
        .collect();
    let stated = may_state(&profiles, &proposals, &confidences, &passages);
    let answers = profiles
        .iter()
        .zip(&proposals)
        .enumerate()
        .map(|(ci, (profile, ranked))| {
            let mut draft = answer(
                profile,
                ranked,
                &passages,
                &documents,
                confidences[ci],
                stated[ci],
            );
            draft.confidence = confidences[ci];
            draft
        })
        .collect();
    Ok(Draft {
        vendor: VendorInfo {
            id: options.vendor.clone(),
            name: Text {
                en: (options
                    .name
                    .clone()
                    .unwrap_or_else(|| options.vendor.clone()))
                .into(),
                ja: None,
            },
            short_name: None,
            products: None,
            note: None,
            assessed: None,
        },
        documents,
        answers,
        notes,
        passages,
        proposals,
    })
}

fn quote_of(passage: &Passage, documents: &[Document]) -> Quote {
    Quote {
        document: documents[passage.document].id.clone().into(),
        section: passage.section.clone().into(),
        text: passage.text.clone().into(),
        context: ((!passage.context.is_empty()).then(|| passage.context.clone())).map(Into::into),
    }
}

/// The value a passage states of the kind the control asks for: the one nearest the control's
/// terms, never one inside a worked example (`values::stated_value`).
fn value_of(profile: &ControlProfile, passage: &Passage) -> Option<Value> {
    let (kind, item_kind) = profile.value_kind?;
    if passage.negative {
        return None;
    }
    values::stated_value(&passage.text, kind, item_kind, &profile.raw_terms)
}

/// How many controls one passage may answer as stated: a passage that tops more must earn
/// each, and only its best are kept.
const MOST_CONTROLS_PER_PASSAGE: usize = 2;

/// Which controls' best proposals may be drafted `stated`: those confident enough, that name
/// the control's subject (one of its terms in the passage or the heading above it), that state
/// the value the control's answers carry (where they carry one), and that are among the best
/// [`MOST_CONTROLS_PER_PASSAGE`] controls of their passage.
fn may_state(
    profiles: &[ControlProfile],
    proposals: &[Vec<Proposal>],
    confidences: &[f64],
    passages: &[Passage],
) -> Vec<bool> {
    let mut stated: Vec<bool> = profiles
        .iter()
        .zip(proposals)
        .zip(confidences)
        .map(|((profile, ranked), &confidence)| {
            let Some(best) = ranked.first() else {
                return false;
            };
            let passage = &passages[best.passage];
            let named = best.features[2] > 0.0 || best.features[3] > 0.0;
            let valued = profile.value_kind.is_none() || value_of(profile, passage).is_some();
            confidence >= STATED_FROM && named && valued && !passage.negative
        })
        .collect();
    let mut by_passage: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (ci, ranked) in proposals.iter().enumerate() {
        if stated[ci] {
            by_passage.entry(ranked[0].passage).or_default().push(ci);
        }
    }
    for controls in by_passage.values_mut() {
        if controls.len() > MOST_CONTROLS_PER_PASSAGE {
            controls.sort_by(|&a, &b| {
                confidences[b]
                    .total_cmp(&confidences[a])
                    .then(proposals[b][0].features[5].total_cmp(&proposals[a][0].features[5]))
            });
            for &ci in &controls[MOST_CONTROLS_PER_PASSAGE..] {
                stated[ci] = false;
            }
        }
    }
    stated
}

fn answer(
    profile: &ControlProfile,
    ranked: &[Proposal],
    passages: &[Passage],
    documents: &[Document],
    confidence: f64,
    stated: bool,
) -> DraftAnswer {
    let candidate = |p: &Proposal| {
        let passage = &passages[p.passage];
        let q = quote_of(passage, documents);
        Candidate {
            document: q.document,
            section: q.section,
            text: q.text,
            score: (p.score * 1000.0).round() / 1000.0,
            context: q.context,
            value: value_of(profile, passage),
        }
    };
    let mut answer = Answer {
        control: profile.control.clone().into(),
        status: Status::NotStated,
        summary: None,
        vendor_words: None,
        value: None,
        note: None,
        polarity: None,
        quotes: Vec::new(),
        draft: true,
        candidates: ranked.iter().map(candidate).collect(),
        conflicts: Vec::new(),
        previous: None,
    };
    let Some(best) = ranked.first() else {
        return DraftAnswer { answer, confidence };
    };
    let passage = &passages[best.passage];
    if passage.negative {
        // 「なし」 answers the row's question with a no: the reviewer decides what it means.
        let question = passage.context.rsplit(" / ").next().unwrap_or("");
        answer.note = Some(Text {
            en: format!(
                "The sheet answers 「{}」 (no) to 「{question}」: confirm what it means for this control.",
                passage.text
            ).into(),
            ja: Some(format!(
                "シートは「{question}」に「{}」と回答しています。この項目にとっての意味を確認してください。",
                passage.text
            ).into()),
        });
        return DraftAnswer { answer, confidence };
    }
    if stated {
        let quote = quote_of(passage, documents);
        answer.value = value_of(profile, passage);
        answer.summary = Some(Text {
            en: crate::drafts::quoted(std::slice::from_ref(&quote)).into(),
            ja: None,
        });
        answer.vendor_words = Some(VendorWords::Both);
        answer.quotes = vec![quote];
        answer.status = Status::Stated;
        answer.candidates.remove(0);
    }
    DraftAnswer { answer, confidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_are_valid_and_unique() {
        let doc = |id: &str| Document {
            id: id.into(),
            title: String::new(),
            version: None,
            date: None,
            source: String::new(),
        };
        assert_eq!(document_id("003_7b06.txt", &[]), "doc-003-7b06");
        assert_eq!(document_id("Security Policy.md", &[]), "security-policy");
        assert_eq!(
            document_id("security-policy.csv", &[doc("security-policy")]),
            "security-policy-2"
        );
        assert!(crate::catalog::validate::is_valid_id(&document_id(
            "_.txt",
            &[]
        )));
    }

    #[test]
    fn no_proposal_means_no_confidence() {
        assert_eq!(confidence(&[], false), 0.0);
    }
}
