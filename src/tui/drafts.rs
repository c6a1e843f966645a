//! Reviewing imported draft answers in the browser: the candidates panel (held by
//! [`InputMode::Drafts`] and [`InputMode::DraftEdit`]), and what its keys do. Every change is
//! applied to the catalogue at once and saved into the vendor's file (an effect), merged with
//! what the file holds by then (another kurabe's save, a hand edit: see
//! [`crate::drafts::merge`]); the answer then shows what the file holds. A save that fails
//! keeps the change (see [`super::unsaved`]). Text being typed into a summary or the value is
//! kept in the state directory on every key, so no way out of kurabe (quitting, a signal, a
//! crash) loses it: the next start opens it again.

use super::action::{Action, NoteEdit};
use super::app::{App, InputMode, Message, NoteEditor};
use super::update::Effect;
use crate::catalog::{yaml, Answer, ControlKind, Lang, Origin, Status};
use crate::drafts;
use crate::paths::Paths;
use crate::words::{self, Phrase};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A field of a draft answer the reviewer types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    SummaryEn,
    SummaryJa,
    Value,
}

impl Field {
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, ja) = match self {
            Field::SummaryEn => ("English summary", "英語の要約"),
            Field::SummaryJa => ("Japanese summary", "日本語の要約"),
            Field::Value => (
                "Value (e.g. 45 days after contract end, every 3 months, 7 generations, 99.9%)",
                "値(例: 契約終了から45日、3か月に1回、7世代、99.9%)",
            ),
        };
        crate::words::tr(lang, en, ja)
    }
}

/// The review of drafts besides the open panel (which [`InputMode::Drafts`] and
/// [`InputMode::DraftEdit`] hold).
#[derive(Debug, Clone, Default)]
pub struct Drafts {
    /// How many answers are unconfirmed drafts, counted when first drawn after the catalogue
    /// changed (counting every answer of a large registry on every frame was most of one).
    pub count: std::cell::Cell<Option<usize>>,
    /// The user's vendor files: `DATA/vendors`.
    pub vendors_dir: Option<PathBuf>,
    /// Where text being typed is kept until it is saved or cancelled.
    pub kept_path: Option<PathBuf>,
}

/// The candidates panel of one vendor's draft answer to one control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub vendor: usize,
    pub control: usize,
    /// The vendor file the answer is saved into.
    pub path: PathBuf,
    /// The item under the cursor: quotes first, then candidates.
    pub cursor: usize,
    /// The queue the panel walks, if it walks one (opened with `A`, or stepped with `n`).
    pub queue: Option<super::queue::Queue>,
}

/// A field being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEdit {
    pub field: Field,
    pub editor: NoteEditor,
    /// Why the text was not taken (a value that does not read).
    pub error: Option<String>,
}

/// Text being typed, as kept in the state directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kept {
    pub vendor: String,
    pub control: String,
    pub field: Field,
    pub text: String,
}

const KEPT_FILE: &str = "draft-edit.yaml";

/// Writes (or, for `None`, removes) the kept text.
pub fn keep(path: &Path, kept: Option<&Kept>) -> Result<(), String> {
    let result = match kept {
        Some(kept) => {
            let text = serde_yaml::to_string(kept)
                .expect("kept text is strings and a field name: it always serializes");
            path.parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|_| crate::files::write_atomic_private(path, text.as_bytes()))
        }
        None => match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
    };
    result.map_err(|e| {
        format!(
            "cannot keep the text being typed in {}: {e}",
            path.display()
        )
    })
}

/// Where the user's files are; and the text that was being typed when kurabe last closed,
/// opened again.
pub fn open_session(app: &mut App, paths: &Paths) {
    app.drafts.vendors_dir = Some(paths.vendors_dir());
    let kept_path = paths.state_dir.join(KEPT_FILE);
    app.drafts.kept_path = Some(kept_path.clone());
    match yaml::read_optional::<Kept>(&kept_path) {
        Ok(Some((kept, _))) => restore(app, kept),
        Ok(None) => {}
        Err(p) => app.status.problems.push(p),
    }
}

