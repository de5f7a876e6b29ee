//! The folded view used for matching: lower case, diacritics removed,
//! `ß` → `ss`.

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

use crate::align::{push_edit, Alignment, Edit, Layer, SourceMapper};
use wortlaut_text::{Fold, Norm, Orig, Span};

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
/// assert_eq!(span.slice(text), "Lâm");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folded {
    text: String,
    own: Alignment<Norm, Fold>,
    full: Alignment<Orig, Fold>,
}

impl Folded {
    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Maps a span of the folded text to the normalised text.
    pub fn to_normalized(&self, span: Span<Fold>) -> Span<Norm> {
        self.own.to_source(span)
    }

    /// Maps a span of the folded text to the original input.
    pub fn to_original(&self, span: Span<Fold>) -> Span<Orig> {
        self.full.to_source(span)
    }

    /// A mapper to the normalised text for many spans of the folded text
    /// given in text order (see [`Alignment::source_mapper`]); the results
    /// are those of [`Folded::to_normalized`].
    ///
    /// ```
    /// use wortlaut_normalize::{Normalizer, Span};
    /// let n = Normalizer::new().normalize("Grüße aus Köln");
    /// let f = n.fold();
    /// let mut m = f.normalized_mapper();
    /// for s in [Span::new(0, 6), Span::new(7, 10), Span::new(11, 15)] {
    ///     assert_eq!(m.to_source(s), f.to_normalized(s));
    /// }
    /// ```
    pub fn normalized_mapper(&self) -> SourceMapper<'_, Norm, Fold> {
        self.own.source_mapper()
    }

    /// A mapper to the original input for many spans of the folded text
    /// given in text order; the results are those of
    /// [`Folded::to_original`].
    pub fn original_mapper(&self) -> SourceMapper<'_, Orig, Fold> {
        self.full.source_mapper()
    }

    /// Maps a span of the original input to the folded text.
    pub fn from_original(&self, span: Span<Orig>) -> Span<Fold> {
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
    fold_str_into(text, &mut out);
    out
}

/// [`fold_str`] into a buffer (cleared first), for folding many strings
/// without an allocation each.
///
/// ```
/// let mut buf = String::new();
/// wortlaut_normalize::fold_str_into("Grüße", &mut buf);
/// assert_eq!(buf, "grusse");
/// ```
pub fn fold_str_into(text: &str, out: &mut String) {
    out.clear();
    let mut buf = String::new();
    let table = fold_table();
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
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some((changed, f)) = table_fold(table, c) {
            if *changed {
                out.push_str(f);
            } else {
                out.push(c);
            }
        } else if fold_char(c, &mut buf) {
            out.push_str(&buf);
        } else {
            out.push(c);
        }
    }
}

/// Whether an ASCII byte is white space (`char::is_whitespace`).
#[inline]
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The bytes of a 16-byte window (little endian) that need the careful
/// path, as their high bits, among the first 15: non-ASCII bytes, white
/// space other than a space, and a space before white space or a
/// non-ASCII byte (the 16th byte only serves as the next one of the 15th).
#[inline]
fn special(x: u128) -> u128 {
    const fn rep(b: u8) -> u128 {
        u128::from_le_bytes([b; 16])
    }
    const HI: u128 = rep(0x80);
    let y = x & !HI;
    let hi = x & HI;
    // 0x09..=0x0D among ASCII bytes.
    let ctrl = (y + rep(0x77)) & !(y + rep(0x72)) & !x & HI;
    // Spaces among ASCII bytes.
    let space = !((y ^ rep(0x20)) + rep(0x7f)) & !x & HI;
    let next_white_or_hi = (space | ctrl | hi) >> 8;
    (hi | ctrl | (space & next_white_or_hi)) & ((1u128 << 120) - 1)
}

/// Characters whose [`fold_char`] result is kept in a table: the Latin
/// letters of U+00C0..U+024F (German, French, Polish, Vietnamese base
/// letters) and General Punctuation (dashes, quotation marks).
const TABLE_RANGES: [(u32, u32); 2] = [(0xC0, 0x250), (0x2000, 0x2070)];

/// [`fold_char`] of the characters in [`TABLE_RANGES`], computed once with
/// [`fold_char`] itself: `(changed, folded)`.
fn fold_table() -> &'static [Vec<(bool, String)>; 2] {
    static T: std::sync::OnceLock<[Vec<(bool, String)>; 2]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut buf = String::new();
        TABLE_RANGES.map(|(lo, hi)| {
            (lo..hi)
                .map(|u| {
                    let c = char::from_u32(u).unwrap_or(' ');
                    let changed = fold_char(c, &mut buf);
                    (changed, buf.clone())
                })
                .collect()
        })
    })
}

/// [`fold_char`] from the table, for the characters it covers.
#[inline]
fn table_fold(
    table: &'static [Vec<(bool, String)>; 2],
    c: char,
) -> Option<&'static (bool, String)> {
    let u = c as u32;
    let k = if u < TABLE_RANGES[0].1 {
        0
    } else if (TABLE_RANGES[1].0..TABLE_RANGES[1].1).contains(&u) {
        1
    } else {
        return None;
    };
    table[k].get(u.checked_sub(TABLE_RANGES[k].0)? as usize)
}

