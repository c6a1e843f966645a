//! A draft that an update from a new version of the vendor's documents made (its answer keeps
//! `previous:`): the badge that says so, and its before → after, until the draft is confirmed.

use crate::catalog::{Answer, Lang, Vendor};
use crate::changes::report::{summary_changes, value_text};
use crate::changes::{self, Piece, What};
use crate::words::{self, ChangeWord};

/// What changed in one answer, as the answer pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeNote {
    /// The documents' version or date the previous answer was read from ("3", "2024-04-01").
    pub from: Option<String>,
    /// "Value: 30 days → 60 days", "Status: partial → stated", "Summary: … → …".
    pub fields: Vec<String>,
    /// The quotes of before the update that no longer stand: a reworded one as its character
    /// changes, a removed one as it was (all [`Piece::Removed`]).
    pub quotes: Vec<PreviousQuoteNote>,
    /// Where the verdict on the answer is stale: why, in words.
    pub stale_reason: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousQuoteNote {
    pub pieces: Vec<Piece>,
    /// "Sheet 6.3": where it was cited then.
    pub citation: String,
}

/// Whether the answer is a draft an update made from a changed answer: it carries the badge.
/// A draft that proposes again what the answer said before (its quotes stand, the new reading
/// disagreed) is a draft to re-check, not a change.
pub fn is_changed(answer: &Answer) -> bool {
    answer.draft && changes::differs_from_previous(answer)
}

/// The note of a changed draft (`None` for any other answer). `stale` says whether the
/// reviewer's verdict on it is stale.
pub fn note(answer: &Answer, vendor: &Vendor, stale: bool, lang: Lang) -> Option<ChangeNote> {
    if !is_changed(answer) {
        return None;
    }
    let from = answer.previous.as_ref().and_then(|p| p.from.clone());
    let stale_reason = stale.then(|| ChangeWord::StaleBecauseChanged.get(lang));
    // A draft whose reading is what it was before still carries the badge, with nothing listed.
    let Some(change) = changes::of_answer(answer, vendor) else {
        return Some(ChangeNote {
            from,
            fields: Vec::new(),
            quotes: Vec::new(),
            stale_reason,
        });
    };
    let arrow = |label: ChangeWord, before: String, after: String| {
        format!("{}: {before} → {after}", label.get(lang))
    };
    let polarity = |p: Option<crate::catalog::Polarity>| {
        p.map_or_else(|| "—".to_string(), |p| words::polarity(p, lang).to_string())
    };
    let (b, a) = (&change.before, &change.after);
    let fields = change
        .what
        .iter()
        .flat_map(|w| match w {
            What::Value => vec![arrow(
                ChangeWord::Value,
                value_text(b.value.as_ref(), lang),
                value_text(a.value.as_ref(), lang),
            )],
            What::Status => vec![arrow(
                ChangeWord::Status,
                words::status(b.status, lang).to_string(),
                words::status(a.status, lang).to_string(),
            )],
            What::Polarity => vec![arrow(
                ChangeWord::Polarity,
                polarity(b.polarity),
                polarity(a.polarity),
            )],
            What::Summary => summary_changes(b, a, lang)
                .into_iter()
                .map(|(label, before, after)| format!("{label}: {before} → {after}"))
                .collect(),
            What::Quotes => Vec::new(),
        })
        .map(|l| crate::sanitize::text(&l).into_owned())
        .collect();
    let cited = |q: &changes::Cited| {
        crate::sanitize::line(&format!("{} {}", q.document, q.section)).into_owned()
    };
    let clean = |p: &Piece| match p {
        Piece::Same(s) => Piece::Same(crate::sanitize::text(s).into_owned()),
        Piece::Removed(s) => Piece::Removed(crate::sanitize::text(s).into_owned()),
        Piece::Added(s) => Piece::Added(crate::sanitize::text(s).into_owned()),
    };
    let mut quotes: Vec<PreviousQuoteNote> = change
        .quotes
        .reworded
        .iter()
        .map(|r| PreviousQuoteNote {
            pieces: r.pieces.iter().map(clean).collect(),
            citation: cited(&r.before),
        })
        .collect();
    quotes.extend(change.quotes.removed.iter().map(|q| PreviousQuoteNote {
        pieces: vec![clean(&Piece::Removed(q.text.clone()))],
        citation: cited(q),
    }));
    Some(ChangeNote {
        from,
        fields,
        quotes,
        stale_reason,
    })
}
