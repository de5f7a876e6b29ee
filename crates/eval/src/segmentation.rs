//! Sentence and token segmentation against a reference segmentation.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};
use wortlaut::{Analysis, Error, OffsetUnit, OrigSpan as Span, Pipeline};

use crate::Counts;

/// Agreement of a segmentation with a reference segmentation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentationScores {
    /// Documents scored.
    pub documents: usize,
    /// Sentence boundaries: the end offset of every sentence but the last of
    /// its document.
    pub sentence_boundaries: Counts,
    /// Sentences whose start and end both match.
    pub sentences_exact: Counts,
    /// Tokens whose start and end both match.
    pub tokens_exact: Counts,
    /// Token boundaries: every start and end offset of a token.
    pub token_boundaries: Counts,
}

/// One disagreement, for error analysis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// The document id.
    pub id: String,
    /// `"missed_boundary"`, `"false_boundary"`, `"missed_token"` or
    /// `"false_token"`.
    pub kind: String,
    /// The span concerned.
    pub span: Span,
    /// Up to 40 characters of context on each side, with `⟦…⟧` around the
    /// span (`⟦⟧` for a boundary).
    pub context: String,
}

fn context(text: &[char], span: Span) -> String {
    let a = span.start.saturating_sub(40);
    let b = (span.end + 40).min(text.len());
    let s = span.start.min(text.len());
    let e = span.end.min(text.len()).max(s);
    let mut out: String = text[a..s].iter().collect();
    out.push('⟦');
    out.extend(&text[s..e]);
    out.push('⟧');
    out.extend(&text[e..b]);
    out.replace('\n', "⏎")
}

fn boundaries(sentences: &[Span]) -> HashSet<usize> {
    let last = sentences.iter().map(|s| s.end).max().unwrap_or(0);
    sentences
        .iter()
        .map(|s| s.end)
        .filter(|&e| e != last)
        .collect()
}

impl SegmentationScores {
    /// Scores one document whose predicted and reference spans use the same
    /// unit; appends disagreements to `errors` (with context from `text`,
    /// indexed in chars) when given.
    pub fn add_document(
        &mut self,
        id: &str,
        text: &[char],
        gold_sentences: &[Span],
        gold_tokens: &[Span],
        analysis: &Analysis,
        errors: Option<&mut Vec<Disagreement>>,
    ) {
        self.documents += 1;
        let gb = boundaries(gold_sentences);
        let pb = boundaries(&analysis.sentences);
        self.sentence_boundaries.add(Counts::of(&gb, &pb));
        let gs: HashSet<Span> = gold_sentences.iter().copied().collect();
        let ps: HashSet<Span> = analysis.sentences.iter().copied().collect();
        self.sentences_exact.add(Counts::of(&gs, &ps));
        let gt: HashSet<Span> = gold_tokens.iter().copied().collect();
        let pt: HashSet<Span> = analysis.tokens.iter().copied().collect();
        self.tokens_exact.add(Counts::of(&gt, &pt));
        let gtb: HashSet<usize> = gold_tokens.iter().flat_map(|s| [s.start, s.end]).collect();
        let ptb: HashSet<usize> = analysis
            .tokens
            .iter()
            .flat_map(|s| [s.start, s.end])
            .collect();
        self.token_boundaries.add(Counts::of(&gtb, &ptb));
        if let Some(errors) = errors {
            let mut push = |kind: &str, span: Span| {
                errors.push(Disagreement {
                    id: id.to_string(),
                    kind: kind.to_string(),
                    span,
                    context: context(text, span),
                })
            };
            let mut missed: Vec<_> = gb.difference(&pb).copied().collect();
            missed.sort_unstable();
            for b in missed {
                push("missed_boundary", Span::new(b, b));
            }
            let mut extra: Vec<_> = pb.difference(&gb).copied().collect();
            extra.sort_unstable();
            for b in extra {
                push("false_boundary", Span::new(b, b));
            }
            let mut mt: Vec<_> = gt.difference(&pt).copied().collect();
            mt.sort();
            for s in mt {
                push("missed_token", s);
            }
            let mut ft: Vec<_> = pt.difference(&gt).copied().collect();
            ft.sort();
            for s in ft {
                push("false_token", s);
            }
        }
    }
}

#[derive(Deserialize)]
struct WikinewsDoc {
    id: String,
    text: String,
    #[serde(default)]
    tokens: Vec<[usize; 2]>,
    #[serde(default)]
    sentences: Vec<[usize; 2]>,
}

/// Scores the pipeline's segmentation against the `sentences` and `tokens`
/// of a German Wikinews quotation file (`../shared/eval/wikinews-quotes`,
/// code-point offsets).
pub fn score_wikinews_segmentation(
    pipeline: &Pipeline,
    path: &Path,
    mut errors: Option<&mut Vec<Disagreement>>,
) -> Result<SegmentationScores, Error> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut docs = Vec::new();
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        docs.push(serde_json::from_str::<WikinewsDoc>(&line)?);
    }
    let analyses: Vec<Analysis> = {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        pipeline
            .analyze_batch(&texts)
            .into_iter()
            .zip(&texts)
            .map(|(a, t)| a.into_unit(t, OffsetUnit::Chars))
            .collect()
    };
    let mut scores = SegmentationScores::default();
    for (doc, analysis) in docs.iter().zip(&analyses) {
        let to_spans =
            |v: &[[usize; 2]]| -> Vec<Span> { v.iter().map(|&[s, e]| Span::new(s, e)).collect() };
        let chars: Vec<char> = doc.text.chars().collect();
        scores.add_document(
            &doc.id,
            &chars,
            &to_spans(&doc.sentences),
            &to_spans(&doc.tokens),
            analysis,
            errors.as_deref_mut(),
        );
    }
    Ok(scores)
}
