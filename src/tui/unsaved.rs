//! Changes that could not be saved (a reviews file on a read-only or full disk, a lock that is
//! not a file, a vendor file broken by hand): kept in memory and in the state directory
//! (`unsaved.yaml`, private to its owner), said on screen until they are saved, asked about
//! before quitting, and offered back at the next start. A signal or a lost terminal, with no
//! one to ask, leaves them in the file.
//!
//! Each change is kept with the version it was made on (`base`), so that saving it later merges
//! it with whatever the file holds by then, as every save does: a review through the reviews
//! merge, an answer through [`crate::drafts::merge`].

use super::action::Action;
use super::app::{App, InputMode, Message};
use super::update::Effect;
use crate::catalog::{yaml, Answer, Problem};
use crate::reviews::{Review, Reviews};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where the changes are kept: beside the state file.
pub const UNSAVED_FILE: &str = "unsaved.yaml";

/// Changes not saved, as the state directory keeps them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unsaved {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<UnsavedReview>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<UnsavedAnswer>,
}

/// A review changed (`ours`; `None`: removed) from `base` (`None`: there was none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnsavedReview {
    pub file: PathBuf,
    pub vendor: String,
    pub control: String,
    #[serde(default)]
    pub base: Option<Review>,
    #[serde(default)]
    pub ours: Option<Review>,
}

/// A vendor's answer changed in the draft review (`ours`) from `base`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnsavedAnswer {
    pub file: PathBuf,
    pub vendor: String,
    pub base: Answer,
    pub ours: Answer,
}

/// What a kept change is about: its file, vendor and control.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Review(PathBuf, String, String),
    Answer(PathBuf, String, String),
}

impl UnsavedAnswer {
    fn key(&self) -> Key {
        Key::Answer(
            self.file.clone(),
            self.vendor.clone(),
            self.ours.control.clone().into_owned(),
        )
    }
}

impl UnsavedReview {
    fn key(&self) -> Key {
        Key::Review(self.file.clone(), self.vendor.clone(), self.control.clone())
    }
}

impl Unsaved {
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty() && self.answers.is_empty()
    }

    pub fn len(&self) -> usize {
        self.reviews.len() + self.answers.len()
    }

    fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.reviews
            .iter()
            .map(UnsavedReview::key)
            .chain(self.answers.iter().map(UnsavedAnswer::key))
    }

    /// The reviews changed in `ours` since `base`, both read from `file`.
    pub fn set_reviews(&mut self, file: &Path, base: &Reviews, ours: &Reviews) {
        let keys: BTreeSet<(String, String)> = base
            .iter()
            .chain(ours.iter())
            .map(|r| (r.vendor.clone(), r.control.clone()))
            .collect();
        self.reviews = keys
            .into_iter()
            .filter_map(|(vendor, control)| {
                let (b, o) = (base.get(&vendor, &control), ours.get(&vendor, &control));
                (b != o).then(|| UnsavedReview {
                    file: file.to_path_buf(),
                    base: b.cloned(),
                    ours: o.cloned(),
                    vendor,
                    control,
                })
            })
            .collect();
    }

    /// The answer kept for `vendor`'s `control`, if one is.
    pub fn answer(&self, vendor: &str, control: &str) -> Option<&UnsavedAnswer> {
        self.answers
            .iter()
            .find(|a| a.vendor == vendor && a.ours.control == control)
    }

    /// Keeps `ours` for its vendor and control; a change kept already keeps its base.
    pub fn keep_answer(&mut self, file: &Path, vendor: &str, base: &Answer, ours: &Answer) {
        match self
            .answers
            .iter_mut()
            .find(|a| a.vendor == vendor && a.ours.control == ours.control)
        {
            Some(kept) => kept.ours = ours.clone(),
            None => self.answers.push(UnsavedAnswer {
                file: file.to_path_buf(),
                vendor: vendor.to_string(),
                base: base.clone(),
                ours: ours.clone(),
            }),
        }
    }

    /// Forgets the answer kept for `vendor`'s `control` (it is saved); returns whether one was.
    pub fn forget_answer(&mut self, vendor: &str, control: &str) -> bool {
        let before = self.answers.len();
        self.answers
            .retain(|a| !(a.vendor == vendor && a.ours.control == control));
        self.answers.len() != before
    }

    /// These changes, and those of `other` about anything else.
    fn with(&self, other: &Unsaved, skip: &BTreeSet<Key>) -> Unsaved {
        let mut out = self.clone();
        out.reviews.extend(
            other
                .reviews
                .iter()
                .filter(|r| !skip.contains(&r.key()))
                .cloned(),
        );
        out.answers.extend(
            other
                .answers
                .iter()
                .filter(|a| !skip.contains(&a.key()))
                .cloned(),
        );
        out
    }
}

