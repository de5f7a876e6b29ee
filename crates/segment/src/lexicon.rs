//! The language data the segmenter uses.

use std::collections::HashSet;

/// Abbreviations and ordinal contexts of one language.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Abbreviations (without final full stop) valid anywhere.
    pub(crate) abbreviations: HashSet<String>,
    /// Abbreviations valid only before a number.
    pub(crate) numeric_abbreviations: HashSet<String>,
    /// Words after which "NUMBER." is an ordinal.
    pub(crate) ordinal_context: HashSet<String>,
}

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    pub(crate) fn german() -> Lexicon {
        let mut lex = Lexicon::default();
        for line in lines(include_str!("../data/abbreviations.de.txt")) {
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or_default().trim();
            if cols.next().map(str::trim) == Some("num") {
                lex.numeric_abbreviations.insert(word.to_string());
            } else {
                lex.abbreviations.insert(word.to_string());
            }
        }
        lex.ordinal_context = lines(include_str!("../data/ordinal-context.de.txt"))
            .map(str::to_string)
            .collect();
        lex
    }
}
