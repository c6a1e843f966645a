//! A lint over the embedded catalogue: what makes answers in one row comparable. Every duration
//! says what it counts from; every stated answer to a yes/no control says yes, no or
//! conditional; Japanese summaries speak in a neutral voice, not the vendor's; no answer quotes
//! the same words twice.

use kurabe::catalog::{
    certification, load_embedded, Answer, Catalog, ControlKind, Status, Value, ValueHint, Vendor,
};
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
        let kind = kinds[answer.control.as_ref()];
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
            let key = (quote.document.as_ref(), squeezed(&quote.text));
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

/// The list items of one value kind across the catalogue: `(vendor/control, item)`.
fn list_items(catalog: &Catalog, certificates: bool) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for (vendor, answer) in answers(catalog) {
        let Some(Value::List { items }) = &answer.value else {
            continue;
        };
        let Some(entry) = catalog
            .controls
            .iter()
            .find(|e| e.control.id == answer.control)
        else {
            continue;
        };
        if (entry.control.terms.value == Some(ValueHint::Certificates)) != certificates {
            continue;
        }
        for item in items {
            out.push((format!("{}/{}", vendor.id(), answer.control), item.as_str()));
        }
    }
    out
}

/// "standard:edition (registration id)": one standard per item (JIS Q apart from ISO/IEC),
/// "ISO/IEC 27001" with its space, the edition and the id where the source gives them. A
/// certificate named by its scheme rather than a standard uses the scheme's item name from
/// `data/certifications.yaml` ("ISMS-AC ISMS Cloud Security (CLOUD 681574)").
const STANDARD: &str = r"^(?:ISO/IEC|JIS Q) \d{5}(?::\d{4})?$";
const REGISTRATION_ID: &str = r"^(?:[A-Z]+ \d+|[A-Z]+-[A-Z]+\d+)$";

/// Why a certification list item is out of canonical form, if it is: its name is neither a
/// standard nor a scheme of the table, its id is malformed, or its id begins as the
/// certificates of no scheme that certifies it do (a `CLOUD` id on an ISO/IEC 27001 item).
fn certificate_problem(item: &str) -> Option<String> {
    let table = certification::table();
    let (name, id) = certification::split_item(item);
    let standard = regex::Regex::new(STANDARD).unwrap().is_match(name);
    let scheme = table.scheme_of(item);
    if !standard && scheme.is_none() {
        return Some(
            "is neither `standard:edition` nor a scheme of data/certifications.yaml".into(),
        );
    }
    let id = id?;
    if !regex::Regex::new(REGISTRATION_ID).unwrap().is_match(id) {
        return Some(format!(
            "has the registration id `{id}`, not `PREFIX 123456`"
        ));
    }
    let base = |s: &str| certification::key(certification::split_edition(s).0);
    let mut names = vec![base(name)];
    names.extend(table.certified_by(item).iter().map(|c| base(c.standard)));
    let fits = table.schemes_for_id(id).iter().any(|s| {
        scheme.is_some_and(|own| own.id == s.id)
            || s.certifies.iter().any(|c| names.contains(&base(c)))
    });
    (!fits).then(|| format!("has `{id}`, an id no scheme certifying it issues"))
}

#[test]
fn certification_list_items_are_in_canonical_form() {
    let catalog = catalog();
    let items = list_items(&catalog, true);
    assert!(items.len() >= 10, "the certification lists were not found");
    let found = items
        .iter()
        .filter_map(|(at, item)| {
            certificate_problem(item).map(|why| format!("{at}: {item:?} {why}"))
        })
        .collect();
    report("certification items out of canonical form", found);
}

#[test]
fn the_canonical_certificate_form_refuses_the_old_spellings() {
    for good in [
        "ISO/IEC 27001:2013 (IS 577142)",
        "ISO/IEC 27017:2015 (CLOUD 715091)",
        "JIS Q 27001:2014 (JQA-IM1459)",
        "ISO/IEC 27018",
        "ISO/IEC 27018 (PII 721591)",
        "JIP-ISMS517-1.0 (CLOUD 715091)",
        "ISMS-AC ISMS Cloud Security (CLOUD 681574)",
        "ISMS-AC ISMS (IS 586579)",
        "PrivacyMark",
    ] {
        assert_eq!(certificate_problem(good), None, "{good}");
    }
    for bad in [
        "ISO/IEC27001:2013",
        "ISO/IEC 27001:2022 / JIS Q 27001:2023 (IS 513563)",
        "ISO/IEC 27001:2013 (IS577142)",
        "ISMS (ISMS-AC)",
        "ISO 27001",
        "ISO/IEC 27001:2013 (CLOUD 715091)",
        "ISMS-AC ISMS Cloud Security (IS 586579)",
        "ISO/IEC 27017 (PII 721591)",
    ] {
        assert!(certificate_problem(bad).is_some(), "{bad}");
    }
}

/// The names an item goes by: itself, and apart its name and its abbreviation in brackets
/// ("Amazon Web Services (AWS)" is also "Amazon Web Services" and "AWS").
fn names_of(item: &str) -> Vec<String> {
    let key = |s: &str| s.trim().to_lowercase();
    let mut names = vec![key(item)];
    if let Some((name, rest)) = item.split_once(" (") {
        names.push(key(name));
        names.push(key(rest.trim_end_matches(')')));
    }
    names
}

#[test]
fn each_provider_is_written_one_way() {
    let catalog = catalog();
    let items = list_items(&catalog, false);
    let mut spelling: HashMap<String, &str> = HashMap::new();
    let mut found = Vec::new();
    for (at, item) in &items {
        for name in names_of(item) {
            match spelling.get(&name) {
                Some(other) if other != item => {
                    found.push(format!("{at}: {item:?} is also written {other:?}"))
                }
                _ => {
                    spelling.insert(name, item);
                }
            }
        }
    }
    found.dedup();
    report("names written more than one way", found);
}
