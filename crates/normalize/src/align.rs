//! Alignment between a rewritten text and its source.
//!
//! A rewrite pass copies most of its source unchanged and edits a few places.
//! A [`Layer`] records only the edited places (an [`Edit`] maps a source byte
//! range to the target byte range that replaced it); everything between two
//! edits is an identity run, so mapping an offset is a binary search plus an
//! addition. An [`Alignment`] chains the layers of all passes.
//!
//! Mapping widens rather than cuts: a span that starts or ends inside an edit
//! maps to the whole source range of that edit, so the result always starts
//! and ends on char boundaries of the source (every edit covers whole chars on
//! both sides, and identity runs copy bytes).

use core::marker::PhantomData;

use wortlaut_text::{Coord, Norm, Orig, Span};

/// One non-identity piece of a layer: `src` in the source became `dst`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) src: Span,
    pub(crate) dst: Span,
}

/// The alignment of one rewrite pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Layer {
    edits: Vec<Edit>,
    src_len: usize,
    dst_len: usize,
}

#[derive(Clone, Copy)]
enum Dir {
    /// From the rewritten text back to the source.
    Back,
    /// From the source forward to the rewritten text.
    Forward,
}

impl Dir {
    #[inline]
    fn from(self, e: &Edit) -> Span {
        match self {
            Dir::Back => e.dst,
            Dir::Forward => e.src,
        }
    }
    #[inline]
    fn to(self, e: &Edit) -> Span {
        match self {
            Dir::Back => e.src,
            Dir::Forward => e.dst,
        }
    }
}

impl Layer {
    fn lens(&self, dir: Dir) -> (usize, usize) {
        match dir {
            Dir::Back => (self.dst_len, self.src_len),
            Dir::Forward => (self.src_len, self.dst_len),
        }
    }

    /// Number of edits whose `from` start is `<= p` (or `< p` if `strict`),
    /// found by advancing `hint` when `p` is not before the previous query,
    /// and by binary search otherwise.
    #[inline]
    fn count_before(&self, p: usize, dir: Dir, strict: bool, hint: &mut usize) -> usize {
        let before = |e: &Edit| {
            let s = dir.from(e).start;
            if strict {
                s < p
            } else {
                s <= p
            }
        };
        let mut i = *hint;
        if i > self.edits.len() || (i > 0 && !before(&self.edits[i - 1])) {
            i = self.edits.partition_point(before);
        } else {
            while i < self.edits.len() && before(&self.edits[i]) {
                i += 1;
                // Far jumps: fall back to a binary search of the rest.
                if i < self.edits.len() && before(&self.edits[i]) && i - *hint > 16 {
                    i += self.edits[i..].partition_point(before);
                    break;
                }
            }
        }
        *hint = i;
        i
    }

    /// Maps the start of a span.
    fn map_start(&self, p: usize, dir: Dir, hint: &mut usize) -> usize {
        let (from_len, to_len) = self.lens(dir);
        let p = p.min(from_len);
        let i = self.count_before(p, dir, false, hint);
        if i == 0 {
            return p.min(to_len);
        }
        let e = &self.edits[i - 1];
        let (f, t) = (dir.from(e), dir.to(e));
        if p >= f.end {
            (t.end + (p - f.end)).min(to_len)
        } else {
            t.start
        }
    }

    /// Maps the end of a span.
    fn map_end(&self, p: usize, dir: Dir, hint: &mut usize) -> usize {
        let (from_len, to_len) = self.lens(dir);
        let p = p.min(from_len);
        let i = self.count_before(p, dir, true, hint);
        if i == 0 {
            return p.min(to_len);
        }
        let e = &self.edits[i - 1];
        let (f, t) = (dir.from(e), dir.to(e));
        if p > f.end {
            (t.end + (p - f.end)).min(to_len)
        } else {
            t.end
        }
    }

    fn map(&self, span: Span, dir: Dir, hints: &mut [usize; 2]) -> Span {
        let start = self.map_start(span.start, dir, &mut hints[0]);
        let end = if span.end <= span.start {
            start
        } else {
            self.map_end(span.end, dir, &mut hints[1])
        };
        Span::new(start, end)
    }

    pub(crate) fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    /// The identity run (of the rewritten text) after the first `i` edits:
    /// `(lo, hi, delta)` such that every `lo <= p < hi` maps to `p + delta`
    /// both as a start and as an end of a span. Bounds are kept one position
    /// away from the neighbouring edits, where start and end mapping differ.
    fn identity_window(&self, i: usize) -> (usize, usize, isize) {
        let (lo, delta) = match i.checked_sub(1).and_then(|k| self.edits.get(k)) {
            Some(e) => (e.dst.end + 1, e.src.end as isize - e.dst.end as isize),
            None => (0, 0),
        };
        let hi = match self.edits.get(i) {
            Some(e) => e.dst.start,
            None => self.dst_len + 1,
        };
        (lo, hi, delta)
    }
}

