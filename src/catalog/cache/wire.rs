//! The cache's own mirror of a vendor, for postcard. The model's serde attributes serve the
//! YAML files (optional fields left out when empty, `value` tagged by its `kind`), and a
//! format without field names cannot read those back: every field is written here, in order,
//! and enums by their position. Only the cache uses these types.

use super::super::model::{
    Answer, Candidate, Conflict, CountUnit, Document, Origin, PercentUnit, Quote, Series, Status,
    Text, TimeUnit, Value, Vendor, VendorInfo, VendorWords,
};
use super::super::quantity::{Polarity, Schedule, Since};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub(super) struct WireVendor {
    info: WireInfo,
    documents: Vec<WireDocument>,
    answers: Vec<WireAnswer>,
    origin: WireOrigin,
}

#[derive(Serialize, Deserialize)]
struct WireText(String, Option<String>);

#[derive(Serialize, Deserialize)]
struct WireInfo {
    id: String,
    name: WireText,
    short_name: Option<WireText>,
    products: Option<String>,
    note: Option<WireText>,
    assessed: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct WireDocument {
    id: String,
    title: String,
    version: Option<String>,
    date: Option<String>,
    source: String,
}

#[derive(Serialize, Deserialize)]
struct WireAnswer {
    control: String,
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
    /// As JSON: rare (only beside drafts of an update), and self-describing.
    previous: Option<String>,
}

#[derive(Serialize, Deserialize)]
enum WireConflict {
    Status(Status, Status),
    Polarity(Option<Polarity>, Option<Polarity>),
    SummaryEn(Option<String>, Option<String>),
    SummaryJa(Option<String>, Option<String>),
    Value(Option<WireValue>, Option<WireValue>),
    Note(Option<WireText>, Option<WireText>),
    Draft(bool, bool),
}

#[derive(Serialize, Deserialize)]
struct WireQuote(String, String, String, Option<String>);

#[derive(Serialize, Deserialize)]
struct WireCandidate(
    String,
    String,
    String,
    f64,
    Option<String>,
    Option<WireValue>,
);

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
    List(Vec<String>),
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

impl From<&Vendor> for WireVendor {
    fn from(v: &Vendor) -> WireVendor {
        WireVendor {
            info: WireInfo {
                id: v.info.id.clone(),
                name: (&v.info.name).into(),
                short_name: v.info.short_name.as_ref().map(WireText::from),
                products: v.info.products.clone(),
                note: v.info.note.as_ref().map(WireText::from),
                assessed: v.info.assessed.clone(),
            },
            documents: v.documents.iter().map(WireDocument::from).collect(),
            answers: v.answers.iter().map(WireAnswer::from).collect(),
            origin: match v.origin {
                Origin::Embedded => WireOrigin::Embedded,
                Origin::Directory => WireOrigin::Directory,
                Origin::User => WireOrigin::User,
            },
        }
    }
}

impl From<WireVendor> for Vendor {
    fn from(v: WireVendor) -> Vendor {
        Vendor {
            info: VendorInfo {
                id: v.info.id,
                name: v.info.name.into(),
                short_name: v.info.short_name.map(Text::from),
                products: v.info.products,
                note: v.info.note.map(Text::from),
                assessed: v.info.assessed,
            },
            documents: v.documents.into_iter().map(Document::from).collect(),
            answers: v.answers.into_iter().map(Answer::from).collect(),
            origin: match v.origin {
                WireOrigin::Embedded => Origin::Embedded,
                WireOrigin::Directory => Origin::Directory,
                WireOrigin::User => Origin::User,
            },
        }
    }
}

impl From<&Text> for WireText {
    fn from(t: &Text) -> WireText {
        WireText(t.en.clone(), t.ja.clone())
    }
}

impl From<WireText> for Text {
    fn from(WireText(en, ja): WireText) -> Text {
        Text { en, ja }
    }
}

impl From<&Document> for WireDocument {
    fn from(d: &Document) -> WireDocument {
        WireDocument {
            id: d.id.clone(),
            title: d.title.clone(),
            version: d.version.clone(),
            date: d.date.clone(),
            source: d.source.clone(),
        }
    }
}

impl From<WireDocument> for Document {
    fn from(d: WireDocument) -> Document {
        Document {
            id: d.id,
            title: d.title,
            version: d.version,
            date: d.date,
            source: d.source,
        }
    }
}

impl From<&Answer> for WireAnswer {
    fn from(a: &Answer) -> WireAnswer {
        WireAnswer {
            control: a.control.clone(),
            status: a.status,
            polarity: a.polarity,
            summary: a.summary.as_ref().map(WireText::from),
            vendor_words: a.vendor_words,
            value: a.value.as_ref().map(WireValue::from),
            note: a.note.as_ref().map(WireText::from),
            quotes: a
                .quotes
                .iter()
                .map(|q| {
                    WireQuote(
                        q.document.clone(),
                        q.section.clone(),
                        q.text.clone(),
                        q.context.clone(),
                    )
                })
                .collect(),
            draft: a.draft,
            candidates: a
                .candidates
                .iter()
                .map(|c| {
                    WireCandidate(
                        c.document.clone(),
                        c.section.clone(),
                        c.text.clone(),
                        c.score,
                        c.context.clone(),
                        c.value.as_ref().map(WireValue::from),
                    )
                })
                .collect(),
            conflicts: a.conflicts.iter().map(WireConflict::from).collect(),
            previous: a
                .previous
                .as_ref()
                .map(|p| serde_json::to_string(p).expect("a previous answer has string keys only")),
        }
    }
}

impl From<WireAnswer> for Answer {
    fn from(a: WireAnswer) -> Answer {
        Answer {
            control: a.control,
            status: a.status,
            polarity: a.polarity,
            summary: a.summary.map(Text::from),
            vendor_words: a.vendor_words,
            value: a.value.map(Value::from),
            note: a.note.map(Text::from),
            // Collected from an exact-size iterator: no spare capacity kept per answer.
            quotes: a
                .quotes
                .into_iter()
                .map(|WireQuote(document, section, text, context)| Quote {
                    document,
                    section,
                    text,
                    context,
                })
                .collect(),
            draft: a.draft,
            candidates: a
                .candidates
                .into_iter()
                .map(
                    |WireCandidate(document, section, text, score, context, value)| Candidate {
                        document,
                        section,
                        text,
                        score,
                        context,
                        value: value.map(Value::from),
                    },
                )
                .collect(),
            conflicts: a.conflicts.into_iter().map(Conflict::from).collect(),
            // Written by `From<&Answer>` above, so it reads back; a damaged cache is caught by
            // its checksum before this.
            previous: a.previous.and_then(|json| serde_json::from_str(&json).ok()),
        }
    }
}

impl From<&Conflict> for WireConflict {
    fn from(c: &Conflict) -> WireConflict {
        let value = |v: &Option<Value>| v.as_ref().map(WireValue::from);
        let text = |t: &Option<Text>| t.as_ref().map(WireText::from);
        match c {
            Conflict::Status { ours, theirs } => WireConflict::Status(*ours, *theirs),
            Conflict::Polarity { ours, theirs } => WireConflict::Polarity(*ours, *theirs),
            Conflict::SummaryEn { ours, theirs } => {
                WireConflict::SummaryEn(ours.clone(), theirs.clone())
            }
            Conflict::SummaryJa { ours, theirs } => {
                WireConflict::SummaryJa(ours.clone(), theirs.clone())
            }
            Conflict::Value { ours, theirs } => WireConflict::Value(value(ours), value(theirs)),
            Conflict::Note { ours, theirs } => WireConflict::Note(text(ours), text(theirs)),
            Conflict::Draft { ours, theirs } => WireConflict::Draft(*ours, *theirs),
        }
    }
}

impl From<WireConflict> for Conflict {
    fn from(c: WireConflict) -> Conflict {
        match c {
            WireConflict::Status(ours, theirs) => Conflict::Status { ours, theirs },
            WireConflict::Polarity(ours, theirs) => Conflict::Polarity { ours, theirs },
            WireConflict::SummaryEn(ours, theirs) => Conflict::SummaryEn { ours, theirs },
            WireConflict::SummaryJa(ours, theirs) => Conflict::SummaryJa { ours, theirs },
            WireConflict::Value(ours, theirs) => Conflict::Value {
                ours: ours.map(Value::from),
                theirs: theirs.map(Value::from),
            },
            WireConflict::Note(ours, theirs) => Conflict::Note {
                ours: ours.map(Text::from),
                theirs: theirs.map(Text::from),
            },
            WireConflict::Draft(ours, theirs) => Conflict::Draft { ours, theirs },
        }
    }
}

impl From<&Value> for WireValue {
    fn from(v: &Value) -> WireValue {
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
                of.as_ref().map(WireText::from),
                also.iter()
                    .map(|s| WireSeries(s.amount, s.schedule, s.of.as_ref().map(WireText::from)))
                    .collect(),
            ),
            Value::Percentage { amount, unit } => WireValue::Percentage(*amount, *unit),
            Value::List { items } => WireValue::List(items.clone()),
            Value::ServiceHours { text, exceptions } => {
                WireValue::ServiceHours(text.into(), exceptions.as_ref().map(WireText::from))
            }
            Value::Indefinite => WireValue::Indefinite,
            Value::CalendarRule { rule } => WireValue::CalendarRule(rule.into()),
        }
    }
}

