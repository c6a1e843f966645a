//! The multi-line note editor: text and a cursor, edited by [`NoteEdit`]s; and the draft of a
//! note being edited, kept when kurabe ends with the editor open and offered back at the next
//! start.
//!
//! The cursor is a byte offset on a char boundary, so typing at it costs what inserting into
//! the string costs (nothing at the end, where typing usually happens), never a walk over the
//! whole note.

use super::action::NoteEdit;
use super::app::{App, InputMode, Message, NavItem, NoteEditor};
use crate::catalog::{yaml, Problem};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The longest note, in chars; more typed or pasted is refused with a message.
pub const NOTE_MAX_CHARS: usize = 8_000;

impl NoteEditor {
    /// The cursor, clamped to the text and moved back onto a char boundary.
    fn at(&self) -> usize {
        let mut at = self.cursor.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// (line, column) of the cursor, both in chars.
    pub fn line_col(&self) -> (usize, usize) {
        let before = &self.text[..self.at()];
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].chars().count())
    }

    /// The byte range of line `line` (without its line break), if there is one.
    fn line_range(&self, line: usize) -> Option<(usize, usize)> {
        let mut start = 0;
        for _ in 0..line {
            start += self.text[start..].find('\n')? + 1;
        }
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        Some((start, end))
    }

    /// Moves to `col` of line `line` (clamped), in chars.
    fn go_to(&mut self, line: usize, col: usize) {
        if let Some((start, end)) = self.line_range(line) {
            let within = &self.text[start..end];
            self.cursor = start
                + within
                    .char_indices()
                    .nth(col)
                    .map_or(within.len(), |(b, _)| b);
        }
    }

    /// Inserts `text` at the cursor, as much of it as fits under [`NOTE_MAX_CHARS`]; returns
    /// whether all of it did.
    pub fn insert_str(&mut self, text: &str) -> bool {
        let room = NOTE_MAX_CHARS.saturating_sub(self.text.chars().count());
        let fits = match text.char_indices().nth(room) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        let at = self.at();
        self.text.insert_str(at, fits);
        self.cursor = at + fits.len();
        fits.len() == text.len()
    }

    /// Applies an edit; returns false when an insert was refused because the note is full.
    pub fn apply(&mut self, edit: NoteEdit) -> bool {
        self.cursor = self.at();
        let previous = |e: &NoteEditor| e.text[..e.cursor].chars().next_back();
        let next = |e: &NoteEditor| e.text[e.cursor..].chars().next();
        match edit {
            NoteEdit::Insert(c) => return self.insert_str(c.encode_utf8(&mut [0; 4])),
            NoteEdit::Newline => return self.insert_str("\n"),
            NoteEdit::Backspace => {
                if let Some(c) = previous(self) {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                }
            }
            NoteEdit::Delete => {
                if next(self).is_some() {
                    self.text.remove(self.cursor);
                }
            }
            NoteEdit::Left => self.cursor -= previous(self).map_or(0, char::len_utf8),
            NoteEdit::Right => self.cursor += next(self).map_or(0, char::len_utf8),
            NoteEdit::Up => {
                let (line, col) = self.line_col();
                if line > 0 {
                    self.go_to(line - 1, col);
                }
            }
            NoteEdit::Down => {
                let (line, col) = self.line_col();
                self.go_to(line + 1, col);
            }
            NoteEdit::Home => {
                let (line, _) = self.line_col();
                self.go_to(line, 0);
            }
            NoteEdit::End => {
                let (line, _) = self.line_col();
                self.go_to(line, usize::MAX);
            }
        }
        true
    }
}

/// A note being edited when kurabe ended, by ids (so it survives catalogue changes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub vendor: String,
    pub control: String,
    pub text: String,
}

/// Where the draft is kept: beside the state file.
pub fn draft_path(state_file: &Path) -> PathBuf {
    state_file.with_file_name("note-draft.yaml")
}

impl Draft {
    /// Reads the draft file; a missing file is no draft.
    pub fn load(path: &Path) -> Result<Option<Draft>, Problem> {
        let name = path.display().to_string();
        match yaml::read_bounded(path) {
            Ok(bytes) => yaml::read::<Draft>(&name, &bytes).map(|(d, _)| Some(d)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Problem::new(&name, (0, 0), format!("cannot read: {e}"))
                .hint("check the file's permissions, or move it away to drop the draft")),
        }
    }

    /// Writes the draft file atomically, creating its directory.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_yaml::to_string(self).map_err(std::io::Error::other)?;
        crate::files::write_atomic_private(path, text.as_bytes())
    }
}

