//! What the `d` filter and the workbook's 差異 / Differences column compare: among the shown
//! vendors that state something, their status (stated or partial), their polarity (yes, no,
//! conditional) and their value (with what a duration counts from). Wording is never
//! compared: two summaries of the same fact always read differently. A vendor that states
//! nothing (what `s` finds) or a draft shown masked offers nothing to compare and is left out.

use super::Answered;
use crate::catalog::{Lang, Status, Value};
use crate::values::same_quantity;
use crate::words::{self, SheetWord};

/// What differs among the shown vendors' answers to a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Differences {
    /// Two answers state values that are not the same (60 minutes and 1 hour are the same).
    pub value: bool,
    /// One answer is stated, another partial.
    pub status: bool,
    /// One answer says yes, another no or conditional.
    pub polarity: bool,
}

impl Differences {
    pub fn any(self) -> bool {
        self.value || self.status || self.polarity
    }

    /// "value / status" / "値 / 記載状況": what differs, for the workbook's 差異 column; empty
    /// where nothing does.
    pub fn words(self, lang: Lang) -> String {
        [
            (self.value, SheetWord::ValueDiffers),
            (self.status, SheetWord::StatusDiffers),
            (self.polarity, SheetWord::PolarityDiffers),
        ]
        .into_iter()
        .filter(|(differs, _)| *differs)
        .map(|(_, word)| words::sheet_word(word, lang))
        .collect::<Vec<_>>()
        .join(" / ")
    }
}

/// What differs among `cells`; with drafts `masked`, a draft is shown as nothing but "draft
/// (not reviewed)" and is not compared.
pub fn differences(cells: &[Answered], masked: bool) -> Differences {
    let stating: Vec<_> = cells
        .iter()
        .filter_map(|c| c.answer)
        .filter(|a| a.status != Status::NotStated && !(masked && a.draft))
        .collect();
    let statuses: Vec<Status> = stating.iter().map(|a| a.status).collect();
    let polarities: Vec<_> = stating.iter().filter_map(|a| a.polarity).collect();
    let values: Vec<&Value> = stating.iter().filter_map(|a| a.value.as_ref()).collect();
    Differences {
        value: !all_same(&values, |a, b| same_value(a, b)),
        status: !all_same(&statuses, |a, b| a == b),
        polarity: !all_same(&polarities, |a, b| a == b),
    }
}

fn all_same<T>(items: &[T], same: impl Fn(&T, &T) -> bool) -> bool {
    items
        .split_first()
        .is_none_or(|(first, rest)| rest.iter().all(|x| same(first, x)))
}

/// Whether two values say the same: the same quantity in any unit it converts to, counted
/// from the same point (a duration) or taken on the same schedule (a count); other values
/// (service hours, calendar rules) as written.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Duration { from: x, .. }, Value::Duration { from: y, .. }) => {
            x == y && same_quantity(a, b)
        }
        (Value::Count { schedule: x, .. }, Value::Count { schedule: y, .. }) => {
            x == y && same_quantity(a, b)
        }
        (Value::Interval { .. }, Value::Interval { .. })
        | (Value::Percentage { .. }, Value::Percentage { .. })
        | (Value::List { .. }, Value::List { .. }) => same_quantity(a, b),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Answer, Polarity, Since, TimeUnit};

    fn answer(status: Status, polarity: Option<Polarity>, value: Option<Value>) -> Answer {
        let yaml = "control: c\nstatus: stated\n";
        let mut a: Answer = serde_yaml::from_str(yaml).unwrap();
        a.status = status;
        a.polarity = polarity;
        a.value = value;
        a
    }

    fn text(en: &str) -> crate::catalog::Text {
        crate::catalog::Text {
            en: en.to_string().into(),
            ja: None,
        }
    }

    fn of(answers: &[Answer]) -> Differences {
        let cells: Vec<Answered> = answers
            .iter()
            .enumerate()
            .map(|(vendor, a)| Answered {
                vendor,
                answer: Some(a),
            })
            .collect();
        differences(&cells, false)
    }

    fn days(amount: f64, from: Option<Since>) -> Option<Value> {
        Some(Value::Duration {
            amount,
            unit: TimeUnit::Days,
            from,
        })
    }

    #[test]
    fn different_summaries_of_the_same_fact_do_not_differ() {
        let mut a = answer(Status::Stated, Some(Polarity::Yes), None);
        let mut b = a.clone();
        a.summary = Some(text("Encrypted with AES-256."));
        b.summary = Some(text("AES is used for data at rest."));
        assert_eq!(of(&[a, b]), Differences::default());
    }

    #[test]
    fn silence_is_not_compared_but_stated_and_partial_are() {
        let stated = answer(Status::Stated, None, None);
        let silent = answer(Status::NotStated, None, None);
        assert!(!of(&[stated.clone(), silent]).any());
        let partial = answer(Status::Partial, None, None);
        let d = of(&[stated, partial]);
        assert!(d.status && !d.value && !d.polarity);
        assert_eq!(d.words(Lang::Ja), "記載状況");
    }

    #[test]
    fn polarity_and_value_with_its_starting_point_are_compared() {
        let yes = answer(Status::Stated, Some(Polarity::Yes), None);
        let conditional = answer(Status::Stated, Some(Polarity::Conditional), None);
        assert!(of(&[yes.clone(), conditional]).polarity);
        let unsaid = answer(Status::Stated, None, None);
        assert!(
            !of(&[yes, unsaid]).any(),
            "only answers with a polarity are compared"
        );

        let after_cancellation =
            answer(Status::Stated, None, days(60.0, Some(Since::Cancellation)));
        let after_contract = answer(Status::Stated, None, days(60.0, Some(Since::ContractEnd)));
        let d = of(&[after_cancellation.clone(), after_contract]);
        assert_eq!(d.words(Lang::En), "value");
        let same = answer(Status::Partial, None, days(60.0, Some(Since::Cancellation)));
        let d = of(&[after_cancellation, same]);
        assert_eq!(d.words(Lang::Ja), "記載状況");
        assert_eq!(d.words(Lang::En), "status");
    }

    #[test]
    fn the_same_length_in_other_units_is_the_same_value() {
        let hour = Value::Duration {
            amount: 1.0,
            unit: TimeUnit::Hours,
            from: Some(Since::Detection),
        };
        let minutes = Value::Duration {
            amount: 60.0,
            unit: TimeUnit::Minutes,
            from: Some(Since::Detection),
        };
        assert!(same_value(&hour, &minutes));
        let d = of(&[
            answer(Status::Stated, None, Some(hour)),
            answer(Status::Stated, None, Some(minutes)),
            answer(Status::Stated, None, None),
        ]);
        assert!(!d.any(), "an answer without a value has none to compare");
    }

    #[test]
    fn everything_that_differs_is_named_in_order() {
        let d = Differences {
            value: true,
            status: true,
            polarity: true,
        };
        assert_eq!(d.words(Lang::Ja), "値 / 記載状況 / 可否");
        assert_eq!(d.words(Lang::En), "value / status / polarity");
    }
}
