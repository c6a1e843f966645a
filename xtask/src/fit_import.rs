//! `cargo run --release -p xtask -- fit-import`: fits the weights of the importer's ranking
//! features (`kurabe::import::matching::WEIGHTS`) by logistic regression on labelled
//! (control, passage) pairs, and reports how well they rank on data they were not fitted on.
//!
//! Labels: the shipped vendors' curated quotes, each vendor imported against the catalogue
//! without it (a passage is right for a control when it overlaps one of the control's curated
//! quotes in the same document, as `eval-import` counts it). Cross-validation leaves one vendor
//! out of the fit and ranks its documents with the weights fitted on the others.

use crate::eval_import::{overlaps, read_sources, without};
use anyhow::Result;
use kurabe::catalog::Status;
use kurabe::import::matching::{self, Features, FEATURES};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct FitArgs {
    /// The vendors' source documents (default: ../shared/seeds).
    #[arg(long, value_name = "DIR", default_value = "../shared/seeds")]
    pub seeds: PathBuf,
    /// Folders of documents with facts to fit on as well: DIR (facts beside the documents) or
    /// DIR=FACTS_DIR.
    #[arg(long, value_name = "DIR[=FACTS]")]
    pub fit: Vec<String>,
    /// Folders of documents with facts to test on only (never fitted): DIR or DIR=FACTS_DIR.
    #[arg(long, value_name = "DIR[=FACTS]")]
    pub test: Vec<String>,
    /// Print the controls of this source (a vendor id or a document) ranked wrong by the
    /// current weights, instead of fitting.
    #[arg(long, value_name = "SOURCE")]
    pub misses: Option<String>,
}

/// How much a shipped vendor's decision weighs in the calibration against one of a document
/// with facts: the seeds are check sheets of one template, easier than what users import.
const SEED_WEIGHT: f64 = 0.3;

/// Labelled groups and decisions from documents with facts written by hand: a passage is right
/// for a control when it holds one of the fact's anchors; every control without a fact should
/// stay silent. `weight`: of its decisions in the calibration.
pub fn fact_data(
    documents: &std::path::Path,
    facts: &std::path::Path,
    weight: f64,
) -> Result<(Vec<Group>, Vec<Decision>)> {
    use crate::eval_import::facts;
    let catalog = kurabe::catalog::load_embedded()
        .map_err(|p| anyhow::anyhow!("{p}"))?
        .catalog;
    let mut groups = Vec::new();
    let mut decisions = Vec::new();
    for loaded in facts::load_all(facts)? {
        let name = loaded.file.document.clone();
        let Ok(source) = facts::read_document(documents, &name) else {
            continue;
        };
        let options = kurabe::import::Options {
            vendor: "probe".into(),
            ..Default::default()
        };
        let Ok(draft) = kurabe::import::draft(&catalog, &[source], &options) else {
            continue;
        };
        let english = loaded.file.language.code() == "en";
        let profiles = matching::profiles(&catalog, "probe");
        let features = matching::features(&profiles, &draft.passages);
        for (ci, profile) in profiles.iter().enumerate() {
            let fact = loaded
                .file
                .facts
                .iter()
                .find(|f| f.control == profile.control);
            let rows: Vec<(Features, bool)> = draft
                .passages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.answers || p.negative)
                .map(|(pi, p)| {
                    (
                        features[ci][pi],
                        fact.is_some_and(|f| f.anchored_in(&p.text)),
                    )
                })
                .collect();
            decisions.push(Decision {
                source: name.clone(),
                english,
                proposals: rows.clone(),
                weight,
            });
            if rows.iter().any(|(_, r)| *r) {
                groups.push(Group {
                    source: name.clone(),
                    control: profile.control.clone(),
                    rows,
                    texts: texts(&draft.passages),
                });
            }
        }
    }
    Ok((groups, decisions))
}

/// One control of one imported document: every candidate passage's features and whether it
/// is right.
pub struct Group {
    pub source: String,
    pub control: String,
    pub rows: Vec<(Features, bool)>,
    /// The text of each row's passage, for `--misses`.
    pub texts: Vec<String>,
}

