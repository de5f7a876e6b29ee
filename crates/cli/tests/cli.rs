//! End-to-end tests of the `wortlaut` binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wortlaut"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The binary may exit (a usage error) before it reads its input.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn analyze_seeds_jsonl_with_char_offsets() {
    let out = bin()
        .current_dir(root())
        .args(["analyze", "seeds/", "--progress", "never"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    for r in &recs {
        let id = r["id"].as_str().unwrap();
        let text = std::fs::read_to_string(root().join(id)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(r["offsets"], "chars");
        assert_eq!(r["length"].as_u64().unwrap() as usize, chars.len());
        for key in ["sentences", "tokens", "repairs"] {
            for s in r[key].as_array().unwrap() {
                let (a, b) = (
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                );
                assert!(a <= b && b <= chars.len(), "{key} {a}..{b}");
            }
        }
        // Sentences are non-empty and start with what the text has there.
        let first = &r["sentences"][0];
        let (a, b) = (
            first["start"].as_u64().unwrap() as usize,
            first["end"].as_u64().unwrap() as usize,
        );
        let s: String = chars[a..b].iter().collect();
        assert!(!s.trim().is_empty());
    }
}

#[test]
fn bytes_offsets_slice_the_file() {
    let out = bin()
        .current_dir(root())
        .args([
            "analyze",
            "seeds/003_1cfb3c6af95ba56b.txt",
            "--offsets",
            "bytes",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = &records(&out)[0];
    let text = std::fs::read_to_string(root().join("seeds/003_1cfb3c6af95ba56b.txt")).unwrap();
    assert_eq!(r["offsets"], "bytes");
    let t = &r["tokens"][2];
    let (a, b) = (
        t["start"].as_u64().unwrap() as usize,
        t["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "Präsident");
}

#[test]
fn broken_jsonl_records_become_error_records() {
    let input = b"{\"id\": \"a\", \"text\": \"Er kam. Sie ging.\"}\n\
not json\n\
{\"id\": 7, \"text\": 42}\n\
{\"id\": \"c\"}\n\
{\"text\": \"Ohne Kennung.\"}\n\
{\"id\": \"d\", \"text\": \"K\\u00f6ln\"}\n\
\xff\xfe\n";
    let out = run_stdin(
        &["analyze", "--input", "jsonl", "-", "--threads", "2"],
        input,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code 1 when a record failed"
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 7, "one output per input record");
    assert_eq!(recs[0]["id"], "a");
    assert_eq!(recs[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(recs[1]["id"], "-:2");
    assert_eq!(recs[1]["error"]["kind"], "bad_json");
    assert_eq!(recs[2]["id"], "7");
    assert_eq!(recs[2]["error"]["kind"], "bad_text");
    assert_eq!(recs[3]["error"]["kind"], "missing_text");
    assert_eq!(recs[4]["id"], "-:5");
    assert!(recs[4]["tokens"].is_array());
    assert_eq!(recs[5]["id"], "d");
    assert_eq!(recs[6]["error"]["kind"], "bad_json");
}

#[test]
fn json_format_is_one_document() {
    let out = run_stdin(
        &["analyze", "--format", "json", "-"],
        "Ein Satz. Noch einer.".as_bytes(),
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["offsets"], "chars");
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(v["documents"][0]["id"], "-");
}

#[test]
fn invalid_utf8_file_is_repaired_and_reported() {
    let out = run_stdin(&["analyze", "-"], b"K\xf6ln ist sch\xc3\xb6n.");
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert_eq!(r["repairs"][0]["kind"], "invalid_utf8");
    assert_eq!(r["repairs"][0]["start"], 1);
}

#[test]
fn text_format_is_readable() {
    let out = bin()
        .current_dir(root())
        .args([
            "analyze",
            "seeds/001_0f66cc593626285b.txt",
            "--format",
            "text",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("navigation_line"));
    assert!(s.contains("glued_words"));
    assert!(s.contains("mentions:") && s.contains("vladimir_putin"));
    assert!(s.contains("sentences:"));
}

#[test]
fn missing_input_is_an_error_record() {
    let out = bin().args(["analyze", "does/not/exist"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "does/not/exist");
    assert!(recs[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("input not found"));
}

#[test]
fn output_is_identical_across_thread_counts() {
    let run = |threads: &str| {
        bin()
            .current_dir(root())
            .args(["analyze", "seeds/", "--threads", threads, "--batch", "2"])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("8"));
}

#[test]
fn gazetteer_check_and_mentions() {
    let dir = std::env::temp_dir().join(format!("wortlaut-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.tsv");
    std::fs::write(
        &good,
        "russia\tGPE\tRussland\t\tadjective=russisch\nvladimir_putin\tPER\tWladimir Putin\n",
    )
    .unwrap();
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "a\tPER\tAnna\na\tPER\tAnna\nb\tXX\tB\n").unwrap();
    let out = bin()
        .args(["gazetteer", "check"])
        .arg(&good)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok, 2 entities"));
    let out = bin()
        .args(["gazetteer", "check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(s.contains(":2: duplicate id"), "{s}");
    assert!(s.contains(":3: unknown type"), "{s}");
    // A reference to an id the file does not have.
    let dangling = dir.join("dangling.tsv");
    std::fs::write(
        &dangling,
        "russia\tGPE\tRussland\nmoscow\tGPE\tMoskau\t\tacts_for=russia\nkyiv\tGPE\tKiew\t\tacts_for=ukraine\n",
    )
    .unwrap();
    let out = bin()
        .args(["gazetteer", "check"])
        .arg(&dangling)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(s.contains(":3: acts_for=ukraine names no entity"), "{s}");
    assert!(s.contains("1 problem(s)"), "{s}");
    let out = run_stdin(
        &["analyze", "-", "--gazetteer", good.to_str().unwrap()],
        "Die russische Regierung und Wladimir Putin.".as_bytes(),
    );
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert_eq!(r["mentions"][0]["text"], "russische");
    assert_eq!(r["mentions"][0]["type"], "NORP");
    assert_eq!(r["mentions"][1]["entity"], "vladimir_putin");
    assert_eq!(r["mentions"][1]["start"], 28);
    let out = bin()
        .args(["analyze", "-", "--gazetteer"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn quotes_in_jsonl_and_wikinews_format() {
    let text = "Die Lage sei ernst, sagte Müller. „Wir helfen“, erklärte sie.";
    let out = run_stdin(&["analyze", "-", "--progress", "never"], text.as_bytes());
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert_eq!(r["quotes"][0]["type"], "Indirect");
    assert_eq!(r["quotes"][0]["text"], "Die Lage sei ernst");
    assert_eq!(r["quotes"][1]["type"], "Direct");
    assert_eq!(r["quotes"][1]["text"], "„Wir helfen“");
    // The dataset's prediction format: code points into "text".
    let line = serde_json::json!({"id": "a1", "text": format!("Öfen brennen. {text}")}).to_string();
    let out = run_stdin(
        &[
            "analyze",
            "-",
            "--input",
            "jsonl",
            "--format",
            "wikinews-quotes",
        ],
        line.as_bytes(),
    );
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert_eq!(r["id"], "a1");
    let q = &r["quotes"][0];
    assert_eq!(q["type"], "Indirect");
    assert_eq!(q["medium"], "Speech");
    assert_eq!(q["quote"][0], serde_json::json!([14, 32]));
    assert_eq!(q["speaker"][0], serde_json::json!([40, 46]));
}

#[test]
fn eval_quotes_scores_a_prediction_file() {
    let dir = std::env::temp_dir().join(format!("wortlaut-cli-quotes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gold = dir.join("gold.jsonl");
    // „Ja“ , sagte Anna .
    std::fs::write(
        &gold,
        r#"{"id": "1", "text": "„Ja“, sagte Anna.", "tokens": [[0,1],[1,3],[3,4],[4,5],[6,11],[12,16],[16,17]], "quotes": [{"quote": [[0,4]], "speaker": [[12,16]], "cue": [[6,11]], "frame": [[4,16]], "addressee": [], "type": "Direct", "medium": "Speech"}]}"#,
    )
    .unwrap();
    // The pipeline itself gets this article right.
    let out = bin()
        .args(["eval", "quotes", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        s.contains("Messages (macro)        1.0000  1.0000  1.0000"),
        "{s}"
    );
    // A prediction without speaker: Roles recall drops, Messages stay.
    let pred = dir.join("pred.jsonl");
    std::fs::write(
        &pred,
        r#"{"id": "1", "quotes": [{"quote": [[0,4]], "speaker": [], "cue": [[6,11]], "frame": [[4,16]], "addressee": [], "type": "Direct", "medium": "Speech"}]}"#,
    )
    .unwrap();
    let out = bin()
        .args(["eval", "quotes", "--json", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages_f1 = v["official"]["messages"]["F1"].as_f64().unwrap();
    let roles_r = v["official"]["roles"]["R"].as_f64().unwrap();
    assert_eq!(messages_f1, 1.0, "{v}");
    assert!(roles_r < 1.0, "{v}");
    // A broken prediction file is a usage error with its line number.
    std::fs::write(&pred, "{\"id\": \"1\", \"quotes\": 5}\n").unwrap();
    let out = bin()
        .args(["eval", "quotes", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(":1"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn gazetteer_compile_and_load() {
    let dir = std::env::temp_dir().join(format!("wortlaut-cli-compile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tsv = dir.join("g.tsv");
    std::fs::write(
        &tsv,
        "russia\tGPE\tRussland\t\tadjective=russisch\nvladimir_putin\tPER\tWladimir Putin\nus\tGPE\tUS\n",
    )
    .unwrap();
    let compiled = dir.join("g.wlgaz");
    let out = bin()
        .args(["gazetteer", "compile"])
        .arg(&tsv)
        .arg("-o")
        .arg(&compiled)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 entities"));
    // Same mentions from the TSV and from the compiled file.
    let text = "Die russische Regierung, Wladimir Putin und die US. Putins Plan.";
    let run = |g: &PathBuf| {
        let out = run_stdin(
            &["analyze", "-", "--gazetteer", g.to_str().unwrap()],
            text.as_bytes(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        records(&out)[0]["mentions"].clone()
    };
    let from_tsv = run(&tsv);
    assert_eq!(from_tsv.as_array().unwrap().len(), 4, "{from_tsv}");
    assert_eq!(run(&compiled), from_tsv);
    // `check` loads a compiled file whole.
    let out = bin()
        .args(["gazetteer", "check"])
        .arg(&compiled)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok, compiled gazetteer, 3 entities"));
    // A damaged compiled file: typed error, exit codes 1 (check) and 2 (analyze).
    let mut bytes = std::fs::read(&compiled).unwrap();
    let k = bytes.len() / 2;
    bytes[k] ^= 0x40;
    let bad = dir.join("bad.wlgaz");
    std::fs::write(&bad, &bytes).unwrap();
    let out = bin()
        .args(["gazetteer", "check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("checksum"));
    let out = run_stdin(
        &["analyze", "-", "--gazetteer", bad.to_str().unwrap()],
        b"x",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        err.contains("compiled gazetteer") && err.contains("compile the gazetteer again"),
        "{err}"
    );
    let truncated = dir.join("cut.wlgaz");
    std::fs::write(&truncated, &std::fs::read(&compiled).unwrap()[..20]).unwrap();
    let out = run_stdin(
        &["analyze", "-", "--gazetteer", truncated.to_str().unwrap()],
        b"x",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated"));
    // A TSV with an error does not compile; nor does an unwritable output.
    let broken = dir.join("broken.tsv");
    std::fs::write(&broken, "a\tPER\tAnna\nb\tXX\tB\n").unwrap();
    let out = bin()
        .args(["gazetteer", "compile"])
        .arg(&broken)
        .arg("-o")
        .arg(dir.join("x.wlgaz"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    let out = bin()
        .args(["gazetteer", "compile"])
        .arg(&tsv)
        .arg("-o")
        .arg(dir.join("no/such/dir/g.wlgaz"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn sentiment_and_stance_in_jsonl() {
    let text =
        "Washington wirft Nordkorea vor, Russland mit Munition zu versorgen. Das ist nicht gut.";
    let input = serde_json::json!({"id": "a", "text": text}).to_string();
    let out = run_stdin(&["analyze", "--input", "jsonl", "-"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = &records(&out)[0];
    let chars: Vec<char> = text.chars().collect();
    let s = &r["sentiment"];
    assert_eq!(s["document"]["label"], "negative");
    assert_eq!(s["sentences"].as_array().unwrap().len(), 2);
    let ev = s["evidence"].as_array().unwrap();
    let gut = ev.iter().find(|e| e["text"] == "gut").unwrap();
    assert_eq!(gut["negated"], true);
    let (a, b) = (
        gut["start"].as_u64().unwrap() as usize,
        gut["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[a..b].iter().collect::<String>(), "gut");
    let st = r["stance"].as_array().unwrap();
    assert!(
        st.iter().any(|t| t["holder"] == "united_states"
            && t["target"] == "north_korea"
            && t["polarity"]["label"] == "negative"),
        "{st:?}"
    );
    // Without the stage: no sentiment, no stance, no quote polarity.
    let out = run_stdin(
        &["analyze", "--input", "jsonl", "--no-sentiment", "-"],
        input.as_bytes(),
    );
    let r = &records(&out)[0];
    assert!(r.get("sentiment").is_none());
    assert_eq!(r["stance"].as_array().unwrap().len(), 0);
}

#[test]
fn user_lexicon_and_eval_sentiment() {
    let dir = std::env::temp_dir().join(format!("wortlaut-lex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A SentiWS-style lexicon of our own making.
    let lex = dir.join("lex.txt");
    std::fs::write(&lex, "Bahn|NN\t-0.9\tBahnen\n").unwrap();
    let out = run_stdin(
        &["analyze", "--lexicon", lex.to_str().unwrap(), "-"],
        "Die Bahn kommt.".as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        records(&out)[0]["sentiment"]["document"]["label"],
        "negative"
    );
    // A broken lexicon is a usage error with the line number.
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "gut\tsehr\n").unwrap();
    let out = run_stdin(&["analyze", "--lexicon", bad.to_str().unwrap(), "-"], b"x");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    // eval sentiment on a GermEval-layout file.
    let gold = dir.join("gold.jsonl");
    std::fs::write(
        &gold,
        [
            r#"{"text": "Das ist eine Katastrophe, schon wieder kaputt!", "label": "negative"}"#,
            r#"{"text": "Vielen Dank, das war wunderbar und super schnell.", "label": "positive"}"#,
            r#"{"text": "Der Zug fährt um acht Uhr ab.", "label": "neutral"}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = bin()
        .args([
            "eval",
            "sentiment",
            "--gold",
            gold.to_str().unwrap(),
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["all"]["documents"], 3);
    assert_eq!(v["all"]["accuracy"], 1.0, "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}
