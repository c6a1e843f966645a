//! The follow-up questionnaire (追加質問票) for one vendor: for every requirement it does not
//! meet, a numbered question in Japanese and English, what we found (the vendor's words and
//! where they stand; for a draft, marked as our reading, not yet confirmed) and an empty
//! column for the vendor's answer. Markdown, or CSV (UTF-8 with
//! a byte-order mark so spreadsheet programs read it as UTF-8, RFC 4180, CRLF line ends).
//!
//! CSV and xlsx start with a marker row ([`MARKER`], the vendor, the profile, the date written,
//! and a cell for the date answered), then the headings: `kurabe import --update` recognises
//! the answered questionnaire by them.

use super::markdown::{cell, inline};
use super::scorecard::control_title;
use crate::catalog::{Catalog, Lang};
use crate::requirements::{words as rwords, Outcome, Profile, Reason, VendorEvaluation};
use crate::view::annotate::citation;
use jiff::civil::Date;
use std::fmt::Write;

/// One question of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub number: usize,
    pub control: String,
    /// "管理策名 / Control title".
    pub title: String,
    pub ja: String,
    pub en: String,
    /// "✗ 不適合 / fails".
    pub finding: String,
    /// The vendor's words with their citations, or that it says nothing.
    pub found: String,
}

impl Question {
    /// The question's cells under [`HEADINGS`], the answer left empty.
    fn into_row(self) -> [String; HEADINGS.len()] {
        [
            self.number.to_string(),
            self.title,
            self.ja,
            self.en,
            self.finding,
            self.found,
            String::new(),
        ]
    }
}

/// The column headings, in both languages.
pub const HEADINGS: [&str; 7] = [
    "No.",
    "管理策 / Control",
    "質問",
    "Question",
    "確認結果 / Finding",
    "根拠(事業者の文書) / What we found",
    "回答 / Answer",
];

/// The first cell of the questionnaire's first row, which the reader recognises it by.
pub const MARKER: &str = "kurabe 追加質問票 / kurabe follow-up questionnaire";
/// The marker row's labels, each followed by its value in the same cell.
pub const VENDOR_LABEL: &str = "ベンダー / Vendor: ";
pub const PROFILE_LABEL: &str = "社内基準 / Profile: ";
pub const WRITTEN_LABEL: &str = "作成日 / Written: ";
/// The label of the cell the vendor writes the date it answered in: the next one, in the
/// answer column.
pub const ANSWERED_LABEL: &str = "回答日（YYYY-MM-DD）/ Date answered →";
/// The rows before the first question: the marker row and the headings.
pub const ROWS_BEFORE_QUESTIONS: usize = 2;

/// The marker row, in the columns of [`HEADINGS`]: the marker over the first two columns (No.
/// is narrow), the vendor, the profile, the date written, and the date answered left empty
/// under the answer column.
pub fn marker_row(profile: &Profile, vendor: &str, written: Date) -> [String; HEADINGS.len()] {
    [
        MARKER.to_string(),
        String::new(),
        format!("{VENDOR_LABEL}{vendor}"),
        format!("{PROFILE_LABEL}{}", profile.id),
        format!("{WRITTEN_LABEL}{written}"),
        ANSWERED_LABEL.to_string(),
        String::new(),
    ]
}

