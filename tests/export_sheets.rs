//! The spreadsheet exports: the workbook read back with calamine and the CSV with the csv crate,
//! cell for cell against the view; formula-looking and hostile vendor text; Excel's cell limit;
//! CP932; where the command line writes them.

use calamine::{Data, Range, Reader, StyleRange, Xlsx};
use kurabe::catalog::{load, load_embedded, Catalog, Lang, Origin, SourceFile, Status};
use kurabe::cli::{destination, Destination, Format};
use kurabe::export::csv::{self, Delimiter, Encoding};
use kurabe::export::xlsx::{self, CELL_LIMIT};
use kurabe::reviews::{Review, Reviews, Verdict};
use kurabe::search::SearchIndex;
use kurabe::view::{derive, Cell, View, ViewSpec};
use kurabe::words::{self, SheetWord, Word};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

fn embedded() -> Catalog {
    load_embedded().unwrap().catalog
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 1)
}

fn spec(catalog: &Catalog, lang: Lang) -> ViewSpec {
    ViewSpec {
        lang,
        today: Some(today()),
        ..ViewSpec::all(catalog)
    }
}

/// A verdict on Cybozu's deletion timing, and a stale one (its fingerprint no longer matches)
/// on Cybozu's backup frequency.
fn reviews(catalog: &Catalog) -> Reviews {
    let mut reviews = Reviews::default();
    let cybozu = catalog.vendor_index("cybozu").unwrap();
    let control = catalog.control_index("deletion-timing").unwrap();
    reviews.set(
        "cybozu",
        "deletion-timing",
        catalog.answer(cybozu, control),
        Some(Verdict::FollowUp),
        "契約書で確認する".into(),
    );
    reviews.insert(Review {
        vendor: "cybozu".into(),
        control: "backup-frequency".into(),
        verdict: Some(Verdict::Risk),
        note: String::new(),
        fingerprint: "an older answer".into(),
    });
    reviews
}

struct Book {
    names: Vec<String>,
    sheets: HashMap<String, Range<Data>>,
    formulas: HashMap<String, Range<String>>,
    styles: HashMap<String, StyleRange>,
}

