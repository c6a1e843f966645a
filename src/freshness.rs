//! How old a document is, and whether an answer cites a standard edition that has been
//! superseded. Pure functions of the text and of "today", which callers pass in.

use crate::text::normalize_query;
use jiff::civil::Date;

/// Documents older than this many months are flagged stale unless configured otherwise.
pub const DEFAULT_STALE_MONTHS: u32 = 24;

/// The catalogue's date parser: a date that passes validation always has an age.
pub use crate::catalog::date::parse_date;

/// Whole months from `date` to `today` (0 if `date` is in the future).
pub fn age_months(date: Date, today: Date) -> u32 {
    let months = (today.year() as i32 - date.year() as i32) * 12
        + (today.month() as i32 - date.month() as i32)
        - i32::from(today.day() < date.day());
    months.max(0) as u32
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
    }

    #[test]
    fn superseded_editions_are_found_however_written() {
        assert_eq!(
            superseded_in("「ISO/IEC27001:2013 / JIS Q 27001:2014」").len(),
            2
        );
        assert_eq!(superseded_in("ISO/IEC 27001:2013").len(), 1);
        assert!(superseded_in("ISO/IEC27001:2022 JIS Q 27001:2023").is_empty());
    }
}
