//! Token evidence and its modifiers, sentence by sentence.

use wortlaut_normalize::Span;
use wortlaut_segment::{Segmentation, TokenKind};

use crate::constructions::constructions;
use crate::grammar::{
    Flags, Grammar, CONCESSIVE_PREPOSITION, CONDITION_END, COORDINATOR, INFINITIVE_MARKER, OPENER,
    PARTICLE, PASSIVE,
};
use crate::index::{Index, Info, ModKind};
use crate::lexicon::WordClass;
use crate::{Evidence, Label, Polarity, SentenceSentiment, Sentiment};

/// Smoothing of the polarity score: one clearly positive word scores 0.5.
const SMOOTH: f32 = 1.0;
/// How far (in tokens) a negator, shifter or degree word reaches.
const NEG_REACH: usize = 4;
const DEGREE_REACH: usize = 2;
const SHIFT_REACH: usize = 4;

/// Score of a set of evidence weights: `(P − N) / (P + N + 1 + damping)`, in
/// `(-1, 1)`; `damping` is 0 for sentences and quotations and grows with the
/// length of a document (see [`crate::LENGTH_DAMPING`]).
pub(crate) fn score(weights: impl IntoIterator<Item = f32>, damping: f32) -> f32 {
    let (mut p, mut n) = (0.0f32, 0.0f32);
    for w in weights {
        if w > 0.0 {
            p += w;
        } else {
            n -= w;
        }
    }
    (p - n) / (p + n + SMOOTH + damping)
}

pub(crate) fn label(score: f32, band: f32) -> Label {
    if score > band {
        Label::Positive
    } else if score < -band {
        Label::Negative
    } else {
        Label::Neutral
    }
}

pub(crate) fn polarity(
    weights: impl IntoIterator<Item = f32>,
    band: f32,
    damping: f32,
) -> Polarity {
    let s = score(weights, damping);
    Polarity {
        score: s,
        label: label(s, band),
    }
}

/// One token of the sentence being tagged.
pub(crate) struct W<'a> {
    pub span: Span,
    pub text: &'a str,
    pub word: bool,
    pub clause: u32,
    /// Its roles as a function word, as written (see [`crate::grammar`]).
    pub flags: Flags,
    /// Whether it is a mark after which a sentence or quotation starts
    /// ("„", ":", "(").
    pub opening: bool,
    pub info: Option<&'a Info>,
    /// Prior polarity and class, once resolved (lemma, sentence-initial
    /// lower-casing, compound head or separable verb).
    pub polar: Option<(f32, WordClass)>,
    pub stance: bool,
    pub descriptive: bool,
}

/// A polar token being weighed.
struct P {
    at: usize,
    prior: f32,
    degree: f32,
    negation: f32,
    shift: f32,
    context: f32,
    stance: bool,
    descriptive: bool,
    dropped: bool,
}

/// How the scores of a text are weighed and labelled.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Weighing {
    /// Half-width of the neutral band.
    pub band: f32,
    /// Factor on negative evidence.
    pub negativity: f32,
    /// Added to the document score's denominator per word token.
    pub length: f32,
}

