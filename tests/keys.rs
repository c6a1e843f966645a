//! The key table against what the user sees: the README's table, the `?` help on screen in
//! both languages, and every key that works being listed.

mod common;

use common::screen::{fixture_app, press, screen, type_keys};
use kurabe::catalog::Lang;
use kurabe::tui::app::InputKind;
use kurabe::tui::keymap::{
    help_lines, readme_table, resolve, HelpLine, Key, ALL_MODES, BINDINGS, README_END, README_START,
};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

/// The README's text between the key table's markers.
fn readme_keys(readme: &str) -> Option<&str> {
    let start = readme.find(README_START)? + README_START.len();
    let end = readme[start..].find(README_END)? + start;
    Some(readme[start..end].trim_matches('\n'))
}

#[test]
fn the_readme_key_table_is_the_generated_one() {
    let readme = readme();
    let table = readme_keys(&readme).expect("README.md has the key table's marker comments");
    let generated = readme_table();
    let generated = generated.trim_end();
    if table != generated {
        let first = table
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(table.lines().count().min(generated.lines().count()));
        panic!(
            "README.md's key table differs from the key table from line {} of the table on:\n\
             README:    {:?}\ngenerated: {:?}\nprint the new one with \
             `cargo test --test keys -- --ignored --nocapture print_readme_table` and paste \
             it over the old one, markers included",
            first + 1,
            table.lines().nth(first),
            generated.lines().nth(first)
        );
    }
}

/// Prints the README's key table, markers included, to paste into README.md.
#[test]
#[ignore = "a tool for developers: prints the README key table"]
fn print_readme_table() {
    println!("{README_START}\n{}{README_END}", readme_table());
}

