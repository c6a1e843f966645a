//! Reading a vendor's document: plain text (PDF extractions, HTML tags allowed), markdown,
//! spreadsheets (.xlsx, .xls, .ods through calamine) and CSV/TSV, in UTF-8, UTF-8 with a BOM or
//! Shift_JIS (CP932). Bad files are refused with a message naming the file and what to do.

use calamine::{Data, Reader};
use std::io::Read;
use std::path::Path;

/// Files above this size are refused before they are read.
pub const MAX_SOURCE_BYTES: u64 = 100 * 1024 * 1024;

/// How many bytes are looked at for NUL bytes, the mark of a binary file.
const SNIFF_BYTES: usize = 8192;

/// A document as read: its text, or its sheets of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file name (no directory), as `documents[].source` records it.
    pub file_name: String,
    pub content: Content,
    /// What the reader had to decide on the way (encoding, formulas, merged cells).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Sheets(Vec<Sheet>),
}

/// One sheet (or a whole CSV file): `rows[r][c]` is the cell at row `r + 1`, column `c`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{file}: cannot read it: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: not a regular file (a directory, pipe or device); give the document's file")]
    NotAFile { file: String },
    #[error("{file}: the file is empty; give the vendor's document with its text")]
    Empty { file: String },
    #[error("{file}: {bytes} bytes is more than the 100 MB kurabe reads; split the document or export only the sheets you need")]
    TooLarge { file: String, bytes: u64 },
    #[error("{file}: not a text file (a NUL byte at offset {offset}); if it is UTF-16 text, save it as UTF-8")]
    Binary { file: String, offset: usize },
    #[error("{file}:{line}:{column}: neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8")]
    Encoding {
        file: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: PDF files are not read directly (no pure-Rust reader gets Japanese text out of CID fonts reliably); extract the text with `pdftotext -layout {file}` and import the .txt file")]
    Pdf { file: String },
    #[error("{file}: cannot import `.{extension}` files; give .txt, .md, .html, .xlsx, .xls, .ods, .csv or .tsv")]
    Unsupported { file: String, extension: String },
    #[error("{file}: cannot read the spreadsheet: {message}")]
    Spreadsheet { file: String, message: String },
    #[error("{file}:{line}: cannot read the CSV: {message}")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Spreadsheet,
    Delimited(u8),
    Pdf,
}

fn format_of(file: &str, extension: &str) -> Result<Format, SourceError> {
    Ok(match extension {
        "txt" | "text" | "md" | "markdown" | "html" | "htm" | "" => Format::Text,
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Format::Spreadsheet,
        "csv" => Format::Delimited(b','),
        "tsv" | "tab" => Format::Delimited(b'\t'),
        "pdf" => Format::Pdf,
        _ => {
            return Err(SourceError::Unsupported {
                file: file.to_string(),
                extension: extension.to_string(),
            })
        }
    })
}

/// Reads one source file. The size is checked before a byte is read.
pub fn read(path: &Path) -> Result<Source, SourceError> {
    let file_name = path
        .file_name()
        .map(|n| crate::sanitize::line(&n.to_string_lossy()).into_owned())
        .unwrap_or_else(|| crate::sanitize::line(&path.display().to_string()).into_owned());
    let io = |source| SourceError::Io {
        file: file_name.clone(),
        source,
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = format_of(&file_name, &extension)?;
    if format == Format::Pdf {
        return Err(SourceError::Pdf { file: file_name });
    }
    let metadata = std::fs::metadata(path).map_err(io)?;
    // A pipe or device would block or never end: only regular files are read.
    if !metadata.is_file() {
        return Err(SourceError::NotAFile { file: file_name });
    }
    let size = metadata.len();
    if size > MAX_SOURCE_BYTES {
        return Err(SourceError::TooLarge {
            file: file_name,
            bytes: size,
        });
    }
    // The file may grow while it is read: read no more than the limit allows.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(SourceError::TooLarge {
            file: file_name,
            bytes: bytes.len() as u64,
        });
    }
    from_bytes(&file_name, format, bytes)
}

/// Reads a source from its bytes; `file_name`'s extension says what it is.
pub fn read_bytes(file_name: &str, bytes: Vec<u8>) -> Result<Source, SourceError> {
    let extension = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match format_of(file_name, &extension)? {
        Format::Pdf => Err(SourceError::Pdf {
            file: file_name.to_string(),
        }),
        format => from_bytes(file_name, format, bytes),
    }
}

