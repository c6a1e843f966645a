//! What a user can ask for, independent of which key asked.

/// A typed intent. Keys and mouse events map to these; [`super::update::update`] applies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Expand/collapse a category, or open the selected control.
    Enter,
    SwitchPane,
    Back,
    StartSearch,
    /// A character typed into the search box.
    SearchInput(char),
    SearchBackspace,
    /// Empty the query, staying in the search box (readline's Ctrl-U).
    SearchClear,
    /// Leave the search box, keeping the query.
    SearchAccept,
    ToggleVendor(usize),
    ToggleDifferences,
    ToggleUnstated,
    /// Show only the vendors due for re-assessment; again, every vendor.
    ShowDueVendors,
    OpenCategoryPicker,
    ToggleViewMode,
    ToggleLanguage,
    ToggleHelp,
    /// Scroll the help a line (or a page) down or up.
    HelpScroll {
        down: bool,
        page: bool,
    },
    /// Open the export picker (markdown / Excel / CSV).
    Export,
    /// Export the current view in this format.
    ExportAs(super::export::ExportFormat),
    /// Copy the comparison in view to the clipboard as tab-separated text.
    Copy,
    /// The result of a copy: how it was copied, or what went wrong.
    Copied {
        controls: usize,
        result: Result<super::clipboard::Via, String>,
    },
    /// The result of writing an export: the path, or what went wrong.
    Exported(Result<std::path::PathBuf, String>),
    /// Cycle the verdict on the selected answer: none → acceptable → follow-up → risk.
    CycleVerdict,
    /// Open the note editor on the selected answer.
    EditNote,
    /// An edit in the note editor.
    Note(NoteEdit),
    /// Save the note being edited.
    SaveNote,
    /// Cycle the verdict filter: off → acceptable → follow-up → risk.
    CycleVerdictFilter,
    /// Only controls where a shown vendor's answer is a draft.
    ToggleDraftsFilter,
    /// Only controls where a shown vendor's answer changed in an update (a draft that keeps
    /// what it said before).
    ToggleChangedFilter,
    /// Show every draft as "draft (not reviewed)", nothing of its content; or show them again.
    ToggleMaskDrafts,
    /// Open the candidates panel of the selected draft answer.
    OpenDraft,
    /// In the candidates panel: move the cursor down or up.
    DraftMove {
        down: bool,
    },
    /// Take the candidate under the cursor as a quote, or a quote back to the candidates.
    DraftToggle,
    /// The documents say nothing: not stated, quotes cleared.
    DraftReject,
    /// The next polarity (yes / no / conditional / none) of a yes/no draft.
    DraftPolarity,
    /// Start typing a field of the draft.
    DraftEdit(super::drafts::Field),
    /// The reviewer has checked the draft: it is no longer one.
    DraftConfirm,
    DraftClose,
    /// An edit of the field being typed.
    DraftText(NoteEdit),
    /// Keep what was typed in the field.
    DraftTextSave,
    DraftTextCancel,
    /// The result of saving a draft answer into its vendor file.
    DraftSaved(Box<super::draft_saves::DraftSave>),
    /// Settle the first conflict of the answer under review: keep what it holds, or take the
    /// other change.
    DraftSettle {
        take_theirs: bool,
    },
    /// The result of keeping (or forgetting) the text being typed in the state directory.
    DraftTextKept(Result<(), String>),
    /// Open the review queue: the draft panel on the first draft at or after the selected
    /// answer, walking every draft of the shown vendors.
    OpenQueue,
    /// In the draft panel: the next (or previous) draft of the queue.
    QueueStep {
        forward: bool,
    },
    /// In the draft panel: list the vendor's drafts where nothing was found, to confirm at once.
    BulkOpen,
    /// The confidences the importer wrote in a vendor's file (by control id, in hundredths),
    /// read for the bulk list; or why they could not be.
    BulkListed {
        vendor: usize,
        result: Result<crate::drafts::bulk::Confidences, String>,
    },
    /// In the bulk list: move the cursor down or up, a line or a page.
    BulkMove {
        down: bool,
        page: bool,
    },
    /// In the bulk list: leave the draft under the cursor out (for the queue), or take it back.
    BulkToggle,
    /// Confirm every draft of the bulk list kept in.
    BulkConfirm,
    /// Close the bulk list, confirming nothing.
    BulkCancel,
    /// The result of saving the drafts confirmed at once.
    BulkSaved(Box<super::bulk::BulkSave>),
    /// Open the requirements profile picker (the profiles are read again first).
    OpenProfilePicker,
    /// The requirements profiles, read again: the picker opens on them.
    ProfilesRead(super::profiles::Reread),
    /// Only controls where a shown vendor fails a requirement.
    ToggleFailing,
    /// Only controls where a shown vendor leaves a requirement unresolved.
    ToggleUnresolved,
    /// Order the shown vendors by their scorecards against the active profile.
    SortByScore,
    /// Write the follow-up questionnaire for the selected vendor.
    WriteFollowup,
    /// A background search finished.
    SearchDone(super::searcher::Done),
    /// The search index was built (after the first frame, or again after a draft was saved).
    IndexReady(super::searcher::Built),
    /// The result of saving the reviews file: what it holds now, merged with other saves.
    ReviewsSaved(Result<crate::reviews::merge::Merged, String>),
    ClickAt {
        column: u16,
        row: u16,
    },
    ScrollAt {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    Quit,
    /// Text that arrived at once (a bracketed paste): text for the focused input, never keys.
    Paste(String),
    /// Stop (Ctrl-Z): the shell gives the terminal back, stops, and redraws on `fg`.
    Suspend,
    /// Open the note editor on a draft left by the last run.
    OfferDraft(super::note::Draft),
    /// Save the changes not saved yet (and, asked when quitting, quit once they are).
    SaveUnsaved,
    /// Drop the changes of the last run that were offered at the start.
    DropUnsaved,
    /// The result of keeping (or forgetting) the unsaved changes in the state directory.
    UnsavedKept(Result<(), String>),
}

/// An edit of the note text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteEdit {
    Insert(char),
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
}
