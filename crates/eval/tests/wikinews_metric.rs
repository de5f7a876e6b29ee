//! The quotation-attribution metric against the reference scorer
//! `wikinews_quotes.py` on the German Wikinews dev set
//! (`../shared/eval/wikinews-quotes`, or `$WORTLAUT_EVAL_DIR/wikinews-quotes`).
//!
//! Every figure of [`score`] must equal the script's `score --json` output
//! (to 1e-9) and the `Display` report must equal its text report, for the
//! gold file scored against itself, the script's `baseline` predictions and
//! deterministic perturbations of the gold. The data is read at test time
//! only (CC BY-NC-SA); nothing derived from it is kept in the repository.
//! Skipped (with a message) when the data is absent; fails when `python3` is
//! missing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use wortlaut_eval::wikinews::{read_gold, read_predictions, score, GoldArticle, QuoteScores};

/// The folder with `dev.jsonl` and `wikinews_quotes.py`, if present.
fn data_dir() -> Option<PathBuf> {
    let eval = std::env::var_os("WORTLAUT_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"));
    let dir = eval.join("wikinews-quotes");
    if dir.join("dev.jsonl").is_file() && dir.join("wikinews_quotes.py").is_file() {
        Some(dir)
    } else if ["WORTLAUT_REQUIRE_EVAL", "WORTLAUT_REQUIRE_SHARED"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0"))
    {
        panic!(
            "{} not found (no dev.jsonl and wikinews_quotes.py), and WORTLAUT_REQUIRE_EVAL or \
             WORTLAUT_REQUIRE_SHARED is set (docs/EVAL.md)",
            dir.display()
        );
    } else {
        eprintln!(
            "{} not found (no dev.jsonl and wikinews_quotes.py); skipping the quotation \
             metric check against the reference scorer",
            dir.display()
        );
        None
    }
}

/// A scratch file under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("quote_eval");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs the reference script; returns its standard output.
fn python(dir: &Path, args: &[&Path]) -> String {
    let script = dir.join("wikinews_quotes.py");
    let out = Command::new("python3")
        .arg(&script)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run python3 ({e}): this test compares with the reference scorer \
                 {}, so Python 3 must be on PATH",
                script.display()
            )
        });
    assert!(
        out.status.success(),
        "python3 {} {args:?} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every difference between our JSON and the script's, by path.
fn compare(path: &str, ours: &Value, theirs: &Value, diffs: &mut Vec<String>) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let keys_a: Vec<&String> = a.keys().collect();
            let keys_b: Vec<&String> = b.keys().collect();
            if keys_a != keys_b {
                diffs.push(format!("{path}: keys {keys_a:?} vs {keys_b:?}"));
                return;
            }
            for (k, v) in a {
                compare(&format!("{path}/{k}"), v, &b[k], diffs);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (k, (x, y)) in a.iter().zip(b).enumerate() {
                compare(&format!("{path}/{k}"), x, y, diffs);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let same = if b.is_f64() {
                a.is_f64() && (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() <= 1e-9
            } else {
                a == b
            };
            if !same {
                diffs.push(format!("{path}: {a} vs {b}"));
            }
        }
        (Value::String(a), Value::String(_)) if path == "/assignment" => {
            assert_eq!(a, "builtin");
        }
        _ if ours == theirs => {}
        _ => diffs.push(format!("{path}: {ours} vs {theirs}")),
    }
}

/// Scores `pred` against `gold` with the script and with [`score`] and
/// asserts that every figure and the text report are the same.
fn check(dir: &Path, gold: &Path, pred: &Path, name: &str) -> QuoteScores {
    let json_path = scratch(&format!("{name}.python.json"));
    let text = python(
        dir,
        &[
            Path::new("score"),
            gold,
            pred,
            Path::new("--json"),
            &json_path,
        ],
    );
    let theirs: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();

    let scores = score(&read_gold(gold).unwrap(), &read_predictions(pred).unwrap());
    let ours = serde_json::to_value(&scores).unwrap();
    // Kept next to the script's output, for a look when this fails.
    let ours_path = scratch(&format!("{name}.rust.json"));
    std::fs::write(&ours_path, serde_json::to_string_pretty(&ours).unwrap()).unwrap();
    let mut diffs = Vec::new();
    compare("", &ours, &theirs, &mut diffs);
    assert!(
        diffs.is_empty(),
        "{name}: figures differ from wikinews_quotes.py:\n{}",
        diffs.join("\n")
    );
    // The script says "scipy" when it has it; the assignment is the same.
    let text = text.replace("(assignment: scipy)", "(assignment: builtin)");
    assert_eq!(scores.to_string(), text, "{name}: the text reports differ");
    scores
}

/// Every number in the figures of `v` (not the counts) is 1.
fn all_ones(path: &str, v: &Value, bad: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| all_ones(&format!("{path}/{k}"), x, bad)),
        Value::Number(n) if n.is_f64() && n.as_f64() != Some(1.0) => {
            bad.push(format!("{path} = {n}"))
        }
        _ => {}
    }
}

