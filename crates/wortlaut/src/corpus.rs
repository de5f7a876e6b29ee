//! What a corpus says: entities ranked by mentions, who is quoted how often
//! and with what, the stance matrix, and the same quotation reported by
//! several articles.
//!
//! A [`CorpusBuilder`] takes one analysed document at a time (so it works on
//! streams) and keeps only what the summary needs; [`CorpusBuilder::finish`]
//! ranks, aggregates and clusters. [`DocumentSummary::of`] gives the same
//! tables for one document.
//!
//! ```
//! use wortlaut::corpus::CorpusBuilder;
//! use wortlaut::Pipeline;
//!
//! let p = Pipeline::new();
//! let a = "Wladimir Putin sagte, Russland lege großen Wert auf die „Stärkung der Beziehungen“ zu Vietnam.";
//! let b = "Putin betonte die „Stärkung der Beziehungen“ zu Vietnam, berichtete die Zeitung.";
//! let mut corpus = CorpusBuilder::new();
//! corpus.add(a, &p.analyze(a).with_id("a"));
//! corpus.add(b, &p.analyze(b).with_id("b"));
//! let summary = corpus.finish();
//! assert_eq!(summary.documents, 2);
//! let putin = summary.entities.iter().find(|e| e.entity == "vladimir_putin").unwrap();
//! assert_eq!((putin.mentions, putin.documents), (2, 2));
//! // „Stärkung der Beziehungen“ is reported by both documents.
//! let c = &summary.quote_clusters[0];
//! assert!(c.members.iter().any(|m| m.document == "a") && c.members.iter().any(|m| m.document == "b"));
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::{Analysis, Label, OffsetUnit, OrigSpan as Span};

/// An entity and how often the corpus mentions it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityCount {
    /// Entity id.
    pub entity: String,
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
    /// Statements (quotations not nested in another one).
    pub quotes: usize,
    /// Statements per quotation type.
    pub by_type: BTreeMap<String, usize>,
    /// Documents that quote the speaker.
    pub documents: usize,
    /// The statements, in corpus order.
    pub said: Vec<Said>,
}

/// One cell of the stance matrix, with an example.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceSummary {
    /// Holder entity.
    pub holder: String,
    /// Target entity.
    pub target: String,
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

/// A quotation in a cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterMember {
    /// Document id.
    pub document: String,
    /// Index into the document's `quotes`.
    pub quote: usize,
    /// Speaker entity, if resolved.
    pub speaker: Option<String>,
    /// The quotation as written.
    pub text: String,
}

/// Quotations of several documents that report the same statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteCluster {
    /// The members, in corpus order.
    pub members: Vec<ClusterMember>,
    /// The speakers named for them (distinct, sorted).
    pub speakers: Vec<String>,
    /// Mean overlap of the matched pairs: shared content words over the
    /// content words of the shorter quotation, in (0, 1].
    pub similarity: f32,
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
}

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
/// the number of distinct entities, statements and triples, not with the
/// text.
#[derive(Default)]
pub struct CorpusBuilder {
    documents: usize,
    entities: HashMap<String, EntityAcc>,
    speakers: HashMap<String, Speaker>,
    speaker_docs: HashMap<String, usize>,
    stance: HashMap<(String, String), StanceAcc>,
    quotes: Vec<cluster::Item>,
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
            self.quotes.push(cluster::Item {
                document: doc.clone(),
                quote: i,
                speaker: q.speaker_entity.clone(),
                text: q.text.clone(),
            });
            let Some(sp) = q.speaker_entity.as_deref() else {
                continue;
            };
            if q.nested {
                continue;
            }
            let s = self
                .speakers
                .entry(sp.to_string())
                .or_insert_with(|| Speaker {
                    entity: sp.to_string(),
                    quotes: 0,
                    by_type: BTreeMap::new(),
                    documents: 0,
                    said: Vec::new(),
                });
            s.quotes += 1;
            *s.by_type.entry(q.kind.as_str().to_string()).or_default() += 1;
            s.said.push(Said {
                document: doc.clone(),
                quote: i,
                kind: q.kind.as_str().to_string(),
                text: q.text.clone(),
                polarity: q.polarity.map(|p| p.label),
            });
            if !quoted.contains(&sp) {
                quoted.push(sp);
                *self.speaker_docs.entry(sp.to_string()).or_default() += 1;
            }
        }
        for st in &analysis.stance {
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

    /// Ranks, aggregates and clusters.
    pub fn finish(self) -> CorpusSummary {
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
                EntityCount {
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
                    holder,
                    target,
                    count: c.count,
                    positive: c.positive,
                    negative: c.negative,
                    mean,
                    label: if mean > crate::sentiment::NEUTRAL_BAND {
                        Label::Positive
                    } else if mean < -crate::sentiment::NEUTRAL_BAND {
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
        }
    }
}

/// Slices the original text with spans in either unit.
struct Slicer<'t> {
    text: &'t str,
    starts: Option<Vec<usize>>,
}

