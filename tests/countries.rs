//! Country and legal-system values (準拠法, データの保管国) in the reader's language, through
//! the one country table: on the screen, in the markdown and in the workbook; and a
//! requirement's `includes:` naming the country in either language.

mod common;

use common::home::{open_app, temp_home, type_keys};
use common::sheets::{read_book, spec};
use kurabe::catalog::{load_embedded, Catalog, Lang};
use kurabe::export::{markdown, xlsx};
use kurabe::requirements::{self, Outcome};
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::view::{derive, Scope, ViewSpec};
use std::sync::Arc;

fn embedded() -> Catalog {
    load_embedded().unwrap().catalog
}

fn control_view(catalog: &Catalog, control: &str, lang: Lang) -> ViewSpec {
    ViewSpec {
        scope: Scope::Control(catalog.control_index(control).unwrap()),
        ..spec(catalog, lang)
    }
}

#[test]
fn japan_reads_as_japan_in_english_and_nihon_in_japanese() {
    let catalog = embedded();
    let index = SearchIndex::new(&catalog);
    for (control, ja) in [("governing-law", "日本"), ("storage-country", "日本")] {
        for (lang, name) in [(Lang::En, "Japan"), (Lang::Ja, ja)] {
            let view = derive(
                &catalog,
                &Reviews::default(),
                &index,
                &control_view(&catalog, control, lang),
            );
            let values: Vec<&str> = view.rows[0]
                .cells
                .iter()
                .filter_map(|c| c.value.as_deref())
                .collect();
            assert!(!values.is_empty(), "{control}");
            assert!(
                values.iter().all(|v| *v == name),
                "{control} {lang:?}: {values:?}"
            );

            let md = markdown::render(&view);
            assert!(
                md.contains(&format!("{name} —")),
                "{control} {lang:?}:\n{md}"
            );
            if lang == Lang::Ja {
                assert!(!md.contains("Japan —"), "{md}");
            }

            let book = read_book(&xlsx::render(&view).unwrap());
            let sheet = &book.names[0];
            let row = book.row(sheet, 1, 5 + view.vendors.len());
            assert!(
                row[5..].iter().filter(|c| c.starts_with(name)).count() == values.len(),
                "{control} {lang:?}: {row:?}"
            );
        }
    }
}

#[test]
fn the_screen_shows_the_country_in_japanese() {
    let (_dir, paths) = temp_home();
    let mut app = open_app(&paths, 160, 45);
    type_keys(&mut app, "L/準拠法\n\t");
    let screen = common::screen::screen(&app);
    assert!(screen.contains("準拠法"), "{screen}");
    let values = screen
        .lines()
        .flat_map(|l| l.split('│'))
        .filter(|cell| cell.trim() == "日本")
        .count();
    assert_eq!(values, 3, "three vendors state the governing law: {screen}");
    assert!(!screen.contains("Japan"), "{screen}");
}

#[test]
fn a_requirement_names_the_country_in_either_language() {
    let catalog = embedded();
    for wanted in ["Japan", "日本", "日本法"] {
        let yaml = format!(
            "profile:\n  id: here\n  name: {{ en: \"Here\", ja: \"国内\" }}\nrequirements:\n  \
             - control: governing-law\n    includes: [\"{wanted}\"]\n    level: must\n  \
             - control: storage-country\n    includes: [\"{wanted}\"]\n    level: must\n"
        );
        let loaded = requirements::load::load_str("here.yaml", yaml.as_bytes(), &catalog).unwrap();
        let profile = Arc::new(loaded.profile);
        let spec = ViewSpec {
            requirements: Some(profile),
            ..spec(&catalog, Lang::Ja)
        };
        let view = derive(
            &catalog,
            &Reviews::default(),
            &SearchIndex::new(&catalog),
            &spec,
        );
        for control in ["governing-law", "storage-country"] {
            let row = view.row(catalog.control_index(control).unwrap()).unwrap();
            for cell in row.cells.iter().filter(|c| c.value.is_some()) {
                let outcomes: Vec<Outcome> = cell.outcomes.iter().map(|o| o.outcome).collect();
                assert_eq!(outcomes, [Outcome::Meets], "{wanted} on {control}");
                assert!(
                    cell.outcomes[0].asks.contains("日本"),
                    "{:?}",
                    cell.outcomes[0]
                );
            }
        }
    }
    // Another country is not Japan.
    let yaml =
        "profile:\n  id: abroad\n  name: { en: \"Abroad\", ja: \"国外\" }\nrequirements:\n  \
                - control: storage-country\n    includes: [\"米国\"]\n    level: must\n";
    let loaded = requirements::load::load_str("abroad.yaml", yaml.as_bytes(), &catalog).unwrap();
    let spec = ViewSpec {
        requirements: Some(Arc::new(loaded.profile)),
        ..spec(&catalog, Lang::Ja)
    };
    let view = derive(
        &catalog,
        &Reviews::default(),
        &SearchIndex::new(&catalog),
        &spec,
    );
    let row = view
        .row(catalog.control_index("storage-country").unwrap())
        .unwrap();
    for cell in row.cells.iter().filter(|c| c.value.is_some()) {
        assert_eq!(cell.outcomes[0].outcome, Outcome::Fails);
        assert!(
            cell.outcomes[0].reason.contains("米国"),
            "{:?}",
            cell.outcomes[0]
        );
    }
}
