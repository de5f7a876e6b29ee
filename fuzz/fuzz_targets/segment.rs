//! Segmentation of arbitrary text: tokens non-empty, on char boundaries,
//! sorted and disjoint; sentences cover consecutive token ranges, every
//! token in exactly one, spanning their first to last token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wortlaut_fuzz::{check_disjoint, check_spans};
use wortlaut_normalize::{Normalizer, Span};
use wortlaut_segment::Segmenter;

fn check(text: &str, seg: &Segmenter) {
    let s = seg.segment(text);
    let tokens: Vec<Span> = s.tokens.iter().map(|t| t.span).collect();
    check_spans(text, &tokens, "token");
    check_disjoint(&tokens, "token");
    for t in &tokens {
        assert!(t.start < t.end, "empty token {t:?}");
    }
    let mut next = 0;
    let mut spans = Vec::new();
    for st in &s.sentences {
        assert_eq!(st.tokens.start, next, "sentences skip or repeat tokens");
        assert!(st.tokens.start < st.tokens.end, "sentence without tokens");
        assert!(st.tokens.end <= s.tokens.len());
        assert_eq!(st.span.start, s.tokens[st.tokens.start].span.start);
        assert_eq!(st.span.end, s.tokens[st.tokens.end - 1].span.end);
        next = st.tokens.end;
        spans.push(st.span);
    }
    assert_eq!(next, s.tokens.len(), "tokens after the last sentence");
    check_spans(text, &spans, "sentence");
    check_disjoint(&spans, "sentence");
    assert_eq!(
        seg.tokenize(text),
        s.tokens,
        "tokenize differs from segment"
    );
}

fuzz_target!(|data: &[u8]| {
    static S: OnceLock<(Segmenter, Normalizer)> = OnceLock::new();
    let (seg, norm) = S.get_or_init(|| (Segmenter::german(), Normalizer::new()));
    let text = String::from_utf8_lossy(data);
    // Raw text, and text as the pipeline gives it (normalised).
    check(&text, seg);
    check(norm.normalize(&text).text(), seg);
});
