//! The digest test: what the CLI writes for the seeds (every format) and for
//! German Wikinews train + dev stays byte-identical across refactorings.
//!
//! `crates/cli/tests/digest.sha256` holds the SHA-256 of each output. A
//! deliberate change of output is accepted with `WORTLAUT_UPDATE_DIGEST=1
//! cargo test -p wortlaut-cli --test digest` and listed in the commit
//! message; the outputs of a failing run are kept in
//! `target/digest-actual/` for a diff against the previous binary's.
//!
//! The Wikinews files come from `../shared/eval` (or `WORTLAUT_EVAL_DIR`);
//! without them the test fails, unless `WORTLAUT_SKIP_SHARED=1` says to
//! check the seeds only.

use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_wortlaut"))
        .current_dir(root())
        .args(args)
        .args(["--progress", "never"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "wortlaut {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn cli_output_matches_the_recorded_digests() {
    let mut outputs: Vec<(String, Vec<u8>)> = ["jsonl", "json", "text", "html"]
        .iter()
        .map(|f| {
            (
                format!("seeds.{f}"),
                run(&["analyze", "seeds/", "--format", f]),
            )
        })
        .collect();
    let eval = std::env::var_os("WORTLAUT_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/eval"));
    let wikinews = eval.join("wikinews-quotes");
    if wikinews.is_dir() {
        let file = |s: &str| wikinews.join(format!("{s}.jsonl")).display().to_string();
        for split in ["train", "dev"] {
            let path = file(split);
            outputs.push((
                format!("wikinews-{split}.jsonl"),
                run(&["analyze", "--input", "jsonl", &path, "--format", "jsonl"]),
            ));
        }
        let dev = file("dev");
        outputs.push((
            "wikinews-dev.wq.jsonl".to_string(),
            run(&[
                "analyze",
                "--input",
                "jsonl",
                &dev,
                "--format",
                "wikinews-quotes",
            ]),
        ));
    } else if std::env::var_os("WORTLAUT_SKIP_SHARED").is_none()
        || ["WORTLAUT_REQUIRE_EVAL", "WORTLAUT_REQUIRE_SHARED"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0"))
    {
        panic!(
            "{} not found: the digest test needs the Wikinews quotation data \
             (set WORTLAUT_EVAL_DIR, or WORTLAUT_SKIP_SHARED=1 without \
             WORTLAUT_REQUIRE_EVAL to check the seeds only)",
            wikinews.display()
        );
    } else {
        eprintln!("WORTLAUT_SKIP_SHARED set: checking the seeds' digests only");
    }

    let recorded_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/digest.sha256");
    let actual: Vec<(String, String)> = outputs
        .iter()
        .map(|(name, bytes)| (name.clone(), hex(bytes)))
        .collect();
    if std::env::var_os("WORTLAUT_UPDATE_DIGEST").is_some() {
        let text: String = actual
            .iter()
            .map(|(name, digest)| format!("{digest}  {name}\n"))
            .collect();
        std::fs::write(&recorded_path, text).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&recorded_path).unwrap();
    let mut differ = Vec::new();
    for (name, digest) in &actual {
        let want = recorded
            .lines()
            .find_map(|l| l.strip_suffix(name.as_str()).map(str::trim))
            .unwrap_or_else(|| panic!("no digest recorded for {name}"));
        if want != digest {
            differ.push(name.clone());
        }
    }
    if !differ.is_empty() {
        let dir = root().join("target/digest-actual");
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &outputs {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        panic!(
            "the CLI's output changed for {differ:?}; the new outputs are in {}. \
             If the change is deliberate, run WORTLAUT_UPDATE_DIGEST=1 cargo test -p wortlaut-cli \
             --test digest and list the change in the commit message",
            dir.display()
        );
    }
}
