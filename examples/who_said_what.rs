//! Who said what in a folder of articles: every statement grouped by its
//! speaker, with the quotation type and polarity.
//!
//! ```sh
//! cargo run --release --example who_said_what -- seeds/
//! ```

use std::io::Write;

use wortlaut::Pipeline;
use wortlaut_corpus::CorpusBuilder;

fn main() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "seeds".to_string());
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    // One pipeline for all documents, analysed in parallel.
    let pipeline = Pipeline::new();
    let analyses = pipeline.analyze_batch(&texts);
    let mut corpus = CorpusBuilder::new();
    for ((path, text), a) in files.iter().zip(&texts).zip(analyses) {
        corpus.add(text, &a.with_id(path.display().to_string()));
    }
    for speaker in corpus.finish().speakers {
        writeln!(
            out,
            "{} ({} statements in {} documents)",
            speaker.entity, speaker.quotes, speaker.documents
        )?;
        for said in &speaker.said {
            let text: String = said.text.chars().take(100).collect();
            writeln!(
                out,
                "    {:<20} {:<8} {}",
                said.kind,
                said.polarity.map_or("", |p| p.as_str()),
                text.replace('\n', " ")
            )?;
        }
    }
    Ok(())
}
