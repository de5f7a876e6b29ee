//! Line-level clean-up of web boilerplate.
//!
//! Navigation lines ("PREV …", "NEXT …"), lone tag or slug lines
//! ("toi-allgemeines") and lines of only dashes or bullets are removed with
//! their line break, so blank lines — paragraph breaks — stay exactly where
//! they were. Lines that repeat an
//! earlier line — repeated headlines, doubled photo captions — and cut-off
//! copies of one of the first lines are flagged as [`RepairKind::RepeatedLine`];
//! they are removed only when the normaliser is told to, because the text in
//! them is still text of the page.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::align::{Layer, Rewriter};
use crate::repair::{Repair, RepairKind};
use wortlaut_text::Span;

/// Lines with fewer words are never flagged as repeated.
const MIN_REPEATED_WORDS: usize = 4;
/// A cut-off copy is looked for among this many first non-empty lines.
const HEAD_LINES: usize = 5;
/// Only lines up to this many bytes are compared: headlines, captions and
/// credit lines are short, and hashing every long paragraph would cost more
/// than the rest of the line pass.
const MAX_REPEATED_BYTES: usize = 600;

fn navigation_prefixes() -> &'static [&'static str] {
    static P: OnceLock<Vec<&'static str>> = OnceLock::new();
    P.get_or_init(|| crate::profile_words("normalize/navigation").collect())
}

