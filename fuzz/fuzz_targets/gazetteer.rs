//! Gazetteer loading and matching with random gazetteer files: the first
//! part of the input is a gazetteer (TSV, or anything: loading gives a typed
//! error, never a panic), the rest a text. Mentions lie on char boundaries
//! of the original, sorted, non-overlapping, name existing entities; the
//! compiled format round-trips and rejects truncated or damaged files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wortlaut_fuzz::{check_disjoint, check_spans, split2};
use wortlaut_gazetteer::Gazetteer;
use wortlaut_normalize::{Normalizer, Orig, Span};

fn check_matches(g: &Gazetteer, text: &str, norm: &Normalizer) -> Vec<wortlaut_gazetteer::Mention> {
    let normalized = norm.normalize(text);
    let found = g.find(&normalized);
    let spans: Vec<Span<Orig>> = found.iter().map(|m| m.span).collect();
    check_spans(text, &spans, "mention");
    check_disjoint(&spans, "mention");
    for m in &found {
        assert!(m.span.start < m.span.end, "empty mention");
        if let Some(id) = &m.entity {
            // Ids of entities of the file, or of names found by pattern
            // and context (discovered: "person:…", "org:…", "place:…").
            let discovered = m.discovered
                && ["person:", "org:", "place:"]
                    .iter()
                    .any(|p| id.starts_with(p));
            assert!(
                g.entity(id).is_some() || discovered,
                "mention of unknown entity {id:?}"
            );
        }
    }
    assert_eq!(g.find_in(text), found, "find_in differs from find");
    let overlapping = g.find_overlapping(&normalized);
    let spans: Vec<Span<Orig>> = overlapping.iter().map(|m| m.span).collect();
    check_spans(text, &spans, "overlapping mention");
    found
}

fuzz_target!(|data: &[u8]| {
    static S: OnceLock<(Gazetteer, Normalizer)> = OnceLock::new();
    let (default, norm) = S.get_or_init(|| {
        (
            Gazetteer::german().expect("default gazetteer"),
            Normalizer::new(),
        )
    });
    let (file, text) = split2(data);
    let text = String::from_utf8_lossy(text);

    // Checking never panics and agrees with loading on hard errors.
    let problems = wortlaut_gazetteer::check_tsv(&String::from_utf8_lossy(file));
    let loaded = Gazetteer::from_bytes(file);
    if let Ok(tsv) = std::str::from_utf8(file) {
        if wortlaut_gazetteer::parse_tsv(tsv).is_err() {
            assert!(
                !problems.is_empty(),
                "parse error that check_tsv does not report"
            );
        }
    }
    match loaded {
        Ok(g) => {
            for e in g.entities() {
                assert!(
                    g.entity(&e.id).is_some(),
                    "entity {:?} not found by id",
                    e.id
                );
            }
            let found = check_matches(&g, &text, norm);
            let mut bytes = Vec::new();
            g.save_compiled(&mut bytes).expect("writing to a Vec");
            let h = Gazetteer::from_compiled(&bytes).expect("own compiled file loads");
            assert_eq!(h.entities(), g.entities(), "compiled entities differ");
            assert_eq!(
                h.find_in(&text),
                found,
                "compiled gazetteer finds otherwise"
            );
            assert!(Gazetteer::from_compiled(&bytes[..bytes.len() - 1]).is_err());
            // A damaged byte (chosen by the text) gives an error or a
            // gazetteer that still keeps every invariant.
            if !text.is_empty() {
                let i = text.len() * 7919 % bytes.len();
                bytes[i] ^= 1 << (text.len() % 8);
                if let Ok(d) = Gazetteer::from_compiled(&bytes) {
                    check_matches(&d, &text, norm);
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    check_matches(default, &text, norm);
});
