//! The German Wikinews quotation-attribution metric.
//!
//! Scores predicted quotations (quote, speaker, cue, frame, addressee, type,
//! medium) against the gold annotations of the German Wikinews quotation data
//! (Petersen-Frey & Biemann, LREC-COLING 2024; `../shared/eval/wikinews-quotes`).
//! It reproduces the `score` subcommand of the reference scorer
//! `wikinews_quotes.py` shipped with that data figure for figure, and
//! [`QuoteScores`] prints the same report (its `Display`) and the same JSON
//! (its `Serialize`) as that script.
//!
//! # How the metric works
//!
//! 1. Every span (code-point offsets into the article text) is mapped to the
//!    gold tokens it overlaps, so predictions are scored on the gold
//!    tokenisation.
//! 2. Per article, gold and predicted quotes are paired one-to-one by a
//!    maximum-weight assignment. A pair weighs the F1 of their quote-token
//!    overlap, plus 0.01 for the same type and 0.001 for the same medium when
//!    the overlap is positive; `min(#gold, #predicted)` pairs are always
//!    formed. The assignment is the shortest augmenting path method of
//!    `scipy.optimize.linear_sum_assignment`, with the same tie-breaking.
//! 3. Every pair, unpaired prediction and unpaired gold quote is a group. Per
//!    group and part (quote, addressee, cue, frame, speaker), token precision
//!    and recall are computed where their denominator is not 0.
//! 4. Messages (the quote part), Roles (the four other parts) and Joint (all
//!    five) are macro averages of those values; F1 is the harmonic mean of
//!    the averaged P and R. Form (type) and Medium are micro P/R/F1 of equal
//!    labels over the same groups.
//!
//! The extras (not in the paper) are token-level micro P/R/F1, Direct quotes
//! only (exact and ≥50% match), all quotes with a ≥50% match (each quote
//! covers at least half of the other's tokens), speaker and type accuracy on
//! those matches, and recall by gold type. See the data's `README.md`.
//!
//! ```
//! use std::collections::HashMap;
//! use wortlaut::quote_eval::{score, GoldArticle, QuoteRecord};
//!
//! // „Ja“, sagte Anna. — tokens „ Ja “ , sagte Anna .
//! let gold: GoldArticle = serde_json::from_str(
//!     r#"{"id": "1", "text": "„Ja“, sagte Anna.",
//!         "tokens": [[0,1],[1,3],[3,4],[4,5],[6,11],[12,16],[16,17]],
//!         "quotes": [{"quote": [[0,4]], "speaker": [[12,16]], "cue": [[6,11]],
//!                     "frame": [[6,16]], "addressee": [],
//!                     "type": "Direct", "medium": "Speech", "nested": false}]}"#,
//! )
//! .unwrap();
//! // The prediction misses the closing mark and the speaker.
//! let pred = QuoteRecord {
//!     quote: vec![[0, 3]],
//!     cue: vec![[6, 11]],
//!     kind: Some("Direct".into()),
//!     medium: Some("Speech".into()),
//!     ..QuoteRecord::default()
//! };
//! let predictions = HashMap::from([("1".to_string(), vec![pred])]);
//! let scores = score(&[gold], &predictions);
//! assert_eq!(scores.official.messages.precision, 1.0);
//! assert_eq!(scores.official.messages.recall, 2.0 / 3.0);
//! assert_eq!(scores.official.form.f1, 1.0);
//! assert_eq!(scores.extras.quotes_half.matched, 1);
//! assert_eq!(scores.extras.speaker_on_matched.exact_acc, 0.0);
//! assert!(scores.to_string().contains("  Messages (macro)        1.0000  0.6667  0.8000\n"));
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

/// One quotation: its spans per role and its labels.
///
/// Spans are `[start, end]` **code-point** offsets into the article text,
/// end exclusive (Python `text[start:end]`), as in the dataset. Reading
/// accepts, like the reference scorer, a missing or `null` role for no span
/// and a single `[start, end]` for one span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The quotation itself (a Direct quote includes its quotation marks).
    #[serde(default, deserialize_with = "spans")]
    pub quote: Vec<[usize; 2]>,
    /// Who is quoted; empty when not annotated.
    #[serde(default, deserialize_with = "spans")]
    pub speaker: Vec<[usize; 2]>,
    /// The speech verb or phrase ("sagte", "teilte … mit").
    #[serde(default, deserialize_with = "spans")]
    pub cue: Vec<[usize; 2]>,
    /// The introducing clause around the cue, without the quote.
    #[serde(default, deserialize_with = "spans")]
    pub frame: Vec<[usize; 2]>,
    /// To whom it was said.
    #[serde(default, deserialize_with = "spans")]
    pub addressee: Vec<[usize; 2]>,
    /// `Direct`, `Indirect`, `FreeIndirect`, `IndirectFreeIndirect` or
    /// `Reported` (JSON `"type"`).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// `Speech`, `Thought`, `Writing`, `ST`, `SW`, `TW` or `none`.
    #[serde(default)]
    pub medium: Option<String>,
}

