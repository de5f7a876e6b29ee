//! Sentiment lexicon loading on random input returns a lexicon or a typed
//! error, never panics; a lexicon that loads tags a text (the rest of the
//! input) with scores in [-1, 1] and evidence on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wortlaut_fuzz::{check_score, check_spans, split2};
use wortlaut_normalize::Span;
use wortlaut_sentiment::{Error, Lexicon, Tagger};

fuzz_target!(|data: &[u8]| {
    let (file, text) = split2(data);
    let file = String::from_utf8_lossy(file);
    match Lexicon::parse(&file) {
        Ok(lex) => {
            assert!(!lex.is_empty(), "an empty lexicon loaded");
            let tagger = Tagger::builder()
                .lexicon(lex)
                .build()
                .expect("a lexicon that parses builds a tagger");
            let text = String::from_utf8_lossy(text);
            let s = tagger.tag(&text);
            check_score(s.document.score, "document");
            for p in &s.sentences {
                check_score(p.polarity.score, "sentence");
            }
            let ev: Vec<Span> = s.evidence.iter().map(|e| e.span).collect();
            check_spans(&text, &ev, "evidence");
            for e in &s.evidence {
                assert!(
                    (-1.0..=1.0).contains(&e.prior),
                    "prior {} not clamped",
                    e.prior
                );
                assert!(e.weight.is_finite());
            }
        }
        Err(Error::Parse { line, message }) => {
            assert!(
                line >= 1 && line <= file.lines().count(),
                "error line {line}"
            );
            assert!(!message.is_empty());
        }
        Err(Error::Empty) => {}
        Err(e) => panic!("unexpected error kind from parse: {e}"),
    }
});
