//! A throwaway KURABE_* home, the real binary run on it, and an in-process app driven through
//! the key table as the event loop drives it.

use kurabe::paths::Paths;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::run_effect;
use kurabe::tui::update::{update, Effect};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
use std::process::{Command, Output};
use tempfile::TempDir;

/// Config, data, state and cache directories inside a fresh temporary directory (none created).
pub fn temp_home() -> (TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
        state_dir: dir.path().join("state"),
        cache_dir: dir.path().join("cache"),
    };
    (dir, paths)
}

/// The real binary run with `args`, its every KURABE_*_DIR pointing into `paths`.
pub fn kurabe(paths: &Paths, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kurabe"))
        .args(args)
        .env("KURABE_CONFIG_DIR", &paths.config_dir)
        .env("KURABE_DATA_DIR", &paths.data_dir)
        .env("KURABE_STATE_DIR", &paths.state_dir)
        .env("KURABE_CACHE_DIR", &paths.cache_dir)
        .output()
        .unwrap()
}

/// The app on the embedded catalogue and the user's files in `paths`, as it starts, in a
/// terminal of `width` x `height`.
pub fn open_app(paths: &Paths, width: u16, height: u16) -> App {
    let session = kurabe::session::open(None, paths.clone()).expect("the catalogue loads");
    let mut app = App::from_session(session);
    update(&mut app, Action::Resize { width, height });
    app
}

/// Types `keys` through the key table, carrying out every effect (and the effects of their
/// reports) as the event loop does; returns the effects the keys themselves asked for.
/// `\n` is Enter, `\t` Tab, `\u{1b}` Esc, `\u{8}` Backspace, `\u{13}` Ctrl-S.
pub fn type_keys(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut asked = Vec::new();
    for c in keys.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            '\u{1b}' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            '\u{8}' => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
            '\u{13}' => KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        let Some(action) = resolve(key, app.input) else {
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
