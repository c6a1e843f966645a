//! A changed answer in the app, key by key on ratatui's TestBackend over the UI tests' catalogue
//! and the test vendor `delta` (tests/fixtures/changes/after.yaml: its deletion answer is a
//! draft an update made, keeping `previous:`): the badge 変更 / changed, the before → after in
//! the answer pane, why a verdict given before the update is stale, `C` showing only changed
//! controls, and confirming the draft dropping `previous:` and the badge with it.
//!
//! Snapshots: review a changed one by reading its `.snap.new`, then accept it.

mod common;

use common::home::{temp_home, type_keys};
use common::screen::{boxed_text, screen, TODAY};
use kurabe::catalog::{yaml, Lang, VendorFile};
use kurabe::paths::Paths;
use kurabe::reviews::{store, Reviews, Verdict};
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::update::update;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn vendor_file(path: &Path) -> VendorFile {
    let text = std::fs::read_to_string(path).unwrap();
    yaml::read::<VendorFile>("delta.yaml", text.as_bytes())
        .expect("the vendor file reads")
        .0
}

/// A home holding `delta` as the update left it, and a follow-up verdict the reviewer gave its
/// deletion answer before the update (so it is stale now).
fn home() -> (TempDir, Paths) {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::copy(
        fixtures().join("changes/after.yaml"),
        paths.vendors_dir().join("delta.yaml"),
    )
    .unwrap();
    let before = vendor_file(&fixtures().join("changes/before.yaml"));
    let mut reviews = Reviews::default();
    reviews.set(
        "delta",
        "deletion-timing",
        Some(&before.answers[0]),
        Some(Verdict::FollowUp),
        String::new(),
        "2025-05-01T09:00:00Z".parse().unwrap(),
    );
    store::save(&paths.reviews_file(), &Reviews::default(), &reviews).unwrap();
    (dir, paths)
}

fn open(paths: &Paths, lang: Lang, (width, height): (u16, u16)) -> App {
    let catalogue = fixtures().join("ui");
    let session = kurabe::session::open(Some(&catalogue), paths.clone()).expect("it loads");
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    let mut app = App::from_session(session);
    app.spec.today = Some(TODAY);
    app.spec.lang = lang;
    update(&mut app, Action::Resize { width, height });
    app
}

fn visible_controls(app: &App) -> Vec<String> {
    let view = app.view();
    view.visible
        .iter()
        .map(|&c| app.catalog.controls[c].control.id.clone())
        .collect()
}

#[test]
fn a_changed_draft_shows_its_badge_before_and_after_and_why_its_verdict_is_stale() {
    let (_dir, paths) = home();
    let mut app = open(&paths, Lang::En, (160, 45));
    let shown = screen(&app);
    insta::assert_snapshot!("changed_control_en_160x45", shown);
    let lines = boxed_text(&shown, "Delta Cloud");
    assert_eq!(lines[..2], ["● stated  ✎ draft", "Δ changed"], "{lines:?}");
    // The column's wrapped lines read as one text.
    let delta = lines.join(" ");
    assert!(
        delta.contains("↳ the answer changed since this verdict"),
        "{delta}"
    );
    assert!(delta.contains("new version of the documents"), "{delta}");
    assert!(delta.contains("Before the update (3):"), "{delta}");
    assert!(
        delta.contains("Value: 30 days after the contract ends → 60 days after the contract ends"),
        "{delta}"
    );
    assert!(
        delta.contains("delet-]{+eras+}ed [-3-] {+6+}0 days"),
        "{delta}"
    );
    assert!(delta.contains("— Delta security sheet 6.3"), "{delta}");
    // Another vendor's answer carries no badge.
    let alpha = boxed_text(&shown, "Alpha Cloud").join("\n");
    assert!(!alpha.contains("changed"), "{alpha}");

    type_keys(&mut app, "v");
    let matrix = screen(&app);
    insta::assert_snapshot!("changed_matrix_en_160x45", matrix);
    assert!(matrix.contains("[draft] Δ 60 days"), "{matrix}");
}

#[test]
fn c_shows_only_controls_with_a_changed_answer() {
    let (_dir, paths) = home();
    let mut app = open(&paths, Lang::En, (160, 45));
    assert_eq!(visible_controls(&app).len(), 6);
    type_keys(&mut app, "C");
    assert!(app.spec.only_changed);
    assert_eq!(visible_controls(&app), ["deletion-timing"]);
    let shown = screen(&app);
    assert!(
        shown.contains("only changed answers"),
        "the filter is named: {shown}"
    );
    type_keys(&mut app, "C");
    assert_eq!(visible_controls(&app).len(), 6);
}

