//! The file formats of user lexicons: SentiWS, GermanPolarityClues,
//! `word<TAB>weight` and wortlaut's own `lemma<TAB>N|A|V<TAB>weight`.

use std::path::Path;

use crate::error::Error;
use crate::lexicon::{LexEntry, Lexicon, WordClass};

/// The three polarity labels of GermanPolarityClues, in the order of its
/// probability column.
const GPC_LABELS: [&str; 3] = ["positive", "negative", "neutral"];

impl Lexicon {
    /// Reads a lexicon file; the format is recognised from its lines (see
    /// [`Lexicon::parse`]).
    pub fn load(path: impl AsRef<Path>) -> Result<Lexicon, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // SentiWS is distributed in UTF-8; older copies of other lexicons
        // may be Latin-1: decode those byte by byte rather than fail.
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
        };
        Lexicon::parse(&text)
    }

    /// Parses a lexicon. Lines starting with `#` and blank lines are skipped.
    /// Each line is one of:
    ///
    /// - SentiWS: `Abbau|NN <TAB> -0.058 <TAB> Abbaus,Abbaues,…`
    /// - GermanPolarityClues: `Abschaum <TAB> Abschaum <TAB> NN <TAB> negative <TAB> …`
    /// - wortlaut: `lemma <TAB> N|A|V <TAB> weight` (forms are generated)
    /// - generic: `word <TAB> weight` (the word is taken as it is)
    ///
    /// Weights are clamped to `[-1, 1]`.
    pub fn parse(text: &str) -> Result<Lexicon, Error> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            parse_line(line, n + 1, &mut entries)?;
        }
        entries.retain(|e| !e.word.is_empty());
        if entries.is_empty() {
            return Err(Error::Empty);
        }
        Ok(Lexicon { entries })
    }
}

/// The entries of one line of a user lexicon.
fn parse_line(line: &str, number: usize, entries: &mut Vec<LexEntry>) -> Result<(), Error> {
    let err = |message: String| Error::Parse {
        line: number,
        message,
    };
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    let weight = |s: &str| {
        s.replace(',', ".")
            .parse::<f32>()
            .ok()
            .filter(|w| w.is_finite())
            .ok_or_else(|| err(format!("{s:?} is not a number")))
    };
    if cols.len() < 2 {
        return Err(err("expected tab-separated columns".to_string()));
    }
    let form = |word: &str, weight: f32| LexEntry {
        word: word.to_string(),
        class: WordClass::Form,
        weight,
    };
    if let Some((word, _pos)) = cols[0].split_once('|') {
        // SentiWS: lemma|POS, weight, the inflected forms
        let w = weight(cols[1])?.clamp(-1.0, 1.0);
        entries.push(form(word, w));
        if let Some(forms) = cols.get(2) {
            for f in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                entries.push(form(f, w));
            }
        }
    } else if let Some(i) = cols
        .get(3)
        .and_then(|c| GPC_LABELS.iter().position(|l| l == c))
    {
        // GermanPolarityClues: form, lemma, POS, polarity, probabilities
        let sign = [1.0, -1.0, 0.0][i];
        let strength = cols
            .get(4)
            .and_then(|p| {
                let v: Vec<f32> = p.split('/').filter_map(|x| x.parse().ok()).collect();
                v.get(i).copied()
            })
            .filter(|s| *s > 0.0 && *s <= 1.0)
            .unwrap_or(1.0);
        entries.push(form(cols[0], sign * strength));
    } else if let (Some(class), true) = (WordClass::parse(cols[1]), cols.len() >= 3) {
        entries.push(LexEntry {
            word: cols[0].to_string(),
            class,
            weight: weight(cols[2])?.clamp(-1.0, 1.0),
        });
    } else {
        entries.push(form(cols[0], weight(cols[1])?.clamp(-1.0, 1.0)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_formats() {
        let sentiws = "Abbau|NN\t-0.058\tAbbaus,Abbaues\nAbbruch|NN\t-0.0048\t\n";
        let l = Lexicon::parse(sentiws).unwrap();
        assert_eq!(l.len(), 4);
        let gpc = "Abschaum\tAbschaum\tNN\tnegative\t0.0/1.0/0.0\t-\n";
        let l = Lexicon::parse(gpc).unwrap();
        assert_eq!(l.entries[0].weight, -1.0);
        let own = "kritisieren\tV\t-1\n";
        assert_eq!(
            Lexicon::parse(own).unwrap().entries[0].class,
            WordClass::Verb
        );
        assert!(matches!(
            Lexicon::parse("gut\tsehr\n"),
            Err(Error::Parse { line: 1, .. })
        ));
        assert!(matches!(
            Lexicon::parse("# nur Kommentar\n"),
            Err(Error::Empty)
        ));
        assert!(matches!(
            Lexicon::load("/nonexistent/lexicon.tsv"),
            Err(Error::Io { .. })
        ));
    }
}
