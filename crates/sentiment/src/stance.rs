//! Holder → target → polarity triples from statements and evaluative clauses.

use std::collections::{BTreeMap, HashMap};

use wortlaut_normalize::Span;

use crate::polarity::{label, polarity};
use crate::{Label, Mention, MentionKind, Sentiment, Stance, StanceCell, Statement};

/// Prepositions after which a place is where something happens, not whom
/// a statement is about ("sagte Putin in Pjöngjang").
const LOCATIVE: &[&str] = &["in", "In", "im", "nach", "aus", "bei", "vor", "auf"];
/// Clause punctuation for evaluative clauses.
const CLAUSE_PUNCT: &[char] = &[',', ';', ':', '„', '“', '"', '(', ')'];
/// How far (bytes) an evaluative clause reaches from its verb.
const CLAUSE_REACH: usize = 240;

pub(crate) fn stances(
    text: &str,
    sentiment: &Sentiment,
    mentions: &[Mention],
    statements: &[Statement],
    band: f32,
) -> Vec<Stance> {
    let mut out = Vec::new();
    let affiliation: HashMap<&str, &str> = mentions
        .iter()
        .filter_map(|m| Some((m.entity.as_str(), m.affiliation.as_deref()?)))
        .collect();
    let related = |a: &str, b: &str| {
        a == b || affiliation.get(a) == Some(&b) || affiliation.get(b) == Some(&a)
    };
    let sentence_of = |pos: usize| {
        sentiment
            .sentences
            .partition_point(|s| s.span.end <= pos)
            .min(sentiment.sentences.len().saturating_sub(1))
    };
    let mentions_in = |span: Span| {
        let from = mentions.partition_point(|m| m.span.start < span.start);
        mentions[from..]
            .iter()
            .take_while(move |m| m.span.start < span.end)
            .filter(move |m| m.span.end <= span.end)
    };
    let evidence_in = |span: Span| {
        let from = sentiment
            .evidence
            .partition_point(|e| e.span.start < span.start);
        sentiment.evidence[from..]
            .iter()
            .take_while(move |e| e.span.start < span.end)
    };
    let mut covered: Vec<Span> = Vec::new();
    for (si, st) in statements.iter().enumerate() {
        covered.extend(st.spans.iter().chain(&st.cue).copied());
        if st.nested {
            continue;
        }
        let Some(holder) = st.holder.as_deref() else {
            continue;
        };
        let scope: Vec<Span> = st.spans.iter().chain(&st.cue).copied().collect();
        let ev: Vec<(Span, f32)> = scope
            .iter()
            .flat_map(|&s| evidence_in(s))
            .map(|e| (e.span, e.weight))
            .collect();
        let pol = polarity(ev.iter().map(|e| e.1), band, 0.0);
        if pol.label == Label::Neutral {
            continue;
        }
        let in_holder = |m: &Mention| st.holder_spans.iter().any(|h| h.contains(m.span));
        let fits = |m: &&Mention| {
            m.kind != MentionKind::Other && !in_holder(m) && !related(holder, &m.entity)
        };
        // Targets named in the quotation itself; else in the sentences of
        // the quotation and its cue, except places where it was said.
        let mut targets: Vec<&Mention> = st
            .spans
            .iter()
            .flat_map(|&s| mentions_in(s))
            .filter(fits)
            .collect();
        if targets.is_empty() {
            let mut seen_sentences = Vec::new();
            for s in &scope {
                for k in sentence_of(s.start)..=sentence_of(s.end.saturating_sub(1).max(s.start)) {
                    if !seen_sentences.contains(&k) {
                        seen_sentences.push(k);
                    }
                }
            }
            for k in seen_sentences {
                let Some(sent) = sentiment.sentences.get(k) else {
                    continue;
                };
                targets.extend(
                    mentions_in(sent.span).filter(fits).filter(|m| {
                        !(m.kind == MentionKind::Place && after_locative(text, m.span))
                    }),
                );
            }
        }
        push_targets(
            &mut out,
            holder,
            st.holder_spans.first().copied(),
            &targets,
            pol,
            &ev,
            Some(si),
        );
    }
    covered.sort_by_key(|s| (s.start, s.end));
    // Evaluative clauses outside statements: "Washington wirft Nordkorea vor".
    for e in sentiment.evidence.iter().filter(|e| e.stance_verb) {
        let k = covered.partition_point(|s| s.start <= e.span.start);
        if covered[..k]
            .iter()
            .rev()
            .take(8)
            .any(|s| s.contains(e.span))
        {
            continue;
        }
        let Some(sent) = sentiment.sentences.get(e.sentence) else {
            continue;
        };
        let start = clause_start(text, sent.span.start, e.span.start);
        let end = clause_end(text, e.span.end, sent.span.end);
        let region = Span::new(start, end);
        let before: Vec<&Mention> = mentions_in(Span::new(start, e.span.start))
            .filter(|m| m.kind != MentionKind::Other)
            .collect();
        let after: Vec<&Mention> = mentions_in(Span::new(e.span.end, end))
            .filter(|m| m.kind != MentionKind::Other)
            .collect();
        let (holder, targets): (&Mention, Vec<&Mention>) = if let Some(h) = before.first() {
            if after.is_empty() {
                // Verb-final clause: "dass Kim Putin lobte".
                (h, before[1..].to_vec())
            } else {
                (h, after)
            }
        } else if let Some(h) = after.first() {
            // Inverted subject: "Scharf kritisierte Washington den Pakt".
            (h, after[1..].to_vec())
        } else {
            continue;
        };
        if !matches!(
            holder.kind,
            MentionKind::Person
                | MentionKind::Organization
                | MentionKind::Place
                | MentionKind::Group
        ) {
            continue;
        }
        let targets: Vec<&Mention> = targets
            .into_iter()
            .filter(|m| !related(&holder.entity, &m.entity) && region.contains(m.span))
            .collect();
        let pol = polarity([e.weight], band, 0.0);
        if pol.label == Label::Neutral {
            continue;
        }
        push_targets(
            &mut out,
            &holder.entity,
            Some(holder.span),
            &targets,
            pol,
            &[(e.span, e.weight)],
            None,
        );
    }
    out.sort_by_key(|s| (s.evidence.first().map_or(0, |e| e.start), s.statement));
    out
}

