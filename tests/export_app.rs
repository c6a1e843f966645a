//! The app's `e` picker and `y` copy, driven by keys through the key table: the workbook and
//! the CSV it writes are the command line's for the same view, the choice is remembered, and
//! the copy is the comparison as tab-separated text.

mod common;

use calamine::{Reader, Xlsx};
use common::export_args::default_export_args;
use common::home::type_keys_held;
use common::home::{home_env, paths_under};
use common::screen::screen;
use common::{tmux_available, Tmux};
use kurabe::catalog::{load_embedded, Catalog};
use kurabe::cli::{render, EncodingArg, ExportArgs, Format, LangArg};
use kurabe::export::csv;
use kurabe::tui::action::Action;
use kurabe::tui::app::{App, InputKind};
use kurabe::tui::clipboard::Via;
use kurabe::tui::export::ExportFormat;
use kurabe::tui::persist::Remembered;
use kurabe::tui::run_effect;
use kurabe::tui::update::{update, Effect};
use std::io::Cursor;

fn embedded() -> Catalog {
    load_embedded().unwrap().catalog
}

fn args(app: &App, format: Format) -> ExportArgs {
    ExportArgs {
        format,
        query: "deletion".into(),
        control: Some("deletion-timing".into()),
        lang: LangArg::Ja,
        today: app.spec.today.map(|d| d.to_string()),
        ..default_export_args()
    }
}

/// The app after a search for "deletion", in Japanese, in `dir`.
fn searched_app(dir: &std::path::Path) -> App {
    let mut app = App::new(embedded(), Vec::new());
    app.files.export_dir = dir.to_path_buf();
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    type_keys_held(&mut app, "/deletion\nL");
    app
}

#[test]
fn e_then_excel_writes_the_workbook_the_command_line_writes_and_remembers_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = searched_app(dir.path());
    assert!(type_keys_held(&mut app, "e").is_none(), "e only asks");
    assert_eq!(app.input.kind(), InputKind::ExportPicker);
    let shown = screen(&app);
    assert!(shown.contains("書き出す形式"), "{shown}");
    assert!(shown.contains("Excel ブック (.xlsx)"), "{shown}");

    // Down to Excel, Enter.
    let effect = type_keys_held(&mut app, "j\n").expect("Enter exports");
    assert_eq!(app.input.kind(), InputKind::Normal);
    let Effect::Export {
        extension,
        contents,
        ..
    } = effect.clone()
    else {
        panic!("not an export: {effect:?}");
    };
    assert_eq!(extension, "xlsx");
    let cli = render(
        &app.catalog,
        &app.reviews,
        &args(&app, Format::Xlsx),
        EncodingArg::Utf8,
        &[],
    )
    .unwrap();
    assert_eq!(
        contents, cli,
        "the app and the command line write the same workbook"
    );

    update(&mut app, run_effect(effect));
    let path = dir.path().join("kurabe-deletion-timing.xlsx");
    let msg = app.status.message.clone().unwrap();
    assert!(
        !msg.error && msg.text.contains(&path.display().to_string()),
        "{msg:?}"
    );
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&path).unwrap())).unwrap();
    assert_eq!(book.sheet_names(), ["比較", "出典", "文書"]);
    let comparison = book.worksheet_range("比較").unwrap();
    assert_eq!(comparison.height(), 2, "the header and the one control");

    // Remembered: the next `e` offers Excel first, and so does the next start.
    assert_eq!(app.pickers.export_format, ExportFormat::Excel);
    let state = dir.path().join("state.yaml");
    Remembered::of(&app).save(&state).unwrap();
    let mut again = App::new(embedded(), Vec::new());
    Remembered::load(&state)
        .unwrap()
        .unwrap()
        .restore(&mut again);
    assert_eq!(again.pickers.export_format, ExportFormat::Excel);
    let Some(Effect::Export { extension, .. }) = type_keys_held(&mut app, "e\n") else {
        panic!("e Enter exports");
    };
    assert_eq!(extension, "xlsx");
}

