use super::*;
use crate::catalog::{load, Origin, SourceFile, VendorFile};

const CONTROLS: &str = include_str!("../../tests/fixtures/ui/controls.yaml");
const PROFILE: &str = include_str!("../../tests/fixtures/ui/requirements/ui-standard.yaml");

/// A vendor file of `alpha` with these answers (YAML list items).
fn vendor(version: &str, answers: &str) -> String {
    format!(
        "vendor:\n  id: alpha\n  name: {{ en: Alpha }}\ndocuments:\n  - id: sheet\n    title: Sheet\n    \
         version: \"{version}\"\n    source: a.txt\nanswers:\n{answers}"
    )
}

const BEFORE: &str = "  - control: deletion-timing
    status: stated
    value: { kind: duration, amount: 30, unit: days, from: contract-end }
    quotes:
      - { document: sheet, section: \"6.3\", text: \"Data is deleted 30 days after the contract ends.\" }
  - control: backup-generations
    status: stated
    value: { kind: count, amount: 7, unit: generations }
    quotes:
      - { document: sheet, section: \"7.1\", text: \"Seven generations are kept.\" }
  - control: encryption-at-rest
    status: stated
    quotes:
      - { document: sheet, section: \"8.2\", text: \"Stored data is encrypted with AES-256.\" }
      - { document: sheet, section: \"8.3\", text: \"Keys are rotated yearly by the operator.\" }
  - control: log-retention
    status: partial
    quotes:
      - { document: sheet, section: \"9.4\", text: \"Logs are kept for a fixed period.\" }
";

const AFTER: &str = "  - control: deletion-timing
    status: stated
    draft: true
    value: { kind: duration, amount: 60, unit: days, from: contract-end }
    quotes:
      - { document: sheet, section: \"6.4\", text: \"Data is deleted 60 days after the contract ends.\" }
  - control: backup-generations
    status: stated
    value: { kind: count, amount: 7, unit: generations }
    quotes:
      - { document: sheet, section: \"12\", text: \"Seven generations are kept.\" }
  - control: encryption-at-rest
    status: stated
    quotes:
      - { document: sheet, section: \"8.2\", text: \"Stored data is encrypted with AES-256.\" }
      - { document: sheet, section: \"8.5\", text: \"A hardware security module holds the master key.\" }
  - control: log-retention
    status: stated
    value: { kind: duration, amount: 1, unit: years }
    quotes:
      - { document: sheet, section: \"9.4\", text: \"Logs are kept for one year.\" }
";

/// The vendor as the file says it (the validator's rules on summaries are not what is tested).
fn read(text: &str) -> Vendor {
    let file: VendorFile = serde_yaml::from_str(text).unwrap();
    Vendor {
        info: file.vendor,
        documents: file.documents,
        answers: file.answers.into(),
        origin: Origin::User,
    }
}

fn loaded(before: &str, after: &str) -> (Catalog, Vendor, Vendor) {
    let catalog = load(SourceFile::new("controls.yaml", CONTROLS), Vec::new())
        .unwrap()
        .catalog;
    (
        catalog,
        read(&vendor("1", before)),
        read(&vendor("2", after)),
    )
}

fn change<'d>(d: &'d VendorDiff, control: &str) -> Option<&'d ControlChange> {
    d.changes.iter().find(|c| c.control == control)
}

#[test]
fn a_value_change_lists_value_and_the_reworded_quote() {
    let (catalog, before, after) = loaded(BEFORE, AFTER);
    let d = diff(&before, &after, &catalog, None);
    let c = change(&d, "deletion-timing").unwrap();
    assert_eq!(c.what, vec![What::Value, What::Quotes]);
    assert_eq!(c.quotes.reworded.len(), 1);
    assert!(c.quotes.removed.is_empty() && c.quotes.added.is_empty());
    assert_eq!(
        quotes::marked(&c.quotes.reworded[0].pieces),
        "Data is deleted [-3-]{+6+}0 days after the contract ends."
    );
    assert!(c.outcomes.is_empty(), "no profile, no outcomes");
    assert_eq!(d.from[0].version.as_deref(), Some("1"));
    assert_eq!(d.to[0].version.as_deref(), Some("2"));
}

#[test]
fn a_quote_cited_in_another_section_is_no_change() {
    let (catalog, before, after) = loaded(BEFORE, AFTER);
    let d = diff(&before, &after, &catalog, None);
    assert!(change(&d, "backup-generations").is_none(), "{d:?}");
}

#[test]
fn a_quote_added_and_one_removed_are_listed_apart() {
    let (catalog, before, after) = loaded(BEFORE, AFTER);
    let d = diff(&before, &after, &catalog, None);
    let c = change(&d, "encryption-at-rest").unwrap();
    assert_eq!(c.what, vec![What::Quotes]);
    assert_eq!(c.quotes.removed[0].section, "8.3");
    assert_eq!(c.quotes.added[0].section, "8.5");
    assert!(c.quotes.reworded.is_empty());
}

#[test]
fn a_status_change_with_its_value() {
    let (catalog, before, after) = loaded(BEFORE, AFTER);
    let d = diff(&before, &after, &catalog, None);
    let c = change(&d, "log-retention").unwrap();
    assert_eq!(c.what, vec![What::Value, What::Status, What::Quotes]);
    assert_eq!(
        (c.before.status, c.after.status),
        (Status::Partial, Status::Stated)
    );
}

#[test]
fn outcomes_that_change_under_the_profile_even_for_a_draft() {
    let (catalog, before, after) = loaded(BEFORE, AFTER);
    let profile = crate::requirements::load_str("p.yaml", PROFILE.as_bytes(), &catalog)
        .unwrap()
        .profile;
    let d = diff(&before, &after, &catalog, Some(&profile));
    let c = change(&d, "deletion-timing").unwrap();
    // 30 days meets "at most 45 days", 60 fails it: the draft is read as it proposes.
    assert_eq!(
        c.outcomes,
        vec![OutcomeChange {
            requirement: 0,
            before: Outcome::Meets,
            after: Outcome::Fails
        }]
    );
    assert!(change(&d, "encryption-at-rest")
        .unwrap()
        .outcomes
        .is_empty());
}

#[test]
fn an_answer_that_is_gone_is_a_change_to_not_stated() {
    let (catalog, before, after) = loaded(
        BEFORE,
        "  - control: deletion-timing\n    status: not_stated\n",
    );
    let d = diff(&before, &after, &catalog, None);
    let c = change(&d, "encryption-at-rest").unwrap();
    assert_eq!(c.after.status, Status::NotStated);
    assert_eq!(c.quotes.removed.len(), 2);
}

#[test]
fn an_answer_with_previous_shows_before_and_after() {
    let text = vendor(
        "2",
        "  - control: deletion-timing
    status: stated
    draft: true
    value: { kind: duration, amount: 60, unit: days }
    quotes:
      - { document: sheet, section: \"6\", text: \"Deleted within 60 days.\" }
    previous:
      status: stated
      value: { kind: duration, amount: 30, unit: days }
      quotes:
        - { document: Old sheet, section: \"6\", text: \"Deleted within 30 days.\" }
      from: \"1\"
",
    );
    let v = read(&text);
    let c = of_answer(&v.answers[0], &v).unwrap();
    assert_eq!(c.what, vec![What::Value, What::Quotes]);
    assert_eq!(c.quotes.reworded[0].before.document, "Old sheet");
}

#[test]
fn full_width_digits_and_line_breaks_are_no_change_and_long_quotes_are_not_paired() {
    let cited = |text: &str| Cited {
        document: "d".into(),
        section: "1".into(),
        text: text.into(),
    };
    let same = quotes::compare(
        &[cited("契約終了後３０日で\n削除します。")],
        &[cited("契約終了後30日で削除します。")],
    );
    assert!(same.is_empty(), "{same:?}");
    let long_a = "あ".repeat(3_000);
    let long_b = format!("{}い", "あ".repeat(2_999));
    let unpaired = quotes::compare(&[cited(&long_a)], &[cited(&long_b)]);
    assert!(unpaired.reworded.is_empty());
    assert_eq!((unpaired.removed.len(), unpaired.added.len()), (1, 1));
}

/// A draft an update made, whose previous answer said `previous_summary` and which now says
/// `summary`, its status, value and quote the same.
fn with_summaries(previous_summary: &str, summary: &str) -> Vendor {
    read(&vendor(
        "2",
        &format!(
            "  - control: deletion-timing
    status: stated
    draft: true
    summary: {summary}
    quotes:
      - {{ document: sheet, section: \"6\", text: \"Deleted within 30 days.\" }}
    previous:
      status: stated
      summary: {previous_summary}
      quotes:
        - {{ document: Sheet, section: \"6\", text: \"Deleted within 30 days.\" }}
"
        ),
    ))
}

#[test]
fn a_summary_alone_changed_is_a_change_for_the_badge_and_the_diff_alike() {
    for (before, after) in [
        ("{ en: \"Within 30 days.\" }", "{ en: \"Within a month.\" }"),
        (
            "{ en: \"Within 30 days.\", ja: \"30日以内。\" }",
            "{ en: \"Within 30 days.\", ja: \"1か月以内。\" }",
        ),
    ] {
        let v = with_summaries(before, after);
        assert!(differs_from_previous(&v.answers[0]), "{after}");
        let c = of_answer(&v.answers[0], &v).unwrap();
        assert_eq!(c.what, vec![What::Summary], "{after}");
    }
}

#[test]
fn a_summary_reflowed_or_width_folded_is_no_change_for_either() {
    // An importer-written summary is its quote's text: a new extraction may wrap it or write
    // its digits full-width without a word changing, as a quote may.
    let v = with_summaries(
        "{ en: \"x\", ja: \"「契約終了後３０日で\\n削除します。」\" }",
        "{ en: \"x\", ja: \"「契約終了後30日で削除します。」\" }",
    );
    assert!(!differs_from_previous(&v.answers[0]));
    assert!(of_answer(&v.answers[0], &v).is_none());
}
