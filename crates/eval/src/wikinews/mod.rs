//! The German Wikinews quotation-attribution metric.
//!
//! Scores predicted quotations (quote, speaker, cue, frame, addressee, type,
//! medium) against the gold annotations of the German Wikinews quotation data
//! (Petersen-Frey & Biemann, LREC-COLING 2024; `../shared/eval/wikinews-quotes`).
//! It reproduces the `score` subcommand of the reference scorer
//! `wikinews_quotes.py` shipped with that data figure for figure, and
//! [`QuoteScores`] prints the same report (its `Display`) and the same JSON
//! (its `Serialize`) as that script.
//!
//! # How the metric works
//!
//! 1. Every span (code-point offsets into the article text) is mapped to the
//!    gold tokens it overlaps, so predictions are scored on the gold
//!    tokenisation.
//! 2. Per article, gold and predicted quotes are paired one-to-one by a
//!    maximum-weight assignment. A pair weighs the F1 of their quote-token
//!    overlap, plus 0.01 for the same type and 0.001 for the same medium when
//!    the overlap is positive; `min(#gold, #predicted)` pairs are always
//!    formed. The assignment is the shortest augmenting path method of
//!    `scipy.optimize.linear_sum_assignment`, with the same tie-breaking.
//! 3. Every pair, unpaired prediction and unpaired gold quote is a group. Per
//!    group and part (quote, addressee, cue, frame, speaker), token precision
//!    and recall are computed where their denominator is not 0.
//! 4. Messages (the quote part), Roles (the four other parts) and Joint (all
//!    five) are macro averages of those values; F1 is the harmonic mean of
//!    the averaged P and R. Form (type) and Medium are micro P/R/F1 of equal
//!    labels over the same groups.
//!
//! The extras (not in the paper) are token-level micro P/R/F1, Direct quotes
//! only (exact and ≥50% match), all quotes with a ≥50% match (each quote
//! covers at least half of the other's tokens), speaker and type accuracy on
//! those matches, and recall by gold type. See the data's `README.md`.
//!
//! ```
//! use std::collections::HashMap;
//! use wortlaut_eval::wikinews::{score, GoldArticle, WikinewsQuote};
//!
//! // „Ja“, sagte Anna. — tokens „ Ja “ , sagte Anna .
//! let gold: GoldArticle = serde_json::from_str(
//!     r#"{"id": "1", "text": "„Ja“, sagte Anna.",
//!         "tokens": [[0,1],[1,3],[3,4],[4,5],[6,11],[12,16],[16,17]],
//!         "quotes": [{"quote": [[0,4]], "speaker": [[12,16]], "cue": [[6,11]],
//!                     "frame": [[6,16]], "addressee": [],
//!                     "type": "Direct", "medium": "Speech", "nested": false}]}"#,
//! )
//! .unwrap();
//! // The prediction misses the closing mark and the speaker.
//! let pred = WikinewsQuote {
//!     quote: vec![[0, 3]],
//!     cue: vec![[6, 11]],
//!     kind: Some("Direct".into()),
//!     medium: Some("Speech".into()),
//!     ..WikinewsQuote::default()
//! };
//! let predictions = HashMap::from([("1".to_string(), vec![pred])]);
//! let scores = score(&[gold], &predictions);
//! assert_eq!(scores.official.messages.precision, 1.0);
//! assert_eq!(scores.official.messages.recall, 2.0 / 3.0);
//! assert_eq!(scores.official.form.f1, 1.0);
//! assert_eq!(scores.extras.quotes_half.matched, 1);
//! assert_eq!(scores.extras.speaker_on_matched.exact_acc, 0.0);
//! assert!(scores.to_string().contains("  Messages (macro)        1.0000  0.6667  0.8000\n"));
//! ```

mod assign;
mod read;
mod score;
mod scores;
mod train;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use crate::metrics::Prf;
pub use read::{read_gold, read_predictions, ReadError};
pub use score::score;
pub use scores::{
    ExtraScores, MatchScores, OfficialScores, QuoteScores, SpeakerScores, TypeRecall,
};
pub use train::{accuracy, speaker_examples, SpeakerExamples};