/// The app's changes not saved, and those of the last run not taken up yet.
#[derive(Debug, Clone, Default)]
pub struct Pending {
    /// `STATE/unsaved.yaml`.
    pub path: Option<PathBuf>,
    /// The reviews file, where a review kept is saved (even when it could not be read at the
    /// start: it may be fixed meanwhile).
    pub reviews_file: Option<PathBuf>,
    /// Changes of this run not saved yet.
    pub changes: Unsaved,
    /// The last run's changes, offered at the start and neither saved nor dropped yet.
    pub offered: Unsaved,
    /// Why the last save failed.
    pub why: Option<String>,
    /// Quit once the changes being saved again are saved.
    pub quit_when_saved: bool,
    /// Saves asked for by [`Action::SaveUnsaved`] whose report has not come yet.
    in_flight: usize,
    /// Whatever this kurabe has kept in the file: another kurabe's changes kept there are left
    /// as they are.
    handled: BTreeSet<Key>,
}

impl Pending {
    /// Whether quitting now would leave something unsaved (kept in the file all the same).
    pub fn any(&self) -> bool {
        !self.changes.is_empty()
    }

    /// What the file is to hold now, and what it held that this kurabe wrote or read: the
    /// effect that writes it gets both.
    pub fn to_keep(&mut self) -> Option<Keep> {
        self.handled.extend(self.changes.keys());
        self.handled.extend(self.offered.keys());
        self.keep_now()
    }

    /// [`Pending::to_keep`] as things stand (for the way out, where nothing changes after).
    pub fn keep_now(&self) -> Option<Keep> {
        let path = self.path.clone()?;
        let mut handled = self.handled.clone();
        handled.extend(self.changes.keys());
        handled.extend(self.offered.keys());
        Some(Keep {
            path,
            unsaved: self.changes.with(&self.offered, &BTreeSet::new()),
            handled,
        })
    }

    /// Reads the last run's changes (a missing file is none) as the offer of this start.
    pub fn load(&mut self, path: &Path) -> Result<(), Problem> {
        self.path = Some(path.to_path_buf());
        if let Some((offered, _)) = yaml::read_optional::<Unsaved>(path)? {
            self.handled.extend(offered.keys());
            self.offered = offered;
        }
        Ok(())
    }
}

/// The unsaved file to write: `unsaved`, with whatever else it holds now that is not one of
/// `handled` (another kurabe's).
#[derive(Debug, Clone, PartialEq)]
pub struct Keep {
    pub path: PathBuf,
    pub unsaved: Unsaved,
    pub handled: BTreeSet<Key>,
}

impl Keep {
    /// Writes the file (removes it when nothing is left), private to its owner.
    pub fn write(&self) -> Result<(), String> {
        if self.unsaved.is_empty() && self.handled.is_empty() {
            // Nothing of this kurabe's: whatever the file holds is another's.
            return Ok(());
        }
        let others = match yaml::read_optional::<Unsaved>(&self.path) {
            Ok(found) => found.map(|(u, _)| u).unwrap_or_default(),
            // Unreadable: replaced (what it held could not be offered anyway).
            Err(_) => Unsaved::default(),
        };
        let all = self.unsaved.with(&others, &self.handled);
        let result = if all.is_empty() {
            match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        } else {
            let text = format!(
                "# kurabe: changes that could not be saved, offered again at the next start.\n{}",
                serde_yaml::to_string(&all).map_err(|e| e.to_string())?
            );
            self.path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|_| crate::files::write_atomic_private(&self.path, text.as_bytes()))
        };
        result.map_err(|e| {
            format!(
                "cannot keep the unsaved changes in {}: {e}",
                self.path.display()
            )
        })
    }
}

