//! `kurabe team init`: the data directory made (or adopted as) a git repository set up for
//! kurabe's merge drivers. Idempotent: lines already there are never added twice, the user's
//! own lines are kept, and nothing is committed.

use super::{Repository, TeamError, ATTRIBUTE_LINES, DRIVERS, IGNORE_LINES};
use crate::cli::team::git::Git;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn init(data_dir: &Path, out: &mut impl Write) -> Result<(), TeamError> {
    let shown = |p: &Path| crate::sanitize::line(&p.display().to_string()).into_owned();
    std::fs::create_dir_all(data_dir).map_err(|source| TeamError::CreateDir {
        path: data_dir.to_path_buf(),
        source,
    })?;
    let mut changed = false;
    let repository = match Repository::find(data_dir)? {
        Some(r) => {
            if r.prefix.is_empty() {
                writeln!(out, "{} is a git repository already", shown(data_dir))?;
            } else {
                writeln!(
                    out,
                    "{} is in the git repository {}: kurabe uses it",
                    shown(data_dir),
                    shown(&r.top)
                )?;
            }
            r
        }
        None => {
            let ran = Git::new(data_dir).run(&["init", "-q"])?;
            if !ran.success {
                return Err(TeamError::Refused {
                    command: "init".into(),
                    said: ran.said(),
                });
            }
            changed = true;
            writeln!(out, "made {} a git repository (git init)", shown(data_dir))?;
            Repository::find(data_dir)?.ok_or_else(|| TeamError::NotARepository(data_dir.into()))?
        }
    };

    let added = add_lines(&data_dir.join(".gitattributes"), &ATTRIBUTE_LINES)?;
    changed |= added > 0;
    say_lines(
        out,
        ".gitattributes",
        added,
        "routing reviews.yaml and vendors/*.yaml to kurabe's merge drivers",
        "routes reviews.yaml and vendors/*.yaml to kurabe's merge drivers",
    )?;
    let added = add_lines(&data_dir.join(".gitignore"), &IGNORE_LINES)?;
    changed |= added > 0;
    say_lines(
        out,
        ".gitignore",
        added,
        "leaving out kurabe's locks, reviews backup and temporary files",
        "leaves out kurabe's locks, reviews backup and temporary files",
    )?;

    let program = program()?;
    let mut registered = Vec::new();
    for (name, description, command) in DRIVERS {
        let driver = format!("{program} {command} %O %A %B %P");
        for (key, value) in [("name", description), ("driver", driver.as_str())] {
            let key = format!("merge.{name}.{key}");
            if repository.git.config(&key)?.as_deref() == Some(value) {
                continue;
            }
            let ran = repository.git.run(&["config", &key, value])?;
            if !ran.success {
                return Err(TeamError::Refused {
                    command: format!("config {key}"),
                    said: ran.said(),
                });
            }
            registered.push(driver.clone());
        }
    }
    registered.dedup();
    if registered.is_empty() {
        writeln!(
            out,
            "the merge drivers are registered in this repository's config already"
        )?;
    } else {
        changed = true;
        writeln!(
            out,
            "registered the merge drivers in this repository's config (.git/config, which a clone does not copy): {}",
            crate::sanitize::line(&registered.join(", "))
        )?;
    }
    if changed {
        writeln!(out, "nothing was committed: `kurabe team sync` commits, pulls and pushes (add a remote first: `git -C DATA_DIR remote add origin URL`)")?;
    } else {
        writeln!(out, "nothing to change")?;
    }
    Ok(())
}

fn say_lines(
    out: &mut impl Write,
    file: &str,
    added: usize,
    doing: &str,
    done: &str,
) -> Result<(), TeamError> {
    if added == 0 {
        writeln!(out, "{file} {done} already")?;
    } else {
        writeln!(out, "{file}: added {added} line(s) {doing}")?;
    }
    Ok(())
}

/// Appends to `path` the `lines` it does not hold yet (compared with spaces collapsed),
/// keeping everything else as it was. Returns how many it added.
fn add_lines(path: &Path, lines: &[&str]) -> Result<usize, TeamError> {
    // Bounded, regular files only: the file may have come with a cloned repository.
    let existing = match crate::catalog::yaml::read_bounded(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(TeamError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let normal = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    let present: std::collections::HashSet<String> = existing.lines().map(normal).collect();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !present.contains(&normal(l)))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if text.is_empty() {
        text.push_str("# kurabe (`kurabe team init`)\n");
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    crate::files::write_atomic(path, text.as_bytes()).map_err(|source| TeamError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(missing.len())
}

/// How git is to run kurabe: `kurabe` when the one on PATH is this very program, else this
/// program's absolute path, quoted for the shell git runs the driver with.
fn program() -> Result<String, TeamError> {
    let exe = std::env::current_exe()?;
    let exe = exe.canonicalize().unwrap_or(exe);
    if on_path("kurabe").is_some_and(|p| p.canonicalize().is_ok_and(|p| p == exe)) {
        return Ok("kurabe".to_string());
    }
    Ok(shell_quoted(&exe.to_string_lossy()))
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// `word` in single quotes for sh, and with `%` doubled: git expands `%O`-style placeholders
/// in a driver's command before the shell sees it.
fn shell_quoted(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''").replace('%', "%%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_added_once_and_the_users_own_lines_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".gitignore");
        std::fs::write(&path, "notes.txt\nreviews.yaml.bak").unwrap();
        assert_eq!(add_lines(&path, &IGNORE_LINES).unwrap(), 3);
        assert_eq!(add_lines(&path, &IGNORE_LINES).unwrap(), 0);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "notes.txt\nreviews.yaml.bak\nreviews.yaml.lock\n.*.lock\n.kurabe*.tmp\n"
        );
    }

    #[test]
    fn a_path_is_quoted_for_the_shell_and_for_gits_placeholders() {
        assert_eq!(
            shell_quoted("/opt/it's 100%/kurabe"),
            "'/opt/it'\\''s 100%%/kurabe'"
        );
    }
}
