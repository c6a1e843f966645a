//! A lint over the embedded catalogue: what makes answers in one row comparable. Every duration
//! says what it counts from; every stated answer to a yes/no control says yes, no or
//! conditional; Japanese summaries speak in a neutral voice, not the vendor's; no answer quotes
//! the same words twice.

use kurabe::catalog::{load_embedded, Answer, Catalog, ControlKind, Status, Value, Vendor};
use std::collections::HashMap;

fn catalog() -> Catalog {
    let loaded = load_embedded().unwrap_or_else(|p| panic!("embedded catalogue fails:\n{p}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.catalog
}

/// Every answer of every vendor, with where it is for messages.
fn answers(catalog: &Catalog) -> Vec<(&Vendor, &Answer)> {
    catalog
        .vendors
        .iter()
        .flat_map(|v| v.answers.iter().map(move |a| (v, a)))
        .collect()
}

fn report(what: &str, found: Vec<String>) {
    assert!(
        found.is_empty(),
        "{what} ({}):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn every_duration_says_what_it_counts_from() {
    let catalog = catalog();
    let mut durations = 0;
    let mut found = Vec::new();
    for (vendor, answer) in answers(&catalog) {
        if let Some(Value::Duration { from, .. }) = &answer.value {
            durations += 1;
            if from.is_none() {
                found.push(format!(
                    "{}/{}: a duration without `from` (use `from: unspecified` and a note where the source does not say)",
                    vendor.id(),
                    answer.control
                ));
            }
        }
    }
    report("durations without `from`", found);
    assert!(
        durations > 10,
        "only {durations} durations: the lint checks too little"
    );
}

#[test]
fn every_stated_answer_to_a_yes_no_control_has_a_polarity() {
    let catalog = catalog();
    let kinds: HashMap<&str, ControlKind> = catalog
        .controls
        .iter()
        .map(|c| (c.control.id.as_str(), c.control.kind))
        .collect();
    let yes_no = kinds.values().filter(|k| **k == ControlKind::YesNo).count();
    assert!(yes_no >= 30, "only {yes_no} yes/no controls");
    let mut polarities = 0;
    let mut found = Vec::new();
    for (vendor, answer) in answers(&catalog) {
        let kind = kinds[answer.control.as_str()];
        let stated = answer.status != Status::NotStated;
        polarities += usize::from(answer.polarity.is_some());
        match (kind, stated, answer.polarity) {
            (ControlKind::YesNo, true, None) => found.push(format!(
                "{}/{}: a stated answer to a yes/no control without a polarity",
                vendor.id(),
                answer.control
            )),
            (ControlKind::Open, _, Some(_)) | (_, false, Some(_)) => found.push(format!(
                "{}/{}: a polarity where none belongs",
                vendor.id(),
                answer.control
            )),
            _ => {}
        }
    }
    report("polarity problems", found);
    assert!(polarities >= 60, "only {polarities} polarities");
}

/// The vendor's own voice: side by side, 当社 is another company in every column.
const VENDOR_VOICE: [&str; 3] = ["当社", "弊社", "私たち"];

#[test]
fn japanese_summaries_are_in_a_neutral_voice() {
    let catalog = catalog();
    let mut checked = 0;
    let mut found = Vec::new();
    for (vendor, answer) in answers(&catalog) {
        let Some(ja) = answer.summary.as_ref().and_then(|s| s.ja.as_deref()) else {
            continue;
        };
        checked += 1;
        for word in VENDOR_VOICE {
            if ja.contains(word) {
                found.push(format!(
                    "{}/{}: `{word}` in the Japanese summary (write 事業者 or the company name): {ja}",
                    vendor.id(),
                    answer.control
                ));
            }
        }
    }
    report("summaries in the vendor's voice", found);
    assert!(checked > 200, "only {checked} Japanese summaries");
}

/// Quotes compare without their whitespace: the same words wrapped differently are the same quote.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn no_answer_quotes_the_same_words_twice() {
    let catalog = catalog();
    let mut found = Vec::new();
    for (vendor, answer) in answers(&catalog) {
        let mut seen: HashMap<(&str, String), &str> = HashMap::new();
        for quote in &answer.quotes {
            let key = (quote.document.as_str(), squeezed(&quote.text));
            if let Some(first) = seen.insert(key, &quote.section) {
                found.push(format!(
                    "{}/{}: the same quote of `{}` at {first} and {} (merge them, citing both: \"{first}, {}\")",
                    vendor.id(),
                    answer.control,
                    quote.document,
                    quote.section,
                    quote.section
                ));
            }
        }
    }
    report("duplicate quotes", found);
}

#[test]
fn quotes_that_differ_only_in_whitespace_are_the_same() {
    assert_eq!(
        squeezed("公開して おりません。\n"),
        squeezed(" 公開しておりません。")
    );
    assert_ne!(
        squeezed("公開しておりません。"),
        squeezed("公開しております。")
    );
}
