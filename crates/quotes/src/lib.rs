//! Quotation extraction and speaker attribution for German news.
//!
//! A [`Quoter`] finds who said what in a text, with the kinds of the German
//! Wikinews quotation scheme (Petersen-Frey & Biemann 2024):
//!
//! - **Direct** quotes between quotation marks, with their frame
//!   ("Kölns Präsident sagte:", ", sagte er gegenüber AFP") — also quotes
//!   re-opened at each new paragraph, unbalanced marks, and quoted fragments
//!   inside a reported statement (partial quotes, listed as nested);
//! - **Indirect** speech: a cue verb with a clause ("erklärte, dass …",
//!   "…, sagte er.", "teilte … mit, …"), a cue preposition ("laut der
//!   Polizei", "der Polizei zufolge", "nach Angaben von …", ", so der
//!   Sprecher,"), or a "wie"-frame ("wie die Polizei mitteilte");
//! - **IndirectFreeIndirect**: subjunctive sentences that continue a
//!   speaker's report without a frame of their own;
//! - **FreeIndirect**: reportative "soll"/"sollen" ("… soll geflohen sein");
//! - **Reported** speech acts: "Die Polizei sprach von einer friedlichen
//!   Demonstration.", "X hat Y Versagen vorgeworfen."
//!
//! Every quote carries its roles as lists of spans (cue, frame, speaker,
//! addressee — several spans for "teilte … mit" or an interrupted quote), a
//! [`Medium`], and, when mentions are given, the entity of its speaker
//! (names, pronouns resolved to the last fitting person, descriptions such
//! as "ein Sprecher des Ministeriums" to the organisation they name).
//!
//! Every word the rules know — cue verbs, cue words, subjunctive forms,
//! function words, office nouns, pronouns — comes from a language
//! [`Profile`] (the lists `quotes/*` of `wortlaut-text`); [`Quoter::german`]
//! uses the embedded German one, [`Quoter::new`] or [`QuoterBuilder`] any
//! other, and a bad list is an [`Error`] that names its line.
//!
//! ```
//! use wortlaut_quotes::{QuoteKind, Quoter};
//!
//! let text = "„Wir befürchten das Schlimmste“, sagte er. \
//!             Die Regierung teilte mit, sie werde die Hilfe verdoppeln.";
//! let quotes = Quoter::german().extract(text);
//! let found: Vec<(QuoteKind, &str, &str)> = quotes
//!     .iter()
//!     .map(|q| (q.kind, &text[q.quote[0]], &text[q.speaker[0]]))
//!     .collect();
//! assert_eq!(found, [
//!     (QuoteKind::Direct, "„Wir befürchten das Schlimmste“", "er"),
//!     (QuoteKind::Indirect, "sie werde die Hilfe verdoppeln", "Die Regierung"),
//! ]);
//! ```
//!
//! Time is linear in the length of the text; any input is accepted (stray
//! or unbalanced quotation marks are recovered, never an error).

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

mod doc;
mod inflect;
mod keys;
mod lexicon;
mod model;
mod passes;

use std::sync::Arc;

pub use wortlaut_normalize::Span;
use wortlaut_segment::Segmenter;
pub use wortlaut_text::{Profile, ProfileError};

use crate::lexicon::Lexicon;
pub use crate::model::{
    Example, ModelError, SpeakerModel, TrainSettings, FEATURE_SET, MODEL_VERSION,
};

/// The kind of a quotation, as in the German Wikinews scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum QuoteKind {
    /// Between quotation marks.
    Direct,
    /// A reported clause with a frame ("sagte, dass …").
    Indirect,
    /// The speaker's view without a frame ("… soll geflohen sein").
    FreeIndirect,
    /// Subjunctive statements continuing a report without their own frame.
    IndirectFreeIndirect,
    /// A summary of a speech act ("forderte eine Überprüfung").
    Reported,
}

impl QuoteKind {
    /// The name used by the Wikinews dataset ("Direct", "Indirect", …).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "Direct",
            QuoteKind::Indirect => "Indirect",
            QuoteKind::FreeIndirect => "FreeIndirect",
            QuoteKind::IndirectFreeIndirect => "IndirectFreeIndirect",
            QuoteKind::Reported => "Reported",
        }
    }
}

/// How a statement was made: speech, thought, writing, or a mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Medium {
    /// Spoken.
    Speech,
    /// Thought, believed.
    Thought,
    /// Written.
    Writing,
    /// Spoken or thought.
    #[cfg_attr(feature = "serde", serde(rename = "ST"))]
    SpeechThought,
    /// Spoken or written.
    #[cfg_attr(feature = "serde", serde(rename = "SW"))]
    SpeechWriting,
    /// Thought or written.
    #[cfg_attr(feature = "serde", serde(rename = "TW"))]
    ThoughtWriting,
}

