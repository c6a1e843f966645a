//! The browser driven by key sequences on ratatui's TestBackend, as a user would drive it.

use kurabe::catalog::load_embedded;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use kurabe::tui::update::update;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

fn app(width: u16, height: u16) -> App {
    let loaded = load_embedded().expect("embedded catalogue loads");
    let mut app = App::new(loaded.catalog, loaded.problems);
    update(&mut app, Action::Resize { width, height });
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Types `keys` (each char one key press) through the keymap, as the event loop does.
fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, key(KeyCode::Char(c)));
    }
}

fn press(app: &mut App, k: KeyEvent) {
    if let Some(action) = resolve(k, app.input.kind()) {
        update(app, action);
    }
}

/// The frame `app` draws, in colour.
fn drawn(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.browser.width, app.browser.height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Theme { color: true }))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text rows; a double-width character occupies its two cells once.
fn screen(app: &App) -> Vec<String> {
    let buffer = drawn(app);
    (0..buffer.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let sym = buffer[(x, y)].symbol();
                row.push_str(sym);
                x += UnicodeWidthStr::width(sym).max(1) as u16;
            }
            row
        })
        .collect()
}

fn text(app: &App) -> String {
    screen(app).join("\n")
}

#[test]
fn starts_on_the_first_category_with_every_vendor_side_by_side() {
    let app = app(160, 45);
    let s = text(&app);
    assert!(s.contains("Categories"), "{s}");
    assert!(s.contains("Services covered by the document"), "{s}");
    for name in ["Cyber Solutions", "Cybozu", "QUALITIA", "Quality Soft"] {
        assert!(s.contains(name), "{name} missing:\n{s}");
    }
}

#[test]
fn searching_deletion_shows_cybozu_30_days_and_ism_cloudone_60_days_together() {
    let mut app = app(160, 45);
    type_keys(&mut app, "/deletion");
    let s = text(&app);
    assert!(s.contains("Deletion timing after contract end"), "{s}");
    assert!(s.contains("30 days"), "{s}");
    assert!(s.contains("60 days"), "{s}");
    assert!(
        s.contains("○ not stated"),
        "QUALITIA is silent on deletion timing:\n{s}"
    );
    // The first result is the selected one, so the comparison is of deletion timing.
    let rows = screen(&app);
    assert!(
        rows[2].contains("Deletion timing after contract end"),
        "{}",
        rows[2]
    );
}

#[test]
fn a_japanese_query_finds_the_deletion_controls() {
    let mut app = app(160, 45);
    type_keys(&mut app, "/削除");
    let s = text(&app);
    assert!(s.contains("matching controls"), "{s}");
    assert!(s.contains("Deletion timing after contract end"), "{s}");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Esc));
    assert!(
        !text(&app).contains("matching controls"),
        "Esc clears the search"
    );
}

#[test]
fn full_width_and_case_are_folded_in_queries() {
    let mut a = app(160, 45);
    type_keys(&mut a, "/ＩＳＯ");
    let full = a.search.hits.clone();
    let mut b = app(160, 45);
    type_keys(&mut b, "/iso");
    assert!(!full.is_empty());
    assert_eq!(full, b.search.hits);
}

#[test]
fn toggling_a_vendor_hides_its_column() {
    let mut app = app(160, 45);
    type_keys(&mut app, "/deletion");
    press(&mut app, key(KeyCode::Enter));
    assert!(text(&app).contains("2 Cybozu"));
    type_keys(&mut app, "2");
    let s = text(&app);
    assert!(!s.contains("2 Cybozu"), "{s}");
    assert!(!s.contains("30 days"), "{s}");
    assert!(
        s.contains("2○Cybozu"),
        "the status line shows the vendor as hidden:\n{s}"
    );
    type_keys(&mut app, "2");
    assert!(text(&app).contains("2 Cybozu"));
}

#[test]
fn the_differences_filter_is_shown_and_narrows_the_list() {
    let mut app = app(160, 45);
    let all = app.view().visible.len();
    type_keys(&mut app, "d");
    let narrowed = app.view().visible.len();
    assert!(narrowed < all, "{narrowed} of {all}");
    assert!(text(&app).contains("only where vendors differ"));
    // With one vendor shown nothing can differ.
    type_keys(&mut app, "234");
    assert_eq!(app.view().visible.len(), 0);
    assert!(text(&app).contains("No control matches"));
}

