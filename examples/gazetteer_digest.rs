//! Regression digest of gazetteer output: runs `Gazetteer::find` and
//! `Gazetteer::find_overlapping` over the evaluation texts (and synthetic
//! text full of synthetic names) with the default and a synthetic 50,000-name
//! gazetteer, and writes every mention to a file; compare two runs with
//! `cmp`/`diff` to check that a speed change altered no result.
//!
//! `cargo run --release --example gazetteer_digest -- OUT.txt`

use std::io::Write;

use wortlaut_gazetteer::Gazetteer;
use wortlaut_normalize::Normalizer;

fn texts() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = wortlaut_suite::seeds()
        .expect("seeds")
        .into_iter()
        .collect();
    if let Some(dir) = wortlaut_suite::eval_dir() {
        for f in [
            "wikinews-quotes/dev.jsonl",
            "wikinews-quotes/train.jsonl",
            "germeval2014/dev.jsonl",
            "germeval2017/dev.jsonl",
            "redewiedergabe/dev.jsonl",
        ] {
            if let Ok(ts) = wortlaut_suite::jsonl_texts(&dir.join(f)) {
                out.extend(
                    ts.into_iter()
                        .enumerate()
                        .map(|(i, t)| (format!("{f}:{i}"), t)),
                );
            }
        }
    }
    out
}

/// Text with synthetic names in varied case and glued forms.
fn synthetic_text(tsv: &str) -> Vec<(String, String)> {
    let names: Vec<&str> = tsv.lines().filter_map(|l| l.split('\t').nth(2)).collect();
    let mut state: u64 = 0x1234_5678_9abc_def1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let fillers = [
        "und",
        "die",
        "der",
        "Präsident",
        "traf",
        "in",
        "über",
        "Straße",
        "sagte",
        "„",
        "“",
        "-Krieg",
        "s",
        "'",
        "unterzeichnete",
        ".",
        ",",
        "\n",
        "ß",
        "Ärger",
        "US-",
        "während",
    ];
    let mut out = Vec::new();
    for d in 0..200 {
        let mut t = String::new();
        for _ in 0..400 {
            let r = next();
            if r % 3 == 0 {
                let n = names[(next() % names.len() as u64) as usize];
                match next() % 6 {
                    0 => t.push_str(&n.to_uppercase()),
                    1 => t.push_str(&n.to_lowercase()),
                    _ => t.push_str(n),
                }
            } else {
                t.push_str(fillers[(r % fillers.len() as u64) as usize]);
            }
            if next() % 4 != 0 {
                t.push(' ');
            }
        }
        out.push((format!("synthetic:{d}"), t));
    }
    out
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "digest.txt".into());
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let tsv = wortlaut_suite::synthetic_gazetteer(50_000);
    let default = Gazetteer::german().expect("default");
    let synthetic = Gazetteer::from_tsv(&tsv).expect("synthetic");
    let mut docs = texts();
    docs.extend(synthetic_text(&tsv));
    let normalizer = Normalizer::new();
    let mut total = 0;
    for (label, g) in [("default", &default), ("synthetic", &synthetic)] {
        for (id, text) in &docs {
            let n = normalizer.normalize(text);
            let flat = g.find(&n);
            let over = g.find_overlapping(&n);
            total += flat.len() + over.len();
            for m in &flat {
                writeln!(
                    out,
                    "{label}\t{id}\tF\t{:?}\t{:?}",
                    &text[m.span.start..m.span.end],
                    m
                )
                .unwrap();
            }
            for m in &over {
                writeln!(out, "{label}\t{id}\tO\t{:?}", m).unwrap();
            }
        }
    }
    println!(
        "{} documents, {total} mentions written to {path}",
        docs.len()
    );
}
