//! Sentences that go on reporting a quote without a frame of their own
//! (Konjunktiv, reportative "soll"), and direct quotes standing alone that
//! continue the speaker before.

use super::clauses::last_content;
use super::phrases::{nominative, np_after};
use super::{ment, Ctx, Q, R};
use crate::lexicon::{class, role};
use crate::{Medium, QuoteKind};

/// A direct quote standing alone, without frame or speaker, continues the
/// speaker of the quote before when that one ended at most two sentences
/// earlier.
pub(crate) fn inherit_speakers(cx: &Ctx, quotes: &mut [Q]) {
    // Speaker, cue, frame and last token of the quote before.
    type Before = (Vec<R>, Vec<R>, Vec<R>, usize);
    let mut last: Option<Before> = None;
    for q in quotes.iter_mut() {
        let s_first = cx.doc.sent_of[q.first.min(cx.doc.toks.len() - 1)];
        if q.kind == QuoteKind::Direct && !q.nested && q.speaker.is_empty() && q.frame.is_empty() {
            if let Some((sp, cue, frame, end)) = &last {
                let s_last = cx.doc.sent_of[*end];
                // "Er glaubt, dass …: „…“": the frame of the report before
                // the colon introduces the quote too.
                let after_colon = q.first >= 2
                    && q.first - 1 > *end
                    && cx.tok(q.first - 1).s == ":"
                    && q.first - 2 <= *end;
                if after_colon {
                    q.speaker = sp.clone();
                    q.cue = cue.clone();
                    q.frame = frame.clone();
                } else if s_first <= s_last + 2 {
                    q.speaker = sp.clone();
                }
            }
        }
        if !q.speaker.is_empty() {
            last = Some((
                q.speaker.clone(),
                q.cue.clone(),
                q.frame.clone(),
                q.last.min(cx.doc.toks.len() - 1),
            ));
        }
    }
}

/// Sentences after a quote that go on reporting it without a frame:
/// subjunctive ones (IndirectFreeIndirect, merged while they follow each
/// other) and reportative "soll"/"sollen" (FreeIndirect). They take the
/// speaker and medium of the quote before.
pub(crate) fn quotes(cx: &Ctx, quotes: &[Q]) -> Vec<Q> {
    let doc = cx.doc;
    let mut out: Vec<Q> = Vec::new();
    let mut qi = 0;
    // The last quote with a speaker and the sentence it ended in.
    let mut last: Option<(Vec<R>, Medium, usize)> = None;
    let mut chain: Option<usize> = None;
    let mut soll_chain: Option<usize> = None;
    for (si, r) in doc.sents.iter().enumerate() {
        let mut had_quote = false;
        while qi < quotes.len() && quotes[qi].first < r.end {
            let q = &quotes[qi];
            if !q.speaker.is_empty() {
                last = Some((
                    q.speaker.clone(),
                    q.medium,
                    doc.sent_of[q.last.min(doc.toks.len() - 1)],
                ));
            } else if let Some(l) = &mut last {
                l.2 = doc.sent_of[q.last.min(doc.toks.len() - 1)];
            }
            had_quote = true;
            qi += 1;
        }
        if had_quote || r.clone().any(|i| cx.taken[i]) {
            chain = None;
            continue;
        }
        let Some(end) = last_content(cx, r.start, r.end) else {
            continue;
        };
        let subj =
            (r.start..=end).any(|k| cx.in_marks[k].is_none() && cx.subj(k) && cx.tok(k).lower());
        // Konjunktiv I in the main clause (before any comma) reports speech
        // even without a report right before it.
        let first_comma = (r.start..=end).find(|&k| cx.is_comma(k)).unwrap_or(end + 1);
        let subj1 = (r.start..first_comma)
            .any(|k| cx.in_marks[k].is_none() && cx.subj1(k) && cx.tok(k).lower());
        // Reportative "soll" ("… soll geflohen sein") anywhere; in the main
        // clause right after a report also the reported plan ("Der Start
        // soll im Mai stattfinden").
        let soll_any = (r.start..=end).any(|k| cx.is(k, role::REPORTATIVE));
        let plan = (r.start..first_comma).any(|k| cx.is(k, role::REPORTATIVE));
        let recent = last
            .as_ref()
            .is_some_and(|l| si.saturating_sub(l.2) <= 2 || chain.is_some());
        if (subj && recent) || subj1 {
            let (mut speaker, medium, _) =
                last.clone()
                    .filter(|_| recent)
                    .unwrap_or((Vec::new(), Medium::Speech, 0));
            // No report right before: the subject of the sentence before,
            // when it names someone ("Franz Müntefering hat seinen
            // Rücktritt verkündet. Er werde … bleiben.").
            if speaker.is_empty() && chain.is_none() && si > 0 {
                speaker.extend(sentence_subject(cx, si - 1));
            }
            if let Some(k) = chain {
                let q: &mut Q = &mut out[k];
                q.quote[0].1 = r.end - 1;
                q.last = r.end - 1;
            } else {
                let mut q = Q::new(
                    QuoteKind::IndirectFreeIndirect,
                    medium,
                    vec![(r.start, r.end - 1)],
                );
                q.speaker = speaker;
                out.push(q);
                chain = Some(out.len() - 1);
            }
            if let Some(l) = &mut last {
                l.2 = si;
            }
            continue;
        }
        chain = None;
        let soll = soll_any
            && (cx.is(end, role::PERFECT_INFINITIVE) || (plan && (recent || soll_chain.is_some())));
        if soll {
            // Consecutive ones are one quote.
            if let Some(k) = soll_chain.filter(|&k| out[k].last + 1 == r.start) {
                out[k].quote[0].1 = r.end - 1;
                out[k].last = r.end - 1;
                soll_chain = Some(k);
                continue;
            }
            let mut q = Q::new(
                QuoteKind::FreeIndirect,
                Medium::SpeechWriting,
                vec![(r.start, r.end - 1)],
            );
            if recent {
                if let Some(l) = &last {
                    q.speaker = l.0.clone();
                }
            }
            out.push(q);
            soll_chain = Some(out.len() - 1);
        } else {
            soll_chain = None;
        }
    }
    out
}

/// The subject of sentence `si` when it opens the sentence, is followed by
/// the finite verb (a lower-case word) and names a person or an
/// organisation, or is a personal pronoun: the one a following sentence in
/// Konjunktiv I reports, or who a quoted phrase without a cue is from.
pub(crate) fn sentence_subject(cx: &Ctx, si: usize) -> Option<R> {
    let r = cx.doc.sents.get(si)?.clone();
    let mut start = r.start;
    // A leading conjunction or focus adverb ("Auch", "Doch").
    while start < r.end && cx.cls(start) & (class::CONJ | class::ADV) != 0 {
        start += 1;
    }
    let np = np_after(cx, start, r.end).filter(|np| nominative(cx, np.0))?;
    let verb = np.1 + 1;
    if verb >= r.end || !cx.tok(verb).word() || !cx.tok(verb).lower() || cx.in_marks[verb].is_some()
    {
        return None;
    }
    let names = (np.0..=np.1).any(|k| cx.in_mention(k, ment::PERSON | ment::ORG));
    let pronoun = np.0 == np.1 && cx.cls(np.0) & class::PRON != 0;
    (names || pronoun).then_some(np)
}
