//! `d` ("only controls where the shown vendors differ") and the workbook's 差異 / Differences
//! column compare status, polarity and value, never wording: on the shipped catalogue and on a
//! fixture with one kind of difference per control.

mod common;

use common::sheets::{read_book, spec};
use kurabe::catalog::{load_dir, load_embedded, Catalog, Lang};
use kurabe::export::xlsx;
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::update::update;
use kurabe::view::{derive, View, ViewSpec};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

fn fixture() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/differences");
    let loaded = load_dir(&dir).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.catalog
}

fn differing<'a>(catalog: &'a Catalog, lang: Lang) -> View<'a> {
    let spec = ViewSpec {
        only_differences: true,
        ..spec(catalog, lang)
    };
    derive(
        catalog,
        &Reviews::default(),
        &SearchIndex::new(catalog),
        &spec,
    )
}

fn ids(view: &View) -> Vec<String> {
    view.visible
        .iter()
        .map(|&c| view.catalog.controls[c].control.id.clone())
        .collect()
}

#[test]
fn the_shipped_catalogue_keeps_the_controls_whose_answers_differ_in_substance() {
    let catalog = load_embedded().unwrap().catalog;
    assert_eq!(catalog.vendors.len(), 4);
    let view = differing(&catalog, Lang::En);
    let kept = ids(&view);
    // Wording differed everywhere, so the filter kept 106 of 107 controls; what can be
    // compared differs on about half.
    assert!(
        (20..=60).contains(&kept.len()),
        "{} of {} controls kept: {kept:?}",
        kept.len(),
        catalog.controls.len()
    );
    let has = |id: &str| kept.iter().any(|k| k == id);
    // 60 days after cancellation, 30 days from the day after the contract ends, a calendar rule.
    assert!(has("deletion-timing"));
    // Three say yes, one no.
    assert!(has("encryption-at-rest"));
    // Every vendor states it, in its own words, with the same polarity or value (Japan).
    for same in [
        "encryption-in-transit",
        "storage-country",
        "patching",
        "manuals",
    ] {
        assert!(!has(same), "{same} is kept");
    }
}

#[test]
fn only_status_polarity_and_value_make_answers_differ() {
    let catalog = fixture();
    let view = differing(&catalog, Lang::En);
    assert_eq!(ids(&view), ["status", "polarity", "from"]);
    let words: Vec<String> = view
        .rows
        .iter()
        .map(|r| r.differences().words(Lang::Ja))
        .collect();
    assert_eq!(words, ["記載状況", "可否", "値"]);
}

#[test]
fn the_workbook_says_what_differs() {
    let catalog = fixture();
    let view = derive(
        &catalog,
        &Reviews::default(),
        &SearchIndex::new(&catalog),
        &spec(&catalog, Lang::Ja),
    );
    let book = read_book(&xlsx::render(&view).unwrap());
    assert_eq!(book.text("比較", 0, 4), "差異");
    let column: Vec<(String, String)> = (1..book.height("比較"))
        .map(|r| (book.text("比較", r, 1), book.text("比較", r, 4)))
        .collect();
    let expected = [
        ("同じ事実、別の言葉", ""),
        ("記載ありと一部記載", "記載状況"),
        ("はいと条件付き", "可否"),
        ("同じ長さ、別の起算点", "値"),
        ("同じ長さ、別の単位", ""),
        ("一社のみ記載", ""),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(column, expected);
    // The differing rows are filled as well as named.
    for r in 1..book.height("比較") {
        assert_eq!(
            book.filled("比較", r, 4),
            !column[r - 1].1.is_empty(),
            "row {r}"
        );
    }
}

#[test]
fn d_on_the_screen_keeps_the_controls_that_differ() {
    let mut app = App::new(fixture(), Vec::new());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
    let action = resolve(d, app.input.kind()).unwrap();
    update(&mut app, action);
    assert!(app.spec.only_differences);
    let view = derive(
        &app.catalog,
        &Reviews::default(),
        &SearchIndex::new(&app.catalog),
        &app.spec,
    );
    assert_eq!(ids(&view), ["status", "polarity", "from"]);
    let screen = common::screen::screen(&app);
    assert!(screen.contains("Stated and partial"), "{screen}");
    assert!(!screen.contains("Same fact, other words"), "{screen}");
}
