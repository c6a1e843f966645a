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
    /// Measure start-up, keystroke latency and memory (use a release build).
    Bench(xtask::bench::BenchArgs),
    /// Evaluate `kurabe import` leave-one-vendor-out on the shipped vendors (EVALUATION.md).
    EvalImport(xtask::eval_import::EvalArgs),
}

fn main() -> Result<()> {
    let args = Cli::parse();
    let mut out = std::io::stdout();
    match &args.command {
        Tool::Generate(gen) => xtask::generate::run(gen, &mut out),
        Tool::Bench(bench) => xtask::bench::run(bench, args.data.as_deref(), &mut out),
        Tool::EvalImport(eval) => {
            use std::io::Write;
            write!(out, "{}", xtask::eval_import::run(eval)?)?;
            Ok(())
        }
    }
}
