//! Polarity lexicons: the embedded German default, user files in SentiWS,
//! GermanPolarityClues, `word<TAB>weight` or wortlaut's own format, and the
//! compiled form index the tagger looks every token up in.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::Path;

use wortlaut_normalize::hash::WordHasher;

use crate::error::LexiconError;

const POLARITY: &str = include_str!("../data/polarity.de.tsv");
const POLARITY_EXTRA: &str = include_str!("../data/polarity-extra.de.tsv");
const MODIFIERS: &str = include_str!("../data/modifiers.de.txt");
const STANCE_VERBS: &str = include_str!("../data/stance-verbs.de.txt");
const DESCRIPTIVE: &str = include_str!("../data/descriptive.de.txt");
const STRONG_VERBS: &str = include_str!("../../text/data/de/morph/strong-verbs.tsv");

/// The word class of a lexicon entry, as far as inflection needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WordClass {
    /// A noun (capitalised lemma).
    Noun,
    /// An adjective or adverb.
    Adjective,
    /// A verb (infinitive).
    Verb,
    /// An inflected form taken as it is (no forms are generated).
    Form,
}

/// One lexicon entry: a lemma (or form) with its prior polarity.
#[derive(Clone, Debug, PartialEq)]
struct LexEntry {
    word: String,
    class: WordClass,
    weight: f32,
}

/// A polarity lexicon: words with a prior polarity in `[-1, 1]`.
///
/// [`Lexicon::german`] is the embedded default (the UZH German polarity
/// lexicon of Klenner, Clematide et al., Apache-2.0, plus wortlaut's own
/// additions). [`Lexicon::load`] reads a lexicon the user has, such as SentiWS
/// or GermanPolarityClues, which may not be redistributed with wortlaut.
///
/// ```
/// use wortlaut_sentiment::Lexicon;
/// let lex = Lexicon::parse("gut\t0.8\nschlecht\t-0.9\n").unwrap();
/// assert_eq!(lex.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Lexicon {
    entries: Vec<LexEntry>,
}

impl Lexicon {
    /// The embedded German lexicon (lemmas; inflected forms are generated).
    pub fn german() -> Lexicon {
        let mut entries = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (text, overrides) in [(POLARITY, false), (POLARITY_EXTRA, true)] {
            for line in data_lines(text) {
                let mut cols = line.split('\t');
                let (Some(word), Some(class), Some(weight)) =
                    (cols.next(), cols.next(), cols.next())
                else {
                    continue;
                };
                let Some(class) = class_of(class) else {
                    continue;
                };
                let Ok(weight) = weight.parse::<f32>() else {
                    continue;
                };
                let e = LexEntry {
                    word: word.to_string(),
                    class,
                    weight: weight.clamp(-1.0, 1.0),
                };
                match seen.get(word) {
                    Some(&i) if overrides => entries[i] = e,
                    Some(_) => {}
                    None => {
                        seen.insert(word, entries.len());
                        entries.push(e);
                    }
                }
            }
        }
        Lexicon { entries }
    }

    /// Reads a lexicon file; the format is recognised from its lines (see
    /// [`Lexicon::parse`]).
    pub fn load(path: impl AsRef<Path>) -> Result<Lexicon, LexiconError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| LexiconError::Io {
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
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError::Parse {
                line: n + 1,
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
            if let Some((word, _pos)) = cols[0].split_once('|') {
                // SentiWS: lemma|POS, weight, the inflected forms
                let w = weight(cols[1])?.clamp(-1.0, 1.0);
                entries.push(LexEntry {
                    word: word.to_string(),
                    class: WordClass::Form,
                    weight: w,
                });
                if let Some(forms) = cols.get(2) {
                    for f in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                        entries.push(LexEntry {
                            word: f.to_string(),
                            class: WordClass::Form,
                            weight: w,
                        });
                    }
                }
            } else if cols.len() >= 4 && matches!(cols[3], "positive" | "negative" | "neutral") {
                // GermanPolarityClues: form, lemma, POS, polarity, probabilities
                let sign = match cols[3] {
                    "positive" => 1.0,
                    "negative" => -1.0,
                    _ => 0.0,
                };
                let strength = cols
                    .get(4)
                    .and_then(|p| {
                        let v: Vec<f32> = p.split('/').filter_map(|x| x.parse().ok()).collect();
                        let i = match cols[3] {
                            "positive" => 0,
                            "negative" => 1,
                            _ => 2,
                        };
                        v.get(i).copied()
                    })
                    .filter(|s| *s > 0.0 && *s <= 1.0)
                    .unwrap_or(1.0);
                entries.push(LexEntry {
                    word: cols[0].to_string(),
                    class: WordClass::Form,
                    weight: sign * strength,
                });
            } else if cols.len() >= 3 && class_of(cols[1]).is_some() {
                entries.push(LexEntry {
                    word: cols[0].to_string(),
                    class: class_of(cols[1]).unwrap_or(WordClass::Form),
                    weight: weight(cols[2])?.clamp(-1.0, 1.0),
                });
            } else {
                entries.push(LexEntry {
                    word: cols[0].to_string(),
                    class: WordClass::Form,
                    weight: weight(cols[1])?.clamp(-1.0, 1.0),
                });
            }
        }
        entries.retain(|e| !e.word.is_empty());
        if entries.is_empty() {
            return Err(LexiconError::Empty);
        }
        Ok(Lexicon { entries })
    }

    /// Number of entries (lemmas or forms as listed).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn class_of(s: &str) -> Option<WordClass> {
    match s {
        "N" => Some(WordClass::Noun),
        "A" => Some(WordClass::Adjective),
        "V" => Some(WordClass::Verb),
        "F" => Some(WordClass::Form),
        _ => None,
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// What a modifier word does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ModKind {
    Neg,
    Int,
    Dim,
    Shift,
    Contrast,
    Concess,
    Cond,
    Modal,
}

