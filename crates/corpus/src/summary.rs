//! The summary tables: entities ranked by mentions, who is quoted how often
//! and with what, the stance matrix; [`CorpusBuilder`] accumulates them one
//! document at a time.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use wortlaut::{Analysis, CharIndex, Label, OffsetUnit, OrigSpan as Span};

use crate::cluster::{self, QuoteCluster};

/// An entity and how often the corpus mentions it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityCount {
    /// Entity id.
    pub entity: String,
    /// Display name (the gazetteer's, or the first full mention of a person
    /// found by pattern); the id when no record named it.
    pub name: String,
    /// Wikidata QID, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    /// Its most frequent mention type ("PER", "GPE", …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Mentions.
    pub mentions: usize,
    /// Documents that mention it.
    pub documents: usize,
    /// Surface forms with their counts, most frequent first.
    pub forms: Vec<(String, usize)>,
}

/// One thing a speaker said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Said {
    /// Document id (or its position in the corpus, from 0, without one).
    pub document: String,
    /// Index into the document's `quotes`.
    pub quote: usize,
    /// Quotation type ("Direct", "Indirect", …).
    #[serde(rename = "type")]
    pub kind: String,
    /// What was said, as written.
    pub text: String,
    /// Its polarity label, when sentiment was tagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Label>,
}

/// A speaker and what they said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Entity id of the speaker.
    pub entity: String,
    /// Display name of the speaker; the id when no record named it.
    pub name: String,
    /// Wikidata QID, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    /// Statements (quotations not nested in another one).
    pub quotes: usize,
    /// Statements per quotation type.
    pub by_type: BTreeMap<String, usize>,
    /// Documents that quote the speaker.
    pub documents: usize,
    /// The statements, in corpus order: the first [`MAX_SAID`].
    pub said: Vec<Said>,
}

/// One cell of the stance matrix, with an example.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceSummary {
    /// Holder entity.
    pub holder: String,
    /// Display name of the holder; the id when no record named it.
    pub holder_name: String,
    /// Target entity.
    pub target: String,
    /// Display name of the target; the id when no record named it.
    pub target_name: String,
    /// Triples.
    pub count: usize,
    /// Positive triples.
    pub positive: usize,
    /// Negative triples.
    pub negative: usize,
    /// Mean polarity score.
    pub mean: f32,
    /// Label of the mean.
    pub label: Label,
    /// The evidence words of the first triple ("besorgniserregend").
    pub example: String,
    /// The document of the example.
    pub example_document: String,
}

/// The summary of a corpus (or of one document).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusSummary {
    /// Documents added.
    pub documents: usize,
    /// Entities by mentions, most first.
    pub entities: Vec<EntityCount>,
    /// Speakers by statements, most first.
    pub speakers: Vec<Speaker>,
    /// Stance matrix: holder × target, most triples first.
    pub stance: Vec<StanceSummary>,
    /// The same statement in several documents.
    pub quote_clusters: Vec<QuoteCluster>,
    /// Quotations after the first [`MAX_CLUSTERED`] of the corpus, which
    /// were not clustered (memory stays bounded); absent when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub quotes_not_clustered: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Quotations kept for clustering: the first this many of the corpus, so
/// that the summary's memory does not grow with the corpus (about 300 bytes
/// each, 75 MB in all).
pub const MAX_CLUSTERED: usize = 250_000;

/// Statements kept per speaker in [`Speaker::said`]: the first this many
/// in corpus order ([`Speaker::quotes`] counts them all).
pub const MAX_SAID: usize = 100;

/// The summary tables of one document (no clusters: they need several).
pub type DocumentSummary = CorpusSummary;

impl CorpusSummary {
    /// The tables of one analysed document; `text` is the input it was
    /// made from.
    pub fn of(text: &str, analysis: &Analysis) -> CorpusSummary {
        let mut b = CorpusBuilder::new();
        b.add(text, analysis);
        b.finish()
    }
}

#[derive(Default)]
struct EntityAcc {
    kinds: HashMap<&'static str, usize>,
    mentions: usize,
    documents: usize,
    forms: HashMap<String, usize>,
}

#[derive(Default)]
struct StanceAcc {
    count: usize,
    positive: usize,
    negative: usize,
    sum: f32,
    example: String,
    example_document: String,
}

/// Accumulates analysed documents into a [`CorpusSummary`]; memory grows with
/// the number of distinct entities, speakers, forms and triples, not with
/// the text: at most [`MAX_SAID`] statements per speaker and
/// [`MAX_CLUSTERED`] quotations for clustering are kept.
pub struct CorpusBuilder {
    documents: usize,
    entities: HashMap<String, EntityAcc>,
    speakers: HashMap<String, Speaker>,
    speaker_docs: HashMap<String, usize>,
    stance: HashMap<(String, String), StanceAcc>,
    quotes: Vec<cluster::Item>,
    not_clustered: usize,
    /// [`MAX_SAID`] and [`MAX_CLUSTERED`] (smaller in tests).
    max_said: usize,
    max_clustered: usize,
    /// Display name and QID of every entity id seen, from the first record
    /// that named it.
    names: HashMap<String, (String, Option<String>)>,
}