#[test]
fn c_is_remembered_on_the_next_start_and_an_older_state_file_still_loads() {
    let (_dir, paths) = home();
    let mut app = open(&paths, Lang::En, (160, 45));
    type_keys(&mut app, "C");
    kurabe::tui::remember(&app);
    let text = std::fs::read_to_string(paths.state_file()).unwrap();
    assert!(text.contains("only_changed: true"), "{text}");
    let again = open(&paths, Lang::En, (160, 45));
    assert!(again.spec.only_changed);
    assert_eq!(visible_controls(&again), ["deletion-timing"]);
    assert!(screen(&again).contains("only changed answers"));

    // A state file written before kurabe remembered `C` (no field) loads, the filter off.
    let older = text.replace("only_changed: true\n", "");
    assert_ne!(older, text);
    std::fs::write(paths.state_file(), older).unwrap();
    let started = open(&paths, Lang::En, (160, 45));
    assert!(
        started.status.problems.is_empty(),
        "{:?}",
        started.status.problems
    );
    assert!(!started.spec.only_changed);
    assert_eq!(visible_controls(&started).len(), 6);

    // Off, it is not written at all (older state files stay as they were).
    type_keys(&mut app, "C");
    kurabe::tui::remember(&app);
    let off = std::fs::read_to_string(paths.state_file()).unwrap();
    assert!(!off.contains("only_changed"), "{off}");
}

#[test]
fn in_japanese_the_badge_and_the_previous_answer() {
    let (_dir, paths) = home();
    let mut app = open(&paths, Lang::Ja, (80, 24));
    // Two columns fit: over to Delta's, the fourth.
    type_keys(&mut app, "\tlll");
    let shown = screen(&app);
    insta::assert_snapshot!("changed_control_ja_80x24", shown);
    assert!(shown.contains("Δ 変更"), "{shown}");
    assert!(shown.contains("更新前の回答 (3):"), "{shown}");
}

#[test]
fn confirming_the_draft_drops_previous_and_the_badge() {
    let (_dir, paths) = home();
    let mut app = open(&paths, Lang::En, (160, 45));
    type_keys(&mut app, "A");
    let queue = screen(&app);
    insta::assert_snapshot!("changed_queue_en_160x45", queue);
    assert!(
        queue.contains("Before the update (3): stated · 30 days after the contract ends"),
        "the review queue says what the draft said before: {queue}"
    );
    assert!(
        queue.contains("“Deleted 30 days after the contract ends.”"),
        "and in its own words: {queue}"
    );
    type_keys(&mut app, "\n");
    let file = vendor_file(&paths.vendors_dir().join("delta.yaml"));
    let deletion = &file.answers[0];
    assert!(!deletion.draft);
    assert_eq!(
        deletion.previous, None,
        "confirmed: what it said before goes"
    );
    let text = std::fs::read_to_string(paths.vendors_dir().join("delta.yaml")).unwrap();
    assert!(!text.contains("previous:"), "{text}");
    type_keys(&mut app, "\u{1b}");
    let shown = screen(&app);
    assert!(!shown.contains("Δ changed"), "{shown}");
    assert!(!shown.contains("Before the update"), "{shown}");
    type_keys(&mut app, "C");
    assert!(visible_controls(&app).is_empty());
}

#[test]
fn d_is_remembered_on_the_next_start() {
    let (_dir, paths) = home();
    let mut app = open(&paths, Lang::En, (160, 45));
    let all = visible_controls(&app).len();
    type_keys(&mut app, "D");
    let drafts = visible_controls(&app);
    assert!(
        !drafts.is_empty() && drafts.len() < all,
        "{drafts:?} of {all}"
    );
    kurabe::tui::remember(&app);
    let text = std::fs::read_to_string(paths.state_file()).unwrap();
    assert!(text.contains("only_drafts: true"), "{text}");
    let again = open(&paths, Lang::En, (160, 45));
    assert!(again.spec.only_drafts);
    assert_eq!(visible_controls(&again), drafts);

    // Off, it is not written (a state file from before reads as it did: the filter off).
    type_keys(&mut app, "D");
    kurabe::tui::remember(&app);
    let off = std::fs::read_to_string(paths.state_file()).unwrap();
    assert!(!off.contains("only_drafts"), "{off}");
    assert!(!open(&paths, Lang::En, (160, 45)).spec.only_drafts);
}
