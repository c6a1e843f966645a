//! Fuzzy search over everything a comparison shows: control titles and questions (en and ja),
//! vendor names, summaries, values, notes and quotes.
//!
//! Records are normalized once when the index is built (NFKC + lowercase); a query is normalized
//! once per search. Each word of a query must match somewhere in a control for the control to
//! match; its score is the sum over words of the best weighted match.

use crate::catalog::Catalog;
use crate::text::{normalize, normalize_query};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

/// Matches in titles count for more than matches deep inside a quote.
const TITLE_WEIGHT: i64 = 3;
const PROMINENT_WEIGHT: i64 = 2;
const BODY_WEIGHT: i64 = 1;

#[derive(Debug, Clone)]
struct Record {
    control: u32,
    /// The vendor whose answer this text belongs to; `None` for the control's own texts.
    vendor: Option<u32>,
    weight: i64,
    text: String,
}

/// The searchable text of a catalogue, normalized once.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    records: Vec<Record>,
    controls: usize,
}

/// A matching control and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub control: usize,
    pub score: i64,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let mut records = Vec::new();
        let mut push = |control: usize, vendor: Option<usize>, weight: i64, text: &str| {
            if !text.is_empty() {
                records.push(Record {
                    control: control as u32,
                    vendor: vendor.map(|v| v as u32),
                    weight,
                    text: normalize(text).text,
                });
            }
        };
        for (ci, entry) in catalog.controls.iter().enumerate() {
            let c = &entry.control;
            push(ci, None, TITLE_WEIGHT, &c.title.en);
            push(ci, None, TITLE_WEIGHT, c.title.ja.as_deref().unwrap_or(""));
            push(ci, None, PROMINENT_WEIGHT, &c.question.en);
            push(
                ci,
                None,
                PROMINENT_WEIGHT,
                c.question.ja.as_deref().unwrap_or(""),
            );
            push(ci, None, BODY_WEIGHT, &c.id);
            for (vi, vendor) in catalog.vendors.iter().enumerate() {
                let Some(answer) = catalog.answer(vi, ci) else {
                    continue;
                };
                push(ci, Some(vi), BODY_WEIGHT, &vendor.info.name.en);
                push(
                    ci,
                    Some(vi),
                    BODY_WEIGHT,
                    vendor.info.name.ja.as_deref().unwrap_or(""),
                );
                if let Some(s) = &answer.summary {
                    push(ci, Some(vi), PROMINENT_WEIGHT, &s.en);
                    push(
                        ci,
                        Some(vi),
                        PROMINENT_WEIGHT,
                        s.ja.as_deref().unwrap_or(""),
                    );
                }
                if let Some(v) = &answer.value {
                    push(ci, Some(vi), PROMINENT_WEIGHT, &v.to_string());
                }
                if let Some(n) = &answer.note {
                    push(ci, Some(vi), BODY_WEIGHT, &n.en);
                    push(ci, Some(vi), BODY_WEIGHT, n.ja.as_deref().unwrap_or(""));
                }
                for q in &answer.quotes {
                    push(ci, Some(vi), BODY_WEIGHT, &q.text);
                }
            }
        }
        SearchIndex {
            records,
            controls: catalog.controls.len(),
        }
    }

    /// Controls matching every word of `query`, best first (ties in catalogue order).
    /// Only the texts of vendors in `shown` (and the controls' own texts) are searched.
    /// An empty query matches nothing: callers show everything instead.
    pub fn search(&self, query: &str, shown: &[usize]) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let matcher = SkimMatcherV2::default().respect_case();
        let mut shown_mask = vec![false; shown.iter().max().map_or(0, |m| m + 1)];
        for &v in shown {
            shown_mask[v] = true;
        }
        // best[control * words + w]: best weighted score of word w in that control.
        let mut best = vec![0i64; self.controls * words.len()];
        for r in &self.records {
            if let Some(v) = r.vendor {
                if !shown_mask.get(v as usize).copied().unwrap_or(false) {
                    continue;
                }
            }
            for (w, word) in words.iter().enumerate() {
                if let Some(score) = score_word(&matcher, &r.text, word) {
                    let slot = &mut best[r.control as usize * words.len() + w];
                    *slot = (*slot).max(score.max(1) * r.weight);
                }
            }
        }
        let mut hits: Vec<Hit> = best
            .chunks(words.len())
            .enumerate()
            .filter(|(_, scores)| scores.iter().all(|&s| s > 0))
            .map(|(control, scores)| Hit {
                control,
                score: scores.iter().sum(),
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.control.cmp(&b.control)));
        hits
    }
}

