//! The shell of `kurabe import ANSWERED --vendor ID --update`: reads the answered follow-up
//! questionnaire through `kurabe import`'s bounded readers, drafts the answered controls
//! ([`super::answers`]), and writes the user's file for the vendor — a copy of an embedded
//! vendor's file the first time — atomically, its previous version kept in
//! `DATA/history/ID/<YYYYMMDDTHHMMSS>.yaml`. Nothing is written unless the new file loads.

use super::answers::{self, DOCUMENT_TITLE};
use super::command::{DraftFormat, ImportArgs, Shell};
use super::questionnaire;
use crate::catalog::{Catalog, Document, Origin};
use anyhow::{anyhow, bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string()).into_owned()
}

/// The date a file was last written, in the local time zone.
fn file_date(path: &Path) -> Option<jiff::civil::Date> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let at = jiff::Timestamp::try_from(modified).ok()?;
    Some(at.to_zoned(jiff::tz::TimeZone::system()).date())
}

/// The vendor file as it is before the update: the user's file, or an embedded vendor's own.
struct Previous {
    bytes: Vec<u8>,
    /// Whether the user's file exists (and is replaced) or is written for the first time.
    exists: bool,
}

fn previous(catalog: &Catalog, id: &str, target: &Path) -> Result<Previous> {
    let Some(vendor) = catalog.vendors.iter().find(|v| v.id() == id) else {
        bail!(
            "`{id}` is no vendor of the catalogue; --update takes the answers of a vendor you compare \
             (import its documents without --update to draft a new one)"
        );
    };
    match vendor.origin {
        Origin::User => {
            let bytes = crate::catalog::yaml::read_file(target).map_err(|p| anyhow!("{p}"))?;
            Ok(Previous {
                bytes,
                exists: true,
            })
        }
        Origin::Embedded => {
            let name = format!("data/vendors/{id}.yaml");
            let (_, bytes) = crate::catalog::embedded::VENDORS
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| anyhow!("the embedded file of `{id}` is not in this build"))?;
            Ok(Previous {
                bytes: bytes.to_vec(),
                exists: false,
            })
        }
        Origin::Directory => bail!(
            "`{id}` comes from the --data catalogue; copy its file into {} to update it there",
            shown(target.parent().unwrap_or(target))
        ),
    }
}

/// Writes `bytes` as a new file in `dir`, named after the time to the second (`-2`, `-3`…
/// after it when two updates fall in one second). Returns its path.
fn keep_in_history(dir: &Path, bytes: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", shown(dir)))?;
    let stamp = jiff::Zoned::now().strftime("%Y%m%dT%H%M%S").to_string();
    for n in 1..100 {
        let name = match n {
            1 => format!("{stamp}.yaml"),
            _ => format!("{stamp}-{n}.yaml"),
        };
        let path = dir.join(name);
        match crate::files::write_exclusive(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => bail!("cannot keep the previous version in {}: {e}", shown(&path)),
        }
    }
    bail!(
        "cannot keep the previous version in {}: no free name",
        shown(dir)
    )
}

/// The user's file for a vendor as the loader finds it (`.yaml`, else `.yml`), checked under
/// that name; through a symlink, the file it points to is written, as the app's saves write it.
pub(super) struct Target {
    pub name: String,
    pub path: PathBuf,
}

