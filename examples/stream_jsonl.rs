//! Streaming JSON Lines from stdin to stdout: `{"id", "text"}` records in,
//! one analysis per line out, in input order, in bounded memory (records are
//! analysed in parallel batches of 256).
//!
//! ```sh
//! printf '%s\n' '{"id":"1","text":"Putin sagte: „Ja.“"}' | cargo run --release --example stream_jsonl
//! ```
//!
//! A line that is not a JSON object with a string `text` becomes
//! `{"line": N, "error": "..."}`; the stream goes on. (The `wortlaut analyze
//! --input jsonl -` command does the same with more options.)

use std::io::{BufRead, BufWriter, Write};

use serde_json::{json, Value};
use wortlaut::{OffsetUnit, Pipeline};

const BATCH: usize = 256;

/// A record: its line number, and its id and text or why it is bad.
type Record = (usize, Result<(Option<String>, String), String>);

fn main() -> std::io::Result<()> {
    let pipeline = Pipeline::new();
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Record>, out: &mut BufWriter<_>| -> std::io::Result<()> {
        let texts: Vec<&str> = batch
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok().map(|(_, t)| t.as_str()))
            .collect();
        let mut analyses = pipeline.analyze_batch(&texts).into_iter();
        for (line, r) in batch.drain(..) {
            let record = match r {
                Ok((id, text)) => {
                    let mut a = analyses.next().expect("one analysis per text");
                    if let Some(id) = id {
                        a = a.with_id(id);
                    }
                    serde_json::to_value(a.into_unit(&text, OffsetUnit::Chars))?
                }
                Err(e) => json!({"line": line, "error": e}),
            };
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        out.flush()
    };
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = match serde_json::from_str::<Value>(&line) {
            Ok(v) => match v.get("text").and_then(Value::as_str) {
                Some(t) => Ok((
                    v.get("id")
                        .map(|i| i.as_str().map_or(i.to_string(), str::to_string)),
                    t.to_string(),
                )),
                None => Err("no string \"text\" field".to_string()),
            },
            Err(e) => Err(format!("invalid JSON: {e}")),
        };
        batch.push((n + 1, parsed));
        if batch.len() == BATCH {
            flush(&mut batch, &mut out)?;
        }
    }
    flush(&mut batch, &mut out)
}
