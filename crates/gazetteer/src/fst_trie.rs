//! The search patterns as an [`fst`] map: every distinct pattern (search
//! bytes, see `matcher::push_search_pattern`) maps to the lowest-numbered
//! pattern with those bytes. Every pattern starts with the word-start mark,
//! so a match can only begin at a mark of the search haystack; the matcher
//! walks the transducer's nodes from every mark, byte by byte, and reports
//! every final node on the way (all patterns that start there, in order of
//! their length), adding up the outputs of the transitions to get the
//! pattern number.
//!
//! Two derived tables speed up the walk and cost nothing in the file: a bit
//! set of the first three bytes after the mark of every pattern (most word
//! starts are rejected before any node is read), and the node two bytes
//! below the mark by those two bytes (the walk starts there).

use fst::raw::{Builder, Fst, Node};

use crate::error::Error;
use crate::matcher::MARK;

/// No entry in the pair table.
const NONE: u64 = u64::MAX;

/// Patterns as an fst map, with the tables derived from it.
#[derive(Clone)]
pub(crate) struct PatternFst {
    fst: Fst<Vec<u8>>,
    /// The number of patterns: values at or above it are not patterns
    /// (only in a damaged file).
    patterns: usize,
    /// Further patterns with the same bytes as a lower-numbered one:
    /// `(lowest pattern, pattern)`, sorted.
    duplicates: Vec<(u32, u32)>,
    /// Derived: the node after the root's mark edge and the output so far.
    mark: Option<(usize, u64)>,
    /// Derived: a bit set of (hashed) first three bytes after the mark of
    /// every pattern, empty when some pattern is shorter.
    prefix3: Vec<u64>,
    /// Derived, with `prefix3`: the node two bytes below the mark node and
    /// the output so far (`addr << 32 | output`), by those two bytes
    /// (`b1 | b2 << 8`), so a walk starts there.
    pair: Vec<u64>,
}

impl std::fmt::Debug for PatternFst {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatternFst")
            .field("patterns", &self.fst.len())
            .field("bytes", &self.fst.as_bytes().len())
            .field("duplicates", &self.duplicates.len())
            .finish_non_exhaustive()
    }
}

