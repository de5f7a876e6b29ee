//! Byte spans.

use core::ops::{Index, Range};

/// A half-open byte range `start..end` into a text.
///
/// Every span that a wortlaut crate returns in its public API refers to the
/// text that the user handed in, unless the type that carries it says
/// otherwise. `start <= end` always holds for spans made with [`Span::new`].
///
/// ```
/// use wortlaut_normalize::Span;
/// let text = "Grüße aus Köln";
/// let span = Span::new(12, 17);
/// assert_eq!(&text[span], "Köln");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; an `end` before `start` is raised to `start`.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span as a `Range<usize>`.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the span lies inside `text` and on its char boundaries.
    pub fn is_valid_for(&self, text: &str) -> bool {
        self.start <= self.end
            && self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }

    /// Whether `other` lies inside this span.
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl Index<Span> for str {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}
