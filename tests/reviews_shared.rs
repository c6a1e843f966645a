//! The reviews file shared by several kurabe instances and edited by hand: every verdict and
//! note survives, conflicts stay visible, the file keeps its mode, symlink and hard links, and
//! a truncated file is refused rather than overwritten.

mod common;

use common::home::{kurabe_in_tmux, open_app, temp_home, type_keys};
use common::{tmux_available, Tmux};
use kurabe::cli;
use kurabe::paths::Paths;
use kurabe::reviews::merge::CONFLICT_MARKER;
use kurabe::reviews::store;
use kurabe::reviews::{Reviews, Verdict};
use kurabe::tui::app::App;
use std::path::Path;

/// The reviews in the file now.
fn on_disk(paths: &Paths) -> Reviews {
    Reviews::load(&paths.reviews_file()).expect("the reviews file reads")
}

/// The id of the `n`th vendor column shown.
fn vendor(app: &App, n: usize) -> String {
    app.catalog.vendors[app.spec.vendors[n]].id().to_string()
}

const CONTROL: &str = "deletion-timing";

#[test]
fn two_instances_setting_different_verdicts_keep_both() {
    let (_dir, paths) = temp_home();
    let mut a = open_app(&paths, 240, 50);
    let mut b = open_app(&paths, 240, 50);
    type_keys(&mut a, "/deletion\n\tr");
    type_keys(&mut b, "/deletion\n\tlrr");
    let (first, second) = (vendor(&a, 0), vendor(&a, 1));
    let file = on_disk(&paths);
    assert_eq!(
        file.get(&first, CONTROL).and_then(|r| r.verdict),
        Some(Verdict::Acceptable),
        "the first instance's verdict survives the second's save"
    );
    assert_eq!(
        file.get(&second, CONTROL).and_then(|r| r.verdict),
        Some(Verdict::FollowUp)
    );
    // The second instance now shows the first one's verdict too.
    assert_eq!(b.reviews, file);
}

#[test]
fn the_same_answer_changed_by_two_instances_keeps_the_other_change_visible() {
    let (_dir, paths) = temp_home();
    let mut a = open_app(&paths, 240, 50);
    let mut b = open_app(&paths, 240, 50);
    type_keys(&mut a, "/deletion\n\tnfrom A\u{13}");
    type_keys(&mut b, "/deletion\n\tnfrom B\u{13}");
    let message = b.status.message.as_ref().unwrap();
    assert!(
        message.text.contains("changed elsewhere"),
        "{}",
        message.text
    );
    type_keys(&mut b, "r");
    let review = on_disk(&paths)
        .get(&vendor(&a, 0), CONTROL)
        .unwrap()
        .clone();
    assert_eq!(
        review.verdict,
        Some(Verdict::Acceptable),
        "the newer change wins"
    );
    assert!(review.note.starts_with("from B"), "{}", review.note);
    assert!(
        review.note.contains(CONFLICT_MARKER) && review.note.ends_with("and the note:\nfrom A"),
        "the other note is kept in the note: {}",
        review.note
    );
}

#[test]
fn hand_edits_made_while_kurabe_runs_are_kept() {
    let (_dir, paths) = temp_home();
    let mut app = open_app(&paths, 240, 50);
    type_keys(&mut app, "/deletion\n\tr");
    let text = std::fs::read_to_string(paths.reviews_file()).unwrap();
    let edited = text.replace(
        "verdict: acceptable",
        "verdict: risk\n  note: changed by hand",
    );
    assert_ne!(edited, text);
    std::fs::write(paths.reviews_file(), &edited).unwrap();
    type_keys(&mut app, "lr");
    let file = on_disk(&paths);
    let by_hand = file.get(&vendor(&app, 0), CONTROL).unwrap();
    assert_eq!(by_hand.verdict, Some(Verdict::Risk));
    assert_eq!(by_hand.note, "changed by hand");
    assert_eq!(file.len(), 2);
    let backup = std::fs::read_to_string(store::backup_path(&paths.reviews_file())).unwrap();
    assert_eq!(
        backup, edited,
        "the file as it was before the save is kept beside it"
    );
}