/// Everything known about one surface form, found with one lookup.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Info {
    /// Prior polarity and class, if the form is a polarity word.
    pub polar: Option<(f32, WordClass)>,
    /// Modifier kind and factor.
    pub modifier: Option<(ModKind, f32)>,
    /// The finite form of separable verbs whose particle closes the clause
    /// ("wirft … vor", "fällt … aus"): start and length of their [`Split`]s
    /// in [`Index::splits`].
    pub splits: (u32, u32),
    /// An evaluative verb form whose subject holds a stance.
    pub stance: bool,
    /// Whether the form is a noun lemma as listed (a compound head may only
    /// be one of those).
    pub head: bool,
    /// Whether its polarity describes an event rather than evaluating
    /// ("Krieg"): no evidence of a stance.
    pub descriptive: bool,
    /// Whether the word opens a clause ("dass", "weil", "aber").
    pub opener: bool,
}

/// Words that open a subordinate or coordinate clause: negation and degree
/// words do not reach across them.
const CLAUSE_OPENERS: &[&str] = &[
    "dass", "weil", "da", "wenn", "falls", "sofern", "obwohl", "obgleich", "ob", "sodass", "damit",
    "während", "nachdem", "bevor", "indem", "aber", "jedoch", "sondern", "denn", "doch", "wobei",
    "weshalb", "wogegen",
];

/// A separable verb a finite form may belong to: the particle that closes
/// its clause, the verb's polarity, and whether it is an evaluative verb
/// whose subject holds a stance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Split {
    pub particle: &'static str,
    pub weight: f32,
    pub stance: bool,
}

type Map = HashMap<Box<str>, Info, BuildHasherDefault<WordHasher>>;

/// The compiled form index: every surface form to its [`Info`].
#[derive(Debug)]
pub(crate) struct Index {
    forms: Map,
    /// Compound heads in lower case ("ausfall", "ausfälle" aside), with
    /// the polarity of their lemma, so that a compound's tail can be looked
    /// up as it is written, without building a string.
    heads: HashMap<Box<str>, (f32, WordClass), BuildHasherDefault<WordHasher>>,
    /// Byte length of the longest head: longer tails are not looked up, so
    /// that a huge "word" costs linear time.
    longest_head: usize,
    splits: Vec<Split>,
}

/// Particles of separable verbs, longest first (a lemma starting with one
/// and long enough is taken as separable: "ausfallen", "zusammenbrechen").
const PARTICLES: &[&str] = &[
    "zusammen", "entgegen", "herunter", "hinunter", "zurück", "vorbei", "hinein", "herein",
    "nieder", "herum", "voran", "heraus", "hinaus", "herab", "fest", "nach", "frei", "fort",
    "hoch", "weg", "vor", "mit", "auf", "aus", "ein", "bei", "los", "dar", "ab", "an", "zu",
];

/// Words that, closing a clause after a finite verb, make it a separable
/// verb ("kündigte … an" is "ankündigen", not "kündigen"): the particles
/// above and short or colloquial ones that are not split off lemmas.
pub(crate) fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
        || matches!(
            word,
            "um" | "durch"
                | "hin"
                | "her"
                | "rein"
                | "raus"
                | "rum"
                | "runter"
                | "heim"
                | "hinterher"
        )
}

