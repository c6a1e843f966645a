//! A look through a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) before calamine reads it: what
//! every member inflates to, and in the XML the sheet dimensions, the cell addresses, the
//! shared-string counts and the repeated rows and cells of OpenDocument. calamine allocates
//! from these numbers (a used range, `uniqueCount`, a repeat count) before it reads a cell; here
//! they are read as a stream, with nothing allocated from them, and a file over a bound is
//! refused before calamine sees it.

use super::limits::*;
use super::SourceError;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};

/// Excel's last row and column: an address past them is no cell at all.
const SHEET_ROWS: u64 = 1_048_576;
const SHEET_COLUMNS: u64 = 16_384;
/// Members of one archive (a workbook has a few dozen).
const MAX_MEMBERS: usize = 10_000;

/// What kind of workbook a zip archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zipped {
    Xlsx,
    Xlsb,
    Ods,
}

/// Checks every bound that can be read from the archive. Returns what it holds.
pub fn check(file: &str, bytes: &[u8]) -> Result<Zipped, SourceError> {
    let fail = |message: String| SourceError::Spreadsheet {
        file: file.to_string(),
        message,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable zip archive ({e})")))?;
    if archive.len() > MAX_MEMBERS {
        return Err(SourceError::limit(
            file,
            format!(
                "{} members in its archive, more than the {} a workbook may have",
                human_count(archive.len() as u64),
                human_count(MAX_MEMBERS as u64)
            ),
        ));
    }
    let names: Vec<String> = archive
        .file_names_raw()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    let kind = if names.iter().any(|n| n == "content.xml") {
        Zipped::Ods
    } else if names.iter().any(|n| n == "xl/workbook.bin") {
        Zipped::Xlsb
    } else if names.iter().any(|n| n == "xl/workbook.xml") {
        Zipped::Xlsx
    } else {
        return Err(fail(
            "a zip archive that is neither an Excel workbook (no xl/workbook.xml) nor an OpenDocument spreadsheet (no content.xml)".into(),
        ));
    };
    let mut scan = Scan::new(file);
    let mut unpacked = 0u64;
    for index in 0..archive.len() {
        let member = archive
            .by_index(index)
            .map_err(|e| fail(format!("member {index} of its archive: {e}")))?;
        let name = crate::sanitize::line(&String::from_utf8_lossy(member.name_raw())).into_owned();
        let limited = Limited {
            inner: member,
            file,
            name: &name,
            left_in_member: MAX_ENTRY_BYTES,
            total: &mut unpacked,
        };
        let is_xml = name.ends_with(".xml");
        let result = if is_xml && kind != Zipped::Xlsb {
            scan.xml(&name, kind, limited)
        } else {
            drain(limited)
        };
        result.map_err(|e| match e {
            ScanError::Source(e) => e,
            ScanError::Io(e) => fail(format!("{name}: {e}")),
            ScanError::Xml(e) => fail(format!("{name}: malformed XML: {e}")),
        })?;
    }
    if scan.cells > MAX_CELLS {
        return Err(SourceError::limit(
            file,
            format!(
                "{} cells hold something, more than the {} kurabe reads from one workbook; keep the sheets that answer the controls",
                human_count(scan.cells),
                human_count(MAX_CELLS)
            ),
        ));
    }
    if scan.sheets > MAX_SHEETS {
        return Err(SourceError::limit(
            file,
            format!(
                "{} sheets, more than the {} kurabe reads from one workbook",
                human_count(scan.sheets),
                human_count(MAX_SHEETS)
            ),
        ));
    }
    Ok(kind)
}

enum ScanError {
    Source(SourceError),
    Io(std::io::Error),
    Xml(quick_xml::Error),
}

impl From<std::io::Error> for ScanError {
    fn from(e: std::io::Error) -> Self {
        ScanError::Io(e)
    }
}

impl From<quick_xml::Error> for ScanError {
    fn from(e: quick_xml::Error) -> Self {
        ScanError::Xml(e)
    }
}

/// A member's reader that refuses to inflate past its own and the archive's bound.
struct Limited<'a, R> {
    inner: R,
    file: &'a str,
    name: &'a str,
    left_in_member: u64,
    total: &'a mut u64,
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = buf
            .len()
            .min(self.left_in_member.saturating_add(1) as usize);
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left_in_member {
            return Err(std::io::Error::other(OverLimit(format!(
                "{} inflates to more than {}, the most kurabe unpacks from one member of a workbook",
                self.name,
                human_bytes(MAX_ENTRY_BYTES)
            ))));
        }
        self.left_in_member -= n as u64;
        *self.total += n as u64;
        if *self.total > MAX_UNPACKED_BYTES {
            return Err(std::io::Error::other(OverLimit(format!(
                "its archive inflates to more than {}, the most kurabe unpacks from one workbook",
                human_bytes(MAX_UNPACKED_BYTES)
            ))));
        }
        Ok(n)
    }
}

#[derive(Debug)]
struct OverLimit(String);

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OverLimit {}

