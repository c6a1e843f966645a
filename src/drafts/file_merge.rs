//! Three-way merge of a whole vendor file: what `kurabe merge-vendor` (git's merge driver for
//! `vendors/*.yaml`) does with the common ancestor (`base`), this branch's file (`ours`) and the
//! other branch's (`theirs`).
//!
//! - answers, by control: one only one side changed takes that change; one both changed is
//!   merged field by field by [`super::merge::merge`], the answer merge kurabe applies between
//!   two saves, so a field both changed differently keeps ours and records theirs in the
//!   answer's `conflicts:` ([`crate::catalog::conflict`]), which `kurabe check` and the app
//!   explain. An answer one side removed and the other changed is kept with the change; one
//!   both added (no ancestor) is merged against an empty answer.
//! - the vendor's details (`vendor:`) field by field, the documents by id: a change on one side
//!   is taken. Where both changed the same one differently, ours is kept (`assessed`: the
//!   later date), and [`FileMerged::kept_ours`] says what the other change was: the vendor
//!   file has no place for it.
//!
//! The merged file is written over ours keeping its layout: only the blocks of the answers that
//! changed are rewritten ([`super::vendor_file::rewrite_all`]), a changed `vendor:` or
//! `documents:` section replaced whole, and the text is read back through the YAML gate before
//! it is used. Where that cannot be done (answers not written one block each), the whole file
//! is written anew.

use super::merge::{merge, merge_items};
use super::vendor_file::{answer_block, rewrite_all};
use crate::catalog::{yaml, Answer, Conflict, Document, Problem, Status, VendorFile, VendorInfo};
use crate::sanitize::Sanitize;
use serde::Serialize;

/// A merged vendor file, with what the merge met.
#[derive(Debug, Clone)]
pub struct FileMerged {
    pub file: VendorFile,
    /// The conflicts this merge recorded, by control (also in the answers' `conflicts:`).
    pub conflicts: Vec<(String, Conflict)>,
    /// Changes to the vendor's details or documents that met another change, in words: ours
    /// is in the file, the other is only named here.
    pub kept_ours: Vec<String>,
}

/// Merges `ours` and `theirs`, both made from `base` (`None`: the file was added on both
/// sides). Pure.
pub fn merge_files(
    base: Option<&VendorFile>,
    ours: &VendorFile,
    theirs: &VendorFile,
) -> FileMerged {
    let mut kept_ours = Vec::new();
    let vendor = merge_info(
        base.map(|b| &b.vendor),
        &ours.vendor,
        &theirs.vendor,
        &mut kept_ours,
    );
    let documents = merge_documents(
        base.map_or(&[][..], |b| &b.documents),
        &ours.documents,
        &theirs.documents,
        &mut kept_ours,
    );
    let base_answers = base.map_or(&[][..], |b| &b.answers);
    let find = |list: &[Answer], control: &str| list.iter().find(|a| a.control == control).cloned();
    let mut controls: Vec<&str> = ours.answers.iter().map(|a| a.control.as_ref()).collect();
    for answer in &theirs.answers {
        if !controls.contains(&answer.control.as_ref()) {
            controls.push(&answer.control);
        }
    }
    let mut answers = Vec::with_capacity(controls.len());
    let mut conflicts = Vec::new();
    for control in controls {
        let (b, o, t) = (
            find(base_answers, control),
            find(&ours.answers, control),
            find(&theirs.answers, control),
        );
        let kept = match (&o, &t) {
            _ if o == b => t,
            _ if t == b || o == t => o,
            (Some(o), Some(t)) => {
                let b = b.unwrap_or_else(|| empty_answer(control));
                let merged = merge(&b, o, t);
                conflicts.extend(
                    merged
                        .conflicts
                        .into_iter()
                        .map(|c| (control.to_string(), c)),
                );
                Some(merged.answer)
            }
            // A removal against a change keeps the change.
            (Some(kept), None) | (None, Some(kept)) => Some(kept.clone()),
            (None, None) => None,
        };
        answers.extend(kept);
    }
    FileMerged {
        file: VendorFile {
            vendor,
            documents,
            answers,
        },
        conflicts,
        kept_ours,
    }
}

/// The ancestor of an answer both sides added: nothing stated.
fn empty_answer(control: &str) -> Answer {
    Answer {
        control: control.to_string().into(),
        status: Status::NotStated,
        polarity: None,
        summary: None,
        vendor_words: None,
        value: None,
        note: None,
        quotes: Vec::new(),
        draft: false,
        candidates: Vec::new(),
        conflicts: Vec::new(),
        previous: None,
    }
}

