//! The real binary in tmux sleeps when nothing happens: no redraw (nothing written to the
//! terminal) and no CPU while idle, a redraw as soon as a key arrives, and a search typed
//! before the index is ready answered once it is.

mod common;

use common::home::{kurabe_in_tmux, paths_under};
use common::{tmux_available, Tmux};
use std::time::{Duration, Instant};

fn pid(tmux: &Tmux) -> u32 {
    let out = tmux.cmd(&["display-message", "-p", "-t", "kurabe", "#{pane_pid}"]);
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Bytes the process (all its threads) has written, and its CPU time in clock ticks.
fn activity(pid: u32) -> (u64, u64) {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap();
    let written = io
        .lines()
        .find_map(|l| l.strip_prefix("wchar:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    (written, ticks)
}

/// Waits until the process has written nothing for a while (the first frames are out).
fn settle(pid: u32) -> (u64, u64) {
    let start = Instant::now();
    let mut last = activity(pid);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = activity(pid);
        if now.0 == last.0 {
            return now;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "never settled");
        last = now;
    }
}

#[test]
fn an_idle_browser_writes_nothing_and_uses_no_cpu_until_a_key_arrives() {
    if !tmux_available() || !std::path::Path::new("/proc/self/io").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = kurabe_in_tmux("idle", dir.path(), (120, 35), &paths_under(dir.path()), &[]);
    tmux.wait_for("Categories");
    let pid = pid(&tmux);
    let before = settle(pid);
    std::thread::sleep(Duration::from_secs(2));
    let idle = activity(pid);
    assert_eq!(idle.0, before.0, "an idle browser redraws nothing");
    // The old loop woke every 250 ms and redrew; a sleeping one uses no measurable CPU.
    assert!(
        idle.1 - before.1 <= 2,
        "{} ticks of CPU in 2 s of idling",
        idle.1 - before.1
    );
    tmux.cmd(&["send-keys", "-t", "kurabe", "j"]);
    let start = Instant::now();
    while activity(pid).0 == idle.0 {
        assert!(start.elapsed() < Duration::from_secs(30), "a key is drawn");
        std::thread::sleep(Duration::from_millis(20));
    }
    tmux.quit();
}

#[test]
fn a_search_answers_in_the_real_binary() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = kurabe_in_tmux(
        "search",
        dir.path(),
        (160, 45),
        &paths_under(dir.path()),
        &[],
    );
    tmux.wait_for("Categories");
    // Typed at once, before the index may be ready: the results come all the same.
    tmux.cmd(&["send-keys", "-t", "kurabe", "-l", "/deletion timing"]);
    let screen = tmux.wait_for("matching control");
    assert!(
        screen.contains("Deletion timing after contract end"),
        "{screen}"
    );
    assert!(!screen.contains("searching…"), "{screen}");
    tmux.cmd(&["send-keys", "-t", "kurabe", "Enter"]);
    tmux.quit();
}

/// A catalogue of 64 vendors (the size from which kurabe caches a load): the UI fixture's
/// controls and 64 copies of its first vendor under other ids.
fn large_catalogue(root: &std::path::Path) -> std::path::PathBuf {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui");
    let dir = root.join("registry");
    std::fs::create_dir_all(dir.join("vendors")).unwrap();
    std::fs::copy(fixture.join("controls.yaml"), dir.join("controls.yaml")).unwrap();
    let alpha = std::fs::read_to_string(fixture.join("vendors/alpha.yaml")).unwrap();
    for i in 0..64 {
        let id = format!("alpha{i:02}");
        let text = alpha
            .replacen("id: alpha", &format!("id: {id}"), 1)
            .replacen("\"Alpha Cloud\"", &format!("\"Alpha Cloud {i:02}\""), 1);
        std::fs::write(dir.join(format!("vendors/{id}.yaml")), text).unwrap();
    }
    dir
}

/// The cache's files with `extension`.
fn cache_files(dir: &std::path::Path, extension: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir).map_or(Vec::new(), |rd| {
        rd.map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .collect()
    })
}

#[test]
fn the_app_writes_the_load_cache_after_its_first_frame_and_starts_from_it_next_time() {
    if !tmux_available() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let data = large_catalogue(root.path());
    let paths = paths_under(root.path());
    let args = ["--data", data.to_str().unwrap()];
    let tmux = kurabe_in_tmux("cache", root.path(), (120, 35), &paths, &args);
    tmux.wait_for("Alpha Cloud 00");
    let start = Instant::now();
    // The catalogue's cache, and the search index built after the first frame, stored beside it.
    while cache_files(&paths.cache_dir, "kc").is_empty()
        || cache_files(&paths.cache_dir, "ki").is_empty()
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the cache is written"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.quit();
    drop(tmux);
    let index = cache_files(&paths.cache_dir, "ki");
    let stored = std::fs::metadata(&index[0]).unwrap().modified().unwrap();
    let tmux = kurabe_in_tmux("cache2", root.path(), (120, 35), &paths, &args);
    tmux.wait_for("Alpha Cloud 00");
    // A search, on the opened index.
    tmux.cmd(&["send-keys", "-t", "kurabe", "-l", "/alpha cloud 07"]);
    tmux.wait_for("matching control");
    tmux.cmd(&["send-keys", "-t", "kurabe", "Enter"]);
    tmux.quit();
    assert_eq!(
        cache_files(&paths.cache_dir, "kc").len(),
        1,
        "one catalogue, one cache"
    );
    // Opened from the cache, not built and stored again.
    assert_eq!(cache_files(&paths.cache_dir, "ki"), index);
    let modified = std::fs::metadata(&index[0]).unwrap().modified().unwrap();
    assert_eq!(modified, stored);
}
