//! Saving a draft answer from the review panel, and what the save did: the answer then shows
//! what the vendor file holds (merged with the changes made there meanwhile), a conflict is
//! said, and a save that fails keeps the change (see [`super::unsaved`]).

use super::app::{App, Message};
use super::update::Effect;
use crate::catalog::{Answer, Conflict};
use crate::drafts;
use crate::words;
use std::path::PathBuf;

/// The report of a save of a draft answer: which answer, the change (`ours`, made on `base`)
/// and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSave {
    pub vendor: usize,
    pub control: usize,
    pub path: PathBuf,
    pub base: Answer,
    pub ours: Answer,
    /// What to say when it is saved.
    pub done: String,
    /// The answer as the file holds it now, with the conflicts the save met; or why not.
    pub result: Result<(Answer, Vec<Conflict>), String>,
    /// The vendor's assessment date as the file holds it after the save.
    pub assessed: Option<String>,
}

// Actions compare by value; answers hold no NaN that kurabe makes.
impl Eq for DraftSave {}

/// The save of `ours`, an answer of `vendor` changed from `base`, into its file at `path`.
pub fn save_effect(
    app: &App,
    vendor: usize,
    control: usize,
    path: PathBuf,
    base: Answer,
    ours: Answer,
    done: &str,
) -> Effect {
    let controls = app
        .catalog
        .controls
        .iter()
        .map(|c| (c.control.id.clone(), c.control.kind))
        .collect();
    Effect::SaveDraft {
        path,
        controls,
        vendor,
        control,
        base: Box::new(base),
        ours: Box::new(ours),
        done: done.to_string(),
        today: app.spec.today,
    }
}

/// What a save of a draft answer did: the answer shows what the file holds now, or the change
/// is kept until it can be saved.
pub(super) fn saved(app: &mut App, save: DraftSave) -> Vec<Effect> {
    let vendor_id = app.catalog.vendors[save.vendor].id().to_string();
    let control_id = app.catalog.controls[save.control].control.id.clone();
    let ai = app.catalog.vendors[save.vendor]
        .answers
        .iter()
        .position(|a| a.control == control_id);
    let path = save.path.display().to_string();
    let mut effects = Vec::new();
    match save.result {
        Ok((answer, conflicts)) => {
            let vendor = &mut app.catalog_mut().vendors[save.vendor];
            if let Some(ai) = ai {
                vendor.answers[ai] = answer;
            }
            vendor.info.assessed = save.assessed;
            // The new wording is searchable once the index is built again; until then the
            // old index answers.
            effects.push(Effect::BuildIndex {
                catalog: app.catalog.clone(),
            });
            if app.unsaved.changes.forget_answer(&vendor_id, &control_id) {
                effects.extend(super::unsaved::keep_effect(app));
            }
            app.status.message = Some(if conflicts.is_empty() {
                Message {
                    text: words::screen::saved_to(&save.done, &path, app.spec.lang),
                    error: false,
                }
            } else {
                let fields: Vec<&str> = conflicts
                    .iter()
                    .map(|c| drafts::conflicts::field_label(c.field(), app.spec.lang))
                    .collect();
                super::drafts::error(words::screen::saved_with_conflict(
                    &save.done,
                    &path,
                    &fields,
                    app.spec.lang,
                ))
            });
        }
        Err(e) => {
            app.unsaved
                .changes
                .keep_answer(&save.path, &vendor_id, &save.base, &save.ours);
            app.unsaved.why = Some(e.clone());
            effects.extend(super::unsaved::keep_effect(app));
            app.status.message = Some(super::drafts::error(words::screen::draft_not_saved(
                &e.to_string(),
                app.spec.lang,
            )));
        }
    }
    effects.extend(super::unsaved::after_save(app));
    effects
}
