//! `kurabe team sync`, as `pass git` / gopass sync for people who do not live in git: commit
//! what changed in the data directory (a message naming the vendors and controls), pull from
//! the remote (merging through kurabe's drivers), push, and say what happened in words. Each
//! step that git refuses stops it, with what git said.

use super::changes::{self, Change, Kind, Touched};
use super::status::read_status;
use super::{Repository, TeamError, DRIVERS_MISSING};
use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{DRIVERS_MISSING}; `kurabe team sync` does not pull without them: git would merge your reviews and vendor files as plain text")]
    DriversMissing,
    #[error(".gitattributes does not route reviews.yaml and vendors/*.yaml to kurabe's merge drivers: run `kurabe team init`; `kurabe team sync` does not pull without them")]
    NotRouted,
    #[error("HEAD is detached (not on a branch): check out your branch (`git -C DATA_DIR switch main`), then run `kurabe team sync` again")]
    Detached,
    #[error("git left conflicts in: {}\nsettle each (edit it and remove git's <<<<<<< ======= >>>>>>> markers), then `git -C DATA_DIR add` it and run `kurabe team sync` again, which commits the merge; or undo the pull with `git -C DATA_DIR merge --abort`", .0.join("; "))]
    Conflicted(Vec<String>),
    #[error("the branch tracks no remote and there are several ({0}): choose one with `git -C DATA_DIR push -u REMOTE BRANCH`")]
    WhichRemote(String),
}

/// Runs the sync, reporting each step to `out`; returns the exit status.
pub fn sync(data_dir: &Path, out: &mut impl Write) -> Result<u8, TeamError> {
    let repository = Repository::find(data_dir)?
        .ok_or_else(|| TeamError::NotARepository(data_dir.to_path_buf()))?;
    if !repository.drivers_registered()? {
        return Err(SyncError::DriversMissing.into());
    }
    if !super::status::routed(&repository)? {
        return Err(SyncError::NotRouted.into());
    }
    let (branch, pending) = read_status(&repository)?;
    let head_name = branch.head.clone().ok_or(SyncError::Detached)?;
    let conflicted: Vec<String> = pending
        .iter()
        .filter(|c| c.kind == Kind::Conflicted)
        .map(|c| changes::file_role(&c.path))
        .collect();
    if !conflicted.is_empty() {
        return Err(SyncError::Conflicted(conflicted).into());
    }
    commit(&repository, &pending, out)?;

    let git = &repository.git;
    let remotes: Vec<String> = git
        .run(&["remote"])?
        .stdout
        .lines()
        .map(str::to_string)
        .collect();
    let configured = git.config(&format!("branch.{head_name}.remote"))?;
    let remote = match (configured, remotes.as_slice()) {
        (Some(remote), _) => remote,
        (None, [only]) => only.clone(),
        // No remote: git's own words say what to do.
        (None, []) => return refused(&git.run(&["push"])?, "push"),
        (None, several) => {
            let several = crate::sanitize::line(&several.join(", ")).into_owned();
            return Err(SyncError::WhichRemote(several).into());
        }
    };
    let tracked = git.config(&format!("branch.{head_name}.merge"))?;
    let remote_ref = tracked
        .clone()
        .unwrap_or_else(|| format!("refs/heads/{head_name}"));
    let remote_branch = remote_ref
        .strip_prefix("refs/heads/")
        .unwrap_or(&remote_ref);
    let there = format!("{remote}/{remote_branch}");
    let there_shown = crate::sanitize::line(&there).into_owned();

    let listed = git.run(&["ls-remote", "--exit-code", "--heads", &remote, &remote_ref])?;
    match listed.code {
        Some(0) => pull(&repository, &remote, &remote_ref, &there_shown, out)?,
        Some(2) => writeln!(out, "{there_shown} does not exist yet: nothing to pull")?,
        _ => return refused(&listed, "ls-remote"),
    }

    if git
        .run(&["rev-parse", "-q", "--verify", "HEAD"])?
        .value()
        .is_none()
    {
        writeln!(out, "nothing to push: no commit yet")?;
        return Ok(0);
    }
    let target = format!("HEAD:{remote_ref}");
    let mut push = vec!["push", "--porcelain"];
    if tracked.is_none() {
        push.push("--set-upstream");
    }
    push.extend([remote.as_str(), target.as_str()]);
    let pushed = git.run(&push)?;
    if !pushed.success {
        writeln!(
            out,
            "not pushed: if someone pushed meanwhile, run `kurabe team sync` again"
        )?;
        return refused(&pushed, "push");
    }
    if pushed.stdout.contains("[up to date]") {
        writeln!(out, "{there_shown} is up to date: nothing to push")?;
    } else {
        writeln!(out, "pushed to {there_shown}")?;
    }
    Ok(0)
}

/// A git step that failed: what git said, as the error.
fn refused(ran: &super::git::Ran, command: &str) -> Result<u8, TeamError> {
    Err(TeamError::Refused {
        command: command.to_string(),
        said: ran.said(),
    })
}

