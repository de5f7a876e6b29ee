//! Indirect speech: a cue verb with a clause ("erklärte, dass …", "…, sagte
//! er"), a cue word ("laut der Polizei", "der Polizei zufolge", "nach
//! Angaben von …", ", so der Sprecher"), a "wie"-frame, a statement noun
//! ("vertritt die Ansicht, …") or an anaphoric frame ("Dies teilte die
//! Polizei mit.").

use wortlaut_segment::TokenKind;

use super::clauses::{
    clause_end, clause_start, is_statement, last_content, subject_with_relative, words,
};
use super::frames::{
    addressees, any_cue, finite_cue, frame_after, sentence_cue, skip_adverbs, subject,
};
use super::phrases::{adjective_like, apposition_end, nominative, np_after};
use super::{Ctx, MAX_SENTENCE, Q, R};
use crate::doc::Marks;
use crate::lexicon::{class, role, VerbForm, WordCue};
use crate::{Medium, QuoteKind};

/// Indirect quotes, sentence by sentence, taken. Tokens inside quotation
/// marks are left alone unless the marks are a fragment.
pub(crate) fn quotes(cx: &mut Ctx, fragments: &[Marks]) -> Vec<Q> {
    let doc = cx.doc;
    let mut quotes = Vec::new();
    let mut in_fragment = vec![false; doc.toks.len()];
    for m in fragments {
        for slot in &mut in_fragment[m.open..=m.close] {
            *slot = true;
        }
    }
    for r in &doc.sents {
        if r.len() > MAX_SENTENCE {
            continue;
        }
        let Some(end) = last_content(cx, r.start, r.end) else {
            continue;
        };
        let mut i = r.start;
        while i < r.end {
            if cx.taken[i] || (cx.in_marks[i].is_some() && !in_fragment[i]) {
                i += 1;
                continue;
            }
            if let Some(q) = indirect_at(cx, i, r.start, end) {
                cx.take(&q);
                i = q.last + 1;
                quotes.push(q);
                continue;
            }
            i += 1;
        }
    }
    quotes
}

