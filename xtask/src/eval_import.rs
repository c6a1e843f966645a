//! `cargo run --release -p xtask -- eval-import [--seeds DIR]`: leave-one-vendor-out evaluation
//! of `kurabe import` on the shipped vendors.
//!
//! Each vendor's documents (its `documents[].source` in the seeds directory) are imported
//! against the catalogue without that vendor, and the draft is compared with the curated file:
//!
//! - recall@3: of the controls the curated file answers with quotes, the share where one of the
//!   top three proposals overlaps a curated quote (same document, and one text contains the
//!   other or they share a run of at least half the shorter one, 10 characters at least, after
//!   NFKC and removal of tags and whitespace);
//! - values: of the curated values, the share the draft proposes as the same quantity (the
//!   answer's value where it is stated, else its first candidate's), quantities (durations,
//!   intervals, counts, percentages) and lists counted apart;
//! - silence: of the controls curated `not_stated`, the share the draft leaves `not_stated`
//!   (confidence below 0.5);
//! - time: reading, cutting and ranking one document, each document on its own.
//!
//! Then the same on a check sheet in the METI layout the evaluator writes from each vendor's
//! curated answers, as .xlsx and as CP932 .csv.
//!
//! With `--real DIR`, the documents of DIR are evaluated against facts written by hand instead
//! ([`real`]).

pub mod facts;
pub mod misses;
pub mod real;
pub mod workbook;

use anyhow::{Context, Result};
use kurabe::catalog::{Catalog, Category, Status, Vendor};
use kurabe::import::{self, source, Draft, Options};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// The vendors' source documents (default: ../shared/seeds).
    #[arg(long, value_name = "DIR", default_value = "../shared/seeds")]
    pub seeds: PathBuf,
    /// Evaluate on the documents of DIR against facts written by hand (`*.facts.yaml`).
    #[arg(long, value_name = "DIR")]
    pub real: Option<PathBuf>,
    /// The folder of the facts files (default: the documents' folder).
    #[arg(long, value_name = "DIR", requires = "real")]
    pub facts: Option<PathBuf>,
    /// Also print each missed fact with the top three proposals, and each stated draft judged
    /// wrong.
    #[arg(long, requires = "real")]
    pub misses: bool,
}

/// The catalogue's categories, as `Catalog::new` takes them.
pub fn categories(catalog: &Catalog) -> Vec<Category> {
    catalog
        .categories
        .iter()
        .map(|c| Category {
            id: c.id.clone(),
            title: c.title.clone(),
            controls: catalog.controls[c.controls.clone()]
                .iter()
                .map(|e| e.control.clone())
                .collect(),
        })
        .collect()
}

pub fn without(catalog: &Catalog, vendor: &str) -> Catalog {
    let vendors = catalog
        .vendors
        .iter()
        .filter(|v| v.id() != vendor)
        .cloned()
        .collect();
    Catalog::new(categories(catalog), vendors)
}

/// NFKC, tags removed, whitespace removed: the quote check's normal form.
pub fn normal(s: &str) -> Vec<char> {
    let nfkc = kurabe::values::nfkc(s);
    let mut out = Vec::new();
    let mut in_tag = false;
    let chars: Vec<char> = nfkc.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '<' && chars[i + 1..].contains(&'>') {
            in_tag = true;
        } else if c == '>' && in_tag {
            in_tag = false;
        } else if !in_tag && !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut previous = vec![0usize; b.len() + 1];
    for &x in a {
        let mut current = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            if x == y {
                current[j + 1] = previous[j] + 1;
                best = best.max(current[j + 1]);
            }
        }
        previous = current;
    }
    best
}

pub fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether a proposed text overlaps a curated quote.
pub fn overlaps(proposed: &str, curated: &str) -> bool {
    let (a, b) = (normal(proposed), normal(curated));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if contains(&a, &b) || contains(&b, &a) {
        return true;
    }
    let shorter = a.len().min(b.len());
    longest_common_run(&a, &b) >= (shorter / 2).max(10)
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub quoted: usize,
    pub recalled: usize,
    pub values: usize,
    pub values_matched: usize,
    /// Of `values`, those that are quantities (not lists, service hours or rules).
    pub quantities: usize,
    pub quantities_matched: usize,
    pub silent: usize,
    pub kept_silent: usize,
    pub stated_drafts: usize,
}

impl Score {
    fn share(n: usize, d: usize) -> String {
        if d == 0 {
            "–".to_string()
        } else {
            format!("{:.2} ({n}/{d})", n as f64 / d as f64)
        }
    }
}

