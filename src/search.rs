//! Fuzzy search over everything a comparison shows: control titles and questions (en and ja),
//! vendor names, summaries, values, notes and quotes.
//!
//! Records are normalized once when the index is built (NFKC + lowercase); a query is normalized
//! once per search. Each word of a query must match somewhere in a control for the control to
//! match; its score is the sum over words of the best weighted match.
//!
//! Built for registries of a thousand vendors (see `BENCHMARKS.md`):
//! - each control's texts live in one contiguous arena, ordered by weight, so a control's best
//!   match is found by scanning from its titles down and stopping as soon as no later text can
//!   score higher;
//! - the cheap "characters occur in order" test rejects most texts before any scoring;
//! - scoring is a faithful, allocation-free port of fuzzy-matcher's `SkimMatcherV2` (see
//!   [`skim`]), with an exact shortcut for one-character words;
//! - [`SearchIndex::search_with`] reuses the previous query's work (a word typed further only
//!   re-checks the texts its shorter form could match; an unchanged word is not searched again;
//!   a new word is only searched in controls the other words matched), runs on several threads
//!   for large catalogues, and stops when asked to, so it can run off the UI thread;
//! - vendor names are texts of the vendor, matched once per search, not once per control.
//!
//! Two engines, each with one job. The fast scorer ranks: it only computes scores, which is
//! what a thousand vendors' texts need per keystroke. fuzzy-matcher's `SkimMatcherV2` is the
//! reference it is tested against (`search/equivalence.rs`: the same score for every text and
//! word) and the highlighter ([`highlight`]): highlighting needs the matched positions, but
//! only for the few texts on screen, so recording them in the hot loop would cost every
//! search for nothing, and the reference engine gives them with no second port to keep right.

use crate::catalog::Catalog;
use crate::parallel::{map_chunks, threads_for};
use crate::text::{normalize, normalize_query};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Matches in titles count for more than matches deep inside a quote.
const TITLE_WEIGHT: i64 = 3;
const PROMINENT_WEIGHT: i64 = 2;
const BODY_WEIGHT: i64 = 1;

/// Marks a record that belongs to the control itself, not to a vendor's answer.
const NO_VENDOR: u32 = u32::MAX;

/// One searchable text: a range of its control's arena.
#[derive(Debug, Clone, Copy)]
struct Record {
    start: u32,
    len: u32,
    vendor: u32,
    weight: u8,
}

/// The texts of one control, normalized, heaviest first.
#[derive(Debug, Clone, Default)]
struct ControlTexts {
    arena: String,
    records: Vec<Record>,
}

impl ControlTexts {
    fn text(&self, r: &Record) -> &str {
        &self.arena[r.start as usize..(r.start + r.len) as usize]
    }

    fn push(&mut self, vendor: u32, weight: i64, text: &str) {
        if text.is_empty() {
            return;
        }
        let start = self.arena.len();
        push_normalized(&mut self.arena, text);
        self.records.push(Record {
            start: start as u32,
            len: (self.arena.len() - start) as u32,
            vendor,
            weight: weight as u8,
        });
    }
}

/// Appends `normalize(text).text`, without the map back to the original. `normalize` works
/// char by char, and most chars of a catalogue (lowercase ASCII, kana, kanji) are their own
/// normal form: runs of those are copied as they are, and only the other chars go through it.
fn push_normalized(arena: &mut String, text: &str) {
    let mut run = 0; // start of the current run of chars that stay as they are
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        if is_normal_char(c) {
            continue;
        }
        arena.push_str(&text[run..i]);
        run = i + c.len_utf8();
        if c.is_ascii() {
            arena.push(c.to_ascii_lowercase());
        } else {
            arena.push_str(&normalize(c.encode_utf8(&mut buf)).text);
        }
    }
    arena.push_str(&text[run..]);
}

