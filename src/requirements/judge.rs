//! Judging an answer against a requirement. Only exact comparisons decide: minutes, hours, days
//! and weeks convert into each other, months and years into each other, business days compare
//! only with business days, and a bound in days against "3 months" or "5 business days" is
//! `check`, never a guess. Whatever a person must look at — a partial or
//! conditional answer, a draft, a value of another kind, another starting point — is `check`.

use super::{series, standards, Level, Outcome, Profile, Quantity, Requirement, Test, Unit};
use crate::catalog::{Answer, Catalog, Polarity, Quote, Schedule, Since, Status, TimeUnit, Value};
use std::cmp::Ordering;

/// The outcome of one requirement for one vendor, why, and the quotes behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement<'a> {
    /// The requirement's position in its profile.
    pub requirement: usize,
    pub outcome: Outcome,
    pub reason: Reason,
    pub quotes: &'a [Quote],
}

/// Why an outcome is what it is; [`super::words::reason`] says it in English or Japanese.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The vendor's documents say nothing on the control.
    NotStated,
    /// The answer is an importer's draft nobody has reviewed yet (stated, partial or not
    /// stated alike).
    Draft,
    /// The answer is only partly stated.
    Partial,
    /// The answer is "yes, if …".
    Conditional,
    /// The answer is stated (what `stated: true` asks).
    Stated,
    /// A stated answer without a value to compare the bound with.
    NoValue,
    /// The value is of another kind than the bound (a calendar rule against days).
    OtherKind(Value, Quantity),
    /// The value and the bound have no exact conversion (months against days).
    Inexact(Value, Quantity),
    /// The value counts from another starting point than the requirement.
    OtherStart(Value, Since),
    /// The value does not say what it counts from; the requirement does.
    StartNotStated(Value, Since),
    /// The value compared with the bound: `within` says whether it keeps to it. `counted`
    /// is the value counted from the requirement's starting point, where that differs
    /// (30 days from the day after the contract ends is 31 days after it ends).
    Compared {
        value: Value,
        bound: Quantity,
        max: bool,
        within: bool,
        counted: Option<(Quantity, Since)>,
    },
    /// The answer is yes or no, and the requirement asks for `wanted`.
    Polarity { got: Polarity, wanted: Polarity },
    /// The answer does not say yes or no.
    NoPolarity,
    /// The list, what the requirement asks for that it does not name, and how it names the
    /// rest where that is not by name (through a scheme, or without the edition asked for).
    Listed {
        items: Vec<String>,
        missing: Vec<String>,
        notes: Vec<standards::ListNote>,
    },
    /// The answer gives no list to look in.
    NoList,
    /// The vendor keeps no series of the schedule the bound is about; each series it keeps.
    OtherSchedule {
        series: Vec<Value>,
        wanted: Schedule,
    },
    /// The series does not say how often it is taken; the requirement names a schedule.
    ScheduleNotStated(Value, Schedule),
}

/// Judges `answer` (absent: not stated) against `requirement`.
pub fn judge<'a>(
    index: usize,
    requirement: &Requirement,
    answer: Option<&'a Answer>,
) -> Judgement<'a> {
    let (outcome, reason) = decide(requirement, answer);
    Judgement {
        requirement: index,
        outcome,
        reason,
        quotes: answer
            .filter(|a| a.status != Status::NotStated)
            .map_or(&[], |a| a.quotes.as_slice()),
    }
}

