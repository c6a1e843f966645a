//! Recognising the follow-up questionnaire kurabe wrote (`kurabe followup`, CSV or xlsx) once
//! the vendor has filled it in: its marker row, its headings, and each question's row with the
//! vendor's reply. Pure: it reads a [`Source`] the bounded readers of `kurabe import` produced.

use super::source::{Content, Source};
use crate::export::followup::{
    ANSWERED_LABEL, HEADINGS, MARKER, PROFILE_LABEL, VENDOR_LABEL, WRITTEN_LABEL,
};
use jiff::civil::Date;

/// An answered questionnaire as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    pub vendor: String,
    pub profile: Option<String>,
    pub written: Option<Date>,
    /// The date the vendor wrote in the marker row's date-answered cell.
    pub answered: Option<Date>,
    pub rows: Vec<Row>,
}

/// One question's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's number in the sheet (1 for the first), as the citation names it.
    pub row: usize,
    /// "項目 / Control": the control's titles, Japanese / English.
    pub title: String,
    /// The question in Japanese, kept as the reply's context.
    pub question: String,
    /// The vendor's reply as the cell holds it, surrounding blanks removed; empty if none.
    pub reply: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionnaireError {
    #[error("{file} is not a follow-up questionnaire written by kurabe (its first row is not 「{MARKER}」); `--update` reads only those — to draft a vendor from its own documents, import without --update")]
    NoMarker { file: String },
    #[error("{file}: row {row} is not the questionnaire's headings ({expected}); were columns added, removed or moved? Restore them as `kurabe followup` wrote them")]
    Headings {
        file: String,
        row: usize,
        expected: String,
    },
    #[error("{file}: the marker row names no vendor (a cell 「{VENDOR_LABEL}…」)")]
    NoVendor { file: String },
}

fn cell(row: &[String], col: usize) -> &str {
    row.get(col).map_or("", |c| c.trim())
}

/// The questionnaire in `source`: the first sheet whose first row that holds anything starts
/// with [`MARKER`], its next row the headings.
pub fn read(source: &Source) -> Result<Questionnaire, QuestionnaireError> {
    let file = crate::sanitize::line(&source.file_name).into_owned();
    let Content::Sheets(sheets) = &source.content else {
        return Err(QuestionnaireError::NoMarker { file });
    };
    let found = sheets.iter().find_map(|sheet| {
        let first = sheet
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))?;
        (cell(&sheet.rows[first], 0) == MARKER).then_some((sheet, first))
    });
    let Some((sheet, at)) = found else {
        return Err(QuestionnaireError::NoMarker { file });
    };
    let marker = &sheet.rows[at];
    let headings = sheet.rows.get(at + 1).map(Vec::as_slice).unwrap_or(&[]);
    if (0..HEADINGS.len()).any(|c| cell(headings, c) != HEADINGS[c]) {
        return Err(QuestionnaireError::Headings {
            file,
            row: at + 2,
            expected: HEADINGS.join(" | "),
        });
    }
    let labelled = |label: &str| {
        marker.iter().find_map(|c| {
            let value = c.trim().strip_prefix(label.trim_end())?.trim();
            (!value.is_empty()).then(|| value.to_string())
        })
    };
    let vendor = labelled(VENDOR_LABEL).ok_or(QuestionnaireError::NoVendor { file })?;
    let answered = marker
        .iter()
        .position(|c| c.trim().starts_with(ANSWERED_LABEL))
        .and_then(|label| {
            let inline = marker[label].trim()[ANSWERED_LABEL.len()..].to_string();
            std::iter::once(&inline)
                .chain(&marker[label + 1..])
                .find_map(|c| date_in(c))
        });
    let rows = sheet.rows[at + 2..]
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| Row {
            row: at + 3 + i,
            title: cell(r, 1).to_string(),
            question: cell(r, 2).to_string(),
            reply: cell(r, HEADINGS.len() - 1).to_string(),
        })
        .collect();
    Ok(Questionnaire {
        vendor,
        profile: labelled(PROFILE_LABEL),
        written: labelled(WRITTEN_LABEL).and_then(|d| date_in(&d)),
        answered,
        rows,
    })
}

