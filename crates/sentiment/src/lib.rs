//! Polarity of German sentences, quotations and documents, and stance
//! triples: who evaluates whom, positively or negatively.
//!
//! The [`Tagger`] looks every word up in a polarity lexicon (the embedded
//! German default, or a user lexicon such as SentiWS given with
//! [`Lexicon::load`]) and weighs it in context:
//!
//! - **negation** with German scope: "nicht gut", "keine Hilfe", "ohne
//!   Erfolg", and the post-verbal "nicht" ("Moskau unterstützt den Plan
//!   nicht");
//! - **degree**: intensifiers ("äußerst besorgniserregend", "zutiefst
//!   besorgt") and diminishers ("etwas enttäuscht");
//! - **shifters** ("Abbau von Bürokratie", "Verzicht auf Gewalt", "Sorgen
//!   zerstreuen") flip the word they govern;
//! - **clause context**: after "aber"/"jedoch" words weigh more, before
//!   less; concessive ("obwohl") and conditional ("wenn", "würde") clauses
//!   and questions are dampened.
//!
//! Each polar word becomes [`Evidence`] with its span; sentences, documents
//! and any set of spans (a quotation) get a [`Polarity`]: a score in
//! `(-1, 1)`, `(P − N) / (P + N + 1)` over the evidence weights, and a label
//! with a neutral band. The document score adds a length term to the
//! denominator, `(P − N) / (P + N + 1 + c·T)` for `T` word tokens (see
//! [`LENGTH_DAMPING`]).
//!
//! [`Tagger::stances`] turns statements (quotations with their speaker
//! entity, from `wortlaut-quotes`) and evaluative clauses ("Washington
//! wirft Nordkorea vor …", "Kim lobte Putin") into [`Stance`] triples
//! holder → target → polarity, and [`stance_matrix`] aggregates them.
//!
//! ```
//! use wortlaut_sentiment::{Label, Tagger};
//!
//! let tagger = Tagger::german();
//! let s = tagger.tag("Der Plan ist nicht gut. Das ist äußerst besorgniserregend.");
//! assert_eq!(s.sentences[0].polarity.label, Label::Negative);
//! assert!(s.evidence[0].negated);
//! assert!(s.sentences[1].polarity.score < s.sentences[0].polarity.score);
//! assert_eq!(s.document.label, Label::Negative);
//! ```
//!
//! Spans are byte spans of the text given to the tagger. For web text,
//! normalise it first (`wortlaut-normalize`); the `wortlaut` facade does
//! this and maps every span back to the original input.

#![warn(missing_docs)]

mod error;
mod lexicon;
mod polarity;
mod stance;

use std::sync::{Arc, OnceLock};

pub use wortlaut_normalize::Span;
use wortlaut_segment::Segmenter;

pub use crate::error::LexiconError;
use crate::lexicon::Index;
pub use crate::lexicon::{Lexicon, WordClass};

/// The default half-width of the neutral band of [`Polarity::label`].
///
/// Chosen together with [`NEGATIVITY`] and [`LENGTH_DAMPING`] by macro-F1 on
/// the even-numbered documents of the GermEval 2017 development set (the
/// odd-numbered ones held out), with `wortlaut eval sentiment`.
pub const NEUTRAL_BAND: f32 = 0.125;

/// The default weight of negative evidence relative to positive: people
/// use positive words more often and more loosely than negative ones
/// ("gut", "danke", a smiley in passing), so a negative word says more (the
/// "negativity bias" of lexicon-based sentiment analysis, as in Taboada et
/// al. 2011, SO-CAL, who weigh negative words by 1.5). Our value is higher
/// because the embedded lexicon has more positive entries whose everyday
/// use is weak or neutral; chosen as [`NEUTRAL_BAND`] is.
pub const NEGATIVITY: f32 = 3.5;

