//! Every validation error, one fixture each (`tests/fixtures/<case>/`): the message, the file,
//! and the exact line and column, through the library and through `kurabe check --data`.
//!
//! Each fixture is `valid/` with one change; `valid/` itself loads cleanly, so each problem
//! below comes from that change.

mod common;

use common::home::{kurabe_command, no_home};
use kurabe::catalog::{load_dir, Catalog, Problem};
use std::path::{Path, PathBuf};
use std::process::Output;

#[derive(Debug, Clone, Copy)]
enum Msg {
    /// kurabe's own validation messages.
    Exact(&'static str),
    /// Messages built from the YAML libraries' errors (their wording may change slightly).
    Contains(&'static str),
}

#[derive(Debug, Clone, Copy)]
struct Expect {
    /// Relative to the fixture directory.
    file: &'static str,
    line: usize,
    column: usize,
    message: Msg,
}

const fn exact(file: &'static str, line: usize, column: usize, m: &'static str) -> Expect {
    Expect {
        file,
        line,
        column,
        message: Msg::Exact(m),
    }
}

const fn contains(file: &'static str, line: usize, column: usize, m: &'static str) -> Expect {
    Expect {
        file,
        line,
        column,
        message: Msg::Contains(m),
    }
}

const ACME: &str = "vendors/acme.yaml";
const CONTROLS: &str = "controls.yaml";

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
}

/// The problems of loading a fixture, and the catalogue if the controls file was usable.
fn load(case: &str) -> (Vec<Problem>, Option<Catalog>) {
    match load_dir(&fixture(case)) {
        Ok(loaded) => (loaded.problems, Some(loaded.catalog)),
        Err(problems) => (problems.0, None),
    }
}

fn message_matches(actual: &str, expected: Msg) -> bool {
    match expected {
        Msg::Exact(m) => actual == m,
        Msg::Contains(m) => actual.contains(m),
    }
}

fn assert_problems(case: &str, problems: &[Problem], expected: &[Expect]) {
    let dir = fixture(case);
    let listing: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems.len(),
        expected.len(),
        "{case}: expected {expected:#?}\ngot:\n{}",
        listing.join("\n")
    );
    for (p, e) in problems.iter().zip(expected) {
        assert_eq!(
            p.file,
            dir.join(e.file).display().to_string(),
            "{case}: file of {p}"
        );
        assert_eq!(
            (p.line, p.column),
            (e.line, e.column),
            "{case}: position of {p}"
        );
        assert!(
            message_matches(&p.message, e.message),
            "{case}: message {:?}, expected {:?}",
            p.message,
            e.message
        );
        assert!(
            p.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "{case}: no hint for {p}"
        );
    }
}

/// `kurabe check --data tests/fixtures/<case>`, run from the crate root.
fn run_check(case: &str) -> (Output, String) {
    let out = kurabe_command(&no_home())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--data", &format!("tests/fixtures/{case}")])
        .output()
        .expect("run kurabe check");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, stdout)
}

/// Checks the binary's report and returns its output.
fn assert_check_reports(case: &str, expected: &[Expect]) -> String {
    let (out, stdout) = run_check(case);
    assert!(
        !out.status.success(),
        "{case}: kurabe check succeeded:\n{stdout}"
    );
    for e in expected {
        let prefix = format!("tests/fixtures/{case}/{}:{}:{}: ", e.file, e.line, e.column);
        let found = stdout.lines().any(|l| {
            l.strip_prefix(&prefix)
                .is_some_and(|m| message_matches(m, e.message))
        });
        assert!(
            found,
            "{case}: no line `{prefix}{:?}` in:\n{stdout}",
            e.message
        );
    }
    let reported = stdout
        .lines()
        .filter(|l| l.starts_with(&format!("tests/fixtures/{case}/")))
        .count();
    assert_eq!(
        reported,
        expected.len(),
        "{case}: problems printed:\n{stdout}"
    );
    stdout
}

/// A broken vendor file: the problems are reported and the vendor is left out, while the
/// catalogue itself still loads.
fn vendor_case(case: &str, expected: &[Expect]) {
    let (problems, catalog) = load(case);
    assert_problems(case, &problems, expected);
    let catalog = catalog.unwrap_or_else(|| panic!("{case}: the controls file should load"));
    assert_eq!(catalog.controls.len(), 2, "{case}");
    assert!(
        catalog.vendor_index("acme").is_none() && catalog.vendor_index("acme-corp").is_none(),
        "{case}: the broken vendor was loaded"
    );
    assert_check_reports(case, expected);
}