pub(super) fn target(vendors_dir: &Path, id: &str) -> Target {
    let found = ["yaml", "yml"]
        .iter()
        .map(|ext| vendors_dir.join(format!("{id}.{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| vendors_dir.join(format!("{id}.yaml")));
    let name = found.file_name().map_or_else(
        || format!("{id}.yaml"),
        |n| n.to_string_lossy().into_owned(),
    );
    let path = std::fs::canonicalize(&found).unwrap_or(found);
    Target { name, path }
}

/// Refuses an id that is no vendor the update can write (see [`previous`]).
pub(super) fn check_updatable(catalog: &Catalog, id: &str, target: &Target) -> Result<()> {
    previous(catalog, id, &target.path).map(|_| ())
}

/// Writes the vendor's file as `edit` makes it of the file's text (read under the file's lock,
/// so a save made meanwhile is built on, not lost): only if it loads, atomically, the previous
/// version kept first in `DATA/history/ID/`. Returns where the previous version is kept.
pub(super) fn write_edited(
    catalog: &Catalog,
    vendors_dir: &Path,
    id: &str,
    target: &Target,
    edit: impl FnOnce(&str) -> Result<String>,
) -> Result<PathBuf> {
    std::fs::create_dir_all(vendors_dir)
        .with_context(|| format!("cannot create {}", shown(vendors_dir)))?;
    let _lock =
        crate::files::Lock::take(&crate::drafts::vendor_file::lock_path(&target.path), true)
            .map_err(|e| anyhow!("{e}"))?;
    let before = previous(catalog, id, &target.path)?;
    let (bom, body) = match before.bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", before.bytes.as_slice()),
    };
    let text = std::str::from_utf8(body).context("the vendor file is not UTF-8")?;
    let updated = edit(text)?;
    super::output::check_loadable(catalog, &target.name, &updated)
        .map_err(|why| anyhow!("nothing written: {why}"))?;
    let history = vendors_dir
        .parent()
        .unwrap_or(vendors_dir)
        .join("history")
        .join(id);
    let kept = keep_in_history(&history, &before.bytes)?;
    let bytes = format!("{bom}{updated}").into_bytes();
    if before.exists {
        crate::files::write_atomic_like(&target.path, &target.path, &bytes)
    } else {
        crate::files::write_exclusive(&target.path, &bytes)
    }
    .with_context(|| format!("cannot write {}", shown(&target.path)))?;
    Ok(kept)
}

/// Runs the update: from the answered questionnaire when the one source is one (its marker
/// row), else from a new version of the vendor's documents ([`super::update_docs`]).
/// `vendors_dir` is `DATA/vendors`; the history goes beside it.
pub fn run(
    catalog: &Catalog,
    vendors_dir: &Path,
    args: &ImportArgs,
    shell: &Shell,
    out: &mut impl Write,
    log: &mut impl Write,
) -> Result<()> {
    if args.out.is_some() {
        bail!("--update writes the vendor's file in your data directory: --out is not for it");
    }
    if args.name.is_some() || args.replace {
        bail!("--name and --replace are not for --update: it updates the vendor the catalogue has");
    }
    let target = target(vendors_dir, &args.vendor);
    check_updatable(catalog, &args.vendor, &target)?;
    upgrade_fingerprints(catalog, vendors_dir, &args.vendor, log)?;
    let progress = super::progress::Progress::start(shell.progress);
    let sources = super::command::read_sources(shell, &args.sources, &progress)?;
    if let [source] = sources.as_slice() {
        match questionnaire::read(source) {
            Ok(questionnaire) => {
                progress.finish();
                return questionnaire_run(
                    catalog,
                    vendors_dir,
                    args,
                    &target,
                    source,
                    questionnaire,
                    log,
                );
            }
            Err(questionnaire::QuestionnaireError::NoMarker { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    super::update_docs::run(
        catalog,
        vendors_dir,
        args,
        shell,
        &target,
        &sources,
        progress,
        out,
        log,
    )
}

/// Verdicts recorded in the older fingerprint form hash where the answer's quotes are cited;
/// an update moves the citations. Before anything is written, the verdicts on this vendor's
/// answers as they are now get the current form (which hashes what was judged, not where it is
/// cited), so that the answers the update keeps keep their verdicts fresh.
fn upgrade_fingerprints(
    catalog: &Catalog,
    vendors_dir: &Path,
    id: &str,
    log: &mut impl Write,
) -> Result<()> {
    use crate::reviews::store;
    let Some(vendor) = catalog.vendors.iter().find(|v| v.id() == id) else {
        return Ok(());
    };
    // DATA/reviews.yaml, beside DATA/vendors (as `Paths::reviews_file`).
    let Some(file) = vendors_dir.parent().map(|d| d.join("reviews.yaml")) else {
        return Ok(());
    };
    if !file.exists() {
        return Ok(());
    }
    let base = store::load(&file)
        .map_err(|p| anyhow!("{p}"))
        .context("reading the verdicts before the update (nothing written)")?
        .reviews;
    let mut ours = base.clone();
    let upgraded = ours.upgrade_fingerprints(id, &vendor.answers);
    if upgraded > 0 {
        store::save(&file, &base, &ours)
            .context("keeping the verdicts fresh before the update (nothing written)")?;
        writeln!(
            log,
            "{upgraded} verdict(s) on `{id}` recorded in the older fingerprint form now in the current one (what was judged, not where it is cited)"
        )?;
    }
    Ok(())
}

fn questionnaire_run(
    catalog: &Catalog,
    vendors_dir: &Path,
    args: &ImportArgs,
    target: &Target,
    source: &super::source::Source,
    questionnaire: questionnaire::Questionnaire,
    log: &mut impl Write,
) -> Result<()> {
    if args.format == DraftFormat::Json {
        bail!(
            "--format json is not for an answered questionnaire: --update writes the vendor's file"
        );
    }
    if args.question_column.is_some()
        || args.answer_column.is_some()
        || args.doc_version.is_some()
        || args.doc_date.is_some()
    {
        bail!("--question-column, --answer-column, --doc-version and --doc-date are not for an answered questionnaire: it says which control each row answers, and when it was answered");
    }
    let path = &args.sources[0];
    let id = &args.vendor;
    if questionnaire.vendor != *id {
        bail!(
            "{} is the questionnaire of `{}`, not of `{id}`; nothing written",
            shown(path),
            crate::sanitize::line(&questionnaire.vendor)
        );
    }
    let answered = questionnaire.answered.or_else(|| file_date(path));
    let Some(vendor) = catalog.vendors.iter().find(|v| v.id() == id) else {
        bail!("`{id}` is no vendor of the catalogue");
    };
    let document = Document {
        id: answers::document_id(vendor, answered),
        title: DOCUMENT_TITLE.to_string(),
        version: None,
        date: answered.map(|d| d.to_string()),
        source: source.file_name.clone(),
    };
    let plan = answers::draft_replies(catalog, vendor, &questionnaire, &document.id);
    for s in &plan.skipped {
        let control = s.control.as_ref().map(|c| format!(" (`{c}`)"));
        writeln!(
            log,
            "skipped row {}{}: {}",
            s.row,
            control.unwrap_or_default(),
            crate::sanitize::line(&s.why)
        )?;
    }
    if plan.answers.is_empty() {
        writeln!(
            log,
            "no answered row to draft from; {} is unchanged",
            shown(&target.path)
        )?;
        return Ok(());
    }
    let kept = write_edited(catalog, vendors_dir, id, target, |text| {
        Ok(answers::rewrite_file(
            &target.name,
            text,
            &plan.answers,
            &document,
        )?)
    })?;
    for d in &plan.drafted {
        let rows: Vec<String> = d.rows.iter().map(|r| format!("row {r}")).collect();
        writeln!(log, "drafted `{}` from {}", d.control, rows.join(", "))?;
    }
    if plan.cut > 0 {
        writeln!(
            log,
            "note: {} reply(ies) longer than {} characters were cut at a sentence end: read the rest in the questionnaire",
            plan.cut,
            super::output::MAX_QUOTE_CHARS
        )?;
    }
    writeln!(
        log,
        "wrote {} ({} draft(s) quoting 「{DOCUMENT_TITLE}」{}); the previous version is kept as {}",
        shown(&target.path),
        plan.answers.len(),
        document
            .date
            .map(|d| format!(" of {d}"))
            .unwrap_or_default(),
        shown(&kept)
    )?;
    writeln!(
        log,
        "review the drafts (A in the app), then run `kurabe evaluate` again"
    )?;
    Ok(())
}
