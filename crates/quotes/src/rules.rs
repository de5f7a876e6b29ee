//! The extraction rules. Every rule works on token indices of a [`Doc`];
//! quotes become byte spans at the end.

use wortlaut_normalize::Span;
use wortlaut_segment::TokenKind;

use crate::doc::{Doc, Marks};
use crate::lexicon::{class, ends_with_any, role, Entry, FormOf, Lexicon, VerbForm, WordCue};
use crate::{EntityKind, EntityMention, Medium, Quote, QuoteKind};

/// A token range, both ends inclusive.
type R = (usize, usize);

/// Longest sentence (in tokens) the frame rules look at; longer "sentences"
/// are lists, tables or junk, and only their quotation marks count. Keeps
/// every rule linear on any input.
const MAX_SENTENCE: usize = 300;

/// Farthest any rule looks from a quotation mark or cue (in tokens).
const WINDOW: usize = 60;

#[derive(Clone, Debug)]
struct Q {
    kind: QuoteKind,
    medium: Medium,
    quote: Vec<R>,
    speaker: Vec<R>,
    cue: Vec<R>,
    frame: Vec<R>,
    addressee: Vec<R>,
    nested: bool,
    /// First and last token the quote and its frame cover.
    first: usize,
    last: usize,
}

impl Q {
    fn new(kind: QuoteKind, medium: Medium, quote: Vec<R>) -> Q {
        let first = quote.iter().map(|r| r.0).min().unwrap_or(0);
        let last = quote.iter().map(|r| r.1).max().unwrap_or(0);
        Q {
            kind,
            medium,
            quote,
            speaker: Vec::new(),
            cue: Vec::new(),
            frame: Vec::new(),
            addressee: Vec::new(),
            nested: false,
            first,
            last,
        }
    }

    fn extend_cover(&mut self) {
        for r in self.frame.iter().chain(&self.speaker).chain(&self.cue) {
            self.first = self.first.min(r.0);
            self.last = self.last.max(r.1);
        }
    }
}

struct Ctx<'a, 't> {
    lx: &'a Lexicon,
    doc: &'a Doc<'t>,
    /// Lower-case form of every token.
    low: Vec<&'a str>,
    /// What the lexicon knows of every token.
    lex: Vec<Option<&'a Entry>>,
    /// Token is part of a quote or frame already found.
    taken: Vec<bool>,
    /// Token lies inside a pair of quotation marks (index into doc.marks).
    in_marks: Vec<Option<usize>>,
}

impl<'t> Ctx<'_, 't> {
    fn cls(&self, i: usize) -> u8 {
        self.lex[i].map_or(0, |e| e.class)
    }
    fn forms(&self, i: usize) -> &[FormOf] {
        self.lex[i].map_or(&[], |e| e.forms.as_slice())
    }
    fn word_cue(&self, i: usize) -> Option<(WordCue, Medium)> {
        self.lex[i].and_then(|e| e.cue)
    }
    fn subj(&self, i: usize) -> bool {
        self.lex[i].is_some_and(|e| e.subjunctive > 0)
    }
    fn subj1(&self, i: usize) -> bool {
        self.lex[i].is_some_and(|e| e.subjunctive == 2)
    }
    fn particle(&self, i: usize) -> bool {
        self.lex[i].is_some_and(|e| e.particle)
    }
    /// Whether token `i` has one of the word roles `roles`.
    fn is(&self, i: usize, roles: u32) -> bool {
        self.lex[i].is_some_and(|e| e.roles & roles != 0)
    }
    fn tok(&self, i: usize) -> &crate::doc::Tok<'t> {
        &self.doc.toks[i]
    }
    fn is_comma(&self, i: usize) -> bool {
        self.tok(i).comma()
    }
}

