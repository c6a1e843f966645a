//! Finding every quantity of a sentence: each stretch of text is read once, the most specific
//! reading first ("1日1回" is an interval, not a duration of one day; "7 daily backups" is a
//! count, not "daily"), after the stretches that only look like quantities are set aside:
//! dates ("2019年6月18日", "令和5年"), service hours ("24時間365日", "24/7"), ordinals
//! ("第3営業日"), fractions ("3分の1"), percent-encoded addresses ("%E3%82") and version or
//! section numbers ("TLS 1.2", "5.1.2").

use super::normalize::Prepared;
use super::since;
use super::units::{amount, finer, period, time_unit, EN_NUM, NUM, UNIT_EN, UNIT_JA};
use crate::catalog::{PercentUnit, Schedule, TimeUnit, Value};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

/// A pattern of this module; each is compiled by the tests, so none fails at run time.
pub(super) fn pattern(re: &str) -> Regex {
    Regex::new(re).expect("the module's patterns are valid")
}

/// What stands in the masked text for a stretch already read.
pub(super) const MASK: char = '\u{1}';

/// One quantity found, in the coordinates of the prepared text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Raw {
    pub value: Value,
    /// The amount and its unit (and its "every", its range, its "ごと").
    pub quantity: Range<usize>,
    /// The phrase saying what a duration counts from, in one or two pieces
    /// (「作業の」…「前」).
    pub since: Vec<Range<usize>>,
    /// Inside a worked example (「例えば…」, "for example …").
    pub in_example: bool,
}

impl Raw {
    /// The quantity with the phrase read with it.
    pub fn span(&self) -> Range<usize> {
        let start = self
            .since
            .iter()
            .map(|r| r.start)
            .fold(self.quantity.start, usize::min);
        let end = self
            .since
            .iter()
            .map(|r| r.end)
            .fold(self.quantity.end, usize::max);
        start..end
    }
}

/// The prepared text and its quantities in order.
pub(super) struct Scan {
    pub prepared: Prepared,
    pub found: Vec<Raw>,
}

static SET_ASIDE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // A year is four digits of its own, not the end of a longer amount ("0.3333年").
        r"(?:^|[^\d.,])(?P<x>\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)",
        r"(?:^|[^\d.,])(?P<x>\d{4}\s*年)",
        r"(?:令和|平成|昭和)\s*(?:\d{1,2}|元)\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?",
        r"\d{1,2}\s*月\s*\d{1,2}\s*日",
        r"(?:毎月|翌月|当月|前月|翌々月|同月|月末)\s*(?P<x>\d{1,2}\s*日)",
        r"\d{4}[/.-]\d{1,2}(?:[/.-]\d{1,2})?",
        r"\d{1,2}/\d{1,2}/\d{4}",
        r"24\s*時間\s*[/・]?\s*365\s*日",
        r"365\s*日\s*[/・]?\s*24\s*時間",
        r"24\s*時間\s*(?:体制|監視|稼働|対応|有人|受付|運用|営業)",
        r"(?i)24\s*[/x×]\s*(?:7|365)(?-u:\b)",
        r"(?i)24\s*hours?\s*(?:a|per)\s*day",
        r"(?i)(?:7|365)\s*days?\s*(?:a|per)\s*(?:week|year)",
        r"(?i)24[-\s]hours?\s+(?:monitoring|support|coverage|operations?|surveillance|staff(?:ing)?|service)",
        r"\d+\s*分の\s*\d+",
        // Words that begin with a unit's character: 「3分割」, 「2日本」.
        r"\d+\s*(?P<x>分(?:割|散|析|類|野|離|担))",
        r"日本",
        // Percent-encoded addresses: "%E3%82%B5" holds no percentages.
        r"(?:%[0-9A-Fa-f]{2}){2,}",
        r"第\s*\d+\s*(?:営業日|日|週|年|回|世代|か月|ヶ月)",
        r"(?i)(?:(?-u:\b)v|(?-u:\b)ver\.?|(?-u:\b)version|(?-u:\b)tls|(?-u:\b)ssl|バージョン)\s*\d+(?:\.\d+)*",
        r"\d+\.\d+\.\d+(?:\.\d+)*",
        r"[§#]\s*\d+(?:\.\d+)*",
    ]
    .iter()
    .map(|re| pattern(re))
    .collect()
});

