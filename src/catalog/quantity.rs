//! What makes two answers comparable beyond their status: the kind of question a control asks,
//! the yes/no of an answer, what a duration counts from, the schedule of a count, and how every
//! value reads in English and Japanese.

use super::model::{CountUnit, Lang, TimeUnit, Value};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of question a control asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlKind {
    /// Answered in words, a value or a list.
    #[default]
    Open,
    /// Answered yes or no (or "yes, if …"): its stated answers carry a [`Polarity`].
    YesNo,
}

impl ControlKind {
    pub fn is_open(&self) -> bool {
        *self == ControlKind::Open
    }
}

/// The answer to a yes/no question, whatever the status says about how fully it is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Yes,
    No,
    /// Yes only under conditions the answer names (an option, a request, a fee…).
    Conditional,
}

/// What a duration counts from — or, for a notice, what it comes before. A closed list, taken
/// from what the vendors' documents say; `unspecified` where the document does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Since {
    /// The end of the contract.
    ContractEnd,
    /// The day after the contract ends ("契約終了翌日から").
    DayAfterContractEnd,
    /// The date of cancellation ("解約日より").
    Cancellation,
    /// The customer's request to delete.
    DeletionRequest,
    /// The customer's request (other than deletion).
    Request,
    /// The detection of an incident or failure ("検知した場合は").
    Detection,
    /// The occurrence of an incident or failure ("発生後").
    Occurrence,
    /// The erasure of the live data (backup deletion counted from it).
    DataErasure,
    /// The taking of each backup ("過去7日間分").
    BackupTaken,
    /// The last use of a session ("使用中断時間").
    LastUse,
    /// A notice given this long before maintenance work.
    BeforeMaintenance,
    /// A notice given this long before the service ends.
    BeforeServiceEnd,
    /// The document does not say what the time counts from.
    Unspecified,
}

impl Since {
    /// Every value, in the order the README documents them.
    pub const ALL: [Since; 13] = [
        Since::ContractEnd,
        Since::DayAfterContractEnd,
        Since::Cancellation,
        Since::DeletionRequest,
        Since::Request,
        Since::Detection,
        Since::Occurrence,
        Since::DataErasure,
        Since::BackupTaken,
        Since::LastUse,
        Since::BeforeMaintenance,
        Since::BeforeServiceEnd,
        Since::Unspecified,
    ];

    /// The word the files use: `contract-end`, `before-maintenance`, …
    pub fn as_str(self) -> &'static str {
        use Since::*;
        match self {
            ContractEnd => "contract-end",
            DayAfterContractEnd => "day-after-contract-end",
            Cancellation => "cancellation",
            DeletionRequest => "deletion-request",
            Request => "request",
            Detection => "detection",
            Occurrence => "occurrence",
            DataErasure => "data-erasure",
            BackupTaken => "backup-taken",
            LastUse => "last-use",
            BeforeMaintenance => "before-maintenance",
            BeforeServiceEnd => "before-service-end",
            Unspecified => "unspecified",
        }
    }

    /// `duration` (already written in `lang`) placed in its phrase: "30 days after cancellation".
    fn phrase(self, duration: &str, lang: Lang) -> String {
        use Since::*;
        let (en, ja): (&str, &str) = match self {
            ContractEnd => ("{} after the contract ends", "契約終了から{}"),
            DayAfterContractEnd => (
                "{} from the day after the contract ends",
                "契約終了翌日から{}",
            ),
            Cancellation => ("{} after cancellation", "解約から{}"),
            DeletionRequest => ("{} after the deletion request", "削除依頼から{}"),
            Request => ("{} after the request", "依頼から{}"),
            Detection => ("{} after detection", "検知から{}"),
            Occurrence => ("{} after it occurs", "発生から{}"),
            DataErasure => ("{} after the live data is erased", "データ消去から{}"),
            BackupTaken => ("{} from when each backup is taken", "取得から{}"),
            LastUse => ("{} after last use", "使用中断から{}"),
            BeforeMaintenance => ("{} before the maintenance", "作業の{}前"),
            BeforeServiceEnd => ("{} before the service ends", "終了の{}前"),
            Unspecified => ("{} (starting point not stated)", "{}(起算点の記載なし)"),
        };
        match lang {
            Lang::En => en,
            Lang::Ja => ja,
        }
        .replacen("{}", duration, 1)
    }
}

