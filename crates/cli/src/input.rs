//! Reading documents from files, folders, JSON Lines and stdin.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::error::CliError;

/// One input document (raw bytes; invalid UTF-8 is repaired and reported by
/// the pipeline), or the reason it could not be read.
pub struct Doc {
    pub id: String,
    pub text: Result<Vec<u8>, DocError>,
}

/// Why a document could not be read; becomes an error record.
#[derive(Debug, Clone)]
pub struct DocError {
    pub kind: &'static str,
    pub message: String,
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

/// Decodes bytes; invalid UTF-8 is kept (lossily decoded) and reported as a
/// repair by the pipeline, so here it only needs the bytes.
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
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
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| CliError::Read(path.to_path_buf(), e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let fallback_id = format!("{source}:{line_no}");
        let trimmed = buf.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        f(parse_record(trimmed, fallback_id, max_bytes))?;
    }
    Ok(())
}

fn parse_record(line: &[u8], fallback_id: String, max_bytes: usize) -> Doc {
    let err = |id: String, kind: &'static str, message: String| Doc {
        id,
        text: Err(DocError { kind, message }),
    };
    if line.len() > max_bytes.saturating_add(1024) {
        return err(
            fallback_id,
            "too_large",
            format!(
                "record of {} bytes exceeds --max-bytes {max_bytes}; raise the limit or split the document",
                line.len()
            ),
        );
    }
    let value: serde_json::Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            let msg = if std::str::from_utf8(line).is_err() {
                "record is not valid UTF-8; JSON Lines input must be UTF-8".to_string()
            } else {
                format!(
                    "invalid JSON ({e}); each line must be one JSON object with a \"text\" field"
                )
            };
            return err(fallback_id, "bad_json", msg);
        }
    };
    let id = match value.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    match value.get("text") {
        Some(serde_json::Value::String(s)) if s.len() > max_bytes => err(
            id,
            "too_large",
            format!(
                "text of {} bytes exceeds --max-bytes {max_bytes}; raise the limit or split the document",
                s.len()
            ),
        ),
        Some(serde_json::Value::String(s)) => Doc {
            id,
            text: Ok(s.clone().into_bytes()),
        },
        Some(other) => err(
            id,
            "bad_text",
            format!("\"text\" must be a string, found {}", type_name(other)),
        ),
        None => err(id, "missing_text", "record has no \"text\" field".to_string()),
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
