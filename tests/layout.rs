//! One layout for drawing, scrolling and clicks: what the update lets the user scroll to is what
//! the drawing shows, on a control with a standards line too (its header is a line taller).

mod common;

use common::screen::{boxed_text, fixture_app, press, screen};
use kurabe::catalog::Lang;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, NavItem};
use kurabe::tui::update::update;
use ratatui::crossterm::event::KeyCode;

/// The fixture app on `control`, the comparison focused.
fn on(control: &str, width: u16, height: u16) -> App {
    let mut app = fixture_app(width, height, Lang::En);
    let at = app
        .catalog
        .control_index(control)
        .expect("a fixture control");
    app.browser.selected = Some(NavItem::Control(at));
    press(&mut app, KeyCode::Tab);
    app
}

/// The last line with text of each vendor column on screen, and how many lines it has.
fn column_ends(app: &App) -> Vec<(String, String, usize)> {
    let shown = screen(app);
    let view = app.view();
    view.vendors
        .iter()
        .filter_map(|v| {
            let title = format!("{} {}", v.vendor + 1, v.name);
            let text = boxed_text(&shown, &title);
            let used = text.iter().rposition(|l| !l.is_empty())?;
            Some((title, text[used].clone(), used + 1))
        })
        .collect()
}

#[test]
fn scrolling_to_the_end_shows_the_last_line_of_the_longest_column_under_a_standards_line() {
    let control = "deletion-timing";
    // Tall enough that every column shows whole: the longest one and its last line.
    let tall = on(control, 80, 80);
    assert!(
        !tall.view().rows[0].crosswalk.is_empty(),
        "the control shows a standards line"
    );
    assert!(screen(&tall).contains(&tall.view().rows[0].crosswalk));
    let (title, last, length) = column_ends(&tall)
        .into_iter()
        .max_by_key(|(_, _, n)| *n)
        .expect("columns on screen");

    let mut app = on(control, 80, 24);
    let before = boxed_text(&screen(&app), &title);
    assert!(
        before.len() < length && !before.contains(&last),
        "the column does not fit at 80x24: {before:#?}"
    );
    press(&mut app, KeyCode::End);
    let after = boxed_text(&screen(&app), &title);
    assert_eq!(
        after.iter().rev().find(|l| !l.is_empty()),
        Some(&last),
        "scrolled to the end, the column's last line is on screen:\n{}",
        screen(&app)
    );
    // And the end is the end: a further step down moves nothing.
    let bottom = app.browser.scroll;
    press(&mut app, KeyCode::Down);
    assert_eq!(app.browser.scroll, bottom);
}

#[test]
fn a_click_selects_the_vendor_column_drawn_under_it() {
    let mut app = on("deletion-timing", 80, 24);
    let view = app.view();
    let layout = app.layout(&view);
    assert!(layout.column_rects.len() >= 2, "{layout:?}");
    for (i, rect) in layout.column_rects.clone().iter().enumerate() {
        update(
            &mut app,
            Action::ClickAt {
                column: rect.x + rect.width / 2,
                row: rect.y + 1,
            },
        );
        assert_eq!(app.vendor_column(), Some(layout.first_column + i));
    }
}