/// A broken controls file: the catalogue cannot be loaded at all.
fn controls_case(case: &str, expected: &[Expect]) {
    let (problems, catalog) = load(case);
    assert!(
        catalog.is_none(),
        "{case}: a broken controls file should be fatal"
    );
    assert_problems(case, &problems, expected);
    let stdout = assert_check_reports(case, expected);
    assert!(
        stdout.contains("the catalogue cannot be loaded"),
        "{stdout}"
    );
}

#[test]
fn valid_fixture_loads_cleanly() {
    let (problems, catalog) = load("valid");
    assert!(problems.is_empty(), "{problems:?}");
    let catalog = catalog.unwrap();
    assert_eq!(catalog.categories.len(), 1);
    assert_eq!(catalog.controls.len(), 2);
    let ids: Vec<&str> = catalog.vendors.iter().map(|v| v.id()).collect();
    assert_eq!(ids, ["acme"]);
    assert!(catalog.answer(0, 0).is_some() && catalog.answer(0, 1).is_some());
    let (out, stdout) = run_check("valid");
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.starts_with("ok: 1 categories, 2 controls, 1 vendors, 2 answers"),
        "{stdout}"
    );
}

#[test]
fn unknown_field_in_an_answer() {
    vendor_case(
        "unknown-field",
        &[contains(ACME, 20, 5, "unknown field `comment`")],
    );
}

#[test]
fn missing_field() {
    vendor_case(
        "missing-field",
        &[contains(ACME, 18, 5, "missing field `status`")],
    );
}

#[test]
fn bad_status_value() {
    vendor_case(
        "bad-status",
        &[contains(ACME, 19, 13, "unknown variant `not-stated`")],
    );
}

#[test]
fn unknown_control_in_an_answer() {
    vendor_case(
        "unknown-control",
        &[
            exact(ACME, 18, 14, "unknown control `backup-frequncy`"),
            // The misspelt answer answers nothing, so the real control goes unanswered.
            exact(ACME, 9, 1, "no answer to control `backup-frequency`"),
        ],
    );
}

#[test]
fn duplicate_answer_for_a_control() {
    vendor_case(
        "duplicate-answer",
        &[exact(
            ACME,
            20,
            14,
            "second answer to control `deletion-timing`",
        )],
    );
}

#[test]
fn missing_answer_for_a_control() {
    vendor_case(
        "missing-answer",
        &[exact(ACME, 9, 1, "no answer to control `backup-frequency`")],
    );
}

#[test]
fn unknown_document_in_a_quote() {
    vendor_case(
        "unknown-document",
        &[exact(ACME, 15, 19, "unknown document `policies`")],
    );
}

#[test]
fn duplicate_vendor_id_across_two_files() {
    // `acme.yaml` and `acme.yml` both define `acme`: the first (in name order) is kept.
    let case = "duplicate-vendor-id";
    let expected = [exact(
        "vendors/acme.yml",
        2,
        7,
        "duplicate vendor id `acme`",
    )];
    let (problems, catalog) = load(case);
    assert_problems(case, &problems, &expected);
    let catalog = catalog.unwrap();
    assert_eq!(catalog.vendors.len(), 1);
    assert_eq!(catalog.vendors[0].info.name.en, "Acme Corp.");
    assert_check_reports(case, &expected);
}

#[test]
fn duplicate_control_id_in_controls_yaml() {
    controls_case(
        "duplicate-control-id",
        &[exact(
            CONTROLS,
            8,
            13,
            "duplicate control id `deletion-timing`",
        )],
    );
}

#[test]
fn malformed_or_repeated_crosswalk_ids() {
    controls_case(
        "bad-crosswalk",
        &[
            exact(
                CONTROLS,
                6,
                66,
                "`8.35` is not an ISO/IEC 27002:2022 control",
            ),
            exact(CONTROLS, 6, 90, "`6.30` is listed twice"),
            exact(
                CONTROLS,
                10,
                33,
                "`CLD8.1.5` is not an ISO/IEC 27017:2015 clause",
            ),
        ],
    );
}

#[test]
fn duplicate_category_id() {
    controls_case(
        "duplicate-category-id",
        &[exact(CONTROLS, 8, 9, "duplicate category id `deletion`")],
    );
}

