//! **wortlaut**: who is mentioned, who said what, about whom, and with what
//! stance — fast, exact NLP for German news.
//!
//! This facade composes the stage crates into one [`Pipeline`]: build it once,
//! share it between threads, and call [`Pipeline::analyze`] for one document
//! or [`Pipeline::analyze_batch`] for many (in parallel with rayon, results
//! in input order); streams of identified documents go through a [`Batch`]
//! ([`Pipeline::analyze_documents`]), which bounds memory. Every span in an
//! [`Analysis`] refers to the **original** input, whatever the normaliser
//! changed.
//!
//! ```
//! use wortlaut::{OffsetUnit, Pipeline};
//!
//! let pipeline = Pipeline::new();
//! let text = "„Wir kommen“, sagte Dr.\u{a0}Müller. Die PrÃ¤sidentin schwieg.";
//! let analysis = pipeline.analyze(text);
//! let sentences: Vec<&str> = analysis.sentences.iter().map(|s| &text[s.start..s.end]).collect();
//! assert_eq!(sentences, ["„Wir kommen“, sagte Dr.\u{a0}Müller.", "Die PrÃ¤sidentin schwieg."]);
//! assert_eq!(analysis.repairs.len(), 2); // the no-break space and the mojibake
//!
//! // Offsets for Python users: code points instead of bytes.
//! let chars = analysis.clone().into_unit(text, OffsetUnit::Chars);
//! assert_eq!(chars.sentences[1].start, text[..analysis.sentences[1].start].chars().count());
//! ```
//!
//! The stage crates are re-exported: [`normalize`], [`segment`],
//! [`gazetteer`], [`quotes`], [`sentiment`].

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

mod batch;
mod names;
mod offsets;
mod record;

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use wortlaut_gazetteer as gazetteer;
pub use wortlaut_normalize as normalize;
pub use wortlaut_quotes as quotes;
pub use wortlaut_segment as segment;
pub use wortlaut_sentiment as sentiment;

pub use crate::batch::{Analysed, Batch, Document, Outcome};
use crate::names::Names;
pub use crate::offsets::OffsetUnit;
pub use crate::record::{Include, Meta};
pub use wortlaut_gazetteer::{EntityType, Form, Gazetteer, Resolver};
pub use wortlaut_normalize::{Normalizer, Repair, RepairKind, Span};
pub use wortlaut_quotes::{
    Example, Medium, ModelError, QuoteKind, Quoter, SpeakerModel, TrainSettings,
};
pub use wortlaut_segment::{Segmenter, TokenKind};
pub use wortlaut_sentiment::{Label, Lexicon, Polarity, StanceCell, Tagger};
pub use wortlaut_text::CharIndex;
pub use wortlaut_text::{Coord, Norm, NormSpan, Orig, OrigSpan};
pub use wortlaut_text::{Described, Doc, EntityMention};

/// Errors of the facade.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The gazetteer could not be loaded.
    #[error(transparent)]
    Gazetteer(#[from] wortlaut_gazetteer::Error),
    /// A JSON document could not be parsed or written.
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The quoter could not be built.
    #[error(transparent)]
    Quotes(#[from] wortlaut_quotes::Error),
}

/// A quote the rules found, with the candidates for its speaker
/// ([`Pipeline::speaker_choices`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteChoices {
    /// What was said (byte spans of the original text).
    pub quote: Vec<OrigSpan>,
    /// The kind the rules gave it.
    pub kind: QuoteKind,
    /// First "no speaker in the text", then the rules' choice if any, then
    /// the phrases nearest to the quote.
    pub candidates: Vec<SpeakerChoice>,
}

/// One possible speaker of a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerChoice {
    /// The phrase (bytes of the original text), or `None` for "no speaker
    /// in the text".
    pub speaker: Option<OrigSpan>,
    /// The features a speaker model scores.
    pub features: Vec<String>,
}

/// Builds a [`Pipeline`].
#[derive(Clone, Debug, Default)]
pub struct PipelineBuilder {
    normalizer: Normalizer,
    segmenter: Option<Segmenter>,
    gazetteer: GazetteerChoice,
    keep_normalized: bool,
    no_quotes: bool,
    tagger: Option<Tagger>,
    no_sentiment: bool,
    include: Include,
    no_discovery: bool,
    speaker_model: Option<wortlaut_quotes::SpeakerModel>,
}

