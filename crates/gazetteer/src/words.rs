//! The word lists of the gazetteer, read from a language profile
//! (`wortlaut_text::Profile`, lists `gazetteer/*`).

use std::sync::{Arc, OnceLock};

use wortlaut_text::{Profile, ProfileError};

use crate::persons::PrefixFilter;

/// A set of words (exact, as listed).
pub(crate) type WordSet = wortlaut_normalize::hash::WordSet<Box<str>>;

/// Every list the gazetteer reads, by what it is for. Built once per
/// profile and shared by the gazetteers built with it.
pub(crate) struct Words {
    /// Single names that are words of the language (never matched alone).
    pub(crate) stopwords: WordSet,
    /// Words broken extraction glues to a name ("Putin|unterzeichnete").
    pub(crate) glue_words: WordSet,
    /// Heads of closed compounds after a name ("Ukraine|krieg").
    pub(crate) compound_heads: WordSet,
    /// Hyphenated compounds that are no mention ("us-dollar").
    pub(crate) compound_exceptions: WordSet,
    /// Words that make a following city a club or company.
    pub(crate) club_prefixes: WordSet,
    /// Nouns that head an organisation's name next to a place.
    pub(crate) org_heads: WordSet,
    /// Given names that start a person's name.
    pub(crate) given_names: WordSet,
    /// Family names that come first.
    pub(crate) family_first: WordSet,
    /// The prefix filter of `given_names` and `family_first`.
    pub(crate) name_start_keys: PrefixFilter,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("stopwords", &self.stopwords.len())
            .field("given_names", &self.given_names.len())
            .finish_non_exhaustive()
    }
}

/// The words of the list `name` of `profile`, as a set.
fn set(profile: &Profile, name: &str) -> Result<WordSet, ProfileError> {
    Ok(profile.list(name)?.words().map(Box::from).collect())
}

impl Words {
    /// Reads every list from `profile`.
    pub(crate) fn from_profile(profile: &Profile) -> Result<Words, ProfileError> {
        let given_names = set(profile, "gazetteer/given-names")?;
        let family_first = set(profile, "gazetteer/family-first")?;
        let mut name_start_keys = PrefixFilter::new();
        for w in given_names.iter().chain(family_first.iter()) {
            name_start_keys.add(w);
        }
        Ok(Words {
            stopwords: set(profile, "gazetteer/stopwords")?,
            glue_words: set(profile, "gazetteer/glue-words")?,
            compound_heads: set(profile, "gazetteer/compound-heads")?,
            compound_exceptions: set(profile, "gazetteer/compound-exceptions")?,
            club_prefixes: set(profile, "gazetteer/club-prefixes")?,
            org_heads: set(profile, "gazetteer/org-heads")?,
            given_names,
            family_first,
            name_start_keys,
        })
    }

    /// The words of the embedded German profile (read once, then shared).
    pub(crate) fn german() -> Result<Arc<Words>, ProfileError> {
        static GERMAN: OnceLock<Arc<Words>> = OnceLock::new();
        if let Some(w) = GERMAN.get() {
            return Ok(Arc::clone(w));
        }
        let w = Arc::new(Words::from_profile(Profile::german())?);
        Ok(Arc::clone(GERMAN.get_or_init(|| w)))
    }

    /// No words at all: a placeholder until a profile's words are set.
    pub(crate) fn none() -> Arc<Words> {
        static NONE: OnceLock<Arc<Words>> = OnceLock::new();
        Arc::clone(NONE.get_or_init(|| {
            Arc::new(Words {
                stopwords: WordSet::default(),
                glue_words: WordSet::default(),
                compound_heads: WordSet::default(),
                compound_exceptions: WordSet::default(),
                club_prefixes: WordSet::default(),
                org_heads: WordSet::default(),
                given_names: WordSet::default(),
                family_first: WordSet::default(),
                name_start_keys: PrefixFilter::new(),
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_lists_load() {
        let w = Words::german().unwrap();
        assert!(w.stopwords.contains("den"));
        assert!(w.given_names.contains("Carl"));
        let missing = Words::from_profile(&Profile::from_lists("xx", [])).unwrap_err();
        assert!(missing.to_string().contains("gazetteer/"), "{missing}");
    }
}
