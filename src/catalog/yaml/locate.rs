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
    /// the node's line or, where there are none (a block collection, or a node on the line
    /// after its decorations), on the last line above that is not blank or only a comment.
    /// yaml-rust2 places a block mapping at the `:` of its first key, which is then all that
    /// stands before it on its line.
    pub fn node_start(&mut self, marker: &Marker) -> (usize, usize) {
        let unchanged = (marker.line(), marker.col() + 1);
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
        if start == at {
            let Some((end, lines_up)) = self.back_over_blank_lines(line_start(t, at)) else {
                return unchanged;
            };
            let above = line_start(t, end);
            return match (self.decorations_before(end, above), lines_up) {
                (Some(first), 1..) => {
                    self.up(marker, lines_up, self.chars_between(above, first) + 1)
                }
                _ => unchanged,
            };
        }
        match (marker.col() + 1).checked_sub(self.chars_between(start, at)) {
            Some(column) if column > 0 => (marker.line(), column),
            _ => unchanged,
        }
    }

    /// `column` on the line `lines_up` above the marker's; should the two parsers ever count
    /// lines differently (no line there), the marker's own place.
    fn up(&self, marker: &Marker, lines_up: usize, column: usize) -> (usize, usize) {
        match marker.line().checked_sub(lines_up) {
            Some(line) if line > 0 && column > 0 => (line, column),
            _ => (marker.line(), marker.col() + 1),
        }
    }

    /// From byte `i` back over blanks and over the line breaks of blank and comment-only
    /// lines, leaving out the comment of each line climbed to: where the text before ends,
    /// and how many lines up that is; none at the start of the text.
    fn back_over_blank_lines(&self, mut i: usize) -> Option<(usize, usize)> {
        let t = self.text;
        let mut lines_up = 0;
        loop {
            while i > 0
                && (matches!(t[i - 1], b' ' | b'\t') || t[i - 1] == b'\r' && !ends_line(t, i - 1))
            {
                i -= 1;
            }
            if i == 0 {
                return None;
            }
            if !ends_line(t, i - 1) {
                return Some((i, lines_up));
            }
            i -= 1;
            lines_up += 1;
            let start = line_start(t, i);
            if let Some(hash) = (start..i)
                .find(|&j| t[j] == b'#' && (j == start || matches!(t[j - 1], b' ' | b'\t')))
            {
                i = hash;
            }
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
                    _ if ends_line(t, i) => (line, column) = (line + 1, 1),
                    b' ' | b'\t' | b'\r' => column += 1,
                    _ => break,
                }
                i += 1;
            }
            return (line, column);
        }
        let Some((i, lines_up)) = self.back_over_blank_lines(at) else {
            return unchanged;
        };
        let line_start = line_start(t, i);
        let decorated = self.decorations_before(i, line_start);
        let start = match decorated {
            Some(first) => first,
            None if matches!(t[i - 1], b':' | b'-' | b'?') => i,
            None => return unchanged,
        };
        if lines_up == 0 {
            return (marker.col() + 1)
                .checked_sub(self.chars_between(start, at))
                .filter(|&c| c > 0)
                .map_or(unchanged, |c| (marker.line(), c));
        }
        self.up(marker, lines_up, self.chars_between(line_start, start) + 1)
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

/// The byte offset where the line holding byte `i` starts.
fn line_start(text: &[u8], i: usize) -> usize {
    text[..i]
        .iter()
        .enumerate()
        .rposition(|(j, _)| ends_line(text, j))
        .map_or(0, |n| n + 1)
}

/// Whether byte `j` ends a line: a LF, or a CR not followed by one (a line break to both
/// parsers, as is CRLF).
fn ends_line(text: &[u8], j: usize) -> bool {
    match text[j] {
        b'\n' => true,
        b'\r' => text.get(j + 1) != Some(&b'\n'),
        _ => false,
    }
}
