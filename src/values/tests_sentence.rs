//! The sentence reader, form by form: what each sentence states, with what it counts from, and
//! how the value a control asks for is chosen among several.

use super::*;
use crate::catalog::{PercentUnit, Schedule, Since};

fn duration(amount: f64, unit: TimeUnit, from: Option<Since>) -> Value {
    Value::Duration { amount, unit, from }
}
fn days(amount: f64, from: Option<Since>) -> Value {
    duration(amount, TimeUnit::Days, from)
}
fn interval(amount: f64, unit: TimeUnit) -> Value {
    Value::Interval { amount, unit }
}
fn values(text: &str) -> Vec<Value> {
    find_all(text).into_iter().map(|m| m.value).collect()
}

/// Each text states exactly the values given.
fn table(rows: &[(&str, Vec<Value>)]) {
    let mut wrong = Vec::new();
    for (text, expected) in rows {
        let got = values(text);
        if got != *expected {
            wrong.push(format!("{text}\n   read {got:?}\n   want {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn japanese_intervals() {
    use TimeUnit::*;
    table(&[
        (
            "年に一度、外部監査を受けています。",
            vec![interval(1.0, Years)],
        ),
        ("年1回実施", vec![interval(1.0, Years)]),
        ("毎年、脆弱性診断を実施", vec![interval(1.0, Years)]),
        ("3か月に1回、ログを確認します", vec![interval(3.0, Months)]),
        ("半年に1回", vec![interval(6.0, Months)]),
        ("四半期ごとにレビュー", vec![interval(3.0, Months)]),
        ("年2回の訓練", vec![interval(6.0, Months)]),
        ("14 日ごとに整合性をスキャン", vec![interval(14.0, Days)]),
        ("5日間隔で取得", vec![interval(5.0, Days)]),
        ("隔週で実施", vec![interval(2.0, Weeks)]),
        ("毎営業日に確認", vec![interval(1.0, BusinessDays)]),
        ("一日一回取得", vec![interval(1.0, Days)]),
        (
            "入社時と毎年4月・10月の年2回、研修を実施",
            vec![interval(6.0, Months)],
        ),
        (
            "毎年4月に、年次の監査を受けます",
            vec![interval(1.0, Years), interval(1.0, Years)],
        ),
        (
            "JVN等の公開情報から毎 日収集する",
            vec![interval(1.0, Days)],
        ),
        (
            "5 分から 10分のスケジュールで",
            vec![interval(10.0, Minutes)],
        ),
    ]);
}

#[test]
fn english_intervals() {
    use TimeUnit::*;
    table(&[
        (
            "We perform hourly backups of all databases",
            vec![interval(1.0, Hours)],
        ),
        (
            "Backups are taken every 24 hours.",
            vec![interval(24.0, Hours)],
        ),
        (
            "Penetration tests are run twice a year.",
            vec![interval(6.0, Months)],
        ),
        (
            "Access is reviewed once a year.",
            vec![interval(1.0, Years)],
        ),
        ("audited annually", vec![interval(1.0, Years)]),
        ("reviewed quarterly", vec![interval(3.0, Months)]),
        ("every two weeks", vec![interval(2.0, Weeks)]),
        ("every other day", vec![interval(2.0, Days)]),
        ("three times a day", vec![interval(8.0, Hours)]),
        ("once every two years", vec![interval(2.0, Years)]),
        (
            "checked every business day",
            vec![interval(1.0, BusinessDays)],
        ),
    ]);
}

#[test]
fn business_days_are_a_unit_of_their_own() {
    let bd = |n| duration(n, TimeUnit::BusinessDays, None);
    table(&[
        ("1営業日以内に回答します", vec![bd(1.0)]),
        ("５営業日", vec![bd(5.0)]),
        ("五営業日以内", vec![bd(5.0)]),
        ("within 3 business days", vec![bd(3.0)]),
        ("within two working days", vec![bd(2.0)]),
        // An ordinal is a day of a schedule, not a length of time.
        ("毎月第3営業日に適用", vec![interval(1.0, TimeUnit::Months)]),
    ]);
}

#[test]
fn ranges_read_as_their_upper_bound() {
    let min = |n| duration(n, TimeUnit::Minutes, None);
    table(&[
        ("5 分から 10分で取得", vec![min(10.0)]),
        ("5～10分", vec![min(10.0)]),
        ("5〜10分", vec![min(10.0)]),
        ("30分~1時間", vec![duration(1.0, TimeUnit::Hours, None)]),
        ("within 5 to 10 minutes", vec![min(10.0)]),
        ("5-10 minutes", vec![min(10.0)]),
        ("between 5 and 10 minutes", vec![min(10.0)]),
    ]);
}

#[test]
fn machine_translated_spacing_and_kanji_numerals() {
    table(&[
        (
            "93 日間のリサイクル パイプラインが完了すると",
            vec![days(93.0, None)],
        ),
        (
            "最大 180 日 (テナント管理者のアクションのみ)",
            vec![days(180.0, None)],
        ),
        ("三十日以内に削除", vec![days(30.0, None)]),
        ("七世代を保持", vec![Value::generations(7.0, None)]),
        // Kanji inside words stay words: 十分 is "enough".
        ("十分な対策を講じています", vec![]),
    ]);
}

#[test]
fn english_durations() {
    table(&[
        (
            "stored off-site for a maximum of 30 days",
            vec![days(30.0, None)],
        ),
        ("kept for 90 days", vec![days(90.0, None)]),
        ("kept for 1,000 days", vec![days(1000.0, None)]),
        ("1,440分", vec![duration(1440.0, TimeUnit::Minutes, None)]),
        ("a 30-day retention period", vec![days(30.0, None)]),
        (
            "logs are kept 1 year",
            vec![duration(1.0, TimeUnit::Years, None)],
        ),
        (
            "we would contact your account owner within 24 hours",
            vec![duration(24.0, TimeUnit::Hours, None)],
        ),
        (
            "sessions expire after 30 mins",
            vec![duration(30.0, TimeUnit::Minutes, None)],
        ),
    ]);
}

#[test]
fn counts_and_percentages() {
    let count = |n, schedule| Value::generations(n, schedule);
    let pct = |n| Value::Percentage {
        amount: n,
        unit: PercentUnit::Percent,
    };
    let daily = Some(Schedule {
        every: 1,
        unit: TimeUnit::Days,
    });
    table(&[
        ("7 generations of backups", vec![count(7.0, None)]),
        ("we keep 7 daily backups", vec![count(7.0, daily)]),
        (
            "99.95% monthly uptime",
            vec![pct(99.95), interval(1.0, TimeUnit::Months)],
        ),
        ("稼働率 99.9 パーセント", vec![pct(99.9)]),
        ("availability of 99.9 percent", vec![pct(99.9)]),
        // "7 backups" could be seven sites or seven copies: not a count of generations.
        ("replicated to 3 backup sites", vec![]),
    ]);
}

#[test]
fn what_a_duration_counts_from_in_japanese() {
    use Since::*;
    table(&[
        (
            "契約終了日から45日後に削除します",
            vec![days(45.0, Some(ContractEnd))],
        ),
        ("解約後60日で消去", vec![days(60.0, Some(Cancellation))]),
        (
            "本サービス解約日より60日経過後即時",
            vec![days(60.0, Some(Cancellation))],
        ),
        (
            "契約終了の翌日から30日",
            vec![days(30.0, Some(DayAfterContractEnd))],
        ),
        (
            "契約終了翌日から30日後に",
            vec![days(30.0, Some(DayAfterContractEnd))],
        ),
        (
            "契約終了後、お客様のデータは30日以内に削除",
            vec![days(30.0, Some(ContractEnd))],
        ),
        (
            "サブスクリプションの期限切れまたは終了後 180 日以内に",
            vec![days(180.0, Some(ContractEnd))],
        ),
        (
            "削除依頼を受けてから7日以内",
            vec![days(7.0, Some(DeletionRequest))],
        ),
        (
            "異常を検知した場合は60分以内に連絡",
            vec![duration(60.0, TimeUnit::Minutes, Some(Detection))],
        ),
        (
            "インシデント発生後72時間以内に通知",
            vec![duration(72.0, TimeUnit::Hours, Some(Occurrence))],
        ),
        (
            "データ消去後、バックアップは2週間で消去",
            vec![duration(2.0, TimeUnit::Weeks, Some(DataErasure))],
        ),
        (
            "前項の消去の後、バックアップの世代交代により7日以内に消去される",
            vec![days(7.0, Some(DataErasure))],
        ),
        (
            "過去7日間分のバックアップ",
            vec![days(7.0, Some(BackupTaken))],
        ),
        (
            "メンテナンス実施日の2週間前までに通知",
            vec![duration(2.0, TimeUnit::Weeks, Some(BeforeMaintenance))],
        ),
        (
            "サービス終了の3か月前に告知",
            vec![duration(3.0, TimeUnit::Months, Some(BeforeServiceEnd))],
        ),
        (
            "無操作状態が30分続くと",
            vec![duration(30.0, TimeUnit::Minutes, Some(LastUse))],
        ),
        (
            "サービス提供の終了およびサービス廃止の場合、3ヶ月以上前に通知致します",
            vec![duration(3.0, TimeUnit::Months, Some(BeforeServiceEnd))],
        ),
        (
            "OSのメンテナンス等利用者に影響を及ぼすものについては、1週間前に通知",
            vec![duration(1.0, TimeUnit::Weeks, Some(BeforeMaintenance))],
        ),
        (
            "使用中断時間が 24 時間を経過すると",
            vec![duration(24.0, TimeUnit::Hours, Some(LastUse))],
        ),
        // The day after cancellation has no word of its own: nothing is guessed.
        ("解約日の翌日から30日", vec![days(30.0, None)]),
        (
            "契約終了の3か月前までに申し出",
            vec![duration(3.0, TimeUnit::Months, None)],
        ),
        // Too far from the amount, or across a sentence.
        (
            "契約終了後も、当社は法令に基づく保存義務のある記録を保持し、バックアップは30日",
            vec![days(30.0, None)],
        ),
        ("契約終了後に削除します。ログは90日", vec![days(90.0, None)]),
    ]);
}

#[test]
fn what_a_duration_counts_from_in_english() {
    use Since::*;
    table(&[
        (
            "30 days after the contract ends",
            vec![days(30.0, Some(ContractEnd))],
        ),
        (
            "Within 30 days of\ncancellation, all your content",
            vec![days(30.0, Some(Cancellation))],
        ),
        (
            "72 hours after detection",
            vec![duration(72.0, TimeUnit::Hours, Some(Detection))],
        ),
        (
            "within 30 days of the termination of your agreement",
            vec![days(30.0, Some(ContractEnd))],
        ),
        (
            "after cancellation, all data will be permanently deleted from backups within 60 days",
            vec![days(60.0, Some(Cancellation))],
        ),
        (
            "at least 14 days before scheduled maintenance",
            vec![days(14.0, Some(BeforeMaintenance))],
        ),
        (
            "locked after 15 minutes of inactivity",
            vec![duration(15.0, TimeUnit::Minutes, Some(LastUse))],
        ),
        (
            "within 7 days of a request to delete",
            vec![days(7.0, Some(DeletionRequest))],
        ),
        (
            "within 24 hours of an incident",
            vec![duration(24.0, TimeUnit::Hours, Some(Occurrence))],
        ),
        ("We keep logs for 30 days.", vec![days(30.0, None)]),
    ]);
}

#[test]
fn dates_service_hours_ordinals_fractions_and_versions_are_not_quantities() {
    table(&[
        ("2019年6月18日付 適用宣言書", vec![]),
        ("令和5年4月1日改定", vec![]),
        ("2012 年よりカーボン ニュートラル", vec![]),
        ("毎月10日に請求", vec![interval(1.0, TimeUnit::Months)]),
        ("24時間365日監視", vec![]),
        ("24/7 support", vec![]),
        ("support 24 hours a day, 365 days a year", vec![]),
        ("24時間体制で監視", vec![]),
        ("データの3分の1", vec![]),
        ("データを3分割して2日本国内に保管", vec![]),
        ("TLS 1.2 以上", vec![]),
        (
            "<a href=\"https://example.com/%E3%82%B5%E3%83%BC\">",
            vec![],
        ),
        ("2024/04/01 から 30日間", vec![days(30.0, None)]),
    ]);
}

#[test]
fn a_quantity_points_at_the_original_text() {
    let text = "保存期間は契約終了日から４５日後までです";
    let found = find_all(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].quantity.clone()], "４５日");
    assert_eq!(&text[found[0].span.clone()], "契約終了日から４５日");
    let text = "Within 30 days of cancellation, content is deleted";
    let m = &find_all(text)[0];
    assert_eq!(&text[m.quantity.clone()], "30 days");
    assert_eq!(&text[m.span.clone()], "30 days of cancellation");
}

#[test]
fn worked_examples_are_marked_and_not_chosen() {
    let text = "バックアップは毎日取得します。例えば、4時間ごとに取得する設定も可能です。";
    let found = find_all(text);
    let examples: Vec<bool> = found.iter().map(|m| m.in_example).collect();
    assert_eq!(examples, [false, true]);
    assert_eq!(
        stated_value::<&str>(text, Kind::Interval, None, &[]),
        Some(interval(1.0, TimeUnit::Days))
    );
    let text = "Snapshots are kept (e.g. 7 days) as configured; the default is 30 days.";
    assert_eq!(first_of(text, Kind::Duration, None), Some(days(30.0, None)));
    let text = "For example, a retention of 90 days can be set.";
    assert_eq!(first_of(text, Kind::Duration, None), None);
}

#[test]
fn the_value_nearest_the_controls_terms_is_chosen() {
    let text = "契約終了日から45日後に利用者データを削除し、バックアップは14日後に消去します。";
    assert_eq!(
        stated_value(text, Kind::Duration, None, &["利用者データ"]),
        Some(days(45.0, Some(Since::ContractEnd)))
    );
    assert_eq!(
        stated_value(text, Kind::Duration, None, &["バックアップ"]),
        Some(days(14.0, None))
    );
    // A term that occurs nowhere changes nothing; the kind comes first.
    assert_eq!(
        stated_value(text, Kind::Duration, None, &["unrelated"]),
        Some(days(45.0, Some(Since::ContractEnd)))
    );
    assert_eq!(stated_value::<&str>(text, Kind::Interval, None, &[]), None);
    let text = "Backups run daily and are kept 30 days; logs are kept for 1 year.";
    assert_eq!(
        stated_value(text, Kind::Duration, None, &["Logs"]),
        Some(duration(1.0, TimeUnit::Years, None))
    );
}

#[test]
fn a_count_takes_the_interval_of_its_sentence_as_its_schedule() {
    let text = "2時間おきにバックアップを取得し、36世代保持します。";
    assert_eq!(
        stated_value::<&str>(text, Kind::Count, None, &[]),
        Some(Value::generations(
            36.0,
            Some(Schedule {
                every: 2,
                unit: TimeUnit::Hours
            })
        ))
    );
}

#[test]
fn without_a_time_limit_answers_a_length_of_time() {
    assert_eq!(
        first_of("ログは無期限に保存します", Kind::Duration, None),
        Some(Value::Indefinite)
    );
}

/// The reader on the shipped catalogue's own quotes: the value each curated answer states,
/// chosen with its control's terms, is the curated one for most quantities (the issue's
/// target for drafted quantities is 0.85; the misses are quotes that hold several values of
/// the kind, such as a maintenance table of durations and notice times).
#[test]
fn the_curated_quantities_are_read_from_their_own_quotes() {
    let loaded = crate::catalog::load::load_embedded().expect("the shipped catalogue loads");
    let catalog = &loaded.catalog;
    let (mut asked, mut read, mut misses) = (0, 0, Vec::new());
    for vendor in &catalog.vendors {
        for answer in &vendor.answers {
            let Some(value) = &answer.value else { continue };
            let kind = Kind::of(value);
            if matches!(kind, Kind::Written | Kind::List) || answer.quotes.is_empty() {
                continue;
            }
            let Some(control) = catalog.control_index(&answer.control) else {
                continue;
            };
            let terms = &catalog.controls[control].control.terms;
            let terms: Vec<&String> = terms.ja.iter().chain(&terms.en).collect();
            let quotes: Vec<&str> = answer.quotes.iter().map(|q| q.text.as_ref()).collect();
            let text = quotes.join("\n");
            let got = stated_value(&text, kind, None, &terms);
            asked += 1;
            if got.as_ref().is_some_and(|g| same_quantity(g, value)) {
                read += 1;
            } else {
                misses.push(format!("{} {}: {got:?}", vendor.id(), answer.control));
            }
        }
    }
    assert!(asked >= 20, "{asked} curated quantities");
    assert!(
        read as f64 >= 0.85 * asked as f64,
        "{read}/{asked} read; missed:\n{}",
        misses.join("\n")
    );
}
