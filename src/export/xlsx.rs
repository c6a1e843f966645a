//! The current view as an Excel workbook for the approval meeting, in the view's language:
//!
//! - 比較 / Comparison: one row per control (category, control, question, whether the answers
//!   differ), one column per shown vendor with everything the view says of the answer;
//! - 出典 / Sources: every quote with its vendor, control, document, version, date and section,
//!   and the full text of any comparison cell cut at Excel's limit;
//! - 文書 / Documents: what the workbook shows (query, filters, language, date, kurabe's
//!   version), then each vendor's documents with their date, age and staleness, then how many
//!   of each vendor's answers in the workbook are drafts not reviewed.
//!
//! Every text is a string cell (never a formula); one that would read as a formula when typed
//! also carries Excel's quote prefix, so editing the cell keeps it text. Drafts, not-stated
//! answers and rows whose answers differ are marked with a fill and with words ([draft] /
//! 【下書き】 from the view), never colour alone.

use super::sheet::{self, looks_like_formula, FIXED_COLUMNS};
use crate::catalog::{Lang, Status};
use crate::requirements::words as rwords;
use crate::view::{DocumentNote, View};
use crate::words::{self, SheetWord, Word};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

/// The most UTF-16 code units Excel holds in one cell.
pub const CELL_LIMIT: usize = 32_767;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The workbook of exactly what `view` shows, as the bytes of an `.xlsx` file.
pub fn render(view: &View) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut cut = Vec::new();
    let comparison = comparison_sheet(view, &styles, &mut cut)?;
    let sources = sources_sheet(view, &styles, &cut)?;
    let documents = documents_sheet(view, &styles)?;
    let mut properties = DocProperties::new()
        .set_title(sheet::clean(&view.title()))
        .set_comment(format!("kurabe {VERSION}"));
    // Dated the view's day rather than the clock's second, the same view makes the same bytes.
    if let Some(created) = view.spec.today.and_then(|d| {
        let (y, m, d) = (
            u16::try_from(d.year()).ok()?,
            d.month() as u8,
            d.day() as u8,
        );
        ExcelDateTime::from_ymd(y, m, d).ok()
    }) {
        properties = properties.set_creation_datetime(&created);
    }
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    workbook.push_worksheet(comparison);
    workbook.push_worksheet(sources);
    workbook.push_worksheet(documents);
    workbook.save_to_buffer()
}

/// The sheets' names in `lang`: comparison, sources, documents.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    [
        words::sheet_word(SheetWord::Comparison, lang),
        words::word(Word::Sources, lang),
        words::word(Word::Documents, lang),
    ]
}

/// A comparison cell cut at Excel's limit, whose full text goes on the Sources sheet.
struct CutCell {
    control: String,
    vendor: String,
    text: String,
}

struct Styles {
    header: Format,
    body: Format,
    label: Format,
    not_stated: Format,
    draft: Format,
    differs: Format,
    stale: Format,
}

impl Styles {
    fn new() -> Styles {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Styles {
            header: body.clone().set_bold().set_background_color(0xD9E1F2),
            label: body.clone().set_bold(),
            not_stated: body.clone().set_background_color(0xFFF2CC),
            draft: body.clone().set_background_color(0xE4DFEC),
            differs: body.clone().set_background_color(0xFCE4D6),
            stale: body.clone().set_background_color(0xF8CBAD),
            body,
        }
    }
}

/// A worksheet being filled, with the display width of each column's widest line and of
/// every line of each row's cells (rows are made tall enough for their wrapped text: not every
/// spreadsheet fits them when it opens the file).
struct Sheet {
    ws: Worksheet,
    widths: Vec<usize>,
    lines: BTreeMap<u32, Vec<(u16, Vec<usize>)>>,
    lang: Lang,
}

