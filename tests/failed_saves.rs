//! A failed save is never silently dropped: with the reviews' lock made a directory, or the
//! reviews file on a read-only disk, or a vendor file that will not take the change, the
//! change stays in the app and in the state directory, the screen says so until it is saved,
//! `q` and Ctrl-C ask first, a signal leaves it in the state directory, and the next start
//! offers it back.

mod common;

use common::home::{open_app, temp_home, type_keys};
use common::{tmux_available, Tmux};
use kurabe::paths::Paths;
use kurabe::reviews::{Reviews, Verdict};
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, InputKind};
use kurabe::tui::keymap::resolve;
use kurabe::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CONTROL: &str = "deletion-timing";

fn unsaved_file(paths: &Paths) -> PathBuf {
    paths.state_dir.join("unsaved.yaml")
}

/// The id of the first vendor column shown.
fn first_vendor(app: &App) -> String {
    app.catalog.vendors[app.spec.vendors[0]].id().to_string()
}

fn ctrl_c(app: &mut App) {
    let key = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = resolve(key, app.input.kind()).expect("Ctrl-C works everywhere");
    assert_eq!(action, Action::Quit);
    update(app, action);
}

fn message(app: &App) -> String {
    app.status
        .message
        .clone()
        .map(|m| m.text)
        .unwrap_or_default()
}

fn on_disk(paths: &Paths) -> Reviews {
    Reviews::load(&paths.reviews_file()).expect("the reviews file reads")
}

#[test]
fn a_lock_that_is_a_directory_keeps_the_verdict_asks_before_quitting_and_offers_it_again() {
    let (_dir, paths) = temp_home();
    let lock = paths.data_dir.join("reviews.yaml.lock");
    std::fs::create_dir_all(&lock).unwrap();
    let mut app = open_app(&paths, 160, 45);
    type_keys(&mut app, "/deletion\n\tr");
    let vendor = first_vendor(&app);
    assert!(
        message(&app).contains("Reviews not saved"),
        "{}",
        message(&app)
    );
    assert_eq!(
        app.reviews.get(&vendor, CONTROL).and_then(|r| r.verdict),
        Some(Verdict::Acceptable),
        "the verdict stays on screen"
    );
    let kept = std::fs::read_to_string(unsaved_file(&paths)).unwrap();
    assert!(kept.contains(&format!("control: {CONTROL}")), "{kept}");
    // Said until saved, whatever the message line says next.
    type_keys(&mut app, "d");
    let screen = common::screen::screen(&app);
    assert!(screen.contains("⚠ 1 change(s) not saved, kept"), "{screen}");

    // q asks; Esc stays; Ctrl-C asks too, and a second one quits.
    type_keys(&mut app, "q");
    assert_eq!(app.input.kind(), InputKind::QuitPrompt);
    assert!(!app.quit);
    // The temporary home's path, in the reason given, as HOME: the snapshot stays the same.
    let home = paths.data_dir.parent().unwrap().display().to_string();
    app.unsaved.why = app.unsaved.why.take().map(|w| w.replace(&home, "HOME"));
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    insta::assert_snapshot!("quit_prompt_en_80x24", common::screen::screen(&app));
    // In Japanese, over the list's double-width titles, its borders stay whole.
    app.spec.lang = kurabe::catalog::Lang::Ja;
    let shown = common::screen::screen(&app);
    common::screen::assert_popup_whole(&shown, "未保存の変更があります");
    insta::assert_snapshot!("quit_prompt_ja_80x24", shown);
    app.spec.lang = kurabe::catalog::Lang::En;
    type_keys(&mut app, "\u{1b}");
    assert_eq!((app.input.kind(), app.quit), (InputKind::Normal, false));
    ctrl_c(&mut app);
    assert_eq!(app.input.kind(), InputKind::QuitPrompt);
    // Trying again while the lock is still a directory: asked again, with the reason.
    type_keys(&mut app, "s");
    assert_eq!((app.input.kind(), app.quit), (InputKind::QuitPrompt, false));
    ctrl_c(&mut app);
    assert!(app.quit, "asked twice, it quits");
    drop(app);
    assert!(unsaved_file(&paths).exists(), "kept for the next start");

    // The next start offers it; Esc leaves it for later.
    let mut app = open_app(&paths, 80, 24);
    assert_eq!(app.input.kind(), InputKind::UnsavedOffer);
    app.spec.lang = kurabe::catalog::Lang::Ja;
    let shown = common::screen::screen(&app);
    common::screen::assert_popup_whole(&shown, "前回の未保存の変更");
    insta::assert_snapshot!("unsaved_offer_ja_80x24", shown);
    type_keys(&mut app, "\u{1b}");
    assert_eq!(app.input.kind(), InputKind::Normal);
    drop(app);
    // Then the lock is a file again, and the offer is taken.
    std::fs::remove_dir(&lock).unwrap();
    let mut app = open_app(&paths, 160, 45);
    assert_eq!(app.input.kind(), InputKind::UnsavedOffer);
    type_keys(&mut app, "s");
    assert_eq!(app.input.kind(), InputKind::Normal);
    assert_eq!(
        on_disk(&paths)
            .get(&vendor, CONTROL)
            .and_then(|r| r.verdict),
        Some(Verdict::Acceptable)
    );
    assert!(!unsaved_file(&paths).exists(), "nothing left to keep");
    assert!(!common::screen::screen(&app).contains("not saved"));
    type_keys(&mut app, "q");
    assert!(app.quit, "nothing unsaved: q quits at once");
}

