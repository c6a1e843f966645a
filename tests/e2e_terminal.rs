//! The real binary in a real terminal (tmux) against what terminals do besides keys: bracketed
//! pastes (`paste-buffer -p`), Ctrl-Z and `fg` in a shell, SIGTERM, SIGHUP and the terminal
//! closing while a note is being written.

mod common;

use common::home::{home_env, kurabe_in_tmux, paths_under};
use common::{tmux_available, Tmux};
use std::path::Path;
use std::time::{Duration, Instant};

/// A tmux server of its own running `command` in a 160x45 window, with kurabe's files in `dir`.
fn tmux_running(dir: &Path, command: &[&str]) -> Tmux {
    Tmux::start("terminal", dir, (160, 45), command)
}

/// The environment that keeps kurabe's files in `dir`, never the real home.
fn env(dir: &Path) -> Vec<String> {
    home_env(&paths_under(dir))
}

/// kurabe itself as the pane's process.
fn start(dir: &Path) -> Tmux {
    let tmux = start_without_waiting(dir);
    tmux.wait_for("Categories");
    tmux
}

fn keys(tmux: &Tmux, text: &str) {
    tmux.cmd(&["send-keys", "-t", "kurabe", "-l", text]);
}

fn key(tmux: &Tmux, name: &str) {
    tmux.cmd(&["send-keys", "-t", "kurabe", name]);
}

/// Pastes `text` as a terminal does when the program asked for bracketed paste.
fn paste(tmux: &Tmux, text: &str) {
    paste_as(tmux, text, true);
}

/// Pastes `text` bracketed, or (`bracketed` false) as a burst of keys, as a terminal without
/// bracketed paste does.
fn paste_as(tmux: &Tmux, text: &str, bracketed: bool) {
    // Through a file: tmux refuses a long text on its command line.
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    let out = tmux.cmd(&["load-buffer", "-b", "clip", file.path().to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let mut args = vec!["paste-buffer", "-d", "-b", "clip", "-t", "kurabe"];
    if bracketed {
        args.push("-p");
    }
    let out = tmux.cmd(&args);
    assert!(out.status.success(), "{out:?}");
}

fn format(tmux: &Tmux, what: &str) -> String {
    let out = tmux.cmd(&["display-message", "-p", "-t", "kurabe", what]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn pane_pid(tmux: &Tmux) -> String {
    format(tmux, "#{pane_pid}")
}

fn signal(pid: &str, name: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), pid])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits (at most a minute) until the process `pid` has ended.
fn wait_gone(pid: &str) {
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "kurabe {pid} did not end"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits (at most a minute) for a file to exist and returns its text.
fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            if !text.is_empty() {
                return text;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_paste_into_the_search_is_text_and_runs_no_command() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = start(dir.path());
    keys(&tmux, "/");
    paste(&tmux, "deletion timing\nrrdeq");
    let screen = tmux.wait_for("deletion timing rrdeq");
    assert!(tmux.alive(), "the paste quit kurabe");
    // The query was not accepted by the line break: typing goes on into the search.
    keys(&tmux, "zz");
    tmux.wait_for("deletion timing rrdeqzz");
    assert!(!screen.contains("Exported"), "{screen}");
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".md"))
        .collect();
    assert!(files.is_empty(), "the paste exported {files:?}");
    assert!(
        !dir.path().join("data/reviews.yaml").exists(),
        "the paste wrote a verdict"
    );
    // Browsing, a paste does nothing but say so.
    key(&tmux, "Escape");
    tmux.wait_for("/ to search");
    paste(&tmux, "q");
    tmux.wait_for("Pasted text ignored");
    assert!(tmux.alive());
    tmux.quit();
}

#[test]
fn a_40_kb_paste_into_a_note_is_taken_at_once_up_to_the_limit() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = start(dir.path());
    keys(&tmux, "n");
    tmux.wait_for("Note:");
    let line = "The data is deleted 30 days after the contract ends; 要確認.\n";
    let text = line.repeat(40_000 / line.len() + 1);
    paste(&tmux, &text);
    // Bounded by wait_for's generous timeout; before, this took most of a minute.
    tmux.wait_for("The note is cut at 8000 characters.");
    key(&tmux, "C-s");
    let reviews = wait_file(&dir.path().join("data/reviews.yaml"));
    assert!(
        reviews.contains("The data is deleted 30 days after the contract ends"),
        "{reviews}"
    );
    tmux.quit();
}