pub(crate) fn extract(lx: &Lexicon, doc: &Doc, mentions: &[EntityMention]) -> Vec<Quote> {
    // Speaker resolution looks mentions up by position.
    let sorted;
    let mentions = if mentions.is_sorted_by_key(|m| m.span.start) {
        mentions
    } else {
        let mut v = mentions.to_vec();
        v.sort_by_key(|m| m.span.start);
        sorted = v;
        &sorted
    };
    let n = doc.toks.len();
    // Lower-case forms in one buffer, then one lexicon lookup per token.
    let mut arena = String::with_capacity(doc.text.len() + 16);
    let mut ends = Vec::with_capacity(n);
    for t in &doc.toks {
        if t.s.is_ascii() {
            let start = arena.len();
            arena.push_str(t.s);
            arena[start..].make_ascii_lowercase();
        } else {
            arena.extend(t.s.chars().flat_map(char::to_lowercase));
        }
        ends.push(arena.len());
    }
    let mut low: Vec<&str> = Vec::with_capacity(n);
    let mut start = 0;
    for &e in &ends {
        low.push(&arena[start..e]);
        start = e;
    }
    let lex = low.iter().map(|w| lx.entry(w)).collect();
    let mut in_marks = vec![None; n];
    for (k, m) in doc.marks.iter().enumerate() {
        for slot in &mut in_marks[m.open..=m.close] {
            *slot = Some(k);
        }
    }
    let mut cx = Ctx {
        lx,
        doc,
        low,
        lex,
        taken: vec![false; n],
        in_marks,
    };
    let mut quotes: Vec<Q> = Vec::new();
    // 1. Direct quotes with a frame, or standing alone.
    let mut fragments: Vec<Marks> = Vec::new();
    for &m in &doc.marks {
        match direct(&cx, m) {
            Some(q) => {
                for i in q.first..=q.last {
                    cx.taken[i] = true;
                }
                quotes.push(q);
            }
            None => fragments.push(m),
        }
    }
    // 2. Indirect and reported speech, sentence by sentence.
    for s in 0..doc.sents.len() {
        let r = doc.sents[s].clone();
        if r.len() > MAX_SENTENCE {
            continue;
        }
        let mut i = r.start;
        while i < r.end {
            if cx.taken[i] || (cx.in_marks[i].is_some() && !fragment_at(&fragments, i)) {
                i += 1;
                continue;
            }
            if let Some(q) =
                last_content(&cx, r.start, r.end).and_then(|end| indirect_at(&cx, i, r.start, end))
            {
                for k in q.first..=q.last {
                    cx.taken[k] = true;
                }
                i = q.last + 1;
                quotes.push(q);
                continue;
            }
            i += 1;
        }
    }
    for s in 0..doc.sents.len() {
        let r = doc.sents[s].clone();
        if r.len() > MAX_SENTENCE || r.clone().any(|i| cx.taken[i]) {
            continue;
        }
        if let Some(q) = reported(&cx, r.start, r.end) {
            for k in q.first..=q.last {
                cx.taken[k] = true;
            }
            quotes.push(q);
        }
    }
    quotes.sort_by_key(|q| q.first);
    // 3. Subjunctive and reportative sentences continuing a report.
    let mut more = continuations(&cx, &quotes);
    quotes.append(&mut more);
    quotes.sort_by_key(|q| q.first);
    // 4. Quoted fragments inside a reported statement: nested direct quotes.
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
            || name_like(&cx, m)
            || (m.unclosed && bullet_like(&cx, m))
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
                    .then(|| sentence_cue(&cx, v, r.end).map(|(m, c, f)| (v, m, c, f)))
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
                    let sp = subject(&cx, start, v, form, r.end)?;
                    (!(sp.0 <= m.open && m.open <= sp.1)).then_some((sp, medium, cue))
                });
            if let Some((sp, medium, cue)) = found {
                q.speaker.push(sp);
                q.cue = cue;
                q.medium = direct_medium(medium);
            }
            nested.push(q);
        }
    }
    quotes.append(&mut nested);
    quotes.sort_by_key(|q| (q.first, std::cmp::Reverse(q.last)));
    inherit_speakers(&cx, &mut quotes);
    let roles = if mentions.is_empty() {
        Vec::new()
    } else {
        roles_seen(&cx, mentions)
    };
    let mut out: Vec<Quote> = quotes
        .into_iter()
        .map(|q| finish(&cx, q, mentions, &roles))
        .collect();
    same_words_same_speaker(cx.doc.text, &mut out, mentions);
    // The rules above order quotes by everything they cover (frame and
    // speaker included) before speakers are inherited, so a quote whose
    // frame starts early could come before one it encloses, or after one
    // that starts inside its frame. The promise is text order of the
    // quotations themselves (a nested quote after the one containing it):
    // sort by the first quote span, stably.
    out.sort_by_key(|q| (q.quote.first().map_or(0, |s| s.start), q.nested));
    out
}

