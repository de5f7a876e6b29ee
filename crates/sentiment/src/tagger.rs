//! The tagger and its builder.

use std::sync::{Arc, OnceLock};

use wortlaut_segment::Segmenter;
use wortlaut_text::morph::Morph;
use wortlaut_text::{Doc, Profile};

use crate::error::Error;
use crate::grammar::Grammar;
use crate::index::Index;
use crate::lexicon::Lexicon;
use crate::{
    polarity, stance, Mention, Polarity, Sentiment, Span, Stance, Statement, LENGTH_DAMPING,
    NEGATIVITY, NEUTRAL_BAND,
};

/// What a tagger looks words up in: the compiled form index and the word
/// lists of the rules.
#[derive(Debug)]
struct Model {
    index: Index,
    grammar: Grammar,
}

impl Model {
    fn new(profile: &Profile, lexicon: Option<&Lexicon>) -> Result<Model, Error> {
        let morph = Morph::new(profile)?;
        let grammar = Grammar::new(profile, &morph)?;
        let own;
        let lexicon = match lexicon {
            Some(l) => l,
            None => {
                own = Lexicon::from_profile(profile)?;
                &own
            }
        };
        let index = Index::new(lexicon, profile, &morph, &grammar)?;
        Ok(Model { index, grammar })
    }
}

/// Tags polarity and stance.
///
/// Built once from a language profile ([`Tagger::german`],
/// [`Tagger::new`] or a [`TaggerBuilder`]); compiling the form index (more
/// than 50,000 forms for the embedded lexicon) takes a fraction of a
/// second, so build once and share: cloning is cheap (the index is behind an `Arc`)
/// and a `Tagger` is `Send + Sync`. Tagging never fails.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Arc<Model>,
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
    /// evaluative verbs and the default settings (compiled on first use,
    /// then shared).
    pub fn german() -> Tagger {
        static MODEL: OnceLock<Arc<Model>> = OnceLock::new();
        let model = MODEL.get_or_init(|| {
            Arc::new(
                Model::new(Profile::german(), None)
                    .expect("the embedded German profile is well-formed (checked by the tests)"),
            )
        });
        Tagger {
            model: model.clone(),
            band: NEUTRAL_BAND,
            negativity: NEGATIVITY,
            length: LENGTH_DAMPING,
            segmenter: Segmenter::german(),
        }
    }

    /// A tagger for `profile` (its lexicon and lists) with the default
    /// settings.
    pub fn new(profile: &Profile) -> Result<Tagger, Error> {
        Tagger::builder().profile(profile.clone()).build()
    }

    /// A builder to choose the profile, the lexicon and the settings.
    pub fn builder() -> TaggerBuilder {
        TaggerBuilder::new()
    }

    /// Polarity of a text, segmented with the German segmenter.
    pub fn tag(&self, text: &str) -> Sentiment {
        let doc = Doc::new(text, self.segmenter.segment(text));
        self.tag_doc(&doc)
    }

    /// Polarity of a document. Linear in its length.
    pub fn tag_doc(&self, doc: &Doc<'_>) -> Sentiment {
        let how = polarity::Weighing {
            band: self.band,
            negativity: self.negativity,
            length: self.length,
        };
        let m = &*self.model;
        polarity::tag(&m.index, &m.grammar, doc.text(), doc.segmentation(), how)
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
        doc: &Doc<'_>,
        sentiment: &Sentiment,
        statements: &[Statement],
    ) -> Vec<Stance> {
        let mentions: Vec<Mention> = doc.mentions().iter().filter_map(Mention::view).collect();
        let g = &self.model.grammar;
        stance::stances(g, doc.text(), sentiment, &mentions, statements, self.band)
    }
}

