//! The `e` picker (markdown, Excel or CSV, the last choice remembered) and the `y` copy of the
//! comparison as tab-separated text: the effects they ask for, and the picker as drawn.

use super::action::Action;
use super::app::{App, InputMode, Message};
use super::clipboard::Via;
use super::theme::Theme;
use super::update::Effect;
use super::widgets::draw_centered_list;
use crate::catalog::Lang;
use crate::export::csv::{self, Delimiter, Encoding};
use crate::export::{markdown, xlsx};
use crate::view::{Scope, View};
use crate::words::{self, Phrase};
use ratatui::layout::Rect;
use ratatui::Frame;
use serde::{Deserialize, Serialize};

/// The formats `e` offers, in the picker's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Markdown,
    Excel,
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [
        ExportFormat::Markdown,
        ExportFormat::Excel,
        ExportFormat::Csv,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Excel => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }

    /// The picker's line: the key that picks it, and what it is.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ExportFormat::Markdown => Phrase::ExportMarkdown,
            ExportFormat::Excel => Phrase::ExportExcel,
            ExportFormat::Csv => Phrase::ExportCsv,
        }
        .get(lang)
    }

    fn index(self) -> usize {
        ExportFormat::ALL
            .iter()
            .position(|&f| f == self)
            .unwrap_or(0)
    }
}

/// `e`: opens the picker on the last format chosen.
pub fn open_picker(app: &mut App) {
    if !still_searching(app, Waiting::Export) {
        app.input = InputMode::ExportPicker {
            cursor: app.pickers.export_format.index(),
        };
    }
}

/// What waits for a search to finish.
#[derive(Clone, Copy)]
enum Waiting {
    Export,
    Copy,
}

/// Whether the results shown answer an older query; if so the status line says so, and
/// nothing is exported or copied from them.
fn still_searching(app: &mut App, what: Waiting) -> bool {
    let pending = app.search_pending();
    if pending {
        let text = match what {
            Waiting::Export => Phrase::ExportWhileSearching.get(app.spec.lang),
            Waiting::Copy => Phrase::CopyWhileSearching.get(app.spec.lang),
        };
        app.status.message = Some(Message {
            text: text.to_string(),
            error: true,
        });
    }
    pending
}

/// A key in the picker: moves, or picks the highlighted format.
pub fn picker(app: &mut App, action: Action) -> Option<Effect> {
    let last = ExportFormat::ALL.len() - 1;
    let InputMode::ExportPicker { cursor } = &mut app.input else {
        return None;
    };
    match action {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(last),
        Action::Top => *cursor = 0,
        Action::Bottom => *cursor = last,
        Action::Enter => {
            let format = ExportFormat::ALL[(*cursor).min(last)];
            return export_as(app, format);
        }
        _ => {}
    }
    None
}

/// Exports the current view in `format`, which becomes the one remembered.
pub fn export_as(app: &mut App, format: ExportFormat) -> Option<Effect> {
    app.input = InputMode::Normal;
    app.pickers.export_format = format;
    if still_searching(app, Waiting::Export) {
        return None;
    }
    let view = app.full_view();
    let contents = match format {
        ExportFormat::Markdown => {
            Ok(markdown::render_with_problems(&view, &app.report_problems()).into_bytes())
        }
        ExportFormat::Excel => xlsx::render(&view).map_err(|e| e.to_string()),
        ExportFormat::Csv => {
            csv::render(&view, Delimiter::Comma, Encoding::Utf8).map_err(|e| e.to_string())
        }
    };
    match contents {
        Ok(contents) => Some(Effect::Export {
            dir: app.files.export_dir.clone(),
            stem: stem(app, &view),
            extension: format.extension(),
            contents,
        }),
        Err(e) => {
            app.status.message = Some(Message {
                text: words::screen::export_failed(&e.to_string(), app.spec.lang),
                error: true,
            });
            None
        }
    }
}

/// The file name, without extension, for the view: what it compares.
fn stem(app: &App, view: &View) -> String {
    match view.spec.scope {
        Scope::Control(c) if c < app.catalog.controls.len() => {
            format!("kurabe-{}", app.catalog.controls[c].control.id)
        }
        Scope::Category(c) if c < app.catalog.categories.len() => {
            format!("kurabe-{}", app.catalog.categories[c].id)
        }
        _ if app.searching() => "kurabe-search".to_string(),
        _ => "kurabe-all".to_string(),
    }
}

/// `y`: the comparison in view as tab-separated text for the clipboard.
pub fn copy(app: &mut App) -> Option<Effect> {
    if still_searching(app, Waiting::Copy) {
        return None;
    }
    let view = app.full_view();
    Some(Effect::Copy {
        text: csv::clipboard_tsv(&view),
        controls: view.rows.len(),
    })
}

/// The status line after a copy.
pub fn copied(app: &mut App, controls: usize, result: Result<Via, String>) {
    let lang = app.spec.lang;
    app.status.message = Some(match result {
        Ok(via) => Message {
            text: words::copied_controls(controls, &via.describe(lang), lang),
            error: false,
        },
        Err(e) => Message {
            text: words::screen::copy_failed(&e.to_string(), lang),
            error: true,
        },
    });
}

/// The export picker, its line `cursor` highlighted.
pub fn draw_picker(frame: &mut Frame, app: &App, cursor: usize, theme: &Theme, area: Rect) {
    let title = Phrase::ExportPickerTitle.get(app.spec.lang);
    let labels: Vec<String> = ExportFormat::ALL
        .iter()
        .map(|f| f.label(app.spec.lang).to_string())
        .collect();
    draw_centered_list(frame, theme, area, title, 52, &labels, cursor);
}
