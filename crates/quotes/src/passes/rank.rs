//! Speaker candidates for a learned judge: for each quote the rules found,
//! the noun phrases and pronouns around it that could have said it (and "no
//! speaker in the text"), each with the features a [`SpeakerModel`] scores.
//! The features are computed from what the rules found, before any choice
//! is made, so training and use see the same thing.

use super::frames::{any_cue, finite_cue};
use super::phrases::{apposition_end, nominative, np_after};
use super::{ment, Ctx, Q, R};
use crate::lexicon::{class, role};
use crate::model::SpeakerModel;
use crate::QuoteKind;

/// Most candidates kept per quote (the nearest ones).
const MAX_CANDIDATES: usize = 24;
/// Farthest a candidate may lie before the quote, in tokens.
const BEFORE: usize = 120;
/// Farthest a candidate may lie after the quote, in tokens.
const AFTER: usize = 60;

/// The candidates of one quote: `None` is "no speaker in the text".
pub(crate) type Candidates = Vec<(Option<R>, Vec<String>)>;

/// The candidates of every quote in `quotes` (sorted by first token), in
/// the same order. Nested quotes get none: they keep their outer quote's
/// speaker.
pub(crate) fn all(cx: &Ctx, quotes: &[Q]) -> Vec<Candidates> {
    each_quote(cx, quotes, |at, spans| {
        spans
            .into_iter()
            .map(|c| {
                let mut f = Vec::new();
                at.features(c, &mut |x| f.push(x.concat()));
                (c, f)
            })
            .collect()
    })
    .into_iter()
    .map(Option::unwrap_or_default)
    .collect()
}

/// `f` of the candidates of every quote that is not nested (`None` for
/// those that are), in the order of `quotes`. The features see the rules'
/// speakers of the quotes before, in training and in use alike.
fn each_quote<T>(
    cx: &Ctx,
    quotes: &[Q],
    mut f: impl FnMut(&At, Vec<Option<R>>) -> T,
) -> Vec<Option<T>> {
    let n = cx.doc.toks.len();
    if n == 0 || quotes.is_empty() {
        return quotes.iter().map(|_| None).collect();
    }
    let para = paragraphs(cx);
    // Every noun phrase of the document, once (sorted by start).
    let nps: Vec<(R, R)> = (0..n).filter_map(|k| np_at(cx, k)).collect();
    let mut prev_speaker: Option<R> = None;
    let mut out = Vec::with_capacity(quotes.len());
    for q in quotes {
        if q.nested || q.quote.is_empty() {
            out.push(None);
            continue;
        }
        let at = At::new(cx, q, prev_speaker, &para);
        out.push(Some(f(&at, of_quote(&at, &nps))));
        if let Some(r) = at.rule {
            prev_speaker = Some(r);
        }
    }
    out
}

/// Gives every quote the candidate the model scores best (the first among
/// equals: "no speaker", then the rules' choice).
pub(crate) fn choose(cx: &Ctx, quotes: &mut [Q], model: &SpeakerModel) {
    let picks = each_quote(cx, quotes, |at, spans| {
        let mut best: Option<(Option<R>, f32)> = None;
        for c in spans {
            let mut score = 0f32;
            at.features(c, &mut |f| score += model.weight_of(f));
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((c, score));
            }
        }
        best.map(|(c, _)| c)
    });
    // A nested quote (sorted right after the statement it lies in) takes
    // the speaker chosen for that statement.
    let mut outer: Option<(usize, usize, Vec<R>)> = None;
    for (q, pick) in quotes.iter_mut().zip(picks) {
        let Some(pick) = pick.flatten() else {
            if let Some((a, b, sp)) = &outer {
                if q.nested && *a <= q.first && q.last <= *b && q.speaker != *sp {
                    q.speaker = sp.clone();
                }
            }
            continue;
        };
        let (a, b) = (
            q.quote.iter().map(|r| r.0).min().unwrap_or(0),
            q.quote.iter().map(|r| r.1).max().unwrap_or(0),
        );
        outer = Some((a, b, pick.into_iter().collect()));
        if pick != span_of(&q.speaker) {
            q.speaker = pick.into_iter().collect();
            q.extend_cover();
        }
    }
}

/// The paragraph number of every token.
fn paragraphs(cx: &Ctx) -> Vec<usize> {
    let mut para = Vec::with_capacity(cx.doc.toks.len());
    let mut p = 0usize;
    for (k, t) in cx.doc.toks.iter().enumerate() {
        if t.para && k > 0 {
            p += 1;
        }
        para.push(p);
    }
    para
}

/// The first to the last token of some ranges.
fn span_of(rs: &[R]) -> Option<R> {
    let a = rs.iter().map(|r| r.0).min()?;
    let b = rs.iter().map(|r| r.1).max()?;
    Some((a, b))
}