/// Whether [`normalize`] leaves a char as it is: it is its own NFKC form and its own lowercase.
/// Looked up in a table of the Basic Multilingual Plane, each block of 256 chars made the first
/// time a char of it is met (a catalogue meets a few dozen).
fn is_normal_char(c: char) -> bool {
    static BLOCKS: [std::sync::OnceLock<[u64; 4]>; 256] =
        [const { std::sync::OnceLock::new() }; 256];
    let code = c as u32;
    if code < 0x80 {
        return !c.is_ascii_uppercase();
    }
    if code > 0xFFFF {
        return normal_char_uncached(c);
    }
    let block = BLOCKS[(code >> 8) as usize].get_or_init(|| {
        let mut bits = [0u64; 4];
        for low in 0..256u32 {
            if char::from_u32((code & !0xFF) | low).is_some_and(normal_char_uncached) {
                bits[low as usize / 64] |= 1 << (low % 64);
            }
        }
        bits
    });
    let low = code & 0xFF;
    block[low as usize / 64] & (1 << (low % 64)) != 0
}

fn normal_char_uncached(c: char) -> bool {
    let mut buf = [0u8; 4];
    normalize(c.encode_utf8(&mut buf))
        .text
        .chars()
        .eq(std::iter::once(c))
}

/// A vendor's name, searched once for all the controls it answers.
#[derive(Debug, Clone)]
struct NameText {
    vendor: u32,
    text: String,
}

#[derive(Default)]
struct Inner {
    /// Tells this index from any other, so that a [`Previous`] of another index is not used.
    id: u64,
    controls: Vec<ControlTexts>,
    names: Vec<NameText>,
    vendors: usize,
    /// `(vendor, control)` pairs where the vendor's file has no answer (its name is not a text
    /// of that control). Empty for validated catalogues.
    unanswered: HashSet<(u32, u32)>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("controls", &self.controls.len())
            .field(
                "texts",
                &self.controls.iter().map(|c| c.records.len()).sum::<usize>(),
            )
            .field("vendors", &self.vendors)
            .finish()
    }
}

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
    /// Per searched control: indices of records that may contain the word's chars in order
    /// (a superset: records skipped once the best could no longer improve are kept).
    candidates: Vec<Vec<u32>>,
}

