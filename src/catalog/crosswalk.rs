//! Crosswalk ids: where a control sits in the standards auditors work from. Ids only — a
//! standard's text is copyrighted and never part of the catalogue.

use serde::{Deserialize, Serialize};

/// The clauses a control corresponds to, per standard; each list may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// ISO/IEC 27017:2015 clauses: `12.3.1` (a 27002:2013 clause) or `CLD.8.1.5`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub iso27017: Vec<String>,
    /// ISO/IEC 27002:2022 controls: `5.1` to `5.37`, `6.1` to `6.8`, `7.1` to `7.14`, `8.1` to `8.34`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub iso27002: Vec<String>,
    /// Items of METI's cloud security guideline check sheet, numbered as the vendors' check
    /// sheets built on it number them: `6.30`, `2.1.4`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meti: Vec<String>,
}

/// The standards a crosswalk names, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    Iso27017,
    Iso27002,
    Meti,
}

impl Standard {
    pub const ALL: [Standard; 3] = [Standard::Iso27017, Standard::Iso27002, Standard::Meti];

    /// The field name in `controls.yaml`.
    pub fn field(self) -> &'static str {
        match self {
            Standard::Iso27017 => "iso27017",
            Standard::Iso27002 => "iso27002",
            Standard::Meti => "meti",
        }
    }

    /// What one id names, for a message.
    pub fn names(self) -> &'static str {
        match self {
            Standard::Iso27017 => "an ISO/IEC 27017:2015 clause",
            Standard::Iso27002 => "an ISO/IEC 27002:2022 control",
            Standard::Meti => "a METI guideline check-sheet item",
        }
    }

    /// What the ids look like, for a hint.
    pub fn format(self) -> &'static str {
        match self {
            Standard::Iso27017 => {
                "a clause of 5 to 18 such as `12.3.1`, or a cloud one such as `CLD.8.1.5`"
            }
            Standard::Iso27002 => "`5.1`–`5.37`, `6.1`–`6.8`, `7.1`–`7.14` or `8.1`–`8.34`",
            Standard::Meti => {
                "the item's number as the check sheets give it, such as `6.30` or `2.1.4`"
            }
        }
    }

    pub fn is_valid(self, id: &str) -> bool {
        match self {
            Standard::Iso27017 => is_iso27017(id),
            Standard::Iso27002 => is_iso27002(id),
            Standard::Meti => is_meti(id),
        }
    }
}

impl Crosswalk {
    pub fn is_empty(&self) -> bool {
        self.iso27017.is_empty() && self.iso27002.is_empty() && self.meti.is_empty()
    }

    pub fn ids(&self, standard: Standard) -> &[String] {
        match standard {
            Standard::Iso27017 => &self.iso27017,
            Standard::Iso27002 => &self.iso27002,
            Standard::Meti => &self.meti,
        }
    }

    /// One line for a header or a cell: `ISO/IEC 27017 CLD.8.1.5 · 27002 8.10 · METI 6.30`;
    /// empty when there are no ids.
    pub fn line(&self) -> String {
        let iso_prefix = if self.iso27017.is_empty() || self.iso27002.is_empty() {
            "ISO/IEC "
        } else {
            ""
        };
        let mut parts = Vec::new();
        if !self.iso27017.is_empty() {
            parts.push(format!("ISO/IEC 27017 {}", self.iso27017.join(", ")));
        }
        if !self.iso27002.is_empty() {
            parts.push(format!("{iso_prefix}27002 {}", self.iso27002.join(", ")));
        }
        if !self.meti.is_empty() {
            parts.push(format!("METI {}", self.meti.join(", ")));
        }
        parts.join(" · ")
    }
}

/// Dotted decimal numbers without leading zeros: `Some([12, 3, 1])` for `12.3.1`.
fn numbers(id: &str) -> Option<Vec<u32>> {
    id.split('.')
        .map(|part| {
            let well_formed = !part.is_empty()
                && part.len() <= 2
                && part.bytes().all(|b| b.is_ascii_digit())
                && !(part.len() > 1 && part.starts_with('0'));
            well_formed.then(|| part.parse().ok()).flatten()
        })
        .collect()
}

/// The controls ISO/IEC 27017 adds to those of ISO/IEC 27002:2013.
const CLOUD_CONTROLS: [&str; 7] = [
    "CLD.6.3.1",
    "CLD.8.1.5",
    "CLD.9.5.1",
    "CLD.9.5.2",
    "CLD.12.1.5",
    "CLD.12.4.5",
    "CLD.13.1.4",
];

fn is_iso27017(id: &str) -> bool {
    if id.starts_with("CLD.") {
        return CLOUD_CONTROLS.contains(&id);
    }
    matches!(numbers(id).as_deref(), Some(&[main, a, b]) if (5..=18).contains(&main) && a >= 1 && b >= 1)
}

fn is_iso27002(id: &str) -> bool {
    match numbers(id).as_deref() {
        Some(&[theme, control]) => {
            let last = match theme {
                5 => 37,
                6 => 8,
                7 => 14,
                8 => 34,
                _ => 0,
            };
            (1..=last).contains(&control)
        }
        _ => false,
    }
}

fn is_meti(id: &str) -> bool {
    matches!(numbers(id).as_deref(), Some(n) if (2..=3).contains(&n.len()) && n.iter().all(|&x| x >= 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso27017_ids_are_2013_clauses_or_cloud_extensions() {
        for ok in [
            "12.3.1",
            "5.1.1",
            "18.2.3",
            "CLD.8.1.5",
            "CLD.6.3.1",
            "CLD.12.4.5",
        ] {
            assert!(is_iso27017(ok), "{ok}");
        }
        for bad in [
            "4.1.1",
            "19.1.1",
            "8.10",
            "CLD8.1.5",
            "cld.8.1.5",
            "12.03.1",
            "12.3",
            "",
        ] {
            assert!(!is_iso27017(bad), "{bad}");
        }
    }

    #[test]
    fn iso27002_ids_are_the_2022_controls() {
        for ok in ["5.1", "5.37", "6.8", "7.14", "8.10", "8.34"] {
            assert!(is_iso27002(ok), "{ok}");
        }
        for bad in [
            "5.38", "6.9", "7.15", "8.35", "9.1", "4.1", "12.3.1", "8.010", "8",
        ] {
            assert!(!is_iso27002(bad), "{bad}");
        }
    }

    #[test]
    fn meti_ids_are_check_sheet_items() {
        for ok in ["6.30", "2.1.4", "11.6"] {
            assert!(is_meti(ok), "{ok}");
        }
        for bad in ["6", "6.0", "1.2.3.4", "A.1", "6.30 "] {
            assert!(!is_meti(bad), "{bad}");
        }
    }

    #[test]
    fn the_line_names_each_standard_once() {
        let all = Crosswalk {
            iso27017: vec!["CLD.8.1.5".into()],
            iso27002: vec!["8.10".into()],
            meti: vec!["6.30".into()],
        };
        assert_eq!(
            all.line(),
            "ISO/IEC 27017 CLD.8.1.5 · 27002 8.10 · METI 6.30"
        );
        let only_27002 = Crosswalk {
            iso27002: vec!["5.31".into(), "5.32".into()],
            ..Crosswalk::default()
        };
        assert_eq!(only_27002.line(), "ISO/IEC 27002 5.31, 5.32");
        assert_eq!(Crosswalk::default().line(), "");
    }
}
