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

/// A vendor is due for re-assessment this many months after it was last assessed, unless
/// configured otherwise (委託先の定期評価, yearly in most companies).
pub const DEFAULT_REASSESS_MONTHS: u32 = 12;

/// Where a vendor's last assessment date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessedBy {
    /// The vendor file's `assessed`, written when its last draft was confirmed.
    Record,
    /// No record, and nothing of it left to review: its documents' latest date stands for it
    /// (the shipped vendors, and files written by hand).
    Documents,
}

/// A vendor's last assessment and when the next one is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub on: Date,
    pub by: AssessedBy,
    pub due_on: Date,
}

impl Assessment {
    pub fn is_due(&self, today: Date) -> bool {
        today >= self.due_on
    }
}

/// The last assessment of `vendor`, due again `months` later: its recorded `assessed` date;
/// else, when none of its answers is a draft, its documents' latest date not after `today`
/// (a document dated in the future vouches for nothing); else none (a vendor whose drafts
/// nobody has finished reviewing has not been assessed yet).
pub fn last_assessment(
    vendor: &crate::catalog::Vendor,
    months: u32,
    today: Option<Date>,
) -> Option<Assessment> {
    let recorded = vendor.info.assessed.as_deref().and_then(parse_date);
    let (on, by) = match recorded {
        Some(on) => (on, AssessedBy::Record),
        None if vendor.answers.drafts() > 0 => return None,
        None => (
            vendor
                .documents
                .iter()
                .filter_map(|d| d.date.as_deref().and_then(parse_date))
                .filter(|&d| today.is_none_or(|t| d <= t))
                .max()?,
            AssessedBy::Documents,
        ),
    };
    let due_on = on
        .checked_add(jiff::Span::new().months(i64::from(months)))
        .unwrap_or(Date::MAX);
    Some(Assessment { on, by, due_on })
}

/// The vendors (positions in `vendors`) due for re-assessment on `today`.
pub fn due_vendors(vendors: &[crate::catalog::Vendor], months: u32, today: Date) -> Vec<usize> {
    (0..vendors.len())
        .filter(|&i| {
            last_assessment(&vendors[i], months, Some(today)).is_some_and(|a| a.is_due(today))
        })
        .collect()
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
        .map(|q| q.text.as_ref())
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

    fn vendor(assessed: Option<&str>, dates: &[&str], draft: bool) -> crate::catalog::Vendor {
        use crate::catalog::{Answer, Document, Origin, Status, Text, Vendor, VendorInfo};
        Vendor {
            info: VendorInfo {
                id: "v".into(),
                name: Text {
                    en: "V".into(),
                    ja: None,
                },
                short_name: None,
                products: None,
                note: None,
                assessed: assessed.map(String::from),
            },
            documents: dates
                .iter()
                .enumerate()
                .map(|(i, d)| Document {
                    id: format!("d{i}"),
                    title: "T".into(),
                    version: None,
                    date: Some(d.to_string()),
                    source: "s".into(),
                })
                .collect(),
            answers: vec![Answer {
                control: "c".into(),
                status: Status::NotStated,
                summary: None,
                vendor_words: None,
                value: None,
                note: None,
                polarity: None,
                quotes: Vec::new(),
                draft,
                candidates: Vec::new(),
                conflicts: Vec::new(),
                previous: None,
            }]
            .into(),
            origin: Origin::User,
        }
    }

    #[test]
    fn a_vendor_is_due_a_set_number_of_months_after_its_last_assessment() {
        let v = vendor(Some("2025-12-07"), &["2024-05-01"], false);
        let a = last_assessment(&v, 12, None).unwrap();
        assert_eq!((a.on, a.by), (date(2025, 12, 7), AssessedBy::Record));
        assert_eq!(a.due_on, date(2026, 12, 7));
        assert!(!a.is_due(date(2026, 12, 6)));
        assert!(a.is_due(date(2026, 12, 7)));
        // A month end stays in its month.
        let v = vendor(Some("2026-01-31"), &[], false);
        assert_eq!(
            last_assessment(&v, 1, None).unwrap().due_on,
            date(2026, 2, 28)
        );
    }

    #[test]
    fn without_a_record_the_documents_latest_date_stands_unless_drafts_are_left() {
        let v = vendor(None, &["2024-05", "2025-07-01", "2023-01-15"], false);
        let a = last_assessment(&v, 12, None).unwrap();
        assert_eq!((a.on, a.by), (date(2025, 7, 1), AssessedBy::Documents));
        // A document dated after today does not count.
        let v = vendor(None, &["2025-07-01", "2099-01"], false);
        let a = last_assessment(&v, 12, Some(date(2026, 1, 1))).unwrap();
        assert_eq!(a.on, date(2025, 7, 1));
        assert_eq!(
            last_assessment(&vendor(None, &["2025-07-01"], true), 12, None),
            None
        );
        assert_eq!(last_assessment(&vendor(None, &[], false), 12, None), None);
        // A record stands even while a new version is under review.
        let v = vendor(Some("2025-01-10"), &["2025-07-01"], true);
        assert_eq!(last_assessment(&v, 12, None).unwrap().on, date(2025, 1, 10));
    }

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