#[test]
fn saves_from_three_threads_at_once_lose_nothing() {
    let (_dir, paths) = temp_home();
    let path = paths.reviews_file();
    let controls: Vec<String> = {
        let app = open_app(&paths, 240, 50);
        app.catalog
            .controls
            .iter()
            .map(|c| c.control.id.clone())
            .take(30)
            .collect()
    };
    let writers: Vec<_> = ["vendor-a", "vendor-b", "vendor-c"]
        .into_iter()
        .map(|vendor| {
            let (path, controls) = (path.clone(), controls.clone());
            std::thread::spawn(move || {
                let mut base = Reviews::default();
                for control in &controls {
                    let mut ours = base.clone();
                    ours.set(
                        vendor,
                        control,
                        None,
                        Some(Verdict::Risk),
                        String::new(),
                        jiff::Timestamp::now(),
                    );
                    base = store::save(&path, &base, &ours).unwrap().reviews;
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    assert_eq!(on_disk(&paths).len(), 3 * controls.len());
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_mode_the_symlink_and_hard_links() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let (dir, paths) = temp_home();
    // The reviews live in a shared folder; the data directory links to them.
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let real = shared.join("team-reviews.yaml");
    std::fs::write(&real, "reviews: []\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let hard = shared.join("hard-link.yaml");
    std::fs::hard_link(&real, &hard).unwrap();
    std::fs::create_dir_all(&paths.data_dir).unwrap();
    symlink(&real, paths.reviews_file()).unwrap();

    let mut app = open_app(&paths, 240, 50);
    type_keys(&mut app, "/deletion\n\tr");
    let link = std::fs::symlink_metadata(paths.reviews_file()).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the symlink is still a symlink"
    );
    assert_eq!(mode(&real), 0o600, "confidential notes stay private");
    for file in [&real, &hard] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.contains("verdict: acceptable"),
            "{}: {text}",
            file.display()
        );
    }
    let backup = store::backup_path(&paths.reviews_file());
    assert_eq!(backup, shared.join("team-reviews.yaml.bak"));
    assert_eq!(mode(&backup), 0o600, "the backup is as private as the file");
}

#[cfg(unix)]
#[test]
fn replacing_the_file_keeps_its_mode_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (_dir, paths) = temp_home();
    std::fs::create_dir_all(&paths.data_dir).unwrap();
    let file = paths.reviews_file();
    std::fs::write(&file, "reviews: []\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file away; then the new file must be given back to its owner.
    let given_away = std::os::unix::fs::chown(&file, Some(65534), Some(65534)).is_ok();
    let before = std::fs::metadata(&file).unwrap();
    let mut app = open_app(&paths, 240, 50);
    type_keys(&mut app, "/deletion\n\tr");
    let after = std::fs::metadata(&file).unwrap();
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("verdict: acceptable"));
    assert_eq!(mode(&file), 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if given_away {
        assert_eq!(after.uid(), 65534);
        assert_ne!(
            after.ino(),
            before.ino(),
            "replaced by a new file, atomically"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_new_reviews_file_is_private() {
    let (_dir, paths) = temp_home();
    let mut app = open_app(&paths, 240, 50);
    type_keys(&mut app, "/deletion\n\tr");
    assert_eq!(mode(&paths.reviews_file()), 0o600);
}

#[test]
fn a_truncated_file_is_reported_and_never_overwritten() {
    let (_dir, paths) = temp_home();
    let mut app = open_app(&paths, 240, 50);
    type_keys(&mut app, "/deletion\n\trlr");
    let whole = std::fs::read_to_string(paths.reviews_file()).unwrap();
    let cut = &whole[..whole.rfind("- vendor:").unwrap()];
    std::fs::write(paths.reviews_file(), cut).unwrap();

    // A running instance saving again: refused, told, file untouched.
    type_keys(&mut app, "r");
    let message = app.status.message.as_ref().unwrap();
    assert!(
        message.error && message.text.contains("possibly truncated"),
        "{}",
        message.text
    );
    assert_eq!(std::fs::read_to_string(paths.reviews_file()).unwrap(), cut);

    // A new start: told at once, nothing saved over it, the good copy beside it.
    let mut again = open_app(&paths, 240, 50);
    let problems: Vec<String> = again
        .status
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(
        problems.iter().any(|p| p.contains("possibly truncated")),
        "{problems:?}"
    );
    type_keys(&mut again, "/deletion\n\tr");
    assert_eq!(std::fs::read_to_string(paths.reviews_file()).unwrap(), cut);
    let backup = store::backup_path(&paths.reviews_file());
    let good = Reviews::load(&backup).expect("the previous good copy reads");
    assert_eq!(good.len(), 1, "the copy before the second verdict's save");

    // The user copies the good copy back: the first instance's next save brings back all it has.
    std::fs::copy(&backup, paths.reviews_file()).unwrap();
    type_keys(&mut app, "r");
    let file = on_disk(&paths);
    assert_eq!(
        file.get(&vendor(&app, 1), CONTROL).and_then(|r| r.verdict),
        Some(Verdict::Risk),
        "acceptable (saved), follow-up (refused), risk: {file:?}"
    );
    assert_eq!(file.len(), 2);
}

#[test]
fn an_empty_file_with_a_backup_is_not_no_reviews() {
    let (_dir, paths) = temp_home();
    let mut app = open_app(&paths, 240, 50);
    type_keys(&mut app, "/deletion\n\trlr");
    std::fs::write(paths.reviews_file(), "").unwrap();
    let e = store::load(&paths.reviews_file()).unwrap_err();
    assert!(e.message.contains("the file is empty"), "{e}");
    let again = open_app(&paths, 240, 50);
    assert!(
        again.files.reviews_path.is_none(),
        "saving is off until the file is fixed"
    );
    // Without a backup, an empty file is simply no reviews.
    std::fs::remove_file(store::backup_path(&paths.reviews_file())).unwrap();
    assert!(store::load(&paths.reviews_file())
        .unwrap()
        .reviews
        .is_empty());
}

#[test]
fn a_hand_written_file_cut_mid_line_loads_with_a_warning() {
    let (_dir, paths) = temp_home();
    std::fs::create_dir_all(&paths.data_dir).unwrap();
    let cut = "reviews:\n- vendor: cybozu\n  control: deletion-timing\n  verdict: risk\n  \
               fingerprint: x\n  note: ask about back";
    std::fs::write(paths.reviews_file(), cut).unwrap();
    let app = open_app(&paths, 240, 50);
    let review = app.reviews.get("cybozu", CONTROL).unwrap();
    assert_eq!(review.note, "ask about back", "the file still loads");
    let problems: Vec<String> = app.status.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("possibly truncated: the file does not end with a line break")),
        "{problems:?}"
    );
    assert!(
        app.files.reviews_path.is_some(),
        "and can be saved (after a backup)"
    );
    let check = cli::check(None, &paths, &mut Vec::new()).unwrap();
    assert!(check, "a warning is not a load problem");
}

/// The real binary in tmux, sharing `paths`' data directory, with a state directory of its own.
fn start(paths: &Paths, name: &str) -> Tmux {
    let own_state = Paths {
        state_dir: paths.state_dir.join(name),
        ..paths.clone()
    };
    let home = paths.config_dir.parent().expect("a home below a folder");
    kurabe_in_tmux("reviews", home, (200, 50), &own_state, &[])
}

#[test]
fn two_running_processes_keep_each_others_verdicts_and_conflicts() {
    if !tmux_available() {
        return;
    }
    let (_dir, paths) = temp_home();
    let (a, b) = (start(&paths, "a"), start(&paths, "b"));
    for tmux in [&a, &b] {
        tmux.wait_for("q quit");
        tmux.cmd(&["send-keys", "-t", "kurabe", "/deletion", "Enter", "Tab"]);
        tmux.wait_for("Deletion");
    }
    a.cmd(&["send-keys", "-t", "kurabe", "r"]);
    a.wait_for(": acceptable");
    b.cmd(&["send-keys", "-t", "kurabe", "l", "r", "r"]);
    b.wait_for(": follow-up");
    // The same answer from both: a note from each.
    a.cmd(&["send-keys", "-t", "kurabe", "n", "from A", "C-s"]);
    // The status line already said "acceptable" before the note: wait for A's save itself.
    let start = std::time::Instant::now();
    while !on_disk(&paths).iter().any(|r| r.note.contains("from A")) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "A's note never reached the file"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    b.cmd(&["send-keys", "-t", "kurabe", "h", "n", "from B", "C-s"]);
    b.wait_for("changed elsewhere");
    a.quit();
    b.quit();
    let file = on_disk(&paths);
    assert_eq!(file.len(), 2, "{file:?}");
    let verdicts: Vec<_> = file.iter().map(|r| r.verdict).collect();
    assert!(verdicts.contains(&Some(Verdict::FollowUp)), "{file:?}");
    let both = file
        .iter()
        .find(|r| r.note.contains("from B"))
        .expect("B's note");
    assert!(
        both.note.contains(CONFLICT_MARKER) && both.note.contains("from A"),
        "{}",
        both.note
    );
}
