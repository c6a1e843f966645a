//! The workbooks on paper, read back from the files: the page setup, print titles and fonts
//! from the xlsx zip's XML, the row heights against the cells' text read by calamine, the
//! outcome colours and the scorecard against `kurabe evaluate`'s numbers, and the follow-up
//! questionnaire's rows and page.

mod common;

use common::sheets::{read_book, spec, Book};
use kurabe::catalog::{load_embedded, Catalog, Lang};
use kurabe::export::paper::{self, MIN_SCALE};
use kurabe::export::{followup, scorecard_sheet, workbook, xlsx};
use kurabe::requirements::{self, Outcome, Profile};
use kurabe::reviews::Reviews;
use kurabe::search::SearchIndex;
use kurabe::view::{derive, ViewSpec};
use regex::Regex;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

fn embedded() -> Catalog {
    load_embedded().unwrap().catalog
}

fn profile(catalog: &Catalog) -> Profile {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requirements/kept-profile.yaml");
    requirements::load_file(&fixture, catalog)
        .unwrap_or_else(|p| panic!("{p}"))
        .profile
}

/// The XML parts of an xlsx file by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            out.insert(name, text);
        }
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let re = Regex::new(&format!(r#"\b{name}="([^"]*)""#)).unwrap();
    re.captures(tag).map(|c| c[1].to_string())
}

fn page_setup(sheet_xml: &str) -> String {
    let re = Regex::new(r"<pageSetup [^>]*/>").unwrap();
    re.find(sheet_xml)
        .expect("a pageSetup")
        .as_str()
        .to_string()
}

/// Each column's width (0-based) as the sheet declares it.
fn column_widths(sheet_xml: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for tag in Regex::new(r"<col [^>]*/>").unwrap().find_iter(sheet_xml) {
        let n = |a| attr(tag.as_str(), a).unwrap().parse::<f64>().unwrap();
        let (min, max, width) = (n("min") as usize, n("max") as usize, n("width"));
        out.resize(max, 8.43);
        for w in &mut out[min - 1..max] {
            *w = width;
        }
    }
    out
}

/// Each row's declared height (0-based rows), where it has one.
fn row_heights(sheet_xml: &str) -> BTreeMap<usize, f64> {
    let re = Regex::new(r"<row [^>]*>").unwrap();
    re.find_iter(sheet_xml)
        .filter_map(|tag| {
            let r: usize = attr(tag.as_str(), "r")?.parse().ok()?;
            Some((r - 1, attr(tag.as_str(), "ht")?.parse().ok()?))
        })
        .collect()
}

fn font_names(styles_xml: &str) -> Vec<String> {
    let fonts =
        &styles_xml[styles_xml.find("<fonts").unwrap()..styles_xml.find("</fonts>").unwrap()];
    let re = Regex::new(r#"<name val="([^"]*)"/>"#).unwrap();
    re.captures_iter(fonts).map(|c| c[1].to_string()).collect()
}

fn print_titles(workbook_xml: &str, sheet: usize) -> Option<String> {
    let re = Regex::new(&format!(
        r#"<definedName name="_xlnm.Print_Titles" localSheetId="{sheet}">([^<]*)</definedName>"#
    ))
    .unwrap();
    re.captures(workbook_xml).map(|c| c[1].to_string())
}

/// The fewest lines a cell's text can take in a column `width` wide, where a line holds
/// `width - 1` narrow or half as many wide characters, however its words fall.
fn fewest_lines(text: &str, width: f64) -> usize {
    let room = (width.floor() - 1.0).max(1.0);
    (text.split('\n'))
        .map(|line| ((line.width() as f64) / room).ceil().max(1.0) as usize)
        .sum()
}

/// Every row of `sheet` (with `cols` columns) is tall enough for the fewest lines its most
/// wrapped cell can take, and not more than half as tall again and a line: never clipped,
/// never mostly white. A row of single lines keeps the default height.
fn assert_rows_fit_their_text(book: &Book, sheet: &str, xml: &str, cols: usize, lang: Lang) {
    let widths = column_widths(xml);
    let heights = row_heights(xml);
    let line = paper::typeface(lang).line_pt;
    let mut grown = 0;
    for r in 0..book.height(sheet) {
        let lines = (0..cols)
            .map(|c| fewest_lines(&book.text(sheet, r, c), widths[c]))
            .max()
            .unwrap();
        let height = heights.get(&r).copied();
        if lines == 1 {
            continue;
        }
        let height = height.unwrap_or_else(|| panic!("{sheet} row {r}: {lines} lines, no height"));
        grown += 1;
        let needed = (lines as f64 * line).min(paper::MAX_ROW_PT);
        assert!(
            height >= needed,
            "{sheet} row {r}: {height} pt for {lines} lines"
        );
        let most = lines as f64 * 1.5 * line + line + 3.0;
        assert!(
            height <= most,
            "{sheet} row {r}: {height} pt for {lines} lines"
        );
    }
    assert!(grown > 0, "{sheet}: some rows wrap");
}

/// Fitted one page wide (fitToWidth's default is 1), as many pages tall as it takes.
fn assert_one_page_wide(sheet_xml: &str, setup: &str) {
    assert!(sheet_xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#));
    assert_eq!(attr(setup, "fitToWidth").as_deref().unwrap_or("1"), "1");
    assert_eq!(attr(setup, "fitToHeight").as_deref(), Some("0"));
}

#[test]
fn the_comparison_prints_on_a4_landscape_with_titles_repeated_legibly_in_one_typeface() {
    let catalog = embedded();
    let index = SearchIndex::new(&catalog);
    for (lang, font) in [(Lang::En, "Calibri"), (Lang::Ja, "游ゴシック")] {
        let view = derive(&catalog, &Reviews::default(), &index, &spec(&catalog, lang));
        assert_eq!(view.vendors.len(), 4);
        let bytes = xlsx::render(&view).unwrap();
        let xml = parts(&bytes);
        let sheet = &xml["xl/worksheets/sheet1.xml"];
        let setup = page_setup(sheet);
        assert_eq!(attr(&setup, "paperSize").as_deref(), Some("9"), "A4");
        assert_eq!(attr(&setup, "orientation").as_deref(), Some("landscape"));
        // Four vendors do not fit one page wide at a readable size: they flow on to further
        // pages at 75% or more (11 pt printed at 8.25 pt or more), over then down.
        let scale: u16 = attr(&setup, "scale").expect("a scale").parse().unwrap();
        assert!(scale >= MIN_SCALE, "{scale}");
        assert!(11.0 * f64::from(scale) / 100.0 >= 8.0);
        assert!(!sheet.contains("fitToPage"), "not shrunk to one page");
        assert_eq!(attr(&setup, "pageOrder").as_deref(), Some("overThenDown"));
        let face = paper::typeface(lang);
        let widths: Vec<f64> = column_widths(sheet).iter().map(|w| w.floor()).collect();
        assert!(paper::pages_across(&widths, 2, scale, &face) > 1);
        // The header row and the first two columns are repeated on every page.
        let name = xlsx::sheet_names(lang)[0];
        assert_eq!(
            print_titles(&xml["xl/workbook.xml"], 0),
            Some(format!("{name}!$A:$B,{name}!$1:$1"))
        );
        // One typeface: the workbook's default and every cell's.
        let fonts = font_names(&xml["xl/styles.xml"]);
        assert!(!fonts.is_empty());
        assert!(fonts.iter().all(|f| f == font), "{lang:?}: {fonts:?}");
        // The page footer numbers the pages.
        assert!(sheet.contains("&amp;P / &amp;N"), "page numbers");

        let book = read_book(&bytes);
        assert_rows_fit_their_text(&book, name, sheet, 5 + view.vendors.len(), lang);
        let sources = &xml["xl/worksheets/sheet2.xml"];
        assert_eq!(
            attr(&page_setup(sources), "paperSize").as_deref(),
            Some("9")
        );
        assert_rows_fit_their_text(&book, xlsx::sheet_names(lang)[1], sources, 8, lang);
    }
}

#[test]
fn one_vendor_fits_one_page_wide_as_that_stays_readable() {
    let catalog = embedded();
    let index = SearchIndex::new(&catalog);
    let spec = ViewSpec {
        vendors: vec![0],
        ..spec(&catalog, Lang::Ja)
    };
    let view = derive(&catalog, &Reviews::default(), &index, &spec);
    let xml = parts(&xlsx::render(&view).unwrap());
    let sheet = &xml["xl/worksheets/sheet1.xml"];
    let setup = page_setup(sheet);
    assert_one_page_wide(sheet, &setup);
    // Fitting it keeps at least 75%: its columns take one page at that scale.
    let widths: Vec<f64> = column_widths(sheet).iter().map(|w| w.floor()).collect();
    let face = paper::typeface(Lang::Ja);
    assert_eq!(paper::pages_across(&widths, 2, MIN_SCALE, &face), 1);
}

#[test]
fn outcomes_are_coloured_and_the_scorecard_sheet_counts_what_evaluate_counts() {
    let catalog = embedded();
    let index = SearchIndex::new(&catalog);
    let profile = profile(&catalog);
    for lang in [Lang::En, Lang::Ja] {
        let spec = ViewSpec {
            requirements: Some(Arc::new(profile.clone())),
            ..spec(&catalog, lang)
        };
        let view = derive(&catalog, &Reviews::default(), &index, &spec);
        let bytes = xlsx::render(&view).unwrap();
        let book = read_book(&bytes);
        let name = scorecard_sheet::name(lang);
        assert_eq!(book.names[1], name);
        // Every colour of an outcome appears on the comparison (`assert_workbook_matches_view`
        // checks each cell's colour against its worst outcome).
        common::sheets::assert_workbook_matches_view(&view, &book);
        let comparison = xlsx::sheet_names(lang)[0];
        let colours: Vec<Option<u32>> = (1..book.height(comparison))
            .flat_map(|r| (5..5 + view.vendors.len()).map(move |c| (r, c)))
            .map(|(r, c)| book.fill_rgb(comparison, r, c))
            .collect();
        for o in [Outcome::Meets, Outcome::Fails, Outcome::NotStated] {
            let fill = Some(workbook::outcome_fill(o));
            assert!(colours.contains(&fill), "{o:?} coloured somewhere");
        }

        // The scorecard: the numbers of `kurabe evaluate`, must then should per vendor.
        let header = scorecard_sheet::HEADER_ROW as usize;
        let headings = book.row(name, header, 6);
        assert_eq!(
            headings[2],
            requirements::words::outcome_badge(Outcome::Meets, lang)
        );
        let eval = requirements::evaluate(&profile, &catalog, &spec.vendors);
        let mut r = header + 1;
        for v in &eval.vendors {
            let vendor = catalog.vendors[v.vendor].info.name.get(lang);
            for tally in [&v.card.must, &v.card.should] {
                assert_eq!(book.text(name, r, 0), vendor);
                for (c, o) in (2..).zip(Outcome::ALL) {
                    let cell = book.sheets[name].get_value((r as u32, c as u32));
                    assert_eq!(cell, Some(&calamine::Data::Float(tally.get(o) as f64)));
                    let fill = book.fill_rgb(name, r, c as usize);
                    let expected = (tally.get(o) > 0).then(|| workbook::outcome_fill(o));
                    assert_eq!(fill, expected, "{vendor} {o:?}");
                }
                r += 1;
            }
        }
        assert_eq!(book.height(name), r, "nothing below the table");
        let gate = kurabe::export::scorecard::gate_words(eval.all_musts_met(), lang);
        assert!(book.text(name, 1, 0).ends_with(gate));
    }
    // Without a profile there is no scorecard.
    let view = derive(
        &catalog,
        &Reviews::default(),
        &index,
        &spec(&catalog, Lang::Ja),
    );
    let book = read_book(&xlsx::render(&view).unwrap());
    assert!(!book
        .names
        .iter()
        .any(|n| n == scorecard_sheet::name(Lang::Ja)));
}

#[test]
fn the_followup_questionnaire_has_room_to_answer_and_prints_one_page_wide() {
    let catalog = embedded();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requirements/issue-shape.yaml");
    let profile = requirements::load_file(&fixture, &catalog)
        .unwrap_or_else(|p| panic!("{p}"))
        .profile;
    let vendor = catalog.vendor_index("qualitysoft").unwrap();
    let eval = requirements::evaluate(&profile, &catalog, &[vendor]);
    let bytes = followup::render_xlsx(&profile, &catalog, &eval.vendors[0]).unwrap();
    let xml = parts(&bytes);
    let sheet = &xml["xl/worksheets/sheet1.xml"];
    let setup = page_setup(sheet);
    assert_eq!(attr(&setup, "paperSize").as_deref(), Some("9"));
    assert_eq!(attr(&setup, "orientation").as_deref(), Some("landscape"));
    assert_one_page_wide(sheet, &setup);
    assert_eq!(
        print_titles(&xml["xl/workbook.xml"], 0).as_deref(),
        Some("追加質問票!$2:$2")
    );
    let fonts = font_names(&xml["xl/styles.xml"]);
    assert!(fonts.iter().all(|f| f == "游ゴシック"), "{fonts:?}");
    // Seven columns at their widths take one page at 75% or more: readable once fitted.
    let widths: Vec<f64> = column_widths(sheet).iter().map(|w| w.floor()).collect();
    assert_eq!(widths.len(), followup::HEADINGS.len());
    assert!(
        widths[6] >= 30.0,
        "an answer column to write in: {widths:?}"
    );
    let face = paper::typeface(Lang::Ja);
    assert_eq!(paper::pages_across(&widths, 0, MIN_SCALE, &face), 1);

    let book = read_book(&bytes);
    let heights = row_heights(sheet);
    // The marker row and the headings come before the questions.
    let before = followup::ROWS_BEFORE_QUESTIONS;
    let questions = book.height("追加質問票") - before;
    assert!(questions >= 2, "questions for the gaps");
    let room = followup::ANSWER_LINES as f64 * face.line_pt;
    for r in before..before + questions {
        assert!(heights[&r] >= room, "row {r}: room for the answer");
        for (c, &width) in widths.iter().enumerate() {
            let lines = fewest_lines(&book.text("追加質問票", r, c), width) as f64;
            assert!(heights[&r] >= lines * face.line_pt, "row {r} column {c}");
        }
    }
}

#[test]
fn the_diff_workbook_prints_a4_landscape_with_its_headings_on_every_page() {
    use kurabe::catalog::Value;
    let catalog = embedded();
    let profile = profile(&catalog);
    let after = &catalog.vendors[catalog.vendor_index("qualitysoft").unwrap()];
    // The earlier version: every valued answer said otherwise, and its quotes were others.
    let mut before = after.clone();
    for a in before.answers.iter_mut().filter(|a| a.value.is_some()) {
        a.value = Some(Value::Indefinite);
        for q in &mut a.quotes {
            q.text = format!("{} (旧版)", q.text).into();
        }
    }
    let diff = kurabe::changes::diff(&before, after, &catalog, Some(&profile));
    assert!(diff.changes.len() > 5, "{}", diff.changes.len());
    let bytes =
        kurabe::export::diff_sheet::render(&diff, &catalog, Some(&profile), Lang::Ja).unwrap();
    let xml = parts(&bytes);
    let sheet = &xml["xl/worksheets/sheet1.xml"];
    let setup = page_setup(sheet);
    assert_eq!(attr(&setup, "paperSize").as_deref(), Some("9"));
    assert_eq!(attr(&setup, "orientation").as_deref(), Some("landscape"));
    assert_one_page_wide(sheet, &setup);
    assert_eq!(
        print_titles(&xml["xl/workbook.xml"], 0).as_deref(),
        Some("変更点!$5:$5")
    );
    // The title and the versions' documents span the table, never wrapped in a narrow column.
    for range in ["A1:E1", "B2:E2", "B3:E3", "B4:E4"] {
        assert!(
            sheet.contains(&format!("<mergeCell ref=\"{range}\"/>")),
            "{range} merged"
        );
    }
    let fonts = font_names(&xml["xl/styles.xml"]);
    assert!(fonts.iter().all(|f| f == "游ゴシック"), "{fonts:?}");
    let book = read_book(&bytes);
    assert_eq!(book.height("変更点"), 5 + diff.changes.len());
}
