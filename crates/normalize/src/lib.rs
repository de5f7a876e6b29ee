//! Text normalisation for news text, with an exact alignment back to the
//! original input.
//!
//! Web-extracted and machine-translated news is noisy: mojibake
//! ("PrÃ¤sident"), every style of quotation mark, soft hyphens and zero-width
//! characters, words glued together where markup was dropped
//! ("GiangAnalyst"), navigation lines and repeated headlines. A
//! [`Normalizer`] cleans all of that up and returns a [`Normalized`] text that
//! knows, for every span, which span of the original it came from — so any
//! finding made on the clean text can be shown where the user can find it.
//!
//! # Example
//!
//! ```
//! use wortlaut_normalize::{Normalizer, RepairKind, Span};
//!
//! let original = "Der PrÃ¤sident sagte: \"Wir sind bereit\".";
//! let n = Normalizer::new().normalize(original);
//! assert_eq!(n.text(), "Der Präsident sagte: „Wir sind bereit“.");
//!
//! // "Präsident" in the normalised text is "PrÃ¤sident" in the original.
//! let start = n.text().find("Präsident").unwrap();
//! let span = n.to_original(Span::new(start, start + "Präsident".len()));
//! assert_eq!(span.slice(original), "PrÃ¤sident");
//!
//! // Every change is reported with its original span.
//! let kinds: Vec<_> = n.repairs().iter().map(|r| r.kind).collect();
//! assert_eq!(kinds, [RepairKind::Mojibake, RepairKind::Quote, RepairKind::Quote]);
//!
//! // Normalising twice changes nothing.
//! assert_eq!(Normalizer::new().normalize(n.text()).text(), n.text());
//! ```
//!
//! # What it does, in order
//!
//! 1. **Composition**: Unicode NFC (again after step 3 if that step changed
//!    anything, since removing an invisible character can bring a letter and
//!    a combining mark together).
//! 2. **Mojibake**: UTF-8 read as Windows-1252/Latin-1 is repaired where the
//!    reading is unambiguous (see [`RepairKind::Mojibake`]).
//! 3. **Characters**: line endings to `\n`; control, zero-width and
//!    bidirectional characters and soft hyphens removed; exotic spaces to
//!    U+0020; dashes to `-` (hyphens) or `–` (dashes); apostrophes to `'`;
//!    quotation marks of every style to `„…“` (double) and `‚…‘` (single),
//!    chosen by the role each mark plays, so opening and closing stay
//!    distinguishable; a space after a closing mark glued to the next word.
//! 4. **Glued words** left by broken HTML extraction are split.
//! 5. **Lines**: navigation, tag and separator lines are removed; repeated
//!    headlines and captions are flagged.
//!
//! Each step can be switched off on the [`Normalizer`].
//!
//! # Offsets
//!
//! Spans are byte ranges ([`Span`]). Mapping a span on char boundaries of the
//! normalised text gives a span on char boundaries of the original; a span
//! that covers part of an edit is widened to the whole edit.
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for [`Span`], [`Repair`] and
//!   [`RepairKind`].
//!
//! # Untrusted input
//!
//! Every function takes any `&str` (or bytes, via
//! [`Normalizer::normalize_bytes`]) and never panics; time and memory are
//! linear in the input.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

mod align;
mod chars;
mod compose;
mod fold;
mod glue;
pub mod hash;
mod lines;
mod mojibake;
mod repair;

use std::borrow::Cow;

pub use crate::align::{Alignment, SourceMapper};
pub use crate::chars::{CLOSE_DOUBLE, CLOSE_SINGLE, OPEN_DOUBLE, OPEN_SINGLE};
pub use crate::fold::{fold_char, fold_str, fold_str_into, Folded};
pub use crate::repair::{Repair, RepairKind};
pub use wortlaut_text::{Coord, Fold, Norm, Orig, Span};

/// The first position at or after `i` whose byte satisfies `f`, or the
/// length. Written so that the compiler checks 16 bytes at once: `f` should
/// be a few comparisons joined with `|` and `&`.
#[inline(always)]
pub(crate) fn find_byte(bytes: &[u8], mut i: usize, f: impl Fn(u8) -> bool) -> usize {
    while i + 16 <= bytes.len() {
        let mut any = false;
        for &b in &bytes[i..i + 16] {
            any |= f(b);
        }
        if any {
            break;
        }
        i += 16;
    }
    while i < bytes.len() && !f(bytes[i]) {
        i += 1;
    }
    i
}

