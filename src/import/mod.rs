//! `kurabe import`: a draft vendor file from the vendor's own documents.
//!
//! [`source`] reads a file, [`segment`] cuts it into citable passages, [`matching`] ranks the
//! passages for every control, and [`draft`] turns the ranking into answers marked `draft: true`.
//! With `--update`, [`renew`] weighs a vendor's answers against a new version of its documents
//! (their version and date read by [`edition`]), or [`answers`] takes in the answered
//! questionnaire.

pub mod answers;
pub mod command;
pub mod draft;
pub mod edition;
pub mod matching;
pub mod output;
mod progress;
pub mod questionnaire;
pub mod renew;
pub mod segment;
pub mod source;
mod update;
mod update_docs;
pub mod verbatim;

pub use draft::{draft, Draft, DraftAnswer, ImportError, Options, STATED_FROM};
