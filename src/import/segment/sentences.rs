//! Sentences inside a paragraph, and whether a piece of text states anything.
//!
//! Sentence bounds are Unicode's (UAX #29, through `unicode-segmentation`, already in the tree
//! through ratatui), found on a copy where line breaks are spaces — PDF extractions wrap
//! sentences over lines — so each sentence is a byte range of the original: quotes stay verbatim.

use regex::Regex;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// An address up to the last character that can end one (not a sentence's full stop).
static URL: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"https?://[^\s<>()「」]*[A-Za-z0-9/=&#%_-]"));

/// Pieces shorter than this (in chars, spaces left out) join the sentence before them: 「(計画停止を
/// 除く)」 or "etc." are no sentences of their own.
const SHORTEST_SENTENCE: usize = 8;

/// Byte ranges of the sentences of `text`, trimmed, in order.
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    // A full stop or question mark inside an address ends no sentence.
    for url in URL.find_iter(text) {
        let masked: String = url
            .as_str()
            .chars()
            .map(|c| if matches!(c, '.' | '?' | '!') { '_' } else { c })
            .collect();
        let end = url.end() - url.as_str().len() + masked.len();
        if end == url.end() {
            flat.replace_range(url.range(), &masked);
        }
    }
    let mut bounds: Vec<std::ops::Range<usize>> = flat
        .split_sentence_bound_indices()
        .map(|(start, piece)| start..start + piece.len())
        .collect();
    // An opening bracket after a full stop (「。(計画停止を除く)」) opens the next piece.
    for k in 1..bounds.len() {
        let previous = &text[bounds[k - 1].clone()];
        let trailing: usize = previous
            .chars()
            .rev()
            .take_while(|c| matches!(c, '(' | '（' | '「' | '『' | '[' | '【' | ' '))
            .map(char::len_utf8)
            .sum();
        if trailing > 0 && trailing < previous.len() {
            bounds[k - 1].end -= trailing;
            bounds[k].start -= trailing;
        }
    }
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for bound in bounds {
        let Some(range) = trimmed(text, bound) else {
            continue;
        };
        let content = text[range.clone()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        let piece = &text[range.clone()];
        let opens_with_close = piece.starts_with([')', '）', '」', '』', ']', '】'])
            || (piece.starts_with(['(', '（']) && piece.ends_with([')', '）']));
        match out.last_mut() {
            Some(previous) if content < SHORTEST_SENTENCE || opens_with_close => {
                previous.end = range.end;
            }
            _ => out.push(range),
        }
    }
    // A short first piece joins the sentence after it instead.
    if out.len() >= 2 {
        let first = &text[out[0].clone()];
        if first.chars().filter(|c| !c.is_whitespace()).count() < SHORTEST_SENTENCE {
            let end = out[1].end;
            out[0].end = end;
            out.remove(1);
        }
    }
    out
}

fn trimmed(text: &str, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.end - (piece.len() - piece.trim_end().len());
    (start < end).then_some(start..end)
}

/// Japanese endings of a sentence that says something (after closing punctuation is dropped).
const JA_PREDICATES: &[&str] = &[
    "ます",
    "ません",
    "です",
    "でした",
    "ました",
    "である",
    "であり",
    "だ",
    "する",
    "した",
    "される",
    "できる",
    "できない",
    "ない",
    "ある",
    "いる",
    "おります",
    "ください",
    "下さい",
    "こと",
    "可能",
    "不可",
    "予定",
    "となる",
    "とする",
    "られる",
    "有",
    "無",
    "あり",
    "なし",
    "済",
];

/// A line that leads into what follows ("…は以下のとおりです。", "…include:"): context for the
/// list or table after it, never an answer on its own.
pub fn is_lead_in(text: &str) -> bool {
    let t = text.trim();
    if t.ends_with([':', '：']) {
        return true;
    }
    let lead_words = [
        "以下のとおり",
        "以下の通り",
        "次のとおり",
        "次の通り",
        "下記のとおり",
        "下記の通り",
        "以下に示します",
        "以下のようになります",
        "次のようになります",
        "以下をご覧ください",
        "以下を参照",
        "as follows",
        "the following",
        "below",
    ];
    let short = t.chars().count() <= 80;
    short
        && lead_words.iter().any(|w| t.to_lowercase().contains(w))
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// Whether a sentence, list item or cell says something a reader could take as an answer: a
/// predicate, a quantity, or yes/no. Headings, captions, link titles and navigation do not.
pub fn states_something(text: &str) -> bool {
    let t = super::strip_tags(text);
    let t = t.trim();
    if t.is_empty() || is_lead_in(t) {
        return false;
    }
    let body: String = t
        .trim_end_matches(|c: char| {
            matches!(
                c,
                '。' | '．' | '.' | '」' | '』' | ')' | '）' | '!' | '！' | ' ' | '　'
            )
        })
        .to_string();
    let has_digit = body
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let cjk = body.chars().any(is_cjk);
    if cjk {
        if JA_PREDICATES.iter().any(|p| body.ends_with(p)) {
            return true;
        }
        // A sentence ended by 。 that runs on ("…に保管し、…。") says something too.
        if t.ends_with('。') && body.chars().count() >= 12 {
            return true;
        }
        // A quantity with little else: a cell or a row's answer ("99.9%", "24時間365日",
        // "アクティブな削除シナリオ: 最大 30 日間").
        return has_digit && body.chars().count() <= 120;
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.len() >= 5 {
        return true;
    }
    has_digit || matches!(body.to_lowercase().as_str(), "yes" | "no")
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn japanese_sentences_end_at_the_full_stop_and_keep_their_brackets() {
        assert_eq!(
            split("データは30日後に削除します。バックアップは7世代保持します。"),
            [
                "データは30日後に削除します。",
                "バックアップは7世代保持します。"
            ]
        );
        assert_eq!(
            split("24時間365日となります。(計画停止を除く)"),
            ["24時間365日となります。(計画停止を除く)"]
        );
    }

    #[test]
    fn a_sentence_wrapped_over_lines_is_one_and_stays_verbatim() {
        let text = "All data is written to multiple disks instantly, backed up daily, and\nstored in multiple locations. Files are encrypted.";
        assert_eq!(
            split(text),
            [
                "All data is written to multiple disks instantly, backed up daily, and\nstored in multiple locations.",
                "Files are encrypted."
            ]
        );
    }

    #[test]
    fn an_address_ends_no_sentence() {
        assert_eq!(
            split("Check our ciphers here: https://www.ssllabs.com/analyze.html?d=x.com&latest Files are kept."),
            ["Check our ciphers here: https://www.ssllabs.com/analyze.html?d=x.com&latest Files are kept."]
        );
    }

    #[test]
    fn abbreviations_and_numbers_do_not_end_english_sentences() {
        assert_eq!(
            split("We use AES-256, e.g. for backups, and keep 99.95% uptime. Next."),
            ["We use AES-256, e.g. for backups, and keep 99.95% uptime. Next."]
        );
    }

    #[test]
    fn lead_ins_captions_and_titles_state_nothing() {
        assert!(!states_something(
            "本サービスのセキュリティ対策は以下のとおりです。"
        ));
        assert!(!states_something("Responsibilities include:"));
        assert!(!states_something("データセンターの外観"));
        assert!(!states_something("Data Location"));
        assert!(states_something("バックアップは毎日取得します。"));
        assert!(states_something("99.9%"));
        assert!(states_something("有"));
        assert!(states_something("Backups are taken every 24 hours."));
        assert!(states_something(
            "Manage our bug bounty program in HackerOne"
        ));
    }
}
