//! Requirements profiles from the user's requirements directory (the KURABE_* directories
//! pointed at temporary folders): the picked profile remembered across a restart, broken
//! profile files shown as load problems, and `kurabe export --requirements`.

mod common;

use common::home::{kurabe, open_app, temp_home, type_keys};
use kurabe::paths::Paths;
use kurabe::tui::persist::Remembered;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requirements")
        .join(name)
}

/// Copies a requirements fixture into the user's requirements directory.
fn install(paths: &Paths, name: &str) {
    std::fs::create_dir_all(paths.requirements_dir()).unwrap();
    std::fs::copy(fixture(name), paths.requirements_dir().join(name)).unwrap();
}

#[test]
fn the_picked_profile_and_its_filters_are_remembered_across_a_restart() {
    let (_dir, paths) = temp_home();
    install(&paths, "all-met-by-cybozu.yaml");
    install(&paths, "kept-profile.yaml");
    let mut app = open_app(&paths, 160, 45);
    assert_eq!(app.pickers.profiles.len(), 2, "{:?}", app.status.problems);
    assert_eq!(app.spec.requirements, None);
    // "none", then the profiles in file-name order: the kept profile is the second.
    type_keys(&mut app, "pjj\nx");
    let picked = app.spec.requirements.as_ref().map(|p| p.id.clone());
    assert_eq!(picked.as_deref(), Some("kept-in-tests"));
    assert!(app.spec.only_failing);
    kurabe::tui::remember(&app);

    let again = open_app(&paths, 160, 45);
    assert_eq!(
        again.spec.requirements.as_ref().map(|p| p.id.as_str()),
        Some("kept-in-tests")
    );
    assert!(again.spec.only_failing);
    assert!(!again.spec.only_unresolved);
}

#[test]
fn a_state_file_from_before_profiles_still_loads_and_a_vanished_profile_is_forgotten() {
    let (_dir, paths) = temp_home();
    std::fs::create_dir_all(&paths.state_dir).unwrap();
    std::fs::write(
        paths.state_file(),
        "control: deletion-timing\nvendors: [cybozu]\nlanguage: en\nmatrix: false\n",
    )
    .unwrap();
    let old = Remembered::load(&paths.state_file()).unwrap().unwrap();
    assert_eq!(old.profile, None);
    std::fs::write(
        paths.state_file(),
        "profile: gone-away\nonly_failing: true\nlanguage: en\n",
    )
    .unwrap();
    let app = open_app(&paths, 160, 45);
    assert_eq!(app.spec.requirements, None);
    assert!(
        !app.spec.only_failing,
        "a filter without its profile would hide everything"
    );
    assert!(app.status.problems.is_empty(), "{:?}", app.status.problems);
}

#[test]
fn a_profile_file_that_does_not_load_is_shown_like_every_load_problem() {
    let (_dir, paths) = temp_home();
    install(&paths, "kept-profile.yaml");
    install(&paths, "bad-level.yaml");
    let app = open_app(&paths, 160, 45);
    assert_eq!(app.pickers.profiles.len(), 1);
    let problem = app
        .status
        .problems
        .iter()
        .find(|p| p.file.ends_with("bad-level.yaml"))
        .unwrap_or_else(|| panic!("{:?}", app.status.problems));
    assert!(problem.line > 0 && problem.column > 0, "{problem:?}");
    let shown = {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).unwrap();
        terminal
            .draw(|f| kurabe::tui::ui::draw(f, &app, &kurabe::tui::theme::Theme { color: false }))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..buffer.area.width)
            .map(|x| buffer[(x, 43)].symbol().to_string())
            .collect::<String>()
    };
    assert!(shown.contains("bad-level.yaml:"), "{shown}");
}

#[test]
fn export_with_requirements_puts_the_outcomes_in_markdown_and_json() {
    let (_dir, paths) = temp_home();
    install(&paths, "kept-profile.yaml");
    let md = kurabe(
        &paths,
        &[
            "export",
            "--requirements",
            "kept-in-tests",
            "--control",
            "deletion-timing",
            "--today",
            "2026-11-21",
        ],
    );
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("- Requirements: Kept in the tests (kept-in-tests)"),
        "{md}"
    );
    assert!(md.contains("✓ meets") && md.contains("✗ fails"), "{md}");

    // By file, with the failing filter: only controls a vendor fails.
    let file = fixture("kept-profile.yaml");
    let failing = kurabe(
        &paths,
        &[
            "export",
            "--requirements",
            file.to_str().unwrap(),
            "--only-failing",
        ],
    );
    assert!(
        failing.status.success(),
        "{}",
        String::from_utf8_lossy(&failing.stderr)
    );
    let failing = String::from_utf8(failing.stdout).unwrap();
    assert!(
        failing.contains("only where a vendor fails a requirement"),
        "{failing}"
    );
    assert!(failing.contains("- Controls: 2"), "{failing}");

    let json = kurabe(
        &paths,
        &[
            "export",
            "--format",
            "json",
            "--requirements",
            "kept-in-tests",
        ],
    );
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        value["categories"].is_array(),
        "the catalogue's shape is kept"
    );
    let outcomes = &value["requirements"];
    assert_eq!(outcomes["profile"]["id"], "kept-in-tests");
    let cybozu = outcomes["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "cybozu")
        .unwrap();
    assert_eq!(cybozu["outcomes"][0]["outcome"], "meets");
    // Without --requirements the JSON has no such field.
    let plain = kurabe(&paths, &["export", "--format", "json"]);
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(plain.get("requirements").is_none());
}

#[test]
fn the_outcome_filters_of_export_need_requirements() {
    let (_dir, paths) = temp_home();
    let out = kurabe(&paths, &["export", "--only-failing"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--requirements"), "{err}");
}
