//! The pattern trie: every pattern starts with the word-start mark, so a
//! match can only begin at a mark of the search haystack. Instead of an
//! Aho-Corasick automaton (whose failure transitions would only lead back to
//! the mark state), the matcher walks a plain trie from every mark: all
//! patterns that start there are found, in order of their length. The trie
//! needs no failure links, so it builds in one pass over the sorted
//! patterns, is a few plain integer arrays (9 bytes a node), and loads from
//! a compiled file after a bounds check of those arrays.

use crate::matcher::MARK;

/// No node (the root is never a child).
const NONE: u32 = 0;

/// Nodes with more children than this get a dense 256-entry table.
const DENSE_MIN: usize = 12;
/// At most this many dense tables (1 KB each).
const DENSE_MAX: usize = 4096;

/// A byte trie in breadth-first order: the children of node `n` are the
/// nodes `first_child[n]..first_child[n + 1]`, sorted by their `label`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Trie {
    first_child: Vec<u32>,
    label: Vec<u8>,
    /// `pattern + 1` of the (lowest-numbered) pattern that ends at a node,
    /// 0 for none.
    terminal: Vec<u32>,
    /// Further patterns with the same bytes as a lower-numbered one:
    /// `(node, pattern)`, sorted.
    duplicates: Vec<(u32, u32)>,
    /// Derived: dense child tables of the nodes with many children.
    dense_of: Vec<u32>,
    dense: Vec<[u32; 256]>,
    /// Derived: the node after the root's mark edge.
    mark_node: u32,
    /// Derived: a bit set of (hashed) first three bytes after the mark of
    /// every pattern, empty when some pattern is shorter.
    prefix3: Vec<u64>,
    /// Derived, with `prefix3`: the node two bytes below the mark node, by
    /// those two bytes (`b1 | b2 << 8`), so a walk starts there.
    pair: Vec<u32>,
}

