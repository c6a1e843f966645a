//! `kurabe diff`: the real binary on a user data directory made by the test (the vendor `delta`
//! on the UI fixture catalogue, and a copy an update kept), every format read back.

mod common;

use common::home::{kurabe, temp_home};
use common::sheets::read_book;
use common::table_cells;
use kurabe::paths::Paths;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A home whose vendors hold `delta` as it is now, and whose history holds `copies` (name,
/// fixture file) of it.
fn home_with(copies: &[(&str, &str)]) -> (tempfile::TempDir, Paths) {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::copy(
        fixtures().join("changes/after.yaml"),
        paths.vendors_dir().join("delta.yaml"),
    )
    .unwrap();
    let history = paths.data_dir.join("history/delta");
    std::fs::create_dir_all(&history).unwrap();
    for (name, fixture) in copies {
        std::fs::copy(fixtures().join(fixture), history.join(name)).unwrap();
    }
    (dir, paths)
}

fn diff(paths: &Paths, extra: &[&str]) -> std::process::Output {
    let catalogue = fixtures().join("ui");
    let profile = fixtures().join("ui/requirements/ui-standard.yaml");
    let mut args = vec![
        "--data",
        catalogue.to_str().unwrap(),
        "diff",
        "delta",
        "--profile",
        profile.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    kurabe(paths, &args)
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

const KEPT: &str = "20250401T120000.yaml";

#[test]
fn markdown_lists_each_change_with_its_outcomes() {
    let (_dir, paths) = home_with(&[(KEPT, "changes/before.yaml")]);
    let md = ok(&diff(&paths, &[]));
    assert!(md.contains("Delta security sheet v3 (2025-04-01)"), "{md}");
    assert!(md.contains("Delta security sheet v4 (2025-12-01)"), "{md}");
    let rows = table_cells(&md);
    assert_eq!(
        rows[0],
        [
            "Control",
            "Changed",
            "Before",
            "After",
            "Requirement outcomes"
        ]
    );
    let controls: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    // Backups' quote only moved to another section: no change.
    assert_eq!(
        controls,
        [
            "Deletion after contract end (deletion-timing)",
            "Encryption at rest (encryption-at-rest)",
            "Log retention (log-retention)"
        ]
    );
    let deletion = &rows[1];
    assert_eq!(deletion[1], "Value, Summary, Quotes");
    assert!(
        deletion[2].starts_with("Value: 30 days after the contract ends\n"),
        "{deletion:?}"
    );
    assert!(
        deletion[3].starts_with("Value: 60 days after the contract ends\n"),
        "{deletion:?}"
    );
    assert!(
        deletion[3].contains(
            "Customer data is [-delet-]{+eras+}ed [-3-]{+6+}0 days after the contract ends."
        ),
        "{deletion:?}"
    );
    assert_eq!(deletion[4], "at most 45 days (must): meets → fails");
    let encryption = &rows[2];
    assert_eq!(
        encryption[2],
        "Removed (Delta security sheet 8.3): 保存データの暗号鍵は年1回更新します。"
    );
    assert_eq!(
        encryption[3],
        "Added (Delta security sheet 8.5): A hardware security module holds the master key."
    );
    let logs = &rows[3];
    assert_eq!(logs[1], "Value, Status, Summary, Quotes");
    assert!(logs[2].contains("Status: partial"), "{logs:?}");
    assert!(logs[3].contains("Status: stated"), "{logs:?}");
}

#[test]
fn json_has_the_documented_shape() {
    let (_dir, paths) = home_with(&[(KEPT, "changes/before.yaml")]);
    let text = ok(&diff(&paths, &["--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["vendor"], "delta");
    assert_eq!(json["from"]["documents"][0]["version"], "3");
    assert_eq!(json["to"]["documents"][0]["date"], "2025-12-01");
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3);
    let deletion = &changes[0];
    assert_eq!(deletion["control"], "deletion-timing");
    assert_eq!(
        deletion["what"],
        serde_json::json!(["value", "summary", "quotes"])
    );
    assert_eq!(
        deletion["before"]["value"],
        "30 days after the contract ends"
    );
    assert_eq!(
        deletion["after"]["value"],
        "60 days after the contract ends"
    );
    assert_eq!(
        deletion["after"]["quotes"][0]["reworded_from"],
        "Customer data is deleted 30 days after the contract ends."
    );
    assert_eq!(
        deletion["outcomes"],
        serde_json::json!([{
            "requirement": "at most 45 days",
            "level": "must",
            "before": "meets",
            "after": "fails"
        }])
    );
    let logs = &changes[2];
    assert_eq!(
        logs["what"],
        serde_json::json!(["value", "status", "summary", "quotes"])
    );
    assert_eq!(
        (&logs["before"]["status"], &logs["after"]["status"]),
        (&serde_json::json!("partial"), &serde_json::json!("stated"))
    );
}

/// A kept copy of `delta` as it is now but for the availability target's summary (English and
/// Japanese), which alone changed since.
fn summary_alone_changed() -> (tempfile::TempDir, Paths) {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    let now = std::fs::read_to_string(fixtures().join("changes/after.yaml")).unwrap();
    std::fs::write(paths.vendors_dir().join("delta.yaml"), &now).unwrap();
    let was = now.replace(
        "summary: { en: \"99.9% a month.\", ja: \"月間99.9%。\" }",
        "summary: { en: \"Aimed at, not promised.\", ja: \"目標値(保証なし)。\" }",
    );
    assert_ne!(was, now, "the fixture's summary to change");
    let history = paths.data_dir.join("history/delta");
    std::fs::create_dir_all(&history).unwrap();
    std::fs::write(history.join(KEPT), was).unwrap();
    (dir, paths)
}

#[test]
fn a_summary_alone_changed_is_listed_in_every_format() {
    let (dir, paths) = summary_alone_changed();
    let rows = table_cells(&ok(&diff(&paths, &[])));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows[1][..4],
        [
            "Availability target (availability-target)",
            "Summary",
            "Summary: Aimed at, not promised.\nSummary (Japanese): 目標値(保証なし)。",
            "Summary: 99.9% a month.\nSummary (Japanese): 月間99.9%。",
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&diff(&paths, &["--format", "json"]))).unwrap();
    let change = &json["changes"][0];
    assert_eq!(json["changes"].as_array().unwrap().len(), 1);
    assert_eq!(change["what"], serde_json::json!(["summary"]));
    assert_eq!(
        change["before"]["summary"],
        serde_json::json!({"en": "Aimed at, not promised.", "ja": "目標値(保証なし)。"})
    );
    assert_eq!(
        change["after"]["summary"],
        serde_json::json!({"en": "99.9% a month.", "ja": "月間99.9%。"})
    );
    let file = dir.path().join("summary.xlsx");
    let args = ["--format", "xlsx", "--lang", "ja", "--output"];
    ok(&diff(
        &paths,
        &[&args[..], &[file.to_str().unwrap()]].concat(),
    ));
    let book = read_book(&std::fs::read(&file).unwrap());
    assert_eq!(book.row("変更点", 5, 2)[1], "要約");
    assert_eq!(
        book.row("変更点", 5, 4)[2..],
        [
            "要約: 目標値(保証なし)。\n要約(英語): Aimed at, not promised.",
            "要約: 月間99.9%。\n要約(英語): 99.9% a month.",
        ]
    );
    assert_eq!(book.height("変更点"), 6);
}

#[test]
fn the_workbook_reads_back_in_japanese() {
    let (dir, paths) = home_with(&[(KEPT, "changes/before.yaml")]);
    let file = dir.path().join("diff.xlsx");
    let out = diff(
        &paths,
        &[
            "--format",
            "xlsx",
            "--lang",
            "ja",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    ok(&out);
    let book = read_book(&std::fs::read(&file).unwrap());
    assert_eq!(book.names, ["変更点"]);
    assert_eq!(book.text("変更点", 0, 0), "変更点: デルタクラウド (delta)");
    assert_eq!(
        book.text("変更点", 1, 1),
        "Delta security sheet v3 (2025-04-01)"
    );
    assert_eq!(
        book.row("変更点", 4, 5),
        ["管理策", "変更箇所", "変更前", "変更後", "要件の判定"]
    );
    assert_eq!(
        book.text("変更点", 5, 0),
        "契約終了後の削除\n(deletion-timing)"
    );
    assert!(book
        .text("変更点", 5, 2)
        .starts_with("値: 契約終了から30日"));
    assert!(
        book.text("変更点", 5, 4).contains("→"),
        "{}",
        book.text("変更点", 5, 4)
    );
    assert_eq!(book.height("変更点"), 8);
    book.assert_harmless();
    // Never over an existing file.
    let again = diff(
        &paths,
        &["--format", "xlsx", "--output", file.to_str().unwrap()],
    );
    assert_eq!(again.status.code(), Some(2), "{again:?}");
}

#[test]
fn from_picks_a_copy_by_version_date_or_file() {
    let (dir, paths) = home_with(&[
        (KEPT, "changes/before.yaml"),
        // A later copy identical to the current file: the default compares with it.
        ("20260401T090000.yaml", "changes/after.yaml"),
    ]);
    let newest = ok(&diff(&paths, &[]));
    assert!(newest.contains("No answer changed"), "{newest}");
    for from in ["3", "第3版", "2025-04-01", "2025-04"] {
        let md = ok(&diff(&paths, &["--from", from]));
        assert!(
            md.contains("Delta security sheet v3"),
            "--from {from}: {md}"
        );
    }
    let by_file = fixtures().join("changes/before.yaml");
    let md = ok(&diff(&paths, &["--from", by_file.to_str().unwrap()]));
    assert_eq!(table_cells(&md).len(), 4);
    let unknown = diff(&paths, &["--from", "9"]);
    assert_eq!(unknown.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        said.contains("20250401T120000.yaml: Delta security sheet v3 (2025-04-01)"),
        "{said}"
    );
    drop(dir);
}

#[test]
fn without_an_earlier_version_it_says_an_update_keeps_one() {
    let (_dir, paths) = home_with(&[]);
    let out = diff(&paths, &[]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no earlier version of `delta`"), "{said}");
    assert!(
        said.contains("kurabe import SOURCE --vendor delta --update"),
        "{said}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_apps_active_profile_judges_the_outcomes_without_profile() {
    let (_dir, paths) = home_with(&[(KEPT, "changes/before.yaml")]);
    std::fs::create_dir_all(paths.requirements_dir()).unwrap();
    std::fs::copy(
        fixtures().join("ui/requirements/ui-standard.yaml"),
        paths.requirements_dir().join("ui-standard.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(&paths.state_dir).unwrap();
    std::fs::write(paths.state_file(), "profile: ui-standard\n").unwrap();
    let catalogue = fixtures().join("ui");
    let out = kurabe(
        &paths,
        &[
            "--data",
            catalogue.to_str().unwrap(),
            "diff",
            "delta",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(json["changes"][0]["outcomes"][0]["after"], "fails");
}

#[test]
fn text_of_a_kept_copy_reaches_the_terminal_sanitized() {
    let (_dir, paths) = home_with(&[]);
    let hostile = std::fs::read_to_string(fixtures().join("changes/before.yaml"))
        .unwrap()
        .replace(
            "\"保存データの暗号鍵は年1回更新します。\"",
            "\"鍵は\\e[2J\\u202e年1回更新します。\"",
        );
    let history = paths.data_dir.join("history/delta");
    std::fs::write(history.join(KEPT), hostile).unwrap();
    let md = ok(&diff(&paths, &[]));
    assert!(md.contains("年1回更新します。"), "{md}");
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'), "{md:?}");
}

#[test]
fn a_kept_copy_that_cannot_be_read_is_named_and_the_others_still_found() {
    let (_dir, paths) = home_with(&[(KEPT, "changes/before.yaml")]);
    let history = paths.data_dir.join("history/delta");
    std::fs::write(
        history.join("20260101T000000.yaml"),
        "vendor: [not a vendor",
    )
    .unwrap();
    let md = ok(&diff(&paths, &["--from", "3"]));
    assert!(md.contains("Delta security sheet v3"), "{md}");
    // The newest copy is the default: its problem is the message, with file and line.
    let newest = diff(&paths, &[]);
    assert_eq!(newest.status.code(), Some(2));
    let said = String::from_utf8_lossy(&newest.stderr);
    assert!(
        said.contains("20260101T000000.yaml cannot be read as a vendor file"),
        "{said}"
    );
}
