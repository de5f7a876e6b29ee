//! Golden files of the seeds: for each article in `seeds/`, the JSON record
//! that `wortlaut analyze seeds/` writes (offsets in code points), byte for
//! byte, in `crates/cli/tests/golden/<article>.json`.
//!
//! After an intended change of output, run `WORTLAUT_BLESS=1 cargo test -p
//! wortlaut-cli --test golden`, review the diff (`git diff --word-diff`) and
//! list the change in the commit message.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn seeds_match_golden_files() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_wortlaut"))
        .current_dir(&root)
        .args([
            "analyze",
            "seeds/",
            "--format",
            "jsonl",
            "--progress",
            "never",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<&str> = stdout.lines().collect();
    assert_eq!(records.len(), 5, "seeds/ holds the five sample articles");
    let bless = std::env::var_os("WORTLAUT_BLESS").is_some();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut failures = Vec::new();
    for line in records {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = record["id"].as_str().unwrap();
        let stem = id
            .strip_prefix("seeds/")
            .and_then(|f| f.strip_suffix(".txt"))
            .unwrap_or_else(|| panic!("unexpected id {id}"));
        let path = dir.join(format!("{stem}.json"));
        let got = format!("{line}\n");
        if bless {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            failures.push(path.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "golden files differ: {failures:?}; if the change is intended, run \
         `WORTLAUT_BLESS=1 cargo test -p wortlaut-cli --test golden` and review the diff"
    );
}
