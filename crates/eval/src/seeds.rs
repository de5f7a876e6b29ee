//! The hand-annotated gold of the sample articles (`seeds/gold.json`):
//! mentions, quotes and stance.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use wortlaut::{Analysis, Error, OrigSpan as Span, Pipeline};

use crate::metrics::ratio;
use crate::{Counts, MentionScores};

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
        let triple = |s: &wortlaut::StanceRecord| {
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
