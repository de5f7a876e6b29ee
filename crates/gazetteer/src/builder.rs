//! The builder of a [`Gazetteer`]: which language profile it reads its
//! word lists from, and where its entities come from.

use std::sync::Arc;

use wortlaut_text::Profile;

use crate::entity::Entity;
use crate::error::{Error, Problem};
use crate::matcher::Gazetteer;
use crate::words::Words;

/// Builds a [`Gazetteer`] with a language profile.
///
/// The profile gives the word lists the matcher reads (`gazetteer/*`: stop
/// words, glue words, compound heads, organisation nouns, given names,
/// inflection endings, street words, …; see `docs/DATA.md`). Without
/// [`GazetteerBuilder::profile`] the embedded German profile
/// ([`Profile::german`]) is used. Every `build_*` method reads the lists
/// and fails with [`Error::Profile`] if one is missing or malformed.
///
/// ```
/// use wortlaut_gazetteer::{EntityType, GazetteerBuilder};
/// use wortlaut_text::Profile;
///
/// let mut builder = GazetteerBuilder::new();
/// builder.profile(Profile::german());
/// let g = builder.build_tsv("russia\tGPE\tRussland\t\tadjective=russisch\n")?;
/// let m = g.find_in("Die russische Regierung");
/// assert_eq!((m[0].entity.as_deref(), m[0].kind), (Some("russia"), EntityType::Norp));
///
/// // A profile without the gazetteer's lists is an error at build time.
/// builder.profile(&Profile::from_lists("xx", []));
/// assert!(builder.build_tsv("russia\tGPE\tRussland\n").is_err());
/// # Ok::<(), wortlaut_gazetteer::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    /// `None`: the embedded German profile (its lists read once per
    /// process).
    profile: Option<Profile>,
}

impl GazetteerBuilder {
    /// A builder with the embedded German profile.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Reads the word lists from `profile` (cloning a profile is cheap).
    pub fn profile(&mut self, profile: &Profile) -> &mut GazetteerBuilder {
        self.profile = Some(profile.clone());
        self
    }

    fn words(&self) -> Result<Arc<Words>, Error> {
        match &self.profile {
            None => Words::german(),
            Some(p) => Ok(Arc::new(Words::from_profile(p)?)),
        }
    }

    /// Compiles a gazetteer from entities.
    pub fn build(&self, entities: Vec<Entity>) -> Result<Gazetteer, Error> {
        Gazetteer::build(entities, self.words()?)
    }

    /// Parses and compiles a gazetteer in the TSV format (see
    /// [`crate::parse_tsv`]).
    pub fn build_tsv(&self, text: &str) -> Result<Gazetteer, Error> {
        self.build(crate::format::parse_tsv(text)?)
    }

    /// The embedded default gazetteer for German news (see
    /// [`Gazetteer::german`]), compiled with this builder's profile.
    pub fn build_default(&self) -> Result<Gazetteer, Error> {
        self.build_tsv(Gazetteer::default_tsv())
    }

    /// A gazetteer from the bytes written by [`Gazetteer::save_compiled`]
    /// (see [`Gazetteer::from_compiled`]). The patterns are those compiled
    /// with the profile of the gazetteer that was saved; the checks of a
    /// match read this builder's profile.
    pub fn build_compiled(&self, bytes: &[u8]) -> Result<Gazetteer, Error> {
        let words = self.words()?;
        Ok(crate::compiled::read(bytes)?.with_words(words))
    }

    /// A gazetteer from the bytes of a file: compiled (by its magic header)
    /// or TSV text.
    pub fn build_bytes(&self, bytes: &[u8]) -> Result<Gazetteer, Error> {
        if crate::compiled::is_compiled(bytes) {
            return self.build_compiled(bytes);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => self.build_tsv(text),
            Err(e) => {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                Err(Error::Parse(Problem {
                    line,
                    message: "not UTF-8 text (nor a compiled gazetteer)".into(),
                }))
            }
        }
    }

    /// Loads a gazetteer file: compiled (see [`Gazetteer::save_compiled`],
    /// told by its magic header) or TSV, which is parsed and compiled.
    pub fn load(&self, path: impl AsRef<std::path::Path>) -> Result<Gazetteer, Error> {
        let bytes = std::fs::read(path)?;
        self.build_bytes(&bytes)
    }
}
