//! A learned judge for the speaker of each quote: a linear model over the
//! features of the speaker candidates the rules see (see
//! [`Quoter::speaker_candidates`](crate::Quoter::speaker_candidates)),
//! trained with an averaged ranking perceptron.
//!
//! A model file is plain text: a header line
//! `wortlaut-quote-model <version> <feature set>`, then one
//! `feature<TAB>weight` line per feature, sorted by feature. Training is
//! deterministic: the same examples, epochs and seed give the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// The version of the model file format this build reads and writes.
pub const MODEL_VERSION: u32 = 1;

/// The name of the feature set this build computes; a model trained on
/// another feature set is refused.
pub const FEATURE_SET: &str = "speaker-v1";

const MAGIC: &str = "wortlaut-quote-model";

/// Why a quote model could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file could not be read.
    #[error("cannot read the quote model {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The first line is not a quote model header.
    #[error(
        "not a wortlaut quote model (line 1 must be `{MAGIC} {MODEL_VERSION} {FEATURE_SET}`): \
         train one with `wortlaut train quotes`"
    )]
    NotAModel,
    /// The file was written by a build with another format or feature set.
    #[error(
        "the quote model has format {version} and features `{features}`, this build reads \
         format {MODEL_VERSION} with features `{FEATURE_SET}`: train it again with this \
         build's `wortlaut train quotes`"
    )]
    Mismatch {
        /// The version in the file.
        version: String,
        /// The feature set in the file.
        features: String,
    },
    /// A feature line is not `feature<TAB>weight` with a finite weight.
    #[error("quote model line {line}: expected `feature<TAB>weight` with a finite number")]
    BadLine {
        /// The 1-based line number.
        line: usize,
    },
}

/// A linear speaker model: one weight per feature.
#[derive(Clone, Debug, Default)]
pub struct SpeakerModel {
    weights: HashMap<String, f32>,
    /// The same weights by the 64-bit FNV-1a hash of the feature, so that
    /// scoring needs neither the feature's string nor SipHash.
    by_hash: HashMap<u64, f32, BuildHasherDefault<Identity>>,
}

impl PartialEq for SpeakerModel {
    fn eq(&self, other: &SpeakerModel) -> bool {
        self.weights == other.weights
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// 64-bit FNV-1a, fed piece by piece: a feature made of pieces hashes as
/// the string they make.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn feed(&mut self, s: &str) {
        for &b in s.as_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn fnv(s: &str) -> u64 {
    let mut h = Fnv::new();
    h.feed(s);
    h.0
}

/// One decision to learn from: the features of each candidate, and which
/// candidate is right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The features of every candidate (see
    /// [`SpeakerCandidate::features`](crate::SpeakerCandidate::features)).
    pub candidates: Vec<Vec<String>>,
    /// The index of the right candidate.
    pub gold: usize,
}

/// Settings of [`SpeakerModel::train`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrainSettings {
    /// Passes over the examples (at least 1).
    pub epochs: usize,
    /// Seed of the order in which examples are visited in each pass.
    pub seed: u64,
}

impl Default for TrainSettings {
    fn default() -> TrainSettings {
        TrainSettings { epochs: 8, seed: 1 }
    }
}

impl SpeakerModel {
    /// The weight of one feature (0 for a feature the model does not know).
    pub fn weight(&self, feature: &str) -> f32 {
        self.by_hash.get(&fnv(feature)).copied().unwrap_or(0.0)
    }

    /// The weight of the feature that is the concatenation of `pieces`,
    /// without building it.
    pub(crate) fn weight_of(&self, pieces: &[&str]) -> f32 {
        let mut h = Fnv::new();
        for p in pieces {
            h.feed(p);
        }
        self.by_hash.get(&h.0).copied().unwrap_or(0.0)
    }

    fn from_weights(weights: HashMap<String, f32>) -> SpeakerModel {
        let by_hash = weights.iter().map(|(k, v)| (fnv(k), *v)).collect();
        SpeakerModel { weights, by_hash }
    }

