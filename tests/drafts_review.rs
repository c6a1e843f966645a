//! Reviewing an imported draft in the app, key by key on ratatui's TestBackend: a user's vendor
//! file with drafts (written here into a temporary KURABE_DATA_DIR, over the UI tests' own
//! catalogue) is reviewed, and what lands on disk is checked line by line.

mod common;

use common::home::{kurabe_in_tmux, temp_home, type_keys};
use kurabe::catalog::{yaml, Lang, Since, Status, TimeUnit, Value, VendorFile};
use kurabe::paths::Paths;
use kurabe::session;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, Focus, InputKind, NavItem};
use kurabe::tui::update::update;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

const ACME: &str = "\
# Acme Cloud, drafted by `kurabe import` from its check sheet.
vendor:
  id: acme
  name: { en: \"Acme Cloud\", ja: \"アクメクラウド\" }
documents:
  - id: sheet
    title: \"Acme セキュリティチェックシート\"
    source: acme-checksheet.csv
answers:
  # ------------------------------------------------ data lifecycle
  - control: deletion-timing
    status: not_stated
    draft: true
    candidates:
      - { document: sheet, section: \"6.30\", text: \"契約終了後30日で利用者データを消去します。\", score: 0.61 }
      - { document: sheet, section: \"6.31\", text: \"消去後、消去証明書を発行します。\", score: 0.42 }
      - { document: sheet, section: \"2.1\", text: \"データは国内のデータセンターに保管します。\", score: 0.12 }
  - control: backup-generations
    status: stated
    summary:
      en: \"Vendor's words: 「バックアップは7世代保持します。」\"
      ja: \"ベンダーの記述: 「バックアップは7世代保持します。」\"
    value: { kind: count, amount: 7, unit: generations }
    quotes:
      - { document: sheet, section: \"6.12\", text: \"バックアップは7世代保持します。\" }
    draft: true
    candidates:
      - { document: sheet, section: \"6.13\", text: \"バックアップは遠隔地に保管します。\", score: 0.33 }

  # ------------------------------------------------ protection
  - control: encryption-at-rest   # checked by hand
    status: not_stated
  - control: log-retention
    status: not_stated
  # ------------------------------------------------ operations
  - control: availability-target
    status: not_stated
  - control: certifications
    status: not_stated
";

struct Home {
    _dir: TempDir,
    paths: Paths,
}

impl Home {
    fn vendor_file(&self) -> PathBuf {
        self.paths.vendors_dir().join("acme.yaml")
    }
    fn read(&self) -> String {
        std::fs::read_to_string(self.vendor_file()).unwrap()
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui")
}

fn home() -> Home {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::write(paths.vendors_dir().join("acme.yaml"), ACME).unwrap();
    Home { _dir: dir, paths }
}

/// The app on the UI fixture catalogue with the user's files, the comparison on `control`
/// with Acme's column selected.
fn open(home: &Home, control: &str, width: u16, height: u16) -> App {
    let dir = fixture_dir();
    let session = session::open(Some(&dir), home.paths.clone()).expect("the catalogue loads");
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    let mut app = App::from_session(session);
    app.spec.today = Some(common::screen::TODAY);
    app.spec.lang = Lang::En;
    update(&mut app, Action::Resize { width, height });
    select(&mut app, control);
    app
}

fn select(app: &mut App, control: &str) {
    let c = app
        .catalog
        .control_index(control)
        .expect("a fixture control");
    let acme = app.catalog.vendor_index("acme").expect("acme loads");
    app.browser.selected = Some(NavItem::Control(c));
    app.browser.focus = Focus::Compare;
    app.browser.vendor_cursor = app.spec.vendors.iter().position(|&v| v == acme).unwrap();
}

fn parse(text: &str) -> VendorFile {
    yaml::read::<VendorFile>("acme.yaml", text.as_bytes())
        .expect("the vendor file loads")
        .0
}

fn controls(file: &VendorFile) -> Vec<String> {
    file.answers.iter().map(|a| a.control.to_string()).collect()
}

fn check(home: &Home) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kurabe"))
        .args(["check", "--data"])
        .arg(fixture_dir())
        .env("KURABE_CONFIG_DIR", &home.paths.config_dir)
        .env("KURABE_DATA_DIR", &home.paths.data_dir)
        .env("KURABE_STATE_DIR", &home.paths.state_dir)
        .output()
        .unwrap()
}

/// The lines of `text` outside the block of the answer to `control`.
fn outside_block(text: &str, control: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("  - control: ") {
            inside = line.starts_with(&format!("  - control: {control}"));
        } else if !line.starts_with("    ") {
            inside = false;
        }
        if !inside {
            out.push(line.to_string());
        }
    }
    out
}

#[test]
fn a_draft_is_reviewed_key_by_key_and_saved_with_the_rest_of_the_file_unchanged() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    let drafts = app.drafts_left();
    type_keys(&mut app, "a");
    assert_eq!(
        app.input.kind(),
        InputKind::Drafts,
        "{:?}",
        app.status.message
    );
    // Accept the first two candidates: the second moves up under the cursor's next step.
    type_keys(&mut app, " j ");
    let after_quotes = parse(&home.read());
    assert_eq!(after_quotes.answers[0].quotes.len(), 2, "saved at once");
    assert_eq!(after_quotes.answers[0].status, Status::Stated);
    type_keys(&mut app, "eErased 30 days after the contract ends.\n");
    type_keys(&mut app, "V30 days\n");
    type_keys(&mut app, "\n");
    assert_eq!(app.input.kind(), InputKind::Normal);

    let text = home.read();
    let file = parse(&text);
    let answer = &file.answers[0];
    assert_eq!(answer.status, Status::Stated);
    assert!(!answer.draft);
    assert!(answer.candidates.is_empty());
    let quotes: Vec<&str> = answer.quotes.iter().map(|q| q.section.as_ref()).collect();
    assert_eq!(quotes, ["6.30", "6.31"]);
    assert_eq!(
        answer.quotes[0].text,
        "契約終了後30日で利用者データを消去します。"
    );
    let summary = answer.summary.as_ref().unwrap();
    assert_eq!(summary.en, "Erased 30 days after the contract ends.");
    // Japanese stays the vendor's own words until someone writes it.
    assert_eq!(
        summary.ja.as_deref(),
        Some("「契約終了後30日で利用者データを消去します。」 「消去後、消去証明書を発行します。」")
    );
    assert_eq!(answer.vendor_words, Some(kurabe::catalog::VendorWords::Ja));
    assert!(text.contains("vendor_words: ja"), "{text}");
    assert_eq!(
        answer.value,
        Some(Value::Duration {
            amount: 30.0,
            unit: TimeUnit::Days,
            from: None
        })
    );
    assert!(!text
        .contains("draft: true\n    candidates:\n      - { document: sheet, section: \"6.30\""));
    // Comments, the other answers and their order are as they were.
    assert_eq!(controls(&file), controls(&parse(ACME)));
    assert_eq!(
        outside_block(&text, "deletion-timing"),
        outside_block(ACME, "deletion-timing")
    );
    assert!(text.contains("  - control: encryption-at-rest   # checked by hand\n"));
    // The app shows what the file says, and `kurabe check` accepts the file.
    let acme = app.catalog.vendor_index("acme").unwrap();
    assert_eq!(app.catalog.vendors[acme].answers[0], *answer);
    assert_eq!(
        app.drafts_left(),
        drafts - 1,
        "the status line counts one draft fewer"
    );
    assert!(app
        .status
        .message
        .as_ref()
        .is_some_and(|m| !m.error && m.text.contains("acme.yaml")));
    let out = check(&home);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rejecting_a_draft_leaves_it_not_stated_with_its_quotes_back_among_the_candidates() {
    let home = home();
    let mut app = open(&home, "backup-generations", 160, 45);
    type_keys(&mut app, "ax");
    let file = parse(&home.read());
    let answer = &file.answers[1];
    assert_eq!(answer.status, Status::NotStated);
    assert!(answer.quotes.is_empty());
    assert_eq!(answer.value, None);
    assert_eq!(
        answer.summary, None,
        "the vendor's words go with the quotes"
    );
    assert!(answer.draft, "still to confirm");
    assert_eq!(answer.candidates[0].section, "6.12");
    type_keys(&mut app, "\n");
    let file = parse(&home.read());
    assert!(!file.answers[1].draft);
    assert_eq!(file.answers[1].status, Status::NotStated);
    assert_eq!(controls(&file), controls(&parse(ACME)));
    assert!(check(&home).status.success());
}

#[test]
fn a_value_that_does_not_read_is_refused_in_the_field_and_the_file_untouched() {
    let home = home();
    let mut app = open(&home, "backup-generations", 160, 45);
    type_keys(&mut app, "aV");
    // The field starts from the value as the catalogue writes it.
    assert_eq!(
        app.input.draft_field().unwrap().editor.text,
        "7 generations"
    );
    type_keys(&mut app, &"\u{8}".repeat("7 generations".len()));
    type_keys(&mut app, "7 genrations\n");
    assert_eq!(
        app.input.kind(),
        InputKind::DraftEdit,
        "the field stays open"
    );
    let error = app.input.draft_field().unwrap().error.clone().unwrap();
    assert!(error.contains("`genrations` is not a unit"), "{error}");
    assert_eq!(home.read(), ACME);
}

#[test]
fn a_value_typed_in_japanese_is_understood_before_it_is_saved_with_what_it_counts_from() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    // The first candidate as the quote: the answer states something and may carry a value.
    type_keys(&mut app, "a ");
    let quoted = home.read();
    // The status line names the temporary file saved to.
    app.status.message = None;
    type_keys(&mut app, "V");
    assert_eq!(app.input.kind(), InputKind::DraftEdit);
    type_keys(&mut app, "契約終了から45日");
    let screen = common::screen::screen(&app);
    assert!(
        screen.contains("Understood: 45 days · from contract end"),
        "{screen}"
    );
    assert_eq!(home.read(), quoted, "nothing saved before Enter");
    insta::assert_snapshot!("drafts_value_understood_en_160x45", screen);
    type_keys(&mut app, "\n");
    assert_eq!(
        app.input.kind(),
        InputKind::Drafts,
        "{:?}",
        app.input.draft_field()
    );
    let text = home.read();
    let answer = &parse(&text).answers[0];
    assert_eq!(
        answer.value,
        Some(Value::Duration {
            amount: 45.0,
            unit: TimeUnit::Days,
            from: Some(Since::ContractEnd)
        })
    );
    assert!(text.contains("from: contract-end"), "{text}");
    let message = app.status.message.clone().unwrap();
    assert!(
        message.text.contains("45 days · from contract end"),
        "{message:?}"
    );
    // Opened again, the field shows the value as the app writes it, and that reads back.
    app.spec.lang = Lang::Ja;
    type_keys(&mut app, "V");
    assert_eq!(
        app.input.draft_field().unwrap().editor.text,
        "契約終了から45日"
    );
    let screen = common::screen::screen(&app);
    assert!(
        screen.contains("読み取り: 45日 · 起算: 契約終了"),
        "{screen}"
    );
    // The starting point is changed by typing another.
    type_keys(
        &mut app,
        &"\u{8}".repeat("契約終了から45日".chars().count()),
    );
    type_keys(&mut app, "解約後60日\n");
    assert_eq!(
        parse(&home.read()).answers[0].value,
        Some(Value::Duration {
            amount: 60.0,
            unit: TimeUnit::Days,
            from: Some(Since::Cancellation)
        })
    );
}

#[test]
fn a_value_that_does_not_read_is_refused_with_an_example_and_the_typed_text_kept() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    type_keys(&mut app, "a V45 dys after contract end");
    let screen = common::screen::screen(&app);
    assert!(screen.contains("Not understood yet:"), "{screen}");
    type_keys(&mut app, "\n");
    assert_eq!(
        app.input.kind(),
        InputKind::DraftEdit,
        "the field stays open"
    );
    let edit = app.input.draft_field().cloned().unwrap();
    assert_eq!(edit.editor.text, "45 dys after contract end");
    let error = edit.error.unwrap();
    assert!(error.contains("`dys` is not a unit"), "{error}");
    assert!(error.contains("as in \"30 days\""), "{error}");
    let screen = common::screen::screen(&app);
    assert!(screen.contains("⚠ `dys` is not a unit"), "{screen}");
    assert_eq!(
        home.read().matches("value:").count(),
        ACME.matches("value:").count()
    );
    // Neither is a text with a quantity saved as a list.
    type_keys(&mut app, &"\u{8}".repeat(edit.editor.text.chars().count()));
    type_keys(&mut app, "契約終了から45\n");
    let error = app.input.draft_field().cloned().unwrap().error.unwrap();
    assert!(error.contains("no unit after 45"), "{error}");
    assert!(!home.read().contains("kind: list"));
}

#[test]
fn business_days_typed_in_japanese_are_saved_shown_and_exported_as_business_days() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    type_keys(&mut app, "a V5営業日以内\n\n");
    assert_eq!(
        app.input.kind(),
        InputKind::Normal,
        "{:?}",
        app.input.draft_field()
    );
    let text = home.read();
    assert!(text.contains("unit: business-days"), "{text}");
    assert_eq!(
        parse(&text).answers[0].value,
        Some(Value::Duration {
            amount: 5.0,
            unit: TimeUnit::BusinessDays,
            from: None
        })
    );
    let screen = common::screen::screen(&app);
    assert!(screen.contains("5 business days"), "{screen}");
    let md = kurabe::export::markdown::render(&app.view());
    assert!(md.contains("### Acme Cloud: 5 business days"), "{md}");
    app.spec.lang = Lang::Ja;
    assert!(common::screen::screen(&app).contains("5営業日"));
    let out = check(&home);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn yes_or_no_on_a_control_answered_in_words_is_refused_not_kept_as_unsaved() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    for keys in ["aP", " P"] {
        type_keys(&mut app, keys);
        let message = app.status.message.clone().unwrap();
        assert!(
            message.error && message.text.contains("Yes or no is for yes/no questions"),
            "{message:?}"
        );
        assert!(!home.paths.state_dir.join("unsaved.yaml").exists());
    }
    let file = parse(&home.read());
    assert_eq!(file.answers[0].status, Status::Stated, "the quote is taken");
    assert_eq!(file.answers[0].polarity, None);
    assert!(check(&home).status.success());
}

#[test]
fn a_change_the_loader_would_refuse_is_not_written_but_kept_until_it_can_be() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    type_keys(&mut app, "a");
    // Meanwhile, a hand edit breaks another answer of the file.
    let broken = ACME.replace(
        "  - control: log-retention\n    status: not_stated",
        "  - control: log-retention\n    status: maybe",
    );
    std::fs::write(home.vendor_file(), &broken).unwrap();
    type_keys(&mut app, " ");
    assert_eq!(home.read(), broken, "the file is untouched");
    let message = app.status.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("Not saved"),
        "{message:?}"
    );
    assert!(message.text.contains("maybe"), "{message:?}");
    // The change stays, on screen and in the state directory.
    let acme = app.catalog.vendor_index("acme").unwrap();
    assert_eq!(app.catalog.vendors[acme].answers[0].quotes.len(), 1);
    let kept = home.paths.state_dir.join("unsaved.yaml");
    assert!(std::fs::read_to_string(&kept)
        .unwrap()
        .contains("control: deletion-timing"));
    // The file fixed, the next change saves both.
    std::fs::write(home.vendor_file(), ACME).unwrap();
    type_keys(&mut app, "j ");
    let file = parse(&home.read());
    assert_eq!(file.answers[0].quotes.len(), 2, "{}", home.read());
    assert!(!kept.exists(), "nothing left unsaved");
}

