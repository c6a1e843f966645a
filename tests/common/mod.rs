//! Helpers shared by the integration tests: a tmux harness for the real binary, and reading
//! markdown tables back with a markdown parser. (Each test crate uses some of them.)
#![allow(dead_code)]

pub mod export_args;
pub mod git;
pub mod home;
pub mod quotes;
pub mod screen;
pub mod sheets;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A tmux server of one test's own; dropped, it is killed.
pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    /// A server of its own, its socket named after `name`, this process and a counter.
    pub fn new(name: &str) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        Tmux {
            socket: format!("kurabe-{name}-{}-{n}", std::process::id()),
        }
    }

    /// A new server whose session `kurabe`, `width` x `height` and in `dir`, runs `command`.
    pub fn start(name: &str, dir: &Path, (width, height): (u16, u16), command: &[&str]) -> Tmux {
        let tmux = Tmux::new(name);
        let (width, height, dir) = (width.to_string(), height.to_string(), dir.display());
        let dir = dir.to_string();
        let mut args = vec![
            "new-session",
            "-d",
            "-s",
            "kurabe",
            "-x",
            &width,
            "-y",
            &height,
            "-c",
            &dir,
        ];
        args.extend_from_slice(command);
        let out = tmux.cmd(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    pub fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-u")
            .args(["-L", &self.socket])
            .args(args)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("tmux runs")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "kurabe"]).stdout)
            .into_owned()
    }

    pub fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(60) {
                panic!("`{what}` never appeared; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Presses `q` and waits for kurabe to exit (at most a minute).
    pub fn quit(&self) {
        self.cmd(&["send-keys", "-t", "kurabe", "q"]);
        let start = Instant::now();
        while self.alive() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "kurabe did not quit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn alive(&self) -> bool {
        self.cmd(&["has-session", "-t", "kurabe"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

pub fn tmux_available() -> bool {
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

/// The cells of every table row of a markdown document, read back by a markdown parser.
pub fn table_cells(md: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap()),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                rows.push(std::mem::take(&mut row))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t)
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if let Some(c) = cell.as_mut() {
                    if h.as_ref() == "<br>" {
                        c.push('\n');
                    } else {
                        c.push_str(&h);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = cell.as_mut() {
                    c.push('\n')
                }
            }
            _ => {}
        }
    }
    rows
}
