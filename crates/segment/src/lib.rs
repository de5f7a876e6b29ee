//! Sentence and word segmentation for German news text.
//!
//! Rule-based and fast: one pass over the text for tokens, one over the
//! tokens for sentences. It knows German abbreviations ("Dr.", "z. B.",
//! "u. a.", "Nr."), ordinals and dates ("20. Juni", "1. FC Köln"), numbers
//! ("3,5 Milliarden", "1.000", "1:0"), hyphenated and truncated compounds
//! ("US-Außenministerium", "Luft- und Raumfahrt"), URLs, quotations that run
//! over several sentences, and headlines and other lines without final
//! punctuation. It works on any text; on text from
//! [`wortlaut_normalize`] it sees one canonical set of quotation marks.
//!
//! ```
//! use wortlaut_segment::Segmenter;
//!
//! let text = "Am 20. Juni sagte Dr. Müller, die Kosten lägen bei 3,5 Mio. Euro. \
//!             „Das ist z. B. zu viel.“ Die US-Regierung schwieg.";
//! let seg = Segmenter::german().segment(text);
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| &text[s.span]).collect();
//! assert_eq!(sentences, [
//!     "Am 20. Juni sagte Dr. Müller, die Kosten lägen bei 3,5 Mio. Euro.",
//!     "„Das ist z. B. zu viel.“",
//!     "Die US-Regierung schwieg.",
//! ]);
//! let tokens: Vec<&str> = seg.tokens.iter().take(6).map(|t| &text[t.span]).collect();
//! assert_eq!(tokens, ["Am", "20.", "Juni", "sagte", "Dr.", "Müller"]);
//! ```
//!
//! Spans are byte ranges of the text given to [`Segmenter::segment`].
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the result types.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

mod lexicon;
mod sentence;
mod tokenize;

use std::sync::Arc;

pub use wortlaut_text::{Profile, ProfileError, Segmentation, Sentence, Span, Token, TokenKind};

use crate::lexicon::Lexicon;

/// Splits text into sentences and tokens.
///
/// Built once, shared by reference or cheap clone (the language data sits
/// behind an `Arc`); `Send + Sync`. Time and memory are linear in the text.
#[derive(Clone, Debug)]
pub struct Segmenter {
    lexicon: Arc<Lexicon>,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::german()
    }
}

impl Segmenter {
    /// A segmenter with the embedded German data (abbreviations, ordinal
    /// contexts; see `docs/DATA.md`).
    pub fn german() -> Segmenter {
        static GERMAN: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
        GERMAN
            .get_or_init(|| {
                Segmenter::new(Profile::german())
                    .expect("the embedded German profile is valid (tested)")
            })
            .clone()
    }

    /// A segmenter with the lists of `profile` (`segment/abbreviations`,
    /// `segment/ordinal-context`, `segment/ordinal-before`,
    /// `segment/ordinal-links`, `segment/clause-starters`; see
    /// docs/LANGUAGES.md). Fails with the list and line that is wrong.
    pub fn new(profile: &Profile) -> Result<Segmenter, ProfileError> {
        Ok(Segmenter {
            lexicon: Arc::new(Lexicon::from_profile(profile)?),
        })
    }

    /// Adds abbreviations (without their final full stop) to this segmenter.
    pub fn with_abbreviations<I, S>(mut self, words: I) -> Segmenter
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let lex = Arc::make_mut(&mut self.lexicon);
        for w in words {
            let w: String = w.into();
            lex.max_abbreviation_len = lex.max_abbreviation_len.max(w.len());
            lex.abbreviations.insert(w);
        }
        self
    }

    /// Tokens and sentences of `text`.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
        tokenize::tokenize(text, &self.lexicon, &mut tokens);
        let mut sentences = Vec::with_capacity(tokens.len() / 16 + 1);
        sentence::split(text, &tokens, &self.lexicon, &mut sentences);
        Segmentation { tokens, sentences }
    }

    /// Only the tokens of `text`.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
        tokenize::tokenize(text, &self.lexicon, &mut tokens);
        tokens
    }
}

#[cfg(test)]
mod tests;
