//! Text that arrives at once (a bracketed paste, or a burst of typed keys the event loop merged):
//! it goes into the focused input as text, never as keys.

use super::app::{App, InputMode, Message};

/// The longest search query, in chars; more is refused with a message.
pub const QUERY_MAX_CHARS: usize = 512;

/// A pasted text as one line (a draft's summary or value): as a query, a Windows line break
/// (`\r\n`) one space.
pub fn as_line(text: &str) -> String {
    as_query(&text.replace("\r\n", "\n"))
}

/// A pasted text as a query: line breaks and tabs become spaces, other control and invisible
/// characters are dropped.
pub fn as_query(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|&c| !crate::sanitize::is_hidden(c))
        .collect()
}

/// A pasted text as a note: line breaks (`\r\n`, `\r`) become `\n`, tabs stay, other control
/// and invisible characters are dropped.
pub fn as_note(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| matches!(c, '\n' | '\t') || !crate::sanitize::is_hidden(c))
        .collect()
}

/// Appends `text` to the query, as much as fits under [`QUERY_MAX_CHARS`]; returns whether all
/// of it did.
pub fn push_query(query: &mut String, text: &str) -> bool {
    let room = QUERY_MAX_CHARS.saturating_sub(query.chars().count());
    match text.char_indices().nth(room) {
        Some((cut, _)) => {
            query.push_str(&text[..cut]);
            false
        }
        None => {
            query.push_str(text);
            true
        }
    }
}

pub fn query_full_message(lang: crate::catalog::Lang) -> Message {
    Message {
        text: crate::words::screen::cut_at(false, QUERY_MAX_CHARS, lang),
        error: true,
    }
}

pub fn note_full_message(lang: crate::catalog::Lang) -> Message {
    Message {
        text: crate::words::screen::cut_at(true, super::note::NOTE_MAX_CHARS, lang),
        error: true,
    }
}

/// What a paste does in each mode; returns whether the query changed (the caller searches).
pub fn paste(app: &mut App, text: &str) -> bool {
    match &mut app.input {
        InputMode::Search => {
            let before = app.spec.query.len();
            if !push_query(&mut app.spec.query, &as_query(text)) {
                app.status.message = Some(query_full_message(app.spec.lang));
            }
            app.spec.query.len() != before
        }
        InputMode::Note(editor) => {
            if !editor.insert_str(&as_note(text)) {
                app.status.message = Some(note_full_message(app.spec.lang));
            }
            false
        }
        _ => {
            app.status.message = Some(Message {
                text: crate::words::Phrase::PasteIgnored
                    .get(app.spec.lang)
                    .to_string(),
                error: true,
            });
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_are_spaces_in_a_query_and_lines_in_a_note() {
        assert_eq!(
            as_query("deletion timing\r\nrrdeq\tx\u{7}"),
            "deletion timing  rrdeq x"
        );
        assert_eq!(as_note("a\r\nb\rc\nd\t\u{1b}[2J"), "a\nb\nc\nd\t[2J");
    }

    #[test]
    fn a_query_takes_what_fits() {
        let mut q = "要".repeat(QUERY_MAX_CHARS - 2);
        assert!(!push_query(&mut q, "確認する"));
        assert_eq!(q.chars().count(), QUERY_MAX_CHARS);
        assert!(q.ends_with("要確認"));
        assert!(!push_query(&mut q, "x"));
        assert!(push_query(&mut q, ""));
    }
}
