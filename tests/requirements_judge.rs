//! Judging one answer against one requirement: the exact unit conversions and their edges,
//! what a duration counts from, and the answers a person must look at (`check`).

use kurabe::catalog::{Answer, Lang, Polarity, Since, Status, TimeUnit, Value};
use kurabe::requirements::{
    self, judge, Level, Outcome, Quantity, Reason, Requirement, Test, Unit,
};

fn requirement(test: Test, from: Option<Since>) -> Requirement {
    Requirement {
        control: "c".into(),
        test,
        from,
        schedule: None,
        level: Level::Must,
        note: None,
    }
}

/// An answer read as the files are (so fields other branches add, with their defaults, need
/// no change here).
fn answer(status: Status, value: Option<Value>, polarity: Option<Polarity>) -> Answer {
    serde_json::from_value(serde_json::json!({
        "control": "c",
        "status": status,
        "polarity": polarity,
        "value": value,
    }))
    .expect("an answer")
}

fn time(amount: f64, unit: TimeUnit) -> Quantity {
    Quantity {
        amount,
        unit: Unit::Time(unit),
    }
}

fn duration(amount: f64, unit: TimeUnit, from: Option<Since>) -> Value {
    Value::Duration { amount, unit, from }
}

/// The outcome of `max: bound` (or `min:`) against a stated duration.
fn bounded(max: bool, bound: Quantity, value: Value) -> (Outcome, Reason) {
    let test = if max {
        Test::Max(bound)
    } else {
        Test::Min(bound)
    };
    let a = answer(Status::Stated, Some(value), None);
    let j = judge(0, &requirement(test, None), Some(&a));
    (j.outcome, j.reason)
}

#[test]
fn hours_days_weeks_and_minutes_convert_exactly_at_the_edges() {
    use TimeUnit::*;
    let cases = [
        (time(1.0, Days), duration(24.0, Hours, None), Outcome::Meets),
        (time(1.0, Days), duration(25.0, Hours, None), Outcome::Fails),
        (time(24.0, Hours), duration(1.0, Days, None), Outcome::Meets),
        (time(1.0, Weeks), duration(7.0, Days, None), Outcome::Meets),
        (
            time(1.0, Weeks),
            duration(169.0, Hours, None),
            Outcome::Fails,
        ),
        (
            time(1.0, Days),
            duration(1440.0, Minutes, None),
            Outcome::Meets,
        ),
        (
            time(1.0, Days),
            duration(1441.0, Minutes, None),
            Outcome::Fails,
        ),
        (
            time(1.0, Years),
            duration(12.0, Months, None),
            Outcome::Meets,
        ),
        (
            time(1.0, Years),
            duration(13.0, Months, None),
            Outcome::Fails,
        ),
    ];
    for (bound, value, want) in cases {
        let (got, why) = bounded(true, bound, value.clone());
        assert_eq!(got, want, "max {bound:?} against {value}: {why:?}");
    }
    let (got, _) = bounded(false, time(7.0, Days), duration(1.0, Weeks, None));
    assert_eq!(got, Outcome::Meets, "min is inclusive too");
    let (got, _) = bounded(false, time(7.0, Days), duration(167.0, Hours, None));
    assert_eq!(got, Outcome::Fails);
}

#[test]
fn months_and_years_are_not_days() {
    use TimeUnit::*;
    for (bound, value) in [
        (time(90.0, Days), duration(3.0, Months, None)),
        (time(365.0, Days), duration(1.0, Years, None)),
        (time(3.0, Months), duration(30.0, Days, None)),
        (time(1.0, Years), duration(52.0, Weeks, None)),
    ] {
        let (got, why) = bounded(true, bound, value.clone());
        assert_eq!(got, Outcome::Check, "max {bound:?} against {value}");
        assert!(matches!(why, Reason::Inexact(..)), "{why:?}");
        let words = requirements::words::reason(&why, Lang::En);
        assert!(words.contains("does not convert exactly"), "{words}");
    }
}

