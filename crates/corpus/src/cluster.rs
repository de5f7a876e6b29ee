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

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use wortlaut_text::Profile;

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

/// Words left out of a quotation's word set (lower case, as written): the
/// German profile's `corpus/cluster-stop-words`.
static STOP_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| german_list("corpus/cluster-stop-words"));

/// Inflection endings the stemmer strips, tried in file order: the German
/// profile's `corpus/inflection-endings`.
static ENDINGS: LazyLock<Vec<String>> = LazyLock::new(|| german_list("corpus/inflection-endings"));

/// The words of a list of the embedded German profile (empty if the
/// profile had no such list; a test checks that both lists are there).
fn german_list<C: FromIterator<String>>(name: &str) -> C {
    let list = Profile::german().list(name);
    list.iter()
        .flat_map(|l| l.words().map(str::to_string))
        .collect()
}

/// The folded, stemmed content words of a quotation, sorted, distinct.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut folded = String::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let w = raw.trim_matches('-').to_lowercase();
        if w.chars().count() < 3 || STOP_WORDS.contains(&w) {
            continue;
        }
        fold_into(&w, &mut folded);
        out.push(stem(&folded).to_string());
    }
    out.sort();
    out.dedup();
    out
}

/// Folds a lower-case word for comparison: umlauts lose their dots and ß
/// becomes s; every other character stays.
///
/// Not [`wortlaut::normalize::fold_str`], which folds ß to ss and strips
/// every diacritic: with it "daß" folds to "dass" instead of "das", and
/// three of the 44 quotation clusters of the Wikinews training articles
/// (`wortlaut analyze --format json`) change. Kept as it is until the
/// clusters are re-evaluated.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().map(|c| match c {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        'ß' => 's',
        c => c,
    }));
}

/// Strips one inflection ending, keeping at least four letters.
fn stem(w: &str) -> &str {
    for end in ENDINGS.iter() {
        if let Some(s) = w.strip_suffix(end.as_str()) {
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
                let shared = wortlaut_eval::common(a, c);
                let shorter = a.len().min(c.len());
                let overlap = shared as f32 / shorter as f32;
                // Three shared words, or the same short phrase: two
                // words in common ("koreanische Halbinsel") make no
                // statement the same.
                let enough = shared >= 3 || (shared >= 2 && a.len() == shared && c.len() == shared);
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
    // Summed in pair order: f32 addition depends on the order, and a hash
    // map's order changes from run to run.
    let mut pairs: Vec<((usize, usize), f32)> = pair_sim.into_iter().collect();
    pairs.sort_unstable_by_key(|&(pair, _)| pair);
    let mut sims: HashMap<usize, (f32, usize)> = HashMap::new();
    for ((i, _), s) in pairs {
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
    fn the_german_lists_are_there() {
        for name in ["corpus/cluster-stop-words", "corpus/inflection-endings"] {
            let list = Profile::german().list(name).expect("embedded list");
            assert!(list.words().count() > 5, "{name}");
        }
        // Each stop word once, in lower case.
        let listed = Profile::german()
            .list("corpus/cluster-stop-words")
            .expect("embedded list");
        assert_eq!(STOP_WORDS.len(), listed.words().count());
        assert!(STOP_WORDS.iter().all(|w| *w == w.to_lowercase()));
        assert!(STOP_WORDS.contains("und"));
        assert_eq!(ENDINGS.first().map(String::as_str), Some("ern"));
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
    fn similarity_is_the_same_in_every_run() {
        // One cluster of many pairs with different overlaps: its mean
        // must not depend on the order a hash map yields the pairs in.
        let texts = [
            "gemeinsame Erklärung beider Regierungen zur Zusammenarbeit",
            "gemeinsame Erklärung beider Regierungen",
            "Erklärung beider Regierungen zur Zusammenarbeit im Bereich Energie",
            "die gemeinsame Erklärung beider Regierungen zur Zusammenarbeit im Bereich",
            "beider Regierungen gemeinsame Erklärung heute",
        ];
        let items: Vec<Item> = (0..40)
            .map(|i| item(&format!("d{i}"), texts[i % texts.len()]))
            .collect();
        let first = clusters(&items);
        assert_eq!(first.len(), 1);
        for _ in 0..20 {
            assert_eq!(
                clusters(&items)[0].similarity.to_bits(),
                first[0].similarity.to_bits()
            );
        }
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