fn restore(app: &mut App, kept: Kept) {
    let found = app
        .catalog
        .vendor_index(&kept.vendor)
        .zip(app.catalog.control_index(&kept.control));
    let Some((vendor, control)) = found else {
        let path = kept_path_text(app);
        let lang = app.spec.lang;
        let why = words::screen::answer_gone(lang);
        let text = words::screen::typing_kept(&kept.vendor, &kept.control, &path, why, lang);
        app.status.message = Some(error(text));
        return;
    };
    if open(app, vendor, control).is_err() {
        let path = kept_path_text(app);
        let why = app
            .status
            .message
            .take()
            .map(|m| m.text)
            .unwrap_or_default();
        let text =
            words::screen::typing_kept(&kept.vendor, &kept.control, &path, &why, app.spec.lang);
        app.status.message = Some(error(text));
        return;
    }
    // The editor's cursor is a byte offset: at the end of the text.
    let cursor = kept.text.len();
    start_typing(
        app,
        FieldEdit {
            field: kept.field,
            editor: NoteEditor {
                vendor,
                control,
                text: kept.text,
                cursor,
            },
            error: None,
        },
    );
    app.status.message = Some(Message {
        text: Phrase::RestoredTyping.get(app.spec.lang).to_string(),
        error: false,
    });
}

fn kept_path_text(app: &App) -> String {
    app.drafts
        .kept_path
        .as_ref()
        .map_or_else(|| KEPT_FILE.to_string(), |p| p.display().to_string())
}

pub(super) fn error(text: String) -> Message {
    Message { text, error: true }
}

/// The vendor file a vendor's answers are saved into, if the user may edit it.
fn vendor_path(app: &App, vendor: usize) -> Result<PathBuf, String> {
    let v = &app.catalog.vendors[vendor];
    let name = v.info.name.get(app.spec.lang);
    if v.origin != Origin::User {
        return Err(format!(
            "{name} is not one of your vendor files (it is built into kurabe or comes from --data), so it cannot be edited here"
        ));
    }
    let dir = app
        .drafts
        .vendors_dir
        .as_ref()
        .ok_or_else(|| format!("{name}: kurabe does not know where your vendor files are"))?;
    let yaml = dir.join(format!("{}.yaml", v.id()));
    let yml = dir.join(format!("{}.yml", v.id()));
    Ok(if !yaml.exists() && yml.exists() {
        yml
    } else {
        yaml
    })
}

/// Opens the panel on a vendor's draft answer to a control.
pub(super) fn open(app: &mut App, vendor: usize, control: usize) -> Result<(), ()> {
    let fail = |app: &mut App, text: String| {
        app.status.message = Some(error(text));
        Err(())
    };
    match app.catalog.answer(vendor, control) {
        Some(a) if a.draft || !a.conflicts.is_empty() => {}
        _ => return fail(app, Phrase::NotADraft.get(app.spec.lang).to_string()),
    }
    match vendor_path(app, vendor) {
        Ok(path) => {
            app.input = InputMode::Drafts(Panel {
                vendor,
                control,
                path,
                cursor: 0,
                queue: None,
            });
            Ok(())
        }
        Err(text) => fail(app, text),
    }
}

/// The answer the panel is on: its index in the vendor's answers.
fn answer_index(app: &App, panel: &Panel) -> Option<usize> {
    let control = &app.catalog.controls[panel.control].control.id;
    app.catalog.vendors[panel.vendor]
        .answers
        .iter()
        .position(|a| &a.control == control)
}

pub fn panel_answer<'a>(app: &'a App, panel: &Panel) -> Option<&'a Answer> {
    answer_index(app, panel).map(|ai| &app.catalog.vendors[panel.vendor].answers[ai])
}

