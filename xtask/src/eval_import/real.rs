//! `eval-import --real DIR [--facts DIR] [--misses]`: each document of a folder imported on its
//! own against the shipped catalogue, and the draft compared with facts written by hand.
//!
//! A control's proposals are its answer's quotes (when drafted stated), then its candidates.
//!
//! - recall@1: the first proposal contains an anchor of the control's fact;
//! - recall@3 (≤400): one of the first three proposals contains an anchor and is at most 400
//!   characters long (a page-long passage "contains" everything and is no citation);
//! - values: of the facts with a value, the share where the proposed value (the answer's value
//!   when stated, else the first candidate's) is the same quantity (60 minutes = 1 hour, lists
//!   item for item); `from` separately: of the facts whose value has one, the share proposed as
//!   a duration counted from the same point;
//! - precision: of the answers drafted stated, the share whose first quote contains an anchor
//!   of the control's fact (a stated draft on a control without a fact is wrong);
//! - time: reading the document and drafting the vendor, once.

use super::facts::{self, Fact, Language, Loaded};
use anyhow::{bail, Result};
use kurabe::catalog::{Answer, Catalog, Status, Value};
use kurabe::import::{self, DraftAnswer, Options};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Only proposals of at most this many characters count for recall@3.
pub const CITABLE_CHARS: usize = 400;

/// The vendor id every document is imported as (not one of the shipped vendors).
const VENDOR: &str = "evaluated-vendor";

/// One proposal of a control: a quote or a candidate.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub section: String,
    pub text: String,
}

/// The answer's quotes, then its candidates.
pub fn proposals(answer: &Answer) -> Vec<Proposal> {
    let quotes = answer.quotes.iter().map(|q| Proposal {
        section: q.section.clone().into_owned(),
        text: q.text.clone().into_owned(),
    });
    let candidates = answer.candidates.iter().map(|c| Proposal {
        section: c.section.clone().into_owned(),
        text: c.text.clone().into_owned(),
    });
    quotes.chain(candidates).collect()
}

/// Whether the answer is drafted as an answer (stated, or partial) rather than `not_stated`.
pub fn is_stated(answer: &Answer) -> bool {
    answer.status != Status::NotStated
}

/// The value a draft proposes: the answer's when stated, else its first candidate's.
pub fn proposed_value(answer: &Answer) -> Option<&Value> {
    if is_stated(answer) {
        answer.value.as_ref()
    } else {
        answer.candidates.first().and_then(|c| c.value.as_ref())
    }
}

/// How the draft did on one fact.
#[derive(Debug, Clone)]
pub struct FactOutcome {
    pub fact: Fact,
    /// The draft's proposals for the control (empty when the draft has no such control).
    pub proposals: Vec<Proposal>,
    pub top1: bool,
    /// The first proposal is right and at most [`CITABLE_CHARS`] long.
    pub top1_citable: bool,
    pub top3: bool,
    /// Whether the proposed value is the fact's quantity, when the fact has a value.
    pub value: Option<bool>,
    /// Whether the proposed value counts from the fact's `from`, when the fact has one.
    pub from: Option<bool>,
    pub proposed: Option<Value>,
}