impl<'t> Slicer<'t> {
    fn new(text: &'t str, unit: OffsetUnit) -> Slicer<'t> {
        let starts = (unit == OffsetUnit::Chars).then(|| {
            text.char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect()
        });
        Slicer { text, starts }
    }

    fn slice(&self, s: Span) -> &'t str {
        let (a, b) = match &self.starts {
            Some(st) => (
                st.get(s.start).copied().unwrap_or(self.text.len()),
                st.get(s.end).copied().unwrap_or(self.text.len()),
            ),
            None => (s.start, s.end),
        };
        self.text.get(a..b).unwrap_or("")
    }
}

pub mod cluster {
    //! Near-duplicate quotations across documents, in time linear in the
    //! number of quotations.
    //!
    //! Each quotation becomes the set of its content words, folded (lower
    //! case, no diacritics) and stripped of German inflection endings
    //! ("zuverlässigen" → "zuverlassig"). An inverted index holds the
    //! quotations of every word; each quotation is compared with those in the
    //! lists of its [`KEYS`] rarest words — in lists longer than
    //! [`BUCKET_CAP`] with the first [`REPRESENTATIVES`] only — so the
    //! candidate pairs are at most `quotes × KEYS × BUCKET_CAP`. A candidate pair from
    //! two documents is kept when it shares three words (or is the same short
    //! phrase) and at least [`MIN_OVERLAP`] of the shorter quotation's words
    //! — overlap, not Jaccard, so that a truncated or partial quotation still
    //! matches the full one. Kept pairs are joined with union-find; clusters spanning at
    //! least two documents are reported.

    use std::collections::HashMap;

    use super::{ClusterMember, QuoteCluster};

    /// Rarest words used as index keys per quotation.
    pub const KEYS: usize = 3;
    /// Buckets with more quotations than this compare each member with
    /// the first [`REPRESENTATIVES`] only.
    pub const BUCKET_CAP: usize = 24;
    /// Members of an oversized bucket every other member is compared with.
    pub const REPRESENTATIVES: usize = 4;
    /// Shared words over the words of the shorter quotation.
    pub const MIN_OVERLAP: f32 = 0.5;

    /// A quotation to cluster.
    #[derive(Clone, Debug)]
    pub struct Item {
        /// Document id.
        pub document: String,
        /// Index into the document's quotes.
        pub quote: usize,
        /// Speaker entity.
        pub speaker: Option<String>,
        /// The quotation as written.
        pub text: String,
    }

