//! Composing the generator's answers: values, and clauses filled from the word banks.

use super::words::*;
use super::{q, Rng};
use std::fmt::Write as _;

/// A value and its English and Japanese wording.
pub(super) struct GenValue {
    pub(super) yaml: String,
    pub(super) en: String,
    pub(super) ja: String,
}

pub(super) fn gen_value(kind: ValueKind, rng: &mut Rng) -> Option<GenValue> {
    let time = |amount: u64, unit: &str, en: &str, ja: &str| GenValue {
        yaml: format!("{{ kind: duration, amount: {amount}, unit: {unit} }}"),
        en: format!("{amount} {en}{}", if amount == 1 { "" } else { "s" }),
        ja: format!("{amount}{ja}"),
    };
    Some(match kind {
        ValueKind::None => return None,
        ValueKind::Days => time(*rng.pick(&[7, 14, 30, 60, 90, 180]), "days", "day", "日"),
        ValueKind::Months => time(rng.range(1, 24), "months", "month", "か月"),
        ValueKind::Hours => time(*rng.pick(&[1, 4, 24, 48, 72]), "hours", "hour", "時間"),
        ValueKind::Minutes => time(*rng.pick(&[10, 15, 30, 60, 120]), "minutes", "minute", "分"),
        ValueKind::Generations => {
            let n = rng.range(2, 60);
            GenValue {
                yaml: format!("{{ kind: count, amount: {n}, unit: generations }}"),
                en: format!("{n} generations"),
                ja: format!("{n}世代"),
            }
        }
        ValueKind::EveryYear => {
            let n = rng.range(1, 2);
            GenValue {
                yaml: format!("{{ kind: interval, amount: {n}, unit: years }}"),
                en: if n == 1 {
                    "year".to_string()
                } else {
                    format!("{n} years")
                },
                ja: format!("{n}年"),
            }
        }
        ValueKind::Percent => {
            let n = *rng.pick(&[99.0, 99.5, 99.9, 99.95, 99.99]);
            GenValue {
                yaml: format!("{{ kind: percentage, amount: {n:.2} }}"),
                en: format!("{n:.2}%"),
                ja: format!("{n:.2}%"),
            }
        }
        ValueKind::Standards | ValueKind::Providers | ValueKind::Countries => {
            let pool: &[&str] = match kind {
                ValueKind::Standards => STANDARDS,
                ValueKind::Providers => PROVIDERS,
                _ => &["Japan", "Japan", "Japan", "Singapore", "United States"],
            };
            let count = 1 + rng.below(3);
            let mut items: Vec<&str> = Vec::new();
            for _ in 0..count {
                let item = *rng.pick(pool);
                if !items.contains(&item) {
                    items.push(item);
                }
            }
            let joined = items.join(", ");
            GenValue {
                yaml: format!(
                    "{{ kind: list, items: [{}] }}",
                    items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
                ),
                en: joined.clone(),
                ja: joined,
            }
        }
    })
}

/// Fills a clause's placeholders.
pub(super) fn fill(template: &str, value: Option<&GenValue>, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        match key {
            "v" => match value {
                Some(v) => out.push_str(&v.en),
                None => {
                    let _ = write!(out, "{} days", rng.range(1, 90));
                }
            },
            "vj" => match value {
                Some(v) => out.push_str(&v.ja),
                None => {
                    let _ = write!(out, "{}日", rng.range(1, 90));
                }
            },
            "n" => {
                let _ = write!(out, "{}", rng.range(2, 30));
            }
            "m" => {
                let _ = write!(out, "{}", rng.range(1, 12));
            }
            "p" => out.push_str(rng.word(PROVIDERS)),
            "s" => out.push_str(rng.word(STANDARDS)),
            "a" => out.push_str(rng.word(ALGORITHMS)),
            "c" => out.push_str(rng.word(PLACES)),
            "ce" => out.push_str(rng.word(PLACES_EN)),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A sentence of `count` clauses from the category's bank (and, sometimes, the generic one).
pub(super) fn sentence(
    bank: &[&str],
    generic: &[&str],
    count: usize,
    value: Option<&GenValue>,
    rng: &mut Rng,
) -> Vec<String> {
    let japanese = bank.first().is_some_and(|s| !s.is_ascii());
    let mut used: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for _ in 0..count {
        let template = if rng.chance(25) {
            *rng.pick(generic)
        } else {
            let mut i = rng.below(bank.len());
            if used.contains(&i) {
                i = (i + 1) % bank.len();
            }
            used.push(i);
            bank[i]
        };
        let mut clause = fill(template, value, rng);
        // Qualifiers and references, so that few clauses come out the same twice.
        if rng.chance(40) {
            let qualifier = *rng.pick(if japanese {
                QUALIFIERS_JA
            } else {
                QUALIFIERS_EN
            });
            clause = format!("{}{clause}", fill(qualifier, value, rng));
        }
        if rng.chance(35) {
            let reference = *rng.pick(if japanese {
                REFERENCES_JA
            } else {
                REFERENCES_EN
            });
            clause.push_str(&fill(reference, value, rng));
        }
        out.push(clause);
    }
    out
}

pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
