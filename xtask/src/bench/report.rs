//! The benchmark's report: the machine, and the scenarios' numbers as markdown tables.

use super::{BenchArgs, KeySample, ScenarioReport, HEIGHT, QUERIES, WIDTH};
use crate::generate::Spec;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// nproc and CPU model.
pub fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        })
        .map_or(String::new(), |kib| {
            format!(", {:.0} GiB RAM", kib as f64 / 1048576.0)
        });
    format!(
        "Machine: {cpus} CPUs (nproc), {model}{mem}; load average {}",
        load_average()
    )
}

/// The 1-minute load average: other work on the machine skews every number.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}

/// `p`-th percentile (nearest rank) of `values`.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// The large catalogue: where it is, its size on disk, and how it was generated (if it was).
type Large<'a> = (&'a Path, u64, Option<(Spec, f64)>);

pub(super) fn write_report(
    out: &mut impl Write,
    reports: &[ScenarioReport],
    generated: Option<Large>,
    args: &BenchArgs,
) -> Result<()> {
    writeln!(
        out,
        "Screen {WIDTH}×{HEIGHT} (TestBackend); queries {} typed one char at a time, {} times each ({} on the embedded catalogue).\n",
        QUERIES
            .iter()
            .map(|q| format!("`{q}`"))
            .collect::<Vec<_>>()
            .join(", "),
        args.repeat,
        args.repeat * 4
    )?;
    if let Some((dir, disk, gen)) = generated {
        match gen {
            Some((spec, gen_ms)) => writeln!(
                out,
                "Generated catalogue: {} vendors × {} controls (seed {}), {:.1} MB on disk, written in {:.1} s to {}.\n",
                spec.vendors,
                spec.controls,
                spec.seed,
                disk as f64 / 1e6,
                gen_ms / 1000.0,
                dir.display()
            )?,
            None => writeln!(out, "Catalogue: {} ({:.1} MB on disk).\n", dir.display(), disk as f64 / 1e6)?,
        }
    }
    writeln!(
        out,
        "| scenario | vendors × controls | texts | load | app (index) | first draw | start → first frame | cache write | peak RSS: loaded / first frame / end |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|")?;
    for r in reports {
        writeln!(
            out,
            "| {} | {} × {} | {} | {:.1} ms | {:.1} ms | {:.1} ms | **{:.1} ms** | {} | {:.1} / {:.1} / **{:.1}** MiB |",
            r.name,
            r.vendors,
            r.controls,
            r.texts,
            r.load_ms,
            r.app_ms,
            r.draw_ms,
            r.first_frame_ms,
            match (r.cache_write_ms, r.cache_bytes) {
                (Some(t), Some(b)) => format!("{t:.0} ms ({:.1} MB)", b as f64 / 1e6),
                _ => "—".to_string(),
            },
            mib(r.rss_load_kib),
            mib(r.rss_first_frame_kib),
            mib(r.rss_peak_kib)
        )?;
    }
    writeln!(
        out,
        "\nPer key (ms; p50 / p99 / max; {} keys embedded, {} generated):\n",
        reports.first().map_or(0, |r| r.keys.len()),
        reports.get(1).map_or(0, |r| r.keys.len())
    )?;
    writeln!(
        out,
        "| scenario | key → frame, search off the UI thread (simulated) | key → frame, the app's update | key → complete ranked results |"
    )?;
    writeln!(out, "|---|---|---|---|")?;
    for r in reports {
        let stat = |f: fn(&KeySample) -> f64| {
            let v: Vec<f64> = r.keys.iter().map(f).collect();
            format!(
                "{:.2} / **{:.2}** / {:.2}",
                percentile(&v, 50.0),
                percentile(&v, 99.0),
                percentile(&v, 100.0)
            )
        };
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            r.name,
            stat(|k| k.frame_async),
            stat(|k| k.frame_inline),
            stat(|k| k.results)
        )?;
    }
    for r in reports {
        if r.keys.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\nSlowest keys, {} (complete ranked results, ms):\n",
            r.name
        )?;
        let mut keys: Vec<&KeySample> = r.keys.iter().collect();
        keys.sort_by(|a, b| b.results.total_cmp(&a.results));
        let mut seen: Vec<&str> = Vec::new();
        let mut shown = Vec::new();
        for k in keys {
            if seen.contains(&k.typed.as_str()) {
                continue;
            }
            seen.push(&k.typed);
            shown.push(format!("`{}` {:.1} ({} hits)", k.typed, k.results, k.hits));
            if shown.len() == 6 {
                break;
            }
        }
        writeln!(out, "{}", shown.join(", "))?;
    }
    for r in reports {
        if r.fzf.is_empty() && r.fzf_note.is_none() {
            continue;
        }
        writeln!(
            out,
            "\nFull query vs `fzf --filter`, {} ({} texts, one per line; {}; medians of 3):\n",
            r.name,
            r.texts,
            r.fzf_note.as_deref().unwrap_or("")
        )?;
        if r.fzf.is_empty() {
            continue;
        }
        writeln!(
            out,
            "| query | kurabe | fzf --filter | fzf ÷ kurabe | kurabe controls | fzf lines |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for row in &r.fzf {
            let fzf = row.fzf.unwrap_or(f64::NAN);
            writeln!(
                out,
                "| `{}` | {:.1} ms | {:.1} ms | **{:.0}×** | {} | {} |",
                row.query,
                row.kurabe,
                fzf,
                fzf / row.kurabe,
                row.kurabe_hits,
                row.fzf_lines
            )?;
        }
    }
    Ok(())
}
