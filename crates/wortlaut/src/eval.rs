//! Scoring against reference annotations.
//!
//! The scores here are what `wortlaut eval` prints and what `docs/EVAL.md`
//! records. They compare spans exactly, in whatever unit both sides use.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Analysis, Error, OffsetUnit, OrigSpan as Span, Pipeline};

/// True positives, false positives and false negatives, with precision,
/// recall and F1 derived from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Predicted and in the reference.
    pub tp: usize,
    /// Predicted, not in the reference.
    pub fp: usize,
    /// In the reference, not predicted.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// Counts the agreement of two sets.
    pub fn of<T: Eq + std::hash::Hash>(gold: &HashSet<T>, pred: &HashSet<T>) -> Counts {
        let tp = pred.intersection(gold).count();
        Counts {
            tp,
            fp: pred.len() - tp,
            fn_: gold.len() - tp,
        }
    }

    /// Adds other counts.
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), 0 when the reference is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

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

/// Agreement of entity mentions with a reference.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MentionScores {
    /// Documents scored.
    pub documents: usize,
    /// Mentions whose span and type both match.
    pub overall: Counts,
    /// The same, per reference type (predictions counted under their own
    /// mapped type).
    pub by_type: std::collections::BTreeMap<String, Counts>,
    /// Mentions whose span matches, whatever the type.
    pub spans: Counts,
    /// Of the span matches, how many are linked consistently: the predicted
    /// entity is the one most often predicted for the reference entity.
    pub linked: usize,
    /// Span matches with a reference entity (the denominator of `linked`).
    pub linkable: usize,
    /// Predictions left out of precision because they lie inside a reference
    /// span of a type the mapping does not score (GermEval `OTH`, `*part`).
    pub ignored: usize,
}

impl MentionScores {
    fn add(
        &mut self,
        gold: &[(Span, String, Option<String>)],
        pred: &[(Span, String, Option<String>)],
        links: &mut HashMap<String, HashMap<String, usize>>,
        pairs: &mut Vec<(String, String)>,
    ) {
        self.documents += 1;
        let g: HashSet<(Span, &str)> = gold.iter().map(|(s, t, _)| (*s, t.as_str())).collect();
        let p: HashSet<(Span, &str)> = pred.iter().map(|(s, t, _)| (*s, t.as_str())).collect();
        self.overall.add(Counts::of(&g, &p));
        let types: HashSet<&str> = g.iter().chain(p.iter()).map(|(_, t)| *t).collect();
        for t in types {
            let gt: HashSet<_> = g.iter().filter(|(_, x)| *x == t).collect();
            let pt: HashSet<_> = p.iter().filter(|(_, x)| *x == t).collect();
            self.by_type
                .entry(t.to_string())
                .or_default()
                .add(Counts::of(&gt, &pt));
        }
        let gs: HashSet<Span> = gold.iter().map(|(s, _, _)| *s).collect();
        let ps: HashSet<Span> = pred.iter().map(|(s, _, _)| *s).collect();
        self.spans.add(Counts::of(&gs, &ps));
        let by_span: HashMap<Span, &Option<String>> =
            pred.iter().map(|(s, _, e)| (*s, e)).collect();
        for (s, _, ge) in gold {
            if let (Some(ge), Some(Some(pe))) = (ge, by_span.get(s)) {
                *links
                    .entry(ge.clone())
                    .or_default()
                    .entry(pe.clone())
                    .or_default() += 1;
                pairs.push((ge.clone(), pe.clone()));
            }
        }
    }

    fn finish_links(
        &mut self,
        links: &HashMap<String, HashMap<String, usize>>,
        pairs: &[(String, String)],
    ) {
        let best: HashMap<&String, &String> = links
            .iter()
            .filter_map(|(g, m)| {
                m.iter()
                    .max_by_key(|(e, n)| (**n, std::cmp::Reverse((*e).clone())))
                    .map(|(e, _)| (g, e))
            })
            .collect();
        self.linkable = pairs.len();
        self.linked = pairs
            .iter()
            .filter(|(g, p)| best.get(g) == Some(&p))
            .count();
    }
}

