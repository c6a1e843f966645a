//! The review queue: the draft panel ([`super::drafts`]) walking every draft of the shown
//! vendors' own files, control by control ([`crate::drafts::queue`]); and the list that confirms
//! at once a vendor's drafts where nothing was found ([`crate::drafts::bulk`] has the rule).
//! Every decision is saved at once, as in the panel; the browser follows the queue, so that
//! closing it leaves the last draft on screen.

use super::action::Action;
use super::app::{App, Focus, InputMode, Message, NavItem};
use super::drafts::Panel;
use super::update::Effect;
use crate::catalog::{Answer, Origin};
use crate::drafts::bulk::{self, Confidences};
use crate::drafts::queue::{Stop, Walk};
use crate::words::tr;

/// The queue a draft panel walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queue {
    /// Drafts left among the shown vendors' own files, counted after every action.
    pub left: usize,
}

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

/// Drafts confirmed at once, being saved: the answers as they were (by index in the vendor's
/// answers), put back if the save fails.
#[derive(Debug, Clone)]
pub struct BulkSaving {
    pub vendor: usize,
    pub before: Vec<(usize, Answer)>,
}

/// The vendors the queue walks: the shown ones whose files are the user's, in column order
/// (only those are edited here).
pub fn walked_vendors(app: &App) -> Vec<usize> {
    app.spec
        .vendors
        .iter()
        .copied()
        .filter(|&v| app.catalog.vendors[v].origin == Origin::User)
        .collect()
}

/// Drafts left in the queue, and of them the vendor's.
pub fn left(app: &App, vendor: usize) -> (usize, usize) {
    let vendors = walked_vendors(app);
    let all = Walk::new(&app.catalog, &vendors).left();
    let this = Walk::new(&app.catalog, std::slice::from_ref(&vendor)).left();
    (all, this)
}

/// Whether [`update`] is the place for an action.
pub fn handles(action: &Action) -> bool {
    matches!(
        action,
        Action::OpenQueue
            | Action::QueueStep { .. }
            | Action::BulkOpen
            | Action::BulkListed { .. }
            | Action::BulkMove { .. }
            | Action::BulkToggle
            | Action::BulkConfirm
            | Action::BulkCancel
            | Action::BulkSaved(_)
    )
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::OpenQueue => open(app),
        Action::QueueStep { forward } => {
            if let Some(panel) = app.input.draft_panel().cloned() {
                let from = Stop {
                    control: panel.control,
                    vendor: panel.vendor,
                };
                step(app, from, forward, false);
            }
        }
        Action::BulkOpen => {
            if let Some(panel) = app.input.draft_panel() {
                return vec![Effect::ReadConfidences {
                    vendor: panel.vendor,
                    path: panel.path.clone(),
                }];
            }
        }
        Action::BulkListed { vendor, result } => listed(app, vendor, result),
        Action::BulkMove { down, page } => {
            // A page is about what the list shows at once: two lines an item, below its
            // borders and the rule's three lines.
            let step = if page {
                ((app.browser.height as usize).saturating_sub(10) / 2).max(1)
            } else {
                1
            };
            if let InputMode::BulkConfirm { bulk, .. } = &mut app.input {
                let last = bulk.items.len().saturating_sub(1);
                bulk.cursor = match down {
                    true => (bulk.cursor + step).min(last),
                    false => bulk.cursor.saturating_sub(step),
                };
            }
        }
        Action::BulkToggle => {
            if let InputMode::BulkConfirm { bulk, .. } = &mut app.input {
                if let Some(item) = bulk.items.get_mut(bulk.cursor) {
                    item.included = !item.included;
                }
            }
        }
        Action::BulkCancel => {
            if let InputMode::BulkConfirm { panel, .. } = std::mem::take(&mut app.input) {
                app.input = InputMode::Drafts(panel);
                say(
                    app,
                    tr(
                        app.spec.lang,
                        "Nothing confirmed.",
                        "何も確定していません。",
                    ),
                );
            }
        }
        Action::BulkConfirm => return confirm(app),
        Action::BulkSaved(result) => return saved(app, result),
        _ => {}
    }
    Vec::new()
}

