//! The workbook's スコアカード / Scorecard sheet, when a requirements profile is active: the
//! profile and whether every vendor meets every must, then per shown vendor its `must` and
//! `should` requirements counted by outcome — the numbers and table of `kurabe evaluate`
//! ([`super::scorecard`]), from the view's scorecards. Counts above zero are filled with their
//! outcome's colour, the colours of the comparison's outcome cells; the header is the legend.

use super::scorecard::{card_header, card_rows, gate_words, result_word, scorecard_word};
use super::sheet::{clean, looks_like_formula};
use super::workbook::{self, Print, Sheet};
use crate::catalog::Lang;
use crate::requirements::{words as rwords, Outcome, Profile, Scorecard};
use crate::view::View;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The sheet's name in `lang`.
pub fn name(lang: Lang) -> &'static str {
    scorecard_word(lang)
}

/// The row of the table's header: below the profile, the result and a blank row.
pub const HEADER_ROW: u32 = 3;

pub fn render(view: &View, profile: &Profile) -> Result<Worksheet, XlsxError> {
    let lang = view.spec.lang;
    let mut s = Sheet::new(name(lang), lang)?;
    let body = workbook::body_format(lang);
    let header = body
        .clone()
        .set_bold()
        .set_background_color(workbook::HEADER_FILL);
    let marker = "…";
    let cards: Vec<(&str, &Scorecard)> = (view.vendors.iter())
        .filter_map(|v| Some((v.name.as_str(), v.card.as_ref()?)))
        .collect();
    let all_musts_met = cards.iter().all(|(_, card)| card.must.all_met());
    let described = [
        (
            rwords::profile_word(lang),
            format!("{} ({})", profile.name.get(lang), profile.id),
        ),
        (
            result_word(lang),
            gate_words(all_musts_met, lang).to_string(),
        ),
    ];
    // One unwrapped line each, running on over the empty cells to its right.
    let line = workbook::plain_format(lang).set_bold();
    for (row, (word, value)) in (0..).zip(described) {
        let text = clean(&format!("{word}: {value}"));
        let format = if looks_like_formula(&text) {
            line.clone().set_quote_prefix()
        } else {
            line.clone()
        };
        s.ws.write_string_with_format(row, 0, text, &format)?;
    }
    for (col, heading) in (0..).zip(card_header(lang)) {
        let format = match Outcome::ALL.get(usize::from(col).wrapping_sub(2)) {
            Some(&o) => header
                .clone()
                .set_background_color(workbook::outcome_fill(o)),
            None => header.clone(),
        };
        s.text(HEADER_ROW, col, &heading, &format, marker)?;
    }
    for (row, (vendor, level, tally)) in (HEADER_ROW + 1..).zip(card_rows(&cards)) {
        s.text(row, 0, &clean(vendor), &body, marker)?;
        s.text(row, 1, rwords::level(level, lang), &body, marker)?;
        for (col, o) in (2..).zip(Outcome::ALL) {
            let n = tally.get(o);
            let format = if n > 0 {
                body.clone().set_background_color(workbook::outcome_fill(o))
            } else {
                body.clone()
            };
            s.number(row, col, n as f64, &format)?;
        }
    }
    let print = Print {
        title_row: Some(HEADER_ROW),
        title_columns: 0,
        header: name(lang).to_string(),
        one_page_wide: true,
    };
    s.finish(
        |c| match c {
            0 => 36,
            1 => 10,
            _ => 14,
        },
        &print,
    )
}
