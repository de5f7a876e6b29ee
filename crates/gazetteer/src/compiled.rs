//! The compiled gazetteer format: everything [`Gazetteer::new`] computes
//! (entities, the folded and deduplicated patterns as a trie, the targets
//! of every pattern), so that loading skips parsing, variant generation,
//! folding and trie construction. Layout in `docs/FORMATS.md`.
//!
//! All integers are little endian. A file is
//!
//! ```text
//! magic "WLGAZ\0\r\n" · format version u32 · crate version (u32 length, UTF-8)
//! payload (sections below) · payload length u64 · payload checksum u64
//! ```
//!
//! Loading checks the magic, both versions, the length and the checksum,
//! then every count, index and enum value of the payload, so a corrupt,
//! truncated or foreign file gives a [`CompiledError`], never a panic.

use std::io::{self, Write};

use crate::entity::{Entity, EntityType, Role};
use crate::error::{CompiledError, Error};
use crate::matcher::{Gazetteer, Inner, Target};
use crate::trie::Trie;
use crate::variants::{Case, Form};

/// The first bytes of every compiled gazetteer file.
pub(crate) const MAGIC: &[u8; 8] = b"WLGAZ\0\r\n";
/// The version of the layout written by this crate (2: entities have
/// `acts_for`).
pub(crate) const FORMAT_VERSION: u32 = 2;
/// The crate version written into and required from compiled files:
/// variant generation and folding may change between versions.
const CRATE_VERSION: &str = env!("CARGO_PKG_VERSION");
/// "No string" in an optional string field.
const NONE_LEN: u32 = u32::MAX;

/// Whether `bytes` start like a compiled gazetteer.
pub(crate) fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The payload checksum: a multiply-rotate hash over 8-byte words, then
/// the remaining bytes. Chunks fed to [`Checksum::update`] must be
/// multiples of eight bytes, except the last.
#[derive(Clone, Copy)]
struct Checksum(u64);

impl Checksum {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    fn new() -> Checksum {
        Checksum(0x243f_6a88_85a3_08d3)
    }

    fn update(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for c in &mut words {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(23) ^ w).wrapping_mul(Checksum::K);
        }
        for &b in words.remainder() {
            self.0 = (self.0.rotate_left(23) ^ u64::from(b)).wrapping_mul(Checksum::K);
        }
    }

    fn finish(self, len: u64) -> u64 {
        let mut x = self.0 ^ len;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

/// Writes the payload through a buffer, hashing it on the way.
struct PayloadWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
    sum: Checksum,
    len: u64,
}

impl<W: Write> PayloadWriter<W> {
    const CHUNK: usize = 1 << 20;

    fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= PayloadWriter::<W>::CHUNK {
            self.flush_chunks()?;
        }
        Ok(())
    }

    /// Writes and hashes the whole 8-byte words of the buffer.
    fn flush_chunks(&mut self) -> io::Result<()> {
        let whole = self.buf.len() / 8 * 8;
        self.sum.update(&self.buf[..whole]);
        self.inner.write_all(&self.buf[..whole])?;
        self.len += whole as u64;
        self.buf.drain(..whole);
        Ok(())
    }

    fn u8(&mut self, x: u8) -> io::Result<()> {
        self.bytes(&[x])
    }

    fn u32(&mut self, x: u32) -> io::Result<()> {
        self.bytes(&x.to_le_bytes())
    }

    fn len(&mut self, n: usize) -> io::Result<()> {
        let n = u32::try_from(n).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "a section has 2^32 or more items",
            )
        })?;
        self.u32(n)
    }

    fn str(&mut self, s: &str) -> io::Result<()> {
        self.len(s.len())?;
        self.bytes(s.as_bytes())
    }

    fn opt_str(&mut self, s: Option<&str>) -> io::Result<()> {
        match s {
            Some(s) => self.str(s),
            None => self.u32(NONE_LEN),
        }
    }

    fn u32s(&mut self, xs: &[u32]) -> io::Result<()> {
        self.len(xs.len())?;
        for chunk in xs.chunks(1 << 14) {
            for x in chunk {
                self.buf.extend_from_slice(&x.to_le_bytes());
            }
            if self.buf.len() >= PayloadWriter::<W>::CHUNK {
                self.flush_chunks()?;
            }
        }
        Ok(())
    }

    /// Writes the rest and the trailer (payload length, checksum).
    fn finish(mut self) -> io::Result<W> {
        self.sum.update(&self.buf);
        self.inner.write_all(&self.buf)?;
        self.len += self.buf.len() as u64;
        let sum = self.sum.finish(self.len);
        self.inner.write_all(&self.len.to_le_bytes())?;
        self.inner.write_all(&sum.to_le_bytes())?;
        Ok(self.inner)
    }
}

