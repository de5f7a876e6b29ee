//! The extraction rules, as a list of passes over the tokens of a [`Doc`]
//! (see [`extract`]). Every pass works on token indices; quotes become byte
//! spans at the end.

mod clauses;
mod continuation;
mod cues;
mod direct;
mod frames;
mod indirect;
mod phrases;
mod rank;
mod reported;
mod speakers;

use std::borrow::Cow;

use crate::doc::Doc;
use crate::lexicon::{Entry, FormOf, Info, Lexicon, WordCue};
use crate::model::SpeakerModel;
use crate::{EntityMention, Medium, Quote, QuoteCandidates, QuoteKind, SpeakerCandidate};
use wortlaut_normalize::Span;

/// A token range, both ends inclusive.
pub(crate) type R = (usize, usize);

/// Longest sentence (in tokens) the frame rules look at; longer "sentences"
/// are lists, tables or junk, and only their quotation marks count. Keeps
/// every rule linear on any input.
pub(crate) const MAX_SENTENCE: usize = 300;

/// Farthest any rule looks from a quotation mark or cue (in tokens).
pub(crate) const WINDOW: usize = 60;

#[derive(Clone, Debug)]
pub(crate) struct Q {
    pub(crate) kind: QuoteKind,
    pub(crate) medium: Medium,
    pub(crate) quote: Vec<R>,
    pub(crate) speaker: Vec<R>,
    pub(crate) cue: Vec<R>,
    pub(crate) frame: Vec<R>,
    pub(crate) addressee: Vec<R>,
    pub(crate) nested: bool,
    /// First and last token the quote and its frame cover.
    pub(crate) first: usize,
    pub(crate) last: usize,
}

impl Q {
    pub(crate) fn new(kind: QuoteKind, medium: Medium, quote: Vec<R>) -> Q {
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

    pub(crate) fn extend_cover(&mut self) {
        for r in self.frame.iter().chain(&self.speaker).chain(&self.cue) {
            self.first = self.first.min(r.0);
            self.last = self.last.max(r.1);
        }
    }
}

/// The document as the passes see it: tokens with their lower-case forms
/// and lexicon entries, and what earlier passes took.
pub(crate) struct Ctx<'a, 't> {
    pub(crate) lx: &'a Lexicon,
    pub(crate) doc: &'a Doc<'t>,
    /// What the lexicon knows of every token.
    pub(crate) lex: Vec<Option<&'a Entry>>,
    /// The small facts of `lex` the passes test again and again, side by
    /// side in one array (no pointer to follow per test).
    info: Vec<Info>,
    /// Token is part of a quote or frame already found.
    pub(crate) taken: Vec<bool>,
    /// Token lies inside a pair of quotation marks (index into doc.marks).
    pub(crate) in_marks: Vec<Option<usize>>,
    /// The kinds of entity mentions each token is part of ([`ment`] bits).
    ment: Vec<u8>,
}

/// Bits of [`Ctx::ment`]: which kinds of mention cover a token.
pub(crate) mod ment {
    pub(crate) const PERSON: u8 = 1;
    pub(crate) const ORG: u8 = 2;
    pub(crate) const PLACE: u8 = 4;
}

impl<'t> Ctx<'_, 't> {
    pub(crate) fn cls(&self, i: usize) -> u8 {
        self.info[i].class
    }
    pub(crate) fn forms(&self, i: usize) -> &[FormOf] {
        self.lex[i].map_or(&[], |e| e.forms.as_slice())
    }
    pub(crate) fn word_cue(&self, i: usize) -> Option<(WordCue, Medium)> {
        self.info[i].cue
    }
    pub(crate) fn subj(&self, i: usize) -> bool {
        self.info[i].subjunctive > 0
    }
    pub(crate) fn subj1(&self, i: usize) -> bool {
        self.info[i].subjunctive == 2
    }
    pub(crate) fn particle(&self, i: usize) -> bool {
        self.info[i].particle
    }
    /// Whether token `i` has one of the word roles `roles`.
    pub(crate) fn is(&self, i: usize, roles: u32) -> bool {
        self.info[i].roles & roles != 0
    }
    /// Whether token `i` is part of a mention of one of the kinds `kinds`
    /// ([`ment`] bits).
    pub(crate) fn in_mention(&self, i: usize, kinds: u8) -> bool {
        self.ment.get(i).is_some_and(|&m| m & kinds != 0)
    }
    pub(crate) fn tok(&self, i: usize) -> &crate::doc::Tok<'t> {
        &self.doc.toks[i]
    }
    pub(crate) fn is_comma(&self, i: usize) -> bool {
        self.tok(i).comma()
    }
    /// The lower-case form of token `i`, character by character (as
    /// `char::to_lowercase`, not the context-sensitive `str::to_lowercase`):
    /// borrowed when the token is lower-case ASCII already. Built on demand:
    /// the lexicon lookup of every token needs no lower-case string
    /// ([`Lexicon::id_of_token`]).
    pub(crate) fn low(&self, i: usize) -> Cow<'t, str> {
        let s = self.doc.toks[i].s;
        if s.is_ascii() {
            if s.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(s.to_ascii_lowercase())
            } else {
                Cow::Borrowed(s)
            }
        } else {
            let mut out = String::with_capacity(s.len());
            crate::lexicon::push_lower(s, &mut out);
            Cow::Owned(out)
        }
    }
    /// Whether the lower-case form of token `i` ([`Ctx::low`]) is `word`,
    /// without building it.
    pub(crate) fn low_is(&self, i: usize, word: &str) -> bool {
        let s = self.doc.toks[i].s;
        if s.is_ascii() {
            s.len() == word.len()
                && s.bytes()
                    .zip(word.bytes())
                    .all(|(a, b)| a.to_ascii_lowercase() == b)
        } else {
            s.chars().flat_map(char::to_lowercase).eq(word.chars())
        }
    }
}

