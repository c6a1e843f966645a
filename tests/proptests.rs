//! Property tests: whatever text a vendor file holds, the screen and the exports show no control,
//! bidi or zero-width character; any cell text reads back from the markdown table; no key
//! sequence at any terminal size panics. Case counts are bounded so `cargo test` stays quick.

mod common;

use common::table_cells;
use kurabe::catalog::{load, Origin, SourceFile};
use kurabe::export::markdown;
use kurabe::sanitize;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::keymap::resolve;
use kurabe::tui::theme::Theme;
use kurabe::tui::ui::draw;
use kurabe::tui::update::{update, Effect};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

/// What must never reach the terminal or an export, by an independent list: every control
/// character, bidi controls, zero-width characters, the soft hyphen, line and paragraph
/// separators, the BOM and tag characters.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0xAD | 0x061C | 0x180E | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064
            | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE0000..=0xE007F)
}

/// Characters that break terminals, markdown or both, and some that must survive.
const SPECIAL: &[char] = &[
    '\x1b',
    '\x07',
    '\x08',
    '\0',
    '\x7f',
    '\u{9b}',
    '\u{85}',
    '\t',
    '\r',
    '\n',
    '\u{202E}',
    '\u{202D}',
    '\u{2066}',
    '\u{2069}',
    '\u{200B}',
    '\u{200D}',
    '\u{FEFF}',
    '\u{AD}',
    '\u{2028}',
    '\u{2029}',
    '\u{E0041}',
    '\u{FE0F}',
    '\u{E0100}',
    '\u{A0}',
    '\u{3000}',
    '|',
    '\\',
    '`',
    '*',
    '_',
    '<',
    '>',
    '&',
    '#',
    '[',
    ']',
    '(',
    ')',
    '~',
    ' ',
    '-',
    '+',
    '=',
    '.',
    '!',
    ':',
    '"',
    '\'',
    '^',
    '$',
    '{',
    '}',
    '葛',
    'ア',
    '削',
    '1',
    'a',
    'Z',
];

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(SPECIAL),
        1 => any::<char>(),
    ]
}

fn hostile_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// A YAML double-quoted scalar that delivers exactly `s`, escapes and all.
fn yq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A catalogue whose every text field is `t[i]` (prefixed so that none is empty), read
/// through the real loader; plus a vendor file whose id is hostile, so that a load problem
/// is on screen too.
fn hostile_app(t: &[String]) -> App {
    let f = |i: usize| yq(&format!("T{}", t[i % t.len()]));
    let controls = format!(
        "categories:\n  - id: deletion\n    title: {{ en: {}, ja: {} }}\n    controls:\n      - id: deletion-timing\n        title: {{ en: {}, ja: {} }}\n        question: {{ en: {}, ja: {} }}\n      - id: backup-frequency\n        title: {{ en: {} }}\n        question: {{ en: {} }}\n",
        f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7)
    );
    let vendor = format!(
        "vendor:\n  id: acme\n  name: {{ en: {}, ja: {} }}\n  products: {}\n  note: {{ en: {} }}\ndocuments:\n  - id: policy\n    title: {}\n    version: {}\n    date: \"2024-05\"\n    source: acme.txt\nanswers:\n  - control: deletion-timing\n    status: stated\n    summary: {{ en: {}, ja: {} }}\n    value: {{ kind: list, items: [{}, {}] }}\n    note: {{ en: {}, ja: {} }}\n    quotes:\n      - {{ document: policy, section: {}, text: {} }}\n  - control: backup-frequency\n    status: partial\n    summary: {{ en: {} }}\n    value: {{ kind: service-hours, text: {{ en: {}, ja: {} }}, exceptions: {{ en: {}, ja: {} }} }}\n    quotes:\n      - {{ document: policy, section: \"1\", text: {} }}\n",
        f(8), f(9), f(10), f(11), f(12), f(13), f(14), f(15), f(16), f(17), f(18), f(19), f(20),
        f(21), f(22), f(25), f(26), f(27), f(28), f(23)
    );
    let broken = format!("vendor:\n  id: {}\n", f(24));
    let loaded = load(
        SourceFile::new("controls.yaml", controls),
        vec![
            (
                SourceFile::new("vendors/acme.yaml", vendor),
                Origin::Directory,
            ),
            (
                SourceFile::new(format!("vendors/{}.yaml", t[0]), broken),
                Origin::Directory,
            ),
        ],
    )
    .expect("the controls file loads");
    assert_eq!(loaded.catalog.vendors.len(), 1, "{:?}", loaded.problems);
    App::new(loaded.catalog, loaded.problems)
}