/// One gold article of the converted dataset (a line of `dev.jsonl`).
///
/// Reading ignores the other fields of a line (`title`, `sentences`, a
/// quote's `nested`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldArticle {
    /// The Wikinews article id (a JSON number is read as its decimal string).
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// The article text.
    #[serde(default)]
    pub text: String,
    /// The dataset's tokens, `[start, end]` code-point spans, sorted.
    pub tokens: Vec<[usize; 2]>,
    /// The annotated quotations.
    #[serde(default, deserialize_with = "nullable")]
    pub quotes: Vec<QuoteRecord>,
}

/// A failure to read a gold or prediction file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line of a gold file is not an article of the converted dataset.
    #[error(
        "{path}:{line}:{}: not a gold article: {}; use a converted gold file \
         (wikinews_quotes.py convert), one JSON object per line with \"id\", \
         \"text\", \"tokens\" and \"quotes\"",
        .source.column(),
        json_message(.source)
    )]
    Gold {
        /// The file.
        path: PathBuf,
        /// The line number (1-based).
        line: usize,
        /// What is wrong with the line.
        #[source]
        source: serde_json::Error,
    },
    /// A line of a prediction file is not a prediction.
    #[error(
        "{path}:{line}:{}: not a prediction: {}; write one JSON object per line, \
         {{\"id\": \"...\", \"quotes\": [{{\"quote\": [[start, end], ...], \"speaker\": [...], \
         \"cue\": [...], \"frame\": [...], \"addressee\": [...], \"type\": \"...\", \
         \"medium\": \"...\"}}]}}, with code-point offsets",
        .source.column(),
        json_message(.source)
    )]
    Prediction {
        /// The file.
        path: PathBuf,
        /// The line number (1-based).
        line: usize,
        /// What is wrong with the line.
        #[source]
        source: serde_json::Error,
    },
}

/// A JSON error without its position (the line is always 1 here).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_string(),
        None => text,
    }
}

/// Reads a converted gold file (JSON Lines, one [`GoldArticle`] per line;
/// blank lines are skipped).
pub fn read_gold(path: impl AsRef<Path>) -> Result<Vec<GoldArticle>, ReadError> {
    let path = path.as_ref();
    let mut out = Vec::new();
    for_each_line(path, |n, line| {
        out.push(
            serde_json::from_str(line).map_err(|source| ReadError::Gold {
                path: path.to_path_buf(),
                line: n,
                source,
            })?,
        );
        Ok(())
    })?;
    Ok(out)
}

/// Reads predictions: JSON Lines `{"id": ..., "quotes": [...]}`, quotes as
/// [`QuoteRecord`]s (other fields are ignored, so a gold file reads as
/// predictions too). Returns the quotes by article id; when an id occurs
/// twice, the later line wins, as in the reference scorer.
pub fn read_predictions(
    path: impl AsRef<Path>,
) -> Result<HashMap<String, Vec<QuoteRecord>>, ReadError> {
    #[derive(Deserialize)]
    struct Line {
        #[serde(deserialize_with = "id_string")]
        id: String,
        #[serde(default, deserialize_with = "nullable")]
        quotes: Vec<QuoteRecord>,
    }
    let path = path.as_ref();
    let mut out = HashMap::new();
    for_each_line(path, |n, line| {
        let l: Line = serde_json::from_str(line).map_err(|source| ReadError::Prediction {
            path: path.to_path_buf(),
            line: n,
            source,
        })?;
        out.insert(l.id, l.quotes);
        Ok(())
    })?;
    Ok(out)
}