/// Applies `f` to the panel's answer; if it changed, asks for it to be saved.
fn change<R>(
    app: &mut App,
    done: &str,
    f: impl FnOnce(&mut Answer) -> R,
) -> (Option<R>, Vec<Effect>) {
    let Some(panel) = app.input.draft_panel().cloned() else {
        return (None, Vec::new());
    };
    let Some(ai) = answer_index(app, &panel) else {
        return (None, Vec::new());
    };
    let answer = &mut app.catalog_mut().vendors[panel.vendor].answers[ai];
    let before = answer.clone();
    let r = f(answer);
    if *answer == before {
        return (Some(r), Vec::new());
    }
    let ours = answer.clone();
    // A change not saved yet was made on the file's answer as it was then.
    let vendor_id = app.catalog.vendors[panel.vendor].id();
    let base = match app.unsaved.changes.answer(vendor_id, &ours.control) {
        Some(kept) => kept.base.clone(),
        None => before,
    };
    let save = super::draft_saves::save_effect(
        app,
        panel.vendor,
        panel.control,
        panel.path,
        base,
        ours,
        done,
    );
    (Some(r), vec![save])
}

fn keep_effect(app: &App) -> Vec<Effect> {
    let Some(path) = app.drafts.kept_path.clone() else {
        return Vec::new();
    };
    let kept = app.input.draft_field().map(|e| Kept {
        vendor: app.catalog.vendors[e.editor.vendor].id().to_string(),
        control: app.catalog.controls[e.editor.control].control.id.clone(),
        field: e.field,
        text: e.editor.text.clone(),
    });
    vec![Effect::KeepDraftText { path, kept }]
}

/// Opens `edit` at the foot of the panel under review (there is none to type into otherwise).
fn start_typing(app: &mut App, edit: FieldEdit) {
    app.input = match std::mem::take(&mut app.input) {
        InputMode::Drafts(panel) | InputMode::DraftEdit { panel, .. } => {
            InputMode::DraftEdit { panel, edit }
        }
        other => other,
    };
}

/// Closes the field being typed, back to the panel's candidates.
fn stop_typing(app: &mut App) {
    app.input = match std::mem::take(&mut app.input) {
        InputMode::DraftEdit { panel, .. } => InputMode::Drafts(panel),
        other => other,
    };
}

/// Whether [`update`] is the place for an action.
pub fn handles(action: &Action) -> bool {
    matches!(
        action,
        Action::OpenDraft
            | Action::DraftMove { .. }
            | Action::DraftToggle
            | Action::DraftReject
            | Action::DraftPolarity
            | Action::DraftEdit(_)
            | Action::DraftConfirm
            | Action::DraftClose
            | Action::DraftText(_)
            | Action::DraftTextSave
            | Action::DraftTextCancel
            | Action::DraftSaved(_)
            | Action::DraftTextKept(_)
            | Action::DraftSettle { .. }
    )
}

