//! Scoring one word against one text: the in-order prefilter, bounds and the ported scorer.

use super::closeness::{is_close, unweighted, CLOSE, SCATTERED, VERBATIM};
use super::skim;
use crate::text::normalize_query;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

/// A verbatim occurrence of the word outranks any scattered one.
const EXACT_BONUS: i64 = 100;
/// A verbatim occurrence at the start of the text or of a word.
const WORD_START_BONUS: i64 = 50;

/// How well `word` matches `text` (both normalized), if at all, before the text's section is
/// counted (see [`closeness`](super::closeness)). Matches are either verbatim (ranked first:
/// skim's scores alone rank scattered CJK matches above contiguous ones) or fuzzy within a
/// window a few times the word's length, so a long quote does not match a query whose letters
/// it merely happens to contain in order; a fuzzy match whose chars lie close (in one word, or
/// as pieces starting words) ranks above one scattered over words.
pub fn score_word(matcher: &SkimMatcherV2, text: &str, word: &str) -> Option<i64> {
    if !chars_in_order(text, word) {
        return None;
    }
    if let Some(pos) = text.find(word) {
        let at_word_start = text[..pos].chars().next_back().is_none_or(|c| {
            !c.is_alphanumeric() || !word.starts_with(|w: char| w.is_ascii_alphanumeric())
        });
        let skim = matcher.fuzzy_match(text, word).unwrap_or(0);
        return Some(verbatim(skim, at_word_start));
    }
    let (score, indices) = matcher.fuzzy_indices(text, word)?;
    if !compact(&indices, word) {
        return None;
    }
    let text: Vec<char> = text.chars().collect();
    let word: Vec<char> = word.chars().collect();
    Some(fuzzy(score, &text, &word))
}

/// The unweighted score of a verbatim match.
fn verbatim(skim: i64, at_word_start: bool) -> i64 {
    if at_word_start {
        unweighted(VERBATIM, skim + EXACT_BONUS + WORD_START_BONUS)
    } else {
        unweighted(VERBATIM, skim + EXACT_BONUS)
    }
}

/// The unweighted score of a compact fuzzy match.
fn fuzzy(skim: i64, text: &[char], word: &[char]) -> i64 {
    let class = if is_close(text, word, window(word.len())) {
        CLOSE
    } else {
        SCATTERED
    };
    unweighted(class, skim)
}

/// How far apart (in chars) the first and last matched char of a fuzzy match may be.
pub(super) fn window(n: usize) -> usize {
    (n * 3).max(n + 6)
}

/// A query word prepared for scoring many texts: [`score_word`] with a fresh matcher for every
/// text, computed without allocating.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    finder: memchr::memmem::Finder<'static>,
    /// One finder per char, for the in-order test.
    char_finders: Vec<memchr::memmem::Finder<'static>>,
    pub(super) chars: Vec<char>,
    starts_ascii_alnum: bool,
    /// The most skim can score for the word (see [`skim::max_score`]).
    pub(super) best_skim: i64,
    /// The word, if it is ASCII (a window of ASCII text is then looked for in its bytes).
    ascii: Option<Vec<u8>>,
    /// The word's letter bits ([`super::letters`]).
    pub(super) letters: u32,
    /// Per byte, the positions it holds in the word, if the word is ASCII and short enough
    /// for a `u32` of positions (the narrowest window of ASCII text is then found in one pass).
    positions: Option<Box<[u32; 256]>>,
}

#[derive(Debug, Default)]
pub(super) struct Scratch {
    chars: Vec<char>,
    pub(super) skim: skim::Scratch,
}

/// How a text contains a word: verbatim (at a byte offset, with or without the word-start
/// bonus) or only as chars in order.
pub(super) enum Found {
    Verbatim { at_word_start: bool },
    InOrder,
}

impl Pattern {
    pub(super) fn new(word: &str) -> Pattern {
        let chars: Vec<char> = word.chars().collect();
        let best_skim = skim::max_score(&chars);
        Pattern {
            ascii: word.is_ascii().then(|| word.as_bytes().to_vec()),
            finder: memchr::memmem::Finder::new(word.as_bytes()).into_owned(),
            char_finders: chars
                .iter()
                .map(|c| {
                    let mut buf = [0u8; 4];
                    memchr::memmem::Finder::new(c.encode_utf8(&mut buf).as_bytes()).into_owned()
                })
                .collect(),
            best_skim,
            chars,
            starts_ascii_alnum: word.starts_with(|w: char| w.is_ascii_alphanumeric()),
            letters: super::letters::letters(word),
            positions: (word.is_ascii() && word.len() <= 32).then(|| {
                let mut positions = Box::new([0u32; 256]);
                for (k, &b) in word.as_bytes().iter().enumerate() {
                    positions[b as usize] |= 1 << k;
                }
                positions
            }),
        }
    }

