//! What the browser remembers between runs: where the user was and how they had it set up.

use super::app::{App, Message, Mode, NavItem};
use crate::catalog::{yaml, Lang, Origin, Problem};
use crate::reviews::Verdict;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The remembered state, by ids (so it survives catalogue changes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remembered {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default)]
    pub expanded: Vec<String>,
    #[serde(default)]
    pub vendors: Vec<String>,
    #[serde(default)]
    pub only_differences: bool,
    #[serde(default)]
    pub only_unstated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub language: Lang,
    #[serde(default)]
    pub matrix: bool,
    /// The format `e` offers first.
    #[serde(default)]
    pub export_format: super::export::ExportFormat,
    /// The active requirements profile's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only_failing: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only_unresolved: bool,
    /// `D`: only the controls with a draft answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only_drafts: bool,
    /// `C`: only the controls with an answer an update changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only_changed: bool,
    /// Drafts shown as "draft (not reviewed)" only: kept, so that a restart never shows them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mask_drafts: bool,
    /// The user's own vendor files (`DATA/vendors`) of this run, by id: one that is not among
    /// them at the next start is new (just imported), and shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_vendors: Option<Vec<String>>,
}

impl Remembered {
    /// What to remember of the app.
    pub fn of(app: &App) -> Remembered {
        let c = &app.catalog;
        let (control, category) = match app.browser.selected {
            Some(NavItem::Control(i)) => (Some(c.controls[i].control.id.clone()), None),
            Some(NavItem::Category(i)) => (None, Some(c.categories[i].id.clone())),
            None => (None, None),
        };
        Remembered {
            control,
            category,
            expanded: c
                .categories
                .iter()
                .zip(&app.browser.expanded)
                .filter(|(_, &e)| e)
                .map(|(cat, _)| cat.id.clone())
                .collect(),
            vendors: app
                .spec
                .vendors
                .iter()
                .map(|&v| c.vendors[v].id().to_string())
                .collect(),
            only_differences: app.spec.only_differences,
            only_unstated: app.spec.only_unstated,
            verdict: app.spec.verdict,
            language: app.spec.lang,
            matrix: app.browser.mode == Mode::Matrix,
            export_format: app.pickers.export_format,
            profile: app.spec.requirements.as_ref().map(|p| p.id.clone()),
            only_failing: app.spec.only_failing,
            only_unresolved: app.spec.only_unresolved,
            only_drafts: app.spec.only_drafts,
            only_changed: app.spec.only_changed,
            mask_drafts: app.spec.mask_drafts,
            user_vendors: Some(
                c.vendors
                    .iter()
                    .filter(|v| v.origin == Origin::User)
                    .map(|v| v.id().to_string())
                    .collect(),
            ),
        }
    }

    /// Puts the app back as remembered; ids no longer in the catalogue are skipped.
    pub fn restore(&self, app: &mut App) {
        let c = &app.catalog;
        let vendors: Vec<usize> = self
            .vendors
            .iter()
            .filter_map(|id| c.vendor_index(id))
            .collect();
        if !vendors.is_empty() {
            app.spec.vendors = vendors;
        }
        let expanded: Vec<bool> = c
            .categories
            .iter()
            .map(|cat| self.expanded.contains(&cat.id))
            .collect();
        if expanded.iter().any(|&e| e) {
            app.browser.expanded = expanded;
        }
        if let Some(i) = self.control.as_deref().and_then(|id| c.control_index(id)) {
            app.browser.expanded[c.controls[i].category] = true;
            app.browser.selected = Some(NavItem::Control(i));
        } else if let Some(i) = self.category.as_deref().and_then(|id| c.category_index(id)) {
            app.browser.selected = Some(NavItem::Category(i));
        }
        app.spec.only_differences = self.only_differences;
        app.spec.only_unstated = self.only_unstated;
        app.spec.only_drafts = self.only_drafts;
        app.spec.only_changed = self.only_changed;
        app.spec.verdict = self.verdict;
        app.spec.lang = self.language;
        app.spec.mask_drafts = self.mask_drafts;
        app.pickers.export_format = self.export_format;
        // A profile no longer there (file removed or broken) is forgotten, and so are the
        // filters that need one.
        let profile = self
            .profile
            .as_deref()
            .is_some_and(|id| super::profiles::activate(app, id));
        app.spec.only_failing = profile && self.only_failing;
        app.spec.only_unresolved = profile && self.only_unresolved;
        app.browser.mode = if self.matrix {
            Mode::Matrix
        } else {
            Mode::Control
        };
        show_new_vendors(app, self.user_vendors.as_deref());
    }

    /// Reads the state file; a missing file is nothing remembered.
    pub fn load(path: &Path) -> Result<Option<Remembered>, Problem> {
        Ok(yaml::read_optional::<Remembered>(path)?.map(|(remembered, _)| remembered))
    }

    /// Writes the state file atomically, creating its directory.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_yaml::to_string(self)
            .expect("the state is strings, numbers, booleans and lists: it always serializes");
        crate::files::write_atomic(path, text.as_bytes())
    }
}

/// Shows the user's vendor files that are new since the last run, and says so: those not among
/// `known` (the user's vendors the last run had), or without it (no state, or one written
/// before kurabe remembered them) those with drafts not yet shown, as `kurabe import` leaves
/// them. A vendor the user hid stays hidden: it is not new.
pub fn show_new_vendors(app: &mut App, known: Option<&[String]>) {
    let new: Vec<usize> = app
        .catalog
        .vendors
        .iter()
        .enumerate()
        .filter(|(i, v)| v.origin == Origin::User && !app.spec.vendors.contains(i))
        .filter(|(_, v)| match known {
            Some(known) => !known.iter().any(|id| id == v.id()),
            None => v.answers.drafts() > 0,
        })
        .map(|(i, _)| i)
        .collect();
    if new.is_empty() {
        return;
    }
    let lang = app.spec.lang;
    let names: Vec<String> = new
        .iter()
        .map(|&v| {
            let vendor = &app.catalog.vendors[v];
            format!("{} {}", v + 1, vendor.info.name.get(lang))
        })
        .collect();
    app.spec.vendors.extend(&new);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let text = crate::words::screen::new_vendors_shown(&names, lang);
    app.status.message = Some(Message { text, error: false });
}