/// Indirect speech with its cue at token `i` of the sentence `s..e`.
/// `end` is the last token of the sentence before its final punctuation.
pub(crate) fn indirect_at(cx: &Ctx, i: usize, s: usize, end: usize) -> Option<Q> {
    let t = cx.tok(i);
    // Every cue below is a word the lexicon knows (a cue word, a cue verb
    // form, "dies", "wie", "so"): most tokens are ruled out at once.
    if !t.word() || cx.lex[i].is_none() {
        return None;
    }
    if i == s && cx.is(i, role::ANAPHOR) {
        if let Some(q) = anaphoric_frame(cx, i, end) {
            return Some(q);
        }
    }
    // "Demnach …": the adverb stands for the source.
    if let Some((WordCue::Adverb, medium)) = cx.word_cue(i) {
        let after_comma = i > s && cx.is_comma(i - 1);
        if (i == s || after_comma) && words(cx, i + 1, end) >= 3 {
            let mut q = Q::new(QuoteKind::Indirect, medium, vec![(i + 1, end)]);
            q.frame.push((i, i));
            q.cue.push((i, i));
            q.speaker.push((i, i));
            q.extend_cover();
            return Some(q);
        }
    }
    // "vertritt die Ansicht, …", "ist der Meinung, dass …".
    if t.upper()
        && i + 2 <= end
        && cx.is_comma(i + 1)
        && cx.word_cue(i).is_some_and(|(k, _)| k == WordCue::Noun)
        && is_statement(cx, i + 2, end)
    {
        let medium = cx.word_cue(i).map_or(Medium::SpeechWriting, |c| c.1);
        let fs = clause_start(cx, s, i);
        let mut q = Q::new(QuoteKind::Indirect, medium, vec![(i + 2, end)]);
        q.frame.push((fs, i + 1));
        let det = if i > fs && cx.cls(i - 1) & class::DET != 0 {
            i - 1
        } else {
            i
        };
        q.cue.push((det, i));
        if let Some(np) = np_after(cx, fs, i + 1).filter(|np| nominative(cx, np.0) && np.1 < det) {
            q.speaker.push(np);
        }
        q.extend_cover();
        return Some(q);
    }
    // Cue words: laut/gemäß X, X zufolge, nach Angaben X, so X.
    if let Some((kind, medium)) = cx.word_cue(i) {
        if let Some(q) = word_cue_quote(cx, i, s, end, kind, medium) {
            return Some(q);
        }
    }
    // "…, wie die Agentur ANSA gestern berichtete.": a trailing "wie"-frame.
    if cx.is(i, role::AS_FRAME) && i >= s + 3 && cx.is_comma(i - 1) {
        // The verb ends the frame (a particle written apart before it:
        // "wie die Polizei bekannt gab").
        let v = end;
        if let Some((medium, cue, _)) = any_cue(cx, v, end + 1) {
            let q_end = i - 2;
            let q_start = clause_start(cx, s, q_end);
            if words(cx, q_start, q_end) >= 4 {
                let mut q = Q::new(QuoteKind::Indirect, medium, vec![(q_start, q_end)]);
                q.frame.push((i - 1, end));
                q.cue = cue;
                if let Some(np) = np_after(cx, i + 1, v).filter(|np| nominative(cx, np.0)) {
                    q.speaker.push(np);
                }
                q.extend_cover();
                return Some(q);
            }
        }
    }
    // ", sagte er." / ", so X,": the quote before the frame.
    let after_quote = i >= s + 2 && cx.tok(i - 1).close_quote() && cx.in_marks[i - 1].is_some();
    if i >= s + 2 && (cx.is_comma(i - 1) || after_quote) && t.lower() {
        if let Some(f) = frame_after(cx, i, end + 1) {
            let q_end = if after_quote { i - 1 } else { i - 2 };
            let q_start = clause_start(cx, s, q_end);
            if q_end >= q_start + 2
                && (is_statement(cx, q_start, q_end) || words(cx, q_start, q_end) >= 4)
                && !subject_with_relative(cx, q_start, q_end)
            {
                let mut quote = vec![(q_start, q_end)];
                let mut frame_end = f.end;
                // "…, sagte er, …": the quote goes on after the frame.
                if f.end + 1 < end && cx.is_comma(f.end + 1) && f.end + 2 <= end {
                    quote.push((f.end + 2, end));
                    frame_end = f.end + 1;
                }
                let mut q = Q::new(QuoteKind::Indirect, f.medium, quote);
                q.frame.push((i - 1, frame_end));
                q.cue = f.cue;
                q.speaker = f.speaker;
                q.addressee = f.addressee;
                q.extend_cover();
                return Some(q);
            }
        }
    }
    // "X sagte(, dass) …": the quote after the frame.
    let (medium, cue, form) = any_cue(cx, i, end + 1)?;
    let cue_end = cue.last().map_or(i, |r| r.1);
    // The comma (or colon) that opens the reported clause.
    let mut c = cue_end + 1;
    while c <= end && !(cx.is_comma(c) || cx.tok(c).s == ":") {
        if cx.tok(c).end_punct() || c > cue_end + 18 {
            return None;
        }
        c += 1;
    }
    if c > end || c + 1 > end {
        return None;
    }
    // A particle of another verb before the comma ("sagte … ab,").
    if c > cue_end + 1 && cue.len() == 1 && cx.particle(c - 1) {
        return None;
    }
    let fs = clause_start(cx, s, i);
    let speaker = subject(cx, fs, i, form, c);
    if form != VerbForm::Finite && speaker.is_none() && cx.cls(fs) & class::SUB == 0 {
        return None;
    }
    let q_start = c + 1;
    // "Wie die BBC berichtet, …": the main clause is the report.
    let wie = cx.is(fs, role::AS_FRAME) && words(cx, q_start, end) >= 3;
    if !wie && !is_statement(cx, q_start, end) {
        return None;
    }
    let end = clause_end(cx, q_start, end);
    let mut q = Q::new(QuoteKind::Indirect, medium, vec![(q_start, end)]);
    q.frame.push((fs, c));
    q.cue = cue;
    q.speaker = speaker.into_iter().collect();
    q.addressee = addressees(cx, fs, c, i, speaker);
    q.extend_cover();
    Some(q)
}

