//! Drafts are marked in every output, read back as a reader would: `kurabe export` on the real
//! binary over the UI tests' catalogue and Delta's drafts (tests/fixtures/drafts/delta.yaml),
//! markdown through pulldown-cmark, the workbook through calamine, CSV and TSV through csv, the
//! JSON through serde_json. And `--no-drafts` leaves nothing of a draft in any of them.

mod common;

use common::export_args::default_export_args;
use common::home::{kurabe, temp_home};
use common::sheets::{assert_workbook_matches_view, read_book, read_csv, Book};
use common::table_cells;
use kurabe::catalog::{yaml, Lang, VendorFile};
use kurabe::cli::{spec_from_args, ExportArgs, Format, LangArg};
use kurabe::paths::Paths;
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::{session, view};
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

/// The date `common::sheets` reads the workbook's description against.
const TODAY: &str = "2026-12-01";
const REVIEWED: &str = "log-retention";

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn delta_text() -> String {
    std::fs::read_to_string(fixture("drafts/delta.yaml")).unwrap()
}

/// A home whose vendors directory holds Delta's drafts.
fn home() -> (TempDir, Paths) {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    std::fs::write(paths.vendors_dir().join("delta.yaml"), delta_text()).unwrap();
    (dir, paths)
}

fn lang_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ja => "ja",
    }
}

/// `kurabe export --format FORMAT --lang LANG` and `extra`, on the UI catalogue with Delta.
fn run_export(paths: &Paths, format: &str, lang: Lang, extra: &[&str]) -> Output {
    let ui = fixture("ui");
    let mut args = vec![
        "--data",
        ui.to_str().unwrap(),
        "export",
        "--format",
        format,
        "--lang",
        lang_word(lang),
        "--today",
        TODAY,
        "--out",
        "-",
    ];
    args.extend_from_slice(extra);
    kurabe(paths, &args)
}

fn export(paths: &Paths, format: &str, lang: Lang, extra: &[&str]) -> Vec<u8> {
    let out = run_export(paths, format, lang, extra);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{format} {extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes)
}

fn delta_file() -> VendorFile {
    yaml::read::<VendorFile>("delta.yaml", delta_text().as_bytes())
        .expect("Delta's file loads")
        .0
}

/// The controls Delta's drafts answer, in the catalogue's order.
fn draft_controls() -> Vec<String> {
    let file = delta_file();
    let drafts: Vec<String> = (file.answers.iter())
        .filter(|a| a.draft)
        .map(|a| a.control.to_string())
        .collect();
    assert_eq!(drafts.len(), 5);
    drafts
}

/// Everything Delta's drafts propose that no other vendor says: their quotes, candidates,
/// summaries and the values as either language writes them (the list of certifications is
/// Alpha's too: its column is checked cell by cell instead).
fn draft_content() -> Vec<String> {
    let mut out = Vec::new();
    for a in delta_file().answers.iter().filter(|a| a.draft) {
        out.extend(a.quotes.iter().map(|q| q.text.to_string()));
        out.extend(a.candidates.iter().map(|c| c.text.to_string()));
        if let Some(s) = &a.summary {
            out.push(s.en.to_string());
            out.extend(s.ja.as_deref().map(str::to_owned));
        }
        if let Some(v) = &a.value {
            if !matches!(v, kurabe::catalog::Value::List { .. }) {
                out.push(v.label(Lang::En));
                out.push(v.label(Lang::Ja));
            }
        }
    }
    out.sort();
    out.dedup();
    assert!(out.len() >= 12, "{out:?}");
    out
}

fn assert_no_draft_content(output: &str, what: &str) {
    for content in draft_content() {
        assert!(
            !output.contains(&content),
            "{what} shows “{content}” of a draft:\n{output}"
        );
    }
}

fn mark(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "[draft] ",
        Lang::Ja => "【下書き】",
    }
}

fn masked(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "draft (not reviewed)",
        Lang::Ja => "下書き（未確認）",
    }
}

fn delta_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Delta Cloud",
        Lang::Ja => "デルタクラウド",
    }
}

