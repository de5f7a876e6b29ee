//! `wortlaut gazetteer`: check and compile gazetteer files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::error::CliError;

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Report every problem of a gazetteer file with its line number (exit
    /// code 1 if there is any).
    Check {
        /// The gazetteer file (TSV, or compiled: then it is loaded and
        /// checked whole).
        file: PathBuf,
    },
    /// Compile a gazetteer file (TSV) into the compiled format, which
    /// `--gazetteer` loads without parsing or building (docs/FORMATS.md).
    Compile {
        /// The gazetteer file (TSV).
        file: PathBuf,
        /// Where to write the compiled gazetteer.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// Runs a `gazetteer` subcommand.
pub fn run(what: GazetteerCommand) -> Result<ExitCode, CliError> {
    match what {
        GazetteerCommand::Compile { file, output } => {
            let start = std::time::Instant::now();
            let bytes = std::fs::read(&file).map_err(|e| CliError::Read(file.clone(), e))?;
            let g = wortlaut::Gazetteer::from_bytes(&bytes)?;
            let built = start.elapsed();
            let f = std::fs::File::create(&output)
                .map_err(|e| CliError::WriteFile(output.clone(), e))?;
            match g.save_compiled(std::io::BufWriter::new(f)) {
                Ok(()) => {}
                Err(wortlaut::gazetteer::Error::Io(e)) => {
                    return Err(CliError::WriteFile(output, e))
                }
                Err(e) => return Err(e.into()),
            }
            let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
            writeln!(
                std::io::stdout().lock(),
                "{}: {} entities, {} patterns, built in {:.2} s; wrote {} ({:.1} MB) in {:.2} s",
                file.display(),
                g.entities().len(),
                g.pattern_count(),
                built.as_secs_f64(),
                output.display(),
                size as f64 / 1e6,
                (start.elapsed() - built).as_secs_f64()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        GazetteerCommand::Check { file } => {
            let text = std::fs::read(&file).map_err(|e| CliError::Read(file.clone(), e))?;
            let mut out = std::io::stdout().lock();
            if wortlaut::gazetteer::is_compiled(&text) {
                return match wortlaut::Gazetteer::from_compiled(&text) {
                    Ok(g) => {
                        writeln!(
                            out,
                            "{}: ok, compiled gazetteer, {} entities, {} patterns",
                            file.display(),
                            g.entities().len(),
                            g.pattern_count()
                        )?;
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => {
                        writeln!(out, "{}: {e}", file.display())?;
                        Ok(ExitCode::from(1))
                    }
                };
            }
            let text = String::from_utf8_lossy(&text);
            let problems = wortlaut::gazetteer::check_tsv(&text);
            for p in &problems {
                writeln!(out, "{}:{}: {}", file.display(), p.line, p.message)?;
            }
            if problems.is_empty() {
                let g = wortlaut::Gazetteer::from_tsv(&text)?;
                writeln!(
                    out,
                    "{}: ok, {} entities, {} patterns",
                    file.display(),
                    g.entities().len(),
                    g.pattern_count()
                )?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(out, "{}: {} problem(s)", file.display(), problems.len())?;
                Ok(ExitCode::from(1))
            }
        }
    }
}