fn decide(r: &Requirement, answer: Option<&Answer>) -> (Outcome, Reason) {
    // An importer's draft is its reading of the documents, not a fact, whatever it proposes
    // (not stated included): a person must look before it can meet or fail anything.
    if answer.is_some_and(|a| a.draft) {
        return (Outcome::Check, Reason::Draft);
    }
    let Some(a) = answer.filter(|a| a.status != Status::NotStated) else {
        return (Outcome::NotStated, Reason::NotStated);
    };
    if a.status == Status::Partial {
        return (Outcome::Check, Reason::Partial);
    }
    if a.polarity == Some(Polarity::Conditional) {
        return (Outcome::Check, Reason::Conditional);
    }
    match &r.test {
        Test::Stated => (Outcome::Meets, Reason::Stated),
        Test::Polarity(wanted) => match a.polarity {
            None => (Outcome::Check, Reason::NoPolarity),
            Some(got) => (
                met_if(got == *wanted),
                Reason::Polarity {
                    got,
                    wanted: *wanted,
                },
            ),
        },
        Test::Includes(wanted) => match &a.value {
            Some(Value::List { items }) => standards::judge_list(items, wanted),
            _ => (Outcome::Check, Reason::NoList),
        },
        Test::Max(bound) => bounded(r, a, *bound, true),
        Test::Min(bound) => bounded(r, a, *bound, false),
    }
}

fn bounded(r: &Requirement, a: &Answer, bound: Quantity, max: bool) -> (Outcome, Reason) {
    let Some(value) = &a.value else {
        return (Outcome::Check, Reason::NoValue);
    };
    let other = || (Outcome::Check, Reason::OtherKind(value.clone(), bound));
    let (amount, unit, shift) = match (value, bound.unit) {
        (Value::Indefinite, Unit::Time(_)) => {
            // Without a time limit is longer than any length of time.
            return compared(value, bound, max, !max, None);
        }
        (Value::Duration { amount, unit, from }, Unit::Time(_)) => {
            match start_shift(r.from, *from) {
                Ok(shift) => (*amount, Unit::Time(*unit), shift),
                Err((reason, wanted)) => return (Outcome::Check, reason(value.clone(), wanted)),
            }
        }
        (Value::Interval { amount, unit }, Unit::Time(_)) => (*amount, Unit::Time(*unit), None),
        (Value::Count { .. }, Unit::Generations) => {
            return series::judge_generations(r, value, bound, max)
        }
        (Value::Percentage { amount, .. }, Unit::Percent) => (*amount, Unit::Percent, None),
        _ => return other(),
    };
    let counted = match shift {
        None => Quantity { amount, unit },
        Some(days) => match unit {
            Unit::Time(u) => match in_minutes(u) {
                Some(per) => in_whole_units(amount * per + days * 1440.0),
                None => return (Outcome::Check, Reason::Inexact(value.clone(), bound)),
            },
            _ => return other(),
        },
    };
    let Some(order) = compare(counted, bound) else {
        return (Outcome::Check, Reason::Inexact(value.clone(), bound));
    };
    let within = if max {
        order != Ordering::Greater
    } else {
        order != Ordering::Less
    };
    let counted = shift.and(r.from).map(|from| (counted, from));
    compared(value, bound, max, within, counted)
}

/// A value compared with a bound: met when it is `within`.
pub(super) fn compared(
    value: &Value,
    bound: Quantity,
    max: bool,
    within: bool,
    counted: Option<(Quantity, Since)>,
) -> (Outcome, Reason) {
    (
        met_if(within),
        Reason::Compared {
            value: value.clone(),
            bound,
            max,
            within,
            counted,
        },
    )
}

fn met_if(yes: bool) -> Outcome {
    if yes {
        Outcome::Meets
    } else {
        Outcome::Fails
    }
}

/// How a duration that counts from the wrong point is explained: [`Reason::OtherStart`] or
/// [`Reason::StartNotStated`], with the requirement's starting point.
type StartProblem = (fn(Value, Since) -> Reason, Since);

/// Days to add to a duration so that it counts from the requirement's starting point
/// (`Ok(None)` when none are needed), or why it cannot be counted from there.
fn start_shift(wanted: Option<Since>, given: Option<Since>) -> Result<Option<f64>, StartProblem> {
    let Some(wanted) = wanted else {
        return Ok(None);
    };
    match given {
        Some(given) if given == wanted => Ok(None),
        Some(Since::DayAfterContractEnd) if wanted == Since::ContractEnd => Ok(Some(1.0)),
        Some(Since::ContractEnd) if wanted == Since::DayAfterContractEnd => Ok(Some(-1.0)),
        None | Some(Since::Unspecified) => Err((Reason::StartNotStated, wanted)),
        Some(_) => Err((Reason::OtherStart, wanted)),
    }
}