/// How much work makes a search worth splitting across threads.
const PARALLEL_RECORDS: usize = 20_000;

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let build = |ci: usize| -> ControlTexts {
            let mut t = ControlTexts::default();
            let c = &catalog.controls[ci].control;
            t.push(NO_VENDOR, TITLE_WEIGHT, &c.title.en);
            t.push(NO_VENDOR, TITLE_WEIGHT, c.title.ja.as_deref().unwrap_or(""));
            t.push(NO_VENDOR, PROMINENT_WEIGHT, &c.question.en);
            t.push(
                NO_VENDOR,
                PROMINENT_WEIGHT,
                c.question.ja.as_deref().unwrap_or(""),
            );
            let answers: Vec<(u32, &crate::catalog::Answer)> = (0..catalog.vendors.len())
                .filter_map(|vi| catalog.answer(vi, ci).map(|a| (vi as u32, a)))
                .collect();
            for &(v, answer) in &answers {
                if let Some(s) = &answer.summary {
                    t.push(v, PROMINENT_WEIGHT, &s.en);
                    t.push(v, PROMINENT_WEIGHT, s.ja.as_deref().unwrap_or(""));
                }
                if let Some(value) = &answer.value {
                    t.push(v, PROMINENT_WEIGHT, &value.to_string());
                }
            }
            t.push(NO_VENDOR, BODY_WEIGHT, &c.id);
            for &(v, answer) in &answers {
                if let Some(n) = &answer.note {
                    t.push(v, BODY_WEIGHT, &n.en);
                    t.push(v, BODY_WEIGHT, n.ja.as_deref().unwrap_or(""));
                }
                for q in &answer.quotes {
                    t.push(v, BODY_WEIGHT, &q.text);
                }
            }
            t.arena.shrink_to_fit();
            t.records.shrink_to_fit();
            t
        };
        let n = catalog.controls.len();
        let threads = threads_for(catalog.vendors.len() * n * 8, PARALLEL_RECORDS);
        let controls: Vec<ControlTexts> = map_chunks((0..n).collect(), threads, |part| {
            part.into_iter().map(build).collect()
        });
        let mut names = Vec::new();
        let mut unanswered = HashSet::new();
        for (vi, vendor) in catalog.vendors.iter().enumerate() {
            for text in [
                vendor.info.name.en.as_str(),
                vendor.info.name.ja.as_deref().unwrap_or(""),
            ] {
                if !text.is_empty() {
                    names.push(NameText {
                        vendor: vi as u32,
                        text: normalize(text).text,
                    });
                }
            }
            for ci in 0..n {
                if catalog.answer(vi, ci).is_none() {
                    unanswered.insert((vi as u32, ci as u32));
                }
            }
        }
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        SearchIndex {
            inner: Arc::new(Inner {
                id: IDS.fetch_add(1, Ordering::Relaxed),
                controls,
                names,
                vendors: catalog.vendors.len(),
                unanswered,
            }),
            memo: Arc::default(),
        }
    }

    /// How many texts the index holds (vendor names once per vendor).
    pub fn len(&self) -> usize {
        self.inner
            .controls
            .iter()
            .map(|c| c.records.len())
            .sum::<usize>()
            + self.inner.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every searchable text, normalized, in index order: what [`SearchIndex::search`] matches
    /// against (e.g. to give another tool the same lines).
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.inner
            .controls
            .iter()
            .flat_map(|c| c.records.iter().map(move |r| c.text(r)))
            .chain(self.inner.names.iter().map(|n| n.text.as_str()))
    }

    /// Controls matching every word of `query`, best first (ties in catalogue order).
    /// Only the texts of vendors in `shown` (and the controls' own texts) are searched.
    /// An empty query matches nothing: callers show everything instead.
    ///
    /// Narrows from the previous call's work when it can (see [`SearchIndex::search_with`]).
    pub fn search(&self, query: &str, shown: &[usize]) -> Vec<Hit> {
        let never = AtomicBool::new(false);
        let prev = self.memo.lock().ok().and_then(|mut m| m.take());
        match self.search_with(query, shown, prev.as_ref(), &never) {
            Ok(done) => {
                if let Ok(mut m) = self.memo.lock() {
                    *m = Some(done.previous);
                }
                done.hits
            }
            Err(Cancelled) => Vec::new(),
        }
    }

    /// [`SearchIndex::search`], starting from a previous search's work and giving up as soon as
    /// `cancel` is set (checked between controls and every few thousand texts). The results are
    /// the same whatever `prev` is; `prev` only saves work:
    /// - a word that `prev` searched over the same vendors is not searched again;
    /// - a word that extends one of `prev`'s words (`dele` → `delet`) only re-checks the texts
    ///   its shorter form could match;
    /// - a word is only searched in the controls the query's other words matched.
    pub fn search_with(
        &self,
        query: &str,
        shown: &[usize],
        prev: Option<&Previous>,
        cancel: &AtomicBool,
    ) -> Result<Searched, Cancelled> {
        let words = query_words(query);
        let mut shown_sorted: Vec<usize> = shown.to_vec();
        shown_sorted.sort_unstable();
        shown_sorted.dedup();
        if words.is_empty() {
            return Ok(Searched {
                hits: Vec::new(),
                previous: Previous {
                    index: self.inner.id,
                    shown: shown_sorted,
                    words: Vec::new(),
                },
            });
        }
        let inner = &*self.inner;
        let n = inner.controls.len();
        let mut shown_mask = vec![false; inner.vendors];
        for &v in &shown_sorted {
            if let Some(m) = shown_mask.get_mut(v) {
                *m = true;
            }
        }
        let prev = prev.filter(|p| p.index == inner.id && p.shown == shown_sorted);
        let reusable = |word: &str, required: &[bool]| -> Option<Arc<WordResult>> {
            prev?
                .words
                .iter()
                .find(|r| {
                    r.word == word && required.iter().zip(&r.searched).all(|(&q, &s)| !q || s)
                })
                .cloned()
        };
        // Words the previous search answered first: they narrow the controls for the rest.
        let mut required = vec![true; n];
        let mut results: Vec<Option<Arc<WordResult>>> = vec![None; words.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(r) = reusable(w, &required) {
                narrow(&mut required, &r);
                results[i] = Some(r);
            }
        }
        for (i, w) in words.iter().enumerate() {
            if results[i].is_some() {
                continue;
            }
            // An identical word earlier in this query.
            if let Some(r) = words[..i]
                .iter()
                .position(|x| x == w)
                .and_then(|j| results[j].clone())
            {
                results[i] = Some(r);
                continue;
            }
            let base = prev.and_then(|p| {
                p.words
                    .iter()
                    .filter(|r| {
                        r.word.len() < w.len()
                            && chars_in_order(w, &r.word)
                            && required.iter().zip(&r.searched).all(|(&q, &s)| !q || s)
                    })
                    .max_by_key(|r| r.word.len())
            });
            let r = Arc::new(self.search_word(
                w,
                &required,
                &shown_mask,
                base.map(|b| &**b),
                cancel,
            )?);
            narrow(&mut required, &r);
            results[i] = Some(r);
        }
        let results: Vec<Arc<WordResult>> = results.into_iter().flatten().collect();
        let mut hits: Vec<Hit> = (0..n)
            .filter(|&c| required[c])
            .map(|c| Hit {
                control: c,
                score: words
                    .iter()
                    .map(|w| {
                        results
                            .iter()
                            .find(|r| &r.word == w)
                            .map_or(0, |r| r.best[c])
                    })
                    .sum(),
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.control.cmp(&b.control)));
        let mut kept: Vec<Arc<WordResult>> = Vec::new();
        for r in results {
            if !kept.iter().any(|k| Arc::ptr_eq(k, &r)) {
                kept.push(r);
            }
        }
        Ok(Searched {
            hits,
            previous: Previous {
                index: inner.id,
                shown: shown_sorted,
                words: kept,
            },
        })
    }

    /// One word's best score in each required control.
    fn search_word(
        &self,
        word: &str,
        required: &[bool],
        shown: &[bool],
        base: Option<&WordResult>,
        cancel: &AtomicBool,
    ) -> Result<WordResult, Cancelled> {
        let inner = &*self.inner;
        let n = inner.controls.len();
        let pattern = Pattern::new(word);
        let todo: Vec<usize> = (0..n).filter(|&c| required[c]).collect();
        let work: usize = todo
            .iter()
            .map(|&c| match base {
                Some(b) => b.candidates[c].len(),
                None => inner.controls[c].records.len(),
            })
            .sum();
        let threads = threads_for(work, PARALLEL_RECORDS);
        // Every control after a cancel returns at once, so a cancelled search ends quickly.
        // Per control: its index, its best score and the records to re-check.
        type ControlBest = (usize, i64, Vec<u32>);
        let run = |part: Vec<usize>| -> Vec<Result<ControlBest, Cancelled>> {
            let mut scratch = Scratch::default();
            part.into_iter()
                .map(|c| {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(Cancelled);
                    }
                    let from = base.map(|b| b.candidates[c].as_slice());
                    let (best, kept) = best_in_control(
                        &inner.controls[c],
                        from,
                        &pattern,
                        shown,
                        &mut scratch,
                        cancel,
                    )?;
                    Ok((c, best, kept))
                })
                .collect()
        };
        // Interleaved parts: each thread gets a similar mix of controls.
        let done: Vec<(usize, i64, Vec<u32>)> = map_chunks(todo, threads, run)
            .into_iter()
            .collect::<Result<_, _>>()?;
        let mut result = WordResult {
            word: word.to_string(),
            searched: required.to_vec(),
            best: vec![0; n],
            candidates: vec![Vec::new(); n],
        };
        for (c, best, kept) in done {
            result.best[c] = best;
            result.candidates[c] = kept;
        }
        // Vendor names: a text of every control the vendor answers.
        let mut scratch = Scratch::default();
        let mut by_vendor: Vec<(i64, u32)> = Vec::new();
        for name in &inner.names {
            if !shown.get(name.vendor as usize).copied().unwrap_or(false)
                || !chars_in_order(&name.text, word)
            {
                continue;
            }
            if let Some(score) = pattern.score(&name.text, &mut scratch) {
                by_vendor.push((score.max(1) * BODY_WEIGHT, name.vendor));
            }
        }
        by_vendor.sort_unstable_by(|a, b| b.cmp(a));
        if !by_vendor.is_empty() {
            for (c, best) in result.best.iter_mut().enumerate() {
                if !required[c] {
                    continue;
                }
                let answered = |v: u32| !inner.unanswered.contains(&(v, c as u32));
                if let Some(&(score, _)) = by_vendor.iter().find(|(_, v)| answered(*v)) {
                    *best = (*best).max(score);
                }
            }
        }
        Ok(result)
    }
}

