//! What each weight tier of a control holds, summarized so that a search can prove early that
//! nothing left in the tier can beat the best match found, without visiting every text:
//! - the largest in-place bonus each char gets after another char (a word's first char gets
//!   at most that anywhere but at the start of a text: it bounds what any text scores);
//! - the texts sorted by their first bytes, so that the texts starting with a word (which
//!   reach the most the word can score) or with its first char (the only ones that can beat
//!   that bound) are found by binary search.
//!
//! Per text this keeps one `u32`; the rest is per tier (a few hundred chars). A summary is
//! built as a [`TierSummary`] and searched through a [`Tier`], a view of one that is built or
//! of one stored in the cache (see [`super::stored`]).

use super::skim;
use std::collections::HashMap;
use std::ops::Range;

/// The records of one weight in a control (records are stored heaviest first, so a tier is a
/// range of them), summarized: what a search reads.
#[derive(Debug, Clone)]
pub(super) struct Tier<'a> {
    pub(super) weight: i64,
    pub(super) records: Range<u32>,
    /// The tier's record ids sorted by the first 8 bytes of their texts, then by id.
    pub(super) by_start: &'a [u32],
    /// The largest in-place bonus of each ASCII char at a position after the first.
    pub(super) ascii_bonus: &'a [u8; 128],
    /// The same for other chars that get a bonus somewhere, sorted by char.
    pub(super) other_bonus: &'a [OtherBonus],
}

/// A [`Tier`] as built, owning its summary.
#[derive(Debug, Clone)]
pub(super) struct TierSummary {
    pub(super) weight: i64,
    pub(super) records: Range<u32>,
    pub(super) by_start: Vec<u32>,
    pub(super) ascii_bonus: [u8; 128],
    pub(super) other_bonus: Vec<OtherBonus>,
}

/// The largest bonus of a non-ASCII char (as a `u32`: the layout the cache stores as it is).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct OtherBonus {
    pub(super) char: u32,
    pub(super) bonus: u32,
}

// SAFETY: two `u32`s, `repr(C)`, no padding; any bits are a valid value (a `char` that is not
// one only fails to match).
unsafe impl bytemuck::Zeroable for OtherBonus {}
unsafe impl bytemuck::Pod for OtherBonus {}

/// The first 8 bytes of a text as a big-endian number, zero-padded: ordering texts by it
/// orders them by those bytes.
fn start_key(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut key = [0u8; 8];
    let n = bytes.len().min(8);
    key[..n].copy_from_slice(&bytes[..n]);
    u64::from_be_bytes(key)
}

impl TierSummary {
    /// Summarizes the records `records` (all of weight `weight`), whose texts `text` gives.
    pub(super) fn build<'a>(
        weight: i64,
        records: Range<u32>,
        text: impl Fn(u32) -> &'a str,
    ) -> TierSummary {
        let mut ascii_bonus = [0u8; 128];
        let mut other: HashMap<char, u8> = HashMap::new();
        let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(records.len());
        for id in records.clone() {
            let t = text(id);
            keyed.push((start_key(t), id));
            let bytes = t.as_bytes();
            // A char gets a bonus only after a separator, or (an ASCII capital) after a
            // lowercase letter or digit: all ASCII, so the bytes are scanned, not the chars.
            for (i, &b) in bytes.iter().enumerate().skip(1) {
                let after = skim::separator_bonus(bytes[i - 1]);
                if after == 0 && !b.is_ascii_uppercase() {
                    continue;
                }
                if b.is_ascii() {
                    let bonus = if after > 0 {
                        after
                    } else {
                        t[..i]
                            .chars()
                            .next_back()
                            .map_or(0, |prev| skim::bonus_at(prev, b as char))
                    };
                    let slot = &mut ascii_bonus[b as usize];
                    *slot = (*slot).max(bonus as u8);
                } else if let Some(c) = t[i..].chars().next() {
                    // After an ASCII separator: `i` starts a char.
                    let slot = other.entry(c).or_insert(0);
                    *slot = (*slot).max(after as u8);
                }
            }
        }
        keyed.sort_unstable();
        let mut other_bonus: Vec<OtherBonus> = other
            .into_iter()
            .map(|(c, bonus)| OtherBonus {
                char: c as u32,
                bonus: u32::from(bonus),
            })
            .collect();
        other_bonus.sort_unstable();
        TierSummary {
            weight,
            records,
            by_start: keyed.into_iter().map(|(_, id)| id).collect(),
            ascii_bonus,
            other_bonus,
        }
    }

    pub(super) fn view(&self) -> Tier<'_> {
        Tier {
            weight: self.weight,
            records: self.records.clone(),
            by_start: &self.by_start,
            ascii_bonus: &self.ascii_bonus,
            other_bonus: &self.other_bonus,
        }
    }

    /// The heap memory the summary takes.
    pub(super) fn heap_bytes(&self) -> usize {
        self.by_start.capacity() * 4
            + self.other_bonus.capacity() * std::mem::size_of::<OtherBonus>()
    }
}