fn read_book(bytes: &[u8]) -> Book {
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
    fn text(&self, sheet: &str, row: usize, col: usize) -> String {
        match self.sheets[sheet].get_value((row as u32, col as u32)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => panic!("{sheet}!({row},{col}) is not a string: {other:?}"),
        }
    }

    /// Whether a cell has a visible fill.
    fn filled(&self, sheet: &str, row: usize, col: usize) -> bool {
        self.styles[sheet]
            .get((row as u32, col as u32))
            .and_then(|s| s.fill.as_ref())
            .is_some_and(|f| f.is_visible())
    }

    fn row(&self, sheet: &str, row: usize, cols: usize) -> Vec<String> {
        (0..cols).map(|c| self.text(sheet, row, c)).collect()
    }

    fn height(&self, sheet: &str) -> usize {
        self.sheets[sheet].end().map_or(0, |(r, _)| r as usize + 1)
    }

    /// No cell of any sheet holds a formula.
    fn assert_no_formulas(&self) {
        for (name, f) in &self.formulas {
            assert!(
                f.used_cells().all(|(_, _, s)| s.is_empty()),
                "{name} holds a formula"
            );
        }
    }

    /// Every string of every sheet is harmless: no control or invisible character but a line
    /// break.
    fn assert_harmless(&self) {
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
fn expected_answer(c: &Cell, lang: Lang) -> String {
    let mut lines = vec![c.text.clone()];
    if let Some(n) = &c.note {
        lines.push(format!("{}: {n}", words::word(Word::Note, lang)));
    }
    for w in &c.warnings {
        lines.push(format!("{}: {w}", words::word(Word::Warning, lang)));
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

fn assert_workbook_matches_view(view: &View, book: &Book) {
    let lang = view.spec.lang;
    let [comparison, sources, documents] = xlsx::sheet_names(lang);
    assert_eq!(book.names, [comparison, sources, documents]);
    book.assert_no_formulas();
    book.assert_harmless();

    // The comparison: every cell.
    let cols = 4 + view.vendors.len();
    let mut header = vec![
        words::word(Word::Category, lang).to_string(),
        words::word(Word::Control, lang).to_string(),
        words::word(Word::Question, lang).to_string(),
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
            if row.differs() {
                words::sheet_word(SheetWord::AnswersDiffer, lang).to_string()
            } else {
                String::new()
            },
        ];
        expected.extend(row.cells.iter().map(|c| expected_answer(c, lang)));
        assert_eq!(book.row(comparison, i + 1, cols), expected, "row {i}");
        // Not stated and differing answers are marked by a fill besides the words.
        for (k, c) in row.cells.iter().enumerate() {
            let silent = c.status == Status::NotStated;
            assert_eq!(book.filled(comparison, i + 1, 4 + k), silent, "row {i}");
        }
        for k in 0..4 {
            assert_eq!(book.filled(comparison, i + 1, k), row.differs(), "row {i}");
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
    let described: HashMap<String, String> = (0..9)
        .map(|r| (book.text(documents, r, 0), book.text(documents, r, 1)))
        .collect();
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
    let top = 10;
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
}

#[test]
fn the_workbook_reads_back_as_the_view_in_both_languages() {
    let catalog = embedded();
    let reviews = reviews(&catalog);
    let index = SearchIndex::new(&catalog);
    for lang in [Lang::En, Lang::Ja] {
        let view = derive(&catalog, &reviews, &index, &spec(&catalog, lang));
        let book = read_book(&xlsx::render(&view).unwrap());
        assert_workbook_matches_view(&view, &book);
    }
    // The Japanese sheet names, and Japanese text intact.
    let view = derive(&catalog, &reviews, &index, &spec(&catalog, Lang::Ja));
    let book = read_book(&xlsx::render(&view).unwrap());
    assert_eq!(book.names, ["比較", "出典", "文書"]);
    let all: Vec<String> = (0..book.height("比較"))
        .flat_map(|r| book.row("比較", r, 8))
        .collect();
    assert!(
        all.iter().any(|s| s.contains("要確認")),
        "the verdict is there"
    );
    assert!(all
        .iter()
        .any(|s| s.contains("判定後に回答が変更されています")));
    assert!(all.iter().any(|s| s.contains("契約書で確認する")));
    assert!(all.iter().any(|s| s == "記載なし"));
}

#[test]
fn a_filtered_view_says_what_was_filtered() {
    let catalog = embedded();
    let index = SearchIndex::new(&catalog);
    let spec = ViewSpec {
        query: "バックアップ".into(),
        only_differences: true,
        vendors: vec![0, 2],
        ..spec(&catalog, Lang::Ja)
    };
    let view = derive(&catalog, &Reviews::default(), &index, &spec);
    assert!(!view.rows.is_empty());
    let book = read_book(&xlsx::render(&view).unwrap());
    assert_workbook_matches_view(&view, &book);
    let described: Vec<Vec<String>> = (0..9).map(|r| book.row("文書", r, 2)).collect();
    assert!(described.contains(&vec!["検索語".into(), "バックアップ".into()]));
    assert!(described.contains(&vec!["絞り込み".into(), "回答が異なる項目のみ".into()]));
    // Every row's answers differ, and the sheet says so in words.
    for r in 1..=view.rows.len() {
        assert_eq!(book.text("比較", r, 3), "≠ 回答が異なる");
    }
}

#[test]
fn the_csv_reads_back_as_the_view_with_a_bom() {
    let catalog = embedded();
    let reviews = reviews(&catalog);
    let index = SearchIndex::new(&catalog);
    for lang in [Lang::En, Lang::Ja] {
        let view = derive(&catalog, &reviews, &index, &spec(&catalog, lang));
        for (delimiter, byte) in [(Delimiter::Comma, b','), (Delimiter::Tab, b'\t')] {
            let bytes = csv::render(&view, delimiter, Encoding::Utf8).unwrap();
            assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM");
            let rows = read_csv(&bytes[3..], byte);
            let mut header = vec![
                words::word(Word::Category, lang).to_string(),
                words::word(Word::Control, lang).to_string(),
                words::word(Word::Question, lang).to_string(),
            ];
            header.extend(view.vendors.iter().map(|v| v.name.clone()));
            assert_eq!(rows[0], header);
            assert_eq!(rows.len(), view.rows.len() + 1);
            for (parsed, row) in rows[1..].iter().zip(&view.rows) {
                let mut expected = vec![
                    row.category.clone(),
                    row.title.clone(),
                    row.question.clone(),
                ];
                expected.extend(row.cells.iter().map(|c| expected_answer(c, lang)));
                assert_eq!(parsed, &expected);
            }
        }
    }
}

fn read_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn japanese_csv_round_trips_through_cp932() {
    let catalog = embedded();
    let index = SearchIndex::new(&catalog);
    let view = derive(
        &catalog,
        &reviews(&catalog),
        &index,
        &spec(&catalog, Lang::Ja),
    );
    let utf8 = csv::render(&view, Delimiter::Comma, Encoding::Utf8).unwrap();
    let cp932 = csv::render(&view, Delimiter::Comma, Encoding::Cp932).unwrap();
    let (decoded, _, bad) = encoding_rs::SHIFT_JIS.decode(&cp932);
    assert!(!bad);
    let utf8 = String::from_utf8(utf8[3..].to_vec()).unwrap();
    assert!(utf8.contains('—') && utf8.contains("サイボウズ"));
    // The one JIS character Unicode and Microsoft number differently comes back as CP932's.
    assert_eq!(decoded, utf8.replace('—', "―"));
}

/// Two vendors beside the `valid` fixture's controls: one whose every field is hostile (formula
/// openings, terminal escapes, bidi overrides, a 40,000-character summary and quote), and one
/// that says nothing.
fn hostile_catalog() -> Catalog {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let controls = std::fs::read(fixtures.join("valid/controls.yaml")).unwrap();
    let long = "長".repeat(40_000);
    let evil = format!(
        r#"vendor:
  id: evil
  name: {{ en: "=HYPERLINK(\"http://x\",\"Evil\")", ja: "＝悪い株式会社" }}
documents:
  - id: policy
    title: "+Policy\e[2J\u202E"
    version: "-1"
    date: "2024-05"
    source: evil.txt
answers:
  - control: deletion-timing
    status: stated
    summary: {{ en: "=cmd|' /C calc'!A0", ja: "@SUM(1+1)*cmd|' /C calc'!A0" }}
    note: {{ en: "-2+3\e]0;pwned\a" }}
    quotes:
      - {{ document: policy, section: "=1", text: "+Data\e[31m is deleted\u200D." }}
      - {{ document: policy, section: "2", text: "-1 day" }}
  - control: backup-frequency
    status: stated
    summary: {{ en: "{long}" }}
    quotes:
      - {{ document: policy, section: "3", text: "@{long}" }}
"#
    );
    let silent = r#"vendor:
  id: silent
  name: { en: "Silent Co.", ja: "沈黙株式会社" }
documents:
  - { id: doc, title: "文書", source: silent.txt }
answers:
  - { control: deletion-timing, status: not_stated }
  - { control: backup-frequency, status: not_stated }
"#;
    let loaded = load(
        SourceFile::new("controls.yaml", controls),
        vec![
            (
                SourceFile::new("vendors/evil.yaml", evil),
                Origin::Directory,
            ),
            (
                SourceFile::new("vendors/silent.yaml", silent),
                Origin::Directory,
            ),
        ],
    )
    .unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.catalog
}

fn hostile_view(catalog: &Catalog, lang: Lang) -> View<'_> {
    let index = SearchIndex::new(catalog);
    derive(catalog, &Reviews::default(), &index, &spec(catalog, lang))
}

#[test]
fn nothing_a_vendor_writes_becomes_a_formula_in_the_workbook() {
    let catalog = hostile_catalog();
    for lang in [Lang::En, Lang::Ja] {
        let view = hostile_view(&catalog, lang);
        let book = read_book(&xlsx::render(&view).unwrap());
        book.assert_no_formulas();
        book.assert_harmless();
        let [comparison, sources, documents] = xlsx::sheet_names(lang);
        // Formula-looking text stays text, as the vendor wrote it.
        assert_eq!(book.text(comparison, 0, 4), view.vendors[0].name);
        assert!(view.vendors[0].name.starts_with(['=', '＝']));
        let deletion = book.text(comparison, 1, 4);
        assert!(deletion.starts_with(['=', '@']), "{deletion}");
        assert!(deletion.contains("␛]0;pwned␇") || lang == Lang::Ja);
        assert_eq!(book.text(sources, 1, 7), "+Data␛[31m is deleted<U+200D>.");
        assert_eq!(book.text(sources, 1, 5), "=1");
        assert_eq!(book.text(documents, 11, 1), "+Policy␛[2J<U+202E>");
        // The silent vendor's cells say so in words.
        assert_eq!(
            book.text(comparison, 1, 5),
            words::status(Status::NotStated, lang)
        );
    }
}

#[test]
fn a_cell_past_excels_limit_is_cut_with_a_marker_and_kept_whole_on_the_sources_sheet() {
    let catalog = hostile_catalog();
    let view = hostile_view(&catalog, Lang::En);
    let book = read_book(&xlsx::render(&view).unwrap());
    let full = expected_answer(&view.rows[1].cells[0], Lang::En);
    assert_eq!(full.chars().count(), 40_000);
    let cell = book.text("Comparison", 2, 4);
    assert_eq!(cell.encode_utf16().count(), CELL_LIMIT);
    let marker = words::sheet_word(SheetWord::TruncatedSeeSources, Lang::En);
    assert!(cell.ends_with(marker), "{}", &cell[cell.len() - 200..]);
    assert!(full.starts_with(cell.trim_end_matches(marker)));

    // The long quote and the cut cell both come back whole from their parts.
    let rows: Vec<Vec<String>> = (1..book.height("Sources"))
        .map(|r| book.row("Sources", r, 8))
        .collect();
    let whole = |document: &str| -> String {
        let parts: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| r[0] == "Backup frequency" && r[2] == document)
            .collect();
        assert_eq!(parts.len(), 2, "{document}");
        assert_eq!((parts[0][6].as_str(), parts[1][6].as_str()), ("1/2", "2/2"));
        parts.iter().map(|r| r[7].as_str()).collect()
    };
    assert_eq!(
        whole("+Policy␛[2J<U+202E>"),
        format!("@{}", "長".repeat(40_000))
    );
    assert_eq!(
        whole(words::sheet_word(SheetWord::FullCellText, Lang::En)),
        full
    );
}

#[test]
fn formula_looking_csv_cells_start_with_an_apostrophe() {
    let catalog = hostile_catalog();
    for lang in [Lang::En, Lang::Ja] {
        let view = hostile_view(&catalog, lang);
        let bytes = csv::render(&view, Delimiter::Comma, Encoding::Utf8).unwrap();
        let rows = read_csv(&bytes[3..], b',');
        assert_eq!(rows[0][3], format!("'{}", view.vendors[0].name));
        let deletion = &rows[1][3];
        assert!(
            deletion.starts_with("'=cmd") || deletion.starts_with("'@SUM"),
            "{deletion}"
        );
        assert_eq!(
            rows[1][3][1..],
            expected_answer(&view.rows[0].cells[0], lang)
        );
        // No field that a spreadsheet would run is left bare.
        for field in rows.iter().flatten() {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r', '＝']),
                "{field}"
            );
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text
            .chars()
            .any(|c| c != '\n' && c != '\r' && c != '\u{feff}' && kurabe::sanitize::is_hidden(c)));
    }
}

#[test]
fn cp932_names_the_first_character_it_cannot_hold_and_where() {
    let catalog = hostile_catalog();
    let view = hostile_view(&catalog, Lang::En);
    let e = csv::render(&view, Delimiter::Comma, Encoding::Cp932).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("“␛” (U+241B)"), "{msg}");
    assert!(msg.contains("row 2 (“Deletion timing”)"), "{msg}");
    assert!(msg.contains("column 4 (“'=HYPERLINK"), "{msg}");
    assert!(msg.contains("--encoding utf8"), "{msg}");
}

#[test]
fn a_workbook_needs_a_file_or_a_pipe_never_the_terminal() {
    let dash = Path::new("-");
    let err = destination(Format::Xlsx, None, false).unwrap_err();
    assert!(err.to_string().contains("--out FILE"), "{err}");
    let err = destination(Format::Xlsx, Some(dash), true).unwrap_err();
    assert!(err.to_string().contains("terminal"), "{err}");
    assert_eq!(
        destination(Format::Xlsx, Some(dash), false).unwrap(),
        Destination::Stdout
    );
    assert_eq!(
        destination(Format::Csv, None, true).unwrap(),
        Destination::Stdout
    );
    assert_eq!(
        destination(Format::Tsv, Some(Path::new("a.tsv")), true).unwrap(),
        Destination::File("a.tsv".into())
    );
}

fn kurabe(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kurabe"))
        .args(args)
        .current_dir(dir)
        .env("KURABE_CONFIG_DIR", dir.join("config"))
        .env("KURABE_DATA_DIR", dir.join("data"))
        .env("KURABE_STATE_DIR", dir.join("state"))
        .env("KURABE_CACHE_DIR", dir.join("cache"))
        .output()
        .unwrap()
}

#[test]
fn the_command_writes_new_files_and_pipes_but_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = kurabe(dir.path(), &["export", "--format", "xlsx"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out FILE"));

    let out = kurabe(
        dir.path(),
        &["export", "--format", "xlsx", "--lang", "ja", "--out", "-"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(read_book(&out.stdout).names, ["比較", "出典", "文書"]);

    let args = [
        "export",
        "--format",
        "xlsx",
        "--control",
        "deletion-timing",
        "--out",
        "r.xlsx",
    ];
    let out = kurabe(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("r.xlsx");
    let first = std::fs::read(&path).unwrap();
    let book = read_book(&first);
    assert_eq!(book.height("Comparison"), 2, "one control");
    let out = kurabe(dir.path(), &args);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("never overwrites"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "the first file is intact"
    );

    let out = kurabe(
        dir.path(),
        &[
            "export",
            "--format",
            "csv",
            "--lang",
            "ja",
            "--encoding",
            "cp932",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&out.stdout);
    assert!(!bad && text.starts_with("カテゴリ,項目,質問,"), "{text}");

    let out = kurabe(
        dir.path(),
        &["export", "--format", "md", "--encoding", "cp932"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("csv and tsv"));
}

#[test]
fn the_hostile_corpus_leaves_the_workbook_and_the_csv_harmless() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let loaded = load(
        SourceFile::new(
            "controls.yaml",
            std::fs::read(fixtures.join("valid/controls.yaml")).unwrap(),
        ),
        vec![(
            SourceFile::new(
                "vendors/acme.yaml",
                std::fs::read(fixtures.join("hostile/escapes.yaml")).unwrap(),
            ),
            Origin::Directory,
        )],
    )
    .unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    for lang in [Lang::En, Lang::Ja] {
        let view = hostile_view(&loaded.catalog, lang);
        let book = read_book(&xlsx::render(&view).unwrap());
        book.assert_harmless();
        book.assert_no_formulas();
        assert_workbook_matches_view(&view, &book);
        let [comparison, ..] = xlsx::sheet_names(lang);
        let name = book.text(comparison, 0, 4);
        assert!(
            name == "Acme␛]0;pwned␇ Corp." || name == "アクメ<U+202E>ｃｂａ",
            "{name}"
        );
        for delimiter in [Delimiter::Comma, Delimiter::Tab] {
            let text =
                String::from_utf8(csv::render(&view, delimiter, Encoding::Utf8).unwrap()).unwrap();
            let hidden = text.chars().find(|&c| {
                !matches!(c, '\n' | '\r' | '\t' | '\u{feff}') && kurabe::sanitize::is_hidden(c)
            });
            assert_eq!(hidden, None, "{text}");
        }
    }
}
