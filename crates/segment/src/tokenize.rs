//! Word tokenisation.

use wortlaut_normalize::Span;

use crate::lexicon::Lexicon;
use crate::{Token, TokenKind};

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        // General punctuation (quotation marks, dashes, spaces): frequent in
        // news and never part of a word; skip the table lookups.
        false
    } else {
        c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
    }
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_roman(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 6
        && word
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
}

/// ASCII letters and digits.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// For each byte of `x` (all below 0x80), 0x80 where `lo <= byte <= hi`.
#[inline(always)]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let ge = ((x | HIGH) - u64::from(lo) * ONES) & HIGH;
    let le = (((u64::from(hi) * ONES) | HIGH) - x) & HIGH;
    ge & le
}

/// The end of the run of word characters starting at `i`: ASCII letters and
/// digits are found eight bytes at a time; a run with non-ASCII bytes is
/// then checked character by character.
#[inline]
fn word_run_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut non_ascii = false;
    loop {
        if i + 8 <= bytes.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i..i + 8]);
            let x = u64::from_le_bytes(w);
            let high = x & HIGH;
            let a = x & !HIGH;
            let y = a | (0x20 * ONES);
            let word = in_range(y, b'a', b'z') | in_range(a, b'0', b'9') | high;
            let stop = !word & HIGH;
            if stop == 0 {
                non_ascii |= high != 0;
                i += 8;
                continue;
            }
            // Bytes before the first stop byte (k < 8) are word bytes.
            let k = (stop.trailing_zeros() / 8) as usize;
            non_ascii |= high & ((1u64 << (8 * k)) - 1) != 0;
            i += k;
            break;
        }
        // Tail: byte by byte.
        match bytes.get(i) {
            Some(&b) if ASCII_WORD[b as usize] => i += 1,
            Some(&b) if b >= 0x80 => {
                non_ascii = true;
                i += 1;
            }
            _ => break,
        }
    }
    if !non_ascii {
        return i;
    }
    // Check the non-ASCII characters of the run; stop at the first that is
    // not a word character.
    let mut j = start;
    while j < i {
        let b = bytes[j];
        if b < 0x80 {
            j += 1;
            continue;
        }
        // Latin-1 letters (ä, ö, ü, ß, é, …) without a table lookup; × and
        // ÷ are not letters.
        if b == 0xc3 && bytes.get(j + 1).is_some_and(|&n| n != 0x97 && n != 0xb7) {
            j += 2;
            continue;
        }
        match char_at(text, j) {
            Some(c) if is_word_char(c) => j += c.len_utf8(),
            _ => return j,
        }
    }
    // The run may end inside a multi-byte character; finish it.
    while j < bytes.len() && !text.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// Scans the word that starts at `start`; returns its end.
fn scan_word(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        // Run of word characters.
        i = word_run_end(text, i);
        // A connector joins when a word character follows it.
        let Some(&b) = bytes.get(i) else { break };
        if !matches!(
            b,
            b'-' | b'&' | b'@' | b'_' | b'+' | b'/' | b'\'' | b',' | b':' | b'.'
        ) {
            break;
        }
        let next = char_at(text, i + 1);
        let prev = text[..i].chars().next_back();
        let joins = match b {
            b'-' | b'&' | b'@' | b'_' | b'+' => next.is_some_and(is_word_char),
            b'/' => next.is_some_and(is_word_char) && prev.is_some_and(char::is_alphanumeric),
            b'\'' => next.is_some_and(char::is_alphabetic) && prev.is_some_and(char::is_alphabetic),
            b',' | b':' => {
                next.is_some_and(|c| c.is_ascii_digit()) && prev.is_some_and(|c| c.is_ascii_digit())
            }
            b'.' => match (prev, next) {
                (Some(p), Some(n)) if p.is_ascii_digit() && n.is_ascii_digit() => true,
                (Some(p), Some(n)) if p.is_alphabetic() && n.is_alphabetic() => {
                    // "z.B.", "e.V.", "ver.di", "ndr.de"; not "Satz.Der".
                    let rest = &text[i + 1..];
                    let seg_len = rest.chars().take_while(|c| c.is_alphabetic()).count();
                    n.is_lowercase() || seg_len == 1
                }
                _ => false,
            },
            _ => false,
        };
        if joins {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The first word after position `i` (skipping spaces), if it is on the
/// same line.
fn next_word(text: &str, i: usize) -> Option<&str> {
    let rest = &text[i..];
    let skip = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let s = i + skip;
    let c = char_at(text, s)?;
    if !is_word_char(c) {
        return None;
    }
    Some(&text[s..scan_word(text, s)])
}

pub(crate) fn tokenize(text: &str, lex: &Lexicon, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            c
        };
        let start = i;
        // URLs.
        if (b == b'h' || b == b'w')
            && (text[i..].starts_with("http://")
                || text[i..].starts_with("https://")
                || text[i..].starts_with("www."))
        {
            let mut end = text[i..]
                .find(char::is_whitespace)
                .map_or(text.len(), |p| i + p);
            while end > i {
                let last = text[..end].chars().next_back().unwrap_or(' ');
                if matches!(
                    last,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | '“' | '‘' | '"' | '\''
                ) {
                    end -= last.len_utf8();
                } else {
                    break;
                }
            }
            if end > i {
                out.push(Token {
                    span: Span::new(start, end),
                    kind: TokenKind::Url,
                });
                i = end;
                continue;
            }
        }
        let leading_hyphen = c == '-'
            && char_at(text, i + 1).is_some_and(char::is_alphabetic)
            && (i == 0
                || text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_whitespace() || p == '(' || p == '/'));
        if is_word_char(c) || leading_hyphen {
            let mut end = scan_word(text, if leading_hyphen { i + 1 } else { i });
            let word = &text[start..end];
            let mut kind = if word.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            match bytes.get(end) {
                Some(b'.') => {
                    let after = end + 1;
                    let next = next_word(text, after);
                    if is_abbreviation(word, next, lex) {
                        end = after;
                        kind = TokenKind::Abbreviation;
                    } else if is_ordinal(word, next, prev_word(out, text, lex), lex) {
                        end = after;
                        kind = TokenKind::Ordinal;
                    }
                }
                Some(b'-') => {
                    // Truncated compound: "Luft- und Raumfahrt", "Öl-, Gas-".
                    let after = char_at(text, end + 1);
                    if after.is_none_or(|a| a.is_whitespace() || a == ',' || a == '/') {
                        end += 1;
                    }
                }
                _ => {}
            }
            out.push(Token {
                span: Span::new(start, end),
                kind,
            });
            i = end;
            continue;
        }
        // Punctuation: runs of the same mark are one token ("...", "''").
        let w = c.len_utf8();
        let mut end = i + w;
        if matches!(c, '.' | '!' | '?' | '\'' | '-' | '*' | '=') {
            while char_at(text, end) == Some(c) {
                end += w;
            }
        }
        let kind = match c {
            '„' | '“' | '‚' | '‘' | '"' | '«' | '»' | '”' | '’' | '‹' | '›' => {
                TokenKind::Quote
            }
            _ => TokenKind::Punct,
        };
        out.push(Token {
            span: Span::new(start, end),
            kind,
        });
        i = end;
    }
}