/// The default length damping of the document score, added to its
/// denominator once per word token: `(P − N) / (P + N + 1 + c·T)`.
///
/// Without it a long report that mentions a strike, a "gut" and a "Kritik"
/// in passing scores like a one-line complaint; with it the score measures
/// how densely a text evaluates. A tweet of 15 words with one clearly
/// negative word stays negative; a 200-word news text needs several.
/// Sentences and quotations are short and are not damped. Chosen as
/// [`NEUTRAL_BAND`] is.
pub const LENGTH_DAMPING: f32 = 0.4;

/// Positive, negative or neutral.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Label {
    /// Score above the neutral band.
    Positive,
    /// Score within the neutral band.
    Neutral,
    /// Score below the neutral band.
    Negative,
}

impl Label {
    /// `"positive"`, `"neutral"` or `"negative"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Neutral => "neutral",
            Label::Negative => "negative",
        }
    }
}

/// A polarity: a score in `(-1, 1)` and its label.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Polarity {
    /// `(P − N) / (P + N + 1)` over the weights of the evidence (negative
    /// weights already multiplied by the negativity factor); for a whole
    /// document `(P − N) / (P + N + 1 + c·T)`, with `T` its word tokens and
    /// `c` the length damping.
    pub score: f32,
    /// The label, with the tagger's neutral band.
    pub label: Label,
}

/// A polar word in context.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Evidence {
    /// The word's byte span.
    pub span: Span,
    /// Its prior polarity in the lexicon.
    pub prior: f32,
    /// Its weight here: prior × degree × negation × shift × context.
    pub weight: f32,
    /// Whether a negator reaches it.
    pub negated: bool,
    /// Whether a shifter governs it ("Abbau von …").
    pub shifted: bool,
    /// Product of intensifiers and diminishers (1 = none).
    pub degree: f32,
    /// Clause weight: contrast, concession, condition, question (1 = none).
    pub context: f32,
    /// Index of its sentence.
    pub sentence: usize,
    #[cfg_attr(feature = "serde", serde(skip))]
    clause: u32,
    /// Whether the word is an evaluative verb whose subject holds a stance
    /// ("kritisierte", "wirft … vor", "lobte").
    pub stance_verb: bool,
    /// Whether the word describes an event rather than evaluating ("Krieg",
    /// "Sanktionen"): it counts for polarity, not as evidence of a stance.
    pub descriptive: bool,
}

/// A sentence and its polarity.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SentenceSentiment {
    /// The sentence's byte span.
    pub span: Span,
    /// Its polarity.
    pub polarity: Polarity,
}

/// Polarity of a text: the document, each sentence, and the evidence.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sentiment {
    /// Polarity of the whole text.
    pub document: Polarity,
    /// Polarity of each sentence, in text order.
    pub sentences: Vec<SentenceSentiment>,
    /// Every polar word, in text order.
    pub evidence: Vec<Evidence>,
}

/// What kind of entity a [`Mention`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub(crate) enum MentionKind {
    /// A person.
    Person,
    /// An organisation or institution.
    Organization,
    /// A state, city or other polity.
    Place,
    /// A people or nationality ("russische", "Ukrainern") standing for its
    /// state.
    Group,
    /// Anything that is neither holder nor target (landscapes, events).
    Other,
}

/// The stance view of a [`wortlaut_text::EntityMention`]: its span, the id
/// it refers to in the end (the described person, else the entity as it
/// acts: a capital as its state), its kind and the entity it belongs to (a
/// person's country), which is never a target of its own members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    pub(crate) span: Span,
    pub(crate) entity: String,
    pub(crate) kind: MentionKind,
    pub(crate) affiliation: Option<String>,
}

