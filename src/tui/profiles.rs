//! Requirements profiles in the browser: loading them at start, the `p` picker, the outcome
//! filters, ordering the vendors by score and `F`, the follow-up questionnaire of the selected
//! vendor. State changes only through [`super::update::update`], which calls these.

use super::action::Action;
use super::app::{App, InputMode, Message};
use super::update::{refresh_hits, Effect};
use crate::catalog::Problem;
use crate::export::followup;
use crate::requirements::{self, words as rwords, LoadedProfile};
use crate::view::outcomes::sorted_by_score;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Reads every profile of the requirements directory; files that do not load are shown like
/// every other load problem, and so are the warnings of those that do.
pub fn load_profiles(app: &mut App, dir: &Path) {
    let (profiles, problems) = requirements::load_dir(dir, &app.catalog);
    app.pickers.requirements_dir = Some(dir.to_path_buf());
    app.status.problems.extend(problems);
    for loaded in profiles {
        app.status.problems.extend(loaded.warnings);
        app.pickers.profiles.push(Arc::new(loaded.profile));
    }
}

/// The profiles of the requirements directory read again, handed to the app. Two are equal
/// only if they are the same hand-over (profiles hold numbers that have no `Eq`).
#[derive(Debug, Clone)]
pub struct Reread {
    dir: PathBuf,
    profiles: Vec<LoadedProfile>,
    problems: Vec<Problem>,
    id: u64,
}

impl Reread {
    pub fn new(dir: PathBuf, profiles: Vec<LoadedProfile>, problems: Vec<Problem>) -> Reread {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Reread {
            dir,
            profiles,
            problems,
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }
}

impl PartialEq for Reread {
    fn eq(&self, other: &Reread) -> bool {
        self.id == other.id
    }
}

impl Eq for Reread {}

/// `p`: the profiles are read again (a file added or changed since the start is offered), then
/// the picker opens; without a requirements directory it opens at once.
pub(super) fn read_and_open(app: &mut App) -> Option<Effect> {
    match app.pickers.requirements_dir.clone() {
        Some(dir) => Some(Effect::ReadProfiles {
            dir,
            catalog: app.catalog.clone(),
        }),
        None => {
            open_picker(app);
            None
        }
    }
}

/// Takes the profiles read again: the directory's problems replace those found before, the
/// active profile is its new reading (or, its file gone, stays as it was), then the picker
/// opens.
pub(super) fn reread(app: &mut App, read: Reread) {
    let in_dir = |p: &Problem| Path::new(&p.file).starts_with(&read.dir);
    let before: Vec<Problem> = app
        .status
        .problems
        .iter()
        .filter(|p| in_dir(p))
        .cloned()
        .collect();
    app.status.problems.retain(|p| !in_dir(p));
    let mut found = read.problems;
    app.pickers.profiles.clear();
    for loaded in read.profiles {
        found.extend(loaded.warnings);
        app.pickers.profiles.push(Arc::new(loaded.profile));
    }
    // New problems are shown even if the warning was dismissed.
    if found.iter().any(|p| !before.contains(p)) {
        app.status.problems_dismissed = false;
    }
    app.status.problems.extend(found);
    if let Some(active) = app.spec.requirements.clone() {
        if let Some(new) = app.pickers.profiles.iter().find(|p| p.id == active.id) {
            app.spec.requirements = Some(new.clone());
        }
    }
    open_picker(app);
}

/// Makes the profile with this id active, if it loaded; says whether it did.
pub fn activate(app: &mut App, id: &str) -> bool {
    match app.pickers.profiles.iter().find(|p| p.id == id) {
        Some(profile) => {
            app.spec.requirements = Some(profile.clone());
            true
        }
        None => false,
    }
}

fn say(app: &mut App, text: String, error: bool) {
    app.status.message = Some(Message { text, error });
}

fn no_profile(app: &mut App) {
    let text = if app.pickers.profiles.is_empty() {
        crate::words::Phrase::NoProfileLoaded.get(app.spec.lang)
    } else {
        crate::words::Phrase::PickProfileFirst.get(app.spec.lang)
    };
    say(app, text.to_string(), true);
}

pub(super) fn open_picker(app: &mut App) {
    let cursor = app
        .spec
        .requirements
        .as_ref()
        .and_then(|active| app.pickers.profiles.iter().position(|p| p.id == active.id))
        .map_or(0, |i| i + 1);
    app.input = InputMode::ProfilePicker { cursor };
}

/// Keys in the picker: its lines are "none", then each profile.
pub(super) fn picker(app: &mut App, action: Action) {
    let last = app.pickers.profiles.len();
    let InputMode::ProfilePicker { cursor } = &mut app.input else {
        return;
    };
    match action {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(last),
        Action::Top => *cursor = 0,
        Action::Bottom => *cursor = last,
        Action::Enter => {
            let line = *cursor;
            app.input = InputMode::Normal;
            choose(app, line);
        }
        _ => {}
    }
}

fn choose(app: &mut App, line: usize) {
    let lang = app.spec.lang;
    app.spec.requirements = line
        .checked_sub(1)
        .and_then(|i| app.pickers.profiles.get(i))
        .cloned();
    app.browser.scroll = 0;
    let text = match &app.spec.requirements {
        Some(p) => format!("{}: {}", rwords::profile_word(lang), p.name.get(lang)),
        None => {
            // Without a profile nothing fails and nothing is unresolved: these would hide all.
            app.spec.only_failing = false;
            app.spec.only_unresolved = false;
            crate::words::Phrase::NoRequirements.get(lang).to_string()
        }
    };
    refresh_hits(app);
    say(app, text, false);
}

pub(super) fn toggle_failing(app: &mut App) {
    if app.spec.requirements.is_none() && !app.spec.only_failing {
        return no_profile(app);
    }
    app.status.message = None;
    app.spec.only_failing = !app.spec.only_failing;
    app.browser.scroll = 0;
}

pub(super) fn toggle_unresolved(app: &mut App) {
    if app.spec.requirements.is_none() && !app.spec.only_unresolved {
        return no_profile(app);
    }
    app.status.message = None;
    app.spec.only_unresolved = !app.spec.only_unresolved;
    app.browser.scroll = 0;
}

/// Orders the shown vendors by score; the vendor cursor stays on its vendor.
pub(super) fn sort_by_score(app: &mut App) {
    let Some(profile) = app.spec.requirements.clone() else {
        return no_profile(app);
    };
    let under_cursor = app.current_vendor();
    app.spec.vendors = sorted_by_score(&profile, &app.catalog, &app.spec.vendors);
    if let Some(v) = under_cursor {
        app.browser.vendor_cursor = app.spec.vendors.iter().position(|&x| x == v).unwrap_or(0);
    }
    refresh_hits(app);
    let text =
        crate::words::screen::ordered_by_score(profile.name.get(app.spec.lang), app.spec.lang);
    say(app, text, false);
}

/// The follow-up questionnaire of the selected vendor, written like an export.
pub(super) fn followup(app: &mut App) -> Option<Effect> {
    let Some(profile) = app.spec.requirements.clone() else {
        no_profile(app);
        return None;
    };
    let vendor = app.current_vendor()?;
    let eval = requirements::evaluate(&profile, &app.catalog, &[vendor]);
    let one = eval.vendors.first()?;
    let contents = followup::render_markdown(&profile, &app.catalog, one);
    Some(Effect::Export {
        dir: app.files.export_dir.clone(),
        stem: format!(
            "kurabe-followup-{}-{}",
            app.catalog.vendors[vendor].id(),
            profile.id
        ),
        extension: "md",
        contents: contents.into_bytes(),
    })
}
