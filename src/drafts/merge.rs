//! Three-way merge of one answer: the change being saved (`ours`, made on the answer as it was
//! read, `base`) laid over what the file holds now (`theirs`: another kurabe's save, a hand
//! edit), field by field, so that no change is silently reverted.
//!
//! - status, polarity, value, note, draft, and the English and Japanese summaries: a field
//!   only one side changed takes that change; a field both changed differently keeps ours and
//!   records the other in a [`Conflict`] (the form in the vendor file, see
//!   [`crate::catalog::conflict`]). A summary in a language nobody wrote is the vendor's words:
//!   it follows the quotes and is not a change of its own.
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

use super::quoted;
use crate::catalog::{Answer, Conflict, Status, Text, VendorWords};

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
    };
    let mut merged_slots = Slots {
        en: pick(&slots.en, &ours_slots.en, &theirs_slots.en),
        ja: pick(&slots.ja, &ours_slots.ja, &theirs_slots.ja),
    };
    make_consistent(&mut answer, &mut merged_slots);
    (answer.summary, answer.vendor_words) = merged_slots.summary(
        &answer.quotes,
        [(ours, &ours_slots), (theirs, &theirs_slots)],
    );
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
    for other in dropped(&slots.en, &ours_slots.en, &theirs_slots.en, &held.en) {
        met(Conflict::SummaryEn {
            ours: held.en.written(),
            theirs: other.written(),
        });
    }
    for other in dropped(&slots.ja, &ours_slots.ja, &theirs_slots.ja, &held.ja) {
        met(Conflict::SummaryJa {
            ours: held.ja.written(),
            theirs: other.written(),
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
fn merge_items<T: Clone + PartialEq>(
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

/// Kept as the review panel keeps an answer: quotes make it stated (with a summary), no quotes
/// leave it not stated, without value or polarity.
fn make_consistent(answer: &mut Answer, slots: &mut Slots) {
    if answer.quotes.is_empty() {
        answer.status = Status::NotStated;
        answer.value = None;
        answer.polarity = None;
    } else {
        if answer.status == Status::NotStated {
            answer.status = Status::Stated;
        }
        if slots.en == Slot::Absent && slots.ja == Slot::Absent {
            *slots = Slots {
                en: Slot::Derived,
                ja: Slot::Derived,
            };
        }
    }
}

/// What a summary holds in one language, for the merge: nothing, the vendor's words (the
/// quotes, which it follows), or a text written (marked as the vendor's words or not).
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Absent,
    Derived,
    Written { text: String, vendor_words: bool },
}

impl Slot {
    /// The text written, as a conflict records it (`None`: the vendor's words, or nothing).
    fn written(&self) -> Option<String> {
        match self {
            Slot::Written { text, .. } => Some(text.clone()),
            Slot::Absent | Slot::Derived => None,
        }
    }

    fn resolve(&self, words: &Option<String>) -> Option<(String, bool)> {
        match self {
            Slot::Absent => None,
            Slot::Derived => words.clone().map(|w| (w, true)),
            Slot::Written { text, vendor_words } => Some((text.clone(), *vendor_words)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Slots {
    en: Slot,
    ja: Slot,
}

impl Slots {
    fn of(answer: &Answer) -> Slots {
        let Some(summary) = &answer.summary else {
            return Slots {
                en: Slot::Absent,
                ja: Slot::Absent,
            };
        };
        let words = (!answer.quotes.is_empty()).then(|| quoted(&answer.quotes));
        let flags = answer.vendor_words;
        let en_flag = matches!(flags, Some(VendorWords::Both | VendorWords::En));
        let ja_flag = matches!(flags, Some(VendorWords::Both | VendorWords::Ja));
        let slot = |text: &str, flag: bool| {
            if flag && words.as_deref() == Some(text) {
                Slot::Derived
            } else {
                Slot::Written {
                    text: text.to_string(),
                    vendor_words: flag,
                }
            }
        };
        let en = slot(&summary.en, en_flag);
        let ja = match &summary.ja {
            Some(ja) => slot(ja, ja_flag),
            // Shown in Japanese, the English stands in: the vendor's words where it is.
            None if en == Slot::Derived => Slot::Derived,
            None => Slot::Absent,
        };
        Slots { en, ja }
    }

    /// The summary these slots make over `quotes`: as one of `sides` wrote it where the
    /// slots and quotes are that side's, else assembled in the form the review panel writes.
    fn summary(
        &self,
        quotes: &[crate::catalog::Quote],
        sides: [(&Answer, &Slots); 2],
    ) -> (Option<Text>, Option<VendorWords>) {
        for (side, slots) in sides {
            if slots == self && side.quotes == quotes {
                return (side.summary.clone(), side.vendor_words);
            }
        }
        let words = (!quotes.is_empty()).then(|| quoted(quotes));
        let flags = |en: bool, ja: bool| match (en, ja) {
            (true, true) => Some(VendorWords::Both),
            (true, false) => Some(VendorWords::En),
            (false, true) => Some(VendorWords::Ja),
            (false, false) => None,
        };
        match (self.en.resolve(&words), self.ja.resolve(&words)) {
            (None, None) => (None, None),
            (Some((en, true)), Some((ja, true))) if en == ja => {
                (Some(Text { en, ja: None }), Some(VendorWords::Both))
            }
            (Some((en, e)), Some((ja, j))) => (Some(Text { en, ja: Some(ja) }), flags(e, j)),
            (Some((en, e)), None) => (Some(Text { en, ja: None }), e.then_some(VendorWords::Both)),
            // A Japanese summary alone needs an English text: the same words stand in.
            (None, Some((ja, j))) => (
                Some(Text {
                    en: ja.clone(),
                    ja: (!j).then_some(ja),
                }),
                j.then_some(VendorWords::Both),
            ),
        }
    }
}

#[cfg(test)]
mod tests;
