//! Quote clustering at scale: N synthetic quotations (default 100,000) —
//! statements reported by several documents with different truncation and
//! wording, plus unrelated quotations — clustered with
//! `wortlaut_corpus::cluster::clusters`; prints the time and the clusters
//! found. Run under `/usr/bin/time -v` for the peak memory.
//!
//! ```sh
//! /usr/bin/time -v cargo run --release --example cluster_scale -- 100000
//! ```

use std::time::Instant;

use wortlaut_corpus::cluster::{clusters, Item};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // A vocabulary of 200,000 made-up words with German endings, drawn with
    // a skew (a few words are frequent, most are rare, as in news).
    let syll = [
        "ver", "hand", "lung", "sicher", "heit", "kraft", "werk", "stand", "bau", "zug", "wirt",
        "schaft", "recht", "land", "ord", "nung", "frie", "den", "kom", "mis", "sion", "bünd",
        "nis",
    ];
    let vocab: Vec<String> = (0..200_000)
        .map(|_| {
            let k = 2 + rng.below(3);
            let mut w: String = (0..k).map(|_| syll[rng.below(syll.len())]).collect();
            w.push_str(["", "en", "e", "er", "ung", "isch"][rng.below(6)]);
            w
        })
        .collect();
    let function = [
        "der", "die", "das", "und", "mit", "für", "eine", "den", "dass", "nicht",
    ];
    let sentence = |rng: &mut Rng, len: usize| -> Vec<String> {
        (0..len)
            .map(|i| {
                if i % 3 == 2 {
                    function[rng.below(function.len())].to_string()
                } else {
                    let r = rng.below(vocab.len());
                    vocab[rng.below(r + 1)].clone()
                }
            })
            .collect()
    };
    // Half of the quotations report 1 of n/20 statements (each in about 10
    // documents, truncated and with a word changed), half are unrelated.
    let statements: Vec<Vec<String>> = (0..n / 20)
        .map(|_| {
            let len = 12 + rng.below(20);
            sentence(&mut rng, len)
        })
        .collect();
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let text = if i % 2 == 0 {
            let s = &statements[rng.below(statements.len())];
            let from = rng.below(s.len() / 3 + 1);
            let to = s.len() - rng.below(s.len() / 3 + 1);
            let mut words: Vec<String> = s[from..to.max(from + 1)].to_vec();
            let k = rng.below(words.len());
            words[k] = vocab[rng.below(vocab.len())].clone();
            words.join(" ")
        } else {
            let len = 5 + rng.below(25);
            sentence(&mut rng, len).join(" ")
        };
        items.push(Item {
            document: format!("doc{}", i / 3),
            quote: i % 3,
            speaker: None,
            text,
        });
    }
    let t = Instant::now();
    let found = clusters(&items);
    let secs = t.elapsed().as_secs_f64();
    let members: usize = found.iter().map(|c| c.members.len()).sum();
    println!(
        "{n} quotations: {} clusters with {members} members in {secs:.2} s ({:.0} quotations/s)",
        found.len(),
        n as f64 / secs
    );
}
