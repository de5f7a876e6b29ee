//! Runs [`Pipeline::analyze`] over the Wikinews dev texts (or the seeds)
//! `N` times, one thread, for profilers (`valgrind --tool=callgrind`):
//!
//! ```sh
//! cargo build --release --example profile_pipeline
//! valgrind --tool=callgrind target/release/examples/profile_pipeline 1
//! ```
//!
//! Prints the bytes analysed and a checksum of the analyses (so the work
//! is not optimised away). See docs/PERFORMANCE.md.

use wortlaut::Pipeline;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let texts = wortlaut_suite::eval_dir()
        .and_then(|d| wortlaut_suite::jsonl_texts(&d.join("wikinews-quotes/dev.jsonl")).ok())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            wortlaut_suite::seeds()
                .expect("seeds/ is part of the repository")
                .into_iter()
                .map(|(_, t)| t)
                .collect()
        });
    let pipeline = Pipeline::new();
    let mut bytes = 0usize;
    let mut sum = 0usize;
    for _ in 0..rounds {
        for t in &texts {
            let a = pipeline.analyze(t);
            bytes += t.len();
            sum += a.tokens.len() + a.mentions.len() + a.quotes.len() + a.stance.len();
        }
    }
    println!("{bytes} bytes, checksum {sum}");
}
