//! The user's own vendors, configuration, remembered state and verdicts, with the three
//! directories pointed at temporary folders (never the real home).

mod common;

use common::export_args::default_export_args;
use common::home::{kurabe, open_app, temp_home, type_keys};
use kurabe::catalog::Origin;
use kurabe::cli::{self, ExportArgs, Format};
use kurabe::paths::Paths;
use kurabe::reviews::Verdict;
use kurabe::session;
use kurabe::tui::app::App;
use kurabe::tui::persist::Remembered;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use tempfile::TempDir;

/// Wide enough for five vendor columns with their full names.
const WIDE: u16 = 240;
const TALL: u16 = 50;

struct Home {
    _dir: TempDir,
    paths: Paths,
}

fn home() -> Home {
    let (dir, paths) = temp_home();
    Home { _dir: dir, paths }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.browser.width, app.browser.height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Theme { color: false }))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let sym = buffer[(x, y)].symbol();
            out.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

const DELETION: &str = r#"- control: deletion-timing
    status: stated
    summary: { en: "Deleted 14 days after the contract ends." }
    value: { kind: duration, amount: 14, unit: days }
    quotes:
      - { document: main, section: "4", text: "契約終了後14日で削除します。" }"#;

const CERTIFICATIONS: &str = r#"- control: certifications
    status: stated
    summary: { en: "ISO/IEC 27001 certified." }
    quotes:
      - { document: main, section: "9", text: "ISO/IEC27001:2013 を取得しています。" }"#;

/// A filled-in vendor file made from the `new-vendor` template: two answers and a dated document.
fn acme(paths: &Paths, id: &str, name: &str) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let scratch_paths = Paths {
        data_dir: scratch.path().to_path_buf(),
        ..paths.clone()
    };
    user_vendor(&scratch_paths, id, name);
    let text =
        std::fs::read_to_string(scratch_paths.vendors_dir().join(format!("{id}.yaml"))).unwrap();
    let text = text
        .replace(
            "- control: deletion-timing\n    status: not_stated",
            DELETION,
        )
        .replace(
            "- control: certifications\n    status: not_stated",
            CERTIFICATIONS,
        )
        .replace(
            "title: \"Title of the vendor's document\"",
            "title: \"Acme security sheet\"\n    date: \"2020-01-15\"",
        );
    assert!(text.contains("14 days") && text.contains("2020-01-15"));
    text
}

