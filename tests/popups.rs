//! Every pop-up at 80x24 in Japanese, over a comparison full of double-width text: its borders
//! and corners stay whole on every row (a character of the screen beneath cut by the pop-up's
//! edge used to hide the left border and run into the pop-up).

mod common;

use common::screen::{assert_popup_whole, press, screen, type_keys};
use kurabe::catalog::load_dir;
use kurabe::catalog::Lang;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, InputKind};
use kurabe::tui::update::update;
use ratatui::crossterm::event::KeyCode;

/// The app at 80x24 in Japanese on the pop-up tests' catalogue (`tests/fixtures/popups/`: long
/// Japanese titles on every row of the list), its one category open and a control selected.
fn over_japanese_titles() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/popups");
    let loaded = load_dir(&dir).expect("the pop-up fixture catalogue loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::new(loaded.catalog, loaded.problems);
    app.spec.today = Some(common::screen::TODAY);
    app.spec.lang = Lang::Ja;
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "jjjjjjj");
    app
}

fn check(name: &str, keys: &str, kind: InputKind, title: &str) {
    let mut app = over_japanese_titles();
    type_keys(&mut app, keys);
    assert_eq!(app.input.kind(), kind, "{keys}");
    let shown = screen(&app);
    assert_popup_whole(&shown, title);
    insta::assert_snapshot!(format!("{name}_ja_80x24"), shown);
}

#[test]
fn the_category_picker_holds_over_japanese_text() {
    check(
        "category_picker",
        "c",
        InputKind::CategoryPicker,
        "カテゴリへ移動",
    );
}

#[test]
fn the_export_picker_holds_over_japanese_text() {
    check(
        "export_picker",
        "e",
        InputKind::ExportPicker,
        "書き出す形式",
    );
}

#[test]
fn the_requirements_picker_holds_over_japanese_text() {
    check(
        "requirements_picker",
        "p",
        InputKind::ProfilePicker,
        "社内基準",
    );
}

#[test]
fn the_help_holds_over_japanese_text() {
    check("help", "?", InputKind::Help, "キー操作");
}

#[test]
fn the_note_editor_holds_over_japanese_text() {
    check("note", "n", InputKind::Note, "メモ:");
}
