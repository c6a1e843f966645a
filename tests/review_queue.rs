//! The review queue, key by key on ratatui's TestBackend: two imported vendors (written here
//! into a temporary KURABE_DATA_DIR, over the UI tests' own catalogue) are reviewed draft after
//! draft, control by control; every decision is on disk before the next key; the drafts where
//! nothing was found are confirmed at once after a list that can be cancelled.

mod common;

use common::home::{temp_home, type_keys};
use kurabe::catalog::{yaml, Lang, Status, VendorFile};
use kurabe::paths::Paths;
use kurabe::session;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, InputKind, InputMode, NavItem};
use kurabe::tui::update::update;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// As `kurabe import` writes a vendor: a confidence above each answer, the row's question or
/// heading as each passage's context, the value the importer read in each candidate.
const ACME: &str = "\
# Drafted by `kurabe import` from acme-checksheet.csv.
vendor:
  id: acme
  name: { en: \"Acme Cloud\", ja: \"アクメクラウド\" }
documents:
  - id: sheet
    title: \"Acme セキュリティチェックシート\"
    source: acme-checksheet.csv
answers:
  # confidence 0.84
  - control: deletion-timing
    status: stated
    draft: true
    summary:
      en: \"「契約終了後30日で利用者データを消去します。」\"
    vendor_words: both
    value: { kind: duration, amount: 30, unit: days, from: contract-end }
    quotes:
      - { document: sheet, section: \"6.30\", text: \"契約終了後30日で利用者データを消去します。\", context: \"データの削除 / 削除の時期\" }
    candidates:
      - { document: sheet, section: \"6.31\", text: \"消去後、消去証明書を発行します。\", score: 0.42, context: \"データの削除 / 証明書\" }
  # confidence 0.31
  - control: backup-generations
    status: not_stated
    draft: true
    candidates:
      - { document: sheet, section: \"7.2\", text: \"バックアップは5世代まで保持します。\", score: 0.28, context: \"バックアップ\", value: { kind: count, amount: 5, unit: generations } }
  # confidence 0.12
  - control: encryption-at-rest
    status: not_stated
    draft: true
    candidates:
      - { document: sheet, section: \"2.1\", text: \"データは国内のデータセンターに保管します。\", score: 0.12 }
  # confidence 0.04
  - control: log-retention
    status: not_stated
    draft: true
  # confidence 0.62
  - control: availability-target
    status: not_stated
    draft: true
    candidates:
      - { document: sheet, section: \"9.1\", text: \"稼働率の目標は定めていません。\", score: 0.25 }
  - control: certifications
    status: not_stated
";

const ZETA: &str = "\
vendor:
  id: zeta
  name: { en: \"Zeta Storage\" }
documents:
  - id: faq
    title: \"Zeta FAQ\"
    source: zeta.txt
answers:
  - { control: deletion-timing, status: not_stated }
  # confidence 0.71
  - control: backup-generations
    status: stated
    draft: true
    summary: { en: \"「Backups are kept for 14 generations.」\" }
    vendor_words: both
    value: { kind: count, amount: 14, unit: generations }
    quotes:
      - { document: faq, section: \"3\", text: \"Backups are kept for 14 generations.\", context: \"How many backups?\" }
  - { control: encryption-at-rest, status: not_stated }
  - { control: log-retention, status: not_stated }
  - { control: availability-target, status: not_stated }
  - { control: certifications, status: not_stated }
";

struct Home {
    _dir: TempDir,
    paths: Paths,
}

impl Home {
    fn file(&self, id: &str) -> PathBuf {
        self.paths.vendors_dir().join(format!("{id}.yaml"))
    }
    fn read(&self, id: &str) -> String {
        std::fs::read_to_string(self.file(id)).unwrap()
    }
    fn parse(&self, id: &str) -> VendorFile {
        yaml::read::<VendorFile>("x.yaml", self.read(id).as_bytes())
            .expect("the vendor file loads")
            .0
    }
    /// The controls of the vendor's answers still drafts, in the file.
    fn drafts(&self, id: &str) -> Vec<String> {
        self.parse(id)
            .answers
            .iter()
            .filter(|a| a.draft)
            .map(|a| a.control.to_string())
            .collect()
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui")
}

fn home() -> Home {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::write(paths.vendors_dir().join("acme.yaml"), ACME).unwrap();
    std::fs::write(paths.vendors_dir().join("zeta.yaml"), ZETA).unwrap();
    Home { _dir: dir, paths }
}

/// The app on the UI fixture catalogue with the user's files, as it starts.
fn open(home: &Home, width: u16, height: u16, lang: Lang) -> App {
    let session = session::open(Some(&fixture_dir()), home.paths.clone()).expect("it loads");
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    let mut app = App::from_session(session);
    app.spec.today = Some(common::screen::TODAY);
    app.spec.lang = lang;
    update(&mut app, Action::Resize { width, height });
    app
}

/// The draft the panel is on: (vendor id, control id).
fn on(app: &App) -> Option<(String, String)> {
    let panel = app.input.draft_panel()?;
    Some((
        app.catalog.vendors[panel.vendor].id().to_string(),
        app.catalog.controls[panel.control].control.id.clone(),
    ))
}

fn at(vendor: &str, control: &str) -> Option<(String, String)> {
    Some((vendor.to_string(), control.to_string()))
}

fn left(app: &App) -> usize {
    app.input
        .draft_panel()
        .and_then(|p| p.queue)
        .expect("a queue is open")
        .left
}

#[test]
fn the_queue_walks_every_draft_control_by_control_and_saves_each_decision_at_once() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    type_keys(&mut app, "A");
    assert_eq!(on(&app), at("acme", "deletion-timing"));
    assert_eq!(left(&app), 6);
    // The browser follows: the same answer is selected behind the panel.
    let deletion = app.catalog.control_index("deletion-timing").unwrap();
    assert_eq!(app.browser.selected, Some(NavItem::Control(deletion)));
    assert_eq!(
        app.current_vendor(),
        app.catalog.vendor_index("acme"),
        "the vendor's column is selected"
    );

    // Accepting the proposal as it stands is one key, and it is on disk at once.
    type_keys(&mut app, "\n");
    assert!(!home.drafts("acme").contains(&"deletion-timing".to_string()));
    let file = home.parse("acme");
    assert_eq!(file.answers[0].status, Status::Stated);
    assert!(file.answers[0].candidates.is_empty());
    // Then the next draft, control by control: Acme's, then Zeta's on the same control.
    assert_eq!(on(&app), at("acme", "backup-generations"));
    assert_eq!(left(&app), 5);
    type_keys(&mut app, "n");
    assert_eq!(on(&app), at("zeta", "backup-generations"));
    type_keys(&mut app, "N");
    assert_eq!(on(&app), at("acme", "backup-generations"));
    // Taking the candidate as the quote, then confirming: two decisions, two saves.
    type_keys(&mut app, " ");
    let file = home.parse("acme");
    assert_eq!(file.answers[1].quotes.len(), 1, "saved before confirming");
    assert!(file.answers[1].draft);
    type_keys(&mut app, "\n");
    assert!(!home.parse("acme").answers[1].draft);
    assert_eq!(on(&app), at("zeta", "backup-generations"));
    // x rejects (still a draft, saved), Enter confirms it as not stated.
    type_keys(&mut app, "x\n");
    assert_eq!(home.drafts("zeta"), Vec::<String>::new());
    assert_eq!(home.parse("zeta").answers[0].status, Status::NotStated);
    assert_eq!(on(&app), at("acme", "encryption-at-rest"));
    assert_eq!(left(&app), 3);
    // Skipping past the end goes round to the drafts left.
    type_keys(&mut app, "nnn");
    assert_eq!(on(&app), at("acme", "encryption-at-rest"));
    assert!(app
        .status
        .message
        .as_ref()
        .is_some_and(|m| m.text.contains("went round")));
    type_keys(&mut app, "\n\n\n");
    assert_eq!(
        app.input,
        InputMode::Normal,
        "nothing left: the queue closes"
    );
    assert!(app.status.message.as_ref().is_some_and(|m| m
        .text
        .contains("Every draft of the shown vendors is reviewed")));
    assert!(home.drafts("acme").is_empty());
    assert_eq!(app.drafts_left(), 0);
    // The files still load as the catalogue says.
    let acme = app.catalog.vendor_index("acme").unwrap();
    assert_eq!(
        app.catalog.vendors[acme].answers,
        home.parse("acme").answers
    );
}

#[test]
fn the_queue_starts_at_the_selected_answer_and_q_or_esc_close_it_there() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    let encryption = app.catalog.control_index("encryption-at-rest").unwrap();
    app.browser.selected = Some(NavItem::Control(encryption));
    type_keys(&mut app, "A");
    assert_eq!(on(&app), at("acme", "encryption-at-rest"));
    type_keys(&mut app, "n");
    type_keys(&mut app, "q");
    assert_eq!(app.input, InputMode::Normal, "q closes the panel");
    assert!(!app.quit, "and does not quit");
    let log = app.catalog.control_index("log-retention").unwrap();
    assert_eq!(app.browser.selected, Some(NavItem::Control(log)));
    // Opened again, it resumes where it was left.
    type_keys(&mut app, "A");
    assert_eq!(on(&app), at("acme", "log-retention"));
    type_keys(&mut app, "\u{1b}");
    assert_eq!(app.input, InputMode::Normal);
    // `a` opens the same panel on one draft; n makes it walk.
    type_keys(&mut app, "a");
    assert_eq!(app.input.draft_panel().unwrap().queue, None);
    type_keys(&mut app, "n");
    assert_eq!(on(&app), at("acme", "availability-target"));
    assert!(app.input.draft_panel().unwrap().queue.is_some());
}

#[test]
fn without_drafts_among_the_shown_vendors_the_queue_says_so() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    // Only Alpha shown: none of the user's files.
    let alpha = app.catalog.vendor_index("alpha").unwrap();
    app.spec.vendors = vec![alpha];
    type_keys(&mut app, "A");
    assert_eq!(app.input, InputMode::Normal);
    let message = app.status.message.clone().unwrap();
    assert!(
        message.text.contains("none of the shown vendors"),
        "{message:?}"
    );
}

#[test]
fn a_save_that_fails_in_the_queue_is_kept_and_the_queue_goes_on() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    type_keys(&mut app, "A");
    // Meanwhile, a hand edit breaks the file: confirming cannot be saved.
    let broken = ACME.replace(
        "  - control: certifications\n    status: not_stated",
        "  - control: certifications\n    status: maybe",
    );
    std::fs::write(home.file("acme"), &broken).unwrap();
    type_keys(&mut app, "\n");
    assert_eq!(home.read("acme"), broken, "the file is untouched");
    let message = app.status.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("Not saved"),
        "{message:?}"
    );
    // The decision is kept, as every change that cannot be saved is, and the queue goes on.
    let acme = app.catalog.vendor_index("acme").unwrap();
    assert!(
        !app.catalog.vendors[acme].answers[0].draft,
        "kept confirmed"
    );
    assert_eq!(app.unsaved.changes.answers.len(), 1);
    let kept = std::fs::read_to_string(home.paths.state_dir.join("unsaved.yaml")).unwrap();
    assert!(kept.contains("deletion-timing"), "{kept}");
    assert_eq!(on(&app), at("acme", "backup-generations"));
    // The file fixed, quitting asks first, and `s` saves the decision before quitting.
    std::fs::write(home.file("acme"), ACME).unwrap();
    type_keys(&mut app, "qq");
    assert_eq!(
        app.input.kind(),
        InputKind::QuitPrompt,
        "q closed the panel, then asked"
    );
    assert!(!app.quit);
    type_keys(&mut app, "s");
    assert!(app.quit, "saved, then quit");
    assert!(!home.drafts("acme").contains(&"deletion-timing".to_string()));
    assert!(app.unsaved.changes.is_empty());
}

#[test]
fn the_panel_shows_contexts_candidate_values_and_the_other_vendors_answers() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    type_keys(&mut app, "A");
    let screen = common::screen::screen(&app);
    for expected in [
        "Review queue: Acme Cloud — Deletion after contract end",
        "Value: 30 days after the contract ends",
        "Under: データの削除 / 削除の時期",
        "Under: データの削除 / 証明書",
        "Other vendors:",
        "1 Alpha Cloud: 30 days — Customer data is erased 30 days after the contract ends.",
        "✎ Queue: 6 left (Acme Cloud: 5)",
    ] {
        assert!(screen.contains(expected), "{expected:?} in\n{screen}");
    }
    type_keys(&mut app, "\n");
    let screen = common::screen::screen(&app);
    assert!(
        screen.contains("§7.2 · score 0.28 · value: 5 generations"),
        "{screen}"
    );
}

/// The queue's screens in both languages at both sizes.
#[test]
fn the_queue_on_screen() {
    for (lang, code) in [(Lang::En, "en"), (Lang::Ja, "ja")] {
        for (width, height) in [(80, 24), (160, 45)] {
            let home = home();
            let mut app = open(&home, width, height, lang);
            type_keys(&mut app, "A\n");
            // The status line names the file saved to, which is temporary.
            app.status.message = None;
            insta::assert_snapshot!(
                format!("queue_{code}_{width}x{height}"),
                common::screen::screen(&app)
            );
        }
    }
}

/// The draft review panel, the queue and the bulk list at 80x24 in Japanese: their borders stay
/// whole over the double-width text beneath.
#[test]
fn the_review_pop_ups_hold_over_japanese_text() {
    let home = home();
    let mut app = open(&home, 80, 24, Lang::Ja);
    let encryption = app.catalog.control_index("encryption-at-rest").unwrap();
    app.browser.selected = Some(NavItem::Control(encryption));
    type_keys(&mut app, "A\u{1b}a");
    assert_eq!(on(&app), at("acme", "encryption-at-rest"));
    assert_eq!(app.input.draft_panel().unwrap().queue, None);
    let shown = common::screen::screen(&app);
    common::screen::assert_popup_whole(&shown, "下書きの確認");
    insta::assert_snapshot!("draft_panel_ja_80x24", shown);
    type_keys(&mut app, "q");
    type_keys(&mut app, "A");
    common::screen::assert_popup_whole(&common::screen::screen(&app), "確認キュー");
    type_keys(&mut app, "B");
    common::screen::assert_popup_whole(&common::screen::screen(&app), "一括確定");
}

#[test]
fn the_bulk_list_shows_the_empty_drafts_and_cancelling_leaves_everything() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    type_keys(&mut app, "AB");
    assert_eq!(app.input.kind(), InputKind::BulkConfirm);
    let InputMode::BulkConfirm { bulk, .. } = &app.input else {
        unreachable!()
    };
    let listed: Vec<&str> = bulk
        .items
        .iter()
        .map(|i| app.catalog.controls[i.control].control.id.as_str())
        .collect();
    // Not the stated draft, not the one whose candidate holds a value, not the one the
    // importer was confident about; nor Zeta's (another vendor).
    assert_eq!(listed, ["encryption-at-rest", "log-retention"]);
    insta::assert_snapshot!("bulk_en_160x45", common::screen::screen(&app));
    type_keys(&mut app, "q");
    assert_eq!(app.input.kind(), InputKind::Drafts, "back to the draft");
    assert_eq!(on(&app), at("acme", "deletion-timing"));
    assert_eq!(home.read("acme"), ACME);
    type_keys(&mut app, "B\u{1b}");
    assert_eq!(app.input.kind(), InputKind::Drafts);
    assert_eq!(home.read("acme"), ACME);
    assert!(app
        .status
        .message
        .as_ref()
        .is_some_and(|m| m.text == "Nothing confirmed."));
}

#[test]
fn confirming_the_bulk_list_writes_every_draft_kept_in_it_at_once() {
    let home = home();
    let mut app = open(&home, 80, 24, Lang::Ja);
    type_keys(&mut app, "AB");
    insta::assert_snapshot!("bulk_ja_80x24", common::screen::screen(&app));
    // The first is left out, for the queue.
    type_keys(&mut app, " ");
    type_keys(&mut app, "\n");
    assert_eq!(
        home.drafts("acme"),
        [
            "deletion-timing",
            "backup-generations",
            "encryption-at-rest",
            "availability-target"
        ]
    );
    let file = home.parse("acme");
    let log = &file.answers[3];
    assert_eq!((log.status, log.draft), (Status::NotStated, false));
    // The comments above each answer stay.
    assert_eq!(home.read("acme").matches("# confidence").count(), 5);
    assert_eq!(app.input.kind(), InputKind::Drafts, "back in the queue");
    assert_eq!(on(&app), at("acme", "deletion-timing"));
    assert_eq!(left(&app), 5);
    let message = app.status.message.clone().unwrap();
    assert!(
        !message.error && message.text.contains("1件"),
        "{message:?}"
    );
    // Nothing more to confirm at once but the one left out.
    type_keys(&mut app, "B");
    let InputMode::BulkConfirm { bulk, .. } = &app.input else {
        panic!("{:?}", app.status.message)
    };
    assert_eq!(bulk.items.len(), 1);
    type_keys(&mut app, "\n");
    type_keys(&mut app, "B");
    assert_eq!(app.input.kind(), InputKind::Drafts);
    assert!(app
        .status
        .message
        .as_ref()
        .is_some_and(|m| m.error && m.text.contains("一括で確定できる下書きはありません")));
}

#[test]
fn a_bulk_save_that_fails_keeps_every_answer_confirmed() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    type_keys(&mut app, "AB");
    let broken = ACME.replace(
        "  - control: certifications\n    status: not_stated",
        "  - control: certifications\n    status: maybe",
    );
    std::fs::write(home.file("acme"), &broken).unwrap();
    let before = app.catalog.clone();
    type_keys(&mut app, "\n");
    assert_eq!(home.read("acme"), broken);
    let message = app.status.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("Not saved"),
        "{message:?}"
    );
    // Every answer confirmed in the list is kept as confirmed, nothing else changed.
    let acme = app.catalog.vendor_index("acme").unwrap();
    let changed: Vec<&str> = app.catalog.vendors[acme]
        .answers
        .iter()
        .zip(&before.vendors[acme].answers)
        .filter(|(now, was)| now != was)
        .map(|(now, _)| now.control.as_ref())
        .collect();
    assert_eq!(changed, ["encryption-at-rest", "log-retention"]);
    let kept: Vec<&str> = app
        .unsaved
        .changes
        .answers
        .iter()
        .map(|a| a.ours.control.as_ref())
        .collect();
    assert_eq!(kept, changed);
    assert!(app
        .unsaved
        .changes
        .answers
        .iter()
        .all(|a| a.base.draft && !a.ours.draft));
    // The file fixed, quitting saves them first.
    std::fs::write(home.file("acme"), ACME).unwrap();
    type_keys(&mut app, "qq");
    assert_eq!(app.input.kind(), InputKind::QuitPrompt);
    type_keys(&mut app, "s");
    assert!(app.quit);
    assert_eq!(
        home.drafts("acme"),
        [
            "deletion-timing",
            "backup-generations",
            "availability-target"
        ]
    );
}

#[test]
fn the_bulk_confirm_merges_a_hand_edit_made_while_the_list_was_open() {
    let home = home();
    let mut app = open(&home, 160, 45, Lang::En);
    type_keys(&mut app, "AB");
    // While the list is open, someone writes a note on one of the drafts in the file.
    let by_hand = ACME.replace(
        "  - control: log-retention\n    status: not_stated\n    draft: true\n",
        "  - control: log-retention\n    status: not_stated\n    draft: true\n    note: { en: \"Asked by phone: 1 year.\" }\n",
    );
    assert_ne!(by_hand, ACME);
    std::fs::write(home.file("acme"), &by_hand).unwrap();
    type_keys(&mut app, "\n");
    let file = home.parse("acme");
    let log = file
        .answers
        .iter()
        .find(|a| a.control == "log-retention")
        .unwrap();
    assert!(!log.draft, "confirmed");
    assert_eq!(
        log.note.as_ref().map(|n| n.en.as_ref()),
        Some("Asked by phone: 1 year."),
        "the hand edit stays"
    );
    // What the app holds is what the file holds.
    let acme = app.catalog.vendor_index("acme").unwrap();
    assert_eq!(app.catalog.vendors[acme].answers, file.answers);
    assert!(app.unsaved.changes.is_empty());
}

#[test]
fn a_yes_no_draft_is_confirmed_once_it_says_yes_or_no() {
    let (_dir, paths) = temp_home();
    let catalog = kurabe::catalog::load_embedded().unwrap().catalog;
    let template = kurabe::cli::vendor_template(&catalog, "acme", "Acme Cloud");
    let not_stated = "  - control: security-policy\n    status: not_stated\n";
    let file = template.replace(
        not_stated,
        "  - control: security-policy\n    status: stated\n    \
         summary: { en: \"「情報セキュリティ基本方針を定めています。」\" }\n    \
         vendor_words: both\n    quotes:\n      \
         - { document: main, section: \"1.1\", text: \"情報セキュリティ基本方針を定めています。\" }\n    \
         draft: true\n",
    );
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::write(paths.vendors_dir().join("acme.yaml"), &file).unwrap();
    let session = session::open(None, paths.clone()).expect("it loads");
    let mut app = App::from_session(session);
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 45,
        },
    );
    type_keys(&mut app, "A");
    assert_eq!(on(&app), at("acme", "security-policy"));
    type_keys(&mut app, "\n");
    assert_eq!(on(&app), at("acme", "security-policy"), "not confirmed");
    let message = app.status.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("say yes or no first"),
        "{message:?}"
    );
    let saved = std::fs::read_to_string(paths.vendors_dir().join("acme.yaml")).unwrap();
    assert_eq!(saved, file, "nothing saved");
    type_keys(&mut app, "P\n");
    assert_eq!(app.input, InputMode::Normal, "the one draft is reviewed");
    let saved = std::fs::read_to_string(paths.vendors_dir().join("acme.yaml")).unwrap();
    let parsed = yaml::read::<VendorFile>("acme.yaml", saved.as_bytes())
        .unwrap()
        .0;
    let answer = parsed
        .answers
        .iter()
        .find(|a| a.control == "security-policy")
        .unwrap();
    assert_eq!(answer.polarity, Some(kurabe::catalog::Polarity::Yes));
    assert!(!answer.draft);
}