/// The effect that keeps the changes not saved, as they are now.
pub fn keep_effect(app: &mut App) -> Option<Effect> {
    app.unsaved.to_keep().map(Effect::KeepUnsaved)
}

/// Keeps the reviews changed since they were read (a save failed: `why`).
pub fn keep_reviews(app: &mut App, why: &str) -> Option<Effect> {
    let file = app.unsaved.reviews_file.clone()?;
    app.unsaved
        .changes
        .set_reviews(&file, &app.files.reviews_base, &app.reviews);
    app.unsaved.why = Some(why.to_string());
    keep_effect(app)
}

/// Opens the offer of the last run's changes, if there are any and nothing else was opened.
pub fn offer(app: &mut App) {
    if !app.unsaved.offered.is_empty() && app.input == InputMode::Normal {
        app.input = InputMode::UnsavedOffer;
    }
}

/// Quitting: asked first when changes are not saved (asked twice, it quits; they stay in the
/// state directory).
pub fn quit(app: &mut App) {
    if app.unsaved.any() && !matches!(app.input, InputMode::QuitPrompt { .. }) {
        let back = std::mem::take(&mut app.input);
        app.input = InputMode::QuitPrompt {
            back: Box::new(back),
        };
    } else {
        app.quit = true;
    }
}

/// Whether [`update`] is the place for an action.
pub fn handles(action: &Action) -> bool {
    matches!(
        action,
        Action::SaveUnsaved | Action::DropUnsaved | Action::UnsavedKept(_)
    )
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let lang = app.spec.lang;
    match action {
        Action::SaveUnsaved => {
            let quitting = matches!(app.input, InputMode::QuitPrompt { .. });
            let mut effects = Vec::new();
            app.input = match std::mem::take(&mut app.input) {
                InputMode::QuitPrompt { back } => *back,
                InputMode::UnsavedOffer => {
                    take_offer(app);
                    effects.extend(keep_effect(app));
                    InputMode::Normal
                }
                other => other,
            };
            let saves = save_all(app);
            if quitting {
                app.unsaved.quit_when_saved = true;
                app.unsaved.in_flight = saves.len();
                if saves.is_empty() {
                    app.quit = true;
                }
            }
            effects.splice(0..0, saves);
            effects
        }
        Action::DropUnsaved => {
            let dropped = std::mem::take(&mut app.unsaved.offered).len();
            app.input = InputMode::Normal;
            app.status.message = Some(Message {
                text: crate::words::dropped_changes(dropped, lang),
                error: false,
            });
            keep_effect(app).into_iter().collect()
        }
        Action::UnsavedKept(Err(e)) => {
            app.status.message = Some(Message {
                text: format!("{e} — {}", crate::words::Phrase::OnlyInMemory.get(lang)),
                error: true,
            });
            app.unsaved.why = Some(e);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// After each save's report: quits when every change asked to be saved before quitting is;
/// asks again when one is still not.
pub fn after_save(app: &mut App) -> Vec<Effect> {
    let pending = &mut app.unsaved;
    if !pending.quit_when_saved {
        return Vec::new();
    }
    pending.in_flight = pending.in_flight.saturating_sub(1);
    if pending.in_flight > 0 {
        return Vec::new();
    }
    pending.quit_when_saved = false;
    if pending.any() {
        quit(app);
    } else {
        app.quit = true;
    }
    Vec::new()
}

/// The saves of every change not saved: the reviews (merged with the file), each answer
/// (merged with its vendor file).
fn save_all(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let (false, Some(path)) = (
        app.unsaved.changes.reviews.is_empty(),
        app.unsaved.reviews_file.clone(),
    ) {
        effects.push(Effect::SaveReviews {
            path,
            base: app.files.reviews_base.clone(),
            ours: app.reviews.clone(),
        });
    }
    for kept in app.unsaved.changes.answers.clone() {
        let found = app
            .catalog
            .vendor_index(&kept.vendor)
            .zip(app.catalog.control_index(&kept.ours.control));
        match found {
            Some((vendor, control)) => effects.push(super::draft_saves::save_effect(
                app,
                vendor,
                control,
                kept.file.clone(),
                kept.base.clone(),
                kept.ours.clone(),
                crate::words::Phrase::SavedTheChangeKept.get(app.spec.lang),
            )),
            None => {
                app.unsaved.why = Some(format!(
                    "{} / {} is not in the catalogue any more",
                    kept.vendor, kept.ours.control
                ))
            }
        }
    }
    effects
}

/// Takes the last run's changes into this one, as they were when they could not be saved: a
/// review's change on the review it was made on, an answer's on its answer. What no longer
/// has a place here (another reviews file, a vendor or control gone) stays offered.
fn take_offer(app: &mut App) {
    let offered = std::mem::take(&mut app.unsaved.offered);
    let reviews_file = app.unsaved.reviews_file.clone();
    let mut left = Unsaved::default();
    for kept in offered.reviews {
        if Some(&kept.file) != reviews_file.as_ref() {
            left.reviews.push(kept);
            continue;
        }
        let (vendor, control) = (&kept.vendor, &kept.control);
        app.files.reviews_base.remove(vendor, control);
        app.reviews.remove(vendor, control);
        if let Some(base) = kept.base {
            app.files.reviews_base.insert(base);
        }
        if let Some(ours) = kept.ours {
            app.reviews.insert(ours);
        }
    }
    if let Some(file) = &reviews_file {
        app.unsaved
            .changes
            .set_reviews(file, &app.files.reviews_base, &app.reviews);
    }
    for kept in offered.answers {
        let at = app.catalog.vendor_index(&kept.vendor).and_then(|v| {
            app.catalog.vendors[v]
                .answers
                .iter()
                .position(|a| a.control == kept.ours.control)
                .map(|ai| (v, ai))
        });
        let Some((v, ai)) = at else {
            left.answers.push(kept);
            continue;
        };
        app.catalog_mut().vendors[v].answers[ai] = kept.ours.clone();
        app.unsaved
            .changes
            .keep_answer(&kept.file, &kept.vendor, &kept.base, &kept.ours);
    }
    app.unsaved.offered = left;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(vendor: &str, note: &str) -> Review {
        Review {
            vendor: vendor.into(),
            control: "c".into(),
            verdict: None,
            note: note.into(),
            fingerprint: "v2-0".into(),
            changed: None,
            by: None,
        }
    }

    #[test]
    fn only_the_reviews_changed_are_kept_and_another_kurabes_stay_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join(UNSAVED_FILE);
        let file = dir.path().join("reviews.yaml");
        let mut base = Reviews::default();
        base.insert(review("a", "same"));
        base.insert(review("b", "before"));
        let mut ours = base.clone();
        ours.insert(review("b", "after"));
        ours.insert(review("c", "new"));
        let mut mine = Pending {
            path: Some(path.clone()),
            ..Pending::default()
        };
        mine.changes.set_reviews(&file, &base, &ours);
        let kept: Vec<&str> = mine
            .changes
            .reviews
            .iter()
            .map(|r| r.vendor.as_str())
            .collect();
        assert_eq!(kept, ["b", "c"]);
        mine.to_keep().unwrap().write().unwrap();
        // Another kurabe keeps one of its own meanwhile, then this one saves its changes.
        let mut other = Pending::default();
        other.changes.reviews.push(UnsavedReview {
            file: file.clone(),
            vendor: "z".into(),
            control: "c".into(),
            base: None,
            ours: Some(review("z", "theirs")),
        });
        other.path = Some(path.clone());
        other.to_keep().unwrap().write().unwrap();
        mine.changes = Unsaved::default();
        mine.to_keep().unwrap().write().unwrap();
        let (left, _) = yaml::read_optional::<Unsaved>(&path).unwrap().unwrap();
        let left: Vec<&str> = left.reviews.iter().map(|r| r.vendor.as_str()).collect();
        assert_eq!(left, ["z"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "notes may be confidential");
        }
        other.changes = Unsaved::default();
        other.to_keep().unwrap().write().unwrap();
        assert!(!path.exists(), "nothing left, no file");
    }
}