fn for_each_line(
    path: &Path,
    mut f: impl FnMut(usize, &str) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::io::BufReader::new(std::fs::File::open(path).map_err(io)?);
    for (i, line) in file.lines().enumerate() {
        let line = line.map_err(io)?;
        let line = line.trim();
        if !line.is_empty() {
            f(i + 1, line)?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ serde helpers

/// An id given as a string or as a (non-negative or negative) integer.
fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an article id (string or integer)")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(V)
}

/// `null` as an empty list.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

const SPAN_SHAPE: &str = "a span must be [start, end] and a role a list of spans";

/// A role's spans: `null`, `[]`, one `[s, e]` or a list `[[s, e], ...]`.
fn spans<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[usize; 2]>, D::Error> {
    /// An element of the outer list: an offset (single-span form) or a span.
    enum Elem {
        Offset(usize),
        Span([usize; 2]),
    }
    impl<'de> Deserialize<'de> for Elem {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Elem, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Elem;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a span [start, end] of code-point offsets")
                }
                fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Elem, E> {
                    usize::try_from(v)
                        .map(Elem::Offset)
                        .map_err(|_| E::custom("offset too large"))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut a: A,
                ) -> Result<Elem, A::Error> {
                    let start = a.next_element::<usize>()?;
                    let end = a.next_element::<usize>()?;
                    match (start, end, a.next_element::<serde::de::IgnoredAny>()?) {
                        (Some(s), Some(e), None) => Ok(Elem::Span([s, e])),
                        _ => Err(serde::de::Error::custom(SPAN_SHAPE)),
                    }
                }
            }
            d.deserialize_any(V)
        }
    }
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<[usize; 2]>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of spans [[start, end], ...] of code-point offsets")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut a: A,
        ) -> Result<Self::Value, A::Error> {
            use serde::de::Error;
            let mut out = Vec::new();
            match a.next_element::<Elem>()? {
                None => {}
                Some(Elem::Offset(s)) => {
                    match (a.next_element::<usize>()?, a.next_element::<usize>()?) {
                        (Some(e), None) => out.push([s, e]),
                        _ => return Err(A::Error::custom(SPAN_SHAPE)),
                    }
                }
                Some(Elem::Span(sp)) => {
                    out.push(sp);
                    while let Some(elem) = a.next_element::<Elem>()? {
                        match elem {
                            Elem::Span(sp) => out.push(sp),
                            Elem::Offset(_) => return Err(A::Error::custom(SPAN_SHAPE)),
                        }
                    }
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

// ------------------------------------------------------------------- the figures

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision (JSON `"P"`).
    #[serde(rename = "P")]
    pub precision: f64,
    /// Recall (JSON `"R"`).
    #[serde(rename = "R")]
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0 (JSON `"F1"`).
    #[serde(rename = "F1")]
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

/// The figures of the dataset's own metric.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct OfficialScores {
    /// The quote part, macro over groups.
    pub messages: Prf,
    /// The four role parts (addressee, cue, frame, speaker), macro.
    pub roles: Prf,
    /// All five parts, macro.
    pub joint: Prf,
    /// The quotation type, micro.
    pub form: Prf,
    /// The medium (speech, thought, writing; "STWR"), micro.
    pub medium: Prf,
}

/// Quotes matched one-to-one under some criterion, with P/R/F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct MatchScores {
    /// matched / pred, matched / gold.
    #[serde(flatten)]
    pub prf: Prf,
    /// Pairs matched.
    pub matched: usize,
    /// Gold quotes considered.
    pub gold: usize,
    /// Predicted quotes considered.
    pub pred: usize,
}

/// Speaker agreement on the quotes matched ≥50%.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SpeakerScores {
    /// Quote pairs matched ≥50%.
    pub matched: usize,
    /// Share of them with the same speaker tokens (both empty counts).
    pub exact_acc: f64,
    /// Share with overlapping speaker tokens (or both empty).
    pub lenient_acc: f64,
    /// Matched pairs whose gold quote has a speaker.
    pub matched_with_gold_speaker: usize,
    /// Of those, share with the same speaker tokens.
    pub exact_acc_gold_speaker: f64,
    /// Of those, share with overlapping speaker tokens.
    pub lenient_acc_gold_speaker: f64,
}

/// Recall of the ≥50% match for one gold type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct TypeRecall {
    /// Gold quotes of this type matched.
    pub found: usize,
    /// Gold quotes of this type.
    pub gold: usize,
    /// found / gold (JSON `"R"`).
    #[serde(rename = "R")]
    pub recall: f64,
}

/// The figures the reference scorer adds to the official metric.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExtraScores {
    /// Quote tokens, micro over all groups.
    pub messages_micro_tokens: Prf,
    /// Role tokens, micro.
    pub roles_micro_tokens: Prf,
    /// All tokens, micro.
    pub joint_micro_tokens: Prf,
    /// Gold Direct quotes against predictions typed Direct or untyped (with
    /// at least one token): identical tokens.
    pub direct_exact: MatchScores,
    /// The same with the ≥50% match.
    pub direct_half: MatchScores,
    /// All quotes, ≥50% match: each covers at least half of the other's
    /// tokens; maximum number of pairs, then maximum total overlap F1.
    pub quotes_half: MatchScores,
    /// Speaker agreement on the pairs of [`ExtraScores::quotes_half`].
    pub speaker_on_matched: SpeakerScores,
    /// Share of those pairs with the same type.
    pub type_acc_on_matched: f64,
    /// Recall of the ≥50% match by gold type (`"None"` for untyped gold).
    pub recall_half_by_gold_type: BTreeMap<String, TypeRecall>,
}

/// Everything `wikinews_quotes.py score` reports.
///
/// `Display` writes the script's text report, ending with a newline (write
/// it with `print!`); `Serialize` gives the keys and nesting of its `--json`
/// output.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QuoteScores {
    /// Gold articles.
    pub documents: usize,
    /// Gold quotes.
    pub gold_quotes: usize,
    /// Predicted quotes in gold articles.
    pub pred_quotes: usize,
    /// Ids of predicted articles that are not in the gold file (ignored),
    /// sorted.
    pub pred_documents_not_in_gold: Vec<String>,
    /// The assignment implementation: always `"builtin"` (the script says
    /// `"scipy"` when it has scipy; both give the same assignment).
    pub assignment: &'static str,
    /// The dataset's metric.
    pub official: OfficialScores,
    /// The script's extra figures.
    pub extras: ExtraScores,
}

// ------------------------------------------------------------------- scoring

/// Indices into [`Group::parts`], whose order (quote, addressee, cue, frame,
/// speaker) is the one the metric averages in.
const QUOTE: usize = 0;
const SPEAKER: usize = 4;
const N_PARTS: usize = 5;

