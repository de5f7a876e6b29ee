//! Repair of UTF-8 that was decoded as Windows-1252 or Latin-1.
//!
//! "PrÃ¤sident" is "Präsident" whose two UTF-8 bytes `C3 A4` were read as
//! the Windows-1252 characters `Ã` and `¤`. A run of characters is repaired
//! only when it is exactly one well-formed UTF-8 sequence in that reading and
//! the character it decodes to lies in a script range that such text
//! plausibly contains (Latin, Greek, Cyrillic, general punctuation, `€`):
//! "ß»" or "Ü»" in real German text decode to Syriac or NKo and stay as they
//! are.

use crate::align::{Layer, Rewriter};
use crate::repair::{Repair, RepairKind};
use crate::span::Span;

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

/// Decodes the mojibake sequence starting at `i` (whose first char is a
/// candidate lead), returning its source end and the repaired char.
fn decode_at(src: &str, i: usize) -> Option<(usize, char)> {
    let mut chars = src[i..].char_indices();
    let (_, lead) = chars.next()?;
    let lead_b = cp1252_byte(lead)?;
    let n = match lead_b {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let mut buf = [lead_b, 0, 0, 0];
    let mut end = i + lead.len_utf8();
    for slot in buf.iter_mut().take(n).skip(1) {
        let (off, c) = chars.next()?;
        let b = cp1252_byte(c)?;
        if !(0x80..=0xbf).contains(&b) {
            return None;
        }
        *slot = b;
        end = i + off + c.len_utf8();
    }
    let s = core::str::from_utf8(&buf[..n]).ok()?;
    let d = s.chars().next()?;
    // "Ä“" is a capital umlaut before a closing quotation mark far more often
    // than a mojibake "ē": a two-character sequence whose second character is
    // punctuation counts only inside a word ("Ã„rger").
    if n == 2 {
        let second = src[i + lead.len_utf8()..end].chars().next()?;
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
        if punct && !src[end..].chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
    }
    plausible(d).then_some((end, d))
}

/// Runs the mojibake pass. Returns `None` when nothing changed.
pub(crate) fn repair(src: &str, repairs: &mut Vec<Repair>) -> Option<(String, Layer)> {
    let bytes = src.as_bytes();
    // Candidate leads U+00C2..U+00F4 are encoded as C3 82..C3 B4; the
    // Windows-1252 reading of E2 (`â`) is U+00E2, also in that range.
    let mut rw: Option<Rewriter<'_>> = None;
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
            if let Some((end, d)) = decode_at(src, i) {
                let mut tmp = [0u8; 4];
                let with = d.encode_utf8(&mut tmp);
                let r = rw.get_or_insert_with(|| Rewriter::new(src));
                if r.replace(i, end, with) {
                    repairs.push(Repair::new(RepairKind::Mojibake, Span::new(i, end), with));
                }
                i = end;
                continue;
            }
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