#[test]
fn a_40_kb_burst_of_keys_into_the_search_is_read_at_once_and_esc_still_works() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = start(dir.path());
    keys(&tmux, "/");
    tmux.wait_for("type to search");
    let text = "deletion timing 削除 ".repeat(2_000);
    assert!(text.len() > 40_000);
    paste_as(&tmux, &text, false);
    // Everything is read without another key; bounded by wait_for's generous timeout.
    tmux.wait_for("The query is cut at 512 characters.");
    key(&tmux, "Escape");
    tmux.wait_for("/ to search");
    tmux.quit();
}

/// Waits (at most a minute) until the screen is as `done` wants it.
fn wait_until(tmux: &Tmux, what: &str, done: impl Fn(&str) -> bool) {
    let start = Instant::now();
    loop {
        let screen = tmux.screen();
        if done(&screen) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what} never happened; the screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Types `fg` at the shell's prompt and waits for kurabe to be redrawn: its screen, and nothing
/// of what the shell wrote meanwhile. The shell discards what is typed before its prompt is
/// ready (it sets the terminal's modes with a flush), so `fg` is typed again if it was lost.
fn fg(tmux: &Tmux, stop: &str) {
    let redrawn = |screen: &str| {
        screen.contains("Categories") && !screen.contains("Stopped") && !screen.contains("fg")
    };
    for _ in 0..3 {
        wait_until(tmux, &format!("{stop}: the prompt"), |screen| {
            screen.lines().rev().find(|l| !l.trim().is_empty()) == Some("$")
        });
        keys(tmux, "fg");
        key(tmux, "Enter");
        wait_until(tmux, &format!("{stop}: a redraw"), |screen| {
            redrawn(screen) || screen.contains("command not found")
        });
        if redrawn(&tmux.screen()) {
            return;
        }
        key(tmux, "C-l");
    }
    panic!("{stop}: `fg` never reached the shell");
}

/// kurabe's pid: the child of the pane's shell.
fn child_of_the_shell(tmux: &Tmux) -> String {
    let out = std::process::Command::new("pgrep")
        .args(["-P", &pane_pid(tmux)])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty() && !pid.contains('\n'), "pid {pid:?}");
    pid
}

#[test]
fn ctrl_z_and_sigtstp_give_the_shell_a_sane_terminal_and_fg_redraws_everything() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = tmux_running(
        dir.path(),
        &["env", "PS1=$ ", "bash", "--norc", "--noprofile", "-i"],
    );
    tmux.wait_for("$");
    let command = format!(
        "env {} {}",
        env(dir.path()).join(" "),
        env!("CARGO_BIN_EXE_kurabe")
    );
    keys(&tmux, &command);
    key(&tmux, "Enter");
    tmux.wait_for("Categories");
    for (round, stop) in ["C-z", "TSTP"].into_iter().enumerate() {
        assert_eq!(format(&tmux, "#{alternate_on}"), "1", "{stop}");
        if stop == "C-z" {
            key(&tmux, "C-z");
        } else {
            signal(&child_of_the_shell(&tmux), stop);
        }
        tmux.wait_for("Stopped");
        {
            assert_eq!(
                format(&tmux, "#{alternate_on}"),
                "0",
                "{stop}: still on the alternate screen"
            );
            assert_eq!(
                format(&tmux, "#{mouse_any_flag}"),
                "0",
                "{stop}: mouse reporting still on"
            );
            assert_eq!(
                format(&tmux, "#{cursor_flag}"),
                "1",
                "{stop}: the cursor is hidden"
            );
            let stty = dir.path().join(format!("stty-{round}.txt"));
            keys(&tmux, &format!("stty -a > {}", stty.display()));
            key(&tmux, "Enter");
            let modes = wait_file(&stty);
            let words: Vec<&str> = modes.split_whitespace().collect();
            for mode in ["icanon", "echo", "isig"] {
                assert!(
                    words.contains(&mode),
                    "{stop}: `stty -a` lacks {mode}:\n{modes}"
                );
            }
            key(&tmux, "C-l");
        }
        fg(&tmux, stop);
        assert_eq!(format(&tmux, "#{alternate_on}"), "1", "{stop}");
        // Keys work again: kurabe reads them raw (no Enter needed).
        // The control stays selected from the last round: wait for the search's own screen,
        // then for the list again, or the keys would race ahead of the screen.
        keys(&tmux, "/削除時期");
        wait_until(&tmux, &format!("{stop}: the search"), |screen| {
            screen.contains("Results (") && screen.contains("Deletion timing after contract end")
        });
        key(&tmux, "Escape");
        wait_until(&tmux, &format!("{stop}: the list"), |screen| {
            screen.contains("/ to search") && !screen.contains("Results (")
        });
    }
    keys(&tmux, "q");
    tmux.wait_for("$");
}

