use super::*;
use crate::catalog::{Candidate, Lang, Polarity, Text, TimeUnit, Value, VendorWords};
use crate::drafts::{self, cycle_polarity, reject, set_summary, set_value, toggle};

fn candidate(text: &str) -> Candidate {
    Candidate {
        document: "doc".into(),
        section: text.len().to_string().into(),
        text: text.to_owned().into(),
        score: 0.5,
        context: None,
        value: None,
    }
}

/// A draft as `kurabe import` writes it: three candidates, nothing taken.
fn draft() -> Answer {
    Answer {
        control: "deletion-timing".into(),
        status: Status::NotStated,
        polarity: None,
        summary: None,
        vendor_words: None,
        value: None,
        note: None,
        quotes: Vec::new(),
        draft: true,
        candidates: vec![
            candidate("契約終了後30日で削除します。"),
            candidate("削除証明書を発行します。"),
            candidate("国内で保管します。"),
        ],
        conflicts: Vec::new(),
        previous: None,
    }
}

fn days(n: f64) -> Option<Value> {
    Some(Value::Duration {
        amount: n,
        unit: TimeUnit::Days,
        from: None,
    })
}

fn changed(base: &Answer, f: impl FnOnce(&mut Answer)) -> Answer {
    let mut a = base.clone();
    f(&mut a);
    a
}

#[test]
fn a_side_that_changed_nothing_takes_the_other_as_it_is() {
    let base = draft();
    let ours = changed(&base, |a| {
        toggle(a, 0);
    });
    assert_eq!(merge(&base, &ours, &base).answer, ours);
    assert_eq!(merge(&base, &base, &ours).answer, ours);
    assert!(merge(&base, &ours, &ours).conflicts.is_empty());
}

#[test]
fn a_summary_saved_by_one_and_a_value_set_by_the_other_are_both_kept() {
    // The case of the issue: A saves a summary, B (which read the answer before) sets a value.
    let base = changed(&draft(), |a| {
        toggle(a, 0);
    });
    let a_saved = changed(&base, |a| {
        set_summary(a, Lang::En, "Erased 30 days after the contract ends.")
    });
    let b = changed(&base, |a| set_value(a, days(30.0)));
    let merged = merge(&base, &b, &a_saved);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let answer = merged.answer;
    assert_eq!(answer.value, days(30.0));
    assert_eq!(
        answer.summary.as_ref().unwrap().en,
        "Erased 30 days after the contract ends."
    );
    assert_eq!(
        drafts::vendor_words(&answer, Lang::Ja),
        Some("「契約終了後30日で削除します。」")
    );
    assert_eq!(answer, changed(&a_saved, |a| set_value(a, days(30.0))));
}

#[test]
fn a_quote_taken_by_both_with_a_summary_on_one_side_is_no_conflict() {
    // The vendor's words appearing with the quote are no change of the summary of their own.
    let base = draft();
    let a = changed(&base, |a| {
        toggle(a, 0);
        set_summary(a, Lang::En, "Erased after 30 days.");
    });
    let b = changed(&base, |a| {
        toggle(a, 0);
    });
    let merged = merge(&base, &b, &a);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.answer, a);
}

#[test]
fn the_same_field_changed_by_both_keeps_ours_and_records_theirs() {
    let base = changed(&draft(), |a| {
        toggle(a, 0);
    });
    let ours = changed(&base, |a| set_value(a, days(30.0)));
    let theirs = changed(&base, |a| set_value(a, days(45.0)));
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.answer.value, days(30.0));
    let conflict = Conflict::Value {
        ours: days(30.0),
        theirs: days(45.0),
    };
    assert_eq!(merged.conflicts, vec![conflict.clone()]);
    assert_eq!(merged.answer.conflicts, vec![conflict]);
    // The other side saving again over the merged answer records nothing new.
    let again = merge(&base, &theirs, &merged.answer);
    assert_eq!(again.answer.value, days(45.0));
    assert!(again.answer.conflicts.contains(&Conflict::Value {
        ours: days(45.0),
        theirs: days(30.0),
    }));
}

#[test]
fn candidates_taken_by_two_reviewers_are_both_quoted() {
    let base = draft();
    let ours = changed(&base, |a| {
        toggle(a, 0);
    });
    let theirs = changed(&base, |a| {
        toggle(a, 1);
    });
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let a = merged.answer;
    let quoted: Vec<&str> = a.quotes.iter().map(|q| q.text.as_ref()).collect();
    assert_eq!(
        quoted,
        ["契約終了後30日で削除します。", "削除証明書を発行します。"]
    );
    assert_eq!(a.candidates.len(), 1);
    assert_eq!(a.status, Status::Stated);
    assert_eq!(
        drafts::vendor_words(&a, Lang::En),
        Some("「契約終了後30日で削除します。」 「削除証明書を発行します。」"),
        "the vendor's words follow the quotes"
    );
}