/// Labelled groups and decisions from the shipped vendors, leave one vendor out.
pub fn seed_data(args: &FitArgs) -> Result<(Vec<Group>, Vec<Decision>)> {
    let loaded = kurabe::catalog::load_embedded().map_err(|p| anyhow::anyhow!("{p}"))?;
    let catalog = loaded.catalog;
    let mut groups = Vec::new();
    let mut decisions = Vec::new();
    for vendor in &catalog.vendors {
        let others = without(&catalog, vendor.id());
        let sources = read_sources(&args.seeds, vendor)?;
        let options = kurabe::import::Options {
            vendor: vendor.id().to_string(),
            ..Default::default()
        };
        let draft = kurabe::import::draft(&others, &sources, &options)?;
        let doc_ids: Vec<String> = vendor.documents.iter().map(|d| d.id.clone()).collect();
        let profiles = matching::profiles(&others, vendor.id());
        let features = matching::features(&profiles, &draft.passages);
        for (ci, profile) in profiles.iter().enumerate() {
            let Some(truth) = vendor.answers.iter().find(|a| a.control == profile.control) else {
                continue;
            };
            let rows: Vec<(Features, bool)> = draft
                .passages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.answers || p.negative)
                .map(|(pi, p)| {
                    let right = truth
                        .quotes
                        .iter()
                        .any(|q| q.document == doc_ids[p.document] && overlaps(&p.text, &q.text));
                    (features[ci][pi], right)
                })
                .collect();
            decisions.push(Decision {
                source: vendor.id().to_string(),
                english: false,
                proposals: rows.clone(),
                weight: SEED_WEIGHT,
            });
            if truth.status != Status::NotStated && rows.iter().any(|(_, r)| *r) {
                groups.push(Group {
                    source: vendor.id().to_string(),
                    control: profile.control.clone(),
                    rows,
                    texts: texts(&draft.passages),
                });
            }
        }
    }
    Ok((groups, decisions))
}

/// The texts of the passages that can answer, in the order of a group's rows.
fn texts(passages: &[kurabe::import::segment::Passage]) -> Vec<String> {
    passages
        .iter()
        .filter(|p| p.answers || p.negative)
        .map(|p| format!("[{}] {}", p.section, p.text.replace('\n', " ")))
        .collect()
}

/// Each group of `source` whose best row (by `w`) is wrong: the control, the best three and the
/// right ones.
pub fn misses(w: &Features, groups: &[Group], source: &str) -> String {
    let mut out = String::new();
    for g in groups.iter().filter(|g| g.source == source) {
        let mut order: Vec<usize> = (0..g.rows.len()).collect();
        order.sort_by(|&a, &b| dot(w, &g.rows[b].0).total_cmp(&dot(w, &g.rows[a].0)));
        if g.rows[order[0]].1 {
            continue;
        }
        let _ = writeln!(out, "- {}", g.control);
        for &i in order.iter().take(3) {
            let mark = if g.rows[i].1 { "✓" } else { "✗" };
            let f = g.rows[i].0;
            let _ = writeln!(
                out,
                "  {mark} {:.2} {:.2?} {}",
                dot(w, &f),
                f,
                g.texts[i].chars().take(90).collect::<String>()
            );
        }
        for (i, row) in g.rows.iter().enumerate() {
            if row.1 && !order.iter().take(3).any(|&k| k == i) {
                let rank = order.iter().position(|&k| k == i).unwrap_or(0) + 1;
                let _ = writeln!(
                    out,
                    "  ✓ #{rank} {:.2} {:.2?} {}",
                    dot(w, &row.0),
                    row.0,
                    g.texts[i].chars().take(90).collect::<String>()
                );
            }
        }
    }
    out
}

fn dot(w: &Features, f: &Features) -> f64 {
    w.iter().zip(f).map(|(a, b)| a * b).sum()
}

/// Logistic regression with an L2 penalty, by gradient descent; each group weighs the same
/// (its positives as much as its negatives).
pub fn fit(groups: &[&Group]) -> Features {
    let mut w: Features = [0.0; FEATURES];
    let lambda = 1e-3;
    let rate = 0.5;
    for _ in 0..3000 {
        let mut grad = [0.0; FEATURES];
        let mut total = 0.0;
        for g in groups {
            let positives = g.rows.iter().filter(|(_, r)| *r).count() as f64;
            let negatives = g.rows.len() as f64 - positives;
            for (f, right) in &g.rows {
                let p = 1.0 / (1.0 + (-dot(&w, f)).exp());
                let (y, weight) = if *right {
                    (1.0, 0.5 / positives)
                } else {
                    (0.0, 0.5 / negatives.max(1.0))
                };
                for k in 0..FEATURES {
                    grad[k] += weight * (p - y) * f[k];
                }
                total += weight;
            }
        }
        for k in 0..FEATURES {
            w[k] -= rate * (grad[k] / total + lambda * w[k]);
        }
    }
    w
}