impl Mention {
    /// `None` for a mention with no entity (ambiguous in its document).
    fn view(m: &wortlaut_text::EntityMention) -> Option<Mention> {
        use wortlaut_text::EntityType;
        let id = m.entity.as_deref()?;
        if let Some(d) = &m.described {
            return Some(Mention {
                span: m.span,
                entity: d.person.clone(),
                kind: MentionKind::Person,
                affiliation: Some(id.to_string()),
            });
        }
        Some(Mention {
            span: m.span,
            entity: m.acting_id()?.to_string(),
            kind: match m.kind {
                EntityType::Per => MentionKind::Person,
                EntityType::Org => MentionKind::Organization,
                EntityType::Gpe => MentionKind::Place,
                EntityType::Norp => MentionKind::Group,
                EntityType::Loc | EntityType::Event | EntityType::Misc => MentionKind::Other,
            },
            affiliation: m.affiliation.clone(),
        })
    }
}

/// A statement given to [`Tagger::stances`]: what was said (a quotation),
/// its cue words, who said it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statement {
    /// Spans of what was said.
    pub spans: Vec<Span>,
    /// Spans of the cue words ("sagte", "warf … vor").
    pub cue: Vec<Span>,
    /// The entity that said it, if resolved.
    pub holder: Option<String>,
    /// Where the speaker is named.
    pub holder_spans: Vec<Span>,
    /// The introducing clause ("Washington wirft Nordkorea vor"): when its
    /// cue is an evaluative verb, the entities it names are the targets.
    pub frame: Vec<Span>,
    /// A statement inside another one (a quoted fragment of a reported
    /// clause): its words count for the statement around it, so it yields no
    /// triples of its own.
    pub nested: bool,
}

/// A stance triple: `holder` evaluates `target` with `polarity`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Stance {
    /// The entity that holds the stance.
    pub holder: String,
    /// The entity evaluated.
    pub target: String,
    /// Polarity of the statement or clause (never neutral).
    pub polarity: Polarity,
    /// Where the holder is named, if it is.
    pub holder_span: Option<Span>,
    /// Where the target is named in the statement's scope.
    pub target_spans: Vec<Span>,
    /// The polar words the polarity rests on.
    pub evidence: Vec<Span>,
    /// Index of the statement it comes from; `None` for an evaluative clause.
    pub statement: Option<usize>,
}

/// One cell of a stance matrix: how `holder` evaluates `target` across
/// statements.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StanceCell {
    /// The holder.
    pub holder: String,
    /// The target.
    pub target: String,
    /// Number of triples.
    pub count: usize,
    /// How many are positive.
    pub positive: usize,
    /// How many are negative.
    pub negative: usize,
    /// Mean polarity score.
    pub mean: f32,
    /// Label of the mean, with the default neutral band.
    pub label: Label,
}

/// Aggregates stance triples (of one document or a whole corpus) into a
/// holder × target matrix, most frequent cells first.
///
/// ```
/// use wortlaut_sentiment::{stance_matrix, Label, Polarity, Stance};
/// let s = |score: f32| Stance {
///     holder: "a".into(), target: "b".into(),
///     polarity: Polarity { score, label: if score < 0.0 { Label::Negative } else { Label::Positive } },
///     holder_span: None, target_spans: vec![], evidence: vec![], statement: None,
/// };
/// let m = stance_matrix(&[s(-0.5), s(-0.3), s(0.4)]);
/// assert_eq!((m[0].count, m[0].negative, m[0].positive), (3, 2, 1));
/// ```
pub fn stance_matrix<'a>(stances: impl IntoIterator<Item = &'a Stance>) -> Vec<StanceCell> {
    stance::matrix(stances, NEUTRAL_BAND)
}

/// Tags polarity and stance. Built once (the default lexicon is compiled on
/// first use), cheap to clone, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Tagger {
    index: Arc<Index>,
    band: f32,
    negativity: f32,
    length: f32,
    segmenter: Segmenter,
}

impl Default for Tagger {
    fn default() -> Tagger {
        Tagger::german()
    }
}

