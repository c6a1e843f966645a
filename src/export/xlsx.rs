//! The current view as an Excel workbook for the approval meeting, in the view's language:
//!
//! - 比較 / Comparison: one row per control (category, control, question, whether the answers
//!   differ), one column per shown vendor with everything the view says of the answer;
//! - スコアカード / Scorecard, with a requirements profile only: each vendor's musts and
//!   shoulds counted by outcome ([`super::scorecard_sheet`]);
//! - 出典 / Sources: every quote with its vendor, control, document, version, date and section,
//!   and the full text of any comparison cell cut at Excel's limit;
//! - 文書 / Documents: what the workbook shows (query, filters, language, date, kurabe's
//!   version), then each vendor's documents with their date, age and staleness, then how many
//!   of each vendor's answers in the workbook are drafts not reviewed.
//!
//! Every text is a string cell (never a formula); one that would read as a formula when typed
//! also carries Excel's quote prefix, so editing the cell keeps it text. Drafts, not-stated
//! answers and rows whose answers differ are marked with a fill and with words ([draft] /
//! 【下書き】 from the view), never colour alone; against a profile a vendor cell takes the
//! colour of its worst outcome, which it also states. Every sheet prints on A4 landscape in the
//! language's one typeface, rows as tall as their text ([`super::workbook`], [`super::paper`]).

use super::scorecard_sheet;
use super::sheet::{self, FIXED_COLUMNS};
use super::workbook::{self, Print, Sheet};
use crate::catalog::{Lang, Status};
use crate::requirements::{words as rwords, Outcome};
use crate::view::{outcomes, DocumentNote, View};
use crate::words::{self, SheetWord, Word};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Worksheet, XlsxError};

pub use super::workbook::CELL_LIMIT;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The workbook of exactly what `view` shows, as the bytes of an `.xlsx` file.
pub fn render(view: &View) -> Result<Vec<u8>, XlsxError> {
    let lang = view.spec.lang;
    let styles = Styles::new(lang);
    let mut cut = Vec::new();
    let comparison = comparison_sheet(view, &styles, &mut cut)?;
    let scorecard = match &view.spec.requirements {
        Some(profile) => Some(scorecard_sheet::render(view, profile)?),
        None => None,
    };
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
    let mut workbook = workbook::new_workbook(lang)?;
    workbook.set_properties(&properties);
    workbook.push_worksheet(comparison);
    if let Some(scorecard) = scorecard {
        workbook.push_worksheet(scorecard);
    }
    workbook.push_worksheet(sources);
    workbook.push_worksheet(documents);
    workbook.save_to_buffer()
}

/// The sheets' names in `lang`: comparison, sources, documents. With a requirements profile,
/// the scorecard ([`scorecard_sheet::name`]) follows the comparison.
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
    /// One per outcome, in [`Outcome::ALL`]'s order.
    outcomes: [Format; 4],
}

impl Styles {
    fn new(lang: Lang) -> Styles {
        let body = workbook::body_format(lang);
        let fill = |color: u32| body.clone().set_background_color(color);
        Styles {
            header: fill(workbook::HEADER_FILL).set_bold(),
            label: body.clone().set_bold(),
            not_stated: fill(workbook::NOT_STATED_FILL),
            draft: fill(0xE4DFEC),
            differs: fill(0xFCE4D6),
            stale: fill(0xF8CBAD),
            outcomes: Outcome::ALL.map(|o| fill(workbook::outcome_fill(o))),
            body,
        }
    }

    fn outcome(&self, outcome: Outcome) -> &Format {
        let i = Outcome::ALL.iter().position(|&o| o == outcome).unwrap_or(0);
        &self.outcomes[i]
    }
}

/// A text cell that is not a comparison cell: cut with the plain marker.
fn plain(s: &mut Sheet, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    let marker = words::sheet_word(SheetWord::Truncated, s.lang);
    s.text(row, col, text, format, marker).map(|_| ())
}

