use anyhow::Result;
use clap::Parser;
use kurabe::cli::{self, Cli, Command};
use kurabe::paths::Paths;
use kurabe::session;
use std::process::ExitCode;

fn main() -> Result<ExitCode> {
    let args = Cli::parse();
    match &args.command {
        Some(Command::Check) => {
            let ok = cli::check(
                args.data.as_ref(),
                &Paths::from_env(),
                &mut std::io::stdout(),
            )?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(Command::Paths) => {
            cli::print_paths(&Paths::from_env(), &mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::NewVendor(new)) => {
            let paths = Paths::from_env();
            let loaded =
                session::load(args.data.as_ref(), &paths).map_err(|p| anyhow::anyhow!("{p}"))?;
            let path = cli::new_vendor(&loaded.catalog, &paths, new)?;
            println!("wrote {}", path.display());
            println!("fill it in from the vendor's document, then run `kurabe check`");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export(export)) => {
            let session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            print!("{}", cli::export_session(&session, export)?);
            if !session.problems.is_empty() {
                eprintln!(
                    "warning: {} problem(s) while loading (`kurabe check` lists them); the report names what it left out",
                    session.problems.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            kurabe::tui::start(session)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
