//! The language data the segmenter uses.

pub(crate) use wortlaut_normalize::hash::WordSet as HashSet;
use wortlaut_text::{Profile, ProfileError};

/// Abbreviations and ordinal contexts of one language.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Abbreviations (without final full stop) valid anywhere.
    pub(crate) abbreviations: HashSet<String>,
    /// Abbreviations whose full stop may also end a sentence.
    pub(crate) sentence_final: HashSet<String>,
    /// Length in bytes of the longest abbreviation (longer words are not
    /// looked up).
    pub(crate) max_abbreviation_len: usize,
    /// Abbreviations valid only before a number.
    pub(crate) numeric_abbreviations: HashSet<String>,
    /// Words after which "NUMBER." is an ordinal.
    pub(crate) ordinal_context: HashSet<String>,
    /// Words before "NUMBER." that make it an ordinal.
    pub(crate) ordinal_before: HashSet<String>,
    /// Words that link two ordinals ("dem 50. und 70.").
    pub(crate) ordinal_links: HashSet<String>,
    /// Capitalised words that start a new clause after a colon.
    pub(crate) clause_starters: HashSet<String>,
}

impl Lexicon {
    /// The segmenter's lists of a language profile: `segment/abbreviations`
    /// (a second column `num`: only before a number, `end`: may also end a
    /// sentence), `segment/ordinal-context`, `segment/ordinal-before`,
    /// `segment/ordinal-links` and `segment/clause-starters`.
    pub(crate) fn from_profile(profile: &Profile) -> Result<Lexicon, ProfileError> {
        let mut lex = Lexicon::default();
        let abbreviations = profile.list("segment/abbreviations")?;
        for row in abbreviations.rows() {
            let word = row.key().to_string();
            match row.get(1) {
                Some("num") => {
                    lex.numeric_abbreviations.insert(word);
                }
                Some("end") => {
                    lex.sentence_final.insert(word.clone());
                    lex.abbreviations.insert(word);
                }
                None => {
                    lex.abbreviations.insert(word);
                }
                Some(other) => {
                    return Err(abbreviations.error(
                        &row,
                        format!("unknown use {other:?}: write `num`, `end` or nothing"),
                    ))
                }
            }
        }
        lex.max_abbreviation_len = lex
            .abbreviations
            .iter()
            .chain(&lex.numeric_abbreviations)
            .map(String::len)
            .max()
            .unwrap_or(0);
        let set = |name: &str| -> Result<HashSet<String>, ProfileError> {
            Ok(profile.list(name)?.words().map(str::to_string).collect())
        };
        lex.ordinal_context = set("segment/ordinal-context")?;
        lex.ordinal_before = set("segment/ordinal-before")?;
        lex.ordinal_links = set("segment/ordinal-links")?;
        lex.clause_starters = set("segment/clause-starters")?;
        Ok(lex)
    }
}
