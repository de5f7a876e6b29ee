//! One gazetteer operation per run, for instruction counts that the load of
//! the machine does not disturb (docs/ARCHITECTURE.md, "Gazetteer trie: fst
//! or our own"):
//!
//! - `find-default` / `find-50k`: one `Gazetteer::find` over the Wikinews
//!   dev texts (`../shared/eval`) with the default or a synthetic
//!   50,000-name gazetteer;
//! - `build N`: compiles N synthetic entries, saves the compiled form to
//!   memory and loads it back.
//!
//! `valgrind --tool=callgrind --toggle-collect='*Gazetteer*find*'
//! target/release/examples/gazetteer_probe find-default`

use wortlaut_gazetteer::Gazetteer;
use wortlaut_normalize::Normalizer;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50_000);
    match what.as_str() {
        "find-default" | "find-50k" => {
            let dir = wortlaut_suite::eval_dir().expect("../shared/eval or WORTLAUT_EVAL_DIR");
            let texts = wortlaut_suite::jsonl_texts(&dir.join("wikinews-quotes/dev.jsonl"))
                .expect("Wikinews dev texts");
            let text = texts.join("\n\n");
            let normalized = Normalizer::new().normalize(&text);
            let g = if what == "find-default" {
                Gazetteer::german().expect("embedded gazetteer")
            } else {
                Gazetteer::from_tsv(&wortlaut_suite::synthetic_gazetteer(50_000))
                    .expect("synthetic gazetteer")
            };
            let found = g.find(&normalized);
            println!("{} bytes, {} mentions", text.len(), found.len());
        }
        "build" => {
            let tsv = wortlaut_suite::synthetic_gazetteer(n);
            let entities = wortlaut_gazetteer::parse_tsv(&tsv).expect("valid synthetic gazetteer");
            let g = Gazetteer::new(entities).expect("compiles");
            let mut bytes = Vec::new();
            g.save_compiled(&mut bytes).expect("writes to memory");
            let h = Gazetteer::from_compiled(&bytes).expect("loads");
            assert_eq!(h.pattern_count(), g.pattern_count());
            println!(
                "{n} entries: {} patterns, compiled {} bytes",
                g.pattern_count(),
                bytes.len()
            );
        }
        _ => eprintln!("usage: gazetteer_probe find-default | find-50k | build N"),
    }
}
