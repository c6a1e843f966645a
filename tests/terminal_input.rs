//! Input that is not one key at a time — pastes, Ctrl-Z — and the note draft kept on the way
//! out, on ratatui's TestBackend. (The same through a real terminal: tests/e2e_terminal.rs.)

mod common;

use common::screen::screen;
use kurabe::catalog::load_embedded;
use kurabe::tui::action::{Action, NoteEdit};
use kurabe::tui::app::{App, InputKind, NavItem};
use kurabe::tui::keymap::{resolve, ALL_MODES};
use kurabe::tui::note::{draft_path, Draft, NOTE_MAX_CHARS};
use kurabe::tui::paste::QUERY_MAX_CHARS;
use kurabe::tui::update::{update, Effect};
use kurabe::tui::{offer_saved_draft, Leftovers};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let loaded = load_embedded().expect("embedded catalogue loads");
    let mut app = App::new(loaded.catalog, loaded.problems);
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 45,
        },
    );
    app
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    let Some(action) = resolve(KeyEvent::new(code, modifiers), app.input.kind()) else {
        return Vec::new();
    };
    update(app, action)
}

fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// Asserts that nothing a key in the paste would have done was done.
fn assert_nothing_done(app: &App, effects: Vec<Effect>) {
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Export { .. } | Effect::SaveReviews { .. })),
        "{effects:?}"
    );
    assert!(!app.quit, "the paste quit");
    assert!(app.reviews.is_empty(), "the paste wrote a verdict");
    assert!(!app.spec.only_differences && !app.spec.only_unstated && app.spec.verdict.is_none());
}

#[test]
fn a_paste_into_the_search_is_the_query_with_its_line_break_as_a_space() {
    let mut app = app();
    type_keys(&mut app, "/");
    let effect = update(&mut app, Action::Paste("deletion timing\nrrdeq".into()));
    assert_nothing_done(&app, effect);
    assert_eq!(app.spec.query, "deletion timing rrdeq");
    assert_eq!(
        app.input.kind(),
        InputKind::Search,
        "the line break was not Enter"
    );
    // A paste ending in a line break does not accept the query either.
    update(&mut app, Action::Paste("\r\n".into()));
    assert_eq!(app.input.kind(), InputKind::Search);
}

#[test]
fn a_paste_while_browsing_does_nothing_but_say_so() {
    let mut app = app();
    let before = (
        app.browser.selected,
        app.spec.vendors.clone(),
        app.browser.mode,
        app.spec.lang,
    );
    let effect = update(&mut app, Action::Paste("deletion timing\nrrdeq".into()));
    assert_nothing_done(&app, effect);
    assert_eq!(
        before,
        (
            app.browser.selected,
            app.spec.vendors.clone(),
            app.browser.mode,
            app.spec.lang
        )
    );
    assert!(app.spec.query.is_empty());
    let message = app.status.message.as_ref().expect("a message");
    assert!(message.text.contains("Pasted text ignored"), "{message:?}");
    assert!(screen(&app).contains("Pasted text ignored"));
}

#[test]
fn the_query_is_cut_at_its_limit_with_a_message() {
    let mut app = app();
    type_keys(&mut app, "/");
    update(&mut app, Action::Paste("ab ".repeat(400)));
    assert_eq!(app.spec.query.chars().count(), QUERY_MAX_CHARS);
    assert!(app.status.message.as_ref().unwrap().text.contains("512"));
    type_keys(&mut app, "x");
    assert_eq!(
        app.spec.query.chars().count(),
        QUERY_MAX_CHARS,
        "typing stops too"
    );
}

/// The app with the note editor open on the first control's first vendor.
fn editing(app: &mut App) {
    type_keys(app, "n");
    assert_eq!(app.input.kind(), InputKind::Note);
}

#[test]
fn a_paste_into_the_note_keeps_its_lines_and_saves_nothing_until_ctrl_s() {
    let mut app = app();
    editing(&mut app);
    let effect = update(&mut app, Action::Paste("deletion timing\r\nrrdeq".into()));
    assert_nothing_done(&app, effect);
    assert_eq!(app.input.note().unwrap().text, "deletion timing\nrrdeq");
    assert_eq!(app.input.kind(), InputKind::Note);
    let effect = press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(effect
        .iter()
        .all(|e| matches!(e, Effect::SaveReviews { .. })));
    assert_eq!(app.input.kind(), InputKind::Normal);
    let vendor = app.catalog.vendors[app.current_vendor().unwrap()].id();
    let control = &app.catalog.controls[app.current_control(&app.view()).unwrap()]
        .control
        .id;
    assert_eq!(
        app.reviews.get(vendor, control).unwrap().note,
        "deletion timing\nrrdeq"
    );
}