/// Builds a rewritten text and its [`Layer`] in one left-to-right pass.
///
/// Callers visit the source in order and call [`Rewriter::replace`] for every
/// place they may change; the gaps are copied as they are. Nothing is
/// allocated until the first real change, and [`Rewriter::finish`] returns
/// `None` when the text came through unchanged.
pub(crate) struct Rewriter<'a> {
    src: &'a str,
    out: String,
    edits: Vec<Edit>,
    pos: usize,
    dirty: bool,
}

impl<'a> Rewriter<'a> {
    pub(crate) fn new(src: &'a str) -> Rewriter<'a> {
        Rewriter {
            src,
            out: String::new(),
            edits: Vec::new(),
            pos: 0,
            dirty: false,
        }
    }

    /// Copies the source up to `to` unchanged.
    fn copy_to(&mut self, to: usize) {
        if to > self.pos {
            self.out.push_str(&self.src[self.pos..to]);
            self.pos = to;
        }
    }

    /// Replaces `src[start..end]` (whole chars, `start` not before the end of
    /// the previous replacement) by `with`. Returns whether the text changed.
    pub(crate) fn replace(&mut self, start: usize, end: usize, with: &str) -> bool {
        let old = &self.src[start..end];
        if old == with || start < self.pos {
            return false;
        }
        if !self.dirty {
            self.dirty = true;
            self.out.reserve(self.src.len() + self.src.len() / 32 + 8);
        }
        self.copy_to(start);
        let dst_start = self.out.len();
        self.out.push_str(with);
        self.pos = end;
        if is_single_char_swap(old, with) {
            return true;
        }
        let dst = Span::new(dst_start, self.out.len());
        push_edit(&mut self.edits, Span::new(start, end), dst);
        true
    }

    /// Inserts `with` at source position `at`.
    pub(crate) fn insert(&mut self, at: usize, with: &str) -> bool {
        self.replace(at, at, with)
    }

    /// The rewritten text and its layer, or `None` if nothing changed.
    pub(crate) fn finish(mut self) -> Option<(String, Layer)> {
        if !self.dirty {
            return None;
        }
        self.copy_to(self.src.len());
        let layer = Layer {
            edits: self.edits,
            src_len: self.src.len(),
            dst_len: self.out.len(),
        };
        Some((self.out, layer))
    }
}

/// Appends an edit, merging it into the previous one when they touch and
/// one of them is empty on a side: two edits must never start at the same
/// position of either text. Otherwise they stay apart, so "Ã¼ÃŸ" → "üß"
/// still maps "ü" to "Ã¼" alone.
pub(crate) fn push_edit(edits: &mut Vec<Edit>, src: Span, dst: Span) {
    if let Some(last) = edits.last_mut() {
        if last.src.end == src.start
            && last.dst.end == dst.start
            && (last.src.is_empty() || last.dst.is_empty() || src.is_empty() || dst.is_empty())
        {
            last.src.end = src.end;
            last.dst.end = dst.end;
            return;
        }
    }
    edits.push(Edit { src, dst });
}

impl Layer {
    /// A layer from edits made with [`push_edit`].
    pub(crate) fn from_edits(edits: Vec<Edit>, src_len: usize, dst_len: usize) -> Layer {
        Layer {
            edits,
            src_len,
            dst_len,
        }
    }
}

/// One char replaced by another of the same UTF-8 length keeps every offset,
/// so it needs no edit record.
#[inline]
fn is_single_char_swap(old: &str, new: &str) -> bool {
    old.len() == new.len() && old.chars().nth(1).is_none() && new.chars().nth(1).is_none()
}

/// Maps spans between a rewritten text (coordinates `T`) and its source
/// (coordinates `S`): by default the normalised text and the original
/// input; the folded view has `Alignment<Norm, Fold>` to the normalised
/// text and `Alignment<Orig, Fold>` to the original.
///
/// Holds one layer per rewrite pass that changed anything. Mapping costs
/// `O(passes × log edits)` per span. The alignment is immutable, `Send` and
/// `Sync`.
pub struct Alignment<S: Coord = Orig, T: Coord = Norm> {
    layers: Vec<Layer>,
    coords: PhantomData<(S, T)>,
}

impl<S: Coord, T: Coord> Clone for Alignment<S, T> {
    fn clone(&self) -> Self {
        Alignment {
            layers: self.layers.clone(),
            coords: PhantomData,
        }
    }
}

impl<S: Coord, T: Coord> Default for Alignment<S, T> {
    fn default() -> Self {
        Alignment {
            layers: Vec::new(),
            coords: PhantomData,
        }
    }
}

impl<S: Coord, T: Coord> PartialEq for Alignment<S, T> {
    fn eq(&self, other: &Self) -> bool {
        self.layers == other.layers
    }
}

impl<S: Coord, T: Coord> Eq for Alignment<S, T> {}

impl<S: Coord, T: Coord> core::fmt::Debug for Alignment<S, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Alignment")
            .field("source", &S::NAME)
            .field("target", &T::NAME)
            .field("layers", &self.layers)
            .finish()
    }
}

