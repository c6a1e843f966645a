//! The shell of `kurabe import SOURCE... --vendor ID --update` from a new version of the
//! vendor's documents: reads them as `kurabe import` does, renews the vendor's answers
//! ([`super::renew`]), lists the new documents with their version and date
//! ([`super::edition`], or `--doc-version` / `--doc-date`), and writes the vendor's file as the
//! questionnaire's update does ([`super::update::write_edited`]). Then says what happened.

use super::command::{DraftFormat, ImportArgs, Shell};
use super::draft::Options;
use super::progress::Progress;
use super::renew::{self, NewDocuments, Renewal, Why};
use super::source::Source;
use super::update::{shown, write_edited, Target};
use crate::catalog::{yaml, Answer, Catalog, Document, Origin, SourceFile, VendorFile};
use crate::drafts::vendor_file::{
    document_block, indent_of, is_blank_or_comment, line_ending, rewrite_all, EditError,
};
use anyhow::{anyhow, bail, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum DocumentsError {
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("{file}: the documents are not written as a list of `- id:` blocks; write each document as its own block to update the vendor here")]
    NotBlocks { file: String },
}

/// `text` (a vendor file) with its `documents:` list replaced by `documents`, every other line
/// kept byte for byte.
pub fn replace_documents(
    file: &str,
    text: &str,
    documents: &[Document],
) -> Result<String, DocumentsError> {
    let refused = || DocumentsError::NotBlocks {
        file: file.to_string(),
    };
    let (parsed, positions) = yaml::read::<VendorFile>(file, text.as_bytes())
        .map_err(|p| DocumentsError::Edit(EditError::Unreadable(p)))?;
    if parsed.documents.is_empty() {
        return Err(refused());
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = positions
        .at("documents[0]")
        .0
        .checked_sub(1)
        .ok_or_else(refused)?;
    let dash_line = lines.get(first).ok_or_else(refused)?;
    let dash = indent_of(dash_line);
    if !dash_line[dash..].starts_with("- ") {
        return Err(refused());
    }
    let mut end = (first + 1..lines.len())
        .find(|&l| {
            let line = lines[l];
            !is_blank_or_comment(line)
                && (indent_of(line) < dash
                    || (indent_of(line) == dash && !line[dash..].starts_with('-')))
        })
        .unwrap_or(lines.len());
    while end > first + 1 && is_blank_or_comment(lines[end - 1]) {
        end -= 1;
    }
    let newline = line_ending(dash_line);
    let pad = " ".repeat(dash);
    let block: String = documents
        .iter()
        .map(|d| document_block(d, &pad, newline))
        .collect();
    let mut out: String = lines[..first].concat();
    out.push_str(&block);
    lines[end..].iter().for_each(|l| out.push_str(l));
    Ok(out)
}

/// `text` with every answer `renewal` changes rewritten (answers to controls it did not have
/// added after the last) and the documents replaced.
pub fn rewrite_file(
    file: &str,
    text: &str,
    renewal: &Renewal,
    documents: &[Document],
) -> Result<String, DocumentsError> {
    let (parsed, positions) = yaml::read::<VendorFile>(file, text.as_bytes())
        .map_err(|p| DocumentsError::Edit(EditError::Unreadable(p)))?;
    let mut edits: Vec<(usize, Option<&Answer>)> = Vec::new();
    let mut added: Vec<Answer> = Vec::new();
    for answer in &renewal.answers {
        match parsed
            .answers
            .iter()
            .position(|a| a.control == answer.control)
        {
            Some(i) if parsed.answers[i] != *answer => edits.push((i, Some(answer))),
            Some(_) => {}
            None => added.push(answer.clone()),
        }
    }
    let text = rewrite_all(file, text, &positions, parsed.answers.len(), &edits, &added)?;
    replace_documents(file, &text, documents)
}

/// The version and date of every new document: `--doc-version` / `--doc-date`, else what the
/// document says of itself. Returns the documents no version or date was found for.
fn set_editions(documents: &mut [Document], sources: &[Source], args: &ImportArgs) -> Vec<String> {
    let mut unknown = Vec::new();
    for (document, source) in documents.iter_mut().zip(sources) {
        let read = super::edition::of_source(source);
        document.version = args.doc_version.clone().or(read.version);
        document.date = args.doc_date.clone().or(read.date);
        if document.version.is_none() && document.date.is_none() {
            unknown.push(document.source.clone());
        }
    }
    unknown
}

#[derive(Serialize)]
struct Redrafted<'a> {
    control: &'a str,
    why: Why,
}