/// A draft answered stated, and whether its first quote is the fact's.
#[derive(Debug, Clone)]
pub struct StatedOutcome {
    pub control: String,
    pub confidence: f64,
    pub first_quote: Option<Proposal>,
    pub right: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Outcomes {
    pub facts: Vec<FactOutcome>,
    pub stated: Vec<StatedOutcome>,
}

fn since(value: &Value) -> Option<kurabe::catalog::Since> {
    match value {
        Value::Duration { from, .. } => *from,
        _ => None,
    }
}

/// Compares a draft's answers with the facts of its document.
pub fn judge(answers: &[DraftAnswer], facts: &[Fact]) -> Outcomes {
    let answer_of = |control: &str| {
        answers
            .iter()
            .map(|a| &a.answer)
            .find(|a| a.control == control)
    };
    let mut out = Outcomes::default();
    for fact in facts {
        let answer = answer_of(&fact.control);
        let proposals = answer.map(proposals).unwrap_or_default();
        let citable = |p: &Proposal| p.text.chars().count() <= CITABLE_CHARS;
        let top1 = proposals.first().is_some_and(|p| fact.anchored_in(&p.text));
        let top1_citable = top1 && proposals.first().is_some_and(citable);
        let top3 = proposals
            .iter()
            .take(3)
            .any(|p| citable(p) && fact.anchored_in(&p.text));
        let proposed = answer.and_then(proposed_value).cloned();
        let value = fact.value.as_ref().map(|v| {
            proposed
                .as_ref()
                .is_some_and(|p| kurabe::values::same_quantity(p, v))
        });
        let from = fact.value.as_ref().and_then(since).map(|wanted| {
            proposed
                .as_ref()
                .and_then(since)
                .is_some_and(|got| got == wanted)
        });
        out.facts.push(FactOutcome {
            fact: fact.clone(),
            proposals,
            top1,
            top1_citable,
            top3,
            value,
            from,
            proposed,
        });
    }
    for draft in answers.iter().filter(|a| is_stated(&a.answer)) {
        let answer = &draft.answer;
        let first_quote = answer.quotes.first().map(|q| Proposal {
            section: q.section.clone().into_owned(),
            text: q.text.clone().into_owned(),
        });
        let right = facts.iter().any(|f| {
            f.control == answer.control
                && first_quote.as_ref().is_some_and(|q| f.anchored_in(&q.text))
        });
        out.stated.push(StatedOutcome {
            control: answer.control.clone().into_owned(),
            confidence: draft.confidence,
            first_quote,
            right,
        });
    }
    out
}

/// The counts behind one row of the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub facts: usize,
    pub top1: usize,
    pub top1_citable: usize,
    pub top3: usize,
    pub values: usize,
    pub values_matched: usize,
    pub quantities: usize,
    pub quantities_matched: usize,
    pub from: usize,
    pub from_matched: usize,
    pub stated: usize,
    pub stated_right: usize,
}

impl Tally {
    pub fn of(outcomes: &Outcomes) -> Tally {
        let mut t = Tally::default();
        for f in &outcomes.facts {
            t.facts += 1;
            t.top1 += usize::from(f.top1);
            t.top1_citable += usize::from(f.top1_citable);
            t.top3 += usize::from(f.top3);
            if let Some(matched) = f.value {
                t.values += 1;
                t.values_matched += usize::from(matched);
                if !matches!(f.fact.value, Some(Value::List { .. })) {
                    t.quantities += 1;
                    t.quantities_matched += usize::from(matched);
                }
            }
            if let Some(matched) = f.from {
                t.from += 1;
                t.from_matched += usize::from(matched);
            }
        }
        t.stated = outcomes.stated.len();
        t.stated_right = outcomes.stated.iter().filter(|s| s.right).count();
        t
    }

    pub fn add(&mut self, o: &Tally) {
        self.facts += o.facts;
        self.top1 += o.top1;
        self.top1_citable += o.top1_citable;
        self.top3 += o.top3;
        self.values += o.values;
        self.values_matched += o.values_matched;
        self.quantities += o.quantities;
        self.quantities_matched += o.quantities_matched;
        self.from += o.from;
        self.from_matched += o.from_matched;
        self.stated += o.stated;
        self.stated_right += o.stated_right;
    }
}

/// `0.43 (9/21)`, or `–` when there is nothing to count.
pub fn share(n: usize, d: usize) -> String {
    if d == 0 {
        "–".to_string()
    } else {
        format!("{:.2} ({n}/{d})", n as f64 / d as f64)
    }
}

/// One document's evaluation.
pub struct Evaluated {
    pub facts: Loaded,
    pub outcomes: Outcomes,
    pub time: Duration,
    /// Why the import refused the document, if it did: every fact is then missed.
    pub refused: Option<String>,
}

/// Imports one document and judges its draft. A document the importer refuses is reported
/// (every fact missed), not an error of the evaluation: users meet the same refusal.
pub fn evaluate(catalog: &Catalog, documents: &Path, facts: Loaded) -> Result<Evaluated> {
    let prepared = facts::prepare(documents, &facts.file.document)?;
    let options = Options {
        vendor: VENDOR.to_string(),
        ..Options::default()
    };
    let start = Instant::now();
    let drafted = prepared
        .read()
        .map_err(|e| e.to_string())
        .and_then(|source| import::draft(catalog, &[source], &options).map_err(|e| e.to_string()));
    let time = start.elapsed();
    let (answers, refused) = match drafted {
        Ok(draft) => (draft.answers, None),
        Err(why) => (Vec::new(), Some(why)),
    };
    let outcomes = judge(&answers, &facts.file.facts);
    Ok(Evaluated {
        facts,
        outcomes,
        time,
        refused,
    })
}

