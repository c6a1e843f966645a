//! Drawing what the review queue adds to the draft panel (what the other vendors answered, how
//! many drafts are left) and the list of drafts to confirm at once. Pure, like the rest.

use super::app::App;
use super::bulk::Bulk;
use super::drafts::Panel;
use super::queue::{self, Queue};
use super::theme::Theme;
use super::ui::centered;
use super::widgets::highlighted_wrap;
use crate::catalog::{Lang, Value};
use crate::text::truncate;
use crate::view::annotate;
use crate::words::{self, Phrase};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// How many other vendors' answers the panel lists; the rest are counted.
const OTHERS_SHOWN: usize = 8;

/// The value as the reviewer reads it before confirming: its label in the interface's language.
/// (The one place that words a draft's value and its candidates' values for the queue.)
pub fn understood(value: &Value, lang: Lang) -> String {
    value.label(lang)
}

/// One line of text: line breaks become spaces, cut to `width` with an ellipsis.
fn one_line(text: &str, width: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    truncate(&flat, width)
}

/// What each other shown vendor answered on the panel's control, one line each: its number and
/// name, then the comparison table's text (drafts marked, or masked when the view masks them).
pub fn others_lines(app: &App, panel: &Panel, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let lang = app.spec.lang;
    let others: Vec<usize> = app
        .spec
        .vendors
        .iter()
        .copied()
        .filter(|&v| v != panel.vendor)
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::styled(Phrase::OtherVendors.get(lang), theme.title())];
    for &v in others.iter().take(OTHERS_SHOWN) {
        let vendor = &app.catalog.vendors[v];
        let ctx = annotate::Context {
            lang,
            today: app.spec.today,
            stale_after_months: app.spec.stale_after_months,
            reassess_after_months: app
                .spec
                .reassess_after_months
                .unwrap_or(crate::freshness::DEFAULT_REASSESS_MONTHS),
            mask_drafts: app.spec.mask_drafts,
            vendor,
        };
        let cell = annotate::cell(ctx, v, app.catalog.answer(v, panel.control), None);
        let name = format!("  {} {}: ", v + 1, vendor.info.name.get(lang));
        let name_width = crate::text::width(&name);
        let text = one_line(&cell.text, width.saturating_sub(name_width));
        out.push(Line::from(vec![
            Span::styled(truncate(&name, width), theme.dim()),
            Span::styled(text, theme.status(cell.status)),
        ]));
    }
    if others.len() > OTHERS_SHOWN {
        let more = others.len() - OTHERS_SHOWN;
        let text = words::screen::more_vendors(more, lang);
        out.push(Line::styled(text, theme.dim()));
    }
    out
}

/// The queue's status line: drafts left in the queue, and of them the vendor's.
pub fn status_line(
    app: &App,
    panel: &Panel,
    queue: Queue,
    theme: &Theme,
    width: usize,
) -> Line<'static> {
    let lang = app.spec.lang;
    let (_, this) = queue::left(app, panel.vendor);
    let name = app.catalog.vendors[panel.vendor].info.name.get(lang);
    let text = words::screen::queue_status(queue.left, name, this, lang);
    Line::styled(truncate(&text, width), theme.note())
}

/// The list of a vendor's drafts to confirm at once, over the panel.
pub fn draw_bulk(frame: &mut Frame, app: &App, bulk: &Bulk, theme: &Theme, area: Rect) {
    let lang = app.spec.lang;
    let rect = centered(
        area,
        area.width.saturating_sub(8).max(40),
        area.height.saturating_sub(4).max(10),
    );
    let name = app.catalog.vendors[bulk.vendor].info.name.get(lang);
    let kept = bulk.items.iter().filter(|i| i.included).count();
    let title = words::screen::bulk_title(name, kept, bulk.items.len(), lang);
    let block = Block::bordered()
        .title(Span::styled(
            truncate(&title, rect.width.saturating_sub(2) as usize),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    super::popup::clear(frame, rect);
    frame.render_widget(block, rect);
    let width = inner.width as usize;
    let rule = Phrase::BulkRule.get(lang);
    let mut head = highlighted_wrap(rule, width, "", theme.dim(), theme.dim());
    head.push(Line::default());
    let list_height = (inner.height as usize).saturating_sub(head.len());
    // Two lines an item: the control, then the candidate that came closest.
    let per_item = 2;
    let fit = (list_height / per_item).max(1);
    let offset = bulk.cursor.saturating_sub(fit - 1);
    let mut lines = head;
    for (i, item) in bulk.items.iter().enumerate().skip(offset).take(fit) {
        let control = &app.catalog.controls[item.control].control;
        let answer = app.catalog.answer(bulk.vendor, item.control);
        let pointer = if i == bulk.cursor { "▶" } else { " " };
        let mark = if item.included { "[x]" } else { "[ ]" };
        let best = answer.and_then(crate::drafts::bulk::best_score);
        let detail = match (lang, best) {
            (Lang::En, Some(s)) => format!(
                " · confidence {:.2} · best candidate {s:.2}",
                f64::from(item.confidence) / 100.0
            ),
            (Lang::En, None) => format!(
                " · confidence {:.2} · no candidate",
                f64::from(item.confidence) / 100.0
            ),
            (Lang::Ja, Some(s)) => format!(
                " · 確信度 {:.2} · 最良候補 {s:.2}",
                f64::from(item.confidence) / 100.0
            ),
            (Lang::Ja, None) => format!(
                " · 確信度 {:.2} · 候補なし",
                f64::from(item.confidence) / 100.0
            ),
        };
        let head = format!("{pointer}{mark} {}{detail}", control.title.get(lang));
        let mut line = Line::styled(truncate(&head, width), theme.base());
        if i == bulk.cursor {
            line = line.patch_style(theme.selected(true));
        }
        lines.push(line);
        let candidate = answer
            .and_then(|a| a.candidates.first())
            .map(|c| format!("     「{}」", c.text))
            .unwrap_or_default();
        lines.push(Line::styled(one_line(&candidate, width), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
