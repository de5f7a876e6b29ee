//! Direct quotes: pairs of quotation marks with a frame before ("Er sagte:")
//! or after (", sagte er"), or standing alone as a sentence; the other
//! pairs are fragments, nested in a reported statement or quoted phrases in
//! running text.

use wortlaut_segment::TokenKind;

use super::continuation::sentence_subject;
use super::frames::{frame_after, frame_before, sentence_cue, subject, Frame};
use super::phrases::{adjective_like, nominative, np_after};
use super::{Ctx, Q, R, WINDOW};
use crate::doc::Marks;
use crate::lexicon::{class, role};
use crate::{Medium, QuoteKind};

/// Direct quotes with a frame or standing alone, taken; and the pairs of
/// marks that are not (fragments).
pub(crate) fn quotes(cx: &mut Ctx) -> (Vec<Q>, Vec<Marks>) {
    let mut quotes = Vec::new();
    let mut fragments: Vec<Marks> = Vec::new();
    let doc = cx.doc;
    for &m in &doc.marks {
        match direct(cx, m) {
            Some(q) => {
                cx.take(&q);
                quotes.push(q);
            }
            None => fragments.push(m),
        }
    }
    (quotes, fragments)
}

/// Quoted fragments inside a reported statement (nested direct quotes with
/// its speaker and frame), and quoted phrases in running text (with the
/// subject of a cue verb of the sentence as the speaker). `quotes` are the
/// quotes found so far, sorted by their first token.
pub(crate) fn fragments(cx: &Ctx, quotes: &[Q], fragments: Vec<Marks>) -> Vec<Q> {
    let doc = cx.doc;
    let n = doc.toks.len();
    let mut nested = Vec::new();
    // The non-direct quote each token belongs to (they do not overlap).
    let mut outer_at: Vec<Option<usize>> = vec![None; n];
    for (k, q) in quotes.iter().enumerate() {
        if q.kind != QuoteKind::Direct {
            for &(a, b) in &q.quote {
                for slot in &mut outer_at[a..=b.min(n - 1)] {
                    slot.get_or_insert(k);
                }
            }
        }
    }
    for m in fragments {
        let words = (m.open + 1..m.close).filter(|&i| cx.tok(i).word()).count();
        let lower = (m.open + 1..m.close).any(|i| cx.tok(i).lower());
        // A German word in lower case: a quoted phrase, not a title or name.
        let phrase =
            (m.open + 1..m.close).any(|i| cx.tok(i).lower() && cx.tok(i).s.chars().count() >= 4);
        if words == 0
            || !(lower || words >= 3)
            || name_like(cx, m)
            || (m.unclosed && bullet_like(cx, m))
        {
            continue;
        }
        let outer = outer_at[m.open]
            .filter(|&k| outer_at[m.close] == Some(k))
            .map(|k| &quotes[k])
            .filter(|q| q.quote.iter().any(|r| r.0 <= m.open && m.close <= r.1));
        if let Some(outer) = outer {
            let mut q = Q::new(QuoteKind::Direct, outer.medium, vec![(m.open, m.close)]);
            q.speaker = outer.speaker.clone();
            q.cue = outer.cue.clone();
            q.frame = outer.frame.clone();
            q.nested = true;
            nested.push(q);
        } else if phrase
            || words >= 8
            || (m.open + 1..m.close).any(|i| cx.tok(i).end_punct() || cx.is_comma(i))
        {
            // A quoted phrase in running text ("wies den Bericht als
            // „falsch“ zurück"): the speaker is the subject of a cue verb of
            // the sentence, if there is one.
            let mut q = Q::new(QuoteKind::Direct, Medium::Speech, vec![(m.open, m.close)]);
            let r = doc.sents[doc.sent_of[m.open]].clone();
            let r = r.start.max(m.open.saturating_sub(WINDOW))..r.end.min(m.close + WINDOW);
            // The cue nearest before the quote ("gratulierte X und lobte
            // Ys „…“": "lobte"), else the first after it.
            let cue_at = |v: usize| {
                (cx.in_marks[v].is_none())
                    .then(|| sentence_cue(cx, v, r.end).map(|(m, c, f)| (v, m, c, f)))
                    .flatten()
            };
            // The speaker is the subject of the first such cue that has one.
            let found = (r.start..m.open.min(r.end))
                .rev()
                .chain(m.close.min(r.end)..r.end)
                .filter_map(cue_at)
                .take(4)
                .find_map(|(v, medium, cue, form)| {
                    // A verb after the quote ends a subordinate clause: "wo
                    // Kim ihn als „besten Freund“ betrachtet" — its subject
                    // follows the conjunction.
                    let start = if v > m.close {
                        (r.start..m.open)
                            .rev()
                            .find(|&k| {
                                cx.cls(k) & class::SUB != 0
                                    && cx.cls(k) & class::DET == 0
                                    && (k == r.start || cx.is_comma(k - 1))
                            })
                            .unwrap_or(r.start)
                    } else {
                        r.start
                    };
                    let sp = subject(cx, start, v, form, r.end)?;
                    (!(sp.0 <= m.open && m.open <= sp.1)).then_some((sp, medium, cue))
                });
            if let Some((sp, medium, cue)) = found {
                q.speaker.push(sp);
                q.cue = cue;
                q.medium = direct_medium(medium);
            } else if words == 1
                || named_by_noun(cx, m)
                || cx.doc.toks.get(m.close + 1).is_some_and(|t| t.s == "(")
            {
                // With no cue in the sentence, a quoted single word, a
                // quoted name after the noun it names ("die Organisation
                // „Reporter ohne Grenzen“", "das Motto „Freiheit statt
                // Angst“") or a term with its abbreviation or translation
                // in brackets is a name or term, not somebody's words.
                continue;
            } else if let Some(sp) = sentence_subject(cx, doc.sent_of[m.open])
                .filter(|sp| !(sp.0 <= m.close && m.open <= sp.1))
            {
                // "Stoiber begründete seinen Rückzug mit einer „veränderten
                // Lage“": without a cue, the subject who names someone.
                q.speaker.push(sp);
            }
            nested.push(q);
        }
    }
    nested
}
/// A direct quote between the marks `m`, with its frame before (ending in a
/// colon, or a cue and a comma) or after (", sagte er"), or standing alone
/// as a sentence. `None` for a fragment inside running text.
pub(crate) fn direct(cx: &Ctx, m: Marks) -> Option<Q> {
    let doc = cx.doc;
    if m.unclosed && bullet_like(cx, m) {
        return None;
    }
    let mut q = Q::new(QuoteKind::Direct, Medium::Speech, vec![(m.open, m.close)]);
    // After the closing mark: ", sagte er gegenüber AFP."
    let s_close = doc.sent_of[m.close];
    let end = doc.sents[s_close].end;
    let mut a = m.close + 1;
    if a < end && cx.is_comma(a) {
        a += 1;
    }
    // Words before the opening mark in the same clause: a quoted part of a
    // reported clause ("X seien „Versuche“, sagte Y"), left to the indirect
    // rules.
    let clause_before = {
        let s0 = doc.sents[doc.sent_of[m.open]]
            .start
            .max(m.open.saturating_sub(WINDOW));
        m.open > s0
            && !matches!(cx.tok(m.open - 1).s, ":" | ",")
            && (s0..m.open).any(|k| cx.tok(k).word() && !cx.taken[k])
    };
    if !m.unclosed && !clause_before && a < end && !cx.tok(a).para {
        if let Some(f) = frame_after(cx, a, end) {
            return Some(with_frame(q, (m.close + 1, f.end), f));
        }
    }
    // Before the opening mark, in the same sentence and paragraph.
    let s_open = doc.sent_of[m.open];
    let mut start = doc.sents[s_open].start.max(m.open.saturating_sub(WINDOW));
    for (k, &t) in cx.taken.iter().enumerate().take(m.open).skip(start) {
        if t {
            start = k + 1;
        }
    }
    if m.open > start {
        let last = m.open - 1;
        let ends_colon = cx.tok(last).s == ":";
        let ends_comma = cx.is_comma(last);
        if ends_colon || ends_comma {
            if let Some(f) = frame_before(cx, start, last) {
                return Some(with_frame(q, (f.start, last), f));
            }
            if ends_colon && last > start {
                // "Ein Beamter der Nationalpolizei: „…“", "Die Bewohner
                // sehen alles gelassen: „…“".
                q.frame.push((start, last));
                if let Some(sp) = inverted_subject(cx, start, last) {
                    q.speaker.push(sp);
                } else if let Some(np) = np_after(cx, start, last) {
                    if np.1 + 1 == last || nominative(cx, start) {
                        q.speaker.push(np);
                    }
                }
                q.extend_cover();
                return Some(q);
            }
        }
        // Only punctuation before it: still a quote of its own.
        if (start..m.open).any(|i| cx.tok(i).word()) {
            return None;
        }
    }
    // Standing alone: the sentence is the quote (and its punctuation).
    let after_words = end > m.close + WINDOW || (m.close + 1..end).any(|i| cx.tok(i).word());
    if after_words || name_like(cx, m) {
        return None;
    }
    Some(q)
}

