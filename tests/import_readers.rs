//! The readers of `kurabe import` on hostile documents (issue 25) and on PDFs (issue 19): every
//! bound refuses before memory is taken, with a message naming the file and the limit; the
//! contained reader turns a crash, a runaway allocation or a hang into one clear error; nothing
//! printed carries an escape; the draft always loads. Every document is generated here.

mod common;
mod readers;

use kurabe::import::source::contained::{self, Containment};
use kurabe::import::source::{self, Content, Options, PdfReader, SourceError};
use readers::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn limit_message(result: Result<source::Source, SourceError>) -> String {
    match result {
        Err(e @ SourceError::Limit { .. }) => e.to_string(),
        other => panic!("expected a bound to refuse it, got {other:?}"),
    }
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// No escape, C1 control or bidi override anywhere in what was printed.
fn assert_printable(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || ('\u{2028}'..='\u{202e}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{bad:?} printed in:\n{text}");
}

// --- Bounds before allocation ------------------------------------------------------------

#[test]
fn cells_at_a1_and_xfd1048576_are_refused_before_calamine_allocates() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "a").unwrap();
    sheet.write_string(1_048_575, 16_383, "z").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let said = limit_message(source::read_bytes("far.xlsx", bytes));
    assert!(said.starts_with("far.xlsx: "), "{said}");
    assert!(said.contains("1,048,576 rows by 16,384 columns"), "{said}");
    assert!(said.contains("at most 200,000 rows"), "{said}");
}

#[test]
fn a_cell_address_past_any_sheet_is_refused() {
    let bytes = edited_workbook("xl/worksheets/sheet1.xml", |xml| {
        xml.replacen(r#"r="B2""#, r#"r="A99999999999""#, 1)
    });
    let said = limit_message(source::read_bytes("addr.xlsx", bytes));
    assert!(
        said.contains("A99999999999 is outside a worksheet"),
        "{said}"
    );
}

#[test]
fn a_declared_used_range_of_the_whole_sheet_is_refused() {
    let bytes = edited_workbook("xl/worksheets/sheet1.xml", |xml| {
        xml.replacen(
            r#"<dimension ref="A1:B2"/>"#,
            r#"<dimension ref="A1:XFD1048576"/>"#,
            1,
        )
    });
    let said = limit_message(source::read_bytes("dim.xlsx", bytes));
    assert!(said.contains("used range A1:XFD1048576"), "{said}");
}

#[test]
fn shared_string_counts_past_the_limit_are_refused_not_reserved() {
    for count in [
        "99999999999",
        "18446744073709551615",
        "18446744073709551616",
    ] {
        let bytes = edited_workbook("xl/sharedStrings.xml", |xml| {
            let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + xml[at..].find('"').unwrap();
            format!("{}{count}{}", &xml[..at], &xml[end..])
        });
        let said = limit_message(source::read_bytes("sst.xlsx", bytes));
        assert!(said.contains(&format!("uniqueCount=\"{count}\"")), "{said}");
    }
}

#[test]
fn a_member_that_inflates_past_the_limit_is_refused_while_inflating() {
    // 65 MiB of blanks in the sheet: a few hundred kilobytes once deflated.
    let bytes = edited_workbook("xl/worksheets/sheet1.xml", |xml| {
        xml.replacen("</worksheet>", &(" ".repeat(65 << 20) + "</worksheet>"), 1)
    });
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let said = limit_message(source::read_bytes("blanks.xlsx", bytes));
    assert!(said.contains("inflates to more than 64 MiB"), "{said}");
}

#[test]
fn repeated_ods_rows_and_cells_are_refused_before_they_are_spelled_out() {
    // One row of 16,384 repeated cells, repeated 2,000 times: 1.1 KB that spell out 33 million.
    let row = r#"<table:table-row table:number-rows-repeated="2000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let bytes = ods(row);
    assert!(bytes.len() < 2048, "{} bytes", bytes.len());
    let said = limit_message(source::read_bytes("repeat.ods", bytes));
    assert!(
        said.contains("a table of repeated rows and cells spans 2,000 rows"),
        "{said}"
    );
}

#[test]
fn an_ods_as_libreoffice_writes_it_is_read() {
    // LibreOffice ends every row with its empty columns and the table with its empty rows.
    let rows = format!(
        "{}{}{}",
        ods_row(&["項目", "回答"]),
        ods_row(&["データの削除", "契約終了後30日以内に削除します。"]).replace(
            "</table:table-row>",
            r#"<table:table-cell table:number-columns-repeated="16382"/></table:table-row>"#
        ),
        r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
    );
    let src = source::read_bytes("libre.ods", ods(&rows)).unwrap();
    let Content::Sheets(sheets) = &src.content else {
        panic!("a spreadsheet reads as sheets")
    };
    assert_eq!(sheets[0].rows.len(), 2);
    assert_eq!(sheets[0].rows[1][1], "契約終了後30日以内に削除します。");
}

#[test]
fn text_past_the_limit_is_refused_naming_the_limit() {
    let cell = "a".repeat(5 << 20);
    let said = limit_message(source::read_bytes(
        "one-cell.csv",
        format!("\"{cell}\"\n").into_bytes(),
    ));
    assert!(
        said.contains("more than the 4 MiB kurabe drafts from"),
        "{said}"
    );
}

#[test]
fn a_bad_shared_string_is_reported_as_itself() {
    let bytes = edited_workbook("xl/sharedStrings.xml", |xml| {
        xml.replacen("<t>項目</t>", "<t>項目</x>", 1)
    });
    let err = source::read_bytes("bad-sst.xlsx", bytes)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("bad-sst.xlsx: "), "{err}");
    assert!(err.contains("xl/sharedStrings.xml: malformed XML"), "{err}");
    assert!(!err.contains("Cannot detect"), "{err}");
}

