//! Facts about real documents, written by hand by reading them: for each control a document
//! answers, a few short verbatim anchors of the answer and, where the answer is a quantity, its
//! value in the catalogue's shape. One `*.facts.yaml` file per document:
//!
//! ```yaml
//! document: ms365_assurance_ja.txt
//! language: ja
//! facts:
//!   - control: deletion-timing
//!     anchors: ["90 日間の保持期間が終了すると"]
//!     value: { kind: duration, amount: 90, unit: days, from: contract-end }
//!     note: "optional: why"
//! ```
//!
//! A text document's first line (`# source: …`) is its provenance, not the vendor's text: it is
//! dropped before the document is imported, and anchors never come from it.

use anyhow::{bail, Context, Result};
use kurabe::catalog::{Catalog, Value, ValueHint};
use kurabe::import::source::{self, Content, Source};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// How a facts file's name ends.
pub const SUFFIX: &str = ".facts.yaml";

/// The line a text document must start with: its provenance.
pub const PROVENANCE: &str = "# source:";

/// Anchors shorter than this (after normalizing) would be found in passages about anything.
pub const MIN_ANCHOR_CHARS: usize = 4;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    /// The document's file name in the documents folder.
    pub document: String,
    pub language: Language,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ja,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub control: String,
    /// Verbatim pieces of the document (whitespace aside); a proposal containing one of them
    /// is the answer.
    pub anchors: Vec<String>,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Fact {
    /// Whether `text` contains one of the fact's anchors (after NFKC, without whitespace).
    pub fn anchored_in(&self, text: &str) -> bool {
        let text = super::normal(text);
        self.anchors
            .iter()
            .any(|a| super::contains(&text, &super::normal(a)))
    }
}

/// A facts file with the path it was read from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub file: FactsFile,
}

/// Every `*.facts.yaml` of `dir`, in file-name order.
pub fn load_all(dir: &Path) -> Result<Vec<Loaded>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list the facts folder {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("cannot list the facts folder {}", dir.display()))?;
    paths.retain(|p| p.to_string_lossy().ends_with(SUFFIX));
    paths.sort();
    if paths.is_empty() {
        bail!("{}: no facts files (*{SUFFIX}) in it", dir.display());
    }
    paths.into_iter().map(|p| load(&p)).collect()
}

/// One facts file; a syntax or shape error names the file, line and column.
pub fn load(path: &Path) -> Result<Loaded> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file: FactsFile = serde_yaml::from_str(&text).map_err(|e| {
        let message = e.to_string();
        match e.location() {
            Some(l) => {
                let suffix = format!(" at line {} column {}", l.line(), l.column());
                let message = message.strip_suffix(&suffix).unwrap_or(&message);
                anyhow::anyhow!("{}:{}:{}: {message}", path.display(), l.line(), l.column())
            }
            None => anyhow::anyhow!("{}: {message}", path.display()),
        }
    })?;
    Ok(Loaded {
        path: path.to_path_buf(),
        file,
    })
}

fn is_spreadsheet(file_name: &str) -> bool {
    let extension = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
}

/// A document ready to be read by the importer.
pub enum Prepared {
    /// A file read as it is (a spreadsheet; a written workbook, kept in its folder).
    File {
        path: PathBuf,
        _written: Option<tempfile::TempDir>,
    },
    /// A text document without its provenance line.
    Text { file_name: String, bytes: Vec<u8> },
}

impl Prepared {
    /// Reads it through the importer's reader, as `kurabe import` would.
    pub fn read(&self) -> Result<Source, source::SourceError> {
        match self {
            Prepared::File { path, .. } => source::read(path),
            Prepared::Text { file_name, bytes } => source::read_bytes(file_name, bytes.clone()),
        }
    }
}

/// Prepares a document as the evaluator imports it: a text document (plain text, markdown,
/// HTML, CSV) without its first line, which must be the provenance; a spreadsheet as it is,
/// written first from its description (`name.xlsx.yaml`, see [`super::workbook`]) when it has
/// one.
pub fn prepare(dir: &Path, file_name: &str) -> Result<Prepared> {
    let path = dir.join(file_name);
    if let Some(description) = super::workbook::description_of(dir, file_name) {
        let written = tempfile::tempdir()?;
        let path = written.path().join(file_name);
        super::workbook::write(&description, &path)?;
        return Ok(Prepared::File {
            path,
            _written: Some(written),
        });
    }
    if is_spreadsheet(file_name) {
        return Ok(Prepared::File {
            path,
            _written: None,
        });
    }
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let Some(end) = bytes.iter().position(|&b| b == b'\n') else {
        bail!("{}: only one line", path.display());
    };
    if !bytes.starts_with(PROVENANCE.as_bytes()) {
        bail!(
            "{}:1: the first line must be the provenance, `{PROVENANCE} …` (it is not imported)",
            path.display()
        );
    }
    Ok(Prepared::Text {
        file_name: file_name.to_string(),
        bytes: bytes[end + 1..].to_vec(),
    })
}

/// A document as the importer reads it (see [`prepare`]).
pub fn read_document(dir: &Path, file_name: &str) -> Result<Source> {
    let prepared = prepare(dir, file_name)?;
    prepared
        .read()
        .with_context(|| format!("cannot import {}", dir.join(file_name).display()))
}

/// The texts anchors must be found in: the whole text, or each cell of each sheet.
fn texts(source: &Source) -> Vec<Vec<char>> {
    match &source.content {
        Content::Text(text) => vec![super::normal(text)],
        Content::Sheets(sheets) => sheets
            .iter()
            .flat_map(|s| s.rows.iter().flatten())
            .map(|cell| super::normal(cell))
            .collect(),
    }
}

