//! The character pass: line endings, controls, invisible characters, exotic
//! spaces, dashes, apostrophes and quotation marks by role.
//!
//! Quotation marks are canonicalised by the role they play, decided from the
//! characters around them (a mark after a space and before a word opens, one
//! after a word and before a space or punctuation closes) and, where that does
//! not decide, from the quotes still open on the line. (The state does not
//! cross line breaks, so removing a boilerplate line later cannot change a
//! decision: normalising twice changes nothing.) Canonical marks are
//! the German ones: double `„…“`, single `‚…‘`; the apostrophe is ASCII `'`.

use crate::align::{Layer, Rewriter};
use crate::repair::{Repair, RepairKind};
use wortlaut_text::Span;

/// Canonical opening double quotation mark.
pub const OPEN_DOUBLE: char = '\u{201E}';
/// Canonical closing double quotation mark.
pub const CLOSE_DOUBLE: char = '\u{201C}';
/// Canonical opening single quotation mark.
pub const OPEN_SINGLE: char = '\u{201A}';
/// Canonical closing single quotation mark.
pub const CLOSE_SINGLE: char = '\u{2018}';

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    Double = 0,
    Single = 1,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open(Family),
    Close(Family),
    Apostrophe,
    /// Left as it is (a low mark used as a comma, a backtick not between
    /// letters).
    Keep,
}

/// What the pass does with one character outside quotation marks.
enum Action {
    Keep,
    Replace(&'static str, RepairKind),
    Quote(Family),
    /// `´`, `` ` `` or `ʼ`: an apostrophe between letters, otherwise kept.
    Accent,
}

#[inline]
fn action(c: char) -> Action {
    use Action::*;
    use RepairKind as K;
    match c {
        '\t' => Replace(" ", K::Space),
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' => {
            Replace("", K::Control)
        }
        '\u{85}' | '\u{2028}' => Replace("\n", K::LineEnding),
        '\u{2029}' => Replace("\n\n", K::LineEnding),
        '\u{80}'..='\u{9f}' => Replace("", K::Control),
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            Replace(" ", K::Space)
        }
        '\u{ad}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}' => Replace("", K::Invisible),
        '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => Replace("-", K::Dash),
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2e3a}' | '\u{2e3b}'
        | '\u{fe58}' => Replace("\u{2013}", K::Dash),
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}'
        | '\u{ff02}' => Quote(Family::Double),
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2039}' | '\u{203a}' => {
            Quote(Family::Single)
        }
        '`' | '\u{b4}' | '\u{2bc}' => Accent,
        _ => Keep,
    }
}

/// Characters this pass deletes; quote decisions look through them.
#[inline]
fn is_deleted(c: char) -> bool {
    matches!(action(c), Action::Replace("", _))
}

/// A letter, or a combining mark (which composition may merge into the
/// letter before it, so it must count the same).
#[inline]
fn letterish(c: char) -> bool {
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
}

#[inline]
fn alnumish(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

#[inline]
fn is_ws(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

#[inline]
fn is_quote_char(c: char) -> bool {
    matches!(action(c), Action::Quote(_))
}

#[inline]
fn opens_context(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '<' | '/' | '-' | '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2012}'
    )
}

#[inline]
fn closes_context(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '>'
            | '/'
            | '-'
            | '\u{2026}'
            | '\u{2013}'
            | '\u{2014}'
    ) || is_quote_char(c)
}

/// The character `c` becomes in this pass, where that does not depend on
/// context (a no-break space is a space, a horizontal bar a dash), so that
/// quote decisions see what the second pass will see.
#[inline]
fn canonical(c: char) -> char {
    match action(c) {
        Action::Replace(with, _) => with.chars().next().unwrap_or(c),
        _ => c,
    }
}

/// The character before `i`, looking through deleted ones, as this pass
/// writes it, with the position where it ends.
fn prev_char(src: &str, i: usize) -> Option<(char, usize)> {
    let mut end = i;
    for c in src[..i].chars().rev() {
        if !is_deleted(c) {
            return Some((canonical(c), end));
        }
        end -= c.len_utf8();
    }
    None
}