/// The questions for every requirement `eval`'s vendor does not meet, in the profile's order.
pub fn questions(profile: &Profile, catalog: &Catalog, eval: &VendorEvaluation) -> Vec<Question> {
    let vendor = &catalog.vendors[eval.vendor];
    let unmet = eval
        .judgements
        .iter()
        .filter(|j| j.outcome != Outcome::Meets);
    unmet
        .filter_map(|j| {
            let r = profile.requirements.get(j.requirement)?;
            let control = catalog
                .control_index(&r.control)
                .map(|c| &catalog.controls[c].control);
            let question = |lang: Lang| {
                control
                    .map_or("", |c| c.question.get(lang))
                    .trim()
                    .to_string()
            };
            let quoted = j
                .quotes
                .iter()
                .map(|q| {
                    let at = citation(
                        vendor.document(&q.document),
                        &q.document,
                        &q.section,
                        Lang::Ja,
                    );
                    format!("「{}」({at})", q.text)
                })
                .collect::<Vec<_>>()
                .join("\n");
            let found = match (j.reason == Reason::Draft, quoted.is_empty()) {
                // A draft is our reading, not the vendor's answer: said so above its quotes.
                (true, false) => format!("{}\n{quoted}", rwords::draft_reading(true)),
                (true, true) => rwords::draft_reading(false).to_string(),
                (false, true) => format!(
                    "{} / {}",
                    rwords::reason(&j.reason, Lang::Ja),
                    rwords::reason(&j.reason, Lang::En)
                ),
                (false, false) => quoted,
            };
            Some(Question {
                number: 0,
                control: r.control.clone(),
                title: format!(
                    "{} / {}",
                    control_title(catalog, &r.control, Lang::Ja),
                    control_title(catalog, &r.control, Lang::En)
                ),
                ja: rwords::followup_question(
                    &question(Lang::Ja),
                    r,
                    j.outcome,
                    &j.reason,
                    Lang::Ja,
                ),
                en: rwords::followup_question(
                    &question(Lang::En),
                    r,
                    j.outcome,
                    &j.reason,
                    Lang::En,
                ),
                finding: format!(
                    "{} / {}",
                    rwords::outcome_badge(j.outcome, Lang::Ja),
                    rwords::outcome(j.outcome, Lang::En)
                ),
                found,
            })
        })
        .enumerate()
        .map(|(i, q)| Question { number: i + 1, ..q })
        .collect()
}

fn title(profile: &Profile, catalog: &Catalog, eval: &VendorEvaluation) -> String {
    let name = &catalog.vendors[eval.vendor].info.name;
    let names = match &name.ja {
        Some(ja) if *ja != name.en => format!("{ja} / {}", name.en),
        _ => name.en.clone().into_owned(),
    };
    format!(
        "追加質問票 / Follow-up questions: {names} — {}",
        profile.name.get(Lang::Ja)
    )
}

