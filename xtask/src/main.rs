use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "xtask", about = "kurabe's development tools")]
struct Cli {
    /// Benchmark the catalogue in DIR instead of a generated one.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,

    #[command(subcommand)]
    command: Tool,
}

#[derive(Debug, Subcommand)]
enum Tool {
    /// Write a synthetic catalogue (N vendors × M controls) for benchmarks.
    Generate(xtask::generate::GenerateArgs),
    /// Measure kurabe from outside on catalogues of several sizes (use a release build).
    Bench(xtask::bench::BenchArgs),
    /// Print the texts kurabe searches, one line per control or per text (for `fzf --filter`).
    DumpTexts(DumpArgs),
    /// A trivial raw-mode program that echoes keys on its first row (the benchmark's baseline).
    Echo,
    /// Evaluate `kurabe import` leave-one-vendor-out on the shipped vendors (EVALUATION.md).
    EvalImport(xtask::eval_import::EvalArgs),
    /// Fit the weights of the importer's ranking features on labelled passages.
    FitImport(xtask::fit_import::FitArgs),
    /// How `kurabe import` reads one document: its passages, or one control's proposals.
    Passages(xtask::passages::PassagesArgs),
    /// Write small valid documents for the import readers' fuzz targets (fuzz/, .ci/run).
    FuzzSeeds(xtask::fuzz_seeds::SeedArgs),
    /// Time the pieces of loading the catalogue in --data DIR (reading, key, YAML passes, cache).
    LoadPieces,
}

#[derive(Debug, clap::Args)]
struct DumpArgs {
    /// One line per control (the same multi-word semantics as kurabe) or per text.
    #[arg(long, value_enum, default_value = "per-control")]
    per: xtask::bench::texts::Dump,
}

fn main() -> Result<()> {
    let args = Cli::parse();
    let mut out = std::io::stdout();
    match &args.command {
        Tool::Generate(gen) => xtask::generate::run(gen, &mut out),
        Tool::Bench(bench) => xtask::bench::run(bench, args.data.as_deref(), &mut out),
        Tool::DumpTexts(dump) => {
            let loaded = match &args.data {
                Some(dir) => kurabe::session::load(Some(dir), &kurabe::paths::Paths::from_env()),
                None => kurabe::catalog::load_embedded(),
            }
            .map_err(|p| anyhow::anyhow!("{p}"))?;
            let mut w = std::io::BufWriter::new(out.lock());
            xtask::bench::texts::write_dump(&loaded.catalog, dump.per, &mut w)?;
            Ok(())
        }
        Tool::Echo => xtask::echo::run(),
        Tool::FitImport(fit) => {
            use std::io::Write;
            write!(out, "{}", xtask::fit_import::run(fit)?)?;
            Ok(())
        }
        Tool::Passages(passages) => {
            use std::io::Write;
            write!(out, "{}", xtask::passages::run(passages)?)?;
            Ok(())
        }
        Tool::FuzzSeeds(seeds) => xtask::fuzz_seeds::run(seeds),
        Tool::LoadPieces => {
            let dir = args
                .data
                .as_deref()
                .ok_or_else(|| anyhow::anyhow!("give the catalogue with --data DIR"))?;
            xtask::load_pieces::run(dir)
        }
        Tool::EvalImport(eval) => {
            use std::io::Write;
            write!(out, "{}", xtask::eval_import::run(eval)?)?;
            Ok(())
        }
    }
}
