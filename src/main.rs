use anyhow::Result;
use clap::Parser;
use kurabe::cli::{self, Cli, Command};
use std::process::ExitCode;

fn main() -> Result<ExitCode> {
    let args = Cli::parse();
    match &args.command {
        Some(Command::Check) => {
            let ok = cli::check(args.data.as_ref(), &mut std::io::stdout())?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(Command::Export(export)) => {
            let loaded = cli::load(args.data.as_ref()).map_err(|p| anyhow::anyhow!("{p}"))?;
            print!("{}", cli::export(&loaded.catalog, export)?);
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let loaded = cli::load(args.data.as_ref()).map_err(|p| anyhow::anyhow!("{p}"))?;
            kurabe::tui::run(kurabe::tui::app::App::new(loaded.catalog, loaded.problems))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
