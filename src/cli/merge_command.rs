//! `kurabe merge-reviews` and `kurabe merge-vendor`: git's merge drivers for `reviews.yaml` and
//! `vendors/*.yaml` (`%O %A %B`, and `%P` to name the file). Each reads the three versions
//! through the YAML gate, merges them with kurabe's own rules ([`crate::reviews::merge`],
//! [`crate::drafts::file_merge`]) and replaces this branch's version (`%A`) atomically with the
//! result. Exit status 0 when merged, conflicts included (they are kept in the file, in words
//! the app and `kurabe check` show); 1 when a version cannot be read, which is then named at
//! its line and column, and `%A` is left as it was, so that git marks the file as conflicted.

use crate::catalog::{yaml, Problem};
use crate::drafts::file_merge::{merge_texts, Side};
use crate::reviews::{merge::merge, Reviews};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor's version (git's `%O`; empty when there is none).
    pub base: PathBuf,
    /// This branch's version, replaced by the merge (git's `%A`).
    pub ours: PathBuf,
    /// The other branch's version (git's `%B`).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's `%P`), to name it in messages.
    pub path: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{problem}\nkurabe did not merge {file}: it is left as this branch had it, for git to mark as a conflict")]
    Unreadable { problem: Problem, file: String },
    #[error("kurabe did not merge {file}: cannot write {}: {source}", path.display())]
    Write {
        file: String,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Which file a driver merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    Reviews,
    Vendor,
}

/// Runs a driver; what it did, or why it could not, goes to `err` (git shows it).
pub fn run(driver: Driver, args: &MergeArgs, err: &mut impl Write) -> ExitCode {
    let result = match driver {
        Driver::Reviews => merge_reviews(args),
        Driver::Vendor => merge_vendor(args),
    };
    match result {
        Ok(lines) => {
            for line in lines {
                let _ = writeln!(err, "{}", crate::sanitize::line(&line));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            ExitCode::FAILURE
        }
    }
}

/// The name a version goes by in messages: the file's path in the repository (or the path
/// given) and which version it is.
fn version_name(args: &MergeArgs, path: &Path, which: &str) -> String {
    let file = args
        .path
        .clone()
        .unwrap_or_else(|| path.display().to_string());
    format!("{} ({which})", crate::sanitize::line(&file))
}

/// The merged file's name in messages (from git, so made safe for the terminal).
fn file_name(args: &MergeArgs) -> String {
    let file = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    crate::sanitize::line(&file).into_owned()
}

/// The three versions' names and bytes, each read as every file kurabe reads is (bounded,
/// regular files only).
fn read_all(args: &MergeArgs) -> Result<[(String, Vec<u8>); 3], MergeError> {
    let read = |path: &Path, which: &str| {
        let name = version_name(args, path, which);
        yaml::read_file(path)
            .map(|bytes| (name.clone(), bytes))
            .map_err(|problem| MergeError::Unreadable {
                problem: Problem {
                    file: name.clone(),
                    ..problem
                },
                file: file_name(args),
            })
    };
    Ok([
        read(&args.base, "common ancestor")?,
        read(&args.ours, "this branch")?,
        read(&args.theirs, "the other branch")?,
    ])
}

fn unreadable(args: &MergeArgs) -> impl Fn(Problem) -> MergeError + '_ {
    |problem| MergeError::Unreadable {
        problem,
        file: file_name(args),
    }
}

/// Replaces ours with the merged bytes (when they differ), keeping its mode.
fn write_ours(args: &MergeArgs, old: &[u8], new: &[u8]) -> Result<(), MergeError> {
    if old == new {
        return Ok(());
    }
    crate::files::write_atomic_like(&args.ours, &args.ours, new).map_err(|source| {
        MergeError::Write {
            file: file_name(args),
            path: args.ours.clone(),
            source,
        }
    })
}

/// `kurabe merge-reviews`: per review, as two kurabe saving one file merge (see
/// [`crate::reviews::merge`]). Returns what to tell the user.
pub fn merge_reviews(args: &MergeArgs) -> Result<Vec<String>, MergeError> {
    let versions = read_all(args)?;
    let mut lines = Vec::new();
    let mut parsed = Vec::with_capacity(3);
    for (name, bytes) in &versions {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            parsed.push(Reviews::default());
            continue;
        }
        let read = Reviews::parse_checked(name, bytes).map_err(unreadable(args))?;
        lines.extend(read.warning.map(|w| format!("warning: {w}")));
        parsed.push(read.reviews);
    }
    let merged = merge(&parsed[0], &parsed[1], &parsed[2]);
    write_ours(args, &versions[1].1, merged.reviews.to_yaml().as_bytes())?;
    let file = file_name(args);
    if merged.conflicts.is_empty() {
        lines.push(format!("kurabe merged {file}"));
    } else {
        let on: Vec<String> = merged
            .conflicts
            .iter()
            .map(|(vendor, control)| format!("{vendor} / {control}"))
            .collect();
        lines.push(format!(
            "kurabe merged {file}: {} review(s) changed on both branches ({}): the newer change is kept, the other in its note below “{}”",
            on.len(),
            on.join(", "),
            crate::reviews::merge::CONFLICT_MARKER
        ));
    }
    Ok(lines)
}

