//! How closely a text holds a query word, and how that and the text's tier make one score.
//!
//! A score orders matches by, in turn:
//! 1. closeness: the word verbatim, the word's chars close together (within one word, `bkup`
//!    in "backup", or as pieces each starting a word, `iso27017` in "ISO/IEC 27017"), and last
//!    the word's chars scattered over several words (`abc` in "are backups");
//! 2. the section of the control the text is in ([`Section`]): the control's title and
//!    question, its id, its crosswalk ids, the vendors' summaries and values, then their
//!    quotes, notes and names;
//! 3. the fuzzy scorer's score inside them, with its bonus for a verbatim match at the start
//!    of a word.
//!
//! Verbatim at a word start and inside a word are one class, so that a verbatim match in a
//! section ends the search of every section below it (a control's answers are most of its
//! texts): a title outranks an answer whichever of the two holds the word at a word start.
//!
//! Each level is a range of the score that the next cannot overflow, so a score compares as
//! the triple does, and a bound on one text's score is a bound on its triple.

use super::skim::Unit;

/// The chars are scattered over several words: listed last, and not at all when another
/// control holds the word closer (see `rank`).
pub(super) const SCATTERED: i64 = 0;
/// The chars lie close: inside one word, or as pieces that each start a word.
pub(super) const CLOSE: i64 = 1;
/// Verbatim, at the start of a word or inside one.
pub(super) const VERBATIM: i64 = 2;

/// Where in a control a text stands, highest first: the order a reviewer reads a control in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(super) enum Section {
    /// Vendors' quotes and notes, and vendor names.
    Evidence = 0,
    /// Vendors' summaries and values.
    Answer = 1,
    /// The control's crosswalk ids (ISO/IEC 27017, 27002, METI).
    Crosswalk = 2,
    /// The control's id.
    Id = 3,
    /// The control's title and question, in both languages.
    Heading = 4,
}

/// The fuzzy scorer's score (with bonuses) is kept below this.
const WITHIN_STEP: i64 = 1 << 20;
/// One tier up outweighs any score inside a tier.
const TIER_STEP: i64 = WITHIN_STEP;
/// One closeness class up outweighs any tier and score.
const CLASS_STEP: i64 = TIER_STEP * 8;

/// A text's score before its tier: closeness class, then the scorer's score (at least 1).
pub(super) fn unweighted(class: i64, within: i64) -> i64 {
    class * CLASS_STEP + within.clamp(1, WITHIN_STEP - 1)
}

/// A close match's (unweighted) score, had the chars been scattered.
pub(super) fn as_scattered(close: i64) -> i64 {
    close - (CLOSE - SCATTERED) * CLASS_STEP
}

/// A text's score in its tier.
pub(super) fn weighted(tier: i64, unweighted: i64) -> i64 {
    unweighted + tier * TIER_STEP
}

/// The closeness class of a (weighted or unweighted) score.
pub(super) fn class_of(score: i64) -> i64 {
    score / CLASS_STEP
}

/// Whether a word's chars lie close in `text` (chars, normalized): all inside one word
/// within `span + 1` chars, or as contiguous pieces that each start a word, the first
/// piece's start and the last piece's end at most `span` chars apart.
pub(super) fn is_close<T: Unit>(text: &[T], pattern: &[T], span: usize) -> bool {
    in_one_word(text, pattern, span) || in_word_starts(text, pattern, span)
}

fn is_word_char<T: Unit>(c: T) -> bool {
    c.to_char().is_alphanumeric()
}

fn in_one_word<T: Unit>(text: &[T], pattern: &[T], span: usize) -> bool {
    if !pattern.iter().all(|&c| is_word_char(c)) {
        return false;
    }
    text.split(|&c| !is_word_char(c))
        .filter(|word| word.len() >= pattern.len())
        .any(|word| super::score::has_window(word, pattern, span))
}

fn at_word_start<T: Unit>(text: &[T], at: usize) -> bool {
    at == 0 || !is_word_char(text[at - 1]) || !is_word_char(text[at])
}

