//! A throwaway KURABE_* home, the real binary run on it, and an in-process app driven through
//! the key table as the event loop drives it.

use super::Tmux;
use kurabe::paths::Paths;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::run_effect;
use kurabe::tui::update::{update, Effect};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

/// The config, data, state and cache directories `config/`, `data/`, … below `root`.
pub fn paths_under(root: &Path) -> Paths {
    Paths {
        config_dir: root.join("config"),
        data_dir: root.join("data"),
        state_dir: root.join("state"),
        cache_dir: root.join("cache"),
    }
}

/// A home in a fresh temporary directory (none of its directories created).
pub fn temp_home() -> (TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    (dir, paths)
}

/// A home that does not exist, so that the real home is never read.
pub fn no_home() -> Paths {
    paths_under(Path::new("/nonexistent/kurabe-test"))
}

/// `KURABE_*_DIR=…` words for `env`, keeping kurabe's files in `paths`, never the real home.
pub fn home_env(paths: &Paths) -> Vec<String> {
    [
        ("CONFIG", &paths.config_dir),
        ("DATA", &paths.data_dir),
        ("STATE", &paths.state_dir),
        ("CACHE", &paths.cache_dir),
    ]
    .iter()
    .map(|(name, dir)| format!("KURABE_{name}_DIR={}", dir.display()))
    .collect()
}

/// kurabe run with `args` as the process of a new tmux session (see [`Tmux::start`]) on the
/// home `paths`.
pub fn kurabe_in_tmux(
    name: &str,
    dir: &Path,
    size: (u16, u16),
    paths: &Paths,
    args: &[&str],
) -> Tmux {
    let env = home_env(paths);
    let mut command = vec!["env"];
    command.extend(env.iter().map(String::as_str));
    command.push(env!("CARGO_BIN_EXE_kurabe"));
    command.extend_from_slice(args);
    Tmux::start(name, dir, size, &command)
}

/// The real binary, its every KURABE_*_DIR pointing into `paths`, without a backtrace.
pub fn kurabe_command(paths: &Paths) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kurabe"));
    command
        .env("KURABE_CONFIG_DIR", &paths.config_dir)
        .env("KURABE_DATA_DIR", &paths.data_dir)
        .env("KURABE_STATE_DIR", &paths.state_dir)
        .env("KURABE_CACHE_DIR", &paths.cache_dir)
        .env("RUST_BACKTRACE", "0");
    command
}

/// The real binary run with `args` on the home `paths`.
pub fn kurabe(paths: &Paths, args: &[&str]) -> Output {
    kurabe_command(paths)
        .args(args)
        .output()
        .expect("kurabe runs")
}

/// The real binary run with `args` on the home below `root` (see [`paths_under`]).
pub fn kurabe_in(root: &Path, args: &[&str]) -> Output {
    kurabe(&paths_under(root), args)
}

/// The app on the embedded catalogue and the user's files in `paths`, as it starts, in a
/// terminal of `width` x `height`.
pub fn open_app(paths: &Paths, width: u16, height: u16) -> App {
    let session = kurabe::session::open(None, paths.clone()).expect("the catalogue loads");
    let mut app = App::from_session(session);
    update(&mut app, Action::Resize { width, height });
    app
}

/// The key `c` stands for in the strings typed: `\n` is Enter, `\t` Tab, `\u{1b}` Esc,
/// `\u{8}` Backspace, `\u{13}` Ctrl-S, any other character itself.
fn key_event(c: char) -> KeyEvent {
    match c {
        '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        '\u{1b}' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        '\u{8}' => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        '\u{13}' => KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
        c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
    }
}

/// Types `keys` through the key table like [`type_keys`] but carries out no effect: returns
/// the first effect of the last key that asked for one, for the test to look at or run.
pub fn type_keys_held(app: &mut App, keys: &str) -> Option<Effect> {
    let mut effect = None;
    for c in keys.chars() {
        if let Some(action) = resolve(key_event(c), app.input.kind()) {
            effect = update(app, action).into_iter().next().or(effect);
        }
    }
    effect
}

/// Types `keys` through the key table, carrying out every effect (and the effects of their
/// reports) as the event loop does; returns the effects the keys themselves asked for.
pub fn type_keys(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut asked = Vec::new();
    for c in keys.chars() {
        let Some(action) = resolve(key_event(c), app.input.kind()) else {
            continue;
        };
        let effects = update(app, action);
        asked.extend(effects.iter().cloned());
        let mut pending: VecDeque<Effect> = effects.into();
        while let Some(effect) = pending.pop_front() {
            let report = run_effect(effect);
            pending.extend(update(app, report));
        }
    }
    asked
}
