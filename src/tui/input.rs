//! What keys mean right now: the input mode, which holds the state of the overlay that has the
//! keyboard (a picker's cursor, the note being edited, the draft under review), so that state
//! exists only while its overlay is open and drawing an overlay reads only its own variant.

use super::app::NoteEditor;
use super::drafts::{FieldEdit, Panel};
use super::queue::Bulk;

/// What keys mean right now, with the state of the overlay that has them: a picker's cursor,
/// the note being edited, the draft under review exist only while their overlay is open, and
/// drawing an overlay reads only its own variant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum InputMode {
    #[default]
    Normal,
    Search,
    CategoryPicker {
        cursor: usize,
    },
    Help {
        /// Lines the help is scrolled down.
        scroll: u16,
    },
    /// Editing the note on an answer.
    Note(NoteEditor),
    /// Choosing the format of an export.
    ExportPicker {
        cursor: usize,
    },
    /// Reviewing a draft answer's candidates.
    Drafts(Panel),
    /// Typing a draft answer's summary or value, over its candidates.
    DraftEdit {
        panel: Panel,
        edit: FieldEdit,
    },
    /// Choosing the requirements profile the answers are judged against.
    ProfilePicker {
        /// 0 is "none", then the profiles.
        cursor: usize,
    },
    /// The list of a vendor's drafts where nothing was found, to confirm at once, over the
    /// draft under review (back to it when done or cancelled).
    BulkConfirm {
        panel: Panel,
        bulk: Bulk,
    },
}

/// An input mode without its state: what the key table's entries work in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Normal,
    Search,
    CategoryPicker,
    Help,
    Note,
    ExportPicker,
    Drafts,
    DraftEdit,
    ProfilePicker,
    BulkConfirm,
}

impl InputMode {
    pub fn kind(&self) -> InputKind {
        match self {
            InputMode::Normal => InputKind::Normal,
            InputMode::Search => InputKind::Search,
            InputMode::CategoryPicker { .. } => InputKind::CategoryPicker,
            InputMode::Help { .. } => InputKind::Help,
            InputMode::Note(_) => InputKind::Note,
            InputMode::ExportPicker { .. } => InputKind::ExportPicker,
            InputMode::Drafts(_) => InputKind::Drafts,
            InputMode::DraftEdit { .. } => InputKind::DraftEdit,
            InputMode::ProfilePicker { .. } => InputKind::ProfilePicker,
            InputMode::BulkConfirm { .. } => InputKind::BulkConfirm,
        }
    }

    /// The note being edited, if the note editor is open.
    pub fn note(&self) -> Option<&NoteEditor> {
        match self {
            InputMode::Note(editor) => Some(editor),
            _ => None,
        }
    }

    /// The draft under review, whether or not one of its fields is being typed.
    pub fn draft_panel(&self) -> Option<&Panel> {
        match self {
            InputMode::Drafts(panel) | InputMode::DraftEdit { panel, .. } => Some(panel),
            _ => None,
        }
    }

    pub fn draft_panel_mut(&mut self) -> Option<&mut Panel> {
        match self {
            InputMode::Drafts(panel) | InputMode::DraftEdit { panel, .. } => Some(panel),
            _ => None,
        }
    }

    /// The draft's field being typed, if one is.
    pub fn draft_field(&self) -> Option<&FieldEdit> {
        match self {
            InputMode::DraftEdit { edit, .. } => Some(edit),
            _ => None,
        }
    }

    pub fn draft_field_mut(&mut self) -> Option<&mut FieldEdit> {
        match self {
            InputMode::DraftEdit { edit, .. } => Some(edit),
            _ => None,
        }
    }
}
