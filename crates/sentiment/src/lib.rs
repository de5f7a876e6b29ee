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
//!
//! # Language profile
//!
//! Every German word the tagger knows is a list of the language profile
//! ([`wortlaut_text::Profile`]): `sentiment/polarity` and
//! `sentiment/polarity-extra` (the lexicon), `sentiment/modifiers`
//! (negators, degree words, shifters, clause words), `sentiment/stance-verbs`,
//! `sentiment/descriptive`, `sentiment/grammar` and `sentiment/stance-words`
//! (the function words of the rules), and the `morph/*` lists that
//! [`wortlaut_text::morph`] inflects lemmas with. [`Tagger::new`] builds a
//! tagger from any profile; a [`TaggerBuilder`] also takes a user lexicon
//! and the weighing, and rejects settings out of range when it builds:
//!
//! ```
//! use wortlaut_sentiment::{Error, Lexicon, Tagger};
//!
//! let mut builder = Tagger::builder();
//! builder.lexicon(Lexicon::parse("Bahn\t-1\n").unwrap()).negativity(1.0);
//! let tagger = builder.build().unwrap();
//! assert!(tagger.tag("Die Bahn kommt.").document.score < 0.0);
//! assert!(matches!(
//!     Tagger::builder().neutral_band(-0.5).build(),
//!     Err(Error::Setting { setting: "neutral_band", .. })
//! ));
//! ```
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the result types.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

mod constructions;
mod error;
mod formats;
mod grammar;
mod index;
mod lexicon;
mod polarity;
mod stance;
mod tagger;

pub use wortlaut_normalize::Span;

pub use crate::error::Error;
pub use crate::lexicon::{Lexicon, WordClass};
pub use crate::tagger::{Tagger, TaggerBuilder};

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
    pub(crate) fn view(m: &wortlaut_text::EntityMention) -> Option<Mention> {
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

#[cfg(test)]
mod tests;