/// A quote on the gold tokens: sorted, distinct token indices per part
/// (quote, addressee, cue, frame, speaker).
struct Group<'a> {
    parts: [Vec<usize>; N_PARTS],
    form: Option<&'a str>,
    medium: Option<&'a str>,
}

impl Group<'_> {
    fn empty() -> Group<'static> {
        Group {
            parts: Default::default(),
            form: None,
            medium: None,
        }
    }

    fn new<'a>(q: &'a QuoteRecord, starts: &[usize], ends: &[usize]) -> Group<'a> {
        let roles = [&q.quote, &q.addressee, &q.cue, &q.frame, &q.speaker];
        Group {
            parts: roles.map(|spans| {
                let mut toks = Vec::new();
                for &[s, e] in spans {
                    tokens_covering(starts, ends, s, e, &mut toks);
                }
                toks.sort_unstable();
                toks.dedup();
                toks
            }),
            form: q.kind.as_deref(),
            medium: q.medium.as_deref(),
        }
    }
}

/// Python's `bisect.bisect_right`.
fn bisect_right(a: &[usize], x: usize) -> usize {
    let (mut lo, mut hi) = (0, a.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Appends the indices of the tokens that overlap `[s, e)`.
fn tokens_covering(starts: &[usize], ends: &[usize], s: usize, e: usize, out: &mut Vec<usize>) {
    if e <= s {
        return;
    }
    let mut i = bisect_right(ends, s);
    while i < starts.len() && starts[i] < e {
        out.push(i);
        i += 1;
    }
}

/// Size of the intersection of two sorted, distinct lists.
pub(crate) fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn overlap_f1(gold: &[usize], pred: &[usize]) -> f64 {
    let both = common(gold, pred);
    if both == 0 {
        return 0.0;
    }
    let precision = both as f64 / pred.len() as f64;
    let recall = both as f64 / gold.len() as f64;
    2.0 * precision * recall / (precision + recall)
}

fn ratio(num: usize, den: usize) -> f64 {
    if den > 0 {
        num as f64 / den as f64
    } else {
        0.0
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Left-to-right sum, as Python's `sum` of floats (before 3.12).
fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for v in values {
        sum += v;
        n += 1;
    }
    if n > 0 {
        sum / n as f64
    } else {
        0.0
    }
}

#[derive(Default)]
struct LabelCounts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl LabelCounts {
    fn add(&mut self, pred: Option<&str>, gold: Option<&str>) {
        if pred == gold {
            if gold.is_some() {
                self.tp += 1;
            }
        } else {
            if pred.is_some() {
                self.fp += 1;
            }
            if gold.is_some() {
                self.fn_ += 1;
            }
        }
    }

    fn prf(&self) -> Prf {
        Prf::new(
            ratio(self.tp, self.tp + self.fp),
            ratio(self.tp, self.tp + self.fn_),
        )
    }
}

/// The official metric's running sums.
#[derive(Default)]
struct Tally {
    /// Per part, the precision and recall of every group, in group order.
    p_vals: [Vec<f64>; N_PARTS],
    r_vals: [Vec<f64>; N_PARTS],
    /// Per part, token tp, fp, fn.
    tok: [[usize; 3]; N_PARTS],
    form: LabelCounts,
    medium: LabelCounts,
}

impl Tally {
    fn add_pair(&mut self, s: &Group, g: &Group) {
        for p in 0..N_PARTS {
            let tp = common(&g.parts[p], &s.parts[p]);
            let fp = s.parts[p].len() - tp;
            let fn_ = g.parts[p].len() - tp;
            for (k, v) in [tp, fp, fn_].into_iter().enumerate() {
                self.tok[p][k] += v;
            }
            if tp + fp > 0 {
                self.p_vals[p].push(tp as f64 / (tp + fp) as f64);
            }
            if tp + fn_ > 0 {
                self.r_vals[p].push(tp as f64 / (tp + fn_) as f64);
            }
        }
        self.form.add(s.form, g.form);
        self.medium.add(s.medium, g.medium);
    }

    fn macro_avg(&self, parts: std::ops::Range<usize>) -> Prf {
        let p = mean(parts.clone().flat_map(|p| self.p_vals[p].iter().copied()));
        let r = mean(parts.flat_map(|p| self.r_vals[p].iter().copied()));
        Prf::new(p, r)
    }

    fn micro_tokens(&self, parts: std::ops::Range<usize>) -> Prf {
        let [mut tp, mut fp, mut fn_] = [0; 3];
        for p in parts {
            tp += self.tok[p][0];
            fp += self.tok[p][1];
            fn_ += self.tok[p][2];
        }
        Prf::new(ratio(tp, tp + fp), ratio(tp, tp + fn_))
    }
}

/// One-to-one matching where each quote covers at least half of the other's
/// tokens: maximum number of pairs, then maximum total overlap F1. Pairs
/// (gold, pred), sorted by gold.
fn overlap_matching(gold: &[&[usize]], pred: &[&[usize]]) -> Vec<(usize, usize)> {
    if gold.is_empty() || pred.is_empty() {
        return Vec::new();
    }
    let mut w = Vec::with_capacity(gold.len() * pred.len());
    let mut any = false;
    for g in gold {
        for s in pred {
            let inter = common(g, s);
            if inter > 0 && 2 * inter >= g.len() && 2 * inter >= s.len() {
                w.push(1000.0 + overlap_f1(g, s));
                any = true;
            } else {
                w.push(0.0);
            }
        }
    }
    if !any {
        return Vec::new();
    }
    let n_c = pred.len();
    assign_max(&w, gold.len(), n_c)
        .into_iter()
        .filter(|&(r, c)| w[r * n_c + c] > 0.0)
        .collect()
}

/// Scores predictions against gold articles. Articles missing from
/// `predictions` have no predicted quote; predictions for ids not in `gold`
/// are listed in [`QuoteScores::pred_documents_not_in_gold`] and ignored.
///
/// Cost: per article, a few assignments of size #gold × #predicted quotes
/// (cubic in the larger); the dev set (150 articles) takes milliseconds.
pub fn score(gold: &[GoldArticle], predictions: &HashMap<String, Vec<QuoteRecord>>) -> QuoteScores {
    let mut order: Vec<&GoldArticle> = gold.iter().collect();
    order.sort_by(|a, b| a.id.cmp(&b.id));
    let mut unknown: Vec<String> = {
        let ids: std::collections::HashSet<&str> = gold.iter().map(|d| d.id.as_str()).collect();
        predictions
            .keys()
            .filter(|k| !ids.contains(k.as_str()))
            .cloned()
            .collect()
    };
    unknown.sort();

    let mut tally = Tally::default();
    // Direct quotes: gold, pred, exact, half.
    let mut direct = [0usize; 4];
    let (mut matched, mut spk_exact, mut spk_lenient) = (0, 0, 0);
    let (mut with_gold, mut with_gold_exact, mut with_gold_lenient) = (0, 0, 0);
    let mut type_ok = 0;
    let mut per_type: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut n_gold, mut n_pred) = (0, 0);
    let no_quotes = Vec::new();
    let empty = Group::empty();

    for doc in order {
        let starts: Vec<usize> = doc.tokens.iter().map(|t| t[0]).collect();
        let ends: Vec<usize> = doc.tokens.iter().map(|t| t[1]).collect();
        let g: Vec<Group> = doc
            .quotes
            .iter()
            .map(|q| Group::new(q, &starts, &ends))
            .collect();
        let s: Vec<Group> = predictions
            .get(&doc.id)
            .unwrap_or(&no_quotes)
            .iter()
            .map(|q| Group::new(q, &starts, &ends))
            .collect();
        n_gold += g.len();
        n_pred += s.len();

        // The official metric.
        let mut w = Vec::with_capacity(g.len() * s.len());
        for gq in &g {
            for sq in &s {
                let ov = overlap_f1(&gq.parts[QUOTE], &sq.parts[QUOTE]);
                let fb = if ov > 0.0 && gq.form == sq.form {
                    0.01
                } else {
                    0.0
                };
                let mb = if ov > 0.0 && gq.medium == sq.medium {
                    0.001
                } else {
                    0.0
                };
                w.push(ov + fb + mb);
            }
        }
        let pairs = if g.is_empty() || s.is_empty() {
            Vec::new()
        } else {
            assign_max(&w, g.len(), s.len())
        };
        let mut g_paired = vec![false; g.len()];
        let mut s_paired = vec![false; s.len()];
        for &(gi, si) in &pairs {
            tally.add_pair(&s[si], &g[gi]);
            g_paired[gi] = true;
            s_paired[si] = true;
        }
        for (sq, _) in s.iter().zip(&s_paired).filter(|(_, &p)| !p) {
            tally.add_pair(sq, &empty);
        }
        for (gq, _) in g.iter().zip(&g_paired).filter(|(_, &p)| !p) {
            tally.add_pair(&empty, gq);
        }

        // Extras: Direct quotes only (predictions typed Direct or untyped).
        let gq: Vec<&[usize]> = g
            .iter()
            .filter(|q| q.form == Some("Direct"))
            .map(|q| q.parts[QUOTE].as_slice())
            .collect();
        let pq: Vec<&[usize]> = s
            .iter()
            .filter(|q| matches!(q.form, None | Some("Direct")) && !q.parts[QUOTE].is_empty())
            .map(|q| q.parts[QUOTE].as_slice())
            .collect();
        direct[0] += gq.len();
        direct[1] += pq.len();
        let mut used = vec![false; pq.len()];
        for x in &gq {
            if let Some(k) = (0..pq.len()).find(|&k| !used[k] && pq[k] == *x) {
                used[k] = true;
                direct[2] += 1;
            }
        }
        direct[3] += overlap_matching(&gq, &pq).len();

        // Extras: all quotes, ≥50% match; speakers; recall by type.
        let all_g: Vec<&[usize]> = g.iter().map(|q| q.parts[QUOTE].as_slice()).collect();
        let all_s: Vec<&[usize]> = s.iter().map(|q| q.parts[QUOTE].as_slice()).collect();
        let mut found = vec![false; g.len()];
        for (gi, si) in overlap_matching(&all_g, &all_s) {
            found[gi] = true;
            let (gs, ss) = (&g[gi].parts[SPEAKER], &s[si].parts[SPEAKER]);
            let same = gs == ss;
            let overlap = common(gs, ss) > 0;
            matched += 1;
            spk_exact += usize::from(same);
            spk_lenient += usize::from((gs.is_empty() && ss.is_empty()) || overlap);
            if !gs.is_empty() {
                with_gold += 1;
                with_gold_exact += usize::from(same);
                with_gold_lenient += usize::from(overlap);
            }
            type_ok += usize::from(g[gi].form == s[si].form);
        }
        for (q, f) in g.iter().zip(found) {
            let e = per_type
                .entry(q.form.unwrap_or("None").to_string())
                .or_default();
            e.0 += usize::from(f);
            e.1 += 1;
        }
    }

    let half = |m: usize, gold: usize, pred: usize| MatchScores {
        prf: Prf::new(ratio(m, pred), ratio(m, gold)),
        matched: m,
        gold,
        pred,
    };
    QuoteScores {
        documents: gold.len(),
        gold_quotes: n_gold,
        pred_quotes: n_pred,
        pred_documents_not_in_gold: unknown,
        assignment: "builtin",
        official: OfficialScores {
            messages: tally.macro_avg(0..1),
            roles: tally.macro_avg(1..N_PARTS),
            joint: tally.macro_avg(0..N_PARTS),
            form: tally.form.prf(),
            medium: tally.medium.prf(),
        },
        extras: ExtraScores {
            messages_micro_tokens: tally.micro_tokens(0..1),
            roles_micro_tokens: tally.micro_tokens(1..N_PARTS),
            joint_micro_tokens: tally.micro_tokens(0..N_PARTS),
            direct_exact: half(direct[2], direct[0], direct[1]),
            direct_half: half(direct[3], direct[0], direct[1]),
            quotes_half: half(matched, n_gold, n_pred),
            speaker_on_matched: SpeakerScores {
                matched,
                exact_acc: ratio(spk_exact, matched),
                lenient_acc: ratio(spk_lenient, matched),
                matched_with_gold_speaker: with_gold,
                exact_acc_gold_speaker: ratio(with_gold_exact, with_gold),
                lenient_acc_gold_speaker: ratio(with_gold_lenient, with_gold),
            },
            type_acc_on_matched: ratio(type_ok, matched),
            recall_half_by_gold_type: per_type
                .into_iter()
                .map(|(t, (found, gold))| {
                    (
                        t,
                        TypeRecall {
                            found,
                            gold,
                            recall: ratio(found, gold),
                        },
                    )
                })
                .collect(),
        },
    }
}

impl fmt::Display for QuoteScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}  gold quotes {}  predicted quotes {}  (assignment: {})",
            self.documents, self.gold_quotes, self.pred_quotes, self.assignment
        )?;
        if !self.pred_documents_not_in_gold.is_empty() {
            writeln!(
                f,
                "warning: {} predicted documents not in gold, ignored",
                self.pred_documents_not_in_gold.len()
            )?;
        }
        writeln!(
            f,
            "\nofficial metric (token level, Hungarian quote assignment)"
        )?;
        writeln!(f, "  {:<22}{:>8}{:>8}{:>8}", "", "P", "R", "F1")?;
        let o = &self.official;
        for (label, v) in [
            ("Messages (macro)", o.messages),
            ("Roles (macro)", o.roles),
            ("Joint (macro)", o.joint),
            ("Form (micro)", o.form),
            ("Medium/STWR (micro)", o.medium),
        ] {
            writeln!(
                f,
                "  {label:<22}{:8.4}{:8.4}{:8.4}",
                v.precision, v.recall, v.f1
            )?;
        }
        let ex = &self.extras;
        writeln!(f, "\nextras (not in the paper)")?;
        for (label, v) in [
            ("Messages tokens micro", ex.messages_micro_tokens),
            ("Roles tokens micro", ex.roles_micro_tokens),
            ("Joint tokens micro", ex.joint_micro_tokens),
        ] {
            writeln!(
                f,
                "  {label:<28}{:8.4}{:8.4}{:8.4}",
                v.precision, v.recall, v.f1
            )?;
        }
        for (label, v) in [
            ("Direct quotes, exact", ex.direct_exact),
            ("Direct quotes, >=50%", ex.direct_half),
            ("All quotes, >=50%", ex.quotes_half),
        ] {
            writeln!(
                f,
                "  {label:<28}{:8.4}{:8.4}{:8.4}   ({} matched / {} gold / {} pred)",
                v.prf.precision, v.prf.recall, v.prf.f1, v.matched, v.gold, v.pred
            )?;
        }
        let s = &ex.speaker_on_matched;
        writeln!(
            f,
            "  speaker accuracy on {} quotes matched >=50%: exact {:.4}, overlap {:.4}; \
             on the {} with a gold speaker: exact {:.4}, overlap {:.4}",
            s.matched,
            s.exact_acc,
            s.lenient_acc,
            s.matched_with_gold_speaker,
            s.exact_acc_gold_speaker,
            s.lenient_acc_gold_speaker
        )?;
        writeln!(
            f,
            "  type accuracy on matched quotes: {:.4}",
            ex.type_acc_on_matched
        )?;
        write!(f, "  recall (>=50%) by gold type: ")?;
        for (k, (t, v)) in ex.recall_half_by_gold_type.iter().enumerate() {
            let sep = if k > 0 { ", " } else { "" };
            write!(f, "{sep}{t} {}/{}={:.3}", v.found, v.gold, v.recall)?;
        }
        writeln!(f)
    }
}