#[test]
fn the_picker_picks_by_letter_and_closes_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = searched_app(dir.path());
    assert!(type_keys_held(&mut app, "e\u{1b}").is_none());
    assert_eq!(app.input.kind(), InputKind::Normal);
    assert!(
        type_keys_held(&mut app, "ee").is_none(),
        "e again closes it too"
    );
    assert_eq!(app.input.kind(), InputKind::Normal);

    let Some(Effect::Export {
        extension,
        contents,
        ..
    }) = type_keys_held(&mut app, "ec")
    else {
        panic!("e c exports");
    };
    assert_eq!(extension, "csv");
    let cli = render(
        &app.catalog,
        &app.reviews,
        &args(&app, Format::Csv),
        EncodingArg::Utf8,
        &[],
    )
    .unwrap();
    assert_eq!(contents, cli);
    assert!(contents.starts_with("\u{feff}".as_bytes()));

    let Some(Effect::Export { extension, .. }) = type_keys_held(&mut app, "em") else {
        panic!("e m exports");
    };
    assert_eq!(extension, "md");
}

#[test]
fn y_copies_the_comparison_as_tab_separated_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = searched_app(dir.path());
    type_keys_held(&mut app, "\u{1b}v"); // every control, as a matrix
                                         // Every shown vendor, not only the columns on screen.
    let view = app.full_view();
    let expected = csv::clipboard_tsv(&view);
    let rows = view.rows.len();
    drop(view);
    let Some(Effect::Copy { text, controls }) = type_keys_held(&mut app, "y") else {
        panic!("y copies");
    };
    assert_eq!(text, expected);
    assert_eq!(controls, rows);
    assert!(
        !text.starts_with('\u{feff}'),
        "no byte-order mark on the clipboard"
    );
    let parsed: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(b'\t')
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(parsed.len(), rows + 1);
    assert_eq!(parsed[0][..4], ["カテゴリ", "管理策", "質問", "対応規格"]);
    assert_eq!(parsed[0].len(), 4 + app.spec.vendors.len());

    // The status line says where it went.
    update(
        &mut app,
        Action::Copied {
            controls: rows,
            result: Ok(Via::Osc52 { ssh: true }),
        },
    );
    let msg = app.status.message.clone().unwrap();
    assert!(!msg.error && msg.text.contains("OSC 52"), "{msg:?}");
    assert!(
        msg.text
            .contains(&format!("管理策 {rows} 件をタブ区切りで")),
        "in the interface's language: {msg:?}"
    );
    assert!(screen(&app).contains("OSC 52"));
}

/// The real binary in tmux, "over SSH": `e` `x` writes a workbook, and `y` reaches tmux's
/// clipboard through OSC 52 (tmux takes it with `set-clipboard on`).
#[test]
fn in_a_real_terminal_e_x_writes_a_workbook_and_y_copies_through_osc52() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let home = home_env(&paths_under(dir.path()));
    let mut command = vec![
        "env",
        "-u",
        "DISPLAY",
        "-u",
        "WAYLAND_DISPLAY",
        "SSH_TTY=/dev/pts/99",
    ];
    command.extend(home.iter().map(String::as_str));
    command.push(env!("CARGO_BIN_EXE_kurabe"));
    let tmux = Tmux::start("export-app", dir.path(), (160, 45), &command);
    tmux.cmd(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.wait_for("Categories");

    tmux.cmd(&["send-keys", "-t", "kurabe", "e"]);
    tmux.wait_for("Export the view as");
    tmux.cmd(&["send-keys", "-t", "kurabe", "x"]);
    let shown = tmux.wait_for("Exported to");
    let name = shown
        .split_whitespace()
        .find(|w| w.ends_with(".xlsx"))
        .unwrap_or_else(|| panic!("no workbook named:\n{shown}"));
    let path = dir
        .path()
        .join(std::path::Path::new(name).file_name().unwrap());
    let book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&path).unwrap())).unwrap();
    assert_eq!(book.sheet_names(), ["Comparison", "Sources", "Documents"]);

    tmux.cmd(&["send-keys", "-t", "kurabe", "y"]);
    tmux.wait_for("OSC 52, over SSH");
    let buffer = String::from_utf8_lossy(&tmux.cmd(&["show-buffer"]).stdout).into_owned();
    assert!(
        buffer.starts_with("Category\tControl\tQuestion\t"),
        "{buffer}"
    );
    tmux.quit();
}
