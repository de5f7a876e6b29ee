//! Adversarial inputs: whatever a scraper brings home must be processed in
//! linear time. Each case times an input and the same input doubled
//! (fastest of several runs, in CPU time of the thread where Linux gives
//! it and the run takes a quarter of a second or more, so that other load
//! on the machine stays out) and requires the time to
//! grow by less than ×3 (linear is ×2, quadratic ×4).
//!
//! `cargo test` runs small sizes. The full sizes of the hardening issue (a
//! 50 MB document on one line, 100,000 quotation marks, a gazetteer of
//! 1,000,000 entries, a name repeated 1,000,000 times) run with
//! `WORTLAUT_ADVERSARIAL_FULL=1 cargo test --release --test adversarial -- --nocapture`,
//! which also prints every ratio (docs/TESTING.md).

use std::time::Instant;

use wortlaut::{Gazetteer, Pipeline};

fn full() -> bool {
    std::env::var("WORTLAUT_ADVERSARIAL_FULL").is_ok_and(|v| v != "0")
}

/// Seconds this thread has run on a CPU (Linux: `/proc/thread-self/schedstat`,
/// nanoseconds), so that other processes on a busy machine do not count;
/// `None` elsewhere. The code timed here runs on the calling thread.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    (ns > 0).then_some(ns as f64 / 1e9)
}

/// Seconds of the fastest of `runs` runs of `f`: CPU time of this thread
/// where the system gives it and the run is long enough for it (the kernel
/// updates it at scheduler ticks, a few milliseconds), wall-clock time
/// otherwise.
fn fastest<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let cpu = thread_cpu();
            let t = Instant::now();
            std::hint::black_box(f());
            let wall = t.elapsed().as_secs_f64();
            match (cpu, thread_cpu()) {
                (Some(a), Some(b)) if wall >= 0.25 => b - a,
                _ => wall,
            }
        })
        .fold(f64::MAX, f64::min)
}

/// Times `run` on `make(n)` and `make(2n)`; fails when doubling the input
/// more than triples the time in every one of four tries.
fn doubling<I>(name: &str, n: usize, runs: usize, make: impl Fn(usize) -> I, run: impl Fn(&I)) {
    let small = make(n);
    let big = make(2 * n);
    let mut ratio = f64::MAX;
    // Up to four tries: on a shared two-core machine one slow run of the
    // larger input is noise, a quadratic step is not.
    for _ in 0..4 {
        let ts = fastest(runs, || run(&small));
        let tb = fastest(runs, || run(&big));
        ratio = ratio.min(tb / ts.max(1e-4));
        eprintln!("{name}: n = {n}: {ts:.3} s, 2n: {tb:.3} s, ratio x{ratio:.2}");
        if ratio < 3.0 {
            return;
        }
    }
    panic!("{name}: doubling the input took x{ratio:.2} the time (linear is x2)");
}

fn text_case(name: &str, unit: &str, n: usize) {
    let p = Pipeline::new();
    doubling(
        name,
        n,
        3,
        |k| unit.repeat(k),
        |s: &String| {
            let a = p.analyze(s);
            assert_eq!(a.length, s.len());
        },
    );
}

/// 100,000 (full) unmatched and alternating quotation marks of every style.
#[test]
fn unmatched_and_alternating_quotation_marks() {
    let n = if full() { 100_000 } else { 8_000 };
    for (name, unit) in [
        ("unmatched „", "„"),
        ("unmatched ASCII", "\""),
        ("alternating „“", "„“"),
        ("alternating ASCII words", "\"a\" "),
        ("alternating mixed", "„a» ‚b« “c‘ "),
        ("closing only", "“ "),
    ] {
        text_case(name, unit, n);
    }
}

/// Quotation marks nested n deep: „‚„‚ … ‘“‘“ with words between.
#[test]
fn deeply_nested_quotes() {
    let n = if full() { 50_000 } else { 4_000 };
    let p = Pipeline::new();
    let make = |k: usize| {
        let mut s = String::new();
        for i in 0..k {
            s.push_str(if i % 2 == 0 {
                "„Er sagte "
            } else {
                "‚sie meinte "
            });
        }
        for i in (0..k).rev() {
            s.push_str(if i % 2 == 0 { "“ " } else { "‘ " });
        }
        s
    };
    doubling("deeply nested quotes", n, 3, make, |s: &String| {
        p.analyze(s);
    });
}

/// NUL bytes, control characters, invisible characters.
#[test]
fn nul_bytes_and_control_characters() {
    let n = if full() { 200_000 } else { 50_000 };
    text_case(
        "NUL and controls",
        "\0\u{1}\u{7}a\u{1b}[0m\u{7f}\u{85}\u{200b}\u{feff} ",
        n,
    );
    // Large enough for the time not to be dominated by cache and page
    // effects (at 800,000 bytes it is only about 40 ms).
    text_case("NUL only", "\0", if full() { 4_000_000 } else { n * 4 });
}

