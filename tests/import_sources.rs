//! The importer's readers on good and bad sources: every bad file gets a clear message naming
//! it, and no panic. Fixtures are made here (rust_xlsxwriter writes formulas and merged cells).

use kurabe::import::segment::{segment, Columns};
use kurabe::import::source::{self, Content, SourceError};
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::path::PathBuf;

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn meti_workbook() -> Workbook {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("チェックリスト").unwrap();
    let header = ["No.", "種別", "項目", "規定内容", "測定単位", "回答"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(2, 0, "1").unwrap();
    sheet.write_string(2, 2, "サービス稼働率").unwrap();
    sheet.write_string(2, 5, "99.9%").unwrap();
    sheet.write_string(3, 0, "2").unwrap();
    sheet.write_string(3, 2, "バックアップ世代数").unwrap();
    sheet
        .write_formula(3, 5, Formula::new("=3+4").set_result("7"))
        .unwrap();
    sheet.write_string(4, 0, "3").unwrap();
    sheet.write_string(4, 2, "データ削除").unwrap();
    sheet.write_string(4, 5, "解約後30日で削除").unwrap();
    // 種別 merged over the three rows.
    sheet
        .merge_range(2, 1, 4, 1, "アプリケーション運用", &Format::new())
        .unwrap();
    workbook
}

#[test]
fn an_empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = source::read(&write(&dir, "empty.txt", b"  \n")).unwrap_err();
    assert!(matches!(err, SourceError::Empty { .. }), "{err}");
    assert!(err.to_string().contains("empty.txt"), "{err}");
}

#[test]
fn a_binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = source::read(&write(&dir, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0")).unwrap_err();
    assert!(
        matches!(err, SourceError::Binary { offset: 8, .. }),
        "{err}"
    );
    let utf16 = write(&dir, "utf16.csv", b"\xff\xfeN\0o\0");
    let err = source::read(&utf16).unwrap_err();
    assert!(err.to_string().contains("UTF-16"), "{err}");
}

#[test]
fn a_file_over_100_mb_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.xlsx");
    // Sparse: no 100 MB are written, and none are read.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(source::MAX_SOURCE_BYTES + 1).unwrap();
    let err = source::read(&path).unwrap_err();
    assert!(matches!(err, SourceError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("100 MB"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_pipe_or_directory_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if made.is_ok_and(|s| s.success()) {
        let err = source::read(&pipe).unwrap_err();
        assert!(matches!(err, SourceError::NotAFile { .. }), "{err}");
    }
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let err = source::read(&folder).unwrap_err();
    assert!(matches!(err, SourceError::NotAFile { .. }), "{err}");
}

#[test]
fn a_wrong_encoding_is_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let err = source::read(&write(&dir, "latin.csv", b"No,answer\n1,ab\xfd\xfd\n")).unwrap_err();
    assert!(
        matches!(
            err,
            SourceError::Encoding {
                line: 2,
                column: 5,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().starts_with("latin.csv:2:5:"), "{err}");
}

#[test]
fn an_unknown_type_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = source::read(&write(&dir, "a.docx", b"PK")).unwrap_err();
    assert!(err.to_string().contains(".docx"), "{err}");
}

#[test]
fn a_broken_spreadsheet_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = source::read(&write(&dir, "broken.xlsx", b"not a zip file")).unwrap_err();
    assert!(matches!(err, SourceError::Spreadsheet { .. }), "{err}");
}

#[test]
fn formulas_read_as_their_saved_values_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = meti_workbook().save_to_buffer().unwrap();
    let src = source::read(&write(&dir, "sheet.xlsx", &bytes)).unwrap();
    let Content::Sheets(sheets) = &src.content else {
        panic!("a spreadsheet reads as sheets")
    };
    assert_eq!(sheets[0].rows[3][5], "7");
    assert!(
        src.notes.iter().any(|n| n.contains("formulas")),
        "{:?}",
        src.notes
    );
}

#[test]
fn merged_cells_read_as_their_top_left_cell_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = meti_workbook().save_to_buffer().unwrap();
    let src = source::read(&write(&dir, "sheet.xlsx", &bytes)).unwrap();
    let Content::Sheets(sheets) = &src.content else {
        panic!("a spreadsheet reads as sheets")
    };
    for row in 2..=4 {
        assert_eq!(sheets[0].rows[row][1], "アプリケーション運用");
    }
    assert!(
        src.notes.iter().any(|n| n.contains("merged")),
        "{:?}",
        src.notes
    );
}

#[test]
fn a_meti_sheet_is_cut_into_rows_cited_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = meti_workbook().save_to_buffer().unwrap();
    let src = source::read(&write(&dir, "sheet.xlsx", &bytes)).unwrap();
    let passages = segment(0, &src, &Columns::default()).unwrap();
    let cited: Vec<(&str, &str)> = passages
        .iter()
        .map(|p| (p.section.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(
        cited,
        [
            ("チェックリスト!F3", "99.9%"),
            ("チェックリスト!F4", "7"),
            ("チェックリスト!F5", "解約後30日で削除")
        ]
    );
    assert!(passages[0].context.contains("サービス稼働率"));
}

#[test]
fn csv_in_cp932_and_utf8_with_bom_read_alike() {
    let dir = tempfile::tempdir().unwrap();
    let text = "No.,項目,回答\n1,データ削除,解約後30日で削除\n";
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let a = source::read(&write(&dir, "sjis.csv", &sjis)).unwrap();
    let b = source::read(&write(&dir, "bom.csv", &bom)).unwrap();
    let cut = |s: &source::Source| {
        segment(0, s, &Columns::default())
            .unwrap()
            .into_iter()
            .map(|p| (p.section, p.text))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cut(&a),
        [("sjis!C2".to_string(), "解約後30日で削除".to_string())]
    );
    assert_eq!(
        cut(&b),
        [("bom!C2".to_string(), "解約後30日で削除".to_string())]
    );
    assert!(a.notes.iter().any(|n| n.contains("CP932")));
}

#[test]
fn a_sheet_without_a_header_names_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let src = source::read(&write(&dir, "plain.csv", b"a,b\nc,d\n")).unwrap();
    let err = segment(0, &src, &Columns::default()).unwrap_err();
    assert!(err.to_string().contains("--answer-column"), "{err}");
}