use read::{id_string, nullable, spans};
/// One quotation: its spans per role and its labels.
///
/// Spans are `[start, end]` **code-point** offsets into the article text,
/// end exclusive (Python `text[start:end]`), as in the dataset. Reading
/// accepts, like the reference scorer, a missing or `null` role for no span
/// and a single `[start, end]` for one span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikinewsQuote {
    /// The quotation itself (a Direct quote includes its quotation marks).
    #[serde(default, deserialize_with = "spans")]
    pub quote: Vec<[usize; 2]>,
    /// Who is quoted; empty when not annotated.
    #[serde(default, deserialize_with = "spans")]
    pub speaker: Vec<[usize; 2]>,
    /// The speech verb or phrase ("sagte", "teilte … mit").
    #[serde(default, deserialize_with = "spans")]
    pub cue: Vec<[usize; 2]>,
    /// The introducing clause around the cue, without the quote.
    #[serde(default, deserialize_with = "spans")]
    pub frame: Vec<[usize; 2]>,
    /// To whom it was said.
    #[serde(default, deserialize_with = "spans")]
    pub addressee: Vec<[usize; 2]>,
    /// `Direct`, `Indirect`, `FreeIndirect`, `IndirectFreeIndirect` or
    /// `Reported` (JSON `"type"`).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// `Speech`, `Thought`, `Writing`, `ST`, `SW`, `TW` or `none`.
    #[serde(default)]
    pub medium: Option<String>,
}

/// One gold article of the converted dataset (a line of `dev.jsonl`).
///
/// Reading ignores the other fields of a line (`title`, `sentences`, a
/// quote's `nested`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldArticle {
    /// The Wikinews article id (a JSON number is read as its decimal string).
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// The article text.
    #[serde(default)]
    pub text: String,
    /// The dataset's tokens, `[start, end]` code-point spans, sorted.
    pub tokens: Vec<[usize; 2]>,
    /// The annotated quotations.
    #[serde(default, deserialize_with = "nullable")]
    pub quotes: Vec<WikinewsQuote>,
}

impl From<&wortlaut::QuoteRecord> for WikinewsQuote {
    /// The dataset's form of a quote of an [`Analysis`](wortlaut::Analysis)
    /// (offsets as they are in the analysis: convert it to code points
    /// first to score or write predictions).
    fn from(q: &wortlaut::QuoteRecord) -> WikinewsQuote {
        let pairs = |v: &[wortlaut::OrigSpan]| -> Vec<[usize; 2]> {
            v.iter().map(|s| [s.start, s.end]).collect()
        };
        WikinewsQuote {
            quote: pairs(&q.quote),
            speaker: pairs(&q.speaker),
            cue: pairs(&q.cue),
            frame: pairs(&q.frame),
            addressee: pairs(&q.addressee),
            kind: Some(q.kind.as_str().to_string()),
            medium: Some(q.medium.as_str().to_string()),
        }
    }
}

/// Runs `pipeline` on the text of every gold article (in parallel) and
/// returns its quotes as predictions in the dataset's form (code-point
/// offsets), keyed by article id, ready for [`score`].
pub fn predict(
    pipeline: &wortlaut::Pipeline,
    gold: &[GoldArticle],
) -> HashMap<String, Vec<WikinewsQuote>> {
    use rayon::prelude::*;
    gold.par_iter()
        .map(|a| {
            let analysis = pipeline
                .analyze(&a.text)
                .into_unit(&a.text, wortlaut::OffsetUnit::Chars);
            let quotes = analysis.quotes.iter().map(WikinewsQuote::from).collect();
            (a.id.clone(), quotes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync() {
        fn f<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        f::<QuoteScores>();
        f::<GoldArticle>();
        f::<WikinewsQuote>();
        fn g<T: Send + Sync>() {}
        g::<ReadError>();
    }
}
