//! Requirements in the browser, on the UI fixture catalogue and its profile
//! (`tests/fixtures/ui/requirements/ui-standard.yaml`: alpha meets both musts, beta fails both,
//! gamma leaves one to check and one unstated), driven by keys on TestBackend.

mod common;

use common::screen::{fixture_app, press, screen, type_keys, with_ui_profiles};
use common::table_cells;
use kurabe::catalog::Lang;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, InputKind};
use kurabe::tui::run_effect;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use kurabe::tui::update::{update, Effect};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use ratatui::Terminal;

/// The app at `width`x`height` with the UI standard picked through `p`, the message it leaves
/// cleared.
fn judged(width: u16, height: u16, lang: Lang) -> App {
    let mut app = fixture_app(width, height, lang);
    with_ui_profiles(&mut app);
    type_keys(&mut app, "pj");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    app
}

fn vendor_ids(app: &App) -> Vec<&str> {
    app.spec
        .vendors
        .iter()
        .map(|&v| app.catalog.vendors[v].id())
        .collect()
}

fn visible_controls(app: &App) -> Vec<String> {
    app.view()
        .visible
        .iter()
        .map(|&c| app.catalog.controls[c].control.id.clone())
        .collect()
}

/// The screen drawn in colour.
fn coloured(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.browser.width, app.browser.height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Theme { color: true }))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The foreground colour of the first cell where `text` starts on the screen.
fn colour_of(buffer: &Buffer, text: &str) -> Option<Color> {
    let first = text.chars().next()?.to_string();
    let rest: String = text.chars().skip(1).collect();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            if buffer[(x, y)].symbol() != first {
                continue;
            }
            let follows: String = (x + 1..buffer.area.width)
                .take(rest.chars().count())
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            if follows == rest {
                return Some(buffer[(x, y)].fg);
            }
        }
    }
    None
}

#[test]
fn the_picker_lists_none_and_the_loaded_profiles_and_the_status_line_names_the_active_one() {
    let mut app = fixture_app(160, 45, Lang::En);
    with_ui_profiles(&mut app);
    type_keys(&mut app, "p");
    assert_eq!(app.input.kind(), InputKind::ProfilePicker);
    let shown = screen(&app);
    assert!(shown.contains("● none (answers are not judged)"), "{shown}");
    assert!(shown.contains("○ UI standard (ui-standard)"), "{shown}");
    type_keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.input.kind(), InputKind::Normal);
    assert_eq!(
        app.spec.requirements.as_ref().map(|p| p.id.as_str()),
        Some("ui-standard")
    );
    press(&mut app, KeyCode::Esc);
    let status = screen(&app).lines().nth(43).unwrap_or_default().to_string();
    assert!(status.contains("Requirements: UI standard"), "{status}");
    // Back to none: nothing is judged any more.
    type_keys(&mut app, "p");
    assert!(screen(&app).contains("● UI standard (ui-standard)"));
    type_keys(&mut app, "k");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.spec.requirements, None);
    assert!(!screen(&app).contains("✗ fails"));
}

#[test]
fn every_answer_shows_its_outcome_with_symbol_reason_and_what_is_asked() {
    let app = judged(160, 45, Lang::En);
    let shown = screen(&app);
    for expected in [
        "✓ meets (must): at most 45 days",
        "30 days is within 45 days",
        "✗ fails (must): at most 45 days",
        "60 days is more than 45 days",
        "? check (must): at most 45 days",
    ] {
        assert!(shown.contains(expected), "lacks {expected}:\n{shown}");
    }
    let ja = screen(&judged(160, 45, Lang::Ja));
    assert!(ja.contains("✗ 不適合 (必須)"), "{ja}");
}

#[test]
fn outcome_badges_are_coloured_and_keep_their_symbols_without_colour() {
    let app = judged(160, 45, Lang::En);
    let buffer = coloured(&app);
    assert_eq!(colour_of(&buffer, "✗ fails (must)"), Some(Color::Red));
    assert_eq!(colour_of(&buffer, "✓ meets (must)"), Some(Color::Green));
    assert_eq!(colour_of(&buffer, "? check (must)"), Some(Color::Yellow));
    // Without colour (NO_COLOR) the same words and symbols are there.
    let plain = screen(&app);
    assert!(plain.contains("✗ fails (must)") && plain.contains("✓ meets (must)"));
}

#[test]
fn vendor_columns_carry_their_scorecards_compacted_to_fit() {
    let app = judged(160, 45, Lang::En);
    let shown = screen(&app);
    assert!(shown.contains("must ✓2 ✗0 ?0 –0"), "{shown}");
    assert!(shown.contains("must ✓0 ✗2 ?0 –0"), "{shown}");
    assert!(shown.contains("must ✓0 ✗0 ?1 –1"), "{shown}");
    assert!(shown.contains("should ✓0 ✗0 ?0 –2"), "{shown}");
    // One vendor shown: its column is wide enough for the words.
    let mut one = judged(160, 45, Lang::En);
    type_keys(&mut one, "13");
    let shown = screen(&one);
    assert!(
        shown.contains("must: 0 meets · 2 fails · 0 check · 0 not stated"),
        "{shown}"
    );
}

