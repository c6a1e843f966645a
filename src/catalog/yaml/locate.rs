//! Where libyaml places a node that yaml-rust2 places elsewhere, so that the one-pass reading
//! reports its problems at serde_yaml's line and column: a node with an anchor or a tag begins
//! at the first of them (yaml-rust2: after them), and an empty value just after the `:`, `-`
//! or `?` it follows (yaml-rust2: at the next token). Only such nodes are looked at, and the
//! text is walked forward once, so the cost stays linear in the file.

use yaml_rust2::scanner::Marker;

/// A cursor over the text, moved to each marker's character index in turn.
pub(super) struct Locate<'a> {
    text: &'a [u8],
    byte: usize,
    chars: usize,
}

fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl<'a> Locate<'a> {
    pub fn new(text: &'a str) -> Locate<'a> {
        Locate {
            text: text.as_bytes(),
            byte: 0,
            chars: 0,
        }
    }

    /// The byte offset of character `index` (markers count characters).
    fn offset(&mut self, index: usize) -> usize {
        while self.chars < index && self.byte < self.text.len() {
            self.byte += 1;
            while self.byte < self.text.len() && !is_char_start(self.text[self.byte]) {
                self.byte += 1;
            }
            self.chars += 1;
        }
        while self.chars > index && self.byte > 0 {
            self.byte -= 1;
            while self.byte > 0 && !is_char_start(self.text[self.byte]) {
                self.byte -= 1;
            }
            self.chars -= 1;
        }
        self.byte
    }

    /// Characters between two byte offsets of the text.
    fn chars_between(&self, from: usize, to: usize) -> usize {
        self.text[from..to]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count()
    }

    /// Where a node with an anchor or a tag begins: back over `&name` and `!tag` words on
    /// the node's line.
    pub fn node_start(&mut self, marker: &Marker) -> (usize, usize) {
        let at = self.offset(marker.index());
        let t = self.text;
        let mut start = at;
        loop {
            let mut i = start;
            while i > 0 && matches!(t[i - 1], b' ' | b'\t') {
                i -= 1;
            }
            let end_of_word = i;
            while i > 0 && !matches!(t[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',') {
                i -= 1;
            }
            if i < end_of_word && matches!(t[i], b'!' | b'&') {
                start = i;
            } else {
                break;
            }
        }
        match (marker.col() + 1).checked_sub(self.chars_between(start, at)) {
            Some(column) if column > 0 => (marker.line(), column),
            _ => (marker.line(), marker.col() + 1),
        }
    }

    /// Where an empty value stands: just after the indicator before it, over blanks, line
    /// breaks and comments, or at its anchor or tag if it has them; in a flow collection, where
    /// yaml-rust2 places it at its `:`, at the token after. Where none of these is found, where
    /// yaml-rust2 placed it.
    pub fn empty_value_start(&mut self, marker: &Marker) -> (usize, usize) {
        let unchanged = (marker.line(), marker.col() + 1);
        let at = self.offset(marker.index());
        let t = self.text;
        if t.get(at) == Some(&b':') {
            let mut i = at + 1;
            let (mut line, mut column) = unchanged;
            column += 1;
            while let Some(&b) = t.get(i) {
                match b {
                    b' ' | b'\t' | b'\r' => column += 1,
                    b'\n' => (line, column) = (line + 1, 1),
                    _ => break,
                }
                i += 1;
            }
            return (line, column);
        }
        let mut i = at;
        let mut lines_up = 0;
        loop {
            while i > 0 && matches!(t[i - 1], b' ' | b'\t' | b'\r') {
                i -= 1;
            }
            if i == 0 {
                return unchanged;
            }
            if t[i - 1] != b'\n' {
                break;
            }
            // The line above: its comment, if any, is left out.
            i -= 1;
            lines_up += 1;
            let line_start = t[..i]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |n| n + 1);
            if let Some(hash) = (line_start..i)
                .find(|&j| t[j] == b'#' && (j == line_start || matches!(t[j - 1], b' ' | b'\t')))
            {
                i = hash;
            }
        }
        let line_start = t[..i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        let decorated = self.decorations_before(i, line_start);
        let start = match decorated {
            Some(first) => first,
            None if matches!(t[i - 1], b':' | b'-' | b'?') => i,
            None => return unchanged,
        };
        // Checked: a text with lone CRs (line breaks to yaml-rust2) keeps yaml-rust2's place.
        let Some(line) = marker.line().checked_sub(lines_up).filter(|&l| l > 0) else {
            return unchanged;
        };
        let column = if lines_up == 0 {
            (marker.col() + 1).checked_sub(self.chars_between(start, at))
        } else {
            Some(self.chars_between(line_start, start) + 1)
        };
        column.filter(|&c| c > 0).map_or(unchanged, |c| (line, c))
    }

    /// The first of the `&anchor` and `!tag` words that end at `end` on the line that starts at
    /// `line_start`, if any.
    fn decorations_before(&self, end: usize, line_start: usize) -> Option<usize> {
        let t = self.text;
        let mut first = None;
        let mut i = end;
        loop {
            while i > line_start && matches!(t[i - 1], b' ' | b'\t') {
                i -= 1;
            }
            let end_of_word = i;
            while i > line_start && !matches!(t[i - 1], b' ' | b'\t' | b'[' | b'{' | b',') {
                i -= 1;
            }
            if i < end_of_word && matches!(t[i], b'!' | b'&') {
                first = Some(i);
            } else {
                return first;
            }
        }
    }
}