#[test]
fn a_rejection_meeting_a_value_leaves_nothing_stated_and_keeps_the_value_as_a_conflict() {
    let base = changed(&draft(), |a| {
        toggle(a, 0);
    });
    let ours = changed(&base, reject);
    let theirs = changed(&base, |a| set_value(a, days(30.0)));
    let merged = merge(&base, &ours, &theirs);
    let a = &merged.answer;
    assert_eq!((a.status, a.value.clone()), (Status::NotStated, None));
    assert!(a.quotes.is_empty());
    assert_eq!(
        merged.conflicts,
        vec![Conflict::Value {
            ours: None,
            theirs: days(30.0)
        }]
    );
}

#[test]
fn a_hand_written_summary_survives_a_quote_taken_meanwhile() {
    let base = changed(&draft(), |a| {
        toggle(a, 0);
    });
    // By hand: the English summary, over the vendor's words.
    let theirs = changed(&base, |a| {
        a.summary = Some(Text {
            en: "Deleted within 30 days.".into(),
            ja: Some(drafts::quoted(&a.quotes).into()),
        });
        a.vendor_words = Some(VendorWords::Ja);
    });
    let ours = changed(&base, |a| {
        toggle(a, 1);
    });
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let a = merged.answer;
    assert_eq!(a.summary.as_ref().unwrap().en, "Deleted within 30 days.");
    assert_eq!(a.quotes.len(), 2);
    assert_eq!(
        drafts::vendor_words(&a, Lang::Ja),
        Some("「契約終了後30日で削除します。」 「削除証明書を発行します。」")
    );
}

#[test]
fn summaries_written_differently_in_one_language_conflict_in_that_language_only() {
    let base = changed(&draft(), |a| {
        toggle(a, 0);
    });
    let ours = changed(&base, |a| {
        set_summary(a, Lang::En, "Ours.");
        set_summary(a, Lang::Ja, "こちら。");
    });
    let theirs = changed(&base, |a| set_summary(a, Lang::En, "Theirs."));
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(
        merged.conflicts,
        vec![Conflict::SummaryEn {
            ours: Some("Ours.".into()),
            theirs: Some("Theirs.".into())
        }]
    );
    let summary = merged.answer.summary.unwrap();
    assert_eq!(
        (summary.en.as_ref(), summary.ja.as_deref()),
        ("Ours.", Some("こちら。"))
    );
}

#[test]
fn a_conflict_resolved_on_one_side_goes() {
    let recorded = Conflict::Polarity {
        ours: Some(Polarity::Yes),
        theirs: Some(Polarity::No),
    };
    let base = changed(&draft(), |a| a.conflicts.push(recorded.clone()));
    let ours = changed(&base, |a| a.conflicts.clear());
    let theirs = changed(&base, |a| {
        toggle(a, 2);
    });
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.answer.conflicts.is_empty());
    assert_eq!(merged.answer.quotes.len(), 1);
}

mod random {
    //! Two reviewers act on the same draft through the panel's own operations (and a hand
    //! edit of the note): nothing either did is lost, and the result is a consistent answer.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Toggle(usize),
        Reject,
        Summary(Lang, &'static str),
        Value(Option<f64>),
        Polarity,
        Confirm,
        Note(&'static str),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..5usize).prop_map(Op::Toggle),
            Just(Op::Reject),
            (
                prop_oneof![Just(Lang::En), Just(Lang::Ja)],
                prop_oneof![Just(""), Just("A."), Just("B.")]
            )
                .prop_map(|(l, t)| Op::Summary(l, t)),
            prop_oneof![Just(None), Just(Some(30.0)), Just(Some(45.0))].prop_map(Op::Value),
            Just(Op::Polarity),
            Just(Op::Confirm),
            prop_oneof![Just("x"), Just("y")].prop_map(Op::Note),
        ]
    }

    fn apply(answer: &mut Answer, op: &Op) {
        let stated = answer.status != Status::NotStated;
        match op {
            Op::Toggle(i) => {
                toggle(answer, *i);
            }
            Op::Reject => reject(answer),
            Op::Summary(lang, text) if stated => set_summary(answer, *lang, text),
            Op::Value(v) if stated => set_value(answer, v.and_then(days)),
            Op::Polarity if stated => {
                cycle_polarity(answer);
            }
            Op::Confirm => drafts::confirm(answer),
            Op::Note(t) => {
                answer.note = Some(Text {
                    en: (*t).into(),
                    ja: None,
                })
            }
            // The panel refuses these on an answer that states nothing.
            Op::Summary(..) | Op::Value(_) | Op::Polarity => {}
        }
    }