#[test]
fn a_file_that_is_no_workbook_says_what_it_is_not() {
    let err = source::read_bytes("x.xlsx", b"hello, world".to_vec())
        .unwrap_err()
        .to_string();
    assert!(err.contains("neither a zipped workbook"), "{err}");
}

#[test]
fn a_csv_of_utf8_rows_with_one_cp932_row_reads_each_row_right() {
    let mut bytes = "項目,回答\nデータの削除,対応済み\n".as_bytes().to_vec();
    bytes.extend(encoding_rs::SHIFT_JIS.encode("暗号化,対応済み\n").0.iter());
    let src = source::read_bytes("mixed.csv", bytes).unwrap();
    let Content::Sheets(sheets) = &src.content else {
        panic!("a CSV reads as a sheet")
    };
    assert_eq!(sheets[0].rows[1][1], "対応済み");
    assert_eq!(sheets[0].rows[2], ["暗号化", "対応済み"]);
    assert!(
        src.notes.iter().any(|n| n.contains("(starting on line 3)")),
        "{:?}",
        src.notes
    );
}

// --- The contained reader ---------------------------------------------------------------

fn containment() -> Containment {
    Containment::new(PathBuf::from(env!("CARGO_BIN_EXE_kurabe")))
}

#[test]
fn the_contained_reader_returns_what_the_reader_in_this_process_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sheet.xlsx", &workbook("回答"));
    let contained = contained::read(&path, &containment(), &|| false).unwrap();
    assert_eq!(contained, source::read(&path).unwrap());
}

#[test]
fn the_contained_reader_passes_on_a_refusal_as_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = edited_workbook("xl/worksheets/sheet1.xml", |xml| {
        xml.replacen(r#"r="B2""#, r#"r="A99999999999""#, 1)
    });
    let path = write(dir.path(), "addr.xlsx", &bytes);
    let err = contained::read(&path, &containment(), &|| false).unwrap_err();
    assert!(matches!(err, SourceError::Refused { .. }), "{err:?}");
    assert!(err.to_string().starts_with("addr.xlsx: "), "{err}");
}

#[test]
fn a_reader_short_of_memory_fails_on_its_own_not_kurabe() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sheet.xlsx", &workbook("回答"));
    let mut small = containment();
    small.memory_bytes = 8 << 20;
    let err = contained::read(&path, &small, &|| false)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("sheet.xlsx: "), "{err}");
}

#[cfg(unix)]
#[test]
fn a_reader_aborted_by_an_allocation_failure_is_named_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "heavy.xlsx", b"PK");
    let abort = Containment::new(script(
        dir.path(),
        "abort",
        "echo 'memory allocation of 550000000000 bytes failed' >&2; kill -ABRT $$",
    ));
    let err = contained::read(&path, &abort, &|| false)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("heavy.xlsx: reading it needed more than the 2 GiB of memory"),
        "{err}"
    );
}

