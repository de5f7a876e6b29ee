//! Build time of a large gazetteer: generates N synthetic entries (default
//! 1,000,000), parses and compiles them, and prints the times.
//! Peak memory: `/usr/bin/time -v cargo run --release --example gazetteer_scale -- 1000000`.

use std::time::Instant;

use wortlaut_gazetteer::Gazetteer;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let tsv = wortlaut_suite::synthetic_gazetteer(n);
    let t = Instant::now();
    let entities = wortlaut_gazetteer::parse_tsv(&tsv).expect("valid synthetic gazetteer");
    let parsed = t.elapsed();
    let t = Instant::now();
    let g = Gazetteer::new(entities).expect("compiles");
    let built = t.elapsed();
    println!(
        "{n} entries ({} MB of TSV): parse {:.2} s, compile {:.2} s, {} patterns",
        tsv.len() / 1_000_000,
        parsed.as_secs_f64(),
        built.as_secs_f64(),
        g.pattern_count()
    );
    let text = "Die Kompanie von Berlinhof traf Marseeau in Karwald. ".repeat(1000);
    let t = Instant::now();
    let found = g.find_in(&text).len();
    println!(
        "matched {found} mentions in {} KB in {:.3} s",
        text.len() / 1000,
        t.elapsed().as_secs_f64()
    );
}
