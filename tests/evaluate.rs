//! The headless requirements commands on the real binary: `kurabe evaluate` (exit status and
//! JSON shape), `kurabe followup` (markdown and CSV read back) and `kurabe new-requirements`.

mod common;

use common::home::kurabe_in;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requirements")
        .join(name)
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn evaluate_exits_0_when_every_must_is_met_1_when_not_and_2_on_bad_input() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let met = kurabe_in(
        h,
        &[
            "evaluate",
            "--requirements",
            &fixture("all-met-by-cybozu.yaml"),
            "--vendors",
            "cybozu",
        ],
    );
    assert_eq!(met.status.code(), Some(0), "{}", stderr(&met));
    assert!(
        stdout(&met).contains("every vendor meets every must"),
        "{}",
        stdout(&met)
    );

    // The same profile over every vendor: Quality Soft counts from cancellation (check),
    // QUALITIA says nothing (not stated) and does not encrypt (fails).
    let not_met = kurabe_in(
        h,
        &[
            "evaluate",
            "--requirements",
            &fixture("all-met-by-cybozu.yaml"),
        ],
    );
    assert_eq!(not_met.status.code(), Some(1), "{}", stderr(&not_met));
    let only_check = kurabe_in(
        h,
        &[
            "evaluate",
            "--requirements",
            &fixture("all-met-by-cybozu.yaml"),
            "--vendors",
            "cybersolutions",
        ],
    );
    assert_eq!(
        only_check.status.code(),
        Some(1),
        "a must left to check is not met: {}",
        stdout(&only_check)
    );

    for (args, says) in [
        (
            vec!["--requirements", &fixture("unknown-unit.yaml") as &str],
            "unknown-unit.yaml:6:10: unknown unit",
        ),
        (
            vec!["--requirements", "/nonexistent/requirements.yaml"],
            "cannot read",
        ),
        (
            vec![
                "--requirements",
                &fixture("kept-profile.yaml"),
                "--vendors",
                "acme",
            ],
            "unknown vendor `acme`",
        ),
        (
            vec!["--requirements", "no-such-profile"],
            "neither a file nor the id of a profile",
        ),
    ] {
        let mut all = vec!["evaluate"];
        all.extend(args);
        let bad = kurabe_in(h, &all);
        assert_eq!(bad.status.code(), Some(2), "{all:?}: {}", stderr(&bad));
        assert!(stderr(&bad).contains(says), "{all:?}: {}", stderr(&bad));
        assert!(bad.stdout.is_empty(), "nothing half-written on stdout");
    }
}

#[test]
fn evaluate_json_has_exactly_the_documented_shape() {
    let home = tempfile::tempdir().unwrap();
    let out = kurabe_in(
        home.path(),
        &[
            "evaluate",
            "--requirements",
            &fixture("kept-profile.yaml"),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&json), ["profile", "vendors"]);
    assert_eq!(keys(&json["profile"]), ["id", "name"]);
    assert_eq!(json["profile"]["id"], "kept-in-tests");
    let vendors = json["vendors"].as_array().unwrap();
    assert_eq!(vendors.len(), 4);
    for v in vendors {
        assert_eq!(keys(v), ["id", "name", "outcomes", "summary"]);
        assert_eq!(
            keys(&v["summary"]),
            ["check", "fails", "meets", "not_stated"]
        );
        for o in v["outcomes"].as_array().unwrap() {
            assert_eq!(
                keys(o),
                [
                    "control",
                    "level",
                    "outcome",
                    "quotes",
                    "reason",
                    "requirement"
                ]
            );
        }
    }
    let qs = vendors.iter().find(|v| v["id"] == "qualitysoft").unwrap();
    assert_eq!(
        qs["summary"],
        serde_json::json!({"meets": 0, "fails": 1, "check": 0, "not_stated": 1})
    );
    let deletion = &qs["outcomes"][0];
    assert_eq!(deletion["control"], "deletion-timing");
    assert_eq!(deletion["level"], "must");
    assert_eq!(deletion["outcome"], "fails");
    assert_eq!(deletion["requirement"], "at most 45 days");
    assert_eq!(
        deletion["reason"],
        "60 days after cancellation is more than 45 days"
    );
    assert!(deletion["quotes"][0]["text"]
        .as_str()
        .unwrap()
        .contains("60日経過後"));
    assert!(deletion["quotes"][0]["citation"]
        .as_str()
        .unwrap()
        .contains("§2.3.2"));

    let ja = kurabe_in(
        home.path(),
        &[
            "evaluate",
            "--requirements",
            &fixture("kept-profile.yaml"),
            "--format",
            "json",
            "--lang",
            "ja",
            "--vendors",
            "cybersolutions",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&ja)).unwrap();
    assert_eq!(json["profile"]["name"], "テスト用基準");
    assert_eq!(
        json["vendors"][0]["outcomes"][1]["reason"],
        "検知から1時間は24時間以内"
    );
}

