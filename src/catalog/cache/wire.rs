//! The cache's own mirror of a vendor, for postcard. The model's serde attributes serve the
//! YAML files (optional fields left out when empty, `value` tagged by its `kind`), and a
//! format without field names cannot read those back: every field is written here, in order,
//! and enums by their position. Only the cache uses these types.
//!
//! No string is written inside the mirror: each is a [`Span`] of the vendor's one block of text
//! ([`Strings`] on writing, [`Blob`] on reading), so that reading checks a vendor's text at
//! once (UTF-8, nothing to sanitize) instead of string by string, the strings of answers and
//! texts can borrow from it where it lies, and a string repeated in a vendor (a document's id
//! in each quote) is written once.

use super::super::answers::Answers;
use super::super::model::{
    Answer, Candidate, Conflict, CountUnit, Document, Origin, PercentUnit, Quote, Series, Status,
    Str, Text, TimeUnit, Value, Vendor, VendorInfo, VendorWords,
};
use super::super::quantity::{Polarity, Schedule, Since};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

mod check;
pub(super) use check::check_answers;

/// Where a string stands in its vendor's block of text: start and length in bytes.
#[derive(Clone, Copy, Serialize, Deserialize)]
pub(super) struct Span(u32, u32);

/// A vendor's block of text as it is written: each distinct string once.
#[derive(Default)]
pub(super) struct Strings<'a> {
    text: String,
    seen: HashMap<&'a str, Span>,
    too_long: bool,
}

impl<'a> Strings<'a> {
    fn put(&mut self, s: &'a str) -> Span {
        if let Some(&span) = self.seen.get(s) {
            return span;
        }
        let span = self.push(s);
        self.seen.insert(s, span);
        span
    }
    /// Appends `s` without remembering it (it does not live as long as the vendor).
    fn push(&mut self, s: &str) -> Span {
        let (Ok(start), Ok(len)) = (u32::try_from(self.text.len()), u32::try_from(s.len())) else {
            self.too_long = true;
            return Span(0, 0);
        };
        self.text.push_str(s);
        Span(start, len)
    }
    fn put_opt(&mut self, s: Option<&'a str>) -> Option<Span> {
        s.map(|s| self.put(s))
    }
    /// The block, or `None` if it outgrew a span's reach (4 GiB).
    pub(super) fn into_text(self) -> Option<String> {
        (!self.too_long).then_some(self.text)
    }
}

/// A vendor's block of text as it is read: already checked to be UTF-8. A span out of its
/// bounds or cutting a character is remembered, and the vendor read from it refused.
pub(super) struct Blob<'b> {
    text: BlobText<'b>,
    bad: Cell<bool>,
}

enum BlobText<'b> {
    /// Mapped for the rest of the process: the model's [`Str`]s borrow from it.
    Lasting(&'static str),
    /// Gone after reading (a mapping not kept, a test's bytes): strings are copied out of it.
    Passing(&'b str),
}

impl<'b> Blob<'b> {
    /// A block whose strings are copied.
    pub(super) fn new(text: &'b str) -> Blob<'b> {
        Blob {
            text: BlobText::Passing(text),
            bad: Cell::new(false),
        }
    }
    /// A block that outlives every vendor read from it, which borrows its strings.
    pub(super) fn lasting(text: &'static str) -> Blob<'static> {
        Blob {
            text: BlobText::Lasting(text),
            bad: Cell::new(false),
        }
    }
    fn slice<'s>(&self, text: &'s str, Span(start, len): Span) -> &'s str {
        let (start, len) = (start as usize, len as usize);
        text.get(start..start.saturating_add(len))
            .unwrap_or_else(|| {
                self.bad.set(true);
                ""
            })
    }
    fn text(&self) -> &'b str {
        match self.text {
            BlobText::Lasting(text) => text,
            BlobText::Passing(text) => text,
        }
    }
    fn get(&self, span: Span) -> String {
        match self.text {
            BlobText::Lasting(text) => self.slice(text, span).to_owned(),
            BlobText::Passing(text) => self.slice(text, span).to_owned(),
        }
    }
    fn get_opt(&self, span: Option<Span>) -> Option<String> {
        span.map(|s| self.get(s))
    }
    /// A string of the answers and texts: borrowed from a lasting block, else copied.
    fn str(&self, span: Span) -> Str {
        match self.text {
            BlobText::Lasting(text) => Cow::Borrowed(self.slice(text, span)),
            BlobText::Passing(text) => Cow::Owned(self.slice(text, span).to_owned()),
        }
    }
    fn str_opt(&self, span: Option<Span>) -> Option<Str> {
        span.map(|s| self.str(s))
    }
    /// Whether every span read so far was a string of the block.
    pub(super) fn all_spans_held(&self) -> bool {
        !self.bad.get()
    }
}

