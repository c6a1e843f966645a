//! What the requirements engine says, in English and Japanese: outcomes, requirements, reasons
//! and the follow-up questions sent to a vendor. The screen and every report use these words.

use super::judge::Reason;
use super::standards::ListNote;
use super::{Level, Outcome, Quantity, Requirement, Test, Unit};
use crate::catalog::{country, Lang, Schedule, Since, TimeUnit, Value};
use crate::words::{self as common, tr};

/// "Requirements" / "社内基準": the heading line naming the active profile.
pub fn profile_word(lang: Lang) -> &'static str {
    tr(lang, "Requirements", "社内基準")
}

/// "Requirement" / "基準": the label of one requirement.
pub fn requirement_word(lang: Lang) -> &'static str {
    tr(lang, "Requirement", "基準")
}

/// An outcome as a word: "meets" / "適合".
pub fn outcome(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Meets => tr(lang, "meets", "適合"),
        Outcome::Fails => tr(lang, "fails", "不適合"),
        Outcome::Check => tr(lang, "check", "要判断"),
        Outcome::NotStated => tr(lang, "not stated", "記載なし"),
    }
}

/// An outcome's symbol, so that colour is never the only signal: ✓ ✗ ? –.
pub fn outcome_mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Meets => "✓",
        Outcome::Fails => "✗",
        Outcome::Check => "?",
        Outcome::NotStated => "–",
    }
}

/// "✗ fails" / "✗ 不適合".
pub fn outcome_badge(o: Outcome, lang: Lang) -> String {
    format!("{} {}", outcome_mark(o), outcome(o, lang))
}