#[test]
fn embedded_vendors_are_not_edited() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    app.browser.vendor_cursor = 0;
    type_keys(&mut app, "a");
    assert_eq!(app.input.kind(), InputKind::Normal);
    assert!(app.status.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn text_being_typed_survives_kurabe_closing_and_is_offered_again() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    type_keys(&mut app, "a E30日後に消去");
    // kurabe goes away without saving (a crash, a signal): the text is in the state directory.
    drop(app);
    let mut app = open(&home, "deletion-timing", 160, 45);
    assert_eq!(app.input.kind(), InputKind::DraftEdit);
    let edit = app.input.draft_field().cloned().unwrap();
    assert_eq!(edit.editor.text, "30日後に消去");
    type_keys(&mut app, "\n");
    let file = parse(&home.read());
    assert_eq!(
        file.answers[0].summary.as_ref().unwrap().ja.as_deref(),
        Some("30日後に消去")
    );
    assert!(
        !home.paths.state_dir.join("draft-edit.yaml").exists(),
        "kept only until saved"
    );
}

#[test]
fn drafts_are_badged_counted_and_filtered() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    let screen = common::screen::screen(&app);
    assert!(screen.contains("✎ draft"), "{screen}");
    assert!(screen.contains("✎ 2 drafts left"), "{screen}");
    type_keys(&mut app, "D");
    let view = app.view();
    let ids: Vec<&str> = view
        .visible
        .iter()
        .map(|&c| app.catalog.controls[c].control.id.as_str())
        .collect();
    assert_eq!(ids, ["deletion-timing", "backup-generations"]);
    assert!(common::screen::screen(&app).contains("only drafts"));
    select(&mut app, "backup-generations");
    let screen = common::screen::screen(&app);
    assert!(screen.contains("The vendor's words:"), "{screen}");
    assert!(!screen.contains("Vendor's words: 「"), "{screen}");
    // The export says the same as the screen.
    let md = kurabe::export::markdown::render(&app.view());
    assert!(
        md.contains("### Acme Cloud: 7 generations (stated, ✎ draft)"),
        "{md}"
    );
    assert!(
        md.contains("*The vendor's words:* 「バックアップは7世代保持します。」"),
        "{md}"
    );
    app.spec.lang = Lang::Ja;
    let screen = common::screen::screen(&app);
    assert!(
        screen.contains("✎ 下書き") && screen.contains("事業者の原文"),
        "{screen}"
    );
}