/// The candidates of the quote of `at`: "no speaker", the rules' choice,
/// then the phrases of `nps` (and the speaker of the quote before) nearest
/// to it.
fn of_quote(at: &At, nps: &[(R, R)]) -> Vec<Option<R>> {
    let (cx, q) = (at.cx, at.q);
    let doc = cx.doc;
    let n = doc.toks.len();
    let (first, last) = (at.first, at.last);
    let s_first = doc.sent_of[first];
    let s_last = doc.sent_of[last];
    let lo = doc.sents[s_first.saturating_sub(2)]
        .start
        .max(first.saturating_sub(BEFORE));
    let hi = doc.sents[(s_last + 1).min(doc.sents.len() - 1)]
        .end
        .min(last + AFTER)
        .min(n);
    let in_quote = |k: usize| q.quote.iter().any(|r| r.0 <= k && k <= r.1);
    let rule = at.rule;
    let mut spans: Vec<R> = Vec::new();
    if let Some(r) = rule {
        spans.push(r);
    }
    let from = nps.partition_point(|(r, _)| r.0 < lo);
    for &(_, r) in nps[from..].iter().take_while(|(r, _)| r.0 < hi) {
        if r.1 < hi && !(r.0..=r.1).any(in_quote) && worth(cx, r) {
            spans.push(r);
        }
    }
    if let Some(p) = at.prev_speaker {
        if p.1 < n && !(p.0..=p.1).any(in_quote) {
            spans.push(p);
        }
    }
    // Nearest first, without repeats; the rules' choice always stays.
    let dist = |r: &R| -> usize {
        if r.1 < first {
            first - r.1
        } else {
            r.0.saturating_sub(last)
        }
    };
    let mut seen: Vec<R> = Vec::new();
    let mut rest: Vec<R> = Vec::new();
    for r in spans {
        if !seen.contains(&r) {
            seen.push(r);
            if Some(r) != rule {
                rest.push(r);
            }
        }
    }
    rest.sort_by_key(|r| (dist(r), r.0));
    rest.truncate(MAX_CANDIDATES);
    let mut out: Vec<Option<R>> = Vec::with_capacity(rest.len() + 2);
    out.push(None);
    out.extend(rule.into_iter().chain(rest).map(Some));
    out
}

/// The noun phrase that starts at `k`, if one does (a pronoun, an article,
/// or a capitalised word that does not continue a phrase before it): alone,
/// and with its apposition.
fn np_at(cx: &Ctx, k: usize) -> Option<(R, R)> {
    let t = cx.tok(k);
    if !t.word() {
        return None;
    }
    let c = cx.cls(k);
    let sent_end = cx.doc.sents[cx.doc.sent_of[k]].end;
    if c & class::PRON != 0 {
        return (!cx.is(k, role::NON_REFERENTIAL)).then_some(((k, k), (k, k)));
    }
    let starts = if c & class::DET != 0 {
        true
    } else if t.upper() && c == 0 {
        k == 0 || {
            let p = cx.tok(k - 1);
            let pc = cx.cls(k - 1);
            !(p.word() && (p.upper() || pc & class::DET != 0 || (p.lower() && pc == 0)))
        }
    } else {
        false
    };
    if !starts {
        return None;
    }
    let np = np_after(cx, k, sent_end)?;
    let e = apposition_end(cx, np.1, sent_end, |_| false).unwrap_or(np.1);
    Some((np, (np.0, e)))
}

/// Whether a phrase could name a speaker: it holds a capitalised word or
/// is a pronoun.
fn worth(cx: &Ctx, r: R) -> bool {
    (r.0 == r.1 && cx.cls(r.0) & class::PRON != 0)
        || (r.0..=r.1).any(|k| cx.tok(k).upper() && cx.tok(k).word() && cx.cls(k) == 0)
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "D",
        QuoteKind::Indirect => "I",
        QuoteKind::FreeIndirect => "F",
        QuoteKind::IndirectFreeIndirect => "IF",
        QuoteKind::Reported => "R",
    }
}

fn bucket(d: usize) -> &'static str {
    match d {
        0..=1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        17..=32 => "17-32",
        _ => "33+",
    }
}

/// What the features of one quote's candidates are computed against.
struct At<'c, 'a, 't> {
    cx: &'c Ctx<'a, 't>,
    q: &'c Q,
    rule: Option<R>,
    prev_speaker: Option<R>,
    para: &'c [usize],
    first: usize,
    last: usize,
}

/// Hands one feature, as the pieces it is made of, to the sink.
macro_rules! emit {
    ($out:expr, $($piece:expr),+) => {
        $out(&[$($piece),+])
    };
}

/// Small numbers as features.
const DIGITS: [&str; 4] = ["0", "1", "2", "3"];

