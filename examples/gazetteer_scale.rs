//! Build time of a large gazetteer: generates N synthetic entries (default
//! 1,000,000), parses and compiles them, writes the compiled form to a
//! temporary file, loads it back, and prints the times.
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
    drop(tsv);
    let text = "Die Kompanie von Berlinhof traf Marseeau in Karwald. ".repeat(1000);
    let t = Instant::now();
    let found = g.find_in(&text);
    println!(
        "matched {} mentions in {} KB in {:.3} s",
        found.len(),
        text.len() / 1000,
        t.elapsed().as_secs_f64()
    );
    // The compiled form: save, then load as `--gazetteer FILE` does.
    let path = std::env::temp_dir().join(format!("gazetteer-scale-{}.wlgaz", std::process::id()));
    let t = Instant::now();
    let file = std::fs::File::create(&path).expect("temporary file");
    g.save_compiled(std::io::BufWriter::new(file))
        .expect("writes");
    let saved = t.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    drop(g);
    let t = Instant::now();
    let h = Gazetteer::load(&path).expect("loads");
    let loaded = t.elapsed();
    std::fs::remove_file(&path).ok();
    assert_eq!(
        h.find_in(&text),
        found,
        "the loaded gazetteer finds the same"
    );
    println!(
        "compiled file {:.1} MB: save {:.2} s, load {:.2} s",
        size as f64 / 1e6,
        saved.as_secs_f64(),
        loaded.as_secs_f64()
    );
}
