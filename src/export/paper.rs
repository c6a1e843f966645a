//! How a workbook looks on paper, decided without a spreadsheet program: the typeface of each
//! language, how many lines a cell's text wraps to (so rows can be made as tall as their text),
//! and how a sheet prints on A4 landscape — one page wide when that keeps the text at a readable
//! size, else at a readable scale with the columns flowing on to further pages, the header row
//! and the first columns repeated on each.

use crate::catalog::Lang;

/// Excel's paper size code for A4.
pub const A4: u8 = 9;

/// The smallest print scale (percent) used: 11-point text printed at 8.25 points.
pub const MIN_SCALE: u16 = 75;

/// The typeface at 11 points and its metrics as Excel on Windows lays it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Typeface {
    pub name: &'static str,
    /// Points per line of wrapped text.
    pub line_pt: f64,
    /// Pixels of the widest digit: the unit of a column's width.
    pub digit_px: u32,
    /// Pixels Excel adds to every column's width in digits.
    pub padding_px: u32,
    /// A default row's and column's pixels (for rust_xlsxwriter's default format).
    pub row_px: u32,
    pub column_px: u32,
    /// The font's character set in styles.xml (128: Shift_JIS, what Excel writes for 游ゴシック).
    pub charset: u8,
}

/// One typeface per workbook: 游ゴシック (Yu Gothic), Excel's own Japanese default, where the
/// text is Japanese; Calibri, Excel's default, where it is English. Calibri has no Japanese
/// glyphs, so a Japanese workbook in it prints in whatever the printer substitutes.
pub fn typeface(lang: Lang) -> Typeface {
    match lang {
        Lang::En => Typeface {
            name: "Calibri",
            line_pt: 15.0,
            digit_px: 7,
            padding_px: 5,
            row_px: 20,
            column_px: 64,
            charset: 0,
        },
        Lang::Ja => Typeface {
            name: "游ゴシック",
            line_pt: 18.75,
            digit_px: 8,
            padding_px: 5,
            row_px: 25,
            column_px: 72,
            charset: 128,
        },
    }
}

/// Excel's tallest row, in points.
pub const MAX_ROW_PT: f64 = 409.0;

/// How many lines `text` takes in a column `width` digits wide: each of its lines wrapped as the
/// terminal wraps (by UAX #14: at spaces, or between Japanese characters), a double-width
/// character counting as two digits, one digit of the width kept for the cell's margins. A piece
/// with no break inside (a long URL) that is wider than the column takes as many lines as
/// spreadsheets cut it into, and a line never takes fewer lines than its width fills.
pub fn lines_in(text: &str, width: f64) -> usize {
    let room = (width - 1.0).floor().max(1.0) as usize;
    text.split('\n')
        .map(|line| {
            let wrapped: usize = crate::text::wrap(line, room)
                .iter()
                .map(|l| crate::text::width(l).div_ceil(room).max(1))
                .sum();
            // Never fewer than the line's width fills: the spaces a break drops still take
            // room in a spreadsheet's proportional font.
            wrapped.max(crate::text::width(line).div_ceil(room)).max(1)
        })
        .sum()
}

/// Points for a row of `lines` lines in `face`, at most Excel's tallest.
pub fn row_height(lines: usize, face: &Typeface) -> f64 {
    (lines as f64 * face.line_pt + 3.0).min(MAX_ROW_PT)
}

/// A column `width` digits wide, in pixels at 100%.
fn column_px(width: f64, face: &Typeface) -> f64 {
    width * f64::from(face.digit_px) + f64::from(face.padding_px)
}

/// The margins, in inches: left, right, top, bottom, header, footer.
pub const MARGINS: [f64; 6] = [0.4, 0.4, 0.6, 0.6, 0.3, 0.3];

/// A4 landscape's printable width at 100%, in pixels (96 per inch).
fn printable_px() -> f64 {
    (297.0 / 25.4 - MARGINS[0] - MARGINS[1]) * 96.0
}

