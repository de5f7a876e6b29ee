//! A stance matrix: who evaluates whom, positively or negatively, across a
//! folder of articles, with the evidence of each cell.
//!
//! ```sh
//! cargo run --release --example stance_matrix -- seeds/
//! ```

use std::io::Write;

use wortlaut::Pipeline;
use wortlaut_corpus::CorpusBuilder;

fn main() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "seeds".to_string());
    let pipeline = Pipeline::new();
    let mut corpus = CorpusBuilder::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let analysis = pipeline.analyze(&text).with_id(path.display().to_string());
        corpus.add(&text, &analysis);
    }
    writeln!(
        out,
        "{:<28} {:<28} {:>7} {:>4} {:>4} {:>7}  example",
        "holder", "target", "triples", "+", "-", "mean"
    )?;
    for cell in corpus.finish().stance {
        writeln!(
            out,
            "{:<28} {:<28} {:>7} {:>4} {:>4} {:>+7.3}  {}",
            cell.holder,
            cell.target,
            cell.count,
            cell.positive,
            cell.negative,
            cell.mean,
            cell.example
        )?;
    }
    Ok(())
}
