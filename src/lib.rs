//! Workspace-level helpers shared by the benches, examples and end-to-end
//! tests of wortlaut: locating the sample corpus and the evaluation data.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

/// The workspace root (where the top-level `Cargo.toml` is).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The five sample articles in `seeds/`, as `(file stem, text)`, sorted.
pub fn seeds() -> std::io::Result<Vec<(String, String)>> {
    let dir = workspace_root().join("seeds");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((stem, std::fs::read_to_string(&path)?));
        }
    }
    out.sort();
    Ok(out)
}

/// The shared evaluation folder (`../shared/eval` next to the workspace), or
/// the folder named by `WORTLAUT_EVAL_DIR`, if it exists.
pub fn eval_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WORTLAUT_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/eval"));
    dir.is_dir().then_some(dir)
}

/// Reads the `text` field of every line of a JSON Lines file.
pub fn jsonl_texts(path: &Path) -> std::io::Result<Vec<String>> {
    let data = std::fs::read_to_string(path)?;
    Ok(data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect())
}
