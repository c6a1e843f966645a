//! The quantities vendors write, read into the catalogue's typed [`Value`]s.
//!
//! "30日", "60日経過後", "2週間程度", "3ヶ月以上前" and "72時間以内" are durations; "1日1回", "毎日",
//! "日次", "2時間おき" and "年1回" are intervals; "7世代" and "36世代保持" are counts; "99.9%" and
//! "100.00%" are percentages; certificate ids ("IS 577142", "CLOUD 715091", "JQA-IC0048",
//! "ISO/IEC 27001:2013") and country names are list items. Text is NFKC-normalized first, so
//! full-width digits and units read the same as ASCII ones.
//!
//! A range ("11～30分") reads as its upper bound: a vendor promising "11 to 30 minutes" commits
//! to no more than 30, and that is the figure a reviewer compares.
//!
//! Dates ("2019年6月18日", "2023年09月") are not quantities and are skipped.
//!
//! Pure functions only: used by the importer and by `kurabe check`'s value warnings.

use crate::catalog::{certification, PercentUnit, TimeUnit, Value};
use regex::Regex;
use std::sync::LazyLock;

/// A pattern of this module; each is compiled by the tests, so none fails at run time.
fn pattern(re: &str) -> Regex {
    Regex::new(re).expect("the module's patterns are valid")
}
use unicode_normalization::UnicodeNormalization;

/// The kinds of [`Value`], for asking for one kind in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Duration,
    Interval,
    Count,
    Percentage,
    List,
    /// Kinds the normalizer does not read from text (service hours, indefinite, calendar
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
}

/// What a list item names, so an importer can keep the items a control asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Certificate,
    Country,
}

/// One quantity found in a text, at a byte range of the NFKC-normalized text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub value: Value,
    pub start: usize,
}

/// One list item found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub kind: ItemKind,
    pub start: usize,
}

/// NFKC, with the wave dash of ranges ("〜") made the ASCII tilde as well, and a kanji numeral
/// before 回 made a digit ("年一回" is "年1回").
pub fn nfkc(text: &str) -> String {
    let chars: Vec<char> = text
        .nfkc()
        .map(|c| match c {
            '〜' | '～' | '－' | '–' | '—' => '~',
            c => c,
        })
        .collect();
    let kanji = "〇一二三四五六七八九";
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match kanji.chars().position(|k| k == c) {
            Some(d) if chars.get(i + 1) == Some(&'回') => char::from(b'0' + d as u8),
            _ => c,
        })
        .collect()
}

const NUMBER: &str = r"(?:(\d+(?:\.\d+)?)\s*~\s*)?(\d+(?:\.\d+)?)";
const UNIT_JA: &str = r"(分|時間|日|週間|週|ヶ月|か月|カ月|ヵ月|ケ月|箇月|年)";

static DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}年"));
static EVERY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)毎時|毎日|日次|毎朝|毎晩|毎週|週次|毎月|月次|毎年|年次|(?-u:\b)hourly(?-u:\b)|(?-u:\b)daily(?-u:\b)|(?-u:\b)weekly(?-u:\b)|(?-u:\b)monthly(?-u:\b)|(?-u:\b)annually(?-u:\b)|(?-u:\b)yearly(?-u:\b)|(?-u:\b)every\s+(minute|hour|day|week|month|year)(?-u:\b)",
    )
});
static TIMES_PER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:(\d+(?:\.\d+)?)\s*)?(分|時間|日|週間|週|ヶ月|か月|カ月|ヵ月|ケ月|箇月|月|年間|年)\s*(?:に|あたり|当たり)?\s*(?:少なくとも|最低でも|最低)?\s*(\d+)\s*回",
    )
});
static EVERY_N_JA: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(毎\s*)?{NUMBER}\s*{UNIT_JA}\s*(おき|ごと|毎|間隔|周期)?"
    ))
});
static EN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)(every\s+)?{NUMBER}\s*(minute|min|hour|day|week|month|year)s?(?-u:\b)"
    ))
});
static GENERATIONS: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)(\d+)\s*(?:世代|generations?(?-u:\b))"));
static PERCENT: LazyLock<Regex> = LazyLock::new(|| pattern(r"(\d+(?:\.\d+)?)\s*(?:%|パーセント)"));
static CERTIFICATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?x)
        (?-u:\b)(?:IS|CLOUD|PII|EMS|QMS|BCMS|ITMS)\s?\d{5,6}(?-u:\b)
        | (?-u:\b)JQA-[A-Z]{2}\d{3,5}(?-u:\b)
        | ISO/IEC\s?\d{5}(?:-\d+)?(?::\d{4})?
        | JIS\s?Q\s?\d{5}(?::\d{4})?
        | JIP-ISMS\d{3}-\d+\.\d+
        | (?-u:\b)ISMAP(?-u:\b)
        | (?-u:\b)SOC\s?[123](?-u:\b)",
    )
});