fn is_navigation(line: &str) -> bool {
    // Most lines start with a byte no prefix starts with.
    let first = line.as_bytes().first().copied();
    navigation_prefixes().iter().any(|p| {
        p.as_bytes().first().copied() == first
            && line
                .strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

fn is_tag_line(line: &str) -> bool {
    if line.len() > 240 || line.contains(' ') {
        return false;
    }
    let n = line.chars().count();
    (3..=60).contains(&n)
        && line.contains(['-', '_'])
        && !line.starts_with(['-', '_'])
        && !line.ends_with(['-', '_'])
        && line
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && line.chars().any(char::is_lowercase)
}

fn is_separator_line(line: &str) -> bool {
    !line.is_empty()
        && line.chars().all(|c| {
            matches!(
                c,
                '-' | '\u{2013}'
                    | '\u{2014}'
                    | '_'
                    | '*'
                    | '='
                    | '~'
                    | '\u{2022}'
                    | '\u{b7}'
                    | '|'
                    | '+'
                    | '#'
                    | ' '
            )
        })
}

/// A hash of the line's bytes (8 at a time) and whether it has at least
/// [`MIN_REPEATED_WORDS`] words. Repeats are copies from the same page, so
/// the bytes are compared as they are.
fn line_hash(line: &str) -> (u64, bool) {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = line.as_bytes();
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    let enough_words = memchr::memchr_iter(b' ', bytes)
        .nth(MIN_REPEATED_WORDS - 2)
        .is_some();
    (h, enough_words)
}

/// Whether two lines have the same words.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Whether the words of `short` are the first words of `long`, and `long`
/// has more.
fn word_prefix(short: &str, long: &str) -> bool {
    if short.as_bytes().first() != long.as_bytes().first() {
        return false;
    }
    let mut l = long.split_whitespace();
    short.split_whitespace().all(|w| l.next() == Some(w)) && l.next().is_some()
}

#[inline]
fn memchr_newline(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'\n', &bytes[from..]).map(|p| from + p)
}

/// Removes the line `start..end` with its line break (the one after it, or
/// for the last line the one before it, unless that one is gone already).
fn remove_line(rw: &mut Rewriter<'_>, src: &str, start: usize, end: usize) -> Option<Span> {
    let candidates = [
        (end < src.len()).then(|| Span::new(start, end + 1)),
        (start > 0).then(|| Span::new(start - 1, end)),
        Some(Span::new(start, end)),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|cut| rw.replace(cut.start, cut.end, ""))
}

/// Runs the line pass. Returns `None` when the text is unchanged (flagged
/// repeated lines are reported in `repairs` either way).
pub(crate) fn clean(
    src: &str,
    remove_repeated: bool,
    repairs: &mut Vec<Repair>,
) -> Option<(String, Layer)> {
    let mut rw = Rewriter::new(src);
    // Lines of four or more words seen so far, by the hash of their words
    // (collisions are checked against the text), and the first few of them.
    let mut seen: HashMap<u64, Vec<Span>> = HashMap::new();
    let mut head: Vec<Span> = Vec::new();
    let mut start = 0;
    while start <= src.len() {
        let end = memchr_newline(src.as_bytes(), start).unwrap_or(src.len());
        let raw = &src[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        let span = Span::new(start + lead, start + lead + line.len());
        if !line.is_empty() {
            let removal = if is_navigation(line) {
                Some(RepairKind::NavigationLine)
            } else if is_separator_line(line) {
                Some(RepairKind::SeparatorLine)
            } else if is_tag_line(line) {
                Some(RepairKind::TagLine)
            } else {
                None
            };
            if let Some(kind) = removal {
                if let Some(cut) = remove_line(&mut rw, src, start, end) {
                    repairs.push(Repair::new(kind, cut, ""));
                }
            } else if line.len() <= MAX_REPEATED_BYTES {
                let (hash, long_enough) = line_hash(line);
                if long_enough {
                    let repeated = seen
                        .get(&hash)
                        .is_some_and(|v| v.iter().any(|s| same_words(&src[*s], line)))
                        || head.iter().any(|h| word_prefix(line, &src[*h]));
                    if repeated {
                        if remove_repeated {
                            if let Some(cut) = remove_line(&mut rw, src, start, end) {
                                repairs.push(Repair::new(RepairKind::RepeatedLine, cut, ""));
                            }
                        } else {
                            repairs.push(Repair::flag(RepairKind::RepeatedLine, span));
                        }
                    }
                    if head.len() < HEAD_LINES {
                        head.push(span);
                    }
                    // A bucket holds a few distinct lines; more would only be
                    // hash collisions, which must not make the pass quadratic.
                    let bucket = seen.entry(hash).or_default();
                    if bucket.len() < 8 {
                        bucket.push(span);
                    }
                }
            }
        }
        start = end + 1;
    }
    rw.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_navigation_tags_and_separators() {
        let src = "Titel der Meldung hier\n-\nText.\nPREV Pelés Mutter stirbt\nNEXT Die NASA\ntoi-allgemeines";
        let mut r = Vec::new();
        let (t, _) = clean(src, false, &mut r).unwrap();
        assert_eq!(t, "Titel der Meldung hier\nText.\n");
        let kinds: Vec<_> = r.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                RepairKind::SeparatorLine,
                RepairKind::NavigationLine,
                RepairKind::NavigationLine,
                RepairKind::TagLine
            ]
        );
    }

    #[test]
    fn flags_repeated_and_cut_off_lines() {
        let src = "Putin in Hanoi nach der Unterzeichnung mit Nordkorea\n\nPutin in Hanoi nach der Unterzeichnung mit\nText hier.\nPutin in Hanoi nach der Unterzeichnung mit Nordkorea";
        let mut r = Vec::new();
        assert!(clean(src, false, &mut r).is_none());
        assert_eq!(r.len(), 2);
        assert!(r
            .iter()
            .all(|r| r.kind == RepairKind::RepeatedLine && r.replacement.is_none()));
        let mut r = Vec::new();
        let (t, _) = clean(src, true, &mut r).unwrap();
        assert_eq!(
            t,
            "Putin in Hanoi nach der Unterzeichnung mit Nordkorea\n\nText hier."
        );
    }

    #[test]
    fn keeps_short_repeats_and_bullets() {
        let src = "Analyse\n- Ein Punkt mit Inhalt hier\nAnalyse\nNEXTGEN ist ein Wort";
        let mut r = Vec::new();
        assert!(clean(src, false, &mut r).is_none());
        assert!(r.is_empty());
    }
}
