//! Runs that finish: every readable document comes out whatever else fails
//! (missing paths, unreadable folders and sources, link cycles), and the
//! usage errors of an empty input set or JSON Lines given as text.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wortlaut"))
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wortlaut-runs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs the binary with a deadline (a run that does not end fails the test).
fn run(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes as the run goes, so that it never waits on them.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            r.read_to_end(&mut v).unwrap();
            v
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the run did not end within 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn analyze(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = bin();
    cmd.current_dir(dir).arg("analyze").args(args);
    run(cmd)
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn ids(out: &Output) -> Vec<String> {
    records(out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A command that runs the binary without the power to read what its
/// permission bits forbid: as root (where they do not bite) it drops to
/// the user `nobody` with `setpriv`, so that the test means the same for
/// every user.
fn unprivileged(dir: &Path) -> Command {
    let euid = std::fs::metadata("/proc/self").unwrap().uid();
    let mut cmd = if euid == 0 {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_wortlaut"));
        c
    } else {
        bin()
    };
    cmd.current_dir(dir);
    cmd
}

#[test]
fn a_missing_path_among_several_is_an_error_record() {
    let dir = scratch("missing");
    write(&dir.join("a.txt"), "Merkel schwieg.");
    write(&dir.join("c.txt"), "Putin sprach.");
    let out = analyze(&dir, &["a.txt", "nope.txt", "c.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(ids(&out), ["a.txt", "nope.txt", "c.txt"]);
    assert_eq!(recs[1]["error"]["kind"], "not_found");
    assert!(recs[0]["error"].is_null() && recs[2]["error"].is_null());
    // Alone, a missing path is one error record too.
    let out = analyze(&dir, &["nope.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), ["nope.txt"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unreadable_folder_is_an_error_record_and_the_run_goes_on() {
    let dir = scratch("locked");
    write(&dir.join("corpus/a.txt"), "Merkel schwieg.");
    write(&dir.join("corpus/zz_locked/b.txt"), "Putin sprach.");
    write(&dir.join("corpus/zz_locked/c.txt"), "Biden lachte.");
    write(&dir.join("corpus/zzz.txt"), "Scholz ging.");
    let locked = dir.join("corpus/zz_locked");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let mut cmd = unprivileged(&dir);
    cmd.args(["analyze", "corpus"]);
    let out = run(cmd);
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(
        ids(&out),
        ["corpus/a.txt", "corpus/zz_locked", "corpus/zzz.txt"]
    );
    assert_eq!(recs[1]["error"]["kind"], "unreadable");
    let msg = recs[1]["error"]["message"].as_str().unwrap();
    assert!(msg.contains("Permission denied"), "{msg}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unreadable_jsonl_source_among_three_is_an_error_record() {
    let dir = scratch("sources");
    write(
        &dir.join("1.jsonl"),
        "{\"id\":\"a\",\"text\":\"Merkel schwieg.\"}\n",
    );
    write(
        &dir.join("2.jsonl"),
        "{\"id\":\"b\",\"text\":\"Putin sprach.\"}\n",
    );
    write(
        &dir.join("3.jsonl"),
        "{\"id\":\"c\",\"text\":\"Biden lachte.\"}\n",
    );
    let locked = dir.join("2.jsonl");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let mut cmd = unprivileged(&dir);
    cmd.args([
        "analyze",
        "--input",
        "jsonl",
        "1.jsonl",
        "2.jsonl",
        "missing.jsonl",
        "3.jsonl",
    ]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(ids(&out), ["a", "2.jsonl", "missing.jsonl", "c"]);
    assert_eq!(recs[1]["error"]["kind"], "unreadable");
    assert!(recs[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Permission denied"));
    assert_eq!(recs[2]["error"]["kind"], "not_found");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn links_are_skipped_or_followed_once_and_cycles_end() {
    let dir = scratch("links");
    write(&dir.join("corpus/a.txt"), "Merkel schwieg.");
    write(&dir.join("corpus/sub/b.txt"), "Putin sprach.");
    // Two links back to the parent and one to a file.
    std::os::unix::fs::symlink("..", dir.join("corpus/sub/up")).unwrap();
    std::os::unix::fs::symlink("../..", dir.join("corpus/sub/upup")).unwrap();
    std::os::unix::fs::symlink("../a.txt", dir.join("corpus/sub/link.txt")).unwrap();

    let out = analyze(&dir, &["corpus"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&out), ["corpus/a.txt", "corpus/sub/b.txt"]);
    assert!(stderr(&out).contains("skipped 3 symbolic link(s)"));

    let out = analyze(&dir, &["corpus", "--follow-links"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Each file once, whatever number of ways it is reached.
    assert_eq!(ids(&out), ["corpus/a.txt", "corpus/sub/b.txt"]);
    assert!(stderr(&out).contains("a cycle"), "{}", stderr(&out));
    // A file named twice is analysed once.
    let out = analyze(&dir, &["corpus/a.txt", "corpus", "corpus/sub/link.txt"]);
    assert_eq!(ids(&out), ["corpus/a.txt", "corpus/sub/b.txt"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_input_set_is_a_usage_error_naming_the_path() {
    let dir = scratch("empty");
    std::fs::create_dir_all(dir.join("nothing")).unwrap();
    write(&dir.join("other/notes.md"), "no text here");
    for folder in ["nothing", "other"] {
        let out = analyze(&dir, &[folder]);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(
            err.contains(&format!("no *.txt files in {folder}")),
            "{err}"
        );
    }
    // Among other inputs, an empty folder is a note.
    write(&dir.join("a.txt"), "Merkel schwieg.");
    let out = analyze(&dir, &["nothing", "a.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("no *.txt files in nothing"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_lines_in_text_mode_are_refused_with_a_hint() {
    let dir = scratch("jsonl-as-text");
    let line = "{\"id\":\"a\",\"text\":\"Merkel schwieg.\"}\n";
    write(&dir.join("c.jsonl"), line);
    write(&dir.join("d.NDJSON"), line);
    for name in ["c.jsonl", "d.NDJSON"] {
        let out = analyze(&dir, &[name]);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(err.contains(name) && err.contains("--input jsonl"), "{err}");
    }
    let stdin = |input: &str| {
        let mut child = bin()
            .args(["analyze", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = stdin(&format!("\n{line}{line}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("stdin looks like JSON Lines; read it with --input jsonl"));
    // Text that merely starts with a brace is text.
    let out = stdin("{Anmerkung} Merkel schwieg.\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out).len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn seed_text() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join("seeds/001_0f66cc593626285b.txt")).unwrap()
}

/// Mention texts and their spans.
fn mentions(rec: &serde_json::Value) -> Vec<(u64, u64, String)> {
    rec["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn repair_kinds(rec: &serde_json::Value) -> Vec<String> {
    rec["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn windows_1252_and_utf16_files_are_decoded() {
    let dir = scratch("encodings");
    let text = seed_text();
    assert!(text.contains("Pjöngjang") && text.contains("Südchinesische"));
    std::fs::write(dir.join("utf8.txt"), &text).unwrap();
    // Every character of the seed exists in Windows-1252.
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '„' => 0x84,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            '’' => 0x92,
            '‘' => 0x91,
            '…' => 0x85,
            '€' => 0x80,
            c if (c as u32) < 0x100 => c as u8,
            c => panic!("{c:?} is not in Windows-1252"),
        })
        .collect();
    std::fs::write(dir.join("cp1252.txt"), &cp1252).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("utf16.txt"), &utf16).unwrap();
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.join("utf16be.txt"), &utf16be).unwrap();

    let out = analyze(
        &dir,
        &["utf8.txt", "cp1252.txt", "utf16.txt", "utf16be.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    let want = mentions(&recs[0]);
    assert!(want.iter().any(|m| m.2 == "Pjöngjang"));
    assert!(want.iter().any(|m| m.2.starts_with("Südchinesische")));
    // One byte per character: the same code-point offsets.
    assert_eq!(mentions(&recs[1]), want);
    assert!(repair_kinds(&recs[1]).contains(&"decoded_windows_1252".to_string()));
    assert!(!repair_kinds(&recs[1]).contains(&"invalid_utf8".to_string()));
    // The byte order mark is one code point before the text.
    let shifted: Vec<_> = want
        .iter()
        .map(|(s, e, t)| (s + 1, e + 1, t.clone()))
        .collect();
    assert_eq!(mentions(&recs[2]), shifted);
    let kinds = repair_kinds(&recs[2]);
    assert!(kinds.contains(&"decoded_utf_16le".to_string()));
    assert!(kinds.contains(&"invisible".to_string()));
    assert!(!kinds.contains(&"control".to_string()));
    assert_eq!(mentions(&recs[3]), want);
    assert!(repair_kinds(&recs[3]).contains(&"decoded_utf_16be".to_string()));

    // Forced: Latin-1 read as UTF-8 is repaired as before.
    let out = analyze(&dir, &["cp1252.txt", "--encoding", "utf-8"]);
    let rec = &records(&out)[0];
    assert!(repair_kinds(rec).contains(&"invalid_utf8".to_string()));
    assert!(!mentions(rec).iter().any(|m| m.2 == "Pjöngjang"));
    let out = analyze(&dir, &["cp1252.txt", "--encoding", "windows-1252"]);
    assert_eq!(mentions(&records(&out)[0]), want);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bom_does_not_cost_the_first_json_lines_record() {
    let dir = scratch("bom-jsonl");
    let lines = "{\"id\":\"a\",\"text\":\"Merkel schwieg in Pjöngjang.\"}\n{\"id\":\"b\",\"text\":\"Putin sprach.\"}\n";
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend(lines.as_bytes());
    std::fs::write(dir.join("utf8.jsonl"), utf8).unwrap();
    let mut utf16 = vec![0xFE, 0xFF];
    utf16.extend(lines.encode_utf16().flat_map(u16::to_be_bytes));
    std::fs::write(dir.join("utf16.jsonl"), utf16).unwrap();
    let out = analyze(&dir, &["--input", "jsonl", "utf8.jsonl", "utf16.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(ids(&out), ["a", "b", "a", "b"]);
    assert_eq!(mentions(&recs[0]), mentions(&recs[2]));
    assert!(mentions(&recs[0]).iter().any(|m| m.2 == "Pjöngjang"));
    assert!(!repair_kinds(&recs[0]).contains(&"decoded_utf_16be".to_string()));
    assert!(repair_kinds(&recs[2]).contains(&"decoded_utf_16be".to_string()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn binary_input_is_an_error_record() {
    let dir = scratch("binary");
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let random: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(dir.join("random.txt"), random).unwrap();
    std::fs::write(dir.join("text.txt"), "Merkel schwieg.").unwrap();
    let out = analyze(&dir, &["random.txt", "text.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["error"]["kind"], "binary");
    assert!(recs[0]["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("looks binary"));
    assert!(out.stdout.len() < 2000, "{} bytes", out.stdout.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A JSON Lines corpus of `n` records cycling through the seeds.
fn seed_corpus(path: &Path, n: usize) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    let texts: Vec<String> = seeds
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut out = String::new();
    for i in 0..n {
        let rec = serde_json::json!({"id": format!("d{i}"), "text": texts[i % texts.len()]});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    // One broken record, so that an error record is resumed too.
    out.push_str("{\"id\": \"broken\", \"text\": 7}\n");
    std::fs::write(path, out).unwrap();
}

fn lines_in(path: &Path) -> usize {
    std::fs::read(path)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0)
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig} {pid} failed");
}

const CORPUS_ARGS: [&str; 7] = [
    "analyze",
    "--input",
    "jsonl",
    "corpus.jsonl",
    "--threads",
    "2",
    "--batch",
];

/// Starts a run into `out.jsonl` and kills it with SIGKILL once the file
/// holds at least `after` lines (0: at once).
fn killed_run(dir: &Path, after: usize, resume: bool) {
    let mut cmd = bin();
    cmd.current_dir(dir)
        .args(CORPUS_ARGS)
        .args(["3", "--output", "out.jsonl"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if resume {
        cmd.arg("--resume");
    }
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    while lines_in(&dir.join("out.jsonl")) < after {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was killed"
        );
        assert!(start.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_run_killed_at_several_points_resumes_to_the_same_file() {
    let dir = scratch("resume");
    seed_corpus(&dir.join("corpus.jsonl"), 240);
    let mut cmd = bin();
    cmd.current_dir(&dir)
        .args(CORPUS_ARGS)
        .args(["3", "--output", "whole.jsonl"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let whole = std::fs::read(dir.join("whole.jsonl")).unwrap();
    assert_eq!(lines_in(&dir.join("whole.jsonl")), 241);

    killed_run(&dir, 0, false);
    killed_run(&dir, 1, true);
    killed_run(&dir, 60, true);
    // A hard kill can tear the last line: cut on resume.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("out.jsonl"))
        .unwrap();
    f.write_all(b"{\"id\":\"d61\",\"offsets\":\"ch").unwrap();
    drop(f);
    killed_run(&dir, 150, true);
    let kept = lines_in(&dir.join("out.jsonl"));
    assert!(
        (150..241).contains(&kept),
        "{kept} lines before the last resume"
    );
    let mut cmd = bin();
    cmd.current_dir(&dir)
        .args(CORPUS_ARGS)
        .args(["3", "--output", "out.jsonl", "--resume"]);
    let out = run(cmd);
    // The broken record of the first part still counts.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{kept} record(s) kept")));
    assert!(std::fs::read(dir.join("out.jsonl")).unwrap() == whole);

    // Resuming a finished run adds nothing; other inputs are refused.
    let mut cmd = bin();
    cmd.current_dir(&dir)
        .args(CORPUS_ARGS)
        .args(["3", "--output", "out.jsonl", "--resume"]);
    let out = run(cmd);
    assert!(stderr(&out).contains("241 document(s) skipped, 0 added"));
    assert!(std::fs::read(dir.join("out.jsonl")).unwrap() == whole);
    write(
        &dir.join("other.jsonl"),
        "{\"id\":\"x\",\"text\":\"Hallo\"}\n",
    );
    let out = analyze(
        &dir,
        &[
            "--input",
            "jsonl",
            "other.jsonl",
            "--output",
            "out.jsonl",
            "--resume",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot resume out.jsonl"));
    let out = analyze(
        &dir,
        &[
            "other.jsonl",
            "--format",
            "json",
            "--output",
            "o.json",
            "--resume",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sigint_and_sigterm_end_the_run_after_a_whole_record() {
    let dir = scratch("signals");
    seed_corpus(&dir.join("corpus.jsonl"), 400);
    for (sig, code) in [("-INT", 130), ("-TERM", 143)] {
        // To stdout: the signal comes once the first records are out.
        let mut child = bin()
            .current_dir(&dir)
            .args(CORPUS_ARGS)
            .arg("2")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut text = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut text).unwrap();
        signal(child.id(), sig);
        std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
        let n = text.lines().count();
        assert!(n > 0 && n < 401, "{n} records");
        for line in text.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
        assert!(text.ends_with('\n'));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{n} document(s) written to stdout")),
            "{err}"
        );

        // To a file, then resumed to the end.
        let _ = std::fs::remove_file(dir.join("out.jsonl"));
        let mut child = bin()
            .current_dir(&dir)
            .args(CORPUS_ARGS)
            .args(["2", "--output", "out.jsonl"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        while lines_in(&dir.join("out.jsonl")) < 10 {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the run ended before the signal"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        signal(child.id(), sig);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code));
        assert!(stderr(&out).contains("--resume"));
        let text = std::fs::read_to_string(dir.join("out.jsonl")).unwrap();
        assert!(text.ends_with('\n'));
        for line in text.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
        let n = text.lines().count();
        assert!(n < 401, "{n} records");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_format_is_byte_identical_across_threads_and_runs() {
    let dir = scratch("reproducible");
    // Repeated seeds: the same quotations in many documents, so that the
    // summary has clusters whose similarity is a sum of many terms.
    seed_corpus(&dir.join("corpus.jsonl"), 60);
    for format in ["jsonl", "json", "text", "html", "wikinews-quotes"] {
        let once = |threads: &str| {
            let out = analyze(
                &dir,
                &[
                    "--input",
                    "jsonl",
                    "corpus.jsonl",
                    "--format",
                    format,
                    "--threads",
                    threads,
                    "--batch",
                    "7",
                ],
            );
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            out.stdout
        };
        let first = once("1");
        assert!(first.len() > 1000, "{format}: {} bytes", first.len());
        if format == "json" || format == "html" || format == "text" {
            let s = String::from_utf8_lossy(&first);
            assert!(s.contains("similarity"), "{format} has no cluster");
        }
        for threads in ["1", "2", "8"] {
            assert!(
                once(threads) == first,
                "{format} differs with {threads} threads"
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