impl Sheet {
    fn new(name: &str, lang: Lang) -> Result<Sheet, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
            lines: BTreeMap::new(),
            lang,
        })
    }

    /// Writes `text` as a string cell, cut at Excel's limit with `marker` appended; returns
    /// whether it was cut.
    fn text(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        format: &Format,
        marker: SheetWord,
    ) -> Result<bool, XlsxError> {
        let (text, cut) = fit(text, words::sheet_word(marker, self.lang));
        let lines: Vec<usize> = text.lines().map(UnicodeWidthStr::width).collect();
        self.widen(col, lines.iter().copied().max().unwrap_or(0));
        self.lines.entry(row).or_default().push((col, lines));
        if looks_like_formula(&text) {
            let quoted = format.clone().set_quote_prefix();
            self.ws.write_string_with_format(row, col, text, &quoted)?;
        } else {
            self.ws.write_string_with_format(row, col, text, format)?;
        }
        Ok(cut)
    }

    /// A text cell that is not a comparison cell: cut with the plain marker.
    fn plain(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
        self.text(row, col, text, format, SheetWord::Truncated)
            .map(|_| ())
    }

    fn number(&mut self, row: u32, col: u16, n: f64, format: &Format) -> Result<(), XlsxError> {
        self.widen(col, n.to_string().len());
        self.ws.write_number_with_format(row, col, n, format)?;
        Ok(())
    }

    fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), XlsxError> {
        self.ws.write_blank(row, col, format)?;
        Ok(())
    }

    fn widen(&mut self, col: u16, width: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(width);
    }

    /// Sets each column to its widest line plus a margin, at most `cap(column)` wide, each row
    /// to the height of its most wrapped cell, and the sheet to print landscape, one page wide.
    fn finish(mut self, cap: impl Fn(usize) -> usize) -> Result<Worksheet, XlsxError> {
        let widths: Vec<usize> = (self.widths.iter().enumerate())
            .map(|(col, &width)| (width + 2).clamp(6, cap(col).max(6)))
            .collect();
        for (col, &width) in widths.iter().enumerate() {
            self.ws.set_column_width(col as u16, width as f64)?;
        }
        for (&row, cells) in &self.lines {
            let wrapped = cells
                .iter()
                .map(|(col, lines)| {
                    let width = widths.get(usize::from(*col)).copied().unwrap_or(8);
                    lines
                        .iter()
                        .map(|&w| wrapped_lines(w, width))
                        .sum::<usize>()
                })
                .max()
                .unwrap_or(1);
            if wrapped > 1 {
                self.ws.set_row_height(row, row_height(wrapped))?;
            }
        }
        self.ws.set_landscape().set_print_fit_to_pages(1, 0);
        Ok(self.ws)
    }
}

/// How many lines a line of display width `line` takes in a column `column` wide: one if it
/// fits with the margin, else a few more than the width alone says, as wide characters take a
/// little more than two narrow ones.
fn wrapped_lines(line: usize, column: usize) -> usize {
    if line + 2 <= column {
        1
    } else {
        line.div_ceil(((column - 1) * 9 / 10).max(1)).max(1)
    }
}

/// Points for `lines` lines of 11-point text, at most Excel's 409.
fn row_height(lines: usize) -> f64 {
    (lines as f64 * 15.0 + 3.0).min(409.0)
}