#[cfg(unix)]
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_reader_that_hangs_is_stopped_by_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let hang = Containment {
        wall: Duration::from_secs(1),
        ..Containment::new(script(dir.path(), "hang", "sleep 30"))
    };
    let path = write(dir.path(), "slow.xlsx", b"PK");
    let started = Instant::now();
    let err = contained::read(&path, &hang, &|| false)
        .unwrap_err()
        .to_string();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(err.contains("took more than 1 s"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_reader_that_crashes_or_answers_garbage_gives_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.xlsx", b"PK");
    let crash = Containment::new(script(dir.path(), "crash", "kill -SEGV $$"));
    let err = contained::read(&path, &crash, &|| false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("x.xlsx: the reader stopped on it (signal 11)"),
        "{err}"
    );
    let garbage = Containment::new(script(dir.path(), "garbage", "printf 'no reply'"));
    let err = contained::read(&path, &garbage, &|| false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("x.xlsx: the reader failed on it"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_interrupt_stops_the_reader_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    // A pdftotext that never finishes: the import waits on it until Ctrl-C.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    script(&bin, "pdftotext", "sleep 30");
    let pdf = write(
        dir.path(),
        "slow.pdf",
        &pdf_to_unicode("暗号化", "Encrypted"),
    );
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kurabe"));
    command
        .env("KURABE_DATA_DIR", dir.path().join("data"))
        .env("KURABE_STATE_DIR", dir.path().join("state"))
        .env("KURABE_CACHE_DIR", dir.path().join("cache"))
        .env("KURABE_CONFIG_DIR", dir.path().join("config"))
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .args(["import", pdf.to_str().unwrap(), "--vendor", "slow", "--out"])
        .arg(out.join("slow.yaml"))
        .stderr(std::process::Stdio::piped());
    let child = command.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let started = Instant::now();
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(stderr(&output).contains("interrupted; nothing was written"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_long_import_shows_its_progress_on_a_terminal_and_ctrl_c_stops_it() {
    if !common::tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    script(&bin, "pdftotext", "sleep 30");
    write(
        dir.path(),
        "slow.pdf",
        &pdf_to_unicode("暗号化", "Encrypted"),
    );
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let line = format!(
        "trap 'echo' INT; PATH={}:/usr/bin:/bin KURABE_DATA_DIR={root}/data KURABE_STATE_DIR={root}/state KURABE_CACHE_DIR={root}/cache KURABE_CONFIG_DIR={root}/config {} import slow.pdf --vendor slow --out out/slow.yaml; echo EXIT=$?; sleep 60",
        bin.display(),
        env!("CARGO_BIN_EXE_kurabe"),
        root = dir.path().display()
    );
    let tmux = common::Tmux::start(
        "import-progress",
        dir.path(),
        (100, 10),
        &["sh", "-c", &line],
    );
    tmux.wait_for("reading slow.pdf (1/1)…");
    tmux.wait_for("(Ctrl-C to stop)");
    tmux.cmd(&["send-keys", "-t", "kurabe", "C-c"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(
        screen.contains("interrupted; nothing was written"),
        "{screen}"
    );
    assert!(screen.contains("EXIT=130"), "{screen}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("out")).unwrap().count(),
        0
    );
}

// --- What import prints and writes ------------------------------------------------------

/// A workbook with a formula (so a note names the sheet) whose sheet is then renamed `name`.
fn workbook_named(name: &str) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("SHEETNAME").unwrap();
    sheet.write_string(0, 0, "項目").unwrap();
    sheet.write_string(0, 1, "回答").unwrap();
    sheet.write_string(1, 0, "データの削除").unwrap();
    sheet
        .write_string(1, 1, "契約終了後30日以内にお客様のデータを削除します。")
        .unwrap();
    sheet
        .write_formula(2, 1, rust_xlsxwriter::Formula::new("=1+1").set_result("2"))
        .unwrap();
    let members: Vec<(String, Vec<u8>)> = unzip(&workbook.save_to_buffer().unwrap())
        .into_iter()
        .map(|(member, bytes)| {
            let text = String::from_utf8_lossy(&bytes).replace("SHEETNAME", name);
            (member, text.into_bytes())
        })
        .collect();
    zip(&members)
}

#[test]
fn sheet_names_with_escapes_or_line_breaks_reach_neither_the_terminal_nor_the_draft_structure() {
    for (i, name) in [
        "S\u{1b}]0;PWNED\u{7}\u{1b}[2J",
        "S\rX\u{2028}Y\u{2029}Z\u{85}W",
    ]
    .into_iter()
    .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "sheet.xlsx", &workbook_named(name));
        let vendor = format!("hostile-{i}");
        let run = kurabe(
            dir.path(),
            &["import", path.to_str().unwrap(), "--vendor", &vendor],
            None,
        );
        assert!(run.status.success(), "{}", stderr(&run));
        assert_printable(&run.stderr);
        assert!(
            stderr(&run).contains("note: sheet.xlsx: sheet `S"),
            "{}",
            stderr(&run)
        );
        let draft = std::fs::read_to_string(dir.path().join(format!("data/vendors/{vendor}.yaml")))
            .unwrap();
        for line in draft.lines().filter(|l| l.contains("# Note")) {
            assert!(line.starts_with("# Note: "), "{line:?}");
        }
        let check = kurabe(dir.path(), &["check"], None);
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

#[test]
fn a_file_name_with_escapes_is_not_echoed_raw_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad\u{1b}[2J\u{9b}.xlsx", b"not a workbook");
    let run = kurabe(
        dir.path(),
        &["import", path.to_str().unwrap(), "--vendor", "bad"],
        None,
    );
    assert!(!run.status.success());
    assert_printable(&run.stderr);
    assert!(stderr(&run).contains("cannot import"), "{}", stderr(&run));
    assert!(stderr(&run).contains("bad␛[2J"), "{}", stderr(&run));
}

#[test]
fn json_escapes_c1_controls_and_bidi_overrides_and_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "項目,回答\nデータの削除,契約終了後30日以内にお客様のデータを削除します。\u{9b}31m\u{202e}\u{9d}\n";
    let path = write(dir.path(), "answers.csv", csv.as_bytes());
    let run = kurabe(
        dir.path(),
        &[
            "import",
            path.to_str().unwrap(),
            "--vendor",
            "acme",
            "--format",
            "json",
        ],
        None,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_printable(&run.stdout);
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.contains(r"\u009b31m\u202e\u009d"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(json.to_string().contains('\u{202e}'));
}

#[test]
fn an_embedded_vendor_is_replaced_only_with_replace() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sheet.xlsx", &workbook("回答"));
    let run = kurabe(
        dir.path(),
        &["import", path.to_str().unwrap(), "--vendor", "cybozu"],
        None,
    );
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("is the embedded vendor"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("--replace"), "{}", stderr(&run));
    assert!(!dir.path().join("data/vendors/cybozu.yaml").exists());
    let run = kurabe(
        dir.path(),
        &[
            "import",
            path.to_str().unwrap(),
            "--vendor",
            "cybozu",
            "--replace",
        ],
        None,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(dir.path().join("data/vendors/cybozu.yaml").exists());
}

#[test]
fn a_long_text_without_blank_lines_drafts_a_file_that_check_loads() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "当社はお客様のデータを暗号化して保存し、契約終了後30日以内に削除します。";
    let text = sentence.repeat(300 * 1024 / sentence.len());
    let path = write(dir.path(), "wall.txt", text.as_bytes());
    let run = kurabe(
        dir.path(),
        &["import", path.to_str().unwrap(), "--vendor", "wall"],
        None,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let draft = std::fs::metadata(dir.path().join("data/vendors/wall.yaml")).unwrap();
    assert!(draft.len() < 8 << 20, "{} bytes", draft.len());
    let check = kurabe(dir.path(), &["check"], None);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

// --- PDF ------------------------------------------------------------------------------------

const JAPANESE: &str = "契約終了後30日以内にデータを削除します";
const ENGLISH: &str = "Customer data is encrypted at rest.";

fn pdftotext() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join("pdftotext"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext is missing under CI (.ci/run installs poppler-utils)"
        );
        eprintln!("notice: no pdftotext; skipping its PDF tests");
    }
    found
}

fn text_of(result: Result<source::Source, SourceError>) -> String {
    match result.unwrap().content {
        Content::Text(text) => text,
        other => panic!("a PDF reads as text, got {other:?}"),
    }
}

#[test]
fn pdftotext_reads_a_predefined_cmap_font_and_a_to_unicode_map() {
    let Some(program) = pdftotext() else { return };
    let options = Options {
        pdf: PdfReader::Pdftotext(program),
    };
    for bytes in [
        pdf_unijis(JAPANESE, ENGLISH),
        pdf_to_unicode(JAPANESE, ENGLISH),
    ] {
        let text = text_of(source::read_bytes_with("policy.pdf", bytes, &options));
        assert!(text.contains(JAPANESE), "{text:?}");
        assert!(text.contains(ENGLISH), "{text:?}");
    }
}

#[test]
fn the_built_in_reader_reads_a_to_unicode_map_and_says_how_to_get_poppler() {
    let options = Options {
        pdf: PdfReader::BuiltIn,
    };
    let src =
        source::read_bytes_with("policy.pdf", pdf_to_unicode(JAPANESE, ENGLISH), &options).unwrap();
    assert!(
        src.notes
            .iter()
            .any(|n| n.contains("poppler-utils poppler-data")),
        "{:?}",
        src.notes
    );
    let Content::Text(text) = src.content else {
        panic!("a PDF reads as text")
    };
    assert!(text.contains(JAPANESE), "{text:?}");
    assert!(text.contains(ENGLISH), "{text:?}");
}

#[test]
fn the_built_in_reader_never_imports_garbage_from_a_predefined_cmap() {
    let options = Options {
        pdf: PdfReader::BuiltIn,
    };
    match source::read_bytes_with("policy.pdf", pdf_unijis(JAPANESE, ENGLISH), &options) {
        Ok(src) => {
            let Content::Text(text) = src.content else {
                panic!("a PDF reads as text")
            };
            assert!(text.contains(JAPANESE), "read, but wrongly: {text:?}");
        }
        Err(e) => assert!(e.to_string().contains("poppler-utils"), "{e}"),
    }
}

#[test]
fn a_pdf_imports_end_to_end_with_and_without_pdftotext() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "policy.pdf", &pdf_to_unicode(JAPANESE, ENGLISH));
    // No pdftotext on this PATH: the built-in reader, and a note saying how to install poppler.
    let empty = dir.path().join("empty-bin");
    std::fs::create_dir(&empty).unwrap();
    let run = kurabe(
        dir.path(),
        &["import", path.to_str().unwrap(), "--vendor", "builtin"],
        Some(empty.to_str().unwrap()),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("poppler-utils"), "{}", stderr(&run));
    let draft = std::fs::read_to_string(dir.path().join("data/vendors/builtin.yaml")).unwrap();
    assert!(draft.contains("source: policy.pdf"), "{draft}");
    if pdftotext().is_some() {
        let run = kurabe(
            dir.path(),
            &["import", path.to_str().unwrap(), "--vendor", "poppler"],
            None,
        );
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(!stderr(&run).contains("poppler-utils"), "{}", stderr(&run));
        assert!(dir.path().join("data/vendors/poppler.yaml").exists());
    }
    let check = kurabe(dir.path(), &["check"], None);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// pdf-extract recurses without end on a page that is its own parent and has no MediaBox
/// (found by the read_pdf fuzz target): the reader process dies of a stack overflow, and the import says so, once.
#[test]
fn a_pdf_that_crashes_the_built_in_reader_gives_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // Same length, so the cross-reference offsets still hold.
    let mut looped = pdf_to_unicode(JAPANESE, ENGLISH);
    let at = looped
        .windows(13)
        .position(|w| w == b"/Parent 2 0 R")
        .unwrap();
    looped[at + 8] = b'3';
    // With no MediaBox of its own, the page's is looked up through its parents.
    let at = looped.windows(9).position(|w| w == b"/MediaBox").unwrap();
    looped[at + 8] = b'y';
    let path = write(dir.path(), "looped.pdf", &looped);
    let empty = dir.path().join("empty-bin");
    std::fs::create_dir(&empty).unwrap();
    let run = kurabe(
        dir.path(),
        &["import", path.to_str().unwrap(), "--vendor", "looped"],
        Some(empty.to_str().unwrap()),
    );
    assert!(!run.status.success());
    let said = stderr(&run);
    assert!(
        said.contains("looped.pdf: the reader stopped on it"),
        "{said}"
    );
    assert!(said.starts_with("Error: cannot import"), "{said}");
    assert!(
        !said.contains("overflowed"),
        "the reader's own output is not passed on: {said}"
    );
    assert!(!dir.path().join("data/vendors/looped.yaml").exists());
}

#[test]
fn a_file_named_pdf_that_is_no_pdf_is_refused() {
    let err = source::read_bytes("fake.pdf", b"hello".to_vec())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("fake.pdf: cannot read the PDF: not a PDF"),
        "{err}"
    );
}
