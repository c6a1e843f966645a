//! A vendor's answers against a new reading of a new version of its documents (`kurabe import
//! SOURCE... --vendor ID --update`). Pure: the old vendor and the new draft in, the answers to
//! write and what happened to each control out.
//!
//! An answer keeps its reviewed form only where every quote still stands verbatim in the new
//! documents ([`super::verbatim`]) *and* the new reading agrees — its top proposal is one of the
//! quotes (or holds one, or is held by one) and states the same value. Its citations then move
//! to where the quotes now stand. Where the quotes stand but the reading disagrees, the
//! document did not change there (the importer reads it otherwise than the reviewer did): the
//! answer becomes a draft that proposes its reviewed form again, citations moved, with the new
//! reading's passages as candidates — so `kurabe diff` lists no change the document did not
//! make. Where a quote is gone, the answer becomes a draft of the new reading. Either draft
//! keeps what the answer said before as `previous:`.

use super::draft::Draft;
use super::segment::Passage;
use super::verbatim::normalize;
use crate::catalog::{
    Answer, Candidate, Document, PreviousAnswer, PreviousQuote, Quote, Status, Text, Value, Vendor,
};

/// Why an answer was drafted again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// A quote no longer stands verbatim in the new documents.
    QuoteGone,
    /// The quotes stand, but the new reading's top proposal is another passage.
    ReadingDisagrees,
    /// The new reading proposes the same passage, with another value.
    ValueChanged,
    /// A quote now stands inside a longer passage, which the new reading proposes: words were
    /// added around it (a condition, an exception).
    Widened,
}

impl Why {
    pub fn label(self) -> &'static str {
        match self {
            Why::QuoteGone => "a quote no longer stands: drafted from the new reading",
            Why::ReadingDisagrees => {
                "its quotes stand, the new reading proposes another passage: to re-check"
            }
            Why::ValueChanged => {
                "its quotes stand, the new reading reads another value: to re-check"
            }
            Why::Widened => {
                "a quote now stands inside a longer passage: drafted from the new reading"
            }
        }
    }
}

/// What the update does to each control.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Renewal {
    /// One answer per control of the new reading, in its order.
    pub answers: Vec<Answer>,
    /// Reviewed answers kept (their citations moved).
    pub kept: Vec<String>,
    /// Reviewed answers drafted again, and why.
    pub redrafted: Vec<(String, Why)>,
    /// Controls the vendor did not state that the new reading answers: drafts.
    pub newly_answered: Vec<String>,
    /// Answers that were drafts already, drafted from the new reading.
    pub refreshed: Vec<String>,
    /// Answers quoting only the vendor's replies to the follow-up questionnaire, kept as they
    /// are (reviewed or not): a new version of the documents does not take back a reply.
    pub replies: Vec<String>,
}

/// Whether every quote of `answer` is a reply to the follow-up questionnaire.
fn quotes_replies(vendor: &Vendor, answer: &Answer) -> bool {
    !answer.quotes.is_empty()
        && answer.quotes.iter().all(|q| {
            vendor
                .document(&q.document)
                .is_some_and(|d| d.title == super::answers::DOCUMENT_TITLE)
        })
}

/// The documents of the renewed vendor: the new ones, then the old ones its answers still
/// quote (the answered questionnaire). Candidates citing a document no longer listed are
/// dropped.
pub fn documents(old: &Vendor, renewal: &mut Renewal, new: &[Document]) -> Vec<Document> {
    let mut listed: Vec<Document> = new.to_vec();
    for answer in &renewal.answers {
        for quote in &answer.quotes {
            if listed.iter().any(|d| d.id == quote.document) {
                continue;
            }
            if let Some(d) = old.document(&quote.document) {
                listed.push(d.clone());
            }
        }
    }
    for answer in &mut renewal.answers {
        answer
            .candidates
            .retain(|c| listed.iter().any(|d| d.id == c.document));
    }
    listed
}

/// The new documents as the update compares quotes with them.
pub struct NewDocuments<'a> {
    pub draft: &'a Draft,
    /// Each document's whole text, [`normalize`]d, in the order of `draft.documents`.
    pub texts: Vec<String>,
    /// Each passage's text, [`normalize`]d, in the order of `draft.passages`.
    passages: Vec<String>,
    /// The same texts with their tags: a quote of a tag alone (`<https://…>`, an autolink)
    /// normalizes to nothing, so it must stand as written.
    tagged_texts: Vec<String>,
    tagged_passages: Vec<String>,
    /// Ids of the old vendor's documents that hold the vendor's replies to the follow-up
    /// questionnaire: their quotes stand as they are (a new version of the documents does not
    /// take back a reply) and stay cited there.
    pub replies: Vec<String>,
}

