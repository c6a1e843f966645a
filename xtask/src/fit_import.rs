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
}

/// One control of one imported document: every candidate passage's features and whether it
/// is right.
pub struct Group {
    pub source: String,
    pub rows: Vec<(Features, bool)>,
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
            });
            if truth.status != Status::NotStated && rows.iter().any(|(_, r)| *r) {
                groups.push(Group {
                    source: vendor.id().to_string(),
                    rows,
                });
            }
        }
    }
    Ok((groups, decisions))
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

pub fn run(args: &FitArgs) -> Result<String> {
    let (groups, decisions) = seed_data(args)?;
    let mut out = String::new();
    let sources: std::collections::BTreeSet<&str> =
        groups.iter().map(|g| g.source.as_str()).collect();
    writeln!(
        out,
        "| left out | controls | recall@1 (current / fitted) | recall@3 (current / fitted) | stated ≥ {:.2}: right / all |",
        kurabe::import::draft::STATED_FROM
    )?;
    writeln!(out, "|---|---|---|---|---|")?;
    let mut held_out: Vec<(f64, bool)> = Vec::new();
    for left in &sources {
        let train: Vec<&Group> = groups.iter().filter(|g| g.source != *left).collect();
        let test: Vec<&Group> = groups.iter().filter(|g| g.source == *left).collect();
        let w = fit(&train);
        let calibration = fit_calibration(
            &decisions
                .iter()
                .filter(|d| d.source != *left)
                .filter_map(|d| calibration_example(d, &w))
                .collect::<Vec<_>>(),
        );
        let (c1, c3) = recall(&matching::WEIGHTS, &test);
        let (f1, f3) = recall(&w, &test);
        let mut stated = (0, 0);
        for d in decisions.iter().filter(|d| d.source == *left) {
            let Some((x, right)) = calibration_example(d, &w) else {
                continue;
            };
            let z: f64 = x.iter().zip(&calibration).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            held_out.push((p, right));
            if p >= kurabe::import::draft::STATED_FROM {
                stated.1 += 1;
                stated.0 += usize::from(right);
            }
        }
        writeln!(
            out,
            "| {left} | {} | {c1:.2} / {f1:.2} | {c3:.2} / {f3:.2} | {} / {} |",
            test.len(),
            stated.0,
            stated.1
        )?;
    }
    writeln!(
        out,
        "\nHeld-out calibration (each vendor's confidences from a fit without it):\n"
    )?;
    writeln!(out, "| confidence ≥ | drafts stated | right | precision |")?;
    writeln!(out, "|---|---|---|---|")?;
    for t in [0.5, 0.6, 0.7, 0.8, 0.85, 0.9] {
        let stated: Vec<&(f64, bool)> = held_out.iter().filter(|(p, _)| *p >= t).collect();
        let right = stated.iter().filter(|(_, r)| *r).count();
        writeln!(
            out,
            "| {t:.2} | {} | {right} | {:.2} |",
            stated.len(),
            right as f64 / stated.len().max(1) as f64
        )?;
    }
    let all: Vec<&Group> = groups.iter().collect();
    let w = fit(&all);
    let calibration = fit_calibration(
        &decisions
            .iter()
            .filter_map(|d| calibration_example(d, &w))
            .collect::<Vec<_>>(),
    );
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
    let right = ranked.first()?.1;
    let proposals: Vec<matching::Proposal> = ranked.iter().map(|(p, _)| *p).collect();
    Some((
        kurabe::import::draft::calibration_inputs(&proposals, d.english),
        right,
    ))
}

/// Plain logistic regression (every example weighs the same) with a small L2 penalty.
pub fn fit_calibration(
    examples: &[([f64; kurabe::import::draft::CALIBRATION_INPUTS], bool)],
) -> [f64; kurabe::import::draft::CALIBRATION_INPUTS] {
    const N: usize = kurabe::import::draft::CALIBRATION_INPUTS;
    let mut w = [0.0; N];
    for _ in 0..5000 {
        let mut grad = [0.0; N];
        for (x, right) in examples {
            let z: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = f64::from(u8::from(*right));
            for k in 0..N {
                grad[k] += (p - y) * x[k];
            }
        }
        let n = examples.len().max(1) as f64;
        for k in 0..N {
            w[k] -= 0.5 * (grad[k] / n + 1e-3 * w[k]);
        }
    }
    w
}
