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
    /// The matcher could not be built (too many or too long patterns for the
    /// automaton).
    #[error("cannot build the matcher: {0}; split the gazetteer or shorten its names")]
    Build(String),
}
