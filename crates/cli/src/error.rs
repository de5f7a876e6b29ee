//! Errors that stop the command.

use std::path::PathBuf;

/// A fatal error of the command line (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file an option or an evaluation names does not exist.
    #[error("{role} not found: {path}; {hint}")]
    MissingFile {
        /// What the file is ("gold file of the Wikinews quotation data").
        role: String,
        /// The path given.
        path: PathBuf,
        /// What to do.
        hint: String,
    },
    /// A gazetteer file could not be loaded.
    #[error("cannot load gazetteer {0}: {1}")]
    GazetteerFile(PathBuf, #[source] wortlaut::gazetteer::Error),
    /// No document was found in the inputs.
    #[error("no input: {}", no_input(.0, .1))]
    NoInput(Vec<PathBuf>, String),
    /// A JSON Lines file or stream given to a text run.
    #[error("{} looks like JSON Lines; read it with --input jsonl", stdin_or(.0))]
    LooksJsonl(PathBuf),
    /// An input could not be read.
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, #[source] std::io::Error),
    /// An output file could not be created or written.
    #[error("cannot write {0}: {1}")]
    WriteFile(PathBuf, #[source] std::io::Error),
    /// Output could not be written.
    #[error("cannot write output: {0}")]
    Write(#[from] std::io::Error),
    /// The thread pool could not be built.
    #[error("cannot start {0} worker threads: {1}; try a smaller --threads")]
    Threads(usize, String),
    /// The pipeline could not be built.
    #[error("cannot build the pipeline: {0}")]
    Pipeline(#[source] wortlaut::Error),
    /// An evaluation failed.
    #[error("evaluation failed: {0}")]
    Eval(#[from] wortlaut::Error),
    /// The gazetteer could not be loaded.
    #[error("{0}")]
    Gazetteer(#[from] wortlaut::gazetteer::Error),
    /// A gold or prediction file of the quotation data could not be read.
    #[error("{0}")]
    QuoteData(#[from] wortlaut_eval::wikinews::ReadError),
    /// The sentiment lexicon could not be loaded or a setting is out of range.
    #[error("{0}")]
    Lexicon(#[from] wortlaut::sentiment::Error),
    /// The quote model could not be read.
    #[error("{0}")]
    QuoteModel(#[from] wortlaut::ModelError),
    /// JSON output failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Options that do not go together, or do not apply.
    #[error("{0}")]
    Usage(String),
    /// `--resume` with a format that is not written in lines.
    #[error("--resume works with --format jsonl or wikinews-quotes (a line per document)")]
    ResumeFormat,
    /// The output file of `--resume` is not the start of this run's output.
    #[error("cannot resume {0}: {1}")]
    NotResumable(PathBuf, String),
    /// The signal handlers could not be installed.
    #[error("cannot install the SIGINT/SIGTERM handlers: {0}")]
    Signals(#[source] std::io::Error),
    /// The run was stopped by a signal (handled by `analyze`, never shown).
    #[error("stopped by signal {0}")]
    Interrupted(i32),
    /// The run stopped before this part of the work (a reader thread whose
    /// consumer ended).
    #[error("stopped")]
    Stopped,
}

impl CliError {
    /// Whether the output was closed by its reader (`wortlaut … | head`):
    /// also when the write failed inside the JSON writer.
    pub fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            CliError::Write(e) => Some(e.kind()),
            CliError::Json(e) => e.io_error_kind(),
            _ => None,
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

fn no_input(folders: &[PathBuf], ext: &str) -> String {
    if folders.is_empty() {
        return "no documents were given".to_string();
    }
    let names: Vec<String> = folders.iter().map(|p| p.display().to_string()).collect();
    format!(
        "no *.{ext} files in {} (give *.{ext} files, or --input jsonl for JSON Lines)",
        names.join(", ")
    )
}

fn stdin_or(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        "the input on stdin".to_string()
    } else {
        path.display().to_string()
    }
}
