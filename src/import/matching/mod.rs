//! Ranking a document's passages for every control, as a reader would: a passage answers a
//! control when it says something (it is no heading, lead-in, caption or link) about the
//! control's subject in the control's own terms, with the kind of value the control asks for,
//! and better than it answers any other control.
//!
//! Each (control, passage) pair has a few [`features`] — likeness to the control's question, to
//! the examples (other vendors' quotes and reviewers' summaries, English and Japanese), the
//! control's terms in the passage and in the heading above it, the value it states — combined
//! with [`WEIGHTS`]. A passage that answers another control much better is pushed down (a
//! passage must earn each control it tops). The vendor being imported is never read.

pub mod profile;
pub mod tokens;

pub use profile::{profiles, ControlProfile};

use super::segment::Passage;
use crate::values::{self, ItemKind, Kind};
use tokens::{cosine, normal_words, Idf, Vector};

/// How many proposals each control keeps.
pub const PROPOSALS: usize = 5;

/// Proposals of one block (paragraph, list item, table row) before those of other blocks.
const MOST_PER_BLOCK: usize = 2;

/// Whether two starting points are the same event as a reader would take them: the contract's
/// end, the day after it and the cancellation are one (vendors word the same rule each way), as
/// are a request and a deletion request, and an incident's detection and occurrence.
fn same_start(a: crate::catalog::Since, b: crate::catalog::Since) -> bool {
    use crate::catalog::Since::*;
    let family = |s| match s {
        ContractEnd | DayAfterContractEnd | Cancellation => 0,
        DeletionRequest | Request => 1,
        Detection | Occurrence => 2,
        other => 3 + other as u8,
    };
    family(a) == family(b)
}

/// A passage proposed for a control.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proposal {
    /// Index into the passages.
    pub passage: usize,
    /// The ranking score (not a probability: [`crate::import::draft`] calibrates it).
    pub score: f64,
    pub features: Features,
}

/// The number of features of a (control, passage) pair.
pub const FEATURES: usize = 9;

/// What is known of a (control, passage) pair, each in 0..1 (or -1..1):
/// 0 likeness to the question and title (with the heading above the passage),
/// 1 best likeness to one example (another vendor's quote or summary),
/// 2 the control's terms in the passage, each weighed by its rarity in the document (two rare
///   terms count fully),
/// 3 a control term in the heading or the row's question above it,
/// 4 the kind of value the control asks for stated (1), missing (-1), or none asked (0),
/// 5 the passage's lead for this control over the control it fits best otherwise (negative where
///   another fits it better),
/// 6 a very short passage (under 15 characters),
/// 7 the value's starting point is one the control's answers count from (1), another (-1), or
///   none is said or known (0): 「3 日後」 of an expedited deletion is no answer to "days after
///   the contract ends",
/// 8 a constant 1.
pub type Features = [f64; FEATURES];

/// The weights of [`Features`] in the ranking score: a logistic regression fitted by
/// `xtask fit-import` (EVALUATION.md says on what).
pub const WEIGHTS: Features = [
    3.002, 4.095, 3.847, 1.658, 0.662, 3.168, -0.393, 0.611, -0.689,
];

struct Prepared {
    full: Vec<Vector>,
    text: Vec<Vector>,
    /// Normalized text and nearest heading, for the terms.
    text_words: Vec<String>,
    head_words: Vec<String>,
    kinds: Vec<Vec<(Kind, Option<ItemKind>)>>,
    short: Vec<bool>,
    idf: Idf,
}

/// The heading nearest the passage (the last part of its context).
fn nearest(context: &str) -> &str {
    context.rsplit(" / ").next().unwrap_or("")
}

