//! One test per pattern the normalizer reads.

use super::*;
use crate::catalog::PercentUnit;

fn duration(amount: f64, unit: TimeUnit) -> Value {
    Value::Duration {
        amount,
        unit,
        from: None,
    }
}
fn interval(amount: f64, unit: TimeUnit) -> Value {
    Value::Interval { amount, unit }
}
fn values(text: &str) -> Vec<Value> {
    find_all(text).into_iter().map(|f| f.value).collect()
}

#[test]
fn days_are_a_duration() {
    assert_eq!(values("30日後に"), [duration(30.0, TimeUnit::Days)]);
}

#[test]
fn days_elapsed_after_is_a_duration() {
    assert_eq!(values("60日経過後即時"), [duration(60.0, TimeUnit::Days)]);
}

#[test]
fn weeks_about_is_a_duration() {
    assert_eq!(values("2週間程度保管"), [duration(2.0, TimeUnit::Weeks)]);
}

#[test]
fn months_or_more_ago_is_a_duration() {
    assert_eq!(
        values("3ヶ月以上前のログ"),
        [duration(3.0, TimeUnit::Months)]
    );
    assert_eq!(values("3か月"), [duration(3.0, TimeUnit::Months)]);
}

#[test]
fn hours_within_is_a_duration() {
    assert_eq!(
        values("72時間以内に通知"),
        [duration(72.0, TimeUnit::Hours)]
    );
    assert_eq!(values("1時間以内"), [duration(1.0, TimeUnit::Hours)]);
}

#[test]
fn once_a_day_is_an_interval() {
    assert_eq!(values("1日1回取得"), [interval(1.0, TimeUnit::Days)]);
}

#[test]
fn once_a_year_is_an_interval() {
    assert_eq!(values("年1回実施"), [interval(1.0, TimeUnit::Years)]);
}

#[test]
fn at_least_once_a_year_in_kanji_is_an_interval() {
    assert_eq!(
        values("年一回、レビューを行ない"),
        [interval(1.0, TimeUnit::Years)]
    );
    assert_eq!(
        values("年間少なくとも1回"),
        [interval(1.0, TimeUnit::Years)]
    );
    assert_eq!(values("月1回"), [interval(1.0, TimeUnit::Months)]);
}

#[test]
fn twice_a_day_is_every_twelve_hours() {
    assert_eq!(values("1日2回"), [interval(12.0, TimeUnit::Hours)]);
}

#[test]
fn every_day_words_are_an_interval() {
    assert_eq!(values("毎日6時に取得"), [interval(1.0, TimeUnit::Days)]);
    assert_eq!(
        values("日次でバックアップ"),
        [interval(1.0, TimeUnit::Days)]
    );
    assert_eq!(values("backups run daily"), [interval(1.0, TimeUnit::Days)]);
}

#[test]
fn every_two_hours_is_an_interval() {
    assert_eq!(values("2時間おきに取得"), [interval(2.0, TimeUnit::Hours)]);
    assert_eq!(values("every 2 hours"), [interval(2.0, TimeUnit::Hours)]);
    assert_eq!(values("1分間隔"), [interval(1.0, TimeUnit::Minutes)]);
}

#[test]
fn generations_are_a_count() {
    let count = |n| Value::generations(n, None);
    assert_eq!(values("7世代"), [count(7.0)]);
    assert_eq!(values("36世代保持"), [count(36.0)]);
}

#[test]
fn percentages_keep_their_decimals() {
    let pct = |n| Value::Percentage {
        amount: n,
        unit: PercentUnit::Percent,
    };
    assert_eq!(values("稼働率99.9%"), [pct(99.9)]);
    assert_eq!(values("100.00%"), [pct(100.0)]);
    assert_eq!(values("９９．９５％"), [pct(99.95)]);
}

#[test]
fn full_width_digits_read_as_ascii() {
    assert_eq!(values("３０日"), [duration(30.0, TimeUnit::Days)]);
}

#[test]
fn a_range_reads_as_its_upper_bound() {
    assert_eq!(values("11～30分"), [duration(30.0, TimeUnit::Minutes)]);
    assert_eq!(values("11〜30分"), [duration(30.0, TimeUnit::Minutes)]);
}

#[test]
fn dates_are_not_quantities() {
    assert_eq!(values("2019年6月18日付 適用宣言書"), []);
    assert_eq!(values("2023年09月"), []);
}

#[test]
fn english_durations_are_read() {
    assert_eq!(values("within 72 hours"), [duration(72.0, TimeUnit::Hours)]);
}

#[test]
fn certificate_ids_are_list_items() {
    let items: Vec<String> = find_items(
        "認証登録番号 IS577142、CLOUD 715091、JQA-IC0048 ISO/IEC 27001:2013 JIS Q 27001:2014",
    )
    .into_iter()
    .map(|i| i.text)
    .collect();
    assert_eq!(
        items,
        [
            "IS577142",
            "CLOUD 715091",
            "JQA-IC0048",
            "ISO/IEC 27001:2013",
            "JIS Q 27001:2014"
        ]
    );
}

