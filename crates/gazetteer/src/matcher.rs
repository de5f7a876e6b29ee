//! The gazetteer: its entities, the compiled patterns and their targets,
//! and the public constructors and accessors. Building is in `build.rs`,
//! searching in `search.rs`, the checks of a match in `checks.rs` and the
//! resolution within a document in `resolution.rs`.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use wortlaut_normalize::hash::WordHasher;
use wortlaut_normalize::{Norm, Normalizer, Orig, Span};

use crate::builder::GazetteerBuilder;
use crate::entity::{Entity, EntityType};
use crate::error::Error;
use crate::trie::Trie;
use crate::variants::{Case, Form};
use crate::words::Words;

pub(crate) use crate::search::{is_alphabetic, is_uppercase, MARK};

pub(crate) type WordMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// One entity a pattern can stand for.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub(crate) entity: u32,
    pub(crate) form: Form,
    pub(crate) kind: EntityType,
    pub(crate) case: Case,
    /// The form as listed, for exact-case checks (empty unless
    /// `case == Case::Exact`).
    pub(crate) surface: Box<str>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) entities: Vec<Entity>,
    /// Entity number by id, built on first use of [`Gazetteer::entity`].
    pub(crate) by_id: OnceLock<WordMap<Box<str>, u32>>,
    /// The trie of all search patterns.
    pub(crate) trie: Trie,
    /// Whether a walk must start at every mark (some pattern starts with
    /// two marks), not only at the last mark before a word.
    pub(crate) every_mark: bool,
    /// Whether a pattern ends with a closing mark (very short names).
    pub(crate) closed: Vec<bool>,
    /// The targets of pattern `p` are `targets[target_start[p]..target_start[p + 1]]`.
    pub(crate) target_start: Vec<u32>,
    pub(crate) targets: Vec<Target>,
}

impl Inner {
    #[inline]
    pub(crate) fn targets(&self, pattern: usize) -> &[Target] {
        let lo = self.target_start[pattern] as usize;
        let hi = self.target_start[pattern + 1] as usize;
        &self.targets[lo..hi]
    }
}

/// A compiled gazetteer: the entities and an immutable trie of the folded
/// forms of all their names and generated variants.
///
/// Build once, share everywhere: cloning is cheap (an `Arc`), and it is
/// `Send + Sync`. Memory grows linearly with the total length of the forms.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    pub(crate) inner: Arc<Inner>,
    /// The word lists of the language profile it was built with.
    pub(crate) words: Arc<Words>,
    /// Whether names the gazetteer does not list are found by pattern and
    /// context ([`Gazetteer::with_discovery`]).
    pub(crate) discovery: bool,
}

/// A name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mention {
    /// Byte span of the original input.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span<Orig>,
    /// Id of the entity, `None` when the form is ambiguous in this document.
    pub entity: Option<String>,
    /// Type of the mention (NORP for adjectives and inhabitant nouns of a
    /// country, otherwise the entity's type).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: EntityType,
    /// How the surface relates to the entity.
    pub form: Form,
    /// Whether the name was glued to the next word by broken extraction
    /// ("Putinunterzeichnete"); the span covers the name only.
    pub glued: bool,
    /// Whether the name was found by discovery (pattern and context), not
    /// listed in the gazetteer ([`Gazetteer::with_discovery`]). Serialised
    /// only when true.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "std::ops::Not::not")
    )]
    pub discovered: bool,
    /// The same name in the normalised text (what the stages read, e.g.
    /// through [`Resolver::resolve`](crate::Resolver::resolve)), mapped
    /// from the folded view directly. Not serialised.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub norm: Span<Norm>,
}

/// A candidate match on the folded view.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) pattern: usize,
    pub(crate) glued: bool,
}

