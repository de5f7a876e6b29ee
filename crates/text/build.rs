//! Embeds every list of `data/<language>/` (files ending in `.txt` or
//! `.tsv`, in sub-folders too) as `(language, name, text)`; the name is the
//! path below the language folder without its ending ("quotes/cue-verbs").

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "tsv") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");
    let mut code = String::from("&[\n");
    let mut languages: Vec<PathBuf> = std::fs::read_dir(&data)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    languages.sort();
    for lang_dir in languages {
        let lang = lang_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files = Vec::new();
        walk(&lang_dir, &mut files);
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let rel = file.strip_prefix(&lang_dir).unwrap().with_extension("");
            let name = rel.to_string_lossy().replace('\\', "/");
            code.push_str(&format!(
                "    ({lang:?}, {name:?}, include_str!({:?})),\n",
                file.display().to_string()
            ));
        }
    }
    code.push(']');
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("embedded.rs"), code).expect("OUT_DIR is writable");
}
