//! The typed reader, form by form: what a reviewer writes in either language, what it is read
//! as, what is refused and why, and every value of the shipped catalogue read back from the
//! labels the app shows.

use super::*;
use crate::catalog::{Lang, PercentUnit, Schedule, Since};

fn typed(text: &str) -> Value {
    match read_typed(text) {
        Ok(Some(v)) => v,
        other => panic!("{text}: {other:?}"),
    }
}
fn duration(amount: f64, unit: TimeUnit, from: Option<Since>) -> Value {
    Value::Duration { amount, unit, from }
}

#[test]
fn what_a_reviewer_types_in_either_language() {
    use Since::*;
    use TimeUnit::*;
    let list = |items: &[&str]| Value::List {
        items: items.iter().map(|s| s.to_string()).collect(),
    };
    let rows: Vec<(&str, Value)> = vec![
        ("契約終了から45日", duration(45.0, Days, Some(ContractEnd))),
        (
            "契約終了日から45日後",
            duration(45.0, Days, Some(ContractEnd)),
        ),
        ("解約後60日", duration(60.0, Days, Some(Cancellation))),
        ("解約から60日", duration(60.0, Days, Some(Cancellation))),
        (
            "翌日から30日",
            duration(30.0, Days, Some(DayAfterContractEnd)),
        ),
        (
            "3か月に1回",
            Value::Interval {
                amount: 3.0,
                unit: Months,
            },
        ),
        (
            "年に一度",
            Value::Interval {
                amount: 1.0,
                unit: Years,
            },
        ),
        ("7世代", Value::generations(7.0, None)),
        (
            "99.9%",
            Value::Percentage {
                amount: 99.9,
                unit: PercentUnit::Percent,
            },
        ),
        ("5営業日", duration(5.0, BusinessDays, None)),
        ("1営業日以内", duration(1.0, BusinessDays, None)),
        ("5 business days", duration(5.0, BusinessDays, None)),
        (
            "45 days after contract end",
            duration(45.0, Days, Some(ContractEnd)),
        ),
        (
            "within 30 days of cancellation",
            duration(30.0, Days, Some(Cancellation)),
        ),
        (
            "72 hours after detection",
            duration(72.0, Hours, Some(Detection)),
        ),
        (
            "every 3 months",
            Value::Interval {
                amount: 3.0,
                unit: Months,
            },
        ),
        ("30 days", duration(30.0, Days, None)),
        ("３０日", duration(30.0, Days, None)),
        ("about 2 weeks", duration(2.0, Weeks, None)),
        ("最大 30 日間", duration(30.0, Days, None)),
        ("無期限", Value::Indefinite),
        ("indefinitely", Value::Indefinite),
        (
            "36世代(2時間ごと)",
            Value::generations(
                36.0,
                Some(Schedule {
                    every: 2,
                    unit: Hours,
                }),
            ),
        ),
        (
            "IS 577142, CLOUD 715091",
            list(&["IS 577142", "CLOUD 715091"]),
        ),
        ("Japan、Singapore", list(&["Japan", "Singapore"])),
        (
            "Amazon Web Services (AWS)",
            list(&["Amazon Web Services (AWS)"]),
        ),
    ];
    let mut wrong = Vec::new();
    for (text, want) in rows {
        match read_typed(text) {
            Ok(Some(got)) if got == want => {}
            got => wrong.push(format!("{text}: {got:?}, want {want:?}")),
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    assert_eq!(read_typed("   "), Ok(None));
}

#[test]
fn a_text_holding_a_quantity_is_never_a_list() {
    for text in [
        "契約終了から45日",
        "30 days, IS 577142",
        "Japan, 30日",
        "契約終了から45",
        "契約終了から",
        "45日 契約終了後に削除する旨の記載あり",
    ] {
        let read = read_typed(text);
        assert!(
            !matches!(read, Ok(Some(Value::List { .. })) | Ok(None)),
            "{text}: {read:?}"
        );
    }
}

#[test]
fn what_cannot_be_read_is_refused_with_the_reason() {
    use TypedError::*;
    for (text, want) in [
        ("30 dys", Unit("dys".into())),
        ("1,000 dys", Unit("dys".into())),
        ("7 genrations", Unit("genrations".into())),
        ("30", NoUnit("30".into())),
        ("契約終了から45", NoUnit("45".into())),
        ("1.2.3 days", Amount("1.2.3".into())),
        ("every fortnight", Every),
        ("120%", Percentage("120".into())),
        ("a,,b", EmptyItem),
        ("契約終了から", NoAmount("契約終了から".into())),
        ("30日と60日", Several("30 days and 60 days".into())),
        ("30日ぐらいかも", Unread("ぐらいかも".into())),
        ("2週間前", Unread("前".into())),
    ] {
        assert_eq!(read_typed(text), Err(want), "{text}");
    }
    let message = read_typed("45日 保管してから消す").unwrap_err().to_string();
    assert!(
        message.contains("「保管してから消す」 is not understood"),
        "{message}"
    );
    assert!(message.contains("「契約終了から45日」"), "{message}");
}

#[test]
fn what_was_understood_is_said_in_a_few_words() {
    let cases = [
        (
            "契約終了から45日",
            "45 days · from contract end",
            "45日 · 起算: 契約終了",
        ),
        (
            "30 days",
            "30 days · no starting point",
            "30日 · 起算点なし",
        ),
        (
            "作業の2週間前",
            "2 weeks · before maintenance",
            "2週間 · 作業の前",
        ),
        (
            "5営業日",
            "5 business days · no starting point",
            "5営業日 · 起算点なし",
        ),
        ("every 3 months", "every 3 months", "3か月ごと"),
        (
            "7世代(毎日)",
            "7 generations · taken every day",
            "7世代 · 1日ごとに取得",
        ),
        ("99.9%", "99.90%", "99.90%"),
        (
            "IS 577142, CLOUD 715091",
            "list of 2: IS 577142 | CLOUD 715091",
            "一覧(2件): IS 577142 | CLOUD 715091",
        ),
    ];
    for (text, en, ja) in cases {
        let v = typed(text);
        assert_eq!(understood(&v, Lang::En), en, "{text}");
        assert_eq!(understood(&v, Lang::Ja), ja, "{text}");
    }
}

/// Every value the shipped catalogue holds, and some the app can show beside them, read back
/// from their labels in both languages as the same value: what the app shows, a reviewer can
/// leave as it is. A count's other series and what each counts (`of`, `also`: the curator's
/// words) are not in its label, which is its headline series; the field keeps them while its
/// text is left as it opened.
#[test]
fn every_label_of_the_shipped_catalogue_reads_back_as_its_value() {
    let loaded = crate::catalog::load::load_embedded().expect("the shipped catalogue loads");
    let headline = |v: Value| match v {
        Value::Count {
            amount, schedule, ..
        } => Value::generations(amount, schedule),
        v => v,
    };
    let mut values: Vec<Value> = loaded
        .catalog
        .vendors
        .iter()
        .flat_map(|v| v.answers.iter().filter_map(|a| a.value.clone()))
        .filter(|v| Kind::of(v) != Kind::Written || *v == Value::Indefinite)
        .map(headline)
        .collect();
    assert!(values.len() >= 30, "{} values", values.len());
    for since in Since::ALL {
        values.push(duration(3.0, TimeUnit::Days, Some(since)));
        values.push(duration(5.0, TimeUnit::BusinessDays, Some(since)));
    }
    for unit in TimeUnit::ALL {
        values.push(Value::Interval { amount: 1.0, unit });
        values.push(Value::Interval { amount: 2.0, unit });
        values.push(duration(1.0, unit, None));
        for every in [1, 3] {
            values.push(Value::generations(7.0, Some(Schedule { every, unit })));
        }
    }
    values.push(Value::Percentage {
        amount: 99.999,
        unit: PercentUnit::Percent,
    });
    let mut wrong = Vec::new();
    for value in &values {
        for lang in [Lang::En, Lang::Ja] {
            let label = value.label(lang);
            match read_typed(&label) {
                Ok(Some(read)) if read == *value => {}
                read => wrong.push(format!("{label}: {read:?}, want {value:?}")),
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Characters the reader's patterns care about, and any others now and then.
    fn piece() -> impl Strategy<Value = String> {
        const WORDS: [&str; 49] = [
            "1",
            "30",
            "4.5",
            "１２",
            "三十",
            "一",
            "十",
            "日",
            "日間",
            "営業日",
            "時間",
            "分",
            "か月",
            "年",
            "世代",
            "%",
            "回",
            "度",
            "に",
            "から",
            "後",
            "前",
            "の",
            "翌日",
            "契約終了",
            "解約",
            "作業",
            "例えば",
            "。",
            "、",
            ",",
            " ",
            "~",
            "〜",
            "-",
            "days",
            "hours",
            "every",
            "after",
            "of",
            "cancellation",
            "the contract ends",
            "twice a",
            "year",
            "(",
            ")",
            "ｶﾞ",
            "\u{3099}",
            "\n",
        ];
        prop_oneof![
            6 => prop::sample::select(&WORDS[..]).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ]
    }

    proptest! {
        #[test]
        fn any_text_is_read_without_a_panic_and_ranges_fall_on_its_characters(
            pieces in prop::collection::vec(piece(), 0..24),
        ) {
            let text: String = pieces.concat();
            for m in find_all(&text) {
                prop_assert!(text.get(m.quantity.clone()).is_some(), "{text:?} {m:?}");
                prop_assert!(text.get(m.span.clone()).is_some(), "{text:?} {m:?}");
                prop_assert!(m.span.start <= m.quantity.start && m.quantity.end <= m.span.end);
            }
            let _ = stated_value(&text, Kind::Duration, None, &["契約", "days"]);
            let _ = stated_value::<&str>(&text, Kind::Count, None, &[]);
            if let Ok(Some(value)) = read_typed(&text) {
                // Whatever reads, its label reads back as it.
                for lang in [Lang::En, Lang::Ja] {
                    let label = value.label(lang);
                    prop_assert_eq!(read_typed(&label), Ok(Some(value.clone())), "{:?} → {}", text, label);
                }
                let _ = understood(&value, Lang::Ja);
            }
        }
    }
}