    /// The score of a candidate: the sum of its features' weights.
    pub fn score<S: AsRef<str>>(&self, features: &[S]) -> f32 {
        features.iter().map(|f| self.weight(f.as_ref())).sum()
    }

    /// The index of the best candidate (the first among equals), or `None`
    /// when there is none.
    pub fn best<S: AsRef<str>>(&self, candidates: &[Vec<S>]) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let s = self.score(c);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }

    /// How many features have a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no weights (it then picks the first
    /// candidate: the rules' own choice).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Trains an averaged ranking perceptron: for each example whose best
    /// candidate is wrong, the right candidate's features gain 1 and the
    /// chosen one's lose 1; the model is the average of the weights over
    /// all steps. `after_epoch` sees the averaged model after every pass
    /// (to choose the number of passes on held-out data); training stops
    /// early when it returns `false`.
    pub fn train(
        examples: &[Example],
        settings: TrainSettings,
        mut after_epoch: impl FnMut(usize, &SpeakerModel) -> bool,
    ) -> SpeakerModel {
        // Feature ids in first-seen order, so that nothing depends on hash
        // order.
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut names: Vec<&str> = Vec::new();
        let coded: Vec<(Vec<Vec<usize>>, usize)> = examples
            .iter()
            .filter(|e| e.gold < e.candidates.len())
            .map(|e| {
                let cands = e
                    .candidates
                    .iter()
                    .map(|c| {
                        c.iter()
                            .map(|f| {
                                *ids.entry(f.as_str()).or_insert_with(|| {
                                    names.push(f.as_str());
                                    names.len() - 1
                                })
                            })
                            .collect()
                    })
                    .collect();
                (cands, e.gold)
            })
            .collect();
        let n = names.len();
        let mut w = vec![0f64; n];
        // Sum of the weights over all steps, kept lazily: `acc[i]` holds
        // the sum up to step `stamp[i]`.
        let mut acc = vec![0f64; n];
        let mut stamp = vec![0u64; n];
        let mut step: u64 = 0;
        let mut order: Vec<usize> = (0..coded.len()).collect();
        let mut rng = SplitMix(settings.seed);
        let mut model = SpeakerModel::default();
        let score = |w: &[f64], c: &[usize]| -> f64 { c.iter().map(|&i| w[i]).sum() };
        for epoch in 1..=settings.epochs.max(1) {
            // Fisher–Yates with the seeded generator.
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &k in &order {
                step += 1;
                let (cands, gold) = &coded[k];
                let mut best = 0;
                let mut best_score = f64::NEG_INFINITY;
                for (i, c) in cands.iter().enumerate() {
                    let s = score(&w, c);
                    if s > best_score {
                        best = i;
                        best_score = s;
                    }
                }
                if best == *gold {
                    continue;
                }
                let mut update = |i: usize, d: f64| {
                    acc[i] += w[i] * (step - 1 - stamp[i]) as f64;
                    stamp[i] = step - 1;
                    w[i] += d;
                };
                for &i in &cands[*gold] {
                    update(i, 1.0);
                }
                for &i in &cands[best] {
                    update(i, -1.0);
                }
            }
            model = SpeakerModel::from_weights(
                names
                    .iter()
                    .enumerate()
                    .filter_map(|(i, name)| {
                        let total = acc[i] + w[i] * (step - stamp[i]) as f64;
                        let avg = (total / step.max(1) as f64) as f32;
                        // Six decimals, as written to the file: the model in
                        // memory is the model on disk.
                        let avg = round6(avg);
                        (avg != 0.0).then(|| (name.to_string(), avg))
                    })
                    .collect(),
            );
            if !after_epoch(epoch, &model) {
                break;
            }
        }
        model
    }

    /// The model as the text of a model file.
    pub fn to_text(&self) -> String {
        let sorted: BTreeMap<&str, f32> =
            self.weights.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let mut out = format!("{MAGIC} {MODEL_VERSION} {FEATURE_SET}\n");
        for (k, v) in sorted {
            out.push_str(k);
            out.push('\t');
            out.push_str(&format!("{v:.6}"));
            out.push('\n');
        }
        out
    }

    /// Reads a model from the text of a model file.
    pub fn from_text(text: &str) -> Result<SpeakerModel, ModelError> {
        let mut lines = text.lines();
        let header = lines.next().unwrap_or_default();
        let mut parts = header.split_whitespace();
        if parts.next() != Some(MAGIC) {
            return Err(ModelError::NotAModel);
        }
        let version = parts.next().unwrap_or_default();
        let features = parts.next().unwrap_or_default();
        if version != MODEL_VERSION.to_string() || features != FEATURE_SET {
            return Err(ModelError::Mismatch {
                version: version.to_string(),
                features: features.to_string(),
            });
        }
        let mut weights = HashMap::new();
        for (i, line) in lines.enumerate() {
            if line.is_empty() {
                continue;
            }
            let bad = || ModelError::BadLine { line: i + 2 };
            let (k, v) = line.split_once('\t').ok_or_else(bad)?;
            let v: f32 = v.trim().parse().map_err(|_| bad())?;
            if !v.is_finite() || k.is_empty() {
                return Err(bad());
            }
            weights.insert(k.to_string(), v);
        }
        Ok(SpeakerModel::from_weights(weights))
    }

    /// Reads a model file.
    pub fn load(path: impl AsRef<Path>) -> Result<SpeakerModel, ModelError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        SpeakerModel::from_text(&text)
    }
}

