//! The rules of `data/README.md` that a machine can check, held against the embedded
//! catalogue: a partial answer says what is not stated; a summary that denies what is asked
//! carries no `yes`; a value that is a target, a guide, approximate or "in principle" has a
//! note saying so; so does a duration without a starting point, and a count of several series.

use kurabe::catalog::{load_embedded, Answer, Catalog, Polarity, Since, Status, Value, Vendor};

fn catalog() -> Catalog {
    let loaded = load_embedded().unwrap_or_else(|p| panic!("embedded catalogue fails:\n{p}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.catalog
}

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

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Words that say something is left out: "not described", "only …", "no interval given".
const ABSENCE: [&str; 7] = ["not", "no", "nor", "only", "neither", "without", "never"];

/// Whether a partial answer's English summary or note says what it leaves out.
fn says_what_is_missing(answer: &Answer) -> bool {
    let summary = answer.summary.as_ref().map_or("", |s| s.en.as_ref());
    let note = answer.note.as_ref().map_or("", |n| n.en.as_ref());
    words(summary)
        .chain(words(note))
        .any(|w| ABSENCE.contains(&w.as_str()))
}

/// Whether an English summary opens by denying what is asked ("No information security policy
/// is described").
fn denies(summary: &str) -> bool {
    words(summary)
        .next()
        .is_some_and(|w| ["no", "not", "nothing", "none"].contains(&w.as_str()))
}

/// The qualifiers that make a figure a target, a guide, approximate or "in principle", and
/// what the note says for each.
const QUALIFIERS: [(&str, &[&str]); 4] = [
    ("目標", &["target"]),
    ("目安", &["guide"]),
    ("程度", &["approximate", "about"]),
    ("原則", &["in principle"]),
];

/// The qualifiers an answer's note must explain: those in a quote that also gives the value's
/// figure (a qualifier elsewhere qualifies another figure).
fn unexplained_qualifiers(answer: &Answer) -> Vec<&'static str> {
    let figure = match &answer.value {
        Some(Value::Duration { amount, .. })
        | Some(Value::Interval { amount, .. })
        | Some(Value::Count { amount, .. })
        | Some(Value::Percentage { amount, .. }) => format!("{amount}"),
        _ => return Vec::new(),
    };
    let note = answer
        .note
        .as_ref()
        .map_or(String::new(), |n| n.en.to_lowercase());
    QUALIFIERS
        .iter()
        .filter(|(word, _)| {
            answer
                .quotes
                .iter()
                .any(|q| q.text.contains(word) && q.text.contains(figure.as_str()))
        })
        .filter(|(_, said)| !said.iter().any(|s| note.contains(s)))
        .map(|(word, _)| *word)
        .collect()
}

#[test]
fn a_partial_answer_says_what_is_not_stated() {
    let catalog = catalog();
    let mut partial = 0;
    let mut found = Vec::new();
    for (vendor, answer) in answers(&catalog) {
        if answer.status != Status::Partial {
            continue;
        }
        partial += 1;
        if !says_what_is_missing(answer) {
            found.push(format!("{}/{}", vendor.id(), answer.control));
        }
    }
    report("partial answers that do not say what is missing", found);
    assert!(partial > 30, "only {partial} partial answers");
}

#[test]
fn a_summary_that_denies_what_is_asked_carries_no_yes() {
    let catalog = catalog();
    let mut found = Vec::new();
    for (vendor, answer) in answers(&catalog) {
        let affirms = matches!(
            answer.polarity,
            Some(Polarity::Yes) | Some(Polarity::Conditional)
        );
        let summary = answer.summary.as_ref().map_or("", |s| s.en.as_ref());
        if affirms && denies(summary) {
            found.push(format!("{}/{}: {summary}", vendor.id(), answer.control));
        }
    }
    report("yes or conditional beside a summary that says no", found);
}

#[test]
fn a_qualified_figure_has_a_note_that_says_so() {
    let catalog = catalog();
    let mut qualified = 0;
    let mut found = Vec::new();
    for (vendor, answer) in answers(&catalog) {
        let missing = unexplained_qualifiers(answer);
        qualified += answer.value.is_some() as usize
            * answer
                .quotes
                .iter()
                .any(|q| QUALIFIERS.iter().any(|(w, _)| q.text.contains(w))) as usize;
        if !missing.is_empty() {
            found.push(format!(
                "{}/{}: {} in the quote, not in the note",
                vendor.id(),
                answer.control,
                missing.join(", ")
            ));
        }
    }
    report("targets, guides and approximations without a note", found);
    assert!(qualified >= 5, "only {qualified} qualified values");
}

#[test]
fn an_unstated_start_and_several_series_are_explained_in_a_note() {
    let catalog = catalog();
    let mut found = Vec::new();
    let mut series = 0;
    for (vendor, answer) in answers(&catalog) {
        let needs = match &answer.value {
            Some(Value::Duration {
                from: Some(Since::Unspecified),
                ..
            }) => Some("a duration without a starting point"),
            Some(Value::Count { also, .. }) if !also.is_empty() => {
                series += 1;
                Some("a count of several series")
            }
            _ => None,
        };
        if let (Some(what), None) = (needs, &answer.note) {
            found.push(format!("{}/{}: {what}", vendor.id(), answer.control));
        }
    }
    report("values that need a note and have none", found);
    assert!(series >= 1, "Quality Soft's backup series were not found");
}

#[test]
fn the_checks_tell_good_answers_from_bad_ones() {
    let answer = |yaml: &str| -> Answer { serde_yaml::from_str(yaml).unwrap() };
    let partial = answer(
        "control: c\nstatus: partial\nsummary: { en: \"Browsers are listed.\" }\nquotes: [{ document: d, section: \"1\", text: t }]\n",
    );
    assert!(!says_what_is_missing(&partial));
    let said = answer(
        "control: c\nstatus: partial\nsummary: { en: \"Browsers are listed; operating systems are not.\" }\nquotes: [{ document: d, section: \"1\", text: t }]\n",
    );
    assert!(says_what_is_missing(&said));
    assert!(denies("No information security policy is described."));
    assert!(!denies("Notice is given two weeks ahead."));
    let target = answer(
        "control: c\nstatus: stated\nsummary: { en: x }\nvalue: { kind: duration, amount: 72, unit: hours, from: occurrence }\nquotes: [{ document: d, section: \"9\", text: \"72 時間以内を目標とし\" }]\n",
    );
    assert_eq!(unexplained_qualifiers(&target), ["目標"]);
    let explained = answer(
        "control: c\nstatus: stated\nsummary: { en: x }\nvalue: { kind: duration, amount: 72, unit: hours, from: occurrence }\nnote: { en: \"72 hours is a target.\" }\nquotes: [{ document: d, section: \"9\", text: \"72 時間以内を目標とし\" }]\n",
    );
    assert!(unexplained_qualifiers(&explained).is_empty());
    // A qualifier on another figure of the quotes is not this value's.
    let other = answer(
        "control: c\nstatus: stated\nsummary: { en: x }\nvalue: { kind: duration, amount: 30, unit: days, from: day-after-contract-end }\nquotes: [{ document: d, section: \"6.30\", text: \"30日後に消去します。\" }, { document: d, section: \"6.30\", text: \"2週間程度で完全に消去します。\" }]\n",
    );
    assert!(unexplained_qualifiers(&other).is_empty());
}
