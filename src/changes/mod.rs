//! What changed in a vendor's answers between two versions of its documents: per control, its
//! status, yes/no, value, summary and quotes (a reworded sentence paired with its old form), and the
//! requirement outcomes that change with them. Pure: `kurabe diff` and the app's before → after
//! both read it.

pub mod quotes;
pub mod report;

use crate::catalog::{
    Answer, Catalog, Lang, Polarity, PreviousAnswer, Status, Text, Value, Vendor,
};
use crate::requirements::{judge, Outcome, Profile};
pub use quotes::{Cited, Piece, QuoteChanges, Reworded};

/// One side of a changed answer: what it said.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub status: Status,
    pub polarity: Option<Polarity>,
    pub value: Option<Value>,
    pub summary: Option<Text>,
    pub quotes: Vec<Cited>,
}

impl Side {
    /// A control the version does not answer: nothing stated.
    fn absent() -> Side {
        Side {
            status: Status::NotStated,
            polarity: None,
            value: None,
            summary: None,
            quotes: Vec::new(),
        }
    }

    /// An answer of `vendor`, its quotes cited by document title.
    pub fn of(answer: &Answer, vendor: &Vendor) -> Side {
        Side {
            status: answer.status,
            polarity: answer.polarity,
            value: answer.value.clone(),
            summary: answer.summary.clone(),
            quotes: answer
                .quotes
                .iter()
                .map(|q| Cited {
                    document: vendor
                        .document(&q.document)
                        .map_or_else(|| q.document.to_string(), |d| d.title.clone()),
                    section: q.section.clone().into_owned(),
                    text: q.text.clone().into_owned(),
                })
                .collect(),
        }
    }

    /// What an answer said before an update (its `previous:`).
    pub fn previous(previous: &PreviousAnswer) -> Side {
        Side {
            status: previous.status,
            polarity: previous.polarity,
            value: previous.value.clone(),
            summary: previous.summary.clone(),
            quotes: previous
                .quotes
                .iter()
                .map(|q| Cited {
                    document: q.document.clone(),
                    section: q.section.clone(),
                    text: q.text.clone(),
                })
                .collect(),
        }
    }

    /// The side as an answer a requirement can judge, read as it stands (a draft's proposal
    /// too: a diff asks what the new reading would mean).
    fn as_answer(&self, control: &str) -> Answer {
        Answer {
            control: control.to_string().into(),
            status: self.status,
            polarity: self.polarity,
            summary: None,
            vendor_words: None,
            value: self.value.clone(),
            note: None,
            quotes: Vec::new(),
            draft: false,
            candidates: Vec::new(),
            conflicts: Vec::new(),
            previous: None,
        }
    }
}

/// What of an answer changed, in the order reports list it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum What {
    Value,
    Status,
    Polarity,
    Summary,
    Quotes,
}

/// What of an answer a change is judged on, its quotes aside (compared apart: pairing rewordings
/// is for reports, too slow for every cell the app draws).
#[derive(Debug, Clone, Copy)]
struct Fields<'a> {
    status: Status,
    polarity: Option<Polarity>,
    value: Option<&'a Value>,
    summary: Option<&'a Text>,
}

impl<'a> Fields<'a> {
    fn of_side(side: &'a Side) -> Self {
        Fields {
            status: side.status,
            polarity: side.polarity,
            value: side.value.as_ref(),
            summary: side.summary.as_ref(),
        }
    }
}

/// The one notion of a changed answer, quotes aside, that `kurabe diff` and the app's changed
/// badge share: which fields differ, in the order reports list them.
fn fields_changed(before: Fields, after: Fields) -> impl Iterator<Item = What> {
    [
        (What::Value, before.value != after.value),
        (What::Status, before.status != after.status),
        (What::Polarity, before.polarity != after.polarity),
        (
            What::Summary,
            summary_words(before.summary, Lang::En) != summary_words(after.summary, Lang::En)
                || summary_words(before.summary, Lang::Ja)
                    != summary_words(after.summary, Lang::Ja),
        ),
    ]
    .into_iter()
    .filter_map(|(w, changed)| changed.then_some(w))
}

/// A summary's words in one language (no fallback to English), as quotes compare (NFKC,
/// whitespace aside): a summary the importer wrote is its quote's text, which a new version's
/// extraction may wrap or width-fold otherwise without a word changing. Empty is none.
pub fn summary_words(summary: Option<&Text>, lang: Lang) -> Option<String> {
    let text = match lang {
        Lang::En => summary.map(|t| t.en.as_ref()),
        Lang::Ja => summary.and_then(|t| t.ja.as_deref()),
    };
    text.map(quotes::same_words).filter(|w| !w.is_empty())
}

