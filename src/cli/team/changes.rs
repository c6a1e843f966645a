//! What is not committed in the data directory, in words: `git status` read as kurabe's files
//! (reviews, vendors, requirements profiles), and the controls a change touches, found by
//! reading the committed and the current file through the YAML gate.

use crate::catalog::{yaml, VendorFile};
use crate::reviews::Reviews;
use std::collections::{BTreeMap, BTreeSet};

/// How a file differs from the last commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    New,
    Changed,
    Removed,
    /// Renamed from this path (in the data directory).
    Renamed(String),
    /// Left conflicted by a merge: git's markers are in it.
    Conflicted,
}

/// One file not committed, its path relative to the data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub kind: Kind,
}

/// The branch as `git status --branch` describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Branch {
    /// `None` when HEAD is detached.
    pub head: Option<String>,
    pub upstream: Option<String>,
    pub ahead: u64,
    pub behind: u64,
}

/// `git status --porcelain=v2 -z --branch` read: the branch, and the changes under the data
/// directory (`prefix` is its path in the repository, stripped from every path).
pub fn parse_status(output: &str, prefix: &str) -> (Branch, Vec<Change>) {
    let mut branch = Branch::default();
    let mut changes = Vec::new();
    let mut records = output.split('\0').filter(|r| !r.is_empty());
    let local = |path: &str| path.strip_prefix(prefix).map(str::to_string);
    while let Some(record) = records.next() {
        if let Some(header) = record.strip_prefix("# ") {
            read_header(header, &mut branch);
            continue;
        }
        let (path, kind) = match record.as_bytes().first() {
            Some(b'1') => match record.splitn(9, ' ').collect::<Vec<_>>()[..] {
                [_, xy, .., path] => (path, kind_of(xy)),
                _ => continue,
            },
            Some(b'2') => match record.splitn(10, ' ').collect::<Vec<_>>()[..] {
                [.., path] => {
                    let from = records.next().unwrap_or_default();
                    let from = local(from).unwrap_or_else(|| from.to_string());
                    (path, Kind::Renamed(from))
                }
                _ => continue,
            },
            Some(b'u') => match record.splitn(11, ' ').collect::<Vec<_>>()[..] {
                [.., path] => (path, Kind::Conflicted),
                _ => continue,
            },
            Some(b'?') => (&record[2.min(record.len())..], Kind::New),
            _ => continue,
        };
        if let Some(path) = local(path) {
            changes.push(Change { path, kind });
        }
    }
    (branch, changes)
}

fn read_header(header: &str, branch: &mut Branch) {
    let (key, value) = header.split_once(' ').unwrap_or((header, ""));
    match key {
        "branch.head" if value != "(detached)" => branch.head = Some(value.to_string()),
        "branch.upstream" => branch.upstream = Some(value.to_string()),
        "branch.ab" => {
            for part in value.split(' ') {
                if let Some(n) = part.strip_prefix('+') {
                    branch.ahead = n.parse().unwrap_or(0);
                } else if let Some(n) = part.strip_prefix('-') {
                    branch.behind = n.parse().unwrap_or(0);
                }
            }
        }
        _ => {}
    }
}

/// The kind of a changed entry from its `XY` (index, work tree).
fn kind_of(xy: &str) -> Kind {
    if xy.contains('A') {
        Kind::New
    } else if xy.contains('D') {
        Kind::Removed
    } else {
        Kind::Changed
    }
}

/// What a file of the data directory is to the reader.
pub fn file_role(path: &str) -> String {
    let stem = |p: &str| {
        p.strip_suffix(".yaml")
            .or_else(|| p.strip_suffix(".yml"))
            .filter(|s| !s.contains('/'))
            .map(str::to_string)
    };
    let role = if path == "reviews.yaml" {
        "reviews".to_string()
    } else if let Some(id) = path.strip_prefix("vendors/").and_then(stem) {
        format!("vendor {id}")
    } else if let Some(id) = path.strip_prefix("requirements/").and_then(stem) {
        format!("requirements profile {id}")
    } else if path == "controls.yaml" {
        "your controls".to_string()
    } else {
        path.to_string()
    };
    crate::sanitize::line(&role).into_owned()
}