/// "Dies teilte die Polizei mit.": a frame whose object stands for the
/// sentence before, which is the quote (with the pronoun).
pub(crate) fn anaphoric_frame(cx: &Ctx, i: usize, end: usize) -> Option<Q> {
    let (medium, cue) = finite_cue(cx, i + 1, end + 1)?;
    let speaker = np_after(cx, skip_adverbs(cx, i + 2, end + 1), end + 1)
        .filter(|np| nominative(cx, np.0))?;
    let prev = cx.doc.sent_of[i].checked_sub(1)?;
    let r = cx.doc.sents[prev].clone();
    if cx.tok(i).para || r.clone().any(|k| cx.taken[k]) {
        return None;
    }
    let q_end = last_content(cx, r.start, r.end)?;
    if q_end < r.start + 2 {
        return None;
    }
    let mut q = Q::new(QuoteKind::Indirect, medium, vec![(r.start, q_end), (i, i)]);
    q.frame.push((i + 1, end));
    q.cue = cue;
    q.speaker.push(speaker);
    q.extend_cover();
    Some(q)
}

/// "X deutete der Botschafter, Y, laut offiziellen Medien an": a clause
/// placed first, then a cue verb with its subject; the source after "laut"
/// only reports what the subject said, so the subject is the speaker and the
/// fronted clause the quote.
pub(crate) fn fronted_with_source(
    cx: &Ctx,
    i: usize,
    s: usize,
    end: usize,
    medium: Medium,
) -> Option<Q> {
    let (v, cue, np) = (s.max(i.saturating_sub(24)) + 1..i).rev().find_map(|v| {
        let t = cx.tok(v);
        if !t.word() || !t.lower() || cx.is_comma(v - 1) {
            return None;
        }
        let (_, cue, form) = sentence_cue(cx, v, end + 1)?;
        if form != VerbForm::Finite {
            return None;
        }
        let np = np_after(cx, v + 1, i)?;
        (nominative(cx, np.0) && cx.tok(np.1).upper()).then_some((v, cue, np))
    })?;
    // The fronted clause must be a statement of some length.
    if (s..v).filter(|&k| cx.tok(k).word()).count() < 4 || (s..v).any(|k| cx.taken[k]) {
        return None;
    }
    let mut q = Q::new(QuoteKind::Indirect, medium, vec![(s, v - 1)]);
    q.frame.push((v, end));
    q.cue = cue;
    // The speaker with its apposition: "der russische Botschafter in
    // Vietnam, Gennady S. Bezdetko," up to "laut".
    let mut e = i - 1;
    while e > np.1 && (cx.is_comma(e) || cx.tok(e).kind == TokenKind::Punct) {
        e -= 1;
    }
    q.speaker.push((np.0, e));
    q.extend_cover();
    Some(q)
}

/// A source phrase with the apposition that follows it ("laut dem
/// Chefankläger, Luis Moreno Ocampo, …").
fn with_apposition(cx: &Ctx, np: R, end: usize) -> R {
    apposition_end(cx, np.1, end, |_| false).map_or(np, |e| (np.0, e))
}

