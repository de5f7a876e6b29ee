//! The whole pipeline on arbitrary bytes, and the sentiment tagger's stance
//! stage on arbitrary mentions and statements: all spans on char boundaries
//! of the original, sorted, in bounds; roles inside their document; scores
//! in [-1, 1]; one polarity per sentence; stance triples point at existing
//! quotes and statements; the analysis is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wortlaut::Pipeline;
use wortlaut_fuzz::{check_analysis, check_score, check_spans, split2};
use wortlaut_normalize::Span;
use wortlaut_segment::Segmenter;
use wortlaut_sentiment::{Label, Statement, Tagger};
use wortlaut_text::{Described, Doc, EntityMention, EntityType};

/// Stance from arbitrary (but well-formed: sorted, on token boundaries)
/// mentions and statements chosen by `ctrl` over the tokens of `text`.
fn check_stance(tagger: &Tagger, seg: &Segmenter, text: &str, ctrl: &[u8]) {
    let sentiment = tagger.tag(text);
    check_score(sentiment.document.score, "document");
    let sentences: Vec<Span> = sentiment.sentences.iter().map(|s| s.span).collect();
    check_spans(text, &sentences, "sentence");
    for s in &sentiment.sentences {
        check_score(s.polarity.score, "sentence");
    }
    let ev: Vec<Span> = sentiment.evidence.iter().map(|e| e.span).collect();
    check_spans(text, &ev, "evidence");
    for e in &sentiment.evidence {
        assert!(e.sentence < sentiment.sentences.len(), "evidence sentence");
        assert!(e.weight.is_finite(), "evidence weight");
    }
    let tokens = seg.tokenize(text);
    if tokens.is_empty() || ctrl.is_empty() {
        return;
    }
    let tok = |b: u8, c: u8| tokens[(usize::from(b) << 8 | usize::from(c)) % tokens.len()].span;
    let kinds = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Gpe,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Event,
        EntityType::Misc,
    ];
    let mut mentions: Vec<EntityMention> = ctrl
        .chunks_exact(3)
        .map(|c| {
            let mut m = EntityMention::new(
                tok(c[0], c[1]),
                (c[2] % 7 != 6).then(|| format!("e{}", c[2] % 6)),
                kinds[usize::from(c[2] / 7) % kinds.len()],
            );
            m.affiliation = (c[2] & 0x80 != 0).then(|| format!("e{}", c[2] % 3));
            m.acts_for = (c[2] & 0x40 != 0).then(|| format!("e{}", c[2] % 4));
            m.described = (c[2] & 0x20 != 0).then(|| Described {
                person: format!("e{}", c[2] % 5),
                office: "office".to_string(),
            });
            m
        })
        .collect();
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions.dedup_by_key(|m| m.span.start);
    let mut statements = Vec::new();
    for c in ctrl.chunks_exact(8) {
        let a = tok(c[0], c[1]);
        let b = tok(c[2], c[3]);
        let (a, b) = if a.start <= b.start { (a, b) } else { (b, a) };
        let cue = tok(c[4], 0);
        let holder = tok(c[5], 0);
        statements.push(Statement {
            spans: vec![Span::new(a.start, b.end)],
            cue: vec![cue],
            holder: (c[6] % 4 != 0).then(|| format!("e{}", c[6] % 6)),
            holder_spans: vec![holder],
            frame: if c[7] & 1 == 1 {
                vec![Span::new(
                    holder.start.min(cue.start),
                    holder.end.max(cue.end),
                )]
            } else {
                vec![]
            },
            nested: c[7] & 2 == 2,
        });
    }
    statements.sort_by_key(|s| s.spans[0].start);
    let mut doc = Doc::new(text, seg.segment(text));
    doc.set_mentions(mentions);
    let stances = tagger.stances(&doc, &sentiment, &statements);
    for st in &stances {
        assert!(st.polarity.label != Label::Neutral, "neutral stance");
        check_score(st.polarity.score, "stance");
        assert!(
            st.statement.is_none_or(|i| i < statements.len()),
            "stance from statement {:?} of {}",
            st.statement,
            statements.len()
        );
        check_spans(text, &st.target_spans, "stance target");
        check_spans(text, &st.evidence, "stance evidence");
        if let Some(h) = st.holder_span {
            check_spans(text, &[h], "stance holder");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    static S: OnceLock<(Pipeline, Tagger, Segmenter)> = OnceLock::new();
    let (pipeline, tagger, seg) =
        S.get_or_init(|| (Pipeline::new(), Tagger::german(), Segmenter::german()));
    let (ctrl, bytes) = split2(data);
    let (text, a) = pipeline.analyze_bytes(bytes);
    assert!(a.sentiment.is_some(), "the default pipeline tags sentiment");
    check_analysis(&text, &a);
    if let Ok(s) = std::str::from_utf8(bytes) {
        assert_eq!(pipeline.analyze(s), a, "analyze and analyze_bytes differ");
    }
    let again = pipeline.analyze_bytes(bytes).1;
    assert_eq!(
        serde_json::to_string(&again).expect("serialises"),
        serde_json::to_string(&a).expect("serialises"),
        "the same input gave another analysis"
    );
    check_stance(tagger, seg, &text, ctrl);
});
