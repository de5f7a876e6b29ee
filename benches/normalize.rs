//! Normalisation throughput (MB/s) on realistic German news text.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wortlaut_normalize::Normalizer;

mod corpus;

fn bench(c: &mut Criterion) {
    let (name, docs) = corpus::documents();
    let all = docs.join("\n\n");
    let normalizer = Normalizer::new();
    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_with_input(BenchmarkId::new("concatenated", &name), &all, |b, text| {
        b.iter(|| normalizer.normalize(text))
    });
    g.bench_with_input(BenchmarkId::new("fold", &name), &all, |b, text| {
        let n = normalizer.normalize(text);
        b.iter(|| n.fold())
    });
    let noisy = wortlaut_suite::seeds()
        .expect("seeds")
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n\n");
    g.throughput(Throughput::Bytes(noisy.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("concatenated", "seeds"),
        &noisy,
        |b, text| b.iter(|| normalizer.normalize(text)),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
