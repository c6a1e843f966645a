use super::*;
use crate::catalog::load::{read_vendor_against, SourceFile};
use crate::catalog::{ControlKind, Origin, Value};

const BASE: &str = "\
# Acme, from its security policy.
vendor:
  id: acme
  name: { en: \"Acme Corp.\" }
documents:
  - id: policy
    title: \"Security policy\"
    source: acme.txt
answers:
  # Deletion
  - control: deletion-timing
    status: stated
    summary: { en: \"Deleted 30 days after the contract ends.\" }
    value: { kind: duration, amount: 30, unit: days }
    quotes:
      - document: policy
        section: \"1\"
        text: \"Data is deleted 30 days after the contract ends.\"
  # Backups
  - control: backup-frequency
    status: not_stated
  - control: encryption
    status: not_stated
";

fn side(name: &'static str, text: &'static str) -> Side<'static> {
    Side {
        name,
        bytes: text.as_bytes(),
    }
}

fn merged(ours: &str, theirs: &str) -> TextMerged {
    let (ours, theirs) = (ours.to_string().leak(), theirs.to_string().leak());
    merge_texts(
        Some(side("base", BASE)),
        side("ours", ours),
        side("theirs", theirs),
    )
    .expect("the three versions read")
}

/// The merged text as kurabe loads it.
fn loads(text: &[u8]) -> crate::catalog::Vendor {
    let controls: Vec<(String, ControlKind)> =
        ["deletion-timing", "backup-frequency", "encryption"]
            .map(|c| (c.to_string(), ControlKind::Open))
            .into();
    read_vendor_against(
        &SourceFile::new("vendors/acme.yaml", text.to_vec()),
        Origin::User,
        &controls,
    )
    .unwrap_or_else(|p| panic!("{p:?}\n{}", String::from_utf8_lossy(text)))
}

fn with_value(text: &str, days: u32) -> String {
    text.replace("amount: 30", &format!("amount: {days}"))
}

const STATED_BACKUPS: &str = "  - control: backup-frequency
    status: stated
    summary: { en: \"Daily.\" }
    quotes:
      - { document: policy, section: \"2\", text: \"Backups are taken daily.\" }
";

#[test]
fn changes_to_different_answers_are_both_kept_and_the_rest_is_untouched() {
    let ours = with_value(BASE, 45);
    let theirs = BASE.replace(
        "  - control: backup-frequency\n    status: not_stated\n",
        STATED_BACKUPS,
    );
    let out = merged(&ours, &theirs);
    assert!(out.merged.conflicts.is_empty());
    let vendor = loads(&out.text);
    assert_eq!(
        vendor.answers[0].value,
        Some(Value::Duration {
            amount: 45.0,
            unit: crate::catalog::TimeUnit::Days,
            from: None
        })
    );
    assert_eq!(vendor.answers[1].status, Status::Stated);
    let text = String::from_utf8(out.text).unwrap();
    // Ours' own change and every line the merge did not need are ours' bytes.
    assert!(
        text.starts_with(&ours[..ours.find("  # Backups").unwrap()]),
        "{text}"
    );
    assert!(
        text.ends_with("  - control: encryption\n    status: not_stated\n"),
        "{text}"
    );
    assert!(
        text.contains("  # Backups\n  - control: backup-frequency\n"),
        "{text}"
    );
}

#[test]
fn one_field_changed_differently_on_both_sides_is_a_conflict_in_the_file() {
    let out = merged(&with_value(BASE, 45), &with_value(BASE, 60));
    assert_eq!(out.merged.conflicts.len(), 1);
    let (control, conflict) = &out.merged.conflicts[0];
    assert_eq!(control, "deletion-timing");
    let days = |n: f64| {
        Some(Value::Duration {
            amount: n,
            unit: crate::catalog::TimeUnit::Days,
            from: None,
        })
    };
    assert_eq!(
        conflict,
        &Conflict::Value {
            ours: days(45.0),
            theirs: days(60.0)
        }
    );
    let vendor = loads(&out.text);
    assert_eq!(vendor.answers[0].value, days(45.0), "ours is kept");
    assert_eq!(vendor.answers[0].conflicts, vec![conflict.clone()]);
    let text = String::from_utf8(out.text).unwrap();
    assert!(
        text.contains("    conflicts:\n      - field: value\n"),
        "{text}"
    );
}

#[test]
fn a_removal_against_a_change_keeps_the_change_and_a_lone_removal_removes() {
    let without_backups = BASE.replace(
        "  - control: backup-frequency\n    status: not_stated\n",
        "",
    );
    let changed_backups = BASE.replace(
        "  - control: backup-frequency\n    status: not_stated\n",
        STATED_BACKUPS,
    );
    let kept = loads(&merged(&without_backups, &changed_backups).text);
    let backups = kept
        .answers
        .iter()
        .find(|a| a.control == "backup-frequency");
    assert_eq!(backups.map(|a| a.status), Some(Status::Stated));
    let kept = loads(&merged(&changed_backups, &without_backups).text);
    assert_eq!(kept.answers[1].status, Status::Stated);

    let removed = merged(BASE, &without_backups);
    let vendor = loads(&removed.text);
    assert!(vendor
        .answers
        .iter()
        .all(|a| a.control != "backup-frequency"));
    assert_eq!(vendor.answers.len(), 2);
}

#[test]
fn an_answer_the_other_side_added_is_appended_after_the_last() {
    let base_without = BASE.replace("  - control: encryption\n    status: not_stated\n", "");
    let out = merge_texts(
        Some(Side {
            name: "base",
            bytes: base_without.as_bytes(),
        }),
        Side {
            name: "ours",
            bytes: with_value(&base_without, 45).as_bytes(),
        },
        Side {
            name: "theirs",
            bytes: BASE.as_bytes(),
        },
    )
    .unwrap();
    let vendor = loads(&out.text);
    let controls: Vec<&str> = vendor.answers.iter().map(|a| a.control.as_ref()).collect();
    assert_eq!(
        controls,
        ["deletion-timing", "backup-frequency", "encryption"]
    );
    assert!(String::from_utf8(out.text).unwrap().contains("amount: 45"));
}

#[test]
fn the_vendors_details_merge_by_field_and_a_clash_keeps_ours_and_says_so() {
    let renamed = |name: &str| BASE.replace("\"Acme Corp.\"", &format!("\"{name}\""));
    let taken = merged(BASE, &renamed("Acme Inc."));
    assert_eq!(loads(&taken.text).info.name.en, "Acme Inc.");
    assert!(taken.merged.kept_ours.is_empty());
    let text = String::from_utf8(taken.text).unwrap();
    assert!(
        text.starts_with("# Acme, from its security policy.\n"),
        "{text}"
    );
    assert!(
        text.contains("  # Deletion\n"),
        "the answers are untouched: {text}"
    );

    let clash = merged(&renamed("Acme KK"), &renamed("Acme Inc."));
    assert_eq!(loads(&clash.text).info.name.en, "Acme KK");
    assert_eq!(clash.merged.kept_ours.len(), 1);
    assert!(
        clash.merged.kept_ours[0].contains("Acme Inc."),
        "{:?}",
        clash.merged.kept_ours
    );

    let assessed = |on: &str| {
        BASE.replace(
            "  id: acme\n",
            &format!("  id: acme\n  assessed: \"{on}\"\n"),
        )
    };
    let later = merged(&assessed("2026-01-10"), &assessed("2026-03-01"));
    assert_eq!(
        loads(&later.text).info.assessed.as_deref(),
        Some("2026-03-01")
    );
    assert!(later.merged.kept_ours.is_empty());
}

#[test]
fn an_answer_added_on_both_sides_merges_against_nothing_stated() {
    let out = merge_texts(
        None,
        Side {
            name: "ours",
            bytes: with_value(BASE, 45).as_bytes(),
        },
        Side {
            name: "theirs",
            bytes: with_value(BASE, 60).as_bytes(),
        },
    )
    .unwrap();
    assert_eq!(out.merged.conflicts.len(), 1);
    loads(&out.text);
}

#[test]
fn a_version_that_does_not_read_is_named_at_its_line_and_column() {
    let broken = BASE.replace(
        "    status: not_stated\n  - control: encryption",
        "    status: [not_stated\n  - control: encryption",
    );
    let problem = merge_texts(
        Some(side("base", BASE)),
        side("ours", BASE),
        Side {
            name: "vendors/acme.yaml (the other branch)",
            bytes: broken.as_bytes(),
        },
    )
    .unwrap_err();
    assert_eq!(problem.file, "vendors/acme.yaml (the other branch)");
    assert!(problem.line > 0 && problem.column > 0, "{problem}");
}

#[test]
fn answers_that_share_lines_are_merged_into_a_file_written_anew() {
    let flow = "vendor: { id: acme, name: { en: Acme } }\ndocuments: [{ id: policy, title: P, source: acme.txt }]\nanswers: [{ control: deletion-timing, status: not_stated }, { control: backup-frequency, status: not_stated }, { control: encryption, status: not_stated }]\n";
    let noted = |control: &str, note: &str| {
        flow.replace(
            &format!("{{ control: {control}, status: not_stated }}"),
            &format!("{{ control: {control}, status: not_stated, note: {{ en: {note} }} }}"),
        )
    };
    let ours = noted("deletion-timing", "asked");
    let theirs = noted("encryption", "ask");
    let out = merge_texts(
        Some(Side {
            name: "base",
            bytes: flow.as_bytes(),
        }),
        Side {
            name: "ours",
            bytes: ours.as_bytes(),
        },
        Side {
            name: "theirs",
            bytes: theirs.as_bytes(),
        },
    )
    .unwrap();
    let vendor = loads(&out.text);
    let notes: Vec<Option<&str>> = vendor
        .answers
        .iter()
        .map(|a| a.note.as_ref().map(|n| n.en.as_ref()))
        .collect();
    assert_eq!(notes, [Some("asked"), None, Some("ask")]);
}

/// A side for the property below: per control of three, no answer or one with one of a few
/// notes, with or without a comment line above it, in one of two orders.
fn arbitrary_side() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let slot = proptest::option::of((0..3usize, any::<bool>()));
    (proptest::collection::vec(slot, 3), any::<bool>()).prop_map(|(slots, reversed)| {
        let mut text =
            String::from("vendor:\n  id: acme\n  name: { en: Acme }\ndocuments: []\nanswers:\n");
        let controls = ["deletion-timing", "backup-frequency", "encryption"];
        let mut order: Vec<usize> = (0..3).collect();
        if reversed {
            order.reverse();
        }
        let mut any = false;
        for i in order {
            let Some((note, comment)) = slots[i] else {
                continue;
            };
            any = true;
            if comment {
                text.push_str("  # a comment\n");
            }
            let mut answer = empty_answer(controls[i]);
            let note = ["", "x", "y z"][note];
            answer.note = (!note.is_empty()).then(|| crate::catalog::Text {
                en: note.into(),
                ja: None,
            });
            text.push_str(&answer_block(&answer, "  ", "\n"));
        }
        if !any {
            text = text.replace("answers:\n", "answers: []\n");
        }
        text
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    #[test]
    fn every_merge_reads_back_and_no_answer_a_side_changed_is_lost(
        base in arbitrary_side(),
        ours in arbitrary_side(),
        theirs in arbitrary_side(),
    ) {
        let side = |name, text: &str| {
            let (file, _) = read(&Side { name, bytes: text.as_bytes() }).unwrap();
            file
        };
        let (b, o, t) = (side("base", &base), side("ours", &ours), side("theirs", &theirs));
        let out = merge_texts(
            Some(Side { name: "base", bytes: base.as_bytes() }),
            Side { name: "ours", bytes: ours.as_bytes() },
            Side { name: "theirs", bytes: theirs.as_bytes() },
        ).expect("the merged file reads back");
        let (written, _) = read(&Side { name: "merged", bytes: &out.text }).unwrap();
        if !o.answers.is_empty() {
            let (_, positions) = read(&Side { name: "ours", bytes: ours.as_bytes() }).unwrap();
            let kept = in_layout(&ours, &positions, &o, &out.merged.file);
            let reads_back = kept.is_some_and(|text| {
                read(&Side { name: "kept", bytes: text.as_bytes() })
                    .is_ok_and(|(f, _)| same(&f, &out.merged.file))
            });
            proptest::prop_assert!(reads_back, "ours' layout is kept");
        }
        proptest::prop_assert!(same(&written, &out.merged.file));
        let find = |f: &VendorFile, c: &str| f.answers.iter().find(|a| a.control == c).cloned();
        for control in ["deletion-timing", "backup-frequency", "encryption"] {
            let (b, o, t, m) = (find(&b, control), find(&o, control), find(&t, control), find(&written, control));
            if o == b {
                proptest::prop_assert_eq!(&m, &t);
            } else if t == b {
                proptest::prop_assert_eq!(&m, &o);
            } else {
                proptest::prop_assert!(m.is_some() || (o.is_none() && t.is_none()));
            }
        }
    }
}
