//! Speech, thought and writing representation against the corpus
//! REDEWIEDERGABE (historical German fiction and non-fiction, 1840–1919;
//! `../shared/eval/redewiedergabe`, CC BY-NC-SA 4.0: read for evaluation
//! only).
//!
//! Token level, per kind: a corpus token belongs to a kind on the reference
//! side when it lies in a segment of an instance of that kind (any nesting
//! level; an ambiguous instance counts under its first kind, `kind`), and on
//! the predicted side when it overlaps a segment of a predicted quotation of
//! that kind. Per kind, precision and recall are those of the token sets;
//! `any` pools the kinds (a token in some instance, against a token in some
//! predicted quotation). The pipeline's kinds map to the corpus's as
//! `Direct` → `direct`, `Indirect` and `IndirectFreeIndirect` → `indirect`,
//! `FreeIndirect` → `free_indirect`, `Reported` → `reported`.
//!
//! ```
//! use wortlaut_eval::redewiedergabe::{score, Predicted, RwDocument, RwInstance};
//!
//! // Er sagte , er sei krank .
//! let doc = RwDocument {
//!     id: "d".into(),
//!     genre: "nonfiction".into(),
//!     text: "Er sagte, er sei krank.".into(),
//!     tokens: vec![[0, 2], [3, 8], [8, 9], [10, 12], [13, 16], [17, 22], [22, 23]],
//!     quotes: vec![RwInstance { kind: "indirect".into(), segments: vec![[10, 22]] }],
//! };
//! // The prediction also takes the full stop.
//! let pred = vec![Predicted { kind: "indirect".into(), segments: vec![[10, 23]] }];
//! let s = score(&[doc], &[pred]);
//! let c = s.nonfiction.kinds["indirect"].counts;
//! assert_eq!((c.tp, c.fp, c.fn_), (3, 1, 0));
//! assert_eq!(s.fiction.documents, 0);
//! ```

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use wortlaut::{Error, OffsetUnit, Pipeline};

use crate::metrics::{Counts, Scored};

/// The corpus's kinds, in report order.
pub const KINDS: [&str; 4] = ["direct", "indirect", "free_indirect", "reported"];

/// One document (corpus sample) of the converted corpus: a line of
/// `dev.jsonl`. Other fields of the line are ignored.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RwDocument {
    /// The sample id (`rwk_digbib_1017-1`).
    pub id: String,
    /// `fiction` or `nonfiction`.
    pub genre: String,
    /// The text.
    pub text: String,
    /// The corpus tokens, `[start, end]` code points, sorted.
    pub tokens: Vec<[usize; 2]>,
    /// The annotated instances.
    pub quotes: Vec<RwInstance>,
}

/// One annotated instance: its kind and its contiguous parts.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RwInstance {
    /// `direct`, `indirect`, `free_indirect` or `reported`.
    pub kind: String,
    /// The contiguous parts, `[start, end]` code points.
    pub segments: Vec<[usize; 2]>,
}

/// A predicted quotation in the corpus's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Predicted {
    /// One of [`KINDS`].
    pub kind: String,
    /// Its spans, `[start, end]` code points.
    pub segments: Vec<[usize; 2]>,
}

/// The corpus kind of a pipeline quotation kind (see the module docs).
pub fn corpus_kind(kind: wortlaut::QuoteKind) -> &'static str {
    match kind.as_str() {
        "Direct" => "direct",
        "FreeIndirect" => "free_indirect",
        "Reported" => "reported",
        _ => "indirect",
    }
}

/// Token-level scores of one part of the corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TokenScores {
    /// Documents in this part.
    pub documents: usize,
    /// Corpus tokens in them.
    pub tokens: usize,
    /// Per kind ([`KINDS`]), token counts with P/R/F1.
    pub kinds: BTreeMap<String, Scored>,
    /// Tokens of any kind against tokens of any predicted quotation.
    pub any: Scored,
}

/// [`TokenScores`] of the whole file and of its fiction and non-fiction
/// parts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RwScores {
    /// All documents.
    pub all: TokenScores,
    /// Documents of genre `fiction`.
    pub fiction: TokenScores,
    /// Documents of genre `nonfiction` (newspapers and magazines).
    pub nonfiction: TokenScores,
}

