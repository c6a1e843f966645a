//! A document dated in the future is flagged on screen and in the markdown export, never
//! shown as fresh.

use kurabe::catalog::load_embedded;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use kurabe::tui::update::{update, Effect};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

fn keys(app: &mut App, keys: &str) -> Option<Effect> {
    let mut effect = None;
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        if let Some(a) = resolve(KeyEvent::new(code, KeyModifiers::NONE), app.input) {
            effect = update(app, a).into_iter().next().or(effect);
        }
    }
    effect
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Theme { color: false }))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_document_dated_in_the_future_is_flagged_never_fresh() {
    let mut catalog = load_embedded().unwrap().catalog;
    let vendor = &mut catalog.vendors[0];
    let name = vendor.info.name.en.clone();
    for doc in &mut vendor.documents {
        doc.date = Some("2099-01".into());
    }
    let mut app = App::new(catalog, Vec::new());
    update(
        &mut app,
        Action::Resize {
            width: 240,
            height: 50,
        },
    );
    app.spec.today = Some(jiff::civil::date(2026, 11, 21));
    app.spec.vendors = vec![0];
    keys(&mut app, "/deletion\n");
    let s = screen(&app);
    assert!(s.contains("2099-01 ⚠ dated in the future"), "{s}");
    assert!(
        s.contains(&format!("{name} ⚠")),
        "the header is flagged:\n{s}"
    );
    let document_lines: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("· ") && l.contains("2099-01"))
        .collect();
    assert!(!document_lines.is_empty(), "{s}");
    for line in document_lines {
        assert!(
            line.contains("dated in the future") && !line.contains(" old"),
            "no age is shown for it: {line}"
        );
    }

    let Some(Effect::Export { contents, .. }) = keys(&mut app, "e") else {
        panic!("e exports");
    };
    assert!(
        contents.contains("2099-01 ⚠ dated in the future"),
        "{contents}"
    );
}