/// The words of a list of the embedded German profile (the normaliser's
/// lists are `normalize/camelcase`, `normalize/gender-endings` and
/// `normalize/navigation`).
pub(crate) fn profile_words(name: &str) -> impl Iterator<Item = &'static str> {
    wortlaut_text::Profile::german()
        .list(name)
        .expect("the embedded profile has the normaliser's lists (tested)")
        .words()
}

/// Configures and runs normalisation.
///
/// Build one, set what you need, and share it: it is cheap to clone, holds no
/// per-document state, and is `Send + Sync`.
///
/// ```
/// use wortlaut_normalize::Normalizer;
/// let mut n = Normalizer::new();
/// n.remove_repeated_lines(true);
/// let out = n.normalize("Ein Titel mit vier Wörtern\nEin Titel mit vier Wörtern\nText.");
/// assert_eq!(out.text(), "Ein Titel mit vier Wörtern\nText.");
/// ```
#[derive(Clone, Debug)]
pub struct Normalizer {
    mojibake: bool,
    compose: bool,
    characters: bool,
    glued_words: bool,
    lines: bool,
    remove_repeated_lines: bool,
}

impl Default for Normalizer {
    fn default() -> Normalizer {
        Normalizer::new()
    }
}

impl Normalizer {
    /// A normaliser with every step on and repeated lines flagged, not removed.
    pub fn new() -> Normalizer {
        Normalizer {
            mojibake: true,
            compose: true,
            characters: true,
            glued_words: true,
            lines: true,
            remove_repeated_lines: false,
        }
    }

    /// Repair mojibake (default: on).
    pub fn mojibake(&mut self, yes: bool) -> &mut Normalizer {
        self.mojibake = yes;
        self
    }

    /// Apply Unicode NFC (default: on).
    pub fn compose(&mut self, yes: bool) -> &mut Normalizer {
        self.compose = yes;
        self
    }

    /// Canonicalise characters: quotes, apostrophes, dashes, spaces,
    /// invisible and control characters, line endings (default: on).
    pub fn characters(&mut self, yes: bool) -> &mut Normalizer {
        self.characters = yes;
        self
    }

    /// Split words glued by broken HTML extraction (default: on).
    pub fn glued_words(&mut self, yes: bool) -> &mut Normalizer {
        self.glued_words = yes;
        self
    }

    /// Remove navigation, tag and separator lines and flag repeated lines
    /// (default: on).
    pub fn lines(&mut self, yes: bool) -> &mut Normalizer {
        self.lines = yes;
        self
    }

    /// Remove repeated lines instead of only flagging them (default: off).
    pub fn remove_repeated_lines(&mut self, yes: bool) -> &mut Normalizer {
        self.remove_repeated_lines = yes;
        self
    }