/// A registration id inside the address of its entry in ISMS-AC's register
/// (`…/CR_IS_x0020_586579.html`, `…/CR_JQA-IM1459.html`): `_x0020_` is an encoded space.
static REGISTER_URL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"/CR_(?:(IS|CLOUD|PII)_x0020_(\d{5,6})|(JQA-[A-Z]{2}\d{3,5}))\.html")
});

/// Countries a data location names, in Japanese as vendors write them, with their English names.
const COUNTRIES: &[(&str, &str)] = &[
    ("日本国", "Japan"),
    ("日本", "Japan"),
    ("米国", "United States"),
    ("アメリカ", "United States"),
    ("シンガポール", "Singapore"),
    ("オーストラリア", "Australia"),
    ("ドイツ", "Germany"),
    ("アイルランド", "Ireland"),
    ("イギリス", "United Kingdom"),
    ("英国", "United Kingdom"),
];

fn time_unit(word: &str) -> Option<TimeUnit> {
    Some(match word.to_ascii_lowercase().as_str() {
        "分" | "minute" | "min" => TimeUnit::Minutes,
        "時間" | "hour" => TimeUnit::Hours,
        "日" | "day" => TimeUnit::Days,
        "週間" | "週" | "week" => TimeUnit::Weeks,
        "ヶ月" | "か月" | "カ月" | "ヵ月" | "ケ月" | "箇月" | "月" | "month" => {
            TimeUnit::Months
        }
        "年" | "年間" | "year" => TimeUnit::Years,
        _ => return None,
    })
}