/// A `from` that is not in the list. The message stays short enough not to be clipped; the
/// README's Data layout lists and explains every value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown starting point `from: {0}` (e.g. contract-end, cancellation, detection, unspecified)"
)]
pub struct UnknownSince(String);

impl TryFrom<String> for Since {
    type Error = UnknownSince;
    fn try_from(s: String) -> Result<Since, UnknownSince> {
        Since::ALL
            .into_iter()
            .find(|since| since.as_str() == s)
            .ok_or(UnknownSince(s))
    }
}

impl From<Since> for &'static str {
    fn from(since: Since) -> &'static str {
        since.as_str()
    }
}

/// How often the things a count counts are taken: `daily`, `hourly`, `every-2-hours`, …
/// Written in the files as that one word; read into an amount and a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Schedule {
    pub every: u32,
    pub unit: TimeUnit,
}

/// A schedule that is not one of the documented forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown schedule `{0}`: expected hourly, daily, weekly, monthly, yearly or every-N-UNIT \
     (e.g. every-2-hours; units minutes, hours, days, business-days, weeks, months, years)"
)]
pub struct BadSchedule(String);

impl TryFrom<String> for Schedule {
    type Error = BadSchedule;
    fn try_from(s: String) -> Result<Schedule, BadSchedule> {
        let once = |unit| Ok(Schedule { every: 1, unit });
        match s.as_str() {
            "hourly" => return once(TimeUnit::Hours),
            "daily" => return once(TimeUnit::Days),
            "weekly" => return once(TimeUnit::Weeks),
            "monthly" => return once(TimeUnit::Months),
            "yearly" => return once(TimeUnit::Years),
            _ => {}
        }
        let bad = || BadSchedule(s.clone());
        let rest = s.strip_prefix("every-").ok_or_else(bad)?;
        let (n, unit) = rest.split_once('-').ok_or_else(bad)?;
        let every: u32 = n.parse().ok().filter(|n| *n > 0).ok_or_else(bad)?;
        let unit = TimeUnit::ALL
            .into_iter()
            .find(|u| u.slug() == unit)
            .ok_or_else(bad)?;
        Ok(Schedule { every, unit })
    }
}

impl From<Schedule> for String {
    fn from(s: Schedule) -> String {
        match (s.every, s.unit) {
            (1, TimeUnit::Minutes) => "every-1-minutes".to_string(),
            (1, TimeUnit::Hours) => "hourly".to_string(),
            (1, TimeUnit::Days) => "daily".to_string(),
            (1, TimeUnit::Weeks) => "weekly".to_string(),
            (1, TimeUnit::Months) => "monthly".to_string(),
            (1, TimeUnit::Years) => "yearly".to_string(),
            (n, unit) => format!("every-{n}-{}", unit.slug()),
        }
    }
}

impl Schedule {
    pub fn label(&self, lang: Lang) -> String {
        interval_label(self.every as f64, self.unit, lang)
    }
}

impl TimeUnit {
    pub const ALL: [TimeUnit; 7] = [
        TimeUnit::Minutes,
        TimeUnit::Hours,
        TimeUnit::Days,
        TimeUnit::Weeks,
        TimeUnit::Months,
        TimeUnit::Years,
        TimeUnit::BusinessDays,
    ];