/// Raw offsets inside the layers, whatever text they count.
#[inline]
fn raw<C: Coord>(s: Span<C>) -> Span<Norm> {
    Span::new(s.start, s.end)
}

#[inline]
fn typed<C: Coord>(s: Span<Norm>) -> Span<C> {
    Span::new(s.start, s.end)
}

impl<S: Coord, T: Coord> Alignment<S, T> {
    pub(crate) fn push(&mut self, layer: Layer) {
        if !layer.is_identity() {
            self.layers.push(layer);
        }
    }

    /// Whether the rewritten text is byte-for-byte offset-compatible with its
    /// source (no pass changed a length).
    pub fn is_identity(&self) -> bool {
        self.layers.is_empty()
    }

    /// Maps a span of the rewritten text to the source span it came from.
    ///
    /// A span on char boundaries of the rewritten text maps to a span on
    /// char boundaries of the source. Partly covered edits widen the result
    /// to the whole edit (a span over one `s` of an `ss` folded from `ß`
    /// covers the `ß`); deleted characters at the edges of the span (soft
    /// hyphens, zero-width spaces) are left out.
    pub fn to_source(&self, span: Span<T>) -> Span<S> {
        typed(
            self.layers
                .iter()
                .rev()
                .fold(raw(span), |s, layer| layer.map(s, Dir::Back, &mut [0, 0])),
        )
    }

    /// A mapper to the source for many spans given in text order (starts
    /// and ends each non-decreasing, as tokens and sentences are): it walks
    /// the edits once instead of searching for every span. Spans out of
    /// order are still mapped correctly, only slower.
    pub fn source_mapper(&self) -> SourceMapper<'_, S, T> {
        SourceMapper {
            alignment: self,
            hints: vec![[0, 0]; self.layers.len()],
            windows: vec![(1, 0, 0); self.layers.len()],
        }
    }

    /// Maps a span of the source to the span of the rewritten text that it
    /// became (widened like [`Alignment::to_source`]).
    pub fn to_target(&self, span: Span<S>) -> Span<T> {
        typed(self.layers.iter().fold(raw(span), |s, layer| {
            layer.map(s, Dir::Forward, &mut [0, 0])
        }))
    }

    /// Number of edited places over all passes.
    pub fn edit_count(&self) -> usize {
        self.layers.iter().map(|l| l.edits.len()).sum()
    }

    /// Appends the layers of `next`, which rewrites the target of `self`.
    pub(crate) fn then<U: Coord>(self, next: &Alignment<T, U>) -> Alignment<S, U> {
        let mut layers = self.layers;
        layers.extend(next.layers.iter().cloned());
        Alignment {
            layers,
            coords: PhantomData,
        }
    }
}

/// Maps spans given in text order to the source; see
/// [`Alignment::source_mapper`].
#[derive(Debug)]
pub struct SourceMapper<'a, S: Coord = Orig, T: Coord = Norm> {
    alignment: &'a Alignment<S, T>,
    hints: Vec<[usize; 2]>,
    /// Per layer, the identity run last seen: positions `lo <= p < hi` of
    /// the rewritten text map to `p + delta` (as start and as end).
    windows: Vec<(usize, usize, isize)>,
}