/// Pieces each starting a word: for every start of the first piece, a search over where the
/// next piece starts, remembering the (pattern index, text position) pairs that failed. The
/// window is a few times the word's length, so this costs about what scoring the text does.
fn in_word_starts<T: Unit>(text: &[T], pattern: &[T], span: usize) -> bool {
    let Some(&first) = pattern.first() else {
        return true;
    };
    thread_local! {
        // Reused: a search tests tens of thousands of texts.
        static FAILED: std::cell::RefCell<Vec<bool>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    FAILED.with_borrow_mut(|failed| in_word_starts_with(text, pattern, span, first, failed))
}

fn in_word_starts_with<T: Unit>(
    text: &[T],
    pattern: &[T],
    span: usize,
    first: T,
    failed: &mut Vec<bool>,
) -> bool {
    for start in 0..text.len() {
        if text[start] != first || !at_word_start(text, start) {
            continue;
        }
        let end = (start + span + 1).min(text.len());
        failed.clear();
        failed.resize((pattern.len() + 1) * (end - start + 1), false);
        let mut search = Pieces {
            text: &text[start..end],
            pattern,
            failed,
        };
        if search.from(0, 0) {
            return true;
        }
    }
    false
}

struct Pieces<'a, T> {
    text: &'a [T],
    pattern: &'a [T],
    failed: &'a mut Vec<bool>,
}

impl<T: Unit> Pieces<'_, T> {
    /// Whether `pattern[i..]` can be matched as pieces each starting a word at or after `from`
    /// (the first piece exactly at `from` when `i == 0`).
    fn from(&mut self, i: usize, from: usize) -> bool {
        if i == self.pattern.len() {
            return true;
        }
        let slot = i * (self.text.len() + 1) + from;
        if self.failed[slot] {
            return false;
        }
        let last = if i == 0 { from + 1 } else { self.text.len() };
        for at in from..last.min(self.text.len()) {
            if self.text[at] != self.pattern[i] || !at_word_start(self.text, at) {
                continue;
            }
            let longest = self.text[at..]
                .iter()
                .zip(&self.pattern[i..])
                .take_while(|(t, p)| t == p)
                .count();
            for len in (1..=longest).rev() {
                if self.from(i + len, at + len) {
                    return true;
                }
            }
        }
        self.failed[slot] = true;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(text: &str, word: &str) -> bool {
        let t: Vec<char> = text.chars().collect();
        let p: Vec<char> = word.chars().collect();
        let n = p.len();
        is_close(&t, &p, (n * 3).max(n + 6))
    }

    #[test]
    fn chars_inside_one_word_or_at_word_starts_are_close() {
        assert!(close("backup frequency", "bkup"));
        assert!(close("fallback data", "abc"));
        assert!(close("iso/iec 27017 cld.8.1.5", "iso27017"));
        assert!(close("iso/iec 27017", "iso27"));
        assert!(close("deletion timing", "deltim"));
        assert!(close("削られたデータを除外", "削除"));
        // A longer first piece that fails, then a shorter one that works.
        assert!(close("ab abc", "abab"));
    }

    #[test]
    fn chars_scattered_over_words_are_not_close() {
        assert!(!close("are backups tested", "abc"));
        assert!(!close("a basic security policy", "abc"));
        assert!(!close("available to customers", "abc"));
        assert!(!close("deletion timing", "dtm"));
    }

    #[test]
    fn class_outweighs_tier_and_tier_outweighs_score() {
        let low_class = weighted(Section::Heading as i64, unweighted(CLOSE, WITHIN_STEP * 4));
        let high_class = weighted(Section::Evidence as i64, unweighted(VERBATIM, 1));
        assert!(high_class > low_class);
        let low_tier = weighted(Section::Answer as i64, unweighted(VERBATIM, WITHIN_STEP));
        let high_tier = weighted(Section::Crosswalk as i64, unweighted(VERBATIM, 1));
        assert!(high_tier > low_tier);
        assert_eq!(class_of(high_tier), VERBATIM);
        assert_eq!(class_of(low_class), CLOSE);
    }
}
