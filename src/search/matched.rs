//! Which vendors' texts a query matched in a control: what a results list names beside the
//! control (`kurabe search`).

use super::index::NO_VENDOR;
use super::letters::{letters, may_hold};
use super::score::{query_words, Found, Pattern, Scratch};
use super::SearchIndex;

impl SearchIndex {
    /// The vendors of `shown` (in that order) whose texts of `control` hold a word of `query`:
    /// their summaries, values, notes, quotes or name. Letters scattered over words count only
    /// where no text of the control holds the word closer, as in the ranking.
    pub fn matching_vendors(&self, query: &str, control: usize, shown: &[usize]) -> Vec<usize> {
        let inner = &*self.inner;
        if control >= inner.control_count() {
            return Vec::new();
        }
        let texts = inner.control(control);
        let mut scratch = Scratch::default();
        let mut matched = vec![false; inner.vendors];
        for word in query_words(query) {
            let pattern = Pattern::new(&word);
            // Per vendor (the control's own texts last): held close (verbatim, or fuzzy and
            // close), or only scattered.
            let mut close = vec![false; inner.vendors + 1];
            let mut scattered = vec![false; inner.vendors + 1];
            let slot = |v: u32| {
                if v == NO_VENDOR {
                    inner.vendors
                } else {
                    v as usize
                }
            };
            // A verbatim match is close whatever it scores: found without scoring. Only the
            // texts holding the chars in order are scored, and not those of a vendor already
            // known to hold the word close (its other matches change nothing): with a word
            // most texts hold (`s`), each vendor's first text settles it. A text lacking one
            // of the word's letters cannot hold it, and is not read.
            let mut in_order: Vec<(u32, &str)> = Vec::new();
            let records = texts
                .records
                .iter()
                .map(|r| (r.vendor, r.letters(), texts.text(r)));
            let names = inner
                .names
                .iter()
                .filter(|n| !inner.unanswered.contains(&(n.vendor, control as u32)))
                .map(|n| (n.vendor, letters(&n.text), n.text.as_str()));
            for (vendor, held, text) in records.chain(names) {
                if close[slot(vendor)] || !may_hold(held, pattern.letters) {
                    continue;
                }
                match pattern.find(text) {
                    Some(Found::Verbatim { .. }) => close[slot(vendor)] = true,
                    Some(Found::InOrder) => in_order.push((vendor, text)),
                    None => {}
                }
            }
            // Close texts first, scored only where the chars are close (no alignment scored for
            // the rest): the scattered matter only where no text of the control is close.
            for &(vendor, text) in &in_order {
                if !close[slot(vendor)]
                    && pattern
                        .score_in_order(text, true, None, &mut scratch)
                        .is_some()
                {
                    close[slot(vendor)] = true;
                }
            }
            if !close.contains(&true) {
                for &(vendor, text) in &in_order {
                    if !scattered[slot(vendor)]
                        && pattern
                            .score_found(text, &Found::InOrder, &mut scratch)
                            .is_some()
                    {
                        scattered[slot(vendor)] = true;
                    }
                }
            }
            let closer = close.iter().any(|&c| c);
            for (v, m) in matched.iter_mut().enumerate() {
                *m = *m || close[v] || (!closer && scattered[v]);
            }
        }
        shown
            .iter()
            .copied()
            .filter(|&v| matched.get(v).copied().unwrap_or(false))
            .collect()
    }
}
