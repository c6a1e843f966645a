//! The real binary in a real terminal (tmux): a Japanese query, an export, and quitting.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-u")
            .args(["-L", &self.socket])
            .args(args)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "kurabe"]).stdout)
            .into_owned()
    }

    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("`{what}` never appeared; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn alive(&self) -> bool {
        self.cmd(&["has-session", "-t", "kurabe"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    match Command::new("tmux").arg("-V").output() {
        Ok(o) if o.status.success() => true,
        _ if std::env::var_os("CI").is_some() => {
            panic!("tmux is required under CI (.ci/run installs it)")
        }
        _ => {
            eprintln!("skipped: tmux is not installed");
            false
        }
    }
}

fn start(dir: &Path, width: u16, height: u16) -> Tmux {
    let tmux = Tmux {
        socket: format!("kurabe-test-{}-{width}", std::process::id()),
    };
    let bin = env!("CARGO_BIN_EXE_kurabe");
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "kurabe",
        "-x",
        &width.to_string(),
        "-y",
        &height.to_string(),
        "-c",
        &dir.display().to_string(),
        bin,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux
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
    let screen = tmux.wait_for("/削除時期");
    assert!(
        screen.contains("Deletion timing after contract end"),
        "{screen}"
    );
    assert!(
        screen.contains("30 days") && screen.contains("60 days"),
        "{screen}"
    );
    tmux.cmd(&["send-keys", "-t", "kurabe", "Enter"]);
    tmux.cmd(&["send-keys", "-t", "kurabe", "e"]);
    let screen = tmux.wait_for("Exported to");
    let exported = dir.path().join("kurabe-deletion-timing.md");
    assert!(screen.contains("kurabe-deletion-timing.md"), "{screen}");
    let md = std::fs::read_to_string(&exported).expect("the export file exists");
    assert!(md.contains("- Query: 削除時期"), "{md}");
    assert!(
        md.contains("| Deletion timing after contract end |"),
        "{md}"
    );
    tmux.cmd(&["send-keys", "-t", "kurabe", "q"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "kurabe did not quit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
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
