//! Byte spans whose coordinate system is part of their type.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;
use core::ops::{Index, Range};

/// The coordinate system of a [`Span`]: which text its offsets count bytes
/// of. Implemented by [`Norm`], [`Orig`] and [`Fold`] only.
pub trait Coord: sealed::Sealed + Copy + Send + Sync + 'static {
    /// A short name for messages ("normalised", "original", "folded").
    const NAME: &'static str;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Norm {}
    impl Sealed for super::Orig {}
    impl Sealed for super::Fold {}
}

/// Bytes of the **normalised** text: what every stage reads and returns.
/// Also the coordinates of a text handed to a stage crate directly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Norm;

/// Bytes of the **original** input, as the user handed it in: what the
/// facade reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Orig;

/// Bytes of the **folded** matching view (lower-cased, diacritics folded).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fold;

impl Coord for Norm {
    const NAME: &'static str = "normalised";
}
impl Coord for Orig {
    const NAME: &'static str = "original";
}
impl Coord for Fold {
    const NAME: &'static str = "folded";
}

/// A half-open byte range `start..end` into a text; `C` names the text
/// ([`Norm`] unless written otherwise).
///
/// Spans of different texts are different types, so a normalised span
/// cannot be used on the original by mistake: the only way from one to the
/// other is an alignment (`wortlaut_normalize::Normalized::to_original`).
/// `start <= end` always holds for spans made with [`Span::new`].
///
/// ```
/// use wortlaut_text::{Orig, Span};
/// let text = "Grüße aus Köln";
/// let span: Span = Span::new(12, 17);
/// assert_eq!(&text[span], "Köln");
/// let original: Span<Orig> = Span::new(0, 7);
/// assert_eq!(&text[original.range()], "Grüße");
/// ```
pub struct Span<C: Coord = Norm> {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
    coord: PhantomData<C>,
}

/// A span of the original input.
pub type OrigSpan = Span<Orig>;
/// A span of the normalised text.
pub type NormSpan = Span<Norm>;

impl<C: Coord> Span<C> {
    /// Creates a span; an `end` before `start` is raised to `start`.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span<C> {
        Span {
            start,
            end: if end < start { start } else { end },
            coord: PhantomData,
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
    pub fn contains(&self, other: Span<C>) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers, or `""` where it does not fit `text`.
    #[inline]
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

// Written out rather than derived: derives would require `C` itself to
// implement each trait, and the marker is only a name.
impl<C: Coord> Clone for Span<C> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}
impl<C: Coord> Copy for Span<C> {}
impl<C: Coord> Default for Span<C> {
    fn default() -> Self {
        Span::new(0, 0)
    }
}
impl<C: Coord> PartialEq for Span<C> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.end) == (other.start, other.end)
    }
}
impl<C: Coord> Eq for Span<C> {}
impl<C: Coord> PartialOrd for Span<C> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<C: Coord> Ord for Span<C> {
    #[inline]
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        (self.start, self.end).cmp(&(other.start, other.end))
    }
}
impl<C: Coord> Hash for Span<C> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.start.hash(state);
        self.end.hash(state);
    }
}
impl<C: Coord> fmt::Debug for Span<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Span")
            .field("start", &self.start)
            .field("end", &self.end)
            .finish()
    }
}

impl<C: Coord> From<Range<usize>> for Span<C> {
    fn from(r: Range<usize>) -> Span<C> {
        Span::new(r.start, r.end)
    }
}

/// Only normalised spans index a `str` directly: the text a stage reads.
/// Other spans slice with [`Span::range`] or [`Span::slice`], which keeps
/// `text[span]` from compiling on the wrong text by accident.
impl Index<Span<Norm>> for str {
    type Output = str;

    #[inline]
    fn index(&self, span: Span<Norm>) -> &str {
        &self[span.start..span.end]
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::{Coord, Span};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(rename = "Span")]
    struct Raw {
        start: usize,
        end: usize,
    }

    impl<C: Coord> Serialize for Span<C> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Raw {
                start: self.start,
                end: self.end,
            }
            .serialize(s)
        }
    }

    impl<'de, C: Coord> Deserialize<'de> for Span<C> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Span<C>, D::Error> {
            let r = Raw::deserialize(d)?;
            Ok(Span::new(r.start, r.end))
        }
    }
}
