//! Reading exported workbooks and CSV back, and what they must say of a view.

use calamine::{Data, Range, Reader, StyleRange, Xlsx};
use kurabe::catalog::{Catalog, Lang, Status};
use kurabe::export::{scorecard_sheet, workbook, xlsx};
use kurabe::requirements::words as rwords;
use kurabe::view::{outcomes, Cell, View, ViewSpec};
use kurabe::words::{self, SheetWord, Word};
use std::collections::HashMap;
use std::io::Cursor;

pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 1)
}

pub fn spec(catalog: &Catalog, lang: Lang) -> ViewSpec {
    ViewSpec {
        lang,
        today: Some(today()),
        ..ViewSpec::all(catalog)
    }
}

/// A verdict on Cybozu's deletion timing, and a stale one (its fingerprint no longer matches)
/// on Cybozu's backup frequency.
pub struct Book {
    pub names: Vec<String>,
    pub sheets: HashMap<String, Range<Data>>,
    pub formulas: HashMap<String, Range<String>>,
    pub styles: HashMap<String, StyleRange>,
}

pub fn read_book(bytes: &[u8]) -> Book {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a valid workbook");
    let names = book.sheet_names();
    let mut sheets = HashMap::new();
    let mut formulas = HashMap::new();
    let mut styles = HashMap::new();
    for name in &names {
        sheets.insert(name.clone(), book.worksheet_range(name).unwrap());
        formulas.insert(name.clone(), book.worksheet_formula(name).unwrap());
        styles.insert(name.clone(), book.worksheet_style(name).unwrap());
    }
    Book {
        names,
        sheets,
        formulas,
        styles,
    }
}

impl Book {
    /// The string in a cell ("" if empty); any other kind of value fails the test.
    pub fn text(&self, sheet: &str, row: usize, col: usize) -> String {
        match self.sheets[sheet].get_value((row as u32, col as u32)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => panic!("{sheet}!({row},{col}) is not a string: {other:?}"),
        }
    }

    /// Whether a cell has a visible fill.
    pub fn filled(&self, sheet: &str, row: usize, col: usize) -> bool {
        self.styles[sheet]
            .get((row as u32, col as u32))
            .and_then(|s| s.fill.as_ref())
            .is_some_and(|f| f.is_visible())
    }

    /// A cell's fill colour as 0xRRGGBB.
    pub fn fill_rgb(&self, sheet: &str, row: usize, col: usize) -> Option<u32> {
        let fill = self.styles[sheet]
            .get((row as u32, col as u32))?
            .fill
            .as_ref()?;
        let c = fill.get_color()?;
        Some(u32::from(c.red) << 16 | u32::from(c.green) << 8 | u32::from(c.blue))
    }

    pub fn row(&self, sheet: &str, row: usize, cols: usize) -> Vec<String> {
        (0..cols).map(|c| self.text(sheet, row, c)).collect()
    }

    pub fn height(&self, sheet: &str) -> usize {
        self.sheets[sheet].end().map_or(0, |(r, _)| r as usize + 1)
    }

    /// No cell of any sheet holds a formula.
    pub fn assert_no_formulas(&self) {
        for (name, f) in &self.formulas {
            assert!(
                f.used_cells().all(|(_, _, s)| s.is_empty()),
                "{name} holds a formula"
            );
        }
    }

    /// Every string of every sheet is harmless: no control or invisible character but a line
    /// break.
    pub fn assert_harmless(&self) {
        for (name, range) in &self.sheets {
            for (r, c, v) in range.used_cells() {
                if let Data::String(s) = v {
                    if let Some(ch) = s
                        .chars()
                        .find(|&ch| ch != '\n' && kurabe::sanitize::is_hidden(ch))
                    {
                        panic!("{name}!({r},{c}) holds U+{:04X}: {s:?}", ch as u32);
                    }
                }
            }
        }
    }
}

/// What the comparison sheet (and the CSV) says of an answer, written out here independently.
pub fn expected_answer(c: &Cell, lang: Lang) -> String {
    let mut lines = vec![c.text.clone()];
    if let Some(n) = &c.note {
        lines.push(format!("{}: {n}", words::word(Word::Note, lang)));
    }
    for w in &c.warnings {
        lines.push(format!("{}: {w}", words::word(Word::Warning, lang)));
    }
    for o in &c.outcomes {
        lines.push(format!(
            "{} ({}): {} — {}: {}",
            rwords::requirement_word(lang),
            rwords::level(o.level, lang),
            o.asks,
            rwords::outcome(o.outcome, lang),
            o.reason
        ));
    }
    if let Some(v) = &c.verdict {
        let stale = if v.stale {
            format!(" ({})", words::stale_verdict(lang))
        } else {
            String::new()
        };
        lines.push(format!(
            "{}: {}{stale}",
            words::word(Word::ReviewerVerdict, lang),
            v.word
        ));
    }
    if let Some(n) = &c.review_note {
        lines.push(format!("{}: {n}", words::word(Word::ReviewerNote, lang)));
    }
    lines.join("\n")
}

