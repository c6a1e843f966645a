//! Keys to actions. One table ([`table::BINDINGS`]) says, for each key, in which input modes it
//! works, what it does and its help in English and Japanese; key resolution, the `?` help, the
//! hint bar and the README's key table are all generated from it.

mod overlays;
mod review;
mod table;

use super::action::{Action, NoteEdit};
use super::app::InputKind;
use crate::catalog::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
pub use table::BINDINGS;

/// The key table: its parts in order, read as one list of bindings.
#[derive(Debug, Clone, Copy)]
pub struct Table(&'static [&'static [Binding]]);

type TableIter =
    std::iter::Flatten<std::iter::Copied<std::slice::Iter<'static, &'static [Binding]>>>;

impl Table {
    pub fn iter(self) -> TableIter {
        self.0.iter().copied().flatten()
    }

    pub fn len(self) -> usize {
        self.0.iter().map(|part| part.len()).sum()
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

impl IntoIterator for Table {
    type Item = &'static Binding;
    type IntoIter = TableIter;

    fn into_iter(self) -> TableIter {
        self.iter()
    }
}

/// A text of the interface in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub ja: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }
}

/// A key, or a class of keys, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character typed without Ctrl (Shift is part of the character: `G`, `?`).
    Char(char),
    /// A named key without Ctrl.
    Code(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Any of `1`–`9`.
    Digit,
    /// Any character typed without Ctrl: text input.
    Text,
    /// Any key without Ctrl that no earlier entry of the mode took.
    Any,
    /// The mouse: listed in the help, resolved by [`super::action_for`], never by key.
    Mouse,
}

impl Key {
    fn matches(self, code: KeyCode, ctrl: bool) -> bool {
        match self {
            Key::Ctrl(c) => ctrl && code == KeyCode::Char(c),
            _ if ctrl => false,
            Key::Char(c) => code == KeyCode::Char(c),
            Key::Code(k) => code == k,
            Key::Digit => matches!(code, KeyCode::Char('1'..='9')),
            Key::Text => matches!(code, KeyCode::Char(_)),
            Key::Any => true,
            Key::Mouse => false,
        }
    }

    /// How the help names the key.
    pub fn label(self, lang: Lang) -> String {
        let named = |code| match code {
            KeyCode::Up => "↑",
            KeyCode::Down => "↓",
            KeyCode::Left => "←",
            KeyCode::Right => "→",
            KeyCode::Home => "Home",
            KeyCode::End => "End",
            KeyCode::PageUp => "PgUp",
            KeyCode::PageDown => "PgDn",
            KeyCode::Enter => "Enter",
            KeyCode::Tab => "Tab",
            KeyCode::BackTab => "Shift-Tab",
            KeyCode::Esc => "Esc",
            KeyCode::Backspace => "Backspace",
            KeyCode::Delete => "Del",
            _ => "?",
        };
        match self {
            Key::Char(' ') => "Space".to_string(),
            Key::Char(c) => c.to_string(),
            Key::Code(code) => named(code).to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "1-9".to_string(),
            Key::Text => Text {
                en: "text",
                ja: "文字",
            }
            .get(lang)
            .to_string(),
            Key::Any => Text {
                en: "any other key",
                ja: "他のキー",
            }
            .get(lang)
            .to_string(),
            Key::Mouse => Text {
                en: "mouse",
                ja: "マウス",
            }
            .get(lang)
            .to_string(),
        }
    }

    /// Text input and "any key" go without a key name in the hint bar: its label says it.
    fn named_in_hints(self) -> bool {
        !matches!(self, Key::Text | Key::Any)
    }
}

/// What a key does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Does {
    Act(Action),
    /// `1`–`9`: show or hide vendor N.
    ToggleVendor,
    /// The typed character goes into the query.
    SearchInput,
    /// The typed character goes into the note.
    NoteInsert,
    /// The typed character goes into the draft's field being typed.
    DraftInsert,
    /// Listed only (the mouse).
    Nothing,
}