impl Draft {
    /// The draft of the note the app is editing, if it is editing one.
    pub fn of(app: &App) -> Option<Draft> {
        let editor = app.input.note()?;
        Some(Draft {
            vendor: app.catalog.vendors[editor.vendor].id().to_string(),
            control: app.catalog.controls[editor.control].control.id.clone(),
            text: editor.text.clone(),
        })
    }
}

/// Opens the note editor on the answer a draft was written for, with the draft's text.
pub fn offer_draft(app: &mut App, draft: Draft) {
    let answer = app
        .catalog
        .vendor_index(&draft.vendor)
        .zip(app.catalog.control_index(&draft.control));
    let Some((vendor, control)) = answer else {
        app.status.message = Some(Message {
            text: format!(
                "A note draft on {} / {} is kept in note-draft.yaml: that answer is no longer in the catalogue.",
                draft.vendor, draft.control
            ),
            error: true,
        });
        return;
    };
    if !app.spec.vendors.contains(&vendor) {
        app.spec.vendors.push(vendor);
    }
    app.browser.vendor_cursor = app
        .spec
        .vendors
        .iter()
        .position(|&v| v == vendor)
        .unwrap_or(0);
    app.browser.expanded[app.catalog.controls[control].category] = true;
    app.browser.selected = Some(NavItem::Control(control));
    app.input = InputMode::Note(NoteEditor {
        vendor,
        control,
        cursor: draft.text.len(),
        text: draft.text,
    });
    app.status.message = Some(Message {
        text: crate::words::Phrase::UnsavedNoteBack
            .get(app.spec.lang)
            .to_string(),
        error: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor(text: &str, cursor: usize) -> NoteEditor {
        let mut e = NoteEditor {
            text: text.into(),
            ..NoteEditor::default()
        };
        e.go_to(0, 0);
        for _ in 0..cursor {
            e.apply(NoteEdit::Right);
        }
        e
    }

    #[test]
    fn typing_and_deleting_japanese() {
        let mut e = editor("", 0);
        for c in "要確認".chars() {
            e.apply(NoteEdit::Insert(c));
        }
        e.apply(NoteEdit::Newline);
        e.apply(NoteEdit::Insert('x'));
        assert_eq!(e.text, "要確認\nx");
        e.apply(NoteEdit::Backspace);
        e.apply(NoteEdit::Backspace);
        assert_eq!((e.text.as_str(), e.line_col()), ("要確認", (0, 3)));
        e.apply(NoteEdit::Home);
        e.apply(NoteEdit::Delete);
        assert_eq!(e.text, "確認");
        e.apply(NoteEdit::Right);
        e.apply(NoteEdit::Insert('x'));
        e.apply(NoteEdit::Left);
        e.apply(NoteEdit::Left);
        e.apply(NoteEdit::Left);
        e.apply(NoteEdit::Backspace);
        assert_eq!((e.text.as_str(), e.line_col()), ("確x認", (0, 0)));
    }

    #[test]
    fn moving_between_lines_keeps_the_column() {
        let mut e = editor("abcd\nxy\nlonger", 3);
        e.apply(NoteEdit::Down);
        assert_eq!(e.line_col(), (1, 2));
        e.apply(NoteEdit::Down);
        assert_eq!(e.line_col(), (2, 2));
        e.apply(NoteEdit::Down);
        assert_eq!(e.line_col(), (2, 2), "there is no line below the last");
        e.apply(NoteEdit::End);
        assert_eq!(e.line_col(), (2, 6));
        e.apply(NoteEdit::Up);
        e.apply(NoteEdit::Up);
        assert_eq!(e.line_col(), (0, 2));
    }

    #[test]
    fn a_full_note_takes_what_fits_and_says_the_rest_was_refused() {
        let mut e = editor("ab", 1);
        let long = "x".repeat(NOTE_MAX_CHARS);
        assert!(!e.insert_str(&long));
        assert_eq!(e.text.chars().count(), NOTE_MAX_CHARS);
        assert!(e.text.starts_with("ax") && e.text.ends_with("xb"));
        assert!(!e.apply(NoteEdit::Insert('y')));
        assert!(e.apply(NoteEdit::Backspace));
        assert!(e.apply(NoteEdit::Insert('要')));
        assert_eq!(e.text.chars().count(), NOTE_MAX_CHARS);
    }

    #[test]
    fn a_draft_survives_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = draft_path(&dir.path().join("state").join("state.yaml"));
        assert_eq!(Draft::load(&path), Ok(None));
        let draft = Draft {
            vendor: "cybozu".into(),
            control: "deletion-timing".into(),
            text: "要確認\n30 days?".into(),
        };
        draft.save(&path).unwrap();
        assert_eq!(path.file_name().unwrap(), "note-draft.yaml");
        assert_eq!(Draft::load(&path), Ok(Some(draft)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A note may be confidential: only its owner reads the draft.
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}