#[test]
fn the_candidates_panel_at_160x45() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    type_keys(&mut app, "aj");
    insta::assert_snapshot!("drafts_panel_en_160x45", common::screen::screen(&app));
    // Two candidates taken as quotes: the summary is their words, marked so.
    type_keys(&mut app, "k j ");
    // The status line names the temporary file saved to.
    app.status.message = None;
    type_keys(&mut app, "V");
    app.spec.lang = Lang::Ja;
    insta::assert_snapshot!("drafts_panel_value_ja_160x45", common::screen::screen(&app));
}

#[test]
fn kept_text_for_an_answer_that_is_no_longer_a_draft_stays_where_it_is_and_is_named() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    type_keys(&mut app, "aeDeleted after 30 days");
    drop(app);
    // Someone confirmed the answer meanwhile.
    let confirmed = ACME.replacen("    draft: true\n", "", 1);
    std::fs::write(home.vendor_file(), confirmed).unwrap();
    let app = open(&home, "deletion-timing", 160, 45);
    assert_eq!(app.input.kind(), InputKind::Normal);
    let kept = home.paths.state_dir.join("draft-edit.yaml");
    let message = app.status.message.clone().unwrap();
    assert!(
        message.text.contains(&kept.display().to_string()),
        "{message:?}"
    );
    assert!(std::fs::read_to_string(&kept)
        .unwrap()
        .contains("Deleted after 30 days"));
}

