//! Drawing what is said about changes not saved: the question before quitting, the offer of
//! the last run's changes, and the mark in the status line. Pure, like the rest of the screen.

use super::app::App;
use super::theme::Theme;
use super::ui::centered;
use super::unsaved::Unsaved;
use crate::catalog::Lang;
use crate::text::truncate;
use crate::words::{self, tr};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// At most this many changes are named; the rest are counted.
const NAMED: usize = 5;

/// The mark in the status line while changes are not saved.
pub fn status_span(app: &App, theme: &Theme) -> Option<Span<'static>> {
    let n = app.unsaved.changes.len();
    (n > 0).then(|| {
        Span::styled(
            words::unsaved::not_saved_mark(n, app.spec.lang),
            theme.error(),
        )
    })
}

/// One line per change (the first few), by the names the screen shows.
fn changes(app: &App, unsaved: &Unsaved) -> Vec<String> {
    let lang = app.spec.lang;
    let vendor = |id: &str| {
        app.catalog.vendor_index(id).map_or(id.to_string(), |v| {
            app.catalog.vendors[v].info.name.get(lang).to_string()
        })
    };
    let control = |id: &str| {
        app.catalog.control_index(id).map_or(id.to_string(), |c| {
            app.catalog.controls[c].control.title.get(lang).to_string()
        })
    };
    let reviews = (unsaved.reviews.iter())
        .map(|r| words::unsaved::review_not_saved(&vendor(&r.vendor), &control(&r.control), lang));
    let answers = unsaved.answers.iter().map(|a| {
        words::unsaved::answer_not_saved(&vendor(&a.vendor), &control(&a.ours.control), lang)
    });
    let mut lines: Vec<String> = reviews.chain(answers).collect();
    if lines.len() > NAMED {
        let more = lines.len() - NAMED;
        lines.truncate(NAMED);
        lines.push(words::unsaved::and_more(more, lang));
    }
    lines
}

/// Where the changes are kept, said without the path (`kurabe paths` shows the directory).
fn kept_where(lang: Lang) -> &'static str {
    tr(
        lang,
        "They are kept in unsaved.yaml in kurabe's state directory (`kurabe paths`), and offered again at the next start.",
        "変更は kurabe の状態ディレクトリの unsaved.yaml に保持し(`kurabe paths` で確認)、次回の起動時にもう一度確認します。",
    )
}

/// A box of `body` (texts and their styles), as wide as fits up to 72 columns and as tall as
/// its wrapped lines, in the middle of `area`.
fn draw_box(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    (title, keys): (&str, &str),
    body: Vec<(String, Style)>,
) {
    let width = area.width.min(72);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let lines: Vec<Line> = body
        .iter()
        .flat_map(|(text, style)| {
            crate::text::wrap_ranges(text, inner_width)
                .into_iter()
                .map(|r| Line::styled(text[r].to_string(), *style))
        })
        .collect();
    let rect = centered(area, width, lines.len() as u16 + 2);
    let block = Block::bordered()
        .title(Span::styled(
            truncate(title, rect.width.saturating_sub(2) as usize),
            theme.title(),
        ))
        .title_bottom(Line::from(keys.to_string()).alignment(Alignment::Right))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    super::popup::clear(frame, rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Asked before quitting: what is not saved, why, and where it is kept.
pub fn draw_quit_prompt(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let lang = app.spec.lang;
    let n = app.unsaved.changes.len();
    let mut body = vec![(words::unsaved::could_not_save(n, lang), theme.error())];
    let plain = theme.base();
    body.extend(
        changes(app, &app.unsaved.changes)
            .into_iter()
            .map(|line| (line, plain)),
    );
    if let Some(why) = &app.unsaved.why {
        body.push((
            format!(
                "{}: {}",
                tr(lang, "Why", "理由"),
                crate::sanitize::line(why)
            ),
            theme.dim(),
        ));
    }
    body.push((kept_where(lang).to_string(), plain));
    let title = tr(
        lang,
        " Quit with changes not saved? ",
        " 未保存の変更があります。終了しますか? ",
    );
    let keys = tr(
        lang,
        " s save again · q quit · Esc stay ",
        " s もう一度保存 · q 終了 · Esc 戻る ",
    );
    draw_box(frame, theme, area, (title, keys), body);
}

/// The last run's changes, offered at the start.
pub fn draw_offer(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let lang = app.spec.lang;
    let n = app.unsaved.offered.len();
    let mut body = vec![(
        words::unsaved::last_run_could_not_save(n, lang),
        theme.note(),
    )];
    let plain = theme.base();
    body.extend(
        changes(app, &app.unsaved.offered)
            .into_iter()
            .map(|line| (line, plain)),
    );
    body.push((
        tr(
            lang,
            "Saving merges them with the files as they are now: nothing saved since is lost.",
            "保存するときはファイルの現在の内容とマージします。その後の保存内容は失われません。",
        )
        .to_string(),
        plain,
    ));
    let title = tr(
        lang,
        " Changes not saved last time ",
        " 前回の未保存の変更 ",
    );
    let keys = tr(
        lang,
        " s save now · d drop · Esc later ",
        " s 今すぐ保存 · d 破棄 · Esc 後で ",
    );
    draw_box(frame, theme, area, (title, keys), body);
}