    const STOP: &[&str] = &[
        "aber", "alle", "allen", "als", "also", "auch", "auf", "aus", "bei", "beim", "bis",
        "dabei", "damit", "dann", "darauf", "daran", "darin", "dass", "dem", "den", "denen", "der",
        "des", "dessen", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch",
        "dort", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "gegen", "haben",
        "hat", "hatte", "hatten", "hier", "ihr", "ihre", "ihrem", "ihren", "ihrer", "im", "in",
        "ist", "kann", "keine", "keinen", "mehr", "mit", "nach", "nicht", "noch", "nur", "oder",
        "ohne", "sein", "seine", "seinem", "seinen", "seiner", "sich", "sie", "sind", "so",
        "sowie", "über", "uber", "um", "und", "uns", "unter", "vom", "von", "vor", "war", "waren",
        "was", "weil", "wenn", "werden", "wie", "wir", "wird", "wurde", "wurden", "zu", "zum",
        "zur", "zwischen", "sehr", "sei", "seien", "habe", "hätten", "hatten", "würde", "würden",
    ];

    /// The folded, stemmed content words of a quotation, sorted, distinct.
    pub fn words(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            let w = raw.trim_matches('-').to_lowercase();
            if w.chars().count() < 3 || STOP.contains(&w.as_str()) {
                continue;
            }
            let folded: String = w
                .chars()
                .map(|c| match c {
                    'ä' => 'a',
                    'ö' => 'o',
                    'ü' => 'u',
                    'ß' => 's',
                    c => c,
                })
                .collect();
            out.push(stem(&folded).to_string());
        }
        out.sort();
        out.dedup();
        out
    }

    /// Strips one German inflection ending, keeping at least four letters.
    fn stem(w: &str) -> &str {
        for end in ["ern", "en", "er", "es", "em", "e", "n", "s"] {
            if let Some(s) = w.strip_suffix(end) {
                if s.chars().count() >= 4 {
                    return s;
                }
            }
        }
        w
    }

    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }

    /// Clusters of quotations from at least two documents.
    pub fn clusters(items: &[Item]) -> Vec<QuoteCluster> {
        // Words as numbers, each quotation a sorted list of them.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let words: Vec<Vec<u32>> = items
            .iter()
            .map(|q| {
                let mut v: Vec<u32> = words(&q.text)
                    .into_iter()
                    .map(|w| {
                        let n = ids.len() as u32;
                        *ids.entry(w).or_insert(n)
                    })
                    .collect();
                v.sort_unstable();
                v
            })
            .collect();
        let mut df: Vec<u32> = vec![0; ids.len()];
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
        for (i, w) in words.iter().enumerate() {
            for &x in w {
                df[x as usize] += 1;
                if w.len() >= 2 {
                    postings[x as usize].push(i as u32);
                }
            }
        }
        let mut doc_ids: HashMap<&str, u32> = HashMap::new();
        let doc: Vec<u32> = items
            .iter()
            .map(|q| {
                let n = doc_ids.len() as u32;
                *doc_ids.entry(q.document.as_str()).or_insert(n)
            })
            .collect();
        let mut parent: Vec<usize> = (0..items.len()).collect();
        let mut pair_sim: HashMap<(usize, usize), f32> = HashMap::new();
        let mut keys: Vec<u32> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if w.len() < 2 {
                continue;
            }
            // Each quotation probes the lists of its rarest words, so a
            // short quotation finds the long ones that contain its words.
            keys.clear();
            keys.extend_from_slice(w);
            keys.sort_by_key(|&k| (df[k as usize], k));
            for &k in keys.iter().take(KEYS) {
                let list = &postings[k as usize];
                // In a list over the cap only the first few are compared: a
                // statement syndicated to hundreds of outlets still forms
                // one cluster, in linear time.
                let n = if list.len() > BUCKET_CAP {
                    REPRESENTATIVES
                } else {
                    list.len()
                };
                for &j in &list[..n] {
                    let j = j as usize;
                    let pair = (i.min(j), i.max(j));
                    if i == j || doc[i] == doc[j] || pair_sim.contains_key(&pair) {
                        continue;
                    }
                    let (a, c) = (&words[i], &words[j]);
                    let shared = crate::quote_eval::common(a, c);
                    let shorter = a.len().min(c.len());
                    let overlap = shared as f32 / shorter as f32;
                    // Three shared words, or the same short phrase: two
                    // words in common ("koreanische Halbinsel") make no
                    // statement the same.
                    let enough =
                        shared >= 3 || (shared >= 2 && a.len() == shared && c.len() == shared);
                    if enough && overlap >= MIN_OVERLAP {
                        pair_sim.insert(pair, overlap);
                        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                        if ri != rj {
                            parent[ri.max(rj)] = ri.min(rj);
                        }
                    }
                }
            }
        }
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..items.len() {
            let r = find(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
        let mut sims: HashMap<usize, (f32, usize)> = HashMap::new();
        for (&(i, _), &s) in &pair_sim {
            let r = find(&mut parent, i);
            let e = sims.entry(r).or_default();
            e.0 += s;
            e.1 += 1;
        }
        let mut out: Vec<QuoteCluster> = groups
            .into_iter()
            .filter(|(_, m)| {
                m.len() >= 2 && m.iter().any(|&i| items[i].document != items[m[0]].document)
            })
            .map(|(r, mut m)| {
                m.sort();
                let mut speakers: Vec<String> =
                    m.iter().filter_map(|&i| items[i].speaker.clone()).collect();
                speakers.sort();
                speakers.dedup();
                let (sum, n) = sims.get(&r).copied().unwrap_or((0.0, 1));
                QuoteCluster {
                    members: m
                        .iter()
                        .map(|&i| ClusterMember {
                            document: items[i].document.clone(),
                            quote: items[i].quote,
                            speaker: items[i].speaker.clone(),
                            text: items[i].text.clone(),
                        })
                        .collect(),
                    speakers,
                    similarity: sum / n.max(1) as f32,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.members.len().cmp(&a.members.len()).then_with(|| {
                (a.members[0].document.as_str(), a.members[0].quote)
                    .cmp(&(b.members[0].document.as_str(), b.members[0].quote))
            })
        });
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn item(doc: &str, text: &str) -> Item {
            Item {
                document: doc.into(),
                quote: 0,
                speaker: Some("s".into()),
                text: text.into(),
            }
        }

        #[test]
        fn words_fold_and_stem() {
            assert_eq!(
                words("die „militärisch-technischen Zusammenarbeit“"),
                ["militarisch-technisch", "zusammenarbeit"]
            );
        }

        #[test]
        fn same_statement_in_two_documents() {
            let items = [
                item("a", "Eine zuverlässige Sicherheitsarchitektur im asiatisch-pazifischen Raum entwickeln"),
                item("b", "die Schaffung einer zuverlässigen und angemessenen Sicherheitsarchitektur im asiatisch-pazifischen Raum"),
                item("b", "Das Wetter ist schön heute"),
                item("c", "Ganz andere Worte über Fußball"),
            ];
            let c = clusters(&items);
            assert_eq!(c.len(), 1);
            assert_eq!(c[0].members.len(), 2);
            assert!(c[0].similarity >= 0.5);
        }

        #[test]
        fn two_common_words_are_not_the_same_statement() {
            let items = [
                item("a", "Destabilisierung der koreanischen Halbinsel"),
                item(
                    "b",
                    "Frieden und Stabilität auf der koreanischen Halbinsel sichern",
                ),
            ];
            assert!(clusters(&items).is_empty());
        }

        #[test]
        fn one_document_alone_is_no_cluster() {
            let items = [
                item("a", "volle Unterstützung und Solidarität"),
                item("a", "volle Unterstützung und Solidarität"),
            ];
            assert!(clusters(&items).is_empty());
        }

        #[test]
        fn syndicated_quotation_is_one_cluster() {
            // 5,000 documents with the same quotation: over the bucket cap,
            // compared with representatives only, still one cluster.
            let items: Vec<Item> = (0..5_000)
                .map(|i| item(&format!("d{i}"), "gemeinsame Erklärung beider Regierungen"))
                .collect();
            let c = clusters(&items);
            assert_eq!(c.len(), 1);
            assert_eq!(c[0].members.len(), 5_000);
        }
    }
}