/// A tally in symbols, for a narrow column: "✓9 ✗1 ?2 –3".
pub fn tally_marks(t: &super::Tally) -> String {
    Outcome::ALL
        .iter()
        .map(|&o| format!("{}{}", outcome_mark(o), t.get(o)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "must" / "必須", "should" / "推奨".
pub fn level(l: Level, lang: Lang) -> &'static str {
    match l {
        Level::Must => tr(lang, "must", "必須"),
        Level::Should => tr(lang, "should", "推奨"),
    }
}

fn amount(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// "45 days" / "45日", "7 generations" / "7世代", "99.9%".
pub fn quantity(q: &Quantity, lang: Lang) -> String {
    let n = amount(q.amount);
    match q.unit {
        Unit::Time(unit) => match lang {
            Lang::En => {
                let (one, many) = unit.words();
                format!("{n} {}", if q.amount == 1.0 { one } else { many })
            }
            Lang::Ja => format!("{n}{}", unit.ja()),
        },
        Unit::Generations => match lang {
            Lang::En if q.amount == 1.0 => "1 generation".to_string(),
            Lang::En => format!("{n} generations"),
            Lang::Ja => format!("{n}世代"),
        },
        Unit::Percent => format!("{n}%"),
    }
}

/// A bound with what it counts from: "45 days after the contract ends" / "契約終了から45日".
fn bound(q: &Quantity, from: Option<Since>, lang: Lang) -> String {
    match (q.unit, from) {
        (Unit::Time(unit), Some(from)) => Value::Duration {
            amount: q.amount,
            unit,
            from: Some(from),
        }
        .label(lang),
        _ => quantity(q, lang),
    }
}

/// What a requirement asks, in a few words: "at most 45 days after the contract ends" /
/// "契約終了から45日以内", "includes ISO/IEC 27017" / "ISO/IEC 27017を含む".
pub fn requirement(r: &Requirement, lang: Lang) -> String {
    match &r.test {
        Test::Max(q) => match lang {
            Lang::En => format!("at most {}{}", bound(q, r.from, lang), of_series(r, lang)),
            Lang::Ja => format!("{}{}以内", of_series(r, lang), bound(q, r.from, lang)),
        },
        Test::Min(q) => match lang {
            Lang::En => format!("at least {}{}", bound(q, r.from, lang), of_series(r, lang)),
            Lang::Ja => format!("{}{}以上", of_series(r, lang), bound(q, r.from, lang)),
        },
        Test::Polarity(p) => match lang {
            Lang::En => format!("the answer is {}", common::polarity(*p, lang)),
            Lang::Ja => format!("回答が「{}」", common::polarity(*p, lang)),
        },
        Test::Includes(items) => {
            let items: Vec<String> = items.iter().map(|i| country::display(i, lang)).collect();
            match lang {
                Lang::En => format!("includes {}", items.join(", ")),
                Lang::Ja => format!("{}を含む", items.join("、")),
            }
        }
        Test::Stated => tr(lang, "stated", "記載がある").to_string(),
    }
}

/// The series a bound on generations names, if it names one: ", every 2 hours" / "2時間ごとの".
fn of_series(r: &Requirement, lang: Lang) -> String {
    match (r.schedule, lang) {
        (None, _) => String::new(),
        (Some(s), Lang::En) => format!(", {}", schedule_words(s, lang)),
        (Some(s), Lang::Ja) => format!("{}の", schedule_words(s, lang)),
    }
}

/// The starting point of a time, as a noun: "the end of the contract" / "契約終了".
fn since(s: Since, lang: Lang) -> &'static str {
    use Since::*;
    match s {
        ContractEnd => tr(lang, "the end of the contract", "契約終了"),
        DayAfterContractEnd => tr(lang, "the day after the contract ends", "契約終了翌日"),
        Cancellation => tr(lang, "cancellation", "解約"),
        DeletionRequest => tr(lang, "the deletion request", "削除依頼"),
        Request => tr(lang, "the request", "依頼"),
        Detection => tr(lang, "detection", "検知"),
        Occurrence => tr(lang, "the occurrence", "発生"),
        DataErasure => tr(lang, "the erasure of the live data", "データ消去"),
        BackupTaken => tr(lang, "the taking of each backup", "バックアップ取得"),
        LastUse => tr(lang, "the last use", "使用中断"),
        BeforeMaintenance => tr(lang, "the maintenance (before it)", "作業(の前)"),
        BeforeServiceEnd => tr(
            lang,
            "the end of the service (before it)",
            "サービス終了(の前)",
        ),
        Unspecified => tr(lang, "an unstated point", "記載のない起算点"),
    }
}

/// What kind of thing a value is: "a calendar rule" / "日付の規則".
fn value_kind(v: &Value, lang: Lang) -> &'static str {
    match v {
        Value::Duration { .. } => tr(lang, "a length of time", "期間"),
        Value::Interval { .. } => tr(lang, "an interval", "間隔"),
        Value::Count { .. } => tr(lang, "a count", "数"),
        Value::Percentage { .. } => tr(lang, "a percentage", "割合"),
        Value::List { .. } => tr(lang, "a list", "一覧"),
        Value::ServiceHours { .. } => tr(lang, "service hours", "提供時間"),
        Value::Indefinite => tr(lang, "without a time limit", "無期限"),
        Value::CalendarRule { .. } => tr(lang, "a calendar rule", "日付の規則"),
    }
}

/// What kind of thing a bound's unit measures: "a length of time" / "期間".
fn unit_kind(u: Unit, lang: Lang) -> &'static str {
    match u {
        Unit::Time(_) => tr(lang, "a length of time", "期間"),
        Unit::Generations => tr(lang, "a number of generations", "世代数"),
        Unit::Percent => tr(lang, "a percentage", "割合"),
    }
}