/// `kurabe merge-vendor`: per answer and per field (see [`crate::drafts::file_merge`]).
/// Returns what to tell the user.
pub fn merge_vendor(args: &MergeArgs) -> Result<Vec<String>, MergeError> {
    let [base, ours, theirs] = read_all(args)?;
    fn side((name, bytes): &(String, Vec<u8>)) -> Side<'_> {
        Side { name, bytes }
    }
    let merged =
        merge_texts(Some(side(&base)), side(&ours), side(&theirs)).map_err(unreadable(args))?;
    write_ours(args, &ours.1, &merged.text)?;
    let file = file_name(args);
    let mut lines = Vec::new();
    let conflicts = &merged.merged.conflicts;
    if conflicts.is_empty() {
        lines.push(format!("kurabe merged {file}"));
    } else {
        let on: Vec<String> = conflicts
            .iter()
            .map(|(control, c)| format!("{control} ({})", c.field().name()))
            .collect();
        lines.push(format!(
            "kurabe merged {file}: {} field(s) changed differently on both branches ({}): this branch's change is kept, the other recorded in the answer's `conflicts:`; `kurabe check` lists them",
            on.len(),
            on.join(", ")
        ));
    }
    lines.extend(
        merged
            .merged
            .kept_ours
            .iter()
            .map(|k| format!("warning: {file}: {k}")),
    );
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reviews::Verdict;
    use jiff::Timestamp;

    fn reviews(entries: &[(&str, Verdict, &str)]) -> Vec<u8> {
        let mut out = Reviews::default();
        for &(vendor, verdict, note) in entries {
            out.set(
                vendor,
                "c",
                None,
                Some(verdict),
                note.into(),
                Timestamp::UNIX_EPOCH,
            );
        }
        out.to_yaml().into_bytes()
    }

    /// The three versions written into `dir` as git hands them to a driver.
    fn versions(dir: &Path, base: &[u8], ours: &[u8], theirs: &[u8]) -> MergeArgs {
        let args = MergeArgs {
            base: dir.join("base"),
            ours: dir.join("ours"),
            theirs: dir.join("theirs"),
            path: Some("reviews.yaml".into()),
        };
        std::fs::write(&args.base, base).unwrap();
        std::fs::write(&args.ours, ours).unwrap();
        std::fs::write(&args.theirs, theirs).unwrap();
        args
    }

    #[test]
    fn reviews_added_on_both_sides_from_no_ancestor_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let args = versions(
            dir.path(),
            b"",
            &reviews(&[("a", Verdict::Risk, "mine")]),
            &reviews(&[("b", Verdict::Acceptable, "")]),
        );
        let said = merge_reviews(&args).unwrap();
        assert_eq!(said, vec!["kurabe merged reviews.yaml".to_string()]);
        let merged = Reviews::parse("ours", &std::fs::read(&args.ours).unwrap()).unwrap();
        assert_eq!(merged.len(), 2);
        assert_eq!(merged.get("a", "c").unwrap().note, "mine");
    }

    #[test]
    fn a_truncated_version_is_refused_and_ours_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let whole = reviews(&[("a", Verdict::Risk, "x"), ("b", Verdict::Risk, "y")]);
        let cut = &whole[..whole.len() - "# end of reviews: 2\n".len()];
        let ours = reviews(&[("a", Verdict::Acceptable, "x")]);
        let args = versions(dir.path(), &whole, &ours, cut);
        let mut err = Vec::new();
        assert_eq!(run(Driver::Reviews, &args, &mut err), ExitCode::FAILURE);
        let err = String::from_utf8(err).unwrap();
        assert!(
            err.starts_with("reviews.yaml (the other branch):")
                && err.contains("possibly truncated"),
            "{err}"
        );
        assert_eq!(std::fs::read(&args.ours).unwrap(), ours);
    }

    #[test]
    fn a_version_that_is_not_a_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let args = versions(dir.path(), b"", b"", b"");
        std::fs::remove_file(&args.theirs).unwrap();
        std::fs::create_dir(&args.theirs).unwrap();
        let Err(e) = merge_vendor(&args) else {
            panic!("a directory is not merged")
        };
        assert!(
            e.to_string()
                .starts_with("reviews.yaml (the other branch): cannot read"),
            "{e}"
        );
    }
}
