//! Quotes of two versions of an answer: which were removed, which added, and which were only
//! reworded (a removed quote paired with the added one it most resembles), with the character
//! changes of each rewording.

use similar::{ChangeTag, TextDiff};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// Quotes longer than this (in characters) are never paired as a rewording: a character diff
/// of two long texts costs the product of their lengths, and a vendor file is untrusted.
const PAIRED_UP_TO: usize = 2_000;

/// A character diff gives up (and reads as wholly changed) after this long.
const DIFF_DEADLINE: Duration = Duration::from_millis(20);

fn char_diff<'a>(before: &'a str, after: &'a str) -> TextDiff<'a, 'a, 'a, str> {
    TextDiff::configure()
        .deadline(Instant::now() + DIFF_DEADLINE)
        .diff_chars(before, after)
}

/// What makes two quotes the same: their words after NFKC, whitespace aside — as `kurabe
/// import --update` compares a quote with its source (「３０日」 is 「30日」, a line break
/// inside a Japanese sentence is nothing).
pub fn same_words(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// A removed and an added quote pair as one rewording from this similarity on (0–1, the share
/// of characters the two have in common, as `similar` counts it).
pub const REWORDED_AT: f32 = 0.5;

/// A quote as it compares: its text, with where it was cited (shown, never compared).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cited {
    pub document: String,
    pub section: String,
    pub text: String,
}

/// What happened to the quotes of one answer between two versions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteChanges {
    pub removed: Vec<Cited>,
    pub added: Vec<Cited>,
    pub reworded: Vec<Reworded>,
}

impl QuoteChanges {
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty() && self.reworded.is_empty()
    }
}

/// One sentence in its old and its new wording.
#[derive(Debug, Clone, PartialEq)]
pub struct Reworded {
    pub before: Cited,
    pub after: Cited,
    pub pieces: Vec<Piece>,
}

/// A run of characters of a rewording: kept, removed or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

