//! The word lists of the gazetteer, read from a language profile
//! (`wortlaut_text::Profile`, lists `gazetteer/*`).

use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use wortlaut_text::{Profile, ProfileError};

use crate::error::Error;
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
    /// The curated ones among them (`gazetteer/given-names`): a surname
    /// after them may be an ordinary word ("Britt Hagedorn").
    pub(crate) given_curated: WordSet,
    /// Family names that come first.
    pub(crate) family_first: WordSet,
    /// The prefix filter of `given_names` and `family_first`.
    pub(crate) name_start_keys: PrefixFilter,
    /// Particles inside a person's name, each with the particles it must
    /// follow (none: any word).
    pub(crate) name_particles: Vec<(Box<str>, Vec<Box<str>>)>,
    /// The longest particle, in bytes.
    pub(crate) particle_max_len: usize,
    /// Endings of a last name part that make it no surname ("…straße").
    pub(crate) not_surname_endings: Vec<Box<str>>,
    /// Noun endings that end a name before a third part ("…ung").
    pub(crate) noun_endings: Vec<Box<str>>,
    /// Adjective endings, in generation order.
    pub(crate) adjective_endings: Vec<Box<str>>,
    /// Adjective endings when reading back from a name.
    pub(crate) attributive_endings: Vec<Box<str>>,
    /// Genitive endings of a name's head noun.
    pub(crate) genitive_endings: Vec<Box<str>>,
    /// Endings of inhabitant nouns, each with whether it replaces a final
    /// "e" of the noun.
    pub(crate) demonym_endings: Vec<(Box<str>, bool)>,
    /// Words joining two place names ("im", "an der").
    pub(crate) place_links: WordSet,
    /// The street automaton: the street endings (patterns
    /// `0..street_endings`), then the street words after a space (`None`
    /// only in the placeholder [`Words::none`]).
    pub(crate) street_markers: Option<AhoCorasick>,
    /// Endings of the place adjective before a street word ("…er").
    pub(crate) street_adjective_endings: Vec<Box<str>>,
    /// Road words that are a street only with a number.
    pub(crate) generic_roads: WordSet,
    /// Bloc nouns ("Westen") with their entity ids.
    pub(crate) blocs: Vec<(Box<str>, Box<str>)>,
    /// Articles before a bloc noun.
    pub(crate) bloc_articles: WordSet,
    /// Words after a bloc noun that make it a direction.
    pub(crate) bloc_directions: WordSet,
    /// The lists of discovery (`None`: the profile has none).
    pub(crate) discovery: Option<crate::discover::Lists>,
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

/// The words of the list `name` of `profile`, in file order.
fn list(profile: &Profile, name: &str) -> Result<Vec<Box<str>>, ProfileError> {
    Ok(profile.list(name)?.words().map(Box::from).collect())
}

/// The streets automaton: `endings`, then `" "` + each of `words`.
fn street_markers(endings: &[Box<str>], words: &[Box<str>]) -> Result<AhoCorasick, Error> {
    let patterns: Vec<String> = endings
        .iter()
        .map(|e| e.to_string())
        .chain(words.iter().map(|w| format!(" {w}")))
        .collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .map_err(|e| Error::Build(format!("street names: {e}")))
}

