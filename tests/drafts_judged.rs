//! A draft is never taken for a fact by the requirements commands, on the real binary: Delta's
//! drafts (tests/fixtures/drafts/delta.yaml, over the UI tests' catalogue) propose what would
//! meet every must, yet `kurabe evaluate` exits 1 until a person has reviewed them, and
//! `kurabe followup` asks about each, showing its quote as our reading, not yet confirmed.

mod common;

use common::home::{kurabe, temp_home};
use kurabe::paths::Paths;
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn delta() -> String {
    std::fs::read_to_string(fixture("drafts/delta.yaml")).unwrap()
}

/// A home whose vendors directory holds Delta's file as `text`.
fn home_with(text: &str) -> (TempDir, Paths) {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::write(paths.vendors_dir().join("delta.yaml"), text).unwrap();
    (dir, paths)
}

/// `kurabe ARGS` on the UI tests' catalogue, with the user's vendors of `paths`.
fn run(paths: &Paths, args: &[&str]) -> Output {
    let ui = fixture("ui");
    let mut all = vec!["--data", ui.to_str().unwrap()];
    all.extend_from_slice(args);
    kurabe(paths, &all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn evaluate(paths: &Paths, extra: &[&str]) -> Output {
    let standard = fixture("ui/requirements/ui-standard.yaml");
    let mut args = vec![
        "evaluate",
        "--requirements",
        standard.to_str().unwrap(),
        "--vendors",
        "delta",
    ];
    args.extend_from_slice(extra);
    run(paths, &args)
}

#[test]
fn evaluate_exits_1_while_a_must_rests_on_a_draft_and_0_once_the_same_answers_are_reviewed() {
    let (_dir, paths) = home_with(&delta());
    let drafted = evaluate(&paths, &[]);
    let report = stdout(&drafted);
    assert_eq!(drafted.status.code(), Some(1), "{report}");
    assert!(
        report.contains("| Delta Cloud | must | 0 | 0 | 2 | 0 |"),
        "{report}"
    );
    assert!(
        report.contains("| Deletion after contract end | at most 45 days | must | ? check | draft, not reviewed |"),
        "{report}"
    );
    let ja = stdout(&evaluate(&paths, &["--lang", "ja"]));
    assert!(
        ja.contains("| 契約終了後の削除 | 45日以内 | 必須 | ? 要判断 | 下書き（未確認） |"),
        "{ja}"
    );

    let json = evaluate(&paths, &["--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    for o in json["vendors"][0]["outcomes"].as_array().unwrap() {
        assert_eq!(o["outcome"], "check", "{o}");
        assert_eq!(o["reason"], "draft, not reviewed", "{o}");
        assert_eq!(o["draft"], true, "{o}");
    }

    // The very same answers, confirmed by a reviewer (no longer drafts), meet every must.
    let reviewed = delta().replace("    draft: true\n", "");
    let (_dir, paths) = home_with(&reviewed);
    let confirmed = evaluate(&paths, &[]);
    assert_eq!(confirmed.status.code(), Some(0), "{}", stdout(&confirmed));
    let json = evaluate(&paths, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    for o in json["vendors"][0]["outcomes"].as_array().unwrap() {
        assert!(o.get("draft").is_none(), "only a draft says so: {o}");
    }
}

/// The follow-up questionnaire for Delta against its standard, as CSV records (headings first).
fn followup_csv(paths: &Paths) -> Vec<Vec<String>> {
    let standard = fixture("drafts/delta-standard.yaml");
    let out = run(
        paths,
        &[
            "followup",
            "--vendor",
            "delta",
            "--requirements",
            standard.to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = common::sheets::read_csv(out.stdout.strip_prefix(b"\xEF\xBB\xBF").unwrap(), b',');
    // The marker row `kurabe import --update` recognises comes before the headings.
    assert_eq!(
        records[0][0],
        kurabe::export::followup::MARKER,
        "{records:?}"
    );
    records[1..].to_vec()
}

#[test]
fn the_followup_asks_about_every_draft_and_shows_its_quote_as_our_unconfirmed_reading() {
    let (_dir, paths) = home_with(&delta());
    let records = followup_csv(&paths);
    let questions = &records[1..];
    // Every requirement rests on a draft, met or not: every one is asked.
    assert_eq!(questions.len(), 3, "{records:?}");
    for q in questions {
        let (ja, en, finding, found) = (&q[2], &q[3], &q[4], &q[5]);
        assert!(
            ja.contains("貴社文書を当社で読み取りましたが、まだ確認できていません。当社基準を満たすかどうか、具体的にご回答ください。"),
            "{ja}"
        );
        assert!(
            en.contains("We have read your documents but not yet confirmed our reading: please say whether and how you meet it."),
            "{en}"
        );
        assert_eq!(finding, "? 要判断 / check");
        assert!(
            found.starts_with("当社による貴社文書の読み取り(未確認)")
                && found.contains("Our reading of your document, not yet confirmed:"),
            "{found}"
        );
        assert!(q[6].is_empty(), "the answer column is the vendor's");
    }
    // A stated draft: its quote, cited, under the words that say it is our reading.
    assert_eq!(
        questions[0][5],
        "当社による貴社文書の読み取り(未確認) / Our reading of your document, not yet confirmed:\n\
         「デルタは契約終了後33日で利用者データを消去します。」(Delta Cloud チェックシート, 2025-11-01, §6.30)"
    );
    // A not-stated draft: nothing quoted, and said so; its candidates are ours, never shown.
    assert!(
        questions[2][5].contains("該当する記載は見つかっていません"),
        "{:?}",
        questions[2]
    );
    assert!(
        questions[2][5].contains("we found nothing on this"),
        "{:?}",
        questions[2]
    );
    assert!(
        !records.concat().concat().contains("TLS"),
        "a candidate leaked: {records:?}"
    );

    // Reviewed, the met requirements are no longer asked; the unstated one is, as silence.
    let (_dir, paths) = home_with(&delta().replace("    draft: true\n", ""));
    let records = followup_csv(&paths);
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(
        records[1][3].contains("Your documents say nothing on this"),
        "{:?}",
        records[1]
    );
    assert!(
        !records[1][5].contains("not yet confirmed"),
        "{:?}",
        records[1]
    );
}