/// Reads the converted corpus (JSON Lines, empty lines skipped).
pub fn read_redewiedergabe(path: &Path) -> Result<Vec<RwDocument>, Error> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = Vec::new();
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line)?);
    }
    Ok(out)
}

/// Runs `pipeline` on every document (in parallel) and returns its
/// quotations in the corpus's terms, one list per document.
pub fn predict(pipeline: &Pipeline, docs: &[RwDocument]) -> Vec<Vec<Predicted>> {
    docs.par_iter()
        .map(|d| {
            let a = pipeline
                .analyze(&d.text)
                .into_unit(&d.text, OffsetUnit::Chars);
            a.quotes
                .iter()
                .map(|q| Predicted {
                    kind: corpus_kind(q.kind).to_string(),
                    segments: q.quote.iter().map(|s| [s.start, s.end]).collect(),
                })
                .collect()
        })
        .collect()
}

/// Marks the tokens that overlap any of `segments`.
fn mark(tokens: &[[usize; 2]], segments: &[[usize; 2]], marks: &mut [bool]) {
    for &[a, b] in segments {
        if a >= b {
            continue;
        }
        let first = tokens.partition_point(|t| t[1] <= a);
        for (i, t) in tokens.iter().enumerate().skip(first) {
            if t[0] >= b {
                break;
            }
            marks[i] = true;
        }
    }
}

fn counts(gold: &[bool], pred: &[bool]) -> Counts {
    let mut c = Counts::default();
    for (&g, &p) in gold.iter().zip(pred) {
        match (g, p) {
            (true, true) => c.tp += 1,
            (false, true) => c.fp += 1,
            (true, false) => c.fn_ += 1,
            (false, false) => {}
        }
    }
    c
}

#[derive(Default)]
struct Part {
    documents: usize,
    tokens: usize,
    kinds: [Counts; 4],
    any: Counts,
}

impl Part {
    fn finish(&self) -> TokenScores {
        TokenScores {
            documents: self.documents,
            tokens: self.tokens,
            kinds: KINDS
                .iter()
                .zip(self.kinds)
                .map(|(k, c)| (k.to_string(), c.into()))
                .collect(),
            any: self.any.into(),
        }
    }
}

/// Scores predictions (one list per document, in order; missing lists count
/// as none) against the documents, token by token.
pub fn score(docs: &[RwDocument], predictions: &[Vec<Predicted>]) -> RwScores {
    let (mut all, mut fiction, mut nonfiction) =
        (Part::default(), Part::default(), Part::default());
    for (i, d) in docs.iter().enumerate() {
        let n = d.tokens.len();
        let pred = predictions.get(i).map_or(&[][..], |p| p);
        let mut doc = Part {
            documents: 1,
            tokens: n,
            ..Part::default()
        };
        let (mut any_g, mut any_p) = (vec![false; n], vec![false; n]);
        for (k, kind) in KINDS.iter().enumerate() {
            let (mut g, mut p) = (vec![false; n], vec![false; n]);
            for q in d.quotes.iter().filter(|q| q.kind == *kind) {
                mark(&d.tokens, &q.segments, &mut g);
                mark(&d.tokens, &q.segments, &mut any_g);
            }
            for q in pred.iter().filter(|q| q.kind == *kind) {
                mark(&d.tokens, &q.segments, &mut p);
                mark(&d.tokens, &q.segments, &mut any_p);
            }
            doc.kinds[k] = counts(&g, &p);
        }
        doc.any = counts(&any_g, &any_p);
        let parts: &mut [&mut Part] = match d.genre.as_str() {
            "fiction" => &mut [&mut all, &mut fiction],
            "nonfiction" => &mut [&mut all, &mut nonfiction],
            _ => &mut [&mut all],
        };
        for part in parts.iter_mut() {
            part.documents += doc.documents;
            part.tokens += doc.tokens;
            for k in 0..KINDS.len() {
                part.kinds[k].add(doc.kinds[k]);
            }
            part.any.add(doc.any);
        }
    }
    RwScores {
        all: all.finish(),
        fiction: fiction.finish(),
        nonfiction: nonfiction.finish(),
    }
}

