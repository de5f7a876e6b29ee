//! The seeds' noise is repaired. (The golden files of the seeds are the
//! CLI's own output: crates/cli/tests/golden.rs.)

use wortlaut::Pipeline;

/// The noise listed in `gold.json` that the normaliser must repair is
/// repaired in the seeds, and nothing is removed that the gold annotates.
#[test]
fn seed_noise_is_repaired() {
    let seeds = wortlaut_suite::seeds().unwrap();
    let pipeline = Pipeline::builder().keep_normalized(true).build().unwrap();
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