    /// The word the files use: `days`, `business-days`.
    pub fn slug(self) -> &'static str {
        match self {
            TimeUnit::BusinessDays => "business-days",
            unit => unit.words().1,
        }
    }

    /// The unit in English, singular and plural: ("day", "days").
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            TimeUnit::Minutes => ("minute", "minutes"),
            TimeUnit::Hours => ("hour", "hours"),
            TimeUnit::Days => ("day", "days"),
            TimeUnit::Weeks => ("week", "weeks"),
            TimeUnit::Months => ("month", "months"),
            TimeUnit::Years => ("year", "years"),
            TimeUnit::BusinessDays => ("business day", "business days"),
        }
    }

    /// The unit in Japanese: "日", "か月".
    pub fn ja(self) -> &'static str {
        match self {
            TimeUnit::Minutes => "分",
            TimeUnit::Hours => "時間",
            TimeUnit::Days => "日",
            TimeUnit::Weeks => "週間",
            TimeUnit::Months => "か月",
            TimeUnit::Years => "年",
            TimeUnit::BusinessDays => "営業日",
        }
    }

    /// "daily", "毎日": the word for once every one unit.
    fn once_every(self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, TimeUnit::Hours) => "hourly".to_string(),
            (Lang::En, TimeUnit::Days) => "daily".to_string(),
            (Lang::En, TimeUnit::Weeks) => "weekly".to_string(),
            (Lang::En, TimeUnit::Months) => "monthly".to_string(),
            (Lang::En, TimeUnit::Years) => "yearly".to_string(),
            (Lang::En, unit) => format!("every {}", unit.words().0),
            (Lang::Ja, TimeUnit::Hours) => "毎時".to_string(),
            (Lang::Ja, TimeUnit::Days) => "毎日".to_string(),
            (Lang::Ja, TimeUnit::Weeks) => "毎週".to_string(),
            (Lang::Ja, TimeUnit::Months) => "毎月".to_string(),
            (Lang::Ja, TimeUnit::Years) => "毎年".to_string(),
            (Lang::Ja, TimeUnit::BusinessDays) => "毎営業日".to_string(),
            (Lang::Ja, unit) => format!("1{}ごと", unit.ja()),
        }
    }
}

fn amount(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn length(n: f64, unit: TimeUnit, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let (one, many) = unit.words();
            format!("{} {}", amount(n), if n == 1.0 { one } else { many })
        }
        Lang::Ja => format!("{}{}", amount(n), unit.ja()),
    }
}

/// "every 2 hours" / "2時間ごと"; a count per one unit reads "every year" / "1年ごと" as before.
fn interval_label(n: f64, unit: TimeUnit, lang: Lang) -> String {
    match lang {
        Lang::En if n == 1.0 => format!("every {}", unit.words().0),
        Lang::En => format!("every {}", length(n, unit, lang)),
        Lang::Ja => format!("{}ごと", length(n, unit, lang)),
    }
}

fn generations(n: f64, lang: Lang) -> String {
    match lang {
        Lang::En if n == 1.0 => "1 generation".to_string(),
        Lang::En => format!("{} generations", amount(n)),
        Lang::Ja => format!("{}世代", amount(n)),
    }
}

impl Value {
    /// The value as a reader of `lang` writes it: "30 days after cancellation" / "解約から30日",
    /// "every 2 hours" / "2時間ごと", "7 generations, daily" / "7世代(毎日)".
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Value::Duration { amount, unit, from } => {
                let d = length(*amount, *unit, lang);
                match from {
                    Some(since) => since.phrase(&d, lang),
                    None => d,
                }
            }
            Value::Interval { amount, unit } => interval_label(*amount, *unit, lang),
            Value::Count {
                amount,
                unit: CountUnit::Generations,
                schedule,
                ..
            } => {
                let n = generations(*amount, lang);
                match (schedule, lang) {
                    (None, _) => n,
                    (Some(s), Lang::En) => format!("{n}, {}", schedule_word(s, lang)),
                    (Some(s), Lang::Ja) => format!("{n}({})", schedule_word(s, lang)),
                }
            }
            Value::Percentage { amount, .. } => percentage(*amount),
            Value::List { items } => match lang {
                Lang::En => items.join(", "),
                Lang::Ja => items.join("、"),
            },
            Value::ServiceHours { text, exceptions } => match (exceptions, lang) {
                (None, _) => text.get(lang).to_string(),
                (Some(x), Lang::En) => format!("{} except {}", text.en, x.en),
                (Some(x), Lang::Ja) => format!("{}({}を除く)", text.get(lang), x.get(lang)),
            },
            Value::Indefinite => match lang {
                Lang::En => "indefinitely".to_string(),
                Lang::Ja => "無期限".to_string(),
            },
            Value::CalendarRule { rule } => rule.get(lang).to_string(),
        }
    }
}