/// An I/O error that is a bound reached becomes the bound's message.
fn over_limit(file: &str, e: &std::io::Error) -> Option<SourceError> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<OverLimit>())
        .map(|o| SourceError::limit(file, o.0.clone()))
}

fn drain<R: Read>(mut member: Limited<'_, R>) -> Result<(), ScanError> {
    let file = member.file;
    std::io::copy(&mut member, &mut std::io::sink())
        .map(|_| ())
        .map_err(|e| match over_limit(file, &e) {
            Some(limit) => ScanError::Source(limit),
            None => ScanError::Io(e),
        })
}

struct Scan<'a> {
    file: &'a str,
    cells: u64,
    sheets: u64,
}

/// Where a sheet's cells reach, counted from A1 (the reader lays rows out from A1).
#[derive(Default)]
struct Extent {
    rows: u64,
    columns: u64,
}

impl<'a> Scan<'a> {
    fn new(file: &'a str) -> Self {
        Scan {
            file,
            cells: 0,
            sheets: 0,
        }
    }

    fn limit(&self, what: String) -> ScanError {
        ScanError::Source(SourceError::limit(self.file, what))
    }

    fn xml<R: Read>(
        &mut self,
        name: &str,
        kind: Zipped,
        member: Limited<'_, R>,
    ) -> Result<(), ScanError> {
        let file = self.file;
        let mut reader = quick_xml::Reader::from_reader(BufReader::new(member));
        let mut buf = Vec::new();
        let mut state = XmlState::default();
        loop {
            buf.clear();
            let event = match reader.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(quick_xml::Error::Io(e)) => {
                    return Err(match over_limit(file, &e) {
                        Some(limit) => ScanError::Source(limit),
                        None => ScanError::Io(std::io::Error::other(e.to_string())),
                    })
                }
                Err(e) => return Err(e.into()),
            };
            match event {
                Event::Start(e) => self.element(name, kind, &e, false, &mut state)?,
                Event::Empty(e) => self.element(name, kind, &e, true, &mut state)?,
                Event::End(e) => match e.local_name().as_ref() {
                    "sheetData" => state.in_sheet_data = false,
                    "table-row" if kind == Zipped::Ods => self.end_ods_row(name, &mut state)?,
                    "table" if kind == Zipped::Ods => state.ods = OdsTable::default(),
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn element(
        &mut self,
        name: &str,
        kind: Zipped,
        e: &BytesStart<'_>,
        empty: bool,
        state: &mut XmlState,
    ) -> Result<(), ScanError> {
        match (kind, e.local_name().as_ref()) {
            (Zipped::Xlsx, "sheet") if name == "xl/workbook.xml" => self.sheets += 1,
            (Zipped::Xlsx, "dimension") => {
                if let Some(range) = attribute(e, "ref") {
                    let mut extent = Extent::default();
                    for corner in range.split(':') {
                        let (row, column) = self.address(name, corner)?;
                        extent.rows = extent.rows.max(row);
                        extent.columns = extent.columns.max(column);
                    }
                    self.check_extent(name, &extent, &format!("its used range {range}"))?;
                }
            }
            (Zipped::Xlsx, "sheetData") if !empty => {
                state.in_sheet_data = true;
                state.row = 0;
                state.extent = Extent::default();
            }
            (Zipped::Xlsx, "row") if state.in_sheet_data => {
                state.row = match attribute(e, "r") {
                    Some(r) => self.row_number(name, &r)?,
                    None => state.row + 1,
                };
                state.column = 0;
            }
            (Zipped::Xlsx, "c") if state.in_sheet_data => {
                let (row, column) = match attribute(e, "r") {
                    Some(r) => self.address(name, &r)?,
                    None => (state.row.max(1), state.column + 1),
                };
                state.row = state.row.max(row);
                state.column = column;
                self.cells += 1;
                state.extent.rows = state.extent.rows.max(row);
                state.extent.columns = state.extent.columns.max(column);
                let extent = std::mem::take(&mut state.extent);
                self.check_extent(
                    name,
                    &extent,
                    &format!("a cell at {}", cell_label(row, column)),
                )?;
                state.extent = extent;
            }
            (Zipped::Xlsx, "sst") => {
                for key in ["uniqueCount", "count"] {
                    if let Some(count) = attribute(e, key) {
                        if count
                            .parse::<u64>()
                            .map_or(true, |n| n > MAX_SHARED_STRINGS)
                        {
                            return Err(self.limit(format!(
                                "its shared-string table declares {}=\"{count}\" strings, more than the {} kurabe reads",
                                key,
                                human_count(MAX_SHARED_STRINGS)
                            )));
                        }
                    }
                }
            }
            (Zipped::Xlsx, "si") => {
                state.shared_strings += 1;
                if state.shared_strings > MAX_SHARED_STRINGS {
                    return Err(self.limit(format!(
                        "more than {} shared strings, the most kurabe reads",
                        human_count(MAX_SHARED_STRINGS)
                    )));
                }
            }
            (Zipped::Ods, "table") if !empty => {
                self.sheets += 1;
                state.ods = OdsTable::default();
            }
            (Zipped::Ods, "table-row") => {
                state.ods.row_repeats = repeat(e, "number-rows-repeated");
                state.ods.position = 0;
                state.ods.width = 0;
                if empty {
                    self.end_ods_row(name, state)?;
                }
            }
            (Zipped::Ods, "table-cell" | "covered-table-cell") => {
                let repeats = repeat(e, "number-columns-repeated");
                state.ods.position = state.ods.position.saturating_add(repeats);
                let holds_something = !empty || attribute(e, "value-type").is_some();
                if holds_something {
                    state.ods.width = state.ods.position;
                    self.cells = self
                        .cells
                        .saturating_add(repeats.saturating_mul(state.ods.row_repeats));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A row of an OpenDocument table ends: calamine keeps its cells up to the last that holds
    /// something, and repeats the row as often as it says.
    fn end_ods_row(&mut self, name: &str, state: &mut XmlState) -> Result<(), ScanError> {
        let ods = &mut state.ods;
        ods.rows_before = ods.rows_before.saturating_add(ods.row_repeats);
        if ods.width > 0 {
            ods.expanded = ods.expanded.saturating_add(ods.width);
            let extent = Extent {
                rows: ods.rows_before,
                columns: ods.width,
            };
            ods.extent.rows = ods.extent.rows.max(extent.rows);
            ods.extent.columns = ods.extent.columns.max(extent.columns);
            let whole = Extent {
                rows: ods.extent.rows,
                columns: ods.extent.columns,
            };
            let expanded = ods.expanded;
            self.check_extent(name, &whole, "a table of repeated rows and cells")?;
            if expanded > MAX_SHEET_AREA {
                return Err(self.limit(format!(
                    "{name}: its rows spell out more than {} cells, the most kurabe reads from one sheet",
                    human_count(MAX_SHEET_AREA)
                )));
            }
        }
        ods.row_repeats = 1;
        ods.width = 0;
        ods.position = 0;
        Ok(())
    }

    fn check_extent(&self, name: &str, extent: &Extent, what: &str) -> Result<(), ScanError> {
        let area = extent.rows.saturating_mul(extent.columns);
        if extent.rows > MAX_ROWS || extent.columns > MAX_COLUMNS || area > MAX_SHEET_AREA {
            return Err(self.limit(format!(
                "{name}: {what} spans {} rows by {} columns from A1, more than kurabe reads from one sheet (at most {} rows, {} columns, {} cells); delete the stray cells far from the table",
                human_count(extent.rows),
                human_count(extent.columns),
                human_count(MAX_ROWS),
                human_count(MAX_COLUMNS),
                human_count(MAX_SHEET_AREA)
            )));
        }
        Ok(())
    }

    fn row_number(&self, name: &str, r: &str) -> Result<u64, ScanError> {
        match r.parse::<u64>() {
            Ok(row) if (1..=SHEET_ROWS).contains(&row) => Ok(row),
            _ => Err(self.limit(format!(
                "{name}: row {} is outside a worksheet (rows 1 to {SHEET_ROWS})",
                crate::sanitize::line(r)
            ))),
        }
    }

    /// 1-based row and column of an address such as `C12`; refused outside a worksheet.
    fn address(&self, name: &str, address: &str) -> Result<(u64, u64), ScanError> {
        let letters = address
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let digits = &address[letters..];
        let column = address[..letters]
            .bytes()
            .try_fold(0u64, |n, b| {
                n.checked_mul(26)?
                    .checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
            })
            .filter(|c| (1..=SHEET_COLUMNS).contains(c) && letters <= 3);
        let row = digits
            .parse::<u64>()
            .ok()
            .filter(|r| (1..=SHEET_ROWS).contains(r));
        match (row, column) {
            (Some(row), Some(column)) => Ok((row, column)),
            _ => Err(self.limit(format!(
                "{name}: the cell address {} is outside a worksheet (A1 to XFD{SHEET_ROWS})",
                crate::sanitize::line(address)
            ))),
        }
    }
}

#[derive(Default)]
struct XmlState {
    in_sheet_data: bool,
    row: u64,
    column: u64,
    extent: Extent,
    shared_strings: u64,
    ods: OdsTable,
}

struct OdsTable {
    row_repeats: u64,
    rows_before: u64,
    position: u64,
    width: u64,
    expanded: u64,
    extent: Extent,
}

impl Default for OdsTable {
    fn default() -> Self {
        OdsTable {
            row_repeats: 1,
            rows_before: 0,
            position: 0,
            width: 0,
            expanded: 0,
            extent: Extent::default(),
        }
    }
}

fn cell_label(row: u64, column: u64) -> String {
    super::cell_name(row as usize - 1, column as usize - 1)
}

/// An attribute's value by its local name (namespace prefixes vary between producers).
fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// A repeat count; one where it is absent, the largest number where it does not parse as one
/// (so that the bound refuses it).
fn repeat(e: &BytesStart<'_>, key: &str) -> u64 {
    match attribute(e, key) {
        None => 1,
        Some(v) => v.trim().parse::<u64>().unwrap_or(u64::MAX).max(1),
    }
}
