//! Property tests: invariants that must hold for any input.

use proptest::prelude::*;
use wortlaut::{OffsetUnit, Pipeline};
use wortlaut_normalize::{Normalizer, Orig, Span};

/// Strings made of the characters that exercise the normaliser: quotes of
/// every style, apostrophes, spaces, invisible and control characters,
/// mojibake pieces, combining marks, letters of both cases, digits, line
/// breaks and punctuation.
fn noisy() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "a",
        "b",
        "Z",
        "ä",
        "Ä",
        "ß",
        "ẞ",
        "ô",
        "İ",
        "ﬁ",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\u{a0}",
        "\u{ad}",
        "\u{200b}",
        "\u{feff}",
        "\u{0}",
        "\u{7}",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
        "\"",
        "'",
        "`",
        "´",
        "„",
        "“",
        "”",
        "‚",
        "‘",
        "’",
        "«",
        "»",
        "‹",
        "›",
        "Ã",
        "¤",
        "â€ž",
        "Ã¼",
        "\u{301}",
        "\u{308}",
        "-",
        "–",
        "—",
        ".",
        ",",
        ":",
        ";",
        "!",
        "?",
        "(",
        ")",
        "Dr.",
        "z. B.",
        "20.",
        "1.000",
        "3,5",
        "PREV x",
        "NEXT y",
        "toi-x",
        "GiangAnalyst",
        "wichtigGiang",
        "Wort",
        "Satz",
        "US-Präsident",
        "https://a.b/C",
        "…",
        "\u{fffd}",
        "😀",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn check_spans(text: &str, spans: &[Span<Orig>], what: &str) -> Result<(), TestCaseError> {
    for s in spans {
        prop_assert!(
            s.is_valid_for(text),
            "{what} span {s:?} invalid for {text:?}"
        );
    }
    for w in spans.windows(2) {
        prop_assert!(w[0].start <= w[1].start, "{what} spans not sorted");
    }
    Ok(())
}

proptest! {
    // 512 cases by default; PROPTEST_CASES=N runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalising_twice_changes_nothing(text in noisy()) {
        let n = Normalizer::new();
        let once = n.normalize(&text);
        let twice = n.normalize(once.text());
        prop_assert_eq!(once.text(), twice.text());
    }

    #[test]
    fn normalised_spans_map_to_char_boundaries(text in noisy()) {
        let n = Normalizer::new().normalize(&text);
        let t = n.text();
        let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
        for (i, &a) in bounds.iter().enumerate() {
            for &b in bounds.iter().skip(i).take(4) {
                let o = n.to_original(Span::new(a, b));
                prop_assert!(o.is_valid_for(&text), "{:?} -> {:?} in {:?}", (a, b), o, text);
                let back = n.to_normalized(o);
                prop_assert!(back.is_valid_for(t), "back {:?}", back);
            }
        }
        for r in n.repairs() {
            prop_assert!(r.span.is_valid_for(&text), "repair {:?}", r);
        }
        let f = n.fold();
        let ft = f.text();
        for (i, c) in ft.char_indices() {
            let o = f.to_original(Span::new(i, i + c.len_utf8()));
            prop_assert!(o.is_valid_for(&text));
        }
        prop_assert!(f.to_original(Span::new(0, ft.len())).is_valid_for(&text));
    }

    #[test]
    fn unchanged_text_maps_to_itself(text in noisy()) {
        // Where a normalised token equals the original text under its span,
        // the alignment is exact.
        let p = Pipeline::new();
        let a = p.analyze(&text);
        check_spans(&text, &a.tokens, "token")?;
        check_spans(&text, &a.sentences, "sentence")?;
        for q in &a.quotes {
            prop_assert!(!q.quote.is_empty());
            for (spans, what) in [(&q.quote, "quote"), (&q.speaker, "speaker"), (&q.cue, "cue"), (&q.frame, "frame"), (&q.addressee, "addressee")] {
                check_spans(&text, spans, what)?;
            }
        }
        check_spans(&text, &a.repairs.iter().map(|r| r.span).collect::<Vec<_>>(), "repair")?;
        let mentions: Vec<Span<Orig>> = a.mentions.iter().map(|m| m.span).collect();
        check_spans(&text, &mentions, "mention")?;
        for w in mentions.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "overlapping mentions {:?}", w);
        }
        for m in &a.mentions {
            prop_assert_eq!(&text[m.span.start..m.span.end], m.text.as_str());
        }
        for t in &a.tokens {
            prop_assert!(t.start < t.end, "empty token");
        }
        for s in &a.sentences {
            prop_assert!(s.start < s.end, "empty sentence");
        }
    }

    #[test]
    fn pipeline_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let p = Pipeline::new();
        let (text, a) = p.analyze_bytes(&bytes);
        check_spans(&text, &a.tokens, "token")?;
        check_spans(&text, &a.sentences, "sentence")?;
        let c = a.clone().into_unit(&text, OffsetUnit::Chars);
        let n = text.chars().count();
        for s in c.tokens.iter().chain(&c.sentences) {
            prop_assert!(s.start <= s.end && s.end <= n);
        }
        prop_assert_eq!(c.into_unit(&text, OffsetUnit::Bytes), a);
    }

    #[test]
    fn pipeline_never_panics_on_strings(text in any::<String>()) {
        let p = Pipeline::new();
        let a = p.analyze(&text);
        check_spans(&text, &a.tokens, "token")?;
        check_spans(&text, &a.sentences, "sentence")?;
        for q in &a.quotes {
            prop_assert!(!q.quote.is_empty());
            for (spans, what) in [(&q.quote, "quote"), (&q.speaker, "speaker"), (&q.cue, "cue"), (&q.frame, "frame"), (&q.addressee, "addressee")] {
                check_spans(&text, spans, what)?;
            }
        }
        check_sentiment(&text, &a)?;
        let once = Normalizer::new().normalize(&text);
        let twice = Normalizer::new().normalize(once.text());
        prop_assert_eq!(twice.text(), once.text());
    }
}

