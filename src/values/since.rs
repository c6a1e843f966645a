//! What a duration counts from, where the sentence says it: 「契約終了日から45日後」,
//! 「解約後60日」, 「契約終了の翌日から30日」, 「作業の2週間前」, "30 days after the contract
//! ends", "within 30 days of cancellation", "72 hours after detection" — and every phrase the
//! catalogue's labels use (`Since::phrase`), so that a label reads back.
//!
//! Japanese names the starting point before the amount (a few characters may stand between:
//! 「契約終了後、データは30日以内に…」), or, for notices, around it (「作業の2週間前」); English
//! after it ("30 days after cancellation"), or in a clause before it ("after cancellation, all
//! data is deleted within 60 days"). Where two phrases could apply, the one nearest the amount
//! wins, and the longer of two that end at the same place ("削除依頼から" over "依頼から").

use super::scan::{pattern, MASK};
use crate::catalog::Since;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A phrase found: the starting point it names (`None`: a phrase that names one kurabe has no
/// word for, such as 「解約日の翌日から」, which must not be read as a weaker phrase inside it)
/// and the ranges of the text it takes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub since: Option<Since>,
    pub pieces: Vec<Range<usize>>,
}

type Table = LazyLock<Vec<(Option<Since>, Regex)>>;

fn table(rows: &[(Option<Since>, &str)]) -> Vec<(Option<Since>, Regex)> {
    rows.iter().map(|(s, re)| (*s, pattern(re))).collect()
}

/// Japanese phrases before the amount.
static JA_BEFORE: Table = LazyLock::new(|| {
    use Since::*;
    table(&[
        (
            Some(DayAfterContractEnd),
            r"(?:契約|利用|サービス|サブスクリプション)[^。、\d\x01]{0,10}?(?:終了|満了|解除|期限切れ)日?の?翌日(?:から|より|を起算日として|起算で?)",
        ),
        (None, r"解約日?の?翌日(?:から|より)"),
        (
            Some(ContractEnd),
            r"(?:契約|利用|サービス|サブスクリプション)[^。、\d\x01]{0,10}?(?:終了|満了|解除|期限切れ)(?:日|時|時点)?(?:から|より|後|以降|以後|を起点(?:と)?して|起算で?)",
        ),
        (
            Some(Cancellation),
            r"(?:解約|退会)(?:日|手続き?|申請|申込み?|完了)?(?:から|より|後|以降|以後)",
        ),
        (
            Some(DeletionRequest),
            r"(?:データ)?削除の?(?:依頼|要求|要請|申請|申込み?|リクエスト)(?:を受け(?:付け)?て(?:から)?|の?受付(?:後|から)|の?受領後|から|より|後)",
        ),
        (
            Some(Request),
            r"(?:依頼|要求|要請|申請|リクエスト)(?:を受け(?:付け)?て(?:から)?|の?受付(?:後|から)|の?受領後|から|より|後)",
        ),
        (
            Some(Detection),
            r"(?:検知|検出|覚知|認知|把握|発見)(?:して(?:から)?|した(?:場合は?|時点で?|時点から|とき(?:は)?|後)|後|から|より|時から|次第)",
        ),
        (
            Some(Occurrence),
            r"(?:発生|発覚)(?:して(?:から)?|した(?:場合は?|時点で?|時点から|とき(?:は)?|後)|後|から|より|時から|時点から)",
        ),
        (
            Some(DataErasure),
            r"(?:データ|本番データ|利用者データ|顧客データ|原本)?の?(?:消去|削除)(?:した|の)?(?:後|から|より|以降)",
        ),
        (
            Some(BackupTaken),
            r"(?:バックアップ)?の?取得(?:日|時|時点)?(?:から|より|後)",
        ),
        (
            Some(LastUse),
            r"(?:使用中断|無操作|最終(?:利用|操作|アクセス|ログイン)|操作がない|未使用)(?:から|より|後|の?状態が|まま|時間が)?",
        ),
    ])
});

/// Japanese phrases of a notice, before an amount followed by 前: 「作業の2週間前」,
/// 「サービス廃止の場合、3ヶ月以上前に」.
static JA_NOTICE: Table = LazyLock::new(|| {
    use Since::*;
    table(&[
        (None, r"契約(?:期間)?(?:終了|満了|更新)日?の?"),
        (
            Some(BeforeMaintenance),
            r"(?:メンテナンス|保守|作業|計画停止|工事|停止)(?:実施|開始)?(?:予定)?(?:日時|日)?の?",
        ),
        (
            Some(BeforeServiceEnd),
            r"(?:サービス|提供)?の?(?:提供)?(?:終了|廃止)日?の?",
        ),
    ])
});