/// The character at or after `i`, looking through deleted ones, as this
/// pass writes it.
fn next_char(src: &str, i: usize) -> Option<char> {
    src[i..].chars().find(|&c| !is_deleted(c)).map(canonical)
}

struct State {
    pending: [u32; 2],
    /// End (source byte) and role of the last quotation mark.
    last_quote: Option<(usize, Role)>,
}

impl State {
    fn classify(&mut self, src: &str, i: usize, c: char, fam: Family) -> Role {
        let prev = prev_char(src, i);
        let next = next_char(src, i + c.len_utf8());
        let prev_c = prev.map(|(p, _)| p);
        let prev_is_opener = match (prev, self.last_quote) {
            (Some((_, pend)), Some((qend, Role::Open(_)))) => pend == qend,
            _ => false,
        };
        let letter_before = prev_c.is_some_and(letterish);
        let letter_after = next.is_some_and(letterish);
        if fam == Family::Single && letter_before && letter_after {
            return Role::Apostrophe;
        }
        let low = matches!(c, '\u{201e}' | '\u{201a}');
        if low {
            // A low mark after a word and before a space stands for a comma.
            if !is_ws(prev_c) && !prev_is_opener && is_ws(next) {
                return Role::Keep;
            }
            return Role::Open(fam);
        }
        let left =
            !is_ws(next) && (is_ws(prev_c) || prev_is_opener || prev_c.is_some_and(opens_context));
        let right =
            !is_ws(prev_c) && !prev_is_opener && (is_ws(next) || next.is_some_and(closes_context));
        let pending = self.pending[fam as usize];
        let apostrophe_like = matches!(c, '\'' | '\u{2019}');
        match (left, right) {
            (true, false) => Role::Open(fam),
            (false, true) => {
                if apostrophe_like && letter_before && pending == 0 {
                    Role::Apostrophe
                } else {
                    Role::Close(fam)
                }
            }
            _ => {
                if pending > 0 {
                    Role::Close(fam)
                } else if apostrophe_like && letter_before {
                    Role::Apostrophe
                } else {
                    Role::Open(fam)
                }
            }
        }
    }
}

