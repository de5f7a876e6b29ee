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
use crate::span::Span;

/// Lines with fewer words are never flagged as repeated.
const MIN_REPEATED_WORDS: usize = 4;
/// A cut-off copy is looked for among this many first non-empty lines.
const HEAD_LINES: usize = 5;

fn navigation_prefixes() -> &'static [&'static str] {
    static P: OnceLock<Vec<&'static str>> = OnceLock::new();
    P.get_or_init(|| crate::data_lines(include_str!("../data/navigation.txt")).collect())
}

fn is_navigation(line: &str) -> bool {
    navigation_prefixes().iter().any(|p| {
        line.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

fn is_tag_line(line: &str) -> bool {
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

fn word_key(line: &str) -> (String, usize) {
    let mut key = String::with_capacity(line.len());
    let mut words = 0;
    for w in line.split_whitespace() {
        if words > 0 {
            key.push(' ');
        }
        key.push_str(w);
        words += 1;
    }
    (key, words)
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
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut head: Vec<String> = Vec::new();
    let mut start = 0;
    while start <= src.len() {
        let end = src[start..].find('\n').map_or(src.len(), |p| start + p);
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
            } else {
                let (key, words) = word_key(line);
                let repeated = words >= MIN_REPEATED_WORDS
                    && (seen.contains_key(&key)
                        || head.iter().any(|h| {
                            h.len() > key.len()
                                && h.starts_with(key.as_str())
                                && h.as_bytes()[key.len()] == b' '
                        }));
                if repeated {
                    if remove_repeated {
                        if let Some(cut) = remove_line(&mut rw, src, start, end) {
                            repairs.push(Repair::new(RepairKind::RepeatedLine, cut, ""));
                        }
                    } else {
                        repairs.push(Repair::flag(RepairKind::RepeatedLine, span));
                    }
                }
                if words >= MIN_REPEATED_WORDS {
                    if head.len() < HEAD_LINES {
                        head.push(key.clone());
                    }
                    seen.entry(key).or_insert(start);
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