fn hint_fits(hint: ValueHint, value: &Value) -> bool {
    matches!(
        (hint, value),
        (ValueHint::Duration, Value::Duration { .. })
            | (ValueHint::Interval, Value::Interval { .. })
            | (ValueHint::Count, Value::Count { .. })
            | (ValueHint::Percentage, Value::Percentage { .. })
            | (ValueHint::Countries, Value::List { .. })
            | (ValueHint::Certificates, Value::List { .. })
    )
}

/// What is wrong with the facts files against their documents and the catalogue, one line
/// each (empty when all is well): a missing document, an unknown or repeated control, an
/// anchor that is not in the document (or too short to mean anything), a value of another kind
/// than the control's.
pub fn problems(documents: &Path, files: &[Loaded], catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    for loaded in files {
        let at = loaded.path.display();
        let source = match read_document(documents, &loaded.file.document) {
            Ok(s) => s,
            Err(e) => {
                out.push(format!("{at}: document: {e:#}"));
                continue;
            }
        };
        let texts = texts(&source);
        let mut seen: Vec<&str> = Vec::new();
        for fact in &loaded.file.facts {
            let control = &fact.control;
            if seen.contains(&control.as_str()) {
                out.push(format!("{at}: {control}: two facts for one control"));
            }
            seen.push(control);
            let Some(entry) = catalog.controls.iter().find(|e| e.control.id == *control) else {
                out.push(format!("{at}: {control}: no such control in the catalogue"));
                continue;
            };
            if fact.anchors.is_empty() {
                out.push(format!("{at}: {control}: no anchor"));
            }
            for anchor in &fact.anchors {
                let needle = super::normal(anchor);
                if needle.len() < MIN_ANCHOR_CHARS {
                    out.push(format!("{at}: {control}: anchor {anchor:?} is too short"));
                } else if !texts.iter().any(|t| super::contains(t, &needle)) {
                    out.push(format!(
                        "{at}: {control}: anchor {anchor:?} is not in {}",
                        loaded.file.document
                    ));
                }
            }
            if let (Some(value), Some(hint)) = (&fact.value, entry.control.terms.value) {
                if !hint_fits(hint, value) {
                    out.push(format!(
                        "{at}: {control}: the value is not of the control's kind ({hint:?})"
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn problems_of(document: &str, name: &str, facts: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, document);
        write(dir.path(), "doc.facts.yaml", facts);
        let catalog = kurabe::catalog::load_embedded().unwrap().catalog;
        let files = load_all(dir.path()).unwrap();
        problems(dir.path(), &files, &catalog)
    }

    const TEXT: &str = "# source: test\nデータ の削除\n契約終了後 30 日以内に削除します。\n";

    #[test]
    fn anchors_match_without_whitespace_and_after_nfkc() {
        let facts = "document: doc.txt\nlanguage: ja\nfacts:\n  - control: deletion-timing\n    anchors: [\"契約終了後３０日以内に削除\"]\n    value: { kind: duration, amount: 30, unit: days, from: contract-end }\n";
        assert_eq!(problems_of(TEXT, "doc.txt", facts), Vec::<String>::new());
    }

    #[test]
    fn every_kind_of_mistake_is_named() {
        let facts = "document: doc.txt\nlanguage: ja\nfacts:\n  - control: deletion-timing\n    anchors: [\"60 日以内に削除\", \"削除\"]\n    value: { kind: interval, amount: 30, unit: days }\n  - control: deletion-timing\n    anchors: [\"30 日以内\"]\n  - control: no-such-control\n    anchors: [\"30 日以内\"]\n  - control: deletion-scope\n    anchors: [\"test\"]\n";
        let problems = problems_of(TEXT, "doc.txt", facts).join("\n");
        for expected in [
            "\"60 日以内に削除\" is not in doc.txt",
            "\"削除\" is too short",
            "not of the control's kind",
            "two facts for one control",
            "no-such-control: no such control",
            "\"test\" is not in doc.txt",
        ] {
            assert!(problems.contains(expected), "{expected} in:\n{problems}");
        }
    }

    #[test]
    fn a_text_document_must_start_with_its_provenance() {
        let facts = "document: doc.txt\nlanguage: ja\nfacts: []\n";
        let problems = problems_of("データの削除\n30 日以内に削除します。\n", "doc.txt", facts);
        assert!(problems[0].contains(":1: the first line must be the provenance"));
    }

    #[test]
    fn a_sheets_anchor_must_be_inside_one_cell() {
        let csv = "# source: test\n質問,回答\n削除時期,契約終了後30日以内\n";
        let fits = "document: doc.csv\nlanguage: ja\nfacts:\n  - control: deletion-timing\n    anchors: [\"契約終了後30日以内\"]\n";
        assert!(problems_of(csv, "doc.csv", fits).is_empty());
        let spans = "document: doc.csv\nlanguage: ja\nfacts:\n  - control: deletion-timing\n    anchors: [\"削除時期契約終了後\"]\n";
        assert_eq!(problems_of(csv, "doc.csv", spans).len(), 1);
    }

    #[test]
    fn a_value_that_is_no_catalogue_value_is_refused_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.facts.yaml");
        write(
            dir.path(),
            "doc.facts.yaml",
            "document: doc.txt\nlanguage: ja\nfacts:\n  - control: deletion-timing\n    anchors: [\"30 日以内\"]\n    value: { kind: duration, amount: 30, unit: fortnights }\n",
        );
        let error = load(&path).unwrap_err().to_string();
        // The place of the fact whose value is wrong (serde_yaml reads a tagged value whole).
        assert!(error.contains("doc.facts.yaml:4:5: facts[0]"), "{error}");
        assert!(error.contains("fortnights"), "{error}");
    }
}
