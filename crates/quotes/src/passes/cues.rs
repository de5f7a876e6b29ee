//! The cue phrase as a whole: the passes find the cue verb, the annotation
//! scheme marks the words that make up the speech act with it — the finite
//! auxiliary of a participle ("hatte … erklärt", "bekanntgegeben hat"), the
//! "es" of an impersonal frame ("heißt es", "Es wird vermutet"), the
//! reflexive pronoun ("äußerte sich"), a correlate that stands for the
//! reported clause ("wies darauf hin, dass", "warnte davor") and the "wie"
//! of a frame "wie X mitteilte". In the passive of a verb whose object is
//! addressed, the subject is the addressee.

use super::{Ctx, Q, R};
use crate::lexicon::{class, role, VerbForm};

/// Farthest a finite auxiliary may stand before its participle (tokens).
const AUX_REACH: usize = 20;

/// Completes the cue of every quote that has a frame.
pub(crate) fn complete(cx: &Ctx, quotes: &mut [Q]) {
    for q in quotes {
        complete_one(cx, q);
    }
}

fn complete_one(cx: &Ctx, q: &mut Q) {
    if q.cue.is_empty() || q.frame.is_empty() {
        return;
    }
    let in_ranges = |rs: &[R], k: usize| rs.iter().any(|r| r.0 <= k && k <= r.1);
    let in_frame = |k: usize| in_ranges(&q.frame, k) && !in_ranges(&q.quote, k);
    let mut cue: Vec<usize> = q.cue.iter().flat_map(|r| r.0..=r.1).collect();
    let verbs: Vec<usize> = cue
        .iter()
        .copied()
        .filter(|&k| !cx.forms(k).is_empty())
        .collect();
    let mut add = Vec::new();
    for &v in &verbs {
        let forms = cx.forms(v);
        let participle = forms.iter().any(|f| f.form == VerbForm::Participle);
        let mut aux = None;
        if participle {
            // Verb-final: "wie die FIFA bekanntgegeben hat".
            if v + 1 < cx.doc.toks.len() && in_frame(v + 1) && cx.cls(v + 1) & class::AUX != 0 {
                aux = Some(v + 1);
            } else {
                // Verb-second: "Die Universität hatte … damit begründet".
                aux = (v.saturating_sub(AUX_REACH)..v)
                    .rev()
                    .take_while(|&k| in_frame(k) && !boundary(cx, k))
                    .find(|&k| cx.cls(k) & class::AUX != 0);
            }
        }
        if let Some(a) = aux {
            add.push(a);
            // "Israel wurde aufgefordert, …": in the passive of a verb whose
            // object is the addressee, the subject before the auxiliary is
            // the addressee, not the speaker.
            let addressed = forms.iter().any(|f| cx.lx.verbs[f.verb].addressee);
            if addressed
                && cx.is(a, role::PASSIVE_AUX)
                && q.addressee.is_empty()
                && !q.speaker.is_empty()
                && q.speaker.iter().all(|r| r.1 < a && in_frame(r.0))
            {
                q.addressee = std::mem::take(&mut q.speaker);
            }
            // "Es wird vermutet, …" at the start of the clause.
            if a > 0 && in_frame(a - 1) && cx.is(a - 1, role::EXPLETIVE) && clause_start(cx, a - 1)
            {
                add.push(a - 1);
            }
            // "haben sich zuversichtlich geäußert".
            if a + 1 < v && cx.is(a + 1, role::REFLEXIVE) {
                add.push(a + 1);
            }
        } else if forms.iter().any(|f| f.form == VerbForm::Finite)
            && v + 1 < cx.doc.toks.len()
            && in_frame(v + 1)
        {
            // "heißt es", "äußerte sich".
            if (cx.is(v, role::IMPERSONAL_VERB) && cx.is(v + 1, role::EXPLETIVE))
                || cx.is(v + 1, role::REFLEXIVE)
            {
                add.push(v + 1);
            }
        }
    }
    // A correlate in the clause of a cue verb, right before the clause it
    // stands for or before the rest of the cue: "warnten davor, …", "gehen
    // davon aus, …", "hatte die Aberkennung damit begründet".
    let (lo, hi) = (
        q.frame.iter().map(|r| r.0).min(),
        q.frame.iter().map(|r| r.1).max(),
    );
    if let (Some(lo), Some(hi)) = (lo, hi) {
        for c in lo..=hi {
            if !in_frame(c) || !cx.is(c, role::CORRELATE) || cue.contains(&c) {
                continue;
            }
            let same_clause = verbs.iter().any(|&v| {
                let (a, b) = if v < c { (v, c) } else { (c, v) };
                !(a + 1..b).any(|k| boundary(cx, k))
            });
            let next = c + 1;
            let closes = next > hi
                || !in_frame(next)
                || cx.is_comma(next)
                || cx.tok(next).s == ":"
                || verbs.contains(&next)
                || cue.contains(&next);
            if same_clause && closes {
                add.push(c);
            }
        }
        // "Wie die NATO mitteilte, …".
        if cx.is(lo, role::AS_FRAME) && verbs.iter().all(|&v| v > lo) && in_frame(lo) {
            add.push(lo);
        }
    }
    if add.is_empty() {
        return;
    }
    cue.extend(add);
    cue.sort_unstable();
    cue.dedup();
    q.cue = runs(&cue);
    q.extend_cover();
}

/// Whether token `k` ends a clause for the cue: a comma, a colon, the end
/// of a sentence or a quotation mark.
fn boundary(cx: &Ctx, k: usize) -> bool {
    let t = cx.tok(k);
    t.comma() || t.end_punct() || t.s == ":" || t.open_quote() || t.close_quote()
}

/// Whether token `k` opens its clause (the first token of the document, or
/// after a clause boundary).
fn clause_start(cx: &Ctx, k: usize) -> bool {
    k == 0 || boundary(cx, k - 1)
}

/// Sorted token indices as ranges of adjacent tokens.
fn runs(toks: &[usize]) -> Vec<R> {
    let mut out: Vec<R> = Vec::new();
    for &k in toks {
        match out.last_mut() {
            Some(r) if r.1 + 1 == k => r.1 = k,
            _ => out.push((k, k)),
        }
    }
    out
}
