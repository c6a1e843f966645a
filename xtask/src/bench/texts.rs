//! The texts kurabe searches, as lines for `fzf --filter` (`xtask dump-texts`).
//!
//! The texts are those `src/search/index.rs` indexes, in its order, each normalized as the index
//! normalizes it (`kurabe::text::normalize`: NFKC and lowercase), line breaks and tabs made
//! spaces. For a control: its title (en, ja), question (en, ja) and crosswalk line; each
//! answering vendor's summary (en, ja) and value as the comparison shows it; the control's id;
//! each answering vendor's note (en, ja) and quotes; and the names (en, ja) of the vendors that
//! answer it (kurabe matches a vendor's name in every control the vendor answers).
//!
//! - [`Dump::PerControl`]: one line per control holding all its texts, tab-separated. kurabe
//!   requires every word of a query in one control (each word within one of its texts); `fzf`
//!   requires every term in one line: with one line per control the two agree, except that fzf
//!   may also match a word's chars spread over two texts of the line (a superset).
//! - [`Dump::PerText`]: one line per text (vendor names once per vendor), fzf's natural use:
//!   every term in one text, so several words match fewer controls' texts than in kurabe.

use kurabe::catalog::Catalog;
use kurabe::text::normalize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dump {
    PerControl,
    PerText,
}

/// The searchable texts of control `ci`, raw, in the index's order; with the names of the
/// vendors answering it if `names`.
pub fn control_texts(catalog: &Catalog, ci: usize, names: bool) -> Vec<String> {
    let c = &catalog.controls[ci].control;
    let ja = |t: &Option<kurabe::catalog::model::Str>| t.as_deref().unwrap_or_default().to_string();
    let mut texts = vec![
        c.title.en.to_string(),
        ja(&c.title.ja),
        c.question.en.to_string(),
        ja(&c.question.ja),
        c.crosswalk.line(),
    ];
    let answers: Vec<_> = (0..catalog.vendors.len())
        .filter_map(|vi| catalog.answer(vi, ci).map(|a| (vi, a)))
        .collect();
    for (_, a) in &answers {
        if let Some(s) = &a.summary {
            texts.push(s.en.to_string());
            texts.push(ja(&s.ja));
        }
        if let Some(v) = &a.value {
            texts.push(v.shown(kurabe::catalog::Lang::En));
        }
    }
    texts.push(c.id.clone());
    for (_, a) in &answers {
        if let Some(n) = &a.note {
            texts.push(n.en.to_string());
            texts.push(ja(&n.ja));
        }
        texts.extend(a.quotes.iter().map(|q| q.text.to_string()));
    }
    if names {
        for (vi, _) in &answers {
            texts.extend(vendor_names(catalog, *vi));
        }
    }
    texts.retain(|t| !t.is_empty());
    texts
}

fn vendor_names(catalog: &Catalog, vi: usize) -> Vec<String> {
    let name = &catalog.vendors[vi].info.name;
    [
        name.en.to_string(),
        name.ja.as_deref().unwrap_or_default().to_string(),
    ]
    .into_iter()
    .filter(|t| !t.is_empty())
    .collect()
}

/// A text as the index holds it, on one line.
pub fn line_of(text: &str) -> String {
    normalize(text).text.replace(['\n', '\r', '\t'], " ")
}

/// Writes the dump; returns the lines written.
pub fn write_dump(catalog: &Catalog, dump: Dump, out: &mut impl Write) -> io::Result<usize> {
    let mut lines = 0;
    for ci in 0..catalog.controls.len() {
        let texts = control_texts(catalog, ci, dump == Dump::PerControl);
        match dump {
            Dump::PerControl => {
                let joined: Vec<String> = texts.iter().map(|t| line_of(t)).collect();
                writeln!(out, "{}", joined.join("\t"))?;
                lines += 1;
            }
            Dump::PerText => {
                for t in &texts {
                    writeln!(out, "{}", line_of(t))?;
                    lines += 1;
                }
            }
        }
    }
    if dump == Dump::PerText {
        for vi in 0..catalog.vendors.len() {
            for name in vendor_names(catalog, vi) {
                writeln!(out, "{}", line_of(&name))?;
                lines += 1;
            }
        }
    }
    out.flush()?;
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_control_holds_every_text_the_index_holds() {
        let loaded = kurabe::catalog::load_embedded().expect("embedded catalogue");
        let catalog = &loaded.catalog;
        let mut per_control = Vec::new();
        let lines = write_dump(catalog, Dump::PerControl, &mut per_control).unwrap();
        assert_eq!(lines, catalog.controls.len());
        let mut per_text = Vec::new();
        write_dump(catalog, Dump::PerText, &mut per_text).unwrap();
        let per_text = String::from_utf8(per_text).unwrap();
        // The same texts as the index, vendor names once per vendor.
        let index = kurabe::search::SearchIndex::new(catalog);
        let mut ours: Vec<&str> = per_text.lines().collect();
        let mut theirs: Vec<String> = index.texts().map(line_of).collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
        // Every control's line holds its title, normalized.
        let per_control = String::from_utf8(per_control).unwrap();
        for (line, c) in per_control.lines().zip(&catalog.controls) {
            assert!(line.contains(&line_of(&c.control.title.en)), "{line}");
        }
    }
}