fn is_abbreviation(word: &str, next: Option<&str>, lex: &Lexicon) -> bool {
    if lex.abbreviations.contains(word) {
        return true;
    }
    if lex.numeric_abbreviations.contains(word)
        && next.is_some_and(|n| n.as_bytes()[0].is_ascii_digit())
    {
        return true;
    }
    let mut chars = word.chars();
    let first = chars.next();
    let single = first.is_some() && chars.next().is_none();
    if single && first.is_some_and(char::is_alphabetic) {
        // Initials ("George W. Bush") and "z. B.", "u. a.".
        return true;
    }
    // "z.B", "u.a", "e.V", "i.d.R": dotted forms of one- or two-letter parts
    // (not "ndr.de" or "ver.di").
    word.contains('.')
        && word
            .split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

/// The text of the last token, if it is a word, and whether it links two
/// ordinals (`segment/ordinal-links` after an ordinal: "zwischen dem 50.
/// und 70.").
fn prev_word<'t>(out: &[Token], text: &'t str, lex: &Lexicon) -> Option<(&'t str, bool)> {
    // Look through an opening quotation mark: beim „2. Deutschen …
    let out = match out.last() {
        Some(t) if t.kind == TokenKind::Quote => &out[..out.len() - 1],
        _ => out,
    };
    let last = out.last()?;
    if last.kind != TokenKind::Word {
        return None;
    }
    let w = &text[last.span.start..last.span.end];
    let link = out.len() >= 2
        && out[out.len() - 2].kind == TokenKind::Ordinal
        && lex.ordinal_links.contains(w);
    Some((w, link))
}

fn is_ordinal(word: &str, next: Option<&str>, prev: Option<(&str, bool)>, lex: &Lexicon) -> bool {
    let digits = word.bytes().all(|b| b.is_ascii_digit()) && word.len() <= 3;
    let roman = is_roman(word);
    if !(digits || roman) {
        return false;
    }
    // Ordinals are followed by a word on the same line.
    let Some(n) = next else {
        // A quote or a bracket after "NUMBER." usually ends the sentence.
        return false;
    };
    // A word that starts a new clause after "NUMBER." means the full stop
    // ended the sentence ("... feierte den 60. Der Franzose ...").
    let bare = n.trim_end_matches('.');
    if lex.clause_starters.contains(bare) && !lex.ordinal_context.contains(bare) {
        return false;
    }
    if prev.is_some_and(|(p, link)| link || lex.ordinal_before.contains(p)) {
        return true;
    }
    // Regnal numbers: "Benedikt XVI.", "Rama IX.".
    if roman
        && word.len() > 1
        && prev.is_some_and(|(p, _)| p.chars().next().is_some_and(char::is_uppercase))
    {
        return true;
    }
    let first = n.chars().next().unwrap_or(' ');
    if first.is_lowercase() || first.is_ascii_digit() {
        return true;
    }
    lex.ordinal_context.contains(bare)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition that `word_run_end` speeds up.
    fn naive_run_end(text: &str, start: usize) -> usize {
        text[start..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(k, _)| start + k)
    }

    proptest! {
        #[test]
        fn word_run_end_matches_definition(
            parts in prop::collection::vec(
                prop::sample::select(vec!["a", "Z", "0", "9", "ä", "ß", "×", "–", "„", " ", ".", "-", "@", "[", "`", "{", "/", ":", "é", "\u{301}", "Ω", "中", "😀", "\u{a0}"]),
                0..40,
            )
        ) {
            let text = parts.concat();
            for (i, _) in text.char_indices() {
                prop_assert_eq!(word_run_end(&text, i), naive_run_end(&text, i), "{:?} at {}", text, i);
            }
        }
    }
}
