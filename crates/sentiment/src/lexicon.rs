//! Polarity lexicons: lemmas and forms with a prior polarity.

use wortlaut_text::Profile;

use crate::error::Error;

/// The word class of a lexicon entry, as far as inflection needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WordClass {
    /// A noun (capitalised lemma).
    Noun,
    /// An adjective or adverb.
    Adjective,
    /// A verb (infinitive).
    Verb,
    /// An inflected form taken as it is (no forms are generated).
    Form,
}

impl WordClass {
    /// The class of a lexicon's class column: `N`, `A`, `V` or `F`.
    pub(crate) fn parse(s: &str) -> Option<WordClass> {
        match s {
            "N" => Some(WordClass::Noun),
            "A" => Some(WordClass::Adjective),
            "V" => Some(WordClass::Verb),
            "F" => Some(WordClass::Form),
            _ => None,
        }
    }
}

/// One lexicon entry: a lemma (or form) with its prior polarity.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LexEntry {
    pub word: String,
    pub class: WordClass,
    pub weight: f32,
}

/// A polarity lexicon: words with a prior polarity in `[-1, 1]`.
///
/// [`Lexicon::german`] is the embedded default (the UZH German polarity
/// lexicon of Klenner, Clematide et al., Apache-2.0, plus wortlaut's own
/// additions: the profile lists `sentiment/polarity` and
/// `sentiment/polarity-extra`). [`Lexicon::load`] reads a lexicon the user
/// has, such as SentiWS or GermanPolarityClues, which may not be
/// redistributed with wortlaut.
///
/// ```
/// use wortlaut_sentiment::Lexicon;
/// let lex = Lexicon::parse("gut\t0.8\nschlecht\t-0.9\n").unwrap();
/// assert_eq!(lex.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Lexicon {
    pub(crate) entries: Vec<LexEntry>,
}

impl Lexicon {
    /// The embedded German lexicon (lemmas; inflected forms are generated).
    pub fn german() -> Lexicon {
        Lexicon::from_profile(Profile::german())
            .expect("the embedded German lists are well-formed (checked by the tests)")
    }

    /// The lexicon of a profile: `sentiment/polarity` (lemma, class
    /// `N`/`A`/`V`/`F`, polarity), then `sentiment/polarity-extra`, whose
    /// entries replace those of the same word. Weights are clamped to
    /// `[-1, 1]`.
    pub fn from_profile(profile: &Profile) -> Result<Lexicon, Error> {
        let mut entries = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for (name, overrides) in [
            ("sentiment/polarity", false),
            ("sentiment/polarity-extra", true),
        ] {
            let list = profile.list(name)?;
            for row in list.rows() {
                let word = row.key();
                let class = list.field(&row, 1, "class N, A, V or F")?;
                let class = WordClass::parse(class).ok_or_else(|| {
                    list.error(&row, format!("class `{class}` is not one of N, A, V, F"))
                })?;
                let weight = list.field(&row, 2, "polarity")?;
                let weight: f32 = weight.parse().map_err(|_| {
                    list.error(&row, format!("polarity `{weight}` is not a number"))
                })?;
                let e = LexEntry {
                    word: word.to_string(),
                    class,
                    weight: weight.clamp(-1.0, 1.0),
                };
                match seen.get(word) {
                    Some(&i) if overrides => entries[i] = e,
                    Some(_) => {}
                    None => {
                        seen.insert(word.to_string(), entries.len());
                        entries.push(e);
                    }
                }
            }
        }
        Ok(Lexicon { entries })
    }

    /// Number of entries (lemmas or forms as listed).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