/// The ids of `vendor`'s documents that are answered questionnaires.
pub fn reply_documents(vendor: &Vendor) -> Vec<String> {
    vendor
        .documents
        .iter()
        .filter(|d| d.title == super::answers::DOCUMENT_TITLE)
        .map(|d| d.id.clone())
        .collect()
}

/// NFKC with the whitespace removed, tags kept.
fn squeeze(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

impl<'a> NewDocuments<'a> {
    /// `texts`: each source's whole text (not normalized), in the order of the draft's documents.
    pub fn new(draft: &'a Draft, texts: &[String]) -> Self {
        NewDocuments {
            draft,
            texts: texts.iter().map(|t| normalize(t)).collect(),
            passages: draft.passages.iter().map(|p| normalize(&p.text)).collect(),
            tagged_texts: texts.iter().map(|t| squeeze(t)).collect(),
            tagged_passages: draft.passages.iter().map(|p| squeeze(&p.text)).collect(),
            replies: Vec::new(),
        }
    }

    /// The quote as compared, and the texts and passages it is compared with.
    fn compared(&self, quote: &str) -> (String, &[String], &[String]) {
        match normalize(quote) {
            q if q.is_empty() => (squeeze(quote), &self.tagged_texts, &self.tagged_passages),
            q => (q, &self.texts, &self.passages),
        }
    }

    /// Whether `quote` stands: a reply to the questionnaire always does; any other quote where
    /// its words stand in the new documents.
    fn holds(&self, quote: &Quote) -> bool {
        self.replies.iter().any(|r| *r == quote.document) || self.stands(&quote.text)
    }

    fn stands(&self, quote: &str) -> bool {
        let (q, texts, _) = self.compared(quote);
        !q.is_empty() && texts.iter().any(|t| t.contains(&q))
    }

    /// Where `quote` now stands: the passage that holds it, else the first the quote holds
    /// (a quote spanning passages), else the document that holds it, the section unchanged.
    fn cite(&self, quote: &Quote) -> Quote {
        if self.replies.iter().any(|r| *r == quote.document) {
            return quote.clone();
        }
        let (q, texts, passages) = self.compared(&quote.text);
        let passage = |p: &Passage| Quote {
            document: self.draft.documents[p.document].id.clone().into(),
            section: p.section.clone().into(),
            text: quote.text.clone(),
            context: (!p.context.is_empty())
                .then(|| p.context.clone().into())
                .or_else(|| quote.context.clone()),
        };
        let holds = passages.iter().position(|p| p.contains(&q));
        let held = || {
            passages
                .iter()
                .position(|p| !p.is_empty() && q.contains(p.as_str()))
        };
        if let Some(i) = holds.or_else(held) {
            return passage(&self.draft.passages[i]);
        }
        let document = texts.iter().position(|t| t.contains(&q));
        Quote {
            document: document.map_or_else(
                || quote.document.clone(),
                |d| self.draft.documents[d].id.clone().into(),
            ),
            ..quote.clone()
        }
    }
}

/// The text and value of the new reading's top proposal for a control: the drafted quote when
/// the reading states it, else its first candidate.
fn top_proposal(answer: &Answer) -> Option<(&str, Option<&Value>)> {
    match answer.quotes.first() {
        Some(q) => Some((q.text.as_ref(), answer.value.as_ref())),
        None => answer
            .candidates
            .first()
            .map(|c| (c.text.as_ref(), c.value.as_ref())),
    }
}

/// The same value: equal, or the same duration where one of them does not say what it
/// counts from.
fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (None, None) => true,
        (
            Some(Value::Duration {
                amount: x,
                unit: u,
                from: f,
            }),
            Some(Value::Duration {
                amount: y,
                unit: v,
                from: g,
            }),
        ) => x == y && u == v && (f.is_none() || g.is_none() || f == g),
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// How the new reading's top proposal stands to the reviewed quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agreement {
    /// It is one of the quotes, or part of one.
    Same,
    /// It holds a quote and more words.
    Widened,
    Other,
}

