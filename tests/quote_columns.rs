//! No quote is a check sheet's requirement text. A check sheet's row has the guideline's side
//! (the question, or the service-level item with its 規定内容 and 測定単位) and the vendor's side
//! (the mark and the answer); a quote that reaches into the guideline's side of a row is the
//! guideline's wording, not the vendor's. Two layouts are read:
//!
//! - tab-separated rows whose first cell is a number: No, question, mark, answer (`003`);
//! - a service-level sheet whose header names 規定内容 and 測定単位 (`002`): rows numbered 1, 2,
//!   3 … in order, each the item and its 規定内容, then the 測定単位 (有無, 時間, 時間帯 …, on its
//!   own line or after a space), then the answer.
//!
//! The one allowed exception is a row where the vendor only marked it (○, or 有/無 with no
//! words) and the curated answer says so in its note ("only marked ○", "only marked 無"): then
//! the question is what the vendor's mark answers, and it may be quoted alone.

mod common;

use common::quotes::normalize;
use kurabe::catalog::{load_embedded, Answer, Catalog};
use std::collections::HashMap;
use std::path::PathBuf;

/// The words an answer's English note must contain, followed by the mark, to quote a question
/// on purpose.
const ONLY_MARKED: &str = "only marked";

/// One check-sheet row of a seed: its number, the guideline's side, the vendor's mark and
/// answer. Texts are normalized as quotes are.
#[derive(Debug)]
struct Row {
    number: String,
    question: String,
    mark: String,
    answer: String,
}

impl Row {
    /// The whole row, both sides, as one text.
    fn full(&self) -> String {
        format!("{}{}{}", self.question, self.mark, self.answer)
    }
}

/// The rows of a source in whichever layout it has.
fn rows(text: &str) -> Vec<Row> {
    let mut rows = check_sheet_rows(text);
    rows.extend(service_level_rows(text));
    rows
}

/// The tab-separated rows of a source: lines of at least four cells whose first cell is a row
/// number. Other tables (a list of cloud services, backup schedules) have no number in their
/// first cell and are not rows.
fn check_sheet_rows(text: &str) -> Vec<Row> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let number = cells.first()?.trim();
            let is_number = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
            (cells.len() >= 4 && is_number).then(|| Row {
                number: number.to_string(),
                question: normalize(cells[1]),
                mark: cells[2].trim().to_string(),
                answer: normalize(&cells[3..].join("\t")),
            })
        })
        .collect()
}

/// The 測定単位 a service-level sheet gives, longest first where one begins another.
const UNITS: [&str; 15] = [
    "有無／設定状況",
    "有無／実施状況",
    "有無／内容",
    "稼働率（%）",
    "時間（分）",
    "時間（秒）",
    "時間帯",
    "設定状況",
    "把握状況",
    "処理能力",
    "世代数",
    "有無",
    "時間",
    "頻度",
    "回",
];

/// The rows of a service-level sheet (`002`'s layout), or none if the source has no such
/// header. Each row runs from its number to the next number in order.
fn service_level_rows(text: &str) -> Vec<Row> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(header) = lines
        .iter()
        .position(|l| l.contains("規定内容") && l.contains("測定単位"))
    else {
        return Vec::new();
    };
    let mut bodies: Vec<(u32, String)> = Vec::new();
    for line in &lines[header + 1..] {
        let trimmed = line.trim_start();
        let next = bodies.last().map_or(1, |(n, _)| n + 1);
        let number = next.to_string();
        let starts = trimmed
            .strip_prefix(&number)
            .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace));
        match (starts, bodies.last_mut()) {
            (Some(rest), _) => bodies.push((next, rest.trim_start().to_string())),
            (None, Some((_, body))) => {
                body.push('\n');
                body.push_str(line);
            }
            (None, None) => {}
        }
    }
    bodies
        .into_iter()
        .map(|(n, body)| {
            let (question, unit, answer) = split_at_unit(&body);
            let answer = normalize(answer);
            // An answer that is only 有 or 無 is a mark, like ○.
            let (mark, answer) = if answer == "有" || answer == "無" {
                (answer, String::new())
            } else {
                (String::new(), answer)
            };
            Row {
                number: n.to_string(),
                question: normalize(&format!("{question}{unit}")),
                mark,
                answer,
            }
        })
        .collect()
}

