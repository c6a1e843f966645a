//! Drawing what a requirements profile adds to the screen: each answer's outcomes, the vendors'
//! scorecards, the matrix cells' marks and colours, the status line's profile and the picker.
//! Every outcome goes with its symbol (✓ ✗ ? –), so colour is never the only signal.

use super::app::App;
use super::theme::Theme;
use super::widgets::{draw_centered_list, fit, highlighted_wrap, AnswerContext};
use crate::catalog::Lang;
use crate::export::scorecard::tally_words;
use crate::requirements::{words as rwords, Level, Outcome, Scorecard, Tally};
use crate::text::{truncate, width};
use crate::view::{outcomes::worst, Cell};
use crate::words::Phrase;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// Each outcome of an answer: "✗ fails (must): at most 45 days", then the reason.
pub fn outcome_lines(cell: &Cell, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for o in &cell.outcomes {
        let style = ctx.theme.outcome(o.outcome);
        let head = format!(
            "{} ({}): {}",
            o.badge,
            rwords::level(o.level, ctx.lang),
            o.asks
        );
        out.extend(highlighted_wrap(&head, ctx.width, "", style, style));
        out.extend(highlighted_wrap(
            &o.reason,
            ctx.width,
            "",
            ctx.theme.dim(),
            ctx.theme.dim(),
        ));
    }
    out
}

/// A tally in words when it fits ("must: 9 meets · 1 fails · 2 check · 3 not stated"), else in
/// symbols ("must ✓9 ✗1 ?2 –3").
fn tally_line(level: Level, t: &Tally, max: usize, lang: Lang, theme: &Theme) -> Line<'static> {
    let level_word = rwords::level(level, lang);
    let words = format!("{level_word}: {}", tally_words(t, lang));
    let text = if width(&words) <= max {
        words
    } else {
        truncate(&format!("{level_word} {}", rwords::tally_marks(t)), max)
    };
    let style = if t.fails > 0 {
        theme.outcome(Outcome::Fails)
    } else if t.check + t.not_stated > 0 {
        theme.outcome(Outcome::Check)
    } else {
        theme.outcome(Outcome::Meets)
    };
    Line::styled(text, style)
}

/// A vendor column's scorecard: the musts, and the shoulds where the profile has any.
pub fn card_lines(card: &Scorecard, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let mut out = vec![tally_line(
        Level::Must,
        &card.must,
        ctx.width,
        ctx.lang,
        ctx.theme,
    )];
    if card.should != Tally::default() {
        out.push(tally_line(
            Level::Should,
            &card.should,
            ctx.width,
            ctx.lang,
            ctx.theme,
        ));
    }
    out
}

/// A matrix cell's outcome symbols ("✗ ", "✓? ") and the style of its worst outcome; nothing
/// for a cell the profile asks nothing of.
pub fn matrix_mark(cell: &Cell, theme: &Theme) -> Option<(String, Style)> {
    let worst = worst(cell.outcomes.iter().map(|o| o.outcome))?;
    let marks: String = cell
        .outcomes
        .iter()
        .map(|o| rwords::outcome_mark(o.outcome))
        .collect();
    Some((format!("{marks} "), theme.outcome(worst)))
}

/// The matrix's second header line: each vendor's must tally in symbols.
pub fn matrix_cards(
    app: &App,
    view: &crate::view::View,
    title_w: usize,
    cell_w: usize,
    theme: &Theme,
) -> Option<Line<'static>> {
    let profile = view.spec.requirements.as_ref()?;
    let mut spans = vec![Span::styled(
        fit(profile.name.get(app.spec.lang), title_w),
        theme.dim(),
    )];
    for v in &view.vendors {
        spans.push(Span::styled("│", theme.dim()));
        let card = v.card.unwrap_or_default();
        let line = tally_line(Level::Must, &card.must, cell_w, app.spec.lang, theme);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        spans.push(Span::styled(fit(&text, cell_w), line.style));
    }
    Some(Line::from(spans))
}

/// "│ Requirements: Our standard 2026 " for the status line, when a profile is active.
pub fn status_span(app: &App, theme: &Theme) -> Option<Span<'static>> {
    let profile = app.spec.requirements.as_ref()?;
    let lang = app.spec.lang;
    Some(Span::styled(
        format!(
            "│ {}: {} ",
            rwords::profile_word(lang),
            truncate(profile.name.get(lang), 28)
        ),
        theme.title(),
    ))
}

/// The profile picker: "none", then each profile that loaded; the active one marked, line
/// `cursor` highlighted.
pub fn draw_picker(frame: &mut Frame, app: &App, cursor: usize, theme: &Theme, area: Rect) {
    let lang = app.spec.lang;
    let active = app.spec.requirements.as_ref().map(|p| p.id.as_str());
    let mut entries = vec![(active.is_none(), Phrase::NoProfile.get(lang).to_string())];
    entries.extend(app.pickers.profiles.iter().map(|p| {
        (
            active == Some(p.id.as_str()),
            format!("{} ({})", p.name.get(lang), p.id),
        )
    }));
    let items: Vec<String> = entries
        .iter()
        .map(|(on, label)| format!("{}{label}", if *on { "● " } else { "○ " }))
        .collect();
    let title = Phrase::ProfilePickerTitle.get(lang);
    draw_centered_list(frame, theme, area, title, 56, &items, cursor);
}
