//! The conflicts recorded in a vendor file (see [`crate::catalog::conflict`]), as `kurabe
//! check` explains them: where each is, what the answer holds, the other change, and how to
//! settle it.

use crate::catalog::{yaml, Conflict, ConflictField, Lang, Polarity, Problem, Text, VendorFile};
use crate::words::{self, tr};
use std::path::Path;

/// The field a conflict is on, as a reader of `lang` calls it.
pub fn field_label(field: ConflictField, lang: Lang) -> &'static str {
    let (en, ja) = match field {
        ConflictField::Status => ("status", "記載状況"),
        ConflictField::Polarity => ("polarity", "可否"),
        ConflictField::SummaryEn => ("English summary", "英語の要約"),
        ConflictField::SummaryJa => ("Japanese summary", "日本語の要約"),
        ConflictField::Value => ("value", "値"),
        ConflictField::Note => ("note", "注記"),
        ConflictField::Draft => ("draft mark", "下書きの印"),
    };
    tr(lang, en, ja)
}

/// Both sides of a conflict as a reader of `lang` reads them: (what the answer holds, the
/// other change).
pub fn sides(conflict: &Conflict, lang: Lang) -> (String, String) {
    let none = || tr(lang, "(none)", "(なし)").to_string();
    let summary = |t: &Option<String>| {
        t.as_deref().map_or_else(
            || tr(lang, "(none: the vendor's words)", "(なし: 事業者の原文)").to_string(),
            |s| format!("“{s}”"),
        )
    };
    let polarity = |p: &Option<Polarity>| p.map_or_else(none, |p| words::polarity(p, lang).into());
    let value = |v: &Option<crate::catalog::Value>| v.as_ref().map_or_else(none, |v| v.label(lang));
    let note = |t: &Option<Text>| {
        t.as_ref()
            .map_or_else(none, |t| format!("“{}”", t.get(lang)))
    };
    let draft = |d: bool| {
        if d {
            tr(lang, "a draft", "下書き")
        } else {
            tr(lang, "confirmed", "確定済み")
        }
        .to_string()
    };
    match conflict {
        Conflict::Status { ours, theirs } => (
            words::status(*ours, lang).into(),
            words::status(*theirs, lang).into(),
        ),
        Conflict::Polarity { ours, theirs } => (polarity(ours), polarity(theirs)),
        Conflict::SummaryEn { ours, theirs } | Conflict::SummaryJa { ours, theirs } => {
            (summary(ours), summary(theirs))
        }
        Conflict::Value { ours, theirs } => (value(ours), value(theirs)),
        Conflict::Note { ours, theirs } => (note(ours), note(theirs)),
        Conflict::Draft { ours, theirs } => (draft(*ours), draft(*theirs)),
    }
}

/// Every conflict recorded in the vendor file at `path`, as a problem naming its place (none
/// for a file that does not read: the loader reports that).
pub fn explain(path: &Path) -> Vec<Problem> {
    let name = crate::sanitize::line(&path.display().to_string()).into_owned();
    let Ok(bytes) = yaml::read_file(path) else {
        return Vec::new();
    };
    let Ok((file, positions)) = yaml::read::<VendorFile>(&name, &bytes) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, answer) in file.answers.iter().enumerate() {
        for (j, conflict) in answer.conflicts.iter().enumerate() {
            let (ours, theirs) = sides(conflict, Lang::En);
            out.push(
                Problem::new(
                    &name,
                    positions.at(&format!("answers[{i}].conflicts[{j}]")),
                    format!(
                        "the answer to `{}` holds a conflict on its {} (`field: {}`): two changes met when one was saved; it holds {ours}, and the other change, not applied, was {theirs}",
                        answer.control,
                        field_label(conflict.field(), Lang::En),
                        conflict.field().name()
                    ),
                )
                .hint("settle it in kurabe (select the answer, press a, then O keeps what it holds, T takes the other change), or set the field by hand and delete this entry"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_conflict_is_named_where_it_stands() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.yaml");
        std::fs::write(
            &path,
            "vendor: { id: acme, name: { en: Acme } }\ndocuments: []\nanswers:\n  - control: a\n    status: not_stated\n  - control: b\n    status: not_stated\n    conflicts:\n      - field: note\n        ours: { en: \"Mine.\" }\n        theirs: null\n",
        )
        .unwrap();
        let found = explain(&path);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 9, "the line of its `- field:`");
        assert!(found[0].message.contains("`b`"), "{}", found[0].message);
        assert!(
            found[0].message.contains("its note") && found[0].message.contains("“Mine.”"),
            "{}",
            found[0].message
        );
    }
}