impl Tagger {
    /// The German tagger with the embedded lexicon, modifiers and
    /// evaluative verbs.
    pub fn german() -> Tagger {
        static INDEX: OnceLock<Arc<Index>> = OnceLock::new();
        Tagger {
            index: INDEX
                .get_or_init(|| Arc::new(Index::new(&Lexicon::german())))
                .clone(),
            band: NEUTRAL_BAND,
            negativity: NEGATIVITY,
            length: LENGTH_DAMPING,
            segmenter: Segmenter::german(),
        }
    }

    /// A German tagger with another polarity lexicon (SentiWS, …) in place
    /// of the embedded one; negators, degree words, shifters and evaluative
    /// verbs stay.
    pub fn with_lexicon(lexicon: &Lexicon) -> Tagger {
        Tagger {
            index: Arc::new(Index::new(lexicon)),
            ..Tagger::german()
        }
    }

    /// Sets the half-width of the neutral band (default [`NEUTRAL_BAND`]):
    /// scores within `[-band, band]` are neutral.
    pub fn neutral_band(mut self, band: f32) -> Tagger {
        self.band = if band.is_finite() {
            band.clamp(0.0, 1.0)
        } else {
            NEUTRAL_BAND
        };
        self
    }

    /// Sets the weight of negative evidence relative to positive (default
    /// [`NEGATIVITY`]).
    pub fn negativity(mut self, factor: f32) -> Tagger {
        self.negativity = if factor.is_finite() {
            factor.clamp(0.1, 10.0)
        } else {
            NEGATIVITY
        };
        self
    }

    /// Sets the length damping of the document score (default
    /// [`LENGTH_DAMPING`]): added to the score's denominator per word token.
    /// 0 scores a document like a sentence.
    pub fn length_damping(mut self, per_word: f32) -> Tagger {
        self.length = if per_word.is_finite() {
            per_word.clamp(0.0, 10.0)
        } else {
            LENGTH_DAMPING
        };
        self
    }

    /// Polarity of a text, segmented with the German segmenter.
    pub fn tag(&self, text: &str) -> Sentiment {
        let doc = wortlaut_text::Doc::new(text, self.segmenter.segment(text));
        self.tag_doc(&doc)
    }

    /// Polarity of a document. Linear in its length.
    pub fn tag_doc(&self, doc: &wortlaut_text::Doc<'_>) -> Sentiment {
        let (text, segmentation) = (doc.text(), doc.segmentation());
        let how = polarity::Weighing {
            band: self.band,
            negativity: self.negativity,
            length: self.length,
        };
        polarity::tag(&self.index, text, segmentation, how)
    }

    /// Polarity of the evidence inside `spans` (a quotation and its parts),
    /// from a [`Sentiment`] of the same text.
    pub fn polarity_in(&self, sentiment: &Sentiment, spans: &[Span]) -> Polarity {
        let ev = &sentiment.evidence;
        polarity::polarity(
            spans.iter().flat_map(|s| {
                let from = ev.partition_point(|e| e.span.start < s.start);
                ev[from..]
                    .iter()
                    .take_while(move |e| e.span.start < s.end)
                    .filter(move |e| e.span.end <= s.end)
                    .map(|e| e.weight)
            }),
            self.band,
            0.0,
        )
    }

    /// Stance triples of a document: from each statement with a holder to
    /// the entities it names (or, failing that, that its sentence names),
    /// with the statement's polarity; and from evaluative clauses outside
    /// statements, subject → object. `sentiment` must come from the same
    /// document ([`Tagger::tag_doc`]).
    pub fn stances(
        &self,
        doc: &wortlaut_text::Doc<'_>,
        sentiment: &Sentiment,
        statements: &[Statement],
    ) -> Vec<Stance> {
        let mentions: Vec<Mention> = doc.mentions().iter().filter_map(Mention::view).collect();
        stance::stances(doc.text(), sentiment, &mentions, statements, self.band)
    }
}

#[cfg(test)]
mod tests;