/// Runs the character pass over `src`. Returns `None` when nothing changed.
pub(crate) fn canonicalize(src: &str, repairs: &mut Vec<Repair>) -> Option<(String, Layer)> {
    let bytes = src.as_bytes();
    let mut rw = Rewriter::new(src);
    let mut st = State {
        pending: [0, 0],
        last_quote: None,
    };
    let mut i = 0;
    while i < bytes.len() {
        // Bytes at which the pass must look: ASCII controls, quotes and the
        // backtick, and the lead bytes of the ranges that hold characters it
        // changes (U+0080..U+00BF, U+02BC, U+1680/U+180E, U+2000..U+3000,
        // U+FE58..U+FF0D). Everything else is copied as it is.
        i = crate::find_byte(bytes, i, |b| {
            (b < 0x20)
                | (b == b'"')
                | (b == b'\'')
                | (b == b'`')
                | (b == 0x7f)
                | (b == 0xc2)
                | (b == 0xca)
                | (b.wrapping_sub(0xe1) < 3)
                | (b == 0xef)
        });
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if b < 0x80 {
            match b {
                b'\n' => {
                    st.pending = [0, 0];
                    i += 1;
                    continue;
                }
                b'\r' => {
                    let end = if bytes.get(i + 1) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + 1
                    };
                    if rw.replace(i, end, "\n") {
                        repairs.push(Repair::new(RepairKind::LineEnding, Span::new(i, end), "\n"));
                    }
                    st.pending = [0, 0];
                    i = end;
                    continue;
                }
                b'"' | b'\'' | b'`' | b'\t' | 0..=0x1f | 0x7f => {}
                _ => {
                    i += 1;
                    continue;
                }
            }
        }
        let Some(c) = src[i..].chars().next() else {
            break;
        };
        let w = c.len_utf8();
        match action(c) {
            Action::Keep => {}
            Action::Replace(with, kind) => {
                if rw.replace(i, i + w, with) {
                    repairs.push(Repair::new(kind, Span::new(i, i + w), with));
                }
                if with.contains('\n') {
                    st.pending = [0, 0];
                }
            }
            Action::Accent => {
                let prev = prev_char(src, i).map(|(p, _)| p);
                let next = next_char(src, i + w);
                if prev.is_some_and(letterish)
                    && next.is_some_and(letterish)
                    && rw.replace(i, i + w, "'")
                {
                    repairs.push(Repair::new(
                        RepairKind::Apostrophe,
                        Span::new(i, i + w),
                        "'",
                    ));
                }
            }
            Action::Quote(fam) => {
                let role = st.classify(src, i, c, fam);
                let (canon, kind) = match role {
                    Role::Open(Family::Double) => ("\u{201e}", RepairKind::Quote),
                    Role::Close(Family::Double) => ("\u{201c}", RepairKind::Quote),
                    Role::Open(Family::Single) => ("\u{201a}", RepairKind::Quote),
                    Role::Close(Family::Single) => ("\u{2018}", RepairKind::Quote),
                    Role::Apostrophe => ("'", RepairKind::Apostrophe),
                    Role::Keep => ("", RepairKind::Quote),
                };
                if let Role::Open(Family::Double) = role {
                    if prev_char(src, i).is_some_and(|(p, _)| alnumish(p)) && rw.insert(i, " ") {
                        repairs.push(Repair::new(RepairKind::MissingSpace, Span::new(i, i), " "));
                    }
                }
                if role != Role::Keep && rw.replace(i, i + w, canon) {
                    repairs.push(Repair::new(kind, Span::new(i, i + w), canon));
                }
                match role {
                    Role::Open(f) => {
                        st.pending[f as usize] = st.pending[f as usize].saturating_add(1)
                    }
                    Role::Close(f) => {
                        st.pending[f as usize] = st.pending[f as usize].saturating_sub(1);
                        if next_char(src, i + w).is_some_and(letterish) && rw.insert(i + w, " ") {
                            repairs.push(Repair::new(
                                RepairKind::MissingSpace,
                                Span::new(i + w, i + w),
                                " ",
                            ));
                        }
                    }
                    _ => {}
                }
                st.last_quote = Some((i + w, role));
            }
        }
        i += w;
    }
    rw.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        let mut r = Vec::new();
        canonicalize(s, &mut r).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn german_quotes_stay() {
        assert_eq!(canon("Er sagte: „Ja.“ Dann"), "Er sagte: „Ja.“ Dann");
        assert_eq!(canon("„Er sagte ‚nein‘.“"), "„Er sagte ‚nein‘.“");
    }

    #[test]
    fn english_and_ascii_quotes_by_role() {
        assert_eq!(canon("He said “yes” today"), "He said „yes“ today");
        assert_eq!(canon("Er sagte \"ja\", dann"), "Er sagte „ja“, dann");
        assert_eq!(canon("»Hallo«, sagte er"), "„Hallo“, sagte er");
        assert_eq!(canon("«Grüezi», sagte er"), "„Grüezi“, sagte er");
        assert_eq!(canon("'Wort' hier"), "‚Wort‘ hier");
    }

    #[test]
    fn apostrophes() {
        assert_eq!(canon("Nord Korea\u{201a}S Kim"), "Nord Korea'S Kim");
        assert_eq!(canon("don’t"), "don't");
        assert_eq!(canon("Grass’ Roman"), "Grass' Roman");
        assert_eq!(canon("Hamburg´s"), "Hamburg's");
    }

    #[test]
    fn missing_spaces() {
        assert_eq!(
            canon("„Isolation brechen“sagte Giang"),
            "„Isolation brechen“ sagte Giang"
        );
        assert_eq!(canon("hätten„Eine Idee“ im"), "hätten „Eine Idee“ im");
    }

    #[test]
    fn spaces_dashes_controls() {
        assert_eq!(
            canon("a\u{a0}b\u{ad}c\u{200b}d\u{2014}e\r\nf\u{7}g\th"),
            "a bcd\u{2013}e\nfg h"
        );
    }
}