/// A vendor's mirror, in two parts written one after the other: its head, read at once, and
/// its answers, which a vendor read in place decodes on first use ([`crate::catalog::answers`]).
pub(super) struct WireVendor {
    pub(super) head: WireHead,
    pub(super) answers: Vec<WireAnswer>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct WireHead {
    info: WireInfo,
    documents: Vec<WireDocument>,
    origin: WireOrigin,
}

#[derive(Serialize, Deserialize)]
struct WireText(Span, Option<Span>);

#[derive(Serialize, Deserialize)]
struct WireInfo {
    id: Span,
    name: WireText,
    short_name: Option<WireText>,
    products: Option<Span>,
    note: Option<WireText>,
    assessed: Option<Span>,
}

#[derive(Serialize, Deserialize)]
struct WireDocument {
    id: Span,
    title: Span,
    version: Option<Span>,
    date: Option<Span>,
    source: Span,
}

#[derive(Serialize, Deserialize)]
pub(super) struct WireAnswer {
    control: Span,
    status: Status,
    polarity: Option<Polarity>,
    summary: Option<WireText>,
    vendor_words: Option<VendorWords>,
    value: Option<WireValue>,
    note: Option<WireText>,
    quotes: Vec<WireQuote>,
    draft: bool,
    candidates: Vec<WireCandidate>,
    conflicts: Vec<WireConflict>,
    /// As JSON: rare (only beside drafts of an update), and self-describing. JSON escapes can
    /// spell any character, so what it holds is sanitized after reading, whatever the block.
    previous: Option<Span>,
}

#[derive(Serialize, Deserialize)]
enum WireConflict {
    Status(Status, Status),
    Polarity(Option<Polarity>, Option<Polarity>),
    SummaryEn(Option<Span>, Option<Span>),
    SummaryJa(Option<Span>, Option<Span>),
    Value(Option<WireValue>, Option<WireValue>),
    Note(Option<WireText>, Option<WireText>),
    Draft(bool, bool),
}

#[derive(Serialize, Deserialize)]
struct WireQuote(Span, Span, Span, Option<Span>);

#[derive(Serialize, Deserialize)]
struct WireCandidate(Span, Span, Span, f64, Option<Span>, Option<WireValue>);

#[derive(Serialize, Deserialize)]
enum WireValue {
    Duration(f64, TimeUnit, Option<Since>),
    Interval(f64, TimeUnit),
    Count(
        f64,
        CountUnit,
        Option<Schedule>,
        Option<WireText>,
        Vec<WireSeries>,
    ),
    Percentage(f64, PercentUnit),
    List(Vec<Span>),
    ServiceHours(WireText, Option<WireText>),
    Indefinite,
    CalendarRule(WireText),
}

#[derive(Serialize, Deserialize)]
struct WireSeries(f64, Option<Schedule>, Option<WireText>);

#[derive(Clone, Copy, Serialize, Deserialize)]
enum WireOrigin {
    Embedded,
    Directory,
    User,
}

impl WireVendor {
    /// `v`'s mirror, its strings put in `out`.
    pub(super) fn new<'a>(v: &'a Vendor, out: &mut Strings<'a>) -> WireVendor {
        let head = WireHead {
            info: WireInfo {
                id: out.put(&v.info.id),
                name: WireText::new(&v.info.name, out),
                short_name: v.info.short_name.as_ref().map(|t| WireText::new(t, out)),
                products: out.put_opt(v.info.products.as_deref()),
                note: v.info.note.as_ref().map(|t| WireText::new(t, out)),
                assessed: out.put_opt(v.info.assessed.as_deref()),
            },
            documents: v
                .documents
                .iter()
                .map(|d| WireDocument {
                    id: out.put(&d.id),
                    title: out.put(&d.title),
                    version: out.put_opt(d.version.as_deref()),
                    date: out.put_opt(d.date.as_deref()),
                    source: out.put(&d.source),
                })
                .collect(),
            origin: match v.origin {
                Origin::Embedded => WireOrigin::Embedded,
                Origin::Directory => WireOrigin::Directory,
                Origin::User => WireOrigin::User,
            },
        };
        let answers = v.answers.iter().map(|a| WireAnswer::new(a, out)).collect();
        WireVendor { head, answers }
    }
}

