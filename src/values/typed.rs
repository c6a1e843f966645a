//! What a reviewer types as an answer's value (the draft review's `V`), read by the same reader
//! as a vendor's sentences — but strictly: the whole text must be one value, and what the
//! reader cannot place is refused with an example rather than guessed.
//!
//! One quantity, with the words around it the reader knows (what it counts from, "within",
//! 「以内」, 「後」…): 「契約終了から45日」, 「解約後60日」, 「翌日から30日」, 「3か月に1回」,
//! 「5営業日」, "45 days after contract end", "every 3 months", "99.9%"; a count with its
//! schedule: 「36世代(2時間ごと)」, "7 generations, daily"; 「無期限」 / "indefinitely"; and
//! otherwise a list of comma-separated items ("IS 577142, CLOUD 715091"). A text that holds a
//! quantity, starts with a number or names a starting point is never a list. Empty text is no
//! value.

use super::scan::{Raw, Scan};
use super::units::time_unit;
use super::{nfkc, since};
use crate::catalog::{Lang, Schedule, Since, Value};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Why a typed value was refused; each message shows how to write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypedError {
    #[error("`{0}` is not a number: write the amount in digits, as in \"30 days\"")]
    Amount(String),
    #[error(
        "no unit after {0}: write e.g. \"{0} days\", 「{0}日」, \"{0} generations\" or \"{0}%\""
    )]
    NoUnit(String),
    #[error(
        "`{0}` is not a unit: write minutes, hours, days, business days, weeks, months, years, \
         generations or %, as in \"30 days\" or 「30日」"
    )]
    Unit(String),
    #[error("`every` needs a time unit after it, as in \"every 2 hours\", \"every day\" or 「3か月に1回」")]
    Every,
    #[error("「{0}」 says what the time counts from but gives no amount: write e.g. 「契約終了から45日」 or \"45 days after contract end\"")]
    NoAmount(String),
    #[error("a percentage is between 0 and 100, not {0}")]
    Percentage(String),
    #[error("an interval of nothing: write e.g. \"every 2 hours\"")]
    ZeroInterval,
    #[error("a schedule is a whole number of units: write e.g. \"36 generations, every 2 hours\"")]
    Schedule,
    #[error("one value at a time: this reads as {0}")]
    Several(String),
    #[error(
        "「{0}」 is not understood: write e.g. 「契約終了から45日」, \"45 days after contract \
         end\", \"every 3 months\", 「7世代」, \"99.9%\" or \"IS 577142, CLOUD 715091\""
    )]
    Unread(String),
    #[error("a list item is empty: separate items with single commas")]
    EmptyItem,
}

/// Words a typed value may carry around its quantity without changing what is recorded:
/// "within", 「以内」, 「後」, "up to", punctuation…
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    super::scan::pattern(
        r"(?i)\s+|[,、。.;:()・·/]|以内|以上|以下|未満|程度|くらい|ぐらい|ほど|約|およそ|最大|最長|最短|最低|少なくとも|経過後|経過|後|まで(?:に)?|に|で|の|は|(?-u:\b)(?:within|about|approximately|approx|around|roughly|up|to|at|most|least|no|more|less|later|than|for|max|maximum|minimum|or|over|under)(?-u:\b)",
    )
});

static NUMBER_AT_START: LazyLock<Regex> =
    LazyLock::new(|| super::scan::pattern(r"^(\d(?:[\d.]|,\d{3})*)\s*([^\s\d,、.]*)"));
static NUMBER_AT_END: LazyLock<Regex> = LazyLock::new(|| super::scan::pattern(r"(\d+(?:\.\d+)?)$"));
static EVERY: LazyLock<Regex> =
    LazyLock::new(|| super::scan::pattern(r"(?i)^(?:every(?:\s|$)|毎)"));

/// Reads what a person typed: `Ok(None)` for empty text, otherwise one value or why not.
pub fn read_typed(text: &str) -> Result<Option<Value>, TypedError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let scan = Scan::new(text);
    if scan.found.is_empty() {
        return list(text).map(Some);
    }
    let value = one_value(&scan.found);
    if let Err(several @ TypedError::Several(_)) = value {
        return Err(several);
    }
    let unread = unread(&scan, text);
    if !unread.is_empty() {
        return Err(match number_problem(&unread) {
            Some(e) => e,
            None => TypedError::Unread(unread),
        });
    }
    value.map(Some)
}

