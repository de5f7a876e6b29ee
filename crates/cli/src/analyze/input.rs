//! Reading documents from files, folders, JSON Lines and stdin.

use std::io::{BufRead, Read};

use std::path::{Path, PathBuf};

use wortlaut::RepairKind;

use super::decode::Encoding;
use crate::error::CliError;

/// One input document (raw bytes; invalid UTF-8 is repaired and reported by
/// the pipeline), or the reason it could not be read.
pub type Doc = wortlaut::Document<DocError>;

/// Why a document could not be read; becomes an error record.
#[derive(Debug, Clone)]
pub struct DocError {
    pub kind: &'static str,
    pub message: String,
    /// The 1-based line of a JSON Lines record.
    pub line: Option<usize>,
    /// The record's other fields, when it was a JSON object (the tables
    /// put them on the error row like on every other row).
    pub meta: Option<Box<wortlaut::Meta>>,
}

impl DocError {
    /// An error without a line (a file, stdin as one document).
    pub fn new(kind: &'static str, message: String) -> DocError {
        DocError {
            kind,
            message,
            line: None,
            meta: None,
        }
    }
}

/// One entry of a text run: a file to read, or a path that could not be
/// listed (it becomes an error record in its place).
#[derive(Debug)]
pub enum Entry {
    /// A file (or `-` for stdin) to read as one document.
    File(PathBuf),
    /// A path that is missing or could not be read, and why.
    Failed(PathBuf, DocError),
}

/// What [`expand_paths`] found: the entries in order, and notes for stderr
/// (links skipped, cycles, duplicates).
#[derive(Debug, Default)]
pub struct Expanded {
    pub entries: Vec<Entry>,
    pub notes: Vec<String>,
}

/// Whether a path names a JSON Lines file by its extension.
fn is_jsonl_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Expands files and folders into the files of a text run: folders
/// recursively (`*.EXT`, each folder's entries sorted by name), `-` stays
/// stdin. A missing path or an unreadable folder or entry becomes an
/// [`Entry::Failed`] in its place; the run goes on. Symbolic links inside
/// folders are skipped unless `follow_links` (then a link back to a folder
/// being walked is skipped as a cycle). A file reached twice (named twice,
/// or through a link) is listed once.
///
/// Fails (a usage error) for a path named `*.jsonl`/`*.ndjson` (the user
/// meant `--input jsonl`) and when nothing at all was found.
pub fn expand_paths(
    paths: &[PathBuf],
    ext: &str,
    follow_links: bool,
) -> Result<Expanded, CliError> {
    if let Some(p) = paths.iter().find(|p| is_jsonl_name(p) && !p.is_dir()) {
        return Err(CliError::LooksJsonl(p.clone()));
    }
    let mut out = Expanded::default();
    let mut seen = std::collections::HashSet::new();
    let mut twice = 0usize;
    let mut links = 0usize;
    let mut empty = Vec::new();
    // Lists a file unless it was listed before.
    let mut add = |out: &mut Expanded, path: PathBuf| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            out.entries.push(Entry::File(path));
        } else {
            twice += 1;
        }
    };
    for p in paths {
        if p.as_os_str() == "-" {
            out.entries.push(Entry::File(p.clone()));
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.entries.push(Entry::Failed(
                    p.clone(),
                    DocError::new(
                        "not_found",
                        "input not found (give a file, a folder of *.txt files, or - for stdin)"
                            .to_string(),
                    ),
                ));
            }
            Err(e) => out.entries.push(Entry::Failed(
                p.clone(),
                DocError::new("unreadable", format!("cannot read: {e}")),
            )),
            Ok(m) if m.is_dir() => {
                // Whether the folder holds a file to analyse.
                let mut found = false;
                let failures = out.entries.len();
                let walker = walkdir::WalkDir::new(p)
                    .follow_links(follow_links)
                    .sort_by_file_name();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_symlink() => links += 1,
                        Ok(e) if e.file_type().is_file() => {
                            if e.path().extension().is_some_and(|x| x == ext) {
                                found = true;
                                add(&mut out, e.into_path());
                            }
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let path = e.path().unwrap_or(p).to_path_buf();
                            if let Some(ancestor) = e.loop_ancestor() {
                                out.notes.push(format!(
                                    "skipped {}: the link leads back to {} (a cycle)",
                                    path.display(),
                                    ancestor.display()
                                ));
                                continue;
                            }
                            let reason = e
                                .io_error()
                                .map_or_else(|| e.to_string(), ToString::to_string);
                            let what = if path.is_dir() { "folder" } else { "entry" };
                            out.entries.push(Entry::Failed(
                                path,
                                DocError::new(
                                    "unreadable",
                                    format!("cannot read {what}: {reason}"),
                                ),
                            ));
                        }
                    }
                }
                if !found && out.entries.len() == failures {
                    empty.push(p.clone());
                }
            }
            Ok(_) => add(&mut out, p.clone()),
        }
    }
    if out.entries.is_empty() {
        return Err(CliError::NoInput(empty, ext.to_string()));
    }
    for p in empty {
        out.notes
            .push(format!("no *.{ext} files in {}", p.display()));
    }
    if links > 0 {
        out.notes.push(format!(
            "skipped {links} symbolic link(s) inside folders; --follow-links follows them"
        ));
    }
    if twice > 0 {
        out.notes.push(format!(
            "{twice} file(s) reached more than once were analysed once"
        ));
    }
    Ok(out)
}

