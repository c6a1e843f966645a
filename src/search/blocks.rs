//! Per-block bounds: each tier's records in blocks of [`BLOCK`], each block summarized by a
//! hashed set of the byte bigrams and trigrams its texts contain and of the one- to
//! three-byte prefixes of their words. From it a word's best possible score in the block
//! follows without visiting a text:
//! - a word with a bigram or trigram the block lacks occurs in no text verbatim: its best
//!   there is a fuzzy match's (the class below every verbatim match);
//! - a word starting with an ASCII letter or digit whose first bytes start no word of the
//!   block occurs verbatim only inside words: no word-start bonus.
//!
//! A search skips a block whose bound its best match already reaches, so a short word that
//! occurs everywhere inside words (`ret`, `dele`) only visits the blocks where it can start a
//! word once it has found one match that does. The sets are hashed, so a block may pass a test
//! it should fail (it is then visited, as without the summary), never the reverse.

use super::closeness::{unweighted, CLOSE, VERBATIM};

/// Records per block (small in tests, so that the embedded catalogue's tiers have several).
pub(super) const BLOCK: usize = if cfg!(test) { 3 } else { 32 };

/// Bits of a block's set.
const BITS: usize = 4096;
const WORDS: usize = BITS / 64;

fn slot(kind: u32, bytes: &[u8]) -> usize {
    let mut x = u64::from(kind) << 32;
    for &b in bytes {
        x = (x << 8) | u64::from(b);
    }
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS.trailing_zeros())) as usize
}

const GRAM: u32 = 1;
const WORD_START: u32 = 2;

/// The sets of a tier's blocks, one after the other.
#[derive(Debug, Clone, Default)]
pub(super) struct Blocks {
    bits: Vec<u64>,
}

impl Blocks {
    /// Summarizes `texts`, consecutive records of one tier, [`BLOCK`] at a time.
    pub(super) fn build<'a>(texts: impl Iterator<Item = &'a str>) -> Blocks {
        let mut bits: Vec<u64> = Vec::new();
        for (i, text) in texts.enumerate() {
            if i % BLOCK == 0 {
                bits.resize(bits.len() + WORDS, 0);
            }
            let at = bits.len() - WORDS;
            add(&mut bits[at..], text);
        }
        bits.shrink_to_fit();
        Blocks { bits }
    }

    fn block(&self, b: usize) -> &[u64] {
        &self.bits[b * WORDS..(b + 1) * WORDS]
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.bits.capacity() * 8
    }
}

fn set(bits: &mut [u64], slot: usize) {
    bits[slot / 64] |= 1 << (slot % 64);
}

fn has(bits: &[u64], slot: usize) -> bool {
    bits[slot / 64] & (1 << (slot % 64)) != 0
}

fn add(bits: &mut [u64], text: &str) {
    let b = text.as_bytes();
    for i in 0..b.len() {
        if i + 2 <= b.len() {
            set(bits, slot(GRAM, &b[i..i + 2]));
        }
        if i + 3 <= b.len() {
            set(bits, slot(GRAM, &b[i..i + 3]));
        }
        if b[i].is_ascii_alphanumeric() && starts_word(text, i) {
            for k in 1..=3.min(b.len() - i) {
                set(bits, slot(WORD_START, &b[i..i + k]));
            }
        }
    }
}

/// Whether the char at byte `i` follows no alphanumeric char (as [`Pattern::find`]'s
/// word-start test reads it).
///
/// [`Pattern::find`]: super::score::Pattern::find
fn starts_word(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|p| text.as_bytes()[p]) {
        None => true,
        Some(prev) if prev.is_ascii() => !prev.is_ascii_alphanumeric(),
        Some(_) => text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric()),
    }
}

/// A word's tests against blocks, made once per word.
#[derive(Debug, Clone)]
pub(super) struct Probe {
    /// The word's bigrams (a two-byte word) or trigrams: all in a block if it occurs there.
    grams: Vec<usize>,
    /// The word's first three bytes (or fewer) as a word's start, if the word starts with an
    /// ASCII letter or digit (else every verbatim occurrence counts as at a word start).
    start: Option<usize>,
    ceiling: i64,
    inside_words: i64,
    fuzzy: i64,
}

impl Probe {
    /// `best_skim`: the most skim can score for the word; `verbatim`: the unweighted score of
    /// a verbatim match from its skim score and whether it is at a word start.
    pub(super) fn new(word: &str, best_skim: i64, verbatim: impl Fn(i64, bool) -> i64) -> Probe {
        let b = word.as_bytes();
        let n = if b.len() >= 3 { 3 } else { 2 };
        let grams = if b.len() >= 2 {
            b.windows(n).map(|g| slot(GRAM, g)).collect()
        } else {
            Vec::new()
        };
        let start = word
            .starts_with(|c: char| c.is_ascii_alphanumeric())
            .then(|| slot(WORD_START, &b[..b.len().min(3)]));
        let probe = Probe {
            grams,
            start,
            ceiling: verbatim(best_skim, true),
            inside_words: verbatim(best_skim, false),
            fuzzy: unweighted(CLOSE, best_skim),
        };
        debug_assert!(probe.fuzzy < unweighted(VERBATIM, 0));
        probe
    }

    /// The most the word scores (unweighted) in any text of block `b` of `blocks`.
    pub(super) fn bound(&self, blocks: &Blocks, b: usize) -> i64 {
        let bits = blocks.block(b);
        if !self.grams.iter().all(|&g| has(bits, g)) {
            self.fuzzy
        } else if self.start.is_some_and(|s| !has(bits, s)) {
            self.inside_words
        } else {
            self.ceiling
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::score::{Pattern, Scratch};
    use super::*;
    use proptest::prelude::*;

    /// Texts over a small alphabet, so that words recur inside and at the start of words.
    fn text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[ret dl/.(A9ーデ削除]{0,24}").unwrap()
    }

    proptest! {
        #[test]
        fn no_text_of_a_block_scores_above_its_bound(
            texts in proptest::collection::vec(text(), 1..(BLOCK * 4)),
            word in "[ret dl/.A9ーデ削]{1,5}",
        ) {
            let word: String = word.split_whitespace().collect();
            prop_assume!(!word.is_empty());
            let blocks = Blocks::build(texts.iter().map(String::as_str));
            let pattern = Pattern::new(&word);
            let mut scratch = Scratch::default();
            for (i, text) in texts.iter().enumerate() {
                if let Some(score) = pattern.score(text, &mut scratch) {
                    let bound = pattern.probe.bound(&blocks, i / BLOCK);
                    prop_assert!(score <= bound, "{word:?} in {text:?}: {score} > {bound}");
                }
            }
        }
    }

    #[test]
    fn a_block_without_the_word_at_a_word_start_is_bounded_below_one_with_it() {
        let inside = ["secret", "interpret"];
        let starting = ["secret", "retention"];
        let pattern = Pattern::new("ret");
        let bound = |texts: &[&str]| {
            pattern
                .probe
                .bound(&Blocks::build(texts.iter().copied()), 0)
        };
        assert!(bound(&inside) < bound(&starting));
        assert!(bound(&["r e t"]) < bound(&inside));
        assert_eq!(bound(&starting), pattern.ceiling());
    }
}