static JA_COUNT: LazyLock<Regex> = LazyLock::new(|| pattern(&format!(r"({NUM})\s*世代")));
static EN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)({EN_NUM})\s+(?:(?:backup\s+)?generations?|(hourly|daily|nightly|weekly|monthly)\s+(?:backups?|snapshots?|copies|generations?))(?-u:\b)"
    ))
});
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!(r"(?i)({NUM})\s*(?:%|パーセント|percent(?-u:\b))")));
static JA_TIMES_PER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?:({NUM})\s*)?(営業日|分|時間|日|週間|週|ヶ月|か月|カ月|ヵ月|ケ月|箇月|月|年間|年|半年|半期|四半期)\s*(?:に|あたり|当たり|につき)?\s*(?:少なくとも|最低でも|最低|必ず|原則)?\s*({NUM})\s*(?:回|度)"
    ))
});
static EN_TIMES_PER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)(?-u:\b)(once|twice|thrice|(?:{EN_NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?:({EN_NUM})\s+)?(business\s+days?|working\s+days?|minutes?|hours?|days?|weeks?|months?|quarters?|years?)(?-u:\b)"
    ))
});
/// 「毎日」… : one space may stand inside a word, where a PDF's line was joined (「毎 日」).
static JA_EVERY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let words = [
        "毎営業日",
        "毎時",
        "毎日",
        "日次",
        "毎朝",
        "毎晩",
        "毎夜",
        "毎週",
        "週次",
        "毎月",
        "月次",
        "毎年",
        "年次",
        "四半期ごと",
        "四半期毎",
        "半期ごと",
        "半年ごと",
        "半年毎",
        "隔週",
        "隔月",
        "隔年",
    ];
    let spaced: Vec<String> = words
        .iter()
        .map(|w| {
            let chars: Vec<String> = w.chars().map(String::from).collect();
            chars.join(r"\s?")
        })
        .collect();
    pattern(&spaced.join("|"))
});
static EN_EVERY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?-u:\b)(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly|semi-?annually|every\s+(other\s+)?(business\s+day|working\s+day|minute|hour|day|week|month|quarter|year))(?-u:\b)",
    )
});
static JA_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(毎\s*)?(?:({NUM})\s*(?:{UNIT_JA})?\s*(?:~|から|ないし)\s*)?({NUM})\s*({UNIT_JA})(?:\s*(おき|ごと|毎|間隔|周期|サイクル|の?スケジュール))?"
    ))
});
static EN_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)(every\s+)?(?:({EN_NUM})\s*(?:~|-|to|and)\s*)?({EN_NUM})(?:\s*|-)({UNIT_EN})(?-u:\b)"
    ))
});
static INDEFINITE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)無期限|(?-u:\b)indefinitely(?-u:\b)"));
static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)例えば|たとえば|\(\s*例|例\s*[:)]|(?-u:\b)e\.g\.|(?-u:\b)for\s+(?:example|instance)(?-u:\b)",
    )
});

impl Scan {
    pub fn new(text: &str) -> Scan {
        let prepared = Prepared::new(text);
        let mut masked = prepared.text.clone();
        for re in SET_ASIDE.iter() {
            let ranges: Vec<Range<usize>> = re
                .captures_iter(&masked)
                .map(|c| c.name("x").unwrap_or_else(|| whole(&c)).range())
                .collect();
            for r in ranges {
                mask(&mut masked, r);
            }
        }
        let mut found = Vec::new();
        read(&mut masked, &mut found, &JA_COUNT, count_ja);
        read(&mut masked, &mut found, &EN_COUNT, count_en);
        read(&mut masked, &mut found, &PERCENT, percentage);
        let counts = found.len();
        read(&mut masked, &mut found, &JA_TIMES_PER, times_per_ja);
        let counts = counts..found.len();
        read(&mut masked, &mut found, &EN_TIMES_PER, times_per_en);
        let words = found.len();
        read(&mut masked, &mut found, &JA_EVERY_WORD, every_word);
        let words = words..found.len();
        drop_every_word_counted_after(&mut found, counts, words, &prepared.text);
        read(&mut masked, &mut found, &EN_EVERY_WORD, every_word);
        read(&mut masked, &mut found, &JA_QUANTITY, quantity_ja);
        read(&mut masked, &mut found, &EN_QUANTITY, quantity_en);
        read(&mut masked, &mut found, &INDEFINITE, |_| {
            Some(Value::Indefinite)
        });
        found.sort_by_key(|f| f.quantity.start);
        for f in &mut found {
            let Value::Duration { from, .. } = &mut f.value else {
                continue;
            };
            if let Some(s) = since::find(&masked, f.quantity.clone()) {
                *from = s.since;
                f.since = s.pieces;
            }
        }
        let examples = examples(&prepared.text);
        for f in &mut found {
            f.in_example = examples
                .iter()
                .any(|e| e.start <= f.quantity.start && f.quantity.end <= e.end);
        }
        Scan { prepared, found }
    }
}

