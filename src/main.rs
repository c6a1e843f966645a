use anyhow::Result;
use clap::Parser;
use kurabe::cli::{self, Cli, Command};
use kurabe::paths::Paths;
use kurabe::session;
use std::io::Write;
use std::process::ExitCode;

fn main() -> Result<ExitCode> {
    match run(Cli::parse()) {
        // The reader went away (`kurabe export … | head -1`): what it wanted was written.
        Err(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn run(args: Cli) -> Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match &args.command {
        Some(Command::Check) => {
            let ok = cli::check(args.data.as_ref(), &Paths::from_env(), &mut stdout)?;
            stdout.flush()?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(Command::Paths) => {
            cli::print_paths(&Paths::from_env(), &mut stdout)?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::NewVendor(new)) => {
            let paths = Paths::from_env();
            let loaded =
                session::load(args.data.as_ref(), &paths).map_err(|p| anyhow::anyhow!("{p}"))?;
            let path = cli::new_vendor(&loaded.catalog, &paths, new)?;
            writeln!(stdout, "wrote {}", path.display())?;
            writeln!(
                stdout,
                "fill it in from the vendor's document, then run `kurabe check`"
            )?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export(export)) => {
            let session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            use std::io::IsTerminal;
            let terminal = std::io::stdout().is_terminal();
            if let Some(path) = cli::run_export(&session, export, terminal, &mut stdout)? {
                eprintln!("wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            drop(stdout);
            let session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            kurabe::tui::start(session)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Whether an error is a write to a pipe whose reader has closed it.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