impl Words {
    /// Reads every list from `profile`.
    pub(crate) fn from_profile(profile: &Profile) -> Result<Words, Error> {
        let particles = profile.list("gazetteer/name-particles")?;
        let name_particles: Vec<(Box<str>, Vec<Box<str>>)> = particles
            .rows()
            .map(|r| {
                let after = r.get(1).map_or_else(Vec::new, |a| {
                    a.split('|')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .map(Box::from)
                        .collect()
                });
                (Box::from(r.key()), after)
            })
            .collect();
        let particle_max_len = name_particles
            .iter()
            .map(|(p, _)| p.len())
            .max()
            .unwrap_or(0);
        let blocs_list = profile.list("gazetteer/blocs")?;
        let blocs = blocs_list
            .rows()
            .map(|r| {
                Ok((
                    Box::from(r.key()),
                    Box::from(blocs_list.field(&r, 1, "entity id")?),
                ))
            })
            .collect::<Result<Vec<_>, ProfileError>>()?;
        let demonyms = profile.list("gazetteer/demonym-endings")?;
        let demonym_endings = demonyms
            .rows()
            .map(|r| match r.get(1) {
                None => Ok((Box::from(r.key()), false)),
                Some("drop-e") => Ok((Box::from(r.key()), true)),
                Some(other) => Err(demonyms.error(
                    &r,
                    format!("second column {other:?}: write `drop-e` or leave it out"),
                )),
            })
            .collect::<Result<Vec<_>, ProfileError>>()?;
        let street_endings = list(profile, "gazetteer/street-endings")?;
        let street_words = list(profile, "gazetteer/street-words")?;
        let given_curated = set(profile, "gazetteer/given-names")?;
        let mut given_names = given_curated.clone();
        if profile.names().any(|n| n == "gazetteer/given-names-world") {
            given_names.extend(set(profile, "gazetteer/given-names-world")?);
        }
        let family_first = set(profile, "gazetteer/family-first")?;
        // Some 13,000 names: a filter of 2^20 bits keeps false positives
        // (capitalised nouns read for nothing) near 1 %.
        let mut name_start_keys = PrefixFilter::with_bits(20);
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
            given_curated,
            family_first,
            name_start_keys,
            name_particles,
            particle_max_len,
            not_surname_endings: list(profile, "gazetteer/not-surname-endings")?,
            noun_endings: list(profile, "gazetteer/noun-endings")?,
            adjective_endings: list(profile, "gazetteer/adjective-endings")?,
            attributive_endings: list(profile, "gazetteer/attributive-endings")?,
            genitive_endings: list(profile, "gazetteer/genitive-endings")?,
            demonym_endings,
            place_links: set(profile, "gazetteer/place-links")?,
            street_markers: Some(street_markers(&street_endings, &street_words)?),
            street_adjective_endings: list(profile, "gazetteer/street-adjective-endings")?,
            generic_roads: set(profile, "gazetteer/generic-roads")?,
            blocs,
            bloc_articles: set(profile, "gazetteer/bloc-articles")?,
            bloc_directions: set(profile, "gazetteer/bloc-directions")?,
            discovery: crate::discover::Lists::from_profile(profile)?,
        })
    }

    /// Whether `w` is a name particle ("von", "der").
    pub(crate) fn is_particle(&self, w: &str) -> bool {
        w.len() <= self.particle_max_len && self.name_particles.iter().any(|(p, _)| &**p == w)
    }

    /// Whether the particle `w` may follow `prev` in a name.
    pub(crate) fn particle_ok(&self, prev: &str, w: &str) -> bool {
        self.name_particles
            .iter()
            .find(|(p, _)| &**p == w)
            .is_some_and(|(_, after)| after.is_empty() || after.iter().any(|a| &**a == prev))
    }

    /// Whether `w` ends with one of `endings`.
    pub(crate) fn ends_with_any(endings: &[Box<str>], w: &str) -> bool {
        endings.iter().any(|e| w.ends_with(&**e))
    }

    /// The words of the embedded German profile (read once, then shared).
    pub(crate) fn german() -> Result<Arc<Words>, Error> {
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
                given_curated: WordSet::default(),
                family_first: WordSet::default(),
                name_start_keys: PrefixFilter::new(),
                name_particles: Vec::new(),
                particle_max_len: 0,
                not_surname_endings: Vec::new(),
                noun_endings: Vec::new(),
                adjective_endings: Vec::new(),
                attributive_endings: Vec::new(),
                genitive_endings: Vec::new(),
                demonym_endings: Vec::new(),
                place_links: WordSet::default(),
                street_markers: None,
                street_adjective_endings: Vec::new(),
                generic_roads: WordSet::default(),
                blocs: Vec::new(),
                bloc_articles: WordSet::default(),
                bloc_directions: WordSet::default(),
                discovery: None,
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
        // A bad line names its list and line.
        let de = Profile::german();
        let lists: Vec<(&str, &str)> = de
            .names()
            .map(|n| {
                let text = de.list(n).unwrap().text();
                (
                    n,
                    if n == "gazetteer/demonym-endings" {
                        "# x\nn\nin\tdrop-x\n"
                    } else {
                        text
                    },
                )
            })
            .collect();
        let bad = Words::from_profile(&Profile::from_lists("de", lists)).unwrap_err();
        let msg = bad.to_string();
        assert!(
            msg.contains("gazetteer/demonym-endings") && msg.contains("line 3"),
            "{msg}"
        );
    }
}