#[test]
fn an_answer_that_states_nothing_takes_no_summary() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    type_keys(&mut app, "aeErased after 30 days.\n");
    assert_eq!(
        app.input.kind(),
        InputKind::DraftEdit,
        "the field stays open"
    );
    let error = app.input.draft_field().unwrap().error.clone().unwrap();
    assert!(error.contains("states nothing"), "{error}");
    assert_eq!(home.read(), ACME);
    // What was typed is still kept.
    let kept = std::fs::read_to_string(home.paths.state_dir.join("draft-edit.yaml")).unwrap();
    assert!(kept.contains("Erased after 30 days."), "{kept}");
}

/// Polls `done` for up to a minute.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "{what} never happened"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn start_in_tmux(home: &Home) -> common::Tmux {
    let fixtures = fixture_dir().display().to_string();
    let tmux = kurabe_in_tmux(
        "drafts",
        home._dir.path(),
        (160, 45),
        &home.paths,
        &["--data", &fixtures],
    );
    tmux.wait_for("Categories");
    tmux
}

#[test]
fn the_real_binary_killed_while_a_summary_is_typed_offers_it_again() {
    if !common::tmux_available() {
        return;
    }
    let home = home();
    let tmux = start_in_tmux(&home);
    // Backup generations, Acme's column (the fourth), its candidates, the English summary.
    for key in ["j", "Tab", "l", "l", "l", "a", "e"] {
        tmux.cmd(&["send-keys", "-t", "kurabe", key]);
    }
    tmux.cmd(&[
        "send-keys",
        "-t",
        "kurabe",
        "-l",
        "Seven generations are kept",
    ]);
    tmux.wait_for("Seven generations are kept");
    let kept = home.paths.state_dir.join("draft-edit.yaml");
    eventually("keeping the typed text", || {
        std::fs::read_to_string(&kept).is_ok_and(|t| t.contains("Seven generations are kept"))
    });
    let pane = tmux.cmd(&["list-panes", "-t", "kurabe", "-F", "#{pane_pid}"]);
    let pid = String::from_utf8_lossy(&pane.stdout).trim().to_string();
    assert!(Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap()
        .success());
    eventually("kurabe's end", || !tmux.alive());
    drop(tmux);
    assert_eq!(home.read(), ACME, "nothing saved yet");

    let tmux = start_in_tmux(&home);
    tmux.wait_for("Restored the text you were typing");
    tmux.cmd(&["send-keys", "-t", "kurabe", "Enter"]);
    eventually("saving the summary", || {
        home.read().contains("en: \"Seven generations are kept\"")
    });
    eventually("forgetting the kept text", || !kept.exists());
    // q closes the panel, then quits.
    tmux.cmd(&["send-keys", "-t", "kurabe", "q"]);
    tmux.quit();
}