pub(crate) fn tag(
    index: &Index,
    grammar: &Grammar,
    text: &str,
    seg: &Segmentation,
    how: Weighing,
) -> Sentiment {
    let Weighing {
        band,
        negativity,
        length,
    } = how;
    let mut words = 0usize;
    // About one token in eight is evidence: reserved once, not grown.
    let mut evidence = Vec::with_capacity(seg.tokens.len() / 8);
    let mut sentences = Vec::with_capacity(seg.sentences.len());
    let mut ws: Vec<W> = Vec::new();
    let mut ps: Vec<P> = Vec::new();
    let mut buf = String::new();
    for (si, sentence) in seg.sentences.iter().enumerate() {
        let first = evidence.len();
        ws.clear();
        ps.clear();
        let mut clause = 0u32;
        let mut question = false;
        for t in seg.tokens.get(sentence.tokens.clone()).unwrap_or_default() {
            let Some(s) = text.get(t.span.start..t.span.end) else {
                continue;
            };
            let word = matches!(t.kind, TokenKind::Word);
            let found = if word { index.lookup(s) } else { None };
            let flags = found.map_or(0, |i| i.flags);
            let info = found.filter(|i| i.lexical());
            words += usize::from(word);
            // Marks after which a word starts a sentence or quotation.
            let opening =
                !word && matches!(s, "„" | "\"" | "“" | ":" | "»" | "«" | "‚" | "(" | "–");
            if !word {
                question |= s == "?";
                if matches!(s, "," | ";" | ":" | "(" | ")" | "–" | "—") {
                    clause += 1;
                }
            } else if flags & OPENER != 0 && !ws.is_empty() {
                clause += 1;
            }
            ws.push(W {
                span: t.span,
                text: s,
                word,
                clause,
                flags,
                opening,
                info,
                polar: None,
                stance: false,
                descriptive: false,
            });
        }
        resolve(index, &mut ws, &mut buf);
        constructions(grammar, &mut ws, question);
        weigh(grammar, &ws, &mut ps);
        let question = ws.last().is_some_and(|w| w.text == "?");
        for p in ps.iter().filter(|p| !p.dropped) {
            let mut context = p.context;
            if question {
                context *= 0.5;
            }
            let mut weight = p.prior * p.degree * p.negation * p.shift * context;
            if weight < 0.0 {
                weight *= negativity;
            }
            evidence.push(Evidence {
                span: ws[p.at].span,
                prior: p.prior,
                weight,
                negated: p.negation < 0.0,
                shifted: p.shift < 0.0,
                degree: p.degree,
                context,
                sentence: si,
                clause: ws[p.at].clause,
                stance_verb: p.stance,
                descriptive: p.descriptive,
            });
        }
        sentences.push(SentenceSentiment {
            span: sentence.span,
            polarity: polarity(evidence[first..].iter().map(|e| e.weight), band, 0.0),
        });
    }
    Sentiment {
        // A long text gathers incidental polar words (a report quoting a
        // complaint, a "gut" in passing) without taking a side: the
        // document score is damped by its length in words.
        document: polarity(
            evidence.iter().map(|e| e.weight),
            band,
            length * words as f32,
        ),
        sentences,
        evidence,
    }
}

/// Looks every word up: as written, lower-cased at the start of a sentence
/// or quotation, as the head of a compound, or as a separable verb whose
/// particle follows in the clause.
fn resolve<'a>(index: &'a Index, ws: &mut [W<'a>], buf: &mut String) {
    for i in 0..ws.len() {
        if !ws[i].word {
            emoticon(index, ws, i);
            continue;
        }
        let text = ws[i].text;
        let mut info = ws[i].info;
        // Shouted words: "KEIN", "SUPER".
        if info.is_none() && text.len() >= 2 && !text.chars().any(char::is_lowercase) {
            buf.clear();
            buf.extend(text.chars().flat_map(char::to_lowercase));
            info = index.get(buf.as_str());
            if info.is_none() {
                let mut c = buf.chars();
                let cap: String = c
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(c)
                    .collect();
                info = index.get(cap.as_str());
            }
        }
        let initial = i == 0 || ws[i - 1].opening;
        if initial && info.is_none_or(|x| x.polar.is_none() && x.modifier.is_none()) {
            if let Some(c) = text.chars().next().filter(|c| c.is_uppercase()) {
                buf.clear();
                buf.extend(c.to_lowercase());
                buf.push_str(&text[c.len_utf8()..]);
                if let Some(x) = index.get(buf.as_str()) {
                    info = Some(x);
                }
            }
        }
        ws[i].info = info;
        let mut polar = info.and_then(|x| x.polar);
        let mut descriptive = info.is_some_and(|x| x.descriptive);
        let mut stance = info.is_some_and(|x| x.stance);
        // The verb bracket: a particle closing the clause makes a finite
        // verb separable ("wirft … vor", "fällt … aus"); if the lexicon has
        // no such verb, the word is another verb than the one it lists
        // ("kündigte … an" is not "kündigte").
        let splits = info.map_or(&[][..], |x| index.splits(x));
        let verbal = matches!(polar, Some((_, WordClass::Verb)));
        if !splits.is_empty() || verbal {
            if let Some(particle) = closing_particle(ws, i) {
                match splits.iter().find(|s| *s.particle == *particle) {
                    Some(s) => {
                        polar = Some((s.weight, WordClass::Verb));
                        stance = s.stance;
                    }
                    None if verbal => {
                        polar = None;
                        stance = false;
                    }
                    None => {}
                }
            }
        }
        if polar.is_none() && info.is_none_or(|x| x.modifier.is_none()) {
            // The last hyphen, by a byte loop: most words have none and are
            // short, where `rsplit_once` costs a call.
            let dash = text.bytes().rposition(|b| b == b'-');
            polar = match dash.map(|d| (&text[..d], &text[d + 1..])) {
                // "Bahn-Streik", "Anti-Terror-Kampf": the last part.
                Some((_, last)) if last.chars().count() >= 3 => {
                    match index
                        .get(last)
                        .and_then(|x| x.polar)
                        .filter(|(_, c)| *c == WordClass::Noun)
                    {
                        Some(p) => {
                            descriptive = index.descriptive(last);
                            Some(p)
                        }
                        None => index.compound_head(last, buf),
                    }
                }
                Some(_) => None,
                None => index.compound_head(text, buf),
            };
            if polar.is_some() && !descriptive {
                descriptive = index.descriptive(buf);
            }
        }
        // Function words that are modifiers ("trotz", "kaum", "aber") are
        // not evidence themselves, whatever the lexicon lists.
        if matches!(
            info.and_then(|x| x.modifier),
            Some((
                ModKind::Neg
                    | ModKind::Contrast
                    | ModKind::Concess
                    | ModKind::Cond
                    | ModKind::Modal,
                _
            ))
        ) {
            polar = None;
        }
        ws[i].polar = polar.filter(|(w, _)| *w != 0.0);
        ws[i].stance = stance && ws[i].polar.is_some();
        ws[i].descriptive = descriptive;
    }
    // An evaluative verb holds its subject's stance only when finite in an
    // active clause: not "um Putin zu unterstützen", not "wurde begrüßt".
    for i in 0..ws.len() {
        if !ws[i].stance {
            continue;
        }
        let clause = ws[i].clause;
        let infinitive = i > 0 && ws[i - 1].flags & INFINITIVE_MARKER != 0;
        let passive = ws[i.saturating_sub(40)..(i + 12).min(ws.len())]
            .iter()
            .filter(|w| w.clause == clause)
            .any(|w| w.flags & PASSIVE != 0);
        if infinitive || passive {
            ws[i].stance = false;
        }
    }
}

