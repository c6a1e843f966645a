//! Development workbooks kept as text: `name.xlsx.yaml` describes the sheets of `name.xlsx`
//! (cells and merged ranges), and the evaluator writes the workbook before importing it, so
//! that no binary file is checked in and the content can be read and reviewed in a diff.
//!
//! ```yaml
//! sheets:
//!   - name: チェックリスト
//!     merges: ["A1:G1", "B4:B18"]   # the first cell of a range holds its text
//!     rows:
//!       - ["SLAチェックリスト"]
//!       - []
//!       - ["No.", "種別", "項目"]
//! ```

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Description {
    sheets: Vec<SheetDescription>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetDescription {
    name: String,
    #[serde(default)]
    merges: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The description a missing `.xlsx` document is written from, if there is one.
pub fn description_of(dir: &Path, file_name: &str) -> Option<PathBuf> {
    let described = dir.join(format!("{file_name}.yaml"));
    (file_name.to_lowercase().ends_with(".xlsx")
        && !dir.join(file_name).exists()
        && described.is_file())
    .then_some(described)
}

/// `B4` → (3, 1): zero-based row and column.
fn cell(name: &str) -> Option<(u32, u16)> {
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = name.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let column = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((
        row.checked_sub(1)?,
        u16::try_from(column.checked_sub(1)?).ok()?,
    ))
}

/// `B4:B18` → the range's first and last cells.
fn range(text: &str) -> Option<((u32, u16), (u32, u16))> {
    let (first, last) = text.split_once(':')?;
    let (first, last) = (cell(first)?, cell(last)?);
    (first.0 <= last.0 && first.1 <= last.1).then_some((first, last))
}

/// Writes the workbook `description` describes to `out`.
pub fn write(description: &Path, out: &Path) -> Result<()> {
    let text = std::fs::read_to_string(description)
        .with_context(|| format!("cannot read {}", description.display()))?;
    let described: Description = serde_yaml::from_str(&text)
        .with_context(|| format!("{}: not a workbook description", description.display()))?;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for sheet in &described.sheets {
        let ranges = sheet
            .merges
            .iter()
            .map(|m| match range(m) {
                Some(r) => Ok(r),
                None => bail!(
                    "{}: `{m}` is not a range such as B4:B18",
                    description.display()
                ),
            })
            .collect::<Result<Vec<_>>>()?;
        let text_at = |r: u32, c: u16| {
            sheet
                .rows
                .get(r as usize)
                .and_then(|row| row.get(c as usize))
                .map_or("", String::as_str)
        };
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        let plain = rust_xlsxwriter::Format::new();
        for &((r1, c1), (r2, c2)) in &ranges {
            worksheet.merge_range(r1, c1, r2, c2, text_at(r1, c1), &plain)?;
        }
        let merged = |r: u32, c: u16| {
            ranges
                .iter()
                .any(|&((r1, c1), (r2, c2))| (r1..=r2).contains(&r) && (c1..=c2).contains(&c))
        };
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r)?;
            for (c, text) in row.iter().enumerate() {
                let c = u16::try_from(c)?;
                if !text.is_empty() && !merged(r, c) {
                    worksheet.write_string(r, c, text)?;
                }
            }
        }
    }
    workbook
        .save(out)
        .with_context(|| format!("cannot write {}", out.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_ranges_are_read_zero_based() {
        assert_eq!(cell("A1"), Some((0, 0)));
        assert_eq!(cell("B18"), Some((17, 1)));
        assert_eq!(cell("AA3"), Some((2, 26)));
        assert_eq!(cell("b3"), None);
        assert_eq!(cell("A0"), None);
        assert_eq!(range("B4:B18"), Some(((3, 1), (17, 1))));
        assert_eq!(range("B18:B4"), None);
    }

    #[test]
    fn a_described_workbook_is_written_and_read_back_with_its_merges() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("book.xlsx.yaml"),
            "sheets:\n  - name: 一覧\n    merges: [\"A2:A3\"]\n    rows:\n      - [\"種別\", \"回答\"]\n      - [\"運用\", \"○ 24時間\"]\n      - [\"\", \"○ 99.9%\"]\n",
        )
        .unwrap();
        let described = description_of(dir.path(), "book.xlsx").unwrap();
        let out = dir.path().join("written.xlsx");
        write(&described, &out).unwrap();
        let source = kurabe::import::source::read(&out).unwrap();
        let kurabe::import::source::Content::Sheets(sheets) = source.content else {
            panic!("not sheets");
        };
        assert_eq!(sheets[0].name, "一覧");
        assert_eq!(sheets[0].rows[1], vec!["運用", "○ 24時間"]);
        assert_eq!(sheets[0].rows[2][1], "○ 99.9%");
        assert!(
            source.notes.iter().any(|n| n.contains("merged")),
            "{:?}",
            source.notes
        );
    }
}
