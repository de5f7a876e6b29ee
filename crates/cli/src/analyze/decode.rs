//! Decoding input to UTF-8 (`--encoding`): byte order marks, UTF-16,
//! Windows-1252 and Latin-1, and input that is not text at all.
//!
//! A document decoded from another encoding is analysed as its UTF-8 text
//! and gets one repair over the whole document that names the encoding
//! (`decoded_windows_1252`, `decoded_latin_1`, `decoded_utf_16le`,
//! `decoded_utf_16be`); its offsets refer to the decoded text
//! (docs/FORMATS.md). A byte order mark stays in a text file's decoded text
//! as U+FEFF, so that the normaliser reports it (an `invisible` repair) and
//! code-point offsets count it as the file does; in JSON Lines it is not
//! part of any record and is dropped.

use std::io::{BufRead, Read};

use clap::ValueEnum;
use wortlaut::RepairKind;

use super::input::DocError;

/// How input bytes are decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    /// A byte order mark decides; else UTF-16 is recognised by its zero
    /// bytes, valid (or mostly valid) UTF-8 is UTF-8, and bytes that are not
    /// UTF-8 but read as plausible Windows-1252 text are Windows-1252.
    /// Input that is mostly NUL and control bytes is an error record
    /// ("looks binary"). JSON Lines: only the byte order mark decides.
    Auto,
    /// UTF-8 (invalid sequences become U+FFFD, reported as repairs).
    #[value(name = "utf-8")]
    Utf8,
    /// Windows-1252 (the usual "Latin-1" of Western text files).
    #[value(name = "windows-1252")]
    Windows1252,
    /// ISO 8859-1: every byte is the code point of its value.
    #[value(name = "latin-1")]
    Latin1,
    /// UTF-16, little-endian.
    #[value(name = "utf-16le")]
    Utf16le,
    /// UTF-16, big-endian.
    #[value(name = "utf-16be")]
    Utf16be,
}

/// A document's UTF-8 bytes and the repair recording the encoding they
/// were decoded from, if not UTF-8.
pub type Decoded = (Vec<u8>, Option<RepairKind>);

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes one document's bytes. Returns UTF-8 bytes (possibly still with
/// invalid sequences, which the pipeline repairs) and the repair that
/// records a decoding from another encoding; or the error record of input
/// that looks binary (`Auto` only).
pub fn decode(bytes: Vec<u8>, encoding: Encoding) -> Result<Decoded, DocError> {
    let encoding = match encoding {
        Encoding::Auto => match detect(&bytes)? {
            Some(e) => e,
            None => return Ok((bytes, None)),
        },
        e => e,
    };
    Ok(match encoding {
        Encoding::Auto | Encoding::Utf8 => (bytes, None),
        Encoding::Latin1 => (
            bytes
                .iter()
                .map(|&b| char::from(b))
                .collect::<String>()
                .into_bytes(),
            Some(RepairKind::DecodedLatin1),
        ),
        Encoding::Windows1252 => (
            with(encoding_rs::WINDOWS_1252, &bytes),
            Some(RepairKind::DecodedWindows1252),
        ),
        Encoding::Utf16le => (
            with(encoding_rs::UTF_16LE, &bytes),
            Some(RepairKind::DecodedUtf16Le),
        ),
        Encoding::Utf16be => (
            with(encoding_rs::UTF_16BE, &bytes),
            Some(RepairKind::DecodedUtf16Be),
        ),
    })
}

/// Decodes keeping a byte order mark as U+FEFF.
fn with(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Vec<u8> {
    encoding
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
        .into_bytes()
}

/// The encoding `Auto` picks for a document: `None` for UTF-8 (valid or to
/// be repaired).
fn detect(bytes: &[u8]) -> Result<Option<Encoding>, DocError> {
    if bytes.starts_with(UTF8_BOM) {
        return Ok(None);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(Some(Encoding::Utf16le));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(Some(Encoding::Utf16be));
    }
    if let Some(e) = sniff_utf16(bytes) {
        return Ok(Some(e));
    }
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    // Text has next to no control bytes; random bytes have about 11 %.
    if controls.saturating_mul(20) > bytes.len() {
        return Err(DocError::new(
            "binary",
            format!(
                "looks binary: {controls} of {} bytes are NUL or control bytes; give text (or force a decoding with --encoding)",
                bytes.len()
            ),
        ));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(None);
    }
    let (multibyte, invalid) = utf8_stats(bytes);
    // Mostly UTF-8 with some damage: repaired as UTF-8.
    if multibyte >= invalid {
        return Ok(None);
    }
    let text = encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0;
    Ok(plausible(&text).then_some(Encoding::Windows1252))
}

/// A C0 control byte other than tab, line feed, form feed and carriage
/// return, or DEL.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f
}