#[test]
fn a_40_kb_paste_into_the_note_is_cut_at_the_limit_and_still_edits() {
    let mut app = app();
    editing(&mut app);
    let line = "データは契約終了後30日で削除される。The data is deleted 30 days after.\n";
    let paste = line.repeat(40_000 / line.len() + 1);
    assert!(paste.len() > 40_000);
    update(&mut app, Action::Paste(paste));
    let editor = app.input.note().unwrap();
    assert_eq!(editor.text.chars().count(), NOTE_MAX_CHARS);
    assert!(app.status.message.as_ref().unwrap().text.contains("8000"));
    // Editing the full note still works, key by key, and draws.
    for _ in 0..100 {
        update(&mut app, Action::Note(NoteEdit::Backspace));
    }
    for c in "追記".chars() {
        update(&mut app, Action::Note(NoteEdit::Insert(c)));
    }
    update(&mut app, Action::Note(NoteEdit::Home));
    update(&mut app, Action::Note(NoteEdit::Up));
    let text = &app.input.note().unwrap().text;
    assert_eq!(text.chars().count(), NOTE_MAX_CHARS - 98);
    assert!(text.ends_with("追記"));
    assert!(screen(&app).contains("Note:"));
}

#[test]
fn ctrl_z_suspends_in_every_mode_and_changes_nothing() {
    for &mode in ALL_MODES {
        let action = resolve(
            KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
            mode,
        );
        assert_eq!(action, Some(Action::Suspend), "{mode:?}");
    }
    let mut app = app();
    editing(&mut app);
    type_keys(&mut app, "abc");
    assert!(update(&mut app, Action::Suspend).is_empty());
    assert_eq!(app.input.kind(), InputKind::Note);
    assert_eq!(app.input.note().unwrap().text, "abc");
}

#[test]
fn a_note_left_open_is_kept_as_a_draft_and_offered_back_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state").join("state.yaml");
    let mut first = app();
    first.files.state_path = Some(state.clone());
    type_keys(&mut first, "jjj");
    let control = first.current_control(&first.view()).unwrap();
    editing(&mut first);
    type_keys(&mut first, "要確認: 30 days?");
    // Ctrl-C in the note editor: the app quits, the shell keeps its leftovers.
    press(&mut first, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(first.quit);
    Leftovers::of(&first, false).keep();
    let draft = Draft::load(&draft_path(&state)).unwrap().expect("a draft");
    assert_eq!(draft.text, "要確認: 30 days?");

    let mut second = app();
    second.files.state_path = Some(state.clone());
    assert!(offer_saved_draft(&mut second));
    assert_eq!(second.input.kind(), InputKind::Note);
    assert_eq!(second.browser.selected, Some(NavItem::Control(control)));
    assert_eq!(second.input.note().unwrap().text, "要確認: 30 days?");
    assert!(
        screen(&second).contains("unsaved note"),
        "{}",
        screen(&second)
    );
    // Quitting again with the editor still open keeps the draft.
    Leftovers::of(&second, true).keep();
    assert!(draft_path(&state).exists());
    // Saved (or discarded), the draft goes.
    press(&mut second, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(second.input.kind(), InputKind::Normal);
    Leftovers::of(&second, true).keep();
    assert!(!draft_path(&state).exists());
}

#[test]
fn a_draft_for_an_answer_no_longer_there_stays_in_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.yaml");
    Draft {
        vendor: "gone".into(),
        control: "deletion-timing".into(),
        text: "keep me".into(),
    }
    .save(&draft_path(&state))
    .unwrap();
    let mut app = app();
    app.files.state_path = Some(state.clone());
    assert!(!offer_saved_draft(&mut app));
    assert_eq!(app.input.kind(), InputKind::Normal);
    assert!(app
        .status
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("note-draft.yaml"));
    Leftovers::of(&app, false).keep();
    assert_eq!(
        Draft::load(&draft_path(&state)).unwrap().unwrap().text,
        "keep me"
    );
}