fn from_bytes(file: &str, format: Format, bytes: Vec<u8>) -> Result<Source, SourceError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::Empty {
            file: file.to_string(),
        });
    }
    let mut notes = Vec::new();
    let content = match format {
        Format::Text => Content::Text(decode(file, &bytes, &mut notes)?),
        Format::Delimited(delimiter) => {
            let text = decode(file, &bytes, &mut notes)?;
            Content::Sheets(vec![delimited(file, &text, delimiter)?])
        }
        Format::Spreadsheet => Content::Sheets(spreadsheet(file, bytes, &mut notes)?),
        Format::Pdf => unreachable!("refused before reading"),
    };
    Ok(Source {
        file_name: file.to_string(),
        content,
        notes,
    })
}

/// UTF-8 (a BOM is dropped) or else Shift_JIS (CP932); anything else is refused.
fn decode(file: &str, bytes: &[u8], notes: &mut Vec<String>) -> Result<String, SourceError> {
    if let Some(offset) = bytes.iter().take(SNIFF_BYTES).position(|&b| b == 0) {
        return Err(SourceError::Binary {
            file: file.to_string(),
            offset,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(utf8_error) => {
            let cp932 =
                encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes);
            match cp932 {
                Some(text) => {
                    notes.push(format!("{file}: read as Shift_JIS (CP932)"));
                    Ok(text.into_owned())
                }
                None => {
                    let before = &bytes[..utf8_error.valid_up_to()];
                    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                    let line_start = before
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |i| i + 1);
                    let column = String::from_utf8_lossy(&before[line_start..])
                        .chars()
                        .count()
                        + 1;
                    Err(SourceError::Encoding {
                        file: file.to_string(),
                        line,
                        column,
                    })
                }
            }
        }
    }
}

fn delimited(file: &str, text: &str, delimiter: u8) -> Result<Sheet, SourceError> {
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
            message: e.to_string(),
        })?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    let name = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    Ok(Sheet { name, rows })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// Column letters of a 0-based column index: 0 → A, 27 → AB.
pub fn column_name(mut column: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// A cell address such as `C12` from 0-based row and column.
pub fn cell_name(row: usize, column: usize) -> String {
    format!("{}{}", column_name(column), row + 1)
}

fn spreadsheet(
    file: &str,
    bytes: Vec<u8>,
    notes: &mut Vec<String>,
) -> Result<Vec<Sheet>, SourceError> {
    let fail = |e: &dyn std::fmt::Display| SourceError::Spreadsheet {
        file: file.to_string(),
        message: e.to_string(),
    };
    let mut workbook =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| fail(&e))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(|e| fail(&e))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let (height, width) = range.get_size();
        let mut rows = vec![vec![String::new(); col0 as usize + width]; row0 as usize + height];
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                rows[row0 as usize + r][col0 as usize + c] = cell_text(cell);
            }
        }
        if let Ok(formulas) = workbook.worksheet_formula(&name) {
            let count = formulas
                .used_cells()
                .filter(|(_, _, f)| !f.is_empty())
                .count();
            if count > 0 {
                notes.push(format!(
                    "{file}: sheet `{name}`: {count} cell(s) hold formulas; the values last saved with them are used"
                ));
            }
        }
        let merged = match &mut workbook {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        for region in &merged {
            let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
            let value = rows
                .get(r0)
                .and_then(|r| r.get(c0))
                .cloned()
                .unwrap_or_default();
            for r in r0..=region.end.0 as usize {
                for c in c0..=region.end.1 as usize {
                    if (r, c) != (r0, c0) {
                        if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                            cell.clone_from(&value);
                        }
                    }
                }
            }
        }
        if !merged.is_empty() {
            notes.push(format!(
                "{file}: sheet `{name}`: {} merged region(s); each cell of a region reads as its top-left cell",
                merged.len()
            ));
        }
        sheets.push(Sheet { name, rows });
    }
    if sheets
        .iter()
        .all(|s| s.rows.iter().flatten().all(|c| c.trim().is_empty()))
    {
        return Err(SourceError::Empty {
            file: file.to_string(),
        });
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_spreadsheets() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(cell_name(11, 2), "C12");
    }

    #[test]
    fn a_bom_is_dropped_and_cp932_is_read() {
        let s = read_bytes("a.txt", b"\xEF\xBB\xBFabc".to_vec()).unwrap();
        assert_eq!(s.content, Content::Text("abc".into()));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("データの削除");
        let s = read_bytes("a.txt", sjis.into_owned()).unwrap();
        assert_eq!(s.content, Content::Text("データの削除".into()));
        assert!(s.notes[0].contains("CP932"), "{:?}", s.notes);
    }
}