fn number(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Byte ranges of dates, which look like quantities ("6月18日") but are not.
fn dates(text: &str) -> Vec<std::ops::Range<usize>> {
    DATE.find_iter(text).map(|m| m.range()).collect()
}

fn overlaps(taken: &[std::ops::Range<usize>], r: &std::ops::Range<usize>) -> bool {
    taken.iter().any(|t| t.start < r.end && r.start < t.end)
}

/// Every quantity in `text`, in order of appearance. Each stretch of text is read once, the
/// most specific pattern first ("1日1回" is an interval, not a duration of one day).
pub fn find_all(text: &str) -> Vec<Found> {
    let text = nfkc(text);
    let mut taken = dates(&text);
    let mut found = Vec::new();
    let push = |found: &mut Vec<Found>, r: std::ops::Range<usize>, value: Value| {
        found.push(Found {
            value,
            start: r.start,
        });
        r
    };
    for m in GENERATIONS.captures_iter(&text) {
        let all = m.get(0).expect("group 0 is the whole match").range();
        if let Some(amount) = number(&m[1]) {
            let r = push(&mut found, all, Value::generations(amount, None));
            taken.push(r);
        }
    }
    for m in PERCENT.captures_iter(&text) {
        let all = m.get(0).expect("group 0 is the whole match").range();
        if let Some(amount) = number(&m[1]) {
            let r = push(
                &mut found,
                all,
                Value::Percentage {
                    amount,
                    unit: PercentUnit::Percent,
                },
            );
            taken.push(r);
        }
    }
    for m in TIMES_PER.captures_iter(&text) {
        let all = m.get(0).expect("group 0 is the whole match").range();
        if overlaps(&taken, &all) {
            continue;
        }
        let per = m.get(1).and_then(|n| number(n.as_str())).unwrap_or(1.0);
        let (Some(unit), Some(times)) = (time_unit(&m[2]), number(&m[3])) else {
            continue;
        };
        if times > 0.0 {
            let (amount, unit) = finer(per / times, unit);
            let r = push(&mut found, all, Value::Interval { amount, unit });
            taken.push(r);
        }
    }
    for m in EVERY_WORD.find_iter(&text) {
        let all = m.range();
        if overlaps(&taken, &all) {
            continue;
        }
        let word = m.as_str().to_ascii_lowercase();
        let unit = match word.as_str() {
            "毎時" | "hourly" => TimeUnit::Hours,
            "毎日" | "日次" | "毎朝" | "毎晩" | "daily" => TimeUnit::Days,
            "毎週" | "週次" | "weekly" => TimeUnit::Weeks,
            "毎月" | "月次" | "monthly" => TimeUnit::Months,
            "毎年" | "年次" | "annually" | "yearly" => TimeUnit::Years,
            w => match w.split_whitespace().nth(1).and_then(time_unit) {
                Some(u) => u,
                None => continue,
            },
        };
        let r = push(&mut found, all, Value::Interval { amount: 1.0, unit });
        taken.push(r);
    }
    for (re, unit_group, every_group, suffix_group) in
        [(&*EVERY_N_JA, 4, 1, Some(5)), (&*EN, 4, 1, None)]
    {
        for m in re.captures_iter(&text) {
            let all = m.get(0).expect("group 0 is the whole match").range();
            if overlaps(&taken, &all) {
                continue;
            }
            let (Some(amount), Some(unit)) = (
                number(&m[3]),
                m.get(unit_group).and_then(|u| time_unit(u.as_str())),
            ) else {
                continue;
            };
            let every =
                m.get(every_group).is_some() || suffix_group.and_then(|g| m.get(g)).is_some();
            let value = if every {
                Value::Interval { amount, unit }
            } else {
                Value::Duration {
                    amount,
                    unit,
                    from: None,
                }
            };
            let r = push(&mut found, all, value);
            taken.push(r);
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// "Twice a day" is every 12 hours: a fractional amount moves to the next finer unit when that
/// makes it whole.
fn finer(amount: f64, unit: TimeUnit) -> (f64, TimeUnit) {
    if amount.fract() == 0.0 {
        return (amount, unit);
    }
    let (factor, smaller) = match unit {
        TimeUnit::Years => (12.0, TimeUnit::Months),
        TimeUnit::Months => (30.0, TimeUnit::Days),
        TimeUnit::Weeks => (7.0, TimeUnit::Days),
        TimeUnit::Days => (24.0, TimeUnit::Hours),
        TimeUnit::Hours => (60.0, TimeUnit::Minutes),
        TimeUnit::Minutes => return (amount, unit),
    };
    let n = amount * factor;
    if (n - n.round()).abs() < 1e-9 {
        (n.round(), smaller)
    } else {
        (amount, unit)
    }
}

/// Certificate ids and country names in `text`, in order of appearance, each once.
pub fn find_items(text: &str) -> Vec<Item> {
    let text = nfkc(text);
    let mut items = scheme_items(&text);
    let schemes: Vec<std::ops::Range<usize>> = items
        .iter()
        .map(|i| i.start..i.start + i.text.len())
        .collect();
    for m in CERTIFICATE.find_iter(&text) {
        // "SOC 2" inside "SOC 2 Type 2", "ISMAP" as the scheme: the scheme's item is kept.
        if overlaps(&schemes, &m.range()) {
            continue;
        }
        items.push(Item {
            text: m.as_str().to_string(),
            kind: ItemKind::Certificate,
            start: m.start(),
        });
    }
    for c in REGISTER_URL.captures_iter(&text) {
        let id = match (c.get(1), c.get(2), c.get(3)) {
            (Some(scheme), Some(number), _) => format!("{} {}", scheme.as_str(), number.as_str()),
            (_, _, Some(jqa)) => jqa.as_str().to_string(),
            _ => continue,
        };
        items.push(Item {
            text: id,
            kind: ItemKind::Certificate,
            start: c.get(0).map_or(0, |m| m.start()),
        });
    }
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for (ja, en) in COUNTRIES {
        for (start, _) in text.match_indices(ja) {
            let r = start..start + ja.len();
            if overlaps(&taken, &r) {
                continue;
            }
            taken.push(r);
            items.push(Item {
                text: en.to_string(),
                kind: ItemKind::Country,
                start,
            });
        }
    }
    items.sort_by_key(|i| i.start);
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.text.clone()));
    items
}

/// Certification schemes named in words ("ISMSクラウドセキュリティ認証", "SOC 2 Type II"), as the
/// canonical item of `data/certifications.yaml` ("ISMS-AC ISMS Cloud Security"). `start` is
/// where the words stand; only their range is compared with other finds, so the item's own
/// length stands in for it.
fn scheme_items(text: &str) -> Vec<Item> {
    certification::table()
        .named_in(text)
        .into_iter()
        .filter_map(|(range, scheme)| {
            Some(Item {
                text: scheme.items.first()?.clone(),
                kind: ItemKind::Certificate,
                start: range.start,
            })
        })
        .collect()
}

/// Whether a registration id is one the certificate `name` would carry: a scheme whose ids
/// begin as it does either is that certificate's scheme or certifies the standard it names.
/// An id of no known scheme fits any certificate.
fn id_fits(name: &str, id: &str) -> bool {
    let table = certification::table();
    let schemes = table.schemes_for_id(id);
    if schemes.is_empty() {
        return true;
    }
    let base = |s: &str| certification::key(certification::split_edition(s).0);
    let own = table.scheme_of(name).map(|s| s.id.as_str());
    let mut names = vec![base(name)];
    names.extend(table.certified_by(name).iter().map(|c| base(c.standard)));
    schemes
        .iter()
        .any(|s| own == Some(s.id.as_str()) || s.certifies.iter().any(|c| names.contains(&base(c))))
}

/// What a list item (as a curator writes it) names: a country ("Japan", "日本") or a
/// certificate ("ISO/IEC 27017 (CLOUD 715091)"); None for other free text.
pub fn classify_item(item: &str) -> Option<ItemKind> {
    if COUNTRIES.iter().any(|(ja, en)| item == *en || item == *ja) {
        return Some(ItemKind::Country);
    }
    find_items(item)
        .iter()
        .any(|i| i.kind == ItemKind::Certificate)
        .then_some(ItemKind::Certificate)
}

/// The first value of `kind` in `text`; for lists, the items of `item_kind` found.
pub fn first_of(text: &str, kind: Kind, item_kind: Option<ItemKind>) -> Option<Value> {
    if kind == Kind::List {
        let found: Vec<Item> = find_items(text)
            .into_iter()
            .filter(|i| item_kind.is_none_or(|k| i.kind == k))
            .collect();
        let items = canonical_items(found);
        return (!items.is_empty()).then_some(Value::List { items });
    }
    find_all(text)
        .into_iter()
        .map(|f| f.value)
        .find(|v| Kind::of(v) == kind)
}

/// The catalogue's canonical list items, "standard:edition (registration id)": each standard
/// takes the first registration id that follows it ("ISO/IEC27001:2013/JIS Q 27001:2014 …
/// IS577142" is "ISO/IEC 27001:2013 (IS 577142)" and "JIS Q 27001:2014 (IS 577142)"); a
/// standard named again keeps its first id; an id that follows no standard stays an item.
fn canonical_items(found: Vec<Item>) -> Vec<String> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut waiting: Vec<usize> = Vec::new();
    for item in found {
        if item.kind != ItemKind::Certificate {
            out.push((item.text, None));
            continue;
        }
        let text = spaced(&item.text);
        if is_standard(&text) {
            if !out.iter().any(|(name, _)| *name == text) {
                waiting.push(out.len());
                out.push((text, None));
            }
        } else if waiting.is_empty() {
            if !out
                .iter()
                .any(|(name, id)| *name == text || id.as_ref() == Some(&text))
            {
                out.push((text, None));
            }
        } else {
            // QUALITIA names two ISMS-AC certificates and ISO/IEC 27018, then gives the ids
            // IS 586579 and CLOUD 681574: each id goes to the certificates it can belong to,
            // or, where none can tell, to every one waiting for an id.
            let fitting: Vec<usize> = waiting
                .iter()
                .copied()
                .filter(|&i| id_fits(&out[i].0, &text))
                .collect();
            let to = if fitting.is_empty() {
                waiting.clone()
            } else {
                fitting
            };
            for &i in &to {
                out[i].1 = Some(text.clone());
            }
            waiting.retain(|i| !to.contains(i));
        }
    }
    out.into_iter()
        .map(|(name, id)| match id {
            Some(id) => format!("{name} ({id})"),
            None => name,
        })
        .collect()
}

fn is_standard(text: &str) -> bool {
    ["ISO/IEC", "JIS", "JIP-ISMS", "ISMAP", "SOC"]
        .iter()
        .any(|p| text.starts_with(p))
        || certification::table().scheme_of(text).is_some()
}

/// One space where the catalogue writes one: "ISO/IEC27001" is "ISO/IEC 27001", "JIS Q27001"
/// "JIS Q 27001", "IS577142" "IS 577142".
fn spaced(text: &str) -> String {
    static PARTS: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"^(ISO/IEC|JIS\s?Q|IS|CLOUD|PII|EMS|QMS|BCMS|ITMS)\s?(\d.*)$"));
    match PARTS.captures(text) {
        Some(c) => {
            let name = c[1].replace(char::is_whitespace, "");
            let name = if name == "JISQ" { "JIS Q" } else { &name };
            format!("{name} {}", &c[2])
        }
        None => text.to_string(),
    }
}

