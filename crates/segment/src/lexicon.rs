//! The language data the segmenter uses.

pub(crate) use wortlaut_normalize::hash::WordSet as HashSet;

/// Abbreviations and ordinal contexts of one language.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Abbreviations (without final full stop) valid anywhere.
    pub(crate) abbreviations: HashSet<String>,
    /// Abbreviations whose full stop may also end a sentence.
    pub(crate) sentence_final: HashSet<String>,
    /// Length in bytes of the longest abbreviation (longer words are not
    /// looked up).
    pub(crate) max_abbreviation_len: usize,
    /// Abbreviations valid only before a number.
    pub(crate) numeric_abbreviations: HashSet<String>,
    /// Words after which "NUMBER." is an ordinal.
    pub(crate) ordinal_context: HashSet<String>,
    /// Words before "NUMBER." that make it an ordinal.
    pub(crate) ordinal_before: HashSet<String>,
    /// Capitalised words that start a new clause after a colon.
    pub(crate) clause_starters: HashSet<String>,
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
            match cols.next().map(str::trim) {
                Some("num") => {
                    lex.numeric_abbreviations.insert(word.to_string());
                }
                Some("end") => {
                    lex.sentence_final.insert(word.to_string());
                    lex.abbreviations.insert(word.to_string());
                }
                _ => {
                    lex.abbreviations.insert(word.to_string());
                }
            }
        }
        lex.max_abbreviation_len = lex
            .abbreviations
            .iter()
            .chain(&lex.numeric_abbreviations)
            .map(String::len)
            .max()
            .unwrap_or(0);
        let set = |data: &str| lines(data).map(str::to_string).collect::<HashSet<String>>();
        lex.ordinal_context = set(include_str!("../data/ordinal-context.de.txt"));
        lex.ordinal_before = set(include_str!("../data/ordinal-before.de.txt"));
        lex.clause_starters = set(include_str!("../data/clause-starters.de.txt"));
        lex
    }
}