#[test]
fn the_silence_filter_keeps_only_controls_with_a_not_stated_vendor() {
    let mut app = app(160, 45);
    type_keys(&mut app, "s");
    let view = app.view();
    assert!(!view.visible.is_empty());
    for &c in &view.visible {
        assert!(
            (0..4).any(|v| app
                .catalog
                .answer(v, c)
                .is_none_or(|a| a.status == kurabe::catalog::Status::NotStated)),
            "{}",
            app.catalog.controls[c].control.id
        );
    }
    assert!(text(&app).contains("only where a vendor is silent"));
}

#[test]
fn the_language_toggle_shows_japanese_titles_and_summaries() {
    let mut app = app(160, 45);
    type_keys(&mut app, "/deletion");
    press(&mut app, key(KeyCode::Enter));
    type_keys(&mut app, "L");
    let s = text(&app);
    assert!(s.contains("契約終了後の削除時期"), "{s}");
    assert!(
        s.contains("30日") && s.contains("60日"),
        "values read in Japanese too:\n{s}"
    );
    assert!(s.contains("日本語"), "{s}");
    type_keys(&mut app, "L");
    assert!(text(&app).contains("Deletion timing after contract end"));
}

#[test]
fn the_matrix_shows_a_category_with_not_stated_cells() {
    let mut app = app(160, 45);
    type_keys(&mut app, "c");
    // Jump to "Data return & deletion" (the fourth category).
    type_keys(&mut app, "jjj");
    press(&mut app, key(KeyCode::Enter));
    type_keys(&mut app, "v");
    let s = text(&app);
    assert!(s.contains("Data return & deletion — 7 controls"), "{s}");
    assert!(s.contains("not stated"), "{s}");
    assert!(s.contains("30 days"), "{s}");
    // Moving down the matrix moves the selection in the list too.
    press(&mut app, key(KeyCode::Tab));
    type_keys(&mut app, "j");
    let current = app.current_control(&app.view()).unwrap();
    assert_eq!(app.catalog.controls[current].control.id, "deletion-trigger");
}

#[test]
fn categories_expand_and_collapse_from_the_keyboard() {
    let mut app = app(120, 40);
    type_keys(&mut app, "h"); // to the category, collapsed
    assert!(!text(&app).contains("Provider's responsibilities"));
    type_keys(&mut app, "l");
    assert!(text(&app).contains("Provider's responsibilities"));
    type_keys(&mut app, "G");
    assert!(text(&app).contains("Business continuity"));
}

#[test]
fn japanese_text_never_breaks_column_borders() {
    for (w, h) in [(80, 24), (160, 45)] {
        let mut app = app(w, h);
        type_keys(&mut app, "/deletion");
        press(&mut app, key(KeyCode::Enter));
        let rows = screen(&app);
        for row in &rows {
            assert_eq!(
                UnicodeWidthStr::width(row.as_str()),
                w as usize,
                "row overflows at {w}x{h}: {row}"
            );
        }
        // Every row inside the comparison ends with the pane's border.
        for row in &rows[2..rows.len() - 3] {
            assert!(row.ends_with('│'), "misaligned at {w}x{h}: {row}");
        }
    }
}

#[test]
fn tiny_and_huge_terminals_do_not_panic() {
    for (w, h) in [(20, 5), (1, 1), (300, 80), (40, 10), (39, 9)] {
        let mut app = app(w, h);
        for keys in ["/削除", "\u{1b}", "v", "jjjj", "?", "x", "c", "G"] {
            type_keys(&mut app, keys);
            let _ = screen(&app);
        }
    }
    let small = app(20, 5);
    assert!(text(&small).contains("Terminal too"), "{}", text(&small));
    // The Japanese message in an area narrower than two double-width characters.
    for (w, h) in [(2, 111), (1, 30), (3, 9)] {
        let mut narrow = app(w, h);
        type_keys(&mut narrow, "L");
        let _ = screen(&narrow);
    }
    let mut ja = app(20, 5);
    type_keys(&mut ja, "L");
    assert!(text(&ja).contains("端末が小さすぎます"), "{}", text(&ja));
}

#[test]
fn resizing_relays_out() {
    let mut app = app(160, 45);
    update(
        &mut app,
        Action::Resize {
            width: 90,
            height: 30,
        },
    );
    let rows = screen(&app);
    assert_eq!(rows.len(), 30);
    assert_eq!(UnicodeWidthStr::width(rows[0].as_str()), 90);
}

