//! Errors.

/// A problem in a gazetteer file, with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Problem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl core::fmt::Display for Problem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The gazetteer file could not be read.
    #[error("cannot read gazetteer: {0}")]
    Io(#[from] std::io::Error),
    /// The gazetteer file has an error (the first one found; `wortlaut
    /// gazetteer check FILE` lists all).
    #[error("invalid gazetteer, {0}; run `wortlaut gazetteer check FILE` to list every problem")]
    Parse(Problem),
    /// The matcher could not be built (more than 4 GB of patterns).
    #[error("cannot build the matcher: {0}; split the gazetteer or shorten its names")]
    Build(String),
    /// A word list of the language profile is missing or has a bad line.
    #[error("cannot read the gazetteer's word lists: {0}")]
    Profile(#[from] wortlaut_text::ProfileError),
    /// A compiled gazetteer file cannot be used.
    #[error("cannot load compiled gazetteer: {0}")]
    Compiled(#[from] CompiledError),
}

/// Why a compiled gazetteer (see [`crate::Gazetteer::save_compiled`])
/// cannot be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CompiledError {
    /// The data does not start with the compiled-gazetteer magic bytes.
    #[error("not a compiled gazetteer (no magic header)")]
    NotCompiled,
    /// The data ends early.
    #[error("the file is truncated; compile the gazetteer again")]
    Truncated,
    /// The file uses a layout this version cannot read.
    #[error("format version {found} is not supported (this build reads version {supported}); compile the gazetteer again")]
    FormatVersion {
        /// The version in the file.
        found: u32,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// The file was compiled by another version of wortlaut-gazetteer,
    /// whose variants and folding may differ.
    #[error("compiled by wortlaut-gazetteer {found}, this is {expected}; compile the gazetteer again with this version")]
    CrateVersion {
        /// The crate version in the file.
        found: String,
        /// The version of this crate.
        expected: String,
    },
    /// The payload does not match its checksum (the file is damaged).
    #[error("checksum mismatch, the file is damaged; compile the gazetteer again")]
    Checksum,
    /// The payload is inconsistent.
    #[error("invalid data ({0}); compile the gazetteer again")]
    Invalid(&'static str),
}
