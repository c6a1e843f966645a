//! The review queue: the draft panel ([`super::drafts`]) walking every draft of the shown
//! vendors' own files, control by control ([`crate::drafts::queue`]); and the list that confirms
//! at once a vendor's drafts where nothing was found ([`crate::drafts::bulk`] has the rule).
//! Every decision is saved at once, as in the panel (merged with what the file holds, kept if
//! the save fails); the browser follows the queue, so that closing it leaves the last draft on
//! screen. The list itself is [`super::bulk`].

use super::action::Action;
use super::app::{App, Focus, InputMode, Message, NavItem};
use super::drafts::Panel;
use super::update::Effect;
use crate::catalog::Origin;
use crate::drafts::queue::{Stop, Walk};

/// The queue a draft panel walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queue {
    /// Drafts left among the shown vendors' own files, counted after every action.
    pub left: usize,
}

/// The vendors the queue walks: the shown ones whose files are the user's, in column order
/// (only those are edited here).
pub(super) fn walked_vendors(app: &App) -> Vec<usize> {
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
                step(app, from, forward, false, &mut Vec::new());
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
        Action::BulkListed { vendor, result } => super::bulk::listed(app, vendor, result),
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
                    crate::words::Phrase::NothingConfirmed.get(app.spec.lang),
                );
            }
        }
        Action::BulkConfirm => return super::bulk::confirm(app),
        Action::BulkSaved(save) => return super::bulk::saved(app, *save),
        _ => {}
    }
    Vec::new()
}

pub(super) fn say(app: &mut App, text: &str) {
    app.status.message = Some(Message {
        text: text.to_string(),
        error: false,
    });
}

/// Says `text` after what the save among `effects` will say when it is done (it speaks
/// last), or at once when nothing is being saved.
fn say_after_save(app: &mut App, effects: &mut [Effect], text: &str) {
    let saving = effects.iter_mut().find_map(|e| match e {
        Effect::SaveDraft { done, .. } => Some(done),
        _ => None,
    });
    match saving {
        Some(done) => *done = format!("{done}. {text}"),
        None => say(app, text),
    }
}

pub(super) fn fail(app: &mut App, text: String) {
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
            true => crate::words::Phrase::NoDraftInYourFiles.get(app.spec.lang),
            false => crate::words::Phrase::NoDraftLeft.get(app.spec.lang),
        };
        return say(app, text);
    };
    go_to(app, stop);
}

/// The next (or previous) draft after `from`; closes the queue when none is left. What it
/// says comes after the report of a save among `effects`.
fn step(app: &mut App, from: Stop, forward: bool, confirmed: bool, effects: &mut [Effect]) {
    let vendors = walked_vendors(app);
    let walk = Walk::new(&app.catalog, &vendors);
    let Some(to) = walk.step(from, forward) else {
        app.input = InputMode::Normal;
        return say_after_save(
            app,
            effects,
            crate::words::Phrase::EveryDraftReviewed.get(app.spec.lang),
        );
    };
    let wrapped = walk.wrapped(from, to, forward);
    let same = to == from;
    go_to(app, to);
    let lang = app.spec.lang;
    if same && !confirmed {
        say(app, crate::words::Phrase::LastDraftLeft.get(lang));
    } else if wrapped {
        say_after_save(app, effects, crate::words::Phrase::QueueWentRound.get(lang));
    }
}

/// The panel on the draft at `stop`, in the queue, with the browser on the same answer.
pub(super) fn go_to(app: &mut App, stop: Stop) {
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

/// After the panel's draft is confirmed (its save among `effects`): the queue goes on to the
/// next draft; the panel opened on one draft closes.
pub fn after_confirm(app: &mut App, effects: &mut [Effect]) {
    match app.input.draft_panel().cloned() {
        Some(Panel {
            queue: Some(_),
            vendor,
            control,
            ..
        }) => step(app, Stop { control, vendor }, true, true, effects),
        _ => app.input = InputMode::Normal,
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