/// A comparison table (header, then one row per control) read back, and what it holds.
struct Table {
    rows: Vec<Vec<String>>,
    /// Which column is Delta's.
    delta: usize,
    /// Which column holds the control's title.
    title: usize,
    /// The first vendor's column.
    first_vendor: usize,
}

impl Table {
    fn new(rows: Vec<Vec<String>>, lang: Lang, title: usize, first_vendor: usize) -> Table {
        let delta = rows[0]
            .iter()
            .position(|h| h == delta_name(lang))
            .unwrap_or_else(|| panic!("no Delta column: {:?}", rows[0]));
        assert_eq!(
            rows[0].len(),
            first_vendor + 4,
            "four vendors: {:?}",
            rows[0]
        );
        Table {
            rows,
            delta,
            title,
            first_vendor,
        }
    }

    /// Delta's cell on the control titled `title`.
    fn delta_cell(&self, title: &str) -> &str {
        let row = (self.rows.iter())
            .find(|r| r[self.title] == title)
            .unwrap_or_else(|| panic!("no row {title}: {:?}", self.rows));
        &row[self.delta]
    }

    /// Every vendor cell but Delta's.
    fn others(&self) -> impl Iterator<Item = &String> {
        self.rows[1..].iter().flat_map(move |r| {
            (r.iter().enumerate())
                .filter(move |(i, _)| *i >= self.first_vendor && *i != self.delta)
                .map(|(_, c)| c)
        })
    }
}

/// The controls' titles in `lang`, by id.
fn title(id: &str, lang: Lang) -> String {
    let loaded = kurabe::catalog::load_dir(&fixture("ui")).unwrap();
    let c = loaded.catalog.control_index(id).unwrap();
    loaded.catalog.controls[c]
        .control
        .title
        .get(lang)
        .to_string()
}

/// The comparison of every text format read back: markdown's table, CSV, TSV and the
/// workbook's comparison sheet.
fn tables(paths: &Paths, lang: Lang, extra: &[&str]) -> Vec<(&'static str, Table)> {
    let md = String::from_utf8(export(paths, "md", lang, extra)).unwrap();
    let csv = export(paths, "csv", lang, extra);
    let tsv = export(paths, "tsv", lang, extra);
    let book = read_book(&export(paths, "xlsx", lang, extra));
    let comparison = kurabe::export::xlsx::sheet_names(lang)[0];
    let sheet: Vec<Vec<String>> = (0..book.height(comparison))
        .map(|r| book.row(comparison, r, 5 + 4))
        .collect();
    vec![
        ("markdown", Table::new(table_cells(&md), lang, 0, 1)),
        (
            "csv",
            Table::new(read_csv(without_bom(&csv), b','), lang, 1, 4),
        ),
        (
            "tsv",
            Table::new(read_csv(without_bom(&tsv), b'\t'), lang, 1, 4),
        ),
        ("xlsx", Table::new(sheet, lang, 1, 5)),
    ]
}

#[test]
fn every_table_marks_each_draft_cell_and_no_other() {
    let (_dir, paths) = home();
    for lang in [Lang::En, Lang::Ja] {
        for (format, table) in tables(&paths, lang, &[]) {
            for control in draft_controls() {
                let cell = table.delta_cell(&title(&control, lang));
                assert!(
                    cell.starts_with(mark(lang)),
                    "{format} {lang:?} {control}: {cell:?}"
                );
                assert!(
                    cell.len() > mark(lang).len(),
                    "{format}: the draft is shown"
                );
            }
            let reviewed = table.delta_cell(&title(REVIEWED, lang));
            assert!(
                !reviewed.contains(mark(lang).trim()),
                "{format}: a reviewed answer carries no mark: {reviewed:?}"
            );
            for cell in table.others() {
                assert!(!cell.contains(mark(lang).trim()), "{format}: {cell:?}");
            }
        }
    }
    // What a draft proposes is there, marked: the deletion draft's value and its words.
    let tables = tables(&paths, Lang::Ja, &[]);
    let csv = &tables[1].1;
    assert_eq!(
        csv.delta_cell(&title("deletion-timing", Lang::Ja)),
        "【下書き】33日 — 「デルタは契約終了後33日で利用者データを消去します。」"
    );
}