/// Compares a draft with the curated vendor; `source_of` maps a draft document index to the
/// curated document id it stands for.
pub fn score(draft: &Draft, curated: &Vendor, curated_doc_of: &[String]) -> Score {
    let mut s = Score::default();
    for (ci, proposals) in draft.proposals.iter().enumerate() {
        let answer = &draft.answers[ci];
        if answer.answer.status != Status::NotStated {
            s.stated_drafts += 1;
        }
        let Some(truth) = curated
            .answers
            .iter()
            .find(|a| a.control == answer.answer.control)
        else {
            continue;
        };
        if truth.status == Status::NotStated {
            s.silent += 1;
            if answer.answer.status == Status::NotStated || answer.confidence < 0.5 {
                s.kept_silent += 1;
            }
            continue;
        }
        if !truth.quotes.is_empty() {
            s.quoted += 1;
            let hit = proposals.iter().take(3).any(|p| {
                let passage = &draft.passages[p.passage];
                truth.quotes.iter().any(|q| {
                    q.document == curated_doc_of[passage.document]
                        && overlaps(&passage.text, &q.text)
                })
            });
            if hit {
                s.recalled += 1;
            }
        }
        if let Some(value) = &truth.value {
            s.values += 1;
            let quantity = matches!(
                kurabe::values::Kind::of(value),
                kurabe::values::Kind::Duration
                    | kurabe::values::Kind::Interval
                    | kurabe::values::Kind::Count
                    | kurabe::values::Kind::Percentage
            );
            s.quantities += usize::from(quantity);
            if real::proposed_value(&answer.answer)
                .is_some_and(|v| kurabe::values::same_quantity(v, value))
            {
                s.values_matched += 1;
                s.quantities_matched += usize::from(quantity);
            }
        }
    }
    s
}

pub fn read_sources(seeds: &Path, vendor: &Vendor) -> Result<Vec<source::Source>> {
    vendor
        .documents
        .iter()
        .map(|d| {
            let path = seeds.join(&d.source);
            source::read(&path).with_context(|| format!("cannot import {}", path.display()))
        })
        .collect()
}

fn options(vendor: &str) -> Options {
    Options {
        vendor: vendor.to_string(),
        ..Options::default()
    }
}

/// The time to draft each document alone (read, cut, rank), the slowest first.
fn time_per_document(catalog: &Catalog, seeds: &Path, vendor: &Vendor) -> Result<Vec<Duration>> {
    let mut times = Vec::new();
    for d in &vendor.documents {
        let start = Instant::now();
        let src = source::read(&seeds.join(&d.source))?;
        import::draft(catalog, &[src], &options(vendor.id()))?;
        times.push(start.elapsed());
    }
    times.sort_by(|a, b| b.cmp(a));
    Ok(times)
}

/// A check sheet in the METI layout written from a vendor's curated answers: one row per
/// quoted answer (種別 = category, 項目 = control title, 回答 = the quotes).
fn meti_rows(catalog: &Catalog, vendor: &Vendor) -> Vec<[String; 6]> {
    let mut rows = Vec::new();
    for (ci, entry) in catalog.controls.iter().enumerate() {
        let Some(v) = catalog.vendor_index(vendor.id()) else {
            continue;
        };
        let Some(answer) = catalog.answer(v, ci) else {
            continue;
        };
        if answer.quotes.is_empty() {
            continue;
        }
        let category = &catalog.categories[entry.category].title;
        let text = |t: &kurabe::catalog::Text| t.ja.clone().unwrap_or_else(|| t.en.clone());
        rows.push([
            (rows.len() + 1).to_string(),
            text(category).into_owned(),
            text(&entry.control.title).into_owned(),
            String::new(),
            String::new(),
            answer
                .quotes
                .iter()
                .map(|q| kurabe::import::segment::strip_tags(&q.text))
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    rows
}

const METI_HEADER: [&str; 6] = ["No.", "種別", "項目", "規定内容", "測定単位", "回答"];

fn write_meti_xlsx(path: &Path, rows: &[[String; 6]]) -> Result<()> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("チェックリスト")?;
    sheet.write_string(0, 0, "クラウドサービスレベルのチェックリスト")?;
    for (c, h) in METI_HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16, *h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(3 + r as u32, c as u16, cell)?;
        }
    }
    workbook.save(path)?;
    Ok(())
}