/// The template for `id`, with some answers filled in from `ACME`'s shape (`--replace`: `id`
/// may be an embedded vendor's).
fn user_vendor(paths: &Paths, id: &str, name: &str) {
    let out = kurabe(paths, &["new-vendor", id, "--name", name, "--replace"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn paths_follow_the_environment() {
    let home = home();
    let out = kurabe(&home.paths, &["paths"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&home.paths.config_file().display().to_string()),
        "{text}"
    );
    assert!(
        text.contains(&home.paths.vendors_dir().display().to_string()),
        "{text}"
    );
    assert!(
        text.contains(&home.paths.reviews_file().display().to_string()),
        "{text}"
    );
    assert!(
        text.contains(&home.paths.state_file().display().to_string()),
        "{text}"
    );
}

#[test]
fn new_vendor_writes_a_template_that_checks_and_is_never_overwritten() {
    let home = home();
    user_vendor(&home.paths, "acme", "Acme Cloud");
    let path = home.paths.vendors_dir().join("acme.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let catalog = kurabe::catalog::load_embedded().unwrap().catalog;
    for entry in &catalog.controls {
        assert!(text.contains(&format!(
            "- control: {}\n    status: not_stated",
            entry.control.id
        )));
        assert!(
            text.contains(&*entry.control.question.en),
            "the English question is a comment"
        );
        assert!(
            text.contains(entry.control.question.ja.as_deref().unwrap()),
            "and the Japanese one"
        );
    }
    let check = kurabe(&home.paths, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("5 vendors"));

    std::fs::write(&path, "my edits").unwrap();
    let again = kurabe(&home.paths, &["new-vendor", "acme"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my edits");
    let bad = kurabe(&home.paths, &["new-vendor", "Bad Id"]);
    assert!(!bad.status.success());
}

#[test]
fn a_user_vendor_appears_beside_the_embedded_ones() {
    let home = home();
    user_vendor(&home.paths, "acme", "Acme Cloud");
    let app = open_app(&home.paths, WIDE, TALL);
    assert_eq!(app.catalog.vendors.len(), 5);
    let acme = app.catalog.vendor_index("acme").unwrap();
    assert_eq!(app.catalog.vendors[acme].origin, Origin::User);
    let s = screen(&app);
    assert!(s.contains("Acme Cloud [user]"), "{s}");
}

#[test]
fn a_user_vendor_with_an_embedded_id_replaces_it_and_is_marked() {
    let home = home();
    write(
        &home.paths.vendors_dir().join("cybozu.yaml"),
        &acme(&home.paths, "cybozu", "Cybozu (our copy)"),
    );
    let mut app = open_app(&home.paths, WIDE, TALL);
    assert_eq!(app.catalog.vendors.len(), 4);
    let cybozu = app.catalog.vendor_index("cybozu").unwrap();
    assert_eq!(app.catalog.vendors[cybozu].origin, Origin::User);
    type_keys(&mut app, "/deletion\n");
    let s = screen(&app);
    assert!(s.contains("Cybozu (our copy) [user]"), "{s}");
    assert!(s.contains("14 days") && !s.contains("30 days"), "{s}");
}

#[test]
fn a_broken_user_file_is_reported_and_the_rest_loads() {
    let home = home();
    user_vendor(&home.paths, "acme", "Acme Cloud");
    write(
        &home.paths.vendors_dir().join("broken.yaml"),
        "vendor:\n  id: broken\n  nmae: x\n",
    );
    let app = open_app(&home.paths, WIDE, TALL);
    assert!(app.catalog.vendor_index("acme").is_some());
    assert!(app.catalog.vendor_index("broken").is_none());
    let s = screen(&app);
    assert!(
        s.contains("broken.yaml:3:3"),
        "the status line names file, line and column:\n{s}"
    );
    let check = kurabe(&home.paths, &["check"]);
    assert!(!check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).contains("broken.yaml:3:3"));
}

#[test]
fn an_invalid_config_is_reported_and_the_app_starts_on_defaults() {
    let home = home();
    write(&home.paths.config_file(), "language: ja\ncolour: never\n");
    let app = open_app(&home.paths, WIDE, TALL);
    assert_eq!(
        app.spec.lang,
        kurabe::catalog::Lang::En,
        "defaults, not half a config"
    );
    assert!(screen(&app).contains("config.yaml:2:1"), "{}", screen(&app));
}

#[test]
fn the_config_sets_language_vendors_and_their_order() {
    let home = home();
    write(
        &home.paths.config_file(),
        "language: ja\nvendors: [qualitysoft, cybozu]\nexport_dir: /tmp\nstale_after_months: 6\n",
    );
    let app = open_app(&home.paths, WIDE, TALL);
    assert_eq!(app.spec.lang, kurabe::catalog::Lang::Ja);
    let ids: Vec<&str> = app
        .spec
        .vendors
        .iter()
        .map(|&v| app.catalog.vendors[v].id())
        .collect();
    assert_eq!(ids, ["qualitysoft", "cybozu"]);
    assert_eq!(app.files.export_dir, Path::new("/tmp"));
    assert_eq!(app.spec.stale_after_months, 6);
}

#[test]
fn the_state_comes_back_on_the_next_start() {
    let home = home();
    let mut app = open_app(&home.paths, WIDE, TALL);
    type_keys(&mut app, "/backup\n\u{1b}");
    type_keys(&mut app, "3dLv");
    let control = app.current_control(&app.view()).unwrap();
    kurabe::tui::remember(&app);
    let again = open_app(&home.paths, WIDE, TALL);
    assert_eq!(again.current_control(&again.view()), Some(control));
    assert_eq!(again.spec.vendors, app.spec.vendors);
    assert!(again.spec.only_differences);
    assert_eq!(again.spec.lang, kurabe::catalog::Lang::Ja);
    assert_eq!(again.browser.mode, app.browser.mode);
    let saved = Remembered::load(&home.paths.state_file()).unwrap().unwrap();
    assert_eq!(saved, Remembered::of(&app));
}

#[test]
fn verdicts_are_saved_reloaded_and_go_stale_when_the_answer_changes() {
    let home = home();
    write(
        &home.paths.vendors_dir().join("acme.yaml"),
        &acme(&home.paths, "acme", "Acme Cloud"),
    );
    let mut app = open_app(&home.paths, WIDE, TALL);
    // Deletion timing, then the comparison pane, then the Acme column (the fifth).
    type_keys(&mut app, "/deletion\n\t");
    type_keys(&mut app, "llll");
    assert_eq!(app.current_vendor(), app.catalog.vendor_index("acme"));
    let effects = type_keys(&mut app, "rrr");
    assert_eq!(effects.len(), 3, "each verdict is saved");
    type_keys(&mut app, "n");
    type_keys(&mut app, "短すぎる\nask for 30 days\u{13}");
    let review = app.reviews.get("acme", "deletion-timing").unwrap().clone();
    assert_eq!(review.verdict, Some(Verdict::Risk));
    assert_eq!(review.note, "短すぎる\nask for 30 days");
    assert!(screen(&app).contains("⊘ risk"), "{}", screen(&app));

    // Restart: the verdict is there and still fresh.
    let again = open_app(&home.paths, WIDE, TALL);
    let judged = again.reviews.judged(
        "acme",
        "deletion-timing",
        again.catalog.answer(
            again.catalog.vendor_index("acme").unwrap(),
            again.catalog.control_index("deletion-timing").unwrap(),
        ),
    );
    assert!(!judged.unwrap().stale);

    // The vendor changes its answer: the verdict reads as stale.
    let changed_text = acme(&home.paths, "acme", "Acme Cloud")
        .replace("14 days", "21 days")
        .replace("amount: 14", "amount: 21");
    write(&home.paths.vendors_dir().join("acme.yaml"), &changed_text);
    let mut changed = open_app(&home.paths, WIDE, TALL);
    type_keys(&mut changed, "/deletion\n");
    let s = screen(&changed);
    assert!(s.contains("⊘ risk (stale"), "{s}");

    // Esc discards an unsaved note.
    type_keys(&mut changed, "\tllllnXYZ\u{1b}");
    assert_eq!(
        changed.reviews.get("acme", "deletion-timing").unwrap().note,
        "短すぎる\nask for 30 days"
    );
}

#[test]
fn exports_carry_verdicts_notes_staleness_and_superseded_standards() {
    let home = home();
    write(
        &home.paths.vendors_dir().join("acme.yaml"),
        &acme(&home.paths, "acme", "Acme Cloud"),
    );
    let mut app = open_app(&home.paths, WIDE, TALL);
    type_keys(&mut app, "/deletion\n\tllll");
    type_keys(&mut app, "rrr");
    type_keys(&mut app, "nrenegotiate\u{13}");
    let session = session::open(None, home.paths.clone()).unwrap();
    let args = ExportArgs {
        vendors: vec!["acme".into()],
        today: Some("2026-11-21".into()),
        ..default_export_args()
    };
    let md = cli::export_session(&session, &args).unwrap();
    assert!(md.contains("Reviewer's verdict: **risk**"), "{md}");
    assert!(md.contains("Reviewer's note: renegotiate"), "{md}");
    assert!(
        md.contains(
            "Acme security sheet, 2020-01-15, 6 years 10 months old ⚠ stale (over 24 months)"
        ),
        "{md}"
    );
    assert!(
        md.contains("superseded by ISO/IEC 27001:2022 (transition period ended 2025\\-10\\-31)")
            || md.contains("superseded by ISO/IEC 27001:2022 (transition period ended 2025-10-31)"),
        "{md}"
    );
    let risky = cli::export_session(
        &session,
        &ExportArgs {
            verdict: Some(cli::VerdictArg::Risk),
            ..args.clone()
        },
    )
    .unwrap();
    assert!(risky.contains("- Controls: 1"), "{risky}");

    let json = cli::export_session(
        &session,
        &ExportArgs {
            format: Format::Json,
            vendors: Vec::new(),
            ..args
        },
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let deletion = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["controls"].as_array().unwrap())
        .find(|c| c["id"] == "deletion-timing")
        .unwrap();
    let acme = deletion["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["vendor"] == "acme")
        .unwrap();
    assert_eq!(acme["review"]["verdict"], "risk");
    assert_eq!(acme["review"]["note"], "renegotiate");
    assert_eq!(acme["review"]["stale"], false);
}

#[test]
fn the_vendor_header_shows_document_ages_and_flags_stale_ones() {
    let home = home();
    write(
        &home.paths.vendors_dir().join("acme.yaml"),
        &acme(&home.paths, "acme", "Acme Cloud"),
    );
    let mut app = open_app(&home.paths, WIDE, TALL);
    app.spec.today = Some(jiff::civil::date(2026, 11, 21));
    type_keys(&mut app, "/deletion\n");
    let s = screen(&app);
    assert!(
        s.contains("Acme security sheet, 2020-01-15, 6"),
        "the document's date and age:\n{s}"
    );
    assert!(s.contains("⚠ stale (over 24"), "{s}");
    assert!(
        s.contains("Acme Cloud [user] ⚠stale"),
        "the vendor header is flagged:\n{s}"
    );
    app.spec.stale_after_months = 120;
    app.spec.reassess_after_months = Some(120);
    assert!(!screen(&app).contains("⚠"));
}