/// 「毎年4月・10月の年2回」 is twice a year: a word of once every period (`words`, 「毎年」) is
/// dropped where its clause counts the times of that period right after it (`counts`, 「年2回」).
fn drop_every_word_counted_after(
    found: &mut Vec<Raw>,
    counts: Range<usize>,
    words: Range<usize>,
    text: &str,
) {
    let counted: Vec<Range<usize>> = found[counts].iter().map(|r| r.quantity.clone()).collect();
    let superseded = |r: &Raw| {
        let period = text[r.quantity.clone()].chars().last();
        counted.iter().any(|c| {
            let between = text.get(r.quantity.end..c.start).unwrap_or("");
            c.start >= r.quantity.end
                && between.chars().count() <= 12
                && !between.contains(['。', '、', ',', '\n'])
                && period.is_some_and(|p| text[c.clone()].starts_with(p))
        })
    };
    let mut index = 0;
    found.retain(|r| {
        let keep = !words.contains(&index) || !superseded(r);
        index += 1;
        keep
    });
}

fn whole<'h>(c: &Captures<'h>) -> regex::Match<'h> {
    c.get(0).expect("group 0 is the whole match")
}

/// Overwrites `range` (whole characters) with [`MASK`], keeping every byte offset.
fn mask(text: &mut String, range: Range<usize>) {
    let filler: String = std::iter::repeat_n(MASK, range.len()).collect();
    text.replace_range(range, &filler);
}

/// Reads every match of `re` in `masked` with `value_of`, masking what it read.
fn read(
    masked: &mut String,
    found: &mut Vec<Raw>,
    re: &Regex,
    value_of: impl Fn(&Captures) -> Option<Value>,
) {
    let mut taken = Vec::new();
    for c in re.captures_iter(masked) {
        let Some(value) = value_of(&c) else { continue };
        let mut range = whole(&c).range();
        // 「5日間隔」: the unit 日間 was taken before 隔 could make it an interval.
        let value = match value {
            Value::Duration { amount, unit, .. }
                if masked[range.clone()].ends_with('間')
                    && masked[range.end..].starts_with('隔') =>
            {
                range.end += '隔'.len_utf8();
                Value::Interval { amount, unit }
            }
            v => v,
        };
        taken.push((range, value));
    }
    for (range, value) in taken {
        mask(masked, range.clone());
        found.push(Raw {
            value,
            quantity: range,
            since: Vec::new(),
            in_example: false,
        });
    }
}

fn number(c: &Captures, group: usize) -> Option<f64> {
    c.get(group).and_then(|m| amount(m.as_str()))
}

fn count_ja(c: &Captures) -> Option<Value> {
    Some(Value::generations(number(c, 1)?, None))
}

fn count_en(c: &Captures) -> Option<Value> {
    let schedule = match c.get(2) {
        None => None,
        Some(word) => Some(Schedule {
            every: 1,
            unit: every_unit(word.as_str())?,
        }),
    };
    Some(Value::generations(number(c, 1)?, schedule))
}

fn percentage(c: &Captures) -> Option<Value> {
    Some(Value::Percentage {
        amount: number(c, 1)?,
        unit: PercentUnit::Percent,
    })
}

