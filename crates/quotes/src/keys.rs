//! Keys of the lexicon's index: a hasher for its words, the integer key of
//! a short word and the prefilter slot that rules most tokens out before
//! any hashing.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub(crate) type WordMap<V> = HashMap<String, V, BuildHasherDefault<ShortWordHasher>>;

/// A hasher for the lexicon's words, looked up once per token: the first
/// and last eight bytes (fewer for short words) and the length, read as
/// whole words rather than byte by byte. The keys are our own lists, so
/// hash flooding is no concern.
#[derive(Default, Clone, Copy)]
pub(crate) struct ShortWordHasher(u64);

impl Hasher for ShortWordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let n = bytes.len();
        let word = |b: &[u8]| {
            let mut w = [0u8; 8];
            w[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(w)
        };
        let (a, b) = if n > 8 {
            (word(&bytes[..8]), word(&bytes[n - 8..]))
        } else {
            (word(bytes), 0)
        };
        let h = (self.0.rotate_left(5) ^ a).wrapping_mul(K);
        self.0 = (h.rotate_left(5) ^ b ^ n as u64).wrapping_mul(K);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A word of at most 15 bytes as one integer: its bytes, zero-padded, and
/// its length in the last byte.
///
/// Built from (overlapping) whole-word loads rather than a byte buffer, so
/// that the lookup does not wait for bytes stored one by one.
#[inline]
pub(crate) fn short_key(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let n = b.len();
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let u64_at = |i: usize| {
        u64::from_le_bytes([
            b[i],
            b[i + 1],
            b[i + 2],
            b[i + 3],
            b[i + 4],
            b[i + 5],
            b[i + 6],
            b[i + 7],
        ])
    };
    let (lo, hi): (u64, u64) = match n {
        0 => (0, 0),
        1..=3 => {
            let v = u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1));
            (v, 0)
        }
        4..=7 => {
            let v = u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << (8 * (n - 4));
            (v, 0)
        }
        8 => (u64_at(0), 0),
        9..=15 => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
        _ => return None,
    };
    Some(u128::from(lo) | u128::from(hi) << 64 | (n as u128) << 120)
}

/// The [`short_key`] of an ASCII word lower-cased: every byte `A`–`Z` of
/// the key gets its lower-case bit, eight bytes at a time (the length byte,
/// at most 15, and the zero padding are no letters). Only for keys of ASCII
/// words: every byte must be below 0x80.
#[inline]
pub(crate) fn ascii_lower_key(key: u128) -> u128 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lower = |x: u64| {
        // 0x80 in every byte from `A` to `Z` (valid for bytes below 0x80).
        let ge = ((x | HIGH) - u64::from(b'A') * ONES) & HIGH;
        let le = (((u64::from(b'Z') * ONES) | HIGH) - x) & HIGH;
        x | (ge & le) >> 2
    };
    u128::from(lower(key as u64)) | u128::from(lower((key >> 64) as u64)) << 64
}

/// The hasher of [`short_key`]s: two multiplications, high bits folded into
/// the low ones the table indexes by.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u8(b);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    #[inline]
    fn write_u128(&mut self, v: u128) {
        let x = (v as u64) ^ ((v >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let h = x.wrapping_mul(0x517c_c1b7_2722_0a95);
        self.0 = h ^ (h >> 29);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The first and last byte of `word` and the bit of its length in
/// `Lexicon::id`'s prefilters.
#[inline]
pub(crate) fn prefilter_slot(word: &str) -> (usize, usize, u32) {
    let b = word.as_bytes();
    let first = b.first().map_or(0, |&c| usize::from(c));
    let last = b.last().map_or(0, |&c| usize::from(c));
    (first, last, 1 << b.len().min(31))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lower-casing the key of an ASCII word is the key of the word
    /// lower-cased, for every length and every byte.
    #[test]
    fn lower_keys_are_keys_of_lower_words() {
        let bytes: Vec<u8> = (0u8..128).collect();
        for len in 0..=15 {
            for start in 0..128 {
                let w: Vec<u8> = (0..len).map(|k| bytes[(start + 7 * k) % 128]).collect();
                let w = std::str::from_utf8(&w).unwrap();
                assert_eq!(
                    short_key(w).map(ascii_lower_key),
                    short_key(&w.to_ascii_lowercase()),
                    "{w:?}"
                );
            }
        }
    }

    /// The short key is the word's bytes, zero-padded, with its length in
    /// the last byte: one key per word.
    #[test]
    fn short_keys_are_the_bytes_and_the_length() {
        let text = "abcdefghijklmnopäöüß";
        for start in 0..4 {
            for len in 0..=16 {
                let Some(w) = text.get(start..start + len) else {
                    continue;
                };
                let expected = (len <= 15).then(|| {
                    let mut k = [0u8; 16];
                    k[..len].copy_from_slice(w.as_bytes());
                    k[15] = len as u8;
                    u128::from_le_bytes(k)
                });
                assert_eq!(short_key(w), expected, "{w:?}");
            }
        }
    }
}