#[test]
fn gold_against_itself() {
    let Some(dir) = data_dir() else { return };
    let dev = dir.join("dev.jsonl");
    let scores = check(&dir, &dev, &dev, "gold");
    assert_eq!((scores.documents, scores.gold_quotes), (150, 653));
    assert_eq!(scores.pred_quotes, 653);
    let v = serde_json::to_value(&scores).unwrap();
    let mut bad = Vec::new();
    all_ones("", &v["official"], &mut bad);
    all_ones("", &v["extras"], &mut bad);
    assert!(bad.is_empty(), "gold against itself: {bad:?}");
}

#[test]
fn baseline_predictions() {
    let Some(dir) = data_dir() else { return };
    let dev = dir.join("dev.jsonl");
    let pred = scratch("baseline.jsonl");
    python(&dir, &[Path::new("baseline"), &dev, &pred]);
    let scores = check(&dir, &dev, &pred, "baseline");
    assert!(scores.pred_quotes > 0);
    assert!(scores.extras.direct_exact.matched > 0);
}

const TYPES: [&str; 5] = [
    "Direct",
    "Indirect",
    "FreeIndirect",
    "IndirectFreeIndirect",
    "Reported",
];

/// One role's spans as JSON: sometimes in the single-span shorthand.
fn spans_json(spans: &[[usize; 2]], shorthand: bool) -> Value {
    match spans {
        [one] if shorthand => json!(one),
        _ => json!(spans),
    }
}

/// Deterministic damage to the gold quotes, chosen by index arithmetic:
/// spans shifted, truncated, widened or cut to their first part; quotes
/// dropped or duplicated; types and media changed or left out; speakers
/// removed or replaced; false quotes added (also empty and token-less ones);
/// articles left out, given twice (the later line wins) or with a numeric id;
/// predictions for an unknown article.
fn perturb(gold: &[GoldArticle], variant: usize) -> String {
    let mut out = String::new();
    let mut n = 7 * variant;
    for (a, doc) in gold.iter().enumerate() {
        let a = a + 3 * variant;
        if a % 19 == 4 {
            continue;
        }
        let mut quotes = Vec::new();
        for q in &doc.quotes {
            n += 1;
            if n % 11 == 5 {
                continue;
            }
            let mut quote: Vec<[usize; 2]> = match n % 6 {
                1 => q.quote.iter().map(|&[s, e]| [s + 2, e + 2]).collect(),
                2 => q
                    .quote
                    .iter()
                    .map(|&[s, e]| [s, s + ((e - s) / 2).max(1)])
                    .collect(),
                3 => q
                    .quote
                    .iter()
                    .map(|&[s, e]| [s.saturating_sub(3), e + 15])
                    .collect(),
                4 => q.quote.iter().take(1).copied().collect(),
                _ => q.quote.clone(),
            };
            if let (13, Some(&[s, _])) = (n % 29, q.quote.first()) {
                quote = vec![[s, s]]; // covers no token
            }
            let speaker = match n % 4 {
                0 => Vec::new(),
                1 => q.cue.clone(),
                _ if n % 9 == 8 => q.speaker.iter().map(|&[s, _]| [s, s + 1]).collect(),
                _ => q.speaker.clone(),
            };
            let frame = if n % 3 == 2 {
                Vec::new()
            } else {
                q.frame.clone()
            };
            let addressee = if n % 8 == 6 {
                q.speaker.clone()
            } else {
                q.addressee.clone()
            };
            let short = n % 10 == 7;
            let mut p = json!({
                "quote": spans_json(&quote, short),
                "speaker": spans_json(&speaker, short),
                "cue": if n % 17 == 3 { Value::Null } else { spans_json(&q.cue, short) },
                "frame": spans_json(&frame, short),
                "addressee": spans_json(&addressee, short),
            });
            let kind = q.kind.as_deref().unwrap_or("Direct");
            match n % 7 {
                3 => {
                    let k = TYPES.iter().position(|&t| t == kind).unwrap_or(0);
                    p["type"] = json!(TYPES[(k + 1) % TYPES.len()]);
                }
                4 => {}
                5 => p["type"] = json!("Direct"),
                _ => p["type"] = json!(kind),
            }
            match n % 5 {
                2 => p["medium"] = json!("Speech"),
                3 => {}
                4 => p["medium"] = json!("Writing"),
                _ => p["medium"] = json!(q.medium),
            }
            if n % 12 == 9 {
                let m = p.as_object_mut().unwrap();
                m.remove("addressee");
                m.remove("frame");
            }
            if n % 13 == 4 {
                let mut twin = p.clone();
                twin["type"] = json!("Reported");
                quotes.push(p.clone());
                quotes.push(twin);
            }
            quotes.push(p);
        }
        if a % 7 == 2 && !doc.tokens.is_empty() {
            let t = doc.tokens.len();
            let i = (a * 13 + variant * 5) % t;
            let j = (i + 4).min(t - 1);
            let span = [doc.tokens[i][0], doc.tokens[j][1]];
            quotes.push(json!({"quote": [span], "cue": [doc.tokens[i]], "type": "Direct", "medium": "Speech"}));
            quotes.push(json!({"quote": [doc.tokens[j]], "speaker": doc.tokens[i]}));
            quotes.push(json!({"quote": [], "type": "Indirect", "medium": "Speech"}));
        }
        let id = if a % 5 == 1 {
            json!(doc.id.parse::<u64>().unwrap())
        } else {
            json!(doc.id)
        };
        if a % 31 == 7 {
            let first = json!({"id": id, "quotes": [{"quote": [[0, 1]], "type": "Direct"}]});
            writeln!(out, "{first}").unwrap();
        }
        let line = if a % 23 == 11 {
            json!({"id": id, "quotes": []})
        } else {
            json!({"id": id, "quotes": quotes})
        };
        writeln!(out, "{line}\n").unwrap();
    }
    let unknown = json!({"id": format!("not-in-gold-{variant}"), "quotes": [{"quote": [[0, 5]]}]});
    writeln!(out, "{unknown}").unwrap();
    out
}

