//! Quote extraction on arbitrary text (raw and normalised): every quote has
//! a span; every role span lies on char boundaries of its document, sorted;
//! quotes in text order; speaker entities come from the given mentions;
//! the same with a speaker model, and for every speaker candidate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wortlaut_fuzz::check_spans;
use wortlaut_normalize::Normalizer;
use wortlaut_quotes::Quoter;
use wortlaut_segment::Segmenter;
use wortlaut_text::{Doc, EntityMention, EntityType};

fn check(text: &str, quotes: &[wortlaut_quotes::Quote], ids: &[String]) {
    let mut last = 0;
    for q in quotes {
        assert!(!q.quote.is_empty(), "quote without span");
        for (spans, what) in [
            (&q.quote, "quote"),
            (&q.speaker, "speaker"),
            (&q.cue, "cue"),
            (&q.frame, "frame"),
            (&q.addressee, "addressee"),
        ] {
            check_spans(text, spans, what);
        }
        for s in &q.quote {
            assert!(s.start < s.end, "empty quote span {s:?}");
        }
        // Text order of the quotations (by their first span).
        let start = q.quote[0].start;
        assert!(start >= last, "quotes not in text order");
        last = start;
        if let Some(e) = &q.speaker_entity {
            assert!(ids.contains(e), "speaker entity {e:?} was not given");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    static S: OnceLock<(Quoter, Quoter, Segmenter, Normalizer)> = OnceLock::new();
    let (quoter, judged, seg, norm) = S.get_or_init(|| {
        // A speaker model that changes the rules' choices.
        let model = wortlaut_quotes::SpeakerModel::from_text(
            "wortlaut-quote-model 1 speaker-v1\nnone\t0.5\nty=per\t1\ndir=aft|d=1\t2\n",
        )
        .expect("the model text is valid");
        let judged = Quoter::builder()
            .speaker_model(model)
            .build()
            .expect("the German profile builds");
        (
            Quoter::german(),
            judged,
            Segmenter::german(),
            Normalizer::new(),
        )
    });
    // The first byte chooses which tokens become entity mentions (speaker
    // resolution), the rest is the text.
    let (pick, rest) = data.split_first().map_or((0, data), |(&p, r)| (p, r));
    let text = String::from_utf8_lossy(rest);
    check(&text, &quoter.extract(&text), &[]);

    let normalized = norm.normalize(&text);
    let t = normalized.text();
    let segmentation = seg.segment(t);
    let kinds = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Gpe,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Event,
        EntityType::Misc,
    ];
    let step = (pick as usize % 7) + 1;
    let mentions: Vec<EntityMention> = segmentation
        .tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| pick != 0 && i % step == 0)
        .map(|(i, tok)| {
            EntityMention::new(
                tok.span,
                (i % 3 != 0).then(|| format!("e{}", i % 5)),
                kinds[(i / step + pick as usize) % kinds.len()],
            )
        })
        .collect();
    let ids: Vec<String> = (0..5).map(|i| format!("e{i}")).collect();
    let mut doc = Doc::new(t, segmentation);
    doc.set_mentions(mentions);
    let quotes = quoter.extract_doc(&doc);
    check(t, &quotes, &ids);
    check(t, &judged.extract_doc(&doc), &ids);
    for q in judged.speaker_candidates(&doc) {
        check_spans(t, &q.quote, "candidate quote");
        for c in &q.candidates {
            if let Some(s) = c.speaker {
                check_spans(t, &[s], "speaker candidate");
            }
        }
    }
});