#[derive(Clone, Debug, Default)]
enum GazetteerChoice {
    /// The embedded default ([`Gazetteer::german`]).
    #[default]
    Default,
    Custom(Gazetteer),
    Off,
}

impl PipelineBuilder {
    /// Uses this normaliser configuration.
    pub fn normalizer(&mut self, normalizer: Normalizer) -> &mut PipelineBuilder {
        self.normalizer = normalizer;
        self
    }

    /// Uses this segmenter.
    pub fn segmenter(&mut self, segmenter: Segmenter) -> &mut PipelineBuilder {
        self.segmenter = Some(segmenter);
        self
    }

    /// Matches this gazetteer's entities instead of the embedded default
    /// ([`Gazetteer::german`]).
    pub fn gazetteer(&mut self, gazetteer: Gazetteer) -> &mut PipelineBuilder {
        self.gazetteer = GazetteerChoice::Custom(gazetteer);
        self
    }

    /// Matches no entities (mentions stay empty).
    pub fn no_gazetteer(&mut self) -> &mut PipelineBuilder {
        self.gazetteer = GazetteerChoice::Off;
        self
    }

    /// Whether names the gazetteer does not list are found by pattern and
    /// context (default: yes): people ("Carl Thayer", "Präsident
    /// Cleveland"), organisations ("Hays AG", "IKB") and places ("in
    /// Hatfield"), with ids `person:…`, `org:…`, `place:…` and
    /// [`MentionRecord::discovered`] set
    /// ([`Gazetteer::with_discovery`]).
    pub fn discovery(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.no_discovery = !yes;
        self
    }

    /// Lets a trained speaker model choose the speaker of each quote among
    /// the candidates of [`Pipeline::speaker_choices`] (default: the rules
    /// choose). Train one with `wortlaut train quotes`; read it with
    /// [`SpeakerModel::load`](wortlaut_quotes::SpeakerModel::load).
    pub fn speaker_model(&mut self, model: wortlaut_quotes::SpeakerModel) -> &mut PipelineBuilder {
        self.speaker_model = Some(model);
        self
    }

    /// Keeps the normalised text in every [`Analysis`] (default: off).
    pub fn keep_normalized(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.keep_normalized = yes;
        self
    }

    /// Whether every [`Analysis`] lists its word tokens (default: yes).
    /// Without them [`Analysis::tokens`] stays empty and is not serialised.
    pub fn tokens(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.include.tokens = yes;
        self
    }

    /// Whether every [`Analysis`] lists its sentences and their polarity
    /// (default: yes). Without them [`Analysis::sentences`] and
    /// [`SentimentRecord::sentences`] stay empty and are not serialised.
    pub fn sentences(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.include.sentences = yes;
        self
    }

    /// Whether every [`Analysis`] lists its entity mentions (default: yes).
    /// Without them [`Analysis::mentions`] stays empty and is not
    /// serialised; the gazetteer still finds them for the speakers and the
    /// stance.
    pub fn mentions(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.include.mentions = yes;
        self
    }

    /// Whether every [`Analysis`] lists its quotations (default: yes).
    /// Without them [`Analysis::quotes`] stays empty and is not serialised;
    /// they are still extracted for the stance unless
    /// [`PipelineBuilder::no_quotes`].
    pub fn quotes(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.include.quotes = yes;
        self
    }

    /// Leaves out quotation extraction (`quotes` stays empty).
    pub fn no_quotes(&mut self) -> &mut PipelineBuilder {
        self.no_quotes = true;
        self
    }

    /// Tags polarity with this tagger (e.g. one with a user lexicon,
    /// [`Tagger::builder`]) instead of [`Tagger::german`].
    pub fn tagger(&mut self, tagger: Tagger) -> &mut PipelineBuilder {
        self.tagger = Some(tagger);
        self.no_sentiment = false;
        self
    }

    /// Leaves out sentiment and stance (`sentiment` is `None`, `stance`
    /// empty, quotes carry no polarity).
    pub fn no_sentiment(&mut self) -> &mut PipelineBuilder {
        self.no_sentiment = true;
        self
    }

