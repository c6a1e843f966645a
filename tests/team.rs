//! `kurabe team init`, `team status` and `team sync` with the real git: a bare remote, two
//! reviewers' clones each set up by `team init`, their work synced both ways through kurabe's
//! merge drivers.

mod common;

use common::git::{
    at, catalogue, edit_file, edit_reviews, git, git_is_there, git_ok, vendor_text, GIT_ENV,
};

use common::home::{kurabe_command, kurabe_in_tmux, paths_under};
use kurabe::paths::Paths;
use kurabe::reviews::{Reviews, Verdict};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `kurabe ARGS` on the home `paths`, with git's environment as in [`git`].
fn kurabe(paths: &Paths, args: &[&str]) -> (bool, String, String) {
    let out = kurabe_command(paths)
        .args(args)
        .envs(GIT_ENV)
        .output()
        .expect("kurabe runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `kurabe ARGS` that must succeed; its standard output.
fn kurabe_ok(paths: &Paths, args: &[&str]) -> String {
    let (ok, out, err) = kurabe(paths, args);
    assert!(ok, "kurabe {args:?}:\n{out}\n{err}");
    out
}

/// A reviewer's home below `root/name` whose data directory is a clone of `remote`, with the
/// reviewer's name in its git config.
fn clone_for(root: &Path, name: &str, remote: &Path) -> Paths {
    let paths = paths_under(&root.join(name));
    std::fs::create_dir_all(paths.data_dir.parent().unwrap()).unwrap();
    let cloned = Command::new("git")
        .arg("clone")
        .arg("-q")
        .arg(remote)
        .arg(&paths.data_dir)
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert!(cloned.status.success(), "{cloned:?}");
    git_ok(&paths.data_dir, &["config", "user.name", name]);
    git_ok(
        &paths.data_dir,
        &["config", "user.email", &format!("{name}@example.com")],
    );
    paths
}

/// A bare remote on `main`, and Alice's clone of it set up by `team init` holding two vendors
/// and two reviews, synced to the remote by `team sync`.
fn shared_start(root: &Path) -> (PathBuf, Paths) {
    let remote = root.join("remote.git");
    let made = Command::new("git")
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(&remote)
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let alice = clone_for(root, "alice", &remote);
    let data = &alice.data_dir;
    git_ok(data, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    kurabe_ok(&alice, &["team", "init"]);
    std::fs::create_dir_all(data.join("vendors")).unwrap();
    for id in ["acme", "beta"] {
        std::fs::write(data.join(format!("vendors/{id}.yaml")), vendor_text(id)).unwrap();
    }
    let mut reviews = Reviews::default();
    reviews.set(
        "acme",
        "deletion-timing",
        None,
        Some(Verdict::Risk),
        "ask about backups".into(),
        at(1),
    );
    reviews.set(
        "acme",
        "backup-frequency",
        None,
        Some(Verdict::FollowUp),
        String::new(),
        at(1),
    );
    std::fs::write(data.join("reviews.yaml"), reviews.to_yaml()).unwrap();
    let said = kurabe_ok(&alice, &["team", "sync"]);
    assert!(said.contains("pushed to origin/main"), "{said}");
    (remote, alice)
}

#[test]
fn two_reviewers_sync_through_a_shared_remote_and_lose_nothing() {
    if !git_is_there() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (remote, alice) = shared_start(root.path());
    let bob = clone_for(root.path(), "bob", &remote);
    kurabe_ok(&bob, &["team", "init"]);
    // Alice's git would rebase, or refuse anything but a fast-forward: sync merges all the same.
    git_ok(&alice.data_dir, &["config", "pull.rebase", "true"]);
    git_ok(&alice.data_dir, &["config", "pull.ff", "only"]);

    // Bob: a verdict and note changed, a note added, a review of his own, Acme's deletion
    // period and Beta's backups.
    let (a, b) = (&alice.data_dir, &bob.data_dir);
    edit_reviews(b, |r| {
        r.set(
            "acme",
            "deletion-timing",
            None,
            Some(Verdict::FollowUp),
            "ask for the contract clause".into(),
            at(2),
        );
        r.set(
            "acme",
            "backup-frequency",
            None,
            Some(Verdict::FollowUp),
            "daily backups confirmed by phone".into(),
            at(2),
        );
        r.set(
            "beta",
            "backup-frequency",
            None,
            Some(Verdict::Acceptable),
            String::new(),
            at(2),
        );
    });
    edit_file(&b.join("vendors/acme.yaml"), "amount: 30", "amount: 60");
    edit_file(
        &b.join("vendors/beta.yaml"),
        "  - control: backup-frequency\n    status: not_stated\n",
        "  - control: backup-frequency\n    status: stated\n    summary: { en: \"Daily.\" }\n    quotes:\n      - { document: policy, section: \"2\", text: \"Backups are taken daily.\" }\n",
    );
    // Alice, later the same day: the same verdict changed, a review of her own, and Acme's
    // deletion period set otherwise.
    edit_reviews(a, |r| {
        r.set(
            "acme",
            "deletion-timing",
            None,
            Some(Verdict::Acceptable),
            "fine after the call".into(),
            at(3),
        );
        r.set(
            "beta",
            "deletion-timing",
            None,
            Some(Verdict::Risk),
            "no deletion date".into(),
            at(3),
        );
    });
    edit_file(&a.join("vendors/acme.yaml"), "amount: 30", "amount: 45");

    let said = kurabe_ok(&bob, &["team", "sync"]);
    assert!(said.contains("pushed to origin/main"), "{said}");
    let message = git_ok(b, &["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("kurabe: reviews of acme, beta; vendor acme; vendor beta\n"),
        "{message}"
    );
    assert!(
        message.contains(
            "reviews (reviews.yaml): changed (acme/backup-frequency, acme/deletion-timing, beta/backup-frequency)"
        ) && message.contains("vendor acme (vendors/acme.yaml): changed (deletion-timing)")
            && message.contains("vendor beta (vendors/beta.yaml): changed (backup-frequency)"),
        "{message}"
    );

    let said = kurabe_ok(&alice, &["team", "sync"]);
    assert!(said.contains("committed:"), "{said}");
    assert!(
        said.contains(
            "pulled from origin/main: 1 commit(s), changing reviews, vendor acme, vendor beta"
        ),
        "{said}"
    );
    assert!(said.contains("kurabe merged reviews.yaml: 1 review(s) changed on both branches (acme / deletion-timing)"), "{said}");
    assert!(said.contains("kurabe merged vendors/acme.yaml: 1 field(s) changed differently on both branches (deletion-timing (value))"), "{said}");
    assert!(said.contains("`kurabe check` lists them"), "{said}");
    assert!(said.contains("pushed to origin/main"), "{said}");

    let said = kurabe_ok(&bob, &["team", "sync"]);
    assert!(said.contains("nothing to commit"), "{said}");
    assert!(
        said.contains("pulled from origin/main: 2 commit(s)"),
        "{said}"
    );

    // Both clones hold the same files, in which nothing either reviewer did is lost.
    for file in ["reviews.yaml", "vendors/acme.yaml", "vendors/beta.yaml"] {
        assert_eq!(
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
            "{file}"
        );
    }
    let reviews = Reviews::load(&b.join("reviews.yaml")).expect("the merged reviews load");
    assert_eq!(reviews.len(), 4);
    let settled = reviews.get("acme", "deletion-timing").unwrap();
    assert_eq!(settled.verdict, Some(Verdict::Acceptable));
    assert!(
        settled
            .note
            .starts_with("fine after the call\n\n⚠ conflict")
            && settled.note.contains("ask for the contract clause"),
        "{}",
        settled.note
    );
    assert_eq!(
        reviews.get("acme", "backup-frequency").unwrap().note,
        "daily backups confirmed by phone"
    );
    assert_eq!(
        reviews.get("beta", "deletion-timing").unwrap().note,
        "no deletion date"
    );
    assert!(reviews.get("beta", "backup-frequency").is_some());
    let beta = std::fs::read_to_string(b.join("vendors/beta.yaml")).unwrap();
    assert!(beta.contains("Backups are taken daily."), "{beta}");

    // The clash on Acme's answer is kept and explained by `kurabe check`.
    let data = catalogue();
    let report = kurabe_ok(&bob, &["--data", data.to_str().unwrap(), "check"]);
    assert!(report.contains("1 conflict(s) to settle"), "{report}");
    let warning = report
        .lines()
        .find(|l| l.contains("holds a conflict"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        warning.contains("vendors/acme.yaml:")
            && warning.contains("45 days")
            && warning.contains("60 days"),
        "{warning}"
    );

    for reviewer in [&alice, &bob] {
        let status = kurabe_ok(reviewer, &["team", "status"]);
        assert!(status.contains("merge drivers   registered"), "{status}");
        assert!(
            status.contains("branch          main, tracking origin/main (up to date"),
            "{status}"
        );
        assert!(status.contains("uncommitted     nothing"), "{status}");
    }
}

#[test]
fn init_twice_changes_nothing_the_second_time_and_keeps_the_users_lines() {
    if !git_is_there() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let paths = paths_under(root.path());
    let data = &paths.data_dir;
    std::fs::create_dir_all(data).unwrap();
    std::fs::write(data.join(".gitignore"), "my-notes.txt\nreviews.yaml.bak\n").unwrap();
    std::fs::write(data.join(".gitattributes"), "*.pdf binary").unwrap();

    let first = kurabe_ok(&paths, &["team", "init"]);
    assert!(first.contains("a git repository (git init)"), "{first}");
    assert!(first.contains("nothing was committed"), "{first}");
    let files =
        || [".gitignore", ".gitattributes"].map(|f| std::fs::read_to_string(data.join(f)).unwrap());
    let config = || git_ok(data, &["config", "--local", "--list"]);
    let (files_once, config_once) = (files(), config());
    assert_eq!(
        files_once[0],
        "my-notes.txt\nreviews.yaml.bak\nreviews.yaml.lock\n.*.lock\n.kurabe*.tmp\n"
    );
    assert_eq!(
        files_once[1],
        "*.pdf binary\nreviews.yaml merge=kurabe-reviews\nvendors/*.yaml merge=kurabe-vendor\nvendors/*.yml merge=kurabe-vendor\n"
    );
    let attributes = git_ok(
        data,
        &[
            "check-attr",
            "merge",
            "--",
            "reviews.yaml",
            "vendors/x.yaml",
        ],
    );
    assert_eq!(
        attributes,
        "reviews.yaml: merge: kurabe-reviews\nvendors/x.yaml: merge: kurabe-vendor\n"
    );
    let bin = std::fs::canonicalize(env!("CARGO_BIN_EXE_kurabe")).unwrap();
    assert!(
        config_once.contains(&format!(
            "merge.kurabe-vendor.driver='{}' merge-vendor %O %A %B %P",
            bin.display()
        )),
        "{config_once}"
    );

    let second = kurabe_ok(&paths, &["team", "init"]);
    assert!(second.ends_with("nothing to change\n"), "{second}");
    assert_eq!(files(), files_once);
    assert_eq!(config(), config_once);
    assert_eq!(
        git(data, &["rev-parse", "-q", "--verify", "HEAD"]).stdout,
        b"",
        "init never commits"
    );

    // Routing lost (a hand edit of .gitattributes): status says so, sync does not pull.
    std::fs::write(data.join(".gitattributes"), "*.pdf binary\n").unwrap();
    let (ok, status, _) = kurabe(&paths, &["team", "status"]);
    assert!(!ok && status.contains("routing         no:"), "{status}");
    let (ok, _, err) = kurabe(&paths, &["team", "sync"]);
    assert!(!ok && err.contains("does not route reviews.yaml"), "{err}");
    let third = kurabe_ok(&paths, &["team", "init"]);
    assert!(third.contains(".gitattributes: added 3 line(s)"), "{third}");
    assert_eq!(files(), files_once);
}

#[test]
fn a_clone_without_the_drivers_is_told_to_run_init_and_sync_refuses_to_pull() {
    if !git_is_there() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (remote, _alice) = shared_start(root.path());
    let bob = clone_for(root.path(), "bob", &remote);

    let (ok, status, _) = kurabe(&bob, &["team", "status"]);
    assert!(!ok, "status exits 1 while init is to run");
    assert!(
        status.contains("merge drivers   no: kurabe's merge drivers are not registered in this repository (a clone does not copy .git/config): run `kurabe team init`"),
        "{status}"
    );
    let warning = kurabe::cli::team::missing_drivers_warning(&bob).expect("the app warns at start");
    assert!(
        warning.to_string().contains("run `kurabe team init`")
            && !warning.to_string().contains('\n'),
        "{warning}"
    );

    edit_reviews(&bob.data_dir, |r| {
        r.set("beta", "deletion-timing", None, None, "x".into(), at(5));
    });
    let head = git_ok(&bob.data_dir, &["rev-parse", "HEAD"]);
    let (ok, out, err) = kurabe(&bob, &["team", "sync"]);
    assert!(!ok, "{out}");
    assert!(err.contains("does not pull without them"), "{err}");
    assert_eq!(
        git_ok(&bob.data_dir, &["rev-parse", "HEAD"]),
        head,
        "nothing committed"
    );

    kurabe_ok(&bob, &["team", "init"]);
    assert!(kurabe::cli::team::missing_drivers_warning(&bob).is_none());
    let status = kurabe_ok(&bob, &["team", "status"]);
    assert!(
        status.contains("uncommitted     1 file(s):\n  reviews (reviews.yaml): changed\n"),
        "{status}"
    );
}

#[test]
fn a_git_error_is_reported_as_git_said_it_with_a_failing_exit() {
    if !git_is_there() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let paths = paths_under(root.path());
    kurabe_ok(&paths, &["team", "init"]);
    let data = &paths.data_dir;
    std::fs::create_dir_all(data.join("vendors")).unwrap();
    std::fs::write(data.join("vendors/acme.yaml"), vendor_text("acme")).unwrap();

    let (ok, out, err) = kurabe(&paths, &["team", "sync"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("committed:") && out.contains("vendor acme (vendors/acme.yaml): new"),
        "{out}"
    );
    // What git itself says about the same push, word for word.
    let git_said = git(data, &["push"]);
    assert!(!git_said.status.success());
    let git_said = String::from_utf8_lossy(&git_said.stderr);
    assert!(!git_said.trim().is_empty());
    assert_eq!(
        err,
        format!("error: `git push` failed:\n{}\n", git_said.trim_end())
    );

    // With a remote added, the next sync pushes the branch there and tracks it.
    let remote = root.path().join("remote.git");
    git_ok(
        root.path(),
        &["init", "-q", "--bare", remote.to_str().unwrap()],
    );
    git_ok(data, &["remote", "add", "origin", remote.to_str().unwrap()]);
    let branch = git_ok(data, &["symbolic-ref", "--short", "HEAD"]);
    let said = kurabe_ok(&paths, &["team", "sync"]);
    assert!(said.contains("nothing to commit"), "{said}");
    assert!(
        said.contains("does not exist yet: nothing to pull"),
        "{said}"
    );
    assert!(
        said.contains(&format!("pushed to origin/{}", branch.trim())),
        "{said}"
    );
    let status = kurabe_ok(&paths, &["team", "status"]);
    assert!(
        status.contains(&format!("tracking origin/{}", branch.trim())),
        "{status}"
    );
    let said = kurabe_ok(&paths, &["team", "sync"]);
    assert!(
        said.contains("pulled from origin/") && said.contains(": nothing new"),
        "{said}"
    );
    assert!(said.contains("is up to date: nothing to push"), "{said}");
}

#[test]
fn a_conflict_git_leaves_stops_the_sync_until_settled_then_the_merge_is_shared() {
    if !git_is_there() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (remote, alice) = shared_start(root.path());
    let bob = clone_for(root.path(), "bob", &remote);
    kurabe_ok(&bob, &["team", "init"]);
    let profile = |paths: &Paths, text: &str| {
        let dir = paths.data_dir.join("requirements");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ours.yaml"), text).unwrap();
    };
    // Requirements profiles are left to git's text merge: the same line written twice clashes.
    profile(&bob, "profile:\n  id: ours\n  name: { en: \"Bob's\" }\n");
    kurabe_ok(&bob, &["team", "sync"]);
    profile(
        &alice,
        "profile:\n  id: ours\n  name: { en: \"Alice's\" }\n",
    );
    let (ok, out, err) = kurabe(&alice, &["team", "sync"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("CONFLICT") && out.contains("requirements/ours.yaml"),
        "git's own words: {out}"
    );
    assert!(
        err.contains("git left conflicts in: requirements profile ours")
            && err.contains("run `kurabe team sync` again"),
        "{err}"
    );
    let status = kurabe_ok(&alice, &["team", "status"]);
    assert!(
        status.contains("requirements profile ours (requirements/ours.yaml): conflicted"),
        "{status}"
    );
    let (ok, _, err) = kurabe(&alice, &["team", "sync"]);
    assert!(!ok && err.contains("git left conflicts in"), "{err}");

    profile(&alice, "profile:\n  id: ours\n  name: { en: \"Ours\" }\n");
    git_ok(&alice.data_dir, &["add", "requirements/ours.yaml"]);
    let said = kurabe_ok(&alice, &["team", "sync"]);
    assert!(
        said.contains("committed:") && said.contains("pushed to origin/main"),
        "{said}"
    );
    assert_eq!(
        git_ok(
            &alice.data_dir,
            &["rev-list", "--count", "--merges", "HEAD"]
        ),
        "1\n",
        "the merge is committed"
    );
    let said = kurabe_ok(&bob, &["team", "sync"]);
    assert!(said.contains("pulled from origin/main"), "{said}");
    let settled = std::fs::read_to_string(bob.data_dir.join("requirements/ours.yaml")).unwrap();
    assert!(settled.contains("\"Ours\""), "{settled}");
    for reviewer in [&alice, &bob] {
        let status = kurabe_ok(reviewer, &["team", "status"]);
        assert!(status.contains("uncommitted     nothing"), "{status}");
    }
}

#[test]
fn the_app_warns_at_start_in_a_clone_without_the_drivers() {
    if !git_is_there() || !common::tmux_available() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (remote, _alice) = shared_start(root.path());
    let bob = clone_for(root.path(), "bob", &remote);
    let data = catalogue();
    let args = ["--data", data.to_str().unwrap()];
    let tmux = kurabe_in_tmux("team", root.path(), (240, 30), &bob, &args);
    let screen = tmux.wait_for("run `kurabe team init` before pulling");
    let line = screen
        .lines()
        .find(|l| l.contains("kurabe team init"))
        .unwrap();
    assert!(
        line.contains("⚠ (Esc hides)")
            && line.contains("a git repository without kurabe's merge drivers"),
        "{screen}"
    );
    tmux.quit();

    let check = kurabe_ok(&bob, &["--data", data.to_str().unwrap(), "check"]);
    assert!(
        check.contains("warning: ") && check.contains("run `kurabe team init` before pulling"),
        "{check}"
    );

    kurabe_ok(&bob, &["team", "init"]);
    let tmux = kurabe_in_tmux("team", root.path(), (240, 30), &bob, &args);
    let screen = tmux.wait_for("Acme");
    assert!(!screen.contains("merge drivers"), "{screen}");
    tmux.quit();
}
