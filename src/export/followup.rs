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

/// Lines of room the answer cell keeps for the vendor's reply, however short the question.
pub const ANSWER_LINES: usize = 6;

/// The sheet as an Excel workbook (one sheet, 追加質問票): frozen headings, filters, wrapped
/// text in 游ゴシック, each row as tall as its question and at least [`ANSWER_LINES`] lines, the
/// empty answer column shaded for the vendor to fill in; printed on A4 landscape one page wide,
/// the headings repeated on every page. Every cell is a string; one that looks like a formula
/// carries Excel's quote prefix, so no vendor text runs.
pub fn render_xlsx(
    profile: &Profile,
    catalog: &Catalog,
    eval: &VendorEvaluation,
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
    for (col, heading) in (0..).zip(HEADINGS) {
        s.text(0, col, heading, &header, marker)?;
    }
    let mut row = 0;
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
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.autofilter(0, 0, row.max(1), (HEADINGS.len() - 1) as u16)?;
    let print = Print {
        title_row: Some(0),
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
