//! The screen and the markdown state the same facts: for a few views, every vendor's answer
//! to every shown control reads the same on the screen (control columns and matrix) and in the
//! markdown export (table cells, headings, verdict wording). Both come from the one annotated
//! view, so a renderer that drops or rewords a fact fails here.

mod common;

use common::table_cells;
use kurabe::catalog::{load_embedded, Lang};
use kurabe::export::markdown;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use kurabe::tui::update::update;
use kurabe::view::View;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

fn app(width: u16, height: u16) -> App {
    let loaded = load_embedded().expect("embedded catalogue loads");
    let mut app = App::new(loaded.catalog, loaded.problems);
    app.spec.today = Some(jiff::civil::date(2026, 11, 21));
    update(&mut app, Action::Resize { width, height });
    app
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        if let Some(a) = resolve(KeyEvent::new(code, KeyModifiers::NONE), app.input.kind()) {
            update(app, a);
        }
    }
}

fn buffer(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.browser.width, app.browser.height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Theme { color: false }))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Text with every space and line break removed, so wrapped text compares with unwrapped.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text inside each vendor column of the control view, joined over its rows: columns are
/// found from their top borders, which carry the vendor's number and name.
fn columns(buffer: &Buffer, names: &[String]) -> Vec<String> {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let symbol = |x: u16, y: u16| buffer[(x, y)].symbol().to_string();
    let row_text = |y: u16, from: u16, to: u16| -> String {
        let mut s = String::new();
        let mut x = from;
        while x < to {
            let sym = symbol(x, y);
            s.push_str(&sym);
            x += UnicodeWidthStr::width(sym.as_str()).max(1) as u16;
        }
        s
    };
    let mut out = Vec::new();
    for name in names {
        let mut found = None;
        'search: for y in 0..h {
            for x in 0..w {
                if symbol(x, y) != "┌" {
                    continue;
                }
                let mut end = x + 1;
                while end < w && symbol(end, y) != "┐" {
                    end += 1;
                }
                if squash(&row_text(y, x, end)).contains(&squash(name)) {
                    found = Some((x, end, y));
                    break 'search;
                }
            }
        }
        let (x0, x1, y0) = found.unwrap_or_else(|| panic!("no column for {name}"));
        let mut text = String::new();
        for y in y0 + 1..h {
            if symbol(x0, y) == "└" {
                break;
            }
            text.push_str(&row_text(y, x0 + 1, x1));
        }
        out.push(squash(&text));
    }
    out
}

/// Every fact of every cell of the view's first row is in that vendor's column.
fn assert_columns_state_the_view(app: &App, view: &View) {
    let row = view.rows.first().expect("a control in view");
    let names: Vec<String> = view.vendors.iter().map(|v| v.name.clone()).collect();
    let cols = columns(&buffer(app), &names);
    for (cell, col) in row.cells.iter().zip(&cols) {
        assert!(
            col.contains(&squash(&cell.badge)),
            "{} not in {col}",
            cell.badge
        );
        for fact in [&cell.value, &cell.summary, &cell.note, &cell.review_note]
            .into_iter()
            .flatten()
        {
            assert!(col.contains(&squash(fact)), "{fact} not in {col}");
        }
        if let Some(v) = &cell.verdict {
            assert!(col.contains(&squash(&v.label)), "{} not in {col}", v.label);
        }
        for q in &cell.quotes {
            assert!(
                col.contains(&squash(&q.citation)),
                "{} not in {col}",
                q.citation
            );
        }
    }
}

/// The markdown's table has each cell's text, and its answer headings the same value and
/// status words; verdicts are worded the same.
fn assert_markdown_states_the_view(view: &View) {
    let md = markdown::render(view);
    let table = table_cells(&md);
    for (parsed, row) in table[1..].iter().zip(&view.rows) {
        assert_eq!(parsed[0], row.title);
        for (text, cell) in parsed[1..].iter().zip(&row.cells) {
            assert_eq!(text, &cell.text, "{md}");
            if let Some(v) = &cell.verdict {
                assert!(md.contains(&format!("**{}**", v.word)), "{md}");
            }
            for q in &cell.quotes {
                assert!(
                    squash(&md).contains(&squash(&markdown::inline(&q.citation))),
                    "{md}"
                );
            }
        }
    }
}

#[test]
fn control_view_and_markdown_state_the_same_facts_in_english_and_japanese() {
    for lang_keys in ["", "L"] {
        let mut app = app(260, 90);
        keys(&mut app, lang_keys);
        // Cybozu 30 days, ISM CloudOne 60 days, QUALITIA not stated; a verdict on one of them.
        keys(&mut app, "/deletion\n\tlrr");
        let view = app.view();
        assert_eq!(view.rows.len(), 1);
        assert!(view.rows[0].cells.iter().any(|c| c.verdict.is_some()));
        assert_columns_state_the_view(&app, &view);
        assert_markdown_states_the_view(&view);
        if lang_keys == "L" {
            assert_eq!(view.spec.lang, Lang::Ja);
            assert!(view.rows[0].cells.iter().any(|c| c.badge == "○ 記載なし"));
        }
    }
}

#[test]
fn matrix_cells_and_markdown_cells_are_the_same_text() {
    for lang_keys in ["", "L"] {
        let mut app = app(260, 60);
        keys(&mut app, lang_keys);
        keys(&mut app, "v/backup\n");
        let view = app.view();
        assert!(view.rows.len() > 1, "a matrix of several controls");
        let buf = buffer(&app);
        let screen: Vec<String> = (0..buf.area.height)
            .map(|y| {
                let mut s = String::new();
                let mut x = 0;
                while x < buf.area.width {
                    let sym = buf[(x, y)].symbol();
                    s.push_str(sym);
                    x += UnicodeWidthStr::width(sym).max(1) as u16;
                }
                s
            })
            .collect();
        // Each matrix row on screen is the control's title then one cell per vendor, each the
        // start of the same text as the markdown's cell (cut to the column with "…").
        let mut checked = 0;
        for row in &view.rows {
            // The matrix's own title cell is the last one on its line (the list on the left may
            // show the same title).
            let found = screen.iter().find_map(|l| {
                let parts: Vec<&str> = l.split('│').collect();
                let at = parts.iter().rposition(|p| p.trim_end() == row.title)?;
                let cells = parts.get(at + 1..at + 1 + row.cells.len())?;
                cells
                    .iter()
                    .all(|c| !c.trim().is_empty())
                    .then_some((l, parts.clone(), at))
            });
            let Some((line, parts, at)) = found else {
                continue;
            };
            for (cell, shown) in row.cells.iter().zip(&parts[at + 1..]) {
                let shown = shown.trim_end().trim_end_matches('…');
                let full = format!(
                    "{}{}",
                    cell.verdict.as_ref().map_or("", |v| v.mark),
                    cell.text
                );
                assert!(
                    full.starts_with(shown) && !shown.is_empty(),
                    "matrix shows {shown:?} for {full:?} in {line}"
                );
            }
            checked += 1;
        }
        assert!(
            checked > 0,
            "no matrix row found on screen:\n{}",
            screen.join("\n")
        );
        assert_markdown_states_the_view(&view);
    }
}