#[test]
fn business_days_compare_only_with_business_days() {
    use TimeUnit::*;
    // Against calendar units: never a guess, whichever side the business days are on.
    for (bound, value) in [
        (time(5.0, Days), duration(5.0, BusinessDays, None)),
        (time(1.0, Weeks), duration(1.0, BusinessDays, None)),
        (time(72.0, Hours), duration(2.0, BusinessDays, None)),
        (time(1.0, Months), duration(5.0, BusinessDays, None)),
        (time(5.0, BusinessDays), duration(3.0, Days, None)),
        (time(5.0, BusinessDays), duration(1.0, Hours, None)),
    ] {
        for max in [true, false] {
            let (got, why) = bounded(max, bound, value.clone());
            assert_eq!(got, Outcome::Check, "{bound:?} against {value}");
            assert!(matches!(why, Reason::Inexact(..)), "{why:?}");
            let en = requirements::words::reason(&why, Lang::En);
            assert!(
                en.contains("business days are not a fixed number of calendar days"),
                "{en}"
            );
            let ja = requirements::words::reason(&why, Lang::Ja);
            assert!(ja.contains("営業日は暦日数が一定でない"), "{ja}");
        }
    }
    // Against business days: compared, at the edges.
    let bd = time(5.0, BusinessDays);
    for (value, max, want) in [
        (5.0, true, Outcome::Meets),
        (6.0, true, Outcome::Fails),
        (4.0, false, Outcome::Fails),
        (5.0, false, Outcome::Meets),
    ] {
        let (got, why) = bounded(max, bd, duration(value, BusinessDays, None));
        assert_eq!(got, want, "{value} business days, max {max}");
        let words = requirements::words::reason(&why, Lang::En);
        assert!(words.contains("5 business days"), "{words}");
    }
    // Counted from the day after the contract ends, a business day is no whole day more.
    let r = requirement(Test::Max(time(5.0, BusinessDays)), Some(Since::ContractEnd));
    let a = answer(
        Status::Stated,
        Some(duration(
            3.0,
            BusinessDays,
            Some(Since::DayAfterContractEnd),
        )),
        None,
    );
    assert_eq!(judge(0, &r, Some(&a)).outcome, Outcome::Check);
    let a = answer(
        Status::Stated,
        Some(duration(3.0, BusinessDays, Some(Since::ContractEnd))),
        None,
    );
    assert_eq!(judge(0, &r, Some(&a)).outcome, Outcome::Meets);
}

#[test]
fn what_a_duration_counts_from_is_respected() {
    use TimeUnit::Days;
    let max45 = |from| requirement(Test::Max(time(45.0, Days)), from);
    let judge_value = |r: &Requirement, v: Value| {
        let a = answer(Status::Stated, Some(v), None);
        judge(0, r, Some(&a)).outcome
    };
    let end = Some(Since::ContractEnd);
    // 44 days from the day after the end is 45 days after it: within; 45 is 46: not.
    assert_eq!(
        judge_value(
            &max45(end),
            duration(44.0, Days, Some(Since::DayAfterContractEnd))
        ),
        Outcome::Meets
    );
    assert_eq!(
        judge_value(
            &max45(end),
            duration(45.0, Days, Some(Since::DayAfterContractEnd))
        ),
        Outcome::Fails
    );
    assert_eq!(
        judge_value(&max45(end), duration(45.0, Days, Some(Since::ContractEnd))),
        Outcome::Meets
    );
    let max25h = requirement(Test::Max(time(25.0, TimeUnit::Hours)), end);
    assert_eq!(
        judge_value(
            &max25h,
            duration(1.0, TimeUnit::Hours, Some(Since::DayAfterContractEnd))
        ),
        Outcome::Meets,
        "1 hour from the day after the end is 25 hours after it"
    );
    let after = Some(Since::DayAfterContractEnd);
    assert_eq!(
        judge_value(
            &max45(after),
            duration(46.0, Days, Some(Since::ContractEnd))
        ),
        Outcome::Meets,
        "46 days after the end is 45 from the day after it"
    );
    assert_eq!(
        judge_value(
            &max45(after),
            duration(47.0, Days, Some(Since::ContractEnd))
        ),
        Outcome::Fails
    );
    assert_eq!(
        judge_value(&max45(end), duration(10.0, Days, Some(Since::Cancellation))),
        Outcome::Check
    );
    assert_eq!(
        judge_value(&max45(end), duration(10.0, Days, Some(Since::Unspecified))),
        Outcome::Check
    );
    assert_eq!(
        judge_value(&max45(end), duration(10.0, Days, None)),
        Outcome::Check
    );
    assert_eq!(
        judge_value(
            &max45(None),
            duration(60.0, Days, Some(Since::Cancellation))
        ),
        Outcome::Fails
    );
    // Without a time limit is longer than any maximum and meets any minimum.
    assert_eq!(judge_value(&max45(None), Value::Indefinite), Outcome::Fails);
    let min = requirement(Test::Min(time(1.0, TimeUnit::Years)), None);
    assert_eq!(judge_value(&min, Value::Indefinite), Outcome::Meets);
}

