//! Work the update asks the shell to do: I/O stays out of the state machine. Each effect's
//! result comes back to the update as an action.

use super::searcher::Request;
use crate::catalog::Catalog;
use crate::reviews::Reviews;
use crate::search::SearchIndex;
use std::path::PathBuf;
use std::sync::Arc;

/// Work the update asks the shell to do (I/O stays out of the state machine).
#[derive(Debug, Clone)]
pub enum Effect {
    /// Write `contents` to a new file `stem.extension` in `dir`, then report back with
    /// [`Action::Exported`](super::action::Action::Exported).
    Export {
        dir: PathBuf,
        stem: String,
        extension: &'static str,
        contents: Vec<u8>,
    },
    /// Put `text` (the comparison of `controls` controls) on the clipboard, then report back
    /// with [`Action::Copied`](super::action::Action::Copied).
    Copy { text: String, controls: usize },
    /// Search in the background, then report back with [`Action::SearchDone`](super::action::Action::SearchDone).
    Search {
        request: Request,
        index: SearchIndex,
    },
    /// Build the search index of `catalog`, then report back with [`Action::IndexReady`](super::action::Action::IndexReady).
    BuildIndex { catalog: Arc<Catalog> },
    /// Save `ours` (the reviews, read from the file as `base`) merged with what the file holds
    /// now, then report back with [`Action::ReviewsSaved`](super::action::Action::ReviewsSaved).
    SaveReviews {
        path: PathBuf,
        base: Reviews,
        ours: Reviews,
    },
    /// Save `ours`, `vendor`'s answer to `control` changed from `base`, into its vendor file
    /// (merged with what the file holds, checked against the catalogue's controls), then
    /// report back with [`Action::DraftSaved`](super::action::Action::DraftSaved).
    SaveDraft {
        path: PathBuf,
        controls: Vec<(String, crate::catalog::ControlKind)>,
        vendor: usize,
        control: usize,
        base: Box<crate::catalog::Answer>,
        ours: Box<crate::catalog::Answer>,
        done: String,
        /// Recorded as the vendor's assessment date when the save confirms its last draft.
        today: Option<jiff::civil::Date>,
    },
    /// Keep the changes not saved in the state directory (or remove the file when none is
    /// left), then report back with [`Action::UnsavedKept`](super::action::Action::UnsavedKept).
    KeepUnsaved(super::unsaved::Keep),
    /// Keep the text being typed into a draft (or forget it, for `None`), then report back
    /// with [`Action::DraftTextKept`](super::action::Action::DraftTextKept).
    KeepDraftText {
        path: PathBuf,
        kept: Option<super::drafts::Kept>,
    },
    /// Read the confidences the importer wrote in a vendor's file, then report back with
    /// [`Action::BulkListed`](super::action::Action::BulkListed).
    ReadConfidences { vendor: usize, path: PathBuf },
    /// Save several answers of `vendor` into its file at once (each merged with what the file
    /// holds; all or nothing), then report back with
    /// [`Action::BulkSaved`](super::action::Action::BulkSaved).
    SaveDrafts {
        path: PathBuf,
        controls: Vec<(String, crate::catalog::ControlKind)>,
        vendor: usize,
        /// Each answer as it was read (`base`) and as confirmed (`ours`).
        changes: Vec<(crate::catalog::Answer, crate::catalog::Answer)>,
        /// Recorded as the vendor's assessment date when the save confirms its last draft.
        today: Option<jiff::civil::Date>,
    },
    /// Read the requirements profiles of `dir` again (checked against `catalog`), then report
    /// back with [`Action::ProfilesRead`](super::action::Action::ProfilesRead).
    ReadProfiles { dir: PathBuf, catalog: Arc<Catalog> },
}