/// Invalid UTF-8 of every kind (stray continuation bytes, cut sequences,
/// overlong forms, surrogates).
#[test]
fn invalid_utf8() {
    let n = if full() { 200_000 } else { 10_000 };
    let p = Pipeline::new();
    let unit: &[u8] = b"\xff\xfeA\xc3\xe2\x80\x80\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80 ";
    doubling(
        "invalid UTF-8",
        n,
        3,
        |k| unit.repeat(k),
        |b: &Vec<u8>| {
            let (text, a) = p.analyze_bytes(b);
            assert!(!a.repairs.is_empty());
            assert_eq!(a.length, text.len());
        },
    );
}

/// Mojibake of text encoded again and again: chains that one repair
/// completes only after another ("ÂÂÂ…¤", "ÃƒÂ¤" twice encoded).
#[test]
fn mojibake_chains() {
    // Full size: 4,000,000 (at 1,000,000 the run takes 15 ms and the
    // step from cache to memory dominates).
    let n = if full() { 4_000_000 } else { 100_000 };
    let p = Pipeline::new();
    doubling(
        "mojibake chain",
        n,
        3,
        |k| format!("{}¤ Präsident", "Â".repeat(k)),
        |s: &String| {
            p.analyze(s);
        },
    );
    let twice = if full() { 250_000 } else { 2_500 };
    text_case("mojibake encoded twice", "PrÃƒÂ¤sident ", twice);
}

/// Whitespace only, of every kind.
#[test]
fn only_whitespace() {
    // Large enough that both sizes are past the CPU caches: at 20,000
    // the step from cache to memory alone looked like x3.6.
    let n = if full() { 1_000_000 } else { 100_000 };
    text_case("whitespace", " \t\n\r\n\u{a0}\u{2028}\u{3000}", n);
}

/// A long news text on one line: 50 MB with the full size (25 against
/// 50 MB), 256 against 512 KB by default.
#[test]
fn a_long_document_on_one_line() {
    let sentence = "Der russische Präsident Wladimir Putin sagte am Donnerstag in Hanoi, „die Zusammenarbeit ist gut“, so die Agentur; Kritiker warfen ihm vor, nicht zu verhandeln. ";
    let target = if full() { 25_000_000 } else { 256_000 };
    let n = target / sentence.len();
    let runs = if full() { 2 } else { 3 };
    let p = Pipeline::new();
    doubling(
        "one-line document",
        n,
        runs,
        |k| sentence.repeat(k),
        |s: &String| {
            let a = p.analyze(s);
            assert!(a.quotes.len() >= n);
        },
    );
}

/// A name repeated 1,000,000 times (full size: 500,000 against 1,000,000).
#[test]
fn a_name_repeated_a_million_times() {
    let n = if full() { 500_000 } else { 10_000 };
    let g = Gazetteer::german().unwrap();
    doubling(
        "repeated name",
        n,
        5,
        |k| "Putin ".repeat(k),
        |s: &String| {
            assert!(g.find_in(s).len() >= n);
        },
    );
    let p = Pipeline::new();
    doubling(
        "repeated name, pipeline",
        n,
        3,
        |k| "Putin ".repeat(k),
        |s: &String| {
            p.analyze(s);
        },
    );
    doubling(
        "repeated full name, pipeline",
        n / 4,
        3,
        |k| "Wladimir Putin ".repeat(k),
        |s: &String| {
            p.analyze(s);
        },
    );
}

/// Five-letter words counting in base 26 from "Baaaa": many entries share
/// long prefixes.
fn word(mut i: usize) -> String {
    let mut w = vec![b'a'; 5];
    w[0] = b'B';
    for k in (0..5).rev() {
        w[k] += (i % 26) as u8;
        i /= 26;
    }
    String::from_utf8(w).unwrap()
}

fn gazetteer_tsv(k: usize) -> String {
    let mut s = String::with_capacity(k * 48);
    for i in 0..k {
        // Every entry shares "Stadtwerke " and most a longer prefix.
        s.push_str(&format!("e{i}\tORG\tStadtwerke {}\t\t\n", word(i)));
    }
    s
}

/// A gazetteer of 1,000,000 entries sharing prefixes (full size: 500,000
/// against 1,000,000): loading and matching stay linear.
#[test]
fn a_gazetteer_with_a_million_entries_sharing_prefixes() {
    let n = if full() { 500_000 } else { 5_000 };
    let runs = if full() { 1 } else { 2 };
    doubling("gazetteer load", n, runs, gazetteer_tsv, |tsv: &String| {
        let g = Gazetteer::from_tsv(tsv).unwrap();
        assert!(g.entities().len() >= n);
    });
    let g = Gazetteer::from_tsv(&gazetteer_tsv(n)).unwrap();
    // Text that walks the shared prefixes: names that are in it, names that
    // are not, and prefixes cut short.
    let unit = format!(
        "Die Stadtwerke {} und die Stadtwerke Bzzzz sowie Stadtwerke Baa, Stadtwerke. ",
        word(n / 2)
    );
    doubling(
        "gazetteer matching",
        if full() { 200_000 } else { 2_000 },
        3,
        |k| unit.repeat(k),
        |s: &String| {
            assert!(!g.find_in(s).is_empty());
        },
    );
}
