//! No quote is a check sheet's requirement text. In the tab-separated rows of a seed's check
//! sheet (No, question, mark, answer), a quote must come from the answer column: the question
//! column is the guideline's wording, not the vendor's. The one allowed exception is a row
//! where the vendor only marked ○ and wrote nothing, and the curated answer says so in its note
//! ("only marked ○"): then the question cell is what the vendor agreed to.

mod common;

use common::quotes::normalize;
use kurabe::catalog::{load_embedded, Answer, Catalog};
use std::collections::HashMap;
use std::path::PathBuf;

/// The words an answer's English note must contain to quote a question cell on purpose.
const ONLY_MARKED: &str = "only marked ○";

/// One check-sheet row of a seed: its number, question cell, mark and answer cell.
#[derive(Debug)]
struct Row {
    number: String,
    question: String,
    mark: String,
    answer: String,
}

/// The check-sheet rows of a source: lines of at least four tab-separated cells whose first
/// cell is a row number. Other tables (a list of cloud services, backup schedules) have no
/// number in their first cell and are not rows.
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

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

fn catalog() -> Catalog {
    let loaded = load_embedded().unwrap_or_else(|p| panic!("embedded catalogue fails:\n{p}"));
    loaded.catalog
}

fn says_only_marked(answer: &Answer) -> bool {
    answer
        .note
        .as_ref()
        .is_some_and(|note| note.en.contains(ONLY_MARKED))
}

/// Where a quote comes from a question cell and from no answer cell: the row, and whether
/// that is allowed (the vendor only marked ○ on the row and the answer's note says so).
fn classify<'a>(
    rows: &'a [Row],
    quote: &str,
    note_says_only_marked: bool,
) -> Option<(&'a Row, bool)> {
    let text = normalize(quote);
    if text.is_empty() || rows.iter().any(|r| r.answer.contains(&text)) {
        return None;
    }
    let row = rows.iter().find(|r| r.question.contains(&text))?;
    let allowed = row.answer.is_empty() && row.mark == "○" && note_says_only_marked;
    Some((row, allowed))
}

/// Every quote that is found in a question cell and in no answer cell, with whether the
/// answer allows it (the row has only a mark and the note says so).
fn question_cell_quotes(catalog: &Catalog, dir: &std::path::Path) -> Vec<(String, bool)> {
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
                    check_sheet_rows(&text)
                });
                let Some((row, allowed)) = classify(rows, &quote.text, says_only_marked(answer))
                else {
                    continue;
                };
                found.push((
                    format!(
                        "{}/{} quotes the question cell of row {} (section {}): {}",
                        vendor.id(),
                        answer.control,
                        row.number,
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
fn a_question_cell_is_refused_unless_the_vendor_only_marked_it() {
    let rows = check_sheet_rows(
        "1\t文書があること。\t○\t当社は文書を定めております。\n\
         2\t分類すること。\t○\t\n\
         3\t教育すること。\t×\t\n",
    );
    // The answer column is what a quote should come from.
    assert!(classify(&rows, "当社は文書を定めております。", false).is_none());
    // The question of a row that has an answer: refused, note or not.
    assert_eq!(
        classify(&rows, "文書があること。", false).map(|(_, ok)| ok),
        Some(false)
    );
    assert_eq!(
        classify(&rows, "文書があること。", true).map(|(_, ok)| ok),
        Some(false)
    );
    // Only a mark: allowed only when the note says so, and only for ○.
    assert_eq!(
        classify(&rows, "分類すること。", false).map(|(_, ok)| ok),
        Some(false)
    );
    assert_eq!(
        classify(&rows, "分類すること。", true).map(|(_, ok)| ok),
        Some(true)
    );
    assert_eq!(
        classify(&rows, "教育すること。", true).map(|(_, ok)| ok),
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
    let found = question_cell_quotes(&catalog(), &dir);
    let refused: Vec<&String> = found
        .iter()
        .filter(|(_, allowed)| !allowed)
        .map(|(what, _)| what)
        .collect();
    assert!(
        refused.is_empty(),
        "quotes of a check sheet's requirement text, not the vendor's answer (quote the answer \
         column; where the vendor only marked ○, say \"{ONLY_MARKED}\" in the answer's note):\n{}",
        refused
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The catalogue quotes exactly one question cell on purpose (cybozu 4.2, marked ○ with no
    // remark): the lint must see it, or it would pass without reading the check sheet at all.
    let allowed: Vec<&String> = found
        .iter()
        .filter(|(_, allowed)| *allowed)
        .map(|(what, _)| what)
        .collect();
    assert_eq!(allowed.len(), 1, "{allowed:?}");
    assert!(
        allowed[0].starts_with("cybozu/asset-management"),
        "{allowed:?}"
    );
}
