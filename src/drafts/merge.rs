//! Three-way merge of one answer: the change being saved (`ours`, made on the answer as it was
//! read, `base`) laid over what the file holds now (`theirs`: another kurabe's save, a hand
//! edit), field by field, so that no change is silently reverted.
//!
//! - status, polarity, value, note, draft, and the English and Japanese summaries: a field
//!   only one side changed takes that change; a field both changed differently keeps ours and
//!   records the other in a [`Conflict`] (the form in the vendor file, see
//!   [`crate::catalog::conflict`]). A summary's language is the text a person wrote there, or
//!   none: the vendor's words, which follow the quotes and are no change of their own.
//! - quotes and candidates, item by item (an item is its document, section and text): an item
//!   either side added is in, an item either side removed is out (a quote taken back to the
//!   candidates moves there). Where both changed the same item (its context or score), ours
//!   is kept.
//! - the result is made consistent as the review panel keeps it (no quotes: nothing stated,
//!   no value, no polarity; quotes: stated, with a summary); a side's change that this undoes
//!   is recorded as a conflict too.
//! - conflicts already recorded are merged as the items are: one that either side resolved
//!   (removed) goes.
//!
//! When only one side changed anything, the result is exactly that side. Pure: no files here.

use super::{person_texts, rebuild_summary};
use crate::catalog::{Answer, Conflict, Status};

/// The merged answer, and the conflicts this merge found (also in `answer.conflicts`).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub answer: Answer,
    pub conflicts: Vec<Conflict>,
}

/// Merges `ours` (made from `base`) with `theirs` (the answer as the file holds it now).
pub fn merge(base: &Answer, ours: &Answer, theirs: &Answer) -> Merged {
    let unchanged = |answer: &Answer| Merged {
        answer: answer.clone(),
        conflicts: Vec::new(),
    };
    if ours == base {
        return unchanged(theirs);
    }
    if theirs == base || theirs == ours {
        return unchanged(ours);
    }
    let quotes = merge_items(&base.quotes, &ours.quotes, &theirs.quotes, |a, b| {
        (&a.document, &a.section, &a.text) == (&b.document, &b.section, &b.text)
    });
    let mut candidates = merge_items(
        &base.candidates,
        &ours.candidates,
        &theirs.candidates,
        |a, b| (&a.document, &a.section, &a.text) == (&b.document, &b.section, &b.text),
    );
    // A passage is a quote or a candidate, never both.
    candidates.retain(|c| {
        !quotes
            .iter()
            .any(|q| (&q.document, &q.section, &q.text) == (&c.document, &c.section, &c.text))
    });
    let slots = Slots::of(base);
    let (ours_slots, theirs_slots) = (Slots::of(ours), Slots::of(theirs));
    let mut answer = Answer {
        control: ours.control.clone(),
        status: pick(&base.status, &ours.status, &theirs.status),
        polarity: pick(&base.polarity, &ours.polarity, &theirs.polarity),
        summary: None,
        vendor_words: None,
        value: pick(&base.value, &ours.value, &theirs.value),
        note: pick(&base.note, &ours.note, &theirs.note),
        quotes,
        draft: pick(&base.draft, &ours.draft, &theirs.draft),
        candidates,
        conflicts: merge_items(
            &base.conflicts,
            &ours.conflicts,
            &theirs.conflicts,
            PartialEq::eq,
        ),
        previous: pick(&base.previous, &ours.previous, &theirs.previous),
    };
    let merged_slots = Slots {
        en: pick(&slots.en, &ours_slots.en, &theirs_slots.en),
        ja: pick(&slots.ja, &ours_slots.ja, &theirs_slots.ja),
    };
    make_consistent(&mut answer);
    merged_slots.apply(&mut answer, [(ours, &ours_slots), (theirs, &theirs_slots)]);
    let held = Slots::of(&answer);
    let mut found = Vec::new();
    let mut met = |conflict: Conflict| {
        if !answer.conflicts.contains(&conflict) && !found.contains(&conflict) {
            found.push(conflict);
        }
    };
    for theirs in dropped(&base.status, &ours.status, &theirs.status, &answer.status) {
        met(Conflict::Status {
            ours: answer.status,
            theirs,
        });
    }
    for theirs in dropped(
        &base.polarity,
        &ours.polarity,
        &theirs.polarity,
        &answer.polarity,
    ) {
        met(Conflict::Polarity {
            ours: answer.polarity,
            theirs,
        });
    }
    for theirs in dropped(&slots.en, &ours_slots.en, &theirs_slots.en, &held.en) {
        met(Conflict::SummaryEn {
            ours: held.en.clone(),
            theirs,
        });
    }
    for theirs in dropped(&slots.ja, &ours_slots.ja, &theirs_slots.ja, &held.ja) {
        met(Conflict::SummaryJa {
            ours: held.ja.clone(),
            theirs,
        });
    }
    for theirs in dropped(&base.value, &ours.value, &theirs.value, &answer.value) {
        met(Conflict::Value {
            ours: answer.value.clone(),
            theirs,
        });
    }
    for theirs in dropped(&base.note, &ours.note, &theirs.note, &answer.note) {
        met(Conflict::Note {
            ours: answer.note.clone(),
            theirs,
        });
    }
    for theirs in dropped(&base.draft, &ours.draft, &theirs.draft, &answer.draft) {
        met(Conflict::Draft {
            ours: answer.draft,
            theirs,
        });
    }
    answer.conflicts.extend(found.iter().cloned());
    Merged {
        answer,
        conflicts: found,
    }
}