/// What the panel's and the field's keys do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::OpenDraft => {
            let view = app.view();
            match (app.current_vendor(), app.current_control(&view)) {
                (Some(vendor), Some(control)) => {
                    let _ = open(app, vendor, control);
                }
                _ => {
                    let text = crate::words::Phrase::SelectControlFirst.get(app.spec.lang);
                    app.status.message = Some(error(text.to_string()))
                }
            }
            Vec::new()
        }
        Action::DraftMove { down } => {
            let count = app
                .input
                .draft_panel()
                .and_then(|p| panel_answer(app, p))
                .map_or(0, drafts::item_count);
            if let Some(panel) = app.input.draft_panel_mut() {
                panel.cursor = if down {
                    (panel.cursor + 1).min(count.saturating_sub(1))
                } else {
                    panel.cursor.saturating_sub(1)
                };
            }
            Vec::new()
        }
        Action::DraftToggle => {
            let cursor = app.input.draft_panel().map_or(0, |p| p.cursor);
            let (at, effects) = change(app, Phrase::QuotesChanged.get(app.spec.lang), |a| {
                drafts::toggle(a, cursor)
            });
            if let (Some(Some(at)), Some(panel)) = (at, app.input.draft_panel_mut()) {
                panel.cursor = at;
            }
            effects
        }
        Action::DraftReject => {
            change(
                app,
                Phrase::RejectedNotStated.get(app.spec.lang),
                drafts::reject,
            )
            .1
        }
        Action::DraftPolarity => {
            // The loader refuses a polarity on any other answer: say so rather than make a
            // change that cannot be saved.
            let yes_no = app.input.draft_panel().is_some_and(|p| {
                app.catalog.controls[p.control].control.kind == ControlKind::YesNo
            });
            let (held, effects) = if yes_no {
                change(
                    app,
                    Phrase::PolaritySet.get(app.spec.lang),
                    drafts::cycle_polarity,
                )
            } else {
                (None, Vec::new())
            };
            let why = match (yes_no, held) {
                (false, _) => Phrase::PolarityNotYesNo.get(app.spec.lang),
                (true, Some(false)) => Phrase::PolarityNotStated.get(app.spec.lang),
                _ => "",
            };
            if !why.is_empty() && app.input.draft_panel().is_some() {
                app.status.message = Some(error(why.to_string()));
            }
            effects
        }
        Action::DraftEdit(field) => {
            let Some(panel) = app.input.draft_panel().cloned() else {
                return Vec::new();
            };
            let Some(answer) = panel_answer(app, &panel) else {
                return Vec::new();
            };
            let text = match field {
                Field::SummaryEn => drafts::summary_to_edit(answer, Lang::En),
                Field::SummaryJa => drafts::summary_to_edit(answer, Lang::Ja),
                Field::Value => answer
                    .value
                    .as_ref()
                    .map(|v| v.label(app.spec.lang))
                    .unwrap_or_default(),
            };
            let cursor = text.len();
            start_typing(
                app,
                FieldEdit {
                    field,
                    editor: NoteEditor {
                        vendor: panel.vendor,
                        control: panel.control,
                        text,
                        cursor,
                    },
                    error: None,
                },
            );
            Vec::new()
        }
        Action::DraftText(edit) => {
            let Some(e) = app.input.draft_field_mut() else {
                return Vec::new();
            };
            // One line: summaries and values have no line breaks here.
            if matches!(
                edit,
                NoteEdit::Newline | NoteEdit::Insert('\n') | NoteEdit::Up | NoteEdit::Down
            ) {
                return Vec::new();
            }
            e.editor.apply(edit);
            e.error = None;
            keep_effect(app)
        }
        Action::DraftTextSave => save_field(app),
        Action::DraftTextCancel => {
            stop_typing(app);
            app.status.message = Some(Message {
                text: crate::words::Phrase::DiscardedTyped
                    .get(app.spec.lang)
                    .to_string(),
                error: false,
            });
            keep_effect(app)
        }
        Action::DraftConfirm => {
            if let Some(why) = cannot_confirm(app) {
                app.status.message = Some(error(why.to_string()));
                return Vec::new();
            }
            let (_, mut effects) =
                change(app, Phrase::Confirmed.get(app.spec.lang), drafts::confirm);
            super::queue::after_confirm(app, &mut effects);
            effects
        }
        Action::DraftClose => {
            app.input = InputMode::Normal;
            Vec::new()
        }
        Action::DraftSaved(save) => super::draft_saves::saved(app, *save),
        Action::DraftSettle { take_theirs } => {
            let (result, effects) = change(app, Phrase::ConflictSettled.get(app.spec.lang), |a| {
                drafts::settle(a, 0, take_theirs)
            });
            if let Some(Err(why)) = result {
                let text = words::screen::not_settled(&why.to_string(), app.spec.lang);
                app.status.message = Some(error(text));
            }
            effects
        }
        Action::DraftTextKept(Err(e)) => {
            app.status.message = Some(error(e));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Why the answer under review cannot be confirmed as it stands, if it cannot: a stated answer
/// to a yes/no question says which (the loader refuses a confirmed one without).
fn cannot_confirm(app: &App) -> Option<&'static str> {
    let panel = app.input.draft_panel()?;
    let answer = panel_answer(app, panel)?;
    let yes_no = app.catalog.controls[panel.control].control.kind == ControlKind::YesNo;
    (yes_no && answer.status != Status::NotStated && answer.polarity.is_none())
        .then(|| crate::words::Phrase::SayYesOrNoFirst.get(app.spec.lang))
}

