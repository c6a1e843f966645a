//! Reviewing an imported draft answer: the reviewer's decisions as pure changes of an
//! [`Answer`] (accept candidates as quotes, reject, write the summaries and the value, confirm),
//! and saving a changed answer into the vendor file it came from ([`vendor_file`]).
//!
//! A draft's summary, until a person writes one, is the vendor's own words: the quoted text
//! marked as such (the form `kurabe import` writes, see [`vendor_words`]), never made-up prose.

pub mod bulk;
pub mod conflicts;
pub mod file_merge;
pub mod merge;
pub mod queue;
pub mod vendor_file;

use crate::catalog::{Answer, Candidate, Lang, Quote, Status, Text, Value, VendorWords};

/// The quoted text of a summary that is the vendor's own words in `lang` (as the importer
/// writes it: each quote in 「」), or `None` where a person wrote the summary shown in `lang`.
pub fn vendor_words(answer: &Answer, lang: Lang) -> Option<&str> {
    let summary = answer.summary.as_ref()?;
    answer.is_vendor_words(lang).then(|| summary.get(lang))
}

/// The quotes in 「」, one after the other: the draft summary's text.
pub fn quoted(quotes: &[Quote]) -> String {
    quotes
        .iter()
        .map(|q| format!("「{}」", q.text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The languages of the summary a person wrote, as (English, Japanese).
fn written(answer: &Answer) -> (bool, bool) {
    let Some(summary) = &answer.summary else {
        return (false, false);
    };
    let en = !answer.is_vendor_words(Lang::En);
    let ja = summary.ja.is_some() && !answer.is_vendor_words(Lang::Ja);
    (en, ja)
}

/// Rebuilds the summary from the person's words kept and the quotes: the languages no person
/// wrote are the quotes themselves, marked by `vendor_words`.
fn rebuild_summary(answer: &mut Answer, en: Option<String>, ja: Option<String>) {
    let words = quoted(&answer.quotes);
    let has_words = !answer.quotes.is_empty();
    let (summary, marked) = match (en, ja) {
        (Some(en), Some(ja)) => (
            Some(Text {
                en: en.into(),
                ja: Some(ja.into()),
            }),
            None,
        ),
        (Some(en), None) if has_words => (
            Some(Text {
                en: en.into(),
                ja: Some(words.into()),
            }),
            Some(VendorWords::Ja),
        ),
        (Some(en), None) => (
            Some(Text {
                en: en.into(),
                ja: None,
            }),
            None,
        ),
        (None, Some(ja)) if has_words => (
            Some(Text {
                en: words.into(),
                ja: Some(ja.into()),
            }),
            Some(VendorWords::En),
        ),
        // A Japanese summary alone needs an English text: the person's own words stand in.
        (None, Some(ja)) => (
            Some(Text {
                en: ja.clone().into(),
                ja: Some(ja.into()),
            }),
            None,
        ),
        (None, None) if has_words => (
            Some(Text {
                en: words.into(),
                ja: None,
            }),
            Some(VendorWords::Both),
        ),
        (None, None) => (None, None),
    };
    answer.summary = summary;
    answer.vendor_words = marked;
}

/// The summary's languages a person wrote, as text.
fn person_texts(answer: &Answer) -> (Option<String>, Option<String>) {
    let (en, ja) = written(answer);
    let summary = answer.summary.as_ref();
    (
        (summary.filter(|_| en).map(|s| s.en.clone())).map(|s| s.into_owned()),
        (summary.filter(|_| ja).and_then(|s| s.ja.clone())).map(|s| s.into_owned()),
    )
}

/// What the review panel lists: the answer's quotes, then its candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Quote(usize),
    Candidate(usize),
}

/// The panel's `index`th item.
pub fn item(answer: &Answer, index: usize) -> Option<Item> {
    if index < answer.quotes.len() {
        Some(Item::Quote(index))
    } else if index < answer.quotes.len() + answer.candidates.len() {
        Some(Item::Candidate(index - answer.quotes.len()))
    } else {
        None
    }
}

pub fn item_count(answer: &Answer) -> usize {
    answer.quotes.len() + answer.candidates.len()
}

/// Keeps status, value and an unwritten summary in step with the quotes: quotes make an answer
/// stated; no quotes make it not stated, without value or polarity (nothing stated is neither
/// yes nor no). A person's summary is never dropped.
fn quotes_changed(answer: &mut Answer) {
    if answer.quotes.is_empty() {
        answer.status = Status::NotStated;
        answer.value = None;
        answer.polarity = None;
    } else if answer.status == Status::NotStated {
        answer.status = Status::Stated;
    }
    let (en, ja) = person_texts(answer);
    rebuild_summary(answer, en, ja);
}

/// Toggles the panel's `index`th item: a candidate becomes the last quote, a quote goes back
/// to the head of the candidates. Returns the index the item has now, for the cursor.
pub fn toggle(answer: &mut Answer, index: usize) -> Option<usize> {
    let at = match item(answer, index)? {
        Item::Candidate(i) => {
            let c = answer.candidates.remove(i);
            answer.quotes.push(Quote {
                document: c.document,
                section: c.section,
                text: c.text,
                context: c.context,
            });
            answer.quotes.len() - 1
        }
        Item::Quote(i) => {
            let q = answer.quotes.remove(i);
            answer.candidates.insert(0, candidate_of(q));
            answer.quotes.len()
        }
    };
    quotes_changed(answer);
    Some(at)
}

/// A quote given back to the candidates. Its score is not known any more: 0.
fn candidate_of(q: Quote) -> Candidate {
    Candidate {
        document: q.document,
        section: q.section,
        text: q.text,
        score: 0.0,
        context: q.context,
        value: None,
    }
}

/// The documents say nothing on the control: not stated, no quotes (they go back to the
/// candidates, so the reviewer can change their mind), no value.
pub fn reject(answer: &mut Answer) {
    let quotes = std::mem::take(&mut answer.quotes);
    for (i, q) in quotes.into_iter().enumerate() {
        answer.candidates.insert(i, candidate_of(q));
    }
    quotes_changed(answer);
}

/// Sets the summary in `lang` to what the reviewer wrote; empty text gives the language back to
/// the vendor's words.
pub fn set_summary(answer: &mut Answer, lang: Lang, text: &str) {
    let text = text.trim();
    let typed = (!text.is_empty()).then(|| text.to_string());
    let (en, ja) = person_texts(answer);
    match lang {
        Lang::En => rebuild_summary(answer, typed, ja),
        Lang::Ja => rebuild_summary(answer, en, typed),
    }
}

/// The summary text a reviewer starts editing from: what a person wrote, or nothing where the
/// summary is still the vendor's words.
pub fn summary_to_edit(answer: &Answer, lang: Lang) -> String {
    let (en, ja) = person_texts(answer);
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
    .unwrap_or_default()
}

/// The next polarity in the cycle none → yes → no → conditional → none: the reviewer says
/// what the quoted text answers to a yes/no question (the loader asks it of confirmed answers).
/// Steps the answer's polarity (yes, no, conditional, none). An answer that states nothing
/// holds no polarity (the loader refuses one): it is left as it is and `false` returned.
pub fn cycle_polarity(answer: &mut Answer) -> bool {
    use crate::catalog::Polarity;
    if answer.status == Status::NotStated {
        return false;
    }
    answer.polarity = match answer.polarity {
        None => Some(Polarity::Yes),
        Some(Polarity::Yes) => Some(Polarity::No),
        Some(Polarity::No) => Some(Polarity::Conditional),
        Some(Polarity::Conditional) => None,
    };
    true
}

pub fn set_value(answer: &mut Answer, value: Option<Value>) {
    answer.value = value;
}

/// The reviewer has checked the answer: it is no longer a draft, and the other proposals go,
/// and so does what it said before an update (`previous:`): the change has been looked at.
pub fn confirm(answer: &mut Answer) {
    answer.draft = false;
    answer.candidates.clear();
    answer.previous = None;
}

/// Settles the answer's `index`th conflict: keeps what the answer holds (`take_theirs`
/// false), or takes the other change, through the same steps the review panel's keys take (so
/// the answer stays whole). Refuses, with the reason, what an answer cannot hold as it is (a
/// value on an answer that states nothing).
pub fn settle(answer: &mut Answer, index: usize, take_theirs: bool) -> Result<(), String> {
    use crate::catalog::Conflict;
    let Some(conflict) = answer.conflicts.get(index).cloned() else {
        return Ok(());
    };
    if take_theirs {
        let field = conflict.field().name();
        let states_nothing = || {
            format!(
                "the other change sets the {field} of an answer that states nothing: take a quote first (Space)"
            )
        };
        let stated = answer.status != Status::NotStated;
        match conflict.clone() {
            Conflict::Status { theirs, .. } => match theirs {
                Status::NotStated => reject(answer),
                _ if answer.quotes.is_empty() => {
                    return Err("the other change says the answer states something, but it quotes nothing: take a quote first (Space)".to_string())
                }
                theirs => answer.status = theirs,
            },
            Conflict::Polarity { theirs, .. } if theirs.is_some() && !stated => {
                return Err(states_nothing())
            }
            Conflict::Polarity { theirs, .. } => answer.polarity = theirs,
            Conflict::SummaryEn { theirs, .. } => {
                set_summary(answer, Lang::En, theirs.as_deref().unwrap_or(""))
            }
            Conflict::SummaryJa { theirs, .. } => {
                set_summary(answer, Lang::Ja, theirs.as_deref().unwrap_or(""))
            }
            Conflict::Value { theirs, .. } if theirs.is_some() && !stated => {
                return Err(states_nothing())
            }
            Conflict::Value { theirs, .. } => set_value(answer, theirs),
            Conflict::Note { theirs, .. } => answer.note = theirs,
            Conflict::Draft { theirs: false, .. } => confirm(answer),
            Conflict::Draft { theirs: true, .. } => answer.draft = true,
        }
    }
    answer.conflicts.retain(|c| *c != conflict);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(text: &str, score: f64) -> Candidate {
        Candidate {
            document: "doc".into(),
            section: "1".into(),
            text: text.to_owned().into(),
            score,
            context: None,
            value: None,
        }
    }

    #[test]
    fn an_answer_that_states_nothing_takes_no_polarity() {
        let mut a = draft();
        assert!(!cycle_polarity(&mut a));
        assert_eq!(a, draft());
        a.status = Status::Stated;
        assert!(cycle_polarity(&mut a));
        assert_eq!(a.polarity, Some(crate::catalog::Polarity::Yes));
    }

    fn draft() -> Answer {
        Answer {
            control: "c".into(),
            status: Status::NotStated,
            summary: None,
            vendor_words: None,
            value: None,
            note: None,
            polarity: None,
            quotes: Vec::new(),
            draft: true,
            candidates: vec![candidate("first", 0.4), candidate("second", 0.2)],
            conflicts: Vec::new(),
            previous: None,
        }
    }

    #[test]
    fn accepting_candidates_makes_them_quotes_and_the_summary_their_words() {
        let mut a = draft();
        assert_eq!(toggle(&mut a, 0), Some(0));
        assert_eq!(toggle(&mut a, 1), Some(1));
        assert_eq!(a.status, Status::Stated);
        assert_eq!(a.quotes.len(), 2);
        assert!(a.candidates.is_empty());
        assert_eq!(vendor_words(&a, Lang::En), Some("「first」 「second」"));
        assert_eq!(vendor_words(&a, Lang::Ja), Some("「first」 「second」"));
    }

    #[test]
    fn taking_back_the_last_quote_leaves_nothing_stated() {
        let mut a = draft();
        toggle(&mut a, 0);
        a.value = Some(Value::List {
            items: vec!["x".into()],
        });
        a.polarity = Some(crate::catalog::Polarity::Yes);
        assert_eq!(toggle(&mut a, 0), Some(0));
        assert_eq!(a.status, Status::NotStated);
        assert_eq!((a.summary.clone(), a.value.clone()), (None, None));
        assert_eq!(a.polarity, None);
        assert_eq!(a.candidates[0].text, "first");
    }

    #[test]
    fn a_written_summary_survives_quote_changes_and_rejection() {
        let mut a = draft();
        toggle(&mut a, 0);
        set_summary(&mut a, Lang::Ja, "30日後に削除");
        toggle(&mut a, 1);
        let s = a.summary.clone().unwrap();
        assert_eq!(s.ja.as_deref(), Some("30日後に削除"));
        assert_eq!(vendor_words(&a, Lang::En), Some("「first」 「second」"));
        assert_eq!(vendor_words(&a, Lang::Ja), None);
        reject(&mut a);
        assert_eq!(a.status, Status::NotStated);
        assert!(a.quotes.is_empty());
        assert_eq!(a.candidates.len(), 2);
        assert_eq!(a.summary.unwrap().ja.as_deref(), Some("30日後に削除"));
    }

    #[test]
    fn editing_starts_empty_over_the_vendors_words() {
        let mut a = draft();
        toggle(&mut a, 0);
        assert_eq!(summary_to_edit(&a, Lang::En), "");
        set_summary(&mut a, Lang::En, "Deleted after 30 days.");
        assert_eq!(summary_to_edit(&a, Lang::En), "Deleted after 30 days.");
        set_summary(&mut a, Lang::En, "");
        assert!(vendor_words(&a, Lang::En).is_some());
    }

    #[test]
    fn a_conflict_settles_either_way_and_never_into_a_broken_answer() {
        use crate::catalog::{Conflict, TimeUnit};
        let days = |n| {
            Some(Value::Duration {
                amount: n,
                unit: TimeUnit::Days,
                from: None,
            })
        };
        let mut a = draft();
        toggle(&mut a, 0);
        a.value = days(30.0);
        a.conflicts = vec![
            Conflict::Value {
                ours: days(30.0),
                theirs: days(45.0),
            },
            Conflict::SummaryEn {
                ours: None,
                theirs: Some("Theirs.".into()),
            },
        ];
        settle(&mut a, 1, true).unwrap();
        assert_eq!(a.summary.as_ref().unwrap().en, "Theirs.");
        assert_eq!(a.conflicts.len(), 1);
        let mut kept = a.clone();
        settle(&mut kept, 0, false).unwrap();
        assert_eq!((kept.value.clone(), kept.conflicts.len()), (days(30.0), 0));
        settle(&mut a, 0, true).unwrap();
        assert_eq!((a.value.clone(), a.conflicts.len()), (days(45.0), 0));
        // Nothing stated: a value cannot be taken, and the conflict stays to be settled.
        reject(&mut a);
        a.conflicts = vec![Conflict::Value {
            ours: None,
            theirs: days(45.0),
        }];
        assert!(settle(&mut a, 0, true)
            .unwrap_err()
            .contains("take a quote first"));
        assert_eq!((a.value.clone(), a.conflicts.len()), (None, 1));
    }

    #[test]
    fn confirming_ends_the_draft() {
        let mut a = draft();
        toggle(&mut a, 0);
        a.previous = Some(Box::new(crate::catalog::PreviousAnswer {
            status: Status::Stated,
            polarity: None,
            summary: None,
            value: None,
            quotes: Vec::new(),
            from: Some("3".into()),
        }));
        confirm(&mut a);
        assert!(!a.draft);
        assert!(a.candidates.is_empty());
        assert_eq!(
            a.previous, None,
            "confirming drops what it said before the update"
        );
    }
}
