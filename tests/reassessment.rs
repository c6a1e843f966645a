//! A vendor over time: when it was last assessed, when it is due again (委託先の定期評価), the
//! `R` key that shows the vendors due, and `kurabe due`.

mod common;

use common::home::{kurabe, temp_home, type_keys};
use common::screen::{fixture_app, screen};
use kurabe::catalog::Lang;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

fn ids(app: &kurabe::tui::app::App) -> Vec<String> {
    app.spec
        .vendors
        .iter()
        .map(|&v| app.catalog.vendors[v].id().to_string())
        .collect()
}

#[test]
fn r_shows_the_vendors_due_and_again_every_vendor() {
    // On 2026-01-15, every 12 months: alpha (2025-10-01) is current, beta (2024-06) and gamma
    // (2019-04-01) are due.
    let mut app = fixture_app(160, 45, Lang::En);
    let shown = screen(&app);
    assert!(shown.contains("2 Beta Systems ⚠due"), "{shown}");
    assert!(!shown.contains("Alpha Cloud ⚠due"), "{shown}");
    type_keys(&mut app, "R");
    assert_eq!(ids(&app), ["beta", "gamma"]);
    let message = app.status.message.clone().unwrap();
    assert!(
        message
            .text
            .starts_with("2 vendors due for re-assessment (every 12 months)"),
        "{message:?}"
    );
    assert!(!screen(&app).contains("Alpha Cloud"));
    type_keys(&mut app, "R");
    assert_eq!(ids(&app), ["alpha", "beta", "gamma"]);
    type_keys(&mut app, "LR");
    assert!(app
        .status
        .message
        .clone()
        .unwrap()
        .text
        .starts_with("再評価の時期が来た事業者 2 社(12か月ごと)"));
    assert!(screen(&app).contains("⚠要再評価"));
}

#[test]
fn with_a_longer_period_nobody_is_due_and_r_changes_nothing() {
    let mut app = fixture_app(160, 45, Lang::En);
    app.spec.reassess_after_months = Some(120);
    type_keys(&mut app, "R");
    assert_eq!(ids(&app), ["alpha", "beta", "gamma"]);
    assert_eq!(
        app.status.message.clone().unwrap().text,
        "No vendor is due for re-assessment (every 120 months)."
    );
    assert!(!screen(&app).contains("⚠due"));
}

/// The rows of the first table of a markdown text, cell texts joined.
fn table_rows(md: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap()),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                rows.push(std::mem::take(&mut row))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if h.as_ref() == "<br>" => {
                if let Some(c) = cell.as_mut() {
                    c.push('\n');
                }
            }
            _ => {}
        }
    }
    rows
}

#[test]
fn kurabe_due_lists_the_vendors_due_most_overdue_first_and_those_without_a_date() {
    let (_dir, paths) = temp_home();
    let out = kurabe(&paths, &["due", "--today", "2026-12-07"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let rows = table_rows(&md);
    assert_eq!(
        rows[0],
        ["Vendor", "Last assessed", "Next due", "Due", "Documents"]
    );
    let firsts: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        firsts,
        [
            (
                "Quality Soft Corporation (qualitysoft)",
                "2025-05-22",
                "⚠ due"
            ),
            (
                "Cyber Solutions Inc. (cybersolutions)",
                "2026-05-07",
                "⚠ due"
            ),
            ("QUALITIA CO., LTD. (qualitia)", "2026-07-01", "⚠ due"),
            ("Cybozu, Inc. (cybozu)", "—", "? no date"),
        ]
    );
    assert_eq!(rows[1][1], "2024-05-22 (documents' date)");
    assert_eq!(
        rows[2][4],
        "クラウドサービス セキュリティガイドライン v1.8, 2023-09\nセキュリティチェックシート, 2025-05-07"
    );
}

#[test]
fn kurabe_due_counts_the_configured_months_and_writes_json() {
    let (_dir, paths) = temp_home();
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_file(), "reassess_after_months: 24\n").unwrap();
    let out = kurabe(
        &paths,
        &["due", "--today", "2026-12-07", "--format", "json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["reassess_after_months"], 24);
    let vendors: Vec<(&str, bool)> = json["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["id"].as_str().unwrap(), v["due"].as_bool().unwrap()))
        .collect();
    assert_eq!(vendors, [("qualitysoft", true), ("cybozu", false)]);
    assert_eq!(json["vendors"][0]["due_on"], "2026-05-22");
    assert_eq!(json["vendors"][0]["assessed_by"], "documents");
    // The flag wins over the config; --all lists every vendor.
    let out = kurabe(
        &paths,
        &[
            "due",
            "--today",
            "2026-12-07",
            "--format",
            "json",
            "--all",
            "--reassess-after-months",
            "36",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["vendors"].as_array().unwrap().len(), 4);
    assert!(json["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["due"] == false));
    let out = kurabe(&paths, &["due", "--today", "2026-02-30"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--today `2026-02-30` is not a date"));
}

#[test]
fn an_assessment_date_that_is_no_date_is_refused_with_file_line_and_column() {
    let (_dir, paths) = temp_home();
    let out = kurabe(&paths, &["new-vendor", "acme"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = paths.vendors_dir().join("acme.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen(
        "  id: acme\n",
        "  id: acme\n  assessed: \"2026-13-01\"\n",
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let line = text.lines().position(|l| l.contains("assessed:")).unwrap() + 1;
    let out = kurabe(&paths, &["check"]);
    assert!(!out.status.success());
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!(
            "acme.yaml:{line}:13: invalid assessment date `2026-13-01`"
        )),
        "{said}"
    );
}

#[test]
fn the_markdown_export_says_when_each_vendor_was_assessed_and_is_due() {
    let (_dir, paths) = temp_home();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui");
    let out = kurabe(
        &paths,
        &[
            "--data",
            fixture,
            "export",
            "--today",
            "2026-01-15",
            "--query",
            "deletion",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let mut items = Vec::new();
    let mut item: Option<String> = None;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Item) => item = Some(String::new()),
            Event::End(TagEnd::Item) => items.extend(item.take()),
            Event::Text(t) => {
                if let Some(i) = item.as_mut() {
                    i.push_str(&t)
                }
            }
            _ => {}
        }
    }
    assert!(
        items.contains(
            &"Alpha Cloud: assessed 2025-10-01 (its documents' date), next due 2026-10-01"
                .to_string()
        ),
        "{items:?}"
    );
    assert!(
        items.contains(&"Beta Systems: assessed 2024-06-01 (its documents' date), next due 2025-06-01 ⚠ due for re-assessment".to_string()),
        "{items:?}"
    );
}