    /// Builds the pipeline. Fails only if the embedded gazetteer cannot be
    /// loaded or the quoter built (which the tests rule out for a released
    /// build).
    pub fn build(&self) -> Result<Pipeline, Error> {
        let gazetteer = match &self.gazetteer {
            GazetteerChoice::Default => Some(Gazetteer::german()?),
            GazetteerChoice::Custom(g) => Some(g.clone()),
            GazetteerChoice::Off => None,
        };
        let gazetteer = gazetteer.map(|g| g.with_discovery(!self.no_discovery));
        Ok(Pipeline {
            inner: Arc::new(Inner {
                resolver: gazetteer.as_ref().map(Resolver::new),
                normalizer: self.normalizer.clone(),
                segmenter: self.segmenter.clone().unwrap_or_default(),
                keep_normalized: self.keep_normalized,
                include: self.include,
                quoter: match (&self.speaker_model, self.no_quotes) {
                    (_, true) => None,
                    (None, false) => Some(Quoter::german()),
                    (Some(m), false) => Some(Quoter::builder().speaker_model(m.clone()).build()?),
                },
                tagger: (!self.no_sentiment)
                    .then(|| self.tagger.clone().unwrap_or_else(Tagger::german)),
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    normalizer: Normalizer,
    segmenter: Segmenter,
    keep_normalized: bool,
    include: Include,
    quoter: Option<Quoter>,
    tagger: Option<Tagger>,
    /// The gazetteer, with the resolver of its mentions (acting entity,
    /// affiliation, descriptions such as "des russischen Präsidenten").
    resolver: Option<Resolver>,
}

/// The analysis pipeline: normalise, segment (and, as the stage crates land,
/// match entities, extract quotes, tag sentiment).
///
/// Immutable once built; cloning is cheap (an `Arc`); `Send + Sync`, so one
/// pipeline serves all threads.
#[derive(Clone, Debug)]
pub struct Pipeline {
    inner: Arc<Inner>,
}

impl Default for Pipeline {
    fn default() -> Pipeline {
        Pipeline::new()
    }
}

/// An entity mention in an [`Analysis`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// Span of the original input, in [`Analysis::offsets`] units.
    #[serde(flatten)]
    pub span: OrigSpan,
    /// The mention as written in the original input.
    pub text: String,
    /// The entity id; `null` when ambiguous in this document.
    pub entity: Option<String>,
    /// The entity's display name: the gazetteer's canonical name, or for a
    /// person found by pattern (`person:…`) the first full mention as
    /// written; `null` without an entity.
    #[serde(default)]
    pub name: Option<String>,
    /// The entity's Wikidata QID, where the gazetteer lists one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    /// The mention type (NORP for country adjectives and inhabitant nouns).
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// How the surface relates to the entity (name, genitive, …).
    pub form: Form,
    /// Whether the name was discovered (found by pattern and context, with
    /// an id `person:…`, `org:…` or `place:…`) rather than listed in the
    /// gazetteer. Serialised only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discovered: bool,
}

/// A quotation in an [`Analysis`]: what was said, by whom, how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Direct, Indirect, FreeIndirect, IndirectFreeIndirect or Reported.
    #[serde(rename = "type")]
    pub kind: QuoteKind,
    /// Speech, thought, writing or a mix (`"ST"`, `"SW"`, `"TW"`).
    pub medium: Medium,
    /// The quotation as written in the original input (its spans joined
    /// with " … ").
    pub text: String,
    /// The quotation's spans (several when a frame interrupts it).
    pub quote: Vec<OrigSpan>,
    /// The speaker as written ("Der Sprecher", "er"); empty if unknown.
    pub speaker: Vec<OrigSpan>,
    /// The speaker's spans as written, joined with " … "; empty if unknown.
    #[serde(default)]
    pub speaker_text: String,
    /// The entity the speaker refers to, when one of the mentions fits (a
    /// capital is given as the state it speaks for).
    pub speaker_entity: Option<String>,
    /// The display name of [`QuoteRecord::speaker_entity`].
    #[serde(default)]
    pub speaker_name: Option<String>,
    /// The Wikidata QID of [`QuoteRecord::speaker_entity`], where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_qid: Option<String>,
    /// The cue words ("sagte", "teilte" + "mit", "laut").
    pub cue: Vec<OrigSpan>,
    /// The cue words as written, joined with " … ".
    #[serde(default)]
    pub cue_text: String,
    /// The introducing clause or phrase.
    pub frame: Vec<OrigSpan>,
    /// To whom it was said ("gegenüber AFP" gives "AFP").
    pub addressee: Vec<OrigSpan>,
    /// The addressee as written, joined with " … "; empty if none.
    #[serde(default)]
    pub addressee_text: String,
    /// The entity of the first mention inside the addressee, if any.
    #[serde(default)]
    pub addressee_entity: Option<String>,
    /// The display name of [`QuoteRecord::addressee_entity`].
    #[serde(default)]
    pub addressee_name: Option<String>,
    /// The Wikidata QID of [`QuoteRecord::addressee_entity`], where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee_qid: Option<String>,
    /// A quoted fragment inside another quote.
    pub nested: bool,
    /// Polarity of what was said (`None` without the sentiment stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
}

impl QuoteRecord {
    fn spans_mut(&mut self) -> impl Iterator<Item = &mut OrigSpan> {
        self.quote
            .iter_mut()
            .chain(self.speaker.iter_mut())
            .chain(self.cue.iter_mut())
            .chain(self.frame.iter_mut())
            .chain(self.addressee.iter_mut())
    }
}

/// Polarity of a document in an [`Analysis`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentimentRecord {
    /// Polarity of the whole document.
    pub document: Polarity,
    /// Polarity of each sentence, in the order of [`Analysis::sentences`]
    /// (empty, and not serialised, when the pipeline lists no sentences:
    /// [`PipelineBuilder::sentences`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<Polarity>,
    /// The polar words and how their context weighs them, in text order.
    pub evidence: Vec<EvidenceRecord>,
}

/// A polar word in an [`Analysis`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    /// Span of the original input.
    #[serde(flatten)]
    pub span: OrigSpan,
    /// The word as written.
    pub text: String,
    /// Prior polarity in the lexicon.
    pub prior: f32,
    /// Weight in context (negation, degree, shifters, clause).
    pub weight: f32,
    /// Whether a negator reaches it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// Whether a shifter governs it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shifted: bool,
}

/// A stance triple in an [`Analysis`]: `holder` evaluates `target`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceRecord {
    /// Entity id of the holder (a capital acting for its state is given as
    /// the state).
    pub holder: String,
    /// Display name of the holder.
    #[serde(default)]
    pub holder_name: Option<String>,
    /// Wikidata QID of the holder, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_qid: Option<String>,
    /// Entity id of the target.
    pub target: String,
    /// Display name of the target.
    #[serde(default)]
    pub target_name: Option<String>,
    /// Wikidata QID of the target, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_qid: Option<String>,
    /// Polarity (never neutral).
    pub polarity: Polarity,
    /// Where the holder is named, if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_span: Option<OrigSpan>,
    /// Where the target is named.
    pub target_spans: Vec<OrigSpan>,
    /// The polar words the polarity rests on.
    pub evidence: Vec<OrigSpan>,
    /// Index into [`Analysis::quotes`] of the quotation it comes from;
    /// `None` for an evaluative clause ("X kritisierte Y").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
}

