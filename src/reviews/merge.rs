//! Three-way merge of reviews: what this kurabe changed since it last read the file, laid
//! over what is in the file now (another kurabe's saves, hand edits).
//!
//! Per answer (vendor, control): a side that did not change it since the last read takes the
//! other side's version. When both changed it differently, the newer change (by `changed`;
//! undated counts as oldest, a tie goes to this kurabe) wins, and the other one is kept in the
//! note below a conflict marker, so nothing is dropped. A review one side removed and the other
//! changed is kept with the change.

use super::{Review, Reviews, Verdict};
use std::collections::BTreeSet;

/// The first words of the block a conflicting change is kept in, inside a note.
pub const CONFLICT_MARKER: &str = "⚠ conflict, kept by kurabe:";

/// The merged reviews, and the answers on which both sides' changes met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub reviews: Reviews,
    pub conflicts: Vec<(String, String)>,
}

/// Merges `ours` (this kurabe's reviews, read as `base`) with `theirs` (the file now).
pub fn merge(base: &Reviews, ours: &Reviews, theirs: &Reviews) -> Merged {
    let keys: BTreeSet<&(String, String)> = base
        .by_key
        .keys()
        .chain(ours.by_key.keys())
        .chain(theirs.by_key.keys())
        .collect();
    let mut reviews = Reviews::default();
    let mut conflicts = Vec::new();
    for key in keys {
        let (b, o, t) = (
            base.by_key.get(key),
            ours.by_key.get(key),
            theirs.by_key.get(key),
        );
        let kept = match (o != b, t != b) {
            (false, _) => t.cloned(),
            (true, false) => o.cloned(),
            (true, true) => match (o, t) {
                _ if o == t => o.cloned(),
                (Some(o), Some(t)) if says_the_same(o, t) => Some(newer(o, t).clone()),
                (Some(o), Some(t)) => {
                    conflicts.push(key.clone());
                    Some(resolve(o, t))
                }
                (Some(kept), None) | (None, Some(kept)) => Some(kept.clone()),
                (None, None) => None,
            },
        };
        if let Some(review) = kept {
            reviews.by_key.insert(key.clone(), review);
        }
    }
    Merged { reviews, conflicts }
}

/// Two reviews with the same verdict and note, whenever they were made.
fn says_the_same(a: &Review, b: &Review) -> bool {
    (&a.verdict, &a.note) == (&b.verdict, &b.note)
}

/// The later change of two (`ours` on a tie).
fn newer<'a>(ours: &'a Review, theirs: &'a Review) -> &'a Review {
    if theirs.changed > ours.changed {
        theirs
    } else {
        ours
    }
}

