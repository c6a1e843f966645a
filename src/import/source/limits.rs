//! What a source may unpack to and produce. Each bound is checked before the memory it guards
//! is allocated, and a file over one is refused with a message naming the file and the limit.
//! Chosen far above real vendors' documents (the largest seed check sheet holds a few hundred
//! cells; a 300-page security white paper is about 1 MiB of text) and far below what takes a
//! laptop down.

/// The file as stored.
pub const MAX_SOURCE_BYTES: u64 = 100 * 1024 * 1024;
/// One member of a zip archive (a sheet's XML, the shared strings) once inflated.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// All members of a zip archive read, once inflated.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// Cells holding something, in a whole workbook.
pub const MAX_CELLS: u64 = 1_000_000;
/// The rectangle a sheet's cells span (its used range): what a reader allocates for it.
pub const MAX_SHEET_AREA: u64 = 4_000_000;
/// Rows of one sheet or CSV file.
pub const MAX_ROWS: u64 = 200_000;
/// Columns of one sheet (Excel allows 16,384; check sheets use a dozen).
pub const MAX_COLUMNS: u64 = 1_024;
/// Strings a workbook's shared-string table may declare or hold.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// Sheets of one workbook.
pub const MAX_SHEETS: u64 = 256;
/// The text drafted from: a document's text, or all its cells together (UTF-8 bytes).
pub const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// A byte count as people read it: `4 MiB`, `1.5 GiB`.
pub fn human_bytes(n: u64) -> String {
    const KIB: f64 = 1024.0;
    let n = n as f64;
    let (value, unit) = if n >= KIB * KIB * KIB {
        (n / (KIB * KIB * KIB), "GiB")
    } else if n >= KIB * KIB {
        (n / (KIB * KIB), "MiB")
    } else if n >= KIB {
        (n / KIB, "KiB")
    } else {
        return format!("{n} bytes");
    };
    if value.fract() == 0.0 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

/// A count with thousands separators: `4,000,000`.
pub fn human_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_as_people_write_them() {
        assert_eq!(human_bytes(MAX_TEXT_BYTES), "4 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(human_count(MAX_SHEET_AREA), "4,000,000");
        assert_eq!(human_count(999), "999");
    }
}
