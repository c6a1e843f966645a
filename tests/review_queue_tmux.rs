//! The review queue on the real binary in tmux: a small imported vendor reviewed key by key
//! (run with the other tests), and the measurement the README quotes, on a seed document of
//! `../shared/seeds` (ignored: it needs that document; run it with
//! `cargo test --test review_queue_tmux -- --ignored --nocapture`).

mod common;

use common::home::{kurabe, kurabe_in_tmux, temp_home};
use common::Tmux;
use kurabe::catalog::{yaml, VendorFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui")
}

/// Sends each key and counts it.
struct Keys<'a> {
    tmux: &'a Tmux,
    sent: usize,
}

impl Keys<'_> {
    fn send(&mut self, keys: &[&str]) {
        for key in keys {
            self.tmux.cmd(&["send-keys", "-t", "kurabe", key]);
            self.sent += 1;
        }
    }
}

/// Waits until `done` holds of the screen (at most a minute).
fn until(tmux: &Tmux, what: &str, done: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux.screen();
        if done(&screen) {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what} never happened:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The control the queue's panel is on: the title after "Review queue: {vendor} — ".
fn panel_title(screen: &str, vendor: &str) -> Option<String> {
    let head = format!("Review queue: {vendor} — ");
    let start = screen.find(&head)? + head.len();
    let rest = &screen[start..];
    Some(rest[..rest.find(" ─")?].to_string())
}

/// The line of the bulk list under the cursor.
fn cursor_line(screen: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| l.contains("▶["))
        .map(str::to_string)
}

fn drafts_in(path: &Path) -> usize {
    let text = std::fs::read(path).unwrap();
    let (file, _) = yaml::read::<VendorFile>("x.yaml", &text).unwrap();
    file.answers.iter().filter(|a| a.draft).count()
}