/// A quote attributed by a cue word: "laut X", "X zufolge", "nach Angaben
/// von X", ", so X,".
pub(crate) fn word_cue_quote(
    cx: &Ctx,
    i: usize,
    s: usize,
    end: usize,
    kind: WordCue,
    medium: Medium,
) -> Option<Q> {
    let (frame, speaker) = match kind {
        WordCue::Before => {
            if let Some(q) = fronted_with_source(cx, i, s, end, medium) {
                return Some(q);
            }
            let np = with_apposition(cx, np_after(cx, i + 1, end + 1)?, end + 1);
            ((i, np.1), np)
        }
        WordCue::Nach if i > s && cx.word_cue(i - 1).is_some_and(|(k, _)| k == WordCue::Noun) => {
            // "seiner Meinung nach": a postposition like "zufolge".
            return word_cue_quote(cx, i, s, end, WordCue::After, medium);
        }
        WordCue::Nach => {
            let np = np_after(cx, i + 1, end + 1)?;
            // "nach Angaben der Polizei", also compounds: "nach
            // Behördenangaben", "nach Expertenmeinung".
            let noun = (np.0..=np.1).any(|k| {
                cx.word_cue(k).is_some_and(|(k, _)| k == WordCue::Noun)
                    || (cx.tok(k).upper() && cx.lx.noun_suffix(&cx.low(k)))
            });
            if !noun {
                return None;
            }
            let np = with_apposition(cx, np, end + 1);
            ((i, np.1), np)
        }
        WordCue::After => {
            // Back to the start of the noun phrase before "zufolge".
            let mut k = i;
            while k > s {
                let p = k - 1;
                let t = cx.tok(p);
                if cx.is_comma(p) || t.end_punct() || cx.taken[p] {
                    break;
                }
                if cx.cls(p) & (class::PREP | class::SUB | class::CONJ | class::AUX) != 0
                    && cx.cls(p) & class::DET == 0
                {
                    break;
                }
                if t.word() && t.lower() && cx.cls(p) & class::DET == 0 && !adjective_like(cx, p) {
                    break;
                }
                k -= 1;
            }
            if k == i {
                return None;
            }
            ((k, i), (k, i - 1))
        }
        WordCue::So => {
            if !(i > s && cx.is_comma(i - 1)) {
                return None;
            }
            let np = with_apposition(cx, np_after(cx, i + 1, end + 1)?, end + 1);
            ((i - 1, np.1), np)
        }
        WordCue::Noun | WordCue::Adverb | WordCue::Addressee => return None,
    };
    // The quote: the rest of the sentence around the frame.
    let mut parts = Vec::new();
    let mut a = s;
    while a < frame.0 && cx.taken[a] {
        a += 1;
    }
    // Only the clause the frame belongs to: "…, diese Taten seien aber laut
    // der Staatsanwältin verjährt".
    // A fronted subordinate clause ("Nachdem …, ist es laut X …") belongs
    // to the statement.
    let fronted = cx.cls(a) & class::SUB != 0 && cx.cls(a) & class::DET == 0;
    if let Some(c) = (a..frame.0).rev().find(|&k| cx.is_comma(k)) {
        if frame.0 > c + 2 && !fronted {
            a = c + 1;
        }
    }
    let mut b = frame.0;
    while b > a && cx.is_comma(b - 1) {
        b -= 1;
    }
    if b > a {
        parts.push((a, b - 1));
    }
    let mut a2 = frame.1 + 1;
    while a2 <= end && cx.is_comma(a2) {
        a2 += 1;
    }
    if a2 <= end {
        parts.push((a2, end));
    }
    let words: usize = parts
        .iter()
        .map(|&(x, y)| (x..=y).filter(|&k| cx.tok(k).word()).count())
        .sum();
    if words < 3 {
        return None;
    }
    let mut q = Q::new(QuoteKind::Indirect, medium, parts);
    let frame_end = if frame.1 < end && cx.is_comma(frame.1 + 1) && frame.0 == s {
        frame.1 + 1
    } else {
        frame.1
    };
    q.frame.push((frame.0, frame_end));
    q.cue.push((i, i));
    q.speaker.push(speaker);
    q.extend_cover();
    Some(q)
}