/// Both sides changed the same review: the newer wins, the other is kept in its note.
fn resolve(ours: &Review, theirs: &Review) -> Review {
    let (winner, loser) = if theirs.changed > ours.changed {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut review = winner.clone();
    let block = conflict_block(loser);
    if !review.note.contains(&block) {
        if !review.note.is_empty() {
            review.note.push_str("\n\n");
        }
        review.note.push_str(&block);
    }
    review
}

/// The text that keeps a losing change: when it was made, its verdict and its note.
fn conflict_block(loser: &Review) -> String {
    let mut when = loser
        .changed
        .map_or_else(|| "undated".to_string(), |t| t.to_string());
    if let Some(by) = &loser.by {
        when = format!("{by}, {when}");
    }
    let verdict = loser.verdict.map_or("none", Verdict::label);
    let mut block = format!("{CONFLICT_MARKER} the other change ({when}) had verdict {verdict}");
    if loser.note.is_empty() {
        block.push_str(" and no note");
    } else {
        block.push_str(" and the note:\n");
        block.push_str(&loser.note);
    }
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    fn with(reviews: &[(&str, Option<Verdict>, &str, i64)]) -> Reviews {
        let mut out = Reviews::default();
        for &(vendor, verdict, note, when) in reviews {
            out.set(vendor, "c", None, verdict, note.to_string(), at(when));
        }
        out
    }

    #[test]
    fn changes_to_different_answers_are_all_kept() {
        let base = with(&[]);
        let ours = with(&[("a", Some(Verdict::Risk), "", 1)]);
        let theirs = with(&[("b", Some(Verdict::Acceptable), "", 2)]);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.reviews.get("a", "c").unwrap().verdict,
            Some(Verdict::Risk)
        );
        assert_eq!(
            merged.reviews.get("b", "c").unwrap().verdict,
            Some(Verdict::Acceptable)
        );
    }

    #[test]
    fn a_conflict_names_who_made_each_change() {
        let by = |who: &str, verdict: Verdict, when: i64| {
            let mut r = Reviews::default();
            r.set_by(
                "a",
                "c",
                None,
                Some(verdict),
                String::new(),
                at(when),
                Some(who.into()),
            );
            r
        };
        let base = with(&[("a", Some(Verdict::Risk), "", 1)]);
        let ours = by("Aiko Sato", Verdict::Acceptable, 3);
        let theirs = by("Ben Ito", Verdict::FollowUp, 2);
        let merged = merge(&base, &ours, &theirs);
        let review = merged.reviews.get("a", "c").unwrap();
        assert_eq!(
            review.by.as_deref(),
            Some("Aiko Sato"),
            "the newer change's author"
        );
        assert!(
            review.note.contains("the other change (Ben Ito, "),
            "{}",
            review.note
        );
    }

    #[test]
    fn an_answer_only_the_file_changed_takes_the_file() {
        let base = with(&[("a", Some(Verdict::Risk), "x", 1)]);
        let theirs = with(&[("a", Some(Verdict::FollowUp), "edited by hand", 1)]);
        let merged = merge(&base, &base, &theirs);
        assert_eq!(merged.reviews, theirs);
        let removed_by_hand = merge(&base, &base, &Reviews::default());
        assert!(removed_by_hand.reviews.is_empty());
    }

    #[test]
    fn the_newer_of_two_changes_wins_and_the_other_is_kept_in_the_note() {
        let base = with(&[("a", Some(Verdict::Risk), "", 1)]);
        let ours = with(&[("a", Some(Verdict::Acceptable), "fine by me", 3)]);
        let theirs = with(&[("a", Some(Verdict::FollowUp), "ask again", 2)]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, vec![("a".to_string(), "c".to_string())]);
        let review = merged.reviews.get("a", "c").unwrap();
        assert_eq!(review.verdict, Some(Verdict::Acceptable));
        assert!(
            review.note.starts_with("fine by me\n\n⚠ conflict"),
            "{}",
            review.note
        );
        assert!(review
            .note
            .contains("verdict follow-up and the note:\nask again"));
        // The other kurabe, saving its change again over the merged file, adds nothing.
        let again = merge(&base, &theirs, &merged.reviews);
        assert_eq!(again.reviews.get("a", "c").unwrap().note, review.note);
    }

    /// Per vendor a0..a3: no review, or (verdict, note, time) drawn from small sets so that
    /// sides often agree and often clash.
    fn side() -> impl proptest::strategy::Strategy<Value = Reviews> {
        use proptest::prelude::*;
        let review = (
            0..4usize,
            prop_oneof![Just(""), Just("x"), Just("y\nz")],
            0..3i64,
        );
        proptest::collection::vec(proptest::option::of(review), 4).prop_map(|slots| {
            let mut out = Reviews::default();
            for (i, slot) in slots.into_iter().enumerate() {
                if let Some((v, note, when)) = slot {
                    let verdict = [None, Some(Verdict::Acceptable), Some(Verdict::Risk)]
                        .get(v)
                        .copied()
                        .flatten();
                    let note = if verdict.is_none() && note.is_empty() {
                        "n"
                    } else {
                        note
                    };
                    out.set(&format!("a{i}"), "c", None, verdict, note.into(), at(when));
                }
            }
            out
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn no_change_is_ever_dropped(base in side(), ours in side(), theirs in side()) {
            let merged = merge(&base, &ours, &theirs);
            for i in 0..4 {
                let vendor = format!("a{i}");
                let (b, o, t, m) = (
                    base.get(&vendor, "c"),
                    ours.get(&vendor, "c"),
                    theirs.get(&vendor, "c"),
                    merged.reviews.get(&vendor, "c"),
                );
                if o == b {
                    proptest::prop_assert_eq!(m, t);
                } else if t == b {
                    proptest::prop_assert_eq!(m, o);
                } else {
                    for side in [o, t].into_iter().flatten() {
                        let m = m.expect("a changed review is kept");
                        proptest::prop_assert!(m.note.contains(&side.note), "{:?} lost {:?}", m, side);
                        let label = side.verdict.map_or("none", Verdict::label);
                        proptest::prop_assert!(
                            m.verdict == side.verdict || m.note.contains(&format!("verdict {label}")),
                            "{:?} lost the verdict of {:?}", m, side
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_removal_does_not_drop_the_other_sides_change() {
        let base = with(&[("a", Some(Verdict::Risk), "", 1)]);
        let theirs = with(&[("a", Some(Verdict::Risk), "new note", 2)]);
        let merged = merge(&base, &Reviews::default(), &theirs);
        assert_eq!(merged.reviews, theirs);
    }
}
