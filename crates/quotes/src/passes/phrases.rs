//! Noun phrases: where a speaker phrase starts and ends.

use wortlaut_segment::TokenKind;

use super::{Ctx, R};
use crate::lexicon::{class, ends_with_any, role, VerbForm};

/// Whether a noun phrase starting at `i` can be a subject: it does not start
/// with an accusative or dative form ("den", "dem", "ihm").
pub(crate) fn nominative(cx: &Ctx, i: usize) -> bool {
    cx.cls(i) & class::OBL == 0
}

/// The noun phrase starting at `i` (before `end`): a pronoun, or
/// determiners, adjectives and capitalised words with genitive attributes
/// ("der Sprecher des Ministeriums", "Kölns Präsident Wolfgang Overath",
/// "einem Bericht der „Frankfurter Allgemeine Zeitung“"). Inclusive range.
pub(crate) fn np_after(cx: &Ctx, i: usize, end: usize) -> Option<R> {
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
pub(crate) fn adjective_like(cx: &Ctx, k: usize) -> bool {
    let w = cx.low(k);
    w.chars().count() > 3 && ends_with_any(&w, &cx.lx.endings.adjective)
}