static JA_NOTICE_END: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s*(?:以上)?前"));

/// A person's shorthand at the very start: 「翌日から30日」 (the day after the contract ends,
/// as the draft review's deletion questions mean it).
static JA_NEXT_DAY: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s*翌日(?:から|より)"));

/// 「過去7日間分」: the backups of the last 7 days, each kept from when it is taken.
static JA_PAST: LazyLock<Regex> = LazyLock::new(|| pattern(r"過去\s*$"));
static JA_PAST_END: LazyLock<Regex> = LazyLock::new(|| pattern(r"^間?分"));

/// 「10年(起算点の記載なし)」, "10 years (starting point not stated)": the labels' own words.
static UNSPECIFIED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)^\s*\(\s*(?:starting\s+point\s+not\s+stated|起算点の記載なし)\s*\)")
});

/// English phrases after the amount ("of", "after", "from", "following" before each).
static EN_AFTER: Table = LazyLock::new(|| {
    use Since::*;
    let after = r"(?i)^\s*(?:of|after|from|following|since)\s+";
    let rows: [(Since, &str); 10] = [
        (
            DayAfterContractEnd,
            r"(?:the\s+)?day\s+after\s+(?:the\s+|your\s+)?(?:contract|agreement|subscription)\s+(?:ends|end|expires|terminates|is\s+terminated)",
        ),
        (
            ContractEnd,
            r"(?:the\s+|your\s+)?(?:contract|agreement|subscription)\s+(?:ends|end|ending|expires|expiry|expiration|termination|terminates|is\s+terminated)|(?:the\s+)?(?:end|termination|expiry|expiration)\s+of\s+(?:the\s+|your\s+|a\s+)?(?:contract|agreement|subscription)",
        ),
        (
            Cancellation,
            r"(?:the\s+|your\s+)?(?:cancell?ation|cancell?ing)|(?:the\s+)?account\s+(?:is\s+)?(?:closed|closure|cancell?ed)",
        ),
        (
            DeletionRequest,
            r"(?:a\s+|the\s+|your\s+)?(?:deletion\s+request|request\s+(?:to\s+delete|for\s+deletion))",
        ),
        (Request, r"(?:a\s+|the\s+|your\s+)?request"),
        (
            Detection,
            r"detection|detecting|discovery|discovering|(?:becoming|being)\s+aware|identification|identifying",
        ),
        (
            Occurrence,
            r"(?:it|the\s+incident|an\s+incident)\s+occurs|(?:the\s+)?occurrence|(?:an?\s+|the\s+)?incident",
        ),
        (
            DataErasure,
            r"(?:the\s+)?live\s+data\s+(?:is\s+)?(?:erased|deleted)|(?:the\s+)?(?:erasure|deletion)\s+of\s+(?:the\s+)?live\s+data",
        ),
        (
            BackupTaken,
            r"when\s+(?:each|the)\s+backup\s+is\s+taken|(?:the\s+)?backup\s+(?:is\s+)?taken",
        ),
        (
            LastUse,
            r"(?:the\s+)?last\s+(?:use|activity|login|access)|inactivity|idle\s+time",
        ),
    ];
    let before = r"(?i)^\s*(?:before|prior\s+to|in\s+advance\s+of|ahead\s+of)\s+";
    let notices: [(Since, &str); 2] = [
        (
            BeforeMaintenance,
            r"(?:the\s+|any\s+|a\s+)?(?:scheduled\s+|planned\s+)?maintenance",
        ),
        (
            BeforeServiceEnd,
            r"(?:the\s+)?service\s+(?:ends|is\s+(?:terminated|discontinued|ended))|(?:the\s+)?end\s+of\s+(?:the\s+)?service",
        ),
    ];
    rows.iter()
        .map(|(s, re)| (Some(*s), pattern(&format!("{after}(?:{re})(?-u:\\b)"))))
        .chain(
            notices
                .iter()
                .map(|(s, re)| (Some(*s), pattern(&format!("{before}(?:{re})(?-u:\\b)")))),
        )
        .collect()
});

/// English phrases in a clause before the amount: "after cancellation, … within 60 days".
static EN_BEFORE: Table = LazyLock::new(|| {
    use Since::*;
    table(&[
        (
            Some(Cancellation),
            r"(?i)(?:after|following|upon)\s+(?:the\s+|your\s+)?(?:cancell?ation|cancell?ing)",
        ),
        (
            Some(ContractEnd),
            r"(?i)(?:after|following|upon)\s+(?:the\s+|your\s+)?(?:contract|agreement|subscription)\s+(?:ends|end|expires|termination|terminates)|(?:after|following|upon)\s+(?:the\s+)?(?:end|termination|expiry|expiration)\s+of\s+(?:the\s+|your\s+)?(?:contract|agreement|subscription)",
        ),
        (
            Some(Detection),
            r"(?i)(?:after|following|upon)\s+(?:detection|detecting|discovery|becoming\s+aware)",
        ),
    ])
});