impl StanceRecord {
    fn spans_mut(&mut self) -> impl Iterator<Item = &mut OrigSpan> {
        self.holder_span
            .iter_mut()
            .chain(self.target_spans.iter_mut())
            .chain(self.evidence.iter_mut())
    }
}

/// The result of analysing one document.
///
/// All spans are half-open ranges `[start, end)` into the **original** input,
/// in the unit named by [`Analysis::offsets`] (bytes unless converted with
/// [`Analysis::into_unit`]).
///
/// Serialised (serde), it is the document record of `wortlaut analyze`
/// (docs/FORMATS.md): `tokens` and `sentences` appear only when
/// [`Analysis::include`] says so, `meta` only when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The document id, if the caller gave one.
    pub id: Option<String>,
    /// The caller's metadata of the document (every field of a JSON Lines
    /// record other than `id` and `text`, unchanged), if any.
    pub meta: Option<Meta>,
    /// The unit of every offset in this analysis.
    pub offsets: OffsetUnit,
    /// Length of the original input, in [`Analysis::offsets`] units.
    pub length: usize,
    /// Which of the optional lists (tokens, sentences) this analysis
    /// holds and serialises ([`PipelineBuilder::tokens`],
    /// [`PipelineBuilder::sentences`]).
    pub include: Include,
    /// Sentences, in text order (empty unless [`Include::sentences`]).
    pub sentences: Vec<OrigSpan>,
    /// Word tokens, in text order (empty unless [`Include::tokens`]).
    pub tokens: Vec<OrigSpan>,
    /// Entity mentions found by the gazetteer, in text order.
    pub mentions: Vec<MentionRecord>,
    /// Quotations with their speakers, cues and frames, in text order.
    pub quotes: Vec<QuoteRecord>,
    /// Polarity of the document, of each sentence and the evidence words
    /// (`None` without the sentiment stage).
    pub sentiment: Option<SentimentRecord>,
    /// Stance triples holder → target → polarity, in text order.
    pub stance: Vec<StanceRecord>,
    /// What the normaliser repaired or flagged, in text order.
    pub repairs: Vec<Repair>,
    /// The normalised text, if the pipeline keeps it.
    pub normalized: Option<String>,
}