fn row(out: &mut String, name: &str, language: &str, t: &Tally, time: &str) -> Result<()> {
    writeln!(
        out,
        "| {name} | {language} | {} | {} | {} | {} | {} | {} | {} | {time} |",
        t.facts,
        share(t.top1, t.facts),
        share(t.top3, t.facts),
        share(t.values_matched, t.values),
        share(t.from_matched, t.from),
        t.stated,
        share(t.stated_right, t.stated),
    )?;
    Ok(())
}

/// The report's table: one row per document, then the totals (per language where both occur).
pub fn table(evaluated: &[Evaluated]) -> Result<String> {
    let mut out = String::new();
    writeln!(
        out,
        "| document | lang | facts | recall@1 | recall@3 (≤{CITABLE_CHARS}) | values | from | stated | precision | time |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|")?;
    let mut total = Tally::default();
    let mut per_language = [
        (Language::Ja, Tally::default()),
        (Language::En, Tally::default()),
    ];
    for e in evaluated {
        let t = Tally::of(&e.outcomes);
        total.add(&t);
        for (language, sum) in &mut per_language {
            if *language == e.facts.file.language {
                sum.add(&t);
            }
        }
        let time = match e.refused {
            Some(_) => "refused".to_string(),
            None => format!("{:.0} ms", e.time.as_secs_f64() * 1000.0),
        };
        let language = e.facts.file.language.code();
        row(&mut out, &e.facts.file.document, language, &t, &time)?;
    }
    let languages = per_language.iter().filter(|(_, t)| t.facts > 0).count();
    if languages > 1 {
        for (language, t) in &per_language {
            row(&mut out, &format!("**all {}**", language.code()), "", t, "")?;
        }
    }
    row(&mut out, "**all**", "", &total, "")?;
    writeln!(out)?;
    for e in evaluated {
        if let Some(why) = &e.refused {
            writeln!(
                out,
                "The importer refused {}: {}",
                e.facts.file.document,
                kurabe::sanitize::line(why)
            )?;
            writeln!(out)?;
        }
    }
    writeln!(
        out,
        "Recall@1 counting only a first proposal of at most {CITABLE_CHARS} characters: {}.",
        share(total.top1_citable, total.facts)
    )?;
    writeln!(
        out,
        "Values: quantities {}, lists {}.",
        share(total.quantities_matched, total.quantities),
        share(
            total.values_matched - total.quantities_matched,
            total.values - total.quantities
        )
    )?;
    Ok(out)
}