fn agreement(top: &str, quotes: &[Quote]) -> Agreement {
    let top = normalize(top);
    if top.is_empty() {
        return Agreement::Other;
    }
    let mut widened = false;
    for q in quotes
        .iter()
        .map(|q| normalize(&q.text))
        .filter(|q| !q.is_empty())
    {
        if q.contains(&top) {
            return Agreement::Same;
        }
        if top.contains(&q) {
            // Words around it, not a bullet or a mark: 「・」 before a quoted line is the same.
            let around = top.replacen(&q, "", 1);
            if around.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return Agreement::Same;
            }
            widened = true;
        }
    }
    if widened {
        Agreement::Widened
    } else {
        Agreement::Other
    }
}

/// The label of the documents an answer was read from ("v4, 2024-05-22"): the version and date of the
/// first document its quotes cite that has one, else of the vendor's first such document.
fn edition_of(vendor: &Vendor, answer: &Answer) -> Option<String> {
    let label = |d: &Document| match (&d.version, &d.date) {
        (Some(v), Some(date)) => Some(format!("v{v}, {date}")),
        (Some(v), None) => Some(format!("v{v}")),
        (None, date) => date.clone(),
    };
    answer
        .quotes
        .iter()
        .filter_map(|q| vendor.document(&q.document))
        .chain(&vendor.documents)
        .find_map(label)
}

/// What `answer` of `vendor` said, to keep beside the draft that replaces it.
pub fn previous_of(vendor: &Vendor, answer: &Answer) -> PreviousAnswer {
    PreviousAnswer {
        status: answer.status,
        polarity: answer.polarity,
        summary: answer.summary.clone(),
        value: answer.value.clone(),
        quotes: answer
            .quotes
            .iter()
            .map(|q| PreviousQuote {
                document: vendor
                    .document(&q.document)
                    .map_or_else(|| q.document.to_string(), |d| d.title.clone()),
                section: q.section.clone().into_owned(),
                text: q.text.clone().into_owned(),
            })
            .collect(),
        from: edition_of(vendor, answer),
    }
}

/// The draft of the new reading, keeping `previous` beside it and the reviewer's note where
/// the reading writes none.
fn redraft(new: &Answer, previous: Option<PreviousAnswer>, note: Option<&Text>) -> Answer {
    Answer {
        previous: previous.map(Box::new),
        note: new.note.clone().or_else(|| note.cloned()),
        ..new.clone()
    }
}

/// The reviewed answer's quotes that still stand, added (cited anew) to the new reading's draft
/// where it does not quote them: still the vendor's words, so no removal a reviewer must chase.
fn keep_standing_quotes(draft: &mut Answer, was: &Answer, documents: &NewDocuments) {
    if draft.status == Status::NotStated {
        return;
    }
    for quote in was.quotes.iter().filter(|q| documents.holds(q)) {
        let words = normalize(&quote.text);
        if draft
            .quotes
            .iter()
            .any(|q| normalize(&q.text).contains(&words))
        {
            continue;
        }
        draft.candidates.retain(|c| normalize(&c.text) != words);
        draft.quotes.push(documents.cite(quote));
    }
}

/// A re-check draft whose quotes the new reading's top proposal now holds with more words
/// around them: those quotes become that passage, so that before → after shows the words
/// added. Status, yes/no, value and summary stay the reviewed ones, to re-check.
fn widen(mut draft: Answer, new: &Answer) -> Answer {
    let top = match (new.quotes.first(), new.candidates.first()) {
        (Some(q), _) => q.clone(),
        (None, Some(c)) => Quote {
            document: c.document.clone(),
            section: c.section.clone(),
            text: c.text.clone(),
            context: c.context.clone(),
        },
        (None, None) => return draft,
    };
    let words = normalize(&top.text);
    let mut replaced = false;
    let mut quotes = Vec::with_capacity(draft.quotes.len());
    for quote in std::mem::take(&mut draft.quotes) {
        if words.contains(&normalize(&quote.text)) {
            if !replaced {
                quotes.push(top.clone());
                replaced = true;
            }
        } else {
            quotes.push(quote);
        }
    }
    draft.quotes = quotes;
    draft.candidates.retain(|c| normalize(&c.text) != words);
    draft
}

