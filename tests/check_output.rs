//! What `kurabe check` (and `kurabe paths`) print: paths from the environment escaped, a
//! "fix:" for every problem, and ids that cannot name an export file refused.

mod common;

use common::home::kurabe_in;
use kurabe::catalog::{load_dir, Problem};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn paths_from_the_environment_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("home\u{1b}]0;pwned\u{7}");
    std::fs::create_dir_all(root.join("config")).unwrap();
    std::fs::write(root.join("config/config.yaml"), "language: fr\n").unwrap();
    for args in [&["check"][..], &["paths"][..]] {
        let out = kurabe_in(&root, args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("config.yaml"), "{args:?}: {stdout}");
        assert!(
            !out.stdout.iter().any(|&b| b == 0x1b || b == 0x07),
            "{args:?}: raw escape bytes in {stdout:?}"
        );
        assert!(stdout.contains("home␛]0;pwned␇"), "{args:?}: {stdout}");
    }
}

#[test]
fn every_problem_of_every_fixture_says_how_to_fix_it() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let dir = entry.unwrap().path();
        let problems: Vec<Problem> = match load_dir(&dir) {
            Ok(loaded) => loaded.problems,
            Err(problems) => problems.0,
        };
        for p in problems {
            seen += 1;
            assert!(p.hint.is_some(), "{}: no fix for {p}", dir.display());
        }
    }
    assert!(seen > 20, "the fixtures have problems to check ({seen})");
}

#[test]
fn unreadable_config_and_reviews_files_say_how_to_fix_them() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be cannot be read, even by root.
    std::fs::create_dir_all(dir.path().join("config/config.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("data/reviews.yaml")).unwrap();
    let out = kurabe_in(dir.path(), &["check"]);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let problems: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains("cannot read"))
        .collect();
    assert_eq!(problems.len(), 2, "{stdout}");
    for i in problems {
        assert!(
            lines.get(i + 1).is_some_and(|l| l.starts_with("  fix: ")),
            "no fix after {}:\n{stdout}",
            lines[i]
        );
    }
    let state = dir.path().join("state.yaml");
    std::fs::create_dir(&state).unwrap();
    let problem = kurabe::tui::persist::Remembered::load(&state).unwrap_err();
    assert!(problem.hint.is_some(), "{problem}");
}

#[test]
fn a_control_id_too_long_for_an_export_file_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("catalogue");
    std::fs::create_dir_all(data.join("vendors")).unwrap();
    let valid = fixtures().join("valid");
    let long = format!("deletion-{}", "x".repeat(241));
    assert_eq!(long.len(), 250);
    let controls = std::fs::read_to_string(valid.join("controls.yaml"))
        .unwrap()
        .replace("id: deletion-timing", &format!("id: {long}"));
    std::fs::write(data.join("controls.yaml"), controls).unwrap();
    let vendor = std::fs::read_to_string(valid.join("vendors/acme.yaml"))
        .unwrap()
        .replace("control: deletion-timing", &format!("control: {long}"));
    std::fs::write(data.join("vendors/acme.yaml"), vendor).unwrap();
    let out = kurabe_in(dir.path(), &["check", "--data", data.to_str().unwrap()]);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("id of 250 characters, over 64"), "{stdout}");
    assert!(
        stdout.contains("fix: shorten the id to at most 64"),
        "{stdout}"
    );
    // 64 is still fine.
    let fine = format!("deletion-{}", "x".repeat(55));
    assert!(kurabe::catalog::validate::is_valid_id(&fine));
    assert!(!kurabe::catalog::validate::is_valid_id(&format!("{fine}x")));
}

#[test]
fn a_users_mistake_is_a_message_without_a_stack_trace_even_with_rust_backtrace_set() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("taken.xlsx");
    std::fs::write(&out_file, b"already here").unwrap();
    let out = common::home::kurabe_command(&common::home::paths_under(dir.path()))
        .env("RUST_BACKTRACE", "1")
        .env_remove("RUST_LIB_BACKTRACE")
        .args(["export", "--format", "xlsx", "--out"])
        .arg(&out_file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("never overwrites"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
    assert_eq!(std::fs::read(&out_file).unwrap(), b"already here");
}
