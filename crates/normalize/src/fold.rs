//! The folded view used for matching: lower case, diacritics removed,
//! `ß` → `ss`.

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

use crate::align::{push_edit, Alignment, Edit, Layer};
use crate::span::Span;

/// A folded copy of a normalised text, with its alignment.
///
/// Folding maps every character on its own: letters to lower case, Latin
/// letters to their base letter without diacritics (`ä` → `a`, `ô` → `o`,
/// `đ` → `d`), `ß`/`ẞ` → `ss`, `æ` → `ae`, `œ` → `oe`, `ø` → `o`, `ł` → `l`;
/// and every run of white space, line breaks included, becomes one space, so
/// a name broken over two lines ("Vereinigte\nStaaten") still matches.
/// Everything else stays as it is, so word boundaries and punctuation are
/// those of the normalised text.
///
/// ```
/// use wortlaut_normalize::Normalizer;
/// let text = "Präsident Tô Lâm grüßt";
/// let n = Normalizer::new().normalize(text);
/// let f = n.fold();
/// assert_eq!(f.text(), "prasident to lam grusst");
/// // "lam" in the folded view is "Lâm" in the original.
/// let span = f.to_original(wortlaut_normalize::Span::new(13, 16));
/// assert_eq!(&text[span], "Lâm");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folded {
    text: String,
    own: Alignment,
    full: Alignment,
}

impl Folded {
    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Maps a span of the folded text to the normalised text.
    pub fn to_normalized(&self, span: Span) -> Span {
        self.own.to_source(span)
    }

    /// Maps a span of the folded text to the original input.
    pub fn to_original(&self, span: Span) -> Span {
        self.full.to_source(span)
    }

    /// Maps a span of the original input to the folded text.
    pub fn from_original(&self, span: Span) -> Span {
        self.full.to_target(span)
    }
}

/// Folds one character; `None` when it stays as it is.
#[inline]
pub fn fold_char(c: char, buf: &mut String) -> bool {
    buf.clear();
    if c.is_ascii() {
        if c.is_ascii_uppercase() {
            buf.push(c.to_ascii_lowercase());
            return true;
        }
        return false;
    }
    let mut changed = false;
    for l in c.to_lowercase() {
        match l {
            'ß' => buf.push_str("ss"),
            'đ' | 'ð' => buf.push('d'),
            'ø' => buf.push('o'),
            'ł' => buf.push('l'),
            'æ' => buf.push_str("ae"),
            'œ' => buf.push_str("oe"),
            'ı' => buf.push('i'),
            'ħ' => buf.push('h'),
            _ => {
                let mut any = false;
                decompose_canonical(l, |d| {
                    if canonical_combining_class(d) == 0 {
                        buf.push(d);
                    } else {
                        any = true;
                    }
                });
                if !any && buf.is_empty() {
                    buf.push(l);
                }
            }
        }
    }
    if buf.chars().ne(core::iter::once(c)) {
        changed = true;
    }
    changed
}

/// Folds a string the way [`Folded`] folds a text: every character with
/// [`fold_char`], every run of white space (line breaks included) to one
/// space. Use it for the patterns that are matched against a folded view.
///
/// ```
/// assert_eq!(wortlaut_normalize::fold_str("Vereinigte\n  Staaten"), "vereinigte staaten");
/// ```
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut buf = String::new();
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if fold_char(c, &mut buf) {
            out.push_str(&buf);
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn fold(text: &str, base: &Alignment) -> Folded {
    // One pass over the bytes: ASCII is lower-cased in place (same length,
    // no edit), white-space runs become one space, other characters go
    // through `fold_char`; only changes of length are recorded as edits.
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut edits: Vec<Edit> = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, w) = if b < 0x80 {
            (b as char, 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() {
            let start = i;
            let mut j = i + w;
            while let Some(n) = text[j..].chars().next().filter(|n| n.is_whitespace()) {
                j += n.len_utf8();
            }
            let o = out.len();
            out.push(b' ');
            if !(j - start == 1 && bytes[start] < 0x80) {
                push_edit(&mut edits, Span::new(start, j), Span::new(o, o + 1));
            }
            i = j;
            continue;
        }
        if b < 0x80 {
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        if fold_char(c, &mut buf) {
            let o = out.len();
            out.extend_from_slice(buf.as_bytes());
            let single_swap = buf.len() == w && buf.chars().nth(1).is_none();
            if !single_swap {
                push_edit(&mut edits, Span::new(i, i + w), Span::new(o, out.len()));
            }
        } else {
            out.extend_from_slice(&bytes[i..i + w]);
        }
        i += w;
    }
    let dst_len = out.len();
    // Every byte pushed is a whole UTF-8 character.
    let folded = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let mut own = Alignment::default();
    own.push(Layer::from_edits(edits, text.len(), dst_len));
    let full = base.clone().then(&own);
    Folded {
        text: folded,
        own,
        full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_white_space() {
        let f = fold("Vereinigte\n  Staaten ", &Alignment::default());
        assert_eq!(f.text(), "vereinigte staaten ");
        assert_eq!(f.to_normalized(Span::new(0, 18)), Span::new(0, 20));
        assert_eq!(fold_str("Vereinigte\n  Staaten "), f.text());
    }

    #[test]
    fn folds_german_and_vietnamese() {
        let f = fold("Straße ÄÖÜ Đỗ Mười Œuvre", &Alignment::default());
        assert_eq!(f.text(), "strasse aou do muoi oeuvre");
        assert_eq!(f.to_normalized(Span::new(4, 6)), Span::new(4, 6));
        assert_eq!(f.to_normalized(Span::new(5, 6)), Span::new(4, 6));
        assert_eq!(f.to_normalized(Span::new(6, 7)), Span::new(6, 7));
    }
}
