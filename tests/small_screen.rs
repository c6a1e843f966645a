//! The small screen (80x24): the matrix shows fewer vendors with usable cells, scrolled
//! sideways with a count of those off screen; the hint bar keeps `? help`; vendors' short
//! display names (`short_name`) stand in where a name does not fit. On the tests' own
//! catalogue (`tests/fixtures/small-screen/`: four vendors named 株式会社…).

mod common;

use common::screen::{press, screen, type_keys};
use kurabe::catalog::{load_dir, yaml, Lang, VendorFile};
use kurabe::tui::action::Action;
use kurabe::tui::app::App;
use kurabe::tui::update::update;
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-screen")
}

fn small_app(lang: Lang) -> App {
    let loaded = load_dir(&fixture()).expect("the small-screen fixture loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::new(loaded.catalog, loaded.problems);
    app.spec.today = Some(common::screen::TODAY);
    app.spec.lang = lang;
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    app
}

/// The matrix's header row: the line that starts with the "control" column's heading.
fn matrix_header(shown: &str, heading: &str) -> String {
    shown
        .lines()
        .find(|l| l.contains(&format!("││{heading}")))
        .unwrap_or_else(|| panic!("no matrix header:\n{shown}"))
        .to_string()
}

/// The matrix's vendor cells in its header row, as they read.
fn header_cells(header: &str) -> Vec<String> {
    let inner = header.split("││").nth(1).expect("the matrix pane");
    inner
        .trim_end_matches('│')
        .split('│')
        .skip(1)
        .map(|c| c.trim().to_string())
        .collect()
}

#[test]
fn the_matrix_at_80x24_shows_usable_cells_short_names_and_how_many_vendors_are_off_screen() {
    for (lang, code, heading, first, second) in [
        (Lang::En, "en", "Control", "Hoshizora", "Kawasemi"),
        (Lang::Ja, "ja", "管理策", "ほしぞら", "カワセミ"),
    ] {
        let mut app = small_app(lang);
        type_keys(&mut app, "jv");
        let shown = screen(&app);
        let header = matrix_header(&shown, heading);
        let cells = header_cells(&header);
        // Two of four vendors, each a cell wide enough to read; the short names, since the
        // names (株式会社…) do not fit; the count of the two off screen to the right.
        assert_eq!(
            cells,
            [first.to_string(), format!("{second} +2▶")],
            "{code}:\n{shown}"
        );
        let inner = header.split("││").nth(1).expect("the matrix pane");
        let widths: Vec<usize> = inner
            .trim_end_matches('│')
            .split('│')
            .skip(1)
            .map(unicode_width::UnicodeWidthStr::width)
            .collect();
        assert!(
            widths.len() == 2 && widths.iter().all(|&w| w >= 16),
            "{code}: cells of at least 16 columns: {widths:?}\n{shown}"
        );
        insta::assert_snapshot!(format!("matrix_{code}_80x24"), shown);

        // Scrolled to the right: the last vendor has no short name: its name goes without its
        // company form (株式会社), cut to fit.
        press(&mut app, KeyCode::Tab);
        type_keys(&mut app, "lll");
        let shown = screen(&app);
        let cells = header_cells(&matrix_header(&shown, heading));
        assert_eq!(cells.len(), 2, "{code}:\n{shown}");
        assert!(cells[0].starts_with("◀+2 "), "{code}: {cells:?}");
        assert!(cells[1].ends_with('…'), "{code}: {cells:?}");
        assert!(
            cells[1].starts_with("Tsubame") || cells[1].starts_with("つばめ"),
            "{code}: {cells:?}"
        );
        insta::assert_snapshot!(format!("matrix_scrolled_{code}_80x24"), shown);
    }
}

#[test]
fn the_hint_bar_keeps_the_help_key_and_the_status_line_the_drafts_at_80x24() {
    for (lang, help, drafts) in [
        (Lang::En, "? help", "1 draft"),
        (Lang::Ja, "? ヘルプ", "下書き"),
    ] {
        let mut app = small_app(lang);
        let shown = screen(&app);
        let lines: Vec<&str> = shown.lines().collect();
        let hints = lines[23];
        assert!(hints.ends_with(help), "{lang:?}: {hints}");
        assert!(
            hints.contains('…'),
            "{lang:?}: the cut hints say so: {hints}"
        );
        let status = lines[22];
        assert!(status.contains(drafts), "{lang:?}: {status}");
        assert!(
            status.ends_with("4 controls")
                || status.ends_with("3 件")
                || status.ends_with("3 controls"),
            "{lang:?}: the status line ends whole: {status}"
        );
        // In the matrix too, and in the help itself its closing key.
        type_keys(&mut app, "v");
        assert!(screen(&app).lines().nth(23).unwrap().ends_with(help));
        type_keys(&mut app, "?");
        assert!(screen(&app).lines().nth(23).unwrap().contains("Esc/q"));
    }
}

/// A copy of the fixture with `kawasemi`'s short name replaced by `short`.
fn with_short_name(short: &str) -> (tempfile::TempDir, Vec<kurabe::catalog::Problem>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("vendors")).unwrap();
    std::fs::copy(
        fixture().join("controls.yaml"),
        dir.path().join("controls.yaml"),
    )
    .unwrap();
    for entry in std::fs::read_dir(fixture().join("vendors")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.ends_with("kawasemi.yaml") {
            text = text.replace(
                r#"short_name: { en: "Kawasemi", ja: "カワセミ" }"#,
                &format!("short_name: {short}"),
            );
        }
        std::fs::write(
            dir.path().join("vendors").join(path.file_name().unwrap()),
            text,
        )
        .unwrap();
    }
    let problems = match load_dir(dir.path()) {
        Ok(loaded) => loaded.problems,
        Err(problems) => problems.0,
    };
    (dir, problems)
}

