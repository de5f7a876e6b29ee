//! Inputs that made a fuzz target fail (`fuzz/regressions/TARGET/*`), run
//! again with the invariants that target checked. A new crash found by
//! `cargo fuzz run` goes there once the bug is fixed (docs/TESTING.md).

use wortlaut::{Coord, Normalizer, OrigSpan, Pipeline, Quoter, Span};

/// The files of one target's regression folder.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = wortlaut_suite::workspace_root()
        .join("fuzz/regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.expect("readable folder").path())
            .map(|p| {
                let bytes = std::fs::read(&p).expect("readable file");
                (p.display().to_string(), bytes)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

/// The fuzz targets' split: two bytes (little endian) give the length of a
/// first part.
fn split2(data: &[u8]) -> (&[u8], &[u8]) {
    if data.len() < 2 {
        return (&[], data);
    }
    let n = u16::from_le_bytes([data[0], data[1]]) as usize;
    let rest = &data[2..];
    rest.split_at(n.min(rest.len()))
}

fn check_spans<C: Coord>(name: &str, text: &str, spans: &[Span<C>], what: &str) {
    for s in spans {
        assert!(s.is_valid_for(text), "{name}: {what} span {s:?} invalid");
    }
    for w in spans.windows(2) {
        assert!(w[0].start <= w[1].start, "{name}: {what} spans not sorted");
    }
}

/// Quotes in text order of their first span, roles valid.
fn check_quotes<'a, C: Coord>(
    name: &str,
    text: &str,
    quotes: impl Iterator<Item = (&'a [Span<C>], [&'a [Span<C>]; 4])>,
) {
    let mut last = 0;
    for (quote, roles) in quotes {
        assert!(!quote.is_empty(), "{name}: quote without span");
        check_spans(name, text, quote, "quote");
        for r in roles {
            check_spans(name, text, r, "role");
        }
        assert!(
            quote[0].start >= last,
            "{name}: quotes not in text order ({} after {last})",
            quote[0].start
        );
        last = quote[0].start;
    }
}

#[test]
fn quotes_target_regressions() {
    let quoter = Quoter::german();
    for (name, data) in inputs("quotes") {
        let text = String::from_utf8_lossy(data.get(1..).unwrap_or_default());
        let quotes = quoter.extract(&text);
        check_quotes(
            &name,
            &text,
            quotes.iter().map(|q| {
                (
                    q.quote.as_slice(),
                    [&q.speaker[..], &q.cue[..], &q.frame[..], &q.addressee[..]],
                )
            }),
        );
    }
}

#[test]
fn pipeline_target_regressions() {
    let pipeline = Pipeline::new();
    for (name, data) in inputs("pipeline") {
        let (_, bytes) = split2(&data);
        let (text, a) = pipeline.analyze_bytes(bytes);
        check_spans(&name, &text, &a.tokens, "token");
        check_spans(&name, &text, &a.sentences, "sentence");
        check_quotes(
            &name,
            &text,
            a.quotes.iter().map(|q| {
                (
                    q.quote.as_slice(),
                    [&q.speaker[..], &q.cue[..], &q.frame[..], &q.addressee[..]],
                )
            }),
        );
        for st in &a.stance {
            assert!(st.quote.is_none_or(|q| q < a.quotes.len()), "{name}");
            check_spans(&name, &text, &st.target_spans, "stance target");
            check_spans(&name, &text, &st.evidence, "stance evidence");
        }
    }
}

#[test]
fn normalize_target_regressions() {
    let n = Normalizer::new();
    for (name, data) in inputs("normalize") {
        let (original, norm) = n.normalize_bytes(&data);
        let t = norm.text();
        let repairs: Vec<OrigSpan> = norm.repairs().iter().map(|r| r.span).collect();
        check_spans(&name, &original, &repairs, "repair");
        for (i, c) in t.char_indices() {
            let o = norm.to_original(Span::new(i, i + c.len_utf8()));
            assert!(o.is_valid_for(&original), "{name}: {i} -> {o:?}");
        }
        assert_eq!(n.normalize(t).text(), t, "{name}: normalising twice");
    }
}

/// The gazetteer target: every mention names an entity of the file or is a
/// discovered name with a discovery id ("org:eee" from the text "EEE" with
/// an empty gazetteer file was once taken for an unknown entity by the
/// target itself).
#[test]
fn gazetteer_target_regressions() {
    let norm = Normalizer::new();
    for (name, data) in inputs("gazetteer") {
        let (file, text) = split2(&data);
        let text = String::from_utf8_lossy(text);
        let Ok(g) = wortlaut::Gazetteer::from_bytes(file) else {
            continue;
        };
        for m in g.find(&norm.normalize(&text)) {
            check_spans(&name, &text, &[m.span], "mention");
            if let Some(id) = &m.entity {
                let discovered = m.discovered
                    && ["person:", "org:", "place:"]
                        .iter()
                        .any(|p| id.starts_with(p));
                assert!(
                    g.entity(id).is_some() || discovered,
                    "{name}: mention of unknown entity {id:?}"
                );
            }
        }
    }
    assert!(
        !inputs("gazetteer").is_empty(),
        "no gazetteer regression inputs"
    );
}
