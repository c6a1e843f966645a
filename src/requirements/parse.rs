//! The requirements file as written: read strictly (unknown fields are errors), with bounds
//! either as one string (`max: 90 days`) or as a mapping (`max: { amount: 90, unit: days }`).
//! Units are kept as written here and checked, with their line and column, in [`super::load`].

use super::{Level, Unit};
use crate::catalog::{Polarity, Text};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementsFile {
    pub profile: ProfileHeader,
    pub requirements: Vec<RawRequirement>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileHeader {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequirement {
    pub control: String,
    #[serde(default)]
    pub max: Option<Bound>,
    #[serde(default)]
    pub min: Option<Bound>,
    /// Checked in [`super::load`], so that a wrong word is reported where it stands.
    #[serde(default)]
    pub from: Option<String>,
    /// Checked in [`super::load`], like `from`.
    #[serde(default)]
    pub schedule: Option<String>,
    #[serde(default)]
    pub polarity: Option<Polarity>,
    #[serde(default)]
    pub includes: Option<Vec<String>>,
    #[serde(default)]
    pub stated: Option<bool>,
    pub level: Level,
    #[serde(default)]
    pub note: Option<Text>,
}

/// A bound as written: its amount and its unit's word, not yet checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub amount: f64,
    pub unit: String,
}

impl<'de> Deserialize<'de> for Bound {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bound, D::Error> {
        d.deserialize_any(BoundVisitor)
    }
}

struct BoundVisitor;

const EXPECTED: &str = "an amount with its unit, as `90 days` or `{ amount: 90, unit: days }`";

impl<'de> Visitor<'de> for BoundVisitor {
    type Value = Bound;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Bound, E> {
        split_amount(s).ok_or_else(|| {
            E::custom(format!(
                "`{s}` is not an amount with a unit: write e.g. `90 days`, `7 generations`, `99.9 percent`"
            ))
        })
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Bound, E> {
        Err(E::custom(format!(
            "`{n}` has no unit: write e.g. `{n} days`, `{n} generations` or `{n} percent`"
        )))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Bound, E> {
        self.visit_u64(n.unsigned_abs())
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Bound, E> {
        Err(E::custom(format!(
            "`{n}` has no unit: write e.g. `{n} percent` or `{n} days`"
        )))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Bound, A::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct AmountUnit {
            amount: f64,
            unit: String,
        }
        let AmountUnit { amount, unit } =
            AmountUnit::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Bound { amount, unit })
    }
}

/// "90 days" → (90, "days"); "99.9%" → (99.9, "%"); "7世代" → (7, "世代").
fn split_amount(s: &str) -> Option<Bound> {
    let s = s.trim();
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let amount: f64 = s[..end].parse().ok()?;
    let unit = s[end..].trim();
    (amount.is_finite() && !unit.is_empty()).then(|| Bound {
        amount,
        unit: unit.to_string(),
    })
}

/// The unit a word names, in English (singular or plural) or Japanese: the time units are the
/// value reader's own ([`crate::values::time_unit`]), so a profile reads units as vendors' and
/// reviewers' values do ("5 business days", 「5営業日」).
pub fn unit(word: &str) -> Option<Unit> {
    if let Some(u) = crate::values::time_unit(word) {
        // A bare 月 is a month of the calendar (「3月」), not a length of time, in a bound.
        return (word.trim() != "月").then_some(Unit::Time(u));
    }
    match word.trim().to_lowercase().as_str() {
        "generation" | "generations" | "世代" => Some(Unit::Generations),
        "percent" | "%" | "％" => Some(Unit::Percent),
        _ => None,
    }
}

/// The units, for messages.
pub const UNITS: &str =
    "minutes, hours, days, business days, weeks, months, years, generations, percent";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::TimeUnit;

    #[test]
    fn amounts_split_from_their_units() {
        let b = |a: f64, u: &str| {
            Some(Bound {
                amount: a,
                unit: u.to_string(),
            })
        };
        assert_eq!(split_amount("90 days"), b(90.0, "days"));
        assert_eq!(split_amount("99.9%"), b(99.9, "%"));
        assert_eq!(split_amount(" 7 世代 "), b(7.0, "世代"));
        assert_eq!(split_amount("90"), None);
        assert_eq!(split_amount("days"), None);
        assert_eq!(split_amount("1.2.3 days"), None);
        assert_eq!(split_amount("5 business days"), b(5.0, "business days"));
        assert_eq!(split_amount("5営業日"), b(5.0, "営業日"));
    }

    #[test]
    fn unit_words_in_both_languages() {
        assert_eq!(unit("Days"), Some(Unit::Time(TimeUnit::Days)));
        assert_eq!(unit("時間"), Some(Unit::Time(TimeUnit::Hours)));
        assert_eq!(unit("ヶ月"), Some(Unit::Time(TimeUnit::Months)));
        assert_eq!(unit("percent"), Some(Unit::Percent));
        assert_eq!(
            unit("business days"),
            Some(Unit::Time(TimeUnit::BusinessDays))
        );
        assert_eq!(unit("営業日"), Some(Unit::Time(TimeUnit::BusinessDays)));
        assert_eq!(unit("fortnights"), None);
        assert_eq!(unit("月"), None);
    }
}