/// Runs the evaluation over `documents` with the facts files of `facts_dir`, and returns the
/// markdown report (with every miss when `misses`).
pub fn run(documents: &Path, facts_dir: &Path, misses: bool) -> Result<String> {
    let catalog = kurabe::catalog::load_embedded()
        .map_err(|p| anyhow::anyhow!("{p}"))?
        .catalog;
    let files = facts::load_all(facts_dir)?;
    let problems = facts::problems(documents, &files, &catalog);
    if !problems.is_empty() {
        bail!(
            "the facts do not fit their documents:\n{}",
            problems.join("\n")
        );
    }
    let evaluated = files
        .into_iter()
        .map(|f| evaluate(&catalog, documents, f))
        .collect::<Result<Vec<_>>>()?;
    let mut out = table(&evaluated)?;
    if misses {
        out.push('\n');
        for e in &evaluated {
            out.push_str(&super::misses::report(e)?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurabe::catalog::{Candidate, Quote, Since, TimeUnit};

    fn fact(control: &str, anchor: &str, value: Option<Value>) -> Fact {
        Fact {
            control: control.into(),
            anchors: vec![anchor.into()],
            value,
            note: None,
        }
    }

    fn days(amount: f64, from: Option<Since>) -> Value {
        Value::Duration {
            amount,
            unit: TimeUnit::Days,
            from,
        }
    }

    fn candidate(text: &str, value: Option<Value>) -> Candidate {
        Candidate {
            document: "doc".into(),
            section: "preamble".into(),
            text: text.to_owned().into(),
            score: 0.1,
            context: None,
            value,
        }
    }

    fn draft(control: &str, quote: Option<&str>, candidates: Vec<Candidate>) -> DraftAnswer {
        DraftAnswer {
            answer: Answer {
                control: control.to_owned().into(),
                status: if quote.is_some() {
                    Status::Stated
                } else {
                    Status::NotStated
                },
                polarity: None,
                summary: None,
                vendor_words: None,
                value: None,
                note: None,
                quotes: quote
                    .map(|q| Quote {
                        document: "doc".into(),
                        section: "2.1".into(),
                        text: q.to_owned().into(),
                        context: None,
                    })
                    .into_iter()
                    .collect(),
                draft: true,
                candidates,
                conflicts: Vec::new(),
                previous: None,
            },
            confidence: if quote.is_some() { 0.6 } else { 0.3 },
        }
    }

    #[test]
    fn a_stated_quote_with_the_anchor_is_right_at_rank_one() {
        let facts = [fact("deletion-timing", "契約終了後 30 日で削除", None)];
        let answers = [draft(
            "deletion-timing",
            Some("当社は契約終了後３０日で削除します。"),
            vec![],
        )];
        let t = Tally::of(&judge(&answers, &facts));
        assert_eq!((t.facts, t.top1, t.top1_citable, t.top3), (1, 1, 1, 1));
        assert_eq!((t.stated, t.stated_right), (1, 1));
    }

    #[test]
    fn a_passage_longer_than_a_citation_counts_at_rank_one_only() {
        let long = format!("{} 30 days after cancellation we delete", "x ".repeat(300));
        let facts = [fact("deletion-timing", "30 days after cancellation", None)];
        let first = judge(&[draft("deletion-timing", Some(&long), vec![])], &facts);
        assert!(first.facts[0].top1 && !first.facts[0].top1_citable && !first.facts[0].top3);
        let third = judge(
            &[draft(
                "deletion-timing",
                None,
                vec![
                    candidate("Backups are kept for 14 days.", None),
                    candidate("We review the policy every year.", None),
                    candidate("We delete data 30 days after cancellation.", None),
                    candidate("30 days after cancellation, too late to count", None),
                ],
            )],
            &facts,
        );
        assert!(!third.facts[0].top1 && third.facts[0].top3);
    }

    #[test]
    fn a_silent_draft_proposes_its_first_candidates_value() {
        let facts = [fact(
            "deletion-timing",
            "after cancellation",
            Some(days(30.0, Some(Since::Cancellation))),
        )];
        let answers = [draft(
            "deletion-timing",
            None,
            vec![
                candidate("Deleted within a month.", Some(days(30.0, None))),
                candidate("We delete data 30 days after cancellation.", None),
            ],
        )];
        let o = judge(&answers, &facts);
        assert_eq!(o.facts[0].value, Some(true));
        assert_eq!(o.facts[0].from, Some(false));
        let t = Tally::of(&o);
        assert_eq!(
            (t.values, t.values_matched, t.from, t.from_matched),
            (1, 1, 1, 0)
        );
        assert_eq!(t.stated, 0);
    }

    #[test]
    fn a_stated_draft_without_a_fact_or_with_another_passage_is_wrong() {
        let facts = [fact("backup-frequency", "every 24 hours", None)];
        let answers = [
            draft(
                "backup-frequency",
                Some("Support is open 24 hours a day."),
                vec![],
            ),
            draft(
                "service-hours",
                Some("Support is open 24 hours a day."),
                vec![],
            ),
            draft(
                "backup-retention",
                None,
                vec![candidate("kept 35 days", None)],
            ),
        ];
        let o = judge(&answers, &facts);
        let t = Tally::of(&o);
        assert_eq!((t.stated, t.stated_right), (2, 0));
        assert_eq!((t.top1, t.top3), (0, 0));
    }

    #[test]
    fn a_document_the_importer_refuses_is_reported_with_every_fact_missed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("empty.txt"), "# source: test\n   \n").unwrap();
        let facts = Loaded {
            path: dir.path().join("empty.facts.yaml"),
            file: facts::FactsFile {
                document: "empty.txt".into(),
                language: Language::En,
                facts: vec![fact("deletion-timing", "30 days", None)],
            },
        };
        let catalog = kurabe::catalog::load_embedded().unwrap().catalog;
        let e = evaluate(&catalog, dir.path(), facts).unwrap();
        assert!(
            e.refused.as_deref().unwrap().contains("empty"),
            "{:?}",
            e.refused
        );
        assert_eq!(Tally::of(&e.outcomes).top1, 0);
        let report = table(&[e]).unwrap();
        assert!(report.contains("| refused |"), "{report}");
        assert!(
            report.contains("The importer refused empty.txt"),
            "{report}"
        );
    }

    #[test]
    fn a_fact_whose_control_the_draft_lacks_is_missed() {
        let facts = [fact(
            "no-such-control",
            "anything at all",
            Some(days(1.0, None)),
        )];
        let o = judge(&[], &facts);
        assert!(o.facts[0].proposals.is_empty());
        assert_eq!(o.facts[0].value, Some(false));
    }
}
