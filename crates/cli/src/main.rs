//! `wortlaut`: analyse German news articles from the command line.
//!
//! Exit codes: 0 when every document was analysed; 1 when at least one
//! document could not be read or parsed (it is reported as an error record
//! and the run goes on); 2 on a usage error or a fatal error (an input path
//! that does not exist, output that cannot be written); 130 or 143 when a
//! run was stopped by SIGINT or SIGTERM (after the record being written).

#![forbid(unsafe_code)]

mod analyze;
mod error;
mod eval;
mod gazetteer;
mod options;
mod train;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::analyze::AnalyzeArgs;
use crate::eval::EvalCommand;
use crate::gazetteer::GazetteerCommand;
use crate::train::TrainCommand;

#[derive(Parser)]
#[command(
    name = "wortlaut",
    version,
    about = "Fast, exact NLP for German news: who is mentioned, who said what, about whom, with what stance",
    after_help = "Exit codes: 0 every document analysed; 1 some documents failed (each is an error record in the output); 2 usage or fatal error; 130/143 stopped by SIGINT/SIGTERM (after a whole record).\nOffsets in the output are Unicode code points of the original input unless --offsets bytes is given (docs/FORMATS.md)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse documents: files, folders (recursively, *.txt), `-` for stdin,
    /// or JSON Lines with `--input jsonl`.
    Analyze(Box<AnalyzeArgs>),
    /// Score wortlaut against reference annotations.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Work with gazetteer files (docs/FORMATS.md).
    Gazetteer {
        #[command(subcommand)]
        what: GazetteerCommand,
    },
    /// Train the learned parts on annotated data (docs/EVAL.md).
    Train {
        #[command(subcommand)]
        what: TrainCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(*args),
        Command::Eval { what } => eval::run(what),
        Command::Gazetteer { what } => gazetteer::run(what),
        Command::Train { what } => train::run(what),
    };
    match result {
        Ok(code) => code,
        // The reader of the output has gone (`| head`): end quietly.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wortlaut: {e}");
            ExitCode::from(2)
        }
    }
}
