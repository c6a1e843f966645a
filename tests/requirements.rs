//! Requirements (社内基準): files through the gate, outcomes on the shipped vendors, the exact
//! unit conversions, bad files with line and column, and the outcomes in the view and its
//! markdown export.

mod common;

use kurabe::catalog::{load_embedded, Catalog, Lang, Polarity, Since, TimeUnit, Value};
use kurabe::requirements::{self, load_str, Level, Outcome, Profile, Quantity, Test, Unit};
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::view::{self, Scope, ViewSpec};
use std::path::Path;
use std::sync::Arc;

fn embedded() -> Catalog {
    load_embedded()
        .expect("the embedded catalogue loads")
        .catalog
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requirements")
        .join(name)
}

fn load(name: &str, catalog: &Catalog) -> requirements::LoadedProfile {
    requirements::load_file(&fixture(name), catalog).unwrap_or_else(|p| panic!("{name} loads: {p}"))
}

/// The outcome and reason (English) of every requirement for one vendor.
fn outcomes(profile: &Profile, catalog: &Catalog, vendor: &str) -> Vec<(Outcome, String)> {
    let v = catalog.vendor_index(vendor).unwrap();
    let eval = requirements::evaluate(profile, catalog, &[v]);
    eval.vendors[0]
        .judgements
        .iter()
        .map(|j| (j.outcome, requirements::words::reason(&j.reason, Lang::En)))
        .collect()
}

#[test]
fn the_kept_profile_judges_the_shipped_vendors_as_their_documents_say() {
    let catalog = embedded();
    let profile = load("kept-profile.yaml", &catalog).profile;
    // Deletion within 45 days; incidents notified within 24 hours.
    let cases: [(&str, Outcome, &str, Outcome, &str); 4] = [
        (
            "cybozu",
            Outcome::Meets,
            "30 days from the day after the contract ends is within 45 days",
            Outcome::NotStated,
            "say nothing",
        ),
        (
            "qualitysoft",
            Outcome::Fails,
            "60 days after cancellation is more than 45 days",
            Outcome::NotStated,
            "say nothing",
        ),
        (
            "qualitia",
            Outcome::NotStated,
            "say nothing",
            Outcome::Fails,
            "72 hours after it occurs is more than 24 hours",
        ),
        (
            "cybersolutions",
            Outcome::Check,
            "is a calendar rule, not a length of time",
            Outcome::Meets,
            "1 hour after detection is within 24 hours",
        ),
    ];
    for (vendor, deletion, why_deletion, incident, why_incident) in cases {
        let got = outcomes(&profile, &catalog, vendor);
        assert_eq!(got[0].0, deletion, "{vendor} deletion: {}", got[0].1);
        assert!(got[0].1.contains(why_deletion), "{vendor}: {}", got[0].1);
        assert_eq!(got[1].0, incident, "{vendor} incidents: {}", got[1].1);
        assert!(got[1].1.contains(why_incident), "{vendor}: {}", got[1].1);
    }
}

#[test]
fn the_shipped_values_behind_the_kept_profile_are_what_the_tests_assume() {
    let catalog = embedded();
    let value = |vendor: &str, control: &str| {
        let v = catalog.vendor_index(vendor).unwrap();
        let c = catalog.control_index(control).unwrap();
        catalog.answer(v, c).and_then(|a| a.value.clone())
    };
    let duration = |amount, unit, from| {
        Some(Value::Duration {
            amount,
            unit,
            from: Some(from),
        })
    };
    assert_eq!(
        value("cybozu", "deletion-timing"),
        duration(30.0, TimeUnit::Days, Since::DayAfterContractEnd)
    );
    assert_eq!(
        value("qualitysoft", "deletion-timing"),
        duration(60.0, TimeUnit::Days, Since::Cancellation)
    );
    assert_eq!(
        value("cybersolutions", "incident-notification-time"),
        duration(1.0, TimeUnit::Hours, Since::Detection)
    );
    assert_eq!(
        value("qualitia", "incident-notification-time"),
        duration(72.0, TimeUnit::Hours, Since::Occurrence)
    );
    assert!(matches!(
        value("cybersolutions", "deletion-timing"),
        Some(Value::CalendarRule { .. })
    ));
}