/// The subject right after the finite verb of a clause that ends in a
/// colon, when something else fills the first position ("Hier sparte der
/// Bundespräsident nicht mit Kritik:", "In einem Interview äußerte sich der
/// EU-Außenbeauftragte Javier Solana zuversichtlich:", "Den Unmut der CDU
/// brachte die Sprecherin … zum Ausdruck:"): a personal pronoun, a phrase
/// naming a person, or one with an office noun.
fn inverted_subject(cx: &Ctx, start: usize, last: usize) -> Option<R> {
    // The first position: adverbs, a prepositional phrase, or a noun
    // phrase.
    let mut k = start;
    while k < last && cx.cls(k) == class::ADV {
        k += 1;
    }
    if k == start {
        if cx.cls(k) & class::PREP != 0 && cx.cls(k) & class::DET == 0 {
            k = np_after(cx, k + 1, last)?.1 + 1;
        } else {
            k = np_after(cx, k, last)?.1 + 1;
        }
    }
    // The finite verb: one lower-case word that is no article or adjective.
    let v = k;
    let t = cx.tok(v);
    if v + 1 >= last
        || !t.word()
        || !t.lower()
        || cx.cls(v) & (class::DET | class::PREP | class::SUB | class::CONJ | class::PRON) != 0
        || adjective_like(cx, v)
    {
        return None;
    }
    let mut a = v + 1;
    if cx.is(a, role::REFLEXIVE) {
        a += 1;
    }
    let np = np_after(cx, a, last).filter(|np| nominative(cx, np.0))?;
    let pronoun =
        np.0 == np.1 && cx.is(np.0, role::THIRD_PERSON) && !cx.is(np.0, role::NON_REFERENTIAL);
    let named = (np.0..=np.1).any(|k| cx.in_mention(k, super::ment::PERSON));
    let office = (np.0..=np.1).any(|k| cx.lex[k].is_some_and(|e| e.role > 0) && cx.tok(k).upper());
    (pronoun || named || office).then_some(np)
}