fn prepare(passages: &[Passage]) -> Prepared {
    let full_tokens: Vec<_> = passages
        .iter()
        .map(|p| tokens::tokens(&format!("{}\n{}", nearest(&p.context), p.text)))
        .collect();
    let idf = Idf::new(&full_tokens);
    Prepared {
        full: full_tokens.iter().map(|t| idf.vector(t)).collect(),
        text: passages
            .iter()
            .map(|p| idf.vector(&tokens::tokens(&p.text)))
            .collect(),
        text_words: passages.iter().map(|p| normal_words(&p.text)).collect(),
        head_words: passages.iter().map(|p| normal_words(&p.context)).collect(),
        kinds: passages.iter().map(|p| value_kinds(&p.text)).collect(),
        short: passages
            .iter()
            .map(|p| p.text.chars().filter(|c| !c.is_whitespace()).count() < 15)
            .collect(),
        idf,
    }
}

/// The kinds of value a text states.
fn value_kinds(text: &str) -> Vec<(Kind, Option<ItemKind>)> {
    let mut kinds: Vec<(Kind, Option<ItemKind>)> = values::find_all(text)
        .iter()
        .map(|f| (Kind::of(&f.value), None))
        .collect();
    kinds.extend(
        values::find_items(text)
            .iter()
            .map(|i| (Kind::List, Some(i.kind))),
    );
    kinds
}

/// The features of every (control, passage) pair: `[control][passage]`. Passages that cannot
/// answer (see [`Passage::answers`]) are left at zero, apart from explicit "no" cells.
pub fn features(profiles: &[ControlProfile], passages: &[Passage]) -> Vec<Vec<Features>> {
    let prepared = prepare(passages);
    let mut all: Vec<Vec<Features>> = profiles
        .iter()
        .map(|profile| control_features(profile, passages, &prepared))
        .collect();
    // How much better a passage answers this control than any other: its lead over the best
    // other control (negative where another fits it better).
    for pi in 0..passages.len() {
        let base: Vec<f64> = all.iter().map(|row| base_score(&row[pi])).collect();
        let (mut first, mut second) = (f64::MIN, f64::MIN);
        for &b in &base {
            if b > first {
                second = first;
                first = b;
            } else if b > second {
                second = b;
            }
        }
        for (ci, row) in all.iter_mut().enumerate() {
            let best_other = if base[ci] >= first { second } else { first };
            row[pi][5] = (base[ci] - best_other).clamp(-1.0, 1.0);
        }
    }
    all
}

/// The score of what the pair has in common, on a fixed scale (so that the lead of feature 5
/// does not move with the fitted weights): question, examples, terms, heading.
fn base_score(f: &Features) -> f64 {
    0.25 * f[0] + 0.35 * f[1] + 0.25 * f[2] + 0.15 * f[3]
}

fn control_features(
    profile: &ControlProfile,
    passages: &[Passage],
    prepared: &Prepared,
) -> Vec<Features> {
    let question = prepared.idf.vector(&tokens::tokens(&profile.question));
    let examples: Vec<Vector> = profile
        .examples
        .iter()
        .map(|e| prepared.idf.vector(&tokens::tokens(e)))
        .collect();
    // A term found in many of the document's passages tells little (削除 in a page about
    // deletion): each term weighs by its rarity among them, 1 for one found once.
    let answering: Vec<usize> = (0..passages.len())
        .filter(|&pi| passages[pi].answers || passages[pi].negative)
        .collect();
    let n = answering.len().max(1) as f64;
    let hits_of: Vec<Vec<f64>> = profile
        .terms
        .iter()
        .map(|t| {
            (0..passages.len())
                .map(|pi| tokens::term_hit(&prepared.text_words[pi], t))
                .collect()
        })
        .collect();
    let rarity: Vec<f64> = hits_of
        .iter()
        .map(|hits| {
            let df = answering.iter().filter(|&&pi| hits[pi] > 0.0).count() as f64;
            (((n + 1.0) / (df + 1.0)).ln() / (n + 1.0).ln().max(f64::EPSILON) * 1.6).min(1.0)
        })
        .collect();
    (0..passages.len())
        .map(|pi| {
            let p = &passages[pi];
            if !p.answers && !p.negative {
                return [0.0; FEATURES];
            }
            let q = cosine(&question, &prepared.full[pi]);
            let e = examples
                .iter()
                .map(|x| cosine(x, &prepared.text[pi]))
                .fold(0.0, f64::max);
            let hits: f64 = hits_of
                .iter()
                .zip(&rarity)
                .map(|(hits, weight)| hits[pi] * weight)
                .sum();
            let head = profile
                .terms
                .iter()
                .any(|t| tokens::holds(&prepared.head_words[pi], t));
            let value = match profile.value_kind {
                None => 0.0,
                Some((kind, item)) => {
                    let stated = prepared.kinds[pi]
                        .iter()
                        .any(|&(k, i)| k == kind && (item.is_none() || i == item));
                    if stated {
                        1.0
                    } else {
                        -1.0
                    }
                }
            };
            let from = match (&profile.froms[..], profile.value_kind) {
                ([], _) | (_, None) => 0.0,
                (froms, Some((kind, item))) => {
                    match values::stated_value(&p.text, kind, item, &profile.raw_terms) {
                        Some(crate::catalog::Value::Duration {
                            from: Some(from), ..
                        }) if from != crate::catalog::Since::Unspecified => {
                            if froms.iter().any(|&f| same_start(f, from)) {
                                1.0
                            } else {
                                -1.0
                            }
                        }
                        _ => 0.0,
                    }
                }
            };
            [
                q,
                e,
                (hits / 2.0).min(1.0),
                f64::from(u8::from(head)),
                value,
                0.0,
                f64::from(u8::from(prepared.short[pi])),
                from,
                1.0,
            ]
        })
        .collect()
}

