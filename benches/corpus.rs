//! Benchmark input: the German Wikinews dev texts (from `../shared/eval`, not
//! redistributed with wortlaut) when present, else the committed seeds.
//! See `benches/README.md`.

#[allow(dead_code)]
pub fn documents() -> (String, Vec<String>) {
    if let Some(dir) = wortlaut_suite::eval_dir() {
        let path = dir.join("wikinews-quotes/dev.jsonl");
        if let Ok(texts) = wortlaut_suite::jsonl_texts(&path) {
            if !texts.is_empty() {
                return ("wikinews-dev".to_string(), texts);
            }
        }
    }
    let seeds = wortlaut_suite::seeds().expect("seeds/ is part of the repository");
    (
        "seeds".to_string(),
        seeds.into_iter().map(|(_, t)| t).collect(),
    )
}
