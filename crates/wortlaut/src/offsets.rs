//! Byte offsets to code-point offsets and back: the one place the two
//! are converted.

/// The unit of the offsets in an [`Analysis`](crate::Analysis).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum OffsetUnit {
    /// UTF-8 byte offsets into the original input (what Rust slicing uses).
    #[default]
    Bytes,
    /// Unicode code-point offsets into the original input (what Python's
    /// `str` slicing uses).
    Chars,
}

impl OffsetUnit {
    /// `"bytes"` or `"chars"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Chars => "chars",
        }
    }
}

/// Converts many byte offsets of one text to code-point offsets.
///
/// Collect the offsets with [`CharOffsets::new`], then look each one up with
/// [`CharOffsets::get`]. Cost: one walk over the text plus a sort of the
/// offsets, so converting every span of a document is linear.
#[derive(Debug)]
pub struct CharOffsets {
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl CharOffsets {
    /// Prepares the conversion of `offsets` (byte offsets into `text`;
    /// offsets inside a char count that char as started).
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> CharOffsets {
        let mut bytes: Vec<usize> = offsets.into_iter().collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut chars = Vec::with_capacity(bytes.len());
        let mut count = 0usize;
        let mut pos = 0usize;
        let tb = text.as_bytes();
        for &b in &bytes {
            let b = b.min(text.len());
            while pos < b {
                // Count char starts (every byte that is not a continuation).
                if (tb[pos] as i8) >= -0x40 {
                    count += 1;
                }
                pos += 1;
            }
            chars.push(count);
        }
        CharOffsets { bytes, chars }
    }

    /// The code-point offset of byte offset `b` (which must have been given
    /// to [`CharOffsets::new`]).
    pub fn get(&self, b: usize) -> usize {
        match self.bytes.binary_search(&b) {
            Ok(i) => self.chars[i],
            Err(i) => self.chars.get(i.saturating_sub(1)).copied().unwrap_or(0),
        }
    }
}

/// Converts code-point offsets of one text to byte offsets.
///
/// [`ByteOffsets::new`] walks the text once; [`ByteOffsets::get`] is then a
/// table look-up.
#[derive(Debug)]
pub struct ByteOffsets {
    starts: Vec<usize>,
    len: usize,
}

impl ByteOffsets {
    /// Prepares the conversion of code-point offsets into `text`.
    pub fn new(text: &str) -> ByteOffsets {
        ByteOffsets {
            starts: text.char_indices().map(|(i, _)| i).collect(),
            len: text.len(),
        }
    }

    /// The byte offset of code point `c`; the length of the text for the
    /// end of the text or any offset past it.
    pub fn get(&self, c: usize) -> usize {
        self.starts.get(c).copied().unwrap_or(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts() {
        let t = "Köln – Grüße";
        let c = CharOffsets::new(t, [0, 2, 3, 5, 6, 9, t.len()]);
        assert_eq!(c.get(0), 0);
        assert_eq!(c.get(3), 2);
        assert_eq!(c.get(9), 6);
        assert_eq!(c.get(t.len()), t.chars().count());
    }

    #[test]
    fn converts_back() {
        let t = "Köln – Grüße";
        let b = ByteOffsets::new(t);
        let c = CharOffsets::new(t, t.char_indices().map(|(i, _)| i).chain([t.len()]));
        for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
            assert_eq!(b.get(c.get(i)), i);
        }
        assert_eq!(b.get(999), t.len());
    }
}