fn assert_clean(what: &str, s: &str, newlines: bool) {
    if let Some(c) = s
        .chars()
        .find(|&c| forbidden(c) && !(newlines && c == '\n'))
    {
        panic!("{what} contains U+{:04X}:\n{s}", c as u32);
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Theme { color: true }))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    resolve(KeyEvent::new(code, KeyModifiers::NONE), app.input.kind())
        .and_then(|a| update(app, a).into_iter().next())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_never_reaches_the_screen_or_the_exports(
        t in prop::collection::vec(hostile_string(24), 25),
    ) {
        let mut app = hostile_app(&t);
        update(&mut app, Action::Resize { width: 120, height: 40 });
        assert_clean("the screen", &screen(&app, 120, 40), true);
        // The problem is shown until a key is pressed; then the comparison, the matrix, in
        // Japanese, with the answers scrolled and a search typed.
        press(&mut app, KeyCode::Tab);
        assert_clean("the control view", &screen(&app, 120, 40), true);
        for code in [KeyCode::Char('v'), KeyCode::Char('L'), KeyCode::Char('j')] {
            press(&mut app, code);
            assert_clean("the screen", &screen(&app, 120, 40), true);
        }
        assert_clean("a narrow screen", &screen(&app, 50, 14), true);
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('e'));
        let markdown = match press(&mut app, KeyCode::Char('m')) {
            Some(Effect::Export { contents, .. }) => String::from_utf8(contents).unwrap(),
            other => panic!("e m did not export: {other:?}"),
        };
        assert_clean("the markdown export", &markdown, true);
        let json = kurabe::export::json::render(&app.catalog, &app.reviews);
        assert_clean("the JSON export", &json, true);
        for c in ['/', 'T'] {
            press(&mut app, KeyCode::Char(c));
        }
        assert_clean("the search results", &screen(&app, 120, 40), true);
    }

    #[test]
    fn sanitized_text_is_clean_and_stable(s in hostile_string(64)) {
        let text = sanitize::text(&s);
        assert_clean("sanitize::text", &text, true);
        let line = sanitize::line(&s);
        assert_clean("sanitize::line", &line, false);
        prop_assert_eq!(sanitize::text(&text), text.clone());
        prop_assert_eq!(sanitize::line(&line), line.clone());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_cell_text_reads_back_from_the_markdown_table(a in hostile_string(32), b in hostile_string(32)) {
        let md = format!(
            "| {} | {} |\n| --- | --- |\n| {} | {} |\n",
            markdown::cell(&a),
            markdown::cell(&b),
            markdown::cell(&b),
            markdown::cell(&a)
        );
        let a = sanitize::text(&a).into_owned();
        let b = sanitize::text(&b).into_owned();
        let rows = table_cells(&md);
        prop_assert_eq!(rows, vec![vec![a.clone(), b.clone()], vec![b, a]], "{}", md);
    }
}

