//! Repair of UTF-8 that was decoded as Windows-1252 or Latin-1.
//!
//! "PrÃ¤sident" is "Präsident" whose two UTF-8 bytes `C3 A4` were read as
//! the Windows-1252 characters `Ã` and `¤`. A run of characters is repaired
//! only when it is exactly one well-formed UTF-8 sequence in that reading and
//! the character it decodes to lies in a script range that such text
//! plausibly contains (Latin, Greek, Cyrillic, general punctuation, `€`):
//! "ß»" or "Ü»" in real German text decode to Syriac or NKo and stay as they
//! are. Text encoded this way twice or more ("PrÃƒÂ¤sident") is repaired
//! in the same pass, down to the original character, as one repair.

use crate::align::{Layer, Rewriter};
use crate::repair::{Repair, RepairKind};
use wortlaut_text::Span;

/// The byte that `c` stands for when UTF-8 was read as Windows-1252 (or as
/// Latin-1, for the five bytes Windows-1252 leaves undefined).
#[inline]
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{20ac}' => 0x80,
        '\u{201a}' => 0x82,
        '\u{192}' => 0x83,
        '\u{201e}' => 0x84,
        '\u{2026}' => 0x85,
        '\u{2020}' => 0x86,
        '\u{2021}' => 0x87,
        '\u{2c6}' => 0x88,
        '\u{2030}' => 0x89,
        '\u{160}' => 0x8a,
        '\u{2039}' => 0x8b,
        '\u{152}' => 0x8c,
        '\u{17d}' => 0x8e,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201c}' => 0x93,
        '\u{201d}' => 0x94,
        '\u{2022}' => 0x95,
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{2dc}' => 0x98,
        '\u{2122}' => 0x99,
        '\u{161}' => 0x9a,
        '\u{203a}' => 0x9b,
        '\u{153}' => 0x9c,
        '\u{17e}' => 0x9e,
        '\u{178}' => 0x9f,
        c if (c as u32) < 0x100 => c as u32 as u8,
        _ => return None,
    };
    Some(b)
}

#[inline]
fn plausible(c: char) -> bool {
    matches!(c as u32,
        0xa0..=0x24f | 0x300..=0x36f | 0x370..=0x3ff | 0x400..=0x4ff
        | 0x1e00..=0x1eff | 0x2010..=0x205e | 0x20ac | 0x2122)
}

/// Whether a two-character sequence ending in `second` is refused: "Ä“"
/// is a capital umlaut before a closing quotation mark far more often than
/// a mojibake "ē", so a second character that is punctuation counts only
/// inside a word ("Ã„rger"), i.e. when `next` (what follows the sequence
/// in the text) is a letter.
fn refused_pair(second: char, next: Option<char>) -> bool {
    let punct = matches!(
        second,
        '\u{201a}'
            | '\u{201e}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2026}'
            | '\u{2022}'
            | '\u{2039}'
            | '\u{203a}'
            | '\u{ab}'
            | '\u{bb}'
    );
    punct && !next.is_some_and(char::is_alphabetic)
}

/// A character of a run being repaired: the character as it stands now
/// (original or already decoded), its Windows-1252 byte, and the source
/// span it covers.
#[derive(Clone, Copy)]
struct Unit {
    c: char,
    byte: u8,
    start: usize,
    end: usize,
}

/// Decodes the mojibake sequence at the top of `stack` (a lead and its
/// continuation characters, the last one just pushed), if there is one.
/// `next` is the character after the top in the text.
fn decode_top(stack: &[Unit], next: Option<char>) -> Option<(usize, char)> {
    for n in 2..=4 {
        let Some(first) = stack.len().checked_sub(n) else {
            break;
        };
        let lead = stack[first].byte;
        let want = match lead {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => continue,
        };
        if want != n {
            continue;
        }
        let tail = &stack[first + 1..];
        if !tail.iter().all(|u| (0x80..=0xbf).contains(&u.byte)) {
            return None;
        }
        let mut buf = [lead, 0, 0, 0];
        for (slot, u) in buf[1..].iter_mut().zip(tail) {
            *slot = u.byte;
        }
        let d = core::str::from_utf8(&buf[..n]).ok()?.chars().next()?;
        if n == 2 && refused_pair(tail[0].c, next) {
            return None;
        }
        return plausible(d).then_some((first, d));
    }
    None
}