#[derive(Deserialize)]
struct SeedGold {
    entities: Vec<SeedEntity>,
    documents: Vec<SeedDoc>,
}

#[derive(Deserialize)]
struct SeedEntity {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    norp_aliases: Vec<String>,
}

#[derive(Deserialize)]
struct SeedDoc {
    doc: String,
    mentions: Vec<SeedMention>,
    #[serde(default)]
    quotes: Vec<SeedQuote>,
}

#[derive(Deserialize)]
struct SeedQuote {
    text: String,
    occurrence: usize,
    kind: String,
    speaker: Option<String>,
    #[serde(default)]
    stance: Vec<SeedStance>,
}

#[derive(Deserialize)]
struct SeedStance {
    target: String,
    polarity: String,
}

#[derive(Deserialize)]
struct SeedMention {
    text: String,
    occurrence: usize,
    entity: Option<String>,
}

fn read_seed_gold(path: &Path) -> Result<SeedGold, Error> {
    Ok(serde_json::from_reader(std::io::BufReader::new(
        std::fs::File::open(path)?,
    ))?)
}

/// The text of a seed article (`docs/<doc>.txt`) and its analysis.
fn analyze_seed(pipeline: &Pipeline, docs: &Path, doc: &str) -> Result<(String, Analysis), Error> {
    let text = std::fs::read_to_string(docs.join(format!("{doc}.txt")))?;
    let a = pipeline.analyze(&text);
    Ok((text, a))
}

/// Byte span of the `occurrence`-th (1-based) non-overlapping occurrence of
/// `needle` in `hay`.
fn nth_occurrence(hay: &str, needle: &str, occurrence: usize) -> Option<Span> {
    let mut from = 0;
    for k in 1.. {
        let p = from + hay.get(from..)?.find(needle)?;
        if k == occurrence {
            return Some(Span::new(p, p + needle.len()));
        }
        from = p + needle.len().max(1);
    }
    None
}

/// Scores the pipeline's mentions against the seeds' gold
/// (`../shared/eval/seeds/gold.json`): span and type, per type, and
/// linking. `docs` is the folder with the seed articles.
pub fn score_seed_mentions(
    pipeline: &Pipeline,
    gold: &Path,
    docs: &Path,
) -> Result<MentionScores, Error> {
    let g = read_seed_gold(gold)?;
    let types: HashMap<&str, (&str, &[String])> = g
        .entities
        .iter()
        .map(|e| (e.id.as_str(), (e.kind.as_str(), e.norp_aliases.as_slice())))
        .collect();
    let mut scores = MentionScores::default();
    let mut links = HashMap::new();
    let mut pairs = Vec::new();
    for d in &g.documents {
        let text = std::fs::read_to_string(docs.join(format!("{}.txt", d.doc)))?;
        let gold: Vec<(Span, String, Option<String>)> = d
            .mentions
            .iter()
            .filter_map(|m| {
                let span = nth_occurrence(&text, &m.text, m.occurrence)?;
                let (kind, norp) = m
                    .entity
                    .as_deref()
                    .and_then(|e| types.get(e).copied())
                    .unwrap_or(("MISC", &[]));
                let kind = if norp.contains(&m.text) { "NORP" } else { kind };
                Some((span, kind.to_string(), m.entity.clone()))
            })
            .collect();
        let a = pipeline.analyze(&text);
        let pred: Vec<(Span, String, Option<String>)> = a
            .mentions
            .iter()
            .map(|m| (m.span, m.kind.as_str().to_string(), m.entity.clone()))
            .collect();
        scores.add(&gold, &pred, &mut links, &mut pairs);
    }
    scores.finish_links(&links, &pairs);
    Ok(scores)
}

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