/// A field's three-way merge: the side that changed it, ours where both did.
fn pick<T: Clone + PartialEq>(base: &T, ours: &T, theirs: &T) -> T {
    if ours == base {
        theirs.clone()
    } else {
        ours.clone()
    }
}

/// The changes of either side to a field (from `base`) that the merged answer does not hold.
fn dropped<T: Clone + PartialEq>(base: &T, ours: &T, theirs: &T, held: &T) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for side in [ours, theirs] {
        if side != base && side != held && !out.contains(side) {
            out.push(side.clone());
        }
    }
    out
}

/// A list merged item by item (`same` tells an item from another): ours in its order, less
/// what theirs removed, with theirs' changes to items ours left alone, then what theirs added.
pub(crate) fn merge_items<T: Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    same: impl Fn(&T, &T) -> bool,
) -> Vec<T> {
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base {
        return ours.to_vec();
    }
    let find = |list: &[T], item: &T| list.iter().find(|x| same(x, item)).cloned();
    let mut out = Vec::with_capacity(ours.len() + theirs.len());
    for item in ours {
        match (find(base, item), find(theirs, item)) {
            // Theirs removed it.
            (Some(_), None) => {}
            // Ours left it as it was: theirs' version.
            (Some(b), Some(t)) if b == *item => out.push(t),
            _ => out.push(item.clone()),
        }
    }
    for item in theirs {
        let added = find(base, item).is_none() && find(ours, item).is_none();
        if added && !out.iter().any(|x| same(x, item)) {
            out.push(item.clone());
        }
    }
    out
}

/// Kept as the review panel keeps an answer: quotes make it stated, no quotes leave it not
/// stated, without value or polarity. (The summary follows, from the quotes.)
fn make_consistent(answer: &mut Answer) {
    if answer.quotes.is_empty() {
        answer.status = Status::NotStated;
        answer.value = None;
        answer.polarity = None;
    } else if answer.status == Status::NotStated {
        answer.status = Status::Stated;
    }
}

/// A summary, for the merge: in each language, the text a person wrote, or `None` where the
/// summary is the vendor's words (which follow the quotes) or absent.
#[derive(Debug, Clone, PartialEq)]
struct Slots {
    en: Option<String>,
    ja: Option<String>,
}

impl Slots {
    fn of(answer: &Answer) -> Slots {
        let (en, ja) = person_texts(answer);
        Slots { en, ja }
    }

    /// The summary these slots make over the answer's quotes: as one of `sides` has it where
    /// the slots and quotes are that side's, else as the review panel writes it.
    fn apply(&self, answer: &mut Answer, sides: [(&Answer, &Slots); 2]) {
        for (side, slots) in sides {
            if slots == self && side.quotes == answer.quotes {
                answer.summary = side.summary.clone();
                answer.vendor_words = side.vendor_words;
                return;
            }
        }
        rebuild_summary(answer, self.en.clone(), self.ja.clone());
    }
}

#[cfg(test)]
mod tests;