/// A row's body split into the guideline's side, the unit, and the answer: at the first unit
/// that stands alone (after a line break or a space, before one or the end) and is not
/// followed by another unit — a question wrapped so that "時間" ends up on its own line is
/// still question.
fn split_at_unit(body: &str) -> (&str, &str, &str) {
    let alone_at = |at: usize, unit: &str| -> bool {
        let before = body[..at].chars().next_back();
        let after = body[at + unit.len()..].chars().next();
        before.is_none_or(|c| c == '\n' || c == ' ') && after.is_none_or(|c| c == '\n' || c == ' ')
    };
    let mut found: Vec<(usize, &str)> = Vec::new();
    for (at, _) in body.char_indices() {
        if let Some(unit) = UNITS
            .iter()
            .find(|u| body[at..].starts_with(**u) && alone_at(at, u))
        {
            found.push((at, unit));
        }
    }
    for (i, &(at, unit)) in found.iter().enumerate() {
        let end = at + unit.len();
        let followed_by_unit = found
            .get(i + 1)
            .is_some_and(|&(next, _)| body[end..next].trim().is_empty());
        if followed_by_unit {
            continue;
        }
        // A bracketed line right after the unit belongs to it: "有無\n\n（ファイル形式）".
        let rest = &body[end..];
        let trimmed = rest.trim_start();
        let unit_end = match trimmed.split_once('\n') {
            Some((line, _)) if line.trim().starts_with('（') && line.trim().ends_with('）') => {
                end + (rest.len() - trimmed.len()) + line.len()
            }
            _ => end,
        };
        return (&body[..at], &body[at..unit_end], &body[unit_end..]);
    }
    (body, "", "")
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

fn catalog() -> Catalog {
    let loaded = load_embedded().unwrap_or_else(|p| panic!("embedded catalogue fails:\n{p}"));
    loaded.catalog
}

/// The mark an answer's note says the vendor only gave, if it says so.
fn only_marked(answer: &Answer) -> Option<String> {
    let note = &answer.note.as_ref()?.en;
    let at = note.find(ONLY_MARKED)? + ONLY_MARKED.len();
    note[at..].split_whitespace().next().map(str::to_string)
}

/// Where a quote reaches into the guideline's side of a row: the row, and whether that is
/// allowed (the quote is within the question of a row the vendor only marked, and the note
/// names that mark).
fn classify<'a>(rows: &'a [Row], quote: &str, marked: Option<&str>) -> Option<(&'a Row, bool)> {
    let text = normalize(quote);
    if text.is_empty() || rows.iter().any(|r| r.answer.contains(&text)) {
        return None;
    }
    let row = rows.iter().find(|r| r.full().contains(&text))?;
    let allowed = row.answer.is_empty()
        && !row.mark.is_empty()
        && row.question.contains(&text)
        && marked == Some(row.mark.as_str());
    Some((row, allowed))
}

/// Every quote that reaches into a row's guideline side, with whether the answer allows it.
fn question_quotes(catalog: &Catalog, dir: &std::path::Path) -> Vec<(String, bool)> {
    let mut rows_by_source: HashMap<String, Vec<Row>> = HashMap::new();
    let mut found = Vec::new();
    for vendor in &catalog.vendors {
        for answer in &vendor.answers {
            for quote in &answer.quotes {
                let Some(doc) = vendor.document(&quote.document) else {
                    continue;
                };
                let rows = rows_by_source.entry(doc.source.clone()).or_insert_with(|| {
                    let path = dir.join(&doc.source);
                    let text = std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                    rows(&text)
                });
                let marked = only_marked(answer);
                let Some((row, allowed)) = classify(rows, &quote.text, marked.as_deref()) else {
                    continue;
                };
                found.push((
                    format!(
                        "{}/{} quotes the guideline's side of row {} of {} (section {}): {}",
                        vendor.id(),
                        answer.control,
                        row.number,
                        doc.source,
                        quote.section,
                        quote.text
                    ),
                    allowed,
                ));
            }
        }
    }
    found
}

#[test]
fn rows_are_read_from_tab_separated_lines_with_a_number() {
    let rows = check_sheet_rows(
        "確認事項\t\t実施有無\t備考\n\
         <b>1 方針</b>\t\t\t\n\
         1\t文書があること。\t○\t<p>当社は文書を定めております。</p>\n\
         2\t分類すること。\t○\t\n\
         AWS\tインフラ\tAmazon\tお客様データ\n",
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].number, "1");
    assert_eq!(rows[0].question, "文書があること。");
    assert_eq!(rows[0].answer, "当社は文書を定めております。");
    assert_eq!(rows[1].mark, "○");
    assert!(rows[1].answer.is_empty());
}