/// A quotation given to a described speaker ("ein hochrangiger ukrainischer
/// Beamter") takes the named person of the same quoted words elsewhere in
/// the document ("Mychajlo Podoljak … „Massenmord an Ukrainern“"), and so
/// does the statement it is part of (same speaker phrase).
fn same_words_same_speaker(text: &str, quotes: &mut [Quote], mentions: &[EntityMention]) {
    let named = |q: &Quote| {
        mentions_within(mentions, &q.speaker)
            .iter()
            .any(|m| m.kind == EntityKind::Person && q.speaker.iter().any(|s| s.contains(m.span)))
    };
    let words = |q: &Quote| -> Option<String> {
        let [s] = q.quote.as_slice() else { return None };
        let t = text.get(s.start..s.end)?;
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        (t.split_whitespace().count() >= 2).then(|| t.to_string())
    };
    let mut by_words: std::collections::HashMap<String, String> = Default::default();
    for q in quotes.iter() {
        if let (Some(w), Some(e)) = (words(q), q.speaker_entity.as_ref()) {
            if named(q) {
                by_words.entry(w).or_insert_with(|| e.clone());
            }
        }
    }
    if by_words.is_empty() {
        return;
    }
    let mut adopt: Vec<(Vec<Span>, String)> = Vec::new();
    for q in quotes.iter() {
        if q.speaker.is_empty() || named(q) {
            continue;
        }
        if let Some(e) = words(q).and_then(|w| by_words.get(&w)) {
            adopt.push((q.speaker.clone(), e.clone()));
        }
    }
    for q in quotes.iter_mut() {
        if let Some((_, e)) = adopt.iter().find(|(sp, _)| *sp == q.speaker) {
            q.speaker_entity = Some(e.clone());
        }
    }
}

fn fragment_at(fragments: &[Marks], i: usize) -> bool {
    fragments.iter().any(|m| m.open <= i && i <= m.close)
}

