//! Invariant checks shared by the fuzz targets. Every check panics with a
//! message naming the violated invariant, so that libFuzzer reports it as a
//! crash (not only panics inside the library count).

use wortlaut::{Analysis, OffsetUnit};
use wortlaut_normalize::{Coord, Orig, Span};

/// Splits fuzz input in two parts: the first two bytes (little endian) give
/// the length of the first part, capped at what is there.
pub fn split2(data: &[u8]) -> (&[u8], &[u8]) {
    if data.len() < 2 {
        return (&[], data);
    }
    let n = u16::from_le_bytes([data[0], data[1]]) as usize;
    let rest = &data[2..];
    rest.split_at(n.min(rest.len()))
}

/// Every span lies on char boundaries of `text`, inside it, with
/// `start <= end`; starts are sorted.
pub fn check_spans<C: Coord>(text: &str, spans: &[Span<C>], what: &str) {
    for s in spans {
        assert!(
            s.is_valid_for(text),
            "{what} span {s:?} is not on char boundaries of a text of {} bytes",
            text.len()
        );
    }
    for w in spans.windows(2) {
        assert!(
            w[0].start <= w[1].start,
            "{what} spans not sorted: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
}

/// Spans sorted and pairwise disjoint.
pub fn check_disjoint<C: Coord>(spans: &[Span<C>], what: &str) {
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what} spans overlap: {:?} and {:?}",
            w[0],
            w[1]
        );
    }
}

/// A score of a polarity: finite and in [-1, 1].
pub fn check_score(score: f32, what: &str) {
    assert!(
        score.is_finite() && (-1.0..=1.0).contains(&score),
        "{what} score {score} outside [-1, 1]"
    );
}

/// Every invariant of a facade analysis of `text` (byte offsets).
pub fn check_analysis(text: &str, a: &Analysis) {
    assert_eq!(a.offsets, OffsetUnit::Bytes);
    assert_eq!(a.length, text.len(), "length");
    check_spans(text, &a.tokens, "token");
    check_spans(text, &a.sentences, "sentence");
    for t in a.tokens.iter().chain(&a.sentences) {
        assert!(t.start < t.end, "empty token or sentence {t:?}");
    }
    let mentions: Vec<Span<Orig>> = a.mentions.iter().map(|m| m.span).collect();
    check_spans(text, &mentions, "mention");
    check_disjoint(&mentions, "mention");
    for m in &a.mentions {
        assert_eq!(&text[m.span.range()], m.text, "mention text");
    }
    let repairs: Vec<Span<Orig>> = a.repairs.iter().map(|r| r.span).collect();
    check_spans(text, &repairs, "repair");
    let mut last_start = 0;
    for (i, q) in a.quotes.iter().enumerate() {
        assert!(!q.quote.is_empty(), "quote {i} has no span");
        for (spans, what) in [
            (&q.quote, "quote"),
            (&q.speaker, "speaker"),
            (&q.cue, "cue"),
            (&q.frame, "frame"),
            (&q.addressee, "addressee"),
        ] {
            check_spans(text, spans, what);
        }
        // Text order of the quotations (by their first span).
        let start = q.quote[0].start;
        assert!(start >= last_start, "quotes not in text order");
        last_start = start;
        if let Some(p) = q.polarity {
            check_score(p.score, "quote");
        }
    }
    // Absent when the sentiment stage is off (`pipeline_settings`).
    if let Some(s) = a.sentiment.as_ref() {
        assert_eq!(
            s.sentences.len(),
            a.sentences.len(),
            "one polarity per sentence"
        );
        check_score(s.document.score, "document");
        for p in &s.sentences {
            check_score(p.score, "sentence");
        }
        let ev: Vec<Span<Orig>> = s.evidence.iter().map(|e| e.span).collect();
        check_spans(text, &ev, "evidence");
        for e in &s.evidence {
            assert!(
                e.weight.is_finite() && e.prior.is_finite(),
                "evidence weight"
            );
            assert_eq!(&text[e.span.range()], e.text, "evidence text");
        }
    }
    for st in &a.stance {
        assert!(
            st.polarity.label != wortlaut::Label::Neutral,
            "neutral stance"
        );
        check_score(st.polarity.score, "stance");
        assert!(
            st.quote.is_none_or(|q| q < a.quotes.len()),
            "stance refers to quote {:?} of {}",
            st.quote,
            a.quotes.len()
        );
        check_spans(text, &st.target_spans, "stance target");
        check_spans(text, &st.evidence, "stance evidence");
        if let Some(h) = st.holder_span {
            check_spans(text, &[h], "stance holder");
        }
    }
    // Code-point offsets are in bounds and convert back exactly.
    let chars = a.clone().into_unit(text, OffsetUnit::Chars);
    let n = text.chars().count();
    assert_eq!(chars.length, n);
    for s in chars.tokens.iter().chain(&chars.sentences) {
        assert!(s.start <= s.end && s.end <= n, "char span {s:?} of {n}");
    }
    assert!(
        chars.into_unit(text, OffsetUnit::Bytes) == *a,
        "bytes -> chars -> bytes changed the analysis"
    );
}