/// Minutes in one unit of the fixed-length units; months and years have no fixed length, nor
/// business days (weekends and holidays fall between them).
fn in_minutes(unit: TimeUnit) -> Option<f64> {
    match unit {
        TimeUnit::Minutes => Some(1.0),
        TimeUnit::Hours => Some(60.0),
        TimeUnit::Days => Some(1440.0),
        TimeUnit::Weeks => Some(10080.0),
        TimeUnit::Months | TimeUnit::Years | TimeUnit::BusinessDays => None,
    }
}

/// A number of minutes in the largest of days, hours and minutes it is a whole number of, so
/// that the comparison stays exact.
fn in_whole_units(minutes: f64) -> Quantity {
    let unit = [TimeUnit::Days, TimeUnit::Hours]
        .into_iter()
        .find(|&u| in_minutes(u).is_some_and(|per| (minutes / per).fract() == 0.0))
        .unwrap_or(TimeUnit::Minutes);
    Quantity {
        amount: minutes / in_minutes(unit).unwrap_or(1.0),
        unit: Unit::Time(unit),
    }
}

fn in_months(unit: TimeUnit) -> Option<f64> {
    match unit {
        TimeUnit::Months => Some(1.0),
        TimeUnit::Years => Some(12.0),
        _ => None,
    }
}

/// The order of a value and a bound, where one converts exactly into the other.
pub fn compare(value: Quantity, bound: Quantity) -> Option<Ordering> {
    let (v, b) = match (value.unit, bound.unit) {
        (vu, bu) if vu == bu => (value.amount, bound.amount),
        (Unit::Time(vu), Unit::Time(bu)) => match (in_minutes(vu), in_minutes(bu)) {
            (Some(vm), Some(bm)) => (value.amount * vm, bound.amount * bm),
            (None, None) => (value.amount * in_months(vu)?, bound.amount * in_months(bu)?),
            _ => return None,
        },
        _ => return None,
    };
    v.partial_cmp(&b)
}

/// Counts of outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Tally {
    pub meets: usize,
    pub fails: usize,
    pub check: usize,
    pub not_stated: usize,
}

impl Tally {
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Meets => self.meets += 1,
            Outcome::Fails => self.fails += 1,
            Outcome::Check => self.check += 1,
            Outcome::NotStated => self.not_stated += 1,
        }
    }

    pub fn get(&self, outcome: Outcome) -> usize {
        match outcome {
            Outcome::Meets => self.meets,
            Outcome::Fails => self.fails,
            Outcome::Check => self.check,
            Outcome::NotStated => self.not_stated,
        }
    }

    /// Everything counted is met.
    pub fn all_met(&self) -> bool {
        self.fails + self.check + self.not_stated == 0
    }
}

/// A vendor's outcomes counted by level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scorecard {
    pub must: Tally,
    pub should: Tally,
}

impl Scorecard {
    pub fn all(&self) -> Tally {
        Tally {
            meets: self.must.meets + self.should.meets,
            fails: self.must.fails + self.should.fails,
            check: self.must.check + self.should.check,
            not_stated: self.must.not_stated + self.should.not_stated,
        }
    }
}

/// Every requirement of `profile` judged for one vendor of `catalog`, in the profile's order.
pub fn evaluate_vendor<'a>(
    profile: &Profile,
    catalog: &'a Catalog,
    vendor: usize,
) -> Vec<Judgement<'a>> {
    profile
        .requirements
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let answer = catalog
                .control_index(&r.control)
                .and_then(|c| catalog.answer(vendor, c));
            judge(i, r, answer)
        })
        .collect()
}

/// The outcomes counted by the level of their requirements.
pub fn scorecard(profile: &Profile, judgements: &[Judgement]) -> Scorecard {
    let mut card = Scorecard::default();
    for j in judgements {
        match profile.requirements.get(j.requirement).map(|r| r.level) {
            Some(Level::Must) => card.must.add(j.outcome),
            Some(Level::Should) => card.should.add(j.outcome),
            None => {}
        }
    }
    card
}
