//! What a control asks for, read from the catalogue without the vendor being imported: its
//! question and title, its search terms, the kind of value its answers carry, and examples —
//! other vendors' curated quotes and the summaries reviewers wrote of them, in English and
//! Japanese, so that an English document has examples too.

use super::tokens::normal_words;
use crate::catalog::{Catalog, Lang, Value, ValueHint};
use crate::values::{self, ItemKind, Kind};

#[derive(Debug, Clone)]
pub struct ControlProfile {
    pub control: String,
    /// Title and question, English and Japanese.
    pub question: String,
    /// Normalized terms ([`normal_words`]), each looked for as a substring.
    pub terms: Vec<String>,
    /// The terms as written (for finding the value nearest them in a sentence).
    pub raw_terms: Vec<String>,
    /// Other vendors' quotes and summaries.
    pub examples: Vec<String>,
    /// The kind of value the control's answers carry, if any.
    pub value_kind: Option<(Kind, Option<ItemKind>)>,
    /// A yes/no question.
    pub yes_no: bool,
    /// What other vendors' durations for the control count from (contract end, cancellation…).
    pub froms: Vec<crate::catalog::Since>,
}

/// Profiles of every control of the catalogue, in taxonomy order, learning from every vendor
/// except `exclude_vendor`.
pub fn profiles(catalog: &Catalog, exclude_vendor: &str) -> Vec<ControlProfile> {
    let others: Vec<usize> = (0..catalog.vendors.len())
        .filter(|&v| catalog.vendors[v].id() != exclude_vendor)
        .collect();
    catalog
        .controls
        .iter()
        .enumerate()
        .map(|(ci, entry)| {
            let c = &entry.control;
            let question = [
                Some(c.title.en.as_ref()),
                c.title.ja.as_deref(),
                Some(c.question.en.as_ref()),
                c.question.ja.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
            let raw_terms: Vec<String> = c.terms.en.iter().chain(&c.terms.ja).cloned().collect();
            let mut terms: Vec<String> = c
                .terms
                .en
                .iter()
                .chain(&c.terms.ja)
                .map(|t| normal_words(t))
                .filter(|t| !t.trim().is_empty())
                .collect();
            terms.sort();
            terms.dedup();
            // Drafts are not examples: only answers a person has confirmed teach.
            let answers: Vec<_> = others
                .iter()
                .filter_map(|&v| catalog.answer(v, ci))
                .filter(|a| !a.draft)
                .collect();
            let mut examples: Vec<String> = answers
                .iter()
                .flat_map(|a| &a.quotes)
                .map(|q| q.text.to_string())
                .collect();
            for a in &answers {
                if a.status == crate::catalog::Status::NotStated {
                    continue;
                }
                for lang in [Lang::En, Lang::Ja] {
                    if let Some(s) = &a.summary {
                        if !a.is_vendor_words(lang) && (lang == Lang::En || s.ja.is_some()) {
                            examples.push(s.get(lang).to_string());
                        }
                    }
                }
            }
            let kinds: Vec<(Kind, Option<ItemKind>)> = answers
                .iter()
                .filter_map(|a| a.value.as_ref())
                .map(|v| (Kind::of(v), item_kind(v)))
                .collect();
            let mut froms: Vec<crate::catalog::Since> = answers
                .iter()
                .filter_map(|a| match &a.value {
                    Some(Value::Duration { from: Some(f), .. })
                        if *f != crate::catalog::Since::Unspecified =>
                    {
                        Some(*f)
                    }
                    _ => None,
                })
                .collect();
            froms.sort_by_key(|f| crate::catalog::Since::ALL.iter().position(|a| a == f));
            froms.dedup();
            ControlProfile {
                control: c.id.clone(),
                question,
                terms,
                raw_terms,
                examples,
                value_kind: c.terms.value.map(hinted).or_else(|| most_common(&kinds)),
                yes_no: c.kind == crate::catalog::ControlKind::YesNo,
                froms,
            }
        })
        .collect()
}

fn hinted(hint: ValueHint) -> (Kind, Option<ItemKind>) {
    match hint {
        ValueHint::Duration => (Kind::Duration, None),
        ValueHint::Interval => (Kind::Interval, None),
        ValueHint::Count => (Kind::Count, None),
        ValueHint::Percentage => (Kind::Percentage, None),
        ValueHint::Countries => (Kind::List, Some(ItemKind::Country)),
        ValueHint::Certificates => (Kind::List, Some(ItemKind::Certificate)),
    }
}

/// What the items of a curated list value name, when they all name one thing.
fn item_kind(value: &Value) -> Option<ItemKind> {
    let Value::List { items } = value else {
        return None;
    };
    let kinds: Vec<Option<ItemKind>> = items.iter().map(|i| values::classify_item(i)).collect();
    let first = *kinds.first()?;
    kinds.iter().all(|k| *k == first).then_some(first).flatten()
}

/// The value kind most answers agree on, if it is more than half of them.
fn most_common(kinds: &[(Kind, Option<ItemKind>)]) -> Option<(Kind, Option<ItemKind>)> {
    let best = kinds
        .iter()
        .max_by_key(|k| kinds.iter().filter(|x| x == k).count())?;
    let count = kinds.iter().filter(|x| *x == best).count();
    let usable = best.0 != Kind::List || best.1.is_some();
    (usable && count * 2 > kinds.len()).then_some(*best)
}
