//! The multi-line note editor: text and a cursor, edited by [`NoteEdit`]s.

use super::action::NoteEdit;
use super::app::NoteEditor;

impl NoteEditor {
    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// (line, column) of the cursor, both in chars.
    pub fn line_col(&self) -> (usize, usize) {
        let before: String = self.text.chars().take(self.cursor).collect();
        let line = before.matches('\n').count();
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        (line, col)
    }

    /// Moves to `col` of line `line` (clamped), in chars.
    fn go_to(&mut self, line: usize, col: usize) {
        let mut index = 0;
        for (i, l) in self.text.split('\n').enumerate() {
            let n = l.chars().count();
            if i == line {
                self.cursor = index + col.min(n);
                return;
            }
            index += n + 1;
        }
    }

    pub fn apply(&mut self, edit: NoteEdit) {
        self.cursor = self.cursor.min(self.len());
        match edit {
            NoteEdit::Insert(c) => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            NoteEdit::Newline => self.apply(NoteEdit::Insert('\n')),
            NoteEdit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            NoteEdit::Delete if self.cursor < self.len() => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            NoteEdit::Left => self.cursor = self.cursor.saturating_sub(1),
            NoteEdit::Right => self.cursor = (self.cursor + 1).min(self.len()),
            NoteEdit::Up => {
                let (line, col) = self.line_col();
                if line > 0 {
                    self.go_to(line - 1, col);
                }
            }
            NoteEdit::Down => {
                let (line, col) = self.line_col();
                if line < self.text.matches('\n').count() {
                    self.go_to(line + 1, col);
                }
            }
            NoteEdit::Home => {
                let (line, _) = self.line_col();
                self.go_to(line, 0);
            }
            NoteEdit::End => {
                let (line, _) = self.line_col();
                self.go_to(line, usize::MAX);
            }
            NoteEdit::Backspace | NoteEdit::Delete => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor(text: &str, cursor: usize) -> NoteEditor {
        NoteEditor {
            text: text.into(),
            cursor,
            ..NoteEditor::default()
        }
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
        assert_eq!((e.text.as_str(), e.cursor), ("要確認", 3));
        e.apply(NoteEdit::Home);
        e.apply(NoteEdit::Delete);
        assert_eq!(e.text, "確認");
    }

    #[test]
    fn moving_between_lines_keeps_the_column() {
        let mut e = editor("abcd\nxy\nlonger", 3);
        e.apply(NoteEdit::Down);
        assert_eq!(e.line_col(), (1, 2));
        e.apply(NoteEdit::Down);
        assert_eq!(e.line_col(), (2, 2));
        e.apply(NoteEdit::End);
        assert_eq!(e.line_col(), (2, 6));
        e.apply(NoteEdit::Up);
        e.apply(NoteEdit::Up);
        assert_eq!(e.line_col(), (0, 2));
    }
}
