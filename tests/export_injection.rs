//! Hostile vendor text in the spreadsheet exports: nothing becomes a formula, nothing invisible
//! or controlling gets through, Excel's cell limit is handled, and CP932 says what it cannot
//! hold.

mod common;

use common::sheets::*;
use kurabe::catalog::{load, Catalog, Lang, Origin, SourceFile, Status};
use kurabe::export::csv::{self, Delimiter, Encoding};
use kurabe::export::xlsx::{self, CELL_LIMIT};
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::view::{derive, View};
use kurabe::words::{self, SheetWord};
use std::path::Path;

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
        assert_eq!(book.text(comparison, 0, 5), view.vendors[0].name);
        assert!(view.vendors[0].name.starts_with(['=', '＝']));
        let deletion = book.text(comparison, 1, 5);
        assert!(deletion.starts_with(['=', '@']), "{deletion}");
        assert!(deletion.contains("␛]0;pwned␇") || lang == Lang::Ja);
        assert_eq!(book.text(sources, 1, 7), "+Data␛[31m is deleted<U+200D>.");
        assert_eq!(book.text(sources, 1, 5), "=1");
        assert_eq!(book.text(documents, 11, 1), "+Policy␛[2J<U+202E>");
        // The silent vendor's cells say so in words.
        assert_eq!(
            book.text(comparison, 1, 6),
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
    let cell = book.text("Comparison", 2, 5);
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
        assert_eq!(rows[0][4], format!("'{}", view.vendors[0].name));
        let deletion = &rows[1][4];
        assert!(
            deletion.starts_with("'=cmd") || deletion.starts_with("'@SUM"),
            "{deletion}"
        );
        assert_eq!(
            rows[1][4][1..],
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
    assert!(msg.contains("column 5 (“'=HYPERLINK"), "{msg}");
    assert!(msg.contains("--encoding utf8"), "{msg}");
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
        let name = book.text(comparison, 0, 5);
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