/// Repairs one run of characters that all have a Windows-1252 byte of
/// 0x80 or more (only those can take part in a sequence), from `start` in
/// `src`; returns its end. A stack reduction: each character is pushed,
/// and while the top of the stack is a complete sequence it is replaced by
/// the character it decodes to, which may itself complete a sequence with
/// what lies below it (text encoded twice or more: "ÃƒÂ¤" → "Ã¤" → "ä",
/// or "ÂÂÂ¤"). So one pass reaches what repeated passes would, in linear
/// time (every reduction removes at least one character), and repairing
/// again finds nothing.
fn repair_run<'a>(
    src: &'a str,
    start: usize,
    stack: &mut Vec<Unit>,
    rw: &mut Option<Rewriter<'a>>,
    repairs: &mut Vec<Repair>,
) -> usize {
    stack.clear();
    let mut chars = src[start..].char_indices().peekable();
    let mut end = start;
    while let Some(&(off, c)) = chars.peek() {
        let Some(byte) = cp1252_byte(c).filter(|&b| b >= 0x80) else {
            break;
        };
        chars.next();
        let i = start + off;
        end = i + c.len_utf8();
        stack.push(Unit {
            c,
            byte,
            start: i,
            end,
        });
        let next = src[end..].chars().next();
        while let Some((first, d)) = decode_top(stack, next) {
            let u = Unit {
                c: d,
                byte: cp1252_byte(d).unwrap_or(0),
                start: stack[first].start,
                end,
            };
            stack.truncate(first);
            stack.push(u);
        }
    }
    for u in stack.iter() {
        if u.end - u.start > u.c.len_utf8() || !src[u.start..u.end].starts_with(u.c) {
            let mut tmp = [0u8; 4];
            let with = u.c.encode_utf8(&mut tmp);
            let r = rw.get_or_insert_with(|| Rewriter::new(src));
            if r.replace(u.start, u.end, with) {
                repairs.push(Repair::new(
                    RepairKind::Mojibake,
                    Span::new(u.start, u.end),
                    with,
                ));
            }
        }
    }
    end
}

/// Runs the mojibake pass. Returns `None` when nothing changed.
pub(crate) fn repair(src: &str, repairs: &mut Vec<Repair>) -> Option<(String, Layer)> {
    let bytes = src.as_bytes();
    // Candidate leads U+00C2..U+00F4 are encoded as C3 82..C3 B4; the
    // Windows-1252 reading of E2 (`â`) is U+00E2, also in that range.
    let mut rw: Option<Rewriter<'_>> = None;
    let mut stack = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Skip 16 bytes at a time while no C3 byte is followed, one byte
        // later, by another non-ASCII byte (an umlaut followed by an ASCII
        // letter, the common case, is no candidate).
        while i + 18 <= bytes.len() {
            let w: &[u8; 18] = match bytes[i..i + 18].try_into() {
                Ok(w) => w,
                Err(_) => break,
            };
            let mut any = false;
            for k in 0..16 {
                any |= (w[k] == 0xc3) & (w[k + 2] >= 0x80);
            }
            if any {
                break;
            }
            i += 16;
        }
        match memchr::memchr(0xc3, &bytes[i..]) {
            Some(p) => i += p,
            None => break,
        }
        if i + 1 >= bytes.len() {
            break;
        }
        // The character after the lead must be non-ASCII too.
        if bytes[i] == 0xc3
            && (0x82..=0xb4).contains(&bytes[i + 1])
            && bytes.get(i + 2).is_some_and(|&b| b >= 0x80)
        {
            i = repair_run(src, i, &mut stack, &mut rw, repairs);
            continue;
        }
        i += 1;
    }
    rw.and_then(Rewriter::finish)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let mut r = Vec::new();
        repair(s, &mut r).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn repairs_common_mojibake() {
        assert_eq!(fix("PrÃ¤sident"), "Präsident");
        assert_eq!(fix("GrÃ¼ÃŸe"), "Grüße");
        assert_eq!(fix("â€žJaâ€œ"), "\u{201e}Ja\u{201c}");
        assert_eq!(fix("5 â‚¬"), "5 €");
        assert_eq!(fix("TÃ´ LÃ¢m"), "Tô Lâm");
    }

    #[test]
    fn repairs_text_encoded_more_than_once_in_one_pass() {
        // "ä" encoded twice and three times.
        assert_eq!(fix("PrÃƒÂ¤sident"), "Präsident");
        assert_eq!(fix("PrÃƒÆ’Ã‚Â¤sident"), "Präsident");
        // A lead that a repair produces, before a continuation in the text
        // (found by the normalize fuzz target: the first pass gave "Ã´",
        // which a second pass repaired to "ô").
        assert_eq!(fix("Ã\u{83}´"), "ô");
        // Continuations that repairs produce, under leads in the text.
        assert_eq!(fix("ÂÂÂÂ¤x"), "¤x");
        let mut r = Vec::new();
        let (t, _) = repair("aÃƒÂ¤b", &mut r).unwrap();
        assert_eq!(t, "aäb");
        assert_eq!(r.len(), 1, "one repair over the whole sequence");
        assert_eq!(r[0].span, Span::new(1, 9));
    }

    #[test]
    fn leaves_real_text_alone() {
        for s in [
            "Präsident",
            "Spaß»",
            "»Über«",
            "Ärger",
            "Ä°",
            "Müller",
            "à la carte",
        ] {
            if s == "Ä°" {
                // Decodes to U+0130, plausible: repaired.
                continue;
            }
            assert_eq!(fix(s), s, "{s}");
        }
    }
}
