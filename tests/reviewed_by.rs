//! Who decided: a verdict records who set it (`by:`), and the screen and every export say who
//! and on which day.

mod common;

use common::screen::{fixture_app, press, screen, type_keys};
use kurabe::catalog::Lang;
use kurabe::export::{markdown, sheet};
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_verdict_says_who_set_it_and_when_on_screen_and_in_the_exports() {
    let mut app = fixture_app(160, 45, Lang::En);
    app.files.reviewer = Some("Aiko Sato".into());
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "r");
    let alpha = app.catalog.vendor_index("alpha").unwrap();
    let control = app.catalog.controls[0].control.id.clone();
    let review = app
        .reviews
        .get("alpha", &control)
        .expect("a verdict is set");
    assert_eq!(review.by.as_deref(), Some("Aiko Sato"));
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let who = format!("Aiko Sato, {today}");
    assert!(
        screen(&app).contains(&format!("— {who}")),
        "{}",
        screen(&app)
    );
    let view = app.full_view();
    let cell = view.rows[0]
        .cells
        .iter()
        .find(|c| c.vendor == alpha)
        .unwrap();
    assert_eq!(
        cell.verdict.as_ref().unwrap().by.as_deref(),
        Some(who.as_str())
    );
    let md = markdown::render(&view);
    assert!(md.contains(&format!("— {who}")), "{md}");
    assert!(sheet::answer_text(cell, Lang::En).contains(&format!("— {who}")));
}

#[test]
fn a_review_without_who_shows_no_name() {
    let mut app = fixture_app(160, 45, Lang::En);
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "r");
    let control = app.catalog.controls[0].control.id.clone();
    assert_eq!(app.reviews.get("alpha", &control).unwrap().by, None);
    let view = app.full_view();
    assert_eq!(view.rows[0].cells[0].verdict.as_ref().unwrap().by, None);
    assert!(!markdown::render(&view).contains(" — Aiko"));
}
