//! Noun phrases: where a speaker phrase starts and ends.

use wortlaut_segment::TokenKind;

use super::{ment, Ctx, R};
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
    // Inside the modifiers of a noun still to come (after an article, or
    // after an adjective that opens a genitive: "Angaben libanesischer
    // Sicherheitskreise"): adjectives may follow one another.
    let mut premod = false;
    // An indefinite phrase takes no name in apposition: in "während ein
    // Beamter Pjöngjang vorwarf" the name is the object. Its genitive
    // attribute may ("ein Sprecher des Auswärtigen Amtes").
    let mut indefinite = cx.is(i, role::INDEFINITE);
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
        let genitive = last_noun.is_some() && cx.is(j, role::GENITIVE_ARTICLE) && t.lower();
        if c & class::DET != 0 || genitive {
            // After a noun only a genitive attribute: "des", "der", "eines".
            if last_noun.is_some() && !genitive {
                break;
            }
            if last_noun.is_some() {
                indefinite = false;
            }
            premod = true;
            j += 1;
            continue;
        }
        if c & (class::PREP | class::SUB | class::CONJ | class::AUX | class::ADV | class::PRON) != 0
        {
            // "von" joins a name ("ein Sprecher von Amnesty International"),
            // and a place or origin stays with the phrase ("ein Sprecher des
            // LBM in Koblenz", "Oberst Polzer vom Landeskriminalamt").
            if last_noun.is_some() && t.lower() && attaches(cx, j, end) {
                indefinite = false;
                premod = true;
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
            premod = false;
            j += 1;
            continue;
        }
        // A lower-case particle inside a name: "Thomas de Maizière", "Ali
        // al-Omair".
        if t.word() && t.lower() && j > 0 && last_noun == Some(j - 1) && cx.tok(j - 1).upper() {
            if cx.is(j, role::NAME_PARTICLE) && j + 1 < end && cx.tok(j + 1).upper() {
                j += 1;
                continue;
            }
            if particle_name(cx, j) {
                last_noun = Some(j);
                j += 1;
                continue;
            }
        }
        let after_det = j > i && (premod || cx.cls(j - 1) & class::DET != 0);
        if t.word() && t.lower() && (last_noun.is_none() || after_det) && adjective_like(cx, j) {
            j += 1;
            continue;
        }
        // A genitive without article right after a noun: "Schätzungen
        // französischer Behörden".
        if t.word()
            && t.lower()
            && j > 0
            && last_noun == Some(j - 1)
            && cx.low(j).ends_with("er")
            && adjective_like(cx, j)
            && noun_follows(cx, j + 1, end)
        {
            indefinite = false;
            premod = true;
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

/// Where an apposition after the phrase ending at `b` ends: a comma at
/// `b + 1`, an [`apposition`], and after it a comma, the sentence end, a
/// colon, a quotation mark, the text end or a token `stop` accepts. Never
/// over a paragraph break.
pub(crate) fn apposition_end(
    cx: &Ctx,
    b: usize,
    end: usize,
    stop: impl Fn(usize) -> bool,
) -> Option<usize> {
    let n = cx.doc.toks.len();
    let end = end.min(n);
    if b + 2 >= end || !cx.is_comma(b + 1) {
        return None;
    }
    let s = b + 2;
    let (_, e) = apposition(cx, s, end)?;
    let next = e + 1;
    let ends = next >= n || {
        let t = cx.tok(next);
        t.comma() || t.end_punct() || t.s == ":" || t.open_quote() || stop(next)
    };
    (ends && !(s..=e).any(|k| cx.tok(k).para)).then_some(e)
}

/// Articles that may start an apposition.
const APPOSITION_START: u32 =
    role::APPOSITION_ARTICLE | role::GENITIVE_ARTICLE | role::DATIVE_ARTICLE | role::RELATIVE;

/// An apposition starting at `s`: a name ("Ottmar Breidling"), or a
/// description with an article ("der Sprecher der FDP", "ein Anwalt des
/// NRDC"), a bare office noun ("Sprecher der UN", "EU-Kommissar") or an
/// adjective before one ("kanadischer General").
pub(crate) fn apposition(cx: &Ctx, s: usize, end: usize) -> Option<R> {
    let t = cx.tok(s);
    if !t.word() {
        return None;
    }
    let article = cx.cls(s) & class::DET != 0
        && cx.is(s, APPOSITION_START)
        && !cx.is(s, role::POSSESSIVE_RELATIVE);
    let open = if article {
        // "der" after a comma starts a relative clause unless a noun (after
        // adjectives) follows: "…, der gestern sagte" is no apposition.
        let mut k = s + 1;
        while k < end && cx.tok(k).lower() && adjective_like(cx, k) {
            k += 1;
        }
        k < end && cx.tok(k).upper() && cx.cls(k) == 0
    } else if t.upper() {
        cx.cls(s) == 0 && cx.word_cue(s).is_none()
    } else {
        adjective_like(cx, s) && s + 1 < end && cx.tok(s + 1).upper() && cx.cls(s + 1) == 0
    };
    if !open {
        return None;
    }
    np_after(cx, s, end)
}

/// Whether a capitalised noun follows at `k` (before `end`), after at most
/// three articles and adjectives: the object of a preposition or genitive
/// that stays in a noun phrase.
fn noun_follows(cx: &Ctx, k: usize, end: usize) -> bool {
    let mut k = k;
    let stop = end.min(k + 4);
    while k < stop {
        let t = cx.tok(k);
        if t.kind == TokenKind::Quote && t.open_quote() {
            return k + 1 < end && cx.tok(k + 1).upper();
        }
        if t.word() && t.upper() {
            return cx.cls(k) == 0 && cx.word_cue(k).is_none();
        }
        if !(t.word() && t.lower() && (cx.cls(k) & class::DET != 0 || adjective_like(cx, k))) {
            return false;
        }
        k += 1;
    }
    false
}

/// Whether the prepositional phrase at `j` stays part of the noun phrase
/// before it: "von" and "vom" before a noun ("ein Sprecher von Amnesty
/// International", "Oberst Polzer vom Landeskriminalamt"); a place or
/// organisation after "in" or "aus", when the phrase before is not a
/// person's name ("ein Sprecher des LBM in Koblenz", not "Seibert in
/// Berlin").
fn attaches(cx: &Ctx, j: usize, end: usize) -> bool {
    if cx.is(j, role::NAME_PREP) {
        return noun_follows(cx, j + 1, end);
    }
    if !cx.is(j, role::NP_PREP) || j == 0 || cx.in_mention(j - 1, ment::PERSON) {
        return false;
    }
    let mut k = j + 1;
    while k < end.min(j + 3) && cx.cls(k) & class::DET != 0 {
        k += 1;
    }
    k < end && cx.tok(k).upper() && cx.in_mention(k, ment::PLACE | ment::ORG)
}

/// A name written with a lower-case particle and a hyphen: "al-Omair",
/// "el-Sisi", "bin-Laden".
fn particle_name(cx: &Ctx, k: usize) -> bool {
    let s = cx.tok(k).s;
    let Some((head, rest)) = s.split_once('-') else {
        return false;
    };
    rest.starts_with(char::is_uppercase) && cx.lx.word_has_role(head, role::NAME_PARTICLE)
}

/// An inflected adjective (lower case, more than three letters).
pub(crate) fn adjective_like(cx: &Ctx, k: usize) -> bool {
    let w = cx.low(k);
    w.chars().count() > 3 && ends_with_any(&w, &cx.lx.endings.adjective)
}