impl Analysis {
    /// Converts every offset to `unit`. `text` must be the original input
    /// this analysis was made from.
    pub fn into_unit(mut self, text: &str, unit: OffsetUnit) -> Analysis {
        if unit == self.offsets {
            return self;
        }
        let ix = CharIndex::new(text);
        let to = |p: usize| match unit {
            OffsetUnit::Chars => ix.char_of(p),
            OffsetUnit::Bytes => ix.byte_of(p),
        };
        let map = |s: &mut OrigSpan| *s = Span::new(to(s.start), to(s.end));
        self.sentences.iter_mut().for_each(map);
        self.tokens.iter_mut().for_each(map);
        self.mentions.iter_mut().for_each(|m| map(&mut m.span));
        self.repairs.iter_mut().for_each(|r| map(&mut r.span));
        self.quotes
            .iter_mut()
            .for_each(|q| q.spans_mut().for_each(map));
        self.stance
            .iter_mut()
            .for_each(|s| s.spans_mut().for_each(map));
        if let Some(s) = &mut self.sentiment {
            s.evidence.iter_mut().for_each(|e| map(&mut e.span));
        }
        self.length = match unit {
            OffsetUnit::Chars => ix.len_chars(),
            OffsetUnit::Bytes => text.len(),
        };
        self.offsets = unit;
        self
    }

    /// Sets the document id.
    pub fn with_id(mut self, id: impl Into<String>) -> Analysis {
        self.id = Some(id.into());
        self
    }

    /// Sets the document's metadata ([`Analysis::meta`]).
    pub fn with_meta(mut self, meta: Option<Meta>) -> Analysis {
        self.meta = meta;
        self
    }
}

impl Pipeline {
    /// A pipeline with the embedded German defaults (normaliser, segmenter,
    /// default gazetteer).
    ///
    /// The embedded defaults are tested to load; use
    /// [`Pipeline::builder`] and [`PipelineBuilder::build`] to handle the
    /// error instead.
    pub fn new() -> Pipeline {
        PipelineBuilder::default()
            .build()
            .expect("the embedded gazetteer loads (tested by every build)")
    }

    /// A builder for a configured pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The normaliser this pipeline uses.
    pub fn normalizer(&self) -> &Normalizer {
        &self.inner.normalizer
    }

    /// The segmenter this pipeline uses.
    pub fn segmenter(&self) -> &Segmenter {
        &self.inner.segmenter
    }

    /// The gazetteer's mentions in a normalised text (none without a
    /// gazetteer).
    fn mentions_in(
        &self,
        normalized: &wortlaut_normalize::Normalized,
    ) -> Vec<wortlaut_gazetteer::Mention> {
        match &self.inner.resolver {
            Some(r) => r.gazetteer().find(normalized),
            None => Vec::new(),
        }
    }