impl WireHead {
    /// The vendor with `answers`, its other strings taken from `blob` (see
    /// [`Blob::all_spans_held`]).
    pub(super) fn read(self, blob: &Blob, answers: Answers) -> Vendor {
        let WireHead {
            info,
            documents,
            origin,
        } = self;
        Vendor {
            info: VendorInfo {
                id: blob.get(info.id),
                name: info.name.read(blob),
                short_name: info.short_name.map(|t| t.read(blob)),
                products: blob.get_opt(info.products),
                note: info.note.map(|t| t.read(blob)),
                assessed: blob.get_opt(info.assessed),
            },
            documents: documents
                .into_iter()
                .map(|d| Document {
                    id: blob.get(d.id),
                    title: blob.get(d.title),
                    version: blob.get_opt(d.version),
                    date: blob.get_opt(d.date),
                    source: blob.get(d.source),
                })
                .collect(),
            answers,
            origin: match origin {
                WireOrigin::Embedded => Origin::Embedded,
                WireOrigin::Directory => Origin::Directory,
                WireOrigin::User => Origin::User,
            },
        }
    }
}

/// The answers of a mirror, their strings taken from `blob`.
pub(super) fn read_answers(answers: Vec<WireAnswer>, blob: &Blob) -> Vec<Answer> {
    answers.into_iter().map(|a| a.read(blob)).collect()
}

impl WireText {
    fn new<'a>(t: &'a Text, out: &mut Strings<'a>) -> WireText {
        WireText(out.put(&t.en), out.put_opt(t.ja.as_deref()))
    }
    fn read(self, blob: &Blob) -> Text {
        Text {
            en: blob.str(self.0),
            ja: blob.str_opt(self.1),
        }
    }
}

fn text_opt<'a>(t: &'a Option<Text>, out: &mut Strings<'a>) -> Option<WireText> {
    t.as_ref().map(|t| WireText::new(t, out))
}

fn read_text_opt(t: Option<WireText>, blob: &Blob) -> Option<Text> {
    t.map(|t| t.read(blob))
}

impl WireAnswer {
    fn new<'a>(a: &'a Answer, out: &mut Strings<'a>) -> WireAnswer {
        WireAnswer {
            control: out.put(&a.control),
            status: a.status,
            polarity: a.polarity,
            summary: text_opt(&a.summary, out),
            vendor_words: a.vendor_words,
            value: a.value.as_ref().map(|v| WireValue::new(v, out)),
            note: text_opt(&a.note, out),
            quotes: a
                .quotes
                .iter()
                .map(|q| {
                    WireQuote(
                        out.put(&q.document),
                        out.put(&q.section),
                        out.put(&q.text),
                        out.put_opt(q.context.as_deref()),
                    )
                })
                .collect(),
            draft: a.draft,
            candidates: a
                .candidates
                .iter()
                .map(|c| {
                    WireCandidate(
                        out.put(&c.document),
                        out.put(&c.section),
                        out.put(&c.text),
                        c.score,
                        out.put_opt(c.context.as_deref()),
                        c.value.as_ref().map(|v| WireValue::new(v, out)),
                    )
                })
                .collect(),
            conflicts: a
                .conflicts
                .iter()
                .map(|c| WireConflict::new(c, out))
                .collect(),
            previous: a.previous.as_ref().map(|p| {
                out.push(&serde_json::to_string(p).expect("a previous answer has string keys only"))
            }),
        }
    }

    fn read(self, blob: &Blob) -> Answer {
        Answer {
            control: blob.str(self.control),
            status: self.status,
            polarity: self.polarity,
            summary: read_text_opt(self.summary, blob),
            vendor_words: self.vendor_words,
            value: self.value.map(|v| v.read(blob)),
            note: read_text_opt(self.note, blob),
            // Collected from an exact-size iterator: no spare capacity kept per answer.
            quotes: self
                .quotes
                .into_iter()
                .map(|WireQuote(document, section, text, context)| Quote {
                    document: blob.str(document),
                    section: blob.str(section),
                    text: blob.str(text),
                    context: blob.str_opt(context),
                })
                .collect(),
            draft: self.draft,
            candidates: self
                .candidates
                .into_iter()
                .map(
                    |WireCandidate(document, section, text, score, context, value)| Candidate {
                        document: blob.str(document),
                        section: blob.str(section),
                        text: blob.str(text),
                        score,
                        context: blob.str_opt(context),
                        value: value.map(|v| v.read(blob)),
                    },
                )
                .collect(),
            conflicts: self.conflicts.into_iter().map(|c| c.read(blob)).collect(),
            previous: self.previous.and_then(|json| {
                let read = serde_json::from_str(&blob.get(json)).ok();
                // Written by `WireAnswer::new`: anything else is a tampered record.
                blob.bad.set(blob.bad.get() || read.is_none());
                read
            }),
        }
    }
}