/// Whether the quoted words start with a capital right after a capitalised
/// noun inside the sentence: "die Organisation „Reporter ohne Grenzen“",
/// "mit dem Lied „Für dich soll's rote Rosen regnen“" — a name or title
/// and the noun that says what it names.
fn named_by_noun(cx: &Ctx, m: Marks) -> bool {
    let (Some(before), Some(first)) = (m.open.checked_sub(1), cx.doc.toks.get(m.open + 1)) else {
        return false;
    };
    let prev = cx.tok(before);
    let sentence_start =
        before == 0 || cx.doc.sent_of[before] != cx.doc.sent_of[before - 1] || prev.para;
    prev.word()
        && prev.upper()
        && prev.s.chars().count() > 2
        && cx.cls(before) == 0
        && !sentence_start
        && first.word()
        && first.upper()
}

/// Whether the words between the marks look like a name or title rather
/// than someone's words: a web address, or a foreign name ("Partij voor de
/// Vrijheid", "Union pour un Mouvement Populaire"). (Capitalised words alone
/// say nothing: „Wortbruch“ and „Erpressung“ are quoted words.)
pub(crate) fn name_like(cx: &Ctx, m: Marks) -> bool {
    let inner = m.open + 1..m.close;
    if inner
        .clone()
        .any(|i| cx.tok(i).kind == TokenKind::Url || cx.lex[i].is_some_and(|e| e.foreign))
    {
        return true;
    }
    // "news.bbc.co.uk": one dotted string without spaces.
    let text = cx
        .doc
        .text
        .get(cx.tok(m.open).span.end..cx.tok(m.close).span.start)
        .unwrap_or("");
    text.contains('.') && !text.contains(char::is_whitespace) && text.len() > 3
}

/// An opening mark never closed, before a short line without final
/// punctuation: a mark used as a bullet or a stray mark, not a quote ("„
/// Punkt eins"). A quote re-opened at each paragraph ends with a sentence.
pub(crate) fn bullet_like(cx: &Ctx, m: Marks) -> bool {
    let words = (m.open + 1..=m.close).filter(|&i| cx.tok(i).word()).count();
    let last = cx.tok(m.close);
    words < 4 || !(last.end_punct() || last.close_quote() || cx.tok(m.close).s == ":")
}

/// Words in quotation marks are mostly spoken: a cue that can mean speech
/// or writing ("erklärte") gives Speech for a direct quote.
pub(crate) fn direct_medium(cue: Medium) -> Medium {
    match cue {
        Medium::SpeechWriting => Medium::Speech,
        m => m,
    }
}

/// A direct quote with its frame (spanning `frame`) and the frame's roles.
pub(crate) fn with_frame(mut q: Q, frame: R, f: Frame) -> Q {
    q.frame.push(frame);
    q.cue = f.cue;
    q.speaker = f.speaker;
    q.addressee = f.addressee;
    q.medium = direct_medium(f.medium);
    q.extend_cover();
    q
}
