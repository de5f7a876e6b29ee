//! Gazetteer matching throughput (MB/s), single thread, on more than 20 MB
//! of German news text (the Wikinews dev texts repeated, or the seeds), with
//! the embedded default gazetteer and with a synthetic 50,000-name one.
//! The text is normalised once beforehand; the bench measures folding,
//! the trie walk from every word start, the checks and the in-document resolution.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wortlaut_gazetteer::Gazetteer;
use wortlaut_normalize::Normalizer;

mod corpus;

fn bench(c: &mut Criterion) {
    let (name, docs) = corpus::documents();
    let one = docs.join("\n\n");
    let mut text = String::new();
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&one);
        text.push_str("\n\n");
    }
    let normalized = Normalizer::new().normalize(&text);
    let default = Gazetteer::german().expect("embedded gazetteer");
    let large = Gazetteer::from_tsv(&wortlaut_suite::synthetic_gazetteer(50_000))
        .expect("synthetic gazetteer");
    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    for (label, gz) in [("default", &default), ("synthetic-50k", &large)] {
        g.bench_with_input(
            BenchmarkId::new(format!("find-{label}"), format!("{name}-20MB")),
            &normalized,
            |b, n| b.iter(|| gz.find(n)),
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