/// A key a user might press, or a mouse event or resize a terminal might send.
fn input() -> impl Strategy<Value = Input> {
    let code = prop_oneof![
        6 => prop::sample::select(&b"jkhlgG/123459dscvLe?q x\x1brnf"[..]).prop_map(|b| match b {
            0x1b => KeyCode::Esc,
            b => KeyCode::Char(b as char),
        }),
        3 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::PageUp,
            KeyCode::PageDown, KeyCode::Home, KeyCode::End, KeyCode::Delete, KeyCode::F(1),
        ]),
        1 => hostile_char().prop_map(KeyCode::Char),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
    ];
    prop_oneof![
        12 => (code, modifiers).prop_map(|(c, m)| Input::Key(KeyEvent::new(c, m))),
        1 => (0u16..420, 0u16..130).prop_map(|(column, row)| Input::Action(Action::ClickAt { column, row })),
        1 => (0u16..420, 0u16..130, any::<bool>())
            .prop_map(|(column, row, down)| Input::Action(Action::ScrollAt { column, row, down })),
        1 => (1u16..=400, 1u16..=120).prop_map(|(width, height)| Input::Action(Action::Resize { width, height })),
    ]
}

/// The embedded catalogue, loaded once for all cases.
fn embedded() -> &'static kurabe::catalog::Catalog {
    static CATALOG: std::sync::OnceLock<kurabe::catalog::Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| kurabe::catalog::load_embedded().unwrap().catalog)
}

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Action(Action),
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn no_key_sequence_at_any_size_panics(
        width in 1u16..=400,
        height in 1u16..=120,
        inputs in prop::collection::vec(input(), 1..32),
    ) {
        let mut app = App::new(embedded().clone(), Vec::new());
        let (mut w, mut h) = (width, height);
        update(&mut app, Action::Resize { width: w, height: h });
        for (i, input) in inputs.into_iter().enumerate() {
            let action = match input {
                Input::Key(key) => resolve(key, app.input.kind()),
                Input::Action(action) => Some(action),
            };
            if let Some(action) = action {
                if let Action::Resize { width, height } = action {
                    (w, h) = (width, height);
                }
                let _ = update(&mut app, action);
            }
            // Drawing every few steps keeps the test quick and still draws every state kind.
            if i % 6 == 5 {
                let _ = screen(&app, w, h);
            }
        }
        let _ = screen(&app, w, h);
    }
}

/// The blocks a markdown document parses into, and the text of each.
fn blocks(md: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut depth = 0;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    out.push((format!("{tag:?}"), String::new()));
                }
                depth += 1;
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                match out.last_mut() {
                    Some(b) if depth > 0 => b.1.push_str(&t),
                    _ => out.push(("Loose".into(), t.to_string())),
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = out.last_mut() {
                    b.1.push('\n')
                }
            }
            other => out.push((format!("{other:?}"), String::new())),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Summaries, notes and quotes are written with `inline` at the start of a line: whatever
    /// they hold, they stay one paragraph (or one quoted paragraph) with their own text.
    #[test]
    fn inline_text_stays_one_paragraph_with_its_text(s in hostile_string(40)) {
        let expected = sanitize::line(&s).trim_matches(' ').to_string();
        prop_assume!(!expected.is_empty());
        let md = format!("### Vendor\n\n{}\n", markdown::inline(&s));
        let parsed = blocks(&md);
        prop_assert_eq!(parsed.len(), 2, "{:?}\n{}", parsed, md);
        prop_assert!(parsed[1].0.starts_with("Paragraph"), "{:?}\n{}", parsed, md);
        prop_assert_eq!(parsed[1].1.trim_matches(' '), expected.as_str(), "{}", md);
        let md = format!("### Vendor\n\n> {}\n", markdown::inline(&s));
        let parsed = blocks(&md);
        prop_assert_eq!(parsed.len(), 2, "{:?}\n{}", parsed, md);
        prop_assert!(parsed[1].0.starts_with("BlockQuote"), "{:?}\n{}", parsed, md);
        prop_assert_eq!(parsed[1].1.trim_matches(' '), expected.as_str(), "{}", md);
    }
}
