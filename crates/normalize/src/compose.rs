//! Canonical composition (NFC) that keeps the alignment exact.
//!
//! The text is cut before every *stable starter* (combining class 0 and
//! NFC quick check "yes"): nothing before such a character can compose with
//! anything after it, so each piece is normalised on its own and replaced
//! only when it changes.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::align::{Layer, Rewriter};
use crate::repair::{Repair, RepairKind};
use crate::span::Span;

#[inline]
fn is_stable_starter(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(core::iter::once(c)) == IsNormalized::Yes)
}

/// A fast sufficient test for NFC: every character is below U+0300 (no
/// combining marks, no decomposing singletons) or general punctuation
/// U+2002..U+206F or `€`, which covers nearly all German news text.
fn trivially_nfc(src: &str) -> bool {
    // ASCII, continuation bytes and the leads of U+0080..U+02FF need no look.
    static BORING: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = b < 0xc0 || (b >= 0xc2 && b <= 0xcb);
            b += 1;
        }
        t
    };
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && BORING[b[i] as usize] {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] != 0xe2 {
            return false;
        }
        let ok = match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(&c)) => c >= 0x82,
            (Some(0x81), Some(&c)) => c <= 0xaf,
            (Some(0x82), Some(0xac)) => true,
            _ => false,
        };
        if !ok {
            return false;
        }
        i += 3;
    }
    true
}

/// Runs the composition pass. Returns `None` when the text is already NFC.
pub(crate) fn compose(src: &str, repairs: &mut Vec<Repair>) -> Option<(String, Layer)> {
    if trivially_nfc(src) || is_nfc_quick(src.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut rw = Rewriter::new(src);
    let mut flush = |rw: &mut Rewriter<'_>, a: usize, b: usize| {
        let piece = &src[a..b];
        let single_stable =
            piece.chars().nth(1).is_none() && piece.chars().next().is_some_and(is_stable_starter);
        if single_stable {
            return;
        }
        let n: String = piece.nfc().collect();
        if n != piece && rw.replace(a, b, &n) {
            repairs.push(Repair::new(RepairKind::Composition, Span::new(a, b), &n));
        }
    };
    let mut start = 0;
    for (i, c) in src.char_indices() {
        if i > start && is_stable_starter(c) {
            flush(&mut rw, start, i);
            start = i;
        }
    }
    flush(&mut rw, start, src.len());
    rw.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_decomposed_umlauts() {
        let mut r = Vec::new();
        let (t, _) = compose("Mu\u{308}ller und Ko\u{308}ln", &mut r).unwrap();
        assert_eq!(t, "Müller und Köln");
        assert_eq!(r.len(), 2);
        assert!(compose("Müller", &mut r).is_none());
    }

    #[test]
    fn singletons() {
        let mut r = Vec::new();
        let (t, _) = compose("5 \u{2126}", &mut r).unwrap();
        assert_eq!(t, "5 \u{3a9}");
    }
}