impl Does {
    fn action(&self, code: KeyCode) -> Option<Action> {
        match (self, code) {
            (Does::Act(action), _) => Some(action.clone()),
            (Does::ToggleVendor, KeyCode::Char(c @ '1'..='9')) => {
                Some(Action::ToggleVendor(c as usize - '1' as usize))
            }
            (Does::SearchInput, KeyCode::Char(c)) => Some(Action::SearchInput(c)),
            (Does::NoteInsert, KeyCode::Char(c)) => Some(Action::Note(NoteEdit::Insert(c))),
            (Does::DraftInsert, KeyCode::Char(c)) => Some(Action::DraftText(NoteEdit::Insert(c))),
            _ => None,
        }
    }
}

/// A short label for the hint bar at the bottom of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// How many of the binding's keys the hint names.
    pub keys: usize,
    pub label: Text,
    /// The label in the category matrix, when it differs.
    pub in_matrix: Option<Text>,
}

/// One entry of the table: keys that do related things, in the modes where they work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The input modes the keys work in; the help lists the entry under the first.
    pub modes: &'static [InputKind],
    pub keys: &'static [(Key, Does)],
    pub help: Text,
    pub hint: Option<Hint>,
}

impl Binding {
    /// The keys as the help shows them: `j k ↓ ↑`.
    pub fn key_labels(&self, lang: Lang) -> String {
        self.keys
            .iter()
            .map(|(key, _)| key.label(lang))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub const ALL_MODES: &[InputKind] = &[
    InputKind::Normal,
    InputKind::Search,
    InputKind::CategoryPicker,
    InputKind::ProfilePicker,
    InputKind::Note,
    InputKind::ExportPicker,
    InputKind::Drafts,
    InputKind::DraftEdit,
    InputKind::BulkConfirm,
    InputKind::QuitPrompt,
    InputKind::UnsavedOffer,
    InputKind::Help,
];

/// The help's sections, one per input mode, in the order shown.
pub const SECTIONS: &[(InputKind, Text)] = &[
    (
        InputKind::Normal,
        Text {
            en: "Browsing",
            ja: "閲覧",
        },
    ),
    (
        InputKind::Search,
        Text {
            en: "In the search box",
            ja: "検索欄で",
        },
    ),
    (
        InputKind::CategoryPicker,
        Text {
            en: "In the category picker",
            ja: "カテゴリ選択で",
        },
    ),
    (
        InputKind::ProfilePicker,
        Text {
            en: "In the requirements picker",
            ja: "社内基準の選択で",
        },
    ),
    (
        InputKind::Note,
        Text {
            en: "In the note editor",
            ja: "メモ編集で",
        },
    ),
    (
        InputKind::ExportPicker,
        Text {
            en: "In the export picker",
            ja: "書き出し形式の選択で",
        },
    ),
    (
        InputKind::Drafts,
        Text {
            en: "In a draft's candidates",
            ja: "下書きの候補で",
        },
    ),
    (
        InputKind::DraftEdit,
        Text {
            en: "Typing a draft's summary or value",
            ja: "下書きの要約・値の入力で",
        },
    ),
    (
        InputKind::BulkConfirm,
        Text {
            en: "Confirming a vendor's empty drafts at once",
            ja: "「該当なし」の下書きの一括確定で",
        },
    ),
    (
        InputKind::QuitPrompt,
        Text {
            en: "Quitting with changes not saved",
            ja: "未保存の変更がある状態で終了するとき",
        },
    ),
    (
        InputKind::UnsavedOffer,
        Text {
            en: "Changes the last run could not save",
            ja: "前回保存できなかった変更",
        },
    ),
    (
        InputKind::Help,
        Text {
            en: "In this help",
            ja: "このヘルプで",
        },
    ),
];

/// The action a key asks for in the current input mode, if any: the first key of the table
/// that works in the mode and matches.
pub fn resolve(key: KeyEvent, mode: InputKind) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .flat_map(|b| b.keys.iter())
        .find(|(k, _)| k.matches(key.code, ctrl))
        .and_then(|(_, does)| does.action(key.code))
}

/// The bindings the help lists under a mode's section.
pub fn section(mode: InputKind) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.modes.first() == Some(&mode))
}

/// A line of the `?` help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Key { keys: String, help: &'static str },
    Blank,
}

