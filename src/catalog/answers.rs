//! A vendor's answers, as a `Vec<Answer>` the rest of the code reads and changes through
//! `Deref`, but which a cached catalogue may decode on first use: a start that shows a few
//! vendors' answers decodes only theirs ([`super::cache`] checks every record whole before it
//! hands one over, so decoding later cannot fail on what was checked).

use super::model::Answer;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

/// Decodes a vendor's answers: called at most once per [`Answers`] (and its clones before use).
pub type Decode = Arc<dyn Fn() -> Vec<Answer> + Send + Sync>;

/// A vendor's answers, decoded now or on first use.
pub struct Answers {
    decoded: OnceLock<Vec<Answer>>,
    /// Until decoded: how, and what the record says of them (see [`Answers::drafts`]).
    pending: Option<(Decode, Counts)>,
}

/// What a cached record says of its answers before they are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub answers: usize,
    pub drafts: usize,
}

impl Answers {
    /// Answers decoded by `decode` on first use; `counts` stand for them until then.
    pub fn on_first_use(decode: Decode, counts: Counts) -> Answers {
        Answers {
            decoded: OnceLock::new(),
            pending: Some((decode, counts)),
        }
    }

    /// The answers, decoded if they were not yet.
    pub fn decoded(&self) -> &Vec<Answer> {
        self.decoded.get_or_init(|| match &self.pending {
            Some((decode, _)) => decode(),
            None => Vec::new(),
        })
    }

    /// Whether the answers are still to be decoded.
    pub fn is_pending(&self) -> bool {
        self.decoded.get().is_none() && self.pending.is_some()
    }

    /// How many answers are drafts, without decoding them.
    pub fn drafts(&self) -> usize {
        match (self.decoded.get(), &self.pending) {
            (None, Some((_, counts))) => counts.drafts,
            _ => self.decoded().iter().filter(|a| a.draft).count(),
        }
    }

    /// The answers as a vector of their own.
    pub fn into_vec(mut self) -> Vec<Answer> {
        std::mem::take(self.deref_mut())
    }
}

impl Default for Answers {
    fn default() -> Answers {
        Vec::new().into()
    }
}

impl From<Vec<Answer>> for Answers {
    fn from(answers: Vec<Answer>) -> Answers {
        Answers {
            decoded: OnceLock::from(answers),
            pending: None,
        }
    }
}

impl Deref for Answers {
    type Target = Vec<Answer>;
    fn deref(&self) -> &Vec<Answer> {
        self.decoded()
    }
}

impl DerefMut for Answers {
    fn deref_mut(&mut self) -> &mut Vec<Answer> {
        self.decoded();
        self.pending = None;
        self.decoded.get_mut().expect("decoded just above")
    }
}

impl Clone for Answers {
    fn clone(&self) -> Answers {
        Answers {
            decoded: self.decoded.clone(),
            pending: self.pending.clone(),
        }
    }
}

impl PartialEq for Answers {
    fn eq(&self, other: &Answers) -> bool {
        self.decoded() == other.decoded()
    }
}

impl PartialEq<Vec<Answer>> for Answers {
    fn eq(&self, other: &Vec<Answer>) -> bool {
        self.decoded() == other
    }
}

impl PartialEq<Answers> for Vec<Answer> {
    fn eq(&self, other: &Answers) -> bool {
        self == other.decoded()
    }
}

impl fmt::Debug for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.decoded().fmt(f)
    }
}

impl<'a> IntoIterator for &'a Answers {
    type Item = &'a Answer;
    type IntoIter = std::slice::Iter<'a, Answer>;
    fn into_iter(self) -> Self::IntoIter {
        self.decoded().iter()
    }
}

impl<'a> IntoIterator for &'a mut Answers {
    type Item = &'a mut Answer;
    type IntoIter = std::slice::IterMut<'a, Answer>;
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

impl IntoIterator for Answers {
    type Item = Answer;
    type IntoIter = std::vec::IntoIter<Answer>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl FromIterator<Answer> for Answers {
    fn from_iter<I: IntoIterator<Item = Answer>>(iter: I) -> Answers {
        iter.into_iter().collect::<Vec<_>>().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::Status;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn answer(control: &str, draft: bool) -> Answer {
        let mut a: Answer =
            serde_yaml::from_str(&format!("control: {control}\nstatus: not_stated\n")).unwrap();
        a.draft = draft;
        a
    }

    #[test]
    fn decoded_once_on_first_use_and_counted_before() {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = calls.clone();
        let answers = Answers::on_first_use(
            Arc::new(move || {
                seen.fetch_add(1, Ordering::SeqCst);
                vec![answer("a", true), answer("b", false)]
            }),
            Counts {
                answers: 2,
                drafts: 1,
            },
        );
        let copy = answers.clone();
        assert!(answers.is_pending());
        assert_eq!(answers.drafts(), 1);
        assert_eq!(calls.load(Ordering::SeqCst), 0, "counted without decoding");
        assert_eq!(answers.len(), 2);
        assert_eq!(answers[0].status, Status::NotStated);
        assert_eq!(answers.iter().count(), 2);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(!answers.is_pending());
        assert_eq!(answers.drafts(), 1);
        // A clone taken before first use decodes on its own first use.
        assert_eq!(copy, answers);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn changed_in_place_after_decoding() {
        let mut answers = Answers::on_first_use(
            Arc::new(|| vec![answer("a", true)]),
            Counts {
                answers: 1,
                drafts: 1,
            },
        );
        answers[0].draft = false;
        answers.push(answer("b", true));
        assert_eq!(answers.drafts(), 1);
        assert_eq!(
            answers
                .iter()
                .map(|a| a.control.as_ref())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        let plain: Answers = vec![answer("c", false)].into();
        assert!(!plain.is_pending());
        assert_eq!(plain.into_vec().len(), 1);
    }
}