    /// The widest window (in chars, last matched char's position less the first's) a fuzzy
    /// match of the word may span.
    pub(super) fn window(&self) -> usize {
        window(self.chars.len())
    }

    /// The narrowest window holding the word's chars in order in `text` (which holds them),
    /// as [`Pattern::window`] measures it; where none is within [`SPAN_CAP`], at least that.
    pub(super) fn narrowest(&self, text: &str, scratch: &mut Scratch) -> usize {
        let span = match self.positions.as_deref().filter(|_| text.is_ascii()) {
            Some(positions) => narrowest_in_bytes(text.as_bytes(), positions, self.chars.len()),
            None => {
                scratch.chars.clear();
                scratch.chars.extend(text.chars());
                narrowest_span(&scratch.chars, &self.chars, SPAN_CAP)
            }
        };
        span.unwrap_or(SPAN_CAP)
    }

    /// The most [`Pattern::score`] can return.
    pub(super) fn ceiling(&self) -> i64 {
        verbatim(self.best_skim, true)
    }

    /// Whether and how `text` contains the word.
    pub(super) fn find(&self, text: &str) -> Option<Found> {
        if let Some(pos) = self.finder.find(text.as_bytes()) {
            let at_word_start = text[..pos]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() || !self.starts_ascii_alnum);
            return Some(Found::Verbatim { at_word_start });
        }
        self.in_order(text).then_some(Found::InOrder)
    }

    /// [`Pattern::find`], and the narrowest window holding the word's chars
    /// ([`Pattern::narrowest`]; the word's length less one for a verbatim text). In ASCII text
    /// the in-order test and the window are one pass.
    pub(super) fn find_narrowest(
        &self,
        text: &str,
        scratch: &mut Scratch,
    ) -> Option<(Found, usize)> {
        if let Some(positions) = self.positions.as_deref().filter(|_| text.is_ascii()) {
            if let Some(pos) = self.finder.find(text.as_bytes()) {
                let at_word_start = pos == 0
                    || !text.as_bytes()[pos - 1].is_ascii_alphanumeric()
                    || !self.starts_ascii_alnum;
                return Some((Found::Verbatim { at_word_start }, self.chars.len() - 1));
            }
            let narrowest = narrowest_in_bytes(text.as_bytes(), positions, self.chars.len())?;
            return Some((Found::InOrder, narrowest));
        }
        let found = self.find(text)?;
        let narrowest = match found {
            Found::Verbatim { .. } => self.chars.len() - 1,
            Found::InOrder => self.narrowest(text, scratch),
        };
        Some((found, narrowest))
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

    /// The most [`Pattern::score`] can return for a text whose first char of the word gets
    /// at most `first_bonus` (see [`skim::first_char_bonus`]).
    pub(super) fn ceiling_with_first_bonus(&self, first_bonus: i64) -> i64 {
        verbatim(self.best_skim - skim::MAX_FIRST_BONUS + first_bonus, true)
    }

    /// The most [`Pattern::score_found`] can return for `text` (with `max(1)` applied), from
    /// whether the text starts with the word's first char alone.
    pub(super) fn quick_bound(&self, text: &str, found: &Found) -> i64 {
        let first_bonus = if text.starts_with(self.chars[0]) {
            skim::MAX_FIRST_BONUS
        } else {
            skim::HEAD_BONUS
        };
        self.bound_with(first_bonus, found)
    }

    /// [`Pattern::quick_bound`], tighter: from the best bonus the word's first char gets in
    /// the text.
    pub(super) fn bound(&self, text: &str, found: &Found) -> i64 {
        let first_bonus =
            skim::first_char_bonus(text, self.chars[0]).unwrap_or(skim::MAX_FIRST_BONUS);
        self.bound_with(first_bonus, found)
    }

    fn bound_with(&self, first_bonus: i64, found: &Found) -> i64 {
        // Each char after the first gains at most what it gains in the word itself, whatever
        // the first gained (see `skim::max_score`).
        let skim = self.best_skim - skim::MAX_FIRST_BONUS + first_bonus;
        match found {
            Found::Verbatim { at_word_start } => verbatim(skim, *at_word_start),
            Found::InOrder => unweighted(CLOSE, skim),
        }
    }

    /// [`score_word`] for a text that contains the word's chars in order.
    pub(super) fn score(&self, text: &str, scratch: &mut Scratch) -> Option<i64> {
        let found = self.find(text)?;
        self.score_found(text, &found, scratch)
    }

    pub(super) fn score_found(
        &self,
        text: &str,
        found: &Found,
        scratch: &mut Scratch,
    ) -> Option<i64> {
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
                Some(verbatim(skim, *at_word_start))
            }
            Found::InOrder => self.score_in_order(text, false, None, scratch),
        }
    }

    /// The score of a text that holds the word's chars in order but not verbatim; with
    /// `close_only`, None also when the chars are not close (a text the caller knows cannot
    /// matter if it scores in the scattered class: the closeness test is then made first, and
    /// skim's alignment computed only for a close text). `narrowest`: the text's
    /// [`Pattern::narrowest`], if the caller measured it.
    pub(super) fn score_in_order(
        &self,
        text: &str,
        close_only: bool,
        narrowest: Option<usize>,
        scratch: &mut Scratch,
    ) -> Option<i64> {
        let n = self.chars.len();
        let span = window(n);
        if narrowest.is_some_and(|narrowest| narrowest > span) {
            return None;
        }
        // Whatever alignment skim picks spans at least the narrowest window holding the chars
        // in order: if even that is too wide, the match is not compact. In ASCII text a char
        // is a byte: the window, closeness and skim's alignment are all found in its bytes.
        let ascii = self.ascii.as_deref().filter(|_| text.is_ascii());
        if ascii.is_none() {
            scratch.chars.clear();
            scratch.chars.extend(text.chars());
        }
        let close = |scratch: &Scratch| match ascii {
            Some(word) => is_close(text.as_bytes(), word, span),
            None => is_close(&scratch.chars, &self.chars, span),
        };
        let has = narrowest.is_some()
            || match ascii {
                Some(word) => has_window(text.as_bytes(), word, span),
                None => has_window(&scratch.chars, &self.chars, span),
            };
        if !has || (close_only && !close(scratch)) {
            return None;
        }
        let skim = match ascii {
            Some(word) => skim::fuzzy_within(text.as_bytes(), word, span, &mut scratch.skim)?,
            None => skim::fuzzy_within(&scratch.chars, &self.chars, span, &mut scratch.skim)?,
        };
        let close = close_only || close(scratch);
        Some(unweighted(if close { CLOSE } else { SCATTERED }, skim))
    }
}