/// How a sheet prints across.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Across {
    /// Scaled to one page wide, which keeps it at `MIN_SCALE` or more.
    OnePage,
    /// At this scale, the columns flowing on to `pages` pages.
    Flow { scale: u16, pages: usize },
}

/// How many pages wide a sheet of columns `widths` (digits) prints at `scale` percent when the
/// first `repeat` columns are repeated on every page: as a spreadsheet breaks it, a page ending
/// before the column that no longer fits.
pub fn pages_across(widths: &[f64], repeat: usize, scale: u16, face: &Typeface) -> usize {
    let room = printable_px() * 100.0 / f64::from(scale);
    let titles: f64 = widths
        .iter()
        .take(repeat)
        .map(|&w| column_px(w, face))
        .sum();
    let mut pages = 1;
    let mut used = 0.0;
    for &w in widths {
        let px = column_px(w, face);
        if used + px > room && used > titles {
            pages += 1;
            used = titles;
        }
        used += px;
    }
    pages
}

/// One page wide if it keeps `MIN_SCALE`; else as few pages as `MIN_SCALE` allows, printed as
/// large as that number of pages allows (in steps of 5%, at most 100%).
pub fn across(widths: &[f64], repeat: usize, face: &Typeface) -> Across {
    let fewest = pages_across(widths, repeat, MIN_SCALE, face);
    if fewest == 1 {
        return Across::OnePage;
    }
    let scale = (MIN_SCALE..=100)
        .rev()
        .step_by(5)
        .find(|&s| pages_across(widths, repeat, s, face) == fewest)
        .unwrap_or(MIN_SCALE);
    Across::Flow {
        scale,
        pages: fewest,
    }
}

/// Text for a page header: `&` doubled (it starts a code), at most 100 characters.
pub fn header_text(s: &str) -> String {
    let short: String = s.chars().filter(|c| !c.is_control()).take(100).collect();
    short.replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_text_wraps_at_two_digits_a_character() {
        // 20 Japanese characters are 40 digits: two lines in a column of 21 to 40 digits.
        let ja = "あ".repeat(20);
        assert_eq!(lines_in(&ja, 41.0), 1);
        assert_eq!(lines_in(&ja, 40.0), 2);
        assert_eq!(lines_in(&ja, 21.0), 2);
        assert_eq!(lines_in(&ja, 11.0), 4);
        // Line breaks in the text count, an empty line too.
        assert_eq!(lines_in("a\n\nb", 10.0), 3);
        // English breaks between words.
        assert_eq!(lines_in("backups are kept for thirty days", 13.0), 3);
    }

    #[test]
    fn rows_grow_with_their_lines_up_to_excels_limit() {
        let ja = typeface(Lang::Ja);
        assert_eq!(row_height(2, &ja), 40.5);
        assert_eq!(row_height(100, &ja), MAX_ROW_PT);
        assert!(row_height(2, &typeface(Lang::En)) < row_height(2, &ja));
    }

    #[test]
    fn a_narrow_sheet_fits_one_page_wide_and_a_wide_one_flows_at_a_readable_scale() {
        let face = typeface(Lang::Ja);
        assert_eq!(across(&[16.0, 22.0, 36.0, 40.0], 2, &face), Across::OnePage);
        // Nine columns of the comparison: the vendors flow on to a second page.
        let nine = [16.0, 22.0, 36.0, 18.0, 12.0, 40.0, 40.0, 40.0, 40.0];
        match across(&nine, 2, &face) {
            Across::Flow { scale, pages } => {
                assert!(scale >= MIN_SCALE, "{scale}");
                assert_eq!(pages, pages_across(&nine, 2, scale, &face));
                assert_eq!(pages, 2);
                // A larger scale would take more pages.
                if scale < 100 {
                    assert!(pages_across(&nine, 2, scale + 5, &face) > pages);
                }
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn page_headers_keep_ampersands() {
        assert_eq!(header_text("R&D"), "R&&D");
        assert_eq!(header_text(&"x".repeat(300)).len(), 100);
    }
}
