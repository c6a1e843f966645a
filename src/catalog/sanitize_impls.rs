//! [`Sanitize`] for the catalogue's types: which fields are one line and which are prose.

use super::{
    Answer, Category, Control, ControlsFile, Document, Quote, Text, Value, VendorFile, VendorInfo,
};
use crate::sanitize::{line_in_place, text_in_place, Sanitize};

/// A [`Text`] of prose: line breaks kept.
impl Sanitize for Text {
    fn sanitize(&mut self) {
        text_in_place(&mut self.en);
        if let Some(ja) = &mut self.ja {
            text_in_place(ja);
        }
    }
}

/// A [`Text`] that is a name or title: one line.
fn title(t: &mut Text) {
    line_in_place(&mut t.en);
    if let Some(ja) = &mut t.ja {
        line_in_place(ja);
    }
}

fn opt_line(s: &mut Option<String>) {
    if let Some(s) = s {
        line_in_place(s);
    }
}

impl Sanitize for ControlsFile {
    fn sanitize(&mut self) {
        self.categories.sanitize();
    }
}

impl Sanitize for Category {
    fn sanitize(&mut self) {
        line_in_place(&mut self.id);
        title(&mut self.title);
        self.controls.sanitize();
    }
}

impl Sanitize for Control {
    fn sanitize(&mut self) {
        line_in_place(&mut self.id);
        title(&mut self.title);
        self.question.sanitize();
        let crosswalk = &mut self.crosswalk;
        for id in [
            &mut crosswalk.iso27017,
            &mut crosswalk.iso27002,
            &mut crosswalk.meti,
        ]
        .into_iter()
        .flatten()
        {
            line_in_place(id);
        }
    }
}

impl Sanitize for VendorFile {
    fn sanitize(&mut self) {
        self.vendor.sanitize();
        self.documents.sanitize();
        self.answers.sanitize();
    }
}

impl Sanitize for VendorInfo {
    fn sanitize(&mut self) {
        line_in_place(&mut self.id);
        title(&mut self.name);
        if let Some(short) = &mut self.short_name {
            title(short);
        }
        opt_line(&mut self.products);
        self.note.sanitize();
        opt_line(&mut self.assessed);
    }
}

impl Sanitize for Document {
    fn sanitize(&mut self) {
        line_in_place(&mut self.id);
        line_in_place(&mut self.title);
        opt_line(&mut self.version);
        opt_line(&mut self.date);
        line_in_place(&mut self.source);
    }
}

impl Sanitize for Answer {
    fn sanitize(&mut self) {
        line_in_place(&mut self.control);
        self.summary.sanitize();
        self.value.sanitize();
        self.note.sanitize();
        self.quotes.sanitize();
        self.candidates.sanitize();
        self.conflicts.sanitize();
        if let Some(previous) = &mut self.previous {
            previous.sanitize();
        }
    }
}

impl Sanitize for super::PreviousAnswer {
    fn sanitize(&mut self) {
        self.summary.sanitize();
        self.value.sanitize();
        if let Some(from) = &mut self.from {
            line_in_place(from);
        }
        for quote in &mut self.quotes {
            line_in_place(&mut quote.document);
            line_in_place(&mut quote.section);
            text_in_place(&mut quote.text);
        }
    }
}

impl Sanitize for super::Conflict {
    fn sanitize(&mut self) {
        use super::Conflict;
        match self {
            Conflict::SummaryEn { ours, theirs } | Conflict::SummaryJa { ours, theirs } => {
                for side in [ours, theirs].into_iter().flatten() {
                    text_in_place(side);
                }
            }
            Conflict::Value { ours, theirs } => {
                ours.sanitize();
                theirs.sanitize();
            }
            Conflict::Note { ours, theirs } => {
                ours.sanitize();
                theirs.sanitize();
            }
            Conflict::Status { .. } | Conflict::Polarity { .. } | Conflict::Draft { .. } => {}
        }
    }
}

impl Sanitize for super::Candidate {
    fn sanitize(&mut self) {
        line_in_place(&mut self.document);
        line_in_place(&mut self.section);
        text_in_place(&mut self.text);
        if let Some(context) = &mut self.context {
            text_in_place(context);
        }
        self.value.sanitize();
    }
}

impl Sanitize for Quote {
    fn sanitize(&mut self) {
        line_in_place(&mut self.document);
        line_in_place(&mut self.section);
        text_in_place(&mut self.text);
        if let Some(context) = &mut self.context {
            text_in_place(context);
        }
    }
}

impl Sanitize for Value {
    fn sanitize(&mut self) {
        match self {
            Value::List { items } => items.iter_mut().for_each(line_in_place),
            Value::ServiceHours { text, exceptions } => {
                title(text);
                if let Some(x) = exceptions {
                    title(x);
                }
            }
            Value::CalendarRule { rule } => title(rule),
            Value::Count { of, also, .. } => {
                if let Some(of) = of {
                    title(of);
                }
                for series in also {
                    if let Some(of) = &mut series.of {
                        title(of);
                    }
                }
            }
            Value::Duration { .. }
            | Value::Interval { .. }
            | Value::Percentage { .. }
            | Value::Indefinite => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Series;

    #[test]
    fn what_a_series_counts_is_made_harmless_too() {
        let hostile = || {
            Some(Text {
                en: "data\u{1b}[31m part".into(),
                ja: Some("データ\u{202e}部分".into()),
            })
        };
        let mut value = Value::Count {
            amount: 15.0,
            unit: crate::catalog::CountUnit::Generations,
            schedule: None,
            of: hostile(),
            also: vec![Series {
                amount: 36.0,
                schedule: None,
                of: hostile(),
            }],
        };
        value.sanitize();
        let Value::Count { of, also, .. } = &value else {
            unreachable!()
        };
        for text in [of.as_ref().unwrap(), also[0].of.as_ref().unwrap()] {
            assert!(!text.en.contains('\u{1b}'), "{text:?}");
            assert!(
                !text.ja.as_deref().unwrap().contains('\u{202e}'),
                "{text:?}"
            );
        }
    }
}