/// Why an outcome is what it is, in one sentence without its full stop.
pub fn reason(r: &Reason, lang: Lang) -> String {
    let v = |value: &Value| value.shown(lang);
    match r {
        Reason::NotStated => tr(
            lang,
            "the vendor's documents say nothing on this",
            "事業者の文書に記載がない",
        )
        .to_string(),
        Reason::Draft => tr(lang, "draft, not reviewed", "下書き（未確認）").to_string(),
        Reason::Partial => tr(
            lang,
            "the answer is only partly stated",
            "回答は一部記載のみ",
        )
        .to_string(),
        Reason::Conditional => tr(
            lang,
            "the answer is yes only under conditions",
            "回答は条件付き",
        )
        .to_string(),
        Reason::Stated => tr(
            lang,
            "the vendor's documents answer it",
            "事業者の文書に記載がある",
        )
        .to_string(),
        Reason::NoValue => tr(
            lang,
            "the answer gives no value to compare",
            "比較できる値の記載がない",
        )
        .to_string(),
        Reason::OtherKind(value, b) => match lang {
            Lang::En => format!(
                "“{}” is {}, not {}: it cannot be compared with {}",
                v(value),
                value_kind(value, lang),
                unit_kind(b.unit, lang),
                quantity(b, lang)
            ),
            Lang::Ja => format!(
                "「{}」は{}であり{}ではないため、{}と比較できない",
                v(value),
                value_kind(value, lang),
                unit_kind(b.unit, lang),
                quantity(b, lang)
            ),
        },
        Reason::Inexact(value, b) => {
            let business = matches!(
                value,
                Value::Duration {
                    unit: TimeUnit::BusinessDays,
                    ..
                } | Value::Interval {
                    unit: TimeUnit::BusinessDays,
                    ..
                }
            ) || b.unit == Unit::Time(TimeUnit::BusinessDays);
            let why = match (lang, business) {
                (Lang::En, true) => "business days are not a fixed number of calendar days",
                (Lang::En, false) => "months and years are not a fixed number of days",
                (Lang::Ja, true) => "営業日は暦日数が一定でない",
                (Lang::Ja, false) => "月・年は日数が一定でない",
            };
            match lang {
                Lang::En => format!(
                    "{} does not convert exactly into {} ({why})",
                    v(value),
                    quantity(b, lang)
                ),
                Lang::Ja => format!(
                    "{}は{}と正確に換算できない({why})",
                    v(value),
                    quantity(b, lang)
                ),
            }
        }
        Reason::OtherStart(value, wanted) => match lang {
            Lang::En => format!(
                "{} counts from another point than the requirement, which counts from {}",
                v(value),
                since(*wanted, lang)
            ),
            Lang::Ja => format!(
                "{}は起算点が基準({}から)と異なる",
                v(value),
                since(*wanted, lang)
            ),
        },
        Reason::StartNotStated(value, wanted) => match lang {
            Lang::En => format!(
                "{} does not say what it counts from; the requirement counts from {}",
                v(value),
                since(*wanted, lang)
            ),
            Lang::Ja => format!(
                "{}は起算点の記載がない(基準は{}から)",
                v(value),
                since(*wanted, lang)
            ),
        },
        Reason::Compared {
            value,
            bound: b,
            max,
            within,
            counted,
        } => {
            let shown = match value {
                Value::Indefinite => tr(lang, "without a time limit", "無期限").to_string(),
                _ => v(value),
            };
            let shown = match counted {
                Some((c, from)) => match lang {
                    Lang::En => format!("{shown} ({})", bound(c, Some(*from), lang)),
                    Lang::Ja => format!("{shown}({})", bound(c, Some(*from), lang)),
                },
                None => shown,
            };
            let b = quantity(b, lang);
            match (lang, max, within) {
                (Lang::En, true, true) => format!("{shown} is within {b}"),
                (Lang::En, true, false) => format!("{shown} is more than {b}"),
                (Lang::En, false, true) => format!("{shown} is at least {b}"),
                (Lang::En, false, false) => format!("{shown} is less than {b}"),
                (Lang::Ja, true, true) => format!("{shown}は{b}以内"),
                (Lang::Ja, true, false) => format!("{shown}は{b}を超える"),
                (Lang::Ja, false, true) => format!("{shown}は{b}以上"),
                (Lang::Ja, false, false) => format!("{shown}は{b}未満"),
            }
        }
        Reason::Polarity { got, wanted } => match lang {
            Lang::En if got == wanted => format!("the answer is {}", common::polarity(*got, lang)),
            Lang::En => format!(
                "the answer is {}; the requirement asks {}",
                common::polarity(*got, lang),
                common::polarity(*wanted, lang)
            ),
            Lang::Ja if got == wanted => format!("回答は「{}」", common::polarity(*got, lang)),
            Lang::Ja => format!(
                "回答は「{}」(基準は「{}」)",
                common::polarity(*got, lang),
                common::polarity(*wanted, lang)
            ),
        },
        Reason::NoPolarity => tr(
            lang,
            "the answer does not say yes or no",
            "「はい」「いいえ」の記載がない",
        )
        .to_string(),
        Reason::Listed {
            items,
            missing,
            notes,
        } => listed(items, missing, notes, lang),
        Reason::NoList => tr(
            lang,
            "the answer gives no list to look in",
            "一覧の記載がない",
        )
        .to_string(),
        Reason::OtherSchedule { series, wanted } => {
            let each: Vec<String> = series.iter().map(|s| with_history(s, lang)).collect();
            match lang {
                Lang::En => format!(
                    "no series is taken {}, so the generations cannot be compared: {}",
                    schedule_words(*wanted, lang),
                    each.join("; ")
                ),
                Lang::Ja => format!(
                    "{}の世代の記載がなく比較できない: {}",
                    schedule_words(*wanted, lang),
                    each.join("、")
                ),
            }
        }
        Reason::ScheduleNotStated(value, wanted) => match lang {
            Lang::En => format!(
                "{} does not say how often it is taken; the requirement is about a series taken {}",
                v(value),
                schedule_words(*wanted, lang)
            ),
            Lang::Ja => format!(
                "{}は取得頻度の記載がない(基準は{}の世代)",
                v(value),
                schedule_words(*wanted, lang)
            ),
        },
    }
}