/// Commits everything changed in the data directory, with a message naming what it touched.
fn commit(
    repository: &Repository,
    pending: &[Change],
    out: &mut impl Write,
) -> Result<(), TeamError> {
    let git = &repository.git;
    let merging = git
        .run(&["rev-parse", "-q", "--verify", "MERGE_HEAD"])?
        .value()
        .is_some();
    if pending.is_empty() && !merging {
        writeln!(out, "nothing to commit")?;
        return Ok(());
    }
    let added = git.run(&["add", "-A", "--", "."])?;
    if !added.success {
        refused(&added, "add")?;
    }
    let (_, staged) = read_status(repository)?;
    let touched: Vec<Touched> = staged
        .into_iter()
        .map(|change| {
            let names = names_touched(repository, &change).unwrap_or_default();
            Touched { change, names }
        })
        .collect();
    let message = changes::commit_message(&touched);
    // A merge in progress is concluded whole (git refuses a partial commit during a merge);
    // otherwise only the data directory is committed, whatever else is staged above it.
    let mut args = vec!["commit", "-q", "-m", message.trim_end()];
    if !merging {
        args.extend(["--", "."]);
    }
    let committed = git.run(&args)?;
    if !committed.success {
        refused(&committed, "commit")?;
    }
    writeln!(out, "committed:")?;
    for line in message.lines().filter(|l| !l.is_empty()) {
        writeln!(out, "  {}", crate::sanitize::line(line))?;
    }
    Ok(())
}

/// The reviews or answers a change touched (`None`: only the file can be named).
fn names_touched(repository: &Repository, change: &Change) -> Option<Vec<String>> {
    let path = change.path.as_str();
    let reviews = path == "reviews.yaml";
    let vendor =
        path.starts_with("vendors/") && (path.ends_with(".yaml") || path.ends_with(".yml"));
    if !reviews && !vendor {
        return None;
    }
    let committed = match change.kind {
        Kind::New | Kind::Renamed(_) => None,
        _ => {
            let spec = format!("HEAD:{}{path}", repository.prefix);
            let ran = repository.git.run(&["show", &spec]).ok()?;
            ran.success.then(|| ran.stdout.into_bytes())
        }
    };
    let current = match change.kind {
        Kind::Removed => None,
        _ => Some(crate::catalog::yaml::read_bounded(&repository.git.dir().join(path)).ok()?),
    };
    if reviews {
        changes::reviews_touched(committed.as_deref(), current.as_deref())
    } else {
        changes::answers_touched(committed.as_deref(), current.as_deref())
    }
}

/// Pulls `remote_ref` from `remote`, merging through the drivers, and says what came in.
fn pull(
    repository: &Repository,
    remote: &str,
    remote_ref: &str,
    there: &str,
    out: &mut impl Write,
) -> Result<(), TeamError> {
    let git = &repository.git;
    let before = git.run(&["rev-parse", "-q", "--verify", "HEAD"])?.value();
    // A merge (the drivers merge per review and answer), whatever `pull.rebase` or
    // `pull.ff = only` say: a fast-forward when there is nothing of ours to merge.
    let pulled = git.run(&[
        "pull",
        "--no-rebase",
        "--ff",
        "--no-edit",
        remote,
        remote_ref,
    ])?;
    let (_, after_pull) = read_status(repository)?;
    let conflicted: Vec<String> = after_pull
        .iter()
        .filter(|c| c.kind == Kind::Conflicted)
        .map(|c| changes::file_role(&c.path))
        .collect();
    if !pulled.success {
        if !conflicted.is_empty() {
            writeln!(out, "pulled from {there}; git said:\n{}", pulled.said())?;
            return Err(SyncError::Conflicted(conflicted).into());
        }
        refused(&pulled, "pull")?;
    }
    let after = git.run(&["rev-parse", "-q", "--verify", "HEAD"])?.value();
    if before == after {
        writeln!(out, "pulled from {there}: nothing new")?;
        return Ok(());
    }
    let after = after.unwrap_or_default();
    // The commits that came from the remote; the merge commit made here is not one of them.
    let range = match &before {
        Some(before) => format!("{before}..FETCH_HEAD"),
        None => "FETCH_HEAD".to_string(),
    };
    let count = git
        .run(&["rev-list", "--count", &range])?
        .value()
        .unwrap_or_default();
    let mut brought = Vec::new();
    if let Some(before) = &before {
        let diff = git.run(&["diff", "--name-only", "-z", before, &after, "--", "."])?;
        brought = diff
            .stdout
            .split('\0')
            .filter_map(|p| repository.in_data_dir(p))
            .filter(|p| !p.is_empty())
            .map(changes::file_role)
            .collect();
    }
    let brought = if brought.is_empty() {
        String::new()
    } else {
        format!(", changing {}", brought.join(", "))
    };
    writeln!(
        out,
        "pulled from {there}: {} commit(s){brought}",
        crate::sanitize::line(&count)
    )?;
    for line in pulled.said().lines() {
        let line = line.trim();
        if line.starts_with("kurabe merged") || line.starts_with("warning:") {
            writeln!(out, "  {line}")?;
        }
    }
    if pulled.said().contains("changed on both branches")
        || pulled
            .said()
            .contains("changed differently on both branches")
    {
        writeln!(
            out,
            "settle the conflicts kept in the files in the app; `kurabe check` lists them"
        )?;
    }
    Ok(())
}