// ---------------------------------------------------------------- assignment

const NONE: usize = usize::MAX;

/// Maximum-weight assignment of the `n_r` × `n_c` matrix `w` (row-major,
/// finite weights): `min(n_r, n_c)` pairs (row, column), sorted by row.
///
/// A port of the script's replica of `scipy.optimize.linear_sum_assignment`
/// (shortest augmenting path, Crouse 2016) that breaks ties the same way:
/// rows are augmented in order, the column scan runs over a pool initialised
/// in reverse column order (and refilled by swap-remove), and among equally
/// short paths an unassigned column wins. The floating-point operations are
/// the script's, in the same order, so equal weights stay equal.
fn assign_max(w: &[f64], n_r: usize, n_c: usize) -> Vec<(usize, usize)> {
    if n_r == 0 || n_c == 0 {
        return Vec::new();
    }
    // Minimise the negated weights on a matrix with no more rows than
    // columns.
    let transposed = n_c < n_r;
    let (rows, cols) = if transposed { (n_c, n_r) } else { (n_r, n_c) };
    let mut cost = vec![0.0; rows * cols];
    for i in 0..n_r {
        for j in 0..n_c {
            let (r, c) = if transposed { (j, i) } else { (i, j) };
            cost[r * cols + c] = -w[i * n_c + j];
        }
    }
    let col4row = shortest_augmenting_path(&cost, rows, cols);
    let mut pairs: Vec<(usize, usize)> = col4row
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c != NONE)
        .map(|(r, c)| if transposed { (c, r) } else { (r, c) })
        .collect();
    pairs.sort_unstable();
    pairs
}

