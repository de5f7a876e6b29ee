//! Segmentation throughput (MB/s) on normalised German news text, and
//! normalisation followed by segmentation.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wortlaut_normalize::Normalizer;
use wortlaut_segment::Segmenter;

mod corpus;

fn bench(c: &mut Criterion) {
    let (name, docs) = corpus::documents();
    let raw = docs.join("\n\n");
    let normalizer = Normalizer::new();
    let all = normalizer.normalize(&raw).text().to_string();
    let segmenter = Segmenter::german();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_with_input(BenchmarkId::new("concatenated", &name), &all, |b, text| {
        b.iter(|| segmenter.segment(text))
    });
    // Both stages in a row, as issue 3 measures them (spans stay in the
    // normalised text; mapping them back is part of the pipeline bench).
    g.throughput(Throughput::Bytes(raw.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("normalize-then-segment", &name),
        &raw,
        |b, text| {
            b.iter(|| {
                let n = normalizer.normalize(text);
                segmenter.segment(n.text())
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