/// Two decimals, as availability is written ("99.90%"), or as many as the amount has, so that
/// the label reads back as the same value ("99.999%").
fn percentage(amount: f64) -> String {
    let two = format!("{amount:.2}");
    if two.parse::<f64>().is_ok_and(|n| n == amount) {
        format!("{two}%")
    } else {
        format!("{amount}%")
    }
}

fn schedule_word(s: &Schedule, lang: Lang) -> String {
    if s.every == 1 {
        s.unit.once_every(lang)
    } else {
        s.label(lang)
    }
}

/// The English label.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Text;

    fn duration(amount: f64, unit: TimeUnit, from: Option<Since>) -> Value {
        Value::Duration { amount, unit, from }
    }

    fn text(en: &str, ja: &str) -> Text {
        Text {
            en: en.to_string().into(),
            ja: Some(ja.to_string().into()),
        }
    }

    #[test]
    fn a_duration_reads_with_what_it_counts_from() {
        let v = duration(60.0, TimeUnit::Days, Some(Since::Cancellation));
        assert_eq!(v.to_string(), "60 days after cancellation");
        assert_eq!(v.label(Lang::Ja), "解約から60日");
        let v = duration(2.0, TimeUnit::Weeks, Some(Since::BeforeMaintenance));
        assert_eq!(v.label(Lang::En), "2 weeks before the maintenance");
        assert_eq!(v.label(Lang::Ja), "作業の2週間前");
        let v = duration(10.0, TimeUnit::Years, Some(Since::Unspecified));
        assert_eq!(v.label(Lang::Ja), "10年(起算点の記載なし)");
        assert_eq!(duration(1.0, TimeUnit::Hours, None).to_string(), "1 hour");
    }

    #[test]
    fn every_since_has_a_phrase_in_both_languages() {
        for since in Since::ALL {
            for lang in [Lang::En, Lang::Ja] {
                let label = duration(3.0, TimeUnit::Days, Some(since)).label(lang);
                assert!(label.contains('3'), "{since:?} {lang:?}: {label}");
                assert_ne!(
                    label,
                    length(3.0, TimeUnit::Days, lang),
                    "{since:?} {lang:?}"
                );
            }
        }
    }

    #[test]
    fn every_since_reads_back_from_its_word() {
        for since in Since::ALL {
            assert_eq!(Since::try_from(since.as_str().to_string()), Ok(since));
        }
        let err = Since::try_from("contract-ending".to_string()).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("unknown starting point `from: contract-ending`"));
    }

    #[test]
    fn schedules_read_and_write_as_one_word() {
        for (word, every, unit) in [
            ("daily", 1, TimeUnit::Days),
            ("hourly", 1, TimeUnit::Hours),
            ("every-2-hours", 2, TimeUnit::Hours),
            ("every-30-minutes", 30, TimeUnit::Minutes),
        ] {
            let s = Schedule::try_from(word.to_string()).unwrap();
            assert_eq!(s, Schedule { every, unit });
            assert_eq!(String::from(s), word);
        }
        for bad in [
            "twice",
            "every-2",
            "every-x-hours",
            "every-0-hours",
            "every-2-fortnights",
        ] {
            assert!(Schedule::try_from(bad.to_string()).is_err(), "{bad}");
        }
    }

    #[test]
    fn business_days_read_as_business_days() {
        let v = duration(5.0, TimeUnit::BusinessDays, None);
        assert_eq!(v.to_string(), "5 business days");
        assert_eq!(v.label(Lang::Ja), "5営業日");
        assert_eq!(
            duration(1.0, TimeUnit::BusinessDays, Some(Since::Request)).to_string(),
            "1 business day after the request"
        );
        let every = Value::Interval {
            amount: 1.0,
            unit: TimeUnit::BusinessDays,
        };
        assert_eq!(every.to_string(), "every business day");
        assert_eq!(every.label(Lang::Ja), "1営業日ごと");
        let s = Schedule {
            every: 1,
            unit: TimeUnit::BusinessDays,
        };
        assert_eq!(String::from(s), "every-1-business-days");
        assert_eq!(Schedule::try_from(String::from(s)), Ok(s));
        // In the files the unit is one word.
        let yaml = serde_yaml::to_string(&v).unwrap();
        assert!(yaml.contains("unit: business-days"), "{yaml}");
        assert_eq!(serde_yaml::from_str::<Value>(&yaml).unwrap(), v);
    }

    #[test]
    fn a_percentage_shows_two_decimals_or_as_many_as_it_has() {
        let pct = |amount| Value::Percentage {
            amount,
            unit: crate::catalog::PercentUnit::Percent,
        };
        assert_eq!(pct(100.0).to_string(), "100.00%");
        assert_eq!(pct(99.9).to_string(), "99.90%");
        assert_eq!(pct(99.999).to_string(), "99.999%");
    }

    #[test]
    fn a_count_shows_its_schedule() {
        let v = Value::generations(
            36.0,
            Some(Schedule {
                every: 2,
                unit: TimeUnit::Hours,
            }),
        );
        assert_eq!(v.to_string(), "36 generations, every 2 hours");
        assert_eq!(v.label(Lang::Ja), "36世代(2時間ごと)");
        let daily = Value::generations(
            7.0,
            Some(Schedule {
                every: 1,
                unit: TimeUnit::Days,
            }),
        );
        assert_eq!(daily.to_string(), "7 generations, daily");
        assert_eq!(daily.label(Lang::Ja), "7世代(毎日)");
    }

    #[test]
    fn service_hours_indefinite_and_calendar_rules_have_labels() {
        let hours = Value::ServiceHours {
            text: text("24/365", "24時間365日"),
            exceptions: Some(text("planned maintenance", "計画停止")),
        };
        assert_eq!(hours.to_string(), "24/365 except planned maintenance");
        assert_eq!(hours.label(Lang::Ja), "24時間365日(計画停止を除く)");
        assert_eq!(Value::Indefinite.to_string(), "indefinitely");
        assert_eq!(Value::Indefinite.label(Lang::Ja), "無期限");
        let rule = Value::CalendarRule {
            rule: text(
                "the 10th of the month after the deletion date on the form",
                "申込書記載の削除日の翌月10日",
            ),
        };
        assert_eq!(
            rule.to_string(),
            "the 10th of the month after the deletion date on the form"
        );
        assert_eq!(rule.label(Lang::Ja), "申込書記載の削除日の翌月10日");
    }

    #[test]
    fn intervals_read_as_before() {
        let v = Value::Interval {
            amount: 1.0,
            unit: TimeUnit::Years,
        };
        assert_eq!(v.to_string(), "every year");
        assert_eq!(v.label(Lang::Ja), "1年ごと");
        let v = Value::Interval {
            amount: 2.0,
            unit: TimeUnit::Hours,
        };
        assert_eq!(v.to_string(), "every 2 hours");
        assert_eq!(v.label(Lang::Ja), "2時間ごと");
    }
}