/// The column of every row of a minimum-cost assignment (`n_r <= n_c`).
fn shortest_augmenting_path(cost: &[f64], n_r: usize, n_c: usize) -> Vec<usize> {
    let inf = f64::INFINITY;
    let mut u = vec![0.0f64; n_r];
    let mut v = vec![0.0f64; n_c];
    let mut path = vec![NONE; n_c];
    let mut col4row = vec![NONE; n_r];
    let mut row4col = vec![NONE; n_c];
    let mut short = vec![inf; n_c];
    let mut in_sr = vec![false; n_r];
    let mut in_sc = vec![false; n_c];
    let mut pool: Vec<usize> = Vec::with_capacity(n_c);
    for cur in 0..n_r {
        short.fill(inf);
        in_sr.fill(false);
        in_sc.fill(false);
        pool.clear();
        pool.extend((0..n_c).rev());
        let mut n_pool = n_c;
        let mut min_val = 0.0f64;
        let mut sink = NONE;
        let mut i = cur;
        while sink == NONE {
            let mut best_k = NONE;
            let mut lowest = inf;
            in_sr[i] = true;
            let ci = &cost[i * n_c..(i + 1) * n_c];
            let ui = u[i];
            for (k, &j) in pool[..n_pool].iter().enumerate() {
                let r = min_val + ci[j] - ui - v[j];
                if r < short[j] {
                    path[j] = i;
                    short[j] = r;
                }
                if short[j] < lowest || (short[j] == lowest && row4col[j] == NONE) {
                    lowest = short[j];
                    best_k = k;
                }
            }
            min_val = lowest;
            if best_k == NONE || min_val == inf {
                // Only with infinite or NaN costs, which the metric never makes.
                return col4row;
            }
            let j = pool[best_k];
            if row4col[j] == NONE {
                sink = j;
            } else {
                i = row4col[j];
            }
            in_sc[j] = true;
            n_pool -= 1;
            pool[best_k] = pool[n_pool];
        }
        u[cur] += min_val;
        for i in 0..n_r {
            if in_sr[i] && i != cur {
                u[i] += min_val - short[col4row[i]];
            }
        }
        for j in 0..n_c {
            if in_sc[j] {
                v[j] -= min_val - short[j];
            }
        }
        let mut j = sink;
        loop {
            let i = path[j];
            row4col[j] = i;
            std::mem::swap(&mut col4row[i], &mut j);
            if i == cur {
                break;
            }
        }
    }
    col4row
}

