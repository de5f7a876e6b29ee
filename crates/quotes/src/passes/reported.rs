//! Reported speech acts: a cue verb with an object ("Die Polizei sprach von
//! einer friedlichen Demonstration."); the quote is the sentence.

use super::clauses::last_content;
use super::frames::subject;
use super::{Ctx, MAX_SENTENCE, Q};
use crate::lexicon::{class, VerbForm};
use crate::QuoteKind;

/// Reported speech acts in the sentences nothing took yet, taken.
pub(crate) fn quotes(cx: &mut Ctx) -> Vec<Q> {
    let doc = cx.doc;
    let mut quotes = Vec::new();
    for r in &doc.sents {
        if r.len() > MAX_SENTENCE || r.clone().any(|i| cx.taken[i]) {
            continue;
        }
        if let Some(q) = reported(cx, r.start, r.end) {
            cx.take(&q);
            quotes.push(q);
        }
    }
    quotes
}

/// A reported speech act in the sentence `s..e`: a cue verb with an object
/// ("Die Polizei sprach von einer friedlichen Demonstration.") and a subject;
/// the quote is the whole sentence.
pub(crate) fn reported(cx: &Ctx, s: usize, e: usize) -> Option<Q> {
    let end = last_content(cx, s, e)?;
    for v in s..=end {
        let t = cx.tok(v);
        if !t.word() || !t.lower() {
            continue;
        }
        for f in cx.forms(v) {
            let verb = &cx.lx.verbs[f.verb];
            if !verb.object || f.form == VerbForm::Final {
                continue;
            }
            if let Some(prep) = &verb.object_prep {
                if !(v + 1..=end).any(|k| cx.low_is(k, prep)) {
                    continue;
                }
            }
            // The annotation scheme gives reported speech acts no cue, but a
            // separable verb needs its particle to be this verb at all.
            if f.split {
                let particle = verb.particle.as_deref().unwrap_or("");
                if !(v + 1..=end).any(|k| cx.low_is(k, particle)) {
                    continue;
                }
            }
            // The verb must be in the main clause: nothing subordinating
            // before it.
            if (s..v).any(|k| cx.cls(k) & class::SUB != 0 && cx.cls(k) & class::DET == 0) {
                continue;
            }
            let Some(speaker) = subject(cx, s, v, f.form, end + 1) else {
                continue;
            };
            if speaker.0 > v && f.form == VerbForm::Participle {
                continue;
            }
            let mut q = Q::new(QuoteKind::Reported, verb.medium, vec![(s, e - 1)]);
            q.speaker.push(speaker);
            q.extend_cover();
            return Some(q);
        }
    }
    None
}