/// An interval of `per` periods divided among `times` occurrences.
fn per_times(per: f64, unit: TimeUnit, times: f64) -> Option<Value> {
    if times <= 0.0 || per <= 0.0 {
        return None;
    }
    let (amount, unit) = finer(per / times, unit);
    Some(Value::Interval { amount, unit })
}

fn times_per_ja(c: &Captures) -> Option<Value> {
    let (n, unit) = period(&c[2])?;
    let per = number(c, 1).unwrap_or(1.0) * n;
    per_times(per, unit, number(c, 3)?)
}

fn times_per_en(c: &Captures) -> Option<Value> {
    let times = match c[1].to_ascii_lowercase().as_str() {
        "once" => 1.0,
        "twice" => 2.0,
        "thrice" => 3.0,
        t => amount(t.trim_end_matches("times").trim())?,
    };
    let word = c[3].to_ascii_lowercase();
    let (n, unit) = period(word.trim_end_matches('s')).or_else(|| period(&word))?;
    per_times(number(c, 2).unwrap_or(1.0) * n, unit, times)
}

/// The unit of "daily", "毎日", "every week"…
fn every_unit(word: &str) -> Option<TimeUnit> {
    Some(match word.to_ascii_lowercase().as_str() {
        "毎時" | "hourly" => TimeUnit::Hours,
        "毎日" | "日次" | "毎朝" | "毎晩" | "毎夜" | "daily" | "nightly" => {
            TimeUnit::Days
        }
        "毎週" | "週次" | "weekly" => TimeUnit::Weeks,
        "毎月" | "月次" | "monthly" => TimeUnit::Months,
        "毎年" | "年次" | "annually" | "yearly" => TimeUnit::Years,
        "毎営業日" => TimeUnit::BusinessDays,
        _ => return None,
    })
}

fn every_word(c: &Captures) -> Option<Value> {
    let word: String = whole(c)
        .as_str()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let (amount, unit) = match word.as_str() {
        "隔週" | "fortnightly" => (2.0, TimeUnit::Weeks),
        "隔月" => (2.0, TimeUnit::Months),
        "隔年" => (2.0, TimeUnit::Years),
        "quarterly" => (3.0, TimeUnit::Months),
        "semiannually" | "semi-annually" => (6.0, TimeUnit::Months),
        w if w.starts_with("四半期") => (3.0, TimeUnit::Months),
        w if w.starts_with("半") => (6.0, TimeUnit::Months),
        w => match every_unit(w) {
            Some(unit) => (1.0, unit),
            None => {
                // every (other) UNIT
                let other = c.get(1).is_some();
                let (n, unit) = period(c.get(2)?.as_str())?;
                (if other { 2.0 * n } else { n }, unit)
            }
        },
    };
    Some(Value::Interval { amount, unit })
}

fn quantity_ja(c: &Captures) -> Option<Value> {
    let amount = number(c, 3)?;
    let unit = time_unit(&c[4])?;
    let every = c.get(1).is_some() || c.get(5).is_some();
    Some(duration_or_interval(amount, unit, every))
}

fn quantity_en(c: &Captures) -> Option<Value> {
    let amount = number(c, 3)?;
    let unit = time_unit(&c[4])?;
    Some(duration_or_interval(amount, unit, c.get(1).is_some()))
}

fn duration_or_interval(amount: f64, unit: TimeUnit, every: bool) -> Value {
    if every {
        Value::Interval { amount, unit }
    } else {
        Value::Duration {
            amount,
            unit,
            from: None,
        }
    }
}

/// The stretches of worked examples: from 「例えば」 / "for example" / "e.g." to the end of its
/// sentence, or from 「(例」 to its closing bracket.
fn examples(text: &str) -> Vec<Range<usize>> {
    EXAMPLE
        .find_iter(text)
        .map(|m| {
            let rest = &text[m.end()..];
            let bracketed = m.as_str().starts_with('(') || text[..m.start()].ends_with('(');
            let end = if bracketed {
                rest.find(')')
            } else {
                rest.find(['。', '\n', '!', '?'])
                    .into_iter()
                    .chain(rest.find(". "))
                    .min()
            };
            m.start()..end.map_or(text.len(), |e| m.end() + e)
        })
        .collect()
}
