//! The one error type of the crate.

use std::path::PathBuf;

use wortlaut_text::ProfileError;

/// Why a lexicon could not be loaded or a tagger not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read lexicon {path}: {source}; check the path given to --lexicon")]
    Io {
        /// The path that was given.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line does not fit the lexicon format.
    #[error(
        "lexicon line {line}: {message}; the formats read are SentiWS (word|POS<TAB>weight<TAB>forms), \
         GermanPolarityClues (form<TAB>lemma<TAB>POS<TAB>positive|negative|neutral<TAB>…), \
         word<TAB>weight, and wortlaut's lemma<TAB>N|A|V<TAB>weight"
    )]
    Parse {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file has no entries.
    #[error("the lexicon has no entries; give a file with one word and weight per line")]
    Empty,
    /// A list of the language profile is missing or has a bad line.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// A setting of the [`TaggerBuilder`](crate::TaggerBuilder) is out of
    /// its range.
    #[error("{setting} = {value} is not allowed: {expected}")]
    Setting {
        /// The setter's name.
        setting: &'static str,
        /// The value given.
        value: f32,
        /// What the value must be.
        expected: &'static str,
    },
}
