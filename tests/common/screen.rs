//! The browser on the UI tests' own catalogue (`tests/fixtures/ui/`), driven by keys through
//! the key table on ratatui's TestBackend, with a fixed date so documents' ages do not move.

use kurabe::catalog::{load_dir, Lang};
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use kurabe::tui::update::update;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The date the views are drawn on.
pub const TODAY: jiff::civil::Date = jiff::civil::date(2026, 1, 15);

/// The app on the fixture catalogue at `width`x`height`, in `lang`.
pub fn fixture_app(width: u16, height: u16, lang: Lang) -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui");
    let loaded = load_dir(&dir).expect("the UI fixture catalogue loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::new(loaded.catalog, loaded.problems);
    app.spec.today = Some(TODAY);
    app.spec.lang = lang;
    update(&mut app, Action::Resize { width, height });
    app
}

pub fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = resolve(KeyEvent::new(code, KeyModifiers::NONE), app.input.kind()) {
        update(app, action);
    }
}

/// Types `keys`, each char one key press.
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The screen as text, one line per row; a double-width character is written once for its
/// two cells. Trailing blanks are cut so the snapshots diff cleanly.
pub fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.browser.width, app.browser.height))
        .expect("test backend");
    terminal
        .draw(|f| draw(f, app, &Theme { color: false }))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let sym = buffer[(x, y)].symbol();
                row.push_str(sym);
                x += UnicodeWidthStr::width(sym).max(1) as u16;
            }
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The UI fixture's requirements profiles loaded into the app (as `from_session` does with the
/// requirements directory); none active yet.
pub fn with_ui_profiles(app: &mut App) {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui/requirements");
    let (profiles, problems) = kurabe::requirements::load_dir(&dir, &app.catalog);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        !profiles.is_empty(),
        "the UI fixture has a requirements profile"
    );
    for loaded in profiles {
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        app.pickers
            .profiles
            .push(std::sync::Arc::new(loaded.profile));
    }
}

/// The display columns of each character of a screen line.
pub fn columns(line: &str) -> Vec<(usize, char)> {
    let mut at = 0;
    line.chars()
        .map(|c| {
            let here = at;
            at += c.width().unwrap_or(0).max(1);
            (here, c)
        })
        .collect()
}

pub fn char_at(line: &str, column: usize) -> Option<char> {
    columns(line)
        .into_iter()
        .find(|&(at, _)| at == column)
        .map(|(_, c)| c)
}

/// The box whose top border holds `title`: its top row, and the display columns of its left
/// and right borders (`┌` before the title, `┐` after it).
fn box_edges(lines: &[&str], title: &str) -> Option<(usize, usize, usize)> {
    let top = lines.iter().position(|l| l.contains(title))?;
    let cols = columns(lines[top]);
    let byte = lines[top].find(title)?;
    let title_at = lines[top][..byte].chars().count();
    let left = cols[..title_at].iter().rev().find(|&&(_, c)| c == '┌')?.0;
    let right = cols[title_at..].iter().find(|&&(_, c)| c == '┐')?.0;
    Some((top, left, right))
}

/// Checks the pop-up whose top border holds `title`: both corners, then a side border at the
/// same columns on every row down to the bottom corners.
pub fn assert_popup_whole(shown: &str, title: &str) {
    let lines: Vec<&str> = shown.lines().collect();
    let (top, left, right) = box_edges(&lines, title)
        .unwrap_or_else(|| panic!("no pop-up titled {title:?} with both top corners:\n{shown}"));
    let bottom = (top + 1..lines.len())
        .find(|&y| char_at(lines[y], left) == Some('└'))
        .unwrap_or_else(|| panic!("no bottom-left corner under {title:?}:\n{shown}"));
    assert_eq!(
        char_at(lines[bottom], right),
        Some('┘'),
        "bottom-right corner of {title:?}:\n{shown}"
    );
    for (y, line) in lines.iter().enumerate().take(bottom).skip(top + 1) {
        assert_eq!(
            (char_at(line, left), char_at(line, right)),
            (Some('│'), Some('│')),
            "row {y} of {title:?} lost a border:\n{shown}"
        );
    }
}

/// The text inside the bordered box whose top border holds `title` (a vendor column), one
/// line per row, trailing blanks cut.
pub fn boxed_text(shown: &str, title: &str) -> Vec<String> {
    let lines: Vec<&str> = shown.lines().collect();
    let Some((top, left, right)) = box_edges(&lines, title) else {
        return Vec::new();
    };
    lines[top + 1..]
        .iter()
        .take_while(|l| char_at(l, left) != Some('└'))
        .map(|l| {
            columns(l)
                .into_iter()
                .filter(|&(at, _)| at > left && at < right)
                .map(|(_, c)| c)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}