fn kind_code(k: EntityType) -> u8 {
    match k {
        EntityType::Per => 0,
        EntityType::Org => 1,
        EntityType::Gpe => 2,
        EntityType::Loc => 3,
        EntityType::Norp => 4,
        EntityType::Event => 5,
        EntityType::Misc => 6,
    }
}

fn kind_of(c: u8) -> Result<EntityType, CompiledError> {
    Ok(match c {
        0 => EntityType::Per,
        1 => EntityType::Org,
        2 => EntityType::Gpe,
        3 => EntityType::Loc,
        4 => EntityType::Norp,
        5 => EntityType::Event,
        6 => EntityType::Misc,
        _ => return Err(CompiledError::Invalid("unknown entity type")),
    })
}

fn form_code(f: Form) -> u8 {
    match f {
        Form::Name => 0,
        Form::Genitive => 1,
        Form::Adjective => 2,
        Form::Demonym => 3,
        Form::Short => 4,
    }
}

fn form_of(c: u8) -> Result<Form, CompiledError> {
    Ok(match c {
        0 => Form::Name,
        1 => Form::Genitive,
        2 => Form::Adjective,
        3 => Form::Demonym,
        4 => Form::Short,
        _ => return Err(CompiledError::Invalid("unknown form")),
    })
}

fn case_code(c: Case) -> u8 {
    match c {
        Case::Any => 0,
        Case::Initial => 1,
        Case::Exact => 2,
    }
}

fn case_of(c: u8) -> Result<Case, CompiledError> {
    Ok(match c {
        0 => Case::Any,
        1 => Case::Initial,
        2 => Case::Exact,
        _ => return Err(CompiledError::Invalid("unknown case rule")),
    })
}

/// Writes `g` in the compiled format.
pub(crate) fn write<W: Write>(g: &Inner, mut out: W) -> io::Result<W> {
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes())?;
    out.write_all(&(CRATE_VERSION.len() as u32).to_le_bytes())?;
    out.write_all(CRATE_VERSION.as_bytes())?;
    let mut w = PayloadWriter {
        inner: out,
        buf: Vec::with_capacity(PayloadWriter::<W>::CHUNK + (1 << 16)),
        sum: Checksum::new(),
        len: 0,
    };
    // Entities.
    w.len(g.entities.len())?;
    for e in &g.entities {
        w.str(&e.id)?;
        w.u8(kind_code(e.kind))?;
        w.str(&e.name)?;
        w.len(e.aliases.len())?;
        for a in &e.aliases {
            w.str(a)?;
        }
        w.opt_str(e.qid.as_deref())?;
        w.opt_str(e.country.as_deref())?;
        w.opt_str(e.acts_for.as_deref())?;
        match &e.role {
            Some(r) => {
                w.u8(1)?;
                w.str(&r.title)?;
                w.opt_str(r.as_of.as_deref())?;
            }
            None => w.u8(0)?,
        }
        w.opt_str(e.adjective.as_deref())?;
        w.opt_str(e.demonym.as_deref())?;
        w.len(e.short.len())?;
        for s in &e.short {
            w.str(s)?;
        }
    }
    // Patterns: closing marks, target ranges, targets.
    w.len(g.closed.len())?;
    for &c in &g.closed {
        w.u8(u8::from(c))?;
    }
    w.u32s(&g.target_start)?;
    w.len(g.targets.len())?;
    for t in &g.targets {
        w.u32(t.entity)?;
        w.bytes(&[form_code(t.form), kind_code(t.kind), case_code(t.case)])?;
        w.str(&t.surface)?;
    }
    // The trie: labels, child counts (LEB128; most nodes have one child or
    // none), the nodes that end a pattern, duplicates.
    let (first_child, label, terminal, duplicates) = g.trie.parts();
    w.len(label.len())?;
    w.bytes(label)?;
    let mut varints = Vec::with_capacity(label.len());
    for pair in first_child.windows(2) {
        let mut c = pair[1] - pair[0];
        while c >= 0x80 {
            varints.push((c as u8 & 0x7f) | 0x80);
            c >>= 7;
        }
        varints.push(c as u8);
    }
    w.bytes(&varints)?;
    drop(varints);
    let ends: Vec<u32> = terminal
        .iter()
        .enumerate()
        .filter(|(_, &t)| t != 0)
        .flat_map(|(n, &t)| [n as u32, t])
        .collect();
    w.len(ends.len() / 2)?;
    for &x in &ends {
        w.u32(x)?;
    }
    w.len(duplicates.len())?;
    for &(n, p) in duplicates {
        w.u32(n)?;
        w.u32(p)?;
    }
    w.finish()
}

