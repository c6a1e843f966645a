//! Highlighting: which chars of an original text a query matches.

use super::score::{chars_in_order, compact, query_words};
use crate::text::normalize;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

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
    fn highlight_maps_back_to_original_chars() {
        assert_eq!(highlight("iso", "ＩＳＯ認証"), vec![0, 1, 2]);
        assert_eq!(highlight("削除", "データの削除"), vec![4, 5]);
        assert_eq!(highlight("削除", "削除し、削除した"), vec![0, 1, 4, 5]);
        assert!(highlight("zzz", "abc").is_empty());
    }
}