/// Quotes of the seeds against their gold, per gold kind ("direct",
/// "partial", "indirect").
#[derive(Clone, Debug, Default, Serialize)]
pub struct SeedQuoteScores {
    /// Per kind: (gold quotes, found, found with the gold speaker entity).
    pub kinds: std::collections::BTreeMap<String, (usize, usize, usize)>,
    /// Gold quotes not found, or found with another speaker:
    /// (document, kind, gold text, what went wrong).
    pub misses: Vec<(String, String, String, String)>,
}

impl SeedQuoteScores {
    /// Share of the gold quotes found, over all kinds.
    pub fn found_share(&self) -> f64 {
        let (g, f) = self
            .kinds
            .values()
            .fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
        ratio(f, g)
    }

    /// Share of the found quotes whose speaker resolves to the gold entity.
    pub fn speaker_share(&self) -> f64 {
        let (f, s) = self
            .kinds
            .values()
            .fold((0, 0), |a, v| (a.0 + v.1, a.1 + v.2));
        ratio(s, f)
    }
}

/// Scores the pipeline's quotes against the seeds' gold
/// (`../shared/eval/seeds/gold.json`). A gold quote is found when a
/// predicted quote covers at least half of its characters and at least half
/// of the predicted quote lies inside it (quotation marks aside); its speaker
/// is right when the predicted speaker entity is the gold one (or both are
/// none: a speaker such as "Beobachter" that is no entity).
pub fn score_seed_quotes(
    pipeline: &Pipeline,
    gold: &Path,
    docs: &Path,
) -> Result<SeedQuoteScores, Error> {
    let g = read_seed_gold(gold)?;
    let mut out = SeedQuoteScores::default();
    for d in &g.documents {
        let (text, a) = analyze_seed(pipeline, docs, &d.doc)?;
        for q in &d.quotes {
            let entry = out.kinds.entry(q.kind.clone()).or_default();
            entry.0 += 1;
            let Some(span) = nth_occurrence(&text, &q.text, q.occurrence) else {
                out.misses.push((
                    d.doc.clone(),
                    q.kind.clone(),
                    q.text.clone(),
                    "gold text not in the document".into(),
                ));
                continue;
            };
            let overlap = |p: &Span| p.end.min(span.end).saturating_sub(p.start.max(span.start));
            let best = a
                .quotes
                .iter()
                .filter(|p| {
                    let o: usize = p.quote.iter().map(overlap).sum();
                    let len: usize = p.quote.iter().map(|s| s.end - s.start).sum();
                    // Quotation marks (3 bytes each) are not in the gold text.
                    2 * o >= span.end - span.start && 2 * o + 6 >= len
                })
                .max_by_key(|p| p.quote.iter().map(overlap).sum::<usize>());
            let Some(p) = best else {
                out.misses.push((
                    d.doc.clone(),
                    q.kind.clone(),
                    q.text.clone(),
                    "not found".into(),
                ));
                continue;
            };
            entry.1 += 1;
            // People the gazetteer does not know have ids "person:name".
            let entity = p
                .speaker_entity
                .as_deref()
                .map(|e| e.strip_prefix("person:").unwrap_or(e));
            // A speaker that is no entity ("Beobachter") is right as none.
            if entity == q.speaker.as_deref() {
                entry.2 += 1;
            } else {
                let said = p
                    .speaker
                    .iter()
                    .map(|s| text.get(s.start..s.end).unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" … ");
                out.misses.push((
                    d.doc.clone(),
                    q.kind.clone(),
                    q.text.clone(),
                    format!(
                        "speaker {:?} → {} (gold {})",
                        said,
                        p.speaker_entity.as_deref().unwrap_or("-"),
                        q.speaker.as_deref().unwrap_or("-")
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// Stance triples of the seeds against their gold: each document's set of
/// distinct (holder, target, polarity) triples, the holder being the gold
/// quote's speaker entity (quotes without one are left out).
#[derive(Clone, Debug, Default, Serialize)]
pub struct StanceScores {
    /// Documents scored.
    pub documents: usize,
    /// Triples from quotations (the gold's scope: it annotates the stance
    /// of each quote) matched exactly (holder, target and polarity).
    pub quote_triples: Counts,
    /// All triples, those of evaluative clauses outside quotations too
    /// ("Vietnam gratulierte Putin"), which the gold does not annotate.
    pub triples: Counts,
    /// Holder and target matched, polarity ignored.
    pub pairs: Counts,
    /// Gold triples not predicted from a quotation: (document, holder,
    /// target, polarity).
    pub misses: Vec<(String, String, String, String)>,
    /// Triples predicted from quotations but not in the gold: (document,
    /// holder, target, polarity).
    pub false_positives: Vec<(String, String, String, String)>,
    /// Triples of evaluative clauses not in the gold: (document, holder,
    /// target, polarity).
    pub clause_only: Vec<(String, String, String, String)>,
}

/// Scores the pipeline's stance triples against the seeds' gold
/// (`../shared/eval/seeds/gold.json`, the `stance` of each quote).
pub fn score_seed_stance(
    pipeline: &Pipeline,
    gold: &Path,
    docs: &Path,
) -> Result<StanceScores, Error> {
    let g = read_seed_gold(gold)?;
    let mut out = StanceScores::default();
    for d in &g.documents {
        let (text, a) = analyze_seed(pipeline, docs, &d.doc)?;
        // Ids are names, not facts: a person the gazetteer does not know
        // gets an id made from the name as written ("person:gennady_s_
        // bezdetko"). Such an id counts as the gold entity of the mentions
        // it is found at (the linking itself is scored by `eval mentions`).
        let mut alias: HashMap<String, String> = HashMap::new();
        for m in &d.mentions {
            let (Some(span), Some(ge)) = (nth_occurrence(&text, &m.text, m.occurrence), &m.entity)
            else {
                continue;
            };
            if let Some(pe) = a
                .mentions
                .iter()
                .find(|p| p.span == span)
                .and_then(|p| p.entity.as_ref())
            {
                if pe.starts_with("person:") {
                    alias.entry(pe.clone()).or_insert_with(|| ge.clone());
                }
            }
        }
        let gold: HashSet<(String, String, String)> = d
            .quotes
            .iter()
            .filter_map(|q| Some((q.speaker.clone()?, &q.stance)))
            .flat_map(|(h, st)| {
                st.iter()
                    .map(move |t| (h.clone(), t.target.clone(), t.polarity.clone()))
            })
            .collect();
        let id = |e: &String| match alias.get(e) {
            Some(g) => g.clone(),
            None => e.strip_prefix("person:").unwrap_or(e).to_string(),
        };
        let triple = |s: &crate::StanceRecord| {
            (
                id(&s.holder),
                id(&s.target),
                s.polarity.label.as_str().to_string(),
            )
        };
        let from_quotes: HashSet<(String, String, String)> = a
            .stance
            .iter()
            .filter(|s| s.quote.is_some())
            .map(triple)
            .collect();
        let pred: HashSet<(String, String, String)> = a.stance.iter().map(triple).collect();
        out.documents += 1;
        out.quote_triples.add(Counts::of(&gold, &from_quotes));
        out.triples.add(Counts::of(&gold, &pred));
        let gp: HashSet<(&str, &str)> = gold
            .iter()
            .map(|(h, t, _)| (h.as_str(), t.as_str()))
            .collect();
        let pp: HashSet<(&str, &str)> = pred
            .iter()
            .map(|(h, t, _)| (h.as_str(), t.as_str()))
            .collect();
        out.pairs.add(Counts::of(&gp, &pp));
        let row =
            |(h, t, p): &(String, String, String)| (d.doc.clone(), h.clone(), t.clone(), p.clone());
        let mut misses: Vec<_> = gold.difference(&from_quotes).map(row).collect();
        let mut fps: Vec<_> = from_quotes.difference(&gold).map(row).collect();
        let mut clause: Vec<_> = pred
            .difference(&gold)
            .filter(|t| !from_quotes.contains(*t))
            .map(row)
            .collect();
        misses.sort();
        fps.sort();
        clause.sort();
        out.misses.extend(misses);
        out.false_positives.extend(fps);
        out.clause_only.extend(clause);
    }
    Ok(out)
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