/// Recall at 1 and 3 of a ranking by `w` over groups.
pub fn recall(w: &Features, groups: &[&Group]) -> (f64, f64) {
    let (mut at1, mut at3) = (0usize, 0usize);
    for g in groups {
        let mut order: Vec<&(Features, bool)> = g.rows.iter().collect();
        order.sort_by(|a, b| dot(w, &b.0).total_cmp(&dot(w, &a.0)));
        at1 += usize::from(order.first().is_some_and(|r| r.1));
        at3 += usize::from(order.iter().take(3).any(|r| r.1));
    }
    let n = groups.len().max(1) as f64;
    (at1 as f64 / n, at3 as f64 / n)
}

fn table_of(out: &mut String, title: &str, held_out: &[(String, f64, bool, usize)]) -> Result<()> {
    writeln!(out, "\n{title}\n")?;
    writeln!(out, "| confidence ≥ | drafts stated | right | precision |")?;
    writeln!(out, "|---|---|---|---|")?;
    for t in [0.5, 0.6, 0.7, 0.8, 0.85, 0.9] {
        let stated: Vec<_> = held_out.iter().filter(|(_, p, _, _)| *p >= t).collect();
        let right = stated.iter().filter(|(_, _, r, _)| *r).count();
        writeln!(
            out,
            "| {t:.2} | {} | {right} | {:.2} |",
            stated.len(),
            right as f64 / stated.len().max(1) as f64
        )?;
    }
    Ok(())
}

/// `DIR`, `DIR=FACTS_DIR`, either followed by `@WEIGHT` (the weight of its decisions in the
/// calibration, 1 by default).
fn split_spec(spec: &str) -> (PathBuf, PathBuf, f64) {
    let (spec, weight) = match spec.rsplit_once('@') {
        Some((s, w)) => (s, w.parse().unwrap_or(1.0)),
        None => (spec, 1.0),
    };
    match spec.split_once('=') {
        Some((d, f)) => (PathBuf::from(d), PathBuf::from(f), weight),
        None => (PathBuf::from(spec), PathBuf::from(spec), weight),
    }
}

fn probability(x: &[f64], w: &[f64]) -> f64 {
    let z: f64 = x.iter().zip(w).map(|(a, b)| a * b).sum();
    1.0 / (1.0 + (-z).exp())
}

