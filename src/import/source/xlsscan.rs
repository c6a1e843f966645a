//! A look through an Excel 97-2003 workbook (.xls) before calamine reads it: its compound file
//! opened by the `cfb` crate, and the BIFF records of its workbook stream walked for the numbers
//! calamine allocates from — a sheet's declared dimensions (it reserves rows × columns cells),
//! the shared-string count — and for the cells, sheets and addresses themselves. Nothing is
//! allocated from these numbers here; a file over a bound is refused before calamine sees it.

use super::limits::*;
use super::SourceError;
use std::io::Read;

/// BIFF8's last row and column.
const SHEET_ROWS: u64 = 65_536;
const SHEET_COLUMNS: u64 = 256;

pub fn check(file: &str, bytes: &[u8]) -> Result<(), SourceError> {
    let fail = |message: String| SourceError::Spreadsheet {
        file: file.to_string(),
        message,
    };
    let mut compound = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable Excel 97-2003 file ({e})")))?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| compound.is_stream(n))
        .ok_or_else(|| {
            fail("an Office file without a workbook stream (not a spreadsheet)".into())
        })?;
    let mut stream = Vec::new();
    compound
        .open_stream(name)
        .map_err(|e| fail(format!("its workbook stream cannot be opened ({e})")))?
        .take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut stream)
        .map_err(|e| fail(format!("its workbook stream cannot be read ({e})")))?;
    if stream.len() as u64 > MAX_UNPACKED_BYTES {
        return Err(SourceError::limit(
            file,
            format!(
                "its workbook stream is more than {}, the most kurabe unpacks from one workbook",
                human_bytes(MAX_UNPACKED_BYTES)
            ),
        ));
    }
    walk(file, &stream)
}

fn u16_at(d: &[u8], at: usize) -> u64 {
    d.get(at..at + 2)
        .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(d: &[u8], at: usize) -> u32 {
    d.get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The records of a stream from `at`: type and data.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if at + 4 > stream.len() {
            return None;
        }
        let kind = u16_at(stream, at) as u16;
        let len = u16_at(stream, at + 2) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        Some((kind, data))
    })
}

