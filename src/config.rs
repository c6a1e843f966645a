//! `config.yaml`: the user's defaults.

use crate::catalog::{yaml, Catalog, Lang, Problem};
use crate::freshness::DEFAULT_STALE_MONTHS;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// Colour unless `NO_COLOR` is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// The configuration file, every field optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `en` or `ja`: the language of titles and summaries at start.
    pub language: Option<Lang>,
    /// Vendor ids shown at start, in column order.
    pub vendors: Option<Vec<String>>,
    /// Where `e` writes exports (default: the current directory).
    pub export_dir: Option<PathBuf>,
    #[serde(default)]
    pub color: ColorChoice,
    /// Documents older than this many months are flagged stale (default 24).
    pub stale_after_months: Option<u32>,
    /// A vendor is due for re-assessment this many months after its last one (default 12).
    pub reassess_after_months: Option<u32>,
}

/// A configuration and where its vendor list stands, for messages.
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    pub config: Config,
    file: String,
    vendors_at: Vec<(usize, usize)>,
}

impl LoadedConfig {
    /// Reads `path`; a missing file is the defaults. An invalid file is reported and the
    /// defaults are used.
    pub fn load(path: &Path) -> (LoadedConfig, Option<Problem>) {
        let file = path.display().to_string();
        match yaml::read_optional::<Config>(path) {
            Ok(None) => (LoadedConfig::default(), None),
            Ok(Some((config, positions))) => {
                let vendors_at = (0..config.vendors.as_ref().map_or(0, Vec::len))
                    .map(|i| positions.at(&format!("vendors[{i}]")))
                    .collect();
                (
                    LoadedConfig {
                        config,
                        file,
                        vendors_at,
                    },
                    None,
                )
            }
            Err(mut p) => {
                p.message.push_str("; kurabe started on defaults");
                (LoadedConfig::default(), Some(p))
            }
        }
    }

    /// The vendors to show at start: the configured ones that exist, in the configured order,
    /// or all. Unknown ids are reported.
    pub fn shown_vendors(&self, catalog: &Catalog) -> (Vec<usize>, Vec<Problem>) {
        let Some(ids) = &self.config.vendors else {
            return ((0..catalog.vendors.len()).collect(), Vec::new());
        };
        let mut shown = Vec::new();
        let mut problems = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            match catalog.vendor_index(id) {
                Some(v) if !shown.contains(&v) => shown.push(v),
                Some(_) => {}
                None => problems.push(
                    Problem::new(
                        &self.file,
                        self.vendors_at[i],
                        format!("unknown vendor `{id}`"),
                    )
                    .hint("use an id that `kurabe export --format json` lists"),
                ),
            }
        }
        if shown.is_empty() {
            shown = (0..catalog.vendors.len()).collect();
        }
        (shown, problems)
    }

    /// The export directory, with a leading `~/` meaning the home directory.
    pub fn export_dir(&self) -> Option<PathBuf> {
        let dir = self.config.export_dir.as_ref()?;
        match dir.strip_prefix("~") {
            Ok(rest) => directories::BaseDirs::new().map(|b| b.home_dir().join(rest)),
            Err(_) => Some(dir.clone()),
        }
    }

    pub fn reassess_after_months(&self) -> u32 {
        self.config
            .reassess_after_months
            .unwrap_or(crate::freshness::DEFAULT_REASSESS_MONTHS)
    }

    pub fn stale_after_months(&self) -> u32 {
        self.config
            .stale_after_months
            .unwrap_or(DEFAULT_STALE_MONTHS)
    }
}
