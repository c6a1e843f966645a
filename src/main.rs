use anyhow::Result;
use clap::Parser;
use kurabe::cli::{self, requirements_command, Cli, Command};
use kurabe::paths::Paths;
use kurabe::session;
use std::io::Write;
use std::process::ExitCode;

fn main() -> Result<ExitCode> {
    // A user's mistake (a file that exists, a bad flag value) is a message, not a stack
    // trace, even where RUST_BACKTRACE is set for panics; RUST_LIB_BACKTRACE=1 still asks for
    // one. Set before any thread starts.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
    match run(Cli::parse()) {
        // The reader went away (`kurabe export … | head -1`): what it wanted was written.
        Err(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn run(args: Cli) -> Result<ExitCode> {
    // The contained reader of `kurabe import`: before anything else, nothing loaded.
    if let Some(Command::ReadSource(read)) = &args.command {
        return Ok(ExitCode::from(kurabe::import::command::serve_read(read)));
    }
    // A signal removes the temporary file being written before kurabe dies of it. The browser
    // and `kurabe import` handle signals themselves.
    #[cfg(unix)]
    let _signals = match &args.command {
        None | Some(Command::Import(_)) => None,
        Some(_) => kurabe::files::temporaries::remove_on_signals().ok(),
    };
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
        Some(Command::Search(search)) => {
            let mut session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            // Opened from the cache where it is stored: a cached catalogue's index is built once.
            let place = session.cache_place.as_ref();
            let index = session::search_index(&session.catalog, place);
            cli::search_command::run(
                &session.catalog,
                &session.reviews,
                &index,
                search,
                &mut stdout,
            )?;
            if !session.problems.is_empty() {
                eprintln!(
                    "warning: {} problem(s) while loading (`kurabe check` lists them); what they name is not searched",
                    session.problems.len()
                );
            }
            session::write_cache(session.pending_cache.take(), &session.catalog);
            session::store_index(&index, session.cache_place.as_ref());
            // As for export: the process ends, the system takes the catalogue back whole.
            std::mem::forget(session);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::MergeReviews(merge)) => Ok(cli::merge_command::run(
            cli::merge_command::Driver::Reviews,
            merge,
            &mut std::io::stderr(),
        )),
        Some(Command::MergeVendor(merge)) => Ok(cli::merge_command::run(
            cli::merge_command::Driver::Vendor,
            merge,
            &mut std::io::stderr(),
        )),
        Some(Command::Team(team)) => {
            let code = match cli::team::run(team, &Paths::from_env(), &mut stdout) {
                Ok(code) => code,
                Err(e) => {
                    stdout.flush()?;
                    eprintln!("error: {e}");
                    1
                }
            };
            stdout.flush()?;
            Ok(ExitCode::from(code))
        }
        Some(Command::Paths) => {
            cli::print_paths(&Paths::from_env(), &mut stdout)?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::NewVendor(new)) => {
            let paths = Paths::from_env();
            let (loaded, pending) = session::load_deferred(args.data.as_ref(), &paths)
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            let path = cli::new_vendor(&loaded.catalog, &paths, new)?;
            writeln!(stdout, "wrote {}", shown(&path))?;
            writeln!(
                stdout,
                "fill it in from the vendor's document, then run `kurabe check`"
            )?;
            stdout.flush()?;
            // After the output: the cache is for the next run.
            session::write_cache(pending, &loaded.catalog);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Evaluate(evaluate)) => Ok(bad_input_is_2(|| {
            let paths = Paths::from_env();
            let (loaded, pending) = session::load_deferred(args.data.as_ref(), &paths)
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            let met = requirements_command::evaluate(
                &loaded.catalog,
                &paths,
                evaluate,
                &mut stdout,
                &mut std::io::stderr(),
            )?;
            stdout.flush()?;
            // After the output: the cache is for the next run.
            session::write_cache(pending, &loaded.catalog);
            Ok(if met {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        })),
        Some(Command::Followup(followup)) => Ok(bad_input_is_2(|| {
            let paths = Paths::from_env();
            let (loaded, pending) = session::load_deferred(args.data.as_ref(), &paths)
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            requirements_command::followup(
                &loaded.catalog,
                &paths,
                followup,
                &mut stdout,
                &mut std::io::stderr(),
            )?;
            stdout.flush()?;
            // After the output: the cache is for the next run.
            session::write_cache(pending, &loaded.catalog);
            Ok(ExitCode::SUCCESS)
        })),
        Some(Command::NewRequirements(new)) => {
            let paths = Paths::from_env();
            let (loaded, pending) = session::load_deferred(args.data.as_ref(), &paths)
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            let path = requirements_command::new_requirements(&loaded.catalog, &paths, new)?;
            writeln!(stdout, "wrote {}", shown(&path))?;
            writeln!(
                stdout,
                "edit it, then run `kurabe evaluate --requirements {}`",
                shown(&path)
            )?;
            stdout.flush()?;
            // After the output: the cache is for the next run.
            session::write_cache(pending, &loaded.catalog);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import(import)) => {
            let paths = Paths::from_env();
            let (loaded, pending) = session::load_deferred(args.data.as_ref(), &paths)
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            let shell = kurabe::import::command::Shell::contained(std::env::current_exe()?)?;
            let imported = kurabe::import::command::run(
                &loaded.catalog,
                &paths.vendors_dir(),
                import,
                &shell,
                &mut stdout,
                &mut std::io::stderr(),
            );
            if let Err(e) = &imported {
                if e.is::<kurabe::import::command::Interrupted>() {
                    eprintln!("{e}");
                    return Ok(ExitCode::from(130));
                }
            }
            imported?;
            stdout.flush()?;
            // After the output: the cache is for the next run.
            session::write_cache(pending, &loaded.catalog);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Diff(diff)) => Ok(bad_input_is_2(|| {
            let paths = Paths::from_env();
            let (loaded, pending) = session::load_deferred(args.data.as_ref(), &paths)
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            use std::io::IsTerminal;
            let written = cli::diff_command::run(
                &loaded.catalog,
                &paths,
                args.data.as_ref(),
                diff,
                std::io::stdout().is_terminal(),
                &mut stdout,
                &mut std::io::stderr(),
            )?;
            if let Some(path) = written {
                eprintln!("wrote {}", shown(&path));
            }
            // After the output: the cache is for the next run.
            session::write_cache(pending, &loaded.catalog);
            Ok(ExitCode::SUCCESS)
        })),
        Some(Command::Due(due)) => {
            let session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            cli::due_command::due(
                &session.catalog,
                session.config.reassess_after_months(),
                due,
                &mut stdout,
            )?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export(export)) => {
            let mut session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            use std::io::IsTerminal;
            let terminal = std::io::stdout().is_terminal();
            if let Some(path) = cli::run_export(&session, export, terminal, &mut stdout)? {
                eprintln!("wrote {}", shown(&path));
            }
            if !session.problems.is_empty() {
                eprintln!(
                    "warning: {} problem(s) while loading (`kurabe check` lists them); the report names what it left out",
                    session.problems.len()
                );
            }
            session::write_cache(session.pending_cache.take(), &session.catalog);
            // Freeing a large catalogue string by string takes a tenth of a second per
            // thousand vendors; the process is about to end and the system takes it back whole.
            std::mem::forget(session);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::ReadSource(_)) => unreachable!("served above"),
        None => {
            drop(stdout);
            let mut session = session::open(args.data.as_ref(), Paths::from_env())
                .map_err(|p| anyhow::anyhow!("{p}"))?;
            session
                .warnings
                .extend(cli::team::missing_drivers_warning(&session.paths));
            kurabe::tui::start(session)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs a command whose every failure is bad input, exit status 2 (1 says a `must` is not
/// met): the error is printed, unless the reader of the output went away.
fn bad_input_is_2(command: impl FnOnce() -> Result<ExitCode>) -> ExitCode {
    match command() {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
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

/// A path as the terminal may show it: it can come from the environment or the command line,
/// so its control bytes are made visible.
fn shown(path: &std::path::Path) -> String {
    kurabe::sanitize::line(&path.display().to_string()).into_owned()
}
