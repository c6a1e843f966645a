//! The screen's geometry and the comparison's line counts, computed one way for drawing and
//! for the update (clicks, scrolling): the update asks this module, never the drawing code.

use super::app::{App, Mode};
use super::widgets::{answer_lines, document_lines, AnswerContext};
use crate::view::{Cell, VendorNote};
use crate::words::{self, Word};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;

/// Narrowest a vendor column may be before columns scroll sideways instead.
pub const MIN_COLUMN: u16 = 26;

/// Below this size the browser shows a message instead of the panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// The screen's regions, computed the same way for drawing and for mouse clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub search: Rect,
    pub list: Rect,
    pub compare: Rect,
    pub status: Rect,
    pub hints: Rect,
}

/// Splits the screen: search line, list | comparison, status line, key hints.
pub fn areas(area: Rect) -> Areas {
    let [search, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let list_width = (area.width / 3).clamp(24, 44).min(area.width);
    let [list, compare] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(main);
    Areas {
        search,
        list,
        compare,
        status,
        hints,
    }
}

/// Which vendor columns fit in `area` (of `n` shown), and where: the first one's index and the
/// columns' rectangles.
pub fn column_rects(app: &App, n: usize, area: Rect) -> (usize, Vec<Rect>) {
    let fit = ((area.width / MIN_COLUMN).max(1) as usize).min(n.max(1));
    let offset = app.browser.column_offset.min(n.saturating_sub(fit));
    let shown = fit.min(n - offset.min(n));
    let rects =
        Layout::horizontal(vec![Constraint::Ratio(1, shown.max(1) as u32); shown]).split(area);
    (offset, rects.to_vec())
}

/// A vendor column's lines: the answer, then the vendor's documents.
pub fn column_lines(vendor: &VendorNote, cell: &Cell, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let mut lines = match &vendor.card {
        Some(card) => super::profiles_ui::card_lines(card, ctx),
        None => Vec::new(),
    };
    lines.extend(answer_lines(cell, ctx));
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{}:", words::word(Word::Documents, ctx.lang)),
        ctx.theme.dim(),
    ));
    lines.extend(document_lines(vendor, ctx));
    lines
}

/// The region the vendor columns take in the comparison pane, in the current mode.
pub fn columns_area(app: &App) -> Rect {
    let compare = areas(Rect::new(0, 0, app.browser.width, app.browser.height)).compare;
    match app.browser.mode {
        Mode::Control => {
            let inner = Block::bordered().inner(compare);
            let [_, body] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
            body
        }
        Mode::Matrix => {
            let [_, bottom] =
                Layout::vertical([Constraint::Percentage(45), Constraint::Min(5)]).areas(compare);
            Block::bordered().inner(bottom)
        }
    }
}

/// How far the answers can scroll: the longest shown column's lines beyond its height. The
/// update keeps the scroll within this, so scrolling back up moves at once.
pub fn max_scroll(app: &App) -> u16 {
    let view = app.view();
    let Some(control) = app.current_control(&view) else {
        return 0;
    };
    let area = columns_area(app);
    let row = crate::view::row(&app.catalog, &app.reviews, &view.spec, control);
    let (offset, rects) = column_rects(app, view.spec.vendors.len(), area);
    let first = offset.saturating_sub(view.spec.first_annotated());
    let theme = app.theme;
    rects
        .iter()
        .zip(&row.cells[first.min(row.cells.len())..])
        .filter_map(|(rect, cell)| {
            let vendor = view.vendors.iter().find(|v| v.vendor == cell.vendor)?;
            let inner = Block::bordered().inner(*rect);
            let ctx = AnswerContext {
                lang: app.spec.lang,
                query: &app.spec.query,
                width: inner.width as usize,
                theme: &theme,
            };
            Some(
                column_lines(vendor, cell, &ctx)
                    .len()
                    .saturating_sub(inner.height as usize),
            )
        })
        .max()
        .unwrap_or(0)
        .min(u16::MAX as usize) as u16
}
