//! Drawing the candidates panel of a draft answer and the field being typed: a pure function
//! of the state, like the rest of the screen.

use super::app::App;
use super::drafts::{panel_answer, Field, FieldEdit, Panel};
use super::queue_ui::understood;
use super::theme::Theme;
use super::ui::centered;
use super::widgets::{highlighted_wrap, wrap_styled, wrap_with_cursor};
use crate::catalog::{Answer, ControlKind, Lang, Status};
use crate::drafts::{item, Item};
use crate::text::truncate;
use crate::view::annotate;
use crate::words::{self, tr};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The panel over the comparison, with the field being typed (`edit`) at its foot.
pub fn draw_panel(
    frame: &mut Frame,
    app: &App,
    panel: &Panel,
    edit: Option<&FieldEdit>,
    theme: &Theme,
    area: Rect,
) {
    let Some(answer) = panel_answer(app, panel) else {
        return;
    };
    let lang = app.spec.lang;
    let rect = centered(
        area,
        area.width.saturating_sub(8).max(40),
        area.height.saturating_sub(4).max(10),
    );
    let vendor = app.catalog.vendors[panel.vendor].info.name.get(lang);
    let control = &app.catalog.controls[panel.control].control;
    let heading = match panel.queue {
        Some(_) => tr(lang, "Review queue", "確認キュー"),
        None => tr(lang, "Review the draft", "下書きの確認"),
    };
    let title = format!(" {heading}: {vendor} — {} ", control.title.get(lang));
    let block = Block::bordered()
        .title(Span::styled(
            truncate(&title, rect.width.saturating_sub(2) as usize),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    super::popup::clear(frame, rect);
    frame.render_widget(block, rect);
    let field_height = match edit {
        Some(edit) if edit.field == Field::Value => 8,
        Some(_) => 6,
        None => 0,
    };
    // The queue's status line, at the foot of the panel.
    let status_height = u16::from(panel.queue.is_some());
    let body = Rect {
        height: inner.height.saturating_sub(field_height + status_height),
        ..inner
    };
    if let Some(queue) = panel.queue {
        let line = Rect {
            y: inner.y + inner.height.saturating_sub(status_height),
            height: status_height,
            ..inner
        };
        let status = super::queue_ui::status_line(app, panel, queue, theme, inner.width as usize);
        frame.render_widget(Paragraph::new(status), line);
    }
    let (lines, selected) = panel_lines(app, panel, answer, theme, body.width as usize);
    // The selected item is kept in sight.
    let height = body.height as usize;
    let scroll = match selected {
        Some((start, end)) if end > height => (end - height).min(start),
        _ => 0,
    };
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), body);
    if let Some(edit) = edit {
        let field = Rect {
            y: body.y + body.height,
            height: field_height,
            ..inner
        };
        draw_field(frame, edit, lang, theme, field);
    }
}