/// The `?` help in `lang`: a heading per input mode, then a line per binding.
pub fn help_lines(lang: Lang) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for (i, (mode, title)) in SECTIONS.iter().enumerate() {
        if i > 0 {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Heading(title.get(lang)));
        lines.extend(section(*mode).map(|b| HelpLine::Key {
            keys: b.key_labels(lang),
            help: b.help.get(lang),
        }));
    }
    lines
}

/// The hint bar for an input mode (in the matrix when `matrix`): the mode's own bindings
/// first, then those it shares with other modes.
pub fn hints(mode: InputKind, matrix: bool, lang: Lang) -> String {
    hint_items(mode, matrix, lang)
        .into_iter()
        .map(|(text, _)| text)
        .collect::<Vec<_>>()
        .join(HINT_SEPARATOR)
}

const HINT_SEPARATOR: &str = " · ";

/// The hint bar cut to `room` cells: the hints that open or close the help stay (`? help`),
/// the others are left out from the end first, a `…` standing for them.
pub fn hints_within(mode: InputKind, matrix: bool, lang: Lang, room: usize) -> String {
    let items = hint_items(mode, matrix, lang);
    let full = hints(mode, matrix, lang);
    if crate::text::width(&full) <= room {
        return full;
    }
    let sep = crate::text::width(HINT_SEPARATOR);
    let kept_width: usize = items
        .iter()
        .filter(|(_, keep)| *keep)
        .map(|(text, _)| crate::text::width(text) + sep)
        .sum();
    // What the others may take: room for the kept ones and the `…` with its separator.
    let mut budget = room.saturating_sub(kept_width + 1);
    let mut out: Vec<&str> = Vec::new();
    let mut cut = false;
    for (text, keep) in &items {
        if *keep {
            continue;
        }
        let w = crate::text::width(text) + sep;
        if !cut && w <= budget {
            budget -= w;
            out.push(text);
        } else {
            cut = true;
        }
    }
    if cut {
        out.push("…");
    }
    out.extend(
        items
            .iter()
            .filter(|(_, keep)| *keep)
            .map(|(t, _)| t.as_str()),
    );
    crate::text::truncate(&out.join(HINT_SEPARATOR), room)
}

/// The hint bar's items, each with whether it must stay when the bar is cut (it opens or
/// closes the help).
fn hint_items(mode: InputKind, matrix: bool, lang: Lang) -> Vec<(String, bool)> {
    let own = |b: &&Binding| b.modes.first() == Some(&mode);
    let shared = |b: &&Binding| b.modes.first() != Some(&mode) && b.modes.contains(&mode);
    let bindings = BINDINGS
        .iter()
        .filter(own)
        .chain(BINDINGS.iter().filter(shared));
    bindings
        .filter_map(|b| b.hint.map(|h| (b, h)))
        .map(|(b, hint)| {
            let label = match hint.in_matrix {
                Some(other) if matrix => other,
                _ => hint.label,
            };
            let keys: Vec<String> = b
                .keys
                .iter()
                .take(hint.keys)
                .filter(|(k, _)| k.named_in_hints())
                .map(|(k, _)| k.label(lang))
                .collect();
            let text = if keys.is_empty() {
                label.get(lang).to_string()
            } else {
                format!("{} {}", keys.join("/"), label.get(lang))
            };
            let help = b
                .keys
                .iter()
                .any(|(_, does)| *does == Does::Act(Action::ToggleHelp));
            (text, help)
        })
        .collect()
}

/// The marker lines around the key table in README.md.
pub const README_START: &str = "<!-- keys: generated from src/tui/keymap/table.rs; cargo test --test keys -- --ignored --nocapture print_readme_table -->";
pub const README_END: &str = "<!-- /keys -->";

/// The README's key table (English), between its markers: one table per input mode.
pub fn readme_table() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    for (i, (mode, title)) in SECTIONS.iter().enumerate() {
        if i > 0 {
            out.push_str(&format!("\n{}:\n\n", title.en));
        }
        out.push_str("| key | what it does |\n|---|---|\n");
        for b in section(*mode) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|(k, _)| match k {
                    Key::Text | Key::Any | Key::Mouse => k.label(Lang::En),
                    _ => format!("`{}`", k.label(Lang::En)),
                })
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), cell(b.help.en)));
        }
    }
    out
}

#[cfg(test)]
mod tests;