#[cfg(unix)]
#[test]
fn a_read_only_reviews_file_keeps_the_note_until_the_next_change_saves_both() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, paths) = temp_home();
    let mut app = open_app(&paths, 160, 45);
    type_keys(&mut app, "/deletion\n\tr");
    let vendor = first_vendor(&app);
    assert!(paths.reviews_file().exists());
    // The disk goes read-only: the file and its directory.
    let mode =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    mode(&paths.reviews_file(), 0o444);
    mode(&paths.data_dir, 0o555);
    // Root writes anyway: then a backup that cannot be written stops the save for everyone.
    let backup = paths.data_dir.join("reviews.yaml.bak");
    let root = std::fs::write(paths.data_dir.join("probe"), "x").is_ok();
    if root {
        let _ = std::fs::remove_file(&backup);
        std::fs::create_dir(&backup).unwrap();
    }
    type_keys(&mut app, "nAsk Acme for the deletion certificate.\u{13}");
    assert!(
        message(&app).contains("Reviews not saved"),
        "{}",
        message(&app)
    );
    let kept = std::fs::read_to_string(unsaved_file(&paths)).unwrap();
    assert!(
        kept.contains("Ask Acme for the deletion certificate."),
        "{kept}"
    );
    assert_eq!(
        std::fs::metadata(unsaved_file(&paths))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600,
        "a note may be confidential"
    );
    assert_eq!(
        on_disk(&paths)
            .get(&vendor, CONTROL)
            .map(|r| r.note.as_str()),
        Some(""),
        "the file is as it was"
    );
    // Writable again: the next change saves the note with it.
    mode(&paths.data_dir, 0o755);
    mode(&paths.reviews_file(), 0o644);
    if root {
        std::fs::remove_dir(&backup).unwrap();
        let _ = std::fs::remove_file(paths.data_dir.join("probe"));
    }
    type_keys(&mut app, "r");
    let review = on_disk(&paths).get(&vendor, CONTROL).cloned().unwrap();
    assert_eq!(review.note, "Ask Acme for the deletion certificate.");
    assert_eq!(review.verdict, Some(Verdict::FollowUp));
    assert!(!unsaved_file(&paths).exists());
    type_keys(&mut app, "q");
    assert!(app.quit);
}

/// kurabe in a tmux pane, through a shell that writes its pid to `pid` and its exit status to
/// `status` when it ends.
fn start(dir: &Path, paths: &Paths, name: &str) -> Tmux {
    let script = dir.join(format!("{name}.sh"));
    std::fs::write(
        &script,
        format!(
            "export KURABE_CONFIG_DIR='{}' KURABE_DATA_DIR='{}' KURABE_STATE_DIR='{}' KURABE_CACHE_DIR='{}'\n\
             rm -f pid status\n\
             sh -c 'echo $$ > pid; exec \"$0\"' '{}'\n\
             echo $? > status.tmp; mv status.tmp status\n\
             sleep 60\n",
            paths.config_dir.display(),
            paths.data_dir.display(),
            paths.state_dir.display(),
            paths.cache_dir.display(),
            env!("CARGO_BIN_EXE_kurabe"),
        ),
    )
    .unwrap();
    let tmux = Tmux::start(name, dir, (160, 45), &["sh", &script.display().to_string()]);
    tmux.wait_for("Categories");
    tmux
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what} never happened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_real_binary_asks_before_quitting_and_a_signal_keeps_the_change() {
    if !tmux_available() {
        return;
    }
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.data_dir.join("reviews.yaml.lock")).unwrap();
    let tmux = start(dir.path(), &paths, "asks");
    tmux.cmd(&["send-keys", "-t", "kurabe", "/"]);
    tmux.cmd(&["send-keys", "-t", "kurabe", "-l", "deletion timing"]);
    // The results come from a background search: the verdict waits for those of the whole
    // query (a slow machine may first show those of "deletion", several controls).
    tmux.wait_for("timing█  1 matching control");
    for key in ["Enter", "Tab", "r"] {
        tmux.cmd(&["send-keys", "-t", "kurabe", key]);
    }
    tmux.wait_for("change(s) not saved");
    tmux.cmd(&["send-keys", "-t", "kurabe", "q"]);
    tmux.wait_for("Quit with changes not saved?");
    tmux.cmd(&["send-keys", "-t", "kurabe", "Escape"]);
    wait_until("the prompt closing", || {
        !tmux.screen().contains("Quit with changes not saved?")
    });
    // SIGTERM: no one to ask; the change is in the state directory, and kurabe dies of it.
    let pid = std::fs::read_to_string(dir.path().join("pid")).unwrap();
    assert!(Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .unwrap()
        .success());
    wait_until("kurabe's end", || dir.path().join("status").exists());
    let status = std::fs::read_to_string(dir.path().join("status")).unwrap();
    assert_eq!(status.trim(), "143", "it died of SIGTERM");
    let kept = std::fs::read_to_string(unsaved_file(&paths)).unwrap();
    assert!(kept.contains(&format!("control: {CONTROL}")), "{kept}");
    drop(tmux);
    // The next start offers it; q and q quit, leaving it kept.
    let tmux = start(dir.path(), &paths, "offers");
    tmux.wait_for("The last run could not save 1 change(s)");
    tmux.cmd(&["send-keys", "-t", "kurabe", "Escape"]);
    // Esc and q sent together would read as Alt-q.
    wait_until("the offer closing", || {
        !tmux.screen().contains("The last run could not save")
    });
    tmux.cmd(&["send-keys", "-t", "kurabe", "q"]);
    wait_until("kurabe's end", || dir.path().join("status").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("status"))
            .unwrap()
            .trim(),
        "0"
    );
    assert!(unsaved_file(&paths).exists());
}