/// A comparison cell: cut with the marker that points to the Sources sheet.
fn compared(
    s: &mut Sheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<bool, XlsxError> {
    let marker = words::sheet_word(SheetWord::TruncatedSeeSources, s.lang);
    s.text(row, col, text, format, marker)
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
        plain(&mut s, 0, col(i), h, &styles.header)?;
    }
    let differ_word = words::sheet_word(SheetWord::Differences, lang);
    plain(&mut s, 0, col(differences_col), differ_word, &styles.header)?;
    for (i, name) in header[FIXED_COLUMNS..].iter().enumerate() {
        plain(&mut s, 0, col(first_vendor + i), name, &styles.header)?;
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
            if compared(&mut s, at, col(i), text, fixed)? {
                cut.push(CutCell {
                    control: sheet::clean(&row.title),
                    vendor: String::new(),
                    text: text.clone(),
                });
            }
        }
        if differences.any() {
            let what = differences.words(lang);
            plain(&mut s, at, col(differences_col), &what, &styles.differs)?;
        } else {
            s.blank(at, col(differences_col), &styles.body)?;
        }
        for (i, c) in row.cells.iter().enumerate() {
            // Against a profile, the colour of the worst outcome, which the cell says in words.
            let worst = outcomes::worst(c.outcomes.iter().map(|o| o.outcome));
            let format = if let Some(outcome) = worst {
                styles.outcome(outcome)
            } else if c.draft {
                &styles.draft
            } else if c.status == Status::NotStated {
                &styles.not_stated
            } else {
                &styles.body
            };
            let text = sheet::answer_text(c, lang);
            let at_col = col(first_vendor + i);
            if compared(&mut s, at, at_col, &text, format)? {
                cut.push(CutCell {
                    control: sheet::clean(&row.title),
                    vendor: header.get(FIXED_COLUMNS + i).cloned().unwrap_or_default(),
                    text,
                });
            }
        }
    }
    if view.rows.is_empty() {
        plain(&mut s, 1, 0, words::word(Word::NoMatch, lang), &styles.body)?;
    }
    let last_col = col(first_vendor + view.vendors.len()).saturating_sub(1);
    s.ws.set_freeze_panes(1, 2)?;
    s.ws.autofilter(0, 0, row_num(view.rows.len()), last_col)?;
    let print = Print {
        title_row: Some(0),
        title_columns: 2,
        header: view.title(),
        one_page_wide: false,
    };
    // Narrow enough that the fixed columns and a vendor, or the titles and three vendors,
    // share an A4 landscape page at a readable size.
    let cap = |c| match c {
        0 => 16,
        1 => 22,
        2 => 36,
        3 => 18,
        4 => 12,
        _ => 40,
    };
    s.finish(cap, &print)
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
        plain(&mut s, 0, col(i), h, &styles.header)?;
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
    s.ws.autofilter(0, 0, at - 1, col(header.len() - 1))?;
    let print = Print {
        title_row: Some(0),
        title_columns: 2,
        header: sheet_names(lang)[1].to_string(),
        one_page_wide: false,
    };
    let cap = |c| match c {
        0 => 24,
        1 | 2 => 20,
        6 => 6,
        7 => 56,
        _ => 10,
    };
    s.finish(cap, &print)
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
            plain(s, *at, col(i), m, &styles.body)?;
        }
        let part = if n > 1 {
            format!("{}/{n}", k + 1)
        } else {
            String::new()
        };
        plain(s, *at, 6, &part, &styles.body)?;
        plain(s, *at, 7, piece, &styles.body)?;
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
        plain(&mut s, row_num(r), 0, label, &styles.label)?;
        plain(&mut s, row_num(r), 1, &sheet::clean(value), &styles.body)?;
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
        plain(&mut s, top, col(i), h, &styles.header)?;
    }
    let mut at = top + 1;
    for vendor in &view.vendors {
        for doc in &vendor.documents {
            let format = if doc.stale || doc.future {
                &styles.stale
            } else {
                &styles.body
            };
            plain(&mut s, at, 0, &sheet::clean(&vendor.name), format)?;
            plain(&mut s, at, 1, &sheet::clean(&doc.title), format)?;
            let version = doc.version.as_deref().unwrap_or("");
            plain(&mut s, at, 2, &sheet::clean(version), format)?;
            let date = doc.date.as_deref().unwrap_or(w(Word::Undated));
            plain(&mut s, at, 3, &sheet::clean(date), format)?;
            match doc.age_months {
                Some(m) => s.number(at, 4, f64::from(m), format)?,
                None => s.blank(at, 4, format)?,
            }
            plain(&mut s, at, 5, &document_warning(doc, view), format)?;
            at += 1;
        }
    }
    s.ws.set_freeze_panes(top + 1, 2)?;
    s.ws.autofilter(top, 0, at - 1, col(header.len() - 1))?;
    let drafts_top = at + 1;
    plain(&mut s, drafts_top, 0, sw(SheetWord::Vendor), &styles.header)?;
    let drafts_word = words::drafts_not_reviewed(lang);
    // The assessment line in the wide second column, the count beside it.
    let heading = words::assessment_heading(lang);
    plain(&mut s, drafts_top, 1, heading, &styles.header)?;
    plain(&mut s, drafts_top, 2, drafts_word, &styles.header)?;
    for (i, vendor) in view.vendors.iter().enumerate() {
        let at = drafts_top + 1 + row_num(i);
        let format = if vendor.drafts > 0 {
            &styles.draft
        } else {
            &styles.body
        };
        plain(&mut s, at, 0, &sheet::clean(&vendor.name), format)?;
        s.number(at, 2, vendor.drafts as f64, format)?;
        let due = if vendor.due {
            &styles.stale
        } else {
            &styles.body
        };
        plain(&mut s, at, 1, &sheet::clean(&vendor.assessment_line), due)?;
    }
    let print = Print {
        header: sheet_names(lang)[2].to_string(),
        ..Print::default()
    };
    s.finish(
        |c| match c {
            0 => 36,
            1 => 56,
            5 => 40,
            _ => 20,
        },
        &print,
    )
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
    use super::workbook::utf16_len;
    use super::*;

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