/// How a change reads in a list: `vendor acme (vendors/acme.yaml): changed`.
pub fn describe(change: &Change) -> String {
    let role = file_role(&change.path);
    let path = crate::sanitize::line(&change.path);
    let what = if role == path {
        path.into_owned()
    } else {
        format!("{role} ({path})")
    };
    let how = match &change.kind {
        Kind::New => "new".to_string(),
        Kind::Changed => "changed".to_string(),
        Kind::Removed => "removed".to_string(),
        Kind::Renamed(from) => format!("renamed from {}", crate::sanitize::line(from)),
        Kind::Conflicted => "conflicted: git's conflict markers are in it".to_string(),
    };
    format!("{what}: {how}")
}

/// The reviews that differ between two versions of the reviews file, as `vendor/control`
/// (`None` when a version does not read: then only the file is named).
pub fn reviews_touched(old: Option<&[u8]>, new: Option<&[u8]>) -> Option<Vec<String>> {
    let read = |bytes: Option<&[u8]>| match bytes {
        None => Some(Reviews::default()),
        Some(b) if b.iter().all(u8::is_ascii_whitespace) => Some(Reviews::default()),
        Some(b) => Reviews::parse("reviews.yaml", b).ok(),
    };
    let (old, new) = (read(old)?, read(new)?);
    let index = |r: &Reviews| {
        r.iter()
            .map(|r| ((r.vendor.clone(), r.control.clone()), r.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let (old, new) = (index(&old), index(&new));
    let keys: BTreeSet<_> = old.keys().chain(new.keys()).collect();
    Some(
        keys.into_iter()
            .filter(|k| old.get(*k) != new.get(*k))
            .map(|(vendor, control)| format!("{vendor}/{control}"))
            .collect(),
    )
}

/// The answers (by control) that differ between two versions of a vendor file, and
/// `vendor details` when its vendor or documents changed (`None` when a version does not read).
pub fn answers_touched(old: Option<&[u8]>, new: Option<&[u8]>) -> Option<Vec<String>> {
    let read = |bytes: Option<&[u8]>| -> Option<Option<VendorFile>> {
        match bytes {
            None => Some(None),
            Some(b) => yaml::read::<VendorFile>("vendor file", b)
                .ok()
                .map(|(f, _)| Some(f)),
        }
    };
    let (old, new) = (read(old)?, read(new)?);
    let answers = |f: &Option<VendorFile>| {
        f.iter()
            .flat_map(|f| &f.answers)
            .map(|a| (a.control.clone(), a.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let (old_answers, new_answers) = (answers(&old), answers(&new));
    let mut touched = Vec::new();
    let details =
        |f: &Option<VendorFile>| f.as_ref().map(|f| (f.vendor.clone(), f.documents.clone()));
    if old.is_some() && new.is_some() && details(&old) != details(&new) {
        touched.push("vendor details".to_string());
    }
    let controls: BTreeSet<_> = old_answers.keys().chain(new_answers.keys()).collect();
    touched.extend(
        controls
            .into_iter()
            .filter(|c| old_answers.get(*c) != new_answers.get(*c))
            .map(|c| c.to_string()),
    );
    Some(touched)
}

/// What one file's change touched, for a commit message: the file's role and the reviews or
/// answers named (empty when only the file can be named).
#[derive(Debug, Clone)]
pub struct Touched {
    pub change: Change,
    pub names: Vec<String>,
}

/// How many names a commit message lists per file before it counts the rest.
const NAMED_PER_FILE: usize = 12;

/// A commit message: a subject naming the files' roles (with the vendors whose reviews
/// changed), then one line per file with the reviews or answers it touched.
pub fn commit_message(touched: &[Touched]) -> String {
    let mut subject = Vec::new();
    for t in touched {
        let role = file_role(&t.change.path);
        if t.change.path == "reviews.yaml" && !t.names.is_empty() {
            let vendors: BTreeSet<&str> = t
                .names
                .iter()
                .filter_map(|n| n.split_once('/').map(|(v, _)| v))
                .collect();
            subject.push(format!(
                "reviews of {}",
                vendors.into_iter().collect::<Vec<_>>().join(", ")
            ));
        } else {
            subject.push(role);
        }
    }
    if subject.is_empty() {
        // A merge that changed nothing of ours.
        return "kurabe: merge\n".to_string();
    }
    let mut subject = format!("kurabe: {}", subject.join("; "));
    if subject.chars().count() > 72 {
        subject = format!(
            "{}…",
            subject.chars().take(71).collect::<String>().trim_end()
        );
    }
    let mut body = Vec::new();
    for t in touched {
        let mut line = describe(&t.change);
        if !t.names.is_empty() {
            let shown: Vec<String> = t
                .names
                .iter()
                .take(NAMED_PER_FILE)
                .map(|n| crate::sanitize::line(n).into_owned())
                .collect();
            line.push_str(&format!(" ({}", shown.join(", ")));
            if t.names.len() > NAMED_PER_FILE {
                line.push_str(&format!(" and {} more", t.names.len() - NAMED_PER_FILE));
            }
            line.push(')');
        }
        body.push(format!("- {line}"));
    }
    format!("{subject}\n\n{}\n", body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_records_become_changes_under_the_data_directory() {
        let output = "# branch.oid abc\0# branch.head main\0# branch.upstream origin/main\0# branch.ab +2 -1\0\
            1 .M N... 100644 100644 100644 a b data/reviews.yaml\0\
            2 R. N... 100644 100644 100644 a b R100 data/vendors/new name.yaml\0data/vendors/old.yaml\0\
            u UU N... 100644 100644 100644 100644 a b c data/requirements/ours.yaml\0\
            ? data/vendors/acme.yaml\0? elsewhere.txt\0";
        let (branch, changes) = parse_status(output, "data/");
        assert_eq!(
            branch,
            Branch {
                head: Some("main".into()),
                upstream: Some("origin/main".into()),
                ahead: 2,
                behind: 1
            }
        );
        let described: Vec<String> = changes.iter().map(describe).collect();
        assert_eq!(
            described,
            [
                "reviews (reviews.yaml): changed",
                "vendor new name (vendors/new name.yaml): renamed from vendors/old.yaml",
                "requirements profile ours (requirements/ours.yaml): conflicted: git's conflict markers are in it",
                "vendor acme (vendors/acme.yaml): new",
            ]
        );
    }

    #[test]
    fn a_commit_message_names_the_vendors_and_the_reviews_touched() {
        let reviews = |entries: &[(&str, &str)]| {
            let mut r = Reviews::default();
            for (control, note) in entries {
                r.set(
                    "acme",
                    control,
                    None,
                    None,
                    note.to_string(),
                    jiff::Timestamp::UNIX_EPOCH,
                );
            }
            r.to_yaml().into_bytes()
        };
        let old = reviews(&[("a", "x"), ("b", "y")]);
        let new = reviews(&[("a", "x"), ("b", "z"), ("c", "new")]);
        let names = reviews_touched(Some(&old), Some(&new)).unwrap();
        assert_eq!(names, ["acme/b", "acme/c"]);
        let message = commit_message(&[
            Touched {
                change: Change {
                    path: "reviews.yaml".into(),
                    kind: Kind::Changed,
                },
                names,
            },
            Touched {
                change: Change {
                    path: "vendors/beta.yaml".into(),
                    kind: Kind::New,
                },
                names: Vec::new(),
            },
        ]);
        assert_eq!(
            message,
            "kurabe: reviews of acme; vendor beta\n\n\
             - reviews (reviews.yaml): changed (acme/b, acme/c)\n\
             - vendor beta (vendors/beta.yaml): new\n"
        );
        assert_eq!(reviews_touched(Some(b"reviews: [broken"), Some(&new)), None);
    }
}
