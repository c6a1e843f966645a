//! What the browser remembers between runs: where the user was and how they had it set up.

use super::app::{App, Mode, NavItem};
use crate::catalog::{yaml, Lang, Problem};
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
}

impl Remembered {
    /// What to remember of the app.
    pub fn of(app: &App) -> Remembered {
        let c = &app.catalog;
        let (control, category) = match app.selected {
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
                .zip(&app.expanded)
                .filter(|(_, &e)| e)
                .map(|(cat, _)| cat.id.clone())
                .collect(),
            vendors: app
                .vendors
                .iter()
                .map(|&v| c.vendors[v].id().to_string())
                .collect(),
            only_differences: app.only_differences,
            only_unstated: app.only_unstated,
            verdict: app.verdict,
            language: app.lang,
            matrix: app.mode == Mode::Matrix,
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
            app.vendors = vendors;
        }
        let expanded: Vec<bool> = c
            .categories
            .iter()
            .map(|cat| self.expanded.contains(&cat.id))
            .collect();
        if expanded.iter().any(|&e| e) {
            app.expanded = expanded;
        }
        if let Some(i) = self.control.as_deref().and_then(|id| c.control_index(id)) {
            app.expanded[c.controls[i].category] = true;
            app.selected = Some(NavItem::Control(i));
        } else if let Some(i) = self.category.as_deref().and_then(|id| c.category_index(id)) {
            app.selected = Some(NavItem::Category(i));
        }
        app.only_differences = self.only_differences;
        app.only_unstated = self.only_unstated;
        app.verdict = self.verdict;
        app.lang = self.language;
        app.mode = if self.matrix {
            Mode::Matrix
        } else {
            Mode::Control
        };
    }

    /// Reads the state file; a missing file is nothing remembered.
    pub fn load(path: &Path) -> Result<Option<Remembered>, Problem> {
        let name = path.display().to_string();
        match yaml::read_bounded(path) {
            Ok(bytes) => yaml::read::<Remembered>(&name, &bytes).map(|(r, _)| Some(r)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Problem::new(&name, (0, 0), format!("cannot read: {e}"))
                .hint("check the file's permissions, or delete it to start afresh")),
        }
    }

    /// Writes the state file atomically, creating its directory.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_yaml::to_string(self).expect("state serializes");
        crate::export::write::write_atomic(path, text.as_bytes())
    }
}