/// The workbook globals from the start (sheets, shared strings), then each sheet from where
/// its BOUNDSHEET record says it starts, as calamine reads it (a sheet may start inside what
/// reads from the start as another record).
fn walk(file: &str, stream: &[u8]) -> Result<(), SourceError> {
    let limit = |what: String| Err(SourceError::limit(file, what));
    let mut sheet_starts = Vec::new();
    for (kind, data) in records(stream, 0) {
        match kind {
            // BOUNDSHEET: one per sheet, with where its records start.
            0x0085 => {
                sheet_starts.push(u32_at(data, 0) as usize);
                if sheet_starts.len() as u64 > MAX_SHEETS {
                    return limit(format!(
                        "more than {} sheets, the most kurabe reads from one workbook",
                        human_count(MAX_SHEETS)
                    ));
                }
            }
            // SST: the total and unique counts of shared strings.
            0x00FC => {
                for count in [u32_at(data, 0), u32_at(data, 4)] {
                    if u64::from(count) > MAX_SHARED_STRINGS {
                        return limit(format!(
                            "its shared-string table declares {} strings, more than the {} kurabe reads",
                            human_count(count.into()),
                            human_count(MAX_SHARED_STRINGS)
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    let mut cells = 0u64;
    for start in sheet_starts.into_iter().filter(|&s| s < stream.len()) {
        let mut depth = 0usize;
        for (kind, data) in records(stream, start) {
            match kind {
                0x0809 => depth += 1,
                0x000A => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                0x0200 => check_dimensions(file, data)?,
                // Cells: NUMBER, LABEL, LABELSST, RK, FORMULA, BOOLERR, BLANK, MULRK, MULBLANK.
                0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0006 | 0x0205 | 0x0201 | 0x00BD | 0x00BE => {
                    let row = u16_at(data, 0) + 1;
                    let first = u16_at(data, 2) + 1;
                    let last = if matches!(kind, 0x00BD | 0x00BE) && data.len() >= 6 {
                        u16_at(data, data.len() - 2) + 1
                    } else {
                        first
                    };
                    if row > SHEET_ROWS || first > SHEET_COLUMNS || last > SHEET_COLUMNS {
                        return limit(format!(
                            "a cell at row {row}, column {}, is outside a worksheet (at most {SHEET_ROWS} rows and {SHEET_COLUMNS} columns)",
                            last.max(first)
                        ));
                    }
                    cells += last.saturating_sub(first) + 1;
                    if cells > MAX_CELLS {
                        return limit(format!(
                            "more than {} cells hold something, the most kurabe reads from one workbook",
                            human_count(MAX_CELLS)
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// DIMENSIONS as calamine reads it: it reserves (last row - first row) × (last column - first
/// column) cells, in u32 arithmetic that wraps when the first row is past the last.
fn check_dimensions(file: &str, data: &[u8]) -> Result<(), SourceError> {
    let (first_row, end_row, first_column, end_column) = match data.len() {
        10 => (
            u16_at(data, 0) as u32,
            u16_at(data, 2) as u32,
            u16_at(data, 4) as u32,
            u16_at(data, 6) as u32,
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8) as u32,
            u16_at(data, 10) as u32,
        ),
        _ => return Ok(()),
    };
    let first_column = if first_column > 0xFF || end_column < first_column {
        0
    } else {
        first_column
    };
    let (rows, columns) = if end_row >= 1 && end_column >= 1 {
        (
            u64::from((end_row - 1).wrapping_sub(first_row).wrapping_add(1)),
            u64::from(end_column - first_column),
        )
    } else {
        (1, 1)
    };
    check_extent(
        file,
        rows.max(end_row.into()),
        columns.max(end_column.into()),
        "its declared dimensions",
    )
}

fn check_extent(file: &str, rows: u64, columns: u64, what: &str) -> Result<(), SourceError> {
    if rows > MAX_ROWS || columns > MAX_COLUMNS || rows.saturating_mul(columns) > MAX_SHEET_AREA {
        return Err(SourceError::limit(
            file,
            format!(
                "{what} span {} rows by {} columns, more than kurabe reads from one sheet (at most {} rows, {} columns, {} cells)",
                human_count(rows),
                human_count(columns),
                human_count(MAX_ROWS),
                human_count(MAX_COLUMNS),
                human_count(MAX_SHEET_AREA)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    #[test]
    fn declared_dimensions_past_the_limits_are_refused() {
        let mut dims = Vec::new();
        dims.extend_from_slice(&0u32.to_le_bytes());
        dims.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        dims.extend_from_slice(&0u16.to_le_bytes());
        dims.extend_from_slice(&128u16.to_le_bytes());
        dims.extend_from_slice(&0u16.to_le_bytes());
        let err = check_dimensions("a.xls", &dims).unwrap_err().to_string();
        assert!(err.contains("4,294,967,280 rows by 128 columns"), "{err}");
        // A first row past the last wraps around in calamine's arithmetic.
        let mut wrapped = 10u32.to_le_bytes().to_vec();
        wrapped.extend_from_slice(&5u32.to_le_bytes());
        wrapped.extend_from_slice(&[0, 0, 2, 0, 0, 0]);
        let err = check_dimensions("a.xls", &wrapped).unwrap_err().to_string();
        assert!(err.contains("4,294,967,291 rows"), "{err}");
    }

    #[test]
    fn a_shared_string_count_past_the_limit_is_refused() {
        let mut sst = u32::MAX.to_le_bytes().to_vec();
        sst.extend_from_slice(&5u32.to_le_bytes());
        let err = walk("a.xls", &record(0x00FC, &sst))
            .unwrap_err()
            .to_string();
        assert!(err.contains("4,294,967,295 strings"), "{err}");
    }

    #[test]
    fn a_truncated_record_is_no_panic() {
        assert!(walk("a.xls", &[0x00, 0x02, 0xFF, 0xFF, 1]).is_ok());
    }
}
