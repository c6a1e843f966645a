//! No review edit lost: two kurabe instances reviewing the same draft answer, a hand edit of
//! the file between two review actions, the conflict that follows when both change the same
//! field (in the file, on screen, in `kurabe check`, settled by a key), and paste in every
//! text field of the review.

mod common;

use common::home::{kurabe, temp_home, type_keys};
use kurabe::catalog::{yaml, Answer, Conflict, Lang, TimeUnit, Value, VendorFile};
use kurabe::paths::Paths;
use kurabe::session;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, Focus, InputKind, NavItem};
use kurabe::tui::run_effect;
use kurabe::tui::update::{update, Effect};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ACME: &str = "\
vendor:
  id: acme
  name: { en: \"Acme Cloud\", ja: \"アクメクラウド\" }
documents:
  - id: sheet
    title: \"Acme セキュリティチェックシート\"
    source: acme-checksheet.csv
answers:
  - control: deletion-timing
    status: not_stated
    draft: true
    candidates:
      - { document: sheet, section: \"6.30\", text: \"契約終了後30日で利用者データを消去します。\", score: 0.61 }
      - { document: sheet, section: \"6.31\", text: \"消去後、消去証明書を発行します。\", score: 0.42 }
  - control: backup-generations
    status: not_stated
  - control: encryption-at-rest
    status: not_stated
  - control: log-retention
    status: not_stated
  - control: availability-target
    status: not_stated
  - control: certifications
    status: not_stated
";

struct Home {
    dir: TempDir,
    paths: Paths,
}

impl Home {
    fn vendor_file(&self) -> PathBuf {
        self.paths.vendors_dir().join("acme.yaml")
    }
    fn text(&self) -> String {
        std::fs::read_to_string(self.vendor_file()).unwrap()
    }
    /// The answer to deletion-timing as the file holds it.
    fn answer(&self) -> Answer {
        let (file, _) = yaml::read::<VendorFile>("acme.yaml", self.text().as_bytes())
            .expect("the vendor file loads");
        file.answers.into_iter().next().unwrap()
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui")
}

fn home() -> Home {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::write(paths.vendors_dir().join("acme.yaml"), ACME).unwrap();
    Home { dir, paths }
}

/// An instance of the app on the home, on deletion-timing with Acme's column selected.
fn open(home: &Home, width: u16, height: u16) -> App {
    let session = session::open(Some(&fixtures()), home.paths.clone()).expect("it loads");
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    let mut app = App::from_session(session);
    app.spec.today = Some(common::screen::TODAY);
    app.spec.lang = Lang::En;
    update(&mut app, Action::Resize { width, height });
    let control = app.catalog.control_index("deletion-timing").unwrap();
    let acme = app.catalog.vendor_index("acme").unwrap();
    app.browser.selected = Some(NavItem::Control(control));
    app.browser.focus = Focus::Compare;
    app.browser.vendor_cursor = app.spec.vendors.iter().position(|&v| v == acme).unwrap();
    // Keys act on the highlighted column, which is always one on screen: Acme's, scrolled to.
    app.browser.column_offset = app.browser.vendor_cursor;
    app
}

/// Applies an action and carries out its effects as the event loop does.
fn act(app: &mut App, action: Action) {
    let mut pending: VecDeque<Effect> = update(app, action).into();
    while let Some(effect) = pending.pop_front() {
        pending.extend(update(app, run_effect(effect)));
    }
}

fn days(n: f64) -> Option<Value> {
    Some(Value::Duration {
        amount: n,
        unit: TimeUnit::Days,
        from: None,
    })
}

fn shown(app: &App) -> &Answer {
    let acme = app.catalog.vendor_index("acme").unwrap();
    &app.catalog.vendors[acme].answers[0]
}

fn message(app: &App) -> String {
    app.status
        .message
        .clone()
        .map(|m| m.text)
        .unwrap_or_default()
}

#[test]
fn two_instances_reviewing_the_same_draft_keep_each_others_changes() {
    let home = home();
    let mut a = open(&home, 160, 45);
    let mut b = open(&home, 160, 45);
    // A takes the first candidate and writes the summary.
    type_keys(&mut a, "a eErased 30 days after the contract ends.\n");
    // B, which read the answer before, takes the same candidate and sets the value.
    type_keys(&mut b, "a V30 days\n");
    let answer = home.answer();
    assert_eq!(
        answer.summary.as_ref().map(|s| s.en.as_ref()),
        Some("Erased 30 days after the contract ends."),
        "A's summary is not reverted by B's save"
    );
    assert_eq!(answer.value, days(30.0));
    assert_eq!(answer.quotes.len(), 1);
    assert!(answer.conflicts.is_empty(), "{:?}", answer.conflicts);
    // Each instance shows what the file holds after its own save.
    assert_eq!(*shown(&b), answer);

    // Now both change the value: the later save keeps its own and records the other.
    type_keys(&mut a, "V45 days\n");
    let answer = home.answer();
    assert_eq!(answer.value, days(45.0));
    assert_eq!(
        answer.conflicts,
        vec![Conflict::Value {
            ours: days(45.0),
            theirs: days(30.0)
        }]
    );
    assert!(home.text().contains(
        "    conflicts:\n      - field: value\n        ours: { kind: duration, amount: 45, unit: days }\n        theirs: { kind: duration, amount: 30, unit: days }\n"
    ));
    let said = message(&a);
    assert!(said.contains("value had been changed too"), "{said}");
    let screen = common::screen::screen(&a);
    assert!(
        screen.contains("⚠ Conflict on value: this 45 days · the other change 30 days"),
        "{screen}"
    );

    // `kurabe check` explains it, at its line, and still accepts the file.
    let out = kurabe(
        &home.paths,
        &["check", "--data", &fixtures().display().to_string()],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let file = home.vendor_file().display().to_string();
    let line = home
        .text()
        .lines()
        .position(|l| l.contains("- field: value"))
        .unwrap()
        + 1;
    assert!(
        stdout.contains(&format!("warning: {file}:{line}:"))
            && stdout.contains("holds a conflict on its value")
            && stdout.contains("1 conflict(s) to settle"),
        "{stdout}"
    );

    // A takes the other change: the value is B's, and the conflict is gone.
    type_keys(&mut a, "T");
    let answer = home.answer();
    assert_eq!(answer.value, days(30.0));
    assert!(answer.conflicts.is_empty());
    assert!(!home.text().contains("conflicts:"));
}

#[test]
fn a_hand_edit_between_two_review_actions_is_kept() {
    let home = home();
    let mut app = open(&home, 160, 45);
    type_keys(&mut app, "a ");
    assert_eq!(home.answer().quotes.len(), 1);
    // By hand, in the answer under review: a note and the English summary.
    let edited = home.text().replacen(
        "    draft: true\n",
        "    note: { en: \"Checked by phone with Acme.\" }\n    draft: true\n",
        1,
    );
    let edited = edited.replacen("    vendor_words: both\n", "    vendor_words: ja\n", 1);
    let edited = edited.replacen(
        "  summary:\n      en: \"「契約終了後30日で利用者データを消去します。」\"",
        "  summary:\n      en: \"Deleted 30 days after the contract.\"\n      ja: \"「契約終了後30日で利用者データを消去します。」\"",
        1,
    );
    assert!(edited.contains("Deleted 30 days"), "{edited}");
    std::fs::write(home.vendor_file(), &edited).unwrap();
    // The next review action: the second candidate taken as a quote too.
    type_keys(&mut app, "j ");
    let answer = home.answer();
    assert_eq!(answer.quotes.len(), 2);
    assert_eq!(
        answer.note.as_ref().map(|n| n.en.as_ref()),
        Some("Checked by phone with Acme."),
        "{}",
        home.text()
    );
    let summary = answer.summary.clone().unwrap();
    assert_eq!(summary.en, "Deleted 30 days after the contract.");
    assert_eq!(
        summary.ja.as_deref(),
        Some("「契約終了後30日で利用者データを消去します。」 「消去後、消去証明書を発行します。」"),
        "the vendor's words follow the quotes"
    );
    assert!(answer.conflicts.is_empty());
    assert_eq!(*shown(&app), answer, "the app shows the hand edit now");
}

#[test]
fn paste_goes_into_the_summary_and_the_value() {
    let home = home();
    let mut app = open(&home, 160, 45);
    type_keys(&mut app, "a e");
    act(
        &mut app,
        Action::Paste("Erased\r\n30 days after\tthe end\u{1b}[2J.".into()),
    );
    assert_eq!(
        app.input.draft_field().unwrap().editor.text,
        "Erased 30 days after the end[2J.",
        "one line, no escape"
    );
    assert!(!message(&app).contains("ignored"), "{}", message(&app));
    // Typed after the paste goes where the cursor is: at the end.
    type_keys(&mut app, "\u{8}\u{8}\u{8}\u{8}.\n");
    type_keys(&mut app, "V");
    act(&mut app, Action::Paste("45 days".into()));
    type_keys(&mut app, "\n");
    let answer = home.answer();
    assert_eq!(answer.summary.unwrap().en, "Erased 30 days after the end.");
    assert_eq!(answer.value, days(45.0));
    // Japanese pasted into the Japanese summary, and the cursor after it.
    type_keys(&mut app, "E");
    act(&mut app, Action::Paste("契約終了後30日".into()));
    type_keys(&mut app, "で消去\n");
    assert_eq!(
        home.answer().summary.unwrap().ja.as_deref(),
        Some("契約終了後30日で消去")
    );
}

#[test]
fn a_conflict_in_the_panel_at_80x24() {
    let home = home();
    let mut a = open(&home, 80, 24);
    let mut b = open(&home, 80, 24);
    type_keys(&mut a, "a ");
    type_keys(&mut b, "a V30 days\n");
    type_keys(&mut a, "V45 days\n");
    a.status.message = None;
    insta::assert_snapshot!("review_conflict_en_80x24", common::screen::screen(&a));
    a.spec.lang = Lang::Ja;
    insta::assert_snapshot!("review_conflict_ja_80x24", common::screen::screen(&a));
    // O keeps what it holds: the conflict goes, the value stays.
    type_keys(&mut a, "O");
    let answer = home.answer();
    assert_eq!((answer.value, answer.conflicts.len()), (days(45.0), 0));
    assert_eq!(a.input.kind(), InputKind::Drafts);
}

#[test]
fn a_confirmed_answer_with_a_conflict_opens_in_the_panel_to_settle_it() {
    let home = home();
    let mut a = open(&home, 160, 45);
    let mut b = open(&home, 160, 45);
    type_keys(&mut a, "a ");
    type_keys(&mut b, "a ");
    // B sets the value; A sets another one, then confirms the answer.
    type_keys(&mut b, "V30 days\n");
    type_keys(&mut a, "V45 days\n\n");
    assert_eq!(a.input.kind(), InputKind::Normal);
    let answer = home.answer();
    assert!(!answer.draft && !answer.conflicts.is_empty(), "{answer:?}");
    type_keys(&mut a, "a");
    assert_eq!(a.input.kind(), InputKind::Drafts, "{}", message(&a));
    type_keys(&mut a, "O");
    assert!(home.answer().conflicts.is_empty());
    let _ = &home.dir;
}

#[test]
fn a_review_change_that_could_not_be_saved_is_offered_at_the_next_start_and_merged() {
    let home = home();
    let mut app = open(&home, 160, 45);
    type_keys(&mut app, "a");
    // A hand edit breaks another answer of the file: the change cannot be saved.
    let broken = ACME.replace(
        "  - control: log-retention\n    status: not_stated",
        "  - control: log-retention\n    status: maybe",
    );
    std::fs::write(home.vendor_file(), &broken).unwrap();
    type_keys(&mut app, " ");
    assert!(message(&app).contains("Not saved"), "{}", message(&app));
    drop(app);
    // Fixed by hand, with a note written on the answer meanwhile.
    let fixed = ACME.replacen(
        "    draft: true\n",
        "    note: { en: \"Asked Acme by phone.\" }\n    draft: true\n",
        1,
    );
    std::fs::write(home.vendor_file(), &fixed).unwrap();
    let mut app = open(&home, 160, 45);
    assert_eq!(app.input.kind(), InputKind::UnsavedOffer);
    let screen = common::screen::screen(&app);
    assert!(
        screen.contains("• the answer of Acme Cloud — Deletion after contract end"),
        "{screen}"
    );
    type_keys(&mut app, "s");
    let answer = home.answer();
    assert_eq!(answer.quotes.len(), 1, "the change kept is saved");
    assert_eq!(answer.note.unwrap().en, "Asked Acme by phone.", "merged");
    assert!(!home.paths.state_dir.join("unsaved.yaml").exists());
    assert_eq!(app.input.kind(), InputKind::Normal);
}