fn say(app: &mut App, text: &str) {
    app.status.message = Some(Message {
        text: text.to_string(),
        error: false,
    });
}

/// Says `text` after what the save in flight will say when it is done (it speaks last), or
/// at once when nothing is being saved.
fn say_after_save(app: &mut App, text: &str) {
    match app.drafts.saving.as_mut() {
        Some(saving) => saving.done = format!("{}. {text}", saving.done),
        None => say(app, text),
    }
}

fn fail(app: &mut App, text: String) {
    app.status.message = Some(Message { text, error: true });
}

/// Opens the queue on the first draft at or after the selected answer.
fn open(app: &mut App) {
    let vendors = walked_vendors(app);
    let view = app.view();
    let here = app
        .current_vendor()
        .zip(app.current_control(&view))
        .map(|(vendor, control)| Stop { control, vendor });
    let first = Walk::new(&app.catalog, &vendors).at_or_after(here);
    let Some(stop) = first else {
        let text = match vendors.is_empty() {
            true => tr(
                app.spec.lang,
                "No draft to review: none of the shown vendors is one of your files (`kurabe import` writes them; 1-9 shows vendors).",
                "確認する下書きはありません: 表示中の事業者にあなたのファイルがありません(`kurabe import` で作成、1-9 で表示)。",
            ),
            false => tr(
                app.spec.lang,
                "No draft left among the shown vendors: every answer is reviewed.",
                "表示中の事業者に下書きは残っていません: すべて確認済みです。",
            ),
        };
        return say(app, text);
    };
    go_to(app, stop);
}

/// The next (or previous) draft after `from`; closes the queue when none is left.
fn step(app: &mut App, from: Stop, forward: bool, confirmed: bool) {
    let vendors = walked_vendors(app);
    let walk = Walk::new(&app.catalog, &vendors);
    let Some(to) = walk.step(from, forward) else {
        app.input = InputMode::Normal;
        return say_after_save(
            app,
            tr(
                app.spec.lang,
                "Every draft of the shown vendors is reviewed.",
                "表示中の事業者の下書きをすべて確認しました。",
            ),
        );
    };
    let wrapped = walk.wrapped(from, to, forward);
    let same = to == from;
    go_to(app, to);
    let lang = app.spec.lang;
    if same && !confirmed {
        say(
            app,
            tr(
                lang,
                "This is the last draft left.",
                "残りの下書きはこれだけです。",
            ),
        );
    } else if wrapped {
        say_after_save(
            app,
            tr(
                lang,
                "Back to the first draft left (the queue went round).",
                "一巡したので、残っている最初の下書きに戻りました。",
            ),
        );
    }
}

/// The panel on the draft at `stop`, in the queue, with the browser on the same answer.
fn go_to(app: &mut App, stop: Stop) {
    let message = app.status.message.take();
    if super::drafts::open(app, stop.vendor, stop.control).is_err() {
        return;
    }
    app.status.message = message.filter(|m| m.error);
    if let Some(panel) = app.input.draft_panel_mut() {
        panel.queue = Some(Queue { left: 0 });
    }
    let category = app.catalog.controls[stop.control].category;
    app.browser.expanded[category] = true;
    app.browser.selected = Some(NavItem::Control(stop.control));
    app.browser.focus = Focus::Compare;
    app.browser.scroll = 0;
    if let Some(at) = app.spec.vendors.iter().position(|&v| v == stop.vendor) {
        app.browser.vendor_cursor = at;
    }
    refresh(app);
}

/// After the panel's draft is confirmed: the queue goes on to the next draft; the panel
/// opened on one draft closes.
pub fn after_confirm(app: &mut App) {
    match app.input.draft_panel().cloned() {
        Some(Panel {
            queue: Some(_),
            vendor,
            control,
            ..
        }) => step(app, Stop { control, vendor }, true, true),
        _ => app.input = InputMode::Normal,
    }
}

