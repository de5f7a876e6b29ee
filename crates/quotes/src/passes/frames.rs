//! Frames around a cue verb: the cue (with a separated particle), its
//! subject (the speaker) and addressee.

use wortlaut_segment::TokenKind;

use super::phrases::{nominative, np_after};
use super::{Ctx, R, WINDOW};
use crate::lexicon::{class, ends_with_any, role, VerbForm, WordCue};
use crate::Medium;

/// A frame found around a cue.
pub(crate) struct Frame {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) cue: Vec<R>,
    pub(crate) speaker: Vec<R>,
    pub(crate) addressee: Vec<R>,
    pub(crate) medium: Medium,
}

/// A frame that starts at `a` right after a quote: "sagte er", "so der
/// Sprecher", "teilte die Polizei mit". Ends before the sentence's final
/// punctuation or at a comma after the speaker.
pub(crate) fn frame_after(cx: &Ctx, a: usize, end: usize) -> Option<Frame> {
    let (medium, mut cue) = if let Some(v) = finite_cue(cx, a, end) {
        v
    } else if cx.word_cue(a).is_some_and(|(k, _)| k == WordCue::So) {
        // ", so die Polizei", ", so vermutet die Zeitung".
        match finite_cue(cx, a + 1, end) {
            Some((m, mut c)) => {
                c.insert(0, (a, a));
                (m, c)
            }
            None => (Medium::SpeechWriting, vec![(a, a)]),
        }
    } else {
        return None;
    };
    // The subject follows the finite verb (after "so" if there is one).
    let verb = if cue.len() > 1 && cue[1].0 == a + 1 {
        a + 1
    } else {
        a
    };
    let mut np_start = skip_adverbs(cx, verb + 1, end);
    // "…, erhofft sich die Stadt": a reflexive pronoun before the subject.
    if np_start < end && cx.is(np_start, role::REFLEXIVE) {
        np_start += 1;
    }
    let Some(speaker) = np_after(cx, np_start, end).filter(|np| nominative(cx, np.0)) else {
        // "…, hieß es in der Rede": an impersonal frame, speaker unknown.
        if np_start < end && cx.is(np_start, role::EXPLETIVE) && cx.is(verb, role::IMPERSONAL_VERB)
        {
            cue.push((np_start, np_start));
            cue.sort_unstable();
            let e = (np_start + 1..end.min(np_start + WINDOW))
                .take_while(|&j| !cx.is_comma(j) && !cx.tok(j).end_punct() && cx.tok(j).s != ":")
                .last()
                .unwrap_or(np_start);
            return Some(Frame {
                start: a,
                end: e,
                cue,
                speaker: Vec::new(),
                addressee: Vec::new(),
                medium,
            });
        }
        return None;
    };
    cue.sort_unstable();
    // ", sagte Philip Aguer Panynag, ein Sprecher der SPLA.": an apposition
    // that closes the frame belongs to the speaker.
    let mut speaker = speaker;
    if speaker.1 + 2 < end && cx.is_comma(speaker.1 + 1) {
        let a2 = speaker.1 + 2;
        let starts_apposition =
            (cx.tok(a2).upper() && cx.cls(a2) == 0) || cx.is(a2, role::APPOSITION_ARTICLE);
        if starts_apposition {
            if let Some(app) = np_after(cx, a2, end) {
                let next = app.1 + 1;
                if next >= end || cx.is_comma(next) || cx.tok(next).end_punct() {
                    speaker = (speaker.0, app.1);
                }
            }
        }
    }
    let mut e = speaker.1;
    // Adverbials and the addressee up to a comma or the sentence end.
    let mut j = e + 1;
    while j < end.min(a + WINDOW) && !cx.is_comma(j) && !cx.tok(j).end_punct() && cx.tok(j).s != ":"
    {
        if cx.in_marks[j].is_some() && cx.tok(j).open_quote() {
            break;
        }
        e = j;
        j += 1;
    }
    if let Some(&(_, last)) = cue.last() {
        e = e.max(last);
    }
    let addressee = addressees(cx, a, e + 1, verb, Some(speaker));
    Some(Frame {
        start: a,
        end: e,
        cue,
        speaker: vec![speaker],
        addressee,
        medium,
    })
}