/// Spaces and line breaks do not make a quote different: a sentence re-flowed is the same.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The changes from `before` to `after`. A quote whose text stands in both (wherever it is
/// cited) is no change.
pub fn compare(before: &[Cited], after: &[Cited]) -> QuoteChanges {
    let texts =
        |quotes: &[Cited]| -> Vec<String> { quotes.iter().map(|q| normalized(&q.text)).collect() };
    let (old, new) = (texts(before), texts(after));
    let keys =
        |quotes: &[Cited]| -> Vec<String> { quotes.iter().map(|q| same_words(&q.text)).collect() };
    let (old_keys, new_keys) = (keys(before), keys(after));
    let mut removed: Vec<usize> = (0..before.len())
        .filter(|&i| !new_keys.contains(&old_keys[i]))
        .collect();
    let mut added: Vec<usize> = (0..after.len())
        .filter(|&i| !old_keys.contains(&new_keys[i]))
        .collect();
    // Every removed × added pair similar enough, most similar first, each quote in one pair.
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    let short = |t: &String| t.chars().count() <= PAIRED_UP_TO;
    for &r in removed.iter().filter(|&&r| short(&old[r])) {
        for &a in added.iter().filter(|&&a| short(&new[a])) {
            let ratio = char_diff(old[r].as_str(), new[a].as_str()).ratio();
            if ratio >= REWORDED_AT {
                pairs.push((ratio, r, a));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut reworded_pairs: Vec<(usize, usize)> = Vec::new();
    for (_, r, a) in pairs {
        if removed.contains(&r) && added.contains(&a) {
            removed.retain(|&i| i != r);
            added.retain(|&i| i != a);
            reworded_pairs.push((r, a));
        }
    }
    reworded_pairs.sort_unstable();
    QuoteChanges {
        removed: removed.iter().map(|&i| before[i].clone()).collect(),
        added: added.iter().map(|&i| after[i].clone()).collect(),
        reworded: reworded_pairs
            .into_iter()
            .map(|(r, a)| Reworded {
                before: before[r].clone(),
                after: after[a].clone(),
                pieces: pieces(&old[r], &new[a]),
            })
            .collect(),
    }
}

/// The character changes from `before` to `after`, neighbouring characters of one kind joined,
/// and two changes that only one or two characters keep apart read as one ("[-delet-]{+eras+}ed"
/// rather than "[-del-]e[-t-]{+ras+}ed"): a reader compares words, not letters.
pub fn pieces(before: &str, after: &str) -> Vec<Piece> {
    let diff = char_diff(before, after);
    let mut raw: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), raw.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Same(s)))
            | (ChangeTag::Delete, Some(Piece::Removed(s)))
            | (ChangeTag::Insert, Some(Piece::Added(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => raw.push(Piece::Same(text.to_string())),
            (ChangeTag::Delete, _) => raw.push(Piece::Removed(text.to_string())),
            (ChangeTag::Insert, _) => raw.push(Piece::Added(text.to_string())),
        }
    }
    let mut out = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<Piece>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Piece::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(Piece::Added(std::mem::take(added)));
        }
    };
    for (i, piece) in raw.iter().enumerate() {
        match piece {
            Piece::Removed(s) => removed.push_str(s),
            Piece::Added(s) => added.push_str(s),
            Piece::Same(s) => {
                let pending = !removed.is_empty() || !added.is_empty();
                let change_follows = i + 1 < raw.len();
                if pending && change_follows && s.chars().count() <= 2 {
                    removed.push_str(s);
                    added.push_str(s);
                } else {
                    flush(&mut out, &mut removed, &mut added);
                    out.push(Piece::Same(s.clone()));
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// A rewording in plain text, as `git diff --word-diff` marks it: `[-old-]{+new+}`.
pub fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(s) => s.clone(),
            Piece::Removed(s) => format!("[-{s}-]"),
            Piece::Added(s) => format!("{{+{s}+}}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(section: &str, text: &str) -> Cited {
        Cited {
            document: "main".into(),
            section: section.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_quote_cited_elsewhere_or_reflowed_is_no_change() {
        let changes = compare(
            &[q("3.1", "Data is deleted\nwithin 30 days.")],
            &[q("4.2", "Data is deleted within 30 days.")],
        );
        assert!(changes.is_empty(), "{changes:?}");
    }

    #[test]
    fn a_reworded_sentence_pairs_with_its_old_form() {
        let changes = compare(
            &[
                q(
                    "3",
                    "Data is deleted within 30 days after the contract ends.",
                ),
                q("4", "Backups are encrypted."),
            ],
            &[
                q(
                    "3",
                    "Data is deleted within 60 days after the contract ends.",
                ),
                q("9", "Logs are kept for one year by the operator."),
            ],
        );
        assert_eq!(changes.reworded.len(), 1);
        let r = &changes.reworded[0];
        assert_eq!(
            marked(&r.pieces),
            "Data is deleted within [-3-]{+6+}0 days after the contract ends."
        );
        assert_eq!(changes.removed, vec![q("4", "Backups are encrypted.")]);
        assert_eq!(
            changes.added,
            vec![q("9", "Logs are kept for one year by the operator.")]
        );
    }

    #[test]
    fn changes_a_letter_or_two_apart_read_as_one_word() {
        assert_eq!(
            marked(&pieces("data is deleted now", "data is erased now")),
            "data is [-delet-]{+eras+}ed now"
        );
        assert_eq!(
            marked(&pieces("保存期間は30日です。", "保存期間は60日です。")),
            "保存期間は[-3-]{+6+}0日です。"
        );
    }

    #[test]
    fn dissimilar_sentences_stay_a_removal_and_an_addition() {
        let changes = compare(
            &[q("1", "顧客データは契約終了後30日以内に削除します。")],
            &[q("1", "バックアップは毎日取得します。")],
        );
        assert!(changes.reworded.is_empty());
        assert_eq!((changes.removed.len(), changes.added.len()), (1, 1));
    }

    #[test]
    fn each_quote_is_in_one_pair_at_most_the_closest() {
        let changes = compare(
            &[q("1", "保存期間は30日です。")],
            &[
                q("1", "保存期間は60日です。"),
                q("2", "保存期間は30日間です。"),
            ],
        );
        assert_eq!(changes.reworded.len(), 1);
        assert_eq!(changes.reworded[0].after.text, "保存期間は30日間です。");
        assert_eq!(changes.added.len(), 1);
    }
}
