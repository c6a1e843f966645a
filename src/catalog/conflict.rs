//! Two changes that met on the same field of an answer: kept in the vendor file, beside the
//! answer, until a person chooses.
//!
//! When kurabe saves an answer (the draft review), it merges its change with what the file
//! holds now, field by field (`crate::drafts::merge`): a field only one side changed takes that
//! change; a field both sides changed differently keeps the change being saved (`ours`) and
//! records the other (`theirs`) here, so that neither is lost:
//!
//! ```yaml
//!   - control: deletion-timing
//!     status: stated
//!     value: { kind: duration, amount: 30, unit: days }
//!     ...
//!     conflicts:
//!       - field: value
//!         ours: { kind: duration, amount: 30, unit: days }
//!         theirs: { kind: duration, amount: 45, unit: days }
//! ```
//!
//! `ours` is what the answer holds, `theirs` the change it met, not applied. A summary's `null`
//! is "no summary written by a person" (the vendor's words stand there). The entry goes when
//! someone chooses: in the app (`a`, then `O` keeps ours, `T` takes theirs), or by editing the
//! field and deleting the entry. `kurabe check` lists every entry left
//! (`crate::drafts::conflicts`).

use super::model::{Status, Text, Value};
use super::quantity::Polarity;
use serde::{Deserialize, Serialize};

/// A field of an answer two changes met on, with both of them: the answer holds `ours`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case", deny_unknown_fields)]
pub enum Conflict {
    Status {
        ours: Status,
        theirs: Status,
    },
    Polarity {
        #[serde(default)]
        ours: Option<Polarity>,
        #[serde(default)]
        theirs: Option<Polarity>,
    },
    /// The English summary a person wrote (`None`: none, the vendor's words).
    SummaryEn {
        #[serde(default)]
        ours: Option<String>,
        #[serde(default)]
        theirs: Option<String>,
    },
    /// The Japanese summary a person wrote (`None`: none, the vendor's words).
    SummaryJa {
        #[serde(default)]
        ours: Option<String>,
        #[serde(default)]
        theirs: Option<String>,
    },
    Value {
        #[serde(default)]
        ours: Option<Value>,
        #[serde(default)]
        theirs: Option<Value>,
    },
    Note {
        #[serde(default)]
        ours: Option<Text>,
        #[serde(default)]
        theirs: Option<Text>,
    },
    Draft {
        ours: bool,
        theirs: bool,
    },
}

/// The fields of an answer a conflict can be on, in the order an answer lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictField {
    Status,
    Polarity,
    SummaryEn,
    SummaryJa,
    Value,
    Note,
    Draft,
}

impl ConflictField {
    /// The name the vendor file gives the field (`field: summary_en`).
    pub fn name(self) -> &'static str {
        match self {
            ConflictField::Status => "status",
            ConflictField::Polarity => "polarity",
            ConflictField::SummaryEn => "summary_en",
            ConflictField::SummaryJa => "summary_ja",
            ConflictField::Value => "value",
            ConflictField::Note => "note",
            ConflictField::Draft => "draft",
        }
    }
}

impl Conflict {
    pub fn field(&self) -> ConflictField {
        match self {
            Conflict::Status { .. } => ConflictField::Status,
            Conflict::Polarity { .. } => ConflictField::Polarity,
            Conflict::SummaryEn { .. } => ConflictField::SummaryEn,
            Conflict::SummaryJa { .. } => ConflictField::SummaryJa,
            Conflict::Value { .. } => ConflictField::Value,
            Conflict::Note { .. } => ConflictField::Note,
            Conflict::Draft { .. } => ConflictField::Draft,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::TimeUnit;

    #[test]
    fn a_conflict_reads_back_as_written_and_refuses_what_it_does_not_know() {
        let written = "\
- field: value
  ours: { kind: duration, amount: 30, unit: days }
  theirs: { kind: duration, amount: 45, unit: days }
- field: summary_en
  ours: null
  theirs: \"Erased after 30 days.\"
- field: draft
  ours: false
  theirs: true
";
        let read: Vec<Conflict> = serde_yaml::from_str(written).unwrap();
        assert_eq!(
            read[0],
            Conflict::Value {
                ours: Some(Value::Duration {
                    amount: 30.0,
                    unit: TimeUnit::Days,
                    from: None
                }),
                theirs: Some(Value::Duration {
                    amount: 45.0,
                    unit: TimeUnit::Days,
                    from: None
                }),
            }
        );
        assert_eq!(
            read[1],
            Conflict::SummaryEn {
                ours: None,
                theirs: Some("Erased after 30 days.".into())
            }
        );
        assert_eq!(read[2].field(), ConflictField::Draft);
        let back: Vec<Conflict> =
            serde_yaml::from_str(&serde_yaml::to_string(&read).unwrap()).unwrap();
        assert_eq!(back, read);
        for bad in [
            "- field: colour\n  ours: red\n  theirs: blue\n",
            "- field: status\n  ours: stated\n  theirs: maybe\n",
            "- field: status\n  ours: stated\n  theirs: partial\n  mine: x\n",
            "- field: status\n  ours: stated\n",
        ] {
            assert!(serde_yaml::from_str::<Vec<Conflict>>(bad).is_err(), "{bad}");
        }
    }
}
