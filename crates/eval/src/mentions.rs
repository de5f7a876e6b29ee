//! Entity mentions against a reference: span, type and link agreement.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use wortlaut::OrigSpan as Span;

use crate::Counts;
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
    pub(crate) fn add(
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

    pub(crate) fn finish_links(
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
