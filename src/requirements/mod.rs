//! Your own requirements (社内基準): a profile of requirements, each on one control of the
//! catalogue, and every vendor's answer judged against it — meets, fails, check or not stated —
//! with the reason in words and the quotes behind it.
//!
//! The core is pure: [`load`] reads requirements files through the catalogue's YAML gate and
//! checks them against a catalogue; [`judge`] decides an outcome from a requirement and an
//! answer. Reports (scorecard, follow-up questions) are laid out in `crate::export`.

pub mod judge;
pub mod load;
mod parse;
pub mod series;
pub mod standards;
pub mod template;
pub mod words;

pub use judge::{judge, scorecard, Judgement, Reason, Scorecard, Tally};
pub use load::{load_dir, load_file, load_str, LoadedProfile};

use crate::catalog::{Lang, Polarity, Schedule, Since, Text, TimeUnit};
use serde::Serialize;

/// A company's standard: an id, a name and its requirements, in the order of its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: String,
    pub name: Text,
    /// The file it was read from, for messages.
    pub file: String,
    pub requirements: Vec<Requirement>,
}

impl Profile {
    /// The requirements on one control, with their positions in the profile.
    pub fn on_control<'p>(
        &'p self,
        control: &'p str,
    ) -> impl Iterator<Item = (usize, &'p Requirement)> + 'p {
        self.requirements
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.control == control)
    }
}

/// One requirement on one control.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub control: String,
    pub test: Test,
    /// What a bound counts from, where that matters (`from: contract-end`).
    pub from: Option<Since>,
    /// The series a bound on generations is about (`schedule: every-2-hours`); without it,
    /// a daily one.
    pub schedule: Option<Schedule>,
    pub level: Level,
    pub note: Option<Text>,
}

/// What a requirement asks of an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// The value is at most this (`max: 90 days`).
    Max(Quantity),
    /// The value is at least this (`min: 7 generations`).
    Min(Quantity),
    /// The answer to a yes/no question is this (`polarity: yes`).
    Polarity(Polarity),
    /// The list names each of these, in any edition or with any registration id
    /// (`includes: ["ISO/IEC 27017"]`).
    Includes(Vec<String>),
    /// The vendor's documents answer the question at all (`stated: true`).
    Stated,
}

/// How much a requirement weighs: a `must` gates a review, a `should` is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Must,
    Should,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Must => "must",
            Level::Should => "should",
        }
    }
}

/// The outcome of one requirement for one vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Meets,
    Fails,
    /// Partial, conditional, a value that cannot be compared, a draft: a person must look.
    Check,
    NotStated,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Meets,
        Outcome::Fails,
        Outcome::Check,
        Outcome::NotStated,
    ];

    /// The word the JSON and the files use: `meets`, `not_stated`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Meets => "meets",
            Outcome::Fails => "fails",
            Outcome::Check => "check",
            Outcome::NotStated => "not_stated",
        }
    }
}

/// An amount with its unit, as a bound is written: `90 days`, `7 generations`, `99.9 percent`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub amount: f64,
    pub unit: Unit,
}

/// The units a bound may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Time(TimeUnit),
    Generations,
    Percent,
}

impl Quantity {
    /// "45 days" / "45日", "7 generations" / "7世代", "99.9%".
    pub fn label(&self, lang: Lang) -> String {
        words::quantity(self, lang)
    }
}

/// A profile judged for a list of vendors.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation<'a> {
    pub vendors: Vec<VendorEvaluation<'a>>,
}

/// One vendor's outcomes, in the profile's order, and their counts.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorEvaluation<'a> {
    /// The vendor's index in the catalogue.
    pub vendor: usize,
    pub judgements: Vec<Judgement<'a>>,
    pub card: Scorecard,
}

impl Evaluation<'_> {
    /// Every vendor meets every `must` (the gate a script can test).
    pub fn all_musts_met(&self) -> bool {
        self.vendors.iter().all(|v| v.card.must.all_met())
    }
}

/// Judges every requirement of `profile` for each of `vendors` (indices into `catalog`).
pub fn evaluate<'a>(
    profile: &Profile,
    catalog: &'a crate::catalog::Catalog,
    vendors: &[usize],
) -> Evaluation<'a> {
    Evaluation {
        vendors: vendors
            .iter()
            .map(|&vendor| {
                let judgements = judge::evaluate_vendor(profile, catalog, vendor);
                let card = scorecard(profile, &judgements);
                VendorEvaluation {
                    vendor,
                    judgements,
                    card,
                }
            })
            .collect(),
    }
}
