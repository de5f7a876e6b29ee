//! Reading documents from files, folders, JSON Lines and stdin.

use std::io::{BufRead, Read};

use std::path::{Path, PathBuf};

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
}

impl DocError {
    /// An error without a line (a file, stdin as one document).
    pub fn new(kind: &'static str, message: String) -> DocError {
        DocError {
            kind,
            message,
            line: None,
        }
    }
}

/// Expands files and folders (recursively, `*.txt`, sorted) into a list of
/// files; `-` stays as stdin.
pub fn expand_paths(paths: &[PathBuf], ext: &str) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, ext, &mut found)?;
            found.sort();
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(CliError::NotFound(p.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let entries = std::fs::read_dir(dir).map_err(|e| CliError::Read(dir.to_path_buf(), e))?;
    for entry in entries {
        let path = entry
            .map_err(|e| CliError::Read(dir.to_path_buf(), e))?
            .path();
        if path.is_dir() {
            walk(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
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
/// defaults to `SOURCE:LINE`.
pub fn jsonl_docs(
    path: &Path,
    max_bytes: usize,
    mut f: impl FnMut(Doc) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let source = path.display().to_string();
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin().lock()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| CliError::Read(path.to_path_buf(), e))?;
        Box::new(std::io::BufReader::new(file))
    };
    let mut reader = reader;
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    // A record may be this much longer than its text (JSON syntax, the id,
    // escapes); past that it is not kept but skipped to its line's end.
    let keep = max_bytes.saturating_add(RECORD_OVERHEAD);
    while let Some(len) = read_line_bounded(&mut reader, &mut buf, keep.saturating_add(1))
        .map_err(|e| CliError::Read(path.to_path_buf(), e))?
    {
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
    Ok(())
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
                    "record is not valid UTF-8; JSON Lines input must be UTF-8".to_string(),
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
    doc.with_meta(meta)
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
