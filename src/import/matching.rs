//! Ranking a document's passages for every control.
//!
//! A control is described three ways: its question and title (English and Japanese), its search
//! terms (`terms` in controls.yaml, synonyms included), and the quotes other vendors' curated
//! answers give for it (examples). Texts become weighted character bigrams (Japanese has no
//! spaces) and whole ASCII words, weighted by how rare they are among the document's passages;
//! a passage scores by its cosine with the question, its best cosine with one example, and the
//! share of the control's terms it contains. The vendor being imported is never read.

use super::segment::Passage;
use crate::catalog::{Catalog, Value, ValueHint};
use crate::values::{self, ItemKind, Kind};
use std::collections::HashMap;

/// How many proposals each control keeps.
pub const PROPOSALS: usize = 5;

/// Weights of the three signals; they sum to 1 so a score stays in 0..1.
const EXAMPLE_WEIGHT: f64 = 0.5;
const QUESTION_WEIGHT: f64 = 0.25;
const TERMS_WEIGHT: f64 = 0.25;

/// A passage proposed for a control.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proposal {
    /// Index into the passages.
    pub passage: usize,
    /// 0..1.
    pub score: f64,
}

type Features = HashMap<u64, f64>;

fn is_content(c: char) -> bool {
    c.is_alphanumeric()
}

/// Character bigrams of non-ASCII runs and whole ASCII words, with their counts.
fn tokens(text: &str) -> HashMap<u64, u32> {
    let text = values::nfkc(text).to_lowercase();
    let mut counts = HashMap::new();
    let mut word = String::new();
    let mut previous: Option<char> = None;
    let flush_word = |word: &mut String, counts: &mut HashMap<u64, u32>| {
        if word.len() >= 2 {
            *counts.entry(hash_word(word)).or_insert(0) += 1;
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            previous = None;
            continue;
        }
        flush_word(&mut word, &mut counts);
        if is_content(c) {
            if let Some(p) = previous {
                *counts.entry(((p as u64) << 32) | c as u64).or_insert(0) += 1;
            }
            previous = Some(c);
        } else {
            previous = None;
        }
    }
    flush_word(&mut word, &mut counts);
    counts
}

fn hash_word(word: &str) -> u64 {
    // FNV-1a, with the top bit set so a word never equals a bigram key.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in word.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h | (1 << 63)
}

struct Idf {
    weights: HashMap<u64, f64>,
    unseen: f64,
}

impl Idf {
    fn new(passages: &[HashMap<u64, u32>]) -> Idf {
        let n = passages.len() as f64;
        let mut df: HashMap<u64, u32> = HashMap::new();
        for p in passages {
            for k in p.keys() {
                *df.entry(*k).or_insert(0) += 1;
            }
        }
        let weights = df
            .into_iter()
            .map(|(k, d)| (k, ((n + 1.0) / (d as f64 + 1.0)).ln() + 1.0))
            .collect();
        Idf {
            weights,
            unseen: (n + 1.0).ln() + 1.0,
        }
    }

    fn vector(&self, counts: &HashMap<u64, u32>) -> Features {
        let mut v: Features = counts
            .iter()
            .map(|(k, &tf)| {
                let w = self.weights.get(k).copied().unwrap_or(self.unseen);
                (*k, (tf as f64).sqrt() * w)
            })
            .collect();
        let norm = v.values().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.values_mut().for_each(|w| *w /= norm);
        }
        v
    }
}

fn cosine(a: &Features, b: &Features) -> f64 {
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .filter_map(|(k, w)| large.get(k).map(|x| w * x))
        .sum()
}

