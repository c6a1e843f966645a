//! The real binary in a real terminal (tmux): a Japanese query, an export, and quitting.

mod common;

use common::home::{kurabe_in_tmux, paths_under};
use common::{tmux_available, Tmux};
use std::path::Path;

fn start(dir: &Path, width: u16, height: u16) -> Tmux {
    kurabe_in_tmux("test", dir, (width, height), &paths_under(dir), &[])
}

#[test]
fn a_user_searches_in_japanese_exports_and_quits() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = start(dir.path(), 160, 45);
    tmux.wait_for("Categories");
    tmux.cmd(&["send-keys", "-t", "kurabe", "-l", "/削除時期"]);
    // The query is drawn at once, its results when the search (on its own thread) is done.
    tmux.wait_for("/削除時期");
    let screen = tmux.wait_for("Deletion timing after contract end");
    assert!(
        screen.contains("30 days") && screen.contains("60 days"),
        "{screen}"
    );
    tmux.cmd(&["send-keys", "-t", "kurabe", "Enter"]);
    tmux.cmd(&["send-keys", "-t", "kurabe", "e"]);
    tmux.wait_for("Export the view as");
    tmux.cmd(&["send-keys", "-t", "kurabe", "Enter"]);
    let screen = tmux.wait_for("Exported to");
    let exported = dir.path().join("kurabe-deletion-timing.md");
    assert!(screen.contains("kurabe-deletion-timing.md"), "{screen}");
    let md = std::fs::read_to_string(&exported).expect("the export file exists");
    assert!(md.contains("- Query: 削除時期"), "{md}");
    assert!(
        md.contains("| Deletion timing after contract end |"),
        "{md}"
    );
    tmux.quit();
}

#[test]
fn a_tiny_terminal_shows_a_message_and_resizing_recovers() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = start(dir.path(), 30, 8);
    tmux.wait_for("too small");
    tmux.cmd(&["resize-window", "-t", "kurabe", "-x", "120", "-y", "40"]);
    tmux.wait_for("Categories");
    tmux.cmd(&["send-keys", "-t", "kurabe", "q"]);
}

#[test]
fn quitting_and_starting_again_comes_back_where_the_user_was() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    {
        let tmux = start(dir.path(), 160, 45);
        tmux.wait_for("Categories");
        tmux.cmd(&["send-keys", "-t", "kurabe", "-l", "/暗号鍵"]);
        tmux.wait_for("Encryption key management");
        tmux.cmd(&["send-keys", "-t", "kurabe", "Enter"]);
        tmux.cmd(&["send-keys", "-t", "kurabe", "Escape"]);
        tmux.cmd(&["send-keys", "-t", "kurabe", "-l", "3L"]);
        tmux.wait_for("3○");
        tmux.wait_for("日本語");
        tmux.quit();
    }
    let tmux = start(dir.path(), 160, 45);
    let screen = tmux.wait_for("暗号鍵の管理");
    assert!(screen.contains("3○"), "vendor 3 is still hidden:\n{screen}");
    assert!(screen.contains("日本語"), "still in Japanese:\n{screen}");
    tmux.cmd(&["send-keys", "-t", "kurabe", "q"]);
}