/// The separable-verb particle that closes the clause of word `i`, if any:
/// a particle within 40 tokens that ends the clause (before punctuation, a
/// clause opener, "und"/"oder"/"sowie" or the end of the sentence). A
/// particle before a word is mostly a preposition ("stinkt nach Rauch",
/// "droht mit Streiks").
fn closing_particle<'a>(ws: &[W<'a>], i: usize) -> Option<&'a str> {
    let clause = ws[i].clause;
    let end = ws.len().min(i + 41);
    (i + 1..end)
        .take_while(|&j| ws[j].clause == clause)
        .filter(|&j| {
            ws[j].word
                && ws[j].flags & PARTICLE != 0
                && ws
                    .get(j + 1)
                    .is_none_or(|n| !n.word || n.clause != clause || n.flags & COORDINATOR != 0)
        })
        .last()
        .map(|j| ws[j].text)
}

/// Emoji (in the lexicon as forms) and emoticons written with punctuation:
/// ":)", ":-)", ";)", ":D", ":(", ":-(".
fn emoticon<'a>(index: &'a Index, ws: &mut [W<'a>], i: usize) {
    let text = ws[i].text;
    if text.len() >= 3 {
        if let Some(p) = index.get(text).and_then(|x| x.polar) {
            ws[i].polar = Some(p).filter(|(w, _)| *w != 0.0);
        }
        return;
    }
    if text != ":" && text != ";" {
        return;
    }
    let mut j = i + 1;
    if ws.get(j).is_some_and(|w| w.text == "-") {
        j += 1;
    }
    let Some(next) = ws.get(j) else { return };
    // Only when nothing separates the marks: ": (" is punctuation.
    if next.span.start != ws[j - 1].span.end || ws[j - 1].span.start != ws[i].span.end && j > i + 1
    {
        return;
    }
    let weight = match next.text {
        ")" | "D" | "))" => 0.7,
        "(" | "((" => -0.7,
        _ => return,
    };
    let end = next.span.end;
    ws[i].span = Span::new(ws[i].span.start, end);
    ws[i].polar = Some((weight, WordClass::Form));
}

fn modifier(w: &W) -> Option<(ModKind, f32)> {
    w.info.and_then(|i| i.modifier)
}

