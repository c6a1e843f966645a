//! Files a user can be handed: each one loads, or fails with a message naming file, line and
//! column, in bounded time and memory, without a panic, and nothing it holds reaches the
//! terminal raw. Small cases are in `tests/fixtures/hostile/`; big ones are made here in a
//! temporary directory. At the end, the real binary in tmux is killed by signals and must
//! leave the terminal usable.

mod common;

use common::{tmux_available, Tmux};
use kurabe::catalog::{load, load_dir, Loaded, Origin, Problem, SourceFile};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What must never be printed to a terminal: control characters (but line breaks), bidi and
/// zero-width characters, separators, tags.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c as u32,
            0xAD | 0x061C | 0x180E | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064
            | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE0000..=0xE007F)
}

fn assert_harmless(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| forbidden(c)) {
        panic!("{what} contains U+{:04X}: {s:?}", c as u32);
    }
}

/// Loads `bytes` as `vendors/acme.yaml` beside the `valid` fixture's controls.
fn load_vendor(bytes: &[u8]) -> Loaded {
    let controls = std::fs::read(fixtures().join("valid/controls.yaml")).unwrap();
    load(
        SourceFile::new("controls.yaml", controls),
        vec![(
            SourceFile::new("vendors/acme.yaml", bytes),
            Origin::Directory,
        )],
    )
    .expect("the controls file loads")
}

enum Expect {
    Loads,
    Fails(usize, usize, &'static str),
}
use Expect::*;

const CORPUS: &[(&str, Expect)] = &[
    ("escapes.yaml", Loads),
    ("bom.yaml", Loads),
    (
        "duplicate-keys.yaml",
        Fails(11, 5, "duplicate key `status`"),
    ),
    (
        "unknown-field.yaml",
        Fails(4, 3, "unknown field `homepage`"),
    ),
    (
        "alias-bomb.yaml",
        Fails(5, 28, "aliases expand this file beyond"),
    ),
    (
        "alias-bomb-empty.yaml",
        Fails(5, 64, "aliases expand this file beyond"),
    ),
    (
        "alias-key.yaml",
        Fails(2, 1, "an alias (`*name`) used as a key"),
    ),
    (
        "invalid-utf8.yaml",
        Fails(3, 21, "invalid UTF-8 (byte 0xFF)"),
    ),
    ("utf16.yaml", Fails(1, 1, "the file is UTF-16")),
    (
        "raw-escape.yaml",
        Fails(3, 20, "a raw control character (␛, U+001B)"),
    ),
    (
        "two-documents.yaml",
        Fails(4, 1, "more than one YAML document"),
    ),
    ("empty.yaml", Fails(1, 1, "the file is empty")),
];

fn check(name: &str, loaded: &Loaded, expect: &Expect) {
    for p in &loaded.problems {
        assert_harmless(name, &p.to_string());
        assert!(p.hint.is_some(), "{name}: no fix for {p}");
    }
    match *expect {
        Loads => {
            assert!(loaded.problems.is_empty(), "{name}: {:?}", loaded.problems);
            assert_eq!(loaded.catalog.vendors.len(), 1, "{name}");
        }
        Fails(line, column, message) => {
            let [p]: &[Problem; 1] = loaded.problems.as_slice().try_into().unwrap_or_else(|_| {
                panic!("{name}: expected one problem, got {:?}", loaded.problems)
            });
            assert_eq!(p.file, "vendors/acme.yaml", "{name}");
            assert_eq!((p.line, p.column), (line, column), "{name}: {p}");
            assert!(p.message.contains(message), "{name}: {p}");
            assert!(loaded.catalog.vendors.is_empty(), "{name}");
        }
    }
}

#[test]
fn every_file_of_the_hostile_corpus_loads_or_fails_as_expected() {
    let dir = fixtures().join("hostile");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut listed: Vec<&str> = CORPUS.iter().map(|(n, _)| *n).collect();
    listed.sort();
    assert_eq!(names, listed, "every fixture has an expectation here");
    for (name, expect) in CORPUS {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let loaded = load_vendor(&bytes);
        check(name, &loaded, expect);
    }
}

#[test]
fn escapes_and_bidi_in_every_text_field_show_as_visible_markers() {
    let bytes = std::fs::read(fixtures().join("hostile/escapes.yaml")).unwrap();
    let loaded = load_vendor(&bytes);
    let catalog = &loaded.catalog;
    let v = &catalog.vendors[0];
    assert_eq!(v.info.name.en, "Acme␛]0;pwned␇ Corp.");
    assert_eq!(v.info.name.ja.as_deref(), Some("アクメ<U+202E>ｃｂａ"));
    assert_eq!(
        v.info.products.as_deref(),
        Some("Mail␛[2J␛[H<U+200B>server")
    );
    let a = &v.answers[0];
    assert_eq!(
        a.summary.as_ref().unwrap().ja.as_deref(),
        Some("削除    30日\n後")
    );
    assert_eq!(a.note.as_ref().unwrap().en, "␇␈␡␀");
    assert_eq!(a.quotes[0].section, "1␛[31m");
    // Every string of the catalogue, as the JSON export lists them, is harmless.
    assert_harmless(
        "the catalogue",
        &kurabe::export::json::render(catalog, &Default::default()),
    );
    // And so is everything the markdown export and the screen show.
    let mut app = kurabe::tui::app::App::new(catalog.clone(), Vec::new());
    use kurabe::tui::action::Action;
    use kurabe::tui::update::{update, Effect};
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 45,
        },
    );
    let markdown = match update(&mut app, Action::Export).into_iter().next() {
        Some(Effect::Export { contents, .. }) => contents,
        other => panic!("no export: {other:?}"),
    };
    assert!(markdown.contains("Acme␛\\]0;pwned␇ Corp."), "{markdown}");
    assert_harmless("the markdown export", &markdown);
    for action in [Action::ToggleLanguage, Action::ToggleViewMode] {
        update(&mut app, action);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).unwrap();
        terminal
            .draw(|f| kurabe::tui::ui::draw(f, &app, &kurabe::tui::theme::Theme { color: true }))
            .unwrap();
        let screen: String = terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert_harmless("the screen", &screen);
        assert!(screen.contains("<U+202E>"), "{screen}");
    }
}