/// A draft whose save failed is a draft again: the queue goes back to it.
pub fn back_to(app: &mut App, vendor: usize, control: usize) {
    if app.input.draft_panel().is_some_and(|p| p.queue.is_some()) {
        let message = app.status.message.clone();
        go_to(app, Stop { control, vendor });
        app.status.message = message;
    }
}

/// Counts what the queue has left (after every action, while a queue is open).
pub fn refresh(app: &mut App) {
    let Some(panel) = app.input.draft_panel() else {
        return;
    };
    if panel.queue.is_none() {
        return;
    }
    let (all, _) = left(app, panel.vendor);
    if let Some(Panel {
        queue: Some(queue), ..
    }) = app.input.draft_panel_mut()
    {
        queue.left = all;
    }
}

/// The list of the vendor's drafts the rule confirms at once, from the confidences read.
fn listed(app: &mut App, vendor: usize, result: Result<Confidences, String>) {
    let lang = app.spec.lang;
    let confidences = match result {
        Ok(c) => c,
        Err(e) => {
            return fail(
                app,
                format!(
                    "{}: {e}",
                    tr(lang, "Cannot list the drafts", "下書きを一覧できません")
                ),
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
            let confidence = confidences.get(&answer.control).copied();
            bulk::is_quiet(answer, confidence).then(|| BulkItem {
                control,
                confidence: confidence.unwrap_or_default(),
                included: true,
            })
        })
        .collect();
    if items.is_empty() {
        let name = app.catalog.vendors[vendor].info.name.get(lang).to_string();
        let text = match lang {
            crate::catalog::Lang::En => format!(
                "No draft of {name} to confirm at once: each states something, holds a value, or the importer was confident enough (0.50 or more) for a person to read it."
            ),
            crate::catalog::Lang::Ja => format!(
                "{name}に一括で確定できる下書きはありません: どれも記載・値があるか、取り込み時の確信度が0.50以上で、人が読むべきものです。"
            ),
        };
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
fn confirm(app: &mut App) -> Vec<Effect> {
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
        say(
            app,
            tr(lang, "Nothing confirmed.", "何も確定していません。"),
        );
        return Vec::new();
    }
    let ids: Vec<String> = chosen
        .iter()
        .map(|&c| app.catalog.controls[c].control.id.clone())
        .collect();
    let vendor = bulk.vendor;
    let mut before = Vec::new();
    let mut answers = Vec::new();
    for (ai, answer) in app.catalog_mut().vendors[vendor]
        .answers
        .iter_mut()
        .enumerate()
    {
        if answer.draft && ids.contains(&answer.control) {
            before.push((ai, answer.clone()));
            crate::drafts::confirm(answer);
            answers.push(answer.clone());
        }
    }
    app.drafts.bulk_saving = Some(BulkSaving { vendor, before });
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
        answers,
    }]
}

fn saved(app: &mut App, result: Result<String, String>) -> Vec<Effect> {
    let Some(saving) = app.drafts.bulk_saving.take() else {
        return Vec::new();
    };
    let lang = app.spec.lang;
    let name = app.catalog.vendors[saving.vendor]
        .info
        .name
        .get(lang)
        .to_string();
    match result {
        Ok(path) => {
            let n = saving.before.len();
            let text = match lang {
                crate::catalog::Lang::En => {
                    format!("Confirmed {n} drafts of {name} as not stated; saved to {path}")
                }
                crate::catalog::Lang::Ja => {
                    format!("{name}の下書き{n}件を「記載なし」で確定し、{path} に保存しました")
                }
            };
            say(app, &text);
            // The new wording is searchable once the index is built again.
            vec![Effect::BuildIndex {
                catalog: app.catalog.clone(),
            }]
        }
        Err(e) => {
            let vendor = &mut app.catalog_mut().vendors[saving.vendor];
            for (ai, answer) in saving.before {
                if let Some(slot) = vendor.answers.get_mut(ai) {
                    *slot = answer;
                }
            }
            fail(app, format!("Not saved, nothing changed: {e}"));
            refresh(app);
            Vec::new()
        }
    }
}