#[test]
fn clicking_selects_and_the_wheel_scrolls() {
    let mut app = app(120, 40);
    // Row 1 is the list border; row 2 the first category; row 4 its second control.
    update(&mut app, Action::ClickAt { column: 5, row: 4 });
    let current = app.current_control(&app.view()).unwrap();
    assert_eq!(
        app.catalog.controls[current].control.id,
        "provider-responsibilities"
    );
    update(
        &mut app,
        Action::ScrollAt {
            column: 5,
            row: 4,
            down: true,
        },
    );
    let current = app.current_control(&app.view()).unwrap();
    assert_eq!(
        app.catalog.controls[current].control.id,
        "customer-responsibilities"
    );
}

#[test]
fn ctrl_c_and_q_quit() {
    let mut a = app(80, 24);
    press(
        &mut a,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    );
    assert!(a.quit);
    let mut b = app(80, 24);
    type_keys(&mut b, "q");
    assert!(b.quit);
    // In the search box, q is a letter.
    let mut c = app(80, 24);
    type_keys(&mut c, "/q");
    assert!(!c.quit);
}

#[test]
fn without_colour_nothing_is_coloured_but_states_still_read() {
    let mut app = app(160, 45);
    type_keys(&mut app, "/deletion");
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    terminal
        .draw(|f| draw(f, &app, &Theme { color: false }))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    let s = text(&app);
    assert!(
        s.contains("● stated") && s.contains("○ not stated"),
        "badges read without colour"
    );
}

#[test]
fn clicking_a_vendor_column_selects_that_vendors_answer() {
    let mut app = app(160, 45);
    type_keys(&mut app, "/deletion");
    press(&mut app, key(KeyCode::Enter));
    // The comparison pane starts after the list (44 columns); four columns share the rest.
    update(
        &mut app,
        Action::ClickAt {
            column: 150,
            row: 20,
        },
    );
    assert_eq!(app.current_vendor(), Some(3));
    update(
        &mut app,
        Action::ClickAt {
            column: 50,
            row: 20,
        },
    );
    assert_eq!(app.current_vendor(), Some(0));
}

#[test]
fn exporting_with_nothing_in_view_writes_an_empty_report_instead_of_crashing() {
    let mut app = app(120, 40);
    // The verdict filter with no verdicts hides every control.
    type_keys(&mut app, "f");
    assert!(app.view().rows.is_empty());
    type_keys(&mut app, "e");
    let effect = resolve(key(KeyCode::Enter), app.input.kind())
        .and_then(|a| update(&mut app, a).into_iter().next());
    let Some(kurabe::tui::update::Effect::Export { contents, .. }) = effect else {
        panic!("e Enter exports");
    };
    let contents = String::from_utf8(contents).unwrap();
    assert!(
        contents.contains("No control matches this view."),
        "{contents}"
    );
}

#[test]
fn with_search_in_the_background_keys_show_at_once_and_results_when_they_arrive() {
    use kurabe::tui::searcher::{Done, Request, Searcher};
    use kurabe::tui::update::Effect;
    let mut app = app(160, 45);
    app.search.background = true;
    let mut last = None;
    for c in "/deletion".chars() {
        if let Some(action) = resolve(key(KeyCode::Char(c)), app.input.kind()) {
            if let Some(Effect::Search { request, .. }) =
                update(&mut app, action).into_iter().last()
            {
                last = Some(request);
            }
        }
    }
    let request = last.expect("typing asks for a background search");
    assert_eq!(request.query, "deletion");
    let s = text(&app);
    assert!(s.contains("/deletion") && s.contains("searching…"), "{s}");

    // An answer to an older query is not shown.
    let (deliver, delivered) = std::sync::mpsc::channel();
    let searcher = Searcher::new(move |done| deliver.send(done).is_ok());
    let index = app.search.index.clone().unwrap();
    let old = Request {
        query: "delet".into(),
        vendors: request.vendors.clone(),
    };
    searcher.submit(old.clone(), index.clone());
    let stale: Done = delivered.recv().unwrap();
    assert_eq!(stale.request, old);
    update(&mut app, Action::SearchDone(stale));
    assert!(text(&app).contains("searching…"));

    searcher.submit(request.clone(), index);
    let done: Done = delivered.recv().unwrap();
    assert_eq!(done.request, request);
    update(&mut app, Action::SearchDone(done));
    let s = text(&app);
    assert!(!s.contains("searching…"), "{s}");
    assert!(
        s.contains("30 days") && s.contains("60 days"),
        "the best result is selected:\n{s}"
    );
}

