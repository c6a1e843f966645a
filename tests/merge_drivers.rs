//! `kurabe merge-reviews` and `kurabe merge-vendor` as git runs them: a data directory kept in
//! a git repository whose `.gitattributes` routes `reviews.yaml` and `vendors/*.yaml` to the
//! drivers, two branches of reviewers' work, and a real `git merge`.

mod common;

use common::git::{at, catalogue, edit_file, edit_reviews, git, git_is_there, git_ok, vendor_text};

use common::home::{kurabe, paths_under};
use kurabe::paths::Paths;
use kurabe::reviews::{Reviews, Verdict};
use std::path::Path;

/// A home whose data directory is a git repository set up with the drivers, holding two
/// vendors and two reviews, committed on `main`.
fn team_repository() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let repo = &paths.data_dir;
    std::fs::create_dir_all(repo.join("vendors")).unwrap();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    git_ok(repo, &["config", "user.name", "Test"]);
    git_ok(repo, &["config", "user.email", "test@example.com"]);
    let bin = env!("CARGO_BIN_EXE_kurabe");
    for (driver, command) in [
        ("kurabe-reviews", "merge-reviews"),
        ("kurabe-vendor", "merge-vendor"),
    ] {
        git_ok(
            repo,
            &[
                "config",
                &format!("merge.{driver}.driver"),
                &format!("'{bin}' {command} %O %A %B %P"),
            ],
        );
    }
    std::fs::write(
        repo.join(".gitattributes"),
        "reviews.yaml merge=kurabe-reviews\nvendors/*.yaml merge=kurabe-vendor\n",
    )
    .unwrap();
    for id in ["acme", "beta"] {
        std::fs::write(repo.join(format!("vendors/{id}.yaml")), vendor_text(id)).unwrap();
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
    std::fs::write(repo.join("reviews.yaml"), reviews.to_yaml()).unwrap();
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-q", "-m", "base"]);
    (dir, paths)
}

fn commit_all(repo: &Path, message: &str) {
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-q", "-m", message]);
}

