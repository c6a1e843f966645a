//! From ranked passages to a draft vendor: one answer per control, each `draft: true`.
//!
//! The best proposal becomes the answer when its confidence reaches one half: its text is the
//! quote (verbatim by construction), the summary is that text marked as the vendor's words (`vendor_words`), and
//! the value is read from it by the normalizer when other vendors' answers to the control carry
//! a value. Below one half the answer is `not_stated`. The other proposals are kept as
//! `candidates` for the reviewer.

use super::matching::{self, ControlProfile, Proposal};
use super::segment::{self, Columns, Passage};
use super::source::{Content, Source};
use crate::catalog::{
    Answer, Candidate, Catalog, Document, Quote, Status, Text, Value, VendorInfo, VendorWords,
};
use crate::values::{self, Kind};

/// Scores at or above this read as stated (confidence 0.5). Chosen once from the score
/// distribution of the four shipped vendors' documents (EVALUATION.md says how).
pub const STATED_FROM: f64 = 0.30;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub vendor: String,
    pub name: Option<String>,
    pub columns: Columns,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftAnswer {
    pub answer: Answer,
    /// 0..1; below 0.5 reads as "probably not stated".
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

/// Confidence in 0..1 from a score: one half at [`STATED_FROM`], linear on each side.
pub fn confidence(score: f64) -> f64 {
    let c = if score < STATED_FROM {
        0.5 * score / STATED_FROM
    } else {
        0.5 + 0.5 * (score - STATED_FROM) / (1.0 - STATED_FROM)
    };
    let rounded = (c * 100.0).round() / 100.0;
    // Rounding must not lift a silent answer to one half.
    if score < STATED_FROM {
        rounded.min(0.49)
    } else {
        rounded
    }
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
        passages.extend(segment::segment(di, source, &options.columns)?);
        notes.extend(source.notes.iter().cloned());
    }
    let profiles = matching::profiles(catalog, &options.vendor);
    let proposals = matching::rank(&profiles, &passages);
    let answers = profiles
        .iter()
        .zip(&proposals)
        .map(|(profile, ranked)| answer(profile, ranked, &passages, &documents))
        .collect();
    Ok(Draft {
        vendor: VendorInfo {
            id: options.vendor.clone(),
            name: Text {
                en: options
                    .name
                    .clone()
                    .unwrap_or_else(|| options.vendor.clone()),
                ja: None,
            },
            products: None,
            note: None,
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
        document: documents[passage.document].id.clone(),
        section: passage.section.clone(),
        text: passage.text.clone(),
        context: None,
    }
}

/// The value the control asks for, from the first of the top three proposals that states one.
fn value_from(
    profile: &ControlProfile,
    ranked: &[Proposal],
    passages: &[Passage],
) -> Option<(usize, Value)> {
    let (kind, item_kind) = profile.value_kind?;
    ranked.iter().take(3).enumerate().find_map(|(i, p)| {
        // Of the passage's sentences that state such a value, the one naming most of the
        // control's terms ("バックアップデータは…2週間程度で消去" over "…30日後に消去").
        let text = &passages[p.passage].text;
        let mut best: Option<(usize, Value)> = None;
        for sentence in text.split(['。', '\n']) {
            let Some(value) = values::first_of(sentence, kind, item_kind) else {
                continue;
            };
            let normalized = values::nfkc(sentence).to_lowercase();
            let hits = profile
                .terms
                .iter()
                .filter(|t| normalized.contains(t.as_str()))
                .count();
            if best.as_ref().is_none_or(|(h, _)| hits > *h) {
                best = Some((hits, value));
            }
        }
        let whole = || values::first_of(text, kind, item_kind);
        match (kind, best) {
            // A list gathers its items from the whole passage.
            (Kind::List, _) | (_, None) => whole(),
            (_, Some((_, value))) => Some(value),
        }
        .map(|v| (i, v))
    })
}

fn answer(
    profile: &ControlProfile,
    ranked: &[Proposal],
    passages: &[Passage],
    documents: &[Document],
) -> DraftAnswer {
    let best = ranked.first().map_or(0.0, |p| p.score);
    let confidence = confidence(best);
    let candidate = |p: &Proposal| {
        let q = quote_of(&passages[p.passage], documents);
        Candidate {
            document: q.document,
            section: q.section,
            text: q.text,
            score: (p.score * 1000.0).round() / 1000.0,
            context: q.context,
            value: None,
        }
    };
    let mut answer = Answer {
        control: profile.control.clone(),
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
    };
    if best >= STATED_FROM {
        let confident = ranked;
        let mut quoted = vec![0];
        if let Some((i, value)) = value_from(profile, confident, passages) {
            answer.value = Some(value);
            if i != 0 {
                quoted.push(i);
            }
        }
        answer.quotes = quoted
            .iter()
            .map(|&i| quote_of(&passages[confident[i].passage], documents))
            .collect();
        answer.summary = Some(Text {
            en: crate::drafts::quoted(&answer.quotes),
            ja: None,
        });
        answer.vendor_words = Some(VendorWords::Both);
        answer.status = Status::Stated;
        let quoted_passages: Vec<usize> = quoted.iter().map(|&i| confident[i].passage).collect();
        answer.candidates = ranked
            .iter()
            .filter(|p| !quoted_passages.contains(&p.passage))
            .map(candidate)
            .collect();
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
    fn confidence_is_one_half_where_answers_start() {
        assert_eq!(confidence(STATED_FROM), 0.5);
        assert_eq!(confidence(0.0), 0.0);
        assert_eq!(confidence(1.0), 1.0);
        assert!(confidence(STATED_FROM * 0.99) < 0.5);
    }
}
