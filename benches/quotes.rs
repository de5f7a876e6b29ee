//! Quotation extraction throughput (MB/s and documents/s), single thread,
//! on normalised German news text: the quote stage alone (on a given
//! segmentation, as the pipeline runs it) and segmentation plus quotes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wortlaut::quotes::Quoter;
use wortlaut::Doc;
use wortlaut_normalize::Normalizer;
use wortlaut_segment::Segmenter;

mod corpus;

fn bench(c: &mut Criterion) {
    let (name, docs) = corpus::documents();
    let normalizer = Normalizer::new();
    let segmenter = Segmenter::german();
    let quoter = Quoter::german();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| normalizer.normalize(d).text().to_string())
        .collect();
    let segmented: Vec<Doc<'_>> = texts
        .iter()
        .map(|t| Doc::new(t, segmenter.segment(t)))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let stage = |texts: &[String], seg: &[Doc<'_>]| {
        texts
            .iter()
            .zip(seg)
            .map(|(_, d)| quoter.extract_doc(d).len())
            .sum::<usize>()
    };
    let mut g = c.benchmark_group("quotes");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_with_input(
        BenchmarkId::new("stage-bytes", &name),
        &(&texts, &segmented),
        |b, (texts, seg)| b.iter(|| stage(texts, seg)),
    );
    g.bench_with_input(
        BenchmarkId::new("segment-and-quotes-bytes", &name),
        &texts,
        |b, texts| b.iter(|| texts.iter().map(|t| quoter.extract(t).len()).sum::<usize>()),
    );
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("stage-docs", &name),
        &(&texts, &segmented),
        |b, (texts, seg)| b.iter(|| stage(texts, seg)),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
