//! The follow-up questionnaire (追加質問票) for one vendor: for every requirement it does not
//! meet, a numbered question in Japanese and English, what we found (the vendor's words and
//! where they stand; for a draft, marked as our reading, not yet confirmed) and an empty
//! column for the vendor's answer. Markdown, or CSV (UTF-8 with
//! a byte-order mark so spreadsheet programs read it as UTF-8, RFC 4180, CRLF line ends).

use super::markdown::{cell, inline};
use super::scorecard::control_title;
use crate::catalog::{Catalog, Lang};
use crate::requirements::{words as rwords, Outcome, Profile, Reason, VendorEvaluation};
use crate::view::annotate::citation;
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
        _ => name.en.clone(),
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

/// The sheet as CSV: a byte-order mark, the headings, one record per question.
pub fn render_csv(
    profile: &Profile,
    catalog: &Catalog,
    eval: &VendorEvaluation,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(HEADINGS)?;
        for q in questions(profile, catalog, eval) {
            let fields = q.into_row();
            w.write_record(fields.iter().map(|f| defused(&crate::sanitize::text(f))))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The sheet as an Excel workbook (one sheet, 追加質問票): frozen headings, filters, wrapped
/// text, the empty answer column shaded for the vendor to fill in. Every cell is a string; one
/// that looks like a formula carries Excel's quote prefix, so no vendor text runs.
pub fn render_xlsx(
    profile: &Profile,
    catalog: &Catalog,
    eval: &VendorEvaluation,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    use unicode_width::UnicodeWidthStr;
    /// Excel's limit for the text of one cell.
    const CELL_LIMIT: usize = 32_767;
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let header = body.clone().set_bold().set_background_color(0xD9E1F2);
    let answer = body.clone().set_background_color(0xFFF2CC);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("追加質問票")?;
    let mut widths = [0usize; HEADINGS.len()];
    let mut write = |ws: &mut rust_xlsxwriter::Worksheet,
                     row: u32,
                     col: usize,
                     text: &str,
                     format: &Format|
     -> Result<(), rust_xlsxwriter::XlsxError> {
        let text = crate::sanitize::text(text);
        let text: String = if text.chars().count() > CELL_LIMIT {
            let mut cut: String = text.chars().take(CELL_LIMIT - 16).collect();
            cut.push_str(" …(truncated)");
            cut
        } else {
            text.into_owned()
        };
        let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        widths[col] = widths[col].max(widest);
        let format = if super::sheet::looks_like_formula(&text) {
            format.clone().set_quote_prefix()
        } else {
            format.clone()
        };
        ws.write_string_with_format(row, col as u16, text, &format)?;
        Ok(())
    };
    for (col, heading) in HEADINGS.iter().enumerate() {
        write(ws, 0, col, heading, &header)?;
    }
    let mut row = 0;
    for q in questions(profile, catalog, eval) {
        row += 1;
        let fields = q.into_row();
        for (col, field) in fields.iter().enumerate() {
            let format = if col + 1 == HEADINGS.len() {
                &answer
            } else {
                &body
            };
            write(ws, row, col, field, format)?;
        }
    }
    for (col, width) in widths.iter().enumerate() {
        // Wide enough for a line of the text, never wider than a readable column.
        let width = if col + 1 == HEADINGS.len() {
            40
        } else {
            (*width).clamp(6, 60)
        };
        ws.set_column_width(col as u16, width as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row.max(1), (HEADINGS.len() - 1) as u16)?;
    book.save_to_buffer()
}
