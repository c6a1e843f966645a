//! Fuzzy search over everything a comparison shows: control titles and questions (en and ja),
//! vendor names, summaries, values, notes and quotes.
//!
//! Records are normalized once when the index is built (NFKC + lowercase); a query is normalized
//! once per search. Each word of a query must match somewhere in a control for the control to
//! match; its score is the sum over words of the best match, a match ranked by how closely the
//! text holds the word, then by where in the control the text stands ([`closeness`]), and the
//! list is cut and ordered by [`rank`] (scattered letters dropped where a word is held closer,
//! the certification controls first for a standard's number).
//!
//! Built for registries of a thousand vendors (see `BENCHMARKS.md`):
//! - each control's texts live in one contiguous arena, ordered by weight, so a control's best
//!   match is found by scanning from its titles down and stopping as soon as no later text can
//!   score higher;
//! - each weight tier of a control is summarized ([`tiers`]: its texts sorted by their first
//!   bytes, and the best bonus each char gets inside them), so that a short word's best is
//!   proved without visiting every text: the texts starting with the word reach the most it
//!   can score, and once a text reaches the most the word's first char allows elsewhere in the
//!   tier, only the texts starting with that char are left to score;
//! - a text is scored only if a bound from its best bonus for the word's first char says it
//!   could beat the best so far;
//! - the cheap "characters occur in order" test rejects most texts before any scoring, and
//!   before it each record's letter bits ([`letters`]) rule out the texts lacking a letter;
//! - a control matched only by scattered chars is left pending after its first such text (only
//!   close texts are scored after it), and scored fully only if the ranking keeps it;
//! - scoring is a faithful, allocation-free port of fuzzy-matcher's `SkimMatcherV2` (see
//!   [`skim`]), with an exact shortcut for one-character words;
//! - [`SearchIndex::search_with`] reuses the previous query's work (a word typed further only
//!   re-checks the texts holding its shorter form in a window narrow enough for it; an
//!   unchanged word is not searched again; a new word is only searched in controls the other
//!   words matched), runs on several threads for large catalogues, and stops when asked to, so
//!   it can run off the UI thread;
//! - vendor names are texts of the vendor, matched once per search, not once per control;
//! - a cached catalogue's index is built once and stored in the cache beside it; later starts map
//!   the file and search it where it lies ([`stored`]): the search reads the same records, texts
//!   and tier summaries whether they were built in memory or mapped.
//!
//! Two engines, each with one job. The fast scorer ranks: it only computes scores, which is
//! what a thousand vendors' texts need per keystroke. fuzzy-matcher's `SkimMatcherV2` is the
//! reference it is tested against (`search/equivalence.rs`: the same score for every text and
//! word) and the highlighter ([`highlight()`]): highlighting needs the matched positions, but
//! only for the few texts on screen, so recording them in the hot loop would cost every
//! search for nothing, and the reference engine gives them with no second port to keep right.

mod closeness;
mod highlight;
mod index;
mod letters;
mod matched;
mod rank;
mod run;
mod score;
mod stored;
mod tiers;

pub use highlight::highlight;
pub use rank::standard_number;
pub use score::{chars_in_order, query_words, score_word};
pub use stored::StoredIndexError;

use index::Inner;
use std::sync::{Arc, Mutex};

/// The searchable text of a catalogue, normalized once. Cloning is cheap (shared), and the
/// index can be sent to a worker thread.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    inner: Arc<Inner>,
    /// The last [`SearchIndex::search`]'s work, which the next one narrows from.
    memo: Arc<Mutex<Option<Previous>>>,
}

/// A matching control and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub control: usize,
    pub score: i64,
}

/// What a search learned, for the next search to start from. Opaque; pass it back to
/// [`SearchIndex::search_with`] with the next query.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// The index searched.
    index: u64,
    /// The shown vendors, sorted and deduplicated.
    shown: Vec<usize>,
    words: Vec<Arc<WordResult>>,
}

/// A search stopped because its cancel flag was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// A finished search: the ranked hits and what the next search may reuse.
#[derive(Debug, Clone)]
pub struct Searched {
    pub hits: Vec<Hit>,
    pub previous: Previous,
}

/// One query word's result over the controls it was searched in.
#[derive(Debug, Clone)]
struct WordResult {
    word: String,
    /// Per control: whether it was searched (the others were ruled out by other words).
    searched: Vec<bool>,
    /// Per control: the best weighted score (0: no match).
    best: Vec<i64>,
    /// Per control: the best is only known to be a scattered match's, not which one's (the
    /// ranking drops such a control when another holds the word closer; else it is scored).
    pending: Vec<bool>,
    /// Per searched control: indices of records that may contain the word's chars in order
    /// (a superset: records skipped once the best could no longer improve are kept).
    candidates: Vec<Vec<u32>>,
    /// Per candidate: the narrowest window holding the word's chars (or those of a shorter
    /// word it extends) in the text, to skip the texts a longer word cannot match in (see
    /// `run::Kept`).
    spans: Vec<Vec<u8>>,
}

/// How much work makes a search worth splitting across threads.
const PARALLEL_RECORDS: usize = 20_000;

/// fuzzy-matcher 0.3.7's `SkimMatcherV2` (MIT, © 2019 Jinzhou Zhang), case-respecting, ported
/// step for step so that it returns the same scores and positions as a freshly made matcher,
/// without allocating per text. (The crate's matcher reuses its score matrix between calls
/// and reads a few cells it has not written in the current call, so a long-lived matcher's
/// scores can depend on the texts it scored before; a fresh one's cannot. Searching texts in
/// any order, on any thread, needs the latter.)
mod skim;

#[cfg(test)]
mod equivalence;
#[cfg(test)]
mod narrowing_tests;
