//! Sentiment throughput (MB/s and documents/s), single thread, on normalised
//! German news text: the polarity stage alone (on a given segmentation, as
//! the pipeline runs it), and polarity plus stance triples from the quotes
//! and mentions of the pipeline.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wortlaut::sentiment::{Statement, Tagger};
use wortlaut::Doc;
use wortlaut_normalize::Normalizer;
use wortlaut_segment::Segmenter;

mod corpus;

fn bench(c: &mut Criterion) {
    let (name, docs) = corpus::documents();
    let normalizer = Normalizer::new();
    let segmenter = Segmenter::german();
    let tagger = Tagger::german();
    let quoter = wortlaut::Quoter::german();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| normalizer.normalize(d).text().to_string())
        .collect();
    let segmented: Vec<Doc<'_>> = texts
        .iter()
        .map(|t| Doc::new(t, segmenter.segment(t)))
        .collect();
    let statements: Vec<Vec<Statement>> = texts
        .iter()
        .zip(&segmented)
        .map(|(_, d)| {
            quoter
                .extract_doc(d)
                .into_iter()
                .map(|q| Statement {
                    spans: q.quote,
                    cue: q.cue,
                    holder: Some("speaker".to_string()),
                    holder_spans: q.speaker,
                    frame: q.frame,
                    nested: q.nested,
                })
                .collect()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let polarity = |texts: &[String], seg: &[Doc<'_>]| {
        texts
            .iter()
            .zip(seg)
            .map(|(_, d)| tagger.tag_doc(d).evidence.len())
            .sum::<usize>()
    };
    let mut g = c.benchmark_group("sentiment");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_with_input(
        BenchmarkId::new("stage-bytes", &name),
        &(&texts, &segmented),
        |b, (texts, seg)| b.iter(|| polarity(texts, seg)),
    );
    g.bench_with_input(
        BenchmarkId::new("stage-and-stance-bytes", &name),
        &(&texts, &segmented),
        |b, (texts, seg)| {
            b.iter(|| {
                texts
                    .iter()
                    .zip(seg.iter())
                    .zip(&statements)
                    .map(|((_, d), st)| {
                        let sentiment = tagger.tag_doc(d);
                        tagger.stances(d, &sentiment, st).len() + sentiment.evidence.len()
                    })
                    .sum::<usize>()
            })
        },
    );
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("stage-docs", &name),
        &(&texts, &segmented),
        |b, (texts, seg)| b.iter(|| polarity(texts, seg)),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