/// A requirement whose outcome changes (its position in the profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeChange {
    pub requirement: usize,
    pub before: Outcome,
    pub after: Outcome,
}

/// One control whose answer changed.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlChange {
    pub control: String,
    pub what: Vec<What>,
    pub before: Side,
    pub after: Side,
    pub quotes: QuoteChanges,
    pub outcomes: Vec<OutcomeChange>,
}

/// A document as a version of the vendor lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stamp {
    pub title: String,
    pub version: Option<String>,
    pub date: Option<String>,
}

/// Every change between two versions of one vendor, in the catalogue's order of controls.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorDiff {
    pub vendor: String,
    pub name: Text,
    pub from: Vec<Stamp>,
    pub to: Vec<Stamp>,
    pub changes: Vec<ControlChange>,
}

/// What changed from `before` to `after` of one control, or `None` when nothing did.
/// Outcomes are judged under `profile` where one is given.
pub fn compare(
    control: &str,
    before: Side,
    after: Side,
    profile: Option<&Profile>,
) -> Option<ControlChange> {
    let quotes = quotes::compare(&before.quotes, &after.quotes);
    let what: Vec<What> = fields_changed(Fields::of_side(&before), Fields::of_side(&after))
        .chain((!quotes.is_empty()).then_some(What::Quotes))
        .collect();
    if what.is_empty() {
        return None;
    }
    let outcomes = profile.map_or_else(Vec::new, |profile| {
        let (old, new) = (before.as_answer(control), after.as_answer(control));
        profile
            .on_control(control)
            .filter_map(|(i, r)| {
                let was = judge(i, r, Some(&old)).outcome;
                let is = judge(i, r, Some(&new)).outcome;
                (was != is).then_some(OutcomeChange {
                    requirement: i,
                    before: was,
                    after: is,
                })
            })
            .collect()
    });
    Some(ControlChange {
        control: control.to_string(),
        what,
        before,
        after,
        quotes,
        outcomes,
    })
}

/// The documents of a version, as it lists them.
pub fn stamps(vendor: &Vendor) -> Vec<Stamp> {
    vendor
        .documents
        .iter()
        .map(|d| Stamp {
            title: d.title.clone(),
            version: d.version.clone(),
            date: d.date.clone(),
        })
        .collect()
}

/// Every control of `catalog` whose answer differs between `before` and `after` (two versions
/// of one vendor). Citations that merely moved are no change.
pub fn diff(
    before: &Vendor,
    after: &Vendor,
    catalog: &Catalog,
    profile: Option<&Profile>,
) -> VendorDiff {
    let side = |vendor: &Vendor, control: &str| {
        vendor
            .answers
            .iter()
            .find(|a| a.control == control)
            .map_or_else(Side::absent, |a| Side::of(a, vendor))
    };
    let changes = catalog
        .controls
        .iter()
        .filter_map(|entry| {
            let id = entry.control.id.as_str();
            compare(id, side(before, id), side(after, id), profile)
        })
        .collect();
    VendorDiff {
        vendor: after.id().to_string(),
        name: after.info.name.clone(),
        from: stamps(before),
        to: stamps(after),
        changes,
    }
}

/// Whether an answer differs from what it said before an update (its `previous:`) in what
/// a reviewer judges: status, yes/no, value, summary or the words of its quotes — what
/// [`compare`] lists, so the changed badge and `kurabe diff` agree.
pub fn differs_from_previous(answer: &Answer) -> bool {
    let Some(previous) = answer.previous.as_deref() else {
        return false;
    };
    // Drawn for every cell: words compared as sets, no rewording paired (see [`quotes::compare`]).
    let mut before: Vec<String> = previous
        .quotes
        .iter()
        .map(|q| quotes::same_words(&q.text))
        .collect();
    let mut after: Vec<String> = answer
        .quotes
        .iter()
        .map(|q| quotes::same_words(&q.text))
        .collect();
    before.sort_unstable();
    before.dedup();
    after.sort_unstable();
    after.dedup();
    let was = Fields {
        status: previous.status,
        polarity: previous.polarity,
        value: previous.value.as_ref(),
        summary: previous.summary.as_ref(),
    };
    let is = Fields {
        status: answer.status,
        polarity: answer.polarity,
        value: answer.value.as_ref(),
        summary: answer.summary.as_ref(),
    };
    before != after || fields_changed(was, is).next().is_some()
}

/// The change an updated answer carries beside it (`previous:`), for the app's before → after.
pub fn of_answer(answer: &Answer, vendor: &Vendor) -> Option<ControlChange> {
    let previous = answer.previous.as_deref()?;
    compare(
        &answer.control,
        Side::previous(previous),
        Side::of(answer, vendor),
        None,
    )
}

#[cfg(test)]
mod tests;
