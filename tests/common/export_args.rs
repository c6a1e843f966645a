//! `kurabe export`'s arguments as its command line defaults them, for tests to change.

use kurabe::cli::{ExportArgs, Format, LangArg};

/// `kurabe export` with no options: the whole catalogue as markdown, in English.
pub fn default_export_args() -> ExportArgs {
    ExportArgs {
        format: Format::Md,
        query: String::new(),
        category: None,
        control: None,
        vendors: Vec::new(),
        only_differences: false,
        only_unstated: false,
        verdict: None,
        requirements: None,
        only_failing: false,
        only_unresolved: false,
        no_drafts: false,
        lang: LangArg::En,
        today: None,
        stale_after_months: None,
        reassess_after_months: None,
        allow_problems: false,
    }
}