/// A date as a person types it in a cell: `2026-01-15`, `2026/1/15`, `2026.01.15`,
/// `2026年1月15日`, or the serial number a spreadsheet stores a date cell as.
pub fn date_in(text: &str) -> Option<Date> {
    let text = crate::values::nfkc(text.trim());
    if text.is_empty() {
        return None;
    }
    if let Ok(serial) = text.parse::<f64>() {
        // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included); 20000..80000 is
        // 1954..2119, where an answered date falls.
        if (20_000.0..80_000.0).contains(&serial) {
            let epoch = Date::new(1899, 12, 30).ok()?;
            return epoch
                .checked_add(jiff::Span::new().days(serial.trunc() as i64))
                .ok();
        }
        return None;
    }
    let numbers: Vec<i64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().unwrap_or(0))
        .collect();
    match numbers[..] {
        [y, m, d] if (1900..=2999).contains(&y) => {
            Date::new(y as i16, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Sheet;

    fn source(rows: &[&[&str]]) -> Source {
        Source {
            file_name: "answered.csv".into(),
            content: Content::Sheets(vec![Sheet {
                name: "answered".into(),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect(),
            }]),
            notes: vec![],
        }
    }

    #[test]
    fn dates_are_read_as_typed_or_as_a_spreadsheet_serial() {
        let d = |s| date_in(s).map(|d| d.to_string());
        assert_eq!(d("2026-01-15").as_deref(), Some("2026-01-15"));
        assert_eq!(d("２０２６年１月１５日").as_deref(), Some("2026-01-15"));
        assert_eq!(d("2026/1/5").as_deref(), Some("2026-01-05"));
        assert_eq!(d("46037").as_deref(), Some("2026-01-15"));
        assert_eq!(d("未定"), None);
        assert_eq!(d("2026-13-01"), None);
    }

    #[test]
    fn a_sheet_without_the_marker_or_with_moved_columns_is_refused() {
        let plain = source(&[&["No.", "質問", "回答"], &["1", "q", "a"]]);
        assert!(matches!(
            read(&plain),
            Err(QuestionnaireError::NoMarker { .. })
        ));
        let moved = source(&[&[MARKER, "", "ベンダー / Vendor: acme"], &["No.", "質問"]]);
        assert!(matches!(
            read(&moved),
            Err(QuestionnaireError::Headings { row: 2, .. })
        ));
    }

    #[test]
    fn the_marker_row_and_the_replies_are_read_with_their_row_numbers() {
        let vendor = format!("{VENDOR_LABEL}acme");
        let marker: [&str; 7] = [
            MARKER,
            "",
            &vendor,
            "社内基準 / Profile: std",
            "作成日 / Written: 2026-01-05",
            ANSWERED_LABEL,
            "2026/01/20",
        ];
        let row = [
            "1",
            "削除 / Deletion",
            "質問",
            "Q",
            "?",
            "",
            "  60日後に削除します。 ",
        ];
        let q = read(&source(&[
            &[],
            &marker,
            &HEADINGS,
            &row,
            &["", "", "", "", "", "", ""],
        ]))
        .unwrap();
        assert_eq!(q.vendor, "acme");
        assert_eq!(q.profile.as_deref(), Some("std"));
        assert_eq!(
            q.written.map(|d| d.to_string()).as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(
            q.answered.map(|d| d.to_string()).as_deref(),
            Some("2026-01-20")
        );
        assert_eq!(q.rows.len(), 1);
        assert_eq!(q.rows[0].row, 4);
        assert_eq!(q.rows[0].title, "削除 / Deletion");
        assert_eq!(q.rows[0].reply, "60日後に削除します。");
    }
}