/// The principal parts of a strong or irregular verb
/// (`data/strong-verbs.de.txt`).
#[derive(Debug)]
struct Strong {
    /// Present 2nd and 3rd person singular with a changed stem.
    present: Vec<&'static str>,
    /// Past, 1st and 3rd person singular.
    past: &'static str,
    /// Past participle.
    participle: &'static str,
}

/// Strong verbs by infinitive.
struct StrongVerbs(HashMap<&'static str, Strong>);

/// A verb lemma taken apart: separable particle, inseparable prefix, and
/// the strong verb it ends in, if any ("anerkennen" = an + er + kennen).
struct VerbParts<'a> {
    particle: Option<&'static str>,
    prefix: &'a str,
    rest: &'a str,
    strong: Option<&'a Strong>,
}

impl StrongVerbs {
    fn german() -> StrongVerbs {
        let mut map = HashMap::new();
        for line in data_lines(STRONG_VERBS) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [inf, present, past, participle] = cols[..] else {
                continue;
            };
            let present = if present == "-" {
                Vec::new()
            } else {
                present.split('|').collect()
            };
            map.insert(
                inf,
                Strong {
                    present,
                    past,
                    participle,
                },
            );
        }
        StrongVerbs(map)
    }

    /// Takes a verb lemma apart: a separable particle (if the rest is still
    /// a verb), then the longest strong verb it ends in after an
    /// inseparable prefix ("zerbrechen" = zer + brechen).
    fn parts<'a>(&'a self, lemma: &'a str) -> VerbParts<'a> {
        let particle = PARTICLES.iter().copied().find(|p| {
            lemma.starts_with(p)
                && lemma.len() > p.len() + 4
                && verb_stem(&lemma[p.len()..]).is_some()
        });
        let rest = &lemma[particle.map_or(0, str::len)..];
        if let Some(s) = self.0.get(rest) {
            return VerbParts {
                particle,
                prefix: "",
                rest,
                strong: Some(s),
            };
        }
        for p in INSEPARABLE {
            if let Some(s) = rest.strip_prefix(p).and_then(|b| self.0.get(b)) {
                return VerbParts {
                    particle,
                    prefix: p,
                    rest,
                    strong: Some(s),
                };
            }
        }
        VerbParts {
            particle,
            prefix: "",
            rest,
            strong: None,
        }
    }

    /// Forms of a strong verb lemma that the rules of [`generate`] miss,
    /// written as one word: "verlor", "zerbrach", "zerbrochen", "ausfiel",
    /// "ausgefallen", "hilft" (with their adjective forms for the
    /// participle).
    fn joined(&self, lemma: &str, out: &mut Vec<(String, WordClass)>) {
        let parts = self.parts(lemma);
        let Some(strong) = parts.strong else { return };
        let sep = parts.particle.unwrap_or("");
        let mut finite = Vec::new();
        finite_strong(parts.prefix, strong, &mut finite);
        for f in finite {
            out.push((format!("{sep}{f}"), WordClass::Verb));
        }
        let base = &parts.rest[parts.prefix.len()..];
        let participle = if parts.prefix.is_empty() {
            format!("{sep}{}", strong.participle)
        } else {
            // No ge- after an inseparable prefix: zer + brochen, be +
            // gangen; "gewonnen" has none to drop.
            let p = strong.participle;
            let p = if base.starts_with("ge") && !p.starts_with("geg") {
                p
            } else {
                p.strip_prefix("ge").unwrap_or(p)
            };
            format!("{sep}{}{p}", parts.prefix)
        };
        adjective_forms(&participle, out);
        out.push((participle, WordClass::Verb));
    }

    /// The particle of a separable lemma and the finite forms of the verb
    /// without it, which a main clause splits from the particle: "ausfallen"
    /// → "aus", [fällt, fallen, fiel, fielen, …]; "ablehnen" → "ab", [lehnt,
    /// lehnte, …].
    fn split(&self, lemma: &str, out: &mut Vec<String>) -> Option<&'static str> {
        let parts = self.parts(lemma);
        let particle = parts.particle?;
        let stem = verb_stem(parts.rest)?;
        let dental = stem.ends_with('t') || stem.ends_with('d');
        let e = if dental { "e" } else { "" };
        out.push(format!("{stem}e"));
        out.push(format!("{stem}{e}st"));
        out.push(format!("{stem}{e}t"));
        out.push(parts.rest.to_string());
        match parts.strong {
            Some(strong) => finite_strong(parts.prefix, strong, out),
            None => {
                for end in ["te", "ten", "test", "tet"] {
                    out.push(format!("{stem}{e}{end}"));
                }
            }
        }
        Some(particle)
    }
}

