//! Reading words fast: a prefix filter over the first bytes of a word, the
//! word at a position, and byte masks for eight bytes at a time.

use wortlaut_normalize::Span;

use crate::matcher::{is_alphabetic, is_uppercase};
#[cfg(test)]
use crate::words::Words;

/// A bit set over the first (up to) four bytes of a word, read from the
/// text where the word starts: a word whose bit is clear starts with none
/// of the words put in. A byte that is ASCII but neither a letter nor an
/// apostrophe ends the key (so "Hans-Peter" has the key of "Hans", and a
/// word at the end of a name has the key of the name alone).
pub(crate) struct PrefixFilter(Vec<u64>, u32);

impl PrefixFilter {
    /// An empty filter (its bits are allocated by the first `add`).
    pub(crate) fn new() -> PrefixFilter {
        PrefixFilter(Vec::new(), 16)
    }

    /// An empty filter of 2^`bits` bits (`new`: 2^16), for large word
    /// lists (fewer false positives).
    pub(crate) fn with_bits(bits: u32) -> PrefixFilter {
        PrefixFilter(Vec::new(), bits.clamp(6, 24))
    }

    /// The key of the word-character run starting at `at` (a char
    /// boundary of `text`): its first four bytes, ended early by a
    /// character that is not a letter or an apostrophe.
    #[inline]
    pub(crate) fn key(text: &str, at: usize) -> u32 {
        let bytes = text.as_bytes();
        if let Some(b4) = bytes.get(at..at + 4) {
            let x = u32::from_le_bytes([b4[0], b4[1], b4[2], b4[3]]);
            if x & 0x8080_8080 == 0 {
                // All ASCII: keep the bytes before the first one that is
                // neither a letter nor an apostrophe.
                let y = x | 0x2020_2020;
                let letter = (y + 0x1f1f_1f1f) & !(y + 0x0505_0505) & 0x8080_8080;
                let z = x ^ 0x2727_2727;
                let apostrophe = !(((z & 0x7f7f_7f7f) + 0x7f7f_7f7f) | z) & 0x8080_8080;
                let stop = !(letter | apostrophe) & 0x8080_8080;
                return match stop.trailing_zeros() / 8 {
                    4.. => x,
                    n => x & ((1u32 << (8 * n)) - 1),
                };
            }
        }
        let mut k = 0u32;
        let mut j = 0;
        while j < 4 {
            let Some(&b) = bytes.get(at + j) else { break };
            if b < 0x80 {
                if !(b.is_ascii_alphabetic() || b == b'\'') {
                    break;
                }
                k |= u32::from(b) << (8 * j);
                j += 1;
                continue;
            }
            let Some(c) = text.get(at + j..).and_then(|s| s.chars().next()) else {
                break;
            };
            if !is_alphabetic(c) {
                break;
            }
            let mut buf = [0u8; 4];
            for &cb in c.encode_utf8(&mut buf).as_bytes() {
                if j < 4 {
                    k |= u32::from(cb) << (8 * j);
                    j += 1;
                }
            }
        }
        k
    }

    #[inline]
    fn bit(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> (32 - self.1)) as usize
    }

    pub(crate) fn add(&mut self, word: &str) {
        if self.0.is_empty() {
            self.0 = vec![0u64; 1 << (self.1 - 6)];
        }
        let k = self.bit(PrefixFilter::key(word, 0));
        self.0[k / 64] |= 1 << (k % 64);
    }

    #[inline]
    pub(crate) fn may_contain(&self, key: u32) -> bool {
        let k = self.bit(key);
        self.0.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

pub(crate) struct Word<'t> {
    pub(crate) span: Span,
    pub(crate) text: &'t str,
}