fn check_perturbed(variant: usize) {
    let Some(dir) = data_dir() else { return };
    let dev = dir.join("dev.jsonl");
    let gold = read_gold(&dev).unwrap();
    let pred = scratch(&format!("perturbed-{variant}.jsonl"));
    std::fs::write(&pred, perturb(&gold, variant)).unwrap();
    let scores = check(&dir, &dev, &pred, &format!("perturbed-{variant}"));
    assert_eq!(
        scores.pred_documents_not_in_gold,
        [format!("not-in-gold-{variant}")]
    );
    let f1 = scores.official.joint.f1;
    assert!(0.2 < f1 && f1 < 0.99, "joint F1 {f1}");
}

#[test]
fn perturbed_gold_0() {
    check_perturbed(0);
}

#[test]
fn perturbed_gold_1() {
    check_perturbed(1);
}

#[test]
fn perturbed_gold_2() {
    check_perturbed(2);
}

#[test]
fn read_errors_name_the_line() {
    let path = scratch("malformed-predictions.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"1\", \"quotes\": []}\n{\"id\": \"2\", \"quotes\": [{\"quote\": [[1, 2, 3]]}]}\n",
    )
    .unwrap();
    let err = read_predictions(&path).unwrap_err().to_string();
    assert!(err.contains("malformed-predictions.jsonl:2:"), "{err}");
    assert!(err.contains("a span must be [start, end]"), "{err}");
    assert!(!err.contains("line 1"), "{err}");
    assert!(err.contains("write one JSON object per line"), "{err}");

    let path = scratch("gold-without-tokens.jsonl");
    std::fs::write(
        &path,
        "\n{\"id\": \"1\", \"text\": \"Ja.\", \"quotes\": []}\n",
    )
    .unwrap();
    let err = read_gold(&path).unwrap_err().to_string();
    assert!(err.contains("gold-without-tokens.jsonl:2:"), "{err}");
    assert!(err.contains("missing field `tokens`"), "{err}");
    assert!(err.contains("use a converted gold file"), "{err}");

    let err = read_gold(scratch("does-not-exist.jsonl"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("cannot read "), "{err}");
}

#[test]
fn lenient_prediction_forms() {
    let path = scratch("lenient.jsonl");
    std::fs::write(
        &path,
        "{\"id\": 7, \"quotes\": [{\"quote\": [3, 5], \"speaker\": null, \"cue\": [], \
         \"frame\": [[0, 1], [2, 3]]}]}\n\n{\"id\": \"8\"}\n",
    )
    .unwrap();
    let p = read_predictions(&path).unwrap();
    let q = &p["7"][0];
    assert_eq!(q.quote, [[3, 5]]);
    assert!(q.speaker.is_empty() && q.cue.is_empty() && q.addressee.is_empty());
    assert_eq!(q.frame, [[0, 1], [2, 3]]);
    assert_eq!((q.kind.as_deref(), q.medium.as_deref()), (None, None));
    assert!(p["8"].is_empty());
    // Written back in the dataset's form.
    assert_eq!(
        serde_json::to_string(q).unwrap(),
        r#"{"quote":[[3,5]],"speaker":[],"cue":[],"frame":[[0,1],[2,3]],"addressee":[],"type":null,"medium":null}"#
    );
}
