//! `cargo run -p xtask -- passages FILE [--control ID]`: how `kurabe import` reads a document —
//! every passage with its citation, context and whether it can answer — and, with `--control`, the
//! proposals for one control. For developing the importer.

use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct PassagesArgs {
    /// The document, as `kurabe import` takes it.
    pub file: PathBuf,
    /// Show the proposals for this control instead of the passages.
    #[arg(long, value_name = "ID")]
    pub control: Option<String>,
    /// With `--control`: every passage's features, best first.
    #[arg(long)]
    pub all: bool,
    /// Drop the document's first line (the `# source:` line of the real documents).
    #[arg(long)]
    pub skip_first_line: bool,
}

pub fn run(args: &PassagesArgs) -> Result<String> {
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut bytes =
        std::fs::read(&args.file).with_context(|| format!("{}", args.file.display()))?;
    if args.skip_first_line {
        if let Some(nl) = bytes.iter().position(|&b| b == b'\n') {
            bytes.drain(..=nl);
        }
    }
    let source = kurabe::import::source::read_bytes(&name, bytes)?;
    let catalog = kurabe::catalog::load_embedded()
        .map_err(|p| anyhow::anyhow!("{p}"))?
        .catalog;
    let options = kurabe::import::Options {
        vendor: "probe".into(),
        ..Default::default()
    };
    let draft = kurabe::import::draft(&catalog, &[source], &options)?;
    let mut out = String::new();
    match &args.control {
        None => {
            for p in &draft.passages {
                let mark = match (p.answers, p.negative) {
                    (_, true) => "NO",
                    (true, _) => "  ",
                    (false, _) => "--",
                };
                writeln!(
                    out,
                    "{mark} [{}] {{{}}} {}",
                    p.section,
                    p.context.chars().take(60).collect::<String>(),
                    p.text.replace('\n', "⏎")
                )?;
            }
        }
        Some(id) => {
            let ci = catalog
                .control_index(id)
                .with_context(|| format!("no control `{id}`"))?;
            let answer = &draft.answers[ci];
            writeln!(
                out,
                "{id}: {:?}, confidence {:.2}, value {:?}",
                answer.answer.status, answer.confidence, answer.answer.value
            )?;
            let profiles = kurabe::import::matching::profiles(&catalog, "probe");
            let features = kurabe::import::matching::features(&profiles, &draft.passages);
            let mut all: Vec<(f64, usize)> = features[ci]
                .iter()
                .enumerate()
                .map(|(pi, f)| (kurabe::import::matching::score(f), pi))
                .collect();
            all.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (score, pi) in all.iter().take(if args.all { usize::MAX } else { 0 }) {
                writeln!(
                    out,
                    "  {score:.3} {:.2?} {}",
                    features[ci][*pi],
                    draft.passages[*pi].text.replace('\n', " ")
                )?;
            }
            for p in &draft.proposals[ci] {
                let passage = &draft.passages[p.passage];
                writeln!(
                    out,
                    "{:.3} {:.2?} [{}] {}",
                    p.score,
                    p.features,
                    passage.section,
                    passage.text.replace('\n', "⏎")
                )?;
            }
        }
    }
    Ok(out)
}
