//! End-to-end pipeline (normalise + segment + offsets to the original):
//! MB/s and documents/s, on one document stream, single-threaded and as a
//! rayon batch on 1 and 2 threads.

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};
use wortlaut::Pipeline;

mod corpus;

/// `analyze_batch` over all documents on a pool of 1 and of 2 threads.
fn batches(g: &mut BenchmarkGroup<'_, WallTime>, pipeline: &Pipeline, name: &str, docs: &[String]) {
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        g.bench_with_input(
            BenchmarkId::new(format!("batch-{threads}-threads"), name),
            docs,
            |b, docs| b.iter(|| pool.install(|| pipeline.analyze_batch(docs))),
        );
    }
}

fn bench(c: &mut Criterion) {
    let (name, docs) = corpus::documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let pipeline = Pipeline::new();
    let all = docs.join("\n\n");

    let mut g = c.benchmark_group("pipeline-bytes");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_with_input(BenchmarkId::new("one-document", &name), &all, |b, text| {
        b.iter(|| pipeline.analyze(text))
    });
    batches(&mut g, &pipeline, &name, &docs);
    g.finish();

    let mut g = c.benchmark_group("pipeline-documents");
    g.throughput(Throughput::Elements(docs.len() as u64));
    batches(&mut g, &pipeline, &name, &docs);
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
