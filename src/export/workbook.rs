//! A worksheet being filled for print, shared by the comparison workbook and the follow-up
//! questionnaire: every text a string cell in the workbook's one typeface, columns as wide as
//! their text up to a cap, rows as tall as their most wrapped cell, and A4 landscape page setup
//! (see [`super::paper`]).

use super::paper::{self, Across, Typeface};
use super::sheet::looks_like_formula;
use crate::catalog::Lang;
use crate::requirements::Outcome;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

/// The most UTF-16 code units Excel holds in one cell.
pub const CELL_LIMIT: usize = 32_767;

/// The fill of header rows.
pub const HEADER_FILL: u32 = 0xD9E1F2;
/// The fill of an answer that states nothing (and of the outcome "not stated").
pub const NOT_STATED_FILL: u32 = 0xEDEDED;

/// The fill of a cell judged `outcome`: Excel's own good / bad / neutral colours, and grey for
/// silence. Every such cell also says its outcome in words.
pub fn outcome_fill(outcome: Outcome) -> u32 {
    match outcome {
        Outcome::Meets => 0xC6EFCE,
        Outcome::Fails => 0xFFC7CE,
        Outcome::Check => 0xFFEB9C,
        Outcome::NotStated => NOT_STATED_FILL,
    }
}

/// The plain format of a workbook in `lang`: its typeface, nothing else.
pub fn plain_format(lang: Lang) -> Format {
    let face = paper::typeface(lang);
    match lang {
        // Calibri is the default: kept as Excel writes it (the theme's minor font).
        Lang::En => Format::new(),
        Lang::Ja => Format::new()
            .set_font_name(face.name)
            .set_font_size(11)
            .set_font_family(2)
            .set_font_charset(face.charset),
    }
}

/// A bordered, wrapped, top-aligned cell in the typeface of `lang`.
pub fn body_format(lang: Lang) -> Format {
    plain_format(lang)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
}

/// A new workbook whose default cell is in the typeface of `lang` (so styles.xml names one font).
pub fn new_workbook(lang: Lang) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    if lang == Lang::Ja {
        let face = paper::typeface(lang);
        book.set_default_format(&plain_format(lang), face.row_px, face.column_px)?;
    }
    Ok(book)
}

/// How a sheet prints: the rows and columns repeated on every page, the page header, and
/// whether it must fit one page wide whatever the scale.
#[derive(Debug, Clone, Default)]
pub struct Print {
    /// The header row repeated on every page (`None`: no row repeated).
    pub title_row: Option<u32>,
    /// How many leading columns are repeated on every page.
    pub title_columns: u16,
    pub header: String,
    pub one_page_wide: bool,
}

/// A worksheet being filled, with the display width of each column's widest line and the text
/// of every cell of each row (rows are made tall enough for their wrapped text: not every
/// spreadsheet fits them when it opens the file).
pub struct Sheet {
    pub ws: Worksheet,
    pub lang: Lang,
    face: Typeface,
    widths: Vec<usize>,
    cells: BTreeMap<u32, Vec<(u16, String)>>,
    room: BTreeMap<u32, usize>,
}

