//! What a Japanese auditor knows about certification schemes, as a user meets it: a certificate
//! named only by its ISMS-AC scheme shows and is found as the standard it certifies, and a
//! requirement on it is judged so; backups kept in several series show them all, and a bound on
//! generations is decided on the series it is about. On the embedded catalogue (QUALITIA) and,
//! for the screen, on the tests' own small catalogue (`tests/fixtures/certification-ui/`).

mod common;

use common::screen::{press, screen, type_keys};
use kurabe::catalog::{load_dir, load_embedded, Lang};
use kurabe::requirements::{self, Outcome};
use kurabe::search::SearchIndex;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::update::update;
use ratatui::crossterm::event::KeyCode;
use std::path::PathBuf;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certification-ui")
}

#[test]
fn searching_27017_finds_qualitias_cloud_security_certification() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let qualitia = catalog.vendor_index("qualitia").unwrap();
    let certifications = catalog.control_index("certifications").unwrap();
    // QUALITIA's documents say only 「ISMS クラウドセキュリティ認証」: the table knows it is
    // ISO/IEC 27017:2015, and search sees what the comparison shows.
    let hits = index.search("27017", &[qualitia]);
    assert!(hits.iter().any(|h| h.control == certifications), "{hits:?}");
    // It is QUALITIA's answer that matches, not the control's own words.
    let none = index.search("27017", &[]);
    assert!(
        !none.iter().any(|h| h.control == certifications),
        "{none:?}"
    );
}

/// The fixture's app, its requirements profile loaded, in a terminal of `width`x`height`.
fn app(width: u16, height: u16, lang: Lang) -> App {
    let loaded = load_dir(&fixture()).expect("the fixture catalogue loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::new(loaded.catalog, loaded.problems);
    app.spec.today = Some(common::screen::TODAY);
    app.spec.lang = lang;
    let (profiles, problems) =
        requirements::load_dir(&fixture().join("requirements"), &app.catalog);
    assert!(problems.is_empty(), "{problems:?}");
    for loaded in profiles {
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        app.pickers
            .profiles
            .push(std::sync::Arc::new(loaded.profile));
    }
    update(&mut app, Action::Resize { width, height });
    app
}

#[test]
fn a_scheme_shows_what_it_certifies_and_the_search_for_the_standard_finds_it() {
    for lang in [Lang::En, Lang::Ja] {
        let mut app = app(120, 30, lang);
        // Lambda's column off: only Kappa, whose certificates are named by scheme, is searched.
        type_keys(&mut app, "2/27017");
        press(&mut app, KeyCode::Enter);
        let s = screen(&app);
        assert!(s.contains("→ ISO/IEC 27017:2015"), "{s}");
        insta::assert_snapshot!(format!("scheme_searched_{}", lang.code()), s);
    }
}

#[test]
fn backups_in_several_series_are_judged_on_the_series_a_requirement_is_about() {
    let mut app = app(160, 40, Lang::En);
    // Pick the profile, then open the backup generations.
    type_keys(&mut app, "pj");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    type_keys(&mut app, "/generations");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains("15 generations, daily (data part); also 36"),
        "{s}"
    );
    insta::assert_snapshot!("series_judged_en", s);
}

#[test]
fn the_requirements_are_decided_as_a_reviewer_would() {
    let loaded = load_dir(&fixture()).unwrap();
    let catalog = loaded.catalog;
    let (profiles, _) = requirements::load_dir(&fixture().join("requirements"), &catalog);
    let profile = &profiles[0].profile;
    let outcomes = |vendor: &str| -> Vec<(Outcome, String)> {
        let v = catalog.vendor_index(vendor).unwrap();
        requirements::evaluate(profile, &catalog, &[v]).vendors[0]
            .judgements
            .iter()
            .map(|j| (j.outcome, requirements::words::reason(&j.reason, Lang::En)))
            .collect()
    };
    let kappa = outcomes("kappa");
    let lambda = outcomes("lambda");
    // includes ISO/IEC 27017: the cloud security scheme certifies it.
    assert_eq!(kappa[0].0, Outcome::Meets, "{}", kappa[0].1);
    assert_eq!(lambda[0].0, Outcome::Fails, "{}", lambda[0].1);
    // includes ISO/IEC 27001:2022: the ISMS scheme does not say which edition.
    assert_eq!(kappa[1].0, Outcome::Check, "{}", kappa[1].1);
    assert_eq!(lambda[1].0, Outcome::Meets, "{}", lambda[1].1);
    // min 10 generations, daily: Kappa's daily data series has 15, Lambda 7.
    assert_eq!(kappa[2].0, Outcome::Meets, "{}", kappa[2].1);
    assert!(
        kappa[2].1.contains("15 generations, daily (data part)"),
        "{}",
        kappa[2].1
    );
    assert_eq!(lambda[2].0, Outcome::Fails, "{}", lambda[2].1);
    // min 30 generations every 2 hours: Kappa's 36; Lambda keeps no such series.
    assert_eq!(kappa[3].0, Outcome::Meets, "{}", kappa[3].1);
    assert_eq!(lambda[3].0, Outcome::Check, "{}", lambda[3].1);
    assert!(
        lambda[3]
            .1
            .contains("no series is taken every 2 hours, so the generations cannot be compared: 7 generations, daily: about 7 days"),
        "{}",
        lambda[3].1
    );
}

#[test]
fn a_schedule_is_refused_where_it_names_no_series() {
    let catalog = load_dir(&fixture()).unwrap().catalog;
    let bad = "profile: { id: p, name: { en: P } }\nrequirements:\n  - { control: backup-generations, min: 3 days, schedule: daily, level: must }\n  - { control: backup-generations, min: 3 generations, schedule: fortnightly, level: must }\n";
    let problems = requirements::load_str("p.yaml", bad.as_bytes(), &catalog)
        .unwrap_err()
        .to_string();
    assert!(
        problems.contains("p.yaml:3:") && problems.contains("no `min` or `max` in generations"),
        "{problems}"
    );
    assert!(
        problems.contains("p.yaml:4:") && problems.contains("unknown schedule `fortnightly`"),
        "{problems}"
    );
}
