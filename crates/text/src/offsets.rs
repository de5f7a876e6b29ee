//! Code-point offsets: the one place byte and code-point offsets of a text
//! are converted (for `--offsets chars` and Python's `str` indices).

/// Bytes per block of the index: one `u32` of chars-before per block.
const BLOCK: usize = 64;

/// Converts byte offsets of one text to code-point offsets and back, each
/// lookup in constant time.
///
/// The index holds the number of code points before every 64-byte block
/// (one `u32` per 64 bytes of text, built in one pass); a lookup adds the
/// code points from the block start to the offset, counted eight bytes at a
/// time. A byte offset inside a multi-byte character counts that character
/// as started, so a span's end never cuts a character in two.
///
/// ```
/// use wortlaut_text::CharIndex;
/// let text = "Köln – Grüße";
/// let ix = CharIndex::new(text);
/// assert_eq!(ix.char_of(3), 2); // "Kö" before byte 3
/// assert_eq!(ix.char_of(text.len()), text.chars().count());
/// assert_eq!(ix.byte_of(2), 3);
/// assert_eq!(ix.byte_of(99), text.len());
/// ```
#[derive(Clone, Debug)]
pub struct CharIndex<'t> {
    text: &'t [u8],
    /// Code points before each block.
    blocks: Vec<u32>,
    /// Code points in the whole text.
    chars: usize,
}

/// Continuation bytes (`0b10xx_xxxx`) among the bytes of `bytes`.
#[inline]
fn continuation_bytes(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0usize;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        // Bit 7 set and bit 6 clear, per byte.
        n += (w & !(w << 1) & HIGH).count_ones() as usize;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|&&b| b & 0xC0 == 0x80)
        .count()
}

impl<'t> CharIndex<'t> {
    /// Indexes `text` (one pass; memory: 4 bytes per 64 bytes of text).
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0usize;
        for block in bytes.chunks(BLOCK) {
            blocks.push(u32::try_from(chars).unwrap_or(u32::MAX));
            chars += block.len() - continuation_bytes(block);
        }
        if blocks.is_empty() {
            blocks.push(0);
        }
        CharIndex {
            text: bytes,
            blocks,
            chars,
        }
    }

    /// The number of code points of the text.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    /// The code-point offset of byte offset `b`: the code points that start
    /// before it (`b` past the end counts as the end).
    pub fn char_of(&self, b: usize) -> usize {
        let b = b.min(self.text.len());
        if b == self.text.len() {
            return self.chars;
        }
        let k = b / BLOCK;
        let start = k * BLOCK;
        let before = match self.blocks.get(k) {
            Some(&c) if c != u32::MAX => c as usize,
            // A text of more than 4 G code points: count from the start.
            _ => return b - continuation_bytes(&self.text[..b]),
        };
        before + (b - start) - continuation_bytes(&self.text[start..b])
    }

    /// The byte offset where code point `c` starts (the text's length for
    /// `c` at or past the end).
    pub fn byte_of(&self, c: usize) -> usize {
        if c >= self.chars {
            return self.text.len();
        }
        // The last block that starts at or before code point c.
        let k = self
            .blocks
            .partition_point(|&n| n as usize <= c)
            .saturating_sub(1);
        let mut pos = k * BLOCK;
        let mut count = self.blocks[k] as usize;
        // Walk to the c-th char start of the block.
        while pos < self.text.len() {
            if self.text[pos] & 0xC0 != 0x80 {
                if count == c {
                    return pos;
                }
                count += 1;
            }
            pos += 1;
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_char_of(text: &str, b: usize) -> usize {
        text.as_bytes()[..b.min(text.len())]
            .iter()
            .filter(|&&x| x & 0xC0 != 0x80)
            .count()
    }

    #[test]
    fn agrees_with_counting_on_mixed_text() {
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(match i % 5 {
                0 => "Grüße ",
                1 => "aus ",
                2 => "Köln – ",
                3 => "😀 ",
                _ => "Tô Lâm ",
            });
        }
        let ix = CharIndex::new(&text);
        assert_eq!(ix.len_chars(), text.chars().count());
        for b in 0..=text.len() + 3 {
            assert_eq!(ix.char_of(b), naive_char_of(&text, b), "byte {b}");
        }
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(ix.byte_of(c), b, "char {c}");
            assert_eq!(ix.char_of(b), c);
        }
        assert_eq!(ix.byte_of(ix.len_chars()), text.len());
    }

    #[test]
    fn empty_and_ascii() {
        let ix = CharIndex::new("");
        assert_eq!((ix.char_of(0), ix.char_of(5), ix.byte_of(0)), (0, 0, 0));
        let ix = CharIndex::new("abc");
        assert_eq!((ix.char_of(2), ix.byte_of(2), ix.byte_of(3)), (2, 2, 3));
    }
}