/// Text pasted into the field being typed: one line (line breaks and tabs become spaces,
/// control and invisible characters go), as much as fits.
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(e) = app.input.draft_field_mut() else {
        return Vec::new();
    };
    let all_in = e.editor.insert_str(&super::paste::as_line(text));
    e.error = None;
    if !all_in {
        app.status.message = Some(super::paste::note_full_message(app.spec.lang));
    }
    keep_effect(app)
}

/// Takes the typed text into the answer, or says why not.
fn save_field(app: &mut App) -> Vec<Effect> {
    let Some(edit) = app.input.draft_field().cloned() else {
        return Vec::new();
    };
    let text = edit.editor.text.clone();
    let stated = app
        .input
        .draft_panel()
        .and_then(|p| panel_answer(app, p))
        .is_some_and(|a| a.status != Status::NotStated);
    let states_nothing = |what: &str| {
        format!("an answer that states nothing has no {what}: take a candidate as a quote first (Space)")
    };
    if !stated && edit.field != Field::Value {
        if !text.trim().is_empty() {
            return refuse(app, states_nothing("summary"));
        }
        stop_typing(app);
        return keep_effect(app);
    }
    let (done, effects) = match edit.field {
        Field::Value => match typed_value(app, &text) {
            Err(e) => return refuse(app, e),
            Ok(Some(_)) if !stated => return refuse(app, states_nothing("value")),
            Ok(value) => {
                let done = match &value {
                    Some(v) => words::screen::value_set(
                        &crate::values::understood(v, app.spec.lang),
                        app.spec.lang,
                    ),
                    None => Phrase::ValueRemoved.get(app.spec.lang).to_string(),
                };
                change(app, &done, |a| drafts::set_value(a, value))
            }
        },
        Field::SummaryEn => change(app, Phrase::EnglishSummarySet.get(app.spec.lang), |a| {
            drafts::set_summary(a, Lang::En, &text)
        }),
        Field::SummaryJa => change(app, Phrase::JapaneseSummarySet.get(app.spec.lang), |a| {
            drafts::set_summary(a, Lang::Ja, &text)
        }),
    };
    if done.is_none() {
        return refuse(app, "the answer is gone from the catalogue".to_string());
    }
    stop_typing(app);
    // The typed text is in the answer now (and, until it is saved, among the unsaved changes):
    // it need not be kept on its own any more.
    let mut effects = effects;
    effects.extend(keep_effect(app));
    effects
}

/// The value typed, read by the shared reader; text left as the field showed it keeps the
/// value as it is (a service-hours value or calendar rule has no typed form to read back).
fn typed_value(app: &App, text: &str) -> Result<Option<crate::catalog::Value>, String> {
    let current = app
        .input
        .draft_panel()
        .and_then(|p| panel_answer(app, p))
        .and_then(|a| a.value.clone());
    if let Some(value) = current.filter(|v| v.label(app.spec.lang) == text.trim()) {
        return Ok(Some(value));
    }
    crate::values::read_typed(text).map_err(|e| e.to_string())
}

fn refuse(app: &mut App, why: String) -> Vec<Effect> {
    if let Some(e) = app.input.draft_field_mut() {
        e.error = Some(why);
    }
    Vec::new()
}