#[test]
fn an_imported_vendor_is_reviewed_through_the_queue_in_the_real_binary() {
    if !common::tmux_available() {
        return;
    }
    let (dir, paths) = temp_home();
    let document = dir.path().join("acme.txt");
    std::fs::write(
        &document,
        "Acme Cloud security overview\n\n1. Data deletion\nCustomer data is deleted 30 days after the contract ends.\n\n2. Backups\nBackups are taken daily and seven generations are kept.\n",
    )
    .unwrap();
    let fixtures = fixture_dir().display().to_string();
    let out = kurabe(
        &paths,
        &[
            "--data",
            &fixtures,
            "import",
            &document.display().to_string(),
            "--vendor",
            "acme",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = paths.vendors_dir().join("acme.yaml");
    let drafts = drafts_in(&file);
    let tmux = kurabe_in_tmux(
        "queue",
        dir.path(),
        (120, 40),
        &paths,
        &["--data", &fixtures],
    );
    tmux.wait_for("Categories");
    let mut keys = Keys {
        tmux: &tmux,
        sent: 0,
    };
    keys.send(&["A"]);
    let first = panel_title(&tmux.wait_for("Review queue: acme"), "acme").unwrap();
    keys.send(&["n"]);
    until(&tmux, "the next draft", |s| {
        panel_title(s, "acme").is_some_and(|t| t != first)
    });
    keys.send(&["N", "Enter"]);
    // Confirmed on disk before anything else is pressed.
    let start = Instant::now();
    while drafts_in(&file) != drafts - 1 {
        assert!(start.elapsed() < Duration::from_secs(60), "never saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    keys.send(&["q"]);
    until(&tmux, "the panel closed", |s| !s.contains("Review queue"));
    assert!(tmux.alive(), "q closed the panel, not kurabe");
    tmux.quit();
}

/// What a reviewer who read each draft of the seed document decided, as keys, beyond `Enter`
/// (accept as it stands): keyed by control id.
fn decisions() -> HashMap<&'static str, Vec<&'static str>> {
    let yes = vec!["P", "Enter"];
    let take_first = vec!["j", "Space", "Enter"];
    HashMap::from([
        // Yes/no questions: P says yes (twice: no) as the quote answers.
        ("security-policy", yes.clone()),
        ("internal-audit", yes.clone()),
        ("third-party-review", yes.clone()),
        ("backup-restore-scope", vec!["P", "P", "Enter"]),
        ("encryption-in-transit", yes.clone()),
        ("clock-sync", yes.clone()),
        ("vulnerability-information", yes.clone()),
        ("vulnerability-testing", yes.clone()),
        ("supplier-disclaimer", yes.clone()),
        ("account-management", vec!["j", "Space", "P", "Enter"]),
        ("labelling", vec!["j", "Space", "P", "Enter"]),
        // A heading quoted without its list: the list too.
        (
            "provider-responsibilities",
            vec!["j", "j", "Space", "Enter"],
        ),
        ("customer-responsibilities", take_first.clone()),
        ("incident-contact", take_first.clone()),
        ("certification-scope", take_first.clone()),
        ("status-page", take_first.clone()),
        // The second candidate instead of the quote.
        (
            "external-cloud-services",
            vec!["j", "j", "Space", "k", "Space", "Enter"],
        ),
        ("operations-logging", yes.clone()),
        // Quotes that do not answer: rejected.
        ("backup-deletion", vec!["x", "Enter"]),
        ("infrastructure-access", vec!["x", "Enter"]),
        ("incident-response", vec!["x", "Enter"]),
    ])
}

/// The measurement of the README: seed 004 imported, then reviewed through the queue.
#[test]
#[ignore = "a measurement: needs ../shared/seeds/004_c042ee7cd1fa0983.txt"]
fn measure_keys_per_draft_on_a_seed_document() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/004_c042ee7cd1fa0983.txt");
    if !seed.exists() || !common::tmux_available() {
        eprintln!("skipped: no {} or no tmux", seed.display());
        return;
    }
    let (dir, paths) = temp_home();
    let out = kurabe(
        &paths,
        &["import", &seed.display().to_string(), "--vendor", "x"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = paths.vendors_dir().join("x.yaml");
    let catalog = kurabe::catalog::load_embedded().unwrap().catalog;
    let id_of: HashMap<&str, &str> = catalog
        .controls
        .iter()
        .map(|c| (c.control.title.en.as_ref(), c.control.id.as_str()))
        .collect();
    let decisions = decisions();
    let tmux = kurabe_in_tmux("measure", dir.path(), (160, 45), &paths, &[]);
    tmux.wait_for("Categories");
    let mut keys = Keys {
        tmux: &tmux,
        sent: 0,
    };
    keys.send(&["A"]);
    tmux.wait_for("Review queue: x");
    // The drafts where nothing was found, at once: the list read, some left out for the queue.
    keys.send(&["B"]);
    let list = tmux.wait_for("Confirm as not stated: x");
    let listed: usize = list
        .split(" of ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("the list's title counts its drafts");
    // Left out for the queue where the list holds them: legal requirements (its candidate names
    // the governing law) and encryption at rest (its candidate speaks of encrypting passwords).
    let confidences = kurabe::drafts::bulk::read_confidences(&file).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let (imported, _) = yaml::read::<VendorFile>("x.yaml", &bytes).unwrap();
    let quiet = |id: &str| {
        imported.answers.iter().any(|a| {
            a.control == id && kurabe::drafts::bulk::is_quiet(a, confidences.get(id).copied())
        })
    };
    let left_out: Vec<&str> = ["legal-requirements", "encryption-at-rest"]
        .into_iter()
        .filter(|id| quiet(id))
        .collect();
    let mut cursor = 0;
    for &id in &left_out {
        let title = &catalog.controls[catalog.control_index(id).unwrap()]
            .control
            .title
            .en;
        let on = format!("▶[x] {title}");
        loop {
            let screen = tmux.screen();
            if screen.contains(&on) {
                break;
            }
            assert!(cursor + 1 < listed, "{id} is not in the list");
            let before = cursor_line(&screen);
            keys.send(&["j"]);
            cursor += 1;
            until(&tmux, "the cursor moves", |s| cursor_line(s) != before);
        }
        keys.send(&["Space"]);
        until(&tmux, "left out", |s| s.contains(&format!("▶[ ] {title}")));
    }
    // The rest of the list read a page at a time (a page is 17 drafts at this size).
    let pages = (listed - 1 - cursor).div_ceil(17);
    keys.send(&vec!["NPage"; pages]);
    let bulk_keys = keys.sent - 1;
    keys.send(&["Enter"]);
    tmux.wait_for(&format!(
        "Confirmed {} drafts of x as not stated",
        listed - left_out.len()
    ));
    let mut per_draft: Vec<usize> = Vec::new();
    loop {
        let screen = tmux.screen();
        let Some(title) = panel_title(&screen, "x") else {
            tmux.wait_for("Every draft of the shown vendors is reviewed");
            break;
        };
        let id = id_of
            .iter()
            .find(|(t, _)| t.starts_with(title.trim_end_matches('…')))
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("no control titled {title:?}"));
        let these = decisions.get(id).cloned().unwrap_or_else(|| vec!["Enter"]);
        keys.send(&these);
        per_draft.push(these.len());
        until(&tmux, "the next draft", |s| {
            panel_title(s, "x").as_deref() != Some(title.as_str())
        });
    }
    let total = keys.sent;
    assert!(
        !paths.state_dir.join("unsaved.yaml").exists(),
        "every decision saved"
    );
    tmux.quit();
    let drafts = 107;
    assert_eq!(drafts_in(&file), 0, "every draft reviewed");
    let check = kurabe(&paths, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let mut by_keys: Vec<(usize, usize)> = Vec::new();
    for &n in &per_draft {
        match by_keys.iter_mut().find(|(k, _)| *k == n) {
            Some((_, count)) => *count += 1,
            None => by_keys.push((n, 1)),
        }
    }
    by_keys.sort();
    println!(
        "bulk list: {listed} drafts listed; {bulk_keys} keys from B to the last PgDn, then Enter"
    );
    println!(
        "drafts reviewed one by one in the queue: {}",
        per_draft.len()
    );
    println!("drafts by keys (keys, drafts): {by_keys:?}");
    println!(
        "keys in all (A, the list, every draft): {total}, {:.2} per draft over {drafts} drafts",
        total as f64 / drafts as f64
    );
}
