//! The real git for the team tests (merge drivers, `kurabe team`): run away from the user's and
//! the system's configuration, and the shared data those tests put in a repository.

use jiff::Timestamp;
use kurabe::reviews::Reviews;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether git is installed; says the test is skipped when not.
pub fn git_is_there() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: no `git` binary on PATH");
    }
    found
}

/// Git away from the user's and the system's configuration, never prompting.
pub const GIT_ENV: [(&str, &str); 7] = [
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_TERMINAL_PROMPT", "0"),
    ("GIT_AUTHOR_NAME", "Test"),
    ("GIT_AUTHOR_EMAIL", "test@example.com"),
    ("GIT_COMMITTER_NAME", "Test"),
    ("GIT_COMMITTER_EMAIL", "test@example.com"),
];

/// `git ARGS` in `dir`.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .envs(GIT_ENV)
        .output()
        .expect("git runs")
}

/// `git ARGS` in `dir` that must succeed; its standard output.
pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The catalogue the vendors answer: the test fixture's two controls.
pub fn catalogue() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
}

/// The fixture's vendor file under the id `id`.
pub fn vendor_text(id: &str) -> String {
    std::fs::read_to_string(catalogue().join("vendors/acme.yaml"))
        .unwrap()
        .replace("id: acme", &format!("id: {id}"))
}

/// A time `minutes` after a fixed one.
pub fn at(minutes: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + minutes * 60).unwrap()
}

/// Changes the reviews file of `repo` as the app saves it.
pub fn edit_reviews(repo: &Path, edit: impl FnOnce(&mut Reviews)) {
    let path = repo.join("reviews.yaml");
    let mut reviews = Reviews::load(&path).unwrap();
    edit(&mut reviews);
    std::fs::write(&path, reviews.to_yaml()).unwrap();
}

/// Replaces the first `from` in the file at `path` with `to`.
pub fn edit_file(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}
