//! `m` in the app, key by key on ratatui's TestBackend, over the UI tests' catalogue and Delta's
//! drafts (tests/fixtures/drafts/delta.yaml): every draft cell shows "draft (not reviewed)" and
//! nothing else, on screen and in what `e` and `y` write, which is what `kurabe export
//! --no-drafts` writes for the same view; the choice is remembered. And the review panel shows
//! the polarity `P` sets.
//!
//! Snapshots: review a changed one by reading its `.snap.new`, then rename it over the `.snap`.

mod common;

use common::export_args::default_export_args;
use common::home::{temp_home, type_keys, type_keys_held};
use common::screen::{screen, TODAY};
use kurabe::catalog::{Lang, Polarity, VendorFile};
use kurabe::cli::{render, spec_from_args, EncodingArg, ExportArgs, Format, LangArg};
use kurabe::export::csv::clipboard_tsv;
use kurabe::paths::Paths;
use kurabe::search::SearchIndex;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, Focus, NavItem};
use kurabe::tui::persist::Remembered;
use kurabe::tui::update::{update, Effect};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A home whose vendors directory holds `file` as `name`.
fn home_with(name: &str, text: &str) -> (TempDir, Paths) {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::write(paths.vendors_dir().join(name), text).unwrap();
    (dir, paths)
}

fn delta_home() -> (TempDir, Paths) {
    let text = std::fs::read_to_string(fixtures().join("drafts/delta.yaml")).unwrap();
    home_with("delta.yaml", &text)
}

/// The app on `data` (the embedded catalogue if `None`) with the user's files in `paths`, as it
/// starts, in `lang`, on the UI tests' date.
fn open(data: Option<&PathBuf>, paths: &Paths, lang: Lang, (width, height): (u16, u16)) -> App {
    let session = kurabe::session::open(data, paths.clone()).expect("the catalogue loads");
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    let mut app = App::from_session(session);
    app.spec.today = Some(TODAY);
    app.spec.lang = lang;
    update(&mut app, Action::Resize { width, height });
    app
}

fn delta_app(paths: &Paths, lang: Lang, size: (u16, u16)) -> App {
    open(Some(&fixtures().join("ui")), paths, lang, size)
}

/// What Delta's drafts propose on the first two controls, as the screen shows it.
const DRAFT_SHOWN: [&str; 3] = ["33 days", "9 generations", "デルタは契約終了後33日"];

#[test]
fn m_masks_every_draft_on_screen_and_shows_them_again() {
    let (_dir, paths) = delta_home();
    let mut app = delta_app(&paths, Lang::En, (160, 45));
    // The start: the first category, its first control (deletion) in the control view.
    let shown = screen(&app);
    insta::assert_snapshot!("drafts_shown_control_en_160x45", shown);
    assert!(shown.contains("● stated  ✎ draft"), "{shown}");
    assert!(shown.contains(DRAFT_SHOWN[0]), "{shown}");

    type_keys(&mut app, "m");
    assert!(app.spec.mask_drafts);
    let masked = screen(&app);
    insta::assert_snapshot!("drafts_masked_control_en_160x45", masked);
    assert!(masked.contains("✎ draft (not reviewed)"), "{masked}");
    assert!(
        masked.contains("Drafts masked"),
        "the status line says so: {masked}"
    );
    for draft in DRAFT_SHOWN {
        assert!(!masked.contains(draft), "{draft}:\n{masked}");
    }
    // A reviewed answer of another vendor is shown whole.
    assert!(masked.contains("Customer data is erased 30"), "{masked}");

    // The matrix: every draft cell is the mark alone; the status line names the option.
    type_keys(&mut app, "v");
    app.status.message = None;
    let matrix = screen(&app);
    insta::assert_snapshot!("drafts_masked_matrix_en_160x45", matrix);
    assert_eq!(
        matrix.matches("draft (not reviewed)").count(),
        3,
        "{matrix}"
    );
    assert!(matrix.contains("drafts masked"), "{matrix}");
    for draft in DRAFT_SHOWN {
        assert!(!matrix.contains(draft), "{draft}:\n{matrix}");
    }

    type_keys(&mut app, "m");
    assert!(!app.spec.mask_drafts);
    let again = screen(&app);
    insta::assert_snapshot!("drafts_shown_matrix_en_160x45", again);
    assert!(again.contains("[draft] 33 days"), "{again}");
    assert!(
        again.contains("Drafts shown, each marked [draft]."),
        "{again}"
    );
}

#[test]
fn masked_in_japanese_and_in_a_small_terminal() {
    let (_dir, paths) = delta_home();
    let mut app = delta_app(&paths, Lang::Ja, (80, 24));
    // Two columns fit: over to Delta's, the fourth.
    type_keys(&mut app, "m\tlll");
    app.status.message = None;
    let masked = screen(&app);
    insta::assert_snapshot!("drafts_masked_control_ja_80x24", masked);
    assert!(masked.contains("✎ 下書き（未確認）"), "{masked}");
    let mut app = delta_app(&paths, Lang::Ja, (160, 45));
    type_keys(&mut app, "vm");
    app.status.message = None;
    let matrix = screen(&app);
    insta::assert_snapshot!("drafts_masked_matrix_ja_160x45", matrix);
    assert!(!matrix.contains("33日"), "{matrix}");
    assert!(
        matrix.contains("下書きを伏せて表示"),
        "the status line: {matrix}"
    );
}

/// `kurabe export` of the app's view of deletion-timing, in `format`, with `--no-drafts`.
fn command_line(app: &App, format: Format) -> Vec<u8> {
    let args = export_args(app, format);
    render(&app.catalog, &app.reviews, &args, EncodingArg::Utf8, &[]).unwrap()
}

