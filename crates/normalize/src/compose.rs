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
use wortlaut_text::Span;

#[inline]
fn is_stable_starter(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(core::iter::once(c)) == IsNormalized::Yes)
}

/// A fast sufficient test for NFC: every character has canonical combining
/// class 0 and NFC quick-check "yes". Characters below U+0300 all do and
/// are skipped 16 bytes at a time; the rest are looked up one by one.
fn trivially_nfc(src: &str) -> bool {
    let b = src.as_bytes();
    let mut i = 0;
    loop {
        // Leads of U+0300 and above.
        i = crate::find_byte(b, i, |x| x >= 0xcc);
        if i >= b.len() {
            return true;
        }
        let Some(c) = src[i..].chars().next() else {
            return true;
        };
        if !is_stable_starter(c) {
            return false;
        }
        i += c.len_utf8();
    }
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