    /// The document the quotation and sentiment stages read: the normalised
    /// text, its segmentation and the resolved mentions `found` in it.
    fn stage_doc<'n>(
        &self,
        normalized: &'n wortlaut_normalize::Normalized,
        seg: wortlaut_segment::Segmentation,
        found: &[wortlaut_gazetteer::Mention],
    ) -> Doc<'n> {
        let mut doc = Doc::new(normalized.text(), seg);
        if let Some(r) = &self.inner.resolver {
            doc.set_mentions(r.resolve(normalized, found));
        }
        doc
    }

    /// The quotes of a document as the rules find them, each with the
    /// candidates for its speaker and their features (byte spans of
    /// `text`): what `wortlaut train quotes` learns from
    /// ([`Quoter::speaker_candidates`]). Empty when quotes are off.
    pub fn speaker_choices(&self, text: &str) -> Vec<QuoteChoices> {
        let inner = &*self.inner;
        let Some(quoter) = &inner.quoter else {
            return Vec::new();
        };
        let normalized = inner.normalizer.normalize(text);
        let found = self.mentions_in(&normalized);
        let doc = self.stage_doc(
            &normalized,
            inner.segmenter.segment(normalized.text()),
            &found,
        );
        quoter
            .speaker_candidates(&doc)
            .into_iter()
            .map(|q| QuoteChoices {
                quote: q.quote.iter().map(|&s| normalized.to_original(s)).collect(),
                kind: q.kind,
                candidates: q
                    .candidates
                    .into_iter()
                    .map(|c| SpeakerChoice {
                        speaker: c.speaker.map(|s| normalized.to_original(s)),
                        features: c.features,
                    })
                    .collect(),
            })
            .collect()
    }

    /// Analyses one document. Never fails and never panics; linear in the
    /// length of `text`. Offsets are bytes of `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        let inner = &*self.inner;
        let include = inner.include;
        let normalized = inner.normalizer.normalize(text);
        // Only the stages something asked for run: entity mentions alone
        // need neither segmentation nor the resolver.
        let stages = inner.quoter.is_some() || inner.tagger.is_some();
        let seg = (stages || include.tokens || include.sentences)
            .then(|| inner.segmenter.segment(normalized.text()));
        // Every span below is mapped to the original once, here or in
        // `quotes_and_stance`; the stages see only normalised spans.
        let sentences = match &seg {
            Some(seg) if include.sentences => {
                let mut mapper = normalized.alignment().source_mapper();
                seg.sentences
                    .iter()
                    .map(|s| mapper.to_source(s.span))
                    .collect()
            }
            _ => Vec::new(),
        };
        let tokens = match &seg {
            Some(seg) if include.tokens => {
                let mut mapper = normalized.alignment().source_mapper();
                seg.tokens
                    .iter()
                    .map(|t| mapper.to_source(t.span))
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            _ => Vec::new(),
        };
        let found = self.mentions_in(&normalized);
        let names = Names::new(
            inner.resolver.as_ref().map(Resolver::gazetteer),
            text,
            &found,
        );
        let (mut quotes, sentiment, stance) = match seg {
            Some(seg) if stages => {
                let doc = self.stage_doc(&normalized, seg, &found);
                let found_quotes = match &inner.quoter {
                    Some(q) => q.extract_doc(&doc),
                    None => Vec::new(),
                };
                self.quotes_and_stance(text, &normalized, &doc, &names, found_quotes)
            }
            _ => (Vec::new(), None, Vec::new()),
        };
        if !include.quotes {
            quotes.clear();
        }
        let keep = inner.keep_normalized;
        let mentions = found
            .iter()
            .filter(|_| include.mentions)
            .map(|m| {
                let (name, qid) = names.of(m.entity.as_deref());
                MentionRecord {
                    text: text
                        .get(m.span.start..m.span.end)
                        .unwrap_or_default()
                        .to_string(),
                    span: m.span,
                    entity: m.entity.clone(),
                    name,
                    qid,
                    kind: m.kind,
                    form: m.form,
                    discovered: m.discovered,
                }
            })
            .collect();
        let (norm_text, _, mut repairs) = normalized.into_parts();
        let mut glued = false;
        for m in found.iter().filter(|m| m.glued) {
            glued = true;
            // Flagged over the whole glued word ("Putinunterzeichnete"):
            // the name and the word it runs into.
            // At most GLUED_WORD characters: a run of letters longer than
            // any word is not scanned again for every name glued into it.
            let rest = text.get(m.span.end..).unwrap_or_default();
            let run = rest
                .char_indices()
                .take(GLUED_WORD)
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or_else(
                    || {
                        rest.char_indices()
                            .nth(GLUED_WORD)
                            .map_or(rest.len(), |(i, _)| i)
                    },
                    |(i, _)| i,
                );
            repairs.push(Repair {
                kind: RepairKind::GluedName,
                span: OrigSpan::new(m.span.start, m.span.end + run),
                replacement: None,
            });
        }
        if glued {
            repairs.sort_by_key(|r| (r.span.start, r.span.end));
        }
        Analysis {
            id: None,
            meta: None,
            offsets: OffsetUnit::Bytes,
            length: text.len(),
            include,
            sentences,
            tokens,
            mentions,
            quotes,
            sentiment,
            stance,
            repairs,
            normalized: keep.then_some(norm_text),
        }
    }

    /// Analyses raw bytes: invalid UTF-8 is replaced by U+FFFD and reported as
    /// [`RepairKind::InvalidUtf8`]. Returns the decoded text, to which all
    /// offsets refer.
    pub fn analyze_bytes<'b>(&self, bytes: &'b [u8]) -> (Cow<'b, str>, Analysis) {
        let (text, invalid) = wortlaut_normalize::decode_utf8_lossy(bytes);
        let mut analysis = self.analyze(&text);
        if !invalid.is_empty() {
            analysis.repairs.extend(invalid);
            analysis.repairs.sort_by_key(|r| (r.span.start, r.span.end));
        }
        (text, analysis)
    }

    /// Analyses many documents in parallel (on the current rayon pool);
    /// results are in input order and identical to calling
    /// [`Pipeline::analyze`] on each.
    pub fn analyze_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Analysis> {
        texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
    }
}