/// The present forms with a changed stem and the past forms of a strong
/// verb, after `prefix`: "zer" + brechen → zerbrichst, zerbricht, zerbrach,
/// zerbrachen; mixed verbs: brachte, brachten.
fn finite_strong(prefix: &str, strong: &Strong, out: &mut Vec<String>) {
    for f in &strong.present {
        out.push(format!("{prefix}{f}"));
    }
    // Past singular and plural; the second persons are rare in writing
    // and collide with other verbs ("ihr gelangt" of gelingen).
    let p = strong.past;
    let en = if p.ends_with("te") || p.ends_with('e') {
        "n"
    } else {
        "en"
    };
    out.push(format!("{prefix}{p}"));
    out.push(format!("{prefix}{p}{en}"));
}

const INSEPARABLE: &[&str] = &[
    "be", "ge", "er", "ver", "zer", "ent", "emp", "miss", "über", "unter", "wider", "hinter",
];

const ADJ_END: &[&str] = &["", "e", "er", "es", "em", "en"];

impl Index {
    pub(crate) fn new(lexicon: &Lexicon) -> Index {
        // About 20 forms per lemma: sized once instead of growing.
        let mut forms =
            Map::with_capacity_and_hasher(lexicon.entries.len() * 20 + 4096, Default::default());
        // Lemmas and listed forms first: they win over generated forms.
        for e in &lexicon.entries {
            let info = forms.entry(e.word.clone().into_boxed_str()).or_default();
            if info.polar.is_none() {
                info.polar = Some((e.weight, e.class));
                info.head = e.class == WordClass::Noun;
            }
        }
        let strong = StrongVerbs::german();
        let mut buf = Vec::new();
        for e in &lexicon.entries {
            buf.clear();
            generate(&e.word, e.class, &mut buf);
            if e.class == WordClass::Verb {
                strong.joined(&e.word, &mut buf);
            }
            for (f, class) in buf.drain(..) {
                let info = forms.entry(f.into_boxed_str()).or_default();
                if info.polar.is_none() {
                    info.polar = Some((e.weight, class));
                }
            }
        }
        // Finite forms of separable verbs, split from their particle.
        let mut splits: HashMap<String, Vec<Split>> = HashMap::new();
        let mut finite = Vec::new();
        for e in lexicon
            .entries
            .iter()
            .filter(|e| e.class == WordClass::Verb)
        {
            finite.clear();
            if let Some(particle) = strong.split(&e.word, &mut finite) {
                add_splits(&mut splits, &mut finite, particle, e.weight, false);
            }
        }
        let mut index = Index {
            forms,
            splits: Vec::new(),
            heads: HashMap::default(),
            longest_head: 0,
        };
        index.add_stance_verbs(&strong, &mut splits);
        index.add_modifiers(&strong);
        let mut splits: Vec<(String, Vec<Split>)> = splits.into_iter().collect();
        splits.sort_by(|a, b| a.0.cmp(&b.0));
        for (form, list) in splits {
            let info = index.forms.entry(form.into_boxed_str()).or_default();
            info.splits = (index.splits.len() as u32, list.len() as u32);
            index.splits.extend(list);
        }
        index.add_descriptive();
        // Swiss and informal writing has "ss" for "ß": "Spass", "Scheiss".
        let sharp: Vec<(Box<str>, Info)> = index
            .forms
            .iter()
            .filter(|(f, _)| f.contains('ß'))
            .map(|(f, i)| (f.replace('ß', "ss").into_boxed_str(), *i))
            .collect();
        for (f, info) in sharp {
            index.forms.entry(f).or_insert(info);
        }
        index.add_heads();
        for w in CLAUSE_OPENERS {
            for v in [w.to_string(), capitalise(w)] {
                index.forms.entry(v.into_boxed_str()).or_default().opener = true;
            }
        }
        index
    }

    /// The separable verbs a finite form may belong to.
    #[inline]
    pub(crate) fn splits(&self, info: &Info) -> &[Split] {
        let (start, len) = (info.splits.0 as usize, info.splits.1 as usize);
        self.splits.get(start..start + len).unwrap_or_default()
    }

