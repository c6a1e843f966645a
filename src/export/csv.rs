//! The comparison as CSV or TSV (RFC 4180 quoting): one row per control, for Excel and for
//! older systems that want CP932.
//!
//! UTF-8 output starts with a byte-order mark, without which Excel reads UTF-8 as the
//! system's code page and Japanese turns to mojibake. A cell that a spreadsheet would read as a
//! formula (`=`, `+`, `-`, `@`, tab or CR first) gets a leading `'`, as OWASP recommends
//! against CSV injection: Excel shows the apostrophe, and runs nothing.

use super::sheet;
use crate::view::View;
use thiserror::Error;

/// The field separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Tab,
}

/// The output's character encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 with a byte-order mark.
    #[default]
    Utf8,
    /// Windows' Japanese code page (Shift_JIS with Microsoft's extensions).
    Cp932,
}

#[derive(Debug, Error)]
pub enum CsvError {
    #[error(
        "CP932 cannot hold “{character}” (U+{code:04X}), first found in row {row} ({row_name}), \
         column {column} ({column_name}); export with --encoding utf8 instead",
        code = u32::from(*character)
    )]
    Unencodable {
        character: char,
        /// 1-based record number; the header is row 1.
        row: usize,
        /// The control's title (or "header").
        row_name: String,
        /// 1-based field number.
        column: usize,
        /// The column's header.
        column_name: String,
    },
    #[error("cannot write the CSV: {0}")]
    Write(#[from] csv::Error),
}

const BOM: &str = "\u{feff}";

/// The comparison of `view` as CSV or TSV bytes in `encoding`.
pub fn render(view: &View, delimiter: Delimiter, encoding: Encoding) -> Result<Vec<u8>, CsvError> {
    let table = defused_table(view);
    let text = write_table(&table, delimiter)?;
    match encoding {
        Encoding::Utf8 => Ok(format!("{BOM}{text}").into_bytes()),
        Encoding::Cp932 => {
            if let Some(e) = first_unencodable(&table) {
                return Err(e);
            }
            let text = to_cp932_code_points(&text);
            let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
            Ok(bytes.into_owned())
        }
    }
}

/// The comparison as tab-separated text for the clipboard: UTF-8 without a byte-order mark,
/// quoted where a cell holds a line break, formula-looking cells defused (Excel reads pasted
/// text as typed).
pub fn clipboard_tsv(view: &View) -> String {
    // Writing to memory cannot fail; an empty clipboard would say so if it did.
    write_table(&defused_table(view), Delimiter::Tab).unwrap_or_default()
}

fn defused_table(view: &View) -> Vec<Vec<String>> {
    sheet::table(view)
        .into_iter()
        .map(|row| row.into_iter().map(sheet::defused).collect())
        .collect()
}

fn write_table(table: &[Vec<String>], delimiter: Delimiter) -> Result<String, CsvError> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(match delimiter {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
        })
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    for row in table {
        writer.write_record(row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| CsvError::Write(e.into_error().into()))?;
    // Every field is a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Characters that JIS X 0208 holds but Unicode's and Microsoft's tables map to different code
/// points: written as CP932's, they read back as the same JIS character ("—" as "―"). And the
/// middle dot the view puts between a value's parts, which CP932 lacks: written as the
/// katakana middle dot, as Windows' own best-fit table does.
fn cp932_code_point(c: char) -> char {
    match c {
        '\u{00B7}' => '\u{30FB}', // MIDDLE DOT → KATAKANA MIDDLE DOT
        '\u{2014}' => '\u{2015}', // EM DASH → HORIZONTAL BAR
        '\u{301C}' => '\u{FF5E}', // WAVE DASH → FULLWIDTH TILDE
        '\u{2016}' => '\u{2225}', // DOUBLE VERTICAL LINE → PARALLEL TO
        '\u{00A2}' => '\u{FFE0}', // CENT SIGN → FULLWIDTH CENT SIGN
        '\u{00A3}' => '\u{FFE1}', // POUND SIGN → FULLWIDTH POUND SIGN
        '\u{00AC}' => '\u{FFE2}', // NOT SIGN → FULLWIDTH NOT SIGN
        c => c,
    }
}

fn to_cp932_code_points(s: &str) -> String {
    s.chars().map(cp932_code_point).collect()
}

fn encodable(c: char) -> bool {
    let mut buf = [0u8; 4];
    let s = cp932_code_point(c).encode_utf8(&mut buf);
    !encoding_rs::SHIFT_JIS.encode(s).2
}

/// The first character of the table, reading row by row, that CP932 cannot hold, and where.
fn first_unencodable(table: &[Vec<String>]) -> Option<CsvError> {
    let header = table.first()?;
    for (r, row) in table.iter().enumerate() {
        for (c, field) in row.iter().enumerate() {
            let (_, _, bad) = encoding_rs::SHIFT_JIS.encode(&to_cp932_code_points(field));
            if !bad {
                continue;
            }
            let character = field.chars().find(|&ch| !encodable(ch))?;
            return Some(CsvError::Unencodable {
                character,
                row: r + 1,
                row_name: if r == 0 {
                    "the header".to_string()
                } else {
                    format!("“{}”", row.get(1).map_or("", String::as_str))
                },
                column: c + 1,
                column_name: format!("“{}”", header.get(c).map_or("", String::as_str)),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jis_characters_under_unicodes_code_points_are_written_as_cp932s() {
        for c in ['—', '〜', '‖', '¢', '£', '¬', '·', 'あ', '髙'] {
            assert!(encodable(c), "{c}");
        }
        for c in ['⚑', '✓', '◐', '😀', '␛'] {
            assert!(!encodable(c), "{c}");
        }
    }

    #[test]
    fn the_first_unencodable_character_is_named_with_its_row_and_column() {
        let table = vec![
            vec!["Category".to_string(), "Control".into(), "Acme".into()],
            vec!["c".to_string(), "Deletion".into(), "30日 — ok ⚑ 😀".into()],
        ];
        let e = first_unencodable(&table).unwrap();
        let msg = e.to_string();
        assert!(msg.contains("“⚑” (U+2691)"), "{msg}");
        assert!(msg.contains("row 2 (“Deletion”)"), "{msg}");
        assert!(msg.contains("column 3 (“Acme”)"), "{msg}");
        assert!(msg.contains("--encoding utf8"), "{msg}");
    }
}