/// The ranking score of a pair.
pub fn score(f: &Features) -> f64 {
    f.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum()
}

/// For every profile (in order), the passages proposed, best first, at most [`PROPOSALS`].
pub fn rank(profiles: &[ControlProfile], passages: &[Passage]) -> Vec<Vec<Proposal>> {
    features(profiles, passages)
        .into_iter()
        .map(|row| {
            let mut scored: Vec<Proposal> = row
                .into_iter()
                .enumerate()
                .filter(|(pi, _)| passages[*pi].answers || passages[*pi].negative)
                .map(|(pi, features)| Proposal {
                    passage: pi,
                    score: score(&features),
                    features,
                })
                // Nothing in common with the control at all: no proposal.
                .filter(|p| p.features[..4].iter().any(|&f| f > 0.0))
                .collect();
            scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
            // The same words twice (a repeated heading) would take two places of the few.
            let mut seen = std::collections::HashSet::new();
            scored.retain(|p| seen.insert(passages[p.passage].text.as_str()));
            // The reviewer is better served by proposals from different places than by three
            // sentences of one paragraph: a block's third and later passages wait behind the others.
            let mut per_block: std::collections::HashMap<usize, usize> = Default::default();
            let (mut first, mut later) = (Vec::new(), Vec::new());
            for p in scored {
                let n = per_block.entry(passages[p.passage].block).or_insert(0);
                *n += 1;
                if *n <= MOST_PER_BLOCK {
                    first.push(p);
                } else {
                    later.push(p);
                }
            }
            first.extend(later);
            first.truncate(PROPOSALS);
            first
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passage_sharing_the_examples_words_ranks_first() {
        let passage = |text: &str| Passage {
            document: 0,
            section: "1".into(),
            context: String::new(),
            text: text.into(),
            answers: true,
            negative: false,
            block: 0,
        };
        let passages = [
            passage("バックアップは毎日取得し7世代保持します。"),
            passage("契約終了後30日でデータを消去します。"),
        ];
        let profile = ControlProfile {
            control: "deletion-timing".into(),
            question: "データはいつ削除されますか".into(),
            terms: vec!["消去".into(), "削除".into()],
            raw_terms: vec!["消去".into(), "削除".into()],
            froms: Vec::new(),
            examples: vec!["解約後60日でデータを消去します。".into()],
            value_kind: Some((Kind::Duration, None)),
            yes_no: false,
        };
        let ranked = rank(&[profile], &passages);
        assert_eq!(ranked[0][0].passage, 1);
    }
}