/// Keeps required only the controls where `r` matched.
fn narrow(required: &mut [bool], r: &WordResult) {
    for (q, &b) in required.iter_mut().zip(&r.best) {
        *q = *q && b > 0;
    }
}

/// The best weighted score of `pattern` among a control's texts (0: none), and the records to
/// re-check when the word grows. Texts are visited heaviest first; once the best found reaches
/// the most any remaining text could score, the rest are kept unchecked.
fn best_in_control(
    control: &ControlTexts,
    from: Option<&[u32]>,
    pattern: &Pattern,
    shown: &[bool],
    scratch: &mut Scratch,
    cancel: &AtomicBool,
) -> Result<(i64, Vec<u32>), Cancelled> {
    let all: Vec<u32>;
    let ids: &[u32] = match from {
        Some(ids) => ids,
        None => {
            all = (0..control.records.len() as u32).collect();
            &all
        }
    };
    let ceiling = pattern.ceiling();
    let mut best = 0i64;
    let mut kept = Vec::new();
    for (k, &id) in ids.iter().enumerate() {
        let r = &control.records[id as usize];
        let weight = i64::from(r.weight);
        if best >= weight * ceiling {
            // Heaviest first: nothing from here on can beat `best`.
            kept.extend_from_slice(&ids[k..]);
            break;
        }
        if k % 4096 == 4095 && cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        if r.vendor != NO_VENDOR && !shown.get(r.vendor as usize).copied().unwrap_or(false) {
            continue;
        }
        let text = control.text(r);
        let found = match pattern.find(text) {
            Some(found) => found,
            None => continue,
        };
        kept.push(id);
        // Score only a text that could beat the best so far.
        if best < weight * pattern.bound(text, &found) {
            if let Some(score) = pattern.score_found(text, &found, scratch) {
                best = best.max(score.max(1) * weight);
            }
        }
    }
    Ok((best, kept))
}