#[derive(Serialize)]
struct Report<'a> {
    vendor: &'a str,
    file: String,
    history: String,
    documents: &'a [Document],
    kept: usize,
    redrafted: Vec<Redrafted<'a>>,
    newly_answered: &'a [String],
    refreshed: &'a [String],
    replies: &'a [String],
}

/// An update reads every document of the vendor anew: a quote of a document not given would
/// read as gone, and the document be dropped. So fewer sources than the vendor's documents
/// (the answered questionnaire aside) is refused before anything is read or written.
fn refuse_fewer_sources(catalog: &Catalog, id: &str, given: usize) -> Result<()> {
    let Some(vendor) = catalog.vendors.iter().find(|v| v.id() == id) else {
        return Ok(());
    };
    let documents: Vec<&Document> = vendor
        .documents
        .iter()
        .filter(|d| d.title != super::answers::DOCUMENT_TITLE)
        .collect();
    if given >= documents.len() {
        return Ok(());
    }
    let listed: Vec<String> = documents
        .iter()
        .map(|d| {
            format!(
                "{} ({})",
                crate::sanitize::line(&d.title),
                crate::sanitize::line(&d.source)
            )
        })
        .collect();
    bail!(
        "`{id}` lists {} documents and {given} source(s) were given: an update reads them all anew \
         (a quote of a document left out would read as gone). Give the new version of each, and the \
         file as it is of one that did not change: {}. Nothing was written.",
        documents.len(),
        listed.join("; ")
    )
}

/// Runs the update from `sources`, read already.
#[allow(clippy::too_many_arguments)]
pub fn run(
    catalog: &Catalog,
    vendors_dir: &Path,
    args: &ImportArgs,
    shell: &Shell,
    target: &Target,
    sources: &[Source],
    progress: Progress,
    out: &mut impl Write,
    log: &mut impl Write,
) -> Result<()> {
    if let Some(date) = &args.doc_date {
        if crate::catalog::date::parse_date(date).is_none() {
            bail!(
                "--doc-date {}: write a date as YYYY-MM-DD or YYYY-MM (2025-05-07, 2025-05)",
                crate::sanitize::line(date)
            );
        }
    }
    let id = &args.vendor;
    refuse_fewer_sources(catalog, id, sources.len())?;
    let options = Options {
        vendor: id.clone(),
        name: None,
        columns: super::command::columns(args),
    };
    let mut draft = super::command::draft_sources(catalog, shell, sources, &options, &progress)?;
    progress.finish();
    for note in &draft.notes {
        writeln!(log, "note: {}", crate::sanitize::line(note))?;
    }
    let unknown = set_editions(&mut draft.documents, sources, args);
    let texts: Vec<String> = sources
        .iter()
        .map(|s| super::edition::lines_of(s).join("\n"))
        .collect();
    let controls: Vec<_> = catalog
        .controls
        .iter()
        .map(|e| (e.control.id.clone(), e.control.kind))
        .collect();
    let mut renewal = None;
    let kept = write_edited(catalog, vendors_dir, id, target, |text| {
        // The vendor as its file is now, read under the lock.
        let file = SourceFile::new(&target.name, text.as_bytes());
        let origin = match catalog.vendors.iter().find(|v| v.id() == id) {
            Some(v) if v.origin == Origin::Embedded => Origin::Embedded,
            _ => Origin::User,
        };
        let vendor = crate::catalog::load::read_vendor_against(&file, origin, &controls).map_err(
            |problems| {
                let shown: Vec<String> = problems.iter().take(3).map(|p| p.to_string()).collect();
                anyhow!(
                    "the vendor file does not load, fix it first: {}",
                    shown.join("; ")
                )
            },
        )?;
        let mut documents = NewDocuments::new(&draft, &texts);
        documents.replies = renew::reply_documents(&vendor);
        let mut renewed = renew::renew(&vendor, &documents);
        let listed = renew::documents(&vendor, &mut renewed, &draft.documents);
        let updated = rewrite_file(&target.name, text, &renewed, &listed)?;
        renewal = Some((renewed, listed));
        Ok(updated)
    })?;
    let (renewal, listed) = renewal.expect("written from a renewal");
    if args.format == DraftFormat::Json {
        let report = Report {
            vendor: id,
            file: shown(&target.path),
            history: shown(&kept),
            documents: &listed,
            kept: renewal.kept.len(),
            redrafted: renewal
                .redrafted
                .iter()
                .map(|(control, why)| Redrafted { control, why: *why })
                .collect(),
            newly_answered: &renewal.newly_answered,
            refreshed: &renewal.refreshed,
            replies: &renewal.replies,
        };
        let text = serde_json::to_string_pretty(&report)?;
        writeln!(out, "{}", crate::sanitize::json(&text))?;
    }
    for source in &unknown {
        writeln!(
            log,
            "note: {} says no version or date of its own and none was given: left unset (--doc-version, --doc-date set them)",
            crate::sanitize::line(source)
        )?;
    }
    writeln!(
        log,
        "kept {} reviewed answer(s), their citations moved to the new documents",
        renewal.kept.len()
    )?;
    for (control, why) in &renewal.redrafted {
        writeln!(log, "redrafted `{control}`: {}", why.label())?;
    }
    if !renewal.newly_answered.is_empty() {
        writeln!(
            log,
            "newly answered (drafts): {}",
            list(&renewal.newly_answered)
        )?;
    }
    if !renewal.replies.is_empty() {
        writeln!(
            log,
            "kept as they are, quoting the vendor's replies to the follow-up questionnaire: {}",
            list(&renewal.replies)
        )?;
    }
    if !renewal.refreshed.is_empty() {
        writeln!(
            log,
            "{} draft(s) not yet reviewed read again from the new documents",
            renewal.refreshed.len()
        )?;
    }
    writeln!(
        log,
        "wrote {}; the previous version is kept as {}",
        shown(&target.path),
        shown(&kept)
    )?;
    writeln!(
        log,
        "review the drafts (A in the app; each shows what it said before), then run `kurabe evaluate` again"
    )?;
    Ok(())
}