/// Whether `pattern`'s chars occur in order within some `span + 1` consecutive chars of `text`.
pub(super) fn has_window<T: Copy + PartialEq>(text: &[T], pattern: &[T], span: usize) -> bool {
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

/// The widest window [`Pattern::narrowest`] tells apart: any wider is reported as this.
pub(super) const SPAN_CAP: usize = 254;

/// The narrowest window holding `pattern`'s chars in order in `text`, as the distance from its
/// first char to its last, if one is at most `cap`.
pub(super) fn narrowest_span<T: Copy + PartialEq>(
    text: &[T],
    pattern: &[T],
    cap: usize,
) -> Option<usize> {
    let Some((&first, rest)) = pattern.split_first() else {
        return Some(0);
    };
    // Only windows narrower than this are looked for: the narrowest found so far.
    let mut limit = cap + 1;
    for (start, _) in text.iter().enumerate().filter(|(_, &c)| c == first) {
        let end = (start + limit).min(text.len());
        let mut want = rest.iter();
        let mut next = want.next();
        let mut last = start;
        for (at, &c) in text.iter().enumerate().take(end).skip(start + 1) {
            match next {
                Some(&w) if w == c => {
                    next = want.next();
                    last = at;
                }
                Some(_) => {}
                None => break,
            }
        }
        if next.is_none() {
            limit = last - start;
            if limit + 1 == pattern.len() {
                break; // adjacent: none is narrower
            }
        } else if end == text.len() {
            // A later start sees a part of what this one saw: no window there either.
            break;
        }
    }
    (limit <= cap).then_some(limit)
}

/// [`narrowest_span`] of an ASCII word of `n` bytes (at most 32) in ASCII text, with no cap, in
/// one pass: for each prefix of the word, the latest start of a window holding it that ends at
/// the byte read; a window of the whole word ending there is the narrowest that ends there.
fn narrowest_in_bytes(text: &[u8], positions: &[u32; 256], n: usize) -> Option<usize> {
    const NONE: usize = usize::MAX;
    let mut latest = [NONE; 32];
    let mut narrowest = NONE;
    for (i, &b) in text.iter().enumerate() {
        let mut at = positions[b as usize];
        // Longest prefix first: a byte extends the windows made before it, not its own.
        while at != 0 {
            let k = 31 - at.leading_zeros() as usize;
            at &= !(1 << k);
            let start = match k {
                0 => i,
                _ if latest[k - 1] != NONE => latest[k - 1],
                _ => continue,
            };
            latest[k] = start;
            if k + 1 == n {
                narrowest = narrowest.min(i - start);
            }
        }
        if narrowest == n.saturating_sub(1) {
            break; // adjacent: none is narrower
        }
    }
    (narrowest != NONE).then_some(narrowest)
}

/// Whether matched positions lie within a window a scattered match may span.
pub(super) fn compact(indices: &[usize], word: &str) -> bool {
    match (indices.first(), indices.last()) {
        (Some(&first), Some(&last)) => compact_span(first, last, word.chars().count()),
        _ => false,
    }
}

fn compact_span(first: usize, last: usize, n: usize) -> bool {
    last - first <= window(n)
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
}