fn export_args(app: &App, format: Format) -> ExportArgs {
    ExportArgs {
        format,
        control: Some("deletion-timing".into()),
        no_drafts: true,
        lang: LangArg::En,
        today: app.spec.today.map(|d| d.to_string()),
        ..default_export_args()
    }
}

fn exported(effect: Option<Effect>) -> Vec<u8> {
    match effect {
        Some(Effect::Export { contents, .. }) => contents,
        other => panic!("not an export: {other:?}"),
    }
}

#[test]
fn e_and_y_write_what_the_masked_screen_shows_as_export_no_drafts_does() {
    let (dir, paths) = delta_home();
    let mut app = delta_app(&paths, Lang::En, (160, 45));
    app.files.export_dir = dir.path().to_path_buf();
    type_keys(&mut app, "m");
    for (keys, format) in [
        ("e\n", Format::Md),
        ("ex", Format::Xlsx),
        ("ec", Format::Csv),
    ] {
        let app_bytes = exported(type_keys_held(&mut app, keys));
        assert_eq!(
            app_bytes,
            command_line(&app, format),
            "{keys:?}: the app writes what the command line writes"
        );
        if format == Format::Md {
            let md = String::from_utf8(app_bytes).unwrap();
            assert!(
                md.contains("### Delta Cloud: draft (not reviewed)\n"),
                "{md}"
            );
            assert!(!md.contains("33 days"), "{md}");
        }
    }
    let Some(Effect::Copy { text, .. }) = type_keys_held(&mut app, "y") else {
        panic!("y copies");
    };
    let catalog = &app.catalog;
    let spec = spec_from_args(catalog, &export_args(&app, Format::Tsv)).unwrap();
    let view = kurabe::view::derive(catalog, &app.reviews, &SearchIndex::new(catalog), &spec);
    assert_eq!(text, clipboard_tsv(&view));
    let rows = common::sheets::read_csv(text.as_bytes(), b'\t');
    assert_eq!(rows[0][7], "Delta Cloud");
    assert_eq!(rows[1][7], "draft (not reviewed)");

    // Shown again, the copy carries the draft, marked.
    type_keys(&mut app, "m");
    let Some(Effect::Copy { text, .. }) = type_keys_held(&mut app, "y") else {
        panic!("y copies");
    };
    let rows = common::sheets::read_csv(text.as_bytes(), b'\t');
    assert!(
        rows[1][7].starts_with("[draft] 33 days — "),
        "{:?}",
        rows[1]
    );
}

#[test]
fn the_mask_is_remembered_so_that_a_restart_never_shows_the_drafts() {
    let (_dir, paths) = delta_home();
    let mut app = delta_app(&paths, Lang::En, (160, 45));
    type_keys(&mut app, "m");
    let remembered = Remembered::of(&app);
    assert!(remembered.mask_drafts);
    let file = paths.state_file();
    remembered.save(&file).unwrap();
    let read = Remembered::load(&file).unwrap().expect("saved");
    let mut restarted = delta_app(&paths, Lang::En, (160, 45));
    read.restore(&mut restarted);
    assert!(restarted.spec.mask_drafts);
    assert!(!screen(&restarted).contains("33 days"));
    // Off, it is not written at all (older state files stay as they were).
    type_keys(&mut app, "m");
    let text = serde_yaml::to_string(&Remembered::of(&app)).unwrap();
    assert!(!text.contains("mask_drafts"), "{text}");
}

/// A vendor of the embedded catalogue (every control not stated, from `kurabe new-vendor`'s
/// template) with one draft, on a yes/no control.
fn acme() -> String {
    let catalog = kurabe::catalog::load_embedded().unwrap().catalog;
    let template = kurabe::cli::vendor_template(&catalog, "acme", "Acme Cloud");
    let not_stated = "  - control: security-policy\n    status: not_stated\n";
    assert!(template.contains(not_stated));
    template.replace(
        not_stated,
        "  - control: security-policy\n    status: stated\n    \
         summary: { en: \"「情報セキュリティ基本方針を定めています。」\" }\n    \
         vendor_words: both\n    quotes:\n      \
         - { document: main, section: \"1.1\", text: \"情報セキュリティ基本方針を定めています。\" }\n    \
         draft: true\n",
    )
}

#[test]
fn the_review_panel_shows_the_polarity_p_sets() {
    let (_dir, paths) = home_with("acme.yaml", &acme());
    let mut app = open(None, &paths, Lang::En, (160, 45));
    let control = app.catalog.control_index("security-policy").unwrap();
    let acme = app.catalog.vendor_index("acme").unwrap();
    app.browser.selected = Some(NavItem::Control(control));
    app.browser.focus = Focus::Compare;
    app.browser.vendor_cursor = app.spec.vendors.iter().position(|&v| v == acme).unwrap();
    // Its column scrolled into sight, as moving to it does: keys act on the column shown.
    app.browser.column_offset = app.browser.vendor_cursor;

    type_keys(&mut app, "a");
    let panel = screen(&app);
    assert!(
        panel.contains("Polarity (P): —"),
        "a yes/no control: {panel}"
    );
    type_keys(&mut app, "P");
    let panel = screen(&app);
    assert!(panel.contains("Polarity (P): yes"), "{panel}");
    type_keys(&mut app, "P");
    assert!(screen(&app).contains("Polarity (P): no"));
    let saved = std::fs::read(paths.vendors_dir().join("acme.yaml")).unwrap();
    let (file, _) = kurabe::catalog::yaml::read::<VendorFile>("acme.yaml", &saved).unwrap();
    let answer = file.answers.iter().find(|a| a.control == "security-policy");
    assert_eq!(answer.and_then(|a| a.polarity), Some(Polarity::No));

    app.spec.lang = Lang::Ja;
    assert!(screen(&app).contains("可否(P): いいえ"));
}
