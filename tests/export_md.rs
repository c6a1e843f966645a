//! Markdown export: what the screen shows, as a table that reads back cell for cell, and the
//! same bytes from the app and from `kurabe export`.

mod common;

use common::export_args::default_export_args;
use common::home::type_keys_held;
use common::table_cells;
use kurabe::catalog::{load_dir, load_embedded, Catalog};
use kurabe::cli::{export, ExportArgs, LangArg};
use kurabe::export::markdown;
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::run_effect;
use kurabe::tui::update::{update, Effect};
use kurabe::view::{derive, ViewSpec};
use std::path::Path;

fn embedded() -> Catalog {
    load_embedded().unwrap().catalog
}

fn args() -> ExportArgs {
    default_export_args()
}

/// `e`, then Enter: the format offered first, markdown unless another was chosen.
fn app_export(app: &mut App) -> String {
    match type_keys_held(app, "e\n") {
        Some(Effect::Export { contents, .. }) => String::from_utf8(contents).unwrap(),
        other => panic!("e did not export: {other:?}"),
    }
}

#[test]
fn app_and_command_line_exports_are_byte_identical() {
    // Control view after a search.
    let mut app = App::new(embedded(), Vec::new());
    type_keys_held(&mut app, "/deletion\n");
    let cli = export(
        &app.catalog,
        &app.reviews,
        &ExportArgs {
            query: "deletion".into(),
            control: Some("deletion-timing".into()),
            ..args()
        },
    )
    .unwrap();
    assert_eq!(app_export(&mut app), cli);

    // Category matrix, one vendor hidden, differences only, Japanese.
    let mut app = App::new(embedded(), Vec::new());
    type_keys_held(&mut app, "cjjj\nv3dL");
    let cli = export(
        &app.catalog,
        &app.reviews,
        &ExportArgs {
            category: Some("deletion".into()),
            vendors: vec![
                "cybersolutions".into(),
                "cybozu".into(),
                "qualitysoft".into(),
            ],
            only_differences: true,
            lang: LangArg::Ja,
            ..args()
        },
    )
    .unwrap();
    assert_eq!(app_export(&mut app), cli);

    // Matrix of search results, silence filter.
    let mut app = App::new(embedded(), Vec::new());
    type_keys_held(&mut app, "v/バックアップ\ns");
    let cli = export(
        &app.catalog,
        &app.reviews,
        &ExportArgs {
            query: "バックアップ".into(),
            only_unstated: true,
            ..args()
        },
    )
    .unwrap();
    assert_eq!(app_export(&mut app), cli);
}

fn assert_table_matches_view(catalog: &Catalog, spec: &ViewSpec) {
    let index = SearchIndex::new(catalog);
    let reviews = Reviews::default();
    let view = derive(catalog, &reviews, &index, spec);
    let md = markdown::render(&view);
    let rows = table_cells(&md);
    assert_eq!(rows.len(), view.rows.len() + 1, "{md}");
    let mut header = vec![match spec.lang {
        kurabe::catalog::Lang::En => "Control".to_string(),
        kurabe::catalog::Lang::Ja => "管理策".to_string(),
    }];
    header.extend(view.vendor_names().iter().map(|s| s.to_string()));
    assert_eq!(rows[0], header);
    for (parsed, row) in rows[1..].iter().zip(&view.rows) {
        let mut expected = vec![catalog.controls[row.control]
            .control
            .title
            .get(spec.lang)
            .to_string()];
        expected.extend(row.cells.iter().map(|c| c.text.clone()));
        assert_eq!(parsed, &expected, "{md}");
    }
}

#[test]
fn the_markdown_table_reads_back_as_the_views_cells() {
    let catalog = embedded();
    assert_table_matches_view(&catalog, &ViewSpec::all(&catalog));
    assert_table_matches_view(
        &catalog,
        &ViewSpec {
            lang: kurabe::catalog::Lang::Ja,
            ..ViewSpec::all(&catalog)
        },
    );
}

#[test]
fn pipes_newlines_backslashes_and_markup_survive_the_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tricky-text");
    let catalog = load_dir(&dir).unwrap().catalog;
    assert_eq!(catalog.vendors.len(), 1, "the fixture loads");
    let spec = ViewSpec::all(&catalog);
    let summary = &catalog.vendors[0].answers[0].summary.as_ref().unwrap().en;
    assert!(summary.contains('|') && summary.contains('\n') && summary.contains('\\'));
    assert_table_matches_view(&catalog, &spec);
    assert_table_matches_view(
        &catalog,
        &ViewSpec {
            lang: kurabe::catalog::Lang::Ja,
            ..spec
        },
    );
}

#[test]
fn pressing_e_writes_a_new_file_each_time_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(embedded(), Vec::new());
    app.files.export_dir = dir.path().to_path_buf();
    type_keys_held(&mut app, "/deletion\n");
    let effect = type_keys_held(&mut app, "e\n").unwrap();
    let Effect::Export { contents, .. } = effect.clone() else {
        panic!("e exports");
    };
    update(&mut app, run_effect(effect.clone()));
    let first = dir.path().join("kurabe-deletion-timing.md");
    assert_eq!(std::fs::read(&first).unwrap(), contents);
    let msg = app.status.message.clone().unwrap();
    assert!(
        !msg.error && msg.text.contains("kurabe-deletion-timing.md"),
        "{msg:?}"
    );
    std::fs::write(&first, "my edits").unwrap();
    update(&mut app, run_effect(effect));
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        "my edits",
        "an existing file is never overwritten"
    );
    assert!(dir.path().join("kurabe-deletion-timing-2.md").exists());
    assert!(app
        .status
        .message
        .clone()
        .unwrap()
        .text
        .contains("kurabe-deletion-timing-2.md"));
}

#[cfg(unix)]
#[test]
fn exporting_into_a_read_only_directory_says_so_and_the_app_keeps_running() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores directory permissions; a path that is a file fails for everyone.
    let target = if std::fs::write(dir.path().join("probe"), "x").is_ok() {
        let file = dir.path().join("probe");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        file
    } else {
        dir.path().to_path_buf()
    };
    let mut app = App::new(embedded(), Vec::new());
    app.files.export_dir = target.clone();
    let effect = type_keys_held(&mut app, "e\n").unwrap();
    update(&mut app, run_effect(effect));
    let msg = app.status.message.clone().unwrap();
    assert!(msg.error, "{msg:?}");
    assert!(msg.text.contains(&target.display().to_string()), "{msg:?}");
    assert!(!app.quit);
    update(&mut app, Action::Down);
}
