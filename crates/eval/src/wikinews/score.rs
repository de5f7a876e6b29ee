//! Scoring: gold tokens per part, the official tally, the matchings.

use std::collections::{BTreeMap, HashMap};

use super::assign::assign_max;
use super::scores::{
    ExtraScores, MatchScores, OfficialScores, QuoteScores, SpeakerScores, TypeRecall,
};
use super::{GoldArticle, WikinewsQuote};
use crate::metrics::{common, ratio, Prf};

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

    fn new<'a>(q: &'a WikinewsQuote, starts: &[usize], ends: &[usize]) -> Group<'a> {
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

fn overlap_f1(gold: &[usize], pred: &[usize]) -> f64 {
    let both = common(gold, pred);
    if both == 0 {
        return 0.0;
    }
    let precision = both as f64 / pred.len() as f64;
    let recall = both as f64 / gold.len() as f64;
    2.0 * precision * recall / (precision + recall)
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
pub fn score(
    gold: &[GoldArticle],
    predictions: &HashMap<String, Vec<WikinewsQuote>>,
) -> QuoteScores {
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

#[cfg(test)]
mod tests {
    use super::*;

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