/// A verbatim occurrence of the word outranks any scattered one.
const EXACT_BONUS: i64 = 100;
/// A verbatim occurrence at the start of the text or of a word.
const WORD_START_BONUS: i64 = 50;

/// How well `word` matches `text` (both normalized), if at all. Matches are either verbatim
/// (ranked first: skim's scores alone rank scattered CJK matches above contiguous ones) or
/// fuzzy within a window a few times the word's length, so a long quote does not match a
/// query whose letters it merely happens to contain in order.
pub fn score_word(matcher: &SkimMatcherV2, text: &str, word: &str) -> Option<i64> {
    if !chars_in_order(text, word) {
        return None;
    }
    if let Some(pos) = text.find(word) {
        let at_word_start = text[..pos].chars().next_back().is_none_or(|c| {
            !c.is_alphanumeric() || !word.starts_with(|w: char| w.is_ascii_alphanumeric())
        });
        let skim = matcher.fuzzy_match(text, word).unwrap_or(0);
        return Some(skim + EXACT_BONUS + if at_word_start { WORD_START_BONUS } else { 0 });
    }
    let (score, indices) = matcher.fuzzy_indices(text, word)?;
    compact(&indices, word).then_some(score)
}

/// A query word prepared for scoring many texts: [`score_word`] with a fresh matcher for every
/// text, computed without allocating.
#[derive(Debug, Clone)]
struct Pattern {
    finder: memchr::memmem::Finder<'static>,
    /// One finder per char, for the in-order test.
    char_finders: Vec<memchr::memmem::Finder<'static>>,
    chars: Vec<char>,
    starts_ascii_alnum: bool,
    /// The most skim can score for the word (see [`skim::max_score`]).
    best_skim: i64,
}

#[derive(Debug, Default)]
struct Scratch {
    chars: Vec<char>,
    skim: skim::Scratch,
}

/// How a text contains a word: verbatim (at a byte offset, with or without the word-start
/// bonus) or only as chars in order.
enum Found {
    Verbatim { at_word_start: bool },
    InOrder,
}