/// The sheet as GitHub-flavoured markdown: a heading, then one table row per question.
pub fn render_markdown(profile: &Profile, catalog: &Catalog, eval: &VendorEvaluation) -> String {
    let qs = questions(profile, catalog, eval);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&title(profile, catalog, eval)));
    let _ = writeln!(
        out,
        "- 社内基準 / Requirements: {}",
        inline(&format!("{} ({})", profile.name.get(Lang::Ja), profile.id))
    );
    let _ = writeln!(out, "- 質問数 / Questions: {}\n", qs.len());
    if qs.is_empty() {
        let _ = writeln!(
            out,
            "すべての基準を満たしています。/ Every requirement is met: nothing to ask."
        );
        return crate::sanitize::text(&out).into_owned();
    }
    let _ = writeln!(out, "| {} |", HEADINGS.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(HEADINGS.len()));
    for q in &qs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |  |",
            q.number,
            cell(&q.title),
            cell(&q.ja),
            cell(&q.en),
            cell(&q.finding),
            cell(&q.found),
        );
    }
    crate::sanitize::text(&out).into_owned()
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) starts with `'` instead.
fn defused(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// [`render_csv_on`] written today.
pub fn render_csv(
    profile: &Profile,
    catalog: &Catalog,
    eval: &VendorEvaluation,
) -> Result<Vec<u8>, csv::Error> {
    render_csv_on(profile, catalog, eval, crate::session::today())
}

/// The sheet as CSV: a byte-order mark, the marker row (written on `written`), the headings,
/// one record per question.
pub fn render_csv_on(
    profile: &Profile,
    catalog: &Catalog,
    eval: &VendorEvaluation,
    written: Date,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let vendor = catalog.vendors[eval.vendor].id();
        w.write_record(marker_row(profile, vendor, written))?;
        w.write_record(HEADINGS)?;
        for q in questions(profile, catalog, eval) {
            let fields = q.into_row();
            w.write_record(fields.iter().map(|f| defused(&crate::sanitize::text(f))))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// [`render_xlsx_on`] written today.
pub fn render_xlsx(
    profile: &Profile,
    catalog: &Catalog,
    eval: &VendorEvaluation,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    render_xlsx_on(profile, catalog, eval, crate::session::today())
}

/// Lines of room the answer cell keeps for the vendor's reply, however short the question.
pub const ANSWER_LINES: usize = 6;

/// The sheet as an Excel workbook (one sheet, 追加質問票): frozen headings, filters, wrapped
/// text in 游ゴシック, each row as tall as its question and at least [`ANSWER_LINES`] lines, the
/// empty answer column shaded for the vendor to fill in; printed on A4 landscape one page wide,
/// the headings repeated on every page. Every cell is a string; one that looks like a formula
/// carries Excel's quote prefix, so no vendor text runs. Above the headings, the marker row
/// (written on `written`), its date-answered cell shaded like the answers.
pub fn render_xlsx_on(
    profile: &Profile,
    catalog: &Catalog,
    eval: &VendorEvaluation,
    written: Date,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use super::workbook::{self, Print, Sheet};
    // The questionnaire is bilingual: set in the Japanese typeface, which has both scripts.
    let lang = Lang::Ja;
    let body = workbook::body_format(lang);
    let header = body
        .clone()
        .set_bold()
        .set_background_color(workbook::HEADER_FILL);
    let answer = body.clone().set_background_color(0xFFF2CC);
    let marker = " …(truncated)";
    let mut s = Sheet::new("追加質問票", lang)?;
    // Written past the sheet's measuring, so the marker sets no column's width; three lines
    // hold its longest cell at the questions' widths.
    let vendor = catalog.vendors[eval.vendor].id();
    let [first, _, rest @ ..] = marker_row(profile, vendor, written);
    s.ws.merge_range(0, 0, 0, 1, &first, &header)?;
    for (col, text) in (2..).zip(rest) {
        let format = if usize::from(col) + 1 == HEADINGS.len() {
            &answer
        } else {
            &body
        };
        s.ws.write_string_with_format(0, col, text, format)?;
    }
    s.reserve(0, 3);
    let heading_row = 1;
    for (col, heading) in (0..).zip(HEADINGS) {
        s.text(heading_row, col, heading, &header, marker)?;
    }
    let mut row = heading_row;
    for q in questions(profile, catalog, eval) {
        row += 1;
        for (col, field) in (0..).zip(q.into_row()) {
            let format = if usize::from(col) + 1 == HEADINGS.len() {
                &answer
            } else {
                &body
            };
            s.text(row, col, &crate::sanitize::text(&field), format, marker)?;
        }
        s.reserve(row, ANSWER_LINES);
    }
    s.widen((HEADINGS.len() - 1) as u16, 36);
    s.ws.set_freeze_panes(heading_row + 1, 0)?;
    s.ws.autofilter(
        heading_row,
        0,
        row.max(heading_row + 1),
        (HEADINGS.len() - 1) as u16,
    )?;
    let print = Print {
        title_row: Some(heading_row),
        title_columns: 0,
        header: title(profile, catalog, eval),
        one_page_wide: true,
    };
    // The answer column as wide as the findings; the rest no wider than a readable column,
    // so that the seven columns print one page wide near 80%.
    let cap = |c| match c {
        0 => 4,
        1 => 16,
        2 | 3 => 30,
        4 => 12,
        _ => 36,
    };
    let ws = s.finish(cap, &print)?;
    let mut book = workbook::new_workbook(lang)?;
    book.push_worksheet(ws);
    book.save_to_buffer()
}