/// A reviewed answer whose quotes all stand where the new reading disagrees: a draft proposing
/// its reviewed form again (citations moved), the new reading's passages as its candidates.
fn recheck(
    was: &Answer,
    new: &Answer,
    documents: &NewDocuments,
    previous: PreviousAnswer,
) -> Answer {
    let quotes: Vec<Quote> = was.quotes.iter().map(|q| documents.cite(q)).collect();
    let quoted: Vec<String> = quotes.iter().map(|q| normalize(&q.text)).collect();
    let read = new.quotes.iter().enumerate().map(|(i, q)| Candidate {
        document: q.document.clone(),
        section: q.section.clone(),
        text: q.text.clone(),
        score: new.candidates.first().map_or(1.0, |c| c.score.max(1.0)),
        context: q.context.clone(),
        value: if i == 0 { new.value.clone() } else { None },
    });
    let candidates = read
        .chain(new.candidates.iter().cloned())
        .filter(|c| !quoted.contains(&normalize(&c.text)))
        .collect();
    Answer {
        quotes,
        draft: true,
        candidates,
        conflicts: Vec::new(),
        previous: Some(Box::new(previous)),
        ..was.clone()
    }
}

/// Why a reviewed answer cannot be kept, or `None` when it can.
fn why_not_kept(old: &Answer, new: &Answer, documents: &NewDocuments) -> Option<Why> {
    if old.status == Status::NotStated {
        // Kept while the new reading finds nothing it would state.
        return (new.status != Status::NotStated).then_some(Why::ReadingDisagrees);
    }
    if !old.quotes.iter().all(|q| documents.holds(q)) {
        return Some(Why::QuoteGone);
    }
    let Some((top, value)) = top_proposal(new) else {
        return Some(Why::ReadingDisagrees);
    };
    match agreement(top, &old.quotes) {
        Agreement::Same => {}
        Agreement::Widened => return Some(Why::Widened),
        Agreement::Other => return Some(Why::ReadingDisagrees),
    }
    (!same_value(value, old.value.as_ref())).then_some(Why::ValueChanged)
}

/// `old`'s answers renewed from the new reading in `documents`.
pub fn renew(old: &Vendor, documents: &NewDocuments) -> Renewal {
    let mut out = Renewal::default();
    for drafted in &documents.draft.answers {
        let new = &drafted.answer;
        let control = new.control.clone();
        let Some(was) = old.answers.iter().find(|a| a.control == new.control) else {
            out.answers.push(new.clone());
            continue;
        };
        if quotes_replies(old, was) {
            out.replies.push(control.into_owned());
            out.answers.push(was.clone());
            continue;
        }
        if was.draft {
            out.refreshed.push(control.into_owned());
            let previous = was.previous.as_deref().cloned();
            // A draft to re-check (it re-proposes what it said before) whose quotes still stand
            // stays one: drafting it from the new reading would list a change the documents
            // did not make.
            let standing = !was.quotes.is_empty() && was.quotes.iter().all(|q| documents.holds(q));
            out.answers.push(match previous {
                Some(previous) if standing && !crate::changes::differs_from_previous(was) => {
                    recheck(was, new, documents, previous)
                }
                previous => redraft(new, previous, was.note.as_ref()),
            });
            continue;
        }
        match why_not_kept(was, new, documents) {
            None => {
                out.kept.push(control.into_owned());
                let mut kept = was.clone();
                kept.quotes = was.quotes.iter().map(|q| documents.cite(q)).collect();
                out.answers.push(kept);
            }
            Some(why) => {
                if was.status == Status::NotStated {
                    out.newly_answered.push(control.into_owned());
                } else {
                    out.redrafted.push((control.into_owned(), why));
                }
                let previous = previous_of(old, was);
                out.answers.push(match why {
                    Why::Widened => widen(recheck(was, new, documents, previous), new),
                    Why::QuoteGone => {
                        let mut draft = redraft(new, Some(previous), was.note.as_ref());
                        keep_standing_quotes(&mut draft, was, documents);
                        // The importer never reads yes or no: the reviewer's stays proposed.
                        if draft.polarity.is_none() && draft.status != Status::NotStated {
                            draft.polarity = was.polarity;
                        }
                        draft
                    }
                    Why::ReadingDisagrees | Why::ValueChanged => {
                        recheck(was, new, documents, previous)
                    }
                });
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "renew_tests.rs"]
mod tests;