/// The bit of `prefix3` for three bytes.
#[inline]
fn prefix3_bit(b: &[u8]) -> usize {
    let k = u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
    (k.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// Why data read from a file does not form a pattern map.
#[derive(Debug)]
pub(crate) struct Invalid(pub(crate) &'static str);

/// The child of `node` by byte `b`: its address and output.
#[inline]
fn child(node: &Node<'_>, b: u8) -> Option<(usize, u64)> {
    let k = node.find_input(b)?;
    let t = node.transition(k);
    Some((t.addr, t.out.value()))
}

impl PatternFst {
    /// Builds the map of the patterns `arena[offsets[i]..offsets[i + 1]]`.
    pub(crate) fn build(arena: &[u8], offsets: &[u32]) -> Result<PatternFst, Error> {
        let n = offsets.len().saturating_sub(1);
        let pat = |i: u32| -> &[u8] {
            let i = i as usize;
            &arena[offsets[i] as usize..offsets[i + 1] as usize]
        };
        // Sort by the first sixteen bytes after the leading mark (big
        // endian, so integer order is byte order; shorter patterns padded
        // with zeros, which no pattern contains), then, on a tie, by all
        // bytes and the pattern number: most comparisons need no access to
        // the scattered patterns.
        let key = |p: &[u8]| {
            let mut k = [0u8; 16];
            let rest = p.get(1..).unwrap_or_default();
            let m = rest.len().min(16);
            k[..m].copy_from_slice(&rest[..m]);
            u128::from_be_bytes(k)
        };
        let mut keyed: Vec<(u128, u32)> = (0..n as u32).map(|i| (key(pat(i)), i)).collect();
        keyed.sort_unstable();
        let mut run = 0;
        while run < keyed.len() {
            let k = keyed[run].0;
            let end = run + keyed[run..].partition_point(|e| e.0 == k);
            if end - run > 1 {
                keyed[run..end].sort_unstable_by(|a, b| pat(a.1).cmp(pat(b.1)).then(a.1.cmp(&b.1)));
            }
            run = end;
        }
        let mut builder = Builder::memory();
        let mut duplicates = Vec::new();
        let mut prev: Option<(&[u8], u32)> = None;
        let failed = |e: fst::Error| Error::Build(format!("the pattern map failed: {e}"));
        for (_, i) in keyed {
            let p = pat(i);
            match prev {
                Some((q, lowest)) if q == p => duplicates.push((lowest, i)),
                _ => {
                    builder.insert(p, u64::from(i)).map_err(failed)?;
                    prev = Some((p, i));
                }
            }
        }
        duplicates.sort_unstable();
        let fst = Fst::new(builder.into_inner().map_err(failed)?).map_err(failed)?;
        Ok(PatternFst::derive(fst, duplicates, n))
    }

    /// The stored parts, for the compiled format: the fst's bytes and the
    /// duplicates.
    pub(crate) fn parts(&self) -> (&[u8], &[(u32, u32)]) {
        (self.fst.as_bytes(), &self.duplicates)
    }

    /// A map from stored parts, checked: the fst's own header and
    /// checksum, its key count and the duplicate list. The values are
    /// checked as the walk reads them (a value that names no pattern ends
    /// the walk), which saves reading every key on load.
    pub(crate) fn from_parts(
        bytes: Vec<u8>,
        duplicates: Vec<(u32, u32)>,
        patterns: usize,
    ) -> Result<PatternFst, Invalid> {
        let fst = Fst::new(bytes).map_err(|_| Invalid("the pattern map has no valid header"))?;
        fst.verify()
            .map_err(|_| Invalid("the pattern map does not match its checksum"))?;
        let mut prev = None;
        for &(low, p) in &duplicates {
            if p as usize >= patterns || p <= low || prev.is_some_and(|q| q >= (low, p)) {
                return Err(Invalid("the duplicate list is invalid"));
            }
            prev = Some((low, p));
        }
        if fst.len() + duplicates.len() != patterns {
            return Err(Invalid("the pattern map does not cover the patterns"));
        }
        Ok(PatternFst::derive(fst, duplicates, patterns))
    }

    fn derive(fst: Fst<Vec<u8>>, duplicates: Vec<(u32, u32)>, patterns: usize) -> PatternFst {
        let mark = child(&fst.root(), MARK);
        let mut prefix3 = Vec::new();
        let mut pair = Vec::new();
        // Every node three bytes below the mark node; none of the nodes on
        // the way may end a pattern, and addresses and outputs must fit the
        // pair table.
        if let Some((m, mark_out)) = mark {
            let mut bits = vec![0u64; 1 << 10];
            let mut pairs = vec![NONE; 1 << 16];
            let mark_node = fst.node(m);
            let mut short = mark_node.is_final() || u32::try_from(fst.as_bytes().len()).is_err();
            for ta in mark_node.transitions() {
                let a = fst.node(ta.addr);
                short |= a.is_final();
                for tb in a.transitions() {
                    let b = fst.node(tb.addr);
                    short |= b.is_final();
                    let out = mark_out
                        .saturating_add(ta.out.value())
                        .saturating_add(tb.out.value());
                    short |= u32::try_from(out).is_err();
                    pairs[usize::from(ta.inp) | usize::from(tb.inp) << 8] =
                        (tb.addr as u64) << 32 | out;
                    for tc in b.transitions() {
                        let bit = prefix3_bit(&[ta.inp, tb.inp, tc.inp]);
                        bits[bit / 64] |= 1 << (bit % 64);
                    }
                }
            }
            if !short {
                prefix3 = bits;
                pair = pairs;
            }
        }
        PatternFst {
            fst,
            patterns,
            duplicates,
            mark,
            prefix3,
            pair,
        }
    }

    /// Whether a pattern can start at the mark at `start` of `hay`, by the
    /// three bytes after the mark (`true` when that cannot be told).
    #[inline]
    pub(crate) fn may_start(&self, hay: &[u8], start: usize) -> bool {
        match hay.get(start + 1..start + 4) {
            Some(three) if !self.prefix3.is_empty() => {
                let bit = prefix3_bit(three);
                self.prefix3[bit / 64] & (1 << (bit % 64)) != 0
            }
            _ => true,
        }
    }

    /// Every pattern that starts at `start` of `hay` (where `hay[start]` is
    /// the mark), as `(end, pattern)` in order of increasing end, into
    /// `out`. Duplicate patterns are left out unless `all`.
    #[inline]
    pub(crate) fn walk(&self, hay: &[u8], start: usize, all: bool, out: &mut Vec<(usize, u32)>) {
        let Some((mut addr, mut acc)) = self.mark else {
            return;
        };
        let mut i = start + 1;
        // No pattern ends within two bytes of the mark: start below them.
        if let (false, Some(&[b1, b2])) = (self.pair.is_empty(), hay.get(i..i + 2)) {
            let e = self.pair[usize::from(b1) | usize::from(b2) << 8];
            if e == NONE {
                return;
            }
            addr = (e >> 32) as usize;
            acc = e & 0xffff_ffff;
            i += 2;
        }
        loop {
            let node = self.fst.node(addr);
            if node.is_final() {
                let v = acc.saturating_add(node.final_output().value());
                if v >= self.patterns as u64 {
                    break;
                }
                let p = v as u32;
                out.push((i, p));
                if all {
                    let k = self.duplicates.partition_point(|&(n, _)| n < p);
                    for &(n, d) in &self.duplicates[k..] {
                        if n != p {
                            break;
                        }
                        out.push((i, d));
                    }
                }
            }
            let Some(&b) = hay.get(i) else { break };
            let Some((next, o)) = child(&node, b) else {
                break;
            };
            addr = next;
            acc = acc.saturating_add(o);
            i += 1;
        }
    }

    /// Whether some pattern starts with two marks (a name that starts with
    /// punctuation): then a walk must start at every mark, not only at the
    /// last one before a word.
    pub(crate) fn has_mark_mark(&self) -> bool {
        self.mark
            .is_some_and(|(m, _)| self.fst.node(m).find_input(MARK).is_some())
    }
}