/// Sentiment evidence and stance spans lie on char boundaries of the
/// original, scores in [-1, 1], one polarity per sentence, stance triples
/// point at existing quotes.
fn check_sentiment(text: &str, a: &wortlaut::Analysis) -> Result<(), TestCaseError> {
    let Some(s) = &a.sentiment else {
        return Err(TestCaseError::fail("no sentiment"));
    };
    prop_assert_eq!(s.sentences.len(), a.sentences.len());
    for p in s.sentences.iter().chain([&s.document]) {
        prop_assert!((-1.0..=1.0).contains(&p.score), "score {}", p.score);
    }
    let ev: Vec<Span<Orig>> = s.evidence.iter().map(|e| e.span).collect();
    check_spans(text, &ev, "evidence")?;
    for st in &a.stance {
        prop_assert!(st.polarity.label != wortlaut::Label::Neutral);
        prop_assert!(st.quote.is_none_or(|q| q < a.quotes.len()));
        check_spans(text, &st.target_spans, "stance target")?;
        check_spans(text, &st.evidence, "stance evidence")?;
        if let Some(h) = st.holder_span {
            check_spans(text, &[h], "stance holder")?;
        }
    }
    Ok(())
}

/// Random quotation marks, cue words and clause punctuation: every quote
/// span lies on char boundaries of the original, in order, non-empty.
fn quote_soup() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "„",
        "“",
        "\"",
        "»",
        "«",
        "‚",
        "‘",
        ", ",
        ". ",
        ": ",
        "\n",
        "\n\n",
        "sagte er",
        "so der Sprecher",
        "laut der Polizei",
        "Die Regierung teilte mit",
        "sei",
        "dass",
        "zufolge",
        "Putin",
        "habe",
        "Nach Angaben",
        "Dies",
        "forderte",
        "soll",
        "haben",
        "wir",
        "(Hanoi)",
        "ä",
        "nicht",
        "kein",
        "aber",
        "äußerst",
        "gut",
        "Erpressung",
        "Abbau von",
        "kritisierte",
        "wirft Nordkorea vor",
        "Washington",
        "des russischen Präsidenten",
        "ihn als",
        ":)",
        "😡",
    ]);
    prop::collection::vec(parts, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn quote_spans_are_valid(text in quote_soup()) {
        let a = Pipeline::new().analyze(&text);
        for q in &a.quotes {
            prop_assert!(!q.quote.is_empty());
            for (spans, what) in [(&q.quote, "quote"), (&q.speaker, "speaker"), (&q.cue, "cue"), (&q.frame, "frame"), (&q.addressee, "addressee")] {
                check_spans(&text, spans, what)?;
            }
        }
        check_sentiment(&text, &a)?;
    }

    #[test]
    fn quote_spans_are_valid_with_a_speaker_model(text in quote_soup()) {
        let a = with_model().analyze(&text);
        for q in &a.quotes {
            prop_assert!(!q.quote.is_empty());
            for (spans, what) in [(&q.quote, "quote"), (&q.speaker, "speaker"), (&q.cue, "cue"), (&q.frame, "frame"), (&q.addressee, "addressee")] {
                check_spans(&text, spans, what)?;
            }
        }
        for q in with_model().speaker_choices(&text) {
            check_spans(&text, &q.quote, "candidate quote")?;
            let spans: Vec<_> = q.candidates.iter().filter_map(|c| c.speaker).collect();
            check_spans_unsorted(&text, &spans)?;
        }
    }

    #[test]
    fn any_model_file_is_a_model_or_an_error(text in ".{0,200}") {
        let _ = wortlaut::SpeakerModel::from_text(&text);
        let _ = wortlaut::SpeakerModel::from_text(&format!("wortlaut-quote-model 1 speaker-v1\n{text}"));
    }
}

