//! Keys to actions, in one table that is also the `?` help.

use super::action::{Action, NoteEdit};
use super::app::InputMode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One line of help: the keys and what they do.
pub struct Binding {
    pub keys: &'static str,
    pub help: &'static str,
}

/// Every key of the browser, in the order the help shows them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "j k ↓ ↑",
        help: "move down / up (scroll answers in the right pane)",
    },
    Binding {
        keys: "h l ← →",
        help: "collapse / expand category; in the comparison, pick a vendor",
    },
    Binding {
        keys: "g G PgUp PgDn",
        help: "first / last, page up / down",
    },
    Binding {
        keys: "Enter",
        help: "expand category / open control / show matrix row",
    },
    Binding {
        keys: "Tab",
        help: "switch between the category list and the comparison",
    },
    Binding {
        keys: "/",
        help: "fuzzy search (Enter keeps the query, Esc clears it)",
    },
    Binding {
        keys: "Esc",
        help: "clear search / close overlay / back to the list",
    },
    Binding {
        keys: "1-9",
        help: "show / hide vendor N",
    },
    Binding {
        keys: "d",
        help: "only controls where the shown vendors differ",
    },
    Binding {
        keys: "s",
        help: "only controls where a shown vendor states nothing",
    },
    Binding {
        keys: "c",
        help: "jump to a category",
    },
    Binding {
        keys: "v",
        help: "switch control view / category matrix",
    },
    Binding {
        keys: "L",
        help: "language of titles and summaries: English / 日本語",
    },
    Binding {
        keys: "r n f",
        help: "verdict on the selected answer · its note (Ctrl-S saves) · verdict filter",
    },
    Binding {
        keys: "e",
        help: "export the current view as markdown",
    },
    Binding {
        keys: "?",
        help: "this help",
    },
    Binding {
        keys: "q Ctrl-C",
        help: "quit",
    },
    Binding {
        keys: "mouse",
        help: "click to select, wheel to scroll",
    },
];

/// The action a key asks for in the current input mode, if any.
pub fn resolve(key: KeyEvent, mode: InputMode) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('s') if mode == InputMode::Note => Some(Action::SaveNote),
            KeyCode::Char('u') if mode == InputMode::Search => Some(Action::Back),
            _ => None,
        };
    }
    match mode {
        InputMode::Search => match key.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Enter => Some(Action::SearchAccept),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            KeyCode::Char(c) => Some(Action::SearchInput(c)),
            _ => None,
        },
        InputMode::Note => Some(Action::Note(match key.code {
            KeyCode::Esc => return Some(Action::Back),
            KeyCode::Char(c) => NoteEdit::Insert(c),
            KeyCode::Enter => NoteEdit::Newline,
            KeyCode::Backspace => NoteEdit::Backspace,
            KeyCode::Delete => NoteEdit::Delete,
            KeyCode::Left => NoteEdit::Left,
            KeyCode::Right => NoteEdit::Right,
            KeyCode::Up => NoteEdit::Up,
            KeyCode::Down => NoteEdit::Down,
            KeyCode::Home => NoteEdit::Home,
            KeyCode::End => NoteEdit::End,
            _ => return None,
        })),
        InputMode::Help => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            _ => Some(Action::ToggleHelp),
        },
        InputMode::CategoryPicker => match key.code {
            KeyCode::Esc | KeyCode::Char('c') => Some(Action::Back),
            KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Some(Action::Enter),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
        InputMode::Normal => match key.code {
            KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
            KeyCode::Char('h') | KeyCode::Left => Some(Action::Left),
            KeyCode::Char('l') | KeyCode::Right => Some(Action::Right),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::Enter => Some(Action::Enter),
            KeyCode::Tab | KeyCode::BackTab => Some(Action::SwitchPane),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Char('/') => Some(Action::StartSearch),
            KeyCode::Char(c @ '1'..='9') => Some(Action::ToggleVendor(c as usize - '1' as usize)),
            KeyCode::Char('d') => Some(Action::ToggleDifferences),
            KeyCode::Char('s') => Some(Action::ToggleUnstated),
            KeyCode::Char('c') => Some(Action::OpenCategoryPicker),
            KeyCode::Char('v') => Some(Action::ToggleViewMode),
            KeyCode::Char('L') => Some(Action::ToggleLanguage),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            KeyCode::Char('e') => Some(Action::Export),
            KeyCode::Char('r') => Some(Action::CycleVerdict),
            KeyCode::Char('n') => Some(Action::EditNote),
            KeyCode::Char('f') => Some(Action::CycleVerdictFilter),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
    }
}