fn round6(x: f32) -> f32 {
    format!("{x:.6}").parse().unwrap_or(0.0)
}

/// SplitMix64: a small, well-known generator, enough to shuffle the
/// examples reproducibly.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(cands: &[&[&str]], gold: usize) -> Example {
        Example {
            candidates: cands
                .iter()
                .map(|c| c.iter().map(|s| s.to_string()).collect())
                .collect(),
            gold,
        }
    }

    #[test]
    fn learns_a_separable_choice_and_round_trips() {
        // The right candidate is always the one with "near", wherever it is.
        let examples: Vec<Example> = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    ex(&[&["far", "rule"], &["near"]], 1)
                } else {
                    ex(&[&["near", "rule"], &["far"]], 0)
                }
            })
            .collect();
        let model = SpeakerModel::train(&examples, TrainSettings::default(), |_, _| true);
        for e in &examples {
            assert_eq!(model.best(&e.candidates), Some(e.gold));
        }
        let text = model.to_text();
        assert!(text.starts_with("wortlaut-quote-model 1 speaker-v1\n"));
        let back = SpeakerModel::from_text(&text).unwrap();
        assert_eq!(back, model);
        // Same data, same seed: same bytes.
        let again = SpeakerModel::train(&examples, TrainSettings::default(), |_, _| true);
        assert_eq!(again.to_text(), text);
    }

    #[test]
    fn bad_files_are_clear_errors() {
        assert!(matches!(
            SpeakerModel::from_text(""),
            Err(ModelError::NotAModel)
        ));
        let e = SpeakerModel::from_text("wortlaut-quote-model 0 speaker-v0\n").unwrap_err();
        assert!(e.to_string().contains("train it again"), "{e}");
        let e = SpeakerModel::from_text("wortlaut-quote-model 1 speaker-v1\nx\tnan\n").unwrap_err();
        assert!(matches!(e, ModelError::BadLine { line: 2 }), "{e}");
        let e = SpeakerModel::from_text("wortlaut-quote-model 1 speaker-v1\nnotab\n").unwrap_err();
        assert!(matches!(e, ModelError::BadLine { line: 2 }), "{e}");
        let e = SpeakerModel::load("/nonexistent/model.txt").unwrap_err();
        assert!(e.to_string().contains("/nonexistent/model.txt"), "{e}");
    }

    #[test]
    fn an_empty_model_picks_the_first_candidate() {
        let m = SpeakerModel::default();
        assert!(m.is_empty());
        assert_eq!(m.best(&[vec!["a"], vec!["b"]]), Some(0));
        assert_eq!(m.best::<&str>(&[]), None);
    }
}
