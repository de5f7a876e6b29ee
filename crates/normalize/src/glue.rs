//! Splitting words glued together by broken HTML extraction.
//!
//! When an extractor drops the markup between two elements, the last word of
//! one runs into the first of the next: "Nguyen Khac GiangAnalyst",
//! "WaffentransfersDies", "wichtigGiang". A space is inserted where at least
//! three lower-case letters run into an upper-case letter followed by at least
//! two lower-case letters, unless the word is a known name with an inner
//! capital (the profile list `normalize/camelcase`), a gender form with an inner capital
//! (`normalize/gender-endings`)
//! ("LehrerInnen"), or part of a URL, handle or hashtag. Names such as
//! "McDonald", "iPhone" or "DeWaC" never reach three lower-case letters before
//! the capital.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::align::{Layer, Rewriter};
use crate::repair::{Repair, RepairKind};
use wortlaut_text::Span;

/// A short list, compared whole: `rest` can be the rest of a very long
/// word, so it is never hashed.
fn gender_endings() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| crate::profile_words("normalize/gender-endings").collect())
}

fn camelcase() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::profile_words("normalize/camelcase").collect())
}

/// The whitespace-delimited chunk last looked at, and whether it looks like
/// a URL, e-mail address, handle or hashtag. Words of one chunk share the
/// answer, so a long chunk is read once, not once per word.
#[derive(Default)]
struct Chunk {
    start: usize,
    end: usize,
    technical: bool,
}

impl Chunk {
    fn is_technical(&mut self, src: &str, word_start: usize, word_end: usize) -> bool {
        if !(self.start <= word_start && word_end <= self.end && self.end > 0) {
            self.start = src[..word_start]
                .rfind(char::is_whitespace)
                .map_or(0, |p| p + 1);
            self.end = src[word_end..]
                .find(char::is_whitespace)
                .map_or(src.len(), |p| word_end + p);
            let chunk = &src[self.start..self.end];
            self.technical =
                chunk.contains(['@', '#', '/', '\\', '_', '=']) || chunk.contains("www.");
        }
        self.technical
    }
}

fn split_points(src: &str, start: usize, end: usize, chunk: &mut Chunk, out: &mut Vec<usize>) {
    let word = &src[start..end];
    if camelcase().contains(word) {
        return;
    }
    let mut lower_run = 0usize;
    let mut found = false;
    for (k, c) in word.char_indices() {
        if c.is_lowercase() {
            lower_run += 1;
            continue;
        }
        if c.is_uppercase() && lower_run >= 3 {
            let rest = &word[k..];
            let mut ahead = rest.chars().skip(1);
            let lower_after = ahead.next().is_some_and(char::is_lowercase)
                && ahead.next().is_some_and(char::is_lowercase);
            let gender_i = gender_endings().contains(&rest);
            if lower_after && !gender_i && !camelcase().iter().any(|n| word.starts_with(n)) {
                if !found && chunk.is_technical(src, start, end) {
                    return;
                }
                found = true;
                out.push(start + k);
            }
        }
        lower_run = 0;
    }
}

/// Runs the glued-word pass. Returns `None` when nothing changed.
pub(crate) fn split(src: &str, repairs: &mut Vec<Repair>) -> Option<(String, Layer)> {
    let bytes = src.as_bytes();
    let mut points = Vec::new();
    let mut chunk = Chunk::default();
    // Only words with an upper-case letter after a lower-case one matter; find
    // such transitions cheaply on bytes before looking at whole words.
    // Upper-case ASCII letters and non-ASCII lead bytes.
    static UPPERISH: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = (b >= b'A' as usize && b <= b'Z' as usize) || b >= 0xc0;
            b += 1;
        }
        t
    };
    let mut i = 1;
    while i < bytes.len() {
        // Skip 16 bytes at a time while no byte pair is "lower-case or
        // non-ASCII, then upper-case or a non-ASCII lead other than the
        // Latin-1 one".
        while i + 17 <= bytes.len() {
            let w: &[u8; 18] = match bytes[i - 1..i + 17].try_into() {
                Ok(w) => w,
                Err(_) => break,
            };
            let mut any = false;
            for k in 0..16 {
                let (p, b, n) = (w[k], w[k + 1], w[k + 2]);
                let lower = (p.wrapping_sub(b'a') < 26) | (p >= 0x80);
                // ä, ö, ü, ß (C3 9F..C3 BF) after a lower-case letter are no
                // candidates; Ä, Ö, Ü (C3 80..C3 9E) are.
                let upper = (b.wrapping_sub(b'A') < 26) | (b >= 0xc4) | ((b == 0xc3) & (n < 0x9f));
                any |= lower & upper;
            }
            if any {
                break;
            }
            i += 16;
        }
        while i < bytes.len() && !UPPERISH[bytes[i] as usize] {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        // Lower-case Latin-1 letters (ß, ä, ö, ü, …: C3 9F..C3 BF) are the
        // most frequent non-ASCII characters in German; skip them at once.
        if b == 0xc3 && bytes.get(i + 1).is_some_and(|&n| n >= 0x9f) {
            i += 2;
            continue;
        }
        // An upper-case letter (ASCII, or a non-ASCII lead byte) right after
        // a lower-case ASCII letter or a non-ASCII character.
        let p = bytes[i - 1];
        let candidate =
            (b.is_ascii_uppercase() || b >= 0xc0) && (p.is_ascii_lowercase() || p >= 0x80);
        if candidate && src.is_char_boundary(i) {
            let c = src[i..].chars().next().unwrap_or(' ');
            let p = src[..i].chars().next_back().unwrap_or(' ');
            if c.is_uppercase() && p.is_lowercase() {
                let start = src[..i]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, ch)| ch.is_alphabetic())
                    .last()
                    .map_or(i, |(s, _)| s);
                let end = src[i..]
                    .char_indices()
                    .find(|&(_, ch)| !ch.is_alphabetic())
                    .map_or(src.len(), |(e, _)| i + e);
                split_points(src, start, end, &mut chunk, &mut points);
                i = end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    if points.is_empty() {
        return None;
    }
    let mut rw = Rewriter::new(src);
    for p in points {
        if rw.insert(p, " ") {
            repairs.push(Repair::new(RepairKind::GluedWords, Span::new(p, p), " "));
        }
    }
    rw.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut r = Vec::new();
        split(s, &mut r).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn splits_glued_words() {
        assert_eq!(
            run("Nguyen Khac GiangAnalyst am"),
            "Nguyen Khac Giang Analyst am"
        );
        assert_eq!(
            run("wegen WaffentransfersDies würde"),
            "wegen Waffentransfers Dies würde"
        );
        assert_eq!(run("wichtigGiang deutete"), "wichtig Giang deutete");
    }

    #[test]
    fn keeps_real_names() {
        for s in [
            "McDonald",
            "iPhone",
            "DeWaC",
            "YouTube",
            "LehrerInnen",
            "PowerPoint",
            "MacArthur",
            "GmbH",
            "LinkedIn",
            "eBay",
            "@ElonMusk",
            "#BlackLivesMatter",
            "ProSiebenSat.1",
            "https://example.com/FooBar",
            "Präsident",
        ] {
            assert_eq!(run(s), s, "{s}");
        }
    }
}