pub fn assert_workbook_matches_view(view: &View, book: &Book) {
    let lang = view.spec.lang;
    let [comparison, sources, documents] = xlsx::sheet_names(lang);
    // With a requirements profile, the scorecard follows the comparison.
    let mut names = vec![comparison];
    names.extend(
        view.spec
            .requirements
            .as_ref()
            .map(|_| scorecard_sheet::name(lang)),
    );
    names.extend([sources, documents]);
    assert_eq!(book.names, names);
    book.assert_no_formulas();
    book.assert_harmless();

    // The comparison: every cell.
    let cols = 5 + view.vendors.len();
    let mut header = vec![
        words::word(Word::Category, lang).to_string(),
        words::word(Word::Control, lang).to_string(),
        words::word(Word::Question, lang).to_string(),
        words::word(Word::Crosswalk, lang).to_string(),
        words::sheet_word(SheetWord::Differences, lang).to_string(),
    ];
    header.extend(view.vendors.iter().map(|v| v.name.clone()));
    assert_eq!(book.row(comparison, 0, cols), header);
    assert_eq!(book.height(comparison), view.rows.len() + 1);
    for (i, row) in view.rows.iter().enumerate() {
        let mut expected = vec![
            row.category.clone(),
            row.title.clone(),
            row.question.clone(),
            row.crosswalk.clone(),
            row.differences().words(lang),
        ];
        expected.extend(row.cells.iter().map(|c| expected_answer(c, lang)));
        assert_eq!(book.row(comparison, i + 1, cols), expected, "row {i}");
        // Drafts, not stated and differing answers are marked by a fill besides the words;
        // against a profile, a cell is filled with the colour of its worst outcome.
        for (k, c) in row.cells.iter().enumerate() {
            let silent = c.status == Status::NotStated;
            let filled = silent || c.draft || !c.outcomes.is_empty();
            assert_eq!(book.filled(comparison, i + 1, 5 + k), filled, "row {i}");
            let worst = outcomes::worst(c.outcomes.iter().map(|o| o.outcome));
            if let Some(outcome) = worst {
                assert_eq!(
                    book.fill_rgb(comparison, i + 1, 5 + k),
                    Some(workbook::outcome_fill(outcome)),
                    "row {i}: {outcome:?}"
                );
            }
        }
        for k in 0..5 {
            assert_eq!(
                book.filled(comparison, i + 1, k),
                row.differences().any(),
                "row {i}"
            );
        }
    }

    // The sources: every quote, with its vendor, control, document, version, date, section.
    let mut expected = Vec::new();
    for row in &view.rows {
        for c in &row.cells {
            let vendor = view.vendors.iter().find(|v| v.vendor == c.vendor).unwrap();
            for q in &c.quotes {
                let doc = vendor
                    .documents
                    .iter()
                    .find(|d| d.id == q.document)
                    .unwrap();
                expected.push(vec![
                    row.title.clone(),
                    vendor.name.clone(),
                    doc.title.clone(),
                    doc.version.clone().unwrap_or_default(),
                    doc.date.clone().unwrap_or_default(),
                    q.section.clone(),
                    String::new(),
                    q.text.clone(),
                ]);
            }
        }
    }
    assert!(!expected.is_empty());
    let read: Vec<Vec<String>> = (1..=expected.len())
        .map(|r| book.row(sources, r, 8))
        .collect();
    assert_eq!(read, expected);

    // The documents: what was exported, then every shown vendor's documents.
    assert_eq!(
        book.text(documents, 0, 1),
        view.title(),
        "the description comes first"
    );
    let label = |w: SheetWord| words::sheet_word(w, lang);
    // The description runs down to the blank row above the documents' table.
    let top = (0..30)
        .find(|&r| book.text(documents, r, 0).is_empty())
        .expect("a blank row after the description")
        + 1;
    let described: HashMap<String, String> = (0..top - 1)
        .map(|r| (book.text(documents, r, 0), book.text(documents, r, 1)))
        .collect();
    if let Some(p) = &view.spec.requirements {
        assert_eq!(
            described[rwords::profile_word(lang)],
            format!("{} ({})", p.name.get(lang), p.id)
        );
    }
    assert_eq!(described[label(SheetWord::ExportedOn)], "2026-12-01");
    assert_eq!(
        described[label(SheetWord::KurabeVersion)],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(
        described[words::word(Word::Language, lang)],
        words::language_name(lang)
    );
    assert_eq!(
        described[words::word(Word::Controls, lang)],
        view.rows.len().to_string()
    );
    assert_eq!(book.text(documents, top, 0), label(SheetWord::Vendor));
    let mut r = top + 1;
    for vendor in &view.vendors {
        for doc in &vendor.documents {
            assert_eq!(book.text(documents, r, 0), vendor.name);
            assert_eq!(book.text(documents, r, 1), doc.title);
            let age = book.sheets[documents].get_value((r as u32, 4));
            match doc.age_months {
                Some(m) => assert_eq!(age, Some(&Data::Float(f64::from(m)))),
                None => assert!(matches!(age, None | Some(Data::Empty))),
            }
            let warning = book.text(documents, r, 5);
            assert_eq!(warning.contains('⚠'), doc.stale || doc.future, "{warning}");
            r += 1;
        }
    }
    // Below, after a blank row, each vendor's count of drafts in the workbook, as numbers.
    assert!(book.text(documents, r, 0).is_empty());
    assert_eq!(
        book.row(documents, r + 1, 3),
        [
            label(SheetWord::Vendor),
            words::assessment_heading(lang),
            words::drafts_not_reviewed(lang)
        ]
    );
    for (i, vendor) in view.vendors.iter().enumerate() {
        let at = r + 2 + i;
        assert_eq!(book.text(documents, at, 0), vendor.name);
        let counted = view.rows.iter().filter(|row| row.cells[i].draft).count();
        assert_eq!(vendor.drafts, counted);
        assert_eq!(
            book.sheets[documents].get_value((at as u32, 2)),
            Some(&Data::Float(counted as f64)),
            "{}",
            vendor.name
        );
        assert_eq!(book.text(documents, at, 1), vendor.assessment_line);
    }
}

pub fn read_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}