impl Tier<'_> {
    /// The largest bonus `c` gets in any text of the tier at a position other than the
    /// text's first char.
    pub(super) fn later_bonus(&self, c: char) -> i64 {
        let code = c as usize;
        if code < 128 {
            i64::from(self.ascii_bonus[code])
        } else {
            self.other_bonus
                .binary_search_by_key(&(c as u32), |b| b.char)
                .map_or(0, |i| i64::from(self.other_bonus[i].bonus))
        }
    }

    /// The tier's records whose text starts with `prefix`, in no particular order.
    pub(super) fn starting_with<'b>(
        &'b self,
        prefix: &'b str,
        text: impl Fn(u32) -> &'b str + Copy + 'b,
    ) -> impl Iterator<Item = u32> + 'b {
        let p = prefix.as_bytes();
        let n = p.len().min(8);
        let (mut lo, mut hi) = ([0u8; 8], [0xFFu8; 8]);
        lo[..n].copy_from_slice(&p[..n]);
        hi[..n].copy_from_slice(&p[..n]);
        let (lo, hi) = (u64::from_be_bytes(lo), u64::from_be_bytes(hi));
        let key = |id: &u32| start_key(text(*id));
        let from = self.by_start.partition_point(|id| key(id) < lo);
        let to = from + self.by_start[from..].partition_point(|id| key(id) <= hi);
        self.by_start[from..to]
            .iter()
            .copied()
            .filter(move |&id| text(id).starts_with(prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 9] = [
        "deletion of data",
        "delete",
        "data deleted (in 30 days)",
        "d",
        "",
        "削除は30日以内",
        "データの削除",
        "（削除）",
        "iso/iec 27017:2015 cld.8.1.5",
    ];

    fn tier() -> TierSummary {
        TierSummary::build(2, 0..TEXTS.len() as u32, |id| TEXTS[id as usize])
    }

    #[test]
    fn the_texts_starting_with_a_prefix_are_exactly_those_found() {
        let summary = tier();
        let tier = summary.view();
        for prefix in [
            "d",
            "de",
            "del",
            "delet",
            "deletion",
            "deletion of",
            "data d",
            "削",
            "削除は",
            "デ",
            "iso/iec 2",
            "x",
            "（",
            "",
        ] {
            let mut got: Vec<u32> = tier
                .starting_with(prefix, |id| TEXTS[id as usize])
                .collect();
            got.sort_unstable();
            let want: Vec<u32> = (0..TEXTS.len() as u32)
                .filter(|&id| TEXTS[id as usize].starts_with(prefix))
                .collect();
            assert_eq!(got, want, "{prefix:?}");
        }
    }

    #[test]
    fn the_later_bonus_of_a_char_is_its_best_after_a_texts_first_char() {
        let summary = tier();
        let tier = summary.view();
        for c in "delioa3削除デ（）(:.2x".chars() {
            let want = TEXTS
                .iter()
                .flat_map(|t| {
                    let chars: Vec<char> = t.chars().collect();
                    (1..chars.len())
                        .filter(|&i| chars[i] == c)
                        .map(|i| skim::bonus_at(chars[i - 1], c))
                        .collect::<Vec<_>>()
                })
                .max()
                .unwrap_or(0);
            assert_eq!(tier.later_bonus(c), want, "{c:?}");
        }
        // After a space, a hard separator; after a colon, a soft one; mid-word, none.
        assert_eq!(tier.later_bonus('d'), 8);
        assert_eq!(tier.later_bonus('2'), 8);
        assert_eq!(tier.later_bonus('8'), 7);
        assert_eq!(tier.later_bonus('削'), 0);
    }
}
