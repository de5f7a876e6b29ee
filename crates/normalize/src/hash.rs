//! A small, fast hasher for sets of short words.
//!
//! The wortlaut crates look up many short words (abbreviations, names,
//! stop words) in sets built from their own data, where hash flooding is no
//! concern; the standard SipHash is several times slower for that.

use std::hash::{BuildHasherDefault, Hasher};

/// An FxHash-style multiply-rotate hasher over 8-byte chunks.
#[derive(Default, Clone, Copy, Debug)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashSet` with [`WordHasher`], for sets built from trusted data.
///
/// ```
/// use wortlaut_normalize::hash::WordSet;
/// let set: WordSet<&str> = ["Dr", "Nr"].into_iter().collect();
/// assert!(set.contains("Dr"));
/// ```
pub type WordSet<T> = std::collections::HashSet<T, BuildHasherDefault<WordHasher>>;
