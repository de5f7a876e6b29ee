//! Holder → target → polarity triples from statements and evaluative clauses.

use std::collections::{BTreeMap, HashMap};

use wortlaut_normalize::Span;

use crate::grammar::Grammar;
use crate::polarity::{label, polarity};
use crate::{Label, Mention, MentionKind, Sentiment, Stance, StanceCell, Statement};

/// Clause punctuation for evaluative clauses.
const CLAUSE_PUNCT: &[char] = &[',', ';', ':', '„', '“', '"', '(', ')', '–', '—'];
/// How far (bytes) an evaluative clause reaches from its verb.
const CLAUSE_REACH: usize = 240;

pub(crate) fn stances(
    grammar: &Grammar,
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
            .filter(move |e| e.span.end <= span.end)
    };
    let mut covered: Vec<Span> = Vec::new();
    // Triples of each statement, to leave out what a nested statement
    // repeats of the one around it.
    let mut emitted: Vec<(Span, String, String, Label)> = Vec::new();
    for (si, st) in statements.iter().enumerate() {
        covered.extend(st.spans.iter().chain(&st.cue).copied());
        let Some(holder) = st.holder.as_deref() else {
            continue;
        };
        let scope: Vec<Span> = st.spans.iter().chain(&st.cue).copied().collect();
        let ev: Vec<(Span, f32)> = scope
            .iter()
            .flat_map(|&s| evidence_in(s))
            .filter(|e| !e.descriptive)
            .map(|e| (e.span, e.weight))
            .collect();
        let pol = polarity(ev.iter().map(|e| e.1), band, 0.0);
        if pol.label == Label::Neutral {
            continue;
        }
        // A name right after the speaker's name ends the phrase as an
        // object, not as an apposition: "dankte Putin Hanoi für …".
        let object_after_name = |m: &Mention| {
            let k = mentions.partition_point(|x| x.span.start < m.span.start);
            k > 0
                && mentions[k - 1].span.end + 1 == m.span.start
                && text.get(mentions[k - 1].span.end..m.span.start) == Some(" ")
                && st.holder_spans.iter().any(|h| h.end == m.span.end)
        };
        let in_holder = |m: &Mention| {
            st.holder_spans.iter().any(|h| h.contains(m.span)) && !object_after_name(m)
        };
        // A nationality in the speaker's description is the speaker's own
        // side: "der russische Botschafter" does not evaluate Russia.
        let own: Vec<&str> = st
            .holder_spans
            .iter()
            .flat_map(|&h| mentions_in(h))
            .filter(|m| m.kind == MentionKind::Group)
            .map(|m| m.entity.as_str())
            .collect();
        let fits = |m: &&Mention| {
            m.kind != MentionKind::Other
                && !in_holder(m)
                && !related(holder, &m.entity)
                && !own.contains(&m.entity.as_str())
                && !after_preposition(grammar, text, m.span)
        };
        // An evaluative cue ("wirft … vor", "kritisierte") names its target
        // in the frame; otherwise the targets are named in the statement,
        // or else in its clause.
        let evaluative_cue = st
            .cue
            .iter()
            .any(|&c| evidence_in(c).any(|e| e.stance_verb));
        let mut targets: Vec<&Mention> = Vec::new();
        if evaluative_cue {
            let in_frame: Vec<&Mention> = st
                .frame
                .iter()
                .flat_map(|&f| mentions_in(f))
                .filter(|m| !st.spans.iter().any(|q| q.contains(m.span)))
                .filter(fits)
                .collect();
            // The object follows its verb in a main clause ("lobte
            // Russlands …", "wirft Nordkorea vor"); before it only in a
            // verb-final clause.
            let cue = st.cue.iter().map(|c| c.start).min().unwrap_or(0);
            let after_cue: Vec<&Mention> = in_frame
                .iter()
                .copied()
                .filter(|m| m.span.start >= cue)
                .collect();
            targets = if after_cue.is_empty() {
                in_frame
            } else {
                after_cue
            };
        }
        if targets.is_empty() {
            targets.extend(st.spans.iter().flat_map(|&s| mentions_in(s)).filter(fits));
        }
        if targets.is_empty() {
            let (Some(first), Some(last)) = (
                scope.iter().map(|s| s.start).min(),
                scope.iter().map(|s| s.end).max(),
            ) else {
                continue;
            };
            let Some(sent) = sentiment.sentences.get(sentence_of(first)) else {
                continue;
            };
            // A cue before the quotation names its object between the two
            // ("Kim versprach Russland „volle Unterstützung“"); otherwise
            // look in the quotation's clause.
            let cue_end = st.cue.iter().map(|c| c.end).max();
            let quote_start = st.spans.iter().map(|s| s.start).min();
            let start = match (cue_end, quote_start) {
                (Some(c), Some(q)) if c <= q => c,
                _ => clause_start(text, sent.span.start.min(first), first),
            };
            let end = clause_end(text, last, sent.span.end.max(last));
            targets.extend(mentions_in(Span::new(start, end)).filter(fits));
            // "wo Kim ihn als „besten Freund“ betrachtet": an object
            // pronoun stands for the last person named before.
            if targets.is_empty() {
                if let Some(p) =
                    object_pronoun(grammar, text, Span::new(sent.span.start.min(first), end))
                {
                    let k = mentions.partition_point(|m| m.span.end <= p);
                    if let Some(m) = mentions[..k]
                        .iter()
                        .rev()
                        .take(40)
                        .filter(|m| p - m.span.end < 600)
                        .find(|m| m.kind == MentionKind::Person && fits(m))
                    {
                        targets.push(m);
                    }
                }
            }
        }
        let area = Span::new(
            scope.iter().map(|s| s.start).min().unwrap_or(0),
            scope.iter().map(|s| s.end).max().unwrap_or(0),
        );
        if st.nested {
            // Keep only what the statement around it did not say.
            targets.retain(|m| {
                !emitted.iter().rev().take(64).any(|(a, h, t, l)| {
                    a.contains(area) && h == holder && *t == m.entity && *l == pol.label
                })
            });
        }
        for m in &targets {
            emitted.push((area, holder.to_string(), m.entity.clone(), pol.label));
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
            .filter(|m| m.kind != MentionKind::Other && !after_preposition(grammar, text, m.span))
            .collect();
        let after: Vec<&Mention> = mentions_in(Span::new(e.span.end, end))
            .filter(|m| m.kind != MentionKind::Other && !after_preposition(grammar, text, m.span))
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
    let mut evidence: Vec<Span> = evidence
        .iter()
        .filter(|e| e.1 != 0.0)
        .map(|e| e.0)
        .collect();
    evidence.sort_by_key(|s| (s.start, s.end));
    evidence.dedup();
    for t in order {
        let mut target_spans = by_target.remove(t).unwrap_or_default();
        target_spans.sort_by_key(|s| s.start);
        out.push(Stance {
            holder: holder.to_string(),
            target: t.to_string(),
            polarity: pol,
            holder_span,
            target_spans,
            evidence: evidence.clone(),
            statement,
        });
    }
}

/// The position of an object pronoun ("ihn", "ihm") in `span`, if one is
/// there.
fn object_pronoun(grammar: &Grammar, text: &str, span: Span) -> Option<usize> {
    let lo = (span.start..=span.end).find(|&i| text.is_char_boundary(i))?;
    let hi = (lo..=span.end.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))?;
    let region = text.get(lo..hi)?;
    let mut at = 0;
    for w in region.split(|c: char| !c.is_alphabetic()) {
        let pos = lo + at;
        at += w.len()
            + region[at + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if grammar.object_pronouns.iter().any(|p| p == w) {
            return Some(pos);
        }
    }
    None
}

/// Whether the entity at `span` follows a preposition (after which it is
/// where or against whom something happens, not whom a statement
/// evaluates: "Krieg in der Ukraine", "sagte Putin in Pjöngjang",
/// "Lieferungen an die Ukraine"), is bracketed or the first part of a
/// compound.
fn after_preposition(grammar: &Grammar, text: &str, span: Span) -> bool {
    let is = |list: &[String], w: &str| list.iter().any(|x| x == w);
    let lo = (span.start.saturating_sub(40)..=span.start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(span.start);
    let before = text.get(lo..span.start).unwrap_or("");
    let mut words = before.split_whitespace().rev();
    // The preposition may come before an article: "in der Ukraine".
    let w1 = words.next().unwrap_or("");
    let w2 = words.next().unwrap_or("");
    let w3 = words.next().unwrap_or("");
    // A genitive attribute of such a phrase: "gegen Resolutionen des
    // UN-Sicherheitsrats".
    let prepositions = &grammar.prepositions;
    let genitive = is(&grammar.genitive_articles, w1)
        && w2.starts_with(char::is_uppercase)
        && is(prepositions, w3);
    let article = is(&grammar.articles, w1);
    // A name in parentheses is a dateline, credit or gloss: "(Hanoi)".
    let bracketed =
        before.ends_with('(') && text.get(span.end..).is_some_and(|r| r.starts_with(')'));
    // The first part of a compound names a kind, not a target:
    // "UN-Sanktionen", "Ukraine-Krieg".
    let compound = text
        .get(span.end..)
        .is_some_and(|r| r.starts_with('-') && r[1..].starts_with(char::is_alphabetic));
    bracketed || genitive || compound || is(prepositions, w1) || (article && is(prepositions, w2))
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