impl Medium {
    /// The name used by the Wikinews dataset ("Speech", "SW", …).
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Speech => "Speech",
            Medium::Thought => "Thought",
            Medium::Writing => "Writing",
            Medium::SpeechThought => "ST",
            Medium::SpeechWriting => "SW",
            Medium::ThoughtWriting => "TW",
        }
    }

    /// The medium of a code of the cue lists: S, T, W, ST, SW or TW.
    fn from_code(s: &str) -> Option<Medium> {
        Some(match s {
            "S" => Medium::Speech,
            "T" => Medium::Thought,
            "W" => Medium::Writing,
            "ST" => Medium::SpeechThought,
            "SW" => Medium::SpeechWriting,
            "TW" => Medium::ThoughtWriting,
            _ => return None,
        })
    }
}

/// A quotation and its roles. All spans are byte spans of the text given to
/// the [`Quoter`], sorted by start.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Quote {
    /// The kind of quotation.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: QuoteKind,
    /// Speech, thought or writing.
    pub medium: Medium,
    /// What was said; several spans when a frame interrupts it. Direct quotes
    /// include their quotation marks.
    pub quote: Vec<Span>,
    /// Who said it, as written ("Der Staatsanwalt", "er"); empty if unknown.
    pub speaker: Vec<Span>,
    /// The cue words ("sagte", "teilte" + "mit", "laut", "zufolge").
    pub cue: Vec<Span>,
    /// The introducing clause or phrase, without the quote.
    pub frame: Vec<Span>,
    /// To whom ("gegenüber AFP" gives "AFP").
    pub addressee: Vec<Span>,
    /// The entity the speaker refers to, when mentions were given and one
    /// of them fits.
    pub speaker_entity: Option<String>,
    /// Whether the quote lies inside another one (a quoted fragment of a
    /// reported statement).
    pub nested: bool,
}

/// A quote as the rules find it, with the speaker candidates a
/// [`SpeakerModel`] chooses among ([`Quoter::speaker_candidates`]): the
/// training material of `wortlaut train quotes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteCandidates {
    /// What was said (byte spans, sorted).
    pub quote: Vec<Span>,
    /// The kind the rules gave it.
    pub kind: QuoteKind,
    /// The candidates: first "no speaker in the text" (`speaker: None`),
    /// then the rules' own choice if they made one, then the phrases
    /// nearest to the quote.
    pub candidates: Vec<SpeakerCandidate>,
}

/// One possible speaker of a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerCandidate {
    /// The phrase (a byte span), or `None` for "no speaker in the text".
    pub speaker: Option<Span>,
    /// The features a [`SpeakerModel`] scores (feature set
    /// [`FEATURE_SET`]).
    pub features: Vec<String>,
}

/// What an entity mention is, for speaker resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EntityKind {
    /// A person.
    Person,
    /// An organisation, institution or group.
    Organization,
    /// A place, country or region (a speaker as in "Washington erklärte").
    Place,
    /// Anything else (nationalities, events).
    Other,
}

/// The quoter's view of a [`wortlaut_text::EntityMention`]: its span, the
/// entity as listed and what kind of speaker it can be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EntityMention {
    pub(crate) span: Span,
    pub(crate) entity: Option<String>,
    pub(crate) kind: EntityKind,
}

impl EntityMention {
    fn view(m: &wortlaut_text::EntityMention) -> EntityMention {
        use wortlaut_text::EntityType;
        EntityMention {
            span: m.span,
            entity: m.entity.clone(),
            kind: match m.kind {
                EntityType::Per => EntityKind::Person,
                EntityType::Org => EntityKind::Organization,
                EntityType::Gpe | EntityType::Loc => EntityKind::Place,
                EntityType::Norp | EntityType::Event | EntityType::Misc => EntityKind::Other,
            },
        }
    }
}

/// Why a [`Quoter`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A list of the profile is missing, or one of its lines is wrong (the
    /// message names the list and the line).
    #[error("cannot build the quoter: {0}")]
    Profile(#[from] ProfileError),
}

/// Extracts quotations from German text.
///
/// Built once, shared by reference or cheap clone; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Quoter {
    lexicon: Arc<Lexicon>,
    segmenter: Segmenter,
    model: Option<Arc<SpeakerModel>>,
}

/// Builds a [`Quoter`] from a language profile and a segmenter.
///
/// ```
/// use wortlaut_quotes::{Profile, QuoterBuilder};
/// use wortlaut_segment::Segmenter;
///
/// let quoter = QuoterBuilder::new()
///     .profile(Profile::german())
///     .segmenter(Segmenter::german())
///     .build()?;
/// assert_eq!(quoter.extract("Die Lage sei ernst, sagte er.").len(), 1);
/// # Ok::<(), wortlaut_quotes::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct QuoterBuilder {
    profile: Option<Profile>,
    segmenter: Option<Segmenter>,
    model: Option<Arc<SpeakerModel>>,
}

impl QuoterBuilder {
    /// A builder with the German profile and segmenter.
    pub fn new() -> QuoterBuilder {
        QuoterBuilder::default()
    }