pub fn run(args: &FitArgs) -> Result<String> {
    let (mut groups, mut decisions) = seed_data(args)?;
    for spec in &args.fit {
        let (documents, facts, weight) = split_spec(spec);
        let (g, d) = fact_data(&documents, &facts, weight)?;
        groups.extend(g);
        decisions.extend(d);
    }
    let mut test_groups = Vec::new();
    let mut test_decisions = Vec::new();
    for spec in &args.test {
        let (documents, facts, weight) = split_spec(spec);
        let (g, d) = fact_data(&documents, &facts, weight)?;
        test_groups.extend(g);
        test_decisions.extend(d);
    }
    if let Some(source) = &args.misses {
        groups.extend(test_groups);
        return Ok(misses(&matching::WEIGHTS, &groups, source));
    }
    let mut out = String::new();
    let sources: std::collections::BTreeSet<&str> =
        groups.iter().map(|g| g.source.as_str()).collect();
    writeln!(
        out,
        "Cross-validation, one source left out of the fit at a time:\n\n| left out | controls | recall@1 (current / fitted) | recall@3 (current / fitted) |"
    )?;
    writeln!(out, "|---|---|---|---|")?;
    let mut held_out: Vec<(String, f64, bool, usize)> = Vec::new();
    for left in &sources {
        let train: Vec<&Group> = groups.iter().filter(|g| g.source != *left).collect();
        let test: Vec<&Group> = groups.iter().filter(|g| g.source == *left).collect();
        let w = fit(&train);
        let calibration = fit_calibration(
            &decisions
                .iter()
                .filter(|d| d.source != *left)
                .filter_map(|d| calibration_example(d, &w).map(|(x, r)| (x, r, d.weight)))
                .collect::<Vec<_>>(),
        );
        let (c1, c3) = recall(&matching::WEIGHTS, &test);
        let (f1, f3) = recall(&w, &test);
        for d in decisions.iter().filter(|d| d.source == *left) {
            if let Some((x, right)) = calibration_example(d, &w) {
                let kind = if d.weight < 1.0 {
                    0
                } else if d.weight > 1.0 {
                    2
                } else {
                    1
                };
                held_out.push((left.to_string(), probability(&x, &calibration), right, kind));
            }
        }
        writeln!(
            out,
            "| {left} | {} | {c1:.2} / {f1:.2} | {c3:.2} / {f3:.2} |",
            test.len()
        )?;
    }
    table_of(
        &mut out,
        "Held-out calibration (each source's confidences from a fit without it):",
        &held_out,
    )?;
    for (kind, name) in [
        (0, "shipped vendors"),
        (1, "weight 1"),
        (2, "weighted above 1"),
    ] {
        let part: Vec<_> = held_out.iter().filter(|h| h.3 == kind).cloned().collect();
        if !part.is_empty() {
            table_of(&mut out, &format!("Held out, {name} only:"), &part)?;
        }
    }
    let all: Vec<&Group> = groups.iter().collect();
    let w = fit(&all);
    let calibration = fit_calibration(
        &decisions
            .iter()
            .filter_map(|d| calibration_example(d, &w).map(|(x, r)| (x, r, d.weight)))
            .collect::<Vec<_>>(),
    );
    if !test_groups.is_empty() {
        let test: Vec<&Group> = test_groups.iter().collect();
        let (c1, c3) = recall(&matching::WEIGHTS, &test);
        let (f1, f3) = recall(&w, &test);
        writeln!(
            out,
            "\nTest documents (never fitted on), {} controls answerable: recall@1 {c1:.2} current / {f1:.2} fitted, recall@3 {c3:.2} / {f3:.2}",
            test.len()
        )?;
        let tested: Vec<(String, f64, bool, usize)> = test_decisions
            .iter()
            .filter_map(|d| {
                calibration_example(d, &w)
                    .map(|(x, right)| (d.source.clone(), probability(&x, &calibration), right, 0))
            })
            .collect();
        table_of(
            &mut out,
            "Test documents, with the weights and calibration fitted on all the rest:",
            &tested,
        )?;
    }
    writeln!(out, "\nWEIGHTS (fitted on all): {w:.3?}")?;
    writeln!(out, "CALIBRATION (fitted on all): {calibration:.3?}")?;
    Ok(out)
}

/// One control of one imported document, for the calibration: its proposals' features (with
/// whether each is right), whether the control has an answer at all, and the language.
pub struct Decision {
    pub source: String,
    pub english: bool,
    pub proposals: Vec<(Features, bool)>,
    /// How much the decision weighs in the calibration's fit.
    pub weight: f64,
}

/// The calibration's inputs for a decision ranked by `w`, and whether its best proposal is right.
pub fn calibration_example(
    d: &Decision,
    w: &Features,
) -> Option<([f64; kurabe::import::draft::CALIBRATION_INPUTS], bool)> {
    let mut ranked: Vec<(matching::Proposal, bool)> = d
        .proposals
        .iter()
        .enumerate()
        .filter(|(_, (f, _))| f[..4].iter().any(|&x| x > 0.0))
        .map(|(i, (f, right))| {
            (
                matching::Proposal {
                    passage: i,
                    score: dot(w, f),
                    features: *f,
                },
                *right,
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.0.score.total_cmp(&a.0.score));
    let (best, right) = ranked.first()?;
    let f = best.features;
    if !(f[2] > 0.0 || f[3] > 0.0) || f[4] < 0.0 {
        return None;
    }
    let right = *right;
    let proposals: Vec<matching::Proposal> = ranked.iter().map(|(p, _)| *p).collect();
    Some((
        kurabe::import::draft::calibration_inputs(&proposals, d.english),
        right,
    ))
}

/// Plain logistic regression (every example weighs the same) with a small L2 penalty.
pub fn fit_calibration(
    examples: &[([f64; kurabe::import::draft::CALIBRATION_INPUTS], bool, f64)],
) -> [f64; kurabe::import::draft::CALIBRATION_INPUTS] {
    const N: usize = kurabe::import::draft::CALIBRATION_INPUTS;
    let mut w = [0.0; N];
    for _ in 0..5000 {
        let mut grad = [0.0; N];
        for (x, right, weight) in examples {
            let z: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = f64::from(u8::from(*right));
            for k in 0..N {
                grad[k] += weight * (p - y) * x[k];
            }
        }
        let n: f64 = examples.iter().map(|e| e.2).sum::<f64>().max(1.0);
        for k in 0..N {
            w[k] -= 0.5 * (grad[k] / n + 1e-3 * w[k]);
        }
    }
    w
}