fn write_meti_csv(path: &Path, rows: &[[String; 6]]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(METI_HEADER)?;
    for row in rows {
        writer.write_record(row)?;
    }
    let text = String::from_utf8(writer.into_inner()?)?;
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    std::fs::write(path, bytes)?;
    Ok(())
}

/// Runs the evaluation and returns the markdown report.
pub fn run(args: &EvalArgs) -> Result<String> {
    if let Some(documents) = &args.real {
        let facts = args.facts.as_deref().unwrap_or(documents);
        return real::run(documents, facts, args.misses);
    }
    let full = kurabe::catalog::load_embedded()
        .map_err(|p| anyhow::anyhow!("{p}"))?
        .catalog;
    let mut out = String::new();
    writeln!(
        out,
        "| vendor | documents | recall@3 | values | silence | drafts stated | slowest document |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    let mut total = Score::default();
    for vendor in &full.vendors {
        let catalog = without(&full, vendor.id());
        let sources = read_sources(&args.seeds, vendor)?;
        let draft = import::draft(&catalog, &sources, &options(vendor.id()))?;
        let docs: Vec<String> = vendor.documents.iter().map(|d| d.id.clone()).collect();
        let s = score(&draft, vendor, &docs);
        let times = time_per_document(&catalog, &args.seeds, vendor)?;
        add(&mut total, &s);
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {:.0} ms |",
            vendor.id(),
            vendor.documents.len(),
            Score::share(s.recalled, s.quoted),
            Score::share(s.values_matched, s.values),
            Score::share(s.kept_silent, s.silent),
            s.stated_drafts,
            times.first().map_or(0.0, |t| t.as_secs_f64() * 1000.0)
        )?;
    }
    writeln!(
        out,
        "| **all** | | {} | {} | {} | {} | |",
        Score::share(total.recalled, total.quoted),
        Score::share(total.values_matched, total.values),
        Score::share(total.kept_silent, total.silent),
        total.stated_drafts
    )?;
    writeln!(
        out,
        "\nValues: quantities {}, lists and other kinds {}.\n",
        Score::share(total.quantities_matched, total.quantities),
        Score::share(
            total.values_matched - total.quantities_matched,
            total.values - total.quantities
        )
    )?;
    writeln!(
        out,
        "METI-layout check sheets written from each vendor's curated quotes (項目 = the control's Japanese title):"
    )?;
    writeln!(out)?;
    writeln!(out, "| vendor | format | rows | recall@3 | values | time |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    let dir = tempfile::tempdir()?;
    for vendor in &full.vendors {
        let catalog = without(&full, vendor.id());
        let rows = meti_rows(&full, vendor);
        for format in ["xlsx", "csv"] {
            let path = dir
                .path()
                .join(format!("{}-checklist.{format}", vendor.id()));
            match format {
                "xlsx" => write_meti_xlsx(&path, &rows)?,
                _ => write_meti_csv(&path, &rows)?,
            }
            let start = Instant::now();
            let src = source::read(&path)?;
            let draft = import::draft(&catalog, &[src], &options(vendor.id()))?;
            let elapsed = start.elapsed();
            // Every row of the sheet came from some curated document: compare texts only.
            let mut sheet_vendor = vendor.clone();
            for a in &mut sheet_vendor.answers {
                for q in &mut a.quotes {
                    q.document = "sheet".into();
                }
            }
            let s = score(&draft, &sheet_vendor, &["sheet".to_string()]);
            writeln!(
                out,
                "| {} | {format} | {} | {} | {} | {:.0} ms |",
                vendor.id(),
                rows.len(),
                Score::share(s.recalled, s.quoted),
                Score::share(s.values_matched, s.values),
                elapsed.as_secs_f64() * 1000.0
            )?;
        }
    }
    Ok(out)
}

fn add(total: &mut Score, s: &Score) {
    total.quoted += s.quoted;
    total.recalled += s.recalled;
    total.values += s.values;
    total.values_matched += s.values_matched;
    total.quantities += s.quantities;
    total.quantities_matched += s.quantities_matched;
    total.silent += s.silent;
    total.kept_silent += s.kept_silent;
    total.stated_drafts += s.stated_drafts;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_needs_containment_or_a_long_shared_run() {
        assert!(overlaps("当社は30日後に消去します。", "30日後に消去します"));
        assert!(overlaps("<p>a b</p>", "ab"));
        assert!(!overlaps("データを暗号化します", "データを消去します"));
    }
}