pub(crate) fn fold(text: &str, base: &Alignment<Orig, Norm>) -> Folded {
    // One pass over the bytes: ASCII is lower-cased in place (same length,
    // no edit), white-space runs become one space, other characters go
    // through `fold_char`; only changes of length are recorded as edits.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut edits: Vec<Edit> = Vec::new();
    let mut buf = String::new();
    let table = fold_table();
    let n = bytes.len();
    let mut i = 0;
    // Start of the pending run of plain bytes: ASCII, white space only a
    // single space before a plain byte. Plain bytes are copied (lower-cased)
    // in bulk, with no edit.
    let mut run = 0;
    loop {
        if i + 16 <= n {
            let mut w = [0u8; 16];
            w.copy_from_slice(&bytes[i..i + 16]);
            let m = special(u128::from_le_bytes(w));
            if m == 0 {
                i += 15;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        } else if i < n {
            let b = bytes[i];
            let plain = if b == b' ' {
                bytes
                    .get(i + 1)
                    .is_none_or(|&n| n < 0x80 && !ascii_space(n))
            } else {
                b < 0x80 && !ascii_space(b)
            };
            if plain {
                i += 1;
                continue;
            }
        }
        if i > run {
            let o = out.len();
            out.push_str(&text[run..i]);
            out[o..].make_ascii_lowercase();
        }
        if i >= n {
            break;
        }
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
            out.push(' ');
            if !(j - start == 1 && bytes[start] < 0x80) {
                push_edit(&mut edits, Span::new(start, j), Span::new(o, o + 1));
            }
            i = j;
            run = i;
            continue;
        }
        if b < 0x80 {
            out.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            run = i;
            continue;
        }
        let (changed, folded) = match table_fold(table, c) {
            Some((changed, f)) => (*changed, f.as_str()),
            None => (fold_char(c, &mut buf), buf.as_str()),
        };
        if changed {
            let o = out.len();
            out.push_str(folded);
            let single_swap = folded.len() == w && folded.chars().nth(1).is_none();
            if !single_swap {
                push_edit(&mut edits, Span::new(i, i + w), Span::new(o, out.len()));
            }
        } else {
            out.push_str(&text[i..i + w]);
        }
        i += w;
        run = i;
    }
    let dst_len = out.len();
    let folded = out;
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
    use proptest::prelude::*;

    /// The char-by-char implementation that [`fold`] replaced.
    fn fold_reference(text: &str, base: &Alignment) -> Folded {
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

    proptest! {
        #[test]
        fn fold_agrees_with_the_char_by_char_reference(
            t in "[a-zA-Z0-9 .,\t\n\r\u{b}\u{c}\u{a0}\u{2003}\u{85}äöüÄÖÜßẞéŒ\u{301}-]{0,80}",
            u in "\\PC{0,40}",
        ) {
            for text in [&t, &u] {
                let base = Alignment::default();
                let reference = fold_reference(text, &base);
                prop_assert_eq!(fold_str(text), reference.text());
                prop_assert_eq!(fold(text, &base), reference);
            }
        }
    }

    #[test]
    fn fold_table_agrees_with_fold_char() {
        let mut buf = String::new();
        for u in 0..0x3000 {
            let Some(c) = char::from_u32(u) else { continue };
            let changed = fold_char(c, &mut buf);
            if let Some((t_changed, t)) = table_fold(fold_table(), c) {
                assert_eq!(changed, *t_changed, "{c}");
                assert_eq!(&buf, t, "{c}");
            } else {
                assert!(!(0xC0..0x250).contains(&u) && !(0x2000..0x2070).contains(&u));
            }
        }
    }

    #[test]
    fn fast_path_agrees_with_char_by_char_folding() {
        for t in [
            "A  b\n\nC\tD \u{a0}E\r\nF ",
            " x",
            "x \u{2003}y",
            "Ä\n",
            "\n\n",
            "a\u{85}b",
            "Grüße aus Köln, ÉCOLE  Œuvre\t\tDone",
            "A long ASCII sentence, with SPACES and punctuation; then  two spaces.",
            "Sixteen bytes!! \nand then a line break after exactly fifteen bytes ",
            "0123456789abcde \u{a0}x 0123456789abcdef  0123456789abcdefg\t",
            "Ein ganz normaler deutscher Satz über Straßen, Äpfel und Öl.\n\nZweiter Absatz.",
        ] {
            let f = fold(t, &Alignment::default());
            assert_eq!(f.text(), fold_str(t), "{t:?}");
            // Same result as folding every character on its own.
            let mut slow = String::new();
            let mut buf = String::new();
            let mut space = false;
            for c in t.chars() {
                if c.is_whitespace() {
                    if !space {
                        slow.push(' ');
                    }
                    space = true;
                    continue;
                }
                space = false;
                if fold_char(c, &mut buf) {
                    slow.push_str(&buf);
                } else {
                    slow.push(c);
                }
            }
            assert_eq!(f.text(), slow);
        }
    }

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