/// The parts of `text` the reader did not place and that are not [`FILLER`], joined.
fn unread(scan: &Scan, text: &str) -> String {
    let mut covered: Vec<Range<usize>> = scan
        .found
        .iter()
        .flat_map(|r| std::iter::once(r.quantity.clone()).chain(r.since.iter().cloned()))
        .collect();
    covered.sort_by_key(|r| r.start);
    let normalized = &scan.prepared.text;
    let mut gaps = Vec::new();
    let mut at = 0;
    for r in covered
        .iter()
        .chain(std::iter::once(&(normalized.len()..normalized.len())))
    {
        if r.start > at {
            gaps.push(at..r.start);
        }
        at = at.max(r.end);
    }
    gaps.into_iter()
        .filter(|g| !FILLER.replace_all(&normalized[g.clone()], "").is_empty())
        .map(|g| text[scan.prepared.original(g)].trim().to_string())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// The values found, as one: a single value, or a count with the interval it is taken at.
fn one_value(found: &[Raw]) -> Result<Value, TypedError> {
    let values: Vec<&Value> = found.iter().map(|r| &r.value).collect();
    let value = match values.as_slice() {
        [v] => (*v).clone(),
        [Value::Count {
            amount,
            schedule: None,
            ..
        }, Value::Interval {
            amount: every,
            unit: per,
        }]
        | [Value::Interval {
            amount: every,
            unit: per,
        }, Value::Count {
            amount,
            schedule: None,
            ..
        }] => {
            if *every < 1.0 || every.fract() != 0.0 || *every > u32::MAX as f64 {
                return Err(TypedError::Schedule);
            }
            let schedule = Schedule {
                every: *every as u32,
                unit: *per,
            };
            Value::generations(*amount, Some(schedule))
        }
        several => {
            let labels: Vec<String> = several.iter().map(|v| v.label(Lang::En)).collect();
            return Err(TypedError::Several(labels.join(" and ")));
        }
    };
    match &value {
        Value::Percentage { amount, .. } if *amount > 100.0 => {
            Err(TypedError::Percentage(format!("{amount}")))
        }
        Value::Interval { amount, .. } if *amount <= 0.0 => Err(TypedError::ZeroInterval),
        _ => Ok(value),
    }
}

/// A number the reader could not take as an amount with a unit, said as such.
fn number_problem(text: &str) -> Option<TypedError> {
    let normalized = nfkc(text);
    let c = NUMBER_AT_START.captures(&normalized)?;
    let number = &c[1];
    if number.replace(',', "").parse::<f64>().is_err() {
        return Some(TypedError::Amount(number.to_string()));
    }
    let word = &c[2];
    if word.is_empty() {
        return Some(TypedError::NoUnit(number.to_string()));
    }
    let lower = word.to_ascii_lowercase();
    let is_unit = time_unit(word).is_some()
        || ["世代", "generation", "%", "percent", "パーセント"]
            .iter()
            .any(|u| lower.starts_with(u));
    (!is_unit).then(|| TypedError::Unit(word.to_string()))
}

/// A list of comma-separated items, unless the text is a quantity the reader could not read.
fn list(text: &str) -> Result<Value, TypedError> {
    let normalized = nfkc(text);
    if normalized.starts_with(|c: char| c.is_ascii_digit()) {
        if let Some(problem) = number_problem(&normalized) {
            return Err(problem);
        }
    }
    let items: Vec<String> = normalized
        .split([',', '、', ';'])
        .map(|s| s.trim().to_string())
        .collect();
    for item in &items {
        if item.is_empty() {
            return Err(TypedError::EmptyItem);
        }
        if item.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(number_problem(item).unwrap_or_else(|| TypedError::Unread(item.clone())));
        }
        if EVERY.is_match(item) {
            return Err(TypedError::Every);
        }
        if let Some(c) = NUMBER_AT_END.captures(item) {
            let number = c.get(1).expect("group 1 is the number");
            let before = item[..number.start()].chars().next_back();
            // "IS 577142" is an id; 「契約終了から45」 an amount without its unit.
            if before.is_some_and(|c| !c.is_ascii() && !c.is_whitespace()) {
                return Err(TypedError::NoUnit(number.as_str().to_string()));
            }
        }
        if since::names_a_start(item) {
            return Err(TypedError::NoAmount(item.clone()));
        }
    }
    Ok(Value::List { items })
}

/// What the reader understood, in a few words for the line under the field:
/// "45 days · from contract end", "every 3 months", "7 generations · taken daily",
/// "list of 2: IS 577142 | CLOUD 715091".
pub fn understood(value: &Value, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    match value {
        Value::Duration { amount, unit, from } => {
            let bare = Value::Duration {
                amount: *amount,
                unit: *unit,
                from: None,
            }
            .label(lang);
            format!("{bare} · {}", since_words(*from, lang))
        }
        Value::Count {
            amount,
            schedule: Some(s),
            ..
        } => {
            let bare = Value::generations(*amount, None).label(lang);
            let every = Value::Interval {
                amount: s.every as f64,
                unit: s.unit,
            }
            .label(lang);
            if ja {
                format!("{bare} · {every}に取得")
            } else {
                format!("{bare} · taken {every}")
            }
        }
        Value::List { items } => {
            let n = items.len();
            let head = if ja {
                format!("一覧({n}件)")
            } else if n == 1 {
                "list of 1".to_string()
            } else {
                format!("list of {n}")
            };
            format!("{head}: {}", items.join(" | "))
        }
        other => other.label(lang),
    }
}

/// What a duration counts from, for [`understood`].
fn since_words(since: Option<Since>, lang: Lang) -> String {
    use Since::*;
    let Some(since) = since else {
        return pick(lang, "no starting point", "起算点なし");
    };
    let (en, ja) = match since {
        ContractEnd => ("from contract end", "契約終了"),
        DayAfterContractEnd => ("from the day after contract end", "契約終了翌日"),
        Cancellation => ("from cancellation", "解約"),
        DeletionRequest => ("from the deletion request", "削除依頼"),
        Request => ("from the request", "依頼"),
        Detection => ("from detection", "検知"),
        Occurrence => ("from occurrence", "発生"),
        DataErasure => ("from erasure of the live data", "データ消去"),
        BackupTaken => ("from when each backup is taken", "各バックアップの取得"),
        LastUse => ("from last use", "使用中断"),
        BeforeMaintenance => return pick(lang, "before maintenance", "作業の前"),
        BeforeServiceEnd => return pick(lang, "before the service ends", "サービス終了の前"),
        Unspecified => return pick(lang, "starting point not stated", "起算点の記載なし"),
    };
    pick(lang, en, &format!("起算: {ja}"))
}

fn pick(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}