    fn consistent(a: &Answer) -> Result<(), String> {
        let ok = if a.quotes.is_empty() {
            a.status == Status::NotStated && a.value.is_none() && a.polarity.is_none()
        } else {
            a.status != Status::NotStated && a.summary.is_some()
        };
        let passages = a.quotes.iter().map(|q| &q.text);
        let doubled = passages
            .clone()
            .any(|t| a.candidates.iter().any(|c| &c.text == t));
        if ok && !doubled {
            Ok(())
        } else {
            Err(format!("inconsistent: {a:#?}"))
        }
    }

    /// The side's change to a field is in the answer, or recorded as a conflict on it.
    fn kept<T: PartialEq + std::fmt::Debug>(
        field: &str,
        (base, side, held): (&T, &T, &T),
        recorded: impl Fn(&Conflict) -> Option<T>,
        conflicts: &[Conflict],
    ) -> Result<(), String> {
        if side == base
            || side == held
            || conflicts.iter().any(|c| recorded(c).as_ref() == Some(side))
        {
            Ok(())
        } else {
            Err(format!(
                "{field}: {side:?} lost (holds {held:?}, {conflicts:?})"
            ))
        }
    }

    fn nothing_lost(base: &Answer, side: &Answer, m: &Answer) -> Result<(), String> {
        let c = &m.conflicts;
        kept(
            "status",
            (&base.status, &side.status, &m.status),
            |k| match k {
                Conflict::Status { theirs, .. } => Some(*theirs),
                _ => None,
            },
            c,
        )?;
        kept(
            "polarity",
            (&base.polarity, &side.polarity, &m.polarity),
            |k| match k {
                Conflict::Polarity { theirs, .. } => Some(*theirs),
                _ => None,
            },
            c,
        )?;
        kept(
            "value",
            (&base.value, &side.value, &m.value),
            |k| match k {
                Conflict::Value { theirs, .. } => Some(theirs.clone()),
                _ => None,
            },
            c,
        )?;
        kept(
            "note",
            (&base.note, &side.note, &m.note),
            |k| match k {
                Conflict::Note { theirs, .. } => Some(theirs.clone()),
                _ => None,
            },
            c,
        )?;
        kept(
            "draft",
            (&base.draft, &side.draft, &m.draft),
            |k| match k {
                Conflict::Draft { theirs, .. } => Some(*theirs),
                _ => None,
            },
            c,
        )?;
        let written = |a: &Answer| {
            (
                drafts::summary_to_edit(a, Lang::En),
                drafts::summary_to_edit(a, Lang::Ja),
            )
        };
        let (b, s, h) = (written(base), written(side), written(m));
        let none_if_empty = |t: &str| (!t.is_empty()).then(|| t.to_string());
        kept(
            "summary en",
            (&b.0, &s.0, &h.0),
            |k| match k {
                Conflict::SummaryEn { theirs, .. } => Some(theirs.clone().unwrap_or_default()),
                _ => None,
            },
            c,
        )
        .map_err(|e| format!("{e} ({:?})", none_if_empty(&s.0)))?;
        kept(
            "summary ja",
            (&b.1, &s.1, &h.1),
            |k| match k {
                Conflict::SummaryJa { theirs, .. } => Some(theirs.clone().unwrap_or_default()),
                _ => None,
            },
            c,
        )?;
        // A passage a side quoted is quoted, unless the merge had to take it back.
        for q in side.quotes.iter().filter(|q| !base.quotes.contains(q)) {
            if !m.quotes.iter().any(|x| x.text == q.text) {
                return Err(format!("quote {:?} lost", q.text));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[test]
        fn no_change_is_lost_and_the_answer_stays_whole(
            before in proptest::collection::vec(op(), 0..4),
            ours_ops in proptest::collection::vec(op(), 0..5),
            theirs_ops in proptest::collection::vec(op(), 0..5),
        ) {
            let mut base = draft();
            before.iter().for_each(|o| apply(&mut base, o));
            let mut ours = base.clone();
            ours_ops.iter().for_each(|o| apply(&mut ours, o));
            let mut theirs = base.clone();
            theirs_ops.iter().for_each(|o| apply(&mut theirs, o));
            let merged = merge(&base, &ours, &theirs);
            if ours == base {
                prop_assert_eq!(&merged.answer, &theirs);
            }
            if theirs == base {
                prop_assert_eq!(&merged.answer, &ours);
            }
            consistent(&merged.answer).map_err(TestCaseError::fail)?;
            nothing_lost(&base, &ours, &merged.answer).map_err(TestCaseError::fail)?;
            nothing_lost(&base, &theirs, &merged.answer).map_err(TestCaseError::fail)?;
            // Every conflict found holds what the answer holds.
            for c in &merged.conflicts {
                let held = match c {
                    Conflict::Value { ours, .. } => ours == &merged.answer.value,
                    Conflict::Status { ours, .. } => *ours == merged.answer.status,
                    Conflict::Draft { ours, .. } => *ours == merged.answer.draft,
                    _ => true,
                };
                prop_assert!(held, "{:?} in {:?}", c, merged.answer);
            }
        }
    }
}