/// A verbatim occurrence of the word outranks any scattered one.
const EXACT_BONUS: i64 = 100;
/// A verbatim occurrence at the start of the text or of a word.
const WORD_START_BONUS: i64 = 50;

/// How well `word` matches `text` (both normalized), if at all. Matches are either verbatim
/// (ranked first: skim's scores alone rank scattered CJK matches above contiguous ones) or
/// fuzzy within a window a few times the word's length, so a long quote does not match a
/// query whose letters it merely happens to contain in order.
pub fn score_word(matcher: &SkimMatcherV2, text: &str, word: &str) -> Option<i64> {
    if !chars_in_order(text, word) {
        return None;
    }
    if let Some(pos) = text.find(word) {
        let at_word_start = text[..pos].chars().next_back().is_none_or(|c| {
            !c.is_alphanumeric() || !word.starts_with(|w: char| w.is_ascii_alphanumeric())
        });
        let skim = matcher.fuzzy_match(text, word).unwrap_or(0);
        return Some(skim + EXACT_BONUS + if at_word_start { WORD_START_BONUS } else { 0 });
    }
    let (score, indices) = matcher.fuzzy_indices(text, word)?;
    compact(&indices, word).then_some(score)
}

/// Whether matched positions lie within a window a scattered match may span.
fn compact(indices: &[usize], word: &str) -> bool {
    let n = word.chars().count();
    match (indices.first(), indices.last()) {
        (Some(first), Some(last)) => last - first <= (n * 3).max(n + 6),
        _ => false,
    }
}

/// The normalized words of a query.
pub fn query_words(query: &str) -> Vec<String> {
    normalize_query(query)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Whether the chars of `needle` occur in `hay` in order: a cheap test that rejects most
/// records before the scorer runs, and exactly the records the fuzzy matcher would reject.
pub fn chars_in_order(hay: &str, needle: &str) -> bool {
    let mut rest = hay;
    for c in needle.chars() {
        match rest.find(c) {
            Some(i) => rest = &rest[i + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// Char indices of `text` (the original, not normalized) that the query's words match, sorted
/// and unique, for highlighting.
pub fn highlight(query: &str, text: &str) -> Vec<usize> {
    let words = query_words(query);
    if words.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let matcher = SkimMatcherV2::default().respect_case();
    let norm = normalize(text);
    let mut out = Vec::new();
    for word in &words {
        if !chars_in_order(&norm.text, word) {
            continue;
        }
        let found: Vec<usize> = if norm.text.contains(word.as_str()) {
            // Every verbatim occurrence, in chars.
            let len = word.chars().count();
            norm.text
                .match_indices(word.as_str())
                .flat_map(|(b, _)| {
                    let start = norm.text[..b].chars().count();
                    start..start + len
                })
                .collect()
        } else {
            match matcher.fuzzy_indices(&norm.text, word) {
                Some((_, indices)) if compact(&indices, word) => indices,
                _ => Vec::new(),
            }
        };
        out.extend(
            found
                .into_iter()
                .filter_map(|i| norm.origin.get(i).map(|&o| o as usize)),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_check() {
        assert!(chars_in_order("iso/iec 27017", "iso27017"));
        assert!(!chars_in_order("iso/iec 27017", "27017iso"));
        assert!(chars_in_order("データの削除", "削除"));
    }

    #[test]
    fn verbatim_beats_scattered_and_far_scatter_is_no_match() {
        let m = SkimMatcherV2::default().respect_case();
        let contiguous = score_word(&m, "データの削除", "削除").unwrap();
        let scattered = score_word(&m, "削られたデータを除外", "削除").unwrap();
        assert!(contiguous > scattered, "{contiguous} vs {scattered}");
        assert!(score_word(
            &m,
            "dedicated lines to the tier of internal operations",
            "deletion"
        )
        .is_none());
        assert!(score_word(&m, "backup", "bkup").is_some());
        assert!(score_word(&m, "iso/iec 27017:2015", "iso27017").is_some());
    }

    #[test]
    fn highlight_maps_back_to_original_chars() {
        assert_eq!(highlight("iso", "ＩＳＯ認証"), vec![0, 1, 2]);
        assert_eq!(highlight("削除", "データの削除"), vec![4, 5]);
        assert_eq!(highlight("削除", "削除し、削除した"), vec![0, 1, 4, 5]);
        assert!(highlight("zzz", "abc").is_empty());
    }
}
