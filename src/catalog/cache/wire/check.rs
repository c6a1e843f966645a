//! Checking a mirror's answers without reading them: every span a string of the block, every
//! previous answer JSON that reads back. A record whose answers pass is decoded later (on first
//! use) from the same bytes, so that decoding cannot meet what this did not check.

use super::{
    Blob, Span, WireAnswer, WireCandidate, WireConflict, WireQuote, WireSeries, WireText, WireValue,
};
use crate::catalog::answers::Counts;
use crate::catalog::model::PreviousAnswer;

impl Blob<'_> {
    fn check(&self, span: Span) {
        let text = self.text();
        self.slice(text, span);
    }
    fn check_opt(&self, span: Option<Span>) {
        if let Some(span) = span {
            self.check(span);
        }
    }
}

/// Checks `answers` against `blob` (see [`Blob::all_spans_held`]) and counts them.
pub(in crate::catalog::cache) fn check_answers(answers: &[WireAnswer], blob: &Blob) -> Counts {
    for a in answers {
        a.check(blob);
    }
    Counts {
        answers: answers.len(),
        drafts: answers.iter().filter(|a| a.draft).count(),
    }
}

impl WireText {
    fn check(&self, blob: &Blob) {
        blob.check(self.0);
        blob.check_opt(self.1);
    }
}

fn check_text_opt(t: &Option<WireText>, blob: &Blob) {
    if let Some(t) = t {
        t.check(blob);
    }
}

impl WireAnswer {
    fn check(&self, blob: &Blob) {
        // Every field named: a field added to the mirror is a compile error here until checked.
        let WireAnswer {
            control,
            status: _,
            polarity: _,
            summary,
            vendor_words: _,
            value,
            note,
            quotes,
            draft: _,
            candidates,
            conflicts,
            previous,
        } = self;
        blob.check(*control);
        check_text_opt(summary, blob);
        if let Some(v) = value {
            v.check(blob);
        }
        check_text_opt(note, blob);
        for WireQuote(document, section, text, context) in quotes {
            blob.check(*document);
            blob.check(*section);
            blob.check(*text);
            blob.check_opt(*context);
        }
        for WireCandidate(document, section, text, _, context, value) in candidates {
            blob.check(*document);
            blob.check(*section);
            blob.check(*text);
            blob.check_opt(*context);
            if let Some(v) = value {
                v.check(blob);
            }
        }
        for c in conflicts {
            c.check(blob);
        }
        if let Some(json) = previous {
            let text = blob.text();
            let read = serde_json::from_str::<PreviousAnswer>(blob.slice(text, *json)).is_ok();
            blob.bad.set(blob.bad.get() || !read);
        }
    }
}

impl WireConflict {
    fn check(&self, blob: &Blob) {
        match self {
            WireConflict::Status(..) | WireConflict::Polarity(..) | WireConflict::Draft(..) => {}
            WireConflict::SummaryEn(ours, theirs) | WireConflict::SummaryJa(ours, theirs) => {
                blob.check_opt(*ours);
                blob.check_opt(*theirs);
            }
            WireConflict::Value(ours, theirs) => {
                for v in [ours, theirs].into_iter().flatten() {
                    v.check(blob);
                }
            }
            WireConflict::Note(ours, theirs) => {
                check_text_opt(ours, blob);
                check_text_opt(theirs, blob);
            }
        }
    }
}

impl WireValue {
    fn check(&self, blob: &Blob) {
        match self {
            WireValue::Duration(..)
            | WireValue::Interval(..)
            | WireValue::Percentage(..)
            | WireValue::Indefinite => {}
            WireValue::Count(_, _, _, of, also) => {
                check_text_opt(of, blob);
                for WireSeries(_, _, of) in also {
                    check_text_opt(of, blob);
                }
            }
            WireValue::List(items) => {
                for &i in items {
                    blob.check(i);
                }
            }
            WireValue::ServiceHours(text, exceptions) => {
                text.check(blob);
                check_text_opt(exceptions, blob);
            }
            WireValue::CalendarRule(rule) => rule.check(blob),
        }
    }
}