impl WireConflict {
    fn new<'a>(c: &'a Conflict, out: &mut Strings<'a>) -> WireConflict {
        let value = |v: &'a Option<Value>, out: &mut Strings<'a>| {
            v.as_ref().map(|v| WireValue::new(v, out))
        };
        match c {
            Conflict::Status { ours, theirs } => WireConflict::Status(*ours, *theirs),
            Conflict::Polarity { ours, theirs } => WireConflict::Polarity(*ours, *theirs),
            Conflict::SummaryEn { ours, theirs } => WireConflict::SummaryEn(
                out.put_opt(ours.as_deref()),
                out.put_opt(theirs.as_deref()),
            ),
            Conflict::SummaryJa { ours, theirs } => WireConflict::SummaryJa(
                out.put_opt(ours.as_deref()),
                out.put_opt(theirs.as_deref()),
            ),
            Conflict::Value { ours, theirs } => {
                WireConflict::Value(value(ours, out), value(theirs, out))
            }
            Conflict::Note { ours, theirs } => {
                WireConflict::Note(text_opt(ours, out), text_opt(theirs, out))
            }
            Conflict::Draft { ours, theirs } => WireConflict::Draft(*ours, *theirs),
        }
    }

    fn read(self, blob: &Blob) -> Conflict {
        match self {
            WireConflict::Status(ours, theirs) => Conflict::Status { ours, theirs },
            WireConflict::Polarity(ours, theirs) => Conflict::Polarity { ours, theirs },
            WireConflict::SummaryEn(ours, theirs) => Conflict::SummaryEn {
                ours: blob.get_opt(ours),
                theirs: blob.get_opt(theirs),
            },
            WireConflict::SummaryJa(ours, theirs) => Conflict::SummaryJa {
                ours: blob.get_opt(ours),
                theirs: blob.get_opt(theirs),
            },
            WireConflict::Value(ours, theirs) => Conflict::Value {
                ours: ours.map(|v| v.read(blob)),
                theirs: theirs.map(|v| v.read(blob)),
            },
            WireConflict::Note(ours, theirs) => Conflict::Note {
                ours: read_text_opt(ours, blob),
                theirs: read_text_opt(theirs, blob),
            },
            WireConflict::Draft(ours, theirs) => Conflict::Draft { ours, theirs },
        }
    }
}