#[cfg(test)]
pub(crate) fn word_list<'t>(words: &Words, text: &'t str) -> Vec<Word<'t>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next word character, ASCII quickly.
        let b = bytes[i];
        let (c, w) = if b < 0x80 {
            if !(b.is_ascii_alphabetic() || b == b'-' || b == b'\'') {
                i += 1;
                continue;
            }
            (b as char, 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if !(is_alphabetic(c) || c == '-' || c == '\'') {
            i += w;
            continue;
        }
        let s = i;
        let first_upper = is_uppercase(c);
        i += w;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphabetic() || b == b'-' || b == b'\'' {
                    i += 1;
                    continue;
                }
                break;
            }
            match text[i..].chars().next() {
                Some(c) if is_alphabetic(c) => i += c.len_utf8(),
                _ => break,
            }
        }
        // An initial keeps its full stop: "S."
        let end = if bytes.get(i) == Some(&b'.') && text[s..i].chars().count() == 1 {
            i + 1
        } else {
            i
        };
        // Only capitalised words and particles can be part of a name; a
        // lower-case word between two kept words shows in the gap between
        // them, so adjacency stays exact. (Particles are at most three
        // bytes long.)
        let word = &text[s..end];
        if first_upper || words.is_particle(word) {
            out.push(Word {
                span: Span::new(s, end),
                text: word,
            });
        }
        i = end.max(i);
    }
    out
}

pub(crate) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(is_uppercase)
}

pub(crate) fn is_word_char(c: char) -> bool {
    is_alphabetic(c) || c == '-' || c == '\''
}

/// The word that starts at `s` (a char boundary), as [`words`] reads it:
/// a maximal run of letters, hyphens and apostrophes; an initial with its
/// full stop.
pub(crate) fn word_at(text: &str, s: usize) -> Option<Word<'_>> {
    scan_word(text, s).map(|(span, _)| Word {
        span,
        text: &text[span.start..span.end],
    })
}

/// [`word_at`] as a span, with the position of its first hyphen.
#[inline]
pub(crate) fn scan_word(text: &str, s: usize) -> Option<(Span, Option<usize>)> {
    let bytes = text.as_bytes();
    let first = *bytes.get(s)?;
    let mut hyphen = None;
    let mut i = if first < 0x80 {
        if !(first.is_ascii_alphabetic() || first == b'-' || first == b'\'') {
            return None;
        }
        if first == b'-' {
            hyphen = Some(s);
        }
        s + 1
    } else {
        let c = text.get(s..)?.chars().next()?;
        if !is_word_char(c) {
            return None;
        }
        s + c.len_utf8()
    };
    loop {
        // ASCII letters quickly (eight at a time), then one other character.
        i = skip_ascii_letters8(bytes, i);
        while bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic()) {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80 {
            if b == b'-' || b == b'\'' {
                if b == b'-' && hyphen.is_none() {
                    hyphen = Some(i);
                }
                i += 1;
                continue;
            }
            break;
        }
        match text[i..].chars().next() {
            Some(c) if is_alphabetic(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    let end = if bytes.get(i) == Some(&b'.') && text[s..i].chars().nth(1).is_none() {
        i + 1
    } else {
        i
    };
    Some((Span::new(s, end), hyphen))
}

/// From byte `i`, past the ASCII letters that come in whole runs of eight
/// (read eight at a time): the first non-letter of a run of eight, or the
/// start of the last, shorter, piece. The caller steps over the rest byte by
/// byte.
#[inline]
pub(crate) fn skip_ascii_letters8(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut b8 = [0u8; 8];
        b8.copy_from_slice(chunk);
        let m = non_letters(u64::from_le_bytes(b8));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// Bytes of `x` that are not ASCII letters: their high bit set.
#[inline]
pub(crate) fn non_letters(x: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let y = (x | 0x2020_2020_2020_2020) & !HI;
    let ge_a = y + 0x1f1f_1f1f_1f1f_1f1f; // high bit: y >= 0x61
    let gt_z = y + 0x0505_0505_0505_0505; // high bit: y >= 0x7b
    !(ge_a & !gt_z & !x) & HI
}

/// Bytes of `x` that are ASCII capitals or UTF-8 lead bytes of non-ASCII
/// characters: their high bit set.
#[inline]
pub(crate) fn capital_candidates(x: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let y = x & !HI;
    let ge_a = y + 0x3f3f_3f3f_3f3f_3f3f; // high bit: y >= 0x41
    let gt_z = y + 0x2525_2525_2525_2525; // high bit: y >= 0x5b
    let ascii_upper = ge_a & !gt_z & !x;
    let lead = x & (x << 1);
    (ascii_upper | lead) & HI
}
