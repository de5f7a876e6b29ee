//! **wortlaut-eval**: scoring the wortlaut pipeline against reference
//! annotations — what `wortlaut eval` prints and `docs/EVAL.md` records.
//!
//! - [`metrics`]: generic agreement figures ([`Counts`] with precision,
//!   recall and F1; [`Prf`]; the overlap of sorted lists, [`common`]);
//! - [`segmentation`]: sentences and tokens against the Wikinews
//!   segmentation;
//! - [`mentions`], [`seeds`], [`germeval`]: entity mentions, quotes and
//!   stance against the seeds' gold, GermEval 2014 mentions and GermEval
//!   2017 document polarity;
//! - [`germeval_outer`]: GermEval 2014 outer level, exact span and type
//!   over PER/LOC/ORG, with error classes;
//! - [`redewiedergabe`]: token-level speech, thought and writing
//!   representation against the corpus REDEWIEDERGABE;
//! - [`wikinews`]: the German Wikinews quotation-attribution metric, figure
//!   for figure the reference scorer's.
//!
//! The scores compare spans exactly, in whatever unit both sides use.
//!
//! ```
//! use std::collections::HashSet;
//! use wortlaut_eval::Counts;
//!
//! let gold: HashSet<&str> = ["Merkel", "Scholz", "Berlin"].into();
//! let predicted: HashSet<&str> = ["Merkel", "Berlin", "Paris"].into();
//! let c = Counts::of(&gold, &predicted);
//! assert_eq!((c.tp, c.fp, c.fn_), (2, 1, 1));
//! assert_eq!(c.precision(), 2.0 / 3.0);
//! assert_eq!(c.f1(), 2.0 / 3.0);
//! ```

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

pub mod germeval;
pub mod germeval_outer;
pub mod mentions;
pub mod metrics;
pub mod redewiedergabe;
pub mod seeds;
pub mod segmentation;
pub mod wikinews;

pub use germeval::{score_germeval2014, score_germeval2017, SentimentScores};
pub use mentions::MentionScores;
pub use metrics::{common, Counts, Prf, Scored};
pub use seeds::{
    score_seed_mentions, score_seed_quotes, score_seed_stance, SeedQuoteScores, StanceScores,
};
pub use segmentation::{score_wikinews_segmentation, Disagreement, SegmentationScores};
