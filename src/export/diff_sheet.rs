//! `kurabe diff --format xlsx`: the changed controls as one sheet, as the other workbooks are
//! laid out ([`super::workbook`]): the two versions' documents above, a header row repeated on
//! every page, wrapped text in the language's typeface, A4 landscape.

use super::workbook::{self, Print, Sheet};
use crate::catalog::{Catalog, Lang};
use crate::changes::report::{documents_line, rows};
use crate::changes::VendorDiff;
use crate::requirements::Profile;
use crate::words::ChangeWord;
use rust_xlsxwriter::XlsxError;

/// The sheet's name: "What changed" / "変更点".
pub fn sheet_name(lang: Lang) -> &'static str {
    ChangeWord::Title.get(lang)
}

pub fn render(
    diff: &VendorDiff,
    catalog: &Catalog,
    profile: Option<&Profile>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let w = |word: ChangeWord| word.get(lang);
    let body = workbook::body_format(lang);
    let header = body
        .clone()
        .set_bold()
        .set_background_color(workbook::HEADER_FILL);
    let marker = match lang {
        Lang::En => " …(truncated)",
        Lang::Ja => " …(以下省略)",
    };
    let clean = |s: &str| crate::sanitize::text(s).into_owned();
    let mut s = Sheet::new(sheet_name(lang), lang)?;
    let title = format!(
        "{}: {} ({})",
        w(ChangeWord::Title),
        clean(diff.name.get(lang)),
        clean(&diff.vendor)
    );
    // The lines above the table are written past the sheet's measuring: they set no width, and
    // span the table's width so that a long line of documents is not wrapped in a narrow column.
    let last_col: u16 = if profile.is_some() { 4 } else { 3 };
    s.ws.merge_range(0, 0, 0, last_col, &title, &header)?;
    let versions = [
        (ChangeWord::From, documents_line(&diff.from, lang)),
        (ChangeWord::To, documents_line(&diff.to, lang)),
    ];
    for (row, (word, docs)) in (1..).zip(versions) {
        s.ws.write_string_with_format(row, 0, w(word), &body)?;
        s.ws.merge_range(row, 1, row, last_col, &clean(&docs), &body)?;
    }
    let heading_row = 4;
    let mut headings = vec![
        w(ChangeWord::Control),
        w(ChangeWord::Changes),
        w(ChangeWord::Before),
        w(ChangeWord::After),
    ];
    if let Some(p) = profile {
        s.ws.write_string_with_format(3, 0, crate::requirements::words::profile_word(lang), &body)?;
        s.ws.merge_range(3, 1, 3, last_col, &clean(p.name.get(lang)), &body)?;
        headings.push(w(ChangeWord::Outcomes));
    }
    for (col, heading) in (0..).zip(&headings) {
        s.text(heading_row, col, heading, &header, marker)?;
    }
    let mut row = heading_row;
    for r in rows(diff, catalog, profile, lang) {
        row += 1;
        let mut cells = vec![
            format!("{}\n({})", r.title, r.control),
            r.what,
            r.before.join("\n"),
            r.after.join("\n"),
        ];
        if profile.is_some() {
            cells.push(r.outcomes.join("\n"));
        }
        for (col, text) in (0..).zip(cells) {
            s.text(row, col, &text, &body, marker)?;
        }
    }
    if row == heading_row {
        s.ws.write_string_with_format(row + 1, 0, w(ChangeWord::NothingChanged), &body)?;
    }
    s.ws.set_freeze_panes(heading_row + 1, 0)?;
    let print = Print {
        title_row: Some(heading_row),
        title_columns: 0,
        header: title,
        one_page_wide: true,
    };
    let cap = |c| match c {
        0 => 24,
        1 => 14,
        _ => 48,
    };
    let ws = s.finish(cap, &print)?;
    let mut book = workbook::new_workbook(lang)?;
    book.push_worksheet(ws);
    book.save_to_buffer()
}