/// Reads a payload, checking every length against what is left.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], CompiledError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or(CompiledError::Invalid("a section runs past the end"))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn left(&self) -> usize {
        self.b.len() - self.pos
    }

    fn u8(&mut self) -> Result<u8, CompiledError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, CompiledError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A count of items of at least `min_size` bytes each.
    fn count(&mut self, min_size: usize) -> Result<usize, CompiledError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.left() {
            return Err(CompiledError::Invalid("a count exceeds the file"));
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<&'a str, CompiledError> {
        let n = self.count(1)?;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| CompiledError::Invalid("a string is not UTF-8"))
    }

    fn opt_str(&mut self) -> Result<Option<String>, CompiledError> {
        let n = self.u32()?;
        if n == NONE_LEN {
            return Ok(None);
        }
        let b = self.take(n as usize)?;
        std::str::from_utf8(b)
            .map(|s| Some(s.to_string()))
            .map_err(|_| CompiledError::Invalid("a string is not UTF-8"))
    }

    fn strings(&mut self) -> Result<Vec<String>, CompiledError> {
        let n = self.count(4)?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    fn u32s(&mut self) -> Result<Vec<u32>, CompiledError> {
        let n = self.count(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
}

/// Reads a compiled gazetteer.
pub(crate) fn read(bytes: &[u8]) -> Result<Gazetteer, Error> {
    read_inner(bytes).map_err(Error::Compiled)
}

fn read_inner(bytes: &[u8]) -> Result<Gazetteer, CompiledError> {
    if !is_compiled(bytes) {
        return Err(CompiledError::NotCompiled);
    }
    let mut head = Reader { b: bytes, pos: 0 };
    head.take(MAGIC.len())?;
    let truncated = |_| CompiledError::Truncated;
    let version = head.u32().map_err(truncated)?;
    if version != FORMAT_VERSION {
        return Err(CompiledError::FormatVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let n = head.u32().map_err(truncated)? as usize;
    let crate_version = head.take(n).map_err(truncated)?;
    if crate_version != CRATE_VERSION.as_bytes() {
        return Err(CompiledError::CrateVersion {
            found: String::from_utf8_lossy(crate_version).into_owned(),
            expected: CRATE_VERSION.to_string(),
        });
    }
    // Trailer: payload length and checksum.
    let rest = &bytes[head.pos..];
    let Some(payload_len) = rest.len().checked_sub(16) else {
        return Err(CompiledError::Truncated);
    };
    let (payload, trailer) = rest.split_at(payload_len);
    let t = |k: usize| {
        u64::from_le_bytes([
            trailer[k],
            trailer[k + 1],
            trailer[k + 2],
            trailer[k + 3],
            trailer[k + 4],
            trailer[k + 5],
            trailer[k + 6],
            trailer[k + 7],
        ])
    };
    if t(0) != payload_len as u64 {
        return Err(CompiledError::Truncated);
    }
    let mut sum = Checksum::new();
    sum.update(payload);
    if sum.finish(payload_len as u64) != t(8) {
        return Err(CompiledError::Checksum);
    }
    let mut r = Reader { b: payload, pos: 0 };
    // Entities.
    let count = r.count(16)?;
    let mut entities = Vec::with_capacity(count);
    for _ in 0..count {
        let id = r.str()?.to_string();
        let kind = kind_of(r.u8()?)?;
        let name = r.str()?.to_string();
        let mut e = Entity::new(id, kind, name);
        e.aliases = r.strings()?;
        e.qid = r.opt_str()?;
        e.country = r.opt_str()?;
        e.acts_for = r.opt_str()?;
        e.role = match r.u8()? {
            0 => None,
            1 => Some(Role {
                title: r.str()?.to_string(),
                as_of: r.opt_str()?,
            }),
            _ => return Err(CompiledError::Invalid("bad role flag")),
        };
        e.adjective = r.opt_str()?;
        e.demonym = r.opt_str()?;
        e.short = r.strings()?;
        entities.push(e);
    }
    // Patterns.
    let patterns = r.count(1)?;
    let closed = r
        .take(patterns)?
        .iter()
        .map(|&b| match b {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(CompiledError::Invalid("bad closing-mark flag")),
        })
        .collect::<Result<Vec<bool>, _>>()?;
    let target_start = r.u32s()?;
    let count = r.count(11)?;
    let mut targets = Vec::with_capacity(count);
    for _ in 0..count {
        let entity = r.u32()?;
        if entity as usize >= entities.len() {
            return Err(CompiledError::Invalid(
                "a target names an entity that does not exist",
            ));
        }
        let form = form_of(r.u8()?)?;
        let kind = kind_of(r.u8()?)?;
        let case = case_of(r.u8()?)?;
        let surface = r.str()?.into();
        targets.push(Target {
            entity,
            form,
            kind,
            case,
            surface,
        });
    }
    if target_start.len() != patterns + 1
        || target_start.first() != Some(&0)
        || target_start.last().map(|&l| l as usize) != Some(targets.len())
        || target_start.windows(2).any(|w| w[0] > w[1])
    {
        return Err(CompiledError::Invalid(
            "target ranges do not fit the targets",
        ));
    }
    // The trie.
    let nodes = r.count(2)?;
    let label = r.take(nodes)?.to_vec();
    let mut first_child = Vec::with_capacity(nodes + 1);
    let mut next = 1u64;
    for _ in 0..nodes {
        first_child
            .push(u32::try_from(next).map_err(|_| CompiledError::Invalid("too many trie nodes"))?);
        let mut count = 0u64;
        let mut shift = 0;
        loop {
            let b = r.u8()?;
            count |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
            if shift > 28 {
                return Err(CompiledError::Invalid("a child count is too long"));
            }
        }
        next += count;
    }
    first_child
        .push(u32::try_from(next).map_err(|_| CompiledError::Invalid("too many trie nodes"))?);
    let mut terminal = vec![0u32; nodes];
    let ends = r.count(8)?;
    let mut last = None;
    for _ in 0..ends {
        let (node, t) = (r.u32()?, r.u32()?);
        if last.is_some_and(|l| l >= node) || t == 0 {
            return Err(CompiledError::Invalid("trie end list is invalid"));
        }
        *terminal
            .get_mut(node as usize)
            .ok_or(CompiledError::Invalid(
                "trie end list names a node that does not exist",
            ))? = t;
        last = Some(node);
    }
    let n = r.count(8)?;
    let mut duplicates = Vec::with_capacity(n);
    for _ in 0..n {
        duplicates.push((r.u32()?, r.u32()?));
    }
    if r.left() != 0 {
        return Err(CompiledError::Invalid("bytes left after the last section"));
    }
    let trie = Trie::from_parts(first_child, label, terminal, duplicates, patterns)
        .map_err(|e| CompiledError::Invalid(e.0))?;
    Ok(Gazetteer::from_inner(Inner {
        entities,
        by_id: std::sync::OnceLock::new(),
        every_mark: trie.has_mark_mark(),
        trie,
        closed,
        target_start,
        targets,
    }))
}

/// Recomputes the trailer of a compiled file after its payload was
/// changed, so that tests reach the checks behind the checksum.
#[cfg(test)]
pub(crate) fn reseal(bytes: &mut [u8]) {
    let head = MAGIC.len() + 8 + CRATE_VERSION.len();
    if bytes.len() < head + 16 {
        return;
    }
    let end = bytes.len() - 16;
    let mut sum = Checksum::new();
    sum.update(&bytes[head..end]);
    let len = (end - head) as u64;
    bytes[end..end + 8].copy_from_slice(&len.to_le_bytes());
    bytes[end + 8..].copy_from_slice(&sum.finish(len).to_le_bytes());
}
