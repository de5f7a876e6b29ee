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
        .args([
            "analyze",
            "seeds/",
            "--progress",
            "never",
            "--tokens",
            "--sentences",
        ])
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
            "--tokens",
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
        &[
            "analyze",
            "--input",
            "jsonl",
            "-",
            "--threads",
            "2",
            "--tokens",
            "--sentences",
        ],
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
            "--sentences",
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
    let out = run_stdin(
        &["analyze", "--input", "jsonl", "-", "--sentences"],
        input.as_bytes(),
    );
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

#[test]
fn records_are_lean_unless_asked() {
    let out = run_stdin(&["analyze", "-"], "Ein Satz. Noch einer.".as_bytes());
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert!(r.get("tokens").is_none() && r.get("sentences").is_none());
    assert!(r["sentiment"].get("sentences").is_none());
    let out = run_stdin(
        &["analyze", "-", "--tokens", "--sentences"],
        "Ein Satz. Noch einer.".as_bytes(),
    );
    let r = &records(&out)[0];
    assert_eq!(r["tokens"].as_array().unwrap().len(), 6);
    assert_eq!(r["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(r["sentiment"]["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn metadata_comes_through_unchanged() {
    let input = "{\"outlet\":\"taz\",\"id\":\"a\",\"date\":\"2024-06-20\",\"text\":\"Er kam.\",\"n\":[1,{\"b\":null}],\"x\":1.5}\n\
{\"id\":\"b\",\"text\":\"Sie ging.\"}\n";
    let out = run_stdin(&["analyze", "--input", "jsonl", "-"], input.as_bytes());
    assert!(out.status.success());
    let line = String::from_utf8(out.stdout).unwrap();
    let first = line.lines().next().unwrap();
    // In input order, values as given.
    assert!(
        first.starts_with(
            "{\"id\":\"a\",\"meta\":{\"outlet\":\"taz\",\"date\":\"2024-06-20\",\"n\":[1,{\"b\":null}],\"x\":1.5},"
        ),
        "{first}"
    );
    let second: serde_json::Value = serde_json::from_str(line.lines().nth(1).unwrap()).unwrap();
    assert!(second.get("meta").is_none());
    // A text file's metadata is its path.
    let out = bin()
        .current_dir(root())
        .args(["analyze", "seeds/003_1cfb3c6af95ba56b.txt"])
        .output()
        .unwrap();
    let r = &records(&out)[0];
    assert_eq!(r["meta"]["path"], "seeds/003_1cfb3c6af95ba56b.txt");
}

#[test]
fn entities_carry_names_and_qids() {
    let text =
        "„Wir kommen“, sagte Carl Thayer gegenüber AFP. Washington kritisierte Russland scharf.";
    let input = serde_json::json!({"id": "a", "text": text}).to_string();
    let out = run_stdin(&["analyze", "--input", "jsonl", "-"], input.as_bytes());
    assert!(out.status.success());
    let r = &records(&out)[0];
    let russia = r["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity"] == "russia")
        .unwrap();
    assert_eq!(
        (&russia["name"], &russia["qid"]),
        (&"Russland".into(), &"Q159".into())
    );
    let q = &r["quotes"][0];
    assert_eq!(q["speaker_text"], "Carl Thayer");
    assert_eq!(q["speaker_entity"], "person:carl_thayer");
    assert_eq!(q["speaker_name"], "Carl Thayer");
    assert_eq!(q["cue_text"], "sagte");
    assert_eq!(q["addressee_text"], "AFP");
    assert_eq!(q["addressee_entity"], "afp");
    let st = r["stance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["target"] == "russia")
        .unwrap();
    assert_eq!(st["holder"], "united_states");
    assert_eq!(st["holder_name"], "Vereinigte Staaten");
    assert_eq!(st["holder_qid"], "Q30");
    assert_eq!(st["target_name"], "Russland");
}

#[test]
fn only_writes_the_parts_asked_for() {
    let text = "„Wir kommen“, sagte Carl Thayer. Washington kritisierte Russland scharf.";
    let input = serde_json::json!({"id": "a", "text": text}).to_string();
    let run = |only: &str| {
        let out = run_stdin(
            &["analyze", "--input", "jsonl", "-", "--only", only],
            input.as_bytes(),
        );
        assert!(out.status.success(), "{only}");
        records(&out).remove(0)
    };
    let r = run("mentions");
    assert_eq!(r["mentions"].as_array().unwrap().len(), 3);
    assert!(r.get("quotes").is_none() && r.get("sentiment").is_none());
    assert_eq!(r["stance"].as_array().unwrap().len(), 0);
    let r = run("quotes");
    assert!(r.get("mentions").is_none() && r.get("sentiment").is_none());
    assert_eq!(r["quotes"][0]["speaker_name"], "Carl Thayer");
    let r = run("sentiment");
    assert!(r.get("mentions").is_none() && r.get("quotes").is_none());
    assert_eq!(r["stance"][0]["holder"], "united_states");
    let r = run("mentions,quotes");
    assert!(r["mentions"].is_array() && r["quotes"].is_array());
    assert!(r.get("sentiment").is_none());
    // Every part: the same as without --only.
    let all = run("mentions,quotes,sentiment");
    let out = run_stdin(&["analyze", "--input", "jsonl", "-"], input.as_bytes());
    assert_eq!(all, records(&out)[0]);
    // A format that needs a part left out is refused.
    let out = run_stdin(
        &[
            "analyze",
            "-",
            "--only",
            "mentions",
            "--format",
            "wikinews-quotes",
        ],
        text.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add quotes to --only"));
    // A lexicon that would not be read is refused, not ignored.
    let out = run_stdin(
        &[
            "analyze",
            "-",
            "--only",
            "mentions",
            "--lexicon",
            "nope.tsv",
        ],
        text.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lexicon does not apply"));
}

#[test]
fn tables_hold_every_record_with_its_metadata() {
    let dir = std::env::temp_dir().join(format!("wortlaut-tables-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    let input = [
        serde_json::json!({"id": "a", "date": "2024-06-20", "outlet": "taz",
            "text": "„Wir kommen“, sagte Carl Thayer gegenüber AFP. Washington kritisierte Russland scharf."}),
        serde_json::json!({"id": "b", "outlet": "FAZ, Frankfurt", "text": "Putin sagte, er sei \"zufrieden\".\nNeue Zeile.", "n": 3, "start": "x"}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>()
        + "kaputt\n"
        + "{\"id\": \"c\", \"outlet\": \"Welt\", \"text\": 7}\n";
    let out = run_stdin(
        &[
            "analyze",
            "--input",
            "jsonl",
            "-",
            "--tables",
            dir.to_str().unwrap(),
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "two records failed");
    assert!(
        out.stdout.is_empty(),
        "--tables without --format writes no records"
    );
    let jsonl = run_stdin(&["analyze", "--input", "jsonl", "-"], input.as_bytes());
    let recs = records(&jsonl);
    let read = |name: &str| -> (Vec<String>, Vec<Vec<String>>) {
        let mut r = csv::Reader::from_path(dir.join(format!("{name}.csv"))).unwrap();
        let header = r.headers().unwrap().iter().map(str::to_string).collect();
        let rows = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect())
            .collect();
        (header, rows)
    };
    // id, then one column per meta field (in order of first appearance; a
    // field named like a column gets a meta_ prefix), then the table's own.
    let (h, rows) = read("documents");
    assert_eq!(
        h[..6],
        ["id", "date", "outlet", "n", "meta_start", "length"]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][..5], ["b", "", "FAZ, Frankfurt", "3", "x"]);
    let (h, rows) = read("mentions");
    let col = |h: &[String], n: &str| h.iter().position(|c| c == n).unwrap();
    let want: Vec<(String, String, String)> = recs[..2]
        .iter()
        .flat_map(|r| {
            r["mentions"].as_array().unwrap().iter().map(|m| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    m["text"].as_str().unwrap().to_string(),
                    m["qid"].as_str().unwrap_or("").to_string(),
                )
            })
        })
        .collect();
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[0].clone(),
                r[col(&h, "text")].clone(),
                r[col(&h, "qid")].clone(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert!(rows
        .iter()
        .all(|r| r[0] != "a" || r[col(&h, "outlet")] == "taz"));
    // A name found by discovery says so ("Carl Thayer"), a listed one not.
    let discovered = |text: &str| {
        rows.iter()
            .find(|r| r[col(&h, "text")] == text)
            .map(|r| r[col(&h, "discovered")].clone())
    };
    assert_eq!(discovered("Carl Thayer").as_deref(), Some("true"));
    assert_eq!(discovered("Putin").as_deref(), Some("false"));
    assert_eq!(h.last().map(String::as_str), Some("discovered"));
    let (h, rows) = read("quotes");
    assert_eq!(
        rows.len(),
        3,
        "a statement and the quoted word nested in it"
    );
    assert_eq!(rows[0][col(&h, "speaker_name")], "Carl Thayer");
    assert_eq!(rows[1][col(&h, "text")], recs[1]["quotes"][0]["text"]);
    let (h, rows) = read("stances");
    assert_eq!(rows[0][col(&h, "holder_name")], "Vereinigte Staaten");
    assert_eq!(rows[0][col(&h, "evidence")], "kritisierte");
    let (h, rows) = read("errors");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][col(&h, "kind")], "bad_json");
    assert_eq!(rows[0][col(&h, "outlet")], "", "a broken line has no meta");
    // A record that parsed keeps its meta on the error row.
    assert_eq!(rows[1][col(&h, "id")], "c");
    assert_eq!(rows[1][col(&h, "kind")], "bad_text");
    assert_eq!(rows[1][col(&h, "outlet")], "Welt");
    // No part files are left.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".csv") || n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn file_option_errors_name_the_file() {
    let stderr = |args: &[&str]| {
        let out = bin().current_dir(root()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let e = stderr(&["analyze", "seeds/", "--gazetteer", "nope.tsv"]);
    assert!(e.contains("gazetteer not found: nope.tsv"), "{e}");
    let bad = std::env::temp_dir().join(format!("wortlaut-bad-{}.tsv", std::process::id()));
    std::fs::write(&bad, "x\tBAD\n").unwrap();
    let e = stderr(&["analyze", "seeds/", "--gazetteer", bad.to_str().unwrap()]);
    assert!(
        e.contains(&format!("cannot load gazetteer {}", bad.display())),
        "{e}"
    );
    std::fs::remove_file(&bad).ok();
    let e = stderr(&["analyze", "seeds/", "--lexicon", "nope.tsv"]);
    assert!(e.contains("nope.tsv"), "{e}");
    let e = stderr(&["eval", "quotes", "--gold", "missing.json"]);
    assert!(
        e.contains("gold file of the German Wikinews quotation data")
            && e.contains("missing.json")
            && e.contains("docs/EVAL.md"),
        "{e}"
    );
    let e = stderr(&["eval", "sentiment", "--gold", "gone.jsonl"]);
    assert!(
        e.contains("GermEval 2017") && e.contains("gone.jsonl"),
        "{e}"
    );
    let e = stderr(&["eval", "stance", "--gold", "g.json", "--docs", "seeds"]);
    assert!(e.contains("seeds' gold") && e.contains("g.json"), "{e}");
}

#[test]
fn options_that_do_not_apply_are_refused() {
    for extra in [
        &["--offsets", "bytes"][..],
        &["--tokens"],
        &["--sentences"],
        &["--normalized"],
    ] {
        let out = bin()
            .current_dir(root())
            .args(["analyze", "seeds/", "--format", "wikinews-quotes"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(
            e.contains("does not apply to --format wikinews-quotes"),
            "{e}"
        );
        assert!(out.stdout.is_empty());
    }
    // Code points are what the format uses: allowed.
    let out = bin()
        .current_dir(root())
        .args([
            "analyze",
            "seeds/",
            "--format",
            "wikinews-quotes",
            "--offsets",
            "chars",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn summary_line_at_the_end() {
    let input = b"{\"id\":\"a\",\"text\":\"Er kam.\"}\nkaputt\n";
    let out = run_stdin(
        &["analyze", "--input", "jsonl", "-", "--progress", "always"],
        input,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("wortlaut: 1 document, 1 error, ")
            && last.ends_with(" MB/s); see the error records"),
        "{err}"
    );
    // Not a terminal, default --progress auto: no bar, no summary.
    let out = run_stdin(&["analyze", "--input", "jsonl", "-"], input);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("MB/s"), "{err}");
}

#[test]
fn summary_by_outlet_and_month() {
    let a = "Washington kritisierte Russland scharf. „Wir kommen“, sagte Wladimir Putin.";
    let input = [
        serde_json::json!({"id": "1", "outlet": "taz", "date": "2024-06-20", "text": a}),
        serde_json::json!({"id": "2", "outlet": "FAZ", "date": "2024-07-02T10:00:00+02:00", "text": a}),
        serde_json::json!({"id": "3", "outlet": "FAZ", "date": "kaputt", "text": a}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>();
    let args = [
        "analyze",
        "--input",
        "jsonl",
        "-",
        "--group-by",
        "outlet",
        "--time-field",
        "date",
        "--interval",
        "month",
    ];
    let out = run_stdin(
        &[&args[..], &["--format", "json"]].concat(),
        input.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let g = &v["summary"]["groups"];
    assert_eq!(g["field"], "outlet");
    assert_eq!(g["groups"][0]["group"], "FAZ");
    assert_eq!(g["groups"][0]["documents"], 2);
    assert_eq!(
        g["groups"][0]["stance"][0]["holder_name"],
        "Vereinigte Staaten"
    );
    let t = &v["summary"]["timeline"];
    assert_eq!(t["unparseable"], 1);
    assert_eq!(
        t["unparseable_examples"][0],
        serde_json::json!(["3", "kaputt"])
    );
    assert_eq!(t["periods"][1]["period"], "2024-07");
    let out = run_stdin(
        &[&args[..], &["--format", "text"]].concat(),
        input.as_bytes(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("by outlet (2 groups):"), "{text}");
    assert!(text.contains("unreadable date \"kaputt\" in 3"), "{text}");
    // Not for the per-document formats.
    let out = run_stdin(&args, input.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    // --interval needs --time-field.
    let out = run_stdin(
        &["analyze", "-", "--interval", "day", "--format", "text"],
        b"x",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn report_docs_limits_the_articles_not_the_summary() {
    let out = bin()
        .current_dir(root())
        .args([
            "analyze",
            "seeds/",
            "--format",
            "html",
            "--report-docs",
            "2",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert_eq!(page.matches("<article").count(), 2);
    assert!(page.contains("The first 2 of 5 documents are shown"));
    assert!(page.contains("<title>wortlaut report: 5 documents</title>"));
    let out = bin()
        .current_dir(root())
        .args(["analyze", "seeds/", "--report-docs", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn html_report_keeps_500_error_records_and_counts_the_rest() {
    // 600 broken JSONL lines and one good record: the report lists the
    // first 500 errors (in input order) and counts the other 100.
    let mut input = String::new();
    for i in 0..600 {
        input.push_str(&format!("{{\"id\": \"bad{i}\", \"text\": {i}}}\n"));
    }
    input.push_str("{\"id\": \"good\", \"text\": \"Angela Merkel sprach.\"}\n");
    let out = run_stdin(
        &["analyze", "--input", "jsonl", "-", "--format", "html"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("<strong>bad0</strong>"));
    assert!(page.contains("<strong>bad499</strong>"));
    assert!(!page.contains("<strong>bad500</strong>"));
    assert!(
        page.contains("… 100 more (see the error records)"),
        "{page}"
    );
    assert_eq!(page.matches("<article").count(), 1);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_tables_have_the_rows_and_columns_of_the_csv_ones() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let base = std::env::temp_dir().join(format!("wortlaut-pq-{}", std::process::id()));
    std::fs::remove_dir_all(&base).ok();
    let input = serde_json::json!({"id": "a", "outlet": "taz", "date": "2024-06-20",
        "text": "„Wir kommen“, sagte Carl Thayer. Washington kritisierte Russland scharf."})
    .to_string()
        + "\nkaputt\n";
    for (dir, format) in [("csv", "csv"), ("pq", "parquet")] {
        let out = run_stdin(
            &[
                "analyze",
                "--input",
                "jsonl",
                "-",
                "--tables",
                base.join(dir).to_str().unwrap(),
                "--tables-format",
                format,
            ],
            input.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(1));
    }
    for name in ["documents", "mentions", "quotes", "stances", "errors"] {
        let mut csv = csv::Reader::from_path(base.join("csv").join(format!("{name}.csv"))).unwrap();
        let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
        let rows = csv.records().count() as i64;
        let file = std::fs::File::open(base.join("pq").join(format!("{name}.parquet"))).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let meta = reader.metadata().file_metadata();
        assert_eq!(meta.num_rows(), rows, "{name}");
        let columns: Vec<String> = meta
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(columns, header, "{name}");
        if name == "mentions" {
            let discovered = meta
                .schema_descr()
                .columns()
                .iter()
                .find(|c| c.name() == "discovered")
                .map(|c| c.physical_type());
            assert_eq!(discovered, Some(parquet::basic::Type::BOOLEAN));
        }
    }
    std::fs::remove_dir_all(&base).ok();
}

#[test]
fn eval_germeval2014_outer_exact_and_redewiedergabe_on_fixtures() {
    let dir = std::env::temp_dir().join(format!("wortlaut-cli-outer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Hand-written: "Berlin" is found as a place, the person "Der bäcker"
    // (lower case, so that no rule finds it) is missed, the LOCderiv is not
    // scored.
    let gold = dir.join("germeval.jsonl");
    std::fs::write(
        &gold,
        concat!(
            r#"{"id": "f-1", "text": "Der bäcker wohnt in Berlin und liest in einem deutschen buch.", "entities": ["#,
            r#"{"start": 0, "end": 10, "type": "PER", "level": 1}, {"start": 20, "end": 26, "type": "LOC", "level": 1}, "#,
            r#"{"start": 46, "end": 55, "type": "LOCderiv", "level": 1}]}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = bin()
        .args(["eval", "germeval2014", "--outer-exact", "--json", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["by_type"]["LOC"]["tp"], 1, "{v}");
    assert_eq!(v["by_type"]["PER"]["fn"], 1, "{v}");
    assert_eq!(v["overall"]["fp"], 0, "{v}");
    assert_eq!(v["overall"]["R"], 0.5, "{v}");
    assert_eq!(v["errors"][0]["class"], "missed PER multi-token", "{v}");
    assert_eq!(v["errors"][0]["examples"][0], "Der bäcker", "{v}");
    let out = bin()
        .args(["eval", "germeval2014", "--outer-exact", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        s.contains(
            "\n  LOC                     1.0000    1.0000    1.0000        1        0        0\n"
        ),
        "{s}"
    );
    assert!(s.contains("     1  missed PER multi-token"), "{s}");
    // Without the flag, the old view (with LOCderiv) is unchanged.
    let out = bin()
        .args(["eval", "germeval2014", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(s.contains("span + type"), "{s}");

    // REDEWIEDERGABE layout, hand-written: a direct quote the pipeline
    // finds, in a non-fiction document.
    let rw = dir.join("rw.jsonl");
    // „Ja“ , sagte Anna .
    std::fs::write(
        &rw,
        concat!(
            r#"{"id": "r-1", "genre": "nonfiction", "text": "„Ja“, sagte Anna.", "#,
            r#""tokens": [[0,1],[1,3],[3,4],[4,5],[6,11],[12,16],[16,17]], "#,
            r#""quotes": [{"start": 0, "end": 4, "kind": "direct", "segments": [[0, 4]]}]}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = bin()
        .args(["eval", "redewiedergabe", "--json", "--gold"])
        .arg(&rw)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let direct = &v["nonfiction"]["kinds"]["direct"];
    assert_eq!(
        (direct["tp"].as_u64(), direct["fn"].as_u64()),
        (Some(3), Some(0)),
        "{v}"
    );
    assert_eq!(v["fiction"]["documents"], 0, "{v}");
    let out = bin()
        .args(["eval", "redewiedergabe", "--gold"])
        .arg(&rw)
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(s.contains("non-fiction (1 documents, 7 tokens)"), "{s}");
    // A missing file names its data set.
    let out = bin()
        .args(["eval", "redewiedergabe", "--gold"])
        .arg(dir.join("missing.jsonl"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("REDEWIEDERGABE"));
    std::fs::remove_dir_all(&dir).ok();
}

/// `train quotes` writes a model from annotated articles (the same bytes on
/// a second run), `--quote-model` reads it, and a file that is not a model
/// is refused with a message that says what to do.
#[test]
fn train_quotes_writes_a_reproducible_model_that_analyze_reads() {
    let dir = std::env::temp_dir().join(format!("wortlaut-cli-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Code-point spans of the first `needle` at or after `from`.
    let span = |text: &str, needle: &str, from: usize| -> [usize; 2] {
        let b = from + text[from..].find(needle).unwrap();
        let s = text[..b].chars().count();
        [s, s + needle.chars().count()]
    };
    let mut lines = String::new();
    for (i, name) in ["Anna Schmidt", "Peter Müller", "Jörg Weber"]
        .iter()
        .enumerate()
    {
        let text = format!(
            "Der Bürgermeister {name} besuchte am Montag die Schule. Der Landrat war auch da. „Wir helfen allen Familien“, sagte er."
        );
        let at = text.find("„").unwrap();
        let q = serde_json::json!({
            "id": i.to_string(),
            "text": text,
            "tokens": [],
            "quotes": [{
                "quote": [span(&text, "„Wir helfen allen Familien“", 0)],
                "speaker": [span(&text, "er", at + 20)],
                "cue": [span(&text, "sagte", at)],
                "type": "Direct",
                "medium": "Speech"
            }]
        });
        lines.push_str(&q.to_string());
        lines.push('\n');
    }
    let data = dir.join("train.jsonl");
    std::fs::write(&data, lines).unwrap();
    let train = |out: &PathBuf| {
        let o = bin()
            .args(["train", "quotes", "--train"])
            .arg(&data)
            .arg("--dev")
            .arg(&data)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(err.contains("3 matched quotes, 3 examples"), "{err}");
        std::fs::read_to_string(out).unwrap()
    };
    let (a, b) = (dir.join("a.model"), dir.join("b.model"));
    let model = train(&a);
    assert!(
        model.starts_with("wortlaut-quote-model 1 speaker-v1\n"),
        "{model}"
    );
    assert_eq!(model, train(&b));
    let o = run_stdin(
        &["analyze", "--quote-model", a.to_str().unwrap(), "-"],
        "„Wir helfen“, sagte der Landrat.".as_bytes(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = records(&o);
    assert_eq!(r[0]["quotes"][0]["speaker_text"], "der Landrat", "{}", r[0]);
    let bad = dir.join("bad.model");
    std::fs::write(&bad, "feature\t1\n").unwrap();
    let o = run_stdin(
        &["analyze", "--quote-model", bad.to_str().unwrap(), "-"],
        b"Text.",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not a wortlaut quote model") && err.contains("wortlaut train quotes"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