/// Whether bytes read as one text document look like JSON Lines: the first
/// non-blank line is a JSON object with a string `text` field.
pub fn looks_like_jsonl(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Some(line) = bytes
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|l| !l.is_empty())
    else {
        return false;
    };
    if !line.starts_with(b"{") {
        return false;
    }
    serde_json::from_slice::<serde_json::Value>(line)
        .is_ok_and(|v| v.get("text").is_some_and(serde_json::Value::is_string))
}

/// Reads one document (a file, or `-` for stdin) of at most `max_bytes`:
/// `Ok(Err(size))` when it is larger (a file is not read then; stdin is read
/// to its end without keeping more than the limit). Invalid UTF-8 is kept
/// and repaired (and reported) by the pipeline.
pub fn read_bounded(path: &Path, max_bytes: usize) -> std::io::Result<Result<Vec<u8>, u64>> {
    if path.as_os_str() != "-" {
        let len = std::fs::metadata(path)?.len();
        if len > max_bytes as u64 {
            return Ok(Err(len));
        }
    }
    let limit = (max_bytes as u64).saturating_add(1);
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        let mut stdin = std::io::stdin().lock();
        (&mut stdin).take(limit).read_to_end(&mut buf)?;
        if buf.len() as u64 > max_bytes as u64 {
            let rest = std::io::copy(&mut stdin, &mut std::io::sink())?;
            return Ok(Err(buf.len() as u64 + rest));
        }
    } else {
        // The file may have grown since its size was read.
        std::fs::File::open(path)?
            .take(limit)
            .read_to_end(&mut buf)?;
        if buf.len() as u64 > max_bytes as u64 {
            return Ok(Err(buf.len() as u64));
        }
    }
    Ok(Ok(buf))
}

/// Reads one line (up to and without `\n`) into `buf`, keeping at most
/// `keep` bytes of it: memory stays bounded whatever the input. Returns the
/// line's full length, `None` at the end of the input.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    keep: usize,
) -> std::io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (part, done) = match memchr_newline(chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        let room = keep.saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        total = total.saturating_add(part.len());
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            return Ok(Some(total));
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Streams the documents of one JSON Lines source, calling `f` for each.
/// Records need a string `text`; `id` may be a string or a number and
/// defaults to `SOURCE:LINE`. A source that is missing or cannot be read
/// (or fails in the middle) becomes an error record with the source's path
/// as its id; only an error of `f` ends the stream.
pub fn jsonl_docs(
    path: &Path,
    max_bytes: usize,
    encoding: Encoding,
    mut f: impl FnMut(Doc, Option<RepairKind>) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let source = path.display().to_string();
    // How the source is decoded, once it is open.
    let decoded = std::cell::Cell::new(None);
    let mut f = |doc: Doc| f(doc, decoded.get());
    let failed = |kind: &'static str, message: String| Doc {
        id: source.clone(),
        bytes: Err(DocError::new(kind, message)),
        meta: None,
    };
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin().lock()))
    } else if path.is_dir() {
        return f(failed(
            "unreadable",
            "is a folder; --input jsonl reads JSON Lines files (or - for stdin)".to_string(),
        ));
    } else {
        match std::fs::File::open(path) {
            Ok(file) => Box::new(std::io::BufReader::new(file)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return f(failed(
                    "not_found",
                    "input not found (give a JSON Lines file, or - for stdin)".to_string(),
                ));
            }
            Err(e) => return f(failed("unreadable", format!("cannot read file: {e}"))),
        }
    };
    let (mut reader, kind) = match super::decode::jsonl_reader(reader, encoding) {
        Ok(r) => r,
        Err(e) => return f(failed("unreadable", format!("cannot read file: {e}"))),
    };
    decoded.set(kind);
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    // A record may be this much longer than its text (JSON syntax, the id,
    // escapes); past that it is not kept but skipped to its line's end.
    let keep = max_bytes.saturating_add(RECORD_OVERHEAD);
    loop {
        let len = match read_line_bounded(&mut reader, &mut buf, keep.saturating_add(1)) {
            Ok(Some(len)) => len,
            Ok(None) => return Ok(()),
            Err(e) => {
                let mut doc = failed(
                    "unreadable",
                    format!("cannot read after line {line_no}: {e}"),
                );
                if let Err(err) = &mut doc.bytes {
                    err.line = Some(line_no + 1);
                }
                return f(doc);
            }
        };
        line_no += 1;
        let fallback_id = format!("{source}:{line_no}");
        let mut doc = if len > keep {
            let id = id_from_head(&buf).unwrap_or(fallback_id);
            Doc::failed(
                id,
                DocError::new(
                    "too_large",
                    format!(
                        "record of {len} bytes exceeds --max-bytes {max_bytes}; raise the limit or split the document"
                    ),
                ),
            )
        } else {
            let trimmed = buf.trim_ascii();
            if trimmed.is_empty() {
                continue;
            }
            parse_record(trimmed, fallback_id, max_bytes)
        };
        if let Err(e) = &mut doc.bytes {
            e.line = Some(line_no);
        }
        f(doc)?;
    }
}