/// A catalogue directory whose one vendor file is `bytes` (or is made by `make`).
fn catalogue_dir(make: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("valid/controls.yaml"),
        dir.path().join("controls.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("vendors")).unwrap();
    make(&dir.path().join("vendors/acme.yaml"));
    dir
}

fn write(bytes: Vec<u8>) -> impl FnOnce(&Path) {
    move |path| std::fs::write(path, bytes).unwrap()
}

/// Writes a vendor file.
type Make = Box<dyn FnOnce(&Path)>;

/// The big inputs, made at test time: (name, how to make the file, expected message).
fn big_cases() -> Vec<(&'static str, Make, &'static str)> {
    const MB: usize = 1024 * 1024;
    vec![
        (
            "a 50 MB file",
            Box::new(|path: &Path| {
                // Sparse: 50 MB on paper, nothing on disk.
                let f = std::fs::File::create(path).unwrap();
                f.set_len(50 * MB as u64).unwrap();
            }),
            "the file is 50.0 MiB, larger than the 8.0 MiB kurabe reads",
        ),
        (
            "100,000 nested lists",
            Box::new(write(
                format!("vendor: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            )),
            "nested deeper than 64 levels",
        ),
        (
            "100,000 nested block lists",
            Box::new(write(
                format!("vendor:\n{}x\n", "- ".repeat(100_000)).into_bytes(),
            )),
            "nested deeper than 64 levels",
        ),
        (
            "100,000 nested mappings",
            Box::new(write(
                format!(
                    "vendor: {}{}\n",
                    "{a: ".repeat(100_000),
                    "}".repeat(100_000)
                )
                .into_bytes(),
            )),
            "nested deeper than 64 levels",
        ),
        (
            "four million values",
            Box::new(write(
                format!("vendor: [{}1]\n", "1,".repeat(4 * MB - 8)).into_bytes(),
            )),
            "more than 250000 keys and values in one file",
        ),
        (
            "an 8 MB string",
            Box::new(write(
                format!(
                    "vendor: {{ id: acme, name: {{ en: \"{}\" }} }}\n",
                    "x".repeat(8 * MB - 64)
                )
                .into_bytes(),
            )),
            "missing field `documents`",
        ),
        (
            "a big alias bomb",
            Box::new(write({
                let mut s = format!("a: &a \"{}\"\n", "x".repeat(MB));
                s.push_str("b0: [*a, *a, *a, *a]\n");
                for i in 1..2000 {
                    s.push_str(&format!("b{i}: *a\n"));
                }
                s.into_bytes()
            })),
            "aliases expand this file beyond",
        ),
    ]
}

#[cfg(unix)]
#[test]
fn big_inputs_fail_fast_with_a_message_within_a_memory_limit() {
    // The binary, under a 1 GiB address-space limit: without the gate's bounds each of these
    // takes gigabytes (or, for the nesting, overflows the stack) and would abort. A generous
    // timeout (exit status 124) keeps a hang from stalling the tests; how fast the gate is
    // is not measured here.
    for (name, make, message) in big_cases() {
        let dir = catalogue_dir(make);
        let out = Command::new("sh")
            .args([
                "-c",
                "ulimit -v 1048576 && exec timeout 600 \"$0\" check --data \"$1\"",
            ])
            .arg(env!("CARGO_BIN_EXE_kurabe"))
            .arg(dir.path())
            .env("KURABE_CONFIG_DIR", dir.path().join("config"))
            .env("KURABE_DATA_DIR", dir.path().join("user"))
            .env("KURABE_STATE_DIR", dir.path().join("state"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("acme.yaml:"), "{name}: {stdout}");
        assert!(stdout.contains(message), "{name}: {stdout}");
        assert!(stdout.contains("fix: "), "{name}: {stdout}");
        assert_harmless(name, &stdout);
    }
}

#[cfg(unix)]
#[test]
fn devices_pipes_and_directories_are_not_read() {
    let dir = catalogue_dir(|path| std::os::unix::fs::symlink("/dev/zero", path).unwrap());
    let fifo = dir.path().join("vendors/pipe.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    std::fs::create_dir(dir.path().join("vendors/dir.yaml")).unwrap();
    // Reading the pipe would block for ever (nothing writes to it): load on another thread
    // and give up after a generous timeout.
    let path = dir.path().to_path_buf();
    let (done, loading) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // The test may have given up and gone: then nobody hears the result.
        let _ = done.send(load_dir(&path));
    });
    let loaded = loading
        .recv_timeout(Duration::from_secs(120))
        .expect("loading ends instead of reading the pipe")
        .unwrap();
    let messages: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(messages.len(), if made { 3 } else { 2 }, "{messages:#?}");
    for m in &messages {
        assert!(m.contains("not a regular file"), "{m}");
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_with_escapes_is_reported_harmlessly() {
    let dir = catalogue_dir(|path| {
        let evil = path.with_file_name("\x1b]0;pwned\x07\u{202E}lmay.yaml");
        std::fs::write(evil, "vendor: [").unwrap();
    });
    let out = Command::new(env!("CARGO_BIN_EXE_kurabe"))
        .args(["check", "--data"])
        .arg(dir.path())
        .env("KURABE_CONFIG_DIR", dir.path().join("config"))
        .env("KURABE_DATA_DIR", dir.path().join("user"))
        .env("KURABE_STATE_DIR", dir.path().join("state"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("␛]0;pwned␇<U+202E>lmay.yaml"), "{stdout}");
    assert_harmless("kurabe check", &stdout);
}

// The real binary in a real terminal, killed.

/// tmux's view of the pane: alternate screen, cursor shown, mouse reporting.
fn flags(tmux: &Tmux) -> String {
    let out = tmux.cmd(&[
        "display-message",
        "-p",
        "-t",
        "k",
        "alternate=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}",
    ]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what} never happened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts kurabe in a tmux pane under a plain `sh` (which, unlike an interactive shell, does
/// not repair the terminal after its child), stops it with `stop`, and returns its exit
/// status and what `stty -a` says in that pane afterwards.
/// Exit status, what `stty -a` said afterwards, the pane, and whether the state was saved.
type Stopped = (String, String, Tmux, bool);

fn run_and_stop(label: &str, stop: impl FnOnce(&Tmux, u32)) -> Stopped {
    run_and_stop_with(label, "", stop)
}

fn run_and_stop_with(label: &str, env: &str, stop: impl FnOnce(&Tmux, u32)) -> Stopped {
    let dir = tempfile::tempdir().unwrap().keep();
    let script = dir.join("run.sh");
    std::fs::write(
        &script,
        format!(
            "export KURABE_CONFIG_DIR='{d}/config' KURABE_DATA_DIR='{d}/data' KURABE_STATE_DIR='{d}/state' {env}\n\
             sh -c 'echo $$ > pid; exec \"$0\"' '{bin}'\n\
             echo $? > status.tmp; mv status.tmp status\n\
             stty -a > stty.tmp; mv stty.tmp stty\n\
             sleep 60\n",
            d = dir.display(),
            bin = env!("CARGO_BIN_EXE_kurabe"),
        ),
    )
    .unwrap();
    let tmux = Tmux {
        socket: format!("kurabe-hostile-{}-{label}", std::process::id()),
    };
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "k",
        "-x",
        "120",
        "-y",
        "40",
        "-c",
        &dir.display().to_string(),
        "sh",
        &script.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    wait_for("kurabe's start", || {
        if dir.join("stty").exists() {
            return true;
        }
        let screen = tmux.cmd(&["capture-pane", "-p", "-t", "k"]);
        String::from_utf8_lossy(&screen.stdout).contains("Categories")
    });
    let pid: u32 = std::fs::read_to_string(dir.join("pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    if env.is_empty() {
        assert_eq!(
            flags(&tmux),
            "alternate=1 cursor=0 mouse=1",
            "kurabe is drawing"
        );
    }
    stop(&tmux, pid);
    wait_for("stty's report", || dir.join("stty").exists());
    let status = std::fs::read_to_string(dir.join("status")).unwrap();
    let stty = std::fs::read_to_string(dir.join("stty")).unwrap();
    let remembered = dir.join("state/state.yaml").exists();
    let _ = std::fs::remove_dir_all(&dir);
    (status.trim().to_string(), stty, tmux, remembered)
}

fn assert_terminal_restored(label: &str, stty: &str, tmux: &Tmux) {
    let words: Vec<&str> = stty.split_whitespace().collect();
    for mode in ["echo", "icanon", "isig", "icrnl", "opost"] {
        assert!(words.contains(&mode), "{label}: {mode} is off:\n{stty}");
    }
    assert_eq!(
        flags(tmux),
        "alternate=0 cursor=1 mouse=0",
        "{label}: main screen, cursor shown, no mouse capture"
    );
}

#[cfg(unix)]
#[test]
fn signals_and_ctrl_c_leave_the_terminal_usable() {
    if !tmux_available() {
        return;
    }
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let (status, stty, tmux, remembered) = run_and_stop(name, |_, pid| {
            let ok = Command::new("kill")
                .args([&format!("-{name}"), &pid.to_string()])
                .status()
                .unwrap();
            assert!(ok.success());
        });
        // The shell reports a death by signal N as 128 + N.
        assert_eq!(status, (128 + number).to_string(), "SIG{name}");
        assert_terminal_restored(&format!("SIG{name}"), &stty, &tmux);
        assert!(remembered, "SIG{name}: where the user was is remembered");
    }
    let (status, stty, tmux, remembered) = run_and_stop("ctrl-c", |tmux, _| {
        tmux.cmd(&["send-keys", "-t", "k", "C-c"]);
    });
    assert_eq!(status, "0", "Ctrl-C quits normally");
    assert_terminal_restored("Ctrl-C", &stty, &tmux);
    assert!(remembered, "Ctrl-C: where the user was is remembered");
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn a_panic_leaves_the_terminal_usable_and_says_why() {
    if !tmux_available() {
        return;
    }
    let (status, stty, tmux, _) = run_and_stop_with("panic", "KURABE_TEST_PANIC=1", |_, _| {});
    assert_eq!(status, "101", "a panic exits with Rust's panic status");
    assert_terminal_restored("a panic", &stty, &tmux);
    let screen = tmux.cmd(&["capture-pane", "-p", "-t", "k"]);
    let screen = String::from_utf8_lossy(&screen.stdout);
    assert!(
        screen.contains("KURABE_TEST_PANIC is set"),
        "the panic is reported on the main screen:\n{screen}"
    );
}

/// Whether a process still runs (a zombie has ended; nobody may be left to reap it).
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_that_goes_away_ends_kurabe() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux {
        socket: format!("kurabe-hostile-{}-hangup", std::process::id()),
    };
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "k",
        "-x",
        "100",
        "-y",
        "30",
        "-c",
        &dir.path().display().to_string(),
        "-e",
        &format!("KURABE_CONFIG_DIR={}", dir.path().join("config").display()),
        "-e",
        &format!("KURABE_DATA_DIR={}", dir.path().join("data").display()),
        "-e",
        &format!("KURABE_STATE_DIR={}", dir.path().join("state").display()),
        env!("CARGO_BIN_EXE_kurabe"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    wait_for("kurabe's start", || {
        let screen = tmux.cmd(&["capture-pane", "-p", "-t", "k"]);
        String::from_utf8_lossy(&screen.stdout).contains("Categories")
    });
    let pid = tmux.cmd(&["display-message", "-p", "-t", "k", "#{pane_pid}"]);
    let pid: u32 = String::from_utf8_lossy(&pid.stdout).trim().parse().unwrap();
    assert!(running(pid));
    // The terminal closes under kurabe: it gets SIGHUP and reads end-of-file from then on.
    tmux.cmd(&["kill-server"]);
    let start = Instant::now();
    while running(pid) {
        // Generous: kurabe's own watchdog ends it two seconds after the signal.
        if start.elapsed() > Duration::from_secs(60) {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("kurabe was still running (spinning?) a minute after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