impl From<WireValue> for Value {
    fn from(v: WireValue) -> Value {
        match v {
            WireValue::Duration(amount, unit, from) => Value::Duration { amount, unit, from },
            WireValue::Interval(amount, unit) => Value::Interval { amount, unit },
            WireValue::Count(amount, unit, schedule, of, also) => Value::Count {
                amount,
                unit,
                schedule,
                of: of.map(Text::from),
                also: also
                    .into_iter()
                    .map(|WireSeries(amount, schedule, of)| Series {
                        amount,
                        schedule,
                        of: of.map(Text::from),
                    })
                    .collect(),
            },
            WireValue::Percentage(amount, unit) => Value::Percentage { amount, unit },
            WireValue::List(items) => Value::List { items },
            WireValue::ServiceHours(text, exceptions) => Value::ServiceHours {
                text: text.into(),
                exceptions: exceptions.map(Text::from),
            },
            WireValue::Indefinite => Value::Indefinite,
            WireValue::CalendarRule(rule) => Value::CalendarRule { rule: rule.into() },
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
            let bytes = postcard::to_allocvec(&WireValue::from(&value)).unwrap();
            let back: WireValue = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(Value::from(back), value);
        }
    }

    #[test]
    fn a_previous_answer_comes_back_from_the_cache() {
        let yaml = "control: c\nstatus: stated\ndraft: true\nprevious:\n  status: stated\n  \
                    value: {kind: duration, amount: 30, unit: days}\n  from: 第3版\n  quotes:\n  \
                    - {document: ガイドライン, section: '5', text: 30日で削除します。}\n";
        let answer: Answer = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(answer.previous.as_ref().unwrap().quotes.len(), 1);
        let bytes = postcard::to_allocvec(&WireAnswer::from(&answer)).unwrap();
        let back: WireAnswer = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(Answer::from(back), answer);
    }
}