#[test]
fn the_matrix_marks_and_colours_each_cell_by_its_worst_outcome() {
    let mut app = judged(160, 45, Lang::En);
    type_keys(&mut app, "v");
    let shown = screen(&app);
    assert!(shown.contains("│✓ 30 days"), "{shown}");
    assert!(shown.contains("│✗ 60 days"), "{shown}");
    assert!(shown.contains("│– not stated"), "{shown}");
    let buffer = coloured(&app);
    assert_eq!(colour_of(&buffer, "✗ 60 days"), Some(Color::Red));
    assert_eq!(colour_of(&buffer, "✓ 30 days"), Some(Color::Green));
    assert_eq!(colour_of(&buffer, "– not stated"), Some(Color::Magenta));
}

#[test]
fn x_shows_only_controls_a_vendor_fails_and_u_only_those_left_open() {
    let mut app = judged(160, 45, Lang::En);
    type_keys(&mut app, "x");
    assert_eq!(
        visible_controls(&app),
        ["deletion-timing", "certifications"]
    );
    let status = screen(&app).lines().nth(43).unwrap_or_default().to_string();
    assert!(
        status.contains("only where a vendor fails a requirement"),
        "{status}"
    );
    type_keys(&mut app, "xu");
    assert_eq!(
        visible_controls(&app),
        [
            "deletion-timing",
            "backup-generations",
            "availability-target",
            "certifications"
        ]
    );
    // Hiding the vendors that leave anything open leaves only alpha, which leaves nothing.
    type_keys(&mut app, "23");
    assert!(visible_controls(&app).is_empty());
    assert!(screen(&app).contains("No control matches."));
}

#[test]
fn the_outcome_filters_need_a_profile_and_say_so() {
    let mut app = fixture_app(160, 45, Lang::En);
    with_ui_profiles(&mut app);
    type_keys(&mut app, "x");
    assert!(!app.spec.only_failing);
    let shown = screen(&app);
    assert!(
        shown.contains("Pick a requirements profile first (p)."),
        "{shown}"
    );
    // Leaving the profile turns the filters off: without one they would hide everything.
    let mut app = judged(160, 45, Lang::En);
    type_keys(&mut app, "xu");
    type_keys(&mut app, "p");
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    assert!(!app.spec.only_failing && !app.spec.only_unresolved);
    assert_eq!(visible_controls(&app).len(), 6);
}

#[test]
fn o_orders_vendors_by_must_failures_then_by_what_is_left_open() {
    let mut app = judged(160, 45, Lang::En);
    assert_eq!(vendor_ids(&app), ["alpha", "beta", "gamma"]);
    // The cursor is on beta and stays on it.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    type_keys(&mut app, "o");
    assert_eq!(vendor_ids(&app), ["alpha", "gamma", "beta"]);
    assert_eq!(
        app.current_vendor().map(|v| app.catalog.vendors[v].id()),
        Some("beta")
    );
    let header = screen(&app)
        .lines()
        .find(|l| l.contains("Alpha Cloud"))
        .unwrap_or_default()
        .to_string();
    let (alpha, gamma, beta) = (
        header.find("Alpha").unwrap(),
        header.find("Gamma").unwrap(),
        header.find("Beta").unwrap(),
    );
    assert!(alpha < gamma && gamma < beta, "{header}");
    // Ordered already: a second time changes nothing.
    type_keys(&mut app, "o");
    assert_eq!(vendor_ids(&app), ["alpha", "gamma", "beta"]);
}

#[test]
fn capital_f_writes_the_selected_vendors_follow_up_sheet_which_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = judged(160, 45, Lang::En);
    app.files.export_dir = dir.path().to_path_buf();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    let effects = update(&mut app, Action::WriteFollowup);
    let [effect @ Effect::Export { .. }] = effects.as_slice() else {
        panic!("F asks for one file: {effects:?}");
    };
    let report = run_effect(effect.clone());
    let Action::Exported(Ok(path)) = &report else {
        panic!("the sheet is written: {report:?}");
    };
    update(&mut app, report.clone());
    assert!(
        path.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("kurabe-followup-beta-ui-standard"),
        "{path:?}"
    );
    assert!(screen(&app).contains(&path.display().to_string()[..40]));
    let md = std::fs::read_to_string(path).unwrap();
    let rows = table_cells(&md);
    // Headings, then one question per requirement beta does not meet.
    assert_eq!(rows.len(), 5, "{md}");
    assert_eq!(rows[0][0], "No.");
    let numbers: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    assert!(rows[1][4].contains("✗ 不適合 / fails"), "{:?}", rows[1]);
    assert!(
        rows[1..].iter().all(|r| r[6].is_empty()),
        "answers left empty"
    );
}

#[test]
fn capital_f_without_a_profile_writes_nothing_and_says_why() {
    let mut app = fixture_app(160, 45, Lang::En);
    let effects = update(&mut app, Action::WriteFollowup);
    assert!(effects.is_empty());
    assert!(screen(&app).contains("No requirements profile loaded"));
}