/// English words naming a starting point, anywhere in a text.
static EN_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?-u:\b)(?:after|before|from|following|of|since)\s+(?:the\s+|your\s+|a\s+)?(?:contract|agreement|subscription|cancell?ation|detection|maintenance|deletion\s+request|request|last\s+use|inactivity|service\s+ends)(?-u:\b)",
    )
});

/// Whether `text` names a starting point (「契約終了から」, "after cancellation") anywhere.
pub(super) fn names_a_start(text: &str) -> bool {
    JA_BEFORE.iter().any(|(_, re)| re.is_match(text)) || EN_ANYWHERE.is_match(text)
}

/// How far before the amount a Japanese phrase may end (in characters), and an English one.
const JA_GAP: usize = 16;
/// A notice's subject may stand further off: 「メンテナンス等利用者に影響を及ぼすものについては、
/// 1週間前に」.
const NOTICE_GAP: usize = 24;
const EN_GAP: usize = 60;

/// The phrase that says what the amount at `quantity` of `text` (the masked text: other
/// quantities are [`MASK`]) counts from, if any.
pub(super) fn find(text: &str, quantity: Range<usize>) -> Option<Found> {
    let before = &text[..quantity.start];
    let after = &text[quantity.end..];
    let at_end = |m: regex::Match| m.start()..m.end();
    let shifted = |m: regex::Match, by: usize| m.start() + by..m.end() + by;

    if let Some(m) = UNSPECIFIED.find(after) {
        return Some(Found {
            since: Some(Since::Unspecified),
            pieces: vec![shifted(m, quantity.end)],
        });
    }
    if let Some(end) = JA_NOTICE_END.find(after) {
        if let Some(mut found) = nearest_before(before, &JA_NOTICE, NOTICE_GAP) {
            found.pieces.push(shifted(end, quantity.end));
            return Some(found);
        }
    }
    if let (Some(past), Some(end)) = (JA_PAST.find(before), JA_PAST_END.find(after)) {
        return Some(Found {
            since: Some(Since::BackupTaken),
            pieces: vec![at_end(past), shifted(end, quantity.end)],
        });
    }
    if let Some(m) = JA_NEXT_DAY.find(before) {
        if m.end() == before.trim_end().len() {
            return Some(Found {
                since: Some(Since::DayAfterContractEnd),
                pieces: vec![at_end(m)],
            });
        }
    }
    let after_found = EN_AFTER
        .iter()
        .filter_map(|(since, re)| re.find(after).map(|m| (*since, m)))
        .max_by_key(|(_, m)| m.len());
    if let Some((since, m)) = after_found {
        return Some(Found {
            since,
            pieces: vec![shifted(m, quantity.end)],
        });
    }
    nearest_before(before, &JA_BEFORE, JA_GAP)
        .or_else(|| nearest_before(before, &EN_BEFORE, EN_GAP))
}

/// The phrase of `table` ending nearest the end of `before`, no more than `gap` characters
/// before it, with no sentence end, digit or other quantity in between.
fn nearest_before(before: &str, table: &[(Option<Since>, Regex)], gap: usize) -> Option<Found> {
    let window = tail(before, gap * 4 + 64);
    let offset = before.len() - window.len();
    let mut best: Option<(usize, usize, Option<Since>, Range<usize>)> = None;
    for (since, re) in table {
        for m in re.find_iter(window) {
            let between = &window[m.end()..];
            let clean = between.chars().count() <= gap
                && !between.contains(|c: char| {
                    c.is_ascii_digit() || c == MASK || matches!(c, '。' | '.' | '!' | '?' | '\n')
                });
            if !clean {
                continue;
            }
            let key = (m.end(), m.len());
            if best
                .as_ref()
                .is_none_or(|(end, len, _, _)| key > (*end, *len))
            {
                best = Some((
                    m.end(),
                    m.len(),
                    *since,
                    m.start() + offset..m.end() + offset,
                ));
            }
        }
    }
    best.map(|(_, _, since, range)| Found {
        since,
        pieces: vec![range],
    })
}

/// The last `bytes` bytes of `text` or so, cut at a character boundary.
fn tail(text: &str, bytes: usize) -> &str {
    let mut start = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}
