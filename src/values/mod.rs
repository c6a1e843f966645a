//! The quantities people write, read into the catalogue's typed [`Value`]s: one reader for a
//! vendor's sentences (the importer, `kurabe check`) and for what a reviewer types into the
//! draft review's value field ([`read_typed`]).
//!
//! What it reads (text is NFKC-normalized first, so full-width digits and units read as ASCII
//! ones; kanji numerals before a counter read as digits: 「三十日」, 「年に一度」):
//! - durations: 「30日」, 「93 日間」, 「60日経過後」, 「2週間程度」, 「72時間以内」, 「3ヶ月」,
//!   "for 90 days", "within 30 days", "a 30-day retention", "24 hours";
//! - business days, a unit of their own never converted into calendar days: 「1営業日以内」,
//!   "5 business days";
//! - ranges as their upper bound (a vendor promising "5 to 10 minutes" commits to no more than
//!   10, and that is the figure a reviewer compares): 「5 分から 10分」, 「11～30分」, "5-10 minutes";
//! - intervals: 「毎日」, 「日次」, 「1日1回」, 「年1回」, 「年に一度」, 「3か月に1回」, 「2時間おき」,
//!   「14日ごと」, "daily", "annually", "every 24 hours", "once a year", "twice a year";
//! - counts: 「7世代」, "7 generations", "7 daily backups" (7 generations taken daily);
//! - percentages: 「99.9%」, "99.95 percent"; without a time limit: 「無期限」, "indefinitely";
//! - what a duration counts from (`from`), where the sentence says it: 「契約終了日から45日後」,
//!   「解約後60日」, 「契約終了の翌日から30日」, 「作業の2週間前」, "30 days after the contract
//!   ends", "within 30 days of cancellation", "72 hours after detection" (see `since.rs`);
//! - list items: certificate ids and countries (see `items.rs`).
//!
//! Never quantities: dates (「2019年6月18日」, 「令和5年」, 「毎月10日」), service hours
//! (「24時間365日」, "24/7"), ordinals (「第3営業日」), fractions (「3分の1」), version and section
//! numbers ("TLS 1.2", "5.1.2").
//!
//! Every form the app displays reads back as the value it displays ([`Value::label`] in English
//! and Japanese): the tests hold every value of the shipped catalogue to it.
//!
//! Pure functions only.

use crate::catalog::{TimeUnit, Value};
use std::ops::Range;

mod check;
mod items;
mod normalize;
mod scan;
mod since;
mod typed;
mod units;

pub use check::{disagreements, Disagreement};
pub use items::{classify_item, find_items, Item, ItemKind};
pub use normalize::nfkc;
pub use typed::{read_typed, understood, TypedError};
pub use units::time_unit;

/// The kinds of [`Value`], for asking for one kind in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Duration,
    Interval,
    Count,
    Percentage,
    List,
    /// Kinds the reader does not find in sentences (service hours, indefinite, calendar
    /// rules): a curator writes them.
    Written,
}

impl Kind {
    pub fn of(value: &Value) -> Kind {
        match value {
            Value::Duration { .. } => Kind::Duration,
            Value::Interval { .. } => Kind::Interval,
            Value::Count { .. } => Kind::Count,
            Value::Percentage { .. } => Kind::Percentage,
            Value::List { .. } => Kind::List,
            Value::ServiceHours { .. } | Value::Indefinite | Value::CalendarRule { .. } => {
                Kind::Written
            }
        }
    }

    /// The kind with its article, for `kurabe check`'s English: "a length of time", "an
    /// interval".
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Duration => "a length of time",
            Kind::Interval => "an interval",
            Kind::Count => "a count",
            Kind::Percentage => "a percentage",
            Kind::List => "a list",
            Kind::Written => "a written value",
        }
    }

    /// Whether `value` answers a control asking for this kind: a length of time is answered
    /// by a duration, or by "without a time limit".
    fn answered_by(self, value: &Value) -> bool {
        Kind::of(value) == self || (self == Kind::Duration && *value == Value::Indefinite)
    }
}

