//! The screen's geometry and the comparison's line counts, computed one way for drawing and
//! for the update (clicks, scrolling): the update asks this module, never the drawing code.
//! [`ScreenLayout`] is computed once per frame from the view and the terminal size.

use super::app::{App, Mode};
use super::widgets::{answer_lines, document_lines, AnswerContext};
use crate::view::{Cell, VendorNote, View};
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

/// Where everything goes on a screen: computed once per frame from the view and the terminal
/// size, and read alike by drawing, scrolling and clicks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenLayout {
    pub areas: Areas,
    /// The control view: the lines above the vendor columns, inside the pane's border (title,
    /// question, and the standards line when the control has one). The matrix: its top pane,
    /// the rows.
    pub head: Rect,
    /// The vendor columns' region: below the header, or inside the matrix's bottom pane.
    pub columns: Rect,
    /// The first vendor column on screen, as an index into the shown vendors.
    pub first_column: usize,
    /// The vendor columns on screen, left to right.
    pub column_rects: Vec<Rect>,
}

impl ScreenLayout {
    /// The layout of `view` on a screen of `size`.
    pub fn new(app: &App, view: &View, size: Rect) -> ScreenLayout {
        let areas = areas(size);
        let (head, columns) = match app.browser.mode {
            Mode::Control => {
                let inner = Block::bordered().inner(areas.compare);
                let [head, body] =
                    Layout::vertical([Constraint::Length(header_lines(view)), Constraint::Min(1)])
                        .areas(inner);
                (head, body)
            }
            Mode::Matrix => {
                let [top, bottom] =
                    Layout::vertical([Constraint::Percentage(45), Constraint::Min(5)])
                        .areas(areas.compare);
                (top, Block::bordered().inner(bottom))
            }
        };
        let (first_column, column_rects) = column_rects(app, view.spec.vendors.len(), columns);
        ScreenLayout {
            areas,
            head,
            columns,
            first_column,
            column_rects,
        }
    }

    /// The shown vendor (an index into the shown vendors) whose column holds screen `column`.
    pub fn column_at(&self, column: u16) -> Option<usize> {
        self.column_rects
            .iter()
            .position(|r| column >= r.x && column < r.x + r.width)
            .map(|i| self.first_column + i)
    }
}

/// The control view's header lines: the title and the question, and the standards line when
/// the control has crosswalk ids.
pub fn header_lines(view: &View) -> u16 {
    2 + u16::from(view.rows.first().is_some_and(|r| !r.crosswalk.is_empty()))
}

/// How far the answers can scroll: the longest shown column's lines beyond its height. The
/// update keeps the scroll within this, so scrolling back up moves at once.
pub fn max_scroll(app: &App) -> u16 {
    let view = app.view();
    let Some(control) = app.current_control(&view) else {
        return 0;
    };
    let layout = app.layout(&view);
    let row = crate::view::row(&app.catalog, &app.reviews, &view.spec, control);
    let rects = &layout.column_rects;
    let first = layout
        .first_column
        .saturating_sub(view.spec.first_annotated());
    let theme = app.theme;
    rects
        .iter()
        .zip(&row.cells[first.min(row.cells.len())..])
        .filter_map(|(rect, cell)| {
            let vendor = view.vendors.iter().find(|v| v.vendor == cell.vendor)?;
            let inner = Block::bordered().inner(*rect);
            let ctx = AnswerContext {
                lang: app.spec.lang,
                query: app.shown_query(),
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
