//! `kurabe team status`: the data directory's repository in words.

use super::changes::{self, Branch, Change};
use super::{Repository, TeamError, DRIVERS_MISSING};
use std::io::Write;
use std::path::Path;

/// The branch and the uncommitted changes of the data directory.
pub fn read_status(repository: &Repository) -> Result<(Branch, Vec<Change>), TeamError> {
    let ran = repository.git.run(&[
        "status",
        "--porcelain=v2",
        "-z",
        "--branch",
        "--untracked-files=all",
        "--",
        ".",
    ])?;
    if !ran.success {
        return Err(TeamError::Refused {
            command: "status".into(),
            said: ran.said(),
        });
    }
    Ok(changes::parse_status(&ran.stdout, &repository.prefix))
}

/// Prints the status; returns 1 when `team init` is still to run, else 0.
pub fn status(data_dir: &Path, out: &mut impl Write) -> Result<u8, TeamError> {
    let shown = |p: &Path| crate::sanitize::line(&p.display().to_string()).into_owned();
    writeln!(out, "data directory  {}", shown(data_dir))?;
    let Some(repository) = Repository::find(data_dir)? else {
        writeln!(
            out,
            "git repository  no: run `kurabe team init` to share it through git"
        )?;
        return Ok(1);
    };
    writeln!(out, "git repository  yes ({})", shown(&repository.top))?;
    let drivers = repository.registered_drivers()?;
    let registered = drivers.iter().all(Option::is_some);
    if registered {
        writeln!(out, "merge drivers   registered")?;
    } else {
        writeln!(out, "merge drivers   no: {DRIVERS_MISSING}")?;
    }
    let routed = routed(&repository)?;
    if routed {
        writeln!(
            out,
            "routing         .gitattributes routes reviews.yaml and vendors/*.yaml to them"
        )?;
    } else {
        writeln!(out, "routing         no: .gitattributes does not route reviews.yaml and vendors/*.yaml to kurabe's drivers: run `kurabe team init`")?;
    }
    let (branch, changes) = read_status(&repository)?;
    let remotes = repository.git.run(&["remote"])?;
    let remotes: Vec<String> = remotes.stdout.lines().map(str::to_string).collect();
    match remotes.as_slice() {
        [] => writeln!(
            out,
            "remote          none: add one with `git -C DATA_DIR remote add origin URL`"
        )?,
        _ => {
            for remote in &remotes {
                let url = repository
                    .git
                    .config(&format!("remote.{remote}.url"))?
                    .unwrap_or_default();
                writeln!(
                    out,
                    "remote          {}",
                    crate::sanitize::line(&format!("{remote} {url}"))
                )?;
            }
        }
    }
    writeln!(out, "branch          {}", describe_branch(&branch))?;
    if changes.is_empty() {
        writeln!(out, "uncommitted     nothing")?;
    } else {
        writeln!(out, "uncommitted     {} file(s):", changes.len())?;
        for change in &changes {
            writeln!(out, "  {}", changes::describe(change))?;
        }
    }
    Ok(if registered && routed { 0 } else { 1 })
}

fn describe_branch(branch: &Branch) -> String {
    let head = branch.head.as_deref().unwrap_or("none (detached HEAD)");
    let mut said = crate::sanitize::line(head).into_owned();
    match &branch.upstream {
        None => said.push_str(", not tracking a remote branch yet (`kurabe team sync` pushes it)"),
        Some(upstream) => {
            said.push_str(&format!(", tracking {}", crate::sanitize::line(upstream)));
            match (branch.ahead, branch.behind) {
                (0, 0) => said.push_str(" (up to date when last fetched)"),
                (ahead, behind) => said.push_str(&format!(
                    " ({ahead} commit(s) to push, {behind} to pull when last fetched)"
                )),
            }
        }
    }
    said
}

/// Whether git routes the reviews file and vendor files to kurabe's drivers (what
/// `.gitattributes` says, as git reads it).
pub(super) fn routed(repository: &Repository) -> Result<bool, TeamError> {
    let ran = repository.git.run(&[
        "check-attr",
        "merge",
        "--",
        "reviews.yaml",
        "vendors/example.yaml",
    ])?;
    Ok(ran.success
        && ran.stdout.contains("reviews.yaml: merge: kurabe-reviews")
        && ran
            .stdout
            .contains("vendors/example.yaml: merge: kurabe-vendor"))
}