/// What a control asks for, read from the catalogue without the vendor being imported.
#[derive(Debug, Clone)]
pub struct ControlProfile {
    pub control: String,
    question: String,
    /// Normalized terms, each looked for as a substring.
    pub terms: Vec<String>,
    examples: Vec<String>,
    /// The kind of value other vendors' answers give, if most of those that give one agree.
    pub value_kind: Option<(Kind, Option<ItemKind>)>,
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
                Some(c.title.en.as_str()),
                c.title.ja.as_deref(),
                Some(c.question.en.as_str()),
                c.question.ja.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
            let terms = c
                .terms
                .en
                .iter()
                .chain(&c.terms.ja)
                .map(|t| values::nfkc(t).to_lowercase())
                .filter(|t| !t.trim().is_empty())
                .collect();
            // Drafts are not examples: only answers a person has confirmed teach.
            let answers: Vec<_> = others
                .iter()
                .filter_map(|&v| catalog.answer(v, ci))
                .filter(|a| !a.draft)
                .collect();
            let examples = answers
                .iter()
                .flat_map(|a| &a.quotes)
                .map(|q| q.text.clone())
                .collect();
            let kinds: Vec<(Kind, Option<ItemKind>)> = answers
                .iter()
                .filter_map(|a| a.value.as_ref())
                .map(|v| (Kind::of(v), item_kind(v)))
                .collect();
            ControlProfile {
                control: c.id.clone(),
                question,
                terms,
                examples,
                value_kind: c.terms.value.map(hinted).or_else(|| most_common(&kinds)),
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

/// For every profile (in order), the passages proposed, best first, at most [`PROPOSALS`].
pub fn rank(profiles: &[ControlProfile], passages: &[Passage]) -> Vec<Vec<Proposal>> {
    let passage_tokens: Vec<HashMap<u64, u32>> = passages
        .iter()
        .map(|p| tokens(&format!("{}\n{}", p.context, p.text)))
        .collect();
    let idf = Idf::new(&passage_tokens);
    let full: Vec<Features> = passage_tokens.iter().map(|t| idf.vector(t)).collect();
    let answer_only: Vec<Features> = passages
        .iter()
        .map(|p| idf.vector(&tokens(&p.text)))
        .collect();
    let searchable: Vec<String> = passages
        .iter()
        .map(|p| values::nfkc(&format!("{}\n{}", p.context, p.text)).to_lowercase())
        .collect();
    profiles
        .iter()
        .map(|profile| {
            let question = idf.vector(&tokens(&profile.question));
            let examples: Vec<Features> = profile
                .examples
                .iter()
                .map(|e| idf.vector(&tokens(e)))
                .collect();
            let mut scored: Vec<Proposal> = (0..passages.len())
                .map(|pi| {
                    let q = cosine(&question, &full[pi]);
                    let e = examples
                        .iter()
                        .map(|x| cosine(x, &answer_only[pi]).max(cosine(x, &full[pi])))
                        .fold(0.0, f64::max);
                    let t = if profile.terms.is_empty() {
                        0.0
                    } else {
                        let hits = profile
                            .terms
                            .iter()
                            .filter(|t| searchable[pi].contains(t.as_str()))
                            .count();
                        (hits as f64 / 2.0).min(1.0)
                    };
                    let score = if profile.examples.is_empty() {
                        (QUESTION_WEIGHT + EXAMPLE_WEIGHT) * q + TERMS_WEIGHT * t
                    } else {
                        EXAMPLE_WEIGHT * e + QUESTION_WEIGHT * q + TERMS_WEIGHT * t
                    };
                    Proposal {
                        passage: pi,
                        score: score.clamp(0.0, 1.0),
                    }
                })
                .filter(|p| p.score > 0.0)
                .collect();
            scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
            // The same words twice (a repeated heading) would take two places of the few.
            let mut seen = std::collections::HashSet::new();
            scored.retain(|p| seen.insert(passages[p.passage].text.as_str()));
            scored.truncate(PROPOSALS);
            scored
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_ignore_punctuation_and_words_stay_whole() {
        let t = tokens("削除、ISO");
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t.contains_key(&((('削' as u64) << 32) | '除' as u64)));
        assert!(t.contains_key(&hash_word("iso")));
    }

    #[test]
    fn the_passage_sharing_the_examples_words_ranks_first() {
        let passage = |text: &str| Passage {
            document: 0,
            section: "1".into(),
            context: String::new(),
            text: text.into(),
        };
        let passages = [
            passage("バックアップは毎日取得し7世代保持します。"),
            passage("契約終了後30日でデータを消去します。"),
        ];
        let profile = ControlProfile {
            control: "deletion-timing".into(),
            question: "データはいつ削除されますか".into(),
            terms: vec!["消去".into(), "削除".into()],
            examples: vec!["解約後60日でデータを消去します。".into()],
            value_kind: None,
        };
        let ranked = rank(&[profile], &passages);
        assert_eq!(ranked[0][0].passage, 1);
    }
}
