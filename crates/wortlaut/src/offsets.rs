//! The unit of the offsets in an [`Analysis`](crate::Analysis); the
//! conversion itself is [`CharIndex`](crate::CharIndex) of `wortlaut-text`.

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