#[test]
fn partial_conditional_draft_less_and_silent_answers() {
    let max = requirement(Test::Max(time(45.0, TimeUnit::Days)), None);
    let v = Some(duration(30.0, TimeUnit::Days, None));
    let partial = answer(Status::Partial, v.clone(), None);
    assert_eq!(judge(0, &max, Some(&partial)).outcome, Outcome::Check);
    let conditional = answer(Status::Stated, v, Some(Polarity::Conditional));
    assert_eq!(
        judge(0, &max, Some(&conditional)).reason,
        Reason::Conditional
    );
    let silent = answer(Status::NotStated, None, None);
    assert_eq!(judge(0, &max, Some(&silent)).outcome, Outcome::NotStated);
    assert_eq!(judge(0, &max, None).outcome, Outcome::NotStated);
    let words_only = answer(Status::Stated, None, None);
    assert_eq!(judge(0, &max, Some(&words_only)).reason, Reason::NoValue);
    let stated = requirement(Test::Stated, None);
    assert_eq!(judge(0, &stated, Some(&words_only)).outcome, Outcome::Meets);
    assert_eq!(judge(0, &stated, Some(&partial)).outcome, Outcome::Check);
    let yes = requirement(Test::Polarity(Polarity::Yes), None);
    let no = answer(Status::Stated, None, Some(Polarity::No));
    assert_eq!(judge(0, &yes, Some(&no)).outcome, Outcome::Fails);
    assert_eq!(judge(0, &yes, Some(&words_only)).reason, Reason::NoPolarity);
    let generations = Test::Min(Quantity {
        amount: 7.0,
        unit: Unit::Generations,
    });
    let a = answer(
        Status::Stated,
        Some(duration(7.0, TimeUnit::Days, None)),
        None,
    );
    let j = judge(0, &requirement(generations, None), Some(&a));
    assert!(
        matches!(j.reason, Reason::OtherKind(..)),
        "days are not generations: {j:?}"
    );
}

/// `a` as the importer would leave it: a draft nobody has reviewed.
fn drafted(a: &Answer) -> Answer {
    let mut value = serde_json::to_value(a).expect("an answer serializes");
    value["draft"] = serde_json::Value::Bool(true);
    serde_json::from_value(value).expect("a draft answer")
}