/// One quantity a text states, with where it stands, so that an importer can choose among
/// several and show the words around each (`&text[..span.start]`, `&text[span.end..]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub value: Value,
    /// Byte range, in the text given, of the amount and its unit: 「45日」, "every 24 hours",
    /// 「5 分から 10分」.
    pub quantity: Range<usize>,
    /// Byte range of all that was read into the value: the quantity and the phrase that says
    /// what it counts from (「契約終了日から45日」, 「作業の2週間前」, "30 days of cancellation").
    pub span: Range<usize>,
    /// Inside a worked example (「例えば…」, 「(例: …)」, "for example …", "e.g. …"): the
    /// document shows what a setting could be, not what it is.
    pub in_example: bool,
}

/// Every quantity in `text`, in order of appearance.
pub fn find_all(text: &str) -> Vec<Mention> {
    let scan = scan::Scan::new(text);
    scan.found
        .iter()
        .map(|raw| Mention {
            value: raw.value.clone(),
            quantity: scan.prepared.original(raw.quantity.clone()),
            span: scan.prepared.original(raw.span()),
            in_example: raw.in_example,
        })
        .collect()
}

/// What a clause boundary between a term and a quantity counts for, in characters.
pub const CLAUSE: usize = 50;

/// The value `text` (a sentence or a table row) states for a control asking for `kind`, by
/// this rule:
/// 1. only quantities of that kind count (a length of time may also be 「無期限」); dates,
///    service hours, ordinals and version numbers are never quantities;
/// 2. none inside a worked example (「例えば…」, "for example …");
/// 3. of the rest, the one nearest a mention of one of the control's `terms` (any case; a
///    term that occurs nowhere is ignored): nearness in characters, each clause boundary
///    (、 , ; 。) between them counting as [`CLAUSE`] characters more, so that a quantity goes
///    with the subject of its own clause ("backups are kept 30 days; logs are kept for 1
///    year"); the first on a tie or when no term occurs;
/// 4. a count takes as its schedule the interval of the same text nearest to it
///    (「2時間おきに取得し36世代保持」 is 36 generations every 2 hours).
///
/// For a list, the items of `item_kind` the whole text names, as the catalogue writes them
/// ("ISO/IEC 27001:2013 (IS 577142)").
pub fn stated_value<T: AsRef<str>>(
    text: &str,
    kind: Kind,
    item_kind: Option<ItemKind>,
    terms: &[T],
) -> Option<Value> {
    if kind == Kind::List {
        return items::listed(text, item_kind);
    }
    let scan = scan::Scan::new(text);
    // Term and quantity positions, both in the normalized text.
    let lower = scan.prepared.text.to_ascii_lowercase();
    let places: Vec<Range<usize>> = terms
        .iter()
        .map(|t| nfkc(t.as_ref().trim()).to_lowercase())
        .filter(|t| !t.is_empty())
        .flat_map(|t| {
            lower
                .match_indices(t.as_str())
                .map(|(at, _)| at..at + t.len())
                .collect::<Vec<_>>()
        })
        .collect();
    let found: Vec<&scan::Raw> = scan.found.iter().filter(|r| !r.in_example).collect();
    // Characters between, each clause boundary counting as a clause's worth of them: the
    // subject of a quantity stands in its clause ("logs are kept for 1 year").
    let chars = |r: Range<usize>| {
        lower.get(r).map_or(0, |s| {
            let boundaries =
                s.matches([',', '、', ';', '。', '\n']).count() + s.matches(". ").count();
            s.chars().count() + CLAUSE * boundaries
        })
    };
    let distance = |raw: &scan::Raw| {
        let span = raw.span();
        places
            .iter()
            .map(|t| {
                if t.end <= span.start {
                    chars(t.end..span.start)
                } else if span.end <= t.start {
                    chars(span.end..t.start)
                } else {
                    0
                }
            })
            .min()
            .unwrap_or(0)
    };
    let chosen = found
        .iter()
        .filter(|r| kind.answered_by(&r.value))
        .min_by_key(|r| distance(r))?;
    let mut value = chosen.value.clone();
    if let Value::Count { schedule, .. } = &mut value {
        if schedule.is_none() {
            *schedule = nearest_schedule(&found, chosen);
        }
    }
    Some(value)
}