    /// Normalises `text`.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut alignment = Alignment::default();
        let mut repairs = Vec::new();
        let mut current: Cow<'_, str> = Cow::Borrowed(text);
        let remove = self.remove_repeated_lines;
        let mut run = |pass: Pass, current: &mut Cow<'_, str>| -> bool {
            let mut found = Vec::new();
            let result = pass(current, &mut found, remove);
            for mut r in found {
                // The pass reported the span in the text it rewrote.
                r.span = alignment.to_source(Span::new(r.span.start, r.span.end));
                repairs.push(r);
            }
            match result {
                Some((out, layer)) => {
                    alignment.push(layer);
                    *current = Cow::Owned(out);
                    true
                }
                None => false,
            }
        };
        if self.compose {
            run(&|s, r, _| compose::compose(s, r), &mut current);
        }
        // Mojibake repair and the character pass feed each other: a repaired
        // sequence can yield a quotation mark that needs its role, and a
        // canonicalised mark can complete a mojibake sequence. They run until
        // neither changes anything (each mojibake repair shortens the text,
        // so this ends; in practice after one or two rounds), which is what
        // makes normalising twice change nothing.
        let mut changed = false;
        for round in 0..4 {
            let m = self.mojibake && run(&|s, r, _| mojibake::repair(s, r), &mut current);
            if round > 0 && !m {
                break;
            }
            let c = self.characters && run(&|s, r, _| chars::canonicalize(s, r), &mut current);
            changed |= m || c;
            if !self.mojibake || !c {
                break;
            }
        }
        // Removing an invisible character can bring a letter and a combining
        // mark together: compose again.
        if self.compose && changed {
            run(&|s, r, _| compose::compose(s, r), &mut current);
        }
        if self.glued_words {
            run(&|s, r, _| glue::split(s, r), &mut current);
        }
        if self.lines {
            run(&|s, r, remove| lines::clean(s, remove, r), &mut current);
        }
        repairs.sort_by_key(|r| (r.span.start, r.span.end));
        Normalized {
            text: current.into_owned(),
            alignment,
            repairs,
        }
    }

    /// Decodes `bytes` as UTF-8, replacing each invalid sequence by U+FFFD
    /// (reported as [`RepairKind::InvalidUtf8`]), and normalises the result.
    ///
    /// Returns the decoded text, which is the "original" that all spans of
    /// the result refer to, and the normalised text.
    ///
    /// ```
    /// use wortlaut_normalize::{Normalizer, RepairKind};
    /// let (decoded, n) = Normalizer::new().normalize_bytes(b"K\xf6ln ist sch\xc3\xb6n");
    /// assert_eq!(decoded, "K\u{fffd}ln ist schön");
    /// assert_eq!(n.repairs()[0].kind, RepairKind::InvalidUtf8);
    /// ```
    pub fn normalize_bytes<'b>(&self, bytes: &'b [u8]) -> (Cow<'b, str>, Normalized) {
        let (decoded, invalid) = decode_utf8_lossy(bytes);
        let mut n = self.normalize(&decoded);
        if !invalid.is_empty() {
            n.repairs.extend(invalid);
            n.repairs.sort_by_key(|r| (r.span.start, r.span.end));
        }
        (decoded, n)
    }
}

type Pass = &'static dyn Fn(&str, &mut Vec<Repair>, bool) -> Option<(String, align::Layer)>;

/// Decodes bytes as UTF-8 lossily; each invalid sequence becomes one U+FFFD
/// and one [`RepairKind::InvalidUtf8`] repair whose span is that U+FFFD in the
/// decoded text.
pub fn decode_utf8_lossy(bytes: &[u8]) -> (Cow<'_, str>, Vec<Repair>) {
    if let Ok(s) = core::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), Vec::new());
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut repairs = Vec::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            let at = out.len();
            out.push('\u{fffd}');
            repairs.push(Repair::new(
                RepairKind::InvalidUtf8,
                Span::new(at, out.len()),
                "\u{fffd}",
            ));
        }
    }
    (Cow::Owned(out), repairs)
}

/// A normalised text with its alignment to the original and the list of
/// repairs.
///
/// Owns its data; `Send + Sync`. Memory: the normalised text plus a few
/// machine words per edited place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    alignment: Alignment,
    repairs: Vec<Repair>,
}

impl Normalized {
    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The repairs, sorted by their original span.
    pub fn repairs(&self) -> &[Repair] {
        &self.repairs
    }

    /// The alignment from the normalised text to the original.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// Maps a span of the normalised text to the original input.
    pub fn to_original(&self, span: Span<Norm>) -> Span<Orig> {
        self.alignment.to_source(span)
    }

    /// Maps a span of the original input to the normalised text.
    pub fn to_normalized(&self, span: Span<Orig>) -> Span<Norm> {
        self.alignment.to_target(span)
    }

    /// The folded view (lower case, no diacritics, `ß` → `ss`) for matching,
    /// aligned both to this text and to the original.
    pub fn fold(&self) -> Folded {
        fold::fold(&self.text, &self.alignment)
    }

    /// Splits into the normalised text, the alignment and the repairs.
    pub fn into_parts(self) -> (String, Alignment, Vec<Repair>) {
        (self.text, self.alignment, self.repairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync_unwind_safe() {
        fn assert_all<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        assert_all::<Normalizer>();
        assert_all::<Normalized>();
        assert_all::<Folded>();
        assert_all::<Alignment>();
        assert_all::<Repair>();
        assert_all::<Span>();
    }

    #[test]
    fn seed_000_noise() {
        let text = "mit Nord Korea\u{201a}S Kim Jong Un.\nDer PrÃ¤sident\u{ad}en";
        let n = Normalizer::new().normalize(text);
        assert_eq!(n.text(), "mit Nord Korea'S Kim Jong Un.\nDer Präsidenten");
        for r in n.repairs() {
            assert!(r.span.is_valid_for(text));
        }
    }
}