/// UTF-16 without a byte order mark: most code units of Latin-script text
/// have a zero high byte, so zeros gather at odd (little-endian) or even
/// (big-endian) positions.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(1 << 16) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 2 >= units && even * 20 < units {
        Some(Encoding::Utf16le)
    } else if even * 2 >= units && odd * 20 < units {
        Some(Encoding::Utf16be)
    } else {
        None
    }
}

/// Non-ASCII characters of the valid UTF-8 parts, and invalid sequences.
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let non_ascii = |b: &[u8]| {
        std::str::from_utf8(b).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count())
    };
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return (multibyte + non_ascii(s.as_bytes()), invalid),
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                multibyte += non_ascii(good);
                invalid += 1;
                rest = &bad[e.error_len().unwrap_or(bad.len()).min(bad.len())..];
            }
        }
    }
}

/// Whether text decoded from single bytes reads like Western text: few
/// non-ASCII characters, nearly all of them letters or the usual
/// punctuation, no control characters.
fn plausible(text: &str) -> bool {
    const PUNCT: &str = "„“”‚‘’«»‹›–—…•·°§€£¥©®™±×÷¡¿´¨¸ªº²³¹¼½¾µ¶†‡‰\u{a0}\u{ad}";
    let (mut total, mut high, mut good) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c.is_ascii() {
            continue;
        }
        high += 1;
        if c.is_alphabetic() || PUNCT.contains(c) {
            good += 1;
        }
    }
    high * 10 <= total * 3 && good * 10 >= high * 9
}

/// Opens the decoding of a JSON Lines source: with `Auto` a byte order mark
/// decides (a UTF-8 one is skipped, UTF-16 is decoded); otherwise the given
/// encoding. Records are then read as UTF-8 lines.
pub fn jsonl_reader<'a>(
    mut reader: Box<dyn BufRead + 'a>,
    encoding: Encoding,
) -> std::io::Result<(Box<dyn BufRead + 'a>, Option<RepairKind>)> {
    let head = fill_at_least(&mut reader, 3)?;
    let rs = |e: &'static encoding_rs::Encoding| Decoding::Rs(e.new_decoder_with_bom_removal());
    let (decoding, kind) = match encoding {
        Encoding::Auto if head.starts_with(b"\xFF\xFE") => {
            (rs(encoding_rs::UTF_16LE), RepairKind::DecodedUtf16Le)
        }
        Encoding::Auto if head.starts_with(b"\xFE\xFF") => {
            (rs(encoding_rs::UTF_16BE), RepairKind::DecodedUtf16Be)
        }
        Encoding::Auto | Encoding::Utf8 => {
            if head.starts_with(UTF8_BOM) {
                reader.consume(UTF8_BOM.len());
            }
            return Ok((reader, None));
        }
        Encoding::Utf16le => (rs(encoding_rs::UTF_16LE), RepairKind::DecodedUtf16Le),
        Encoding::Utf16be => (rs(encoding_rs::UTF_16BE), RepairKind::DecodedUtf16Be),
        Encoding::Windows1252 => (
            Decoding::Rs(encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling()),
            RepairKind::DecodedWindows1252,
        ),
        Encoding::Latin1 => (Decoding::Latin1, RepairKind::DecodedLatin1),
    };
    let r = DecodeReader::new(reader, decoding);
    Ok((Box::new(std::io::BufReader::new(r)), Some(kind)))
}

