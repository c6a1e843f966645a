//! The headline of an answer tells like from like: who says yes and who says no (a polarity
//! beside the status), and what each number counts from — on the screen and in the markdown.

mod common;

use common::export_args::default_export_args;
use kurabe::catalog::{load_embedded, Catalog, Lang};
use kurabe::cli::{export, ExportArgs, LangArg};
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::tui::theme::Theme;
use kurabe::tui::widgets::{answer_lines, AnswerContext};
use kurabe::view::{derive, Cell, Scope, ViewSpec};

fn catalog() -> Catalog {
    load_embedded().unwrap().catalog
}

/// Each shown vendor's annotated answer to `control`, by vendor id.
fn cells<'a>(catalog: &'a Catalog, control: &str, lang: Lang) -> Vec<(String, Cell<'a>)> {
    let ci = catalog.control_index(control).unwrap();
    let spec = ViewSpec {
        lang,
        scope: Scope::Control(ci),
        ..ViewSpec::all(catalog)
    };
    let view = derive(
        catalog,
        &Reviews::default(),
        &SearchIndex::new(catalog),
        &spec,
    );
    let row = view.row(ci).expect("the control is in view");
    row.cells
        .iter()
        .map(|c| (catalog.vendors[c.vendor].id().to_string(), c.clone()))
        .collect()
}

fn cell<'a>(cells: &'a [(String, Cell<'a>)], vendor: &str) -> &'a Cell<'a> {
    &cells.iter().find(|(id, _)| id == vendor).unwrap().1
}

#[test]
fn a_yes_no_row_shows_who_says_yes_and_who_says_no() {
    let catalog = catalog();
    let en = cells(&catalog, "encryption-at-rest", Lang::En);
    assert_eq!(cell(&en, "cybozu").polarity, Some("yes"));
    assert_eq!(cell(&en, "qualitia").polarity, Some("no"));
    assert_eq!(cell(&en, "qualitysoft").polarity, None, "not stated");
    let ja = cells(&catalog, "encryption-at-rest", Lang::Ja);
    assert_eq!(cell(&ja, "qualitia").polarity, Some("いいえ"));
    // Both said `● stated` before: now the badge line tells them apart.
    let ctx = AnswerContext {
        lang: Lang::En,
        query: "",
        width: 40,
        theme: &Theme { color: false },
    };
    let first = |c: &Cell| answer_lines(c, &ctx)[0].to_string();
    assert_eq!(first(cell(&en, "cybozu")), "● stated  ‹yes›");
    assert_eq!(first(cell(&en, "qualitia")), "● stated  ‹no›");
    assert_eq!(first(cell(&en, "qualitysoft")), "○ not stated");
}

#[test]
fn durations_show_what_they_count_from() {
    let catalog = catalog();
    let en = cells(&catalog, "deletion-timing", Lang::En);
    assert_eq!(
        cell(&en, "qualitysoft").value.as_deref(),
        Some("60 days after cancellation")
    );
    assert_eq!(
        cell(&en, "cybozu").value.as_deref(),
        Some("30 days from the day after the contract ends")
    );
    assert_eq!(
        cell(&en, "cybersolutions").value.as_deref(),
        Some("the 10th of the month after the data-deletion date in the cancellation form")
    );
    let ja = cells(&catalog, "deletion-timing", Lang::Ja);
    assert_eq!(
        cell(&ja, "qualitysoft").value.as_deref(),
        Some("解約から60日")
    );
    assert_eq!(
        cell(&ja, "cybozu").value.as_deref(),
        Some("契約終了翌日から30日")
    );
    let backups = cells(&catalog, "backup-generations", Lang::En);
    // Quality Soft keeps three series: the daily one of the data first, then the others.
    assert_eq!(
        cell(&backups, "qualitysoft").value.as_deref(),
        Some(
            "15 generations, daily (data part); also 36 generations, every 2 hours (data part); \
             7 generations, daily (OS part)"
        )
    );
    assert_eq!(
        cell(&backups, "cybersolutions").value.as_deref(),
        Some("7 generations, daily")
    );
    let hours = cells(&catalog, "service-hours", Lang::Ja);
    assert_eq!(
        cell(&hours, "cybersolutions").value.as_deref(),
        Some("24時間365日(計画停止を除く)")
    );
}

fn markdown(control: &str, lang: LangArg) -> String {
    let catalog = catalog();
    let args = ExportArgs {
        control: Some(control.into()),
        lang,
        ..default_export_args()
    };
    export(&catalog, &Reviews::default(), &args).unwrap()
}

#[test]
fn the_markdown_carries_the_polarity_and_the_starting_point() {
    let md = markdown("encryption-at-rest", LangArg::En);
    assert!(md.contains("### QUALITIA CO., LTD.: stated, no\n"), "{md}");
    assert!(md.contains("### Cybozu, Inc.: stated, yes\n"), "{md}");
    // The comparison table leads with it too.
    assert!(
        md.contains("| yes — All stored data is encrypted. |"),
        "{md}"
    );
    let md = markdown("encryption-at-rest", LangArg::Ja);
    assert!(md.contains(": 記載あり, いいえ\n"), "{md}");
    let md = markdown("deletion-timing", LangArg::En);
    assert!(
        md.contains(": 60 days after cancellation (stated)\n"),
        "{md}"
    );
}