impl From<&crate::QuoteRecord> for QuoteRecord {
    /// The dataset's form of a quote of an [`Analysis`](crate::Analysis)
    /// (offsets as they are in the analysis: convert it to code points
    /// first to score or write predictions).
    fn from(q: &crate::QuoteRecord) -> QuoteRecord {
        let pairs = |v: &[crate::OrigSpan]| -> Vec<[usize; 2]> {
            v.iter().map(|s| [s.start, s.end]).collect()
        };
        QuoteRecord {
            quote: pairs(&q.quote),
            speaker: pairs(&q.speaker),
            cue: pairs(&q.cue),
            frame: pairs(&q.frame),
            addressee: pairs(&q.addressee),
            kind: Some(q.kind.as_str().to_string()),
            medium: Some(q.medium.as_str().to_string()),
        }
    }
}

/// Runs `pipeline` on the text of every gold article (in parallel) and
/// returns its quotes as predictions in the dataset's form (code-point
/// offsets), keyed by article id, ready for [`score`].
pub fn predict(
    pipeline: &crate::Pipeline,
    gold: &[GoldArticle],
) -> HashMap<String, Vec<QuoteRecord>> {
    use rayon::prelude::*;
    gold.par_iter()
        .map(|a| {
            let analysis = pipeline
                .analyze(&a.text)
                .into_unit(&a.text, crate::OffsetUnit::Chars);
            let quotes = analysis.quotes.iter().map(QuoteRecord::from).collect();
            (a.id.clone(), quotes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync() {
        fn f<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        f::<QuoteScores>();
        f::<GoldArticle>();
        f::<QuoteRecord>();
        fn g<T: Send + Sync>() {}
        g::<ReadError>();
    }

    /// Runs the assignment on a matrix given as rows.
    fn assign(rows: &[&[f64]]) -> Vec<(usize, usize)> {
        let flat: Vec<f64> = rows.iter().flat_map(|r| r.iter().copied()).collect();
        assign_max(&flat, rows.len(), rows.first().map_or(0, |r| r.len()))
    }

    /// Name, matrix rows, expected pairs.
    type Case<'a> = (&'a str, &'a [&'a [f64]], &'a [(usize, usize)]);

    /// Tie-heavy matrices; every expected assignment is the one of the
    /// script's `_lsap_max` (which agrees with scipy's).
    #[test]
    fn assignment_breaks_ties_like_scipy() {
        let a = 0.4 + 0.011;
        let b = 1.011;
        let h = 2.0 / 3.0 + 0.01 + 0.001;
        let z = [0.0; 3];
        #[rustfmt::skip]
        let table: &[Case] = &[
            ("zeros", &[&z, &z, &z], &[(0, 0), (1, 1), (2, 2)]),
            ("same rows", &[&[a, b, a], &[a, b, a], &[a, b, a]], &[(0, 1), (1, 0), (2, 2)]),
            ("ones 2x4", &[&[1.0; 4], &[1.0; 4]], &[(0, 0), (1, 1)]),
            ("ones 4x2", &[&[1.0; 2], &[1.0; 2], &[1.0; 2], &[1.0; 2]], &[(0, 0), (1, 1)]),
            ("bonus ties", &[&[h, h, 0.0, 0.5], &[h, 0.0, h, 0.5], &[0.0, h, h, 0.5]],
                &[(0, 0), (1, 2), (2, 1)]),
            ("half 5x3", &[&[1000.5, 0.0, 1000.5], &[1000.5, 1000.5, 0.0], &z,
                &[1000.5, 1000.5, 1000.5], &[0.0, 1000.5, 0.0]], &[(0, 0), (1, 1), (3, 2)]),
            ("one row", &[&[0.5, 1.0, 1.0, 0.5]], &[(0, 1)]),
            ("one column", &[&[0.5], &[1.0], &[1.0], &[0.5]], &[(1, 0)]),
            ("greedy fails", &[&[1.0, 1.0, 0.0], &[1.0, 0.0, 0.0], &z], &[(0, 1), (1, 0), (2, 2)]),
            ("mixed 4x6", &[&[1.0, b, b, 0.5, 1.0, b], &[0.5, b, 0.5, b, 1.0, 1.0],
                &[0.0, 1.0, 1.0, 1.0, 1.0, 0.0], &[b, 1.0, 0.5, 0.5, 0.0, 1.0]],
                &[(0, 1), (1, 3), (2, 2), (3, 0)]),
            ("mixed 6x4", &[&[1.0, 0.5, 0.0, b], &[b, b, 1.0, 1.0], &[b, 0.5, 1.0, 0.5],
                &[0.5, b, 1.0, 0.5], &[1.0, 1.0, 1.0, 0.0], &[b, 1.0, 0.0, 1.0]],
                &[(0, 3), (1, 0), (2, 2), (3, 1)]),
            ("pool swap-remove", &[&[0.0, 0.5], &[0.5, 0.5], &[1.0, 1.0]], &[(1, 1), (2, 0)]),
            ("empty", &[], &[]),
        ];
        for (name, rows, want) in table {
            assert_eq!(assign(rows), *want, "{name}");
        }
    }

    #[test]
    fn tokens_are_those_a_span_overlaps() {
        // Tokens [0,3) [4,8) [8,9) [10,15).
        let starts = [0, 4, 8, 10];
        let ends = [3, 8, 9, 15];
        let covering = |s, e| {
            let mut v = Vec::new();
            tokens_covering(&starts, &ends, s, e, &mut v);
            v
        };
        assert_eq!(covering(0, 3), [0]);
        assert_eq!(covering(2, 5), [0, 1]);
        assert_eq!(covering(3, 4), Vec::<usize>::new());
        assert_eq!(covering(7, 11), [1, 2, 3]);
        assert_eq!(covering(5, 5), Vec::<usize>::new());
        assert_eq!(covering(14, 99), [3]);
    }
}