    /// The language profile whose `quotes/*` lists the rules read (default:
    /// [`Profile::german`]).
    pub fn profile(&mut self, profile: &Profile) -> &mut QuoterBuilder {
        self.profile = Some(profile.clone());
        self
    }

    /// The segmenter [`Quoter::extract`] uses (default:
    /// [`Segmenter::german`]).
    pub fn segmenter(&mut self, segmenter: Segmenter) -> &mut QuoterBuilder {
        self.segmenter = Some(segmenter);
        self
    }

    /// Lets a trained [`SpeakerModel`] choose each quote's speaker among
    /// the candidates of [`Quoter::speaker_candidates`] (default: the
    /// rules choose). Train one with `wortlaut train quotes`.
    pub fn speaker_model(&mut self, model: SpeakerModel) -> &mut QuoterBuilder {
        self.model = Some(Arc::new(model));
        self
    }

    /// The quoter, or an error naming the list and line of the profile that
    /// is missing or wrong.
    pub fn build(&self) -> Result<Quoter, Error> {
        let lexicon = match &self.profile {
            Some(p) => Arc::new(Lexicon::new(p)?),
            None => german_lexicon()?,
        };
        Ok(Quoter {
            lexicon,
            segmenter: self.segmenter.clone().unwrap_or_else(Segmenter::german),
            model: self.model.clone(),
        })
    }
}

/// The lexicon of the embedded German profile, read once.
fn german_lexicon() -> Result<Arc<Lexicon>, Error> {
    use std::sync::OnceLock;
    static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
    if let Some(lx) = LEXICON.get() {
        return Ok(lx.clone());
    }
    let lx = Arc::new(Lexicon::new(Profile::german())?);
    Ok(LEXICON.get_or_init(|| lx).clone())
}

impl Default for Quoter {
    fn default() -> Quoter {
        Quoter::german()
    }
}

impl Quoter {
    /// The quoter for German with the embedded profile
    /// ([`Profile::german`]) and the German segmenter.
    ///
    /// # Panics
    ///
    /// Never with the lists shipped in the crate (a test builds them); use
    /// [`QuoterBuilder`] for a profile that may be wrong.
    pub fn german() -> Quoter {
        QuoterBuilder::new().build().expect(
            "the embedded German profile builds: the test `german_profile_builds` checks it",
        )
    }

    /// The quoter for `profile` with the German segmenter, or an error
    /// naming the list and line that is missing or wrong.
    pub fn new(profile: &Profile) -> Result<Quoter, Error> {
        QuoterBuilder::new().profile(profile).build()
    }

    /// A builder for a quoter with another profile or segmenter.
    pub fn builder() -> QuoterBuilder {
        QuoterBuilder::new()
    }

    /// Quotes in a text (segmented with the German [`Segmenter`]), without
    /// speaker entities. For text from the web, normalise it first
    /// (`wortlaut-normalize`): quotation marks are then canonical.
    pub fn extract(&self, text: &str) -> Vec<Quote> {
        let doc = wortlaut_text::Doc::new(text, self.segmenter.segment(text));
        self.extract_doc(&doc)
    }

    /// Quotes in a document, with speakers resolved against its entity
    /// mentions. Quotes are in text order.
    pub fn extract_doc(&self, doc: &wortlaut_text::Doc<'_>) -> Vec<Quote> {
        let view = doc::Doc::new(doc.text(), doc.segmentation());
        let mentions: Vec<EntityMention> = doc.mentions().iter().map(EntityMention::view).collect();
        passes::extract(&self.lexicon, &view, &mentions, self.model.as_deref())
    }

    /// The quotes of a document as the rules find them (before any model
    /// chooses), each with its speaker candidates and their features:
    /// what a [`SpeakerModel`] is trained on. Nested quotes (quoted
    /// fragments of a statement) are left out: they take their statement's
    /// speaker.
    ///
    /// ```
    /// use wortlaut_quotes::Quoter;
    ///
    /// let text = "Der Minister trat vor die Presse. „Wir helfen“, sagte er.";
    /// let doc = wortlaut_text::Doc::new(text, wortlaut_segment::Segmenter::german().segment(text));
    /// let found = Quoter::german().speaker_candidates(&doc);
    /// let first = &found[0];
    /// assert_eq!(first.candidates[0].speaker, None); // "no speaker"
    /// let phrases: Vec<&str> = first.candidates[1..]
    ///     .iter()
    ///     .filter_map(|c| c.speaker.map(|s| &text[s]))
    ///     .collect();
    /// assert_eq!(phrases[0], "er"); // the rules' choice comes first
    /// assert!(phrases.contains(&"Der Minister"));
    /// ```
    pub fn speaker_candidates(&self, doc: &wortlaut_text::Doc<'_>) -> Vec<QuoteCandidates> {
        let view = doc::Doc::new(doc.text(), doc.segmentation());
        let mentions: Vec<EntityMention> = doc.mentions().iter().map(EntityMention::view).collect();
        passes::candidates(&self.lexicon, &view, &mentions)
    }
}

#[cfg(test)]
mod tests;
