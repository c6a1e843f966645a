//! A document dated in the future is flagged on screen and in the markdown export, never
//! shown as fresh.

mod common;

use common::home::type_keys_held;
use kurabe::catalog::load_embedded;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use kurabe::tui::update::{update, Effect};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.browser.width, app.browser.height)).unwrap();
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
    type_keys_held(&mut app, "/deletion\n");
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

    let Some(Effect::Export { contents, .. }) = type_keys_held(&mut app, "em") else {
        panic!("e m exports");
    };
    let contents = String::from_utf8(contents).unwrap();
    assert!(
        contents.contains("2099-01 ⚠ dated in the future"),
        "{contents}"
    );
}
