//! Text and CSV: decoding UTF-8 and Shift_JIS (CP932) unit by unit, and cutting CSV records.
//!
//! A file that is UTF-8 throughout is read as such. Otherwise each line (each CSV record, which
//! may span lines inside quotes) is read as UTF-8 where it is UTF-8 and as CP932 where it is
//! CP932, so one row saved by another tool does not turn the whole file into mojibake. Both
//! encodings keep ASCII bytes as they are and never use `"`, `\r` or `\n` inside a multi-byte
//! character, so records can be cut on the raw bytes before decoding.

use super::limits::{human_bytes, human_count, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES};
use super::{Sheet, SourceError};
use std::path::Path;

/// How many bytes are looked at for NUL bytes, the mark of a binary file.
const SNIFF_BYTES: usize = 8192;

/// What is decoded as one: a line of text, or a CSV record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    Lines,
    Records,
}

pub fn check_size(file: &str, bytes: u64) -> Result<(), SourceError> {
    if bytes > MAX_TEXT_BYTES {
        return Err(SourceError::limit(
            file,
            format!(
                "its text is {}, more than the {} kurabe drafts from; split the document and import the parts that answer the controls",
                human_bytes(bytes),
                human_bytes(MAX_TEXT_BYTES)
            ),
        ));
    }
    Ok(())
}

/// UTF-8 (a BOM is dropped) or Shift_JIS (CP932), decided per unit; anything else is refused
/// with the line and column of its first bad byte.
pub fn decode(
    file: &str,
    bytes: &[u8],
    units: Units,
    notes: &mut Vec<String>,
) -> Result<String, SourceError> {
    if let Some(offset) = bytes.iter().take(SNIFF_BYTES).position(|&b| b == 0) {
        return Err(SourceError::Binary {
            file: file.to_string(),
            offset,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Decoded CP932 is at most 3/2 of its bytes; UTF-8 is as long as it is.
    check_size(file, bytes.len() as u64)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(bytes.len());
    let mut cp932_lines: Vec<usize> = Vec::new();
    let mut utf8_non_ascii = false;
    let mut line = 1;
    for unit in split_units(bytes, units) {
        match std::str::from_utf8(unit) {
            Ok(text) => {
                utf8_non_ascii |= !text.is_ascii();
                out.push_str(text);
            }
            Err(utf8_error) => {
                match encoding_rs::SHIFT_JIS
                    .decode_without_bom_handling_and_without_replacement(unit)
                {
                    Some(text) => {
                        cp932_lines.push(line);
                        out.push_str(&text);
                    }
                    None => {
                        let before = &unit[..utf8_error.valid_up_to()];
                        let line_in = before.iter().filter(|&&b| b == b'\n').count();
                        let line_start = before
                            .iter()
                            .rposition(|&b| b == b'\n')
                            .map_or(0, |i| i + 1);
                        let column = String::from_utf8_lossy(&before[line_start..])
                            .chars()
                            .count()
                            + 1;
                        return Err(SourceError::Encoding {
                            file: file.to_string(),
                            line: line + line_in,
                            column,
                        });
                    }
                }
            }
        }
        line += unit.iter().filter(|&&b| b == b'\n').count();
    }
    check_size(file, out.len() as u64)?;
    let what = match units {
        Units::Lines => "line",
        Units::Records => "record",
    };
    if utf8_non_ascii {
        let shown: Vec<String> = cp932_lines.iter().take(5).map(|l| l.to_string()).collect();
        let more = if cp932_lines.len() > 5 {
            format!(" and {} more", cp932_lines.len() - 5)
        } else {
            String::new()
        };
        notes.push(format!(
            "{file}: mixes encodings: {} {what}(s) read as Shift_JIS (CP932), the rest as UTF-8 (starting on line {}{more}); check those lines",
            cp932_lines.len(),
            shown.join(", ")
        ));
    } else {
        notes.push(format!("{file}: read as Shift_JIS (CP932)"));
    }
    Ok(out)
}

/// The file cut into lines (each with its `\n`) or CSV records (a quoted field may hold line
/// breaks).
fn split_units(bytes: &[u8], units: Units) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut quoted = false;
        let mut end = rest.len();
        for (i, &b) in rest.iter().enumerate() {
            match b {
                b'"' if units == Units::Records => quoted = !quoted,
                b'\n' if !quoted => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        let (unit, tail) = rest.split_at(end);
        rest = tail;
        Some(unit)
    })
}

pub fn delimited(file: &str, text: &str, delimiter: u8) -> Result<Sheet, SourceError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SourceError::Csv {
            file: file.to_string(),
            line: e.position().map_or(0, |p| p.line()),
            message: crate::sanitize::line(&e.to_string()).into_owned(),
        })?;
        if rows.len() as u64 >= MAX_ROWS {
            return Err(SourceError::limit(
                file,
                format!(
                    "more than {} rows, the most kurabe reads from one file; keep the rows that answer the controls",
                    human_count(MAX_ROWS)
                ),
            ));
        }
        if record.len() as u64 > MAX_COLUMNS {
            return Err(SourceError::limit(
                file,
                format!(
                    "a row of {} fields on line {}, more than the {} columns kurabe reads",
                    human_count(record.len() as u64),
                    record.position().map_or(0, |p| p.line()),
                    human_count(MAX_COLUMNS)
                ),
            ));
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    let name = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    Ok(Sheet { name, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp932(s: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(s).0.into_owned()
    }

    #[test]
    fn a_bom_is_dropped_and_cp932_is_read() {
        let mut notes = Vec::new();
        let text = decode("a.txt", b"\xEF\xBB\xBFabc", Units::Lines, &mut notes).unwrap();
        assert_eq!(text, "abc");
        assert!(notes.is_empty());
        let text = decode("a.txt", &cp932("データの削除"), Units::Lines, &mut notes).unwrap();
        assert_eq!(text, "データの削除");
        assert_eq!(notes, ["a.txt: read as Shift_JIS (CP932)"]);
    }

    #[test]
    fn a_record_in_cp932_among_utf8_ones_is_read_as_cp932_alone() {
        let mut bytes = "No,回答\n1,対応済み\n".as_bytes().to_vec();
        bytes.extend(cp932("2,\"暗号化\nあり\"\n"));
        bytes.extend("3,対応済み\n".as_bytes());
        let mut notes = Vec::new();
        let text = decode("mixed.csv", &bytes, Units::Records, &mut notes).unwrap();
        assert_eq!(
            text,
            "No,回答\n1,対応済み\n2,\"暗号化\nあり\"\n3,対応済み\n"
        );
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains(
                "1 record(s) read as Shift_JIS (CP932), the rest as UTF-8 (starting on line 3)"
            ),
            "{notes:?}"
        );
    }

    #[test]
    fn bytes_of_neither_encoding_are_refused_where_they_are() {
        let mut bytes = "1,対応済み\n".as_bytes().to_vec();
        bytes.extend(b"2,ab\xfd\xfd\n");
        let err = decode("bad.csv", &bytes, Units::Records, &mut Vec::new()).unwrap_err();
        assert!(
            matches!(
                err,
                SourceError::Encoding {
                    line: 2,
                    column: 5,
                    ..
                }
            ),
            "{err}"
        );
    }
}