/// How often a series is taken, as a phrase: "daily", "every 2 hours" / "毎日", "2時間ごと".
fn schedule_words(s: Schedule, lang: Lang) -> String {
    match (Value::generations(1.0, Some(s)).label(lang), lang) {
        // The count's own label carries the schedule after its number: "1 generation, daily".
        (label, Lang::En) => label
            .split_once(", ")
            .map_or(label.clone(), |(_, w)| w.to_string()),
        (label, Lang::Ja) => label
            .split_once('(')
            .map_or(label.clone(), |(_, w)| w.trim_end_matches(')').to_string()),
    }
}

/// A series with the history it covers: "36 generations, every 2 hours: about 3 days".
fn with_history(value: &Value, lang: Lang) -> String {
    let shown = value.shown(lang);
    match (super::series::history(value), lang) {
        (Some((n, unit)), Lang::En) => {
            let (one, many) = unit.words();
            let n_words = if n == 1.0 { one } else { many };
            format!("{shown}: about {} {n_words}", amount(n))
        }
        (Some((n, unit)), Lang::Ja) => format!("{shown}: 約{}{}分", amount(n), unit.ja()),
        (None, _) => shown,
    }
}

/// A list judged: what it does not name, what it names only without the edition asked for,
/// and what it names through a scheme, then its items.
fn listed(items: &[String], missing: &[String], notes: &[ListNote], lang: Lang) -> String {
    let shown = |items: &[String]| -> Vec<String> {
        items.iter().map(|i| country::display(i, lang)).collect()
    };
    let missing = shown(missing);
    let items = shown(items).join(tr(lang, "; ", "、"));
    let how = |n: &ListNote| -> String {
        match (&n.through, lang) {
            (Some(doc), Lang::En) => format!("{} certifies {} ({doc})", n.item, n.standard),
            (Some(doc), Lang::Ja) => format!("{}は{}の認証({doc})", n.item, n.standard),
            (None, _) => n.item.clone(),
        }
    };
    if !missing.is_empty() {
        return match lang {
            Lang::En => format!("the list does not name {}: {items}", missing.join(", ")),
            Lang::Ja => format!("一覧に{}の記載がない: {items}", missing.join("、")),
        };
    }
    let unknown: Vec<&ListNote> = notes.iter().filter(|n| n.edition_unknown).collect();
    if !unknown.is_empty() {
        let said: Vec<String> = unknown
            .iter()
            .map(|n| match lang {
                Lang::En => format!(
                    "{} names {} without an edition, not {}",
                    how(n),
                    n.standard,
                    n.wanted
                ),
                Lang::Ja => format!(
                    "{}は{}の版の記載がなく、{}かどうか不明",
                    how(n),
                    n.standard,
                    n.wanted
                ),
            })
            .collect();
        return match lang {
            Lang::En => format!("{}: {items}", said.join("; ")),
            Lang::Ja => format!("{}: {items}", said.join("、")),
        };
    }
    let through: Vec<String> = notes
        .iter()
        .filter(|n| n.through.is_some())
        .map(how)
        .collect();
    match (lang, through.is_empty()) {
        (Lang::En, true) => format!("the list names it: {items}"),
        (Lang::Ja, true) => format!("一覧に記載あり: {items}"),
        (Lang::En, false) => format!("the list names it: {} — {items}", through.join("; ")),
        (Lang::Ja, false) => format!("一覧に記載あり: {} — {items}", through.join("、")),
    }
}

