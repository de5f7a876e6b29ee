//! The language data: cue verbs with their inflected forms, cue words,
//! subjunctive forms and pronouns, read from the embedded `data/` files.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use wortlaut_normalize::hash::WordHasher;

use crate::Medium;

type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// A verb of saying from `data/cue-verbs.de.txt`.
#[derive(Clone, Debug)]
pub(crate) struct Verb {
    pub(crate) medium: Medium,
    /// Takes a clause: "sagte, dass …", "…, sagte er".
    pub(crate) clause: bool,
    /// Reports a speech act with an object: "forderte eine Prüfung".
    pub(crate) object: bool,
    /// Separable particle ("mit" of "mit|teilen").
    pub(crate) particle: Option<String>,
    /// The preposition the object use needs ("von" of "sprach von").
    pub(crate) object_prep: Option<String>,
}

/// What a word form of a cue verb is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerbForm {
    /// A finite form that can head a main clause ("sagte", "teilte").
    Finite,
    /// A past participle ("gesagt", "mitgeteilt").
    Participle,
    /// A verb-final form of a subordinate clause or an infinitive
    /// ("mitteilte", "sagen").
    Final,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct FormOf {
    pub(crate) verb: usize,
    pub(crate) form: VerbForm,
    /// The finite form of a separable verb: the particle must follow.
    pub(crate) split: bool,
}

/// Kinds of cue words that are not verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordCue {
    /// "laut", "gemäß": before the source.
    Before,
    /// "zufolge": after the source.
    After,
    /// "so" + source.
    So,
    /// "nach" + statement noun.
    Nach,
    /// A statement noun ("Angaben").
    Noun,
    /// An adverb that stands for the source ("demnach").
    Adverb,
    /// A noun that is an addressee without article ("Journalisten").
    Addressee,
}

/// Everything the lexicon knows about one lower-case word, found with one
/// lookup per token.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    pub(crate) class: u8,
    pub(crate) forms: Vec<FormOf>,
    pub(crate) cue: Option<(WordCue, Medium)>,
    /// 1: Konjunktiv II form, 2: Konjunktiv I.
    pub(crate) subjunctive: u8,
    /// A noun of office (1), or of a role speaking for an organisation (2).
    pub(crate) role: u8,
    /// A function word of another language, typical of names and titles.
    pub(crate) foreign: bool,
    pub(crate) particle: bool,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) verbs: Vec<Verb>,
    /// Everything known about a lower-case word, filled from all data files.
    entries: WordMap<Entry>,
    noun_suffixes: Vec<String>,
}

/// Word classes of `data/function-words.de.txt`, as bit flags.
pub(crate) mod class {
    pub(crate) const DET: u8 = 1;
    pub(crate) const PREP: u8 = 2;
    pub(crate) const SUB: u8 = 4;
    pub(crate) const CONJ: u8 = 8;
    pub(crate) const AUX: u8 = 16;
    pub(crate) const ADV: u8 = 32;
    pub(crate) const PRON: u8 = 64;
    pub(crate) const OBL: u8 = 128;
}

impl Lexicon {
    pub(crate) fn german() -> Lexicon {
        let mut lx = Lexicon {
            verbs: Vec::new(),
            entries: WordMap::default(),
            noun_suffixes: Vec::new(),
        };
        for line in data_lines(include_str!("../data/function-words.de.txt")) {
            let mut f = line.split_whitespace();
            let bit = match f.next() {
                Some("det") => class::DET,
                Some("prep") => class::PREP,
                Some("sub") => class::SUB,
                Some("conj") => class::CONJ,
                Some("aux") => class::AUX,
                Some("adv") => class::ADV,
                Some("pron") => class::PRON,
                Some("obl") => class::OBL,
                _ => 0,
            };
            for w in f {
                lx.entries.entry(w.to_string()).or_default().class |= bit;
            }
        }
        for line in data_lines(include_str!("../data/cue-verbs.de.txt")) {
            lx.add_verb(&line);
        }
        for line in data_lines(include_str!("../data/cue-words.de.txt")) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if let [kind, word, medium] = f[..] {
                let kind = match kind {
                    "before" => WordCue::Before,
                    "after" => WordCue::After,
                    "so" => WordCue::So,
                    "nach" => WordCue::Nach,
                    "adverb" => WordCue::Adverb,
                    "addressee" => WordCue::Addressee,
                    _ => WordCue::Noun,
                };
                let lower = word.to_lowercase();
                if kind == WordCue::Noun && word.chars().count() >= 5 {
                    lx.noun_suffixes.push(lower.clone());
                }
                lx.entries.entry(lower).or_default().cue = Some((kind, Medium::parse(medium)));
            }
        }
        for line in data_lines(include_str!("../data/subjunctive.de.txt")) {
            let mut f = line.split_whitespace();
            let level = if f.next() == Some("k1") { 2 } else { 1 };
            for w in f {
                let e = lx.entries.entry(w.to_string()).or_default();
                e.subjunctive = e.subjunctive.max(level);
            }
        }
        for line in data_lines(include_str!("../data/foreign-words.txt")) {
            for w in line.split_whitespace() {
                lx.entries.entry(w.to_string()).or_default().foreign = true;
            }
        }
        for line in data_lines(include_str!("../data/roles.de.txt")) {
            let mut f = line.split_whitespace();
            if let Some(w) = f.next() {
                lx.entries.entry(w.to_lowercase()).or_default().role =
                    if f.next() == Some("org") { 2 } else { 1 };
            }
        }
        lx
    }

    /// Whether a lower-case compound ends with a statement noun of five
    /// letters or more ("behördenangaben", "expertenmeinung").
    pub(crate) fn noun_suffix(&self, lower: &str) -> bool {
        self.noun_suffixes
            .iter()
            .any(|n| lower.len() > n.len() && lower.ends_with(n.as_str()))
    }

    /// What the lexicon knows about a lower-case word.
    pub(crate) fn entry(&self, lower: &str) -> Option<&Entry> {
        self.entries.get(lower)
    }

    fn add_verb(&mut self, line: &str) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 3 {
            return;
        }
        let (particle, base) = match f[0].split_once('|') {
            Some((p, b)) => (Some(p.to_string()), b),
            None => (None, f[0]),
        };
        let id = self.verbs.len();
        self.verbs.push(Verb {
            medium: Medium::parse(f[1]),
            clause: f[2].contains('c'),
            object: f[2].contains('o'),
            particle: particle.clone(),
            object_prep: f[2].split_once('=').map(|(_, p)| p.to_string()),
        });
        let (finite, participle): (Vec<String>, String) = if f.len() >= 7 {
            (
                vec![f[3].to_string(), base.to_string(), f[4].into(), f[5].into()],
                f[6].to_string(),
            )
        } else {
            weak_forms(base)
        };
        let p = particle.as_deref().unwrap_or("");
        if !p.is_empty() {
            self.entries.entry(p.to_string()).or_default().particle = true;
        }
        for form in &finite {
            self.add_form(
                form.clone(),
                FormOf {
                    verb: id,
                    form: VerbForm::Finite,
                    split: !p.is_empty(),
                },
            );
            if !p.is_empty() {
                self.add_form(
                    format!("{p}{form}"),
                    FormOf {
                        verb: id,
                        form: VerbForm::Final,
                        split: false,
                    },
                );
            }
        }
        let participle = if p.is_empty() {
            participle
        } else {
            format!("{p}{participle}")
        };
        self.add_form(
            participle,
            FormOf {
                verb: id,
                form: VerbForm::Participle,
                split: false,
            },
        );
        if !p.is_empty() {
            self.add_form(
                format!("{p}zu{base}"),
                FormOf {
                    verb: id,
                    form: VerbForm::Final,
                    split: false,
                },
            );
        }
    }

    fn add_form(&mut self, form: String, of: FormOf) {
        let list = &mut self.entries.entry(form).or_default().forms;
        if !list
            .iter()
            .any(|o| o.verb == of.verb && o.form == of.form && o.split == of.split)
        {
            list.push(of);
        }
    }
}