/// The bit of `prefix3` for three bytes.
#[inline]
fn prefix3_bit(b: &[u8]) -> usize {
    let k = u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
    (k.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// The length of the common prefix of two byte strings, eight bytes at a
/// time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n {
        let x = u64::from_le_bytes([
            a[i],
            a[i + 1],
            a[i + 2],
            a[i + 3],
            a[i + 4],
            a[i + 5],
            a[i + 6],
            a[i + 7],
        ]);
        let y = u64::from_le_bytes([
            b[i],
            b[i + 1],
            b[i + 2],
            b[i + 3],
            b[i + 4],
            b[i + 5],
            b[i + 6],
            b[i + 7],
        ]);
        if x != y {
            return i + ((x ^ y).trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// Why arrays read from a file do not form a trie.
#[derive(Debug)]
pub(crate) struct Invalid(pub(crate) &'static str);

impl Trie {
    /// Builds the trie of the patterns `arena[offsets[i]..offsets[i + 1]]`.
    ///
    /// The patterns are sorted and copied in order; the nodes are then made
    /// level by level (breadth first) from the lengths of the patterns and
    /// their common prefixes with the pattern before them, in sequential
    /// passes over small arrays.
    pub(crate) fn build(arena: &[u8], offsets: &[u32]) -> Trie {
        let n = offsets.len().saturating_sub(1);
        let pat = |i: u32| -> &[u8] {
            let i = i as usize;
            &arena[offsets[i] as usize..offsets[i + 1] as usize]
        };
        // Sort by the first sixteen bytes after the leading mark (big
        // endian, so integer order is byte order; shorter patterns padded
        // with zeros), then, on a tie, by all bytes and the pattern number:
        // most comparisons need no access to the scattered patterns.
        let key = |p: &[u8]| {
            let mut k = [0u8; 16];
            let rest = p.get(1..).unwrap_or_default();
            let m = rest.len().min(16);
            k[..m].copy_from_slice(&rest[..m]);
            u128::from_be_bytes(k)
        };
        let mut keyed: Vec<(u128, u32)> = (0..n as u32).map(|i| (key(pat(i)), i)).collect();
        keyed.sort_unstable();
        // Runs with the same key: by all bytes, then the pattern number.
        let mut run = 0;
        while run < keyed.len() {
            let k = keyed[run].0;
            let end = run + keyed[run..].partition_point(|e| e.0 == k);
            if end - run > 1 {
                keyed[run..end].sort_unstable_by(|a, b| pat(a.1).cmp(pat(b.1)).then(a.1.cmp(&b.1)));
            }
            run = end;
        }
        let order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
        // The sorted patterns, one after the other.
        let mut sorted: Vec<u8> = Vec::with_capacity(arena.len());
        let mut start: Vec<u32> = Vec::with_capacity(n);
        let mut len: Vec<u32> = Vec::with_capacity(n);
        let mut lcp: Vec<u32> = Vec::with_capacity(n);
        let mut prev: &[u8] = &[];
        for &i in &order {
            let p = pat(i);
            start.push(sorted.len() as u32);
            len.push(p.len() as u32);
            lcp.push(common_prefix(p, prev) as u32);
            sorted.extend_from_slice(p);
            prev = p;
        }
        // Nodes per depth: pattern k makes the nodes at depths
        // lcp[k] + 1 ..= len[k] (a difference array, then prefix sums).
        let max_depth = len.iter().copied().max().unwrap_or(0) as usize;
        let mut level_start = vec![0u32; max_depth + 2];
        for k in 0..n {
            level_start[lcp[k] as usize + 1] = level_start[lcp[k] as usize + 1].wrapping_add(1);
            level_start[len[k] as usize + 1] = level_start[len[k] as usize + 1].wrapping_sub(1);
        }
        // level_start[d] = number of nodes at depth d, then the first id.
        let mut running = 0u32;
        for c in level_start.iter_mut().skip(1) {
            running = running.wrapping_add(*c);
            *c = running;
        }
        let mut first = 1u32;
        level_start[0] = 0;
        for c in level_start.iter_mut().skip(1) {
            let count = *c;
            *c = first;
            first += count;
        }
        let nodes = first as usize;
        // One pass in sorted (depth-first) order; breadth-first ids come
        // from the per-depth counters, since breadth-first order is depth,
        // then path in byte order.
        let mut label: Vec<u8> = vec![0; nodes];
        let mut terminal: Vec<u32> = vec![0; nodes];
        let mut parent: Vec<u32> = vec![0; nodes];
        let mut duplicates = Vec::new();
        let mut next = level_start;
        let mut path = vec![0u32; max_depth + 1];
        for k in 0..n {
            let (l, e) = (lcp[k] as usize, len[k] as usize);
            for d in l + 1..=e {
                let id = next[d];
                next[d] += 1;
                label[id as usize] = sorted[start[k] as usize + d - 1];
                parent[id as usize] = path[d - 1];
                path[d] = id;
            }
            let node = path[e] as usize;
            if terminal[node] == 0 {
                terminal[node] = order[k] + 1;
            } else {
                duplicates.push((node as u32, order[k]));
            }
        }
        duplicates.sort_unstable();
        drop((sorted, start, len, lcp, order, next, path));
        // Children are contiguous and in parent order: first_child from the
        // parents.
        let nodes = label.len();
        let mut first_child: Vec<u32> = Vec::with_capacity(nodes + 1);
        for (k, &p) in parent.iter().enumerate().skip(1) {
            while first_child.len() <= p as usize {
                first_child.push(k as u32);
            }
        }
        while first_child.len() <= nodes {
            first_child.push(nodes as u32);
        }
        let mut t = Trie {
            first_child,
            label,
            terminal,
            duplicates,
            ..Trie::default()
        };
        t.derive();
        t
    }

    /// The stored arrays, for the compiled format: first children,
    /// labels, terminals, duplicates.
    #[allow(clippy::type_complexity)]
    pub(crate) fn parts(&self) -> (&[u32], &[u8], &[u32], &[(u32, u32)]) {
        (
            &self.first_child,
            &self.label,
            &self.terminal,
            &self.duplicates,
        )
    }

    /// A trie from stored arrays, checked so that no walk can index out of
    /// bounds or report a pattern that does not exist.
    pub(crate) fn from_parts(
        first_child: Vec<u32>,
        label: Vec<u8>,
        terminal: Vec<u32>,
        duplicates: Vec<(u32, u32)>,
        patterns: usize,
    ) -> Result<Trie, Invalid> {
        let nodes = label.len();
        if nodes == 0 || terminal.len() != nodes || first_child.len() != nodes + 1 {
            return Err(Invalid("trie arrays of different lengths"));
        }
        if first_child[0] != 1 || first_child[nodes] as usize != nodes {
            return Err(Invalid("trie child ranges do not cover the nodes"));
        }
        for (n, w) in first_child.windows(2).enumerate() {
            // Children come after their parent and ranges do not decrease.
            if w[0] > w[1] || w[1] as usize > nodes || (w[0] as usize) <= n && w[1] > w[0] {
                return Err(Invalid("trie child ranges out of order"));
            }
            let kids = &label[w[0] as usize..w[1] as usize];
            if kids.windows(2).any(|p| p[0] >= p[1]) {
                return Err(Invalid("trie child labels not sorted"));
            }
        }
        if terminal.iter().any(|&t| t as usize > patterns) {
            return Err(Invalid("trie names a pattern that does not exist"));
        }
        let mut prev = None;
        for &(node, p) in &duplicates {
            if node as usize >= nodes
                || p as usize >= patterns
                || terminal[node as usize] == 0
                || prev.is_some_and(|q| q >= (node, p))
            {
                return Err(Invalid("trie duplicate list is invalid"));
            }
            prev = Some((node, p));
        }
        let mut t = Trie {
            first_child,
            label,
            terminal,
            duplicates,
            ..Trie::default()
        };
        t.derive();
        Ok(t)
    }

    fn derive(&mut self) {
        let nodes = self.label.len();
        self.dense_of = Vec::new();
        self.dense = Vec::new();
        let mut dense_of = vec![u32::MAX; nodes];
        for (n, slot) in dense_of.iter_mut().enumerate() {
            let (lo, hi) = (
                self.first_child[n] as usize,
                self.first_child[n + 1] as usize,
            );
            if hi - lo >= DENSE_MIN && self.dense.len() < DENSE_MAX {
                let mut table = [NONE; 256];
                for (c, &l) in self.label[lo..hi].iter().enumerate() {
                    table[l as usize] = (lo + c) as u32;
                }
                *slot = self.dense.len() as u32;
                self.dense.push(table);
            }
        }
        // Dense nodes are shallow, so low numbers in breadth-first order:
        // the table ends after the last one, and deeper nodes skip it.
        let used = dense_of
            .iter()
            .rposition(|&d| d != u32::MAX)
            .map_or(0, |k| k + 1);
        dense_of.truncate(used);
        self.dense_of = if self.dense.is_empty() {
            Vec::new()
        } else {
            dense_of
        };
        self.mark_node = self.sparse_child(0, MARK);
        self.prefix3 = Vec::new();
        // Every node three bytes below the mark node; none of the nodes on
        // the way may end a pattern.
        let kids = |n: u32| self.first_child[n as usize]..self.first_child[n as usize + 1];
        let mut bits = vec![0u64; 1 << 10];
        let mut pair = vec![NONE; 1 << 16];
        let mut short = self.mark_node == NONE || self.terminal[self.mark_node as usize] != 0;
        if !short {
            for a in kids(self.mark_node) {
                short |= self.terminal[a as usize] != 0;
                for b in kids(a) {
                    short |= self.terminal[b as usize] != 0;
                    pair[usize::from(self.label[a as usize])
                        | usize::from(self.label[b as usize]) << 8] = b;
                    for c in kids(b) {
                        let key = [
                            self.label[a as usize],
                            self.label[b as usize],
                            self.label[c as usize],
                        ];
                        let bit = prefix3_bit(&key);
                        bits[bit / 64] |= 1 << (bit % 64);
                    }
                }
            }
        }
        self.pair = Vec::new();
        if !short {
            self.prefix3 = bits;
            self.pair = pair;
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

    #[inline]
    fn sparse_child(&self, node: u32, b: u8) -> u32 {
        let n = node as usize;
        let (lo, hi) = (
            self.first_child[n] as usize,
            self.first_child[n + 1] as usize,
        );
        let kids = &self.label[lo..hi];
        if kids.len() <= 8 {
            for (k, &l) in kids.iter().enumerate() {
                if l == b {
                    return (lo + k) as u32;
                }
                if l > b {
                    break;
                }
            }
            NONE
        } else {
            match kids.binary_search(&b) {
                Ok(k) => (lo + k) as u32,
                Err(_) => NONE,
            }
        }
    }

    #[inline]
    fn child(&self, node: u32, b: u8) -> u32 {
        if let Some(&d) = self.dense_of.get(node as usize) {
            if d != u32::MAX {
                return self.dense[d as usize][b as usize];
            }
        }
        self.sparse_child(node, b)
    }

    /// Every pattern that starts at `start` of `hay` (where `hay[start]` is
    /// the mark), as `(end, pattern)` in order of increasing end, into
    /// `out`. Duplicate patterns are left out unless `all`.
    #[inline]
    pub(crate) fn walk(&self, hay: &[u8], start: usize, all: bool, out: &mut Vec<(usize, u32)>) {
        let mut node = self.mark_node;
        let mut i = start + 1;
        // No pattern ends within two bytes of the mark: start below them.
        if let (false, Some(&[b1, b2])) = (self.pair.is_empty(), hay.get(i..i + 2)) {
            node = self.pair[usize::from(b1) | usize::from(b2) << 8];
            i += 2;
        }
        while node != NONE {
            let t = self.terminal[node as usize];
            if t != 0 {
                out.push((i, t - 1));
                if all {
                    let k = self.duplicates.partition_point(|&(n, _)| n < node);
                    for &(n, p) in &self.duplicates[k..] {
                        if n != node {
                            break;
                        }
                        out.push((i, p));
                    }
                }
            }
            let Some(&b) = hay.get(i) else { break };
            node = self.child(node, b);
            i += 1;
        }
    }

    /// Whether some pattern starts with two marks (a name that starts with
    /// punctuation): then a walk must start at every mark, not only at the
    /// last one before a word.
    pub(crate) fn has_mark_mark(&self) -> bool {
        self.mark_node != NONE && self.sparse_child(self.mark_node, MARK) != NONE
    }
}