impl WireValue {
    fn new<'a>(v: &'a Value, out: &mut Strings<'a>) -> WireValue {
        match v {
            Value::Duration { amount, unit, from } => WireValue::Duration(*amount, *unit, *from),
            Value::Interval { amount, unit } => WireValue::Interval(*amount, *unit),
            Value::Count {
                amount,
                unit,
                schedule,
                of,
                also,
            } => WireValue::Count(
                *amount,
                *unit,
                *schedule,
                text_opt(of, out),
                also.iter()
                    .map(|s| WireSeries(s.amount, s.schedule, text_opt(&s.of, out)))
                    .collect(),
            ),
            Value::Percentage { amount, unit } => WireValue::Percentage(*amount, *unit),
            Value::List { items } => WireValue::List(items.iter().map(|i| out.put(i)).collect()),
            Value::ServiceHours { text, exceptions } => {
                WireValue::ServiceHours(WireText::new(text, out), text_opt(exceptions, out))
            }
            Value::Indefinite => WireValue::Indefinite,
            Value::CalendarRule { rule } => WireValue::CalendarRule(WireText::new(rule, out)),
        }
    }

    fn read(self, blob: &Blob) -> Value {
        match self {
            WireValue::Duration(amount, unit, from) => Value::Duration { amount, unit, from },
            WireValue::Interval(amount, unit) => Value::Interval { amount, unit },
            WireValue::Count(amount, unit, schedule, of, also) => Value::Count {
                amount,
                unit,
                schedule,
                of: read_text_opt(of, blob),
                also: also
                    .into_iter()
                    .map(|WireSeries(amount, schedule, of)| Series {
                        amount,
                        schedule,
                        of: read_text_opt(of, blob),
                    })
                    .collect(),
            },
            WireValue::Percentage(amount, unit) => Value::Percentage { amount, unit },
            WireValue::List(items) => Value::List {
                items: items.into_iter().map(|i| blob.get(i)).collect(),
            },
            WireValue::ServiceHours(text, exceptions) => Value::ServiceHours {
                text: text.read(blob),
                exceptions: read_text_opt(exceptions, blob),
            },
            WireValue::Indefinite => Value::Indefinite,
            WireValue::CalendarRule(rule) => Value::CalendarRule {
                rule: rule.read(blob),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_days_and_their_schedules_come_back_from_the_cache() {
        let values = [
            Value::Duration {
                amount: 5.0,
                unit: TimeUnit::BusinessDays,
                from: Some(Since::Request),
            },
            Value::Interval {
                amount: 1.0,
                unit: TimeUnit::BusinessDays,
            },
            Value::generations(
                7.0,
                Some(Schedule {
                    every: 2,
                    unit: TimeUnit::BusinessDays,
                }),
            ),
        ];
        for value in values {
            let mut strings = Strings::default();
            let bytes = postcard::to_allocvec(&WireValue::new(&value, &mut strings)).unwrap();
            let text = strings.into_text().unwrap();
            let back: WireValue = postcard::from_bytes(&bytes).unwrap();
            let blob = Blob::new(&text);
            assert_eq!(back.read(&blob), value);
            assert!(blob.all_spans_held());
        }
    }

    #[test]
    fn a_previous_answer_comes_back_from_the_cache() {
        let yaml = "control: c\nstatus: stated\ndraft: true\nprevious:\n  status: stated\n  \
                    value: {kind: duration, amount: 30, unit: days}\n  from: 第3版\n  quotes:\n  \
                    - {document: ガイドライン, section: '5', text: 30日で削除します。}\n";
        let answer: Answer = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(answer.previous.as_ref().unwrap().quotes.len(), 1);
        let mut strings = Strings::default();
        let bytes = postcard::to_allocvec(&WireAnswer::new(&answer, &mut strings)).unwrap();
        let text = strings.into_text().unwrap();
        let back: WireAnswer = postcard::from_bytes(&bytes).unwrap();
        let blob = Blob::new(&text);
        assert_eq!(back.read(&blob), answer);
        assert!(blob.all_spans_held());
    }

    #[test]
    fn a_string_repeated_in_a_vendor_is_written_once_and_a_span_outside_is_refused() {
        let yaml = "control: c\nstatus: stated\nquotes:\n\
                    - {document: guide, section: '5', text: 30日で削除します。}\n\
                    - {document: guide, section: '6', text: 30日で削除します。}\n";
        let answer: Answer = serde_yaml::from_str(yaml).unwrap();
        let mut strings = Strings::default();
        let mirror = WireAnswer::new(&answer, &mut strings);
        assert_eq!(strings.into_text().unwrap(), "cguide530日で削除します。6");
        let blob = Blob::new("cguide530日で");
        check_answers(std::slice::from_ref(&mirror), &blob);
        assert!(!blob.all_spans_held(), "the check finds it before reading");
        let blob = Blob::new("cguide530日で");
        mirror.read(&blob);
        assert!(!blob.all_spans_held());
        // A span cutting a character is refused as well.
        let blob = Blob::new("cguide5３0日で削除します。6");
        let mirror = WireAnswer::new(&answer, &mut Strings::default());
        check_answers(std::slice::from_ref(&mirror), &blob);
        assert!(!blob.all_spans_held(), "the check finds it before reading");
        // Whole, it passes.
        let blob = Blob::new("cguide530日で削除します。6");
        check_answers(std::slice::from_ref(&mirror), &blob);
        assert!(blob.all_spans_held());
        let blob = Blob::new("cguide5３0日で削除します。6");
        mirror.read(&blob);
        assert!(!blob.all_spans_held());
    }
}