#[test]
fn evaluate_takes_a_profile_id_from_the_requirements_directory() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("data/requirements");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("all-met-by-cybozu.yaml"), dir.join("ours.yaml")).unwrap();
    let out = kurabe_in(
        home.path(),
        &[
            "evaluate",
            "--requirements",
            "cybozu-passes",
            "--vendors",
            "cybozu",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Cybozu passes"), "{}", stdout(&out));
}

#[test]
fn the_followup_sheet_in_markdown_reads_back_with_a_question_per_gap() {
    let home = tempfile::tempdir().unwrap();
    let out = kurabe_in(
        home.path(),
        &[
            "followup",
            "--vendor",
            "qualitia",
            "--requirements",
            &fixture("issue-shape.yaml"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = common::table_cells(&stdout(&out));
    assert_eq!(rows[0][0], "No.");
    assert_eq!(rows[0].len(), 7);
    // QUALITIA: deletion not stated, backups not stated, no encryption at rest: three
    // questions, numbered, the answer column empty. (Its ISMS cloud security certification is
    // ISO/IEC 27017 under JIP-ISMS517-1.0, so that requirement is met and asks nothing.)
    let body = &rows[1..];
    assert_eq!(body.len(), 3, "{body:#?}");
    assert!(
        !body.iter().any(|row| row[2].contains("27017")),
        "no question on ISO/IEC 27017: {body:#?}"
    );
    for (i, row) in body.iter().enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[6], "", "the answer column is left for the vendor");
    }
    assert!(
        body[0][2].contains("当社基準: 契約終了から90日以内(必須)"),
        "{}",
        body[0][2]
    );
    assert!(
        body[0][3].contains("Our requirement: at most 90 days after the contract ends (must)"),
        "{}",
        body[0][3]
    );
    assert!(body[0][4].contains("記載なし"), "{}", body[0][4]);
    assert!(
        body[2][5].contains("暗号化されずに") && body[2][5].contains("§4"),
        "quote and citation: {}",
        body[2][5]
    );
    assert!(body[2][3].contains("does not meet it"), "{}", body[2][3]);
}

#[test]
fn the_followup_sheet_in_csv_is_utf8_with_a_bom_and_reads_back() {
    let home = tempfile::tempdir().unwrap();
    let out = kurabe_in(
        home.path(),
        &[
            "followup",
            "--vendor",
            "qualitysoft",
            "--requirements",
            &fixture("issue-shape.yaml"),
            "--format",
            "csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    assert!(
        String::from_utf8(bytes.clone()).unwrap().contains("\r\n"),
        "CRLF records"
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let mut records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    // The marker row first: what it is, the vendor, the profile, the date written.
    let marker = records.remove(0);
    assert_eq!(
        &marker[0],
        "kurabe 追加質問票 / kurabe follow-up questionnaire"
    );
    assert_eq!(&marker[2], "ベンダー / Vendor: qualitysoft");
    assert!(marker[3].starts_with("社内基準 / Profile: "), "{marker:?}");
    assert!(marker[4].starts_with("作成日 / Written: 20"), "{marker:?}");
    assert_eq!(&marker[6], "", "the date answered is the vendor's to write");
    let headers = records.remove(0);
    assert_eq!(&headers[0], "No.");
    assert_eq!(headers.len(), 7);
    // Quality Soft: deletion counted from cancellation (check), encryption at rest not stated.
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(&records[0][0], "1");
    assert!(
        records[0][1].contains("deletion") || records[0][1].contains("Deletion"),
        "{:?}",
        &records[0]
    );
    assert!(
        records[0][3].contains("We could not tell"),
        "{}",
        &records[0][3]
    );
    assert!(
        records[0][3].contains('\n'),
        "line breaks survive inside a quoted field"
    );
    assert!(
        records[0][5].contains("本サービス解約日より60日経過後即時"),
        "{}",
        &records[0][5]
    );
    assert_eq!(&records[1][6], "");
}

#[test]
fn followup_as_a_workbook_reads_back_and_an_unknown_vendor_is_refused() {
    use calamine::{Data, Reader, Xlsx};
    let home = tempfile::tempdir().unwrap();
    let args = [
        "followup",
        "--vendor",
        "qualitysoft",
        "--requirements",
        &fixture("issue-shape.yaml"),
    ];
    let md = kurabe_in(home.path(), &args);
    assert!(md.status.success(), "{}", stderr(&md));
    let mut with_xlsx = args.to_vec();
    with_xlsx.extend(["--format", "xlsx"]);
    // Standard output is a pipe here, so the workbook is written to it.
    let out = kurabe_in(home.path(), &with_xlsx);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut book = Xlsx::new(std::io::Cursor::new(out.stdout)).expect("a workbook");
    let sheet = book.worksheet_range("追加質問票").expect("the sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(
        rows[0][0],
        "kurabe 追加質問票 / kurabe follow-up questionnaire"
    );
    assert_eq!(rows[0][2], "ベンダー / Vendor: qualitysoft");
    assert_eq!(rows[1][0], "No.");
    assert_eq!(rows[1][6], "回答 / Answer");
    assert!(rows.len() > 2, "questions for the gaps");
    // The same questions as the markdown sheet, numbered from 1, answer column empty.
    let text = String::from_utf8_lossy(&md.stdout);
    for (i, row) in rows[2..].iter().enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
        assert!(
            text.contains(row[3].lines().next().unwrap_or("")),
            "{}",
            row[3]
        );
        assert!(row.get(6).is_none_or(|a| a.is_empty()));
    }
    let out = kurabe_in(
        home.path(),
        &[
            "followup",
            "--vendor",
            "acme",
            "--requirements",
            &fixture("issue-shape.yaml"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown vendor `acme`"));
}

#[test]
fn new_requirements_writes_a_template_that_loads_and_never_overwrites() {
    let home = tempfile::tempdir().unwrap();
    let first = kurabe_in(home.path(), &["new-requirements"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let dir = home.path().join("data/requirements");
    let written: PathBuf = dir.join("requirements.yaml");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(
        text.contains("#   deletion-timing: "),
        "every control is listed: {text}"
    );
    let second = kurabe_in(home.path(), &["new-requirements"]);
    assert!(second.status.success());
    assert!(
        dir.join("requirements-2.yaml").exists(),
        "a new name, the first file kept"
    );
    assert_eq!(std::fs::read_to_string(&written).unwrap(), text);

    let evaluated = kurabe_in(
        home.path(),
        &["evaluate", "--requirements", &written.display().to_string()],
    );
    assert!(
        matches!(evaluated.status.code(), Some(0 | 1)),
        "the template loads: {}",
        stderr(&evaluated)
    );
    assert!(
        !stderr(&evaluated).contains("warning"),
        "{}",
        stderr(&evaluated)
    );

    let out = home.path().join("mine.yaml");
    std::fs::write(&out, "keep me").unwrap();
    let refused = kurabe_in(
        home.path(),
        &["new-requirements", "--out", &out.display().to_string()],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("never overwrites"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}

#[test]
fn check_validates_the_requirements_directory_too() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("data/requirements");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("kind-mismatch.yaml"), dir.join("warned.yaml")).unwrap();
    let warned = kurabe_in(home.path(), &["check"]);
    assert!(
        warned.status.success(),
        "warnings do not fail check: {}",
        stdout(&warned)
    );
    assert!(
        stdout(&warned).contains("warning: ") && stdout(&warned).contains("warned.yaml:8:10:"),
        "{}",
        stdout(&warned)
    );
    std::fs::copy(fixture("unknown-unit.yaml"), dir.join("broken.yaml")).unwrap();
    let broken = kurabe_in(home.path(), &["check"]);
    assert!(!broken.status.success());
    assert!(
        stdout(&broken).contains("broken.yaml:6:10: unknown unit `fortnights`"),
        "{}",
        stdout(&broken)
    );
}