#[test]
fn the_markdown_counts_each_vendors_drafts_and_its_detail_says_draft() {
    let (_dir, paths) = home();
    let md = String::from_utf8(export(&paths, "md", Lang::En, &[])).unwrap();
    assert!(
        md.contains("\n- Draft answers not reviewed: Delta Cloud (5)\n"),
        "{md}"
    );
    assert!(
        md.contains("### Delta Cloud: 33 days (stated, ✎ draft)\n"),
        "{md}"
    );
    assert!(
        md.contains("### Delta Cloud: not stated, ✎ draft\n"),
        "{md}"
    );
    let ja = String::from_utf8(export(&paths, "md", Lang::Ja, &[])).unwrap();
    assert!(
        ja.contains("\n- 未確認の下書き回答: デルタクラウド (5)\n"),
        "{ja}"
    );
    // Without drafts among the vendors shown, no count.
    let alpha = String::from_utf8(export(&paths, "md", Lang::En, &["--vendors", "alpha"])).unwrap();
    assert!(!alpha.contains("Draft answers not reviewed"), "{alpha}");
}

/// The workbook of `extra`, and the view it was made from, derived here as the command line
/// derives it.
fn workbook_and_view(paths: &Paths, lang: Lang, args: ExportArgs, extra: &[&str]) -> Book {
    let bytes = export(paths, "xlsx", lang, extra);
    let book = read_book(&bytes);
    let session = session::open(Some(&fixture("ui")), paths.clone()).unwrap();
    let catalog = &session.catalog;
    let spec = spec_from_args(catalog, &args).unwrap();
    let view = view::derive(
        catalog,
        &Reviews::default(),
        &SearchIndex::new(catalog),
        &spec,
    );
    assert_workbook_matches_view(&view, &book);
    book
}

#[test]
fn the_workbook_fills_and_marks_drafts_and_counts_them_per_vendor_on_the_documents_sheet() {
    let (_dir, paths) = home();
    for (lang, lang_arg) in [(Lang::En, LangArg::En), (Lang::Ja, LangArg::Ja)] {
        for mask in [false, true] {
            let args = ExportArgs {
                format: Format::Xlsx,
                lang: lang_arg,
                today: Some(TODAY.into()),
                no_drafts: mask,
                ..default_export_args()
            };
            let extra: &[&str] = if mask { &["--no-drafts"] } else { &[] };
            let book = workbook_and_view(&paths, lang, args, extra);
            // Read here directly too: Delta's count is 5, the others' 0, whether masked or not.
            let documents = kurabe::export::xlsx::sheet_names(lang)[2];
            let counts: Vec<(String, String)> = (0..book.height(documents))
                .filter(|&r| {
                    matches!(
                        book.sheets[documents].get_value((r as u32, 2)),
                        Some(calamine::Data::Float(_))
                    ) && book.text(documents, r, 3).is_empty()
                })
                .map(|r| {
                    let n = book.sheets[documents].get_value((r as u32, 2)).unwrap();
                    (book.text(documents, r, 0), n.to_string())
                })
                .collect();
            assert!(
                counts.contains(&(delta_name(lang).to_string(), "5".to_string())),
                "{counts:?}"
            );
            assert_eq!(counts.iter().filter(|(_, n)| n == "0").count(), 3);
        }
    }
}