impl<'a, 't> Ctx<'a, 't> {
    /// One lexicon lookup per token, and which pair of marks each token lies
    /// in.
    fn new(lx: &'a Lexicon, doc: &'a Doc<'t>, mentions: &[EntityMention]) -> Ctx<'a, 't> {
        let n = doc.toks.len();
        let mut lex = Vec::with_capacity(n);
        let mut info = Vec::with_capacity(n);
        let mut buf = String::new();
        for t in &doc.toks {
            match lx.id_of_token(t.s, &mut buf) {
                Some(id) => {
                    lex.push(Some(lx.entry_at(id)));
                    info.push(lx.info_at(id));
                }
                None => {
                    lex.push(None);
                    info.push(Info::default());
                }
            }
        }
        let mut in_marks = vec![None; n];
        for (k, m) in doc.marks.iter().enumerate() {
            for slot in &mut in_marks[m.open..=m.close] {
                *slot = Some(k);
            }
        }
        let mut ment = vec![0u8; n];
        for m in mentions {
            let bit = match m.kind {
                crate::EntityKind::Person => ment::PERSON,
                crate::EntityKind::Organization => ment::ORG,
                crate::EntityKind::Place => ment::PLACE,
                crate::EntityKind::Other => continue,
            };
            let from = doc.toks.partition_point(|t| t.span.end <= m.span.start);
            for (t, slot) in doc.toks[from..].iter().zip(&mut ment[from..]) {
                if t.span.start >= m.span.end {
                    break;
                }
                *slot |= bit;
            }
        }
        Ctx {
            lx,
            doc,
            lex,
            info,
            taken: vec![false; n],
            in_marks,
            ment,
        }
    }

    /// Marks the tokens of `q` (its quote, frame, speaker and cue) taken.
    fn take(&mut self, q: &Q) {
        for slot in &mut self.taken[q.first..=q.last] {
            *slot = true;
        }
    }
}

/// The quotes of a document, pass by pass. Each pass sees what the earlier
/// ones took and leaves it alone. With a model, the speaker of each quote is
/// the candidate the model scores best.
pub(crate) fn extract(
    lx: &Lexicon,
    doc: &Doc,
    mentions: &[EntityMention],
    model: Option<&SpeakerModel>,
) -> Vec<Quote> {
    let mut cx = Ctx::new(lx, doc, mentions);
    let mut quotes = rules(&mut cx);
    if let Some(model) = model {
        rank::choose(&cx, &mut quotes, model);
    }
    // 8. Byte spans, and the entities of the speakers.
    speakers::resolve_all(&cx, quotes, mentions)
}

/// The quotes of a document as the rules find them, each with its speaker
/// candidates and their features (see [`crate::Quoter::speaker_candidates`]).
pub(crate) fn candidates(
    lx: &Lexicon,
    doc: &Doc,
    mentions: &[EntityMention],
) -> Vec<QuoteCandidates> {
    let mut cx = Ctx::new(lx, doc, mentions);
    let quotes = rules(&mut cx);
    let all = rank::all(&cx, &quotes);
    let spans = |rs: &[R]| -> Vec<Span> {
        let mut v: Vec<Span> = rs.iter().map(|&(a, b)| doc.span(a, b.max(a))).collect();
        v.sort_by_key(|s| s.start);
        v
    };
    let mut out: Vec<QuoteCandidates> = quotes
        .iter()
        .zip(all)
        .filter(|(_, c)| !c.is_empty())
        .map(|(q, c)| QuoteCandidates {
            quote: spans(&q.quote),
            kind: q.kind,
            candidates: c
                .into_iter()
                .map(|(r, features)| SpeakerCandidate {
                    speaker: r.map(|(a, b)| doc.span(a, b.max(a))),
                    features,
                })
                .collect(),
        })
        .collect();
    out.sort_by_key(|q| q.quote.first().map_or(0, |s| s.start));
    out
}

/// Passes 1 to 6: the quotes with their roles as token ranges, sorted by
/// their first token.
fn rules(cx: &mut Ctx) -> Vec<Q> {
    let cx = &mut *cx;
    // 1. Direct quotes with a frame, or standing alone; the other pairs of
    //    marks are fragments (pass 5).
    let (mut quotes, fragments) = direct::quotes(cx);
    // 2. Indirect speech, sentence by sentence: frames and noun phrases
    //    around cue verbs and cue words.
    quotes.extend(indirect::quotes(cx, &fragments));
    // 3. Reported speech acts in sentences nothing took yet.
    quotes.extend(reported::quotes(cx));
    quotes.sort_by_key(|q| q.first);
    // 4. Subjunctive and reportative sentences continuing a report.
    let more = continuation::quotes(cx, &quotes);
    quotes.extend(more);
    quotes.sort_by_key(|q| q.first);
    // 5. Quoted fragments: nested in a reported statement, or quoted phrases
    //    in running text.
    let nested = direct::fragments(cx, &quotes, fragments);
    quotes.extend(nested);
    quotes.sort_by_key(|q| (q.first, std::cmp::Reverse(q.last)));
    // 6. Direct quotes standing alone continue the speaker before.
    continuation::inherit_speakers(cx, &mut quotes);
    // 7. Cue phrases as a whole: auxiliary, "es", reflexive, correlate,
    //    "wie".
    cues::complete(cx, &mut quotes);
    quotes
}