#[test]
fn two_reviewers_branches_merge_through_the_drivers_and_nothing_is_lost() {
    if !git_is_there() {
        return;
    }
    let (_dir, paths) = team_repository();
    let repo = &paths.data_dir;
    let (acme, beta) = (
        repo.join("vendors/acme.yaml"),
        repo.join("vendors/beta.yaml"),
    );

    // Bob, on his branch: a verdict, a note on a review Alice removes, a review of his own, the
    // deletion period of Acme and Beta's backups.
    git_ok(repo, &["checkout", "-q", "-b", "bob"]);
    edit_reviews(repo, |r| {
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
    edit_file(&acme, "amount: 30", "amount: 60");
    edit_file(
        &beta,
        "  - control: backup-frequency\n    status: not_stated\n",
        "  - control: backup-frequency\n    status: stated\n    summary: { en: \"Daily.\" }\n    quotes:\n      - { document: policy, section: \"2\", text: \"Backups are taken daily.\" }\n",
    );
    commit_all(repo, "bob's reviews");

    // Alice, on main, later the same day: the same verdict changed, Bob's annotated review
    // removed, a review of her own, and Acme's deletion period set otherwise.
    git_ok(repo, &["checkout", "-q", "main"]);
    edit_reviews(repo, |r| {
        r.set(
            "acme",
            "deletion-timing",
            None,
            Some(Verdict::Acceptable),
            "fine after the call".into(),
            at(3),
        );
        r.remove("acme", "backup-frequency");
        r.set(
            "beta",
            "deletion-timing",
            None,
            Some(Verdict::Risk),
            "no deletion date".into(),
            at(3),
        );
    });
    edit_file(&acme, "amount: 30", "amount: 45");
    commit_all(repo, "alice's reviews");

    let merge = git(repo, &["merge", "--no-edit", "bob"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&merge.stdout),
        String::from_utf8_lossy(&merge.stderr)
    );
    assert!(merge.status.success(), "{said}");
    assert!(said.contains("kurabe merged reviews.yaml: 1 review(s) changed on both branches (acme / deletion-timing)"), "{said}");
    assert!(said.contains("kurabe merged vendors/acme.yaml: 1 field(s) changed differently on both branches (deletion-timing (value))"), "{said}");
    assert_eq!(
        git_ok(repo, &["status", "--porcelain"]),
        "",
        "merged and committed"
    );

    // Every review: Alice's newer verdict with Bob's in its note, Bob's note on the review
    // Alice removed, both new ones.
    let reviews = Reviews::load(&repo.join("reviews.yaml")).expect("the merged reviews load");
    assert_eq!(reviews.len(), 4);
    let settled = reviews.get("acme", "deletion-timing").unwrap();
    assert_eq!(settled.verdict, Some(Verdict::Acceptable));
    assert!(
        settled
            .note
            .starts_with("fine after the call\n\n⚠ conflict, kept by kurabe:")
            && settled
                .note
                .contains("verdict follow-up and the note:\nask for the contract clause"),
        "{}",
        settled.note
    );
    assert_eq!(
        reviews.get("acme", "backup-frequency").unwrap().note,
        "daily backups confirmed by phone"
    );
    assert!(reviews.get("beta", "deletion-timing").is_some());
    assert!(reviews.get("beta", "backup-frequency").is_some());

    // The vendor files load; Acme's clash is recorded and explained by `kurabe check`, Beta
    // holds Bob's answer.
    let data = catalogue();
    let check = kurabe(&paths, &["--data", data.to_str().unwrap(), "check"]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");
    assert!(
        report.contains("ok: 1 categories, 2 controls, 2 vendors"),
        "{report}"
    );
    assert!(report.contains("1 conflict(s) to settle"), "{report}");
    let warning = report
        .lines()
        .find(|l| l.contains("holds a conflict"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        warning.contains("vendors/acme.yaml:")
            && warning.contains("`deletion-timing`")
            && warning.contains("its value")
            && warning.contains("45 days")
            && warning.contains("60 days"),
        "{warning}"
    );
    let beta_text = std::fs::read_to_string(&beta).unwrap();
    assert!(
        beta_text.contains("Backups are taken daily."),
        "{beta_text}"
    );
}

#[test]
fn a_driver_given_a_broken_file_leaves_gits_conflict_and_says_why() {
    if !git_is_there() {
        return;
    }
    let (_dir, paths) = team_repository();
    let repo = &paths.data_dir;
    git_ok(repo, &["checkout", "-q", "-b", "bob"]);
    edit_file(
        &repo.join("reviews.yaml"),
        "  note: ask about backups",
        "  note: [ask about backups",
    );
    edit_file(
        &repo.join("vendors/acme.yaml"),
        "status: not_stated",
        "status: {not_stated",
    );
    commit_all(repo, "bob breaks both files");
    git_ok(repo, &["checkout", "-q", "main"]);
    edit_reviews(repo, |r| {
        r.set(
            "acme",
            "deletion-timing",
            None,
            Some(Verdict::Acceptable),
            "fine".into(),
            at(3),
        );
    });
    edit_file(&repo.join("vendors/acme.yaml"), "amount: 30", "amount: 45");
    commit_all(repo, "alice's review");
    let ours_reviews = std::fs::read(repo.join("reviews.yaml")).unwrap();
    let ours_vendor = std::fs::read(repo.join("vendors/acme.yaml")).unwrap();

    let merge = git(repo, &["merge", "--no-edit", "bob"]);
    let said = String::from_utf8_lossy(&merge.stderr).into_owned()
        + &String::from_utf8_lossy(&merge.stdout);
    assert!(!merge.status.success(), "{said}");
    for file in ["reviews.yaml", "vendors/acme.yaml"] {
        let named = said
            .lines()
            .find(|l| l.starts_with(&format!("{file} (the other branch):")))
            .unwrap_or_else(|| panic!("{file} at its line and column in: {said}"));
        let place: Vec<&str> = named.splitn(4, ':').collect();
        assert!(
            place[1].parse::<usize>().is_ok() && place[2].parse::<usize>().is_ok(),
            "{named}"
        );
        assert!(
            said.contains(&format!(
                "kurabe did not merge {file}: it is left as this branch had it"
            )),
            "{said}"
        );
    }
    let unmerged = git_ok(repo, &["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(unmerged, "reviews.yaml\nvendors/acme.yaml\n");
    assert_eq!(
        std::fs::read(repo.join("reviews.yaml")).unwrap(),
        ours_reviews
    );
    assert_eq!(
        std::fs::read(repo.join("vendors/acme.yaml")).unwrap(),
        ours_vendor
    );
}
