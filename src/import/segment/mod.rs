//! Cutting a document into citable passages: a sentence, a list item, a table cell or a sheet's
//! answer cell each, so that a quote is what answers and no more.
//!
//! Text ([`text`]): headings give the citations — numbered ones (`1`, `2.3.2`, `6.30`; a plain
//! number continues the shallowest level it can, `1` opens a sub-level only on a table-like
//! line), markdown `#`, 第N章 / 第N条, 【…】 and ■/◆ lines, and short lines shaped like headings
//! (no sentence end, body text after them); text under a heading without a number is cited by the
//! heading's words, text before any heading is the `preamble`. A number followed by a unit
//! (「93 日間…」) starts a sentence, never a section, and `1. …` sentences are list items. A
//! check-sheet row `No<TAB>question<TAB>○<TAB>answer` under heading `6` is section `6.No`.
//! Markdown tables ([`tables`]) are cut into cells, each cited by its row's first cell.
//!
//! Sheets ([`sheet`]): the header row is found by its column names (METI layout: No. / 種別 /
//! 項目 / 規定内容 / 測定単位 / 回答, or a company's own), or named by flags; each row's answer cell
//! (and its note) is a passage cited `Sheet!C12`.
//!
//! A passage keeps the question (heading titles, a lead-in, the row's question cells) apart from
//! the vendor's answer: only the answer is quotable, and it is the source's text verbatim (HTML
//! tags removed, which the quote check ignores too). Headings, lead-ins, captions, link lists and
//! blank cells are never answers on their own ([`Passage::answers`]).

pub mod html;
mod lines;
mod outline;
pub mod sentences;
mod sheet;
pub mod tables;
mod text;

pub use sheet::segment_sheet;
pub use text::{segment_text, LONGEST_QUOTE};

use super::source::{Content, Source};
use regex::Regex;
use std::sync::LazyLock;

/// A pattern of this module; each is compiled by the tests, so none fails at run time.
fn pattern(re: &str) -> Regex {
    Regex::new(re).expect("the module's patterns are valid")
}

/// A citable piece of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Index of the document among the sources imported.
    pub document: usize,
    pub section: String,
    /// The question side: heading titles, the row's question. Matched, never quoted.
    pub context: String,
    /// The vendor's words: what a quote may contain.
    pub text: String,
    /// It says something that can answer a control (not a heading, lead-in, caption, link or a
    /// blank cell).
    pub answers: bool,
    /// A cell that answers "no" (なし, 無, いいえ): a candidate, never quoted as a statement.
    pub negative: bool,
    /// Passages of one paragraph, list item or table row share a number.
    pub block: usize,
}

/// Which sheet columns hold the question and the answer, when the header row cannot tell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    /// A header name or a column letter (`C`).
    pub question: Option<String>,
    pub answer: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SegmentError {
    #[error("{file}: sheet `{sheet}`: no header row with a question and an answer column (such as 項目 / 規定内容 and 回答); name them with --question-column and --answer-column (header text or column letter)")]
    NoHeader { file: String, sheet: String },
    #[error("{file}: sheet `{sheet}`: no column `{name}` (header text or column letter)")]
    NoColumn {
        file: String,
        sheet: String,
        name: String,
    },
    #[error("{file}: nothing to quote: no passage of text found")]
    NoPassages { file: String },
}

pub fn segment(
    document: usize,
    source: &Source,
    columns: &Columns,
) -> Result<Vec<Passage>, SegmentError> {
    segment_noting(document, source, columns).map(|(passages, _)| passages)
}

/// [`segment`], with what was decided on the way: a sheet with no header row (a workbook's
/// cover or notes) is left out, with a note, when another sheet of the file has one.
pub fn segment_noting(
    document: usize,
    source: &Source,
    columns: &Columns,
) -> Result<(Vec<Passage>, Vec<String>), SegmentError> {
    let mut notes = Vec::new();
    let passages = match &source.content {
        Content::Text(text) if html::is_html(text) => segment_text(document, &html::to_text(text)),
        Content::Text(text) => segment_text(document, text),
        Content::Sheets(sheets) => {
            let mut all = Vec::new();
            let mut refused = Vec::new();
            for sheet in sheets {
                if sheet.rows.iter().flatten().all(|c| c.trim().is_empty()) {
                    continue;
                }
                match segment_sheet(document, &source.file_name, sheet, columns) {
                    Ok(passages) => all.extend(passages),
                    Err(e @ SegmentError::NoHeader { .. }) => refused.push((sheet.name.clone(), e)),
                    Err(e) => return Err(e),
                }
            }
            if all.is_empty() {
                if let Some((_, e)) = refused.into_iter().next() {
                    return Err(e);
                }
            } else {
                for (name, _) in refused {
                    notes.push(format!(
                        "{}: sheet `{}` left out: no header row with a question and an answer column",
                        source.file_name,
                        crate::sanitize::line(&name)
                    ));
                }
            }
            all
        }
    };
    if passages.is_empty() {
        return Err(SegmentError::NoPassages {
            file: source.file_name.clone(),
        });
    }
    Ok((passages, notes))
}

static TAG: LazyLock<Regex> = LazyLock::new(|| pattern(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"));

/// HTML tags removed (`<https://…>` autolinks are text and stay).
pub fn strip_tags(s: &str) -> String {
    TAG.replace_all(s, "").into_owned()
}

#[cfg(test)]
mod tests;