fn list(controls: &[String]) -> String {
    controls
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "vendor:\n  id: acme\n  name: { en: \"Acme\" }\n# the documents\ndocuments:\n  - id: policy\n    title: \"Policy\"\n    version: \"3版\"\n    source: policy.txt\n  - id: sheet\n    title: \"Sheet\"\n    source: sheet.csv\n\n# the answers, reviewed\nanswers:\n  - control: deletion-timing\n    status: not_stated\n";

    #[test]
    fn the_documents_are_replaced_every_other_line_kept() {
        let new = Document {
            id: "policy-v4".into(),
            title: "Policy".into(),
            version: Some("4版".into()),
            date: Some("2025-05-07".into()),
            source: "policy-v4.txt".into(),
        };
        let out = replace_documents("acme.yaml", FILE, std::slice::from_ref(&new)).unwrap();
        let (parsed, _) = yaml::read::<VendorFile>("acme.yaml", out.as_bytes()).unwrap();
        assert_eq!(parsed.documents, [new]);
        assert!(out.starts_with("vendor:\n  id: acme\n  name: { en: \"Acme\" }\n# the documents\ndocuments:\n  - id: policy-v4\n"), "{out}");
        assert!(out.ends_with("    source: \"policy-v4.txt\"\n\n# the answers, reviewed\nanswers:\n  - control: deletion-timing\n    status: not_stated\n"), "{out}");
    }

    #[test]
    fn documents_in_flow_form_are_refused() {
        let flow = FILE.replace(
            "documents:\n  - id: policy\n    title: \"Policy\"\n    version: \"3版\"\n    source: policy.txt\n  - id: sheet\n    title: \"Sheet\"\n    source: sheet.csv\n",
            "documents: [{ id: policy, title: Policy, source: policy.txt }]\n",
        );
        let err = replace_documents("acme.yaml", &flow, &[]).unwrap_err();
        assert!(matches!(err, DocumentsError::NotBlocks { .. }), "{err}");
    }
}
