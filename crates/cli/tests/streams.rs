//! The binary on streams and batches: broken records among good ones, long
//! lines, output flushed while the input is still open, a closed stdout,
//! the same output whatever the threads and batch sizes.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wortlaut"))
}

/// Runs the binary with `input` on stdin, written from another thread so
/// that large inputs and outputs cannot block each other.
fn run_stdin(args: &[&str], input: Vec<u8>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading early; that is not an error here.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A batch of `n` records of which every hundredth is broken, in turn: not
/// JSON, no `text`, invalid UTF-8, a text over the limit, a text that is
/// not a string. Returns the input and, per line, the expected error kind.
fn batch(n: usize) -> (Vec<u8>, Vec<Option<&'static str>>) {
    let mut input = Vec::new();
    let mut kinds = Vec::new();
    let big = "Wort ".repeat(1000);
    for i in 0..n {
        let kind = if i % 100 == 99 {
            Some(
                [
                    "bad_json",
                    "missing_text",
                    "bad_json",
                    "too_large",
                    "bad_text",
                ][(i / 100) % 5],
            )
        } else {
            None
        };
        match (kind, (i / 100) % 5) {
            (None, _) => write!(
                input,
                "{{\"id\": \"d{i}\", \"text\": \"Kanzler Scholz sagte am {}. Mai: „Wir helfen.“ Das ist gut.\"}}",
                i % 28 + 1
            )
            .unwrap(),
            (Some(_), 0) => write!(input, "{{\"id\": \"d{i}\", \"text\": ").unwrap(),
            (Some(_), 1) => write!(input, "{{\"id\": \"d{i}\", \"title\": \"x\"}}").unwrap(),
            (Some(_), 2) => {
                write!(input, "{{\"id\": \"d{i}\", \"text\": \"Stra").unwrap();
                input.extend_from_slice(b"\xdf\xff\"}");
            }
            (Some(_), 3) => write!(input, "{{\"id\": \"d{i}\", \"text\": \"{big}\"}}").unwrap(),
            (Some(_), _) => write!(input, "{{\"id\": \"d{i}\", \"text\": [1, 2]}}").unwrap(),
        }
        input.push(b'\n');
        kinds.push(kind);
    }
    (input, kinds)
}

#[test]
fn a_batch_with_broken_records_loses_no_document() {
    // WORTLAUT_BATCH_DOCS=10000 for the full size (docs/TESTING.md).
    let n = std::env::var("WORTLAUT_BATCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let (input, kinds) = batch(n);
    let out = run_stdin(
        &[
            "analyze",
            "--input",
            "jsonl",
            "-",
            "--max-bytes",
            "2000",
            "--batch",
            "64",
            "--threads",
            "2",
        ],
        input,
    );
    assert_eq!(out.status.code(), Some(1), "exit code 1: records failed");
    let recs = records(&out);
    assert_eq!(recs.len(), n, "one output per input record");
    let mut errors = 0;
    for (i, (rec, kind)) in recs.iter().zip(&kinds).enumerate() {
        assert_eq!(rec["id"], format!("d{i}"), "output in input order");
        match kind {
            Some(k) => {
                errors += 1;
                assert_eq!(rec["error"]["kind"], *k, "line {}", i + 1);
                assert_eq!(rec["line"], i + 1, "error record with its line");
            }
            None => {
                assert!(rec.get("error").is_none(), "good record {i} failed: {rec}");
                assert_eq!(rec["quotes"].as_array().unwrap().len(), 1);
            }
        }
    }
    assert_eq!(errors, n / 100);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{errors} document(s) failed")),
        "{stderr}"
    );
    eprintln!(
        "{n} records: {} outputs, {} analyses, {errors} error records",
        recs.len(),
        recs.len() - errors
    );
}

#[test]
fn output_is_identical_across_threads_and_batches() {
    let (input, _) = batch(300);
    let run = |threads: &str, batch: &str| {
        let out = run_stdin(
            &[
                "analyze",
                "--input",
                "jsonl",
                "-",
                "--max-bytes",
                "2000",
                "--threads",
                threads,
                "--batch",
                batch,
            ],
            input.clone(),
        );
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    let one = run("1", "512");
    assert_eq!(one, run("2", "7"));
    assert_eq!(one, run("8", "1"));
    assert_eq!(one, run("8", "64"));
}

#[test]
fn a_line_far_over_the_limit_is_skipped_not_kept() {
    // 30 MB on one line with a limit of 1,000 bytes: the reader keeps only
    // the limit; the id before the text is still found.
    let mut input =
        b"{\"id\": \"first\", \"text\": \"Er kam.\"}\n{\"id\": \"huge\", \"text\": \"".to_vec();
    input.extend(std::iter::repeat_n(b'a', 30_000_000));
    input.extend_from_slice(b"\"}\n{\"text\": \"Sie ging.\", \"id\": 3}\n");
    let out = run_stdin(
        &["analyze", "--input", "jsonl", "-", "--max-bytes", "1000"],
        input,
    );
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["id"], "first");
    assert_eq!(recs[1]["id"], "huge");
    assert_eq!(recs[1]["line"], 2);
    assert_eq!(recs[1]["error"]["kind"], "too_large");
    assert_eq!(recs[2]["id"], "3");
    assert!(recs[2]["mentions"].is_array());
}

#[test]
fn a_text_file_over_the_limit_is_an_error_record() {
    let dir = std::env::temp_dir().join(format!("wortlaut-streams-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let small = dir.join("a.txt");
    let big = dir.join("b.txt");
    std::fs::write(&small, "Er kam.").unwrap();
    std::fs::write(&big, "Wort ".repeat(1000)).unwrap();
    let out = bin()
        .args(["analyze", "--max-bytes", "1000"])
        .arg(&small)
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["mentions"].is_array());
    assert_eq!(recs[1]["error"]["kind"], "too_large");
    // stdin as one document, over the limit.
    let out = run_stdin(
        &["analyze", "--max-bytes", "1000", "-"],
        "Wort ".repeat(1000).into_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out)[0]["error"]["kind"], "too_large");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_slow_stream_gets_its_output_before_it_ends() {
    let mut child = bin()
        .args(["analyze", "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\": \"one\", \"text\": \"Er kam.\"}\n")
        .unwrap();
    stdin.flush().unwrap();
    // The input stays open: the record must still come out.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().unwrap().unwrap();
        tx.send(first).unwrap();
        lines.count()
    });
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("no output while the stream was open");
    assert!(first.contains("\"id\":\"one\""), "{first}");
    stdin
        .write_all(b"{\"id\": \"two\", \"text\": \"Sie ging.\"}\n")
        .unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert_eq!(reader.join().unwrap(), 1);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let mut child = bin()
        .args(["analyze", "--input", "jsonl", "-", "--batch", "16"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // An endless stream, until the binary stops reading.
    let writer = std::thread::spawn(move || {
        for i in 0.. {
            let line = format!("{{\"id\": {i}, \"text\": \"Putin sagte: „Gut.“\"}}\n");
            if stdin.write_all(line.as_bytes()).is_err() {
                return i;
            }
        }
        unreachable!()
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}: {stderr}");
    assert_eq!(stderr, "", "nothing on stderr for a closed stdout");
    writer.join().unwrap();
}