/// What the follow-up questionnaire says above a draft's quotes (`quoted`), or in their place:
/// the draft is our reading of the vendor's documents, not the vendor's confirmed answer. Both
/// languages, as the questionnaire's "what we found" column is.
pub fn draft_reading(quoted: bool) -> &'static str {
    if quoted {
        "当社による貴社文書の読み取り(未確認) / Our reading of your document, not yet confirmed:"
    } else {
        "当社による貴社文書の読み取り(未確認): 該当する記載は見つかっていません / Our reading of your document, not yet confirmed: we found nothing on this"
    }
}

/// The follow-up question for a requirement a vendor does not meet: the control's question,
/// the requirement, and what is asked of the vendor given the outcome and its reason.
pub fn followup_question(
    question: &str,
    r: &Requirement,
    outcome: Outcome,
    why: &Reason,
    lang: Lang,
) -> String {
    let asked = requirement(r, lang);
    let level = level(r.level, lang);
    let draft = *why == Reason::Draft;
    let why = reason(why, lang);
    let ask = match (lang, outcome) {
        (Lang::En, _) if draft => "We have read your documents but not yet confirmed our reading: please say whether and how you meet it.".to_string(),
        (Lang::Ja, _) if draft => "貴社文書を当社で読み取りましたが、まだ確認できていません。当社基準を満たすかどうか、具体的にご回答ください。".to_string(),
        (Lang::En, Outcome::NotStated) => "Your documents say nothing on this: please answer.".to_string(),
        (Lang::En, Outcome::Fails) => format!(
            "Your documents' answer does not meet it ({why}): can you meet it, and if not, what do you offer instead?"
        ),
        (Lang::En, _) => format!(
            "We could not tell from your documents whether you meet it ({why}): please say whether and how you do."
        ),
        (Lang::Ja, Outcome::NotStated) => "貴社文書に記載が見当たりませんでした。ご回答ください。".to_string(),
        (Lang::Ja, Outcome::Fails) => format!(
            "貴社文書の回答は当社基準を満たしていません({why})。対応の可否と、対応できない場合の代替策をご教示ください。"
        ),
        (Lang::Ja, _) => format!(
            "貴社文書からは判断できませんでした({why})。当社基準を満たすかどうか、具体的にご回答ください。"
        ),
    };
    let mut out = match lang {
        Lang::En => format!("{question}\nOur requirement: {asked} ({level}). {ask}"),
        Lang::Ja => format!("{question}\n当社基準: {asked}({level})。{ask}"),
    };
    if let Some(note) = &r.note {
        out.push_str(&format!(
            "\n{}: {}",
            tr(lang, "Note", "補足"),
            note.get(lang)
        ));
    }
    out
}
