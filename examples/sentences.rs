//! Split the articles of a folder into sentences, in parallel, with offsets
//! into the original files.
//!
//! ```sh
//! cargo run --release --example sentences -- seeds/
//! ```

use wortlaut::Pipeline;

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "seeds".to_string());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let pipeline = Pipeline::new();
    for (path, (text, analysis)) in paths
        .iter()
        .zip(texts.iter().zip(pipeline.analyze_batch(&texts)))
    {
        println!(
            "{} — {} sentences",
            path.display(),
            analysis.sentences.len()
        );
        for s in analysis.sentences.iter().take(3) {
            println!("  [{}..{}] {}", s.start, s.end, &text[s.start..s.end]);
        }
    }
    Ok(())
}