/// The cells below the search row drawn as a match (bold, underlined).
fn highlighted(app: &App) -> Vec<(u16, u16)> {
    let buffer = drawn(app);
    let matched = ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED;
    (1..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].modifier.contains(matched))
        .collect()
}

#[test]
fn while_a_background_search_runs_the_shown_results_keep_the_highlights_they_matched() {
    use kurabe::tui::searcher::{Done, Searcher};
    use kurabe::tui::update::Effect;
    let mut app = app(160, 45);
    app.search.background = true;
    let (deliver, delivered) = std::sync::mpsc::channel();
    let searcher = Searcher::new(move |done| deliver.send(done).is_ok());
    let type_and_search = |app: &mut App, keys: &str| -> Done {
        let mut last = None;
        for c in keys.chars() {
            if let Some(action) = resolve(key(KeyCode::Char(c)), app.input.kind()) {
                if let Some(Effect::Search { request, index }) =
                    update(app, action).into_iter().last()
                {
                    last = Some((request, index));
                }
            }
        }
        let (request, index) = last.expect("typing asks for a background search");
        searcher.submit(request, index);
        delivered.recv().unwrap()
    };
    assert!(app.shown_query().is_empty());
    let done = type_and_search(&mut app, "/backup");
    assert!(highlighted(&app).is_empty(), "nothing shown matches yet");
    update(&mut app, Action::SearchDone(done));
    let backup = highlighted(&app);
    assert!(!backup.is_empty());
    assert_eq!(app.shown_query(), "backup");
    // "backup 世代" on its way: the list of "backup" stays, highlighted as it matched.
    let done = type_and_search(&mut app, " 世代");
    assert!(app.search_pending());
    assert_eq!(app.shown_query(), "backup");
    assert_eq!(highlighted(&app), backup);
    assert!(text(&app).contains("/backup 世代"), "the keys show at once");
    update(&mut app, Action::SearchDone(done));
    assert_eq!(app.shown_query(), "backup 世代");
    assert_ne!(highlighted(&app), backup, "{}", text(&app));
}

#[test]
fn before_the_index_is_built_the_list_works_and_a_query_waits_for_it() {
    use kurabe::tui::run_effect;
    use kurabe::tui::update::Effect;
    let loaded = load_embedded().expect("embedded catalogue loads");
    let mut app = App::unindexed(loaded.catalog, loaded.problems);
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 45,
        },
    );
    assert!(text(&app).contains("index being built"), "{}", text(&app));
    press(&mut app, key(KeyCode::Down));
    assert!(
        app.browser.selected.is_some(),
        "the list moves without an index"
    );
    type_keys(&mut app, "/deletion");
    let s = text(&app);
    assert!(
        s.contains("/deletion") && s.contains("building the search index"),
        "{s}"
    );
    assert!(
        app.search_pending(),
        "nothing is exported from a search still to come"
    );

    let catalog = app.catalog.clone();
    let ready = run_effect(Effect::BuildIndex { catalog });
    for effect in update(&mut app, ready) {
        let done = run_effect(effect);
        update(&mut app, done);
    }
    let s = text(&app);
    assert!(!s.contains("building the search index"), "{s}");
    assert!(
        s.contains("30 days") && s.contains("60 days"),
        "the waiting query is answered and its best result selected:\n{s}"
    );
}

#[test]
fn the_selected_vendor_stays_selected_when_others_are_hidden() {
    let mut app = app(160, 45);
    type_keys(&mut app, "/deletion");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Tab));
    type_keys(&mut app, "ll");
    assert_eq!(app.current_vendor(), Some(2));
    type_keys(&mut app, "1");
    assert_eq!(
        app.current_vendor(),
        Some(2),
        "hiding vendor 1 keeps vendor 3 selected"
    );
    type_keys(&mut app, "3");
    assert_eq!(
        app.current_vendor(),
        Some(3),
        "hiding the selected one moves to the next shown"
    );
}

#[test]
fn columns_scroll_back_when_vendors_are_hidden_so_clicks_hit_what_is_shown() {
    // 80 columns fit two vendor columns.
    let mut app = app(80, 24);
    type_keys(&mut app, "/deletion");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Tab));
    type_keys(&mut app, "lll");
    assert_eq!(app.browser.column_offset, 2);
    type_keys(&mut app, "1");
    assert_eq!(
        app.browser.column_offset, 1,
        "three shown, two fit: the view starts at the second"
    );
    let compare = app.areas().compare;
    update(
        &mut app,
        Action::ClickAt {
            column: compare.x + 2,
            row: 12,
        },
    );
    assert_eq!(
        app.current_vendor(),
        Some(2),
        "the left column is the one clicked"
    );
}