/// The whole help, scrolled through a page at a time, as one text.
fn help_on_screen(width: u16, height: u16, lang: Lang) -> String {
    let mut app = fixture_app(width, height, lang);
    type_keys(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..help_lines(lang).len() {
        seen.push_str(&screen(&app));
        seen.push('\n');
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(
        app.input.kind(),
        InputKind::Help,
        "scrolling keeps the help open"
    );
    type_keys(&mut app, "x");
    assert_eq!(app.input.kind(), InputKind::Normal, "another key closes it");
    seen
}

#[test]
fn the_help_on_screen_lists_every_binding_in_the_ui_language_at_both_sizes() {
    for lang in [Lang::En, Lang::Ja] {
        for (width, height) in [(80, 24), (160, 45)] {
            let seen = help_on_screen(width, height, lang);
            for b in BINDINGS {
                let keys = b.key_labels(lang);
                let help = b.help.get(lang);
                assert!(
                    seen.lines()
                        .any(|l| l.contains(&format!("{keys} ")) && l.contains(help)),
                    "{width}x{height} {lang:?}: the help lacks `{keys}  {help}`:\n{seen}"
                );
            }
        }
    }
    let en = help_on_screen(160, 45, Lang::En);
    assert!(en.contains("In the note editor") && !en.contains("メモ編集で"));
    let ja = help_on_screen(160, 45, Lang::Ja);
    assert!(ja.contains("メモ編集で") && !ja.contains("In the note editor"));
}

#[test]
fn the_keys_that_used_to_be_missing_are_in_the_help() {
    let listed: Vec<String> = help_lines(Lang::En)
        .into_iter()
        .filter_map(|l| match l {
            HelpLine::Key { keys, .. } => Some(keys),
            _ => None,
        })
        .collect();
    for key in ["Home", "End", "Ctrl-U", "Shift-Tab", "mouse"] {
        assert!(
            listed.iter().any(|k| k.split(' ').any(|k| k == key)),
            "{key} is not in the help: {listed:?}"
        );
    }
}

/// Every key a terminal sends that resolves to something in a mode is listed in that mode's
/// part of the table, by name or by its class (text, digits, any other key).
#[test]
fn every_key_that_works_is_listed_for_its_mode() {
    let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
    codes.extend(['あ', '日'].map(KeyCode::Char));
    codes.extend([
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::F(1),
    ]);
    for &mode in ALL_MODES {
        let listed: Vec<Key> = BINDINGS
            .iter()
            .filter(|b| b.modes.contains(&mode))
            .flat_map(|b| b.keys.iter().map(|(k, _)| *k))
            .collect();
        for &code in &codes {
            for modifiers in [KeyModifiers::NONE, KeyModifiers::CONTROL] {
                if resolve(KeyEvent::new(code, modifiers), mode).is_none() {
                    continue;
                }
                let ctrl = modifiers == KeyModifiers::CONTROL;
                let named = listed.iter().any(|k| match (k, code) {
                    (Key::Ctrl(c), KeyCode::Char(d)) => ctrl && *c == d,
                    (Key::Char(c), KeyCode::Char(d)) => !ctrl && *c == d,
                    (Key::Code(c), _) => !ctrl && *c == code,
                    (Key::Digit, KeyCode::Char('1'..='9')) => !ctrl,
                    (Key::Text, KeyCode::Char(_)) => !ctrl,
                    (Key::Any, _) => !ctrl,
                    _ => false,
                });
                assert!(
                    named,
                    "{code:?} {modifiers:?} works in {mode:?} but is not listed"
                );
            }
        }
    }
}

#[test]
fn over_the_help_the_wheel_scrolls_it_and_a_click_closes_it() {
    use kurabe::tui::action::Action;
    use kurabe::tui::action_for;
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 5,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut app = fixture_app(80, 24, Lang::En);
    type_keys(&mut app, "?");
    assert_eq!(
        action_for(&mouse(MouseEventKind::ScrollDown), &app),
        Some(Action::HelpScroll {
            down: true,
            page: false
        })
    );
    assert_eq!(
        action_for(&mouse(MouseEventKind::Down(MouseButton::Left)), &app),
        Some(Action::ToggleHelp)
    );
    type_keys(&mut app, "?");
    assert_eq!(app.input.kind(), InputKind::Normal);
    assert_eq!(
        action_for(&mouse(MouseEventKind::Down(MouseButton::Left)), &app),
        Some(Action::ClickAt { column: 10, row: 5 })
    );
}

#[test]
fn q_and_esc_close_the_help_and_every_picker_and_only_the_browser_quits_on_q() {
    for close in [KeyCode::Char('q'), KeyCode::Esc] {
        let mut app = fixture_app(80, 24, Lang::Ja);
        common::screen::with_ui_profiles(&mut app);
        for (open, kind) in [
            ("?", InputKind::Help),
            ("c", InputKind::CategoryPicker),
            ("e", InputKind::ExportPicker),
            ("p", InputKind::ProfilePicker),
        ] {
            type_keys(&mut app, open);
            assert_eq!(app.input.kind(), kind, "{open}");
            press(&mut app, close);
            assert_eq!(app.input.kind(), InputKind::Normal, "{open} then {close:?}");
            assert!(!app.quit, "{close:?} in {kind:?} quit the app");
        }
        type_keys(&mut app, "q");
        assert!(app.quit, "q in the browser quits");
    }
}

#[test]
fn ctrl_u_empties_the_query_and_stays_in_the_search_box() {
    let mut app = fixture_app(80, 24, Lang::En);
    type_keys(&mut app, "/encr");
    assert_eq!(app.spec.query, "encr");
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let action = resolve(ctrl_u, app.input.kind()).expect("Ctrl-U works in the search box");
    kurabe::tui::update::update(&mut app, action);
    assert_eq!(app.spec.query, "");
    assert_eq!(app.input.kind(), InputKind::Search);
    type_keys(&mut app, "log");
    assert_eq!(app.spec.query, "log", "typing goes on in the search box");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        (app.spec.query.as_str(), app.input.kind()),
        ("", InputKind::Normal)
    );
}