fn push_targets(
    out: &mut Vec<Stance>,
    holder: &str,
    holder_span: Option<Span>,
    targets: &[&Mention],
    pol: crate::Polarity,
    evidence: &[(Span, f32)],
    statement: Option<usize>,
) {
    let mut by_target: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut order = Vec::new();
    for m in targets {
        let v = by_target.entry(m.entity.as_str()).or_default();
        if v.is_empty() {
            order.push(m.entity.as_str());
        }
        if !v.contains(&m.span) {
            v.push(m.span);
        }
    }
    for t in order {
        let mut target_spans = by_target.remove(t).unwrap_or_default();
        target_spans.sort_by_key(|s| s.start);
        out.push(Stance {
            holder: holder.to_string(),
            target: t.to_string(),
            polarity: pol,
            holder_span,
            target_spans,
            evidence: evidence
                .iter()
                .filter(|e| e.1 != 0.0)
                .map(|e| e.0)
                .collect(),
            statement,
        });
    }
}

fn after_locative(text: &str, span: Span) -> bool {
    let before = text
        .get(span.start.saturating_sub(12)..span.start)
        .unwrap_or("");
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    LOCATIVE.contains(&word)
}

fn clause_start(text: &str, floor: usize, at: usize) -> usize {
    let lo = at.saturating_sub(CLAUSE_REACH).max(floor);
    let lo = (lo..=at).find(|&i| text.is_char_boundary(i)).unwrap_or(at);
    match text.get(lo..at).and_then(|s| s.rfind(CLAUSE_PUNCT)) {
        Some(i) => lo + i + 1,
        None => lo,
    }
}

fn clause_end(text: &str, at: usize, ceil: usize) -> usize {
    let hi = (at + CLAUSE_REACH).min(ceil).min(text.len());
    let hi = (at..=hi)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(at);
    match text.get(at..hi).and_then(|s| s.find(CLAUSE_PUNCT)) {
        Some(i) => at + i,
        None => hi,
    }
}

pub(crate) fn matrix<'a>(
    stances: impl IntoIterator<Item = &'a Stance>,
    band: f32,
) -> Vec<StanceCell> {
    let mut cells: BTreeMap<(&str, &str), (usize, usize, usize, f32)> = BTreeMap::new();
    for s in stances {
        let c = cells
            .entry((s.holder.as_str(), s.target.as_str()))
            .or_default();
        c.0 += 1;
        match s.polarity.label {
            Label::Positive => c.1 += 1,
            Label::Negative => c.2 += 1,
            Label::Neutral => {}
        }
        c.3 += s.polarity.score;
    }
    let mut out: Vec<StanceCell> = cells
        .into_iter()
        .map(|((h, t), (n, p, neg, sum))| {
            let mean = sum / n as f32;
            StanceCell {
                holder: h.to_string(),
                target: t.to_string(),
                count: n,
                positive: p,
                negative: neg,
                mean,
                label: label(mean, band),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.holder.cmp(&b.holder))
            .then_with(|| a.target.cmp(&b.target))
    });
    out
}
