//! Clause edges and what makes a clause a reported statement.

use wortlaut_segment::TokenKind;

use super::phrases::np_after;
use super::Ctx;
use crate::lexicon::{class, role};

/// End of a reported clause that starts at `a`: before ", während …", a
/// clause of the reporter's own.
pub(crate) fn clause_end(cx: &Ctx, a: usize, end: usize) -> usize {
    for k in a + 1..end {
        if cx.is_comma(k) && cx.is(k + 1, role::CONTRAST_SUB) {
            return k - 1;
        }
    }
    end
}

/// Number of word tokens in `a..=b`.
pub(crate) fn words(cx: &Ctx, a: usize, b: usize) -> usize {
    (a..=b).filter(|&k| cx.tok(k).word()).count()
}

/// Whether `a..=b` starts with a noun phrase and a relative clause ("Hubert
/// Primus, der … verantwortlich ist, wies … zurück"): the subject of the
/// next verb, not a statement.
pub(crate) fn subject_with_relative(cx: &Ctx, a: usize, b: usize) -> bool {
    let Some(comma) = (a..=b).find(|&k| cx.is_comma(k)) else {
        return false;
    };
    let relative = comma < b && cx.is(comma + 1, role::RELATIVE);
    relative && np_after(cx, a, comma).is_some_and(|np| np.1 + 1 == comma)
}

/// The last token of the sentence `s..e` that is not final punctuation.
pub(crate) fn last_content(cx: &Ctx, s: usize, e: usize) -> Option<usize> {
    let mut end = e.checked_sub(1)?;
    while end > s && (cx.tok(end).end_punct() || cx.tok(end).s == ":") {
        end -= 1;
    }
    (end >= s).then_some(end)
}

/// Start of the clause that ends at `i`: the sentence start, or after a
/// colon or semicolon, or after a quote or frame already found.
pub(crate) fn clause_start(cx: &Ctx, s: usize, i: usize) -> usize {
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
pub(crate) fn is_statement(cx: &Ctx, a: usize, b: usize) -> bool {
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
pub(crate) fn konjunktiv_after_pronoun(cx: &Ctx, a: usize, b: usize) -> bool {
    a < b
        && cx.is(a, role::THIRD_PERSON)
        && cx.tok(a + 1).lower()
        && cx.low(a + 1).len() >= 4
        && cx.low(a + 1).ends_with('e')
        && cx.cls(a + 1) == 0
}