impl Pattern {
    fn new(word: &str) -> Pattern {
        let chars: Vec<char> = word.chars().collect();
        Pattern {
            finder: memchr::memmem::Finder::new(word.as_bytes()).into_owned(),
            char_finders: chars
                .iter()
                .map(|c| {
                    let mut buf = [0u8; 4];
                    memchr::memmem::Finder::new(c.encode_utf8(&mut buf).as_bytes()).into_owned()
                })
                .collect(),
            best_skim: skim::max_score(&chars),
            chars,
            starts_ascii_alnum: word.starts_with(|w: char| w.is_ascii_alphanumeric()),
        }
    }

    /// The most [`Pattern::score`] can return.
    fn ceiling(&self) -> i64 {
        self.best_skim + EXACT_BONUS + WORD_START_BONUS
    }

    /// Whether and how `text` contains the word.
    fn find(&self, text: &str) -> Option<Found> {
        if let Some(pos) = self.finder.find(text.as_bytes()) {
            let at_word_start = text[..pos]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() || !self.starts_ascii_alnum);
            return Some(Found::Verbatim { at_word_start });
        }
        self.in_order(text).then_some(Found::InOrder)
    }

    /// [`chars_in_order`] with the finders made once.
    fn in_order(&self, text: &str) -> bool {
        let mut rest = text.as_bytes();
        for (f, c) in self.char_finders.iter().zip(&self.chars) {
            match f.find(rest) {
                Some(i) => rest = &rest[i + c.len_utf8()..],
                None => return false,
            }
        }
        true
    }

    /// The most [`Pattern::score_found`] can return for `text` (with `max(1)` applied).
    fn bound(&self, text: &str, found: &Found) -> i64 {
        // Skim's first char gains a doubled head bonus only at the text's first char.
        let skim = if text.starts_with(self.chars[0]) {
            self.best_skim
        } else {
            self.best_skim - skim::FIRST_CHAR_EXTRA
        };
        match found {
            Found::Verbatim { at_word_start } => {
                skim + EXACT_BONUS + if *at_word_start { WORD_START_BONUS } else { 0 }
            }
            Found::InOrder => skim.max(1),
        }
    }

    /// [`score_word`] for a text that contains the word's chars in order.
    fn score(&self, text: &str, scratch: &mut Scratch) -> Option<i64> {
        let found = self.find(text)?;
        self.score_found(text, &found, scratch)
    }

    fn score_found(&self, text: &str, found: &Found, scratch: &mut Scratch) -> Option<i64> {
        match found {
            Found::Verbatim { at_word_start } => {
                let skim = if self.chars.len() == 1 {
                    skim::single_char_score(text, self.chars[0])
                } else {
                    scratch.chars.clear();
                    scratch.chars.extend(text.chars());
                    skim::fuzzy(&scratch.chars, &self.chars, false, &mut scratch.skim)
                        .map_or(0, |m| m.score)
                };
                Some(skim + EXACT_BONUS + if *at_word_start { WORD_START_BONUS } else { 0 })
            }
            Found::InOrder => {
                scratch.chars.clear();
                scratch.chars.extend(text.chars());
                let n = self.chars.len();
                // Whatever alignment skim picks spans at least the narrowest window holding
                // the chars in order: if even that is too wide, the match is not compact.
                if !has_window(&scratch.chars, &self.chars, (n * 3).max(n + 6)) {
                    return None;
                }
                let m = skim::fuzzy(&scratch.chars, &self.chars, true, &mut scratch.skim)?;
                compact_span(m.first, m.last, n).then_some(m.score)
            }
        }
    }
}