#[test]
fn no_export_while_a_background_search_is_running() {
    let mut app = app(160, 45);
    app.search.background = true;
    type_keys(&mut app, "/deletion");
    let effect = resolve(key(KeyCode::Enter), app.input.kind())
        .and_then(|a| update(&mut app, a).into_iter().next());
    assert!(effect.is_none());
    let effect = resolve(key(KeyCode::Char('e')), app.input.kind())
        .and_then(|a| update(&mut app, a).into_iter().next());
    assert!(
        effect.is_none(),
        "nothing is written from results of another query"
    );
    assert!(text(&app).contains("still running"));
}

#[test]
fn scrolling_past_the_end_stops_there_so_scrolling_back_moves_at_once() {
    let mut app = app(100, 24);
    type_keys(&mut app, "/deletion");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Tab));
    type_keys(&mut app, "G");
    let bottom = app.browser.scroll;
    assert!(bottom > 0, "the answers are longer than the pane");
    assert_eq!(bottom, kurabe::tui::layout::max_scroll(&app));
    for _ in 0..5 {
        press(&mut app, key(KeyCode::PageDown));
    }
    assert_eq!(app.browser.scroll, bottom);
    type_keys(&mut app, "k");
    assert_eq!(app.browser.scroll, bottom - 1);
    let before = screen(&app);
    type_keys(&mut app, "k");
    assert_ne!(screen(&app), before, "each key moves the text");
}

#[test]
fn the_screen_annotates_the_columns_that_fit_and_the_export_every_shown_vendor() {
    // 80 columns fit two vendor columns.
    let mut app = app(80, 24);
    type_keys(&mut app, "/deletion");
    press(&mut app, key(KeyCode::Enter));
    let on_screen = app.view();
    let row = on_screen.rows.first().expect("a control is compared");
    let vendors: Vec<usize> = row.cells.iter().map(|c| c.vendor).collect();
    assert_eq!(vendors, [0, 1]);
    assert_eq!(on_screen.vendors.len(), 2);
    drop(on_screen);
    press(&mut app, key(KeyCode::Tab));
    type_keys(&mut app, "lll");
    let scrolled = app.view();
    let vendors: Vec<usize> = scrolled.rows[0].cells.iter().map(|c| c.vendor).collect();
    assert_eq!(vendors, [2, 3], "the window follows the columns");
    let s = text(&app);
    assert!(
        s.contains("3 QUALITIA") && s.contains("4 Quality Soft"),
        "{s}"
    );
    let full = app.full_view();
    assert_eq!(full.rows[0].cells.len(), 4);
    assert_eq!(full.vendors.len(), 4);
}

#[test]
fn the_matrix_shows_the_vendors_that_fit_and_scrolls_with_the_cursor() {
    let mut narrow = app(60, 24);
    press(&mut narrow, key(KeyCode::Char('v')));
    let header = |app: &App| screen(app)[2].clone();
    assert!(
        header(&narrow).contains('▶') && !header(&narrow).contains('◀'),
        "{}",
        text(&narrow)
    );
    press(&mut narrow, key(KeyCode::Tab));
    type_keys(&mut narrow, "lll");
    assert!(
        header(&narrow).contains('◀') && !header(&narrow).contains('▶'),
        "{}",
        text(&narrow)
    );
    let view = narrow.view();
    let shown: Vec<usize> = view.vendors.iter().map(|v| v.vendor).collect();
    // One vendor at a time at 60 columns: a cell of at least 16 columns is worth more than
    // four unreadable ones.
    assert_eq!(shown, [3]);
    // Where every vendor fits, the matrix shows them all, without arrows.
    let mut wide = app(160, 45);
    press(&mut wide, key(KeyCode::Char('v')));
    assert_eq!(wide.view().vendors.len(), 4);
    assert!(!header(&wide).contains('▶'), "{}", text(&wide));
}

#[test]
fn the_status_line_lists_the_vendors_it_has_room_for_and_counts_the_rest() {
    let status = |app: &App| {
        screen(app)
            .into_iter()
            .find(|l| l.contains("1●"))
            .unwrap_or_else(|| text(app))
    };
    let narrow = status(&app(60, 24));
    assert!(narrow.contains("… +"), "{narrow}");
    let wide = status(&app(160, 45));
    assert!(wide.contains("4●") && !wide.contains("… +"), "{wide}");
}