/// A direct quote between the marks `m`, with its frame before (ending in a
/// colon, or a cue and a comma) or after (", sagte er"), or standing alone
/// as a sentence. `None` for a fragment inside running text.
fn direct(cx: &Ctx, m: Marks) -> Option<Q> {
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
                if let Some(np) = np_after(cx, start, last) {
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

/// Whether the words between the marks look like a name or title rather
/// than someone's words: a web address, or a foreign name ("Partij voor de
/// Vrijheid", "Union pour un Mouvement Populaire"). (Capitalised words alone
/// say nothing: „Wortbruch“ and „Erpressung“ are quoted words.)
fn name_like(cx: &Ctx, m: Marks) -> bool {
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
fn bullet_like(cx: &Ctx, m: Marks) -> bool {
    let words = (m.open + 1..=m.close).filter(|&i| cx.tok(i).word()).count();
    let last = cx.tok(m.close);
    words < 4 || !(last.end_punct() || last.close_quote() || cx.tok(m.close).s == ":")
}

/// Words in quotation marks are mostly spoken: a cue that can mean speech
/// or writing ("erklärte") gives Speech for a direct quote.
fn direct_medium(cue: Medium) -> Medium {
    match cue {
        Medium::SpeechWriting => Medium::Speech,
        m => m,
    }
}

/// A direct quote with its frame (spanning `frame`) and the frame's roles.
fn with_frame(mut q: Q, frame: R, f: Frame) -> Q {
    q.frame.push(frame);
    q.cue = f.cue;
    q.speaker = f.speaker;
    q.addressee = f.addressee;
    q.medium = direct_medium(f.medium);
    q.extend_cover();
    q
}

/// A frame found around a cue.
struct Frame {
    start: usize,
    end: usize,
    cue: Vec<R>,
    speaker: Vec<R>,
    addressee: Vec<R>,
    medium: Medium,
}

/// A frame that starts at `a` right after a quote: "sagte er", "so der
/// Sprecher", "teilte die Polizei mit". Ends before the sentence's final
/// punctuation or at a comma after the speaker.
fn frame_after(cx: &Ctx, a: usize, end: usize) -> Option<Frame> {
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
fn addressees(cx: &Ctx, from: usize, to: usize, verb: usize, speaker: Option<R>) -> Vec<R> {
    let mut out = Vec::new();
    for j in from..to {
        if cx.is(j, role::ADDRESSEE_PREP) {
            if let Some(np) = np_after(cx, j + 1, to) {
                out.push((j, np.1));
            }
        }
    }
    if !out.is_empty() {
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

/// The first token from `i` that is not a sentence adverb ("gestern",
/// "später", "zudem"), at most two skipped.
fn skip_adverbs(cx: &Ctx, i: usize, end: usize) -> usize {
    let mut k = i;
    while k < end.min(i + 2) && cx.tok(k).lower() && cx.cls(k) == class::ADV {
        k += 1;
    }
    k
}

/// A finite cue verb at `i` (with its separated particle before `end` when
/// it has one): medium and cue spans.
fn finite_cue(cx: &Ctx, i: usize, end: usize) -> Option<(Medium, Vec<R>)> {
    if i >= end.min(cx.doc.toks.len()) {
        return None;
    }
    let t = cx.tok(i);
    if !t.word() || !t.lower() {
        return None;
    }
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
            if i > 0 && cx.low[i - 1] == particle {
                return Some((verb.medium, vec![(i - 1, i)]));
            }
            let mut j = i + 1;
            let mut commas = 0;
            while j < end.min(i + 24) && !cx.tok(j).end_punct() && cx.tok(j).s != ":" {
                if cx.low[j] == particle {
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
        // A particle of another verb right after the clause ("sagte … ab").
        return Some((verb.medium, vec![(i, i)]));
    }
    None
}

/// A frame before a quote, from `start` to `last` (the colon or comma):
/// "Kölns Präsident Wolfgang Overath sagte:", "Er erklärte,".
fn frame_before(cx: &Ctx, start: usize, last: usize) -> Option<Frame> {
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
fn any_cue(cx: &Ctx, i: usize, end: usize) -> Option<(Medium, Vec<R>, VerbForm)> {
    if i >= end.min(cx.doc.toks.len()) {
        return None;
    }
    let t = cx.tok(i);
    if !t.word() || !t.lower() {
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

/// The subject of a frame whose cue is at `v`: the noun phrase filling the
/// first position before the verb (or before its auxiliary), else the one
/// right after the (auxiliary) verb, else a noun phrase between "wie" and a
/// verb at the end.
fn subject(cx: &Ctx, start: usize, v: usize, form: VerbForm, end: usize) -> Option<R> {
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
    let adverb = verb == start + 1 && { ends_with_any(cx.low[start], &cx.lx.endings.adverb) };
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

/// Whether a noun phrase starting at `i` can be a subject: it does not start
/// with an accusative or dative form ("den", "dem", "ihm").
fn nominative(cx: &Ctx, i: usize) -> bool {
    cx.cls(i) & class::OBL == 0
}

/// The noun phrase starting at `i` (before `end`): a pronoun, or
/// determiners, adjectives and capitalised words with genitive attributes
/// ("der Sprecher des Ministeriums", "Kölns Präsident Wolfgang Overath",
/// "einem Bericht der „Frankfurter Allgemeine Zeitung“"). Inclusive range.
fn np_after(cx: &Ctx, i: usize, end: usize) -> Option<R> {
    let end = end.min(cx.doc.toks.len());
    if i >= end {
        return None;
    }
    let c = cx.cls(i);
    if c & class::PRON != 0 && !cx.is(i, role::NON_REFERENTIAL) {
        return Some((i, i));
    }
    let mut j = i;
    let mut last_noun = None;
    let mut in_quote = false;
    // An indefinite phrase takes no name in apposition: in "während ein
    // Beamter Pjöngjang vorwarf" the name is the object.
    let indefinite = cx.is(i, role::INDEFINITE);
    while j < end {
        let t = cx.tok(j);
        let c = cx.cls(j);
        if t.kind == TokenKind::Quote {
            if t.open_quote() && j + 1 < end && (cx.tok(j + 1).upper() || j == i) {
                in_quote = true;
                j += 1;
                continue;
            }
            if in_quote && t.close_quote() {
                in_quote = false;
                last_noun = Some(j);
                j += 1;
                continue;
            }
            break;
        }
        if in_quote {
            j += 1;
            continue;
        }
        if c & class::DET != 0 {
            // After a noun only a genitive attribute: "des", "der".
            if last_noun.is_some() && !cx.is(j, role::GENITIVE_ARTICLE) {
                break;
            }
            j += 1;
            continue;
        }
        if c & (class::PREP | class::SUB | class::CONJ | class::AUX | class::ADV | class::PRON) != 0
        {
            // "von" joins a name: "ein Sprecher von Amnesty International".
            if cx.is(j, role::NAME_PREP)
                && last_noun.is_some()
                && j + 1 < end
                && cx.tok(j + 1).upper()
            {
                j += 1;
                continue;
            }
            if t.upper() && c & (class::PRON | class::AUX) == 0 && j == i {
                // A capitalised preposition at the start is no noun.
                return None;
            }
            break;
        }
        if t.word() && t.upper() {
            if cx.forms(j).iter().any(|f| f.form != VerbForm::Participle)
                && j == i
                && cx.tok(j).lower()
            {
                break;
            }
            if indefinite && last_noun == Some(j - 1) {
                break;
            }
            last_noun = Some(j);
            j += 1;
            continue;
        }
        let after_det = j > i && cx.cls(j - 1) & class::DET != 0;
        if t.word() && t.lower() && (last_noun.is_none() || after_det) && adjective_like(cx, j) {
            j += 1;
            continue;
        }
        if t.s == "-" && last_noun.is_some() {
            j += 1;
            continue;
        }
        // "Die Schutzgemeinschaft der Kapitalanleger (SdK)".
        if t.s == "(" && last_noun.is_some() {
            if let Some(c) = (j + 1..end.min(j + 8)).find(|&k| cx.tok(k).s == ")") {
                last_noun = Some(c);
                j = c + 1;
                continue;
            }
        }
        break;
    }
    last_noun.map(|e| (i, e))
}

/// An inflected adjective (lower case, more than three letters).
fn adjective_like(cx: &Ctx, k: usize) -> bool {
    let w = cx.low[k];
    w.chars().count() > 3 && ends_with_any(w, &cx.lx.endings.adjective)
}

/// Indirect speech with its cue at token `i` of the sentence `s..e`.
/// `end` is the last token of the sentence before its final punctuation.
fn indirect_at(cx: &Ctx, i: usize, s: usize, end: usize) -> Option<Q> {
    let t = cx.tok(i);
    if !t.word() {
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

/// End of a reported clause that starts at `a`: before ", während …", a
/// clause of the reporter's own.
fn clause_end(cx: &Ctx, a: usize, end: usize) -> usize {
    for k in a + 1..end {
        if cx.is_comma(k) && cx.is(k + 1, role::CONTRAST_SUB) {
            return k - 1;
        }
    }
    end
}

/// Number of word tokens in `a..=b`.
fn words(cx: &Ctx, a: usize, b: usize) -> usize {
    (a..=b).filter(|&k| cx.tok(k).word()).count()
}

/// Whether `a..=b` starts with a noun phrase and a relative clause ("Hubert
/// Primus, der … verantwortlich ist, wies … zurück"): the subject of the
/// next verb, not a statement.
fn subject_with_relative(cx: &Ctx, a: usize, b: usize) -> bool {
    let Some(comma) = (a..=b).find(|&k| cx.is_comma(k)) else {
        return false;
    };
    let relative = comma < b && cx.is(comma + 1, role::RELATIVE);
    relative && np_after(cx, a, comma).is_some_and(|np| np.1 + 1 == comma)
}

/// "Dies teilte die Polizei mit.": a frame whose object stands for the
/// sentence before, which is the quote (with the pronoun).
fn anaphoric_frame(cx: &Ctx, i: usize, end: usize) -> Option<Q> {
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

/// The last token of the sentence `s..e` that is not final punctuation.
fn last_content(cx: &Ctx, s: usize, e: usize) -> Option<usize> {
    let mut end = e.checked_sub(1)?;
    while end > s && (cx.tok(end).end_punct() || cx.tok(end).s == ":") {
        end -= 1;
    }
    (end >= s).then_some(end)
}

/// Start of the clause that ends at `i`: the sentence start, or after a
/// colon or semicolon, or after a quote or frame already found.
fn clause_start(cx: &Ctx, s: usize, i: usize) -> usize {
    let mut k = i;
    while k > s {
        let p = k - 1;
        if cx.taken[p] || matches!(cx.tok(p).s, ":" | ";") {
            break;
        }
        // A subordinate clause starts after ", während", ", weil", ….
        if cx.is_comma(p)
            && p + 1 < i
            && cx.cls(p + 1) & class::SUB != 0
            && cx.cls(p + 1) & class::DET == 0
        {
            break;
        }
        k -= 1;
    }
    while k < i && (cx.is_comma(k) || cx.tok(k).kind == TokenKind::Punct) {
        k += 1;
    }
    k
}

/// Whether tokens `a..=b` can be a reported statement: they start with
/// "dass"/"ob"/a question word, or hold a subjunctive, or a verb form after a
/// subject (at least three words), or an infinitive with "zu".
fn is_statement(cx: &Ctx, a: usize, b: usize) -> bool {
    if a > b {
        return false;
    }
    let words = (a..=b).filter(|&k| cx.tok(k).word()).count();
    if cx.cls(a) & class::SUB != 0 && words >= 3 {
        return true;
    }
    if words < 3 {
        return false;
    }
    (a..=b).any(|k| cx.subj(k) || (cx.is(k, role::INFINITIVE_MARKER) && k < b))
        || (words >= 4 && (a..=b).any(|k| cx.cls(k) & class::AUX != 0))
        || konjunktiv_after_pronoun(cx, a, b)
}

/// "er warte", "man erwäge", "sie freue sich": a verb ending in -e right
/// after a third-person pronoun at the start of the clause is Konjunktiv I.
fn konjunktiv_after_pronoun(cx: &Ctx, a: usize, b: usize) -> bool {
    a < b
        && cx.is(a, role::THIRD_PERSON)
        && cx.tok(a + 1).lower()
        && cx.low[a + 1].len() >= 4
        && cx.low[a + 1].ends_with('e')
        && cx.cls(a + 1) == 0
}

/// A quote attributed by a cue word: "laut X", "X zufolge", "nach Angaben
/// von X", ", so X,".
/// "X deutete der Botschafter, Y, laut offiziellen Medien an": a clause
/// placed first, then a cue verb with its subject; the source after "laut"
/// only reports what the subject said, so the subject is the speaker and the
/// fronted clause the quote.
fn fronted_with_source(cx: &Ctx, i: usize, s: usize, end: usize, medium: Medium) -> Option<Q> {
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

fn word_cue_quote(
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
            let np = np_after(cx, i + 1, end + 1)?;
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
                    || (cx.tok(k).upper() && cx.lx.noun_suffix(cx.low[k]))
            });
            if !noun {
                return None;
            }
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
            let np = np_after(cx, i + 1, end + 1)?;
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

/// A reported speech act in the sentence `s..e`: a cue verb with an object
/// ("Die Polizei sprach von einer friedlichen Demonstration.") and a subject;
/// the quote is the whole sentence.
fn reported(cx: &Ctx, s: usize, e: usize) -> Option<Q> {
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
                if !(v + 1..=end).any(|k| cx.low[k] == prep.as_str()) {
                    continue;
                }
            }
            // The annotation scheme gives reported speech acts no cue, but a
            // separable verb needs its particle to be this verb at all.
            if f.split {
                let particle = verb.particle.as_deref().unwrap_or("");
                if !(v + 1..=end).any(|k| cx.low[k] == particle) {
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

/// Any cue verb at `v` (clause or object use, finite or participle) with its
/// particle before `end`.
fn sentence_cue(cx: &Ctx, v: usize, end: usize) -> Option<(Medium, Vec<R>, VerbForm)> {
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
            let p = (v + 1..end).find(|&k| cx.low[k] == particle)?;
            return Some((verb.medium, vec![(v, v), (p, p)], f.form));
        }
        Some((verb.medium, vec![(v, v)], f.form))
    })
}

/// A direct quote standing alone, without frame or speaker, continues the
/// speaker of the quote before when that one ended at most two sentences
/// earlier.
fn inherit_speakers(cx: &Ctx, quotes: &mut [Q]) {
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
fn continuations(cx: &Ctx, quotes: &[Q]) -> Vec<Q> {
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
            let (speaker, medium, _) =
                last.clone()
                    .filter(|_| recent)
                    .unwrap_or((Vec::new(), Medium::Speech, 0));
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

/// Turns token ranges into byte spans and resolves the speaker's entity.
fn finish(cx: &Ctx, q: Q, mentions: &[EntityMention], roles: &[RoleSeen]) -> Quote {
    let spans = |rs: &[R]| -> Vec<Span> {
        let mut v: Vec<Span> = rs.iter().map(|&(a, b)| cx.doc.span(a, b.max(a))).collect();
        v.sort_by_key(|s| s.start);
        v
    };
    let quote = spans(&q.quote);
    let speaker = spans(&q.speaker);
    let speaker_entity = resolve(
        cx,
        &speaker,
        quote.first().map_or(0, |s| s.start),
        mentions,
        roles,
    );
    Quote {
        kind: q.kind,
        medium: q.medium,
        quote,
        speaker,
        cue: spans(&q.cue),
        frame: spans(&q.frame),
        addressee: spans(&q.addressee),
        speaker_entity,
        nested: q.nested,
    }
}

/// The entity of a speaker: a mention inside its span (a person first,
/// then an organisation, then a place); for a pronoun, the last person (or
/// for "sie", organisation) mentioned before the quote.
fn resolve(
    cx: &Ctx,
    speaker: &[Span],
    before: usize,
    mentions: &[EntityMention],
    roles: &[RoleSeen],
) -> Option<String> {
    let sp = speaker.first()?;
    let within = mentions_within(mentions, speaker);
    let inside = |k: EntityKind| {
        within.iter().find(|m| {
            m.kind == k
                && m.entity.is_some()
                && speaker
                    .iter()
                    .any(|s| s.start <= m.span.start && m.span.end <= s.end)
        })
    };
    if let Some(m) = inside(EntityKind::Person) {
        return m.entity.clone();
    }
    // "der russische Präsident", "der Sprecher": the person (or the
    // organisation) named with the same office earlier.
    if let Some(e) = role_description(cx, speaker, mentions, roles) {
        return Some(e);
    }
    for k in [
        EntityKind::Organization,
        EntityKind::Place,
        // "Russische Offizielle": the country of a nationality adjective.
        EntityKind::Other,
    ] {
        if let Some(m) = inside(k) {
            if k != EntityKind::Organization && modifies_abstract_noun(cx, m.span, speaker) {
                return None;
            }
            return m.entity.clone();
        }
    }
    let word = cx.doc.text.get(sp.start..sp.end)?;
    let refers = cx.lx.pronoun(word)?;
    let fits = |k: EntityKind| {
        (refers.person && k == EntityKind::Person)
            || (refers.organization && k == EntityKind::Organization)
    };
    let limit = before.max(sp.start);
    // The last fitting mention before, among the last 200 mentions.
    let upto = mentions.partition_point(|m| m.span.start < limit);
    mentions[..upto]
        .iter()
        .rev()
        .take(200)
        .filter(|m| m.span.end <= limit)
        .find(|m| fits(m.kind) && m.entity.is_some())
        .and_then(|m| m.entity.clone())
}

/// Whether a place in the genitive only modifies an abstract noun that ends
/// the speaker phrase ("Russlands Bestreben", "Chinas Politik"): then the
/// phrase names no one who speaks. Institutions ("Russlands Regierung")
/// still speak for their country.
fn modifies_abstract_noun(cx: &Ctx, mention: Span, speaker: &[Span]) -> bool {
    let Some(sp) = speaker
        .iter()
        .find(|s| s.start <= mention.start && mention.end <= s.end)
    else {
        return false;
    };
    let text = cx.doc.text;
    if !text
        .get(mention.start..mention.end)
        .is_some_and(|m| m.ends_with('s'))
    {
        return false;
    }
    let Some(rest) = text.get(mention.end..sp.end) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let (Some(head), None) = (words.next(), words.next()) else {
        return false;
    };
    let lower = head.to_lowercase();
    let institution = ends_with_any(&lower, &cx.lx.endings.institution);
    head.starts_with(char::is_uppercase)
        && !institution
        && ends_with_any(&lower, &cx.lx.endings.abstract_noun)
}

/// The mentions (sorted by start) that start inside the speaker's spans.
fn mentions_within<'m>(mentions: &'m [EntityMention], speaker: &[Span]) -> &'m [EntityMention] {
    let (Some(first), Some(last)) = (speaker.first(), speaker.last()) else {
        return &[];
    };
    let lo = mentions.partition_point(|m| m.span.start < first.start);
    let hi = mentions.partition_point(|m| m.span.start < last.end);
    &mentions[lo..hi.max(lo)]
}

/// An office noun seen in the text with the entity it names.
pub(crate) struct RoleSeen {
    token: usize,
    noun: String,
    entity: String,
    /// Countries mentioned next to it ("russische Präsident").
    countries: Vec<String>,
}

/// Every office noun followed closely by a person ("Präsident Wladimir
/// Putin", "Präsident Vietnams To Lam"), or a spokesperson's noun by an
/// organisation ("Sprecher des US-Außenministeriums"), in text order.
fn roles_seen(cx: &Ctx, mentions: &[EntityMention]) -> Vec<RoleSeen> {
    let toks = &cx.doc.toks;
    let token_at = |byte: usize| toks.partition_point(|t| t.span.start < byte);
    let starts: Vec<(usize, &EntityMention)> = mentions
        .iter()
        .filter(|m| m.entity.is_some())
        .map(|m| (token_at(m.span.start), m))
        .collect();
    let mut out = Vec::new();
    for (k, lex) in cx.lex.iter().enumerate() {
        let Some(role) = lex.map(|e| e.role).filter(|&r| r > 0) else {
            continue;
        };
        if !toks[k].upper() {
            continue;
        }
        let near = |a: usize, b: usize| {
            let from = starts.partition_point(|(t, _)| *t < a);
            starts[from..].iter().take_while(move |(t, _)| *t <= b)
        };
        let person = near(k + 1, k + 4).find(|(_, m)| m.kind == EntityKind::Person);
        let named = person.or_else(|| {
            (role == 2)
                .then(|| near(k + 1, k + 4).find(|(_, m)| m.kind == EntityKind::Organization))
                .flatten()
        });
        let Some((_, m)) = named else {
            continue;
        };
        let countries = near(k.saturating_sub(3), k + 4)
            .filter(|(_, m)| matches!(m.kind, EntityKind::Place | EntityKind::Other))
            .filter_map(|(_, m)| m.entity.clone())
            .collect();
        out.push(RoleSeen {
            token: k,
            noun: cx.low[k].to_string(),
            entity: m.entity.clone().unwrap_or_default(),
            countries,
        });
    }
    out
}

/// The entity of a description with an office noun, from [`roles_seen`]:
/// the latest earlier use of the same noun whose countries include the
/// description's country (if it names one).
fn role_description(
    cx: &Ctx,
    speaker: &[Span],
    mentions: &[EntityMention],
    roles: &[RoleSeen],
) -> Option<String> {
    let toks = &cx.doc.toks;
    let sp = speaker.first()?;
    let first = toks.partition_point(|t| t.span.start < sp.start);
    let last = toks.partition_point(|t| t.span.start < sp.end);
    let noun = (first..last).find(|&k| cx.lex[k].is_some_and(|e| e.role > 0) && toks[k].upper())?;
    let country = mentions_within(mentions, speaker)
        .iter()
        .filter(|m| matches!(m.kind, EntityKind::Place | EntityKind::Other))
        .find(|m| sp.start <= m.span.start && m.span.end <= sp.end)
        .and_then(|m| m.entity.clone());
    // Among the last 200 office nouns before the description.
    let upto = roles.partition_point(|r| r.token < first);
    roles[..upto]
        .iter()
        .rev()
        .take(200)
        .filter(|r| r.noun == cx.low[noun])
        .find(|r| country.as_ref().is_none_or(|c| r.countries.contains(c)))
        .map(|r| r.entity.clone())
}