/// Applies degree words, negation, shifters and clause context.
fn weigh(grammar: &Grammar, ws: &[W], ps: &mut Vec<P>) {
    for (at, w) in ws.iter().enumerate() {
        if let Some((prior, _)) = w.polar {
            ps.push(P {
                at,
                prior,
                degree: 1.0,
                negation: 1.0,
                shift: 1.0,
                context: 1.0,
                stance: w.stance,
                descriptive: w.descriptive,
                dropped: false,
            });
        }
    }
    if ps.is_empty() {
        return;
    }
    // Degree words: the nearest intensifier or diminisher before a polar
    // adjective, verb or noun; a degree word that is polar itself ("super
    // schlecht", "stark kritisiert") then counts only as degree.
    for k in 0..ps.len() {
        let at = ps[k].at;
        for j in (at.saturating_sub(DEGREE_REACH)..at).rev() {
            if ws[j].clause != ws[at].clause {
                break;
            }
            if let Some((ModKind::Int | ModKind::Dim, f)) = modifier(&ws[j]) {
                ps[k].degree *= f;
                if let Ok(q) = ps.binary_search_by_key(&j, |p| p.at) {
                    ps[q].dropped = true;
                }
                break;
            }
            if ws[j].polar.is_some() {
                break;
            }
        }
    }
    let at = |ps: &[P], pos: usize| ps.binary_search_by_key(&pos, |p| p.at).ok();
    let from = |ps: &[P], pos: usize| ps.partition_point(|p| p.at < pos);
    let clauses = ws.last().map_or(0, |w| w.clause as usize + 1);
    let mut clause_factor = vec![1.0f32; clauses];
    let mut contrast = None;
    let mut sentence_factor = 1.0f32;
    let mut trotz = Vec::new();
    for (n, w) in ws.iter().enumerate() {
        // "im Falle einer Aggression", "im Fall eines Angriffs": conditional.
        if w.flags & CONDITION_END != 0 && condition_phrase(grammar, ws, n) {
            sentence_factor = (sentence_factor * 0.5).max(0.25);
            if let Some(q) = at(ps, n) {
                ps[q].dropped = true;
            }
            continue;
        }
        let Some((kind, f)) = modifier(w) else {
            continue;
        };
        let clause = w.clause;
        match kind {
            ModKind::Neg => {
                let window = from(ps, n + 1)..from(ps, n + NEG_REACH + 1);
                let after = window
                    .clone()
                    .find(|&k| ws[ps[k].at].clause == clause && !ps[k].dropped);
                let target = after.or_else(|| {
                    // Post-verbal "nicht": "Moskau erkennt das Gericht nicht an".
                    (from(ps, n.saturating_sub(12))..from(ps, n))
                        .rev()
                        .find(|&k| {
                            ws[ps[k].at].clause == clause
                                && matches!(ws[ps[k].at].polar, Some((_, WordClass::Verb)))
                                && ps[k].negation > 0.0
                        })
                });
                if let Some(t) = target {
                    ps[t].negation *= f;
                }
            }
            ModKind::Shift => {
                let right = (from(ps, n + 1)..from(ps, n + SHIFT_REACH + 1)).find(|&k| {
                    ws[ps[k].at].clause == clause
                        && !matches!(ws[ps[k].at].polar, Some((_, WordClass::Verb)))
                });
                let noun = w.text.starts_with(char::is_uppercase);
                let target = right.or_else(|| {
                    if noun {
                        return None;
                    }
                    (from(ps, n.saturating_sub(SHIFT_REACH))..from(ps, n))
                        .rev()
                        .find(|&k| ws[ps[k].at].clause == clause)
                });
                if let Some(t) = target {
                    ps[t].shift *= f;
                    if let Some(q) = at(ps, n) {
                        ps[q].dropped = true;
                    }
                }
            }
            ModKind::Contrast if n > 0 => contrast = Some(n),
            ModKind::Concess if w.flags & CONCESSIVE_PREPOSITION != 0 => trotz.push(n),
            // A condition makes the whole sentence hypothetical: "Wenn …, ist
            // das ein Fehler".
            ModKind::Cond => sentence_factor = (sentence_factor * f).max(0.25),
            ModKind::Concess | ModKind::Modal => {
                let c = &mut clause_factor[clause as usize];
                *c = (*c * f).max(0.25);
            }
            _ => {}
        }
    }
    for p in ps.iter_mut() {
        p.context *= clause_factor[ws[p.at].clause as usize] * sentence_factor;
        if let Some(k) = contrast {
            p.context *= if p.at < k { 0.6 } else { 1.4 };
        }
    }
    for n in trotz {
        for k in from(ps, n + 1)..from(ps, n + 5) {
            ps[k].context *= 0.5;
        }
    }
}

/// Whether token `n` ends a conditional phrase ("im Falle").
fn condition_phrase(grammar: &Grammar, ws: &[W], n: usize) -> bool {
    grammar.condition_phrases.iter().any(|p| {
        p.len() >= 2
            && n + 1 >= p.len()
            && ws[n + 1 - p.len()..=n]
                .iter()
                .zip(p)
                .all(|(w, p)| w.text == p)
    })
}
