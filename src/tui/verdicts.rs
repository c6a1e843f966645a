//! Verdicts and notes changed in the browser, and what their saves did: the reviews are what
//! the file holds after each save (merged with the others' saves), or the change is kept until
//! it can be saved (see [`super::unsaved`]).

use super::app::{App, Message};
use super::update::Effect;
use crate::catalog::Lang;
use crate::reviews::Verdict;

/// Changes the review of `vendor`'s answer to `control` with `change(verdict, note)`, and asks
/// for the reviews to be saved.
pub(super) fn review_of(
    app: &mut App,
    vendor: usize,
    control: usize,
    change: impl FnOnce(Option<Verdict>, String) -> (Option<Verdict>, String),
) -> Option<Effect> {
    let vendor_id = app.catalog.vendors[vendor].id().to_string();
    let control_id = app.catalog.controls[control].control.id.clone();
    let current = app.reviews.get(&vendor_id, &control_id);
    let (verdict, note) = change(
        current.and_then(|r| r.verdict),
        current.map(|r| r.note.clone()).unwrap_or_default(),
    );
    let answer = app.catalog.answer(vendor, control).cloned();
    app.reviews.set_by(
        &vendor_id,
        &control_id,
        answer.as_ref(),
        verdict,
        note,
        jiff::Timestamp::now(),
        app.files.reviewer.clone(),
    );
    let name = app.catalog.vendors[vendor]
        .info
        .name
        .get(app.spec.lang)
        .to_string();
    let Some(path) = app.files.reviews_path.clone() else {
        // The reviews file could not be read at the start: saving would lose what it holds.
        // The change is kept, and saved once the file reads again.
        let kept = super::unsaved::keep_reviews(app, "the reviews file could not be read");
        app.status.message = Some(Message {
            text: crate::words::screen::verdict_kept_unreadable(
                &name,
                verdict_word(verdict, app.spec.lang),
                app.spec.lang,
            ),
            error: true,
        });
        return kept;
    };
    app.status.message = Some(Message {
        text: format!("{name}: {}", verdict_word(verdict, app.spec.lang)),
        error: false,
    });
    Some(Effect::SaveReviews {
        path,
        base: app.files.reviews_base.clone(),
        ours: app.reviews.clone(),
    })
}

/// What a save of the reviews did: the reviews are what the file holds now, or the changes are
/// kept until they can be saved.
pub(super) fn reviews_saved(
    app: &mut App,
    result: Result<crate::reviews::merge::Merged, String>,
) -> Vec<Effect> {
    let mut effects = Vec::new();
    match result {
        Ok(merged) => {
            if !merged.conflicts.is_empty() {
                app.status.message = Some(Message {
                    text: crate::words::reviews_merged(merged.conflicts.len(), app.spec.lang),
                    error: true,
                });
            }
            app.reviews = merged.reviews.clone();
            app.files.reviews_base = merged.reviews;
            // A file that could not be read at the start reads now.
            if app.files.reviews_path.is_none() {
                app.files.reviews_path = app.unsaved.reviews_file.clone();
            }
            if !app.unsaved.changes.reviews.is_empty() {
                app.unsaved.changes.reviews.clear();
                effects.extend(super::unsaved::keep_effect(app));
            }
        }
        Err(e) => {
            effects.extend(super::unsaved::keep_reviews(app, &e));
            app.status.message = Some(Message {
                text: crate::words::screen::reviews_not_saved(&e.to_string(), app.spec.lang),
                error: true,
            });
        }
    }
    effects.extend(super::unsaved::after_save(app));
    effects
}

/// A verdict as the status line says it, or that there is none.
pub(super) fn verdict_word(verdict: Option<Verdict>, lang: Lang) -> &'static str {
    match verdict {
        Some(v) => crate::reviews::words::verdict(v, lang),
        None => crate::words::Phrase::NoVerdict.get(lang),
    }
}
