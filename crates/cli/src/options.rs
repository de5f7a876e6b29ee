//! Options shared by several commands.

use std::path::PathBuf;

use crate::error::CliError;

/// Options of the sentiment stage.
#[derive(clap::Args, Clone)]
pub struct SentimentArgs {
    /// Tag polarity with this lexicon instead of the embedded one: SentiWS
    /// (word|POS<TAB>weight<TAB>forms), GermanPolarityClues, word<TAB>weight,
    /// or lemma<TAB>N|A|V<TAB>weight (docs/FORMATS.md). Negators, degree
    /// words, shifters and evaluative verbs stay.
    #[arg(long, conflicts_with = "no_sentiment")]
    lexicon: Option<PathBuf>,
    /// Half-width of the neutral band: polarity scores within [-band, band]
    /// are neutral.
    #[arg(long, default_value_t = wortlaut::sentiment::NEUTRAL_BAND)]
    neutral_band: f32,
    /// Weight of negative evidence relative to positive.
    #[arg(long, default_value_t = wortlaut::sentiment::NEGATIVITY)]
    negativity: f32,
    /// Added to the denominator of the document score per word token: long
    /// texts need more evidence for a label.
    #[arg(long, default_value_t = wortlaut::sentiment::LENGTH_DAMPING)]
    length_damping: f32,
    /// Tag no sentiment or stance.
    #[arg(long)]
    no_sentiment: bool,
}

impl SentimentArgs {
    /// Whether `--no-sentiment` was given.
    pub fn is_off(&self) -> bool {
        self.no_sentiment
    }

    /// Configures the sentiment stage of `builder`.
    pub fn apply(&self, builder: &mut wortlaut::PipelineBuilder) -> Result<(), CliError> {
        if self.no_sentiment {
            builder.no_sentiment();
            return Ok(());
        }
        let mut tagger = wortlaut::Tagger::builder();
        if let Some(path) = &self.lexicon {
            tagger.lexicon(wortlaut::Lexicon::load(path)?);
        }
        tagger
            .neutral_band(self.neutral_band)
            .negativity(self.negativity)
            .length_damping(self.length_damping);
        builder.tagger(tagger.build()?);
        Ok(())
    }
}
