//! The benchmark's report: machine, method and the sizes' figures as markdown tables.

use super::screen::{KeyScreen, StartRun, HEIGHT, MARKER, WIDTH};
use super::stats::{median, percentile, spread};
use super::{BenchArgs, RunContext, SizeReport, KEY_QUERIES};
use anyhow::Result;
use std::fmt::Write;

/// nproc, CPU model and memory.
pub fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let info = |file: &str, key: &str| {
        std::fs::read_to_string(file).ok().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
    };
    let model = info("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".into());
    let mem = info("/proc/meminfo", "MemTotal")
        .and_then(|m| m.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(String::new(), |kib| {
            format!(", {:.0} GiB RAM", kib / 1048576.0)
        });
    format!("{cpus} CPUs (nproc), {model}{mem}")
}

/// The load averages (1, 5, 15 minutes): other work on the machine moves every figure.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".to_string())
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn firsts(runs: &[StartRun], f: impl Fn(&StartRun) -> Option<f64>) -> Vec<f64> {
    runs.iter().filter_map(f).collect()
}

fn key_ms(keys: &[KeyScreen], f: impl Fn(&KeyScreen) -> Option<f64>) -> Vec<f64> {
    keys.iter().filter(|k| k.distinct).filter_map(f).collect()
}

/// The `n` slowest distinct keys to show on screen: "`ret` 9.1".
fn slowest_keys(keys: &[KeyScreen], n: usize) -> String {
    let mut timed: Vec<(&str, f64)> = keys
        .iter()
        .filter(|k| k.distinct)
        .filter_map(|k| Some((k.typed.as_str(), k.ms?)))
        .collect();
    timed.sort_by(|a, b| b.1.total_cmp(&a.1));
    timed
        .iter()
        .take(n)
        .map(|(typed, ms)| format!("`{typed}` {ms:.1}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn p50_p99(v: &[f64]) -> String {
    if v.is_empty() {
        return "—".to_string();
    }
    format!(
        "{:.1} / **{:.1}**",
        percentile(v, 50.0),
        percentile(v, 99.0)
    )
}

pub fn render(ctx: &RunContext, sizes: &[SizeReport], args: &BenchArgs) -> Result<String> {
    let mut o = String::new();
    writeln!(o, "# kurabe benchmark\n")?;
    writeln!(o, "- commit: {}", ctx.commit)?;
    writeln!(o, "- machine: {}", ctx.machine)?;
    writeln!(
        o,
        "- load average (1, 5, 15 min): {} before, {} after; the benchmark took {:.0} s",
        ctx.load_before,
        load_average(),
        ctx.started.elapsed().as_secs_f64()
    )?;
    writeln!(
        o,
        "- fzf: {}",
        ctx.fzf
            .as_deref()
            .unwrap_or("not installed (`apt-get install fzf`): no comparison")
    )?;
    if cfg!(debug_assertions) {
        writeln!(
            o,
            "- **a debug build of the harness: run `cargo run --release -p xtask -- bench`**"
        )?;
    }
    writeln!(
        o,
        "- command: `xtask bench --sizes {} --runs {} --fzf-runs {} --export-format {:?}` (catalogues in {})",
        args.sizes
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(","),
        args.runs,
        args.fzf_runs,
        args.export_format,
        args.gen_dir.display()
    )?;
    method(&mut o, ctx)?;
    growth(&mut o, sizes)?;
    keys_on_screen(&mut o, ctx, sizes)?;
    results(&mut o, sizes)?;
    whole(&mut o, sizes)?;
    targets(&mut o, ctx, sizes, args)?;
    let notes: Vec<String> = sizes
        .iter()
        .flat_map(|s| {
            s.screen
                .iter()
                .flat_map(move |r| r.notes.iter().map(move |n| format!("{}: {n}", s.name)))
        })
        .collect();
    if !notes.is_empty() {
        writeln!(o, "\n## Notes\n")?;
        for n in notes {
            writeln!(o, "- {n}")?;
        }
    }
    Ok(o)
}

fn method(o: &mut String, ctx: &RunContext) -> Result<()> {
    writeln!(o, "\n## Method\n")?;
    writeln!(o, "- Terminal: tmux {WIDTH}×{HEIGHT}, a server of the benchmark's own, driven through one control-mode client (`tmux -C`): each key is a `send-keys -l`, each poll a `capture-pane -p`, a round trip on a pipe.")?;
    if let Some(b) = &ctx.baseline {
        writeln!(
            o,
            "- Poll resolution: a capture round trip takes {:.2} ms p50, {:.2} ms p99 ({} samples), and a poll loop pauses {} ms between captures: every tmux figure is late by up to the sum.",
            percentile(&b.round_trip_ms, 50.0),
            percentile(&b.round_trip_ms, 99.0),
            b.round_trip_ms.len(),
            super::tmux::POLL_PAUSE.as_millis()
        )?;
        writeln!(
            o,
            "- Trivial program (`xtask echo`, raw mode, draws `/`query`█` on its first row): first frame {} ms (median, min–max), the floor of every first frame below.",
            spread(&b.first_frame_ms, 1)
        )?;
    }
    writeln!(o, "- First frame: from asking tmux to start `kurabe --data DIR` (clean environment, fresh HOME and XDG directories) to the first capture showing `{MARKER}`. Cold: empty cache directory (the OS page cache is warm: the catalogue was read just before). Cached: the same HOME after the cold run quit and its cache files stopped changing. Median (min–max) of the runs.")?;
    writeln!(o, "- Idle: when the kurabe process's CPU time (/proc/PID/stat) grows by less than 20 % of a core over 1 s: the start-up work after the first frame is done. Idle CPU: the share of a core used over the next 2 s, nothing typed (an event loop that sleeps when idle: about 0).")?;
    writeln!(o, "- Key → screen: after `/`, each char of each query typed alone (`send-keys -l`), timed until the first row shows `/`+query+`█`; the same keys into `xtask echo`. Results on screen: until the row also says the number of matching controls the in-process search found. The last cold and the last cached run type the queries; keys are counted once each (a prefix typed by an earlier query is left out).")?;
    writeln!(o, "- Complete results (in process): `SearchIndex::search_with` narrowing from the previous key (the ranked hits the results list shows); distinct keys of {} queries: {}.", KEY_QUERIES.len(), KEY_QUERIES.iter().map(|q| format!("`{q}`")).collect::<Vec<_>>().join(", "))?;
    writeln!(o, "- Peak memory: VmHWM of the kurabe process (whole process) after the first frame, when idle after start-up and after the queries (the most of the runs); on disk: apparent size of the catalogue's files (`du -sb`).")?;
    writeln!(o, "- Whole process: `kurabe --data DIR search Q > /dev/null` (the ranked list, one line per control, no limit; warm cache, clean environment) against `fzf --filter Q < dump > /dev/null`, alternating, medians; then `kurabe --data DIR export --format FORMAT --query Q > /dev/null` against the same fzf runs. Dump per control (`xtask dump-texts --per per-control`): one line per control with all the texts the index holds for it (titles, questions, crosswalk, id, every answering vendor's summaries, values, notes, quotes and names), NFKC-lowercased as the index, tab-separated: every term in one line = every word in one control, as kurabe (fzf may also spread a word over two texts). Per text (`--per per-text`): one line per text, fzf's natural use (several words must be in one text).")?;
    Ok(())
}

fn growth(o: &mut String, sizes: &[SizeReport]) -> Result<()> {
    writeln!(o, "\n## Costs by size\n")?;
    writeln!(
        o,
        "Times in ms (tmux: median (min–max) of the runs); memory in MiB.\n"
    )?;
    writeln!(o, "| catalogue | on disk | texts | load cold, in process | load cached, in process | index build | index stored / opened from the cache | first frame cold | first frame cached | idle cold | idle cached | idle CPU (% of a core) | peak cold: first frame / idle / after queries | peak cached: first frame / idle / after queries | peak ÷ disk |")?;
    writeln!(
        o,
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )?;
    for s in sizes {
        let p = &s.in_process;
        let (ffc, ffk, ic, ik, cpu, mc, mk, ratio) = match &s.screen {
            Some(r) => {
                let peak = |runs: &[StartRun]| {
                    let first = runs
                        .iter()
                        .map(|r| r.hwm_first_frame_kib)
                        .max()
                        .unwrap_or(0);
                    let idle = runs.iter().map(|r| r.hwm_idle_kib).max().unwrap_or(0);
                    let after = runs.iter().filter_map(|r| r.hwm_after_queries_kib).max();
                    (first, idle, after)
                };
                let show = |(first, idle, after): (u64, u64, Option<u64>)| {
                    format!(
                        "{:.0} / {:.0} / {}",
                        mib(first),
                        mib(idle),
                        after.map_or("—".to_string(), |a| format!("{:.0}", mib(a)))
                    )
                };
                let all_peak = [peak(&r.cold), peak(&r.cached)]
                    .iter()
                    .map(|(_, idle, after)| (*idle).max(after.unwrap_or(0)))
                    .max()
                    .unwrap_or(0);
                (
                    spread(&firsts(&r.cold, |x| x.first_frame_ms), 0),
                    spread(&firsts(&r.cached, |x| x.first_frame_ms), 0),
                    spread(&firsts(&r.cold, |x| x.idle_ms), 0),
                    spread(&firsts(&r.cached, |x| x.idle_ms), 0),
                    spread(
                        &firsts(
                            &r.cold.iter().chain(&r.cached).cloned().collect::<Vec<_>>(),
                            |x| x.idle_cpu.map(|c| c * 100.0),
                        ),
                        0,
                    ),
                    show(peak(&r.cold)),
                    show(peak(&r.cached)),
                    format!("{:.2}", all_peak as f64 * 1024.0 / s.disk_bytes as f64),
                )
            }
            None => Default::default(),
        };
        let stored = match (p.index_store_ms, p.index_open_ms) {
            (Some(store), Some(open)) => format!("{store:.0} / {open:.0}"),
            _ => "— (not cached)".to_string(),
        };
        writeln!(
            o,
            "| {} ({} × {}) | {:.1} MB | {} | {:.0} | {:.0} | {:.0} | {stored} | {ffc} | {ffk} | {ic} | {ik} | {cpu} | {mc} | {mk} | {ratio} |",
            s.name, s.vendors, s.controls, mb(s.disk_bytes), s.texts, p.load_cold_ms, p.load_cached_ms, p.index_ms
        )?;
    }
    Ok(())
}

fn keys_on_screen(o: &mut String, ctx: &RunContext, sizes: &[SizeReport]) -> Result<()> {
    let Some(b) = &ctx.baseline else {
        return Ok(());
    };
    writeln!(o, "\n## Key → screen in tmux\n")?;
    let echo = key_ms(&b.keys, |k| k.ms);
    writeln!(
        o,
        "ms, p50 / **p99** over distinct keys; `xtask echo`: {} ({} keys).\n",
        p50_p99(&echo),
        echo.len()
    )?;
    writeln!(o, "| catalogue | keys | typed key shown, cold start | cached start | p99 − echo's p99 (cached) | complete results shown, cold | cached | slowest keys shown, cached (ms) |")?;
    writeln!(o, "|---|---|---|---|---|---|---|---|")?;
    for s in sizes {
        let Some(r) = &s.screen else { continue };
        let cached = key_ms(&r.keys_cached, |k| k.ms);
        writeln!(
            o,
            "| {} | {} | {} | {} | {:+.1} | {} | {} | {} |",
            s.name,
            cached.len(),
            p50_p99(&key_ms(&r.keys_cold, |k| k.ms)),
            p50_p99(&cached),
            percentile(&cached, 99.0) - percentile(&echo, 99.0),
            p50_p99(&key_ms(&r.keys_cold, |k| k.results_ms)),
            p50_p99(&key_ms(&r.keys_cached, |k| k.results_ms)),
            slowest_keys(&r.keys_cached, 5),
        )?;
    }
    Ok(())
}

fn results(o: &mut String, sizes: &[SizeReport]) -> Result<()> {
    writeln!(o, "\n## Complete results per key, in process\n")?;
    writeln!(o, "ms over distinct keys; the classes: English words, Japanese words, one letter, several words.\n")?;
    writeln!(o, "| catalogue | keys | p50 | **p99** | max | English p99 | Japanese p99 | one letter p99 | several words p99 | slowest keys (ms, controls) |")?;
    writeln!(o, "|---|---|---|---|---|---|---|---|---|---|")?;
    for s in sizes {
        let keys: Vec<_> = s.keys.iter().filter(|k| k.distinct).collect();
        let all: Vec<f64> = keys.iter().map(|k| k.ms).collect();
        let class = |f: fn(&str) -> bool| {
            let v: Vec<f64> = keys.iter().filter(|k| f(&k.query)).map(|k| k.ms).collect();
            format!("{:.1}", percentile(&v, 99.0))
        };
        let mut slow = keys.clone();
        slow.sort_by(|a, b| b.ms.total_cmp(&a.ms));
        let slow: Vec<String> = slow
            .iter()
            .take(5)
            .map(|k| format!("`{}` {:.0} ({})", k.typed, k.ms, k.shown))
            .collect();
        writeln!(
            o,
            "| {} | {} | {:.1} | **{:.1}** | {:.1} | {} | {} | {} | {} | {} |",
            s.name,
            all.len(),
            percentile(&all, 50.0),
            percentile(&all, 99.0),
            percentile(&all, 100.0),
            class(|q| !q.contains(' ') && q.chars().count() > 1 && q.is_ascii()),
            class(|q| !q.contains(' ') && !q.is_ascii()),
            class(|q| q.chars().count() == 1),
            class(|q| q.contains(' ')),
            slow.join(", ")
        )?;
    }
    Ok(())
}

fn whole(o: &mut String, sizes: &[SizeReport]) -> Result<()> {
    if sizes.iter().all(|s| s.whole.is_empty()) {
        return Ok(());
    }
    writeln!(
        o,
        "\n## Whole process: `kurabe search` against `fzf --filter`\n"
    )?;
    writeln!(o, "Medians in ms; ratio = fzf ÷ kurabe (above 1: kurabe is faster), measured in the same run. Both print the matching items, one line per control (fzf per text: one line per matching text).")?;
    for s in sizes.iter().filter(|s| !s.whole.is_empty()) {
        writeln!(
            o,
            "\n### {} ({} vendors; dump per control {:.1} MB{})\n",
            s.name,
            s.vendors,
            mb(s.dump_bytes.0),
            s.dump_bytes
                .1
                .map_or(String::new(), |b| format!(", per text {:.1} MB", mb(b)))
        )?;
        writeln!(o, "| query | kurabe search | fzf, per control | **ratio** | fzf, per text | ratio | kurabe lines | fzf lines per control / per text |")?;
        writeln!(o, "|---|---|---|---|---|---|---|---|")?;
        for r in &s.whole {
            let (k, f) = (median(&r.search_ms), median(&r.fzf_ms));
            let per_text = (!r.per_text_ms.is_empty()).then(|| median(&r.per_text_ms));
            writeln!(
                o,
                "| `{}` | {:.0} | {:.0} | **{:.2}×** | {} | {} | {} | {} / {} |",
                r.query,
                k,
                f,
                f / k,
                per_text.map_or("—".into(), |p| format!("{p:.0}")),
                per_text.map_or("—".into(), |p| format!("{:.2}×", p / k)),
                r.search_lines,
                r.fzf_lines,
                r.per_text_lines.map_or("—".into(), |n| n.to_string())
            )?;
        }
    }
    writeln!(
        o,
        "\n## Whole process: `kurabe export --query` against `fzf --filter`\n"
    )?;
    writeln!(o, "The export writes every matching control with every vendor's answer, far more than fzf's lines. Medians in ms, fzf over the dump per control, the same fzf runs as above.")?;
    for s in sizes.iter().filter(|s| !s.whole.is_empty()) {
        writeln!(o, "\n### {}\n", s.name)?;
        writeln!(
            o,
            "| query | kurabe export | fzf, per control | **ratio** | kurabe controls |"
        )?;
        writeln!(o, "|---|---|---|---|---|")?;
        for r in &s.whole {
            let (k, f) = (median(&r.export_ms), median(&r.fzf_ms));
            writeln!(
                o,
                "| `{}` | {:.0} | {:.0} | **{:.2}×** | {} |",
                r.query,
                k,
                f,
                f / k,
                r.export_controls
            )?;
        }
    }
    Ok(())
}

fn targets(o: &mut String, ctx: &RunContext, sizes: &[SizeReport], args: &BenchArgs) -> Result<()> {
    writeln!(o, "\n## Targets\n")?;
    writeln!(o, "| catalogue | target | measured | met |")?;
    writeln!(o, "|---|---|---|---|")?;
    let mut row = |name: &str, target: &str, value: f64, unit: &str, met: bool| {
        writeln!(
            o,
            "| {name} | {target} | {value:.2} {unit} | {} |",
            if met { "yes" } else { "**no**" }
        )
    };
    let echo_p99 = ctx
        .baseline
        .as_ref()
        .map(|b| percentile(&key_ms(&b.keys, |k| k.ms), 99.0));
    for s in sizes {
        let keys: Vec<f64> = s.keys.iter().filter(|k| k.distinct).map(|k| k.ms).collect();
        let p99 = percentile(&keys, 99.0);
        let (ff_cached, ff_cold, key_p99, peak) = match &s.screen {
            Some(r) => (
                median(&firsts(&r.cached, |x| x.first_frame_ms)),
                median(&firsts(&r.cold, |x| x.first_frame_ms)),
                percentile(&key_ms(&r.keys_cached, |k| k.ms), 99.0),
                r.cold
                    .iter()
                    .chain(&r.cached)
                    .map(|x| x.hwm_idle_kib.max(x.hwm_after_queries_kib.unwrap_or(0)))
                    .max()
                    .unwrap_or(0),
            ),
            None => (f64::NAN, f64::NAN, f64::NAN, 0),
        };
        let worst_ratio = s
            .whole
            .iter()
            .map(|r| median(&r.fzf_ms) / median(&r.search_ms))
            .fold(f64::INFINITY, f64::min);
        match s.vendors {
            1000 => {
                row(
                    &s.name,
                    "first frame cached ≤ 250 ms",
                    ff_cached,
                    "ms",
                    ff_cached <= 250.0,
                )?;
                row(
                    &s.name,
                    "first frame cold ≤ 1,500 ms",
                    ff_cold,
                    "ms",
                    ff_cold <= 1500.0,
                )?;
                row(
                    &s.name,
                    "complete results p99 ≤ 50 ms",
                    p99,
                    "ms",
                    p99 <= 50.0,
                )?;
                if let Some(e) = echo_p99 {
                    row(
                        &s.name,
                        "key → screen p99 within 5 ms of echo's",
                        key_p99 - e,
                        "ms more",
                        key_p99 - e <= 5.0,
                    )?;
                }
            }
            10000 => {
                row(
                    &s.name,
                    "first frame cached ≤ 1,000 ms",
                    ff_cached,
                    "ms",
                    ff_cached <= 1000.0,
                )?;
                row(
                    &s.name,
                    "complete results p99 ≤ 250 ms",
                    p99,
                    "ms",
                    p99 <= 250.0,
                )?;
                let r = peak as f64 * 1024.0 / s.disk_bytes as f64;
                row(&s.name, "peak memory ≤ 1.5 × on disk", r, "×", r <= 1.5)?;
            }
            _ => {}
        }
        if !s.whole.is_empty() {
            row(
                &s.name,
                "`kurabe search` ≥ 3× faster than fzf --filter on every query (worst)",
                worst_ratio,
                "×",
                worst_ratio >= 3.0,
            )?;
        }
    }
    writeln!(
        o,
        "\nWhole-process queries: {}.",
        args.whole_queries
            .iter()
            .map(|q| format!("`{q}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    Ok(())
}
