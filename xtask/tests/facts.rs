//! The facts files the import evaluation is measured with: each parses, names a document that
//! exists and controls of the catalogue, and every anchor is in its document.

use std::path::{Path, PathBuf};
use xtask::eval_import::facts;

fn here(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn check(documents: &Path, facts_dir: &Path) -> usize {
    let catalog = kurabe::catalog::load_embedded().unwrap().catalog;
    let files = facts::load_all(facts_dir).unwrap_or_else(|e| panic!("{e:#}"));
    let problems = facts::problems(documents, &files, &catalog);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    files.iter().map(|f| f.file.facts.len()).sum()
}

#[test]
fn the_facts_of_the_real_documents_fit_them() {
    // CI has ../shared beside the clone.
    let documents = here("../../shared/realdocs");
    assert!(check(&documents, &here("eval/real")) > 100);
}

#[test]
fn the_facts_of_the_development_documents_fit_them() {
    let dev = here("eval/dev");
    assert!(check(&dev, &dev) > 100);
}
