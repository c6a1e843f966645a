//! The whole catalogue as JSON, in the shape other tools read:
//! `{"vendors": [...], "categories": [{"controls": [{"answers": [...]}]}]}`.
//! Everything the catalogue holds is written, so the JSON reads back into the same catalogue.

use crate::catalog::Problem;
use crate::catalog::{
    Answer, Catalog, Category, Control, ControlKind, Crosswalk, Document, Origin, Terms, Text,
    Vendor, VendorInfo,
};
use crate::reviews::{Review, Reviews, Verdict};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonCatalog {
    pub vendors: Vec<JsonVendor>,
    pub categories: Vec<JsonCategory>,
    /// Problems while loading: the files (or parts) this export leaves out. Written only when
    /// there are some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<JsonProblem>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonProblem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonVendor {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_ja: Option<String>,
    /// The short display name, `{ en, ja }`, where the vendor file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// When the vendor was last assessed (`YYYY-MM-DD`), where recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed: Option<String>,
    pub documents: Vec<Document>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonCategory {
    pub id: String,
    pub title: Text,
    pub controls: Vec<JsonControl>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonControl {
    pub id: String,
    pub title: Text,
    pub question: Text,
    /// `yes-no` for a yes/no question (whose answers carry `polarity`); absent otherwise.
    #[serde(default, skip_serializing_if = "ControlKind::is_open")]
    pub kind: ControlKind,
    /// ISO/IEC 27017, ISO/IEC 27002 and METI ids of the control; absent where it has none.
    #[serde(default, skip_serializing_if = "Crosswalk::is_empty")]
    pub crosswalk: Crosswalk,
    /// What `kurabe import` looks for on this control.
    #[serde(default, skip_serializing_if = "Terms::is_empty")]
    pub terms: Terms,
    pub answers: Vec<JsonAnswer>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonAnswer {
    pub vendor: String,
    #[serde(flatten)]
    pub answer: Answer,
    /// The reviewer's verdict and note, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<JsonReview>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonReview {
    pub verdict: Option<Verdict>,
    pub note: String,
    /// The answer changed since it was judged.
    pub stale: bool,
    pub fingerprint: String,
    /// Who set it and when (RFC 3339), where recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<jiff::Timestamp>,
}

/// The catalogue in the JSON shape, with the reviewer's verdicts on its answers.
pub fn to_json(catalog: &Catalog, reviews: &Reviews) -> JsonCatalog {
    let vendors = catalog
        .vendors
        .iter()
        .map(|v| JsonVendor {
            id: v.info.id.clone(),
            name: v.info.name.en.clone().into_owned(),
            name_ja: v.info.name.ja.clone().map(|s| s.into_owned()),
            short_name: v.info.short_name.clone(),
            products: v.info.products.clone(),
            note: v.info.note.clone(),
            assessed: v.info.assessed.clone(),
            documents: v.documents.clone(),
        })
        .collect();
    let categories = catalog
        .categories
        .iter()
        .map(|cat| JsonCategory {
            id: cat.id.clone(),
            title: cat.title.clone(),
            controls: cat
                .controls
                .clone()
                .map(|ci| {
                    let c = &catalog.controls[ci].control;
                    JsonControl {
                        id: c.id.clone(),
                        title: c.title.clone(),
                        question: c.question.clone(),
                        kind: c.kind,
                        crosswalk: c.crosswalk.clone(),
                        terms: c.terms.clone(),
                        answers: (0..catalog.vendors.len())
                            .filter_map(|vi| {
                                catalog.answer(vi, ci).map(|a| JsonAnswer {
                                    vendor: catalog.vendors[vi].info.id.clone(),
                                    answer: with_summary(a),
                                    review: reviews
                                        .judged(catalog.vendors[vi].id(), &c.id, Some(a))
                                        .map(|j| JsonReview {
                                            verdict: j.review.verdict,
                                            note: j.review.note.clone(),
                                            stale: j.stale,
                                            fingerprint: j.review.fingerprint.clone(),
                                            by: j.review.by.clone(),
                                            changed: j.review.changed,
                                        }),
                                })
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    JsonCatalog {
        vendors,
        categories,
        problems: Vec::new(),
    }
}

const SILENT_EN: &str = "Not stated in the vendor's documents.";
const SILENT_JA: &str = "事業者の文書に記載なし。";

/// Readers expect `summary.en` on every answer; a silent answer says so.
fn with_summary(a: &Answer) -> Answer {
    let mut a = a.clone();
    if a.summary.is_none() {
        a.summary = Some(Text {
            en: SILENT_EN.to_string().into(),
            ja: Some(SILENT_JA.to_string().into()),
        });
    }
    a
}

fn without_placeholder(a: &Answer) -> Answer {
    let mut a = a.clone();
    if a.summary.as_ref().is_some_and(|s| s.en == SILENT_EN) {
        a.summary = None;
    }
    a
}

/// The JSON text of the whole catalogue, with the reviewer's verdicts.
pub fn render(catalog: &Catalog, reviews: &Reviews) -> String {
    serde_json::to_string_pretty(&to_json(catalog, reviews))
        .expect("the JSON shape has string keys only, so serde_json cannot fail on it")
        + "\n"
}

/// The JSON text of the whole catalogue, with the reviewer's verdicts and the problems that
/// left files out of it.
pub fn render_with_problems(catalog: &Catalog, reviews: &Reviews, problems: &[Problem]) -> String {
    let mut json = to_json(catalog, reviews);
    json.problems = problems
        .iter()
        .map(|p| JsonProblem {
            file: p.file.clone(),
            line: p.line,
            column: p.column,
            message: p.message.clone(),
            fix: p.hint.clone(),
        })
        .collect();
    serde_json::to_string_pretty(&json).expect("catalogue serializes") + "\n"
}

/// Reads the JSON shape back into a catalogue (all vendors marked as embedded) and the
/// reviews it carries.
pub fn from_json(json: &JsonCatalog) -> (Catalog, Reviews) {
    let categories = json
        .categories
        .iter()
        .map(|c| Category {
            id: c.id.clone(),
            title: c.title.clone(),
            controls: c
                .controls
                .iter()
                .map(|x| Control {
                    id: x.id.clone(),
                    title: x.title.clone(),
                    question: x.question.clone(),
                    kind: x.kind,
                    crosswalk: x.crosswalk.clone(),
                    terms: x.terms.clone(),
                })
                .collect(),
        })
        .collect();
    let vendors = json
        .vendors
        .iter()
        .map(|v| Vendor {
            info: VendorInfo {
                id: v.id.clone(),
                name: Text {
                    en: v.name.clone().into(),
                    ja: v.name_ja.clone().map(Into::into),
                },
                short_name: v.short_name.clone(),
                products: v.products.clone(),
                note: v.note.clone(),
                assessed: v.assessed.clone(),
            },
            documents: v.documents.clone(),
            answers: json
                .categories
                .iter()
                .flat_map(|c| c.controls.iter())
                .flat_map(|c| c.answers.iter().filter(|a| a.vendor == v.id))
                .map(|a| without_placeholder(&a.answer))
                .collect(),
            origin: Origin::Embedded,
        })
        .collect();
    let catalog = Catalog::new(categories, vendors);
    let mut reviews = Reviews::default();
    for control in json.categories.iter().flat_map(|c| c.controls.iter()) {
        for a in &control.answers {
            if let Some(r) = &a.review {
                reviews.insert(Review {
                    vendor: a.vendor.clone(),
                    control: control.id.clone(),
                    verdict: r.verdict,
                    note: r.note.clone(),
                    fingerprint: r.fingerprint.clone(),
                    changed: r.changed,
                    by: r.by.clone(),
                });
            }
        }
    }
    (catalog, reviews)
}
