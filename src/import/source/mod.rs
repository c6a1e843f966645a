//! Reading a vendor's document: plain text (HTML tags allowed), markdown, PDF (through
//! `pdftotext -layout` or a built-in reader), spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods
//! through calamine) and CSV/TSV, in UTF-8, UTF-8 with a BOM or Shift_JIS (CP932), decided
//! line by line (record by record in CSV) where a file mixes them.
//!
//! Every byte is untrusted. What a file may unpack to and produce is bounded ([`limits`]) and
//! checked before it is allocated; a reader's panic becomes an error naming the file. What no
//! check in this process can stop (an allocation failure aborts, whatever catches panics) is
//! contained by [`contained`]: `kurabe import` reads workbooks and PDFs in a child process under
//! memory, processor and wall-clock limits. [`read`] and [`read_bytes`] read in this process,
//! bounded the same way, for the tests, the fuzz targets and `xtask`.

use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

pub mod contained;
pub mod limits;
mod pdf;
mod text;
mod workbook;
mod xlsscan;
mod zipscan;

pub use limits::MAX_SOURCE_BYTES;
pub use pdf::{PdfReader, PDFTOTEXT_TIMEOUT};

/// A document as read: its text, or its sheets of cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file name (no directory), as `documents[].source` records it.
    pub file_name: String,
    pub content: Content,
    /// What the reader had to decide on the way (encoding, formulas, merged cells).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Content {
    Text(String),
    Sheets(Vec<Sheet>),
}

/// One sheet (or a whole CSV file): `rows[r][c]` is the cell at row `r + 1`, column `c`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// A bound of [`limits`] was reached: `what` names it and the limit.
    #[error("{file}: {what}")]
    Limit { file: String, what: String },
    #[error("{file}: not a text file (a NUL byte at offset {offset}); if it is UTF-16 text, save it as UTF-8")]
    Binary { file: String, offset: usize },
    #[error("{file}:{line}:{column}: neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8")]
    Encoding {
        file: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: cannot read the PDF: {message}")]
    Pdf { file: String, message: String },
    #[error("{file}: cannot import `.{extension}` files; give .txt, .md, .html, .pdf, .xlsx, .xls, .ods, .csv or .tsv")]
    Unsupported { file: String, extension: String },
    #[error("{file}: cannot read the spreadsheet: {message}")]
    Spreadsheet { file: String, message: String },
    #[error("{file}:{line}: cannot read the CSV: {message}")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },
    /// The reader process failed or was stopped (see [`contained`]); the message says why.
    #[error("{file}: {message}")]
    Reader { file: String, message: String },
    /// The reader process refused the file: its message, which names the file.
    #[error("{message}")]
    Refused { message: String },
    /// The user interrupted the reading (Ctrl-C).
    #[error("interrupted while reading {file}")]
    Interrupted { file: String },
}

impl SourceError {
    pub(crate) fn limit(file: &str, what: String) -> Self {
        SourceError::Limit {
            file: file.to_string(),
            what,
        }
    }
}

/// How a source is read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub pdf: PdfReader,
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
                extension: crate::sanitize::line(extension).into_owned(),
            })
        }
    })
}

fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The name a source is known by: its file name, made safe to print.
pub fn shown_name(path: &Path) -> String {
    path.file_name()
        .map(|n| crate::sanitize::line(&n.to_string_lossy()).into_owned())
        .unwrap_or_else(|| crate::sanitize::line(&path.display().to_string()).into_owned())
}

/// Whether a source of this name is read in a child process by `kurabe import`: the formats
/// whose readers (calamine, the PDF readers) parse binary structures of their own.
pub fn needs_containment(path: &Path) -> bool {
    matches!(
        format_of("", &extension_of(path)),
        Ok(Format::Spreadsheet | Format::Pdf)
    )
}

/// Reads one source file in this process, bounded. The size is checked before a byte is read.
pub fn read(path: &Path) -> Result<Source, SourceError> {
    read_with(path, &Options::default())
}

/// [`read`] with a choice of PDF reader.
pub fn read_with(path: &Path, options: &Options) -> Result<Source, SourceError> {
    let file_name = shown_name(path);
    let format = format_of(&file_name, &extension_of(path))?;
    let bytes = read_file(&file_name, path)?;
    from_bytes(&file_name, format, bytes, Some(path), options)
}

/// The bytes of a regular file of at most [`MAX_SOURCE_BYTES`].
fn read_file(file_name: &str, path: &Path) -> Result<Vec<u8>, SourceError> {
    let io = |source| SourceError::Io {
        file: file_name.to_string(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    // A pipe or device would block or never end: only regular files are read.
    if !metadata.is_file() {
        return Err(SourceError::NotAFile {
            file: file_name.to_string(),
        });
    }
    let size = metadata.len();
    if size > MAX_SOURCE_BYTES {
        return Err(SourceError::TooLarge {
            file: file_name.to_string(),
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
            file: file_name.to_string(),
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Reads a source from its bytes in this process, bounded; `file_name`'s extension says what
/// it is.
pub fn read_bytes(file_name: &str, bytes: Vec<u8>) -> Result<Source, SourceError> {
    read_bytes_with(file_name, bytes, &Options::default())
}

/// [`read_bytes`] with a choice of PDF reader.
pub fn read_bytes_with(
    file_name: &str,
    bytes: Vec<u8>,
    options: &Options,
) -> Result<Source, SourceError> {
    let file = crate::sanitize::line(file_name).into_owned();
    let format = format_of(&file, &extension_of(Path::new(file_name)))?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(SourceError::TooLarge {
            file,
            bytes: bytes.len() as u64,
        });
    }
    from_bytes(&file, format, bytes, None, options)
}

fn from_bytes(
    file: &str,
    format: Format,
    bytes: Vec<u8>,
    path: Option<&Path>,
    options: &Options,
) -> Result<Source, SourceError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::Empty {
            file: file.to_string(),
        });
    }
    let mut notes = Vec::new();
    let content = match format {
        Format::Text => Content::Text(text::decode(file, &bytes, text::Units::Lines, &mut notes)?),
        Format::Delimited(delimiter) => {
            let decoded = text::decode(file, &bytes, text::Units::Records, &mut notes)?;
            Content::Sheets(vec![text::delimited(file, &decoded, delimiter)?])
        }
        Format::Spreadsheet => {
            Content::Sheets(guarded(file, || workbook::read(file, bytes, &mut notes))?)
        }
        Format::Pdf => Content::Text(guarded(file, || {
            pdf::read(file, &bytes, path, &options.pdf, &mut notes)
        })?),
    };
    if let Content::Text(text) = &content {
        text::check_size(file, text.len() as u64)?;
        if text.trim().is_empty() {
            return Err(SourceError::Empty {
                file: file.to_string(),
            });
        }
    }
    Ok(Source {
        file_name: file.to_string(),
        content,
        notes,
    })
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

/// Runs a reader of binary formats, turning a panic anywhere in it (calamine, the zip and XML
/// readers, pdf-extract) into the file's error.
fn guarded<T>(file: &str, f: impl FnOnce() -> Result<T, SourceError>) -> Result<T, SourceError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(SourceError::Reader {
            file: file.to_string(),
            message: format!(
                "the reader failed on it ({}); the file is damaged or not what its name says",
                panic_message(payload.as_ref())
            ),
        })
    })
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    crate::sanitize::line(&message).into_owned()
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
}
