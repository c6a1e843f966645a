//! Whole-screen snapshots of the browser after key steps, on the tests' own catalogue
//! (`tests/fixtures/ui/`, so data edits do not move them), at 80x24 and 160x45, in English and
//! Japanese, on a fixed date.
//!
//! After a deliberate change of the screen, re-accept every snapshot with one command and
//! review the result with `git diff tests/snapshots/`:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test --test ui_snapshots
//! ```

mod common;

use common::screen::{fixture_app, press, screen, type_keys};
use kurabe::catalog::Lang;
use ratatui::crossterm::event::KeyCode;

/// A key step: text typed one char at a time, or a named key.
enum Step {
    Type(&'static str),
    Press(KeyCode),
}
use Step::{Press, Type};

/// Key steps from the start, each one snapshot per size and language.
const SCENARIOS: &[(&str, &[Step], &[Lang])] = &[
    ("start", &[], &[Lang::En, Lang::Ja]),
    ("move", &[Type("j")], &[Lang::En]),
    (
        "open_control",
        &[
            Type("jj"),
            Press(KeyCode::Enter),
            Type("j"),
            Press(KeyCode::Enter),
        ],
        &[Lang::En, Lang::Ja],
    ),
    (
        "search_japanese",
        &[Type("/暗号"), Press(KeyCode::Enter)],
        &[Lang::En, Lang::Ja],
    ),
    ("matrix", &[Type("v")], &[Lang::En, Lang::Ja]),
    ("help", &[Type("?")], &[Lang::En, Lang::Ja]),
    (
        "help_scrolled",
        &[Type("?"), Press(KeyCode::PageDown)],
        &[Lang::En],
    ),
    ("to_japanese", &[Type("L")], &[Lang::En]),
];

const SIZES: &[(u16, u16)] = &[(80, 24), (160, 45)];

fn run(name: &str) {
    let (_, steps, langs) = SCENARIOS
        .iter()
        .find(|(n, _, _)| *n == name)
        .expect("a scenario of that name");
    for &lang in *langs {
        for &(width, height) in SIZES {
            let mut app = fixture_app(width, height, lang);
            for step in *steps {
                match step {
                    Type(text) => type_keys(&mut app, text),
                    Press(code) => press(&mut app, *code),
                }
            }
            let snapshot = format!("{name}_{}_{width}x{height}", lang.code());
            insta::assert_snapshot!(snapshot, screen(&app));
        }
    }
}

#[test]
fn start() {
    run("start");
}

#[test]
fn move_down() {
    run("move");
}

#[test]
fn open_a_control() {
    run("open_control");
}

#[test]
fn search_for_a_japanese_word() {
    run("search_japanese");
}

#[test]
fn category_matrix() {
    run("matrix");
}

#[test]
fn help() {
    run("help");
}

#[test]
fn help_scrolled_down_a_page() {
    run("help_scrolled");
}

#[test]
fn language_toggled_to_japanese() {
    run("to_japanese");
}

/// The UI standard picked with `p` (its message cleared), then `steps`.
fn judged_snapshot(name: &str, lang: Lang, steps: &str) {
    let mut app = fixture_app(160, 45, lang);
    common::screen::with_ui_profiles(&mut app);
    type_keys(&mut app, "pj");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    type_keys(&mut app, steps);
    insta::assert_snapshot!(format!("{name}_{}_160x45", lang.code()), screen(&app));
}

#[test]
fn answers_judged_against_a_requirements_profile() {
    judged_snapshot("requirements", Lang::En, "");
}

#[test]
fn the_matrix_judged_against_a_requirements_profile_in_japanese() {
    judged_snapshot("requirements_matrix", Lang::Ja, "v");
}