#[test]
fn outcomes_carry_the_quotes_behind_them_and_none_for_silence() {
    let catalog = embedded();
    let profile = load("kept-profile.yaml", &catalog).profile;
    let v = catalog.vendor_index("qualitysoft").unwrap();
    let eval = requirements::evaluate(&profile, &catalog, &[v]);
    let deletion = &eval.vendors[0].judgements[0];
    assert!(
        deletion
            .quotes
            .iter()
            .any(|q| q.text.contains("60日経過後")),
        "{deletion:?}"
    );
    assert!(eval.vendors[0].judgements[1].quotes.is_empty());
    assert_eq!(eval.vendors[0].card.must.fails, 1);
    assert_eq!(eval.vendors[0].card.must.not_stated, 1);
    assert!(!eval.all_musts_met());
}

#[test]
fn the_issue_shape_loads_with_string_and_mapping_bounds() {
    let catalog = embedded();
    let issue = load("issue-shape.yaml", &catalog);
    assert!(issue.warnings.is_empty(), "{:?}", issue.warnings);
    let p = &issue.profile;
    assert_eq!(
        (p.id.as_str(), p.name.get(Lang::Ja)),
        ("our-standard-2026", "社内基準2026")
    );
    let days = |amount| Quantity {
        amount,
        unit: Unit::Time(TimeUnit::Days),
    };
    assert_eq!(p.requirements[0].test, Test::Max(days(90.0)));
    assert_eq!(p.requirements[0].from, Some(Since::ContractEnd));
    assert_eq!(
        p.requirements[1].test,
        Test::Min(Quantity {
            amount: 7.0,
            unit: Unit::Generations
        })
    );
    assert_eq!(p.requirements[1].level, Level::Should);
    assert_eq!(
        p.requirements[2].test,
        Test::Includes(vec!["ISO/IEC 27017".to_string()])
    );
    assert_eq!(p.requirements[3].test, Test::Polarity(Polarity::Yes));
    let kept = load("kept-profile.yaml", &catalog).profile;
    let hours = Quantity {
        amount: 24.0,
        unit: Unit::Time(TimeUnit::Hours),
    };
    assert_eq!(
        kept.requirements[1].test,
        Test::Max(hours),
        "{{ amount, unit }} reads as a bound"
    );
    assert_eq!(
        kept.requirements[1].note.as_ref().unwrap().get(Lang::Ja),
        "1日以内に通知"
    );
}

#[test]
fn bounds_in_business_days_load_in_both_languages() {
    let catalog = embedded();
    let yaml = "profile: { id: bd, name: { en: BD } }\nrequirements:\n  - { control: incident-notification-time, max: 5 business days, level: must }\n  - { control: incident-notification-time, max: 5営業日, level: should }\n  - { control: incident-notification-time, max: { amount: 2, unit: working days }, level: should }\n";
    let loaded = load_str("bd.yaml", yaml.as_bytes(), &catalog).unwrap_or_else(|p| panic!("{p}"));
    let bounds: Vec<Test> = loaded
        .profile
        .requirements
        .iter()
        .map(|r| r.test.clone())
        .collect();
    let bd = |amount| {
        Test::Max(Quantity {
            amount,
            unit: Unit::Time(kurabe::catalog::TimeUnit::BusinessDays),
        })
    };
    assert_eq!(bounds, [bd(5.0), bd(5.0), bd(2.0)]);
    let r = &loaded.profile.requirements[0];
    assert_eq!(
        requirements::words::requirement(r, Lang::En),
        "at most 5 business days"
    );
    assert_eq!(requirements::words::requirement(r, Lang::Ja), "5営業日以内");
}

