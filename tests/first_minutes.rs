//! Small things that cost a new user minutes: a vendor just imported is shown (and named) at the
//! next start; `r`, `n` and `a` act on the vendor column the screen highlights, never on one
//! scrolled off; a requirements profile added while kurabe runs is offered by `p`.

mod common;

use common::home::{kurabe, temp_home, type_keys};
use kurabe::catalog::Lang;
use kurabe::paths::Paths;
use kurabe::reviews::Verdict;
use kurabe::session;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, Focus, InputKind, InputMode, NavItem};
use kurabe::tui::theme::Theme;
use kurabe::tui::update::update;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use ratatui::Terminal;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui")
}

/// The app as kurabe starts it on the UI fixture catalogue and the user's files in `paths`.
fn start(paths: &Paths, width: u16, height: u16) -> App {
    let session = session::open(Some(&fixture_dir()), paths.clone()).expect("it loads");
    let mut app = App::from_session(session);
    app.spec.today = Some(common::screen::TODAY);
    update(&mut app, Action::Resize { width, height });
    app
}

fn shown(app: &App) -> Vec<&str> {
    app.spec
        .vendors
        .iter()
        .map(|&v| app.catalog.vendors[v].id())
        .collect()
}

fn message(app: &App) -> String {
    app.status
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// A vendor's document, for `kurabe import`.
const DOCUMENT: &str = "\
Acme Cloud security overview

1. Data deletion
Customer data is deleted 30 days after the contract ends.

2. Backups
Backups are taken daily and seven generations are kept.

3. Encryption
All stored data is encrypted with AES-256.
";

#[test]
fn a_vendor_imported_since_the_last_run_is_shown_and_named_at_the_next_start() {
    let (dir, paths) = temp_home();
    // A first run: Gamma hidden, then kurabe closes.
    let mut app = start(&paths, 160, 45);
    type_keys(&mut app, "3");
    assert_eq!(shown(&app), ["alpha", "beta"]);
    kurabe::tui::remember(&app);
    // The user imports a vendor.
    let document = dir.path().join("acme-overview.txt");
    std::fs::write(&document, DOCUMENT).unwrap();
    let fixtures = fixture_dir().display().to_string();
    let doc = document.display().to_string();
    let out = kurabe(
        &paths,
        &[
            "--data",
            &fixtures,
            "import",
            &doc,
            "--vendor",
            "acme",
            "--name",
            "Acme Cloud",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The next start shows it, says so, and keeps Gamma hidden.
    let app = start(&paths, 160, 45);
    assert_eq!(shown(&app), ["alpha", "beta", "acme"]);
    let said = message(&app);
    assert!(
        said.contains("New since the last run, now shown: 4 Acme Cloud"),
        "{said}"
    );
    let screen = common::screen::screen(&app);
    assert!(screen.contains("4 Acme Cloud"), "its column: {screen}");
    kurabe::tui::remember(&app);
    // Not new any more: no message; hidden by the user, it stays hidden.
    let mut app = start(&paths, 160, 45);
    assert_eq!(shown(&app), ["alpha", "beta", "acme"]);
    assert_eq!(message(&app), "");
    type_keys(&mut app, "4");
    kurabe::tui::remember(&app);
    let app = start(&paths, 160, 45);
    assert_eq!(shown(&app), ["alpha", "beta"]);
    assert_eq!(message(&app), "");
}

#[test]
fn without_a_remembered_list_the_vendors_with_drafts_are_the_new_ones() {
    let (_dir, paths) = temp_home();
    // A state file of an older kurabe (no list of the user's vendors) showing Alpha only.
    std::fs::create_dir_all(&paths.state_dir).unwrap();
    std::fs::write(paths.state_file(), "vendors: [alpha]\n").unwrap();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    let acme = std::fs::read_to_string(fixture_dir().join("vendors/beta.yaml"))
        .unwrap()
        .replace("id: beta", "id: acme")
        .replace("status: stated", "status: stated\n    draft: true");
    std::fs::write(paths.vendors_dir().join("acme.yaml"), acme).unwrap();
    let app = start(&paths, 160, 45);
    assert_eq!(shown(&app), ["alpha", "acme"]);
    assert!(message(&app).contains("now shown"), "{}", message(&app));
    // The configuration's list of vendors does not hide it either, when nothing is remembered.
    std::fs::remove_file(paths.state_file()).unwrap();
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join("config.yaml"), "vendors: [beta]\n").unwrap();
    let app = start(&paths, 160, 45);
    assert_eq!(shown(&app), ["beta", "acme"]);
}

/// The style of the top-left corner of the vendor column whose title starts with `title`.
fn corner_style(app: &App, title: &str) -> Option<ratatui::style::Style> {
    let mut terminal = Terminal::new(TestBackend::new(app.browser.width, app.browser.height))
        .expect("test backend");
    terminal
        .draw(|f| kurabe::tui::ui::draw(f, app, &Theme { color: false }))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let title: Vec<char> = format!("┌{title}").chars().collect();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width.saturating_sub(title.len() as u16) {
            let here = (0..title.len() as u16)
                .all(|i| buffer[(x + i, y)].symbol().starts_with(title[i as usize]));
            if here {
                return Some(buffer[(x, y)].style());
            }
        }
    }
    None
}

fn verdict(app: &App, vendor: &str, control: &str) -> Option<Verdict> {
    app.reviews.get(vendor, control).and_then(|r| r.verdict)
}

#[test]
fn r_n_and_a_act_on_the_highlighted_column_whichever_pane_has_the_keyboard() {
    let mut app = common::screen::fixture_app(80, 24, Lang::En);
    // Deletion after contract end; two of the three columns fit: pick Gamma, the third.
    common::screen::press(&mut app, ratatui::crossterm::event::KeyCode::Tab);
    type_keys(&mut app, "ll");
    assert_eq!(app.current_vendor(), app.catalog.vendor_index("gamma"));
    // Back to the list: Gamma's column stays highlighted (bold), Beta's is dim, Alpha's off screen.
    common::screen::press(&mut app, ratatui::crossterm::event::KeyCode::Tab);
    assert_eq!(app.browser.focus, Focus::List);
    let gamma = corner_style(&app, "3 Gamma").expect("Gamma's column is on screen");
    assert!(gamma.add_modifier.contains(Modifier::BOLD), "{gamma:?}");
    let beta = corner_style(&app, "◀+1 2 Beta").expect("Beta's column is on screen");
    assert!(!beta.add_modifier.contains(Modifier::BOLD), "{beta:?}");
    assert!(corner_style(&app, "1 Alpha").is_none());
    type_keys(&mut app, "r");
    assert_eq!(
        verdict(&app, "gamma", "deletion-timing"),
        Some(Verdict::Acceptable)
    );
    assert_eq!(verdict(&app, "alpha", "deletion-timing"), None);
    assert!(
        message(&app).starts_with("Gamma Hosting"),
        "{}",
        message(&app)
    );
    type_keys(&mut app, "n");
    let InputMode::Note(editor) = &app.input else {
        panic!("the note editor opens")
    };
    assert_eq!(Some(editor.vendor), app.catalog.vendor_index("gamma"));
}

#[test]
fn a_selection_left_off_screen_acts_on_the_column_shown_instead() {
    let mut app = common::screen::fixture_app(80, 24, Lang::En);
    // The columns scrolled to Beta and Gamma while the cursor stayed on Alpha (no key does
    // this today; whatever does, the key acts on what is highlighted).
    app.browser.column_offset = 1;
    app.browser.vendor_cursor = 0;
    assert_eq!(app.current_vendor(), app.catalog.vendor_index("beta"));
    let beta = corner_style(&app, "◀+1 2 Beta").expect("Beta's column is on screen");
    assert!(beta.add_modifier.contains(Modifier::BOLD), "{beta:?}");
    type_keys(&mut app, "r");
    assert_eq!(
        verdict(&app, "beta", "deletion-timing"),
        Some(Verdict::Acceptable)
    );
    assert_eq!(verdict(&app, "alpha", "deletion-timing"), None);
    assert_eq!(app.browser.column_offset, 1, "the screen did not jump");
}

#[test]
fn a_draft_is_opened_on_the_highlighted_column() {
    let (_dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    let acme = std::fs::read_to_string(fixture_dir().join("vendors/beta.yaml"))
        .unwrap()
        .replace("id: beta", "id: acme")
        .replace("status: stated", "status: stated\n    draft: true");
    std::fs::write(paths.vendors_dir().join("acme.yaml"), acme).unwrap();
    let mut app = start(&paths, 80, 24);
    let deletion = app.catalog.control_index("deletion-timing").unwrap();
    app.browser.selected = Some(NavItem::Control(deletion));
    // Alpha, Acme and Gamma shown; the columns show Acme and Gamma, the cursor left on Alpha.
    let catalog = app.catalog.clone();
    let id = |v: &str| catalog.vendor_index(v).unwrap();
    app.spec.vendors = vec![id("alpha"), id("acme"), id("gamma")];
    app.browser.column_offset = 1;
    app.browser.vendor_cursor = 0;
    type_keys(&mut app, "a");
    assert_eq!(app.input.kind(), InputKind::Drafts, "{}", message(&app));
    let panel = app.input.draft_panel().unwrap();
    assert_eq!(panel.vendor, id("acme"));
}

#[test]
fn a_profile_added_while_kurabe_runs_is_offered_by_p() {
    let (_dir, paths) = temp_home();
    let mut app = start(&paths, 160, 45);
    type_keys(&mut app, "p");
    assert_eq!(app.input, InputMode::ProfilePicker { cursor: 0 });
    assert!(app.pickers.profiles.is_empty());
    type_keys(&mut app, "\u{1b}");
    // A profile is written meanwhile (by `kurabe new-requirements`, an editor, a colleague).
    std::fs::create_dir_all(paths.requirements_dir()).unwrap();
    std::fs::copy(
        fixture_dir().join("requirements/ui-standard.yaml"),
        paths.requirements_dir().join("ui-standard.yaml"),
    )
    .unwrap();
    type_keys(&mut app, "p");
    let ids: Vec<&str> = app.pickers.profiles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ui-standard"]);
    assert!(common::screen::screen(&app).contains("UI standard"));
    type_keys(&mut app, "j\n");
    assert_eq!(
        app.spec.requirements.as_ref().map(|p| p.id.as_str()),
        Some("ui-standard")
    );
    // A file that does not load is shown like every load problem; a fixed one replaces it.
    std::fs::write(paths.requirements_dir().join("broken.yaml"), "profile: [").unwrap();
    type_keys(&mut app, "p\u{1b}");
    let broken = |app: &App| {
        app.status
            .problems
            .iter()
            .filter(|p| p.file.ends_with("broken.yaml"))
            .count()
    };
    assert_eq!(broken(&app), 1);
    type_keys(&mut app, "p\u{1b}");
    assert_eq!(broken(&app), 1, "read again, not counted twice");
    std::fs::remove_file(paths.requirements_dir().join("broken.yaml")).unwrap();
    type_keys(&mut app, "p\u{1b}");
    assert_eq!(broken(&app), 0);
    assert_eq!(
        app.spec.requirements.as_ref().map(|p| p.id.as_str()),
        Some("ui-standard"),
        "still active"
    );
}