/// A pipeline whose speaker model prefers people after the quote and
/// "no speaker": a model that changes the rules' choices.
fn with_model() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let model = wortlaut::SpeakerModel::from_text(
            "wortlaut-quote-model 1 speaker-v1\nnone\t0.5\nty=per\t1\ndir=aft|d=1\t2\nty=pron\t-1\n",
        )
        .unwrap();
        let mut b = Pipeline::builder();
        b.speaker_model(model);
        b.build().unwrap()
    })
}

/// Every span lies on char boundaries of `text` and is not reversed.
fn check_spans_unsorted(text: &str, spans: &[wortlaut::OrigSpan]) -> Result<(), TestCaseError> {
    for s in spans {
        prop_assert!(s.start <= s.end && s.end <= text.len(), "{s:?}");
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?}"
        );
    }
    Ok(())
}

/// Seconds of the fastest of `runs` runs of `f`.
fn fastest<T>(runs: usize, f: impl Fn() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let t = std::time::Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

#[test]
fn hundred_thousand_unmatched_quotation_marks_stay_linear() {
    let q = wortlaut::Quoter::german();
    let time = |s: &str| fastest(3, || q.extract(s));
    // 25,000 against 200,000 repetitions (at least 100,000 marks): x8
    // input, linear is x8 time, quadratic x64.
    for unit in [
        "„",
        "„a ",
        ", sagte er „",
        "Er sagte, „a“ ",
        "laut X „b“, ",
        "„a“, sagte er. ",
    ] {
        let small = unit.repeat(25_000);
        let big = unit.repeat(200_000);
        let ts = time(&small);
        let tb = time(&big);
        let ratio = tb / ts.max(1e-5);
        assert!(ratio < 24.0, "{unit:?}: x8 input took x{ratio:.1} time");
    }
}

#[test]
fn the_speaker_model_stays_linear() {
    let p = with_model();
    let time = |s: &str| fastest(3, || p.analyze(s));
    for unit in [
        "„a“, sagte er. ",
        "Der Minister Peter Müller sagte, er komme. ",
        "„a“: „b“ ",
    ] {
        let small = unit.repeat(2_000);
        let big = unit.repeat(16_000);
        let ratio = time(&big) / time(&small).max(1e-5);
        assert!(ratio < 24.0, "{unit:?}: x8 input took x{ratio:.1} time");
    }
}

#[test]
fn adversarial_inputs_stay_linear() {
    // 10,000 and 80,000 repetitions of each unit: unmatched or alternating quotation
    // marks, soft hyphens, mojibake, abbreviations, glued words, repeated
    // and boilerplate lines, combining marks.
    let p = Pipeline::new();
    // The fastest of five runs, to keep scheduling noise out.
    let time = |s: &str| fastest(5, || p.analyze(s));
    for unit in [
        "„",
        "\"",
        "„“",
        "»",
        "' ",
        "a\u{ad}",
        "Ã¤",
        "x.",
        "Dr. ",
        "aaaBbb.",
        "wichtigGiang",
        "1. ",
        "Putin in Hanoi eins\n",
        "\u{301}",
        "-\n",
        "PREV x\n",
        "nicht sehr gut, aber ",
        "Abbau von Chaos ",
        "Washington wirft Nordkorea vor ",
        "Putin kritisierte Kim „schlecht“ ",
        "Zugausfall",
        "wurde kritisiert ",
    ] {
        let small = unit.repeat(10_000);
        let big = unit.repeat(80_000);
        let ts = time(&small);
        let tb = time(&big);
        // Eight times the input: linear is x8, quadratic x64; the threshold
        // leaves room for scheduling noise on a busy machine.
        let ratio = tb / ts.max(1e-5);
        assert!(ratio < 24.0, "{unit:?}: x8 input took x{ratio:.1} time");
    }
}