#[test]
fn service_level_rows_split_at_their_unit() {
    let rows = service_level_rows(
        "No. 種別 サービスレベル項目 規定内容 測定単位 回答\n\n\
         1 サービス時間\nサービスを提供する時間帯（計画停止時間の記述を含む）\n時間帯\n\n24時間365日となります。\n\n\
         2 サービス稼働率\n\n（計画サービス時間－停止時間）÷計画サービス\n\n時間\n\n稼働率（%）\n\n実績値は100.00%となります。\n\n\
         3 障害通知時間\n異常検出後に通知するまでの\n\n時間\n時間 60分以内を目標に告知いたします。\n\n\
         4 報告方法 報告する方法／時間間隔 時間 サポートシステムにて確認することができます。\n\
         1\n\
         5 データ形式 データ形式の定義を記述\n有無\n\n（ファイル形式）\n\n有\n\nCSV形式です。\n\
         6 会計監査報告書 資料を提供する旨「最新のSAS70Type2監査報告書」\n\n有無 無\n",
    );
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.question.as_str(), r.mark.as_str(), r.answer.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "サービス時間サービスを提供する時間帯(計画停止時間の記述を含む)時間帯",
                "",
                "24時間365日となります。"
            ),
            (
                "サービス稼働率(計画サービス時間-停止時間)÷計画サービス時間稼働率(%)",
                "",
                "実績値は100.00%となります。"
            ),
            (
                "障害通知時間異常検出後に通知するまでの時間時間",
                "",
                "60分以内を目標に告知いたします。"
            ),
            (
                "報告方法報告する方法/時間間隔時間",
                "",
                // The page number "1" is not a row: row 5 comes next.
                "サポートシステムにて確認することができます。1"
            ),
            (
                "データ形式データ形式の定義を記述有無(ファイル形式)",
                "",
                "有CSV形式です。"
            ),
            (
                "会計監査報告書資料を提供する旨「最新のSAS70Type2監査報告書」有無",
                "無",
                ""
            ),
        ]
    );
}

#[test]
fn a_question_is_refused_unless_the_vendor_only_marked_it() {
    let mut rows = check_sheet_rows(
        "1\t文書があること。\t○\t当社は文書を定めております。\n\
         2\t分類すること。\t○\t\n\
         3\t教育すること。\t×\t\n",
    );
    rows.extend(service_level_rows(
        "No. 規定内容 測定単位 回答\n1 監査報告書 資料を提供する旨\n\n有無 無\n",
    ));
    // The answer column is what a quote should come from.
    assert!(classify(&rows, "当社は文書を定めております。", None).is_none());
    // The question of a row that has an answer: refused, note or not.
    assert_eq!(
        classify(&rows, "文書があること。", None).map(|(_, ok)| ok),
        Some(false)
    );
    assert_eq!(
        classify(&rows, "文書があること。", Some("○")).map(|(_, ok)| ok),
        Some(false)
    );
    // Only a mark: allowed only when the note names that mark.
    assert_eq!(
        classify(&rows, "分類すること。", None).map(|(_, ok)| ok),
        Some(false)
    );
    assert_eq!(
        classify(&rows, "分類すること。", Some("○")).map(|(_, ok)| ok),
        Some(true)
    );
    assert_eq!(
        classify(&rows, "教育すること。", Some("○")).map(|(_, ok)| ok),
        Some(false)
    );
    // A service-level row answered only 無: its 規定内容 may be quoted with the note; the
    // question, unit and answer run together may not.
    assert_eq!(
        classify(&rows, "資料を提供する旨", Some("無")).map(|(_, ok)| ok),
        Some(true)
    );
    assert_eq!(
        classify(&rows, "資料を提供する旨 有無 無", Some("無")).map(|(_, ok)| ok),
        Some(false)
    );
}

#[test]
fn no_quote_is_a_check_sheet_question() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!("seeds directory {} is missing (CI is set)", dir.display());
        }
        eprintln!(
            "notice: seeds directory {} is missing; skipping",
            dir.display()
        );
        return;
    }
    // Both layouts are read from the seeds: every row of each check sheet.
    let read = |name: &str| rows(&std::fs::read_to_string(dir.join(name)).unwrap());
    assert_eq!(read("002_826ade1923b088f3.txt").len(), 49);
    assert_eq!(read("003_7b06b6f703ab1336.txt").len(), 71);
    let found = question_quotes(&catalog(), &dir);
    let refused: Vec<&String> = found
        .iter()
        .filter(|(_, allowed)| !allowed)
        .map(|(what, _)| what)
        .collect();
    assert!(
        refused.is_empty(),
        "quotes of a check sheet's requirement text, not the vendor's answer (quote the answer \
         column; where the vendor only marked a row, say \"{ONLY_MARKED} ○\" (or 有, 無) in the \
         answer's note):\n{}",
        refused
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The catalogue quotes two questions on purpose: cybozu 4.2 (○, no remark) and
    // cybersolutions 43 (無, no words). The lint must see them, or it would pass without
    // reading the check sheets at all.
    let mut allowed: Vec<&str> = found
        .iter()
        .filter(|(_, allowed)| *allowed)
        .map(|(what, _)| what.split(' ').next().unwrap_or(""))
        .collect();
    allowed.sort();
    assert_eq!(
        allowed,
        ["cybersolutions/audit-reports", "cybozu/asset-management"],
        "{found:?}"
    );
}