/// Most characters of the word a glued name runs into that its repair
/// covers.
const GLUED_WORD: usize = 64;

impl Pipeline {
    /// The id an entity acts as (a capital for its state), if a gazetteer
    /// is used.
    fn acting<'a>(&'a self, id: &'a str) -> &'a str {
        match &self.inner.resolver {
            Some(r) => r.acting_id(id),
            None => id,
        }
    }

    /// Quote records (spans of the original `text`), sentiment and stance.
    fn quotes_and_stance(
        &self,
        text: &str,
        normalized: &wortlaut_normalize::Normalized,
        doc: &Doc<'_>,
        names: &Names<'_>,
        found: Vec<wortlaut_quotes::Quote>,
    ) -> (Vec<QuoteRecord>, Option<SentimentRecord>, Vec<StanceRecord>) {
        let to_source = |v: &[Span]| -> Vec<OrigSpan> {
            v.iter()
                .map(|&s| normalized.to_original(s))
                .filter(|s| !s.is_empty())
                .collect()
        };
        let joined = |v: &[OrigSpan]| -> String {
            v.iter()
                .map(|s| text.get(s.start..s.end).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" … ")
        };
        let tagger = self.inner.tagger.as_ref();
        let sentiment = tagger.map(|t| t.tag_doc(doc));
        let mut statements = Vec::new();
        let mut quotes = Vec::new();
        for q in &found {
            let quote = to_source(&q.quote);
            if quote.is_empty() {
                continue;
            }
            let polarity = tagger
                .zip(sentiment.as_ref())
                .map(|(t, s)| t.polarity_in(s, &q.quote));
            statements.push(wortlaut_sentiment::Statement {
                spans: q.quote.clone(),
                cue: q.cue.clone(),
                holder: q
                    .speaker_entity
                    .as_deref()
                    .map(|id| self.acting(id).to_string()),
                holder_spans: q.speaker.clone(),
                frame: q.frame.clone(),
                nested: q.nested,
            });
            // A capital speaks for its state ("Washington erklärte").
            let speaker_entity = q
                .speaker_entity
                .as_deref()
                .map(|id| self.acting(id).to_string());
            let (speaker_name, speaker_qid) = names.of(speaker_entity.as_deref());
            // The first mention of an entity inside the addressee
            // ("gegenüber der Nachrichtenagentur AFP").
            let addressee_entity = q
                .addressee
                .iter()
                .find_map(|a| {
                    // Mentions are in text order: look only at those that
                    // start inside the addressee.
                    let mentions = doc.mentions();
                    let from = mentions.partition_point(|m| m.span.start < a.start);
                    mentions[from..]
                        .iter()
                        .take_while(|m| m.span.start < a.end)
                        .find(|m| m.entity.is_some() && a.contains(m.span))
                })
                .and_then(|m| m.entity.as_deref())
                .map(|id| self.acting(id).to_string());
            let (addressee_name, addressee_qid) = names.of(addressee_entity.as_deref());
            let speaker = to_source(&q.speaker);
            let cue = to_source(&q.cue);
            let addressee = to_source(&q.addressee);
            quotes.push(QuoteRecord {
                kind: q.kind,
                medium: q.medium,
                text: joined(&quote),
                quote,
                speaker_text: joined(&speaker),
                speaker,
                speaker_entity,
                speaker_name,
                speaker_qid,
                cue_text: joined(&cue),
                cue,
                frame: to_source(&q.frame),
                addressee_text: joined(&addressee),
                addressee,
                addressee_entity,
                addressee_name,
                addressee_qid,
                nested: q.nested,
                polarity,
            });
        }
        let (Some(tagger), Some(sentiment)) = (tagger, sentiment) else {
            return (quotes, None, Vec::new());
        };
        let stance = tagger
            .stances(doc, &sentiment, &statements)
            .into_iter()
            .map(|s| StanceRecord {
                holder_name: names.name(&s.holder),
                holder_qid: names.qid(&s.holder),
                target_name: names.name(&s.target),
                target_qid: names.qid(&s.target),
                holder: s.holder,
                target: s.target,
                polarity: s.polarity,
                holder_span: s.holder_span.map(|h| normalized.to_original(h)),
                target_spans: to_source(&s.target_spans),
                evidence: to_source(&s.evidence),
                quote: s.statement,
            })
            .collect();
        let mut mapper = normalized.alignment().source_mapper();
        let evidence = sentiment
            .evidence
            .iter()
            .map(|e| {
                let span = mapper.to_source(e.span);
                EvidenceRecord {
                    span,
                    text: text
                        .get(span.start..span.end)
                        .unwrap_or_default()
                        .to_string(),
                    prior: e.prior,
                    weight: e.weight,
                    negated: e.negated,
                    shifted: e.shifted,
                }
            })
            .collect();
        let record = SentimentRecord {
            document: sentiment.document,
            sentences: if self.inner.include.sentences {
                sentiment.sentences.iter().map(|s| s.polarity).collect()
            } else {
                Vec::new()
            },
            evidence,
        };
        (quotes, Some(record), stance)
    }
}