/// A field's three-way merge: the side that changed it; ours where both did (then `kept_ours`
/// names the other change).
fn field<T: Clone + PartialEq + Serialize>(
    what: &str,
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    kept_ours: &mut Vec<String>,
) -> T {
    if Some(ours) == base || ours == theirs {
        return theirs.clone();
    }
    if Some(theirs) != base {
        kept_ours.push(format!(
            "{what}: kept this branch's {}; the other branch's was {}",
            shown(ours),
            shown(theirs)
        ));
    }
    ours.clone()
}

/// A value on one line, as JSON (which reads as YAML too).
fn shown<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "(not shown)".to_string())
}

/// The vendor's details merged field by field.
fn merge_info(
    base: Option<&VendorInfo>,
    ours: &VendorInfo,
    theirs: &VendorInfo,
    kept_ours: &mut Vec<String>,
) -> VendorInfo {
    let assessed = match (&ours.assessed, &theirs.assessed) {
        // Both assessed it: the later assessment is the last one.
        (Some(o), Some(t))
            if base
                .and_then(|b| b.assessed.as_ref())
                .is_none_or(|b| b != o && b != t) =>
        {
            Some(o.max(t).clone())
        }
        _ => field(
            "the vendor's `assessed`",
            base.map(|b| &b.assessed),
            &ours.assessed,
            &theirs.assessed,
            kept_ours,
        ),
    };
    VendorInfo {
        id: field(
            "the vendor's `id`",
            base.map(|b| &b.id),
            &ours.id,
            &theirs.id,
            kept_ours,
        ),
        name: field(
            "the vendor's `name`",
            base.map(|b| &b.name),
            &ours.name,
            &theirs.name,
            kept_ours,
        ),
        products: field(
            "the vendor's `products`",
            base.map(|b| &b.products),
            &ours.products,
            &theirs.products,
            kept_ours,
        ),
        short_name: field(
            "the vendor's `short_name`",
            base.map(|b| &b.short_name),
            &ours.short_name,
            &theirs.short_name,
            kept_ours,
        ),
        note: field(
            "the vendor's `note`",
            base.map(|b| &b.note),
            &ours.note,
            &theirs.note,
            kept_ours,
        ),
        assessed,
    }
}

/// The documents merged item by item (by id), with a document both sides changed differently
/// named in `kept_ours`.
fn merge_documents(
    base: &[Document],
    ours: &[Document],
    theirs: &[Document],
    kept_ours: &mut Vec<String>,
) -> Vec<Document> {
    fn find<'a>(list: &'a [Document], id: &str) -> Option<&'a Document> {
        list.iter().find(|d| d.id == id)
    }
    for o in ours {
        if let Some(t) = find(theirs, &o.id) {
            let b = find(base, &o.id);
            if o != t && b != Some(o) && b != Some(t) {
                kept_ours.push(format!(
                    "document `{}`: kept this branch's {}; the other branch's was {}",
                    o.id,
                    shown(o),
                    shown(t)
                ));
            }
        }
    }
    merge_items(base, ours, theirs, |a, b| a.id == b.id)
}

/// Whether two vendor files hold the same (`VendorFile` is not `PartialEq`).
fn same(a: &VendorFile, b: &VendorFile) -> bool {
    (&a.vendor, &a.documents, &a.answers) == (&b.vendor, &b.documents, &b.answers)
}

/// One side of a merge as read: its name (for messages) and bytes.
pub struct Side<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The text of the merged file and what the merge met.
#[derive(Debug, Clone)]
pub struct TextMerged {
    pub text: Vec<u8>,
    pub merged: FileMerged,
}

/// A vendor file read through the YAML gate, as the loader reads its answers.
fn read(side: &Side<'_>) -> Result<(VendorFile, yaml::Positions), Problem> {
    let (mut file, positions) = yaml::read::<VendorFile>(side.name, side.bytes)?;
    file.sanitize();
    file.answers
        .iter_mut()
        .for_each(Answer::migrate_legacy_vendor_words);
    Ok((file, positions))
}

