//! Evaluations that are constructions rather than words, and formulas
//! whose polar words evaluate nothing.

use crate::grammar::{
    Grammar, AGAIN, AGAIN_AFTER, AGAIN_BEFORE, DETERMINER, EXCESS, GREETING, GREETING_OBJECT,
    NOT_EXCESS, NOT_SALUTATION_AFTER, SALUTATION, WHY,
};
use crate::lexicon::WordClass;
use crate::polarity::W;

/// Weight of the evaluative constructions no single word carries:
/// annoyance at repetition ("schon wieder", "mal wieder"), the complaint
/// "warum …?", excess ("zu spät", "zu voll").
const CONSTRUCTION: f32 = -0.5;

/// Evaluations of German that are constructions rather than words, and
/// formulas whose polar words evaluate nothing (the words are the profile's,
/// `sentiment/grammar`):
///
/// - "schon wieder", "mal wieder", "wieder mal", "wieder einmal": the
///   speaker is annoyed that something happens again;
/// - "warum"/"wieso"/"weshalb" in a question: asking why something is so
///   mostly complains about it ("Warum ist der Zug so voll?");
/// - "zu"/"allzu" before a predicative word ("zu spät", "zu teuer", "zu
///   schnell"): excess is bad, whatever the word's own polarity;
/// - salutations and greeting formulas ("Liebe Frau Meier", "Liebe
///   Grüße", "Guten Morgen", "Gute Fahrt") are not evaluations.
///
/// One pass over the sentence, looking one or two tokens around.
/// `question`: whether the sentence has a question mark.
pub(crate) fn constructions(grammar: &Grammar, ws: &mut [W], question: bool) {
    let mut why = false;
    for i in 0..ws.len() {
        let f = ws[i].flags;
        // Every construction starts at a word with one of these roles.
        if !ws[i].word || f & (AGAIN | WHY | EXCESS | SALUTATION | GREETING) == 0 {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| ws[j].flags);
        let next = ws.get(i + 1).map(|w| (w.text, w.flags));
        let mark = |w: &mut W| {
            if w.polar.is_none() {
                w.polar = Some((CONSTRUCTION, WordClass::Form));
            }
        };
        if f & AGAIN != 0
            && (prev.is_some_and(|p| p & AGAIN_BEFORE != 0)
                || next.is_some_and(|n| n.1 & AGAIN_AFTER != 0))
        {
            mark(&mut ws[i]);
        } else if f & WHY != 0 && question && !why {
            why = true;
            mark(&mut ws[i]);
        } else if f & EXCESS != 0 {
            let after = grammar.not_excess_after.iter().any(|p| {
                i >= p.len() && ws[i - p.len()..i].iter().zip(p).all(|(w, p)| w.text == p)
            });
            let Some(w) = ws.get_mut(i + 1) else { continue };
            if after || !excessive(grammar, w) {
                continue;
            }
            match w.polar {
                None => w.polar = Some((CONSTRUCTION, WordClass::Adjective)),
                Some((p, class)) if p > 0.0 => w.polar = Some((CONSTRUCTION, class)),
                Some(_) => {}
            }
        } else {
            let salutation = f & SALUTATION != 0
                && next.is_some_and(|n| n.0.starts_with(|c: char| c.is_uppercase() || c == '@'))
                && prev.is_none_or(|p| p & (DETERMINER | NOT_SALUTATION_AFTER) == 0);
            let greeting = ws[i].polar.is_some()
                && f & GREETING != 0
                && next.is_some_and(|n| n.1 & GREETING_OBJECT != 0);
            if salutation || greeting {
                ws[i].polar = None;
            }
        }
    }
}

/// Whether a word after "zu" is predicative (an adjective or adverb: "zu
/// spät"), not an infinitive ("zu fahren"), a pronoun or a noun phrase.
fn excessive(grammar: &Grammar, w: &W) -> bool {
    w.word
        && w.text.starts_with(char::is_lowercase)
        && !grammar
            .not_excess_endings
            .iter()
            .any(|e| w.text.ends_with(e.as_str()))
        && w.info.is_none_or(|x| x.modifier.is_none())
        && w.flags & (DETERMINER | NOT_EXCESS) == 0
}
