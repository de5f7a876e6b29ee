//! Segmentation throughput (MB/s) on normalised German news text.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wortlaut_normalize::Normalizer;
use wortlaut_segment::Segmenter;

mod corpus;

fn bench(c: &mut Criterion) {
    let (name, docs) = corpus::documents();
    let all = Normalizer::new()
        .normalize(&docs.join("\n\n"))
        .text()
        .to_string();
    let segmenter = Segmenter::german();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_with_input(BenchmarkId::new("concatenated", &name), &all, |b, text| {
        b.iter(|| segmenter.segment(text))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
