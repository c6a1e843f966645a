//! What the spreadsheet exports (Excel workbook, CSV, TSV, the clipboard) have in common: the
//! comparison as a table of text, one row per control, and the guard against formula injection.
//! Every fact comes annotated from the view; this file only lays it out.

use crate::catalog::Lang;
use crate::requirements::words as rwords;
use crate::view::{Cell, Row, View};
use crate::words::{self, Word};

/// The comparison's fixed columns before the vendors': category, control, question, standards.
pub const FIXED_COLUMNS: usize = 4;

/// The header of the comparison table: category, control, question, the control's standard ids
/// (ISO/IEC 27017, 27002, METI), then the shown vendors.
pub fn header(view: &View) -> Vec<String> {
    let lang = view.spec.lang;
    let mut out = vec![
        clean(words::word(Word::Category, lang)),
        clean(words::word(Word::Control, lang)),
        clean(words::word(Word::Question, lang)),
        clean(words::word(Word::Crosswalk, lang)),
    ];
    out.extend(view.vendors.iter().map(|v| clean(&v.name)));
    out
}

/// A control's fixed cells: its category, title, question and standard ids.
pub fn fixed_cells(row: &Row) -> [String; FIXED_COLUMNS] {
    [
        clean(&row.category),
        clean(&row.title),
        clean(&row.question),
        clean(&row.crosswalk),
    ]
}

/// Everything the view says of one answer, as one cell: the comparison text ("value —
/// summary" or "not stated"), then the vendor's note, warnings on superseded standards, the
/// outcome of each requirement of the active profile, and the reviewer's verdict and note,
/// each on a line of its own.
pub fn answer_text(cell: &Cell, lang: Lang) -> String {
    let w = |word: Word| words::word(word, lang);
    let mut lines = vec![cell.text.clone()];
    if let Some(note) = &cell.note {
        lines.push(format!("{}: {note}", w(Word::Note)));
    }
    for warning in &cell.warnings {
        lines.push(format!("{}: {warning}", w(Word::Warning)));
    }
    for o in &cell.outcomes {
        lines.push(format!(
            "{} ({}): {} — {}: {}",
            rwords::requirement_word(lang),
            rwords::level(o.level, lang),
            o.asks,
            rwords::outcome(o.outcome, lang),
            o.reason
        ));
    }
    if let Some(verdict) = &cell.verdict {
        let mut line = format!("{}: {}", w(Word::ReviewerVerdict), verdict.word);
        if verdict.stale {
            line.push_str(&format!(" ({})", words::stale_verdict(lang)));
        }
        if let Some(by) = &verdict.by {
            line.push_str(&format!(" — {by}"));
        }
        lines.push(line);
    }
    if let Some(note) = &cell.review_note {
        lines.push(format!("{}: {note}", w(Word::ReviewerNote)));
    }
    clean(&lines.join("\n"))
}

/// The comparison as rows of text: the header, then one row per control.
pub fn table(view: &View) -> Vec<Vec<String>> {
    let lang = view.spec.lang;
    let mut out = vec![header(view)];
    for row in &view.rows {
        let mut cells: Vec<String> = fixed_cells(row).into();
        cells.extend(row.cells.iter().map(|c| answer_text(c, lang)));
        out.push(cells);
    }
    out
}

/// Multi-line text made harmless, as every export writes it ([`crate::sanitize::text`]).
pub fn clean(s: &str) -> String {
    crate::sanitize::text(s).into_owned()
}

/// Whether a spreadsheet would read this text as a formula if it were typed or imported:
/// it starts, after any spaces, with `=`, `+`, `-`, `@` (or their full-width forms, which a
/// Japanese input method turns into them), a tab or a carriage return (OWASP's list).
pub fn looks_like_formula(s: &str) -> bool {
    let first = s.trim_start_matches([' ', '\u{3000}']).chars().next();
    matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
    )
}

/// Text as a CSV or pasted cell that no spreadsheet runs: a formula-looking text gets a
/// leading apostrophe, as OWASP recommends (Excel shows it; it is the price of safety).
pub fn defused(s: String) -> String {
    if looks_like_formula(&s) {
        format!("'{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_text_is_recognised() {
        for s in [
            "=cmd|' /C calc'!A0",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "  =1",
            "＝1+1",
            "\u{3000}＠x",
        ] {
            assert!(looks_like_formula(s), "{s:?}");
            assert!(defused(s.to_string()).starts_with('\''), "{s:?}");
        }
        for s in ["30 days", "a=b", "", "'quoted", "ISO-27001"] {
            assert!(!looks_like_formula(s), "{s:?}");
            assert_eq!(defused(s.to_string()), s);
        }
    }
}
