//! The spreadsheet exports read back: the workbook with calamine and the CSV with the csv
//! crate, cell for cell against the view, in both languages; CP932; where the command line
//! writes them.

mod common;

use common::home::{kurabe_command, paths_under};
use common::sheets::*;
use kurabe::catalog::{load_embedded, Catalog, Lang};
use kurabe::cli::{destination, Destination, Format};
use kurabe::export::csv::{self, Delimiter, Encoding};
use kurabe::export::xlsx;
use kurabe::reviews::{Review, Reviews, Verdict};
use kurabe::search::SearchIndex;
use kurabe::view::{derive, ViewSpec};
use kurabe::words::{self, Word};
use std::path::Path;

fn embedded() -> Catalog {
    load_embedded().unwrap().catalog
}

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
        jiff::Timestamp::UNIX_EPOCH,
    );
    reviews.insert(Review {
        vendor: "cybozu".into(),
        control: "backup-frequency".into(),
        verdict: Some(Verdict::Risk),
        note: String::new(),
        fingerprint: "an older answer".into(),
        changed: None,
        by: None,
    });
    reviews
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
        all.iter().any(|s| s.contains("照会")),
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
        // Backups every day and every two hours.
        vendors: ["cybersolutions", "qualitysoft"]
            .map(|id| catalog.vendor_index(id).unwrap())
            .to_vec(),
        ..spec(&catalog, Lang::Ja)
    };
    let view = derive(&catalog, &Reviews::default(), &index, &spec);
    assert!(!view.rows.is_empty());
    let book = read_book(&xlsx::render(&view).unwrap());
    assert_workbook_matches_view(&view, &book);
    let described: Vec<Vec<String>> = (0..10).map(|r| book.row("文書", r, 2)).collect();
    assert!(described.contains(&vec!["検索語".into(), "バックアップ".into()]));
    assert!(described.contains(&vec!["絞り込み".into(), "回答が異なる管理策のみ".into()]));
    // Every row's answers differ, and the sheet says in words what differs.
    for (r, row) in view.rows.iter().enumerate() {
        let what = book.text("比較", r + 1, 4);
        assert!(!what.is_empty(), "row {r}");
        assert_eq!(what, row.differences().words(Lang::Ja));
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
                words::word(Word::Crosswalk, lang).to_string(),
            ];
            header.extend(view.vendors.iter().map(|v| v.name.clone()));
            assert_eq!(rows[0], header);
            assert_eq!(rows.len(), view.rows.len() + 1);
            for (parsed, row) in rows[1..].iter().zip(&view.rows) {
                let mut expected = vec![
                    row.category.clone(),
                    row.title.clone(),
                    row.question.clone(),
                    row.crosswalk.clone(),
                ];
                expected.extend(row.cells.iter().map(|c| expected_answer(c, lang)));
                assert_eq!(parsed, &expected);
            }
        }
    }
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
    assert!(utf8.contains('—') && utf8.contains('·') && utf8.contains("サイボウズ"));
    // The JIS character Unicode and Microsoft number differently comes back as CP932's, and
    // the view's middle dot as the katakana one.
    assert_eq!(decoded, utf8.replace('—', "―").replace('·', "・"));
}

/// Two vendors beside the `valid` fixture's controls: one whose every field is hostile (formula
/// openings, terminal escapes, bidi overrides, a 40,000-character summary and quote), and one
/// that says nothing.
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

/// kurabe run in `dir`, on the home below it.
fn kurabe(dir: &Path, args: &[&str]) -> std::process::Output {
    kurabe_command(&paths_under(dir))
        .args(args)
        .current_dir(dir)
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
    assert!(!bad && text.starts_with("カテゴリ,管理策,質問,"), "{text}");

    let out = kurabe(
        dir.path(),
        &["export", "--format", "md", "--encoding", "cp932"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("csv and tsv"));
}

#[test]
fn the_outcomes_of_the_active_requirements_profile_are_in_the_workbook_and_the_csv() {
    let catalog = embedded();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requirements/kept-profile.yaml");
    let profile = kurabe::requirements::load_file(&fixture, &catalog)
        .unwrap_or_else(|p| panic!("{p}"))
        .profile;
    let index = SearchIndex::new(&catalog);
    for lang in [Lang::En, Lang::Ja] {
        let spec = ViewSpec {
            requirements: Some(std::sync::Arc::new(profile.clone())),
            ..spec(&catalog, lang)
        };
        let view = derive(&catalog, &Reviews::default(), &index, &spec);
        let judged: Vec<_> = view
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .flat_map(|c| &c.outcomes)
            .collect();
        assert!(!judged.is_empty(), "the profile judges some answers");
        let book = read_book(&xlsx::render(&view).unwrap());
        assert_workbook_matches_view(&view, &book);
        let bytes = csv::render(&view, Delimiter::Comma, Encoding::Utf8).unwrap();
        let rows = read_csv(&bytes[3..], b',');
        let requirement = kurabe::requirements::words::requirement_word(lang);
        assert!(rows.iter().flatten().any(|f| f.contains(requirement)));
        for (parsed, row) in rows[1..].iter().zip(&view.rows) {
            for (field, c) in parsed[4..].iter().zip(&row.cells) {
                assert_eq!(field, &expected_answer(c, lang));
            }
        }
    }
}
