//! Golden files for the seeds: normalised text, repairs, sentences,
//! mentions, quotes, sentiment, stance and tokens of each article in `seeds/`, in `tests/golden/<article>.json`.
//!
//! Run with `WORTLAUT_BLESS=1` to rewrite the files after an intended change,
//! then review the diff.

use serde_json::{json, Value};
use wortlaut::{OffsetUnit, Pipeline};

fn render(text: &str) -> Value {
    let pipeline = Pipeline::builder().keep_normalized(true).build();
    let a = pipeline.analyze(text);
    let slice = |s: usize, e: usize| text.get(s..e).unwrap_or("<invalid span>").to_string();
    let chars = a.clone().into_unit(text, OffsetUnit::Chars);
    json!({
        "offsets": "chars",
        "normalized": a.normalized,
        "repairs": a.repairs.iter().zip(&chars.repairs).map(|(b, c)| json!({
            "kind": b.kind.as_str(),
            "start": c.span.start,
            "end": c.span.end,
            "original": slice(b.span.start, b.span.end),
            "replacement": b.replacement,
        })).collect::<Vec<_>>(),
        "sentences": a.sentences.iter().zip(&chars.sentences).map(|(b, c)| json!({
            "start": c.start,
            "end": c.end,
            "text": slice(b.start, b.end),
        })).collect::<Vec<_>>(),
        "mentions": a.mentions.iter().zip(&chars.mentions).map(|(b, c)| json!([
            c.span.start,
            c.span.end,
            b.text,
            b.entity,
            b.kind.as_str(),
        ])).collect::<Vec<_>>(),
        "quotes": a.quotes.iter().map(|q| {
            let join = |v: &[wortlaut::OrigSpan]| v.iter().map(|s| slice(s.start, s.end)).collect::<Vec<_>>().join(" … ");
            json!({
                "type": q.kind.as_str(),
                "medium": q.medium.as_str(),
                "quote": join(&q.quote),
                "speaker": join(&q.speaker),
                "speaker_entity": q.speaker_entity,
                "cue": join(&q.cue),
                "frame": join(&q.frame),
                "addressee": join(&q.addressee),
                "nested": q.nested,
                "polarity": q.polarity.map(|p| p.label.as_str()),
            })
        }).collect::<Vec<_>>(),
        "sentiment": a.sentiment.as_ref().map(|s| json!({
            "document": [s.document.label.as_str(), format!("{:.3}", s.document.score)],
            "sentences": s.sentences.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(),
            "evidence": s.evidence.iter().map(|e| json!([
                e.text,
                format!("{:.3}", e.weight),
                e.negated,
                e.shifted,
            ])).collect::<Vec<_>>(),
        })),
        "stance": a.stance.iter().map(|st| json!([
            st.holder,
            st.target,
            st.polarity.label.as_str(),
            st.evidence.iter().map(|e| slice(e.start, e.end)).collect::<Vec<_>>().join(", "),
            st.quote.is_some(),
        ])).collect::<Vec<_>>(),
        "tokens": a.tokens.iter().map(|b| slice(b.start, b.end)).collect::<Vec<_>>(),
    })
}

#[test]
fn seeds_match_golden_files() {
    let bless = std::env::var_os("WORTLAUT_BLESS").is_some();
    let dir = wortlaut_suite::workspace_root().join("tests/golden");
    let mut failures = Vec::new();
    let seeds = wortlaut_suite::seeds().expect("seeds/");
    assert_eq!(seeds.len(), 5, "seeds/ holds the five sample articles");
    for (stem, text) in seeds {
        let got = serde_json::to_string_pretty(&render(&text)).unwrap() + "\n";
        let path = dir.join(format!("{stem}.json"));
        if bless {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            failures.push(path.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "golden files differ: {failures:?}; run `WORTLAUT_BLESS=1 cargo test --test golden` and review the diff"
    );
}

/// The noise listed in `gold.json` that the normaliser must repair is
/// repaired in the seeds, and nothing is removed that the gold annotates.
#[test]
fn seed_noise_is_repaired() {
    let seeds = wortlaut_suite::seeds().unwrap();
    let pipeline = Pipeline::builder().keep_normalized(true).build();
    let by_stem = |s: &str| {
        let (_, text) = seeds.iter().find(|(stem, _)| stem.starts_with(s)).unwrap();
        (text.clone(), pipeline.analyze(text))
    };
    let (_, a0) = by_stem("000");
    let n0 = a0.normalized.as_deref().unwrap();
    assert!(n0.contains("Nord Korea'S Kim Jong Un"));
    assert!(!n0.contains("toi-allgemeines"));

    let (_, a1) = by_stem("001");
    let n1 = a1.normalized.as_deref().unwrap();
    for glued in [
        "Giang Analyst",
        "Waffentransfers Dies",
        "wichtig Giang",
        "brechen“ sagte",
    ] {
        assert!(n1.contains(glued), "{glued}");
    }
    assert!(!n1.contains("PREV ") && !n1.contains("NEXT "));
    let repeated = a1
        .repairs
        .iter()
        .filter(|r| r.kind == wortlaut::RepairKind::RepeatedLine)
        .count();
    assert_eq!(
        repeated, 4,
        "two repeated headlines and two doubled captions"
    );
    // Real names with inner capitals survive.
    assert!(n1.contains("ISEAS-Yusof Ishak Institute"));
}
