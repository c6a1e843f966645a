//! The markdown export on arbitrary text in every field: the document holds no control or
//! invisible character, and every table cell reads back, through a markdown parser, as the
//! sanitized text. The workbook and the CSV are built from the same views without a panic,
//! and no CSV field starts like a formula.
#![no_main]

use kurabe::catalog::{load, Lang, Origin, SourceFile};
use kurabe::export::{csv, markdown, sheet, xlsx};
use kurabe::search::SearchIndex;
use kurabe::view::{derive, ViewSpec};
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A YAML double-quoted scalar that delivers exactly `s`.
fn yq(s: &str) -> String {
    let mut out = String::from("\"T");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn table_cells(md: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap_or_default()),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                rows.push(std::mem::take(&mut row))
            }
            Event::Text(t) | Event::Code(t) => cell.iter_mut().for_each(|c| c.push_str(&t)),
            Event::InlineHtml(h) | Event::Html(h) => cell.iter_mut().for_each(|c| {
                if h.as_ref() == "<br>" {
                    c.push('\n')
                } else {
                    c.push_str(&h)
                }
            }),
            Event::SoftBreak | Event::HardBreak => cell.iter_mut().for_each(|c| c.push('\n')),
            _ => {}
        }
    }
    rows
}

fuzz_target!(|texts: [String; 8]| {
    // Each cell reads back from a table.
    let md = format!(
        "| {} | {} |\n| --- | --- |\n| {} | {} |\n",
        markdown::cell(&texts[0]),
        markdown::cell(&texts[1]),
        markdown::cell(&texts[2]),
        markdown::cell(&texts[3])
    );
    let expected: Vec<String> = texts[..4]
        .iter()
        .map(|t| kurabe::sanitize::text(t).into_owned())
        .collect();
    assert_eq!(
        table_cells(&md),
        vec![expected[..2].to_vec(), expected[2..].to_vec()],
        "{md}"
    );

    // A catalogue with the texts in its fields, through the loader, exported.
    let t = |i: usize| yq(&texts[i % texts.len()]);
    let controls = format!(
        "categories:\n  - id: c\n    title: {{ en: {}, ja: {} }}\n    controls:\n      - id: x\n        title: {{ en: {}, ja: {} }}\n        question: {{ en: {} }}\n",
        t(0), t(1), t(2), t(3), t(4)
    );
    let vendor = format!(
        "vendor: {{ id: acme, name: {{ en: {}, ja: {} }} }}\ndocuments:\n  - {{ id: d, title: {}, version: {}, source: s.txt }}\nanswers:\n  - control: x\n    status: stated\n    summary: {{ en: {}, ja: {} }}\n    value: {{ kind: list, items: [{}] }}\n    note: {{ en: {} }}\n    quotes:\n      - {{ document: d, section: {}, text: {} }}\n",
        t(5), t(6), t(7), t(0), t(1), t(2), t(3), t(4), t(5), t(6)
    );
    let Ok(loaded) = load(
        SourceFile::new("controls.yaml", controls),
        vec![(
            SourceFile::new("vendors/acme.yaml", vendor),
            Origin::Directory,
        )],
    ) else {
        return;
    };
    let catalog = &loaded.catalog;
    let index = SearchIndex::new(catalog);
    for lang in [Lang::En, Lang::Ja] {
        let spec = ViewSpec {
            lang,
            query: texts[7].clone(),
            ..ViewSpec::all(catalog)
        };
        let view = derive(catalog, &Default::default(), &index, &spec);
        xlsx::render(&view).expect("the workbook builds");
        let tsv = csv::clipboard_tsv(&view);
        if let Some(c) = tsv
            .chars()
            .find(|&c| !matches!(c, '\n' | '\r' | '\t') && kurabe::sanitize::is_hidden(c))
        {
            panic!("the TSV holds U+{:04X}:\n{tsv}", c as u32);
        }
        for field in sheet::table(&view).into_iter().flatten() {
            let field = sheet::defused(field);
            assert!(!sheet::looks_like_formula(&field), "{field:?}");
        }
        let _ = csv::render(&view, csv::Delimiter::Comma, csv::Encoding::Cp932);
        let md = markdown::render(&view);
        if let Some(c) = md
            .chars()
            .find(|&c| c != '\n' && kurabe::sanitize::is_hidden(c))
        {
            panic!("the export holds U+{:04X}:\n{md}", c as u32);
        }
    }
});