impl Default for CorpusBuilder {
    fn default() -> CorpusBuilder {
        CorpusBuilder {
            documents: 0,
            entities: HashMap::new(),
            speakers: HashMap::new(),
            speaker_docs: HashMap::new(),
            stance: HashMap::new(),
            quotes: Vec::new(),
            not_clustered: 0,
            max_said: MAX_SAID,
            max_clustered: MAX_CLUSTERED,
            names: HashMap::new(),
        }
    }
}

impl CorpusBuilder {
    /// An empty builder.
    pub fn new() -> CorpusBuilder {
        CorpusBuilder::default()
    }

    /// Adds one document: `text` is the input `analysis` was made from (its
    /// offsets may be in bytes or chars).
    pub fn add(&mut self, text: &str, analysis: &Analysis) {
        let doc = analysis
            .id
            .clone()
            .unwrap_or_else(|| self.documents.to_string());
        self.documents += 1;
        let slicer = Slicer::new(text, analysis.offsets);
        let mut seen: Vec<&str> = Vec::new();
        for m in &analysis.mentions {
            let Some(id) = m.entity.as_deref() else {
                continue;
            };
            self.name(id, m.name.as_deref(), m.qid.as_deref());
            let e = self.entities.entry(id.to_string()).or_default();
            e.mentions += 1;
            *e.kinds.entry(m.kind.as_str()).or_default() += 1;
            *e.forms.entry(m.text.clone()).or_default() += 1;
            if !seen.contains(&id) {
                seen.push(id);
                e.documents += 1;
            }
        }
        let mut quoted: Vec<&str> = Vec::new();
        for (i, q) in analysis.quotes.iter().enumerate() {
            if self.quotes.len() < self.max_clustered {
                self.quotes.push(cluster::Item {
                    document: doc.clone(),
                    quote: i,
                    speaker: q.speaker_entity.clone(),
                    text: q.text.clone(),
                });
            } else {
                self.not_clustered += 1;
            }
            let Some(sp) = q.speaker_entity.as_deref() else {
                continue;
            };
            self.name(sp, q.speaker_name.as_deref(), q.speaker_qid.as_deref());
            if q.nested {
                continue;
            }
            let s = self
                .speakers
                .entry(sp.to_string())
                .or_insert_with(|| Speaker {
                    entity: sp.to_string(),
                    name: String::new(),
                    qid: None,
                    quotes: 0,
                    by_type: BTreeMap::new(),
                    documents: 0,
                    said: Vec::new(),
                });
            s.quotes += 1;
            *s.by_type.entry(q.kind.as_str().to_string()).or_default() += 1;
            if s.said.len() < self.max_said {
                s.said.push(Said {
                    document: doc.clone(),
                    quote: i,
                    kind: q.kind.as_str().to_string(),
                    text: q.text.clone(),
                    polarity: q.polarity.map(|p| p.label),
                });
            }
            if !quoted.contains(&sp) {
                quoted.push(sp);
                *self.speaker_docs.entry(sp.to_string()).or_default() += 1;
            }
        }
        for st in &analysis.stance {
            self.name(
                &st.holder,
                st.holder_name.as_deref(),
                st.holder_qid.as_deref(),
            );
            self.name(
                &st.target,
                st.target_name.as_deref(),
                st.target_qid.as_deref(),
            );
            let c = self
                .stance
                .entry((st.holder.clone(), st.target.clone()))
                .or_default();
            c.count += 1;
            c.sum += st.polarity.score;
            match st.polarity.label {
                Label::Positive => c.positive += 1,
                Label::Negative => c.negative += 1,
                Label::Neutral => {}
            }
            if c.example.is_empty() {
                c.example = st
                    .evidence
                    .iter()
                    .map(|&s| slicer.slice(s))
                    .collect::<Vec<_>>()
                    .join(", ");
                c.example_document = doc.clone();
            }
        }
    }

    /// Remembers the first display name and QID given for `id`.
    fn name(&mut self, id: &str, name: Option<&str>, qid: Option<&str>) {
        if let Some(name) = name {
            if !self.names.contains_key(id) {
                self.names
                    .insert(id.to_string(), (name.to_string(), qid.map(str::to_string)));
            }
        }
    }