/// Aggregates stance records (of one document or a corpus) into a holder ×
/// target matrix, most frequent cells first.
pub fn stance_matrix<'a>(stances: impl IntoIterator<Item = &'a StanceRecord>) -> Vec<StanceCell> {
    let triples: Vec<wortlaut_sentiment::Stance> = stances
        .into_iter()
        .map(|s| wortlaut_sentiment::Stance {
            holder: s.holder.clone(),
            target: s.target.clone(),
            polarity: s.polarity,
            // The matrix reads ids, polarity and the statement only.
            holder_span: None,
            target_spans: Vec::new(),
            evidence: Vec::new(),
            statement: s.quote,
        })
        .collect();
    wortlaut_sentiment::stance_matrix(&triples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync() {
        fn f<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        f::<Pipeline>();
        f::<Analysis>();
        f::<PipelineBuilder>();
    }

    #[test]
    fn spans_refer_to_original() {
        let text = "Nguyen Khac GiangAnalyst sagte:\r\n„Ja.“";
        let a = Pipeline::new().analyze(text);
        let toks: Vec<&str> = a.tokens.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            toks,
            ["Nguyen", "Khac", "Giang", "Analyst", "sagte", ":", "„", "Ja", ".", "“"]
        );
    }

    #[test]
    fn mentions_with_a_gazetteer() {
        let g = Gazetteer::from_tsv(
            "russia\tGPE\tRussland\t\tadjective=russisch\nvladimir_putin\tPER\tWladimir Putin\n",
        )
        .unwrap();
        let p = Pipeline::builder().gazetteer(g).build().unwrap();
        let text = "Der „russische“ Präsident Wladimir Putinunterzeichnete.";
        let a = p.analyze(text);
        let got: Vec<(&str, Option<&str>)> = a
            .mentions
            .iter()
            .map(|m| (m.text.as_str(), m.entity.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("russische", Some("russia")),
                ("Wladimir Putin", Some("vladimir_putin"))
            ]
        );
        assert!(a.repairs.iter().any(|r| r.kind == RepairKind::GluedName));
        let c = a.clone().into_unit(text, OffsetUnit::Chars);
        let chars: Vec<char> = text.chars().collect();
        for m in &c.mentions {
            assert_eq!(
                chars[m.span.start..m.span.end].iter().collect::<String>(),
                m.text
            );
        }
    }

    #[test]
    fn batch_keeps_order() {
        let p = Pipeline::new();
        let docs: Vec<String> = (0..50).map(|i| format!("Satz {i}. Noch einer.")).collect();
        let out = p.analyze_batch(&docs);
        for (d, a) in docs.iter().zip(&out) {
            assert_eq!(&p.analyze(d), a);
        }
    }

    #[test]
    fn char_offsets_round_trip() {
        let text = "Grüße aus Köln. Tô Lâm kam.";
        let a = Pipeline::new().analyze(text);
        let c = a.clone().into_unit(text, OffsetUnit::Chars);
        let chars: Vec<char> = text.chars().collect();
        for (b, c) in a.tokens.iter().zip(&c.tokens) {
            let s: String = chars[c.start..c.end].iter().collect();
            assert_eq!(s, &text[b.start..b.end]);
        }
        assert_eq!(c.into_unit(text, OffsetUnit::Bytes), a);
    }
}
