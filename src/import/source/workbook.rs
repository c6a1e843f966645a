//! Workbooks through calamine, each format opened by its own reader (so that its own error is
//! the one reported), after [`super::zipscan`] has bounded what a zipped one unpacks to. A
//! panic inside calamine is caught and reported as the file's error.

use super::limits::*;
use super::xlsscan;
use super::zipscan::{self, Zipped};
use super::{panic_message, Sheet, SourceError};
use calamine::{Data, Reader};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

type Workbook = calamine::Sheets<Cursor<Vec<u8>>>;

pub fn read(
    file: &str,
    bytes: Vec<u8>,
    notes: &mut Vec<String>,
) -> Result<Vec<Sheet>, SourceError> {
    let fail = |message: String| SourceError::Spreadsheet {
        file: file.to_string(),
        message: crate::sanitize::line(&message).into_owned(),
    };
    let opened = if bytes.starts_with(ZIP_MAGIC) {
        let kind = zipscan::check(file, &bytes)?;
        guarded(file, || {
            let cursor = Cursor::new(bytes);
            Ok(match kind {
                Zipped::Xlsx => calamine::Sheets::Xlsx(
                    calamine::Xlsx::new(cursor).map_err(|e| fail(e.to_string()))?,
                ),
                Zipped::Xlsb => calamine::Sheets::Xlsb(
                    calamine::Xlsb::new(cursor).map_err(|e| fail(e.to_string()))?,
                ),
                Zipped::Ods => calamine::Sheets::Ods(
                    calamine::Ods::new(cursor).map_err(|e| fail(e.to_string()))?,
                ),
            })
        })?
    } else if bytes.starts_with(OLE_MAGIC) {
        xlsscan::check(file, &bytes)?;
        guarded(file, || {
            Ok(calamine::Sheets::Xls(
                calamine::Xls::new(Cursor::new(bytes)).map_err(|e| fail(e.to_string()))?,
            ))
        })?
    } else {
        return Err(fail(
            "neither a zipped workbook (.xlsx, .xlsb, .ods) nor an Excel 97-2003 file (.xls)"
                .into(),
        ));
    };
    let mut workbook: Workbook = opened;
    let names = workbook.sheet_names();
    if names.len() as u64 > MAX_SHEETS {
        return Err(SourceError::limit(
            file,
            format!(
                "{} sheets, more than the {} kurabe reads from one workbook",
                human_count(names.len() as u64),
                human_count(MAX_SHEETS)
            ),
        ));
    }
    let mut sheets = Vec::new();
    let mut text_bytes = 0u64;
    for name in names {
        let shown = crate::sanitize::line(&name).into_owned();
        let sheet = guarded(file, || {
            read_sheet(file, &mut workbook, &name, &shown, &mut text_bytes, notes)
        })?;
        sheets.push(sheet);
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

/// Runs a piece of calamine, turning its panic into the file's error.
fn guarded<T>(file: &str, f: impl FnOnce() -> Result<T, SourceError>) -> Result<T, SourceError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(SourceError::Spreadsheet {
            file: file.to_string(),
            message: format!(
                "the spreadsheet reader failed on it ({}); the file is damaged or not what its name says",
                panic_message(payload.as_ref())
            ),
        })
    })
}

fn read_sheet(
    file: &str,
    workbook: &mut Workbook,
    name: &str,
    shown: &str,
    text_bytes: &mut u64,
    notes: &mut Vec<String>,
) -> Result<Sheet, SourceError> {
    let fail = |e: &dyn std::fmt::Display| SourceError::Spreadsheet {
        file: file.to_string(),
        message: format!("sheet `{shown}`: {}", crate::sanitize::line(&e.to_string())),
    };
    let range = workbook.worksheet_range(name).map_err(|e| fail(&e))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let (height, width) = range.get_size();
    let rows_needed = row0 as u64 + height as u64;
    let columns_needed = col0 as u64 + width as u64;
    if rows_needed > MAX_ROWS
        || columns_needed > MAX_COLUMNS
        || rows_needed.saturating_mul(columns_needed) > MAX_SHEET_AREA
    {
        return Err(SourceError::limit(
            file,
            format!(
                "sheet `{shown}` spans {} rows by {} columns from A1, more than kurabe reads from one sheet (at most {} rows, {} columns, {} cells)",
                human_count(rows_needed),
                human_count(columns_needed),
                human_count(MAX_ROWS),
                human_count(MAX_COLUMNS),
                human_count(MAX_SHEET_AREA)
            ),
        ));
    }
    let mut rows = vec![vec![String::new(); columns_needed as usize]; rows_needed as usize];
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let text = cell_text(cell);
            add_text(file, text_bytes, text.len())?;
            rows[row0 as usize + r][col0 as usize + c] = text;
        }
    }
    drop(range);
    if let Ok(formulas) = workbook.worksheet_formula(name) {
        let count = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .count();
        if count > 0 {
            notes.push(format!(
                "{file}: sheet `{shown}`: {count} cell(s) hold formulas; the values last saved with them are used"
            ));
        }
    }
    let merged = match workbook {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    for region in &merged {
        let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
        let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else {
            continue;
        };
        // Only the cells that exist: a region may claim the whole sheet.
        let r_end = (region.end.0 as usize).min(rows.len().saturating_sub(1));
        let c_end = (region.end.1 as usize).min(columns_needed.saturating_sub(1) as usize);
        for row in rows.iter_mut().take(r_end + 1).skip(r0) {
            for cell in row.iter_mut().take(c_end + 1).skip(c0) {
                if *cell != value {
                    add_text(file, text_bytes, value.len())?;
                    cell.clone_from(&value);
                }
            }
        }
    }
    if !merged.is_empty() {
        notes.push(format!(
            "{file}: sheet `{shown}`: {} merged region(s); each cell of a region reads as its top-left cell",
            merged.len()
        ));
    }
    Ok(Sheet {
        name: shown.to_string(),
        rows,
    })
}

/// Counts text kept from a workbook, refusing it past [`MAX_TEXT_BYTES`].
fn add_text(file: &str, text_bytes: &mut u64, more: usize) -> Result<(), SourceError> {
    *text_bytes += more as u64;
    if *text_bytes > MAX_TEXT_BYTES {
        return Err(SourceError::limit(
            file,
            format!(
                "its cells hold more than {} of text, the most kurabe drafts from; keep the sheets that answer the controls",
                human_bytes(MAX_TEXT_BYTES)
            ),
        ));
    }
    Ok(())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