    /// Ranks, aggregates and clusters.
    pub fn finish(self) -> CorpusSummary {
        let names = self.names;
        let name_of = |id: &str| -> (String, Option<String>) {
            names
                .get(id)
                .cloned()
                .unwrap_or_else(|| (id.to_string(), None))
        };
        let mut entities: Vec<EntityCount> = self
            .entities
            .into_iter()
            .map(|(entity, a)| {
                let kind = a
                    .kinds
                    .iter()
                    .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
                    .map_or("MISC", |(k, _)| *k)
                    .to_string();
                let mut forms: Vec<(String, usize)> = a.forms.into_iter().collect();
                forms.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
                let (name, qid) = name_of(&entity);
                EntityCount {
                    name,
                    qid,
                    entity,
                    kind,
                    mentions: a.mentions,
                    documents: a.documents,
                    forms,
                }
            })
            .collect();
        entities.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.entity.cmp(&b.entity))
        });
        let mut speakers: Vec<Speaker> = self
            .speakers
            .into_values()
            .map(|mut s| {
                s.documents = self.speaker_docs.get(&s.entity).copied().unwrap_or(0);
                (s.name, s.qid) = name_of(&s.entity);
                s
            })
            .collect();
        speakers.sort_by(|a, b| {
            b.quotes
                .cmp(&a.quotes)
                .then_with(|| a.entity.cmp(&b.entity))
        });
        let mut stance: Vec<StanceSummary> = self
            .stance
            .into_iter()
            .map(|((holder, target), c)| {
                let mean = c.sum / c.count.max(1) as f32;
                StanceSummary {
                    holder_name: name_of(&holder).0,
                    target_name: name_of(&target).0,
                    holder,
                    target,
                    count: c.count,
                    positive: c.positive,
                    negative: c.negative,
                    mean,
                    label: if mean > wortlaut::sentiment::NEUTRAL_BAND {
                        Label::Positive
                    } else if mean < -wortlaut::sentiment::NEUTRAL_BAND {
                        Label::Negative
                    } else {
                        Label::Neutral
                    },
                    example: c.example,
                    example_document: c.example_document,
                }
            })
            .collect();
        stance.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.holder.cmp(&b.holder))
                .then_with(|| a.target.cmp(&b.target))
        });
        CorpusSummary {
            documents: self.documents,
            entities,
            speakers,
            stance,
            quote_clusters: cluster::clusters(&self.quotes),
            quotes_not_clustered: self.not_clustered,
        }
    }
}

/// Slices the original text with spans in either unit.
struct Slicer<'t> {
    text: &'t str,
    /// Code points to bytes, when the spans are in code points.
    bytes: Option<CharIndex<'t>>,
}

impl<'t> Slicer<'t> {
    fn new(text: &'t str, unit: OffsetUnit) -> Slicer<'t> {
        let bytes = (unit == OffsetUnit::Chars).then(|| CharIndex::new(text));
        Slicer { text, bytes }
    }

    fn slice(&self, s: Span) -> &'t str {
        let (a, b) = match &self.bytes {
            Some(b) => (b.byte_of(s.start), b.byte_of(s.end)),
            None => (s.start, s.end),
        };
        self.text.get(a..b).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn said_and_clustered_quotations_are_bounded() {
        let pipeline = wortlaut::Pipeline::new();
        let text = "„Wir kommen morgen nach Berlin zurück“, sagte Angela Merkel. ".repeat(6);
        let a = pipeline.analyze(&text);
        let statements = a
            .quotes
            .iter()
            .filter(|q| !q.nested && q.speaker_entity.is_some());
        assert_eq!(statements.count(), 6, "{:?}", a.quotes);
        let mut b = CorpusBuilder::new();
        assert_eq!((b.max_said, b.max_clustered), (MAX_SAID, MAX_CLUSTERED));
        b.max_said = 4;
        b.max_clustered = 10;
        for i in 0..3 {
            b.add(&text, &a.clone().with_id(format!("d{i}")));
        }
        let s = b.finish();
        assert_eq!(s.speakers.len(), 1);
        assert_eq!(s.speakers[0].quotes, 18);
        assert_eq!(s.speakers[0].said.len(), 4);
        assert_eq!(s.quotes_not_clustered, 8);
        // The ten clustered quotations come from the first two documents.
        let members: usize = s.quote_clusters.iter().map(|c| c.members.len()).sum();
        assert_eq!(members, 10);
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains("\"quotes_not_clustered\":8"));
        // Under the bounds nothing is left out, and the field is absent.
        let mut b = CorpusBuilder::new();
        b.add(&text, &a);
        let s = b.finish();
        assert_eq!(s.speakers[0].said.len(), 6);
        assert!(!serde_json::to_string(&s)
            .unwrap()
            .contains("quotes_not_clustered"));
    }
}
