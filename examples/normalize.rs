//! Normalise one text and show what changed, with the original spans.
//!
//! ```sh
//! cargo run --example normalize -- "Der PrÃ¤sident sagte: \"Ja\"."
//! echo 'Nguyen Khac GiangAnalyst am ISEAS' | cargo run --example normalize
//! ```

use std::io::Read;

use wortlaut_normalize::{Normalizer, Span};

fn main() {
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        std::io::stdin()
            .read_to_string(&mut text)
            .expect("read stdin");
    }
    let n = Normalizer::new().normalize(&text);
    println!("normalised: {}", n.text());
    for r in n.repairs() {
        println!(
            "{:<15} bytes {:>4}..{:<4} {:?} -> {:?}",
            r.kind.as_str(),
            r.span.start,
            r.span.end,
            &text[r.span.start..r.span.end],
            r.replacement
        );
    }
    let folded = n.fold();
    println!("folded:     {}", folded.text());
    if let Some(first) = n.text().split_whitespace().next() {
        let span = n.to_original(Span::new(0, first.len()));
        println!(
            "first word {first:?} is {:?} in the original",
            &text[span.start..span.end]
        );
    }
}
