//! `kurabe search QUERY`: the real binary lists what the app's results list shows, in its
//! order, on the same home; its formats read back; bad input is a message.

mod common;

use common::home::{kurabe, open_app, temp_home};
use common::screen::type_keys;
use kurabe::tui::app::App;

/// The app's results list for `query`, typed after `/`, as control ids.
fn app_list(app: &mut App, query: &str) -> Vec<String> {
    type_keys(app, &format!("/{query}"));
    let ids = app
        .view()
        .visible
        .iter()
        .map(|&c| app.catalog.controls[c].control.id.clone())
        .collect();
    // Esc clears the query for the next one.
    common::screen::press(app, ratatui::crossterm::event::KeyCode::Esc);
    ids
}

fn command_json(paths: &kurabe::paths::Paths, args: &[&str]) -> serde_json::Value {
    let out = kurabe(paths, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the output is JSON")
}

fn ids_of(json: &serde_json::Value) -> Vec<String> {
    json["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn the_command_lists_what_the_app_lists_in_the_same_order() {
    let (_dir, paths) = temp_home();
    let mut app = open_app(&paths, 160, 45);
    for query in [
        "iso27017",
        "ISO 27017",
        "認証",
        "abc",
        "deletion",
        "backup 世代",
    ] {
        let listed = app_list(&mut app, query);
        assert!(!listed.is_empty(), "{query:?}");
        let mut args = vec!["search", "--format", "json"];
        args.extend(query.split(' '));
        let json = command_json(&paths, &args);
        assert_eq!(ids_of(&json), listed, "{query:?}");
        assert_eq!(json["query"], query);
    }
}

#[test]
fn the_text_format_is_one_line_per_control_with_the_vendors_that_matched() {
    let (_dir, paths) = temp_home();
    let out = kurabe(&paths, &["search", "27017", "--limit", "3"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines.iter().all(|cells| cells.len() == 3), "{text}");
    assert_eq!(lines[0][..2], ["certifications", "Certifications held"]);
    // QUALITIA names only its ISMS-AC cloud security scheme, which certifies 27017.
    assert!(lines[0][2].contains("QUALITIA"), "{text}");
    // The crosswalk lists 27017 for the controls after it, not a vendor's text.
    assert_eq!(lines[1][2], "", "{text}");
}

#[test]
fn vendors_narrow_the_search_and_markdown_names_them_in_japanese() {
    let (_dir, paths) = temp_home();
    let json = command_json(
        &paths,
        &[
            "search",
            "27017",
            "--vendors",
            "qualitia",
            "--format",
            "json",
        ],
    );
    let first = &json["results"][0];
    assert_eq!(first["id"], "certifications");
    assert_eq!(first["vendors"][0]["id"], "qualitia");
    assert_eq!(first["vendors"].as_array().unwrap().len(), 1);
    let out = kurabe(
        &paths,
        &[
            "search", "認証", "--format", "md", "--lang", "ja", "--limit", "2",
        ],
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let rows = common::table_cells(&md);
    assert_eq!(rows.len(), 3, "a header and two rows: {md}");
    assert_eq!(rows[0][1], "管理策", "{md}");
    assert!(
        rows[1][1].contains("認証") && rows[2][1].contains("認証"),
        "{md}"
    );
    assert!(rows[1][3].contains("株式会社"), "{md}");
}

#[test]
fn an_unknown_vendor_or_an_empty_query_is_a_message() {
    let (_dir, paths) = temp_home();
    let out = kurabe(&paths, &["search", "x", "--vendors", "nope"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no vendor `nope`") && err.contains("cybozu"),
        "{err}"
    );
    let out = kurabe(&paths, &["search", " "]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("give a query"));
}