#[test]
fn includes_matches_any_edition_and_registration_id_on_the_shipped_lists() {
    let catalog = embedded();
    let yaml = "profile: { id: certs, name: { en: Certs } }\nrequirements:\n  - { control: certifications, includes: [\"ISO/IEC 27017\"], level: must }\n  - { control: certifications, includes: [\"ISO/IEC 27001:2022\"], level: should }\n";
    let profile = load_str("certs.yaml", yaml.as_bytes(), &catalog)
        .unwrap()
        .profile;
    let got = |vendor| -> Vec<Outcome> {
        outcomes(&profile, &catalog, vendor)
            .into_iter()
            .map(|o| o.0)
            .collect()
    };
    // "ISO/IEC 27017 (CLOUD 721590)", "ISO/IEC 27017:2015 (…)" and "ISO/IEC 27001:2022 (IS 513563)".
    assert_eq!(got("cybersolutions"), [Outcome::Meets, Outcome::Meets]);
    assert_eq!(
        got("cybozu"),
        [Outcome::Meets, Outcome::Fails],
        "27001:2013 is not the 2022 edition"
    );
    assert_eq!(got("qualitysoft"), [Outcome::Meets, Outcome::Fails]);
    // QUALITIA names its certificates by ISMS-AC's schemes: the cloud security one is ISO/IEC
    // 27017:2015 (JIP-ISMS517-1.0), the ISMS one ISO/IEC 27001 of an edition it does not give.
    let qualitia = outcomes(&profile, &catalog, "qualitia");
    assert_eq!(qualitia[0].0, Outcome::Meets, "{}", qualitia[0].1);
    assert!(
        qualitia[0].1.contains(
            "ISMS-AC ISMS Cloud Security (CLOUD 681574) certifies ISO/IEC 27017:2015 (JIP-ISMS517-1.0)"
        ),
        "{}",
        qualitia[0].1
    );
    assert_eq!(qualitia[1].0, Outcome::Check, "{}", qualitia[1].1);
    assert!(
        qualitia[1]
            .1
            .contains("names ISO/IEC 27001 without an edition, not ISO/IEC 27001:2022"),
        "{}",
        qualitia[1].1
    );
}

/// The problem a fixture is refused with, as printed.
fn refused(name: &str) -> String {
    match requirements::load_file(&fixture(name), &embedded()) {
        Ok(_) => panic!("{name} should be refused"),
        Err(problems) => problems.to_string(),
    }
}

#[test]
fn bad_requirement_files_are_refused_at_their_line_and_column_with_a_fix() {
    let cases = [
        (
            "unknown-control.yaml",
            ":8:14: unknown control `deletion-timeing`",
            "`deletion-timing`",
        ),
        (
            "unknown-unit.yaml",
            ":6:10: unknown unit `fortnights`",
            "minutes, hours, days",
        ),
        ("no-unit.yaml", ":6:10:", "has no unit"),
        ("unknown-field.yaml", ":6:5:", "unknown field `maximum`"),
        ("bad-level.yaml", ":7:12:", "expected `must` or `should`"),
        (
            "two-tests.yaml",
            ":7:15: one requirement asks both `stated` and `polarity`",
            "one requirement for each",
        ),
        (
            "bad-from.yaml",
            ":7:11: unknown starting point `from: contract-ending`",
            "contract-end",
        ),
    ];
    for (name, at, says) in cases {
        let message = refused(name);
        assert!(
            message.contains(&format!("{name}{at}")),
            "{name}: {message}"
        );
        assert!(message.contains(says), "{name}: {message}");
        assert!(
            message.contains("\n  fix: "),
            "{name} says what to change: {message}"
        );
    }
}

#[test]
fn a_bound_no_vendor_can_be_compared_with_loads_with_warnings_where_it_stands() {
    let loaded = load("kind-mismatch.yaml", &embedded());
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("kind-mismatch.yaml:8:10: no vendor's answer to `backup-generations`"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1]
            .contains("kind-mismatch.yaml:11:15: `storage-country` is not a yes/no question"),
        "{}",
        warnings[1]
    );
    assert_eq!(loaded.profile.requirements.len(), 2);
}

