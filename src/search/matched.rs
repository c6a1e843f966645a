//! Which vendors' texts a query matched in a control: what a results list names beside the
//! control (`kurabe search`).

use super::closeness::{class_of, weighted, SCATTERED};
use super::index::NO_VENDOR;
use super::score::{query_words, Pattern, Scratch};
use super::SearchIndex;

impl SearchIndex {
    /// The vendors of `shown` (in that order) whose texts of `control` hold a word of `query`:
    /// their summaries, values, notes, quotes or name. Letters scattered over words count only
    /// where no text of the control holds the word closer, as in the ranking.
    pub fn matching_vendors(&self, query: &str, control: usize, shown: &[usize]) -> Vec<usize> {
        let inner = &*self.inner;
        let Some(texts) = inner.controls.get(control) else {
            return Vec::new();
        };
        let mut scratch = Scratch::default();
        let mut matched = vec![false; inner.vendors];
        for word in query_words(query) {
            let pattern = Pattern::new(&word);
            // (vendor, score) of every text the word matches, the control's own included.
            let mut found: Vec<(u32, i64)> = texts
                .records
                .iter()
                .filter_map(|r| {
                    let score = pattern.score(texts.text(r), &mut scratch)?;
                    Some((r.vendor, weighted(i64::from(r.weight), score)))
                })
                .collect();
            for name in &inner.names {
                let answered = !inner.unanswered.contains(&(name.vendor, control as u32));
                if answered {
                    if let Some(score) = pattern.score(&name.text, &mut scratch) {
                        found.push((name.vendor, score));
                    }
                }
            }
            let closer = found.iter().any(|&(_, s)| class_of(s) > SCATTERED);
            for (vendor, score) in found {
                if vendor != NO_VENDOR && (!closer || class_of(score) > SCATTERED) {
                    if let Some(m) = matched.get_mut(vendor as usize) {
                        *m = true;
                    }
                }
            }
        }
        shown
            .iter()
            .copied()
            .filter(|&v| matched.get(v).copied().unwrap_or(false))
            .collect()
    }
}
