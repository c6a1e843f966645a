//! Reports from a catalogue that left a file out: `kurabe export` refuses unless
//! `--allow-problems`, and then the report names what it left out; the app keeps the warning
//! until it is dismissed and its exports say the same.

mod common;

use common::home::{kurabe, open_app, temp_home};
use kurabe::paths::Paths;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::update::{update, Effect};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use tempfile::TempDir;

/// A home whose vendors directory holds a broken `acme.yaml`.
fn broken_home() -> (TempDir, Paths) {
    let (dir, paths) = temp_home();
    let file = paths.vendors_dir().join("acme.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "vendor:\n  id: acme\n  nmae: x\n").unwrap();
    (dir, paths)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_export_format_refuses_a_catalogue_with_problems_and_says_why() {
    let (_dir, paths) = broken_home();
    for format in ["md", "json"] {
        let out = kurabe(&paths, &["export", "--format", format]);
        assert!(!out.status.success(), "{format}: exported anyway");
        assert!(out.stdout.is_empty(), "{format}: {}", text(&out.stdout));
        let err = text(&out.stderr);
        assert!(err.contains("acme.yaml:3:3"), "{format}: {err}");
        assert!(err.contains("--allow-problems"), "{format}: {err}");
    }
}

#[test]
fn with_allow_problems_the_markdown_says_under_its_heading_what_it_left_out() {
    let (_dir, paths) = broken_home();
    let out = kurabe(
        &paths,
        &[
            "export",
            "--format",
            "md",
            "--control",
            "deletion-timing",
            "--allow-problems",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("1 problem(s)"),
        "{}",
        text(&out.stderr)
    );
    let md = text(&out.stdout);
    let lines: Vec<&str> = md.lines().collect();
    assert!(lines[0].starts_with("# kurabe: "), "{md}");
    assert!(
        lines[2].starts_with("> ⚠ Left out because of problems while loading: ")
            && lines[2].contains("acme.yaml:3:3"),
        "{md}"
    );
    assert!(lines[4].starts_with("- Vendors: "), "{md}");
}

#[test]
fn with_allow_problems_the_json_has_a_problems_field_and_without_problems_none() {
    let (_dir, paths) = broken_home();
    let out = kurabe(&paths, &["export", "--format", "json", "--allow-problems"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = json["problems"].as_array().expect("a problems array");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0]["file"].as_str().unwrap().ends_with("acme.yaml"));
    assert_eq!(problems[0]["line"], 3);
    assert!(json["vendors"].as_array().unwrap().len() >= 4);

    let (_clean, paths) = temp_home();
    let out = kurabe(&paths, &["export", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json.get("problems").is_none(),
        "an extra field only when needed"
    );
}

#[test]
fn asking_for_a_vendor_that_failed_to_load_says_unknown_and_why() {
    let (_dir, paths) = broken_home();
    for extra in [&[][..], &["--allow-problems"][..]] {
        let mut args = vec!["export", "--vendors", "cybozu,acme"];
        args.extend_from_slice(extra);
        let out = kurabe(&paths, &args);
        assert!(!out.status.success());
        let err = text(&out.stderr);
        assert!(err.contains("unknown vendor `acme`"), "{err}");
        assert!(
            err.contains("left out") && err.contains("acme.yaml:3:3"),
            "{err}"
        );
        assert!(
            err.contains("unknown field `nmae`") || err.contains("nmae"),
            "{err}"
        );
    }
}

#[test]
fn a_vendor_named_twice_is_one_column() {
    let (_dir, paths) = temp_home();
    let out = kurabe(
        &paths,
        &[
            "export",
            "--control",
            "deletion-timing",
            "--vendors",
            "cybozu,qualitysoft,cybozu",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    let rows = common::table_cells(&md);
    assert_eq!(rows[0].len(), 3, "control + two vendors: {:?}", rows[0]);
    assert!(
        rows[0][1].contains("Cybozu") && rows[0][2].contains("Quality"),
        "{:?}",
        rows[0]
    );
}

fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    let action = resolve(KeyEvent::new(code, KeyModifiers::NONE), app.input.kind())?;
    update(app, action).into_iter().next()
}

#[test]
fn the_app_keeps_the_load_warning_until_esc_and_its_export_names_the_left_out_file() {
    let (_dir, paths) = broken_home();
    let mut app = open_app(&paths, 160, 45);
    let warned = |app: &App| common::screen::screen(app).contains("acme.yaml:3:3");
    assert!(warned(&app));
    for code in [
        KeyCode::Down,
        KeyCode::Char('d'),
        KeyCode::Char('d'),
        KeyCode::Tab,
    ] {
        press(&mut app, code);
    }
    assert!(warned(&app), "the warning vanished on a key");
    // A newer message is shown beside a short warning.
    press(&mut app, KeyCode::Char('9'));
    let screen = common::screen::screen(&app);
    assert!(
        screen.contains("⚠ 1 load problem(s) · There is no vendor 9"),
        "{screen}"
    );
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Esc);
    assert!(!common::screen::screen(&app).contains("load problem"));
    assert!(!warned(&app), "Esc hides it");
    press(&mut app, KeyCode::Char('e'));
    let Some(Effect::Export { contents, .. }) = press(&mut app, KeyCode::Char('m')) else {
        panic!("no export");
    };
    let contents = String::from_utf8(contents).expect("markdown is UTF-8");
    assert!(
        contents
            .lines()
            .nth(2)
            .is_some_and(|l| l.contains("Left out") && l.contains("acme.yaml:3:3")),
        "{contents}"
    );
    // The same bytes as `kurabe export` for the same view.
    let control = app.catalog.controls[app.current_control(&app.view()).unwrap()]
        .control
        .id
        .clone();
    let out = kurabe(
        &paths,
        &[
            "export",
            "--control",
            &control,
            "--allow-problems",
            "--today",
            &app.spec.today.unwrap().to_string(),
        ],
    );
    assert_eq!(text(&out.stdout), contents);
    assert!(Path::new(&paths.vendors_dir()).exists());
}