/// How much longer than `--max-bytes` a JSON Lines record may be.
const RECORD_OVERHEAD: usize = 1024;

/// The `id` of a record too large or too broken to parse, when it comes
/// before `text` and the damage: reads the object's keys from the start of
/// the line and stops at `text`.
fn id_from_head(head: &[u8]) -> Option<String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys<'a>(&'a mut Option<String>);
    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match &*key {
                    "id" => {
                        *self.0 = match map.next_value::<serde_json::Value>()? {
                            serde_json::Value::String(s) => Some(s),
                            serde_json::Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        };
                        return Ok(());
                    }
                    // The text is what is too large: the id is not before it.
                    "text" => return Ok(()),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    }
    let mut id = None;
    let mut de = serde_json::Deserializer::from_slice(head);
    // The object is cut off: an error after the id was read is expected.
    let _ = (&mut de).deserialize_map(Keys(&mut id));
    id
}

fn parse_record(line: &[u8], fallback_id: String, max_bytes: usize) -> Doc {
    let err = |id: String, kind: &'static str, message: String| {
        Doc::failed(id, DocError::new(kind, message))
    };
    let id_of = |value: &serde_json::Value, fallback: String| match value.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback,
    };
    let value: serde_json::Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            // The id may still be readable before the damage.
            if std::str::from_utf8(line).is_err() {
                let id = id_from_head(String::from_utf8_lossy(line).as_bytes());
                return err(
                    id.unwrap_or(fallback_id),
                    "bad_json",
                    "record is not valid UTF-8; JSON Lines input must be UTF-8 (or give its encoding with --encoding)".to_string(),
                );
            }
            return err(
                id_from_head(line).unwrap_or(fallback_id),
                "bad_json",
                format!(
                    "invalid JSON ({e}); each line must be one JSON object with a \"text\" field"
                ),
            );
        }
    };
    let id = id_of(&value, fallback_id);
    let mut value = value;
    // Take the text out of the record instead of copying it; every other
    // field but the id is the document's metadata, unchanged and in order.
    let text = value.as_object_mut().and_then(|m| m.shift_remove("text"));
    let meta = match value {
        serde_json::Value::Object(mut m) => {
            m.shift_remove("id");
            (!m.is_empty()).then_some(m)
        }
        _ => None,
    };
    let doc = match text {
        Some(serde_json::Value::String(s)) if s.len() > max_bytes => err(
            id,
            "too_large",
            format!(
                "text of {} bytes exceeds --max-bytes {max_bytes}; raise the limit or split the document",
                s.len()
            ),
        ),
        Some(serde_json::Value::String(s)) => Doc::new(id, s.into_bytes()),
        Some(other) => err(
            id,
            "bad_text",
            format!("\"text\" must be a string, found {}", type_name(&other)),
        ),
        None => err(id, "missing_text", "record has no \"text\" field".to_string()),
    };
    match doc.bytes {
        // The batch drops a failed document's meta: keep it with the error.
        Err(mut e) => {
            e.meta = meta.map(Box::new);
            Doc::failed(doc.id, e)
        }
        Ok(_) => doc.with_meta(meta),
    }
}

fn type_name(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