/// Builds a [`Tagger`]: the profile (default: [`Profile::german`]), a
/// polarity lexicon in place of the profile's own (SentiWS, …; negators,
/// degree words, shifters and evaluative verbs stay the profile's) and
/// the weighing.
///
/// Setters take `&mut self` and can be chained; [`TaggerBuilder::build`]
/// checks the settings and compiles the index.
///
/// ```
/// use wortlaut_sentiment::{Label, Lexicon, Tagger};
///
/// let mut builder = Tagger::builder();
/// builder
///     .lexicon(Lexicon::parse("prima\t0.9\n").unwrap())
///     .neutral_band(0.2)
///     .negativity(1.0);
/// let tagger = builder.build().unwrap();
/// assert_eq!(tagger.tag("Das ist prima.").document.label, Label::Positive);
///
/// let err = Tagger::builder().neutral_band(f32::NAN).build().unwrap_err();
/// assert!(err.to_string().contains("neutral_band"));
/// ```
#[derive(Clone, Debug)]
pub struct TaggerBuilder {
    profile: Option<Profile>,
    lexicon: Option<Lexicon>,
    band: f32,
    negativity: f32,
    length: f32,
}

impl Default for TaggerBuilder {
    fn default() -> TaggerBuilder {
        TaggerBuilder::new()
    }
}

impl TaggerBuilder {
    /// A builder with the German profile and the default settings.
    pub fn new() -> TaggerBuilder {
        TaggerBuilder {
            profile: None,
            lexicon: None,
            band: NEUTRAL_BAND,
            negativity: NEGATIVITY,
            length: LENGTH_DAMPING,
        }
    }

    /// The language profile whose lexicon and lists the tagger uses.
    pub fn profile(&mut self, profile: Profile) -> &mut TaggerBuilder {
        self.profile = Some(profile);
        self
    }

    /// A polarity lexicon in place of the profile's (see
    /// [`Lexicon::load`]).
    pub fn lexicon(&mut self, lexicon: Lexicon) -> &mut TaggerBuilder {
        self.lexicon = Some(lexicon);
        self
    }

    /// The half-width of the neutral band (default [`NEUTRAL_BAND`]):
    /// scores within `[-band, band]` are neutral. From 0 to 1.
    pub fn neutral_band(&mut self, band: f32) -> &mut TaggerBuilder {
        self.band = band;
        self
    }

    /// The weight of negative evidence relative to positive (default
    /// [`NEGATIVITY`]). From 0.1 to 10.
    pub fn negativity(&mut self, factor: f32) -> &mut TaggerBuilder {
        self.negativity = factor;
        self
    }

    /// The length damping of the document score (default
    /// [`LENGTH_DAMPING`]): added to the score's denominator per word
    /// token; 0 scores a document like a sentence. From 0 to 10.
    pub fn length_damping(&mut self, per_word: f32) -> &mut TaggerBuilder {
        self.length = per_word;
        self
    }

    /// Checks the settings and builds the tagger. Fails with
    /// [`Error::Setting`] for a setting out of its range (NaN included) and
    /// with [`Error::Profile`] for a missing or malformed profile list.
    pub fn build(&self) -> Result<Tagger, Error> {
        let check = |setting, value: f32, lo: f32, hi: f32, expected| {
            if value.is_finite() && (lo..=hi).contains(&value) {
                Ok(())
            } else {
                Err(Error::Setting {
                    setting,
                    value,
                    expected,
                })
            }
        };
        check(
            "neutral_band",
            self.band,
            0.0,
            1.0,
            "give a number from 0 to 1 (scores are in (-1, 1); the default is 0.125)",
        )?;
        check(
            "negativity",
            self.negativity,
            0.1,
            10.0,
            "give a number from 0.1 to 10 (1 weighs negative words like positive ones; \
             the default is 3.5)",
        )?;
        check(
            "length_damping",
            self.length,
            0.0,
            10.0,
            "give a number from 0 to 10 (0 scores a document like a sentence; the default is 0.4)",
        )?;
        let model = match (&self.profile, &self.lexicon) {
            (None, None) => Tagger::german().model,
            (profile, lexicon) => Arc::new(Model::new(
                profile.as_ref().unwrap_or(Profile::german()),
                lexicon.as_ref(),
            )?),
        };
        Ok(Tagger {
            model,
            band: self.band,
            negativity: self.negativity,
            length: self.length,
            segmenter: Segmenter::german(),
        })
    }
}