#[test]
fn a_short_name_must_be_given_and_short() {
    let (_dir, problems) = with_short_name(r#"{ en: "Kawasemi", ja: "" }"#);
    assert!(
        problems
            .iter()
            .any(|p| p.message == "empty text" && p.file.ends_with("kawasemi.yaml")),
        "{problems:?}"
    );
    let (_dir, problems) =
        with_short_name(r#"{ en: "Kawasemi", ja: "株式会社カワセミシステムズ" }"#);
    let long = problems
        .iter()
        .find(|p| p.message.contains("more than 16"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(long.message.contains("26 columns wide"), "{long:?}");
    assert!(long
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("at most 16")));
    let (_dir, problems) = with_short_name(r#"{ en: "Kawasemi", nick: "K" }"#);
    assert!(
        problems.iter().any(|p| p.message.contains("nick")),
        "unknown fields are still refused: {problems:?}"
    );
    let (_dir, problems) = with_short_name(r#"{ en: "Kawasemi", ja: "カワセミ" }"#);
    assert!(problems.is_empty(), "{problems:?}");
}

/// Adding `short_name` to a vendor file changes no answer's review fingerprint: no verdict
/// given before goes stale.
#[test]
fn short_names_leave_every_review_fingerprint_as_it_was() {
    let vendors = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/vendors");
    let mut files = 0;
    for entry in std::fs::read_dir(vendors).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("\n  short_name: "),
            "{} has a short name",
            path.display()
        );
        let without: String = text
            .lines()
            .filter(|l| !l.starts_with("  short_name: "))
            .map(|l| format!("{l}\n"))
            .collect();
        let read = |t: &str| {
            yaml::read::<VendorFile>("x.yaml", t.as_bytes())
                .expect("the vendor file reads")
                .0
        };
        let (with, without) = (read(&text), read(&without));
        assert!(with.vendor.short_name.is_some() && without.vendor.short_name.is_none());
        assert_eq!(with.answers.len(), without.answers.len());
        for (a, b) in with.answers.iter().zip(&without.answers) {
            assert_eq!(
                kurabe::reviews::fingerprint(Some(a)),
                kurabe::reviews::fingerprint(Some(b)),
                "{}: {}",
                path.display(),
                a.control
            );
        }
        files += 1;
    }
    assert!(files >= 4);
}
