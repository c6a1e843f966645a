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
            use std::io::IsTerminal;
            let stdout = std::io::stdout();
            let terminal = stdout.is_terminal();
            if let Some(path) = cli::run_export(&session, export, terminal, &mut stdout.lock())? {
                eprintln!("wrote {}", path.display());
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
