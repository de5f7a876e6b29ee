use super::*;

fn sents(text: &str) -> Vec<&str> {
    let seg = Segmenter::german().segment(text);
    seg.sentences.iter().map(|s| &text[s.span]).collect()
}

fn toks(text: &str) -> Vec<&str> {
    Segmenter::german()
        .tokenize(text)
        .iter()
        .map(|t| &text[t.span])
        .collect()
}

#[test]
fn send_sync() {
    fn f<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    f::<Segmenter>();
    f::<Segmentation>();
}

#[test]
fn abbreviations_do_not_end_sentences() {
    assert_eq!(
        sents("Dr. Meier und Prof. Schmidt kamen, u. a. aus Köln. Dann gingen sie."),
        [
            "Dr. Meier und Prof. Schmidt kamen, u. a. aus Köln.",
            "Dann gingen sie."
        ]
    );
    assert_eq!(
        sents("Er wohnt in St. Gallen, Nr. 5."),
        ["Er wohnt in St. Gallen, Nr. 5."]
    );
    assert_eq!(
        toks("z. B. und z.B. und e.V."),
        ["z.", "B.", "und", "z.B.", "und", "e.V."]
    );
}

#[test]
fn ordinals_and_dates() {
    assert_eq!(
        sents("Am 20. Juni spielt der 1. FC Köln. Im 19. Jahrhundert nicht."),
        [
            "Am 20. Juni spielt der 1. FC Köln.",
            "Im 19. Jahrhundert nicht."
        ]
    );
    assert_eq!(
        sents("Das geschah im Jahr 2004. Danach kam 2005."),
        ["Das geschah im Jahr 2004.", "Danach kam 2005."]
    );
    assert_eq!(toks("am 30.12.2008 um"), ["am", "30.12.2008", "um"]);
    assert_eq!(
        sents("Die Zahl stieg auf 20. Die Polizei ermittelt."),
        ["Die Zahl stieg auf 20.", "Die Polizei ermittelt."]
    );
}

#[test]
fn numbers_and_compounds() {
    assert_eq!(
        toks("3,5 Milliarden, 1.000 Euro, 1:0 (0:0), 22,1% US-Außenministerium"),
        [
            "3,5",
            "Milliarden",
            ",",
            "1.000",
            "Euro",
            ",",
            "1:0",
            "(",
            "0:0",
            ")",
            ",",
            "22,1",
            "%",
            "US-Außenministerium"
        ]
    );
    assert_eq!(
        toks("Luft- und Raumfahrt, Nuklearwissenschaft und -technologie"),
        [
            "Luft-",
            "und",
            "Raumfahrt",
            ",",
            "Nuklearwissenschaft",
            "und",
            "-technologie"
        ]
    );
    assert_eq!(
        toks("CDU/CSU People's ver.di ndr.de"),
        ["CDU/CSU", "People's", "ver.di", "ndr.de"]
    );
    assert_eq!(toks("Sie sagte... dann"), ["Sie", "sagte", "...", "dann"]);
}

#[test]
fn quotes_spanning_sentences() {
    assert_eq!(
        sents("„Das ist besorgniserregend. „Es würde destabilisieren“, sagte Miller. Er ging."),
        [
            "„Das ist besorgniserregend.",
            "„Es würde destabilisieren“, sagte Miller.",
            "Er ging."
        ]
    );
    assert_eq!(
        sents("Er sagte: „Wir kommen.“ Dann ging er. „Warum?“, fragte sie."),
        [
            "Er sagte: „Wir kommen.“",
            "Dann ging er.",
            "„Warum?“, fragte sie."
        ]
    );
}

#[test]
fn headlines_and_lines() {
    assert_eq!(
        sents("Putin in Hanoi\n\nDer Präsident kam an.\nSchlüsselerkenntnisse\n- Erster Punkt\n- Zweiter Punkt"),
        ["Putin in Hanoi", "Der Präsident kam an.", "Schlüsselerkenntnisse", "- Erster Punkt", "- Zweiter Punkt"]
    );
}

#[test]
fn urls() {
    assert_eq!(
        toks("Siehe https://example.org/a?b=c."),
        ["Siehe", "https://example.org/a?b=c", "."]
    );
}

#[test]
fn empty_and_odd_inputs() {
    assert!(Segmenter::german().segment("").sentences.is_empty());
    assert!(Segmenter::german().segment("   \n\n ").tokens.is_empty());
    let s = "„„„„“““ ... !!! \u{0} \u{fffd}";
    let seg = Segmenter::german().segment(s);
    for t in &seg.tokens {
        assert!(t.span.is_valid_for(s));
    }
}

#[test]
fn regressions_from_dev_error_analysis() {
    // A weekday abbreviation is also a name: "Di." ends the sentence here.
    assert_eq!(
        sents("Er reiste mit seinem Sohn Fei Di. Nie sprach er darüber."),
        [
            "Er reiste mit seinem Sohn Fei Di.",
            "Nie sprach er darüber."
        ]
    );
    // An ordinal after an opening quotation mark.
    assert_eq!(
        sents("Er sprach beim „2. Deutschen Klimakongress“ in Berlin."),
        ["Er sprach beim „2. Deutschen Klimakongress“ in Berlin."]
    );
    // No clause break at a colon inside brackets.
    assert_eq!(
        sents("Die Bewegung (übersetzt: Es ist genug!) protestierte."),
        ["Die Bewegung (übersetzt: Es ist genug!) protestierte."]
    );
    // A semicolon ends a clause; a colon before a clause starter too.
    assert_eq!(
        sents("Er kam; sie ging. Die Bombe richtete Schaden an: Ein Haus brannte."),
        [
            "Er kam;",
            "sie ging.",
            "Die Bombe richtete Schaden an:",
            "Ein Haus brannte."
        ]
    );
}

#[test]
fn user_abbreviations_of_any_length() {
    let seg = Segmenter::german().with_abbreviations(["Sonderabkürzung"]);
    let text = "Die Sonderabkürzung. Hier geht es weiter.";
    let toks: Vec<&str> = seg.tokenize(text).iter().map(|t| &text[t.span]).collect();
    assert_eq!(toks[1], "Sonderabkürzung.");
}