impl<'c, 'a, 't> At<'c, 'a, 't> {
    fn new(
        cx: &'c Ctx<'a, 't>,
        q: &'c Q,
        prev_speaker: Option<R>,
        para: &'c [usize],
    ) -> At<'c, 'a, 't> {
        let n = cx.doc.toks.len();
        At {
            cx,
            q,
            rule: span_of(&q.speaker),
            prev_speaker,
            para,
            first: q.quote.iter().map(|r| r.0).min().unwrap_or(0).min(n - 1),
            last: q.quote.iter().map(|r| r.1).max().unwrap_or(0).min(n - 1),
        }
    }

    /// The features of candidate `c` ("no speaker" for `None`), one by one.
    fn features(&self, c: Option<R>, out: &mut dyn FnMut(&[&str])) {
        let kind = kind_name(self.q.kind);
        let Some(r) = c else {
            let has_rule = if self.rule.is_some() {
                "rule"
            } else {
                "norule"
            };
            emit!(out, "none");
            emit!(out, "none|", kind);
            emit!(out, "none|", has_rule);
            emit!(out, "none|", kind, "|", has_rule);
            return;
        };
        let cx = self.cx;
        let doc = cx.doc;
        let (first, last) = (self.first, self.last);
        let ty = if (r.0..=r.1).any(|k| cx.in_mention(k, ment::PERSON)) {
            "per"
        } else if (r.0..=r.1).any(|k| cx.in_mention(k, ment::ORG)) {
            "org"
        } else if r.0 == r.1 && cx.cls(r.0) & class::PRON != 0 {
            "pron"
        } else if (r.0..=r.1).any(|k| cx.lex[k].is_some_and(|e| e.role > 0) && cx.tok(k).upper()) {
            "role"
        } else if (r.0..=r.1).any(|k| cx.in_mention(k, ment::PLACE)) {
            "loc"
        } else {
            "np"
        };
        let (dir, dist, sd) = if r.1 < first {
            ("bef", first - r.1, doc.sent_of[first] - doc.sent_of[r.1])
        } else if r.0 > last {
            ("aft", r.0 - last, doc.sent_of[r.0] - doc.sent_of[last])
        } else {
            ("in", 0, 0)
        };
        let sd = DIGITS[sd.min(3)];
        let dist = bucket(dist);
        let same_para = if self.para[r.0] == self.para[first] {
            "true"
        } else {
            "false"
        };
        let rel_rule = match self.rule {
            Some(x) if x == r => "rule",
            Some(x) if x.0 <= r.1 && r.0 <= x.1 => "rule~",
            Some(_) => "other",
            None => "norule",
        };
        let prev = self.prev_speaker.is_some_and(|p| p.0 <= r.1 && r.0 <= p.1);
        let s = doc.sents[doc.sent_of[r.0]].clone();
        let mut start = s.start;
        while start < r.0 && cx.cls(start) & (class::CONJ | class::ADV) != 0 {
            start += 1;
        }
        let first_in_sentence = start == r.0;
        let n = doc.toks.len();
        let cue_after = r.1 + 1 < n && finite_cue(cx, r.1 + 1, s.end.max(r.1 + 2)).is_some();
        let cue_before = r.0 > 0 && any_cue(cx, r.0 - 1, s.end.max(r.0)).is_some();
        let oblique = !nominative(cx, r.0);
        let colon = first > 0
            && cx.tok(first - 1).s == ":"
            && r.1 < first
            && doc.sent_of[r.1] == doc.sent_of[first - 1];
        let len = bucket(r.1 - r.0 + 1);
        emit!(out, "b");
        emit!(out, "ty=", ty);
        emit!(out, "ty=", ty, "|k=", kind);
        emit!(out, "dir=", dir, "|d=", dist);
        emit!(out, "dir=", dir, "|sd=", sd);
        emit!(out, "dir=", dir, "|sd=", sd, "|k=", kind);
        emit!(out, "ty=", ty, "|dir=", dir);
        emit!(out, "rule=", rel_rule);
        emit!(out, "rule=", rel_rule, "|k=", kind);
        emit!(out, "rule=", rel_rule, "|ty=", ty);
        emit!(out, "len=", len);
        emit!(out, "para=", same_para, "|dir=", dir);
        if prev {
            emit!(out, "prev");
            emit!(out, "prev|k=", kind);
        }
        if first_in_sentence {
            emit!(out, "first|dir=", dir);
            emit!(out, "first|ty=", ty);
        }
        if cue_after {
            emit!(out, "cue_after|dir=", dir);
            emit!(out, "cue_after|ty=", ty);
        }
        if cue_before {
            emit!(out, "cue_before|dir=", dir);
            emit!(out, "cue_before|ty=", ty);
        }
        if oblique {
            emit!(out, "obl");
            emit!(out, "obl|ty=", ty);
        }
        if colon {
            emit!(out, "colon");
        }
        if cx.in_marks[r.0].is_some() {
            emit!(out, "in_marks");
        }
    }
}