/// Addressees in the frame `from..to` whose verb is at `verb`: "gegenüber"
/// and a noun phrase anywhere, or a dative noun phrase right after the verb
/// or after the speaker that follows it ("sagte er der Zeitung", "sagte
/// Reportern").
pub(crate) fn addressees(
    cx: &Ctx,
    from: usize,
    to: usize,
    verb: usize,
    speaker: Option<R>,
) -> Vec<R> {
    let mut out = Vec::new();
    for j in from..to {
        // "gegenüber AFP", "vor Journalisten": the phrase without its
        // preposition.
        let audience = cx.is(j, role::AUDIENCE_PREP)
            && j + 1 < to
            && cx
                .word_cue(j + 1)
                .is_some_and(|(k, _)| k == WordCue::Addressee);
        if cx.is(j, role::ADDRESSEE_PREP) || audience {
            if let Some(np) = np_after(cx, j + 1, to) {
                out.push(np);
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    if let Some(np) = object_addressee(cx, from, to, verb, speaker) {
        out.push(np);
        return out;
    }
    let after = match speaker {
        Some(sp) if sp.0 == verb + 1 => sp.1 + 1,
        _ => verb + 1,
    };
    if after >= to {
        return out;
    }
    let pronoun_speaker = speaker.is_some_and(|sp| sp.0 == sp.1 && cx.cls(sp.0) & class::PRON != 0);
    let dative = cx.is(after, role::DATIVE_ARTICLE)
        || (cx.is(after, role::DATIVE_IF_SUBJECT)
            && (pronoun_speaker || speaker.is_some_and(|sp| sp.1 < verb)))
        || cx
            .word_cue(after)
            .is_some_and(|(k, _)| k == WordCue::Addressee);
    if dative {
        if let Some(np) = np_after(cx, after, to) {
            out.push(np);
        }
    }
    out
}

/// The object of a verb whose object is the person addressed ("forderte
/// die SPD auf", "hatte Conte gebeten", "Kritiker hatten ihm
/// vorgeworfen"): the noun phrase after the finite verb (or its
/// auxiliary), past the speaker when the speaker follows it. Only with a
/// speaker found elsewhere, so that the phrase is not the subject.
fn object_addressee(
    cx: &Ctx,
    from: usize,
    to: usize,
    verb: usize,
    speaker: Option<R>,
) -> Option<R> {
    let sp = speaker?;
    let forms = cx.forms(verb);
    // A separable verb only with its particle in the frame: "forderte die
    // SPD auf", not "forderte eine Überprüfung".
    let addressed = forms.iter().any(|f| {
        let v = &cx.lx.verbs[f.verb];
        v.addressee
            && (!f.split
                || v.particle
                    .as_deref()
                    .is_some_and(|p| (verb + 1..to).any(|k| cx.low_is(k, p))))
    });
    if !addressed {
        return None;
    }
    let participle = forms.iter().all(|f| f.form == VerbForm::Participle);
    // The finite verb: the cue verb itself, or the auxiliary before a
    // participle.
    let finite = if participle {
        (from..verb).find(|&k| cx.cls(k) & class::AUX != 0)?
    } else {
        verb
    };
    let mut at = finite + 1;
    if sp.0 == at {
        at = sp.1 + 1;
    }
    let at = skip_adverbs(cx, at, to);
    let limit = if participle { verb } else { to };
    let np = np_after(cx, at, limit)?;
    let overlaps = np.0 <= sp.1 && sp.0 <= np.1;
    (!overlaps && cx.tok(np.0).word()).then_some(np)
}

/// The first token from `i` that is not a sentence adverb ("gestern",
/// "später", "zudem"), at most two skipped.
pub(crate) fn skip_adverbs(cx: &Ctx, i: usize, end: usize) -> usize {
    let mut k = i;
    while k < end.min(i + 2) && cx.tok(k).lower() && cx.cls(k) == class::ADV {
        k += 1;
    }
    k
}

/// A finite cue verb at `i` (with its separated particle before `end` when
/// it has one): medium and cue spans.
pub(crate) fn finite_cue(cx: &Ctx, i: usize, end: usize) -> Option<(Medium, Vec<R>)> {
    if i >= end.min(cx.doc.toks.len()) {
        return None;
    }
    let t = cx.tok(i);
    if !t.word() || !t.lower() {
        return None;
    }
    // A separable verb whose particle follows wins over the same form
    // without particle ("forderte die SPD auf" is auffordern, not fordern).
    let mut plain = None;
    for f in cx.forms(i) {
        if f.form != VerbForm::Finite {
            continue;
        }
        let verb = &cx.lx.verbs[f.verb];
        if !verb.clause {
            continue;
        }
        if f.split {
            let particle = verb.particle.as_deref().unwrap_or("");
            // Verb-final, written apart: "wie die Polizei bekannt gab".
            if i > 0 && cx.low_is(i - 1, particle) {
                return Some((verb.medium, vec![(i - 1, i)]));
            }
            let mut j = i + 1;
            let mut commas = 0;
            while j < end.min(i + 24) && !cx.tok(j).end_punct() && cx.tok(j).s != ":" {
                // After an odd comma the particle is another clause's ("sagte,
                // er schließe … nicht aus").
                if cx.low_is(j, particle) && commas % 2 == 0 {
                    return Some((verb.medium, vec![(i, i), (j, j)]));
                }
                // At most an apposition between two commas ("teilte der
                // Direktor, Bagus Puruhito, mit").
                if cx.is_comma(j) {
                    commas += 1;
                    if commas > 2 {
                        break;
                    }
                }
                j += 1;
            }
            continue;
        }
        if plain.is_none() {
            plain = Some((verb.medium, vec![(i, i)]));
        }
    }
    plain
}

/// A frame before a quote, from `start` to `last` (the colon or comma):
/// "Kölns Präsident Wolfgang Overath sagte:", "Er erklärte,".
pub(crate) fn frame_before(cx: &Ctx, start: usize, last: usize) -> Option<Frame> {
    for v in start..last {
        if let Some((medium, cue, form)) = any_cue(cx, v, last) {
            let speaker = subject(cx, start, v, form, last);
            if form == VerbForm::Participle && speaker.is_none() {
                continue;
            }
            let addressee = addressees(cx, start, last, v, speaker);
            return Some(Frame {
                start,
                end: last,
                cue,
                speaker: speaker.into_iter().collect(),
                addressee,
                medium,
            });
        }
    }
    None
}

/// Any cue verb form at `i` taking a clause, with its particle before `end`.
pub(crate) fn any_cue(cx: &Ctx, i: usize, end: usize) -> Option<(Medium, Vec<R>, VerbForm)> {
    if i >= end.min(cx.doc.toks.len()) {
        return None;
    }
    let t = cx.tok(i);
    // Without a verb form neither a finite nor another cue.
    if !t.word() || !t.lower() || cx.forms(i).is_empty() {
        return None;
    }
    if let Some((m, cue)) = finite_cue(cx, i, end) {
        return Some((m, cue, VerbForm::Finite));
    }
    cx.forms(i).iter().find_map(|f| {
        let verb = &cx.lx.verbs[f.verb];
        (verb.clause && f.form != VerbForm::Finite && !f.split)
            .then(|| (verb.medium, vec![(i, i)], f.form))
    })
}

/// Any cue verb at `v` (clause or object use, finite or participle) with its
/// particle before `end`.
pub(crate) fn sentence_cue(cx: &Ctx, v: usize, end: usize) -> Option<(Medium, Vec<R>, VerbForm)> {
    if let Some(c) = any_cue(cx, v, end) {
        return Some(c);
    }
    let t = cx.tok(v);
    if !t.word() || !t.lower() {
        return None;
    }
    cx.forms(v).iter().find_map(|f| {
        let verb = &cx.lx.verbs[f.verb];
        if f.split {
            let particle = verb.particle.as_deref().unwrap_or("");
            let p = (v + 1..end).find(|&k| cx.low_is(k, particle))?;
            return Some((verb.medium, vec![(v, v), (p, p)], f.form));
        }
        Some((verb.medium, vec![(v, v)], f.form))
    })
}

/// The subject of a frame whose cue is at `v`: the noun phrase filling the
/// first position before the verb (or before its auxiliary), else the one
/// right after the (auxiliary) verb, else a noun phrase between "wie" and a
/// verb at the end.
pub(crate) fn subject(cx: &Ctx, start: usize, v: usize, form: VerbForm, end: usize) -> Option<R> {
    let mut start = start;
    // Skip a dateline in brackets: "(Hanoi) Der Präsident …".
    // "wie die Polizei mitteilte", "während der Beamte erklärte": the
    // subject follows the conjunction, and the verb ends the clause (not
    // "Als Reaktion … sagte ein Sprecher").
    let verb_final = v + 1 >= end || cx.is_comma(v + 1) || cx.tok(v + 1).end_punct();
    if start < v && verb_final && cx.cls(start) & class::SUB != 0 && cx.cls(start) & class::DET == 0
    {
        return np_after(cx, start + 1, v).filter(|np| nominative(cx, np.0));
    }
    if start + 2 < v && cx.tok(start + 1).s == ")" {
        start += 2;
    } else if cx.tok(start).s == "(" {
        if let Some(c) = (start + 1..v.min(start + 6)).find(|&k| cx.tok(k).s == ")") {
            start = c + 1;
        }
    }
    // Skip a leading conjunction or focus adverb ("Und", "Doch", "Auch").
    while start < v && cx.cls(start) & (class::CONJ | class::ADV) != 0 {
        start += 1;
    }
    let mut verb = v;
    // "hat … erklärt": a participle that looks like a finite form.
    let form = if form == VerbForm::Finite
        && (start..v).any(|k| cx.cls(k) & class::AUX != 0)
        && cx.forms(v).iter().any(|f| f.form == VerbForm::Participle)
    {
        VerbForm::Participle
    } else {
        form
    };
    if form != VerbForm::Finite {
        // "Die Polizei hat mitgeteilt", "wie die Polizei mitteilte".
        if let Some(aux) = (start..v).find(|&k| cx.cls(k) & class::AUX != 0) {
            verb = aux;
        } else if start < v && cx.cls(start) & class::SUB != 0 {
            let np = np_after(cx, start + 1, v)?;
            return Some(np);
        } else {
            return None;
        }
    }
    // "In der Pressemitteilung des WWF heißt es", "Aus Paris hieß es": the
    // source in the first position speaks.
    if verb == v
        && cx.is(v, role::IMPERSONAL_VERB)
        && v + 1 < end
        && cx.is(v + 1, role::EXPLETIVE)
        && start < v
        && cx.is(start, role::NP_PREP)
        && cx.cls(start) & class::PREP != 0
    {
        if let Some(np) = np_after(cx, start + 1, v) {
            if np.1 + 1 == v || (np.1 + 2 == v && cx.is_comma(np.1 + 1)) {
                return Some((start, np.1));
            }
        }
    }
    let adverb = verb == start + 1 && { ends_with_any(&cx.low(start), &cx.lx.endings.adverb) };
    if start < verb && nominative(cx, start) && !adverb {
        if let Some(np) = np_after(cx, start, verb) {
            if np.1 + 1 == verb {
                return Some(np);
            }
            // "Washington und seine Verbündeten werfen …": coordinated
            // noun phrases.
            if np.1 + 2 < verb && cx.is(np.1 + 1, role::NP_COORDINATOR) {
                if let Some(np2) = np_after(cx, np.1 + 2, verb) {
                    if np2.1 + 1 == verb {
                        return Some((np.0, np2.1));
                    }
                }
            }
            // The first position holds one phrase: with a noun phrase at
            // its start, all of it is the subject ("Der Vertreter der
            // Arbeitgeber im Aufsichtsrat, Peter Clever, hat").
            let mut e = verb - 1;
            // A relative clause or "darunter …" after a comma is not part
            // of the name ("Der NDR, der in der ARD … ist, begründete").
            if let Some(c) = (np.1 + 1..verb).find(|&k| {
                cx.is_comma(k)
                    && k + 1 < verb
                    && (cx.is(k + 1, role::RELATIVE | role::LIST_INTRO)
                        && !(k + 2 < verb && cx.tok(k + 2).upper()))
            }) {
                e = c;
            }
            while e > np.1 && (cx.is_comma(e) || cx.tok(e).kind == TokenKind::Punct) {
                // A closing bracket stays with its opening one: "Renate
                // Künast (Grüne)".
                if cx.tok(e).s == ")" && (np.1..e).any(|k| cx.tok(k).s == "(") {
                    break;
                }
                e -= 1;
            }
            // Not across a coordination ("X drohte … und versicherte").
            if verb - start <= 24
                && !(start..verb).any(|k| cx.tok(k).s == ":" || cx.cls(k) & class::CONJ != 0)
            {
                return Some((np.0, e));
            }
            if cx.cls(verb - 1) & class::CONJ != 0 {
                return Some(np);
            }
        }
    }
    np_after(cx, verb + 1, end).filter(|np| nominative(cx, np.0))
}
