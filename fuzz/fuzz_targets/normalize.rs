//! Normalisation of arbitrary bytes: the alignment maps every span of the
//! normalised and folded views to char boundaries of the original, in
//! order; repairs lie on the original; normalising twice changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wortlaut_fuzz::check_spans;
use wortlaut_normalize::{Normalizer, Orig, Span};

fuzz_target!(|data: &[u8]| {
    static N: OnceLock<Normalizer> = OnceLock::new();
    let n = N.get_or_init(Normalizer::new);
    let (original, norm) = n.normalize_bytes(data);
    let original: &str = &original;
    let t = norm.text();
    let repairs: Vec<Span<Orig>> = norm.repairs().iter().map(|r| r.span).collect();
    check_spans(original, &repairs, "repair");

    // Every char of the normalised text, and every span of up to three
    // chars, maps to a valid span of the original; starts are monotone.
    let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
    let mut last = 0;
    for (i, &a) in bounds.iter().enumerate() {
        for &b in bounds.iter().skip(i).take(4) {
            let o = norm.to_original(Span::new(a, b));
            assert!(o.is_valid_for(original), "{a}..{b} -> {o:?}");
            let back = norm.to_normalized(o);
            assert!(back.is_valid_for(t), "back {o:?} -> {back:?}");
        }
        let o = norm.to_original(Span::new(a, a));
        assert!(o.start >= last, "to_original not monotone at {a}");
        last = o.start;
    }
    let whole = norm.to_original(Span::new(0, t.len()));
    assert!(whole.is_valid_for(original));
    // Spans of the original map to the normalised text.
    let obounds: Vec<usize> = original
        .char_indices()
        .map(|(i, _)| i)
        .chain([original.len()])
        .collect();
    for w in obounds.windows(2) {
        let s = norm.to_normalized(Span::new(w[0], w[1]));
        assert!(s.is_valid_for(t), "to_normalized {w:?} -> {s:?}");
    }

    // The folded view maps to the normalised text and to the original.
    let f = norm.fold();
    let ft = f.text();
    for (i, c) in ft.char_indices() {
        let s = Span::new(i, i + c.len_utf8());
        assert!(f.to_normalized(s).is_valid_for(t));
        assert!(f.to_original(s).is_valid_for(original));
    }
    assert!(f.to_original(Span::new(0, ft.len())).is_valid_for(original));

    let twice = n.normalize(t);
    assert_eq!(twice.text(), t, "normalising twice changed the text");
});