impl Gazetteer {
    /// A builder, to build a gazetteer with another language profile
    /// ([`GazetteerBuilder::profile`]).
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    /// Compiles a gazetteer from entities, with the German profile.
    pub fn new(entities: Vec<Entity>) -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().build(entities)
    }

    /// A gazetteer of `inner` without word lists: every caller sets them
    /// with [`Gazetteer::with_words`].
    pub(crate) fn from_inner(inner: Inner) -> Gazetteer {
        Gazetteer {
            inner: Arc::new(inner),
            words: Words::none(),
            discovery: true,
        }
    }

    /// The gazetteer with the word lists `words`.
    pub(crate) fn with_words(self, words: Arc<Words>) -> Gazetteer {
        Gazetteer { words, ..self }
    }

    /// The gazetteer with discovery on or off (on by default): with it,
    /// [`Gazetteer::find`] also reports people, organisations and places the
    /// gazetteer does not list, found by pattern and context ("Carl
    /// Thayer", "Präsident Cleveland", "Hays AG", "in Hatfield"), with ids
    /// `person:…`, `org:…` and `place:…` ([`Mention::discovered`]).
    ///
    /// ```
    /// use wortlaut_gazetteer::Gazetteer;
    ///
    /// let g = Gazetteer::from_tsv("x\tGPE\tXland\n").unwrap();
    /// let text = "Der Spielzeughersteller Mattel verlor in Xland.";
    /// let ids: Vec<_> = g.find_in(text).into_iter().filter_map(|m| m.entity).collect();
    /// assert_eq!(ids, ["org:mattel", "x"]);
    /// let off = g.clone().with_discovery(false);
    /// assert_eq!(off.find_in(text).len(), 1);
    /// ```
    pub fn with_discovery(self, on: bool) -> Gazetteer {
        Gazetteer {
            discovery: on,
            ..self
        }
    }

    /// Parses and compiles a gazetteer in the TSV format (see
    /// [`crate::parse_tsv`]).
    pub fn from_tsv(text: &str) -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().build_tsv(text)
    }

    /// The embedded default gazetteer for German news: all countries with
    /// German names, adjectives and (for the main ones) inhabitant nouns;
    /// capitals and major cities with German exonyms; regions and seas;
    /// international organisations, government bodies, parties, news
    /// agencies and media; heads of state and government, ministers and
    /// other people in the news. Built by `tools/gazetteer/build.py` from
    /// Unicode CLDR, `i18n-iso-countries`, `i18n-nationality` and curated
    /// lists (sources and licences in `docs/DATA.md`).
    ///
    /// Compiled once per process and then shared (a clone of an `Arc`).
    /// [`GazetteerBuilder::build_default`] builds it with another profile.
    pub fn german() -> Result<Gazetteer, Error> {
        static DEFAULT: OnceLock<Result<Gazetteer, String>> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                GazetteerBuilder::new()
                    .build_default()
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(Error::Build)
    }

    /// The text of the embedded default gazetteer (TSV).
    pub(crate) fn default_tsv() -> &'static str {
        include_str!("../data/default.tsv")
    }

    /// Loads a gazetteer file: a compiled gazetteer (see
    /// [`Gazetteer::save_compiled`], told by its magic header) or a file in
    /// the TSV format, which is parsed and compiled.
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().load(path)
    }

    /// A gazetteer from the bytes of a file: compiled (by its magic header)
    /// or TSV text.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().build_bytes(bytes)
    }

    /// Writes the gazetteer in the compiled format: the entities, the
    /// folded and deduplicated patterns and the matcher's trie, so that
    /// [`Gazetteer::load`] or [`Gazetteer::from_compiled`] restore it
    /// without parsing, generating variants or folding. The file is tied to
    /// this crate's version (see `docs/FORMATS.md`).
    ///
    /// ```
    /// use wortlaut_gazetteer::Gazetteer;
    ///
    /// let g = Gazetteer::from_tsv("russia\tGPE\tRussland\t\tadjective=russisch\n").unwrap();
    /// let mut bytes = Vec::new();
    /// g.save_compiled(&mut bytes).unwrap();
    /// let h = Gazetteer::from_compiled(&bytes).unwrap();
    /// assert_eq!(h.find_in("Die russische Regierung"), g.find_in("Die russische Regierung"));
    /// // Damaged data gives an error, never a panic.
    /// assert!(Gazetteer::from_compiled(&bytes[..bytes.len() - 1]).is_err());
    /// ```
    pub fn save_compiled(&self, writer: impl std::io::Write) -> Result<(), Error> {
        let mut w = crate::compiled::write(&self.inner, writer)?;
        w.flush()?;
        Ok(())
    }

    /// A gazetteer from the bytes written by [`Gazetteer::save_compiled`].
    /// Corrupt, truncated or foreign data and files of another format or
    /// crate version give [`Error::Compiled`].
    pub fn from_compiled(bytes: &[u8]) -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().build_compiled(bytes)
    }

    /// The entities, in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.inner.entities
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        let by_id = self.inner.by_id.get_or_init(|| {
            let mut m =
                WordMap::with_capacity_and_hasher(self.inner.entities.len(), Default::default());
            for (i, e) in self.inner.entities.iter().enumerate() {
                m.entry(e.id.as_str().into()).or_insert(i as u32);
            }
            m
        });
        by_id.get(id).map(|&i| &self.inner.entities[i as usize])
    }

    /// The id of the entity that acts when the entity `id` is named as a
    /// speaker, a stance holder or a stance target: its `acts_for` if it
    /// has one (a capital stands for its state), else `id` itself, also for
    /// ids the gazetteer does not know. One step only: the `acts_for` of
    /// the entity returned is not followed.
    ///
    /// ```
    /// use wortlaut_gazetteer::Gazetteer;
    ///
    /// let g = Gazetteer::from_tsv(
    ///     "russia\tGPE\tRussland\n\
    ///      moscow\tGPE\tMoskau\t\tcountry=russia;acts_for=russia\n\
    ///      kasan\tGPE\tKasan\t\tcountry=russia\n",
    /// )
    /// .unwrap();
    /// assert_eq!(g.acting_id("moscow"), "russia");
    /// assert_eq!(g.acting_id("kasan"), "kasan");
    /// assert_eq!(g.acting_id("russia"), "russia");
    /// assert_eq!(g.acting_id("person:anna_meier"), "person:anna_meier");
    /// ```
    pub fn acting_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.entity(id)
            .and_then(|e| e.acts_for.as_deref())
            .unwrap_or(id)
    }

    /// Number of distinct folded patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.inner.closed.len()
    }

    /// Mentions in a raw text (normalised with the default [`Normalizer`]).
    pub fn find_in(&self, text: &str) -> Vec<Mention> {
        self.find(&Normalizer::new().normalize(text))
    }
}
