//! Running a query: narrowing from the previous search's work, across threads, cancellable.

use super::closeness::{as_scattered, class_of, weighted, Section, SCATTERED};
use super::index::{ControlTexts, NO_VENDOR};
use super::letters::may_hold;
use super::rank::{rank, standard_number};
use super::score::{chars_in_order, query_words, Found, Pattern, Scratch, SPAN_CAP};
use super::{Cancelled, Hit, Previous, SearchIndex, Searched, WordResult, PARALLEL_RECORDS};
use crate::parallel::{map_chunks, threads_for};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

impl SearchIndex {
    /// Controls matching every word of `query`, best first (ties in catalogue order; see
    /// [`closeness`](super::closeness) and [`rank`](super::rank) for the order). Only the texts
    /// of vendors in `shown` (and the controls' own texts) are searched. An empty query matches
    /// nothing: callers show everything instead.
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
        let n = inner.control_count();
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
                false,
            )?);
            narrow(&mut required, &r);
            results[i] = Some(r);
        }
        let mut results: Vec<Arc<WordResult>> = results.into_iter().flatten().collect();
        self.resolve_pending(&mut results, &shown_mask, cancel)?;
        let best: Vec<&[i64]> = words
            .iter()
            .filter_map(|w| results.iter().find(|r| &r.word == w))
            .map(|r| r.best.as_slice())
            .collect();
        let first: &[usize] = if standard_number(query).is_some() {
            &inner.certification_controls
        } else {
            &[]
        };
        let hits = rank(n, &best, first);
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

    /// Scores the controls whose best is pending for a word that no control matching every
    /// word holds closer than scattered: there the ranking keeps them, by their best.
    fn resolve_pending(
        &self,
        results: &mut [Arc<WordResult>],
        shown: &[bool],
        cancel: &AtomicBool,
    ) -> Result<(), Cancelled> {
        let n = self.inner.control_count();
        let matched: Vec<bool> = (0..n)
            .map(|c| results.iter().all(|r| r.best[c] > 0))
            .collect();
        // A word typed twice shares one result: resolved once.
        let mut resolved_as: Vec<(*const WordResult, Arc<WordResult>)> = Vec::new();
        for r in results.iter_mut() {
            if let Some((_, done)) = resolved_as.iter().find(|(was, _)| *was == Arc::as_ptr(r)) {
                *r = done.clone();
                continue;
            }
            let closer = (0..n).any(|c| matched[c] && class_of(r.best[c]) > SCATTERED);
            let todo: Vec<bool> = (0..n).map(|c| matched[c] && r.pending[c]).collect();
            if closer || !todo.contains(&true) {
                continue;
            }
            let exact = self.search_word(&r.word, &todo, shown, None, cancel, true)?;
            let mut resolved = (**r).clone();
            for c in (0..n).filter(|&c| todo[c]) {
                resolved.best[c] = exact.best[c];
                resolved.pending[c] = false;
            }
            let was = Arc::as_ptr(r);
            *r = Arc::new(resolved);
            resolved_as.push((was, r.clone()));
        }
        Ok(())
    }

    /// One word's best score in each required control. Unless `exact`, a control whose best
    /// is a scattered match is left pending: once one is found, only close texts are scored.
    fn search_word(
        &self,
        word: &str,
        required: &[bool],
        shown: &[bool],
        base: Option<&WordResult>,
        cancel: &AtomicBool,
        exact: bool,
    ) -> Result<WordResult, Cancelled> {
        let inner = &*self.inner;
        let n = inner.control_count();
        let pattern = Pattern::new(word);
        let todo: Vec<usize> = (0..n).filter(|&c| required[c]).collect();
        let work: usize = todo
            .iter()
            .map(|&c| match base {
                Some(b) => b.candidates[c].len(),
                None => inner.records_len(c),
            })
            .sum();
        let threads = threads_for(work, PARALLEL_RECORDS);
        // Every control after a cancel returns at once, so a cancelled search ends quickly.
        // Per control: its index, its best score and the records to re-check.
        type ControlBest = (usize, i64, Kept);
        let run = |part: Vec<usize>| -> Vec<Result<ControlBest, Cancelled>> {
            let mut scratch = Scratch::default();
            part.into_iter()
                .map(|c| {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(Cancelled);
                    }
                    let from = base.map(|b| (b.candidates[c].as_slice(), b.spans[c].as_slice()));
                    let (best, kept) = best_in_control(
                        &inner.control(c),
                        from,
                        &pattern,
                        shown,
                        &mut scratch,
                        cancel,
                        exact,
                    )?;
                    Ok((c, best, kept))
                })
                .collect()
        };
        // Interleaved parts: each thread gets a similar mix of controls.
        let done: Vec<ControlBest> = map_chunks(todo, threads, run)
            .into_iter()
            .collect::<Result<_, _>>()?;
        let mut result = WordResult {
            word: word.to_string(),
            searched: required.to_vec(),
            best: vec![0; n],
            pending: vec![false; n],
            candidates: vec![Vec::new(); n],
            spans: vec![Vec::new(); n],
        };
        for (c, best, kept) in done {
            result.best[c] = best;
            result.candidates[c] = kept.ids;
            result.spans[c] = kept.spans;
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
                by_vendor.push((weighted(Section::Evidence as i64, score), name.vendor));
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
        if !exact {
            for (pending, &best) in result.pending.iter_mut().zip(&result.best) {
                *pending = best > 0 && class_of(best) == SCATTERED;
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
/// re-check when the word grows. Texts are visited heaviest first, a tier (the texts of one
/// weight) at a time; a tier stops being visited once the best found reaches the most any of
/// its remaining texts could score:
/// - a text starting with the word scores the most the word can: those are looked up first;
/// - any other text scores at most what the word's first char allows where it occurs in the
///   tier after a text's first char ([`Tier::later_bonus`]); once the best reaches that, only
///   the texts starting with the first char are left to score, and they are looked up too.
///
/// The records skipped unchecked are all kept for the next search. So are those a previous
/// search found too wide for this word (a longer word allows a wider window); those that
/// lack the word's letters in order are not.
fn best_in_control(
    control: &ControlTexts,
    from: Option<(&[u32], &[u8])>,
    pattern: &Pattern,
    shown: &[bool],
    scratch: &mut Scratch,
    cancel: &AtomicBool,
    exact: bool,
) -> Result<(i64, Kept), Cancelled> {
    let ceiling = pattern.ceiling();
    let word: String = pattern.chars.iter().collect();
    let mut first_buf = [0u8; 4];
    let first: &str = pattern.chars[0].encode_utf8(&mut first_buf);
    let is_shown = |v: u32| v == NO_VENDOR || shown.get(v as usize).copied().unwrap_or(false);
    let text = |id: u32| control.text_of(id);
    let mut best = 0i64;
    let mut kept = Kept::default();
    let mut visited = 0usize;
    for (t, tier) in control.tiers.iter().enumerate() {
        let ids = TierIds::new(from, &tier.records);
        let weight = tier.weight;
        if best >= weighted(weight, ceiling) {
            // Heaviest first: nothing from here on can beat `best`.
            for later in &control.tiers[t..] {
                TierIds::new(from, &later.records).keep_from(0, &mut kept);
            }
            break;
        }
        if ids.len() == 0 {
            continue;
        }
        let score_each =
            |ids: &mut dyn Iterator<Item = u32>, best: &mut i64, scratch: &mut Scratch| {
                for id in ids {
                    let r = &control.records[id as usize];
                    if is_shown(r.vendor) {
                        score_if_better(control.text(r), weight, pattern, exact, best, scratch);
                    }
                }
            };
        score_each(&mut tier.starting_with(&word, text), &mut best, scratch);
        if best >= weighted(weight, ceiling) {
            ids.keep_from(0, &mut kept);
            continue;
        }
        let elsewhere = weighted(
            weight,
            pattern.ceiling_with_first_bonus(tier.later_bonus(pattern.chars[0])),
        );
        for k in 0..ids.len() {
            if best >= elsewhere {
                ids.keep_from(k, &mut kept);
                score_each(&mut tier.starting_with(first, text), &mut best, scratch);
                break;
            }
            visited += 1;
            if visited.is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            let id = ids.get(k);
            let r = &control.records[id as usize];
            if !is_shown(r.vendor) || !may_hold(r.letters(), pattern.letters) {
                continue;
            }
            let was = ids.span(k);
            if was != UNMEASURED && usize::from(was) > pattern.window() {
                // No window of the shorter word narrow enough for this one: no match here.
                kept.push(id, was);
                continue;
            }
            let text = control.text(r);
            let Some((found, narrowest)) = pattern.find_narrowest(text, scratch) else {
                continue;
            };
            kept.push(id, narrowest.min(SPAN_CAP) as u8);
            let found = (found, Some(narrowest));
            score_found_if_better(text, &found, weight, pattern, exact, &mut best, scratch);
        }
    }
    Ok((best, kept))
}

/// Raises `best` to `text`'s weighted score if the text could beat it.
fn score_if_better(
    text: &str,
    weight: i64,
    pattern: &Pattern,
    exact: bool,
    best: &mut i64,
    scratch: &mut Scratch,
) {
    if let Some(found) = pattern.find(text) {
        score_found_if_better(text, &(found, None), weight, pattern, exact, best, scratch);
    }
}

/// [`score_if_better`]; unless `exact`, a scattered best is not raised by another scattered
/// match (the control's best is then pending, see [`SearchIndex::search_word`]). `found`: how
/// the text holds the word, and its narrowest window if measured ([`Pattern::narrowest`]).
fn score_found_if_better(
    text: &str,
    (found, narrowest): &(Found, Option<usize>),
    weight: i64,
    pattern: &Pattern,
    exact: bool,
    best: &mut i64,
    scratch: &mut Scratch,
) {
    if narrowest.is_some_and(|n| n > pattern.window()) {
        return; // not compact: no match
    }
    // The quick bound first: the tight one looks at every occurrence of the first char.
    if *best >= weighted(weight, pattern.quick_bound(text, found)) {
        return;
    }
    let bound = pattern.bound(text, found);
    if *best >= weighted(weight, bound) {
        return;
    }
    let score = match found {
        Found::InOrder => {
            // Scattered chars score a class lower: if that cannot beat `best`, only a close
            // text can.
            let close_only = *best >= weighted(weight, as_scattered(bound))
                || (!exact && *best > 0 && class_of(*best) == SCATTERED);
            pattern.score_in_order(text, close_only, *narrowest, scratch)
        }
        Found::Verbatim { .. } => pattern.score_found(text, found, scratch),
    };
    if let Some(score) = score {
        *best = (*best).max(weighted(weight, score));
    }
}

/// A candidate whose narrowest window was not measured.
const UNMEASURED: u8 = u8::MAX;
const _: () = assert!(SPAN_CAP < UNMEASURED as usize);

/// The records to re-check when the word grows, each with the narrowest window holding the
/// word's chars (or a shorter word's, that this one extends) in its text, or [`UNMEASURED`].
/// A text whose window is wider than a longer word's widest cannot match that word: it keeps
/// the candidate, but is not read again for it.
#[derive(Debug, Default)]
struct Kept {
    ids: Vec<u32>,
    spans: Vec<u8>,
}

impl Kept {
    fn push(&mut self, id: u32, span: u8) {
        self.ids.push(id);
        self.spans.push(span);
    }
}

/// The records of one tier to search: all of them, or those of a previous search's candidates
/// with their windows.
enum TierIds<'a> {
    All(Range<u32>),
    Some(&'a [u32], &'a [u8]),
}

impl<'a> TierIds<'a> {
    fn new(from: Option<(&'a [u32], &'a [u8])>, records: &Range<u32>) -> TierIds<'a> {
        match from {
            None => TierIds::All(records.clone()),
            Some((ids, spans)) => {
                let lo = ids.partition_point(|&id| id < records.start);
                let hi = ids.partition_point(|&id| id < records.end);
                TierIds::Some(&ids[lo..hi], &spans[lo..hi])
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            TierIds::All(r) => r.len(),
            TierIds::Some(ids, _) => ids.len(),
        }
    }

    fn get(&self, k: usize) -> u32 {
        match self {
            TierIds::All(r) => r.start + k as u32,
            TierIds::Some(ids, _) => ids[k],
        }
    }

    fn span(&self, k: usize) -> u8 {
        match self {
            TierIds::All(_) => UNMEASURED,
            TierIds::Some(_, spans) => spans[k],
        }
    }

    /// Keeps the `k`-th id and those after it.
    fn keep_from(&self, k: usize, kept: &mut Kept) {
        match self {
            TierIds::All(r) => {
                kept.ids.extend(r.start + k as u32..r.end);
                kept.spans.resize(kept.ids.len(), UNMEASURED);
            }
            TierIds::Some(ids, spans) => {
                kept.ids.extend_from_slice(&ids[k..]);
                kept.spans.extend_from_slice(&spans[k..]);
            }
        }
    }
}