#[test]
fn hostile_bytes_are_refused_by_the_gate_not_by_a_panic() {
    let catalog = embedded();
    for bytes in [
        &b"\xFF\xFEp"[..],
        b"profile: [",
        b"a: &a [*a]",
        b"",
        b"\x1b[2J",
    ] {
        assert!(load_str("bad.yaml", bytes, &catalog).is_err(), "{bytes:?}");
    }
}

#[test]
fn a_directory_of_profiles_loads_every_file_and_reports_a_duplicate_id() {
    let catalog = embedded();
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.yaml", "b.yaml"] {
        std::fs::copy(fixture("kept-profile.yaml"), dir.path().join(name)).unwrap();
    }
    std::fs::copy(fixture("issue-shape.yaml"), dir.path().join("c.yaml")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not yaml").unwrap();
    let (profiles, problems) = requirements::load_dir(dir.path(), &catalog);
    let ids: Vec<&str> = profiles.iter().map(|p| p.profile.id.as_str()).collect();
    assert_eq!(ids, ["kept-in-tests", "our-standard-2026"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains("already that of"),
        "{}",
        problems[0]
    );
    let (none, no_problems) = requirements::load_dir(&dir.path().join("missing"), &catalog);
    assert!(none.is_empty() && no_problems.is_empty());
}

#[test]
fn the_view_and_its_markdown_state_the_outcomes_of_the_active_profile() {
    let catalog = embedded();
    let profile = Arc::new(load("kept-profile.yaml", &catalog).profile);
    let control = catalog.control_index("deletion-timing").unwrap();
    let spec = ViewSpec {
        scope: Scope::Control(control),
        requirements: Some(profile),
        ..ViewSpec::all(&catalog)
    };
    let view = view::derive(
        &catalog,
        &Reviews::default(),
        &SearchIndex::new(&catalog),
        &spec,
    );
    let row = view.row(control).unwrap();
    let by_vendor = |id: &str| {
        let v = catalog.vendor_index(id).unwrap();
        row.cells
            .iter()
            .find(|c| c.vendor == v)
            .unwrap()
            .outcomes
            .clone()
    };
    assert_eq!(by_vendor("cybozu")[0].outcome, Outcome::Meets);
    assert_eq!(by_vendor("qualitysoft")[0].badge, "✗ fails");
    assert_eq!(by_vendor("qualitia")[0].outcome, Outcome::NotStated);
    let md = kurabe::export::markdown::render(&view);
    assert!(
        md.contains("- Requirements: Kept in the tests (kept-in-tests)"),
        "{md}"
    );
    assert!(md.contains("Requirement (must): at most 45 days — **✗ fails**: 60 days after cancellation is more than 45 days"), "{md}");
    let rows = common::table_cells(&md);
    let names: Vec<String> = view.vendor_names().iter().map(|s| s.to_string()).collect();
    let qs = names
        .iter()
        .position(|n| n.contains("Quality Soft"))
        .unwrap();
    assert!(rows[1][qs + 1].starts_with("✗ fails\n"), "{:?}", rows[1]);

    let no_profile = ViewSpec {
        requirements: None,
        ..spec.clone()
    };
    let plain = view::derive(
        &catalog,
        &Reviews::default(),
        &SearchIndex::new(&catalog),
        &no_profile,
    );
    assert!(plain.rows[0].cells.iter().all(|c| c.outcomes.is_empty()));
    assert!(!kurabe::export::markdown::render(&plain).contains("Requirement ("));

    let ja = ViewSpec {
        lang: Lang::Ja,
        ..spec
    };
    let view = view::derive(
        &catalog,
        &Reviews::default(),
        &SearchIndex::new(&catalog),
        &ja,
    );
    let md = kurabe::export::markdown::render(&view);
    assert!(
        md.contains("基準 (必須): 45日以内 — **✗ 不適合**: 解約から60日は45日を超える"),
        "{md}"
    );
}

#[test]
fn the_readme_example_profile_loads_without_warnings() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Your own requirements")
        .nth(1)
        .expect("the README section");
    let yaml = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a yaml block");
    let loaded =
        load_str("README.md", yaml.as_bytes(), &embedded()).unwrap_or_else(|p| panic!("{p}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.profile.requirements.len(), 5);
    assert_eq!(loaded.profile.requirements[4].test, Test::Stated);
}

#[test]
fn hostile_text_in_a_profile_never_reaches_the_reports() {
    let catalog = embedded();
    let yaml = "profile:\n  id: hostile\n  name: { en: \"Ours\\e[2J\\u202E\" }\nrequirements:\n  - control: deletion-timing\n    max: 45 days\n    level: must\n    note: { en: \"\\e]52;c;aGk=\\a\" }\n";
    let profile = load_str("hostile.yaml", yaml.as_bytes(), &catalog)
        .unwrap()
        .profile;
    let eval = requirements::evaluate(&profile, &catalog, &[0, 1, 2, 3]);
    let v = &eval.vendors[0];
    for text in [
        kurabe::export::scorecard::render_markdown(&profile, &catalog, &eval, Lang::En),
        kurabe::export::scorecard::render_json(&profile, &catalog, &eval, Lang::Ja),
        kurabe::export::followup::render_markdown(&profile, &catalog, v),
        String::from_utf8(kurabe::export::followup::render_csv(&profile, &catalog, v).unwrap())
            .unwrap(),
    ] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202E}'),
            "{text}"
        );
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn catalog() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(embedded)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever a requirements file holds, loading it answers with a profile or problems.
        #[test]
        fn any_bound_unit_or_from_loads_or_is_refused(
            bound in "[0-9.]{0,6} ?[a-zA-Z%世代日時間]{0,12}",
            field in prop::sample::select(vec!["max", "min", "polarity", "includes", "stated", "from", "level"]),
            control in prop::sample::select(vec!["deletion-timing", "certifications", "nope", ""]),
        ) {
            let yaml = format!(
                "profile: {{ id: p, name: {{ en: P }} }}\nrequirements:\n  - control: \"{control}\"\n    {field}: \"{bound}\"\n    level: must\n"
            );
            match load_str("p.yaml", yaml.as_bytes(), catalog()) {
                Ok(loaded) => prop_assert_eq!(loaded.profile.requirements.len(), 1),
                Err(problems) => prop_assert!(problems.0.iter().all(|p| p.line > 0 && p.hint.is_some()), "{}", problems),
            }
        }

        #[test]
        fn any_text_is_refused_or_loaded_without_a_panic(text in "\\PC{0,300}") {
            if let Err(problems) = load_str("p.yaml", text.as_bytes(), catalog()) {
                prop_assert!(
                    problems.0.iter().all(|p| p.line > 0 && p.hint.is_some()),
                    "every problem has a place and a fix: {}",
                    problems
                );
            }
        }
    }
}

#[test]
fn the_template_loads_on_a_catalogue_without_the_examples_controls() {
    let controls = "categories:\n  - id: other\n    title: { en: Other }\n    controls:\n      - id: uptime\n        title: { en: Uptime }\n        question: { en: \"How much?\" }\n";
    let source = kurabe::catalog::SourceFile::new("controls.yaml", controls);
    let catalog = kurabe::catalog::load(source, Vec::new()).unwrap().catalog;
    let text = requirements::template::template(&catalog);
    let loaded = load_str("template.yaml", text.as_bytes(), &catalog)
        .unwrap_or_else(|p| panic!("{p}\n{text}"));
    assert_eq!(loaded.profile.requirements[0].test, Test::Stated);
    let embedded_text = requirements::template::template(&embedded());
    let embedded = load_str("template.yaml", embedded_text.as_bytes(), &embedded()).unwrap();
    assert_eq!(embedded.profile.requirements.len(), 4, "the four examples");
    assert!(embedded.warnings.is_empty(), "{:?}", embedded.warnings);
}
