//! Searching: the search haystack (the folded text with every character
//! that is not a letter or digit marked) and the trie walk from every word
//! start.

use wortlaut_normalize::{Folded, Normalized};

use crate::matcher::{Candidate, Gazetteer, Mention};
use crate::variants::Form;
use wortlaut_normalize::hash::WordSet as HashSet;

impl Gazetteer {
    /// Every valid match, overlapping ones included (nested names such as
    /// "Vereinte Nationen" inside "Generalsekretär der Vereinte Nationen"
    /// ...), in text order. Short forms are left out: they need the
    /// in-document resolution of [`Gazetteer::find`].
    pub fn find_overlapping(&self, normalized: &Normalized) -> Vec<Mention> {
        let folded = normalized.fold();
        let mut cands = Vec::new();
        let mut to_norm = folded.normalized_mapper();
        self.walk_marks(folded.text(), true, |ms, found| {
            for &(mend, p) in found {
                // The match covers the mark before the name: shift by one.
                let p = p as usize;
                let end = mend.saturating_sub(1 + usize::from(self.inner.closed[p]));
                cands.extend(self.check(normalized, &folded, &mut to_norm, ms, end, p));
            }
        });
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let none = HashSet::default();
        let mut to_orig = folded.original_mapper();
        let mut to_norm = folded.normalized_mapper();
        cands
            .iter()
            .filter_map(|c| {
                let (entity, target) = self.resolve(c, &none)?;
                (target.form != Form::Short)
                    .then(|| self.mention(&mut to_orig, Some(&mut to_norm), c, entity, target))
            })
            .collect()
    }

    /// Walks the trie from every mark of the search haystack of `folded`
    /// where a pattern can start, calling `f(start, matches)` with the
    /// patterns found there (`(end, pattern)` in search offsets, shortest
    /// first; the mark at search offset `start` stands before the name,
    /// which starts at folded offset `start`).
    pub(crate) fn walk_marks(
        &self,
        folded: &str,
        all: bool,
        mut f: impl FnMut(usize, &[(usize, u32)]),
    ) {
        // The haystack buffer is kept per thread between documents (up to
        // `KEEP_HAYSTACK` bytes), so most documents allocate nothing here.
        const KEEP_HAYSTACK: usize = 32 << 20;
        thread_local! {
            static HAYSTACK: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let mut search = HAYSTACK.take();
        search_haystack_into(folded, &mut search);
        let trie = &self.inner.trie;
        let every_mark = self.inner.every_mark;
        let mut found = Vec::new();
        let n = search.len();
        let mut base = 0;
        while base < n {
            // The marks among the next eight bytes, as high bits.
            let mut marks = match search.get(base..base + 8) {
                Some(chunk) => {
                    let mut b8 = [0u8; 8];
                    b8.copy_from_slice(chunk);
                    let z = u64::from_le_bytes(b8) ^ u64::from_le_bytes([MARK; 8]);
                    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
                    !(((z & LOW) + LOW) | z) & !LOW
                }
                None => search[base..]
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == MARK)
                    .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k)),
            };
            while marks != 0 {
                let ms = base + (marks.trailing_zeros() / 8) as usize;
                marks &= marks - 1;
                if !every_mark && search.get(ms + 1).is_none_or(|&b| b == MARK) {
                    continue;
                }
                if !trie.may_start(&search, ms) {
                    continue;
                }
                found.clear();
                trie.walk(&search, ms, all, &mut found);
                if !found.is_empty() {
                    f(ms, &found);
                }
            }
            base += 8;
        }
        if search.capacity() <= KEEP_HAYSTACK {
            HAYSTACK.set(search);
        }
    }

    /// Candidates for the flat search: at every position where a name
    /// starts, every name starting there, longest first (so a valid shorter
    /// match survives a longer one that fails its checks). Names with the
    /// same search bytes as an earlier one are left out, as a
    /// leftmost-longest automaton would.
    pub(crate) fn flat_candidates(
        &self,
        normalized: &Normalized,
        folded: &Folded,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut to_norm = folded.normalized_mapper();
        self.walk_marks(folded.text(), false, |ms, found| {
            for &(mend, p) in found.iter().rev() {
                let p = p as usize;
                let e = mend.saturating_sub(1 + usize::from(self.inner.closed[p]));
                out.extend(self.check(normalized, folded, &mut to_norm, ms, e, p));
            }
        });
        out
    }
}

/// The byte that stands for every byte of a character that is not a letter
/// or digit in the search haystack and in the patterns.
pub(crate) const MARK: u8 = 0x01;

/// The search haystack (into a buffer): the folded text with every byte of
/// every character that is not a letter or digit replaced by [`MARK`], after
/// one leading [`MARK`]. Offsets are those of the folded text plus one, so a
/// pattern `MARK name` can only match where a word starts.
fn search_haystack_into(folded: &str, out: &mut Vec<u8>) {
    let bytes = folded.as_bytes();
    out.clear();
    out.reserve(folded.len() + 2);
    out.push(MARK);
    // ASCII in one vectorised pass (bytes of other characters kept for now).
    out.extend(bytes.iter().map(|&b| {
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            b
        } else {
            MARK
        }
    }));
    // A closing mark, so that names at the very end can need one.
    out.push(MARK);
    if folded.is_ascii() {
        return;
    }
    // Other characters: marked unless they are letters or digits. ASCII is
    // skipped sixteen bytes at a time.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            while let Some(chunk) = bytes.get(i..i + 16) {
                let mut word = [0u8; 16];
                word.copy_from_slice(chunk);
                if u128::from_le_bytes(word) & 0x8080_8080_8080_8080_8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 16;
            }
            continue;
        }
        let Some(c) = folded[i..].chars().next() else {
            break;
        };
        let w = c.len_utf8();
        if !is_alphanumeric(c) {
            out[i + 1..i + 1 + w].fill(MARK);
        }
        i += w;
    }
}

/// `char::is_alphanumeric`, with Latin-1 answered without the Unicode
/// tables.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_alphanumeric(),
        0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE => true,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF => true,
        // Latin-1 rest; General Punctuation (dashes, quotation marks).
        0x80..=0xFF | 0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, with Latin-1 answered without the Unicode tables.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_alphabetic(),
        0xAA | 0xB5 | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF => true,
        0x80..=0xFF | 0x2000..=0x206F => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_uppercase`, with Latin-1 answered without the Unicode tables.
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_uppercase(),
        0xC0..=0xD6 | 0xD8..=0xDE => true,
        0x80..=0xFF | 0x2000..=0x206F => false,
        _ => c.is_uppercase(),
    }
}