/// The panel's lines, and the line range of the item under the cursor.
fn panel_lines(
    app: &App,
    panel: &Panel,
    answer: &Answer,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let lang = app.spec.lang;
    let vendor = &app.catalog.vendors[panel.vendor];
    let ctx = annotate::Context {
        lang,
        today: app.spec.today,
        stale_after_months: app.spec.stale_after_months,
        reassess_after_months: app
            .spec
            .reassess_after_months
            .unwrap_or(crate::freshness::DEFAULT_REASSESS_MONTHS),
        // The panel is where a draft is reviewed: it always shows what the draft proposes.
        mask_drafts: false,
        vendor,
    };
    let cell = annotate::cell(ctx, panel.vendor, Some(answer), None);
    let control = &app.catalog.controls[panel.control].control;
    let wrap = |text: &str, style| highlighted_wrap(text, width, "", style, style);
    let mut out = wrap(control.question.get(lang), theme.dim());
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        cell.badge.clone(),
        theme.status(cell.status),
    )));
    let value = match &answer.value {
        Some(v) if answer.status != Status::NotStated => understood(v, lang),
        _ => "—".to_string(),
    };
    out.extend(wrap(
        &format!("{}: {value}", tr(lang, "Value", "値")),
        theme.value(),
    ));
    // What `P` sets, read from the answer (a not-stated draft may carry one already): on a
    // yes/no control, or wherever one is set.
    if control.kind == ControlKind::YesNo || answer.polarity.is_some() {
        let polarity = answer.polarity.map_or("—", |p| words::polarity(p, lang));
        out.extend(wrap(
            &format!("{}: {polarity}", tr(lang, "Polarity (P)", "可否(P)")),
            theme.value(),
        ));
    }
    if let Some(previous) = &answer.previous {
        out.extend(wrap(&previous_line(previous, answer, lang), theme.dim()));
    }
    out.extend(super::queue_ui::others_lines(app, panel, theme, width));
    // An answer that states nothing has no summary to show (nor may it take one).
    let summaries = if answer.summary.is_none() && answer.status == Status::NotStated {
        &[][..]
    } else {
        &[Lang::En, Lang::Ja][..]
    };
    for (l, label) in [
        (Lang::En, tr(lang, "Summary (English)", "要約(英語)")),
        (Lang::Ja, tr(lang, "Summary (Japanese)", "要約(日本語)")),
    ]
    .into_iter()
    .filter(|(l, _)| summaries.contains(l))
    {
        let text = match &answer.summary {
            None => "—".to_string(),
            Some(s) => match crate::drafts::vendor_words(answer, l) {
                Some(quoted) => {
                    format!("{}: {quoted}", words::word(words::Word::VendorsWords, lang))
                }
                None if l == Lang::Ja && s.ja.is_none() => "—".to_string(),
                None => s.get(l).to_string(),
            },
        };
        out.extend(wrap(&format!("{label}: {text}"), theme.base()));
    }
    // Changes made elsewhere too: what the answer holds, and the other change, to choose from.
    for (i, conflict) in answer.conflicts.iter().enumerate() {
        let (ours, theirs) = crate::drafts::conflicts::sides(conflict, lang);
        let field = crate::drafts::conflicts::field_label(conflict.field(), lang);
        let text = words::unsaved::conflict_on(field, &ours, &theirs, lang);
        out.extend(wrap(&text, theme.error()));
        if i == 0 {
            out.extend(wrap(
                tr(
                    lang,
                    "  O keeps this, T takes the other change",
                    "  O でこちらを残す、T でもう一方を採る",
                ),
                theme.dim(),
            ));
        }
    }
    out.push(Line::default());
    out.push(Line::styled(
        format!(
            "{} ({} / {})",
            tr(lang, "Quotes and candidates", "引用と候補"),
            answer.quotes.len(),
            answer.candidates.len()
        ),
        theme.title(),
    ));
    if crate::drafts::item_count(answer) == 0 {
        out.extend(wrap(
            tr(
                lang,
                "The importer found no passage for this control.",
                "取り込み時にこの管理策に当たる箇所は見つかりませんでした。",
            ),
            theme.dim(),
        ));
    }
    let mut selected = None;
    for index in 0..crate::drafts::item_count(answer) {
        let start = out.len();
        let (mark, document, section, text, score, context, value) = match item(answer, index) {
            Some(Item::Quote(i)) => {
                let q = &answer.quotes[i];
                (
                    "[x]",
                    &q.document,
                    &q.section,
                    &q.text,
                    None,
                    &q.context,
                    None,
                )
            }
            Some(Item::Candidate(i)) => {
                let c = &answer.candidates[i];
                let value = c.value.as_ref();
                (
                    "[ ]",
                    &c.document,
                    &c.section,
                    &c.text,
                    Some(c.score),
                    &c.context,
                    value,
                )
            }
            None => continue,
        };
        let citation = annotate::citation(vendor.document(document), document, section, lang);
        let score = match score {
            Some(s) if s > 0.0 => format!(" · {} {s:.2}", tr(lang, "score", "スコア")),
            _ => String::new(),
        };
        // The cursor is a mark too, readable without colours.
        let pointer = if index == panel.cursor { "▶" } else { " " };
        let value = value
            .map(|v| format!(" · {}: {}", tr(lang, "value", "値"), understood(v, lang)))
            .unwrap_or_default();
        let head = format!("{pointer}{mark} {citation}{score}{value}");
        let mut head_lines = wrap(&head, theme.dim());
        if index == panel.cursor {
            head_lines = head_lines
                .into_iter()
                .map(|l| l.patch_style(theme.selected(true)))
                .collect();
        }
        out.extend(head_lines);
        // The row's question or the heading the passage stands under: beside it, not quoted.
        if let Some(context) = context.as_deref().filter(|c| !c.trim().is_empty()) {
            let under = format!("{}: {context}", tr(lang, "Under", "見出し・設問"));
            for line in highlighted_wrap(
                &under,
                width.saturating_sub(5).max(1),
                "",
                theme.dim(),
                theme.dim(),
            ) {
                let mut spans = vec![Span::raw("     ")];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        }
        let quoted = format!("「{text}」");
        let inset = width.saturating_sub(5).max(1);
        for line in highlighted_wrap(&quoted, inset, "", theme.base(), theme.base()) {
            let mut spans = vec![Span::raw("     ")];
            spans.extend(line.spans);
            out.push(Line::from(spans));
        }
        if index == panel.cursor {
            selected = Some((start, out.len()));
        }
    }
    (out, selected)
}