#[test]
fn a_draft_is_check_for_every_kind_of_requirement_whatever_it_proposes() {
    use kurabe::catalog::Since::ContractEnd;
    let days = |n| Some(duration(n, TimeUnit::Days, Some(ContractEnd)));
    let list = |items: &[&str]| {
        Some(Value::List {
            items: items.iter().map(|s| s.to_string()).collect(),
        })
    };
    let generations = |n| Quantity {
        amount: n,
        unit: Unit::Generations,
    };
    let count = Some(Value::generations(7.0, None));
    // Each requirement kind with an answer that meets it and one that fails it.
    let kinds: Vec<(&str, Requirement, Answer, Answer)> = vec![
        (
            "max",
            requirement(Test::Max(time(45.0, TimeUnit::Days)), Some(ContractEnd)),
            answer(Status::Stated, days(30.0), None),
            answer(Status::Stated, days(60.0), None),
        ),
        (
            "min",
            requirement(Test::Min(generations(7.0)), None),
            answer(Status::Stated, count.clone(), None),
            answer(Status::Stated, Some(Value::generations(3.0, None)), None),
        ),
        (
            "polarity",
            requirement(Test::Polarity(Polarity::Yes), None),
            answer(Status::Stated, None, Some(Polarity::Yes)),
            answer(Status::Stated, None, Some(Polarity::No)),
        ),
        (
            "includes",
            requirement(Test::Includes(vec!["ISO/IEC 27017".into()]), None),
            answer(Status::Stated, list(&["ISO/IEC 27017:2015"]), None),
            answer(Status::Stated, list(&["ISO/IEC 27001"]), None),
        ),
        (
            "stated",
            requirement(Test::Stated, None),
            answer(Status::Stated, None, None),
            answer(Status::NotStated, None, None),
        ),
    ];
    for (kind, r, meets, other) in &kinds {
        // The same answers, reviewed, meet and fail or go unstated: the rule is the draft's.
        assert_eq!(judge(0, r, Some(meets)).outcome, Outcome::Meets, "{kind}");
        assert_ne!(judge(0, r, Some(other)).outcome, Outcome::Meets, "{kind}");
        let partial = answer(Status::Partial, meets.value.clone(), meets.polarity);
        let not_stated = answer(Status::NotStated, None, None);
        for a in [meets, other, &partial, &not_stated] {
            let draft = drafted(a);
            let j = judge(0, r, Some(&draft));
            assert_eq!(
                (j.outcome, &j.reason),
                (Outcome::Check, &Reason::Draft),
                "{kind}: a {:?} draft",
                a.status
            );
        }
    }
    let max = &kinds[0].1;
    let draft = drafted(&kinds[0].2);
    let reason = |lang| requirements::words::reason(&judge(0, max, Some(&draft)).reason, lang);
    assert_eq!(reason(Lang::En), "draft, not reviewed");
    assert_eq!(reason(Lang::Ja), "下書き（未確認）");
}

mod properties {
    use super::*;
    use kurabe::requirements::judge::compare;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    fn q(amount: f64, unit: TimeUnit) -> Quantity {
        Quantity {
            amount,
            unit: Unit::Time(unit),
        }
    }

    proptest! {
        #[test]
        fn whole_amounts_convert_exactly_between_fixed_units(n in 0u32..100_000) {
            let n = n as f64;
            prop_assert_eq!(compare(q(n * 24.0, TimeUnit::Hours), q(n, TimeUnit::Days)), Some(Ordering::Equal));
            prop_assert_eq!(compare(q(n * 7.0, TimeUnit::Days), q(n, TimeUnit::Weeks)), Some(Ordering::Equal));
            prop_assert_eq!(compare(q(n * 60.0 + 1.0, TimeUnit::Minutes), q(n, TimeUnit::Hours)), Some(Ordering::Greater));
            prop_assert_eq!(compare(q(n * 12.0, TimeUnit::Months), q(n, TimeUnit::Years)), Some(Ordering::Equal));
        }

        #[test]
        fn months_and_years_never_compare_with_fixed_units(
            n in 0u32..10_000,
            m in 0u32..10_000,
            calendar in prop::sample::select(vec![TimeUnit::Months, TimeUnit::Years]),
            fixed in prop::sample::select(vec![TimeUnit::Minutes, TimeUnit::Hours, TimeUnit::Days, TimeUnit::Weeks]),
        ) {
            prop_assert_eq!(compare(q(n as f64, calendar), q(m as f64, fixed)), None);
            prop_assert_eq!(compare(q(m as f64, fixed), q(n as f64, calendar)), None);
        }
    }
}
