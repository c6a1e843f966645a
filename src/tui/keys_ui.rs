//! Drawing what the key table generates: the `?` help overlay and the hint bar.

use super::app::{App, Mode};
use super::keymap::{self, HelpLine};
use super::theme::Theme;
use super::ui::centered;
use super::widgets::fit;
use crate::catalog::Lang;
use crate::text::{truncate, width};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn draw_hints(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let text = keymap::hints_within(
        app.input.kind(),
        app.browser.mode == Mode::Matrix,
        app.spec.lang,
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), area);
}

/// The `?` help, generated from the key table in the UI language, scrolled down `scroll` lines
/// when it does not fit.
pub fn draw_help(frame: &mut Frame, app: &App, scroll: u16, theme: &Theme, area: Rect) {
    let help = keymap::help_lines(app.spec.lang);
    let key_w = help
        .iter()
        .map(|l| match l {
            HelpLine::Key { keys, .. } => width(keys),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        + 2;
    // Above the hint bar, which says how to scroll and close.
    let above_hints = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let rect = centered(above_hints, 84, help.len() as u16 + 2);
    let inner = Block::bordered().inner(rect);
    let scroll = (scroll as usize).min(help.len().saturating_sub(inner.height as usize));
    let more = scroll + (inner.height as usize) < help.len();
    let closes = match (app.spec.lang, more) {
        (Lang::En, true) => " ↓ more · any other key closes ",
        (Lang::En, false) => " any other key closes ",
        (Lang::Ja, true) => " ↓ 続き · 他のキーで閉じる ",
        (Lang::Ja, false) => " 他のキーで閉じる ",
    };
    let title = if app.spec.lang == Lang::En {
        " Keys "
    } else {
        " キー操作 "
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .title_bottom(Line::from(closes).alignment(Alignment::Right))
        .border_style(theme.border(true));
    let text_w = (inner.width as usize).saturating_sub(key_w);
    let lines: Vec<Line> = help
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .map(|l| match l {
            HelpLine::Heading(title) => Line::styled(*title, theme.note()),
            HelpLine::Key { keys, help } => Line::from(vec![
                Span::styled(fit(keys, key_w), theme.title()),
                Span::raw(truncate(help, text_w)),
            ]),
            HelpLine::Blank => Line::default(),
        })
        .collect();
    super::popup::clear(frame, rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}