/// The interval of `found` nearest `count`, as a schedule (a whole number of units).
fn nearest_schedule(found: &[&scan::Raw], count: &scan::Raw) -> Option<crate::catalog::Schedule> {
    let at = count.span();
    found
        .iter()
        .filter_map(|r| match r.value {
            Value::Interval { amount, unit } if amount >= 1.0 && amount.fract() == 0.0 => {
                let span = r.span();
                let gap = if span.start >= at.end {
                    span.start - at.end
                } else {
                    at.start.saturating_sub(span.end)
                };
                Some((gap, amount as u32, unit))
            }
            _ => None,
        })
        .min_by_key(|(gap, _, _)| *gap)
        .map(|(_, every, unit)| crate::catalog::Schedule { every, unit })
}

/// The value of `kind` that `text` states, by [`stated_value`]'s rule without a control's
/// terms: the first outside a worked example.
pub fn first_of(text: &str, kind: Kind, item_kind: Option<ItemKind>) -> Option<Value> {
    stated_value::<&str>(text, kind, item_kind, &[])
}

/// How a time unit compares: minutes, hours, days and weeks in minutes; months and years in
/// months; business days only with business days.
fn scale(unit: TimeUnit) -> (f64, u8) {
    match unit {
        TimeUnit::Minutes => (1.0, 0),
        TimeUnit::Hours => (60.0, 0),
        TimeUnit::Days => (1440.0, 0),
        TimeUnit::Weeks => (10080.0, 0),
        TimeUnit::Months => (1.0, 1),
        TimeUnit::Years => (12.0, 1),
        TimeUnit::BusinessDays => (1.0, 2),
    }
}

fn same_time(a: f64, ua: TimeUnit, b: f64, ub: TimeUnit) -> bool {
    let ((fa, ca), (fb, cb)) = (scale(ua), scale(ub));
    ca == cb && (a * fa - b * fb).abs() < 1e-6
}

/// Whether two values state the same quantity ("60 minutes" and "1 hour" do).
pub fn same_quantity(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (
            Value::Duration {
                amount: x,
                unit: ux,
                ..
            },
            Value::Duration {
                amount: y,
                unit: uy,
                ..
            },
        )
        | (
            Value::Interval {
                amount: x,
                unit: ux,
            },
            Value::Interval {
                amount: y,
                unit: uy,
            },
        ) => same_time(*x, *ux, *y, *uy),
        (Value::Count { amount: x, .. }, Value::Count { amount: y, .. })
        | (Value::Percentage { amount: x, .. }, Value::Percentage { amount: y, .. }) => {
            (x - y).abs() < 1e-9
        }
        (Value::List { items: x }, Value::List { items: y }) => x == y,
        _ => false,
    }
}

/// Whether some text among `quotes` states `value`. Lists are supported when every certificate
/// id inside their items appears in a quote (other items are free text a curator may translate).
pub fn quotes_support(value: &Value, quotes: &[&str]) -> bool {
    match value {
        Value::List { items } => {
            let quoted: Vec<String> = quotes
                .iter()
                .flat_map(|q| find_items(q))
                .map(|i| items::squash(&i.text))
                .collect();
            items
                .iter()
                .flat_map(|item| find_items(item))
                .filter(|i| i.kind == ItemKind::Certificate)
                .all(|i| quoted.contains(&items::squash(&i.text)))
        }
        _ => quotes
            .iter()
            .flat_map(|q| find_all(q))
            .any(|m| same_quantity(&m.value, value)),
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_sentence;
#[cfg(test)]
mod tests_typed;