/// Minutes in a time unit, for comparing "60 minutes" with "1 hour". Months and years are
/// compared with each other only (a month has no fixed number of days).
fn in_minutes(unit: TimeUnit) -> (f64, bool) {
    match unit {
        TimeUnit::Minutes => (1.0, false),
        TimeUnit::Hours => (60.0, false),
        TimeUnit::Days => (1440.0, false),
        TimeUnit::Weeks => (10080.0, false),
        TimeUnit::Months => (1.0, true),
        TimeUnit::Years => (12.0, true),
    }
}

fn same_time(a: f64, ua: TimeUnit, b: f64, ub: TimeUnit) -> bool {
    let ((fa, ca), (fb, cb)) = (in_minutes(ua), in_minutes(ub));
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
                .map(|i| squash(&i.text))
                .collect();
            items
                .iter()
                .flat_map(|item| find_items(item))
                .filter(|i| i.kind == ItemKind::Certificate)
                .all(|i| quoted.contains(&squash(&i.text)))
        }
        _ => quotes
            .iter()
            .flat_map(|q| find_all(q))
            .any(|f| same_quantity(&f.value, value)),
    }
}

/// Certificate ids compare without spaces: "IS577142" is "IS 577142".
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

mod check;
pub use check::{disagreements, Disagreement};

#[cfg(test)]
mod tests;
