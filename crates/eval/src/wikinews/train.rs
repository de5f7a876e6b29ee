//! Training material for a speaker model from the gold quotes: for each
//! quote the rules find that matches a gold quote, which of its speaker
//! candidates is the annotated speaker.

use wortlaut::{Example, Pipeline};

use super::GoldArticle;

/// Speaker examples of a set of articles, and how many quotes could not
/// become one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpeakerExamples {
    /// One example per matched quote whose annotated speaker (or "no
    /// speaker") is among its candidates.
    pub examples: Vec<Example>,
    /// Predicted quotes that match a gold quote (≥ 50 % overlap both ways).
    pub matched: usize,
    /// Matched quotes whose annotated speaker is not among the candidates
    /// (a phrase the candidates cut differently, or out of their window).
    pub unreachable: usize,
    /// Among the examples, how often the rules' own choice (the first
    /// candidate after "no speaker", or "no speaker" when they made none)
    /// is the right one.
    pub rules_right: usize,
}

/// The speaker examples of `articles` (run through `pipeline`, in
/// parallel; the order of the result is the order of `articles`).
pub fn speaker_examples(pipeline: &Pipeline, articles: &[GoldArticle]) -> SpeakerExamples {
    use rayon::prelude::*;
    let per: Vec<SpeakerExamples> = articles
        .par_iter()
        .map(|a| of_article(pipeline, a))
        .collect();
    let mut all = SpeakerExamples::default();
    for p in per {
        all.examples.extend(p.examples);
        all.matched += p.matched;
        all.unreachable += p.unreachable;
        all.rules_right += p.rules_right;
    }
    all
}

/// A byte range.
type Bytes = (usize, usize);

/// A gold quote's spans and the whole of its speaker (if annotated), in
/// bytes.
type GoldQuote = (Vec<Bytes>, Option<Bytes>);

fn of_article(pipeline: &Pipeline, a: &GoldArticle) -> SpeakerExamples {
    let text = a.text.as_str();
    // Code-point spans to bytes; a span past the text's end is left out.
    let ix = wortlaut::CharIndex::new(text);
    let to_bytes = |[s, e]: [usize; 2]| -> Option<(usize, usize)> {
        (s <= ix.len_chars() && e <= ix.len_chars()).then(|| (ix.byte_of(s), ix.byte_of(e)))
    };
    let gold: Vec<GoldQuote> = a
        .quotes
        .iter()
        .map(|q| {
            let quote: Vec<(usize, usize)> = q.quote.iter().filter_map(|&s| to_bytes(s)).collect();
            let sp: Vec<(usize, usize)> = q.speaker.iter().filter_map(|&s| to_bytes(s)).collect();
            let speaker = (!sp.is_empty()).then(|| {
                (
                    sp.iter().map(|s| s.0).min().unwrap_or(0),
                    sp.iter().map(|s| s.1).max().unwrap_or(0),
                )
            });
            (quote, speaker)
        })
        .collect();
    let mut used = vec![false; gold.len()];
    let mut out = SpeakerExamples::default();
    for q in pipeline.speaker_choices(text) {
        let pred: Vec<(usize, usize)> = q.quote.iter().map(|s| (s.start, s.end)).collect();
        let Some(g) = best_match(&pred, &gold, &used) else {
            continue;
        };
        used[g] = true;
        out.matched += 1;
        let want = gold[g].1;
        let right = q
            .candidates
            .iter()
            .position(|c| c.speaker.map(|s| (s.start, s.end)) == want);
        let Some(right) = right else {
            out.unreachable += 1;
            continue;
        };
        // The rules' choice: candidate 1 when it is theirs (their choice
        // comes right after "no speaker" and carries the `rule=rule`
        // feature), else "no speaker".
        let rules = usize::from(
            q.candidates
                .get(1)
                .is_some_and(|c| c.features.iter().any(|f| f == "rule=rule")),
        );
        out.rules_right += usize::from(rules == right);
        out.examples.push(Example {
            candidates: q.candidates.into_iter().map(|c| c.features).collect(),
            gold: right,
        });
    }
    out
}

/// The unused gold quote that overlaps `pred` most, covering at least half
/// of it and half of itself.
fn best_match(pred: &[(usize, usize)], gold: &[GoldQuote], used: &[bool]) -> Option<usize> {
    let len = |v: &[(usize, usize)]| -> usize { v.iter().map(|s| s.1.saturating_sub(s.0)).sum() };
    let p = len(pred);
    let mut best: Option<(usize, usize)> = None;
    for (i, (g, _)) in gold.iter().enumerate() {
        if used[i] {
            continue;
        }
        let inter: usize = pred
            .iter()
            .flat_map(|a| {
                g.iter()
                    .map(move |b| a.1.min(b.1).saturating_sub(a.0.max(b.0)))
            })
            .sum();
        if inter == 0 || 2 * inter < p || 2 * inter < len(g) {
            continue;
        }
        if best.is_none_or(|(_, b)| inter > b) {
            best = Some((i, inter));
        }
    }
    best.map(|(i, _)| i)
}

/// The share of `examples` where `model` picks the right candidate.
pub fn accuracy(model: &wortlaut::SpeakerModel, examples: &[Example]) -> f64 {
    if examples.is_empty() {
        return 0.0;
    }
    let right = examples
        .iter()
        .filter(|e| model.best(&e.candidates) == Some(e.gold))
        .count();
    right as f64 / examples.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wikinews::WikinewsQuote;

    fn article(text: &str, quote: &str, speaker: Option<&str>) -> GoldArticle {
        let cp = |needle: &str| -> [usize; 2] {
            let b = text.rfind(needle).unwrap();
            let s = text[..b].chars().count();
            [s, s + needle.chars().count()]
        };
        GoldArticle {
            id: "1".into(),
            text: text.into(),
            tokens: Vec::new(),
            quotes: vec![WikinewsQuote {
                quote: vec![cp(quote)],
                speaker: speaker.map(|s| vec![cp(s)]).unwrap_or_default(),
                ..WikinewsQuote::default()
            }],
        }
    }

    #[test]
    fn the_annotated_speaker_is_the_gold_candidate() {
        let text =
            "Der Bürgermeister von München trat vor die Presse. „Wir helfen allen“, sagte er.";
        let p = Pipeline::new();
        let a = article(text, "„Wir helfen allen“", Some("er"));
        let ex = speaker_examples(&p, std::slice::from_ref(&a));
        assert_eq!((ex.matched, ex.unreachable, ex.examples.len()), (1, 0, 1));
        // The rules say "er", and so does the gold.
        assert_eq!(ex.rules_right, 1);
        assert_eq!(ex.examples[0].gold, 1);
        // Another annotation picks another candidate.
        let b = article(
            text,
            "„Wir helfen allen“",
            Some("Der Bürgermeister von München"),
        );
        let ex = speaker_examples(&p, &[b]);
        assert_eq!(ex.examples.len(), 1);
        assert!(ex.examples[0].gold > 1, "{:?}", ex.examples[0].gold);
        assert_eq!(ex.rules_right, 0);
        // No speaker annotated: "no speaker" (candidate 0) is right.
        let c = article(text, "„Wir helfen allen“", None);
        let ex = speaker_examples(&p, &[c]);
        assert_eq!(ex.examples[0].gold, 0);
    }
}
