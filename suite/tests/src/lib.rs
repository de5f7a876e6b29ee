//! Workspace-level helpers shared by the benches, examples and end-to-end
//! tests of wortlaut: locating the sample corpus and the evaluation data.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

/// The workspace root (where the top-level `Cargo.toml` is; this package
/// is `suite/tests` in it).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .and_then(Path::parent)
        .map_or_else(|| here.join("../.."), Path::to_path_buf)
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
///
/// # Panics
///
/// When it does not exist and `WORTLAUT_REQUIRE_EVAL` or
/// `WORTLAUT_REQUIRE_SHARED` is set (as in CI): a test that needs the data
/// then fails instead of skipping.
pub fn eval_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WORTLAUT_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/eval"));
    if dir.is_dir() {
        return Some(dir);
    }
    if eval_required() {
        panic!(
            "{} not found, and WORTLAUT_REQUIRE_EVAL or WORTLAUT_REQUIRE_SHARED is set: \
             put the evaluation data there or point WORTLAUT_EVAL_DIR at it (docs/EVAL.md)",
            dir.display()
        );
    }
    None
}

/// Whether the tests must fail when the evaluation data is missing
/// (`WORTLAUT_REQUIRE_EVAL` or `WORTLAUT_REQUIRE_SHARED` set).
pub fn eval_required() -> bool {
    ["WORTLAUT_REQUIRE_EVAL", "WORTLAUT_REQUIRE_SHARED"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0"))
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

/// A deterministic synthetic gazetteer of `n` entries in the TSV format:
/// names of one to three capitalised pseudo-words built from German-like
/// syllables, types cycling through PER, ORG, GPE, LOC. For benchmarks of
/// large gazetteers; no name is a real entity.
pub fn synthetic_gazetteer(n: usize) -> String {
    const SYL: [&str; 32] = [
        "ber", "lin", "ham", "burg", "mün", "chen", "kar", "dorf", "stadt", "feld", "au", "bach",
        "wald", "hof", "heim", "ling", "ros", "tal", "see", "berg", "mar", "kon", "ra", "del",
        "vi", "so", "tra", "nes", "ko", "pa", "ul", "zen",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let types = ["PER", "ORG", "GPE", "LOC"];
    let mut out = String::with_capacity(n * 40);
    for i in 0..n {
        let words = 1 + (next() % 3) as usize;
        let mut name = String::new();
        for w in 0..words {
            if w > 0 {
                name.push(' ');
            }
            let syl = 2 + (next() % 3) as usize;
            for k in 0..syl {
                let s = SYL[(next() % SYL.len() as u64) as usize];
                if k == 0 {
                    let mut cs = s.chars();
                    if let Some(f) = cs.next() {
                        name.extend(f.to_uppercase());
                        name.push_str(cs.as_str());
                    }
                } else {
                    name.push_str(s);
                }
            }
        }
        out.push_str(&format!("e{i}\t{}\t{name}\n", types[i % 4]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::workspace_root;

    /// Every file of a top-level folder must be a target of its package
    /// (`suite/*/Cargo.toml` lists them: nothing is discovered), or it is
    /// silently never built.
    #[test]
    fn every_test_bench_and_example_is_a_target() {
        let root = workspace_root();
        for (folder, manifest, not_targets) in [
            ("tests", "suite/tests/Cargo.toml", &[][..]),
            ("benches", "suite/benches/Cargo.toml", &["corpus.rs"][..]),
            ("examples", "suite/examples/Cargo.toml", &[][..]),
        ] {
            let toml = std::fs::read_to_string(root.join(manifest)).expect("manifest");
            let dir = std::fs::read_dir(root.join(folder)).expect("folder");
            for entry in dir {
                let name = entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned();
                if !name.ends_with(".rs") || not_targets.contains(&name.as_str()) {
                    continue;
                }
                let path = format!("path = \"../../{folder}/{name}\"");
                assert!(
                    toml.contains(&path),
                    "{folder}/{name} is not a target in {manifest}: add it"
                );
            }
        }
    }
}
