//! How old a document is, and whether an answer cites a standard edition that has been
//! superseded. Pure functions of the text and of "today", which callers pass in.

use crate::text::normalize_query;
use jiff::civil::Date;

/// Documents older than this many months are flagged stale unless configured otherwise.
pub const DEFAULT_STALE_MONTHS: u32 = 24;

/// A document date (`YYYY-MM-DD`, or `YYYY-MM` read as the first of the month).
pub fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.split('-').map(|p| p.parse::<i16>().ok());
    let (y, m) = (parts.next()??, parts.next()??);
    let d = match parts.next() {
        Some(d) => d?,
        None => 1,
    };
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// Whole months from `date` to `today` (0 if `date` is in the future).
pub fn age_months(date: Date, today: Date) -> u32 {
    let months = (today.year() as i32 - date.year() as i32) * 12
        + (today.month() as i32 - date.month() as i32)
        - i32::from(today.day() < date.day());
    months.max(0) as u32
}

/// "3 years 2 months", "5 months", "this month".
pub fn describe_age(months: u32) -> String {
    let (y, m) = (months / 12, months % 12);
    let unit = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (y, m) {
        (0, 0) => "under a month".to_string(),
        (0, m) => unit(m, "month", "months"),
        (y, 0) => unit(y, "year", "years"),
        (y, m) => format!(
            "{} {}",
            unit(y, "year", "years"),
            unit(m, "month", "months")
        ),
    }
}

/// How a document's date stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// At most the configured number of months old.
    Fresh { months: u32 },
    /// Older than the configured number of months.
    Stale { months: u32 },
    /// Dated after today (a `YYYY-MM` date: after this month): a mistake or a date that cannot
    /// be trusted, so never fresh.
    Future,
}

impl Freshness {
    pub fn is_fresh(self) -> bool {
        matches!(self, Freshness::Fresh { .. })
    }

    /// "3 years 2 months old", "dated in the future".
    pub fn describe(self) -> String {
        match self {
            Freshness::Fresh { months } | Freshness::Stale { months } => {
                format!("{} old", describe_age(months))
            }
            Freshness::Future => "dated in the future".to_string(),
        }
    }
}

/// How old the document dated `date` is on `today`; `None` if `date` is not a date.
pub fn freshness(date: &str, today: Date, stale_after: u32) -> Option<Freshness> {
    let date = parse_date(date)?;
    if date > today {
        return Some(Freshness::Future);
    }
    let months = age_months(date, today);
    Some(if months > stale_after {
        Freshness::Stale { months }
    } else {
        Freshness::Fresh { months }
    })
}

/// A standard edition that has been replaced, with the date its transition period ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Superseded {
    pub edition: &'static str,
    pub successor: &'static str,
    pub transition_end: &'static str,
}

const SUPERSEDED: &[Superseded] = &[
    Superseded {
        edition: "ISO/IEC 27001:2013",
        successor: "ISO/IEC 27001:2022",
        transition_end: "2025-10-31",
    },
    Superseded {
        edition: "JIS Q 27001:2014",
        successor: "JIS Q 27001:2023",
        transition_end: "2025-10-31",
    },
];

impl Superseded {
    /// The note shown beside an answer citing this edition.
    pub fn note(&self, today: Date) -> String {
        let ended = parse_date(self.transition_end).is_some_and(|end| today > end);
        format!(
            "cites {}, superseded by {} (transition period {} {})",
            self.edition,
            self.successor,
            if ended { "ended" } else { "ends" },
            self.transition_end
        )
    }
}

/// The superseded editions a text cites, matched regardless of width, case and spacing
/// (`ISO/IEC27001:2013` and `ISO/IEC 27001:2013` alike).
pub fn superseded_in(text: &str) -> Vec<Superseded> {
    let squash = |s: &str| {
        normalize_query(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    let hay = squash(text);
    SUPERSEDED
        .iter()
        .copied()
        .filter(|s| hay.contains(&squash(s.edition)))
        .collect()
}

/// The superseded editions an answer cites in its quotes or value.
pub fn superseded_in_answer(answer: &crate::catalog::Answer) -> Vec<Superseded> {
    let mut text: Vec<String> = answer.quotes.iter().map(|q| q.text.clone()).collect();
    if let Some(v) = &answer.value {
        text.push(v.to_string());
    }
    superseded_in(&text.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ages_in_months() {
        assert_eq!(age_months(date(2023, 9, 1), date(2026, 11, 21)), 38);
        assert_eq!(age_months(date(2025, 5, 7), date(2026, 11, 6)), 17);
        assert_eq!(age_months(date(2027, 1, 1), date(2026, 11, 21)), 0);
        assert_eq!(describe_age(38), "3 years 2 months");
        assert_eq!(describe_age(1), "1 month");
    }

    #[test]
    fn stale_after_the_configured_age() {
        let today = date(2026, 11, 21);
        assert_eq!(
            freshness("2023-09", today, 24),
            Some(Freshness::Stale { months: 38 })
        );
        assert_eq!(
            freshness("2025-07-01", today, 24),
            Some(Freshness::Fresh { months: 16 })
        );
        assert!(freshness("2023-09", today, 48).unwrap().is_fresh());
        assert_eq!(freshness("not a date", today, 24), None);
        assert_eq!(freshness("2024-02-31", today, 24), None);
    }

    #[test]
    fn a_date_in_the_future_is_flagged_and_never_fresh() {
        let today = date(2026, 11, 21);
        assert_eq!(freshness("2099-01", today, 24), Some(Freshness::Future));
        assert_eq!(freshness("2026-11-22", today, 24), Some(Freshness::Future));
        assert_eq!(freshness("2026-12", today, 24), Some(Freshness::Future));
        assert!(!Freshness::Future.is_fresh());
        assert_eq!(Freshness::Future.describe(), "dated in the future");
        // This month and today are not in the future.
        assert!(freshness("2026-11", today, 24).unwrap().is_fresh());
        assert!(freshness("2026-11-21", today, 24).unwrap().is_fresh());
    }

    #[test]
    fn superseded_editions_are_found_however_written() {
        assert_eq!(
            superseded_in("「ISO/IEC27001:2013 / JIS Q 27001:2014」").len(),
            2
        );
        assert_eq!(superseded_in("ISO/IEC 27001:2013").len(), 1);
        assert!(superseded_in("ISO/IEC27001:2022 JIS Q 27001:2023").is_empty());
        let note = superseded_in("ISO/IEC 27001:2013")[0].note(date(2026, 11, 21));
        assert!(
            note.contains("superseded by ISO/IEC 27001:2022") && note.contains("ended 2025-10-31"),
            "{note}"
        );
    }
}