#[test]
fn registration_ids_are_read_from_register_addresses() {
    let items: Vec<String> = find_items(
        "¹ https://isms.jp/lst/ind/CR_IS_x0020_586579.html (https://isms.jp/isms-clc/ist/ind/CR_JQA-IC0048.html)",
    )
    .into_iter()
    .map(|i| i.text)
    .collect();
    assert_eq!(items, ["IS 586579", "JQA-IC0048"]);
    let list = Value::List {
        items: vec!["ISMS-AC ISMS (IS 586579)".into()],
    };
    assert!(quotes_support(
        &list,
        &["https://isms.jp/lst/ind/CR_IS_x0020_586579.html"]
    ));
}

#[test]
fn a_drafted_certificate_list_is_in_the_catalogues_canonical_form() {
    let cybozu = "ISO/IEC27001:2013/JIS Q 27001:2014 の要求事項に適合し、認証登録番号 IS577142 を保有しています。\
        ISO/IEC 27001:2013 に基づく認証されたISMSを保有し、ISO/IEC 27017:2015 のガイドラインに沿って運用し、\
        JIP-ISMS517-1.0 に適合し、認証登録番号 CLOUD 715091 を保有しています。";
    assert_eq!(
        first_of(cybozu, Kind::List, Some(ItemKind::Certificate)),
        Some(Value::List {
            items: vec![
                "ISO/IEC 27001:2013 (IS 577142)".into(),
                "JIS Q 27001:2014 (IS 577142)".into(),
                "ISO/IEC 27017:2015 (CLOUD 715091)".into(),
                "JIP-ISMS517-1.0 (CLOUD 715091)".into(),
            ]
        })
    );
    assert_eq!(
        first_of("ISO/IEC 27018 の審査を受審", Kind::List, None),
        Some(Value::List {
            items: vec!["ISO/IEC 27018".into()]
        })
    );
}

#[test]
fn a_scheme_named_in_words_is_its_certificate_with_the_id_it_issues() {
    // QUALITIA `001` §12: two ISMS-AC certificates named only by their schemes, ISO/IEC 27018,
    // then the register addresses in the footnotes.
    let qualitia = "ISMS 適合性評価制度における、ISMS 認証を取得¹しています。\
        ISMS 適合性評価制度における、ISMS クラウドセキュリティ認証を取得²しています。\
        BSI グループジャパン株式会社が実施する、ISO/IEC 27018 の審査を受審し、\
        ¹ https://isms.jp/lst/ind/CR_IS_x0020_586579.html\
        ² https://isms.jp/isms-cls/lst/ind/CR_CLOUD_x0020_681574.html";
    assert_eq!(
        first_of(qualitia, Kind::List, Some(ItemKind::Certificate)),
        Some(Value::List {
            items: vec![
                "ISMS-AC ISMS (IS 586579)".into(),
                "ISMS-AC ISMS Cloud Security (CLOUD 681574)".into(),
                "ISO/IEC 27018".into(),
            ]
        })
    );
    let soc = first_of("SOC 2 Type II 報告書とプライバシーマーク", Kind::List, None);
    assert_eq!(
        soc,
        Some(Value::List {
            items: vec!["SOC 2 Type 2".into(), "PrivacyMark".into()]
        })
    );
}

#[test]
fn countries_are_list_items_in_english() {
    assert_eq!(
        first_of(
            "データ保管場所：日本国 東京リージョン",
            Kind::List,
            Some(ItemKind::Country)
        ),
        Some(Value::List {
            items: vec!["Japan".into()]
        })
    );
}

#[test]
fn sixty_minutes_is_one_hour_but_not_one_month() {
    assert!(same_quantity(
        &duration(60.0, TimeUnit::Minutes),
        &duration(1.0, TimeUnit::Hours)
    ));
    assert!(!same_quantity(
        &duration(30.0, TimeUnit::Days),
        &duration(1.0, TimeUnit::Months)
    ));
}

#[test]
fn quotes_support_the_values_they_state() {
    assert!(quotes_support(
        &duration(30.0, TimeUnit::Days),
        &["30日後に消去"]
    ));
    assert!(!quotes_support(
        &duration(30.0, TimeUnit::Days),
        &["60日後に消去"]
    ));
    let list = Value::List {
        items: vec!["ISO/IEC 27017 (CLOUD 715091)".into()],
    };
    assert!(quotes_support(
        &list,
        &["ISO/IEC 27017 認証登録番号 CLOUD715091"]
    ));
    assert!(!quotes_support(
        &list,
        &["ISO/IEC 27017 認証登録番号 CLOUD 999999"]
    ));
}
