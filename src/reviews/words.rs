//! The reviewer's verdicts in words and symbols, beside the verdict itself (the common words
//! table knows no domain type; like [`crate::requirements::words`] for outcomes).

use super::Verdict;
use crate::catalog::Lang;

/// A verdict as a word: "follow-up" / "照会". Never an outcome's word (適合 / 不適合 / 要判断 /
/// 記載なし): a verdict is the reviewer's, an outcome the requirements engine's.
pub fn verdict(v: Verdict, lang: Lang) -> &'static str {
    match (lang, v) {
        (Lang::En, Verdict::Acceptable) => "acceptable",
        (Lang::En, Verdict::FollowUp) => "follow-up",
        (Lang::En, Verdict::Risk) => "risk",
        (Lang::Ja, Verdict::Acceptable) => "許容",
        (Lang::Ja, Verdict::FollowUp) => "照会",
        (Lang::Ja, Verdict::Risk) => "リスク",
    }
}

/// A verdict's symbol: ⊕ ⚑ ⊘ — never an outcome's (✓ ✗ ? –) nor a status's (● ◐ ○).
pub fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Acceptable => "⊕",
        Verdict::FollowUp => "⚑",
        Verdict::Risk => "⊘",
    }
}

/// The filter word of a verdict: "only answers marked follow-up".
pub fn only_verdict(v: Verdict, lang: Lang) -> &'static str {
    match (lang, v) {
        (Lang::En, Verdict::Acceptable) => "only answers judged acceptable",
        (Lang::En, Verdict::FollowUp) => "only answers marked follow-up",
        (Lang::En, Verdict::Risk) => "only answers judged a risk",
        (Lang::Ja, Verdict::Acceptable) => "「許容」と判定した回答のみ",
        (Lang::Ja, Verdict::FollowUp) => "「照会」とした回答のみ",
        (Lang::Ja, Verdict::Risk) => "「リスク」と判定した回答のみ",
    }
}
