//! kurabe (比べ, "compare"): cloud vendors' security disclosures, side by side.
//!
//! The pure core: [`catalog`] (model, loading, validation), [`search`], [`view`] (the current
//! view derived from catalogue + UI state) and [`export`]. The terminal shell is [`tui`]; the
//! command line is [`cli`]; both start from a [`session`].

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::panic))]

pub mod catalog;
pub mod changes;
pub mod cli;
pub mod config;
pub mod drafts;
pub mod export;
pub mod files;
pub mod freshness;
pub mod import;
pub mod parallel;
pub mod paths;
pub mod requirements;
pub mod reviews;
pub mod sanitize;
pub mod search;
pub mod session;
pub mod text;
pub mod tui;
pub mod values;
pub mod view;
pub mod words;