#[test]
fn invalid_id() {
    vendor_case(
        "invalid-id",
        &[exact(ACME, 5, 9, "invalid id `Security_Policy`")],
    );
}

#[test]
fn not_stated_answer_with_quotes() {
    vendor_case(
        "not-stated-with-quotes",
        &[exact(ACME, 21, 7, "a `not_stated` answer has quotes")],
    );
}

#[test]
fn stated_answer_without_quotes() {
    vendor_case(
        "stated-without-quotes",
        &[exact(ACME, 11, 13, "a `stated` answer has no quotes")],
    );
}

#[test]
fn bad_date() {
    vendor_case("bad-date", &[exact(ACME, 7, 11, "invalid date `2024-13`")]);
}

#[test]
fn a_date_not_in_the_calendar_is_refused() {
    // `2024-02-30` has the right shape: it used to pass `check` and then show no age.
    vendor_case(
        "bad-calendar-date",
        &[exact(ACME, 7, 11, "invalid date `2024-02-30`")],
    );
}

#[test]
fn duplicate_yaml_key() {
    vendor_case(
        "duplicate-yaml-key",
        &[exact(ACME, 12, 5, "duplicate key `status`")],
    );
}

#[test]
fn yaml_syntax_error() {
    // Line 12 leaves a flow mapping `{` open; the parser notices at the next line's key.
    vendor_case(
        "yaml-syntax",
        &[contains(
            ACME,
            13,
            5,
            "YAML syntax: invalid indentation in flow construct",
        )],
    );
}

#[test]
fn vendor_id_not_matching_file_name() {
    vendor_case(
        "vendor-id-mismatch",
        &[exact(
            ACME,
            2,
            7,
            "vendor id `acme-corp` does not match the file name `acme.yaml`",
        )],
    );
}

#[test]
fn negative_amount() {
    vendor_case(
        "negative-amount",
        &[exact(ACME, 13, 12, "value out of range: -30 days")],
    );
}

#[test]
fn a_stated_answer_to_a_yes_no_control_without_polarity() {
    vendor_case(
        "missing-polarity",
        &[exact(
            ACME,
            11,
            13,
            "an answer to the yes/no control `deletion-timing` has no polarity",
        )],
    );
}

#[test]
fn a_polarity_on_an_answer_to_an_open_control() {
    vendor_case(
        "polarity-on-open-control",
        &[exact(
            ACME,
            12,
            15,
            "a polarity on an answer to `deletion-timing`, which is not a yes/no control",
        )],
    );
}

#[test]
fn a_duration_counted_from_an_unknown_point() {
    // Inside a tagged value the YAML library reports the answer's position.
    vendor_case(
        "unknown-from",
        &[contains(
            ACME,
            10,
            5,
            "unknown starting point `from: contract-ending` (e.g. contract-end, cancellation, detection, unspecified)",
        )],
    );
}

#[test]
fn a_count_on_an_unknown_schedule() {
    vendor_case(
        "bad-schedule",
        &[contains(ACME, 10, 5, "unknown schedule `twice-a-day`")],
    );
}

#[test]
fn all_broken_files_are_reported_and_good_ones_load() {
    let case = "two-broken-vendors";
    let expected = [
        contains("vendors/alpha.yaml", 19, 13, "unknown variant `unknown`"),
        exact("vendors/gamma.yaml", 15, 19, "unknown document `guideline`"),
    ];
    let (problems, catalog) = load(case);
    assert_problems(case, &problems, &expected);
    let catalog = catalog.unwrap();
    let ids: Vec<&str> = catalog.vendors.iter().map(|v| v.id()).collect();
    assert_eq!(ids, ["beta"]);
    assert!(catalog.answer(0, 0).is_some() && catalog.answer(0, 1).is_some());
    assert_check_reports(case, &expected);
}

/// `*.yml` vendor files are read too, and their id must match their name as well.
#[test]
fn vendor_id_not_matching_yml_file_name() {
    let (problems, _) = load("yml-id-mismatch");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(
        p.file,
        fixture("yml-id-mismatch")
            .join("vendors/acme.yml")
            .display()
            .to_string()
    );
    assert_eq!((p.line, p.column), (2, 7));
    assert!(
        p.message.contains("does not match the file name"),
        "{}",
        p.message
    );
}
