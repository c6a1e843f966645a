//! The list that confirms at once a vendor's drafts where nothing was found, over the review
//! queue's panel ([`crate::drafts::bulk`] has the rule). The drafts kept in the list are saved
//! in one save, each merged with what the vendor file holds by then, as every save of the draft
//! review is; a save that fails keeps them (see [`super::unsaved`]).

use super::app::{App, InputMode};
use super::queue::{fail, go_to, refresh, say, walked_vendors};
use super::update::Effect;
use crate::catalog::{Answer, Conflict};
use crate::drafts::bulk::{self, Confidences};
use crate::drafts::queue::{Stop, Walk};
use std::path::PathBuf;

/// The list of a vendor's drafts where nothing was found, to confirm at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulk {
    pub vendor: usize,
    pub items: Vec<BulkItem>,
    pub cursor: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkItem {
    pub control: usize,
    /// The importer's confidence, in hundredths.
    pub confidence: u8,
    /// Confirmed with the others; Space leaves it out, for the queue.
    pub included: bool,
}

/// The report of the save of drafts confirmed at once: the changes (each answer as it was
/// read, `base`, and as confirmed, `ours`) and what became of them.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkSave {
    pub vendor: usize,
    pub path: PathBuf,
    pub changes: Vec<(Answer, Answer)>,
    /// Each answer as the file holds it now, with the conflicts its save met; or why not.
    pub result: Result<Vec<(Answer, Vec<Conflict>)>, String>,
    /// The vendor's assessment date as the file holds it after the save.
    pub assessed: Option<String>,
}

// Actions compare by value; answers hold no NaN that kurabe makes.
impl Eq for BulkSave {}

/// The list of the vendor's drafts the rule confirms at once, from the confidences read.
pub(super) fn listed(app: &mut App, vendor: usize, result: Result<Confidences, String>) {
    let lang = app.spec.lang;
    let confidences = match result {
        Ok(c) => c,
        Err(e) => {
            return fail(
                app,
                format!("{}: {e}", crate::words::Phrase::CannotListDrafts.get(lang)),
            )
        }
    };
    let Some(panel) = app.input.draft_panel().cloned() else {
        return;
    };
    if panel.vendor != vendor {
        return;
    }
    let items: Vec<BulkItem> = (0..app.catalog.controls.len())
        .filter_map(|control| {
            let answer = app.catalog.answer(vendor, control)?;
            let confidence = confidences.get(&*answer.control).copied();
            bulk::is_quiet(answer, confidence).then(|| BulkItem {
                control,
                confidence: confidence.unwrap_or_default(),
                included: true,
            })
        })
        .collect();
    if items.is_empty() {
        let name = app.catalog.vendors[vendor].info.name.get(lang).to_string();
        let text = crate::words::screen::no_bulk_drafts(&name, lang);
        return fail(app, text);
    }
    app.input = InputMode::BulkConfirm {
        panel,
        bulk: Bulk {
            vendor,
            items,
            cursor: 0,
        },
    };
}

/// Confirms the drafts kept in the list, as not stated, and asks for them to be saved at once.
pub(super) fn confirm(app: &mut App) -> Vec<Effect> {
    let InputMode::BulkConfirm { panel, bulk } = std::mem::take(&mut app.input) else {
        return Vec::new();
    };
    let chosen: Vec<usize> = bulk
        .items
        .iter()
        .filter(|i| i.included)
        .map(|i| i.control)
        .collect();
    let lang = app.spec.lang;
    if chosen.is_empty() {
        app.input = InputMode::Drafts(panel);
        say(app, crate::words::Phrase::NothingConfirmed.get(lang));
        return Vec::new();
    }
    let ids: Vec<String> = chosen
        .iter()
        .map(|&c| app.catalog.controls[c].control.id.clone())
        .collect();
    let vendor = bulk.vendor;
    let mut changes = Vec::new();
    for answer in app.catalog_mut().vendors[vendor].answers.iter_mut() {
        if answer.draft && ids.iter().any(|id| *id == answer.control) {
            let before = answer.clone();
            crate::drafts::confirm(answer);
            changes.push((before, answer.clone()));
        }
    }
    // A change not saved yet was made on the file's answer as it was then.
    let vendor_id = app.catalog.vendors[vendor].id().to_string();
    for (base, ours) in &mut changes {
        if let Some(kept) = app.unsaved.changes.answer(&vendor_id, &ours.control) {
            *base = kept.base.clone();
        }
    }
    let controls = app
        .catalog
        .controls
        .iter()
        .map(|c| (c.control.id.clone(), c.control.kind))
        .collect();
    let path = panel.path.clone();
    // The queue goes on from where it was: the draft shown, if it is one still, or the next.
    app.input = InputMode::Drafts(panel.clone());
    let vendors = walked_vendors(app);
    let here = Stop {
        control: panel.control,
        vendor: panel.vendor,
    };
    match Walk::new(&app.catalog, &vendors).at_or_after(Some(here)) {
        Some(stop) => go_to(app, stop),
        None => app.input = InputMode::Normal,
    }
    vec![Effect::SaveDrafts {
        path,
        controls,
        vendor,
        changes,
        today: app.spec.today,
    }]
}

/// What the save did: the answers show what the file holds now (merged with the changes made
/// there meanwhile), conflicts are said; a save that fails keeps every change.
pub(super) fn saved(app: &mut App, save: BulkSave) -> Vec<Effect> {
    let lang = app.spec.lang;
    let name = app.catalog.vendors[save.vendor]
        .info
        .name
        .get(lang)
        .to_string();
    let vendor_id = app.catalog.vendors[save.vendor].id().to_string();
    let n = save.changes.len();
    let path = save.path.display().to_string();
    let mut effects = Vec::new();
    match save.result {
        Ok(merged) => {
            app.catalog_mut().vendors[save.vendor].info.assessed = save.assessed.clone();
            let mut forgot = false;
            let mut clashed = 0;
            for (answer, conflicts) in merged {
                clashed += usize::from(!conflicts.is_empty());
                forgot |= app
                    .unsaved
                    .changes
                    .forget_answer(&vendor_id, &answer.control);
                let vendor = &mut app.catalog_mut().vendors[save.vendor];
                if let Some(slot) = vendor
                    .answers
                    .iter_mut()
                    .find(|a| a.control == answer.control)
                {
                    *slot = answer;
                }
            }
            if forgot {
                effects.extend(super::unsaved::keep_effect(app));
            }
            let text = crate::words::bulk_confirmed(n, &name, &path, lang);
            if clashed == 0 {
                say(app, &text);
            } else {
                let more = crate::words::screen::bulk_clashed(clashed, lang);
                fail(app, format!("{text}. {more}"));
            }
            // The new wording is searchable once the index is built again.
            effects.push(Effect::BuildIndex {
                catalog: app.catalog.clone(),
            });
        }
        Err(e) => {
            for (base, ours) in &save.changes {
                app.unsaved
                    .changes
                    .keep_answer(&save.path, &vendor_id, base, ours);
            }
            app.unsaved.why = Some(e.clone());
            effects.extend(super::unsaved::keep_effect(app));
            let text = crate::words::screen::bulk_not_saved(&e.to_string(), n, lang);
            fail(app, text);
        }
    }
    refresh(app);
    effects
}