impl Sheet {
    pub fn new(name: &str, lang: Lang) -> Result<Sheet, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        let face = paper::typeface(lang);
        if lang == Lang::Ja {
            ws.set_default_format(&plain_format(lang), face.row_px, face.column_px)?;
        }
        Ok(Sheet {
            ws,
            lang,
            face,
            widths: Vec::new(),
            cells: BTreeMap::new(),
            room: BTreeMap::new(),
        })
    }

    /// Writes `text` as a string cell, cut at Excel's limit with `marker` appended; returns
    /// whether it was cut.
    pub fn text(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        format: &Format,
        marker: &str,
    ) -> Result<bool, XlsxError> {
        let (text, cut) = fit(text, marker);
        let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        self.widen(col, widest);
        self.cells.entry(row).or_default().push((col, text.clone()));
        if looks_like_formula(&text) {
            let quoted = format.clone().set_quote_prefix();
            self.ws.write_string_with_format(row, col, text, &quoted)?;
        } else {
            self.ws.write_string_with_format(row, col, text, format)?;
        }
        Ok(cut)
    }

    pub fn number(&mut self, row: u32, col: u16, n: f64, format: &Format) -> Result<(), XlsxError> {
        self.widen(col, n.to_string().len());
        self.ws.write_number_with_format(row, col, n, format)?;
        Ok(())
    }

    pub fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), XlsxError> {
        self.ws.write_blank(row, col, format)?;
        Ok(())
    }

    /// Keeps `row` at least `lines` lines tall (room to write in).
    pub fn reserve(&mut self, row: u32, lines: usize) {
        self.room.insert(row, lines);
    }

    /// Makes column `col` at least `width` wide (up to its cap), whatever it holds.
    pub fn widen(&mut self, col: u16, width: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(width);
    }

    /// Sets each column to its widest line plus a margin, at most `cap(column)` wide, each row
    /// to the height of its most wrapped cell, and the page setup: A4 landscape, `print`'s
    /// titles, one page wide or flowing at a readable scale ([`paper::across`]).
    pub fn finish(
        mut self,
        cap: impl Fn(usize) -> usize,
        print: &Print,
    ) -> Result<Worksheet, XlsxError> {
        let widths: Vec<f64> = (self.widths.iter().enumerate())
            .map(|(col, &width)| (width + 2).clamp(6, cap(col).max(6)) as f64)
            .collect();
        for (col, &width) in widths.iter().enumerate() {
            self.ws.set_column_width(col as u16, width)?;
        }
        let rows: Vec<u32> = self.cells.keys().chain(self.room.keys()).copied().collect();
        for row in rows {
            let wrapped = (self.cells.get(&row).into_iter().flatten())
                .map(|(col, text)| {
                    let width = widths.get(usize::from(*col)).copied().unwrap_or(8.0);
                    paper::lines_in(text, width)
                })
                .chain(self.room.get(&row).copied())
                .max()
                .unwrap_or(1);
            if wrapped > 1 {
                self.ws
                    .set_row_height(row, paper::row_height(wrapped, &self.face))?;
            }
        }
        let [left, right, top, bottom, header, footer] = paper::MARGINS;
        self.ws
            .set_paper_size(paper::A4)
            .set_landscape()
            .set_margins(left, right, top, bottom, header, footer)
            .set_footer("&C&P / &N");
        if !print.header.is_empty() {
            self.ws
                .set_header(format!("&L{}", paper::header_text(&print.header)));
        }
        if let Some(row) = print.title_row {
            self.ws.set_repeat_rows(row, row)?;
        }
        if print.title_columns > 0 {
            self.ws.set_repeat_columns(0, print.title_columns - 1)?;
        }
        let across = if print.one_page_wide {
            Across::OnePage
        } else {
            paper::across(&widths, usize::from(print.title_columns), &self.face)
        };
        match across {
            Across::OnePage => {
                self.ws.set_print_fit_to_pages(1, 0);
            }
            Across::Flow { scale, .. } => {
                // Over, then down: the pages of the same controls follow one another.
                self.ws.set_print_scale(scale).set_page_order(false);
            }
        }
        Ok(self.ws)
    }
}

/// `text` within Excel's cell limit: whole, or cut with `marker` at the end.
pub fn fit(text: &str, marker: &str) -> (String, bool) {
    if utf16_len(text) <= CELL_LIMIT {
        return (text.to_string(), false);
    }
    let room = CELL_LIMIT - utf16_len(marker);
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push_str(marker);
    (out, true)
}

pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_the_limit_with_the_marker() {
        let long = "あ".repeat(CELL_LIMIT + 10);
        let (cut, was_cut) = fit(&long, " [cut]");
        assert!(was_cut);
        assert_eq!(utf16_len(&cut), CELL_LIMIT);
        assert!(cut.ends_with(" [cut]"));
        let (whole, was_cut) = fit("short", " [cut]");
        assert_eq!((whole.as_str(), was_cut), ("short", false));
    }
}