/// kurabe under an interactive shell in its own tmux server, drawn.
fn under_a_shell(dir: &Path) -> Tmux {
    let tmux = tmux_running(
        dir,
        &["env", "PS1=$ ", "bash", "--norc", "--noprofile", "-i"],
    );
    tmux.wait_for("$");
    let command = format!(
        "env {} {}",
        env(dir).join(" "),
        env!("CARGO_BIN_EXE_kurabe")
    );
    keys(&tmux, &command);
    key(&tmux, "Enter");
    tmux.wait_for("Categories");
    tmux
}

#[test]
fn after_sigstop_fg_takes_the_terminal_again_and_redraws_over_the_shell() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = under_a_shell(dir.path());
    // SIGSTOP cannot be caught: the terminal stays kurabe's while stopped, the shell writes
    // over its screen, and `fg` (SIGCONT) must take the terminal again and redraw everything.
    signal(&child_of_the_shell(&tmux), "STOP");
    tmux.wait_for("Stopped");
    fg(&tmux, "STOP");
    keys(&tmux, "/削除時期");
    wait_until(&tmux, "the search", |screen| {
        screen.contains("Results (") && screen.contains("Deletion timing after contract end")
    });
    key(&tmux, "C-c");
    tmux.wait_for("$");
}

/// Opens a note on Cybozu's answer to the encryption-key control and types into it.
fn write_a_note(tmux: &Tmux, text: &str) {
    keys(tmux, "/暗号鍵");
    tmux.wait_for("Encryption key management");
    key(tmux, "Enter");
    keys(tmux, "n");
    tmux.wait_for("Note:");
    keys(tmux, text);
    tmux.wait_for(text);
}

/// After kurabe ended with a note open: the draft is in the state directory, and the next start
/// opens the note editor on it, on the same control.
fn the_draft_comes_back(dir: &Path, text: &str) {
    let draft = wait_file(&dir.join("state/note-draft.yaml"));
    assert!(draft.contains(text), "{draft}");
    let tmux = start_without_waiting(dir);
    let screen = tmux.wait_for("unsaved note");
    assert!(screen.contains(text), "{screen}");
    assert!(screen.contains("Note:"), "{screen}");
    key(&tmux, "Escape");
    tmux.wait_for("Note discarded");
    tmux.quit();
    assert!(
        !dir.join("state/note-draft.yaml").exists(),
        "a discarded draft is not offered again"
    );
}

fn start_without_waiting(dir: &Path) -> Tmux {
    kurabe_in_tmux("terminal", dir, (160, 45), &paths_under(dir), &[])
}

#[test]
fn sigterm_keeps_the_note_being_written_as_a_draft() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    {
        let tmux = start(dir.path());
        write_a_note(&tmux, "ask about key rotation");
        let pid = pane_pid(&tmux);
        signal(&pid, "TERM");
        wait_gone(&pid);
    }
    the_draft_comes_back(dir.path(), "ask about key rotation");
}

#[test]
fn sighup_and_the_terminal_closing_keep_the_draft_and_where_the_user_was() {
    if !tmux_available() {
        return;
    }
    for close in ["kill -HUP", "kill-session"] {
        let dir = tempfile::tempdir().unwrap();
        {
            let tmux = start(dir.path());
            write_a_note(&tmux, "rotation yearly?");
            let pid = pane_pid(&tmux);
            if close == "kill-session" {
                tmux.cmd(&["kill-session", "-t", "kurabe"]);
            } else {
                signal(&pid, "HUP");
            }
            wait_gone(&pid);
        }
        let state = wait_file(&dir.path().join("state/state.yaml"));
        assert!(
            state.contains("control: key-management"),
            "{close}: {state}"
        );
        the_draft_comes_back(dir.path(), "rotation yearly?");
    }
}
