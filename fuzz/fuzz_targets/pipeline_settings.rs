//! The pipeline under every combination of its builder's settings (not only
//! the defaults): normaliser passes on or off, no gazetteer, no quotes, no
//! sentiment, the normalised text kept, and the sentiment tagger's numeric
//! settings, in range and out of it. The first two bytes choose the
//! settings, the rest is the document. Every analysis keeps the invariants
//! of the `pipeline` target, a stage that is off leaves its part empty, and
//! an out-of-range setting is a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::sync::Mutex;
use wortlaut::{Normalizer, Pipeline, Tagger};
use wortlaut_fuzz::check_analysis;

/// Values of the tagger's settings: in range, at the edges, and outside.
const BANDS: [f32; 4] = [0.0, 0.05, 1.0, 1.5];
const NEGATIVITY: [f32; 4] = [0.1, 1.0, 10.0, 0.0];
const DAMPING: [f32; 4] = [0.0, 0.5, 10.0, f32::NAN];

/// What the settings bytes ask for.
#[derive(Clone, Copy)]
struct Settings(u8, u8);

impl Settings {
    fn bit(byte: u8, i: u8) -> bool {
        byte >> i & 1 == 1
    }
    fn no_gazetteer(self) -> bool {
        Self::bit(self.0, 6)
    }
    fn no_quotes(self) -> bool {
        Self::bit(self.0, 7)
    }
    fn no_sentiment(self) -> bool {
        Self::bit(self.1, 0)
    }
    fn keep_normalized(self) -> bool {
        Self::bit(self.1, 1)
    }
    fn tagger(self) -> (f32, f32, f32) {
        let pick = |shift: u8| usize::from(self.1 >> shift & 3);
        (BANDS[pick(2)], NEGATIVITY[pick(4)], DAMPING[pick(6)])
    }
    fn in_range(self) -> bool {
        let (band, neg, damp) = self.tagger();
        (0.0..=1.0).contains(&band) && (0.1..=10.0).contains(&neg) && (0.0..=10.0).contains(&damp)
    }

    /// The pipeline, or `None` when a tagger setting is out of range (then
    /// the builder must have said so with a typed error).
    fn build(self) -> Option<Pipeline> {
        let mut norm = Normalizer::new();
        norm.mojibake(Self::bit(self.0, 0))
            .compose(Self::bit(self.0, 1))
            .characters(Self::bit(self.0, 2))
            .glued_words(Self::bit(self.0, 3))
            .lines(Self::bit(self.0, 4))
            .remove_repeated_lines(Self::bit(self.0, 5));
        let mut b = Pipeline::builder();
        b.normalizer(norm).keep_normalized(self.keep_normalized());
        if self.no_gazetteer() {
            b.no_gazetteer();
        }
        if self.no_quotes() {
            b.no_quotes();
        }
        if self.no_sentiment() {
            b.no_sentiment();
        } else {
            let (band, neg, damp) = self.tagger();
            let tagger = Tagger::builder()
                .neutral_band(band)
                .negativity(neg)
                .length_damping(damp)
                .build();
            match tagger {
                Ok(t) => {
                    assert!(self.in_range(), "out-of-range tagger settings accepted");
                    b.tagger(t);
                }
                Err(e) => {
                    assert!(!self.in_range(), "in-range tagger settings refused: {e}");
                    assert!(
                        matches!(e, wortlaut::sentiment::Error::Setting { .. }),
                        "not a setting error: {e:?}"
                    );
                    return None;
                }
            }
        }
        Some(b.build().expect("the embedded data loads"))
    }
}

/// Pipelines by their settings bytes (`None`: settings refused).
type Cache = HashMap<(u8, u8), Option<Pipeline>>;

fuzz_target!(|data: &[u8]| {
    static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
    if data.len() < 2 {
        return;
    }
    let settings = Settings(data[0], data[1]);
    let bytes = &data[2..];
    let pipeline = {
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let cache = cache.get_or_insert_with(HashMap::new);
        // Pipelines are cheap to share but not to build: keep a few.
        if cache.len() > 64 {
            cache.clear();
        }
        cache
            .entry((settings.0, settings.1))
            .or_insert_with(|| settings.build())
            .clone()
    };
    let Some(pipeline) = pipeline else {
        return;
    };
    let (text, a) = pipeline.analyze_bytes(bytes);
    check_analysis(&text, &a);
    if settings.no_gazetteer() {
        assert!(a.mentions.is_empty(), "mentions without a gazetteer");
    }
    if settings.no_quotes() {
        assert!(a.quotes.is_empty(), "quotes with the quote stage off");
    }
    if settings.no_sentiment() {
        assert!(
            a.sentiment.is_none() && a.stance.is_empty(),
            "sentiment with the sentiment stage off"
        );
    }
    assert_eq!(
        a.normalized.is_some(),
        settings.keep_normalized(),
        "normalised text kept against the setting"
    );
    if let Ok(s) = std::str::from_utf8(bytes) {
        assert_eq!(pipeline.analyze(s), a, "analyze and analyze_bytes differ");
    }
    assert_eq!(
        serde_json::to_string(&pipeline.analyze_bytes(bytes).1).expect("serialises"),
        serde_json::to_string(&a).expect("serialises"),
        "the same input gave another analysis"
    );
});
