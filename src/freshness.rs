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
    static EDITIONS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let editions = EDITIONS.get_or_init(|| SUPERSEDED.iter().map(|s| squash(s.edition)).collect());
    if !may_cite(text) {
        return Vec::new();
    }
    let hay = squash(text);
    SUPERSEDED
        .iter()
        .zip(editions)
        .filter(|(_, edition)| hay.contains(edition.as_str()))
        .map(|(s, _)| *s)
        .collect()
}

fn squash(s: &str) -> String {
    normalize_query(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The number every superseded edition has.
const EDITION_NUMBER: &[u8] = b"27001";

/// Whether `text` may cite a superseded edition: false only when it surely does not, because
/// its digits (ASCII or full-width; spaces skipped, as [`squash`] does) never run "27001".
/// Normalizing every answer's quotes on every view was most of an export of a thousand
/// vendors; this looks at the chars alone. A char it cannot vouch for (outside ASCII, kana,
/// CJK symbols and ideographs, and the full-width forms, such as a circled or superscript
/// digit, which NFKC makes a digit) sends the text to the full test.
fn may_cite(text: &str) -> bool {
    may_cite_in(text.chars())
}

fn may_cite_in(chars: impl Iterator<Item = char>) -> bool {
    let mut matched = 0;
    for c in chars {
        let digit = match c {
            '0'..='9' => Some(c as u8),
            '\u{FF10}'..='\u{FF19}' => Some(b'0' + (c as u32 - 0xFF10) as u8),
            c if c.is_whitespace() => continue,
            '\0'..='\u{7F}' | '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' => None,
            '\u{FF00}'..='\u{FFEF}' => None,
            _ => return true,
        };
        matched = match digit {
            Some(d) if d == EDITION_NUMBER[matched] => matched + 1,
            Some(d) if d == EDITION_NUMBER[0] => 1,
            _ => 0,
        };
        if matched == EDITION_NUMBER.len() {
            return true;
        }
    }
    false
}

/// The superseded editions an answer cites in its quotes or value.
pub fn superseded_in_answer(answer: &crate::catalog::Answer) -> Vec<Superseded> {
    let value = answer.value.as_ref().map(|v| v.to_string());
    let parts: Vec<&str> = answer
        .quotes
        .iter()
        .map(|q| q.text.as_str())
        .chain(value.as_deref())
        .collect();
    // Joined by line breaks, which `may_cite` skips as spaces: one pass over the parts
    // decides as it would over the joined text, without building it.
    if !may_cite_in(parts.iter().flat_map(|p| p.chars().chain(Some('\n')))) {
        return Vec::new();
    }
    superseded_in(&parts.join("\n"))
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
    fn the_quick_test_never_rules_out_a_citation() {
        for text in [
            "ISO/IEC 27001:2013",
            "ISO/IEC２７００１：２０１３",
            "ISO/IEC 27 001:2013",
            "JIS Q 27001:2014に準拠",
            "ISO/IEC ²7001:2013",
            "ISO ㉗001",
            "227001",
        ] {
            assert!(may_cite(text), "{text}");
        }
        for text in ["ISO/IEC 27017:2015", "27 0 0 2", "当社は2701年から", ""] {
            assert!(!may_cite(text), "{text}");
        }
        // Whatever the quick test says, the answer is the full test's.
        for text in ["ISO/IEC ²7001:2013", "JIS Q ２７００１:２０１４"] {
            let full = squash(text);
            let cited = SUPERSEDED.iter().any(|s| full.contains(&squash(s.edition)));
            assert_eq!(!superseded_in(text).is_empty(), cited, "{text}");
        }
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
