//! A changed draft's before → after in the answer pane: why its verdict is stale, what its
//! status, yes/no and value were, and the quotes it had that no longer stand (a rewording as
//! `[-old-]{+new+}`, readable without colour too).

use super::widgets::{highlighted_wrap, wrap_styled, AnswerContext};
use crate::changes::Piece;
use crate::view::changed::ChangeNote;
use crate::words::ChangeWord;
use ratatui::style::Modifier;
use ratatui::text::Line;

/// The line under a stale verdict on a changed answer: why it is stale.
pub fn stale_reason_lines(note: &ChangeNote, ctx: &AnswerContext) -> Vec<Line<'static>> {
    match note.stale_reason {
        Some(reason) => {
            let style = ctx.theme.note();
            highlighted_wrap(&format!("↳ {reason}"), ctx.width, "", style, style)
        }
        None => Vec::new(),
    }
}

/// "Before the update (3):", the fields that changed, then the previous quotes; then "After:"
/// over the answer as it is now.
pub fn before_after_lines(note: &ChangeNote, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let mut out = before_lines(note, ctx);
    out.push(Line::default());
    out.push(Line::styled(
        format!("{}:", ChangeWord::After.get(ctx.lang)),
        ctx.theme.title(),
    ));
    out
}

fn before_lines(note: &ChangeNote, ctx: &AnswerContext) -> Vec<Line<'static>> {
    let (theme, max, lang) = (ctx.theme, ctx.width, ctx.lang);
    let mut out = vec![Line::default()];
    let heading = match &note.from {
        Some(from) => format!("{} ({from}):", ChangeWord::PreviousAnswer.get(lang)),
        None => format!("{}:", ChangeWord::PreviousAnswer.get(lang)),
    };
    out.extend(highlighted_wrap(
        &heading,
        max,
        "",
        theme.title(),
        theme.title(),
    ));
    for field in &note.fields {
        out.extend(highlighted_wrap(
            field,
            max,
            "",
            theme.value(),
            theme.value(),
        ));
    }
    if note.quotes.is_empty() {
        return out;
    }
    out.push(Line::styled(
        format!("{}:", ChangeWord::PreviousQuotes.get(lang)),
        theme.dim(),
    ));
    let removed = theme.error().add_modifier(Modifier::CROSSED_OUT);
    let added = theme.ok().add_modifier(Modifier::UNDERLINED);
    for q in &note.quotes {
        let mut parts: Vec<(String, ratatui::style::Style)> = vec![("「".into(), theme.base())];
        for piece in &q.pieces {
            parts.push(match piece {
                Piece::Same(s) => (s.clone(), theme.base()),
                Piece::Removed(s) => (format!("[-{s}-]"), removed),
                Piece::Added(s) => (format!("{{+{s}+}}"), added),
            });
        }
        parts.push(("」".into(), theme.base()));
        let borrowed: Vec<(&str, ratatui::style::Style)> =
            parts.iter().map(|(t, s)| (t.as_str(), *s)).collect();
        out.extend(wrap_styled(&borrowed, max));
        out.extend(highlighted_wrap(
            &format!("— {}", q.citation),
            max,
            "",
            theme.dim(),
            theme.dim(),
        ));
    }
    out
}