    fn add_stance_verbs(&mut self, strong: &StrongVerbs, splits: &mut HashMap<String, Vec<Split>>) {
        for line in data_lines(STANCE_VERBS) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let (Some(&lemma), Some(w)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let Ok(w) = w.parse::<f32>() else { continue };
            let particle = cols.get(2).copied().filter(|p| *p != "-");
            let irregular: Vec<&str> = cols
                .get(3)
                .filter(|s| **s != "-")
                .map(|s| s.split('|').collect())
                .unwrap_or_default();
            let mut all = vec![(lemma.to_string(), WordClass::Verb)];
            generate(lemma, WordClass::Verb, &mut all);
            strong.joined(lemma, &mut all);
            for f in irregular
                .iter()
                .filter(|f| particle.is_none_or(|p| f.starts_with(p)))
            {
                all.push((f.to_string(), WordClass::Verb));
            }
            for (f, class) in all {
                let verbal = class == WordClass::Verb;
                let info = self.forms.entry(f.into_boxed_str()).or_default();
                if info.polar.is_none() {
                    info.polar = Some((w, class));
                }
                info.stance |= verbal;
            }
            if let Some(p) = particle {
                let mut finite: Vec<String> = irregular
                    .iter()
                    .filter(|f| !f.starts_with(p))
                    .map(|f| f.to_string())
                    .collect();
                let listed = finite.len();
                if strong.split(lemma, &mut finite) != Some(p) {
                    finite.truncate(listed);
                }
                add_splits(splits, &mut finite, p, w, true);
            }
        }
    }

    fn add_descriptive(&mut self) {
        for word in data_lines(DESCRIPTIVE) {
            let mut all = vec![word.to_string()];
            if word.starts_with(char::is_uppercase) {
                let mut gen = Vec::new();
                generate(word, WordClass::Noun, &mut gen);
                all.extend(gen.into_iter().map(|(f, _)| f));
            }
            for f in all {
                if let Some(info) = self.forms.get_mut(f.as_str()) {
                    info.descriptive = true;
                }
            }
        }
    }

    /// Whether a compound's head is descriptive ("Ukraine-Krieg",
    /// "Angriffskrieg" is not: it is listed on its own).
    pub(crate) fn descriptive(&self, form: &str) -> bool {
        self.forms.get(form).is_some_and(|i| i.descriptive)
    }

    fn add_modifiers(&mut self, strong: &StrongVerbs) {
        for line in data_lines(MODIFIERS) {
            let mut cols = line.split('\t');
            let (Some(word), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            let factor: Option<f32> = cols.next().and_then(|f| f.parse().ok());
            let (kind, default) = match kind {
                "neg" => (ModKind::Neg, -0.8),
                "int" => (ModKind::Int, 1.5),
                "dim" => (ModKind::Dim, 0.5),
                "shift" => (ModKind::Shift, -0.8),
                "contrast" => (ModKind::Contrast, 1.0),
                "concess" => (ModKind::Concess, 0.5),
                "cond" => (ModKind::Cond, 0.5),
                "modal" => (ModKind::Modal, 0.7),
                _ => continue,
            };
            let m = (kind, factor.unwrap_or(default));
            let mut variants: Vec<String> = vec![word.to_string()];
            if kind == ModKind::Shift {
                let noun = word.starts_with(char::is_uppercase);
                let mut gen = Vec::new();
                generate(
                    word,
                    if noun {
                        WordClass::Noun
                    } else {
                        WordClass::Verb
                    },
                    &mut gen,
                );
                if !noun {
                    // "verlor", "verloren".
                    strong.joined(word, &mut gen);
                }
                variants.extend(
                    gen.into_iter()
                        .filter(|(_, c)| *c != WordClass::Noun || noun)
                        .map(|(f, _)| f),
                );
            }
            let capitalised: Vec<String> = variants
                .iter()
                .filter(|v| v.starts_with(char::is_lowercase))
                .map(|v| capitalise(v))
                .collect();
            variants.extend(capitalised);
            for v in variants {
                let info = self.forms.entry(v.into_boxed_str()).or_default();
                if info.modifier.is_none() {
                    info.modifier = Some(m);
                }
            }
        }
    }

    fn add_heads(&mut self) {
        let mut heads = HashMap::with_capacity_and_hasher(self.forms.len() / 4, Default::default());
        for (form, info) in &self.forms {
            let Some((w, class)) = info.polar.filter(|(w, _)| info.head && *w != 0.0) else {
                continue;
            };
            if form.chars().count() < 5 {
                continue;
            }
            let mut c = form.chars();
            let lower: String = c
                .next()
                .into_iter()
                .flat_map(char::to_lowercase)
                .chain(c)
                .collect();
            for end in ["", "en", "e", "n", "s"] {
                heads
                    .entry(format!("{lower}{end}").into_boxed_str())
                    .or_insert((w, class));
            }
        }
        self.longest_head = heads.keys().map(|k| k.len()).max().unwrap_or(0);
        self.heads = heads;
    }

    /// The information on one form, exactly as written.
    #[inline]
    pub(crate) fn get(&self, form: &str) -> Option<&Info> {
        self.forms.get(form)
    }

    /// The head of a compound noun that is a polarity noun
    /// ("Zugausfall" → "Ausfall", "Verkehrschaos" → "Chaos"): the longest
    /// listed noun lemma of at least five letters, after at least three, or
    /// such a lemma with a plural ending ("Zugausfälle" aside: no umlauts).
    /// Lower-case words are not split: prefixed verbs and adjectives change
    /// their sense ("angekündigt" is not "gekündigt").
    pub(crate) fn compound_head(&self, word: &str, buf: &mut String) -> Option<(f32, WordClass)> {
        if word.len() < 8 || !word.starts_with(char::is_uppercase) || word.contains('-') {
            return None;
        }
        // The tail from the fourth letter on, at least five letters long.
        let mut starts = word.char_indices().map(|(i, _)| i).skip(3);
        let total = word.chars().count();
        for (n, i) in (3..).zip(&mut starts) {
            if total - n < 5 {
                break;
            }
            if word.len() - i > self.longest_head {
                continue;
            }
            if let Some(&p) = self.heads.get(&word[i..]) {
                buf.clear();
                let mut c = word[i..].chars();
                buf.extend(c.next().into_iter().flat_map(char::to_uppercase));
                buf.push_str(c.as_str());
                return Some(p);
            }
        }
        None
    }

    /// Number of surface forms.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.forms.len()
    }
}

