//! Clearing the place of a pop-up over text that may hold double-width characters.
//!
//! ratatui's `Clear` empties the pop-up's own cells only. A double-width character of the screen
//! beneath that starts one column left of the pop-up keeps its first half outside and its second
//! half under the pop-up's left border: the terminal draws the whole character and skips the
//! border's cell, so the border (and its corner) disappears and the text runs into the pop-up.
//! One whose first half is under the right border leaves a dangling second half outside. Every
//! overlay clears its place through [`clear`], which blanks both.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Empties `rect` for a pop-up, and the halves of double-width characters its edges cut.
pub fn clear(frame: &mut Frame, rect: Rect) {
    clear_buffer(frame.buffer_mut(), rect);
}

/// [`clear`] on a buffer.
pub fn clear_buffer(buf: &mut Buffer, rect: Rect) {
    let rect = rect.intersection(buf.area);
    if rect.is_empty() {
        return;
    }
    // Read before clearing: which rows have a character starting under the right edge that
    // reaches past it.
    let last = rect.right() - 1;
    let cut_right: Vec<bool> = (rect.top()..rect.bottom())
        .map(|y| cell_width(buf, last, y) > 1 && rect.right() < buf.area.right())
        .collect();
    Clear.render(rect, buf);
    for (y, cut) in (rect.top()..rect.bottom()).zip(cut_right) {
        if rect.x > buf.area.x && cell_width(buf, rect.x - 1, y) > 1 {
            buf[(rect.x - 1, y)].reset();
        }
        if cut {
            buf[(rect.right(), y)].reset();
        }
    }
}

fn cell_width(buf: &Buffer, x: u16, y: u16) -> usize {
    buf[(x, y)].symbol().width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buf: &Buffer, y: u16) -> String {
        let mut out = String::new();
        let mut x = buf.area.x;
        while x < buf.area.right() {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        out
    }

    #[test]
    fn a_wide_character_cut_by_the_left_edge_is_blanked_and_the_edge_stays_visible() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "あいうえお", ratatui::style::Style::default());
        // The pop-up starts on the second half of い (columns 2-3).
        clear_buffer(&mut buf, Rect::new(3, 0, 4, 1));
        buf[(3, 0)].set_symbol("│");
        buf[(6, 0)].set_symbol("│");
        assert_eq!(row(&buf, 0), "あ │  │ お");
    }

    #[test]
    fn a_wide_character_cut_by_the_right_edge_leaves_no_half_outside() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "あいうえお", ratatui::style::Style::default());
        // The pop-up ends on the first half of え (columns 6-7).
        clear_buffer(&mut buf, Rect::new(2, 0, 5, 1));
        assert_eq!(row(&buf, 0), "あ".to_string() + &" ".repeat(6) + "お");
        assert_eq!(buf[(7, 0)].symbol(), " ");
    }

    #[test]
    fn narrow_text_around_the_pop_up_is_left_alone() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "abcdefghij", ratatui::style::Style::default());
        clear_buffer(&mut buf, Rect::new(3, 0, 4, 1));
        assert_eq!(row(&buf, 0), "abc    hij");
    }
}