/// The controls a search for a summary just written finds, searching inline or, as in the
/// real app whatever the catalogue's size, in the background.
fn found_after_writing_a_summary(background: bool) -> Vec<String> {
    let home = home();
    let mut app = open(&home, "backup-generations", 160, 45);
    app.search.background = background;
    type_keys(&mut app, "aeKept offsite in Osaka\n\u{1b}");
    assert_eq!(app.input.kind(), InputKind::Normal);
    type_keys(&mut app, "/osaka");
    let view = app.view();
    view.visible
        .iter()
        .map(|&c| app.catalog.controls[c].control.id.clone())
        .collect()
}

#[test]
fn a_written_summary_is_found_by_search() {
    assert_eq!(found_after_writing_a_summary(false), ["backup-generations"]);
}

#[test]
fn a_written_summary_is_found_by_a_background_search_too() {
    assert_eq!(found_after_writing_a_summary(true), ["backup-generations"]);
}

#[test]
fn confirming_the_last_draft_records_the_assessment_the_screen_then_counts_from() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    let line = |app: &App| {
        let view = app.view();
        let acme = view.vendors.iter().find(|v| v.id == "acme").unwrap();
        (acme.assessment_line.clone(), acme.due)
    };
    assert_eq!(
        line(&app),
        ("not assessed yet (drafts to review)".to_string(), false)
    );
    assert!(common::screen::screen(&app).contains("· not assessed yet"));
    type_keys(&mut app, "a\n");
    assert!(!home.read().contains("assessed:"), "a draft is left");
    select(&mut app, "backup-generations");
    type_keys(&mut app, "a\n");
    let text = home.read();
    assert!(
        text.contains("vendor:\n  id: acme\n  assessed: \"2026-01-15\"\n"),
        "{text}"
    );
    let file = parse(&text);
    assert_eq!(file.vendor.assessed.as_deref(), Some("2026-01-15"));
    assert!(file.answers.iter().all(|a| !a.draft));
    assert!(check(&home).status.success());
    let acme = app.catalog.vendor_index("acme").unwrap();
    assert_eq!(
        app.catalog.vendors[acme].info.assessed.as_deref(),
        Some("2026-01-15")
    );
    assert_eq!(
        line(&app),
        (
            "assessed 2026-01-15, next due 2027-01-15".to_string(),
            false
        )
    );
    assert!(common::screen::screen(&app).contains("· assessed 2026-01-15"));
}

#[test]
fn a_reviewer_reading_japanese_is_told_in_japanese_what_was_saved() {
    let home = home();
    let mut app = open(&home, "deletion-timing", 160, 45);
    app.spec.lang = Lang::Ja;
    // The first candidate as the quote.
    type_keys(&mut app, "a ");
    let message = app.status.message.clone().unwrap();
    assert!(
        message.text.starts_with("引用を変更しました。")
            && message.text.ends_with("に保存しました"),
        "{message:?}"
    );
    type_keys(&mut app, "V契約終了から45日\n");
    let message = app.status.message.clone().unwrap();
    assert!(
        message
            .text
            .starts_with("値を設定しました: 45日 · 起算: 契約終了。"),
        "{message:?}"
    );
}