/// The field being typed: its name, the text with the cursor, and why it was not taken.
fn draw_field(frame: &mut Frame, edit: &FieldEdit, lang: Lang, theme: &Theme, area: Rect) {
    let max = area.width.max(1) as usize;
    let (typed, _) = wrap_with_cursor(
        &edit.editor.text,
        edit.editor.cursor,
        max,
        Style::default(),
        theme.selected(true),
    );
    let mut lines = vec![
        Line::styled("─".repeat(area.width as usize), theme.dim()),
        Line::styled(format!("{}:", edit.field.label(lang)), theme.title()),
    ];
    lines.extend(typed);
    match &edit.error {
        Some(e) => lines.extend(wrap_styled(&[(&format!("⚠ {e}"), theme.error())], max)),
        None if edit.field == Field::Value => {
            lines.extend(understood_lines(&edit.editor.text, lang, theme, max))
        }
        None => {}
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What the value being typed reads as, before it is saved: the reader's own words for it
/// ("45 days · from contract end"), or why it does not read yet.
fn understood_lines(text: &str, lang: Lang, theme: &Theme, max: usize) -> Vec<Line<'static>> {
    match crate::values::read_typed(text) {
        Ok(Some(value)) => wrap_styled(
            &[
                (tr(lang, "Understood: ", "読み取り: "), theme.dim()),
                (&crate::values::understood(&value, lang), theme.value()),
            ],
            max,
        ),
        Ok(None) => wrap_styled(
            &[(
                tr(lang, "Empty: the answer has no value", "空欄: 値なし"),
                theme.dim(),
            )],
            max,
        ),
        Err(e) => {
            let why = format!(
                "{}{e}",
                tr(lang, "Not understood yet: ", "まだ読み取れません: ")
            );
            wrap_styled(&[(&why, theme.dim())], max)
        }
    }
}

/// What a draft an update made said before: "Before the update (v4, 2024-05-22): stated ·
/// 60 days after cancellation · “Deleted 60 days after cancellation.”", or that it is the
/// same (a draft to re-check).
fn previous_line(
    previous: &crate::catalog::PreviousAnswer,
    answer: &crate::catalog::Answer,
    lang: Lang,
) -> String {
    use crate::words::ChangeWord;
    let from = previous
        .from
        .as_deref()
        .map(|f| format!(" ({})", crate::sanitize::line(f)))
        .unwrap_or_default();
    let head = format!("{}{from}", ChangeWord::PreviousAnswer.get(lang));
    if !crate::changes::differs_from_previous(answer) {
        return format!("{head}: {}", ChangeWord::SameAsBefore.get(lang));
    }
    let mut said = vec![words::status(previous.status, lang).to_string()];
    if let Some(p) = previous.polarity {
        said.push(words::polarity(p, lang).to_string());
    }
    if let Some(v) = previous
        .value
        .as_ref()
        .filter(|_| previous.status != Status::NotStated)
    {
        said.push(understood(v, lang));
    }
    if let Some(summary) = &previous.summary {
        said.push(format!("“{}”", crate::sanitize::line(summary.get(lang))));
    }
    format!("{head}: {}", said.join(" · "))
}