impl<S: Coord, T: Coord> SourceMapper<'_, S, T> {
    /// Maps one span, like [`Alignment::to_source`].
    pub fn to_source(&mut self, span: Span<T>) -> Span<S> {
        let mut s = raw(span);
        for ((layer, hints), win) in self
            .alignment
            .layers
            .iter()
            .zip(self.hints.iter_mut())
            .zip(self.windows.iter_mut())
            .rev()
        {
            let (lo, hi, delta) = *win;
            if lo <= s.start && s.start <= s.end && s.end < hi {
                s = Span::new(
                    s.start.wrapping_add_signed(delta),
                    s.end.wrapping_add_signed(delta),
                );
                continue;
            }
            let mapped = layer.map(s, Dir::Back, hints);
            *win = layer.identity_window(hints[0]);
            s = mapped;
        }
        typed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(src: &str, edits: &[(usize, usize, &str)]) -> (String, Alignment) {
        let mut rw = Rewriter::new(src);
        for &(s, e, w) in edits {
            rw.replace(s, e, w);
        }
        let (out, layer) = rw.finish().unwrap();
        let mut a: Alignment = Alignment::default();
        a.push(layer);
        (out, a)
    }

    #[test]
    fn identity_runs_shift() {
        // "a\u{ad}b" -> "ab": soft hyphen deleted.
        let (out, a) = rewrite("a\u{ad}bc", &[(1, 3, "")]);
        assert_eq!(out, "abc");
        assert_eq!(a.to_source(Span::new(0, 3)), Span::new(0, 5));
        assert_eq!(a.to_source(Span::new(1, 3)), Span::new(3, 5));
        assert_eq!(a.to_source(Span::new(0, 1)), Span::new(0, 1));
        assert_eq!(a.to_target(Span::new(3, 5)), Span::new(1, 3));
    }

    #[test]
    fn replacement_widens() {
        // "ß" -> "ss"
        let (out, a) = rewrite("aßb", &[(1, 3, "ss")]);
        assert_eq!(out, "assb");
        assert_eq!(a.to_source(Span::new(1, 2)), Span::new(1, 3));
        assert_eq!(a.to_source(Span::new(2, 3)), Span::new(1, 3));
        assert_eq!(a.to_source(Span::new(3, 4)), Span::new(3, 4));
    }

    #[test]
    fn insertion_is_zero_width() {
        let (out, a) = rewrite("ab", &[(1, 1, " ")]);
        assert_eq!(out, "a b");
        assert_eq!(a.to_source(Span::new(0, 1)), Span::new(0, 1));
        assert_eq!(a.to_source(Span::new(2, 3)), Span::new(1, 2));
        assert_eq!(a.to_source(Span::new(1, 2)), Span::new(1, 1));
        assert_eq!(a.to_source(Span::new(0, 3)), Span::new(0, 2));
    }

    #[test]
    fn same_length_swap_records_nothing() {
        let (out, a) = rewrite("a\u{2014}b", &[(1, 4, "\u{2013}")]);
        assert_eq!(out, "a\u{2013}b");
        assert!(a.is_identity());
    }

    #[test]
    fn mapper_agrees_with_search() {
        let src = "a\u{ad}b c\u{ad}\u{ad}d e ß f\u{ad}";
        let mut rw = Rewriter::new(src);
        for (i, c) in src.char_indices() {
            match c {
                '\u{ad}' => {
                    rw.replace(i, i + 2, "");
                }
                'ß' => {
                    rw.replace(i, i + 2, "ss");
                }
                _ => {}
            }
        }
        let (out, layer) = rw.finish().unwrap();
        let mut a: Alignment = Alignment::default();
        a.push(layer);
        let spans: Vec<Span> = (0..=out.len())
            .flat_map(|s| (s..=out.len()).map(move |e| Span::new(s, e)))
            .filter(|s| out.is_char_boundary(s.start) && out.is_char_boundary(s.end))
            .collect();
        let mut m = a.source_mapper();
        for s in &spans {
            assert_eq!(m.to_source(*s), a.to_source(*s), "{s:?}");
        }
    }

    #[test]
    fn adjacent_replacements_stay_apart() {
        let (out, a) = rewrite("\r\n\r\n", &[(0, 2, "\n"), (2, 4, "\n")]);
        assert_eq!(out, "\n\n");
        assert_eq!(a.edit_count(), 2);
        assert_eq!(a.to_source(Span::new(0, 2)), Span::new(0, 4));
        assert_eq!(a.to_source(Span::new(1, 2)), Span::new(2, 4));
    }

    #[test]
    fn deletion_next_to_replacement_merges() {
        let (out, a) = rewrite("a\u{ad}ßb", &[(1, 3, ""), (3, 5, "ss")]);
        assert_eq!(out, "assb");
        assert_eq!(a.edit_count(), 1);
        assert_eq!(a.to_source(Span::new(1, 3)), Span::new(1, 5));
        assert_eq!(a.to_source(Span::new(0, 1)), Span::new(0, 1));
    }
}
