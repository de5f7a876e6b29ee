//! Gazetteer entity matching for German news.
//!
//! A [`Gazetteer`] holds entities (id, type, canonical name, aliases,
//! Wikidata id, country, role, the entity it acts for) and finds their mentions in text with one
//! immutable pattern trie, walked from every word start of the **folded**
//! view of the normalised text (lower case, no diacritics, `ß` → `ss`, white space runs
//! collapsed), so "Tô Lâm", "To Lam" and "TO LAM", or "Vereinigte\nStaaten",
//! all match. Spans refer to the original input.
//!
//! German variants are generated, not listed: genitives ("Putins",
//! "Russlands", "Paris'"), the inflected adjectives of a country as NORP
//! mentions ("russische", "russischen", …), inhabitant nouns ("Nordkoreaner",
//! "Nordkoreanerinnen"), transliteration variants of names ("Kim Jong Un" /
//! "Kim Jong-un"). Names inside hyphenated compounds match ("US-Präsident",
//! "Ukraine-Krieg"), except listed ones ("US-Dollar"); closed compounds match
//! with a known head ("Ukrainekrieg"); a name glued to the next word by broken
//! extraction ("Putinunterzeichnete", "Lamwährend") is found and flagged.
//! Names that are also German words ("Den", "Mai", "Ende") never match on
//! their own; capitalised names need a capital; acronyms need their exact
//! letters ("US", not "us").
//!
//! Within a document, short forms ("Putin", "Kim", "Lam") resolve to the
//! entity whose full name came before; a short form that fits several such
//! entities stays unresolved.
//!
//! ```
//! use wortlaut_gazetteer::{Gazetteer, EntityType};
//!
//! let gazetteer = Gazetteer::from_tsv(
//!     "russia\tGPE\tRussland\t\tqid=Q159;adjective=russisch\n\
//!      vladimir_putin\tPER\tWladimir Putin\t\tqid=Q7747;country=russia\n",
//! )
//! .unwrap();
//! let text = "Der russische Präsident Wladimir Putin reiste ab. Putins Ziel: Russlands Einfluss.";
//! let mentions = gazetteer.find_in(text);
//! let found: Vec<(&str, &str, EntityType)> = mentions
//!     .iter()
//!     .map(|m| (&text[m.span.start..m.span.end], m.entity.as_deref().unwrap(), m.kind))
//!     .collect();
//! assert_eq!(found, [
//!     ("russische", "russia", EntityType::Norp),
//!     ("Wladimir Putin", "vladimir_putin", EntityType::Per),
//!     ("Putins", "vladimir_putin", EntityType::Per),
//!     ("Russlands", "russia", EntityType::Gpe),
//! ]);
//! ```
//!
//! The words the matcher reads — stop words, glue words, compound heads,
//! organisation nouns, given names, inflection endings, street words — are
//! the lists `gazetteer/*` of a language profile ([`Profile`], German
//! embedded; files and sources in `docs/DATA.md`). [`GazetteerBuilder`]
//! builds with another profile; a missing or malformed list is an error at
//! build time, never while matching.
//!
//! Large gazetteers can be compiled once and loaded fast:
//! [`Gazetteer::save_compiled`] writes a versioned binary file that
//! [`Gazetteer::load`] recognises (format in `docs/FORMATS.md`).
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the result types.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

mod build;
mod builder;
mod checks;
mod compiled;
mod discover;
mod entity;
mod error;
mod format;
mod matcher;
mod persons;
mod places;
mod resolution;
mod resolve;
mod search;
mod trie;
mod variants;
mod words;

pub use crate::entity::{Entity, EntityType, Role};
pub use crate::error::{CompiledError, Error, Problem};

/// Whether `bytes` start with the magic header of a compiled gazetteer
/// (written by [`Gazetteer::save_compiled`]).
///
/// ```
/// let g = wortlaut_gazetteer::Gazetteer::from_tsv("x\tGPE\tXland\n").unwrap();
/// let mut bytes = Vec::new();
/// g.save_compiled(&mut bytes).unwrap();
/// assert!(wortlaut_gazetteer::is_compiled(&bytes));
/// assert!(!wortlaut_gazetteer::is_compiled(b"x\tGPE\tXland\n"));
/// ```
pub fn is_compiled(bytes: &[u8]) -> bool {
    compiled::is_compiled(bytes)
}
pub use crate::builder::GazetteerBuilder;
pub use crate::format::{check_tsv, parse_tsv};
pub use crate::matcher::{Gazetteer, Mention};
pub use crate::resolve::Resolver;
pub use crate::variants::Form;
pub use wortlaut_text::{Described, EntityMention, Profile};

#[cfg(test)]
mod tests;
