//! The GermEval shared tasks: 2014 named entities (mentions) and 2017
//! document polarity.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use wortlaut::{Error, OffsetUnit, OrigSpan as Span, Pipeline};

use crate::metrics::ratio;
use crate::MentionScores;

#[derive(Deserialize)]
struct GermEvalDoc {
    text: String,
    entities: Vec<GermEvalEntity>,
}

#[derive(Deserialize)]
struct GermEvalEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    level: u8,
}

/// Scores the pipeline's mentions against GermEval 2014 (outer entities):
/// GPE and LOC count as `LOC`, NORP as `LOCderiv`, ORG as `ORG`, PER as
/// `PER`; other predictions (EVENT, MISC) are not scored. Predictions inside
/// a reference span of another type (`OTH`, `*part`, `ORGderiv` …) are left
/// out of precision and counted in [`MentionScores::ignored`].
pub fn score_germeval2014(pipeline: &Pipeline, path: &Path) -> Result<MentionScores, Error> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut scores = MentionScores::default();
    let mut links = HashMap::new();
    let mut pairs = Vec::new();
    const SCORED: [&str; 4] = ["PER", "LOC", "ORG", "LOCderiv"];
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let d: GermEvalDoc = serde_json::from_str(&line)?;
        let outer: Vec<&GermEvalEntity> = d.entities.iter().filter(|e| e.level == 1).collect();
        let gold: Vec<(Span, String, Option<String>)> = outer
            .iter()
            .filter(|e| SCORED.contains(&e.kind.as_str()))
            .map(|e| (Span::new(e.start, e.end), e.kind.clone(), None))
            .collect();
        let unscored: Vec<Span> = outer
            .iter()
            .filter(|e| !SCORED.contains(&e.kind.as_str()))
            .map(|e| Span::new(e.start, e.end))
            .collect();
        let a = pipeline
            .analyze(&d.text)
            .into_unit(&d.text, OffsetUnit::Chars);
        let mut pred = Vec::new();
        for m in &a.mentions {
            let t = match m.kind.as_str() {
                "GPE" | "LOC" => "LOC",
                "NORP" => "LOCderiv",
                "ORG" => "ORG",
                "PER" => "PER",
                _ => continue,
            };
            if unscored.iter().any(|u| u.contains(m.span)) {
                scores.ignored += 1;
                continue;
            }
            pred.push((m.span, t.to_string(), m.entity.clone()));
        }
        scores.add(&gold, &pred, &mut links, &mut pairs);
    }
    Ok(scores)
}

/// Document polarity against a GermEval 2017 file (subtask B layout: JSON
/// lines with `text` and `label` positive/negative/neutral).
#[derive(Clone, Debug, Default, Serialize)]
pub struct SentimentScores {
    /// Documents scored.
    pub documents: usize,
    /// Share of documents whose label is right (= micro-F1).
    pub accuracy: f64,
    /// Mean F1 of the three classes.
    pub macro_f1: f64,
    /// Per class (positive, negative, neutral): precision, recall, F1.
    pub classes: Vec<(String, f64, f64, f64)>,
    /// Confusion matrix: `confusion[gold][predicted]`, classes in the order
    /// positive, negative, neutral.
    pub confusion: [[usize; 3]; 3],
}

impl SentimentScores {
    fn from_confusion(confusion: [[usize; 3]; 3]) -> SentimentScores {
        let n: usize = confusion.iter().flatten().sum();
        let right: usize = (0..3).map(|i| confusion[i][i]).sum();
        let mut classes = Vec::new();
        let mut f_sum = 0.0;
        for (i, name) in ["positive", "negative", "neutral"].iter().enumerate() {
            let tp = confusion[i][i];
            let pred: usize = (0..3).map(|g| confusion[g][i]).sum();
            let gold: usize = confusion[i].iter().sum();
            let p = ratio(tp, pred);
            let r = ratio(tp, gold);
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            f_sum += f;
            classes.push((name.to_string(), p, r, f));
        }
        SentimentScores {
            documents: n,
            accuracy: ratio(right, n),
            macro_f1: f_sum / 3.0,
            classes,
            confusion,
        }
    }
}

#[derive(Deserialize)]
struct PolarityDoc {
    text: String,
    label: String,
}

/// Scores document polarity against a GermEval 2017 file: on all documents,
/// and on its two halves (documents at even and at odd line positions), so
/// that a threshold chosen on one half can be checked on the other.
/// Returns (all, even half, odd half).
pub fn score_germeval2017(
    pipeline: &Pipeline,
    path: &Path,
) -> Result<(SentimentScores, SentimentScores, SentimentScores), Error> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut docs = Vec::new();
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let d: PolarityDoc = serde_json::from_str(&line)?;
        docs.push(d);
    }
    let class = |l: &str| match l {
        "positive" => Some(0),
        "negative" => Some(1),
        "neutral" => Some(2),
        _ => None,
    };
    let labels: Vec<Option<usize>> = docs
        .par_iter()
        .map(|d| {
            pipeline
                .analyze(&d.text)
                .sentiment
                .map(|s| class(s.document.label.as_str()).unwrap_or(2))
        })
        .collect();
    let mut all = [[0usize; 3]; 3];
    let mut halves = [[[0usize; 3]; 3]; 2];
    for (i, (d, p)) in docs.iter().zip(labels).enumerate() {
        let (Some(g), Some(p)) = (class(&d.label), p) else {
            continue;
        };
        all[g][p] += 1;
        halves[i % 2][g][p] += 1;
    }
    Ok((
        SentimentScores::from_confusion(all),
        SentimentScores::from_confusion(halves[0]),
        SentimentScores::from_confusion(halves[1]),
    ))
}