/// The first bytes of a reader (at least `n` unless it ends before),
/// without consuming them.
fn fill_at_least(reader: &mut Box<dyn BufRead + '_>, n: usize) -> std::io::Result<Vec<u8>> {
    loop {
        match reader.fill_buf() {
            Ok(buf) => return Ok(buf[..buf.len().min(n)].to_vec()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

enum Decoding {
    Rs(encoding_rs::Decoder),
    Latin1,
}

/// A reader that decodes another encoding to UTF-8 as it goes (memory:
/// one chunk).
struct DecodeReader<R> {
    inner: R,
    decoding: Decoding,
    chunk: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: Read> DecodeReader<R> {
    fn new(inner: R, decoding: Decoding) -> DecodeReader<R> {
        DecodeReader {
            inner,
            decoding,
            chunk: vec![0; 64 * 1024],
            out: Vec::new(),
            pos: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.pos);
                buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.chunk)?;
            let last = n == 0;
            let input = &self.chunk[..n];
            self.out.clear();
            self.pos = 0;
            match &mut self.decoding {
                Decoding::Latin1 => {
                    let mut s = String::with_capacity(n * 2);
                    s.extend(input.iter().map(|&b| char::from(b)));
                    self.out = s.into_bytes();
                }
                Decoding::Rs(d) => {
                    let room = d
                        .max_utf8_buffer_length(n)
                        .unwrap_or(n.saturating_mul(3).saturating_add(16));
                    self.out.resize(room, 0);
                    // The output has room for all of the input, so it is
                    // consumed whole.
                    let (_, _, written, _) = d.decode_to_utf8(input, &mut self.out, last);
                    self.out.truncate(written);
                }
            }
            self.done = last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> Result<(String, Option<RepairKind>), DocError> {
        decode(bytes.to_vec(), Encoding::Auto)
            .map(|(b, k)| (String::from_utf8_lossy(&b).into_owned(), k))
    }

    #[test]
    fn detects_each_encoding() {
        let text = "Pjöngjang und das Südchinesische Meer – „Grüße“";
        assert_eq!(auto(text.as_bytes()).unwrap(), (text.to_string(), None));
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(
            auto(&cp1252).unwrap(),
            (text.to_string(), Some(RepairKind::DecodedWindows1252))
        );
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            auto(&le).unwrap(),
            (text.to_string(), Some(RepairKind::DecodedUtf16Le))
        );
        assert_eq!(
            auto(&be).unwrap(),
            (text.to_string(), Some(RepairKind::DecodedUtf16Be))
        );
        // With a byte order mark, which stays as U+FEFF.
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&le);
        assert_eq!(
            auto(&bom).unwrap(),
            (format!("\u{feff}{text}"), Some(RepairKind::DecodedUtf16Le))
        );
        let mut bom = UTF8_BOM.to_vec();
        bom.extend(text.as_bytes());
        assert_eq!(auto(&bom).unwrap().1, None);
    }

    #[test]
    fn damaged_utf8_stays_utf8_and_binary_is_refused() {
        let mut damaged = "Grüße aus Köln, München und Düsseldorf".as_bytes().to_vec();
        damaged.push(0xFC);
        assert_eq!(auto(&damaged).unwrap().1, None);
        // Pseudo-random bytes.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let random: Vec<u8> = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        assert_eq!(auto(&random).unwrap_err().kind, "binary");
        assert_eq!(auto(&[0u8; 64]).unwrap_err().kind, "binary");
        // Invalid UTF-8 that is not plausible Windows-1252 stays UTF-8 (to
        // be repaired).
        assert_eq!(auto(b"abc \x81\x8d\x8f\x90 def").unwrap().1, None);
    }

    #[test]
    fn forced_encodings() {
        let (b, k) = decode(vec![b'K', 0xF6, b'l', b'n', 0x80], Encoding::Latin1).unwrap();
        assert_eq!(String::from_utf8(b).unwrap(), "Köln\u{80}");
        assert_eq!(k, Some(RepairKind::DecodedLatin1));
        let (b, _) = decode(vec![b'K', 0xF6, b'l', b'n', 0x80], Encoding::Windows1252).unwrap();
        assert_eq!(String::from_utf8(b).unwrap(), "Köln€");
        let (b, k) = decode(vec![0xF6], Encoding::Utf8).unwrap();
        assert_eq!((b, k), (vec![0xF6], None));
    }

    #[test]
    fn jsonl_streams_are_decoded() {
        let lines = "{\"id\":\"a\",\"text\":\"Köln\"}\n{\"id\":\"b\",\"text\":\"Grüße\"}\n";
        let read = |bytes: Vec<u8>, e: Encoding| {
            let (mut r, k) = jsonl_reader(Box::new(std::io::Cursor::new(bytes)), e).unwrap();
            let mut s = String::new();
            r.read_to_string(&mut s).unwrap();
            (s, k)
        };
        let mut bom = UTF8_BOM.to_vec();
        bom.extend(lines.as_bytes());
        assert_eq!(read(bom, Encoding::Auto), (lines.to_string(), None));
        let mut le = vec![0xFF, 0xFE];
        le.extend(lines.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            read(le, Encoding::Auto),
            (lines.to_string(), Some(RepairKind::DecodedUtf16Le))
        );
        let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(lines);
        assert_eq!(
            read(cp.into_owned(), Encoding::Windows1252),
            (lines.to_string(), Some(RepairKind::DecodedWindows1252))
        );
        // Longer than one chunk.
        let long = lines.repeat(10_000);
        let be: Vec<u8> = long.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(read(be, Encoding::Utf16be).0, long);
    }
}