fn data_lines(data: &str) -> impl Iterator<Item = String> + '_ {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
}

/// Present and past finite forms (3rd person) and the past participle of a
/// weak verb: "sagen" → sagt, sagen, sagte, sagten; gesagt.
fn weak_forms(infinitive: &str) -> (Vec<String>, String) {
    let stem = infinitive
        .strip_suffix("en")
        .or_else(|| infinitive.strip_suffix('n'))
        .unwrap_or(infinitive);
    // "behaupten", "antworten", "rechnen": an e before the ending.
    let e = if stem.ends_with(['t', 'd'])
        // "zeichnen", "rechnen": "ch" is a consonant, not a lengthening h.
        || stem.ends_with("chn")
        || stem.ends_with("chm")
        || (stem.ends_with(['m', 'n'])
            && !stem.ends_with(['l', 'r'])
            && stem
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| !"aeiouäöülrmnh".contains(c)))
    {
        "e"
    } else {
        ""
    };
    let present = format!("{stem}{e}t");
    let past = format!("{stem}{e}te");
    let past_plural = format!("{stem}{e}ten");
    let inseparable = [
        "be", "er", "ver", "zer", "ent", "emp", "ge", "miss", "über", "unter",
    ];
    let participle = if infinitive.ends_with("ieren")
        || inseparable
            .iter()
            .any(|p| infinitive.starts_with(p) && infinitive.len() > p.len() + 4)
    {
        present.clone()
    } else {
        format!("ge{present}")
    };
    (
        vec![present, infinitive.to_string(), past, past_plural],
        participle,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_verbs_are_inflected() {
        let (f, p) = weak_forms("sagen");
        assert_eq!(f, ["sagt", "sagen", "sagte", "sagten"]);
        assert_eq!(p, "gesagt");
        let (f, p) = weak_forms("behaupten");
        assert_eq!(f[2], "behauptete");
        assert_eq!(p, "behauptet");
        assert_eq!(weak_forms("kritisieren").1, "kritisiert");
        assert_eq!(weak_forms("fordern").0[2], "forderte");
        assert_eq!(weak_forms("erklären").1, "erklärt");
        assert_eq!(weak_forms("warnen").0[0], "warnt");
        assert_eq!(weak_forms("leugnen").0[0], "leugnet");
    }

    #[test]
    fn separable_verbs_have_split_and_joined_forms() {
        let lx = Lexicon::german();
        let forms = |w: &str| lx.entry(w).map_or(Vec::new(), |e| e.forms.clone());
        let teilte = forms("teilte");
        assert!(teilte.iter().any(|f| f.split && f.form == VerbForm::Finite));
        assert!(forms("mitgeteilt")
            .iter()
            .any(|f| f.form == VerbForm::Participle));
        assert!(forms("mitteilte").iter().any(|f| !f.split));
        assert!(forms("sprach").iter().any(|f| !f.split));
        assert!(lx.entry("hinzu").is_some_and(|e| e.particle));
        assert!(lx.entry("sei").is_some_and(|e| e.subjunctive == 2));
        assert!(lx.entry("würde").is_some_and(|e| e.subjunctive == 1));
        assert!(lx.entry("angaben").is_some_and(|e| e.cue.is_some()));
    }
}