/// Reads the corpus file, runs `pipeline` on it and scores it.
pub fn score_redewiedergabe(pipeline: &Pipeline, path: &Path) -> Result<RwScores, Error> {
    let docs = read_redewiedergabe(path)?;
    let predictions = predict(pipeline, &docs);
    Ok(score(&docs, &predictions))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &Scored) -> (usize, usize, usize) {
        (s.counts.tp, s.counts.fp, s.counts.fn_)
    }

    /// „Ja“ , sagte er . Er sprach über Preise .
    fn doc(genre: &str) -> RwDocument {
        let text = "„Ja“, sagte er. Er sprach über Preise.";
        let mut tokens = Vec::new();
        for (a, b) in [
            (0, 1),
            (1, 3),
            (3, 4),
            (4, 5),
            (6, 11),
            (12, 14),
            (14, 15),
            (16, 18),
            (19, 25),
            (26, 30),
            (31, 37),
            (37, 38),
        ] {
            tokens.push([a, b]);
        }
        RwDocument {
            id: "t".into(),
            genre: genre.into(),
            text: text.into(),
            tokens,
            quotes: vec![
                RwInstance {
                    kind: "direct".into(),
                    segments: vec![[0, 4]],
                },
                RwInstance {
                    kind: "reported".into(),
                    segments: vec![[16, 37]],
                },
            ],
        }
    }

    #[test]
    fn kinds_are_scored_apart_and_pooled_in_any() {
        let pred = vec![
            // The direct quote without its closing mark: 2 of 3 tokens.
            Predicted {
                kind: "direct".into(),
                segments: vec![[0, 3]],
            },
            // The reported act taken for an indirect quote.
            Predicted {
                kind: "indirect".into(),
                segments: vec![[16, 38]],
            },
        ];
        let s = score(
            &[doc("fiction"), doc("nonfiction")],
            &[pred.clone(), vec![]],
        );
        assert_eq!(c(&s.fiction.kinds["direct"]), (2, 0, 1));
        assert_eq!(c(&s.fiction.kinds["indirect"]), (0, 5, 0));
        assert_eq!(c(&s.fiction.kinds["reported"]), (0, 0, 4));
        // any: direct 2 of 3 and 4 of the 4 reported tokens, one extra ".".
        assert_eq!(c(&s.fiction.any), (6, 1, 1));
        assert_eq!(c(&s.nonfiction.any), (0, 0, 7));
        assert_eq!(c(&s.all.any), (6, 1, 8));
        assert_eq!((s.all.documents, s.all.tokens), (2, 24));
        assert_eq!(s.fiction.kinds["direct"].prf.precision, 1.0);
        assert_eq!(s.fiction.kinds["direct"].prf.recall, 2.0 / 3.0);
    }

    #[test]
    fn partial_token_overlap_counts_and_gaps_do_not() {
        // A discontinuous direct quote: the frame in between is not in it.
        let mut d = doc("nonfiction");
        d.quotes = vec![RwInstance {
            kind: "direct".into(),
            segments: vec![[0, 5], [16, 38]],
        }];
        // One span over everything: the frame's 3 tokens are false positives;
        // a span ending inside "Preise" still takes the token.
        let pred = vec![Predicted {
            kind: "direct".into(),
            segments: vec![[0, 33]],
        }];
        let s = score(&[d], &[pred]);
        assert_eq!(c(&s.nonfiction.kinds["direct"]), (8, 3, 1));
    }

    #[test]
    fn pipeline_kinds_map_to_corpus_kinds() {
        use wortlaut::QuoteKind;
        assert_eq!(corpus_kind(QuoteKind::Direct), "direct");
        assert_eq!(corpus_kind(QuoteKind::Indirect), "indirect");
        assert_eq!(corpus_kind(QuoteKind::IndirectFreeIndirect), "indirect");
        assert_eq!(corpus_kind(QuoteKind::FreeIndirect), "free_indirect");
        assert_eq!(corpus_kind(QuoteKind::Reported), "reported");
    }
}