/// Whether `pattern`'s chars occur in order within some `span + 1` consecutive chars of `text`.
fn has_window(text: &[char], pattern: &[char], span: usize) -> bool {
    let Some((&first, rest)) = pattern.split_first() else {
        return true;
    };
    for (start, _) in text.iter().enumerate().filter(|(_, &c)| c == first) {
        let end = (start + span + 1).min(text.len());
        let mut want = rest.iter().peekable();
        for &c in &text[start + 1..end] {
            match want.peek() {
                Some(&&w) if w == c => {
                    want.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        if want.peek().is_none() {
            return true;
        }
        if end == text.len() {
            // A later start sees a part of what this one saw: no window there either.
            return false;
        }
    }
    false
}

/// Whether matched positions lie within a window a scattered match may span.
fn compact(indices: &[usize], word: &str) -> bool {
    match (indices.first(), indices.last()) {
        (Some(&first), Some(&last)) => compact_span(first, last, word.chars().count()),
        _ => false,
    }
}

fn compact_span(first: usize, last: usize, n: usize) -> bool {
    last - first <= (n * 3).max(n + 6)
}

/// The normalized words of a query.
pub fn query_words(query: &str) -> Vec<String> {
    normalize_query(query)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Whether the chars of `needle` occur in `hay` in order: a cheap test that rejects most
/// records before the scorer runs, and exactly the records the fuzzy matcher would reject.
pub fn chars_in_order(hay: &str, needle: &str) -> bool {
    let mut rest = hay.as_bytes();
    let mut buf = [0u8; 4];
    for c in needle.chars() {
        let found = if c.is_ascii() {
            memchr::memchr(c as u8, rest)
        } else {
            // The whole UTF-8 sequence: its last byte alone recurs in most Japanese text.
            memchr::memmem::find(rest, c.encode_utf8(&mut buf).as_bytes())
        };
        match found {
            Some(i) => rest = &rest[i + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// Char indices of `text` (the original, not normalized) that the query's words match, sorted
/// and unique, for highlighting.
pub fn highlight(query: &str, text: &str) -> Vec<usize> {
    let words = query_words(query);
    if words.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let matcher = SkimMatcherV2::default().respect_case();
    let norm = normalize(text);
    let mut out = Vec::new();
    for word in &words {
        if !chars_in_order(&norm.text, word) {
            continue;
        }
        let found: Vec<usize> = if norm.text.contains(word.as_str()) {
            // Every verbatim occurrence, in chars.
            let len = word.chars().count();
            norm.text
                .match_indices(word.as_str())
                .flat_map(|(b, _)| {
                    let start = norm.text[..b].chars().count();
                    start..start + len
                })
                .collect()
        } else {
            match matcher.fuzzy_indices(&norm.text, word) {
                Some((_, indices)) if compact(&indices, word) => indices,
                _ => Vec::new(),
            }
        };
        out.extend(
            found
                .into_iter()
                .filter_map(|i| norm.origin.get(i).map(|&o| o as usize)),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// fuzzy-matcher 0.3.7's `SkimMatcherV2` (MIT, © 2019 Jinzhou Zhang), case-respecting, ported
/// step for step so that it returns the same scores and positions as a freshly made matcher,
/// without allocating per text. (The crate's matcher reuses its score matrix between calls
/// and reads a few cells it has not written in the current call, so a long-lived matcher's
/// scores can depend on the texts it scored before; a fresh one's cannot. Searching texts in
/// any order, on any thread, needs the latter.)
mod skim;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_check() {
        assert!(chars_in_order("iso/iec 27017", "iso27017"));
        assert!(!chars_in_order("iso/iec 27017", "27017iso"));
        assert!(chars_in_order("データの削除", "削除"));
    }

    #[test]
    fn verbatim_beats_scattered_and_far_scatter_is_no_match() {
        let m = SkimMatcherV2::default().respect_case();
        let contiguous = score_word(&m, "データの削除", "削除").unwrap();
        let scattered = score_word(&m, "削られたデータを除外", "削除").unwrap();
        assert!(contiguous > scattered, "{contiguous} vs {scattered}");
        assert!(score_word(
            &m,
            "dedicated lines to the tier of internal operations",
            "deletion"
        )
        .is_none());
        assert!(score_word(&m, "backup", "bkup").is_some());
        assert!(score_word(&m, "iso/iec 27017:2015", "iso27017").is_some());
    }

    #[test]
    fn highlight_maps_back_to_original_chars() {
        assert_eq!(highlight("iso", "ＩＳＯ認証"), vec![0, 1, 2]);
        assert_eq!(highlight("削除", "データの削除"), vec![4, 5]);
        assert_eq!(highlight("削除", "削除し、削除した"), vec![0, 1, 4, 5]);
        assert!(highlight("zzz", "abc").is_empty());
    }
}

#[cfg(test)]
mod equivalence;
