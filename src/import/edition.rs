//! The version and date a vendor's document gives itself: on its title page (「第4版」「1.8版」
//! 「v4.5」 "Version 2.3", 「2025年5月7日」「2025/05/07」 "May 7, 2025") or in its revision
//! history (改定履歴 / 改訂履歴 / "Revision history": the latest row). Pure: text in, labels out.

use super::source::{Content, Source};
use regex::Regex;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// What a document says of its own edition. `date` is `YYYY-MM-DD` or `YYYY-MM`, as the
/// vendor file's `documents[].date` takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edition {
    pub version: Option<String>,
    pub date: Option<String>,
}

/// How many lines holding something make a document's title page.
const HEAD_LINES: usize = 15;

/// The lines of a source: a text's lines, a sheet's rows as tab-separated cells.
pub fn lines_of(source: &Source) -> Vec<String> {
    match &source.content {
        Content::Text(text) => text.lines().map(str::to_string).collect(),
        Content::Sheets(sheets) => sheets
            .iter()
            .flat_map(|s| s.rows.iter().map(|r| r.join("\t")))
            .collect(),
    }
}

/// The edition `source` states of itself.
pub fn of_source(source: &Source) -> Edition {
    read(&lines_of(source).join("\n"))
}

/// The edition a document's text states: the title page's version and date, the latest row
/// of its revision history for what the title page does not say (and for the day of a date
/// the title page gives to the month only).
pub fn read(text: &str) -> Edition {
    let lines: Vec<String> = text.lines().map(|l| l.nfkc().collect::<String>()).collect();
    let head: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .take_while(|l| !is_history_title(l))
        // 「2019年6月18日付 適用宣言書 第4版」 is the edition of another document it cites.
        .filter(|l| !cites_another(l))
        .collect();
    let version = head.iter().find_map(|l| version_in(l));
    let date = head.iter().find_map(|l| date_in(l));
    let latest = history(&lines);
    let date = match (date, &latest) {
        (Some(month), Some(row)) if month.len() == 7 && row.date.starts_with(&month) => {
            Some(row.date.clone())
        }
        (Some(d), _) => Some(d),
        (None, row) => row.as_ref().map(|r| r.date.clone()),
    };
    Edition {
        version: version.or(latest.map(|r| r.version)),
        date,
    }
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

fn cites_another(line: &str) -> bool {
    static DATED: OnceLock<Regex> = OnceLock::new();
    regex(&DATED, r"\d{4}年\s*\d{1,2}月\s*\d{1,2}日\s*付").is_match(line)
}

/// The number of 「第4版」「1.8版」「(4版)」「v4.5」「Version 2.3」「Ver.2.3」 ("4", "1.8", "4.5",
/// "2.3"): a version as the vendor files write it, shown as "v4".
pub fn version_in(line: &str) -> Option<String> {
    static JA: OnceLock<Regex> = OnceLock::new();
    static EN: OnceLock<Regex> = OnceLock::new();
    // A digit before 版 (never 「2013年版」, the edition of a guideline); 第 kept when written.
    let ja = regex(&JA, r"(第\s*)?(\d+(?:\.\d+)*)\s*版");
    if let Some(c) = ja.captures(line) {
        return Some(c[2].to_string());
    }
    // Not inside a word: 「IPv6」 is no version.
    let en = regex(
        &EN,
        r"(?i)(?:^|[^A-Za-z])(version|ver\.?|v)\s*(\d+(?:\.\d+)*)\b",
    );
    Some(en.captures(line)?[2].to_string())
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn ymd(year: &str, month: u32, day: Option<u32>) -> Option<String> {
    let year: i16 = year.parse().ok()?;
    let label = match day {
        Some(d) => format!("{year:04}-{month:02}-{d:02}"),
        None => format!("{year:04}-{month:02}"),
    };
    crate::catalog::date::parse_date(&label).map(|_| label)
}

/// 「2025年5月7日」「2023年09月」「2025/05/07」「2025-5-7」「2025.5.7」"May 7, 2025"
/// "7 May 2025", as `YYYY-MM-DD` (or `YYYY-MM` where the day is not given).
pub fn date_in(line: &str) -> Option<String> {
    static JA: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    static EN_MDY: OnceLock<Regex> = OnceLock::new();
    static EN_DMY: OnceLock<Regex> = OnceLock::new();
    let number = |s: &str| s.parse::<u32>().ok();
    let ja = regex(&JA, r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?");
    if let Some(c) = ja.captures(line) {
        let day = c.get(3).and_then(|d| number(d.as_str()));
        if let Some(d) = ymd(&c[1], number(&c[2])?, day) {
            return Some(d);
        }
    }
    let numeric = regex(
        &NUMERIC,
        r"(?:^|[^\d.])(\d{4})([/.-])(\d{1,2})([/.-])(\d{1,2})(?:$|[^\d])",
    );
    if let Some(c) = numeric.captures(line) {
        if c[2] == c[4] {
            if let Some(d) = ymd(&c[1], number(&c[3])?, number(&c[5])) {
                return Some(d);
            }
        }
    }
    let mdy = regex(
        &EN_MDY,
        r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b",
    );
    if let Some(c) = mdy.captures(line) {
        return ymd(&c[3], month_number(&c[1])?, number(&c[2]));
    }
    let dmy = regex(
        &EN_DMY,
        r"(?i)\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b",
    );
    let c = dmy.captures(line)?;
    ymd(&c[3], month_number(&c[2])?, number(&c[1]))
}

/// The latest row of a revision history: a title line (改定履歴, 改訂履歴, "Revision history",
/// "Change history"), a header naming the version (版, 版数, Version) and the date, then rows of
/// a version number and a date.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    version: String,
    date: String,
}

fn is_history_title(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    // A table of contents names the history too, followed by dots and a page number.
    t.chars().count() <= 30
        && !t.contains("..")
        && !t.contains('…')
        && (t.contains("改定履歴")
            || t.contains("改訂履歴")
            || t.contains("変更履歴")
            || lower.contains("revision history")
            || lower.contains("change history")
            || lower.contains("document history"))
}

fn history(lines: &[String]) -> Option<Row> {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let number = regex(&NUMBER, r"^[vV]?(\d+(?:\.\d+)*)$");
    let mut latest: Option<Row> = None;
    for (at, _) in lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_history_title(l))
    {
        let mut rest = lines[at + 1..].iter().filter(|l| !l.trim().is_empty());
        let Some(header) = rest.next() else { continue };
        let lower = header.to_ascii_lowercase();
        let japanese = header.contains('版');
        if !(japanese || lower.contains("version") || lower.contains("rev")) {
            continue;
        }
        for line in rest {
            let cells: Vec<&str> = line
                .split(['\t', '|'])
                .flat_map(|c| c.split("  "))
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let Some(first) = cells.first() else { continue };
            if line.starts_with(['\t', ' ']) && !number.is_match(first) {
                continue; // a wrapped cell of the row above
            }
            let (Some(v), Some(date)) = (number.captures(first), date_in(line)) else {
                break;
            };
            let version = v[1].to_string();
            let later = latest.as_ref().is_none_or(|l| date >= l.date);
            if later {
                latest = Some(Row { version, date });
            }
        }
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(version: Option<&str>, date: Option<&str>) -> Edition {
        Edition {
            version: version.map(str::to_string),
            date: date.map(str::to_string),
        }
    }

    #[test]
    fn versions_as_numbers() {
        assert_eq!(version_in("第4版").as_deref(), Some("4"));
        assert_eq!(version_in("第1.8版").as_deref(), Some("1.8"));
        assert_eq!(version_in("1.8版").as_deref(), Some("1.8"));
        assert_eq!(
            version_in("ISM CloudOne セキュリティ運用方針（4版）").as_deref(),
            Some("4")
        );
        assert_eq!(
            version_in("セキュリティガイドライン v4.5").as_deref(),
            Some("4.5")
        );
        assert_eq!(
            version_in("Security Whitepaper, Version 2.3").as_deref(),
            Some("2.3")
        );
        assert_eq!(version_in("Ver.2.3").as_deref(), Some("2.3"));
        assert_eq!(version_in("ガイドライン2013年版を基に作成"), None);
        assert_eq!(version_in("IPv6 に対応"), None);
        assert_eq!(version_in("再販版サービス"), None);
    }

    #[test]
    fn dates_in_every_form() {
        assert_eq!(date_in("2025年5月7日").as_deref(), Some("2025-05-07"));
        assert_eq!(date_in("更新日2025年5月7日").as_deref(), Some("2025-05-07"));
        assert_eq!(date_in("2023年09月").as_deref(), Some("2023-09"));
        assert_eq!(date_in("2025/05/07").as_deref(), Some("2025-05-07"));
        assert_eq!(date_in("2025/7/1").as_deref(), Some("2025-07-01"));
        assert_eq!(date_in("May 7, 2025").as_deref(), Some("2025-05-07"));
        assert_eq!(date_in("Updated 7 May 2025").as_deref(), Some("2025-05-07"));
        assert_eq!(
            date_in("Last updated: September 1, 2023").as_deref(),
            Some("2023-09-01")
        );
        assert_eq!(date_in("2025/02/30"), None, "no such day");
        assert_eq!(date_in("version 1.2.3"), None);
    }

    #[test]
    fn full_width_digits_are_read() {
        assert_eq!(
            read("第４版\n２０２５年５月７日"),
            edition(Some("4"), Some("2025-05-07"))
        );
    }

    #[test]
    fn the_latest_row_of_a_revision_history() {
        let text = "Guide\n\n目次\n改定履歴.....\t6\n本文\n\n改定履歴\n\n版\t改定日\t改定内容\n\
                    1.0\t2019/12/01\t初版発行\n1.5\t2022/09/01\t追記\n\t\t続きの行\n\
                    1.8\t2023/09/01\t修正\nこの後は本文\n";
        assert_eq!(read(text), edition(Some("1.8"), Some("2023-09-01")));
        let english = "Policy\n\nRevision history\nVersion | Date | Change\n\
                       1.0 | March 3, 2024 | First\n2.1 | May 7, 2025 | Second\n";
        assert_eq!(read(english), edition(Some("2.1"), Some("2025-05-07")));
    }

    #[test]
    fn the_title_page_before_the_history_a_month_made_a_day_by_it() {
        let text =
            "ガイドライン\n\n1.8版\n\n2023年09月\n\n改定履歴\n版\t改定日\n1.8\t2023/09/01\t修正\n";
        assert_eq!(read(text), edition(Some("1.8"), Some("2023-09-01")));
        let cites = "チェックシート\n- 2019年6月18日付 適用宣言書 第4版\n";
        assert_eq!(read(cites), Edition::default());
    }

    /// The seeds, read as `kurabe import` reads them: each states what it says of itself.
    #[test]
    fn the_seeds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        if !dir.is_dir() {
            eprintln!("notice: {} is missing; skipping", dir.display());
            return;
        }
        let expected = [
            ("000_199530cdf0465c21.txt", Some("1.8"), Some("2023-09-01")),
            ("001_c2ee0ace22ea2b55.txt", Some("4.5"), Some("2025-07-01")),
            ("002_826ade1923b088f3.txt", None, Some("2025-05-07")),
            ("003_7b06b6f703ab1336.txt", None, None),
            ("004_c042ee7cd1fa0983.txt", Some("4"), Some("2024-05-22")),
        ];
        for (file, version, date) in expected {
            let source = super::super::source::read(&dir.join(file)).unwrap();
            let read = of_source(&source);
            eprintln!("{file}: {read:?}");
            assert_eq!(read, edition(version, date), "{file}");
        }
    }
}