/// Records that each of `finite` may be the split form of a separable verb
/// (a stance verb's entry replaces a plain one with the same particle).
fn add_splits(
    splits: &mut HashMap<String, Vec<Split>>,
    finite: &mut Vec<String>,
    particle: &'static str,
    weight: f32,
    stance: bool,
) {
    for f in finite.drain(..) {
        let list = splits.entry(f).or_default();
        let new = Split {
            particle,
            weight,
            stance,
        };
        match list.iter_mut().find(|s| s.particle == particle) {
            Some(old) if stance => *old = new,
            Some(_) => {}
            None => list.push(new),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The stem of a German infinitive ("kritisieren" → "kritisier",
/// "handeln" → "handel").
fn verb_stem(inf: &str) -> Option<&str> {
    if let Some(s) = inf.strip_suffix("en") {
        (s.chars().count() >= 2).then_some(s)
    } else if inf.ends_with("ln") || inf.ends_with("rn") {
        Some(&inf[..inf.len() - 1])
    } else {
        None
    }
}

/// Inflected and derived forms of a lemma (not the lemma itself).
fn generate(lemma: &str, class: WordClass, out: &mut Vec<(String, WordClass)>) {
    match class {
        WordClass::Form => {}
        WordClass::Noun => {
            for end in ["s", "es", "n", "en", "e", "er", "ern", "ns"] {
                out.push((format!("{lemma}{end}"), WordClass::Noun));
            }
            if lemma.ends_with("in") {
                out.push((format!("{lemma}nen"), WordClass::Noun));
            }
            if lemma.ends_with("nis") {
                out.push((format!("{lemma}se"), WordClass::Noun));
                out.push((format!("{lemma}ses"), WordClass::Noun));
                out.push((format!("{lemma}sen"), WordClass::Noun));
            }
        }
        WordClass::Adjective => adjective_forms(lemma, out),
        WordClass::Verb => {
            let Some(stem) = verb_stem(lemma) else {
                // Not an infinitive (tagged verb by mistake): take it as an adjective.
                adjective_forms(lemma, out);
                return;
            };
            // An e before the ending: "wartete", "rechnete", "öffnete", "atmete".
            let dental = stem.ends_with('t')
                || stem.ends_with('d')
                || ["chn", "ffn", "gn", "tm", "chm", "dn"]
                    .iter()
                    .any(|c| stem.ends_with(c));
            let e = if dental { "e" } else { "" };
            for end in ["e", "st", "t", "te", "test", "ten", "tet"] {
                let sep = if end.starts_with('t') || end == "st" {
                    e
                } else {
                    ""
                };
                out.push((format!("{stem}{sep}{end}"), WordClass::Verb));
            }
            if stem.ends_with("el") || stem.ends_with("er") {
                // "handeln": ich handle
                out.push((format!("{}le", &stem[..stem.len() - 2]), WordClass::Verb));
            }
            // Participles: "kritisiert", "gelobt", "abgebaut"; inseparable
            // and -ieren verbs take no ge-.
            let particle = PARTICLES
                .iter()
                .find(|p| lemma.starts_with(**p) && lemma.len() > p.len() + 4);
            let participle =
                if lemma.ends_with("ieren") || INSEPARABLE.iter().any(|p| lemma.starts_with(p)) {
                    format!("{stem}{e}t")
                } else if let Some(p) = particle {
                    let rest = &stem[p.len()..];
                    out.push((format!("{p}zu{}", &lemma[p.len()..]), WordClass::Verb));
                    format!("{p}ge{rest}{e}t")
                } else {
                    format!("ge{stem}{e}t")
                };
            out.push((participle.clone(), WordClass::Verb));
            adjective_forms(&participle, out);
            adjective_forms(&format!("{lemma}d"), out);
            // Nominalisations: "unterstützen" → "Unterstützung(en)".
            let noun = capitalise(stem);
            if !stem.ends_with("el") && !stem.ends_with("er") || lemma.ends_with("en") {
                out.push((format!("{noun}ung"), WordClass::Noun));
                out.push((format!("{noun}ungen"), WordClass::Noun));
            }
        }
    }
}

fn adjective_forms(lemma: &str, out: &mut Vec<(String, WordClass)>) {
    let a = WordClass::Adjective;
    let (base, ends): (&str, &[&str]) = match lemma.strip_suffix('e') {
        Some(b) if !b.is_empty() => (b, &["e", "er", "es", "em", "en"]),
        _ => (lemma, ADJ_END),
    };
    for end in ends {
        out.push((format!("{base}{end}"), a));
    }
    // Contracted stems: "dunkel" → "dunkle", "teuer" → "teure".
    if let Some(s) = lemma
        .strip_suffix("el")
        .or_else(|| lemma.strip_suffix("er"))
    {
        if s.chars().count() >= 3 {
            let l = &lemma[lemma.len() - 1..];
            for end in &ADJ_END[1..] {
                out.push((format!("{s}{l}{end}"), a));
            }
        }
    }
    // Comparative and superlative (regular forms only).
    let sup = if lemma.ends_with(['s', 'ß', 'z', 't', 'd', 'x']) {
        "est"
    } else {
        "st"
    };
    for end in ADJ_END {
        out.push((format!("{base}er{end}"), a));
        if !end.is_empty() {
            out.push((format!("{base}{sup}{end}"), a));
        }
    }
    // Nominalised adjectives ("das Gute", "des Bösen") and -heit/-keit nouns
    // are left to the lexicon: they are often lexicalised with other senses.
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str, class: WordClass) -> Vec<String> {
        let mut v = Vec::new();
        generate(lemma, class, &mut v);
        v.into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn verb_forms() {
        let f = forms("kritisieren", WordClass::Verb);
        for w in [
            "kritisiert",
            "kritisierte",
            "kritisierten",
            "kritisierende",
            "Kritisierung",
        ] {
            assert!(f.iter().any(|x| x == w), "{w} missing from {f:?}");
        }
        let f = forms("abbauen", WordClass::Verb);
        assert!(f.iter().any(|x| x == "abgebaut"), "{f:?}");
        assert!(f.iter().any(|x| x == "abzubauen"), "{f:?}");
        let f = forms("loben", WordClass::Verb);
        assert!(f.iter().any(|x| x == "gelobt"));
        let f = forms("warten", WordClass::Verb);
        assert!(f.iter().any(|x| x == "wartete"));
        assert!(f.iter().any(|x| x == "gewartet"));
    }

    #[test]
    fn strong_verb_forms() {
        let strong = StrongVerbs::german();
        let joined = |lemma: &str| {
            let mut v = Vec::new();
            strong.joined(lemma, &mut v);
            v.into_iter().map(|(f, _)| f).collect::<Vec<_>>()
        };
        let has = |forms: &[String], want: &[&str]| {
            for w in want {
                assert!(forms.iter().any(|f| f == w), "{w} missing from {forms:?}");
            }
        };
        has(&joined("verlieren"), &["verlor", "verloren", "verlorenen"]);
        has(
            &joined("zerbrechen"),
            &["zerbricht", "zerbrach", "zerbrachen", "zerbrochen"],
        );
        has(&joined("betrügen"), &["betrog", "betrogen", "betrogene"]);
        has(&joined("verbieten"), &["verbot", "verboten"]);
        has(&joined("begehen"), &["beging", "begangen"]);
        has(&joined("gewinnen"), &["gewann", "gewonnen"]);
        has(
            &joined("ausfallen"),
            &["ausfällt", "ausfiel", "ausgefallen"],
        );
        has(&joined("anerkennen"), &["anerkannte", "anerkannt"]);
        has(&joined("bringen"), &["brachte", "brachten", "gebracht"]);
        assert!(joined("kritisieren").is_empty());
        // Finite forms split from the particle.
        let mut v = Vec::new();
        assert_eq!(strong.split("ausfallen", &mut v), Some("aus"));
        has(&v, &["fällt", "fallen", "fiel", "fielen"]);
        v.clear();
        assert_eq!(strong.split("ablehnen", &mut v), Some("ab"));
        has(&v, &["lehnt", "lehnte", "lehnten"]);
        v.clear();
        assert_eq!(strong.split("anerkennen", &mut v), Some("an"));
        has(&v, &["erkennt", "erkannte"]);
        assert_eq!(strong.split("verlieren", &mut Vec::new()), None);
    }

    #[test]
    fn separable_lexicon_verbs() {
        let idx = Index::new(&Lexicon::parse("ausfallen\tV\t-0.7\n").unwrap());
        for f in ["ausgefallen", "ausfiel", "ausfällt", "auszufallen"] {
            assert!(idx.get(f).unwrap().polar.unwrap().0 < 0.0, "{f}");
        }
        for f in ["fällt", "fiel", "fielen"] {
            let s = idx.splits(idx.get(f).unwrap());
            assert!(
                s.iter().any(|s| s.particle == "aus" && s.weight < 0.0),
                "{f}"
            );
        }
        // The default lexicon: strong and separable verbs from the
        // polarity lexicon, not only the evaluative verbs.
        let idx = Index::new(&Lexicon::german());
        for f in ["verlor", "betrog", "verboten", "zerfiel"] {
            assert!(idx.get(f).unwrap().polar.unwrap().0 < 0.0, "{f}");
        }
        let griff = idx.splits(idx.get("griff").unwrap());
        assert!(griff.iter().any(|s| s.particle == "an" && s.weight < 0.0));
    }

    #[test]
    fn adjective_and_noun_forms() {
        let f = forms("schwerwiegend", WordClass::Adjective);
        assert!(f.iter().any(|x| x == "schwerwiegender"));
        let f = forms("teuer", WordClass::Adjective);
        assert!(f.iter().any(|x| x == "teure"));
        let f = forms("Besorgnis", WordClass::Noun);
        assert!(f.iter().any(|x| x == "Besorgnisse"));
    }

    #[test]
    fn default_index() {
        let lex = Lexicon::german();
        assert!(lex.len() > 7000);
        let idx = Index::new(&lex);
        assert!(idx.len() > 50_000);
        assert!(idx.get("besorgniserregend").unwrap().polar.unwrap().0 < 0.0);
        assert!(idx.get("Unterstützung").unwrap().polar.unwrap().0 > 0.0);
        assert_eq!(idx.get("nicht").unwrap().modifier.unwrap().0, ModKind::Neg);
        assert_eq!(
            idx.get("Aber").unwrap().modifier.unwrap().0,
            ModKind::Contrast
        );
        let wirft = idx.splits(idx.get("wirft").unwrap());
        assert!(wirft.iter().any(|s| s.particle == "vor" && s.stance));
        // An override of our own wins over the source.
        assert!(idx.get("Entlassung").unwrap().polar.unwrap().0 < 0.0);
        let mut buf = String::new();
        assert!(idx.compound_head("Zugausfall", &mut buf).unwrap().0 < 0.0);
        assert!(idx.compound_head("Bahnhof", &mut buf).is_none());
        assert!(idx.compound_head("Passagiere", &mut buf).is_none());
        assert!(idx.compound_head("angekündigt", &mut buf).is_none());
    }

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
            Err(LexiconError::Parse { line: 1, .. })
        ));
        assert!(matches!(
            Lexicon::parse("# nur Kommentar\n"),
            Err(LexiconError::Empty)
        ));
        assert!(matches!(
            Lexicon::load("/nonexistent/lexicon.tsv"),
            Err(LexiconError::Io { .. })
        ));
    }
}
