//! The base of wortlaut: what every stage shares.
//!
//! - [`Span`]: byte spans whose coordinate system is in the type —
//!   [`Span<Norm>`](Norm) (the normalised text every stage reads, the
//!   default), [`Span<Orig>`](Orig) (the original input the facade reports)
//!   and [`Span<Fold>`](Fold) (the folded matching view). Code points appear
//!   only when serialising, through [`CharIndex`].
//! - [`EntityMention`]: the one mention type the gazetteer writes and
//!   quotes and stance read, with its [`EntityType`] and what resolution
//!   found (acting entity, affiliation, the person a description names).
//! - [`Doc`]: one document as every stage reads it — the normalised text,
//!   tokens, sentences and entity mentions.
//! - [`Profile`]: every word list and table of a language, as data files in
//!   one format read by one loader ([`data`]). [`Profile::german`] is
//!   embedded.
//! - [`morph`]: inflection by rule (noun, adjective and verb forms of a
//!   lemma), its endings read from the profile.
//!
//! # Example
//!
//! ```
//! use wortlaut_text::{data, Profile, Span};
//!
//! let text = "Er sagte, er komme.";
//! let span: Span = Span::new(3, 8);
//! assert_eq!(&text[span], "sagte");
//!
//! let profile = Profile::from_lists("de", [("quotes/pronouns", "# Pronouns\ner\tp\nsie\tpo\n")]);
//! let pronouns: Vec<&str> = profile.list("quotes/pronouns").unwrap().words().collect();
//! assert_eq!(pronouns, ["er", "sie"]);
//! assert_eq!(data::words("# c\nja\n").collect::<Vec<_>>(), ["ja"]);
//! ```
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for spans (as
//!   `{"start", "end"}`).

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

pub mod data;
mod doc;
mod entity;
pub mod morph;
mod offsets;
mod profile;
mod span;

pub use crate::doc::{Doc, Segmentation, Sentence, Token, TokenKind};
pub use crate::entity::{Described, EntityMention, EntityType};
pub use crate::offsets::CharIndex;
pub use crate::profile::{List, Profile, ProfileError};
pub use crate::span::{Coord, Fold, Norm, NormSpan, Orig, OrigSpan, Span};

#[cfg(test)]
mod tests {
    #[test]
    fn public_types_are_send_sync() {
        fn f<T: Send + Sync>() {}
        f::<super::Profile>();
        f::<super::Span>();
        f::<super::Span<super::Orig>>();
        f::<super::Span<super::Fold>>();
        f::<super::ProfileError>();
        f::<super::Doc<'static>>();
        f::<super::EntityMention>();
        f::<super::EntityType>();
        f::<super::Described>();
        f::<super::CharIndex<'static>>();
        f::<super::Segmentation>();
        f::<super::morph::Morph>();
        f::<super::morph::Morph>();
        f::<super::morph::Pos>();
    }
}