#[test]
fn no_drafts_leaves_nothing_of_a_draft_in_any_export() {
    let (_dir, paths) = home();
    let standard = fixture("ui/requirements/ui-standard.yaml");
    for lang in [Lang::En, Lang::Ja] {
        // Each masked cell says only that it is a draft; with a profile, its outcomes follow,
        // and they too say only that.
        for with_profile in [false, true] {
            let mut extra = vec!["--no-drafts"];
            if with_profile {
                extra.extend(["--requirements", standard.to_str().unwrap()]);
            }
            for (format, table) in tables(&paths, lang, &extra) {
                let (check, says) = match lang {
                    Lang::En => ("? check", "check: draft, not reviewed"),
                    Lang::Ja => ("? 要判断", "要判断: 下書き（未確認）"),
                };
                for control in draft_controls() {
                    let cell = table.delta_cell(&title(&control, lang));
                    let mut lines: Vec<&str> = cell.lines().collect();
                    // The markdown table leads with the outcomes' badges.
                    if format == "markdown" && with_profile && lines.len() > 1 {
                        assert_eq!(lines.remove(0), check, "{format} {control}: {cell:?}");
                    }
                    assert_eq!(lines[0], masked(lang), "{format}: {cell:?}");
                    for line in &lines[1..] {
                        assert!(
                            with_profile && format != "markdown" && line.ends_with(says),
                            "{format} {control}: {cell:?}"
                        );
                    }
                }
                let reviewed = table.delta_cell(&title(REVIEWED, lang));
                assert!(
                    reviewed.contains(match lang {
                        Lang::En => "Logs are kept",
                        Lang::Ja => "ログは保存する",
                    }),
                    "{format}: a reviewed answer is shown whole: {reviewed:?}"
                );
            }
        }
        // And nowhere else: not in markdown's detail, the workbook's sources, the CSV.
        let md = String::from_utf8(export(&paths, "md", lang, &["--no-drafts"])).unwrap();
        assert_no_draft_content(&md, "markdown");
        let filters = match lang {
            Lang::En => "- Filters: drafts masked\n",
            Lang::Ja => "- 絞り込み: 下書きを伏せて表示\n",
        };
        assert!(md.contains(filters), "{md}");
        let heading = format!("### {}: {}\n", delta_name(lang), masked(lang));
        assert_eq!(md.matches(&heading).count(), 5, "{md}");
        for section in md.split(&heading).skip(1) {
            let until_next = section.split("\n#").next().unwrap();
            assert!(until_next.trim().is_empty(), "{until_next:?}");
        }
        for format in ["csv", "tsv"] {
            let text = String::from_utf8(export(&paths, format, lang, &["--no-drafts"])).unwrap();
            assert_no_draft_content(&text, format);
        }
        let book = read_book(&export(&paths, "xlsx", lang, &["--no-drafts"]));
        for (name, sheet) in &book.sheets {
            let all: Vec<String> = sheet.used_cells().map(|(_, _, v)| v.to_string()).collect();
            assert_no_draft_content(&all.join("\n"), name);
        }
    }
}

#[test]
fn the_json_marks_every_draft_with_a_field_and_refuses_no_drafts() {
    let (_dir, paths) = home();
    let json: serde_json::Value =
        serde_json::from_slice(&export(&paths, "json", Lang::En, &[])).unwrap();
    let mut drafts = Vec::new();
    for control in json["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["controls"].as_array().unwrap())
    {
        for a in control["answers"].as_array().unwrap() {
            match (a["vendor"].as_str().unwrap(), a.get("draft")) {
                ("delta", Some(serde_json::Value::Bool(true))) => {
                    drafts.push(control["id"].as_str().unwrap().to_string())
                }
                ("delta", None) => assert_eq!(control["id"], REVIEWED),
                (vendor, draft) => assert_eq!(draft, None, "{vendor} {}", control["id"]),
            }
        }
    }
    assert_eq!(drafts, draft_controls());

    let refused = run_export(&paths, "json", Lang::En, &["--no-drafts"]);
    assert_ne!(refused.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("every draft answer marked `\"draft\": true`")
            && stderr.contains("--no-drafts applies to the views"),
        "{stderr}"
    );
    assert!(refused.stdout.is_empty());
}

#[test]
fn with_drafts_masked_the_filters_see_a_draft_as_it_is_shown() {
    let (_dir, paths) = home();
    let rows = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--vendors", "alpha,delta", "--only-unstated"];
        args.extend_from_slice(extra);
        let csv = export(&paths, "csv", Lang::En, &args);
        read_csv(without_bom(&csv), b',')[1..]
            .iter()
            .map(|r| r[1].clone())
            .collect()
    };
    // Alpha states everything; Delta's draft on encryption says nothing, so `s` lists it...
    assert_eq!(rows(&[]), [title("encryption-at-rest", Lang::En)]);
    // ...unless drafts are masked: the cell says "draft (not reviewed)", not "not stated".
    assert!(rows(&["--no-drafts"]).is_empty());
}