/// `text` within Excel's cell limit: whole, or cut with `marker` at the end.
fn fit(text: &str, marker: &str) -> (String, bool) {
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

/// `text` in pieces that each fit a cell, split between characters.
fn parts(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        if used + c.len_utf16() > CELL_LIMIT {
            out.push(String::new());
            used = 0;
        }
        used += c.len_utf16();
        out.last_mut().expect("never empty").push(c);
    }
    out
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row_num(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn comparison_sheet(
    view: &View,
    styles: &Styles,
    cut: &mut Vec<CutCell>,
) -> Result<Worksheet, XlsxError> {
    let lang = view.spec.lang;
    let mut s = Sheet::new(sheet_names(lang)[0], lang)?;
    let differences_col = FIXED_COLUMNS;
    let first_vendor = FIXED_COLUMNS + 1;
    let header = sheet::header(view);
    for (i, h) in header[..FIXED_COLUMNS].iter().enumerate() {
        s.plain(0, col(i), h, &styles.header)?;
    }
    let differ_word = words::sheet_word(SheetWord::Differences, lang);
    s.plain(0, col(differences_col), differ_word, &styles.header)?;
    for (i, name) in header[FIXED_COLUMNS..].iter().enumerate() {
        s.plain(0, col(first_vendor + i), name, &styles.header)?;
    }
    for (r, row) in view.rows.iter().enumerate() {
        let at = row_num(r + 1);
        let differences = row.differences();
        let fixed = if differences.any() {
            &styles.differs
        } else {
            &styles.body
        };
        for (i, text) in sheet::fixed_cells(row).iter().enumerate() {
            if s.text(at, col(i), text, fixed, SheetWord::TruncatedSeeSources)? {
                cut.push(CutCell {
                    control: sheet::clean(&row.title),
                    vendor: String::new(),
                    text: text.clone(),
                });
            }
        }
        if differences.any() {
            let what = differences.words(lang);
            s.plain(at, col(differences_col), &what, &styles.differs)?;
        } else {
            s.blank(at, col(differences_col), &styles.body)?;
        }
        for (i, c) in row.cells.iter().enumerate() {
            let format = if c.draft {
                &styles.draft
            } else if c.status == Status::NotStated {
                &styles.not_stated
            } else {
                &styles.body
            };
            let text = sheet::answer_text(c, lang);
            let at_col = col(first_vendor + i);
            if s.text(at, at_col, &text, format, SheetWord::TruncatedSeeSources)? {
                cut.push(CutCell {
                    control: sheet::clean(&row.title),
                    vendor: header.get(FIXED_COLUMNS + i).cloned().unwrap_or_default(),
                    text,
                });
            }
        }
    }
    if view.rows.is_empty() {
        s.plain(1, 0, words::word(Word::NoMatch, lang), &styles.body)?;
    }
    let last_col = col(first_vendor + view.vendors.len()).saturating_sub(1);
    s.ws.set_freeze_panes(1, 2)?;
    s.ws.set_repeat_rows(0, 0)?;
    s.ws.autofilter(0, 0, row_num(view.rows.len()), last_col)?;
    s.finish(|c| match c {
        0 => 24,
        1 => 32,
        2 => 48,
        3 => 28,
        4 => 20,
        _ => 48,
    })
}

fn sources_sheet(view: &View, styles: &Styles, cut: &[CutCell]) -> Result<Worksheet, XlsxError> {
    let lang = view.spec.lang;
    let sw = |w: SheetWord| words::sheet_word(w, lang);
    let mut s = Sheet::new(sheet_names(lang)[1], lang)?;
    let header = [
        words::word(Word::Control, lang),
        sw(SheetWord::Vendor),
        sw(SheetWord::Document),
        sw(SheetWord::Version),
        sw(SheetWord::Date),
        sw(SheetWord::Section),
        sw(SheetWord::Part),
        sw(SheetWord::Text),
    ];
    for (i, h) in header.iter().enumerate() {
        s.plain(0, col(i), h, &styles.header)?;
    }
    let mut at = 1;
    for row in &view.rows {
        for c in &row.cells {
            let Some(vendor) = view.vendors.iter().find(|v| v.vendor == c.vendor) else {
                continue;
            };
            for q in &c.quotes {
                let doc = vendor.documents.iter().find(|d| d.id == q.document);
                let meta = [
                    sheet::clean(&row.title),
                    sheet::clean(&vendor.name),
                    sheet::clean(doc.map_or(&q.document, |d| &d.title)),
                    sheet::clean(doc.and_then(|d| d.version.as_deref()).unwrap_or("")),
                    sheet::clean(doc.and_then(|d| d.date.as_deref()).unwrap_or("")),
                    sheet::clean(&q.section),
                ];
                source_rows(&mut s, &mut at, styles, meta, &sheet::clean(&q.text))?;
            }
        }
    }
    for c in cut {
        let meta = [
            c.control.clone(),
            c.vendor.clone(),
            sw(SheetWord::FullCellText).to_string(),
            String::new(),
            String::new(),
            String::new(),
        ];
        source_rows(&mut s, &mut at, styles, meta, &c.text)?;
    }
    s.ws.set_freeze_panes(1, 2)?;
    s.ws.set_repeat_rows(0, 0)?;
    s.ws.autofilter(0, 0, at - 1, col(header.len() - 1))?;
    s.finish(|c| match c {
        0..=2 => 32,
        7 => 80,
        _ => 16,
    })
}

/// One source's rows from `at` on: its metadata, and its text in as many parts as it needs.
fn source_rows(
    s: &mut Sheet,
    at: &mut u32,
    styles: &Styles,
    meta: [String; 6],
    text: &str,
) -> Result<(), XlsxError> {
    let pieces = parts(text);
    let n = pieces.len();
    for (k, piece) in pieces.iter().enumerate() {
        for (i, m) in meta.iter().enumerate() {
            s.plain(*at, col(i), m, &styles.body)?;
        }
        let part = if n > 1 {
            format!("{}/{n}", k + 1)
        } else {
            String::new()
        };
        s.plain(*at, 6, &part, &styles.body)?;
        s.plain(*at, 7, piece, &styles.body)?;
        *at += 1;
    }
    Ok(())
}

fn documents_sheet(view: &View, styles: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = view.spec.lang;
    let w = |word: Word| words::word(word, lang);
    let sw = |word: SheetWord| words::sheet_word(word, lang);
    let mut s = Sheet::new(sheet_names(lang)[2], lang)?;
    let filters = view.spec.filter_words();
    let filters = if filters.is_empty() {
        w(Word::NoFilters).to_string()
    } else {
        filters.join(", ")
    };
    let profile = view.spec.requirements.as_ref().map(|p| {
        (
            rwords::profile_word(lang),
            format!("{} ({})", p.name.get(lang), p.id),
        )
    });
    let description: Vec<(&str, String)> = [
        (sw(SheetWord::Compared), view.title()),
        (w(Word::Vendors), view.vendor_names().join(", ")),
        (w(Word::Query), view.spec.query.trim().to_string()),
    ]
    .into_iter()
    .chain(profile)
    .chain([
        (w(Word::Filters), filters),
        (w(Word::Language), words::language_name(lang).to_string()),
        (w(Word::Controls), view.rows.len().to_string()),
        (
            sw(SheetWord::ExportedOn),
            view.spec.today.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            sw(SheetWord::StaleAfterMonths),
            view.spec.stale_after_months.to_string(),
        ),
        (sw(SheetWord::KurabeVersion), VERSION.to_string()),
    ])
    .collect();
    for (r, (label, value)) in description.iter().enumerate() {
        s.plain(row_num(r), 0, label, &styles.label)?;
        s.plain(row_num(r), 1, &sheet::clean(value), &styles.body)?;
    }
    let top = row_num(description.len() + 1);
    let header = [
        sw(SheetWord::Vendor),
        sw(SheetWord::Document),
        sw(SheetWord::Version),
        sw(SheetWord::Date),
        sw(SheetWord::AgeMonths),
        w(Word::Warning),
    ];
    for (i, h) in header.iter().enumerate() {
        s.plain(top, col(i), h, &styles.header)?;
    }
    let mut at = top + 1;
    for vendor in &view.vendors {
        for doc in &vendor.documents {
            let format = if doc.stale || doc.future {
                &styles.stale
            } else {
                &styles.body
            };
            s.plain(at, 0, &sheet::clean(&vendor.name), format)?;
            s.plain(at, 1, &sheet::clean(&doc.title), format)?;
            let version = doc.version.as_deref().unwrap_or("");
            s.plain(at, 2, &sheet::clean(version), format)?;
            let date = doc.date.as_deref().unwrap_or(w(Word::Undated));
            s.plain(at, 3, &sheet::clean(date), format)?;
            match doc.age_months {
                Some(m) => s.number(at, 4, f64::from(m), format)?,
                None => s.blank(at, 4, format)?,
            }
            s.plain(at, 5, &document_warning(doc, view), format)?;
            at += 1;
        }
    }
    s.ws.set_freeze_panes(top + 1, 2)?;
    s.ws.autofilter(top, 0, at - 1, col(header.len() - 1))?;
    let drafts_top = at + 1;
    s.plain(drafts_top, 0, sw(SheetWord::Vendor), &styles.header)?;
    let drafts_word = words::drafts_not_reviewed(lang);
    s.plain(drafts_top, 1, drafts_word, &styles.header)?;
    for (i, vendor) in view.vendors.iter().enumerate() {
        let at = drafts_top + 1 + row_num(i);
        let format = if vendor.drafts > 0 {
            &styles.draft
        } else {
            &styles.body
        };
        s.plain(at, 0, &sheet::clean(&vendor.name), format)?;
        s.number(at, 1, vendor.drafts as f64, format)?;
    }
    s.finish(|c| match c {
        0 => 32,
        1 => 56,
        5 => 40,
        _ => 20,
    })
}

/// What the view flags about a document: stale, or dated in the future.
fn document_warning(doc: &DocumentNote, view: &View) -> String {
    let lang = view.spec.lang;
    let mut out = Vec::new();
    if doc.stale {
        out.push(format!(
            "⚠ {}",
            words::stale_over(view.spec.stale_after_months, lang)
        ));
    }
    if doc.future {
        out.push(format!("⚠ {}", words::word(Word::Future, lang)));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_as_tall_as_their_most_wrapped_line() {
        assert_eq!(wrapped_lines(30, 32), 1);
        assert_eq!(wrapped_lines(0, 6), 1);
        assert_eq!(wrapped_lines(100, 48), 3);
        assert_eq!(row_height(1), 18.0);
        assert_eq!(row_height(1000), 409.0);
    }

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

    #[test]
    fn long_text_splits_into_parts_that_each_fit_and_rejoin() {
        // A character outside the BMP takes two UTF-16 units and is never split.
        let long = format!("{}😀{}", "a".repeat(CELL_LIMIT - 1), "b".repeat(CELL_LIMIT));
        let pieces = parts(&long);
        assert_eq!(pieces.len(), 3);
        assert!(pieces.iter().all(|p| utf16_len(p) <= CELL_LIMIT));
        assert_eq!(pieces.concat(), long);
        assert_eq!(parts("short"), vec!["short".to_string()]);
    }
}