/// Merges three vendor files' bytes (`base` `None` or empty: added on both sides) into the text
/// that replaces ours. Every side goes through the YAML gate first: one that does not read is
/// the problem with it, at its line and column, and nothing is merged.
pub fn merge_texts(
    base: Option<Side<'_>>,
    ours: Side<'_>,
    theirs: Side<'_>,
) -> Result<TextMerged, Problem> {
    let base = match base.filter(|b| !b.bytes.iter().all(u8::is_ascii_whitespace)) {
        Some(b) => Some(read(&b)?.0),
        None => None,
    };
    let (ours_file, positions) = read(&ours)?;
    let (theirs_file, _) = read(&theirs)?;
    let merged = merge_files(base.as_ref(), &ours_file, &theirs_file);
    if same(&merged.file, &ours_file) {
        return Ok(TextMerged {
            text: ours.bytes.to_vec(),
            merged,
        });
    }
    let (bom, body) = match ours.bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", ours.bytes),
    };
    // The gate accepted the bytes, so they are UTF-8.
    let body = String::from_utf8_lossy(body);
    let reads_back = |text: &str| {
        read(&Side {
            name: ours.name,
            bytes: text.as_bytes(),
        })
        .is_ok_and(|(file, _)| same(&file, &merged.file))
    };
    let in_place = in_layout(&body, &positions, &ours_file, &merged.file)
        .map(|text| format!("{bom}{text}"))
        .filter(|text| reads_back(text));
    let text = match in_place {
        Some(text) => text,
        None => {
            let whole = whole_file(&merged.file).filter(|text| reads_back(text));
            whole.ok_or_else(|| {
                Problem::new(
                    ours.name,
                    (0, 0),
                    "the merged file would not read back as merged (a bug in kurabe)",
                )
                .hint("merge this file by hand; it is left as this branch had it")
            })?
        }
    };
    Ok(TextMerged {
        text: text.into_bytes(),
        merged,
    })
}

/// Ours' text with the merge's changes, its layout kept; `None` where it cannot be kept.
fn in_layout(
    text: &str,
    positions: &yaml::Positions,
    ours: &VendorFile,
    merged: &VendorFile,
) -> Option<String> {
    let mut edits = Vec::new();
    for (i, answer) in ours.answers.iter().enumerate() {
        match merged.answers.iter().find(|m| m.control == answer.control) {
            None => edits.push((i, None)),
            Some(m) if m != answer => edits.push((i, Some(m))),
            Some(_) => {}
        }
    }
    let added: Vec<Answer> = merged
        .answers
        .iter()
        .filter(|m| !ours.answers.iter().any(|a| a.control == m.control))
        .cloned()
        .collect();
    let mut text = rewrite_all("", text, positions, ours.answers.len(), &edits, &added).ok()?;
    if merged.vendor != ours.vendor {
        text = replace_section(&text, "vendor", &merged.vendor)?;
    }
    if merged.documents != ours.documents {
        text = replace_section(&text, "documents", &merged.documents)?;
    }
    Some(text)
}

/// `text` with its top-level `key:` section replaced by `value` written as YAML.
fn replace_section<T: Serialize>(text: &str, key: &str, value: &T) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts_section = |l: &str| !l.starts_with([' ', '\t', '#', '\r', '\n']);
    let first = lines
        .iter()
        .position(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))?;
    let mut end = (first + 1..lines.len())
        .find(|&i| starts_section(lines[i]))
        .unwrap_or(lines.len());
    while end > first + 1 && matches!(lines[end - 1].trim_start().chars().next(), None | Some('#'))
    {
        end -= 1;
    }
    let newline = if lines[first].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut section = serde_yaml::Mapping::new();
    section.insert(key.into(), serde_yaml::to_value(value).ok()?);
    let written = serde_yaml::to_string(&section).ok()?.replace('\n', newline);
    let mut out: String = lines[..first].concat();
    out.push_str(&written);
    lines[end..].iter().for_each(|l| out.push_str(l));
    Some(out)
}

/// The whole file written anew: details and documents as serde writes them, the answers as
/// kurabe writes answer blocks.
fn whole_file(file: &VendorFile) -> Option<String> {
    #[derive(Serialize)]
    struct Head<'a> {
        vendor: &'a VendorInfo,
        documents: &'a [Document],
    }
    let mut out = serde_yaml::to_string(&Head {
        vendor: &file.vendor,
        documents: &file.documents,
    })
    .ok()?;
    if file.answers.is_empty() {
        out.push_str("answers: []\n");
    } else {
        out.push_str("answers:\n");
        for answer in &file.answers {
            out.push_str(&answer_block(answer, "  ", "\n"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests;
