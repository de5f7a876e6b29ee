//! The compiled form index: every surface form of the lexicon, the
//! modifiers, the evaluative verbs and the rules' function words, to what
//! the tagger needs to know of it, found with one lookup.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use wortlaut_normalize::hash::WordHasher;
use wortlaut_text::morph::{capitalise, Morph, Pos};
use wortlaut_text::Profile;

use crate::error::Error;
use crate::grammar::{Flags, Grammar, OPENER};
use crate::lexicon::{Lexicon, WordClass};

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

/// The kinds of `sentiment/modifiers` with their default factors.
const MODIFIER_KINDS: &[(&str, ModKind, f32)] = &[
    ("neg", ModKind::Neg, -0.8),
    ("int", ModKind::Int, 1.5),
    ("dim", ModKind::Dim, 0.5),
    ("shift", ModKind::Shift, -0.8),
    ("contrast", ModKind::Contrast, 1.0),
    ("concess", ModKind::Concess, 0.5),
    ("cond", ModKind::Cond, 0.5),
    ("modal", ModKind::Modal, 0.7),
];

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
    /// Its roles as a function word (see [`crate::grammar`]).
    pub flags: Flags,
}

impl Info {
    /// Whether the form is in the lexicon, a modifier or a verb form, not
    /// only a function word of the rules.
    pub(crate) fn lexical(&self) -> bool {
        self.polar.is_some()
            || self.modifier.is_some()
            || self.splits.1 > 0
            || self.stance
            || self.head
            || self.descriptive
    }
}

/// A separable verb a finite form may belong to: the particle that closes
/// its clause, the verb's polarity, and whether it is an evaluative verb
/// whose subject holds a stance.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Split {
    pub particle: Box<str>,
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
    /// Filters in front of [`Index::heads`]: which last three bytes a head
    /// may have, and which first four bytes with which length. Most tails
    /// of capitalised words fail one of them and are passed without
    /// hashing.
    head_ends: Bits,
    head_starts: Bits,
    splits: Vec<Split>,
}

/// A set of small keys as a bitmap.
#[derive(Debug, Default)]
struct Bits(Vec<u64>);

impl Bits {
    fn with_bits(bits: u32) -> Bits {
        Bits(vec![0; (1usize << bits) / 64])
    }

    #[inline]
    fn insert(&mut self, key: usize) {
        let n = self.0.len() * 64;
        if let Some(w) = self.0.get_mut((key % n.max(1)) / 64) {
            *w |= 1 << (key % 64);
        }
    }

    #[inline]
    fn contains(&self, key: usize) -> bool {
        let n = self.0.len() * 64;
        self.0
            .get((key % n.max(1)) / 64)
            .is_some_and(|w| w & (1 << (key % 64)) != 0)
    }
}

/// The key of a word's last three bytes (`None` if shorter).
#[inline]
fn end_key(word: &[u8]) -> Option<usize> {
    let [.., a, b, c] = word else { return None };
    let k = u32::from(*a) << 16 | u32::from(*b) << 8 | u32::from(*c);
    Some((k.wrapping_mul(0x9E37_79B1) >> 14) as usize)
}

/// The key of a tail's first four bytes and its length (`None` if
/// shorter).
#[inline]
fn start_key(tail: &[u8]) -> Option<usize> {
    let [a, b, c, d, ..] = tail else { return None };
    let k = u64::from(u32::from_le_bytes([*a, *b, *c, *d])) | (tail.len() as u64) << 32;
    Some((k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 43) as usize)
}

fn class_of(pos: Pos) -> WordClass {
    match pos {
        Pos::Noun => WordClass::Noun,
        Pos::Adjective => WordClass::Adjective,
        Pos::Verb => WordClass::Verb,
    }
}

/// Inflected and derived forms of a lemma (not the lemma itself).
fn generate(morph: &Morph, lemma: &str, class: WordClass, out: &mut Vec<(String, Pos)>) {
    match class {
        WordClass::Form => {}
        WordClass::Noun => morph.noun_forms(lemma, out),
        WordClass::Adjective => morph.adjective_forms(lemma, out),
        WordClass::Verb => {
            if !morph.verb_forms(lemma, out) {
                // Not an infinitive (tagged verb by mistake): take it as an adjective.
                morph.adjective_forms(lemma, out);
            }
        }
    }
}

/// Records that each of `finite` may be the split form of a separable verb
/// (a stance verb's entry replaces a plain one with the same particle).
fn add_splits(
    splits: &mut HashMap<String, Vec<Split>>,
    finite: &mut Vec<String>,
    particle: &str,
    weight: f32,
    stance: bool,
) {
    for f in finite.drain(..) {
        let list = splits.entry(f).or_default();
        let new = Split {
            particle: particle.into(),
            weight,
            stance,
        };
        match list.iter_mut().find(|s| *s.particle == *particle) {
            Some(old) if stance => *old = new,
            Some(_) => {}
            None => list.push(new),
        }
    }
}

impl Index {
    /// Compiles `lexicon` with the modifiers, evaluative verbs, descriptive
    /// words and function words of `profile`.
    pub(crate) fn new(
        lexicon: &Lexicon,
        profile: &Profile,
        morph: &Morph,
        grammar: &Grammar,
    ) -> Result<Index, Error> {
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
        let mut buf = Vec::new();
        for e in &lexicon.entries {
            buf.clear();
            generate(morph, &e.word, e.class, &mut buf);
            if e.class == WordClass::Verb {
                morph.strong_forms(&e.word, &mut buf);
            }
            for (f, pos) in buf.drain(..) {
                let info = forms.entry(f.into_boxed_str()).or_default();
                if info.polar.is_none() {
                    info.polar = Some((e.weight, class_of(pos)));
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
            if let Some(particle) = morph.split_forms(&e.word, &mut finite) {
                add_splits(&mut splits, &mut finite, particle, e.weight, false);
            }
        }
        let mut index = Index {
            forms,
            splits: Vec::new(),
            heads: HashMap::default(),
            longest_head: 0,
            head_ends: Bits::default(),
            head_starts: Bits::default(),
        };
        index.add_stance_verbs(profile, morph, &mut splits)?;
        index.add_modifiers(profile, morph)?;
        let mut splits: Vec<(String, Vec<Split>)> = splits.into_iter().collect();
        splits.sort_by(|a, b| a.0.cmp(&b.0));
        for (form, list) in splits {
            let info = index.forms.entry(form.into_boxed_str()).or_default();
            info.splits = (index.splits.len() as u32, list.len() as u32);
            index.splits.extend(list);
        }
        index.add_descriptive(profile, morph)?;
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
        index.add_heads(morph);
        for (w, f) in &grammar.flagged {
            index.forms.entry(w.as_str().into()).or_default().flags |= *f;
            if *f == OPENER {
                let cap = capitalise(w).into_boxed_str();
                index.forms.entry(cap).or_default().flags |= *f;
            }
        }
        Ok(index)
    }

    /// The separable verbs a finite form may belong to.
    #[inline]
    pub(crate) fn splits(&self, info: &Info) -> &[Split] {
        let (start, len) = (info.splits.0 as usize, info.splits.1 as usize);
        self.splits.get(start..start + len).unwrap_or_default()
    }

    fn add_stance_verbs(
        &mut self,
        profile: &Profile,
        morph: &Morph,
        splits: &mut HashMap<String, Vec<Split>>,
    ) -> Result<(), Error> {
        let list = profile.list("sentiment/stance-verbs")?;
        for row in list.rows() {
            let lemma = row.key();
            let w = list.field(&row, 1, "polarity")?;
            let w: f32 = w
                .parse()
                .map_err(|_| list.error(&row, format!("polarity `{w}` is not a number")))?;
            let particle = row.get(2).filter(|p| *p != "-");
            let irregular: Vec<&str> = row
                .get(3)
                .filter(|s| *s != "-")
                .map(|s| s.split('|').collect())
                .unwrap_or_default();
            let mut all = vec![(lemma.to_string(), Pos::Verb)];
            generate(morph, lemma, WordClass::Verb, &mut all);
            morph.strong_forms(lemma, &mut all);
            for f in irregular
                .iter()
                .filter(|f| particle.is_none_or(|p| f.starts_with(p)))
            {
                all.push((f.to_string(), Pos::Verb));
            }
            for (f, pos) in all {
                let verbal = pos == Pos::Verb;
                let info = self.forms.entry(f.into_boxed_str()).or_default();
                if info.polar.is_none() {
                    info.polar = Some((w, class_of(pos)));
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
                if morph.split_forms(lemma, &mut finite) != Some(p) {
                    finite.truncate(listed);
                }
                add_splits(splits, &mut finite, p, w, true);
            }
        }
        Ok(())
    }

    fn add_descriptive(&mut self, profile: &Profile, morph: &Morph) -> Result<(), Error> {
        for word in profile.list("sentiment/descriptive")?.words() {
            let mut all = vec![(word.to_string(), Pos::Noun)];
            if word.starts_with(char::is_uppercase) {
                morph.noun_forms(word, &mut all);
            }
            for (f, _) in all {
                if let Some(info) = self.forms.get_mut(f.as_str()) {
                    info.descriptive = true;
                }
            }
        }
        Ok(())
    }

    /// Whether a compound's head is descriptive ("Ukraine-Krieg",
    /// "Angriffskrieg" is not: it is listed on its own).
    pub(crate) fn descriptive(&self, form: &str) -> bool {
        self.forms.get(form).is_some_and(|i| i.descriptive)
    }

    fn add_modifiers(&mut self, profile: &Profile, morph: &Morph) -> Result<(), Error> {
        let list = profile.list("sentiment/modifiers")?;
        for row in list.rows() {
            let word = row.key();
            let kind = list.field(&row, 1, "kind")?;
            let Some(&(_, kind, default)) = MODIFIER_KINDS.iter().find(|k| k.0 == kind) else {
                let known: Vec<&str> = MODIFIER_KINDS.iter().map(|k| k.0).collect();
                return Err(list
                    .error(
                        &row,
                        format!("unknown kind `{kind}`; the kinds are {}", known.join(", ")),
                    )
                    .into());
            };
            let factor = match row.get(2) {
                Some(f) => f
                    .parse()
                    .map_err(|_| list.error(&row, format!("factor `{f}` is not a number")))?,
                None => default,
            };
            let m = (kind, factor);
            let mut variants: Vec<String> = vec![word.to_string()];
            if kind == ModKind::Shift {
                let noun = word.starts_with(char::is_uppercase);
                let mut gen = Vec::new();
                let class = if noun {
                    WordClass::Noun
                } else {
                    WordClass::Verb
                };
                generate(morph, word, class, &mut gen);
                if !noun {
                    // "verlor", "verloren".
                    morph.strong_forms(word, &mut gen);
                }
                variants.extend(
                    gen.into_iter()
                        .filter(|(_, c)| *c != Pos::Noun || noun)
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
        Ok(())
    }

    fn add_heads(&mut self, morph: &Morph) {
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
            for end in morph.head_endings() {
                heads
                    .entry(format!("{lower}{end}").into_boxed_str())
                    .or_insert((w, class));
            }
        }
        self.longest_head = heads.keys().map(|k| k.len()).max().unwrap_or(0);
        let (mut ends, mut starts) = (Bits::with_bits(18), Bits::with_bits(21));
        for k in heads.keys() {
            if let (Some(e), Some(s)) = (end_key(k.as_bytes()), start_key(k.as_bytes())) {
                ends.insert(e);
                starts.insert(s);
            }
        }
        self.heads = heads;
        self.head_ends = ends;
        self.head_starts = starts;
    }

    /// The information on one form exactly as written, whatever it is.
    #[inline]
    pub(crate) fn lookup(&self, form: &str) -> Option<&Info> {
        self.forms.get(form)
    }

    /// The information on one form exactly as written, if it is in the
    /// lexicon, a modifier or a verb form.
    #[inline]
    pub(crate) fn get(&self, form: &str) -> Option<&Info> {
        self.forms.get(form).filter(|i| i.lexical())
    }

    /// The head of a compound noun that is a polarity noun
    /// ("Zugausfall" → "Ausfall", "Verkehrschaos" → "Chaos"): the longest
    /// listed noun lemma of at least five letters, after at least three, or
    /// such a lemma with a plural ending ("Zugausfälle" aside: no umlauts).
    /// Lower-case words are not split: prefixed verbs and adjectives change
    /// their sense ("angekündigt" is not "gekündigt").
    #[inline]
    pub(crate) fn compound_head(&self, word: &str, buf: &mut String) -> Option<(f32, WordClass)> {
        // Every tail ends as the word does.
        if word.len() < 8
            || !word.starts_with(char::is_uppercase)
            || !end_key(word.as_bytes()).is_some_and(|k| self.head_ends.contains(k))
            || word.contains('-')
        {
            return None;
        }
        self.compound_tail(word, buf)
    }

    /// [`Index::compound_head`] past its quick checks.
    fn compound_tail(&self, word: &str, buf: &mut String) -> Option<(f32, WordClass)> {
        // Char starts by their bytes: cheaper than decoding the chars.
        let bytes = word.as_bytes();
        let start = |b: u8| b & 0xC0 != 0x80;
        let total = bytes.iter().filter(|&&b| start(b)).count();
        // The tail from the fourth letter on, at least five letters long.
        let mut n = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !start(b) {
                continue;
            }
            n += 1;
            if n <= 3 {
                continue;
            }
            if total - (n - 1) < 5 {
                break;
            }
            if word.len() - i > self.longest_head
                || !start_key(&bytes[i..]).is_some_and(|k| self.head_starts.contains(k))
            {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn index(lexicon: &Lexicon) -> Index {
        let p = Profile::german();
        let morph = Morph::new(p).unwrap();
        let grammar = Grammar::new(p, &morph).unwrap();
        Index::new(lexicon, p, &morph, &grammar).unwrap()
    }

    #[test]
    fn separable_lexicon_verbs() {
        let idx = index(&Lexicon::parse("ausfallen\tV\t-0.7\n").unwrap());
        for f in ["ausgefallen", "ausfiel", "ausfällt", "auszufallen"] {
            assert!(idx.get(f).unwrap().polar.unwrap().0 < 0.0, "{f}");
        }
        for f in ["fällt", "fiel", "fielen"] {
            let s = idx.splits(idx.get(f).unwrap());
            assert!(
                s.iter().any(|s| &*s.particle == "aus" && s.weight < 0.0),
                "{f}"
            );
        }
        // The default lexicon: strong and separable verbs from the
        // polarity lexicon, not only the evaluative verbs.
        let idx = index(&Lexicon::german());
        for f in ["verlor", "betrog", "verboten", "zerfiel"] {
            assert!(idx.get(f).unwrap().polar.unwrap().0 < 0.0, "{f}");
        }
        let griff = idx.splits(idx.get("griff").unwrap());
        assert!(griff.iter().any(|s| &*s.particle == "an" && s.weight < 0.0));
    }

    #[test]
    fn default_index() {
        let lex = Lexicon::german();
        assert!(lex.len() > 7000);
        let idx = index(&lex);
        assert!(idx.len() > 50_000);
        assert!(idx.get("besorgniserregend").unwrap().polar.unwrap().0 < 0.0);
        assert!(idx.get("Unterstützung").unwrap().polar.unwrap().0 > 0.0);
        assert_eq!(idx.get("nicht").unwrap().modifier.unwrap().0, ModKind::Neg);
        assert_eq!(
            idx.get("Aber").unwrap().modifier.unwrap().0,
            ModKind::Contrast
        );
        let wirft = idx.splits(idx.get("wirft").unwrap());
        assert!(wirft.iter().any(|s| &*s.particle == "vor" && s.stance));
        // An override of our own wins over the source.
        assert!(idx.get("Entlassung").unwrap().polar.unwrap().0 < 0.0);
        let mut buf = String::new();
        assert!(idx.compound_head("Zugausfall", &mut buf).unwrap().0 < 0.0);
        assert!(idx.compound_head("Bahnhof", &mut buf).is_none());
        assert!(idx.compound_head("Passagiere", &mut buf).is_none());
        assert!(idx.compound_head("angekündigt", &mut buf).is_none());
        // Function words of the rules are flagged, as written; one that is
        // nothing else is no lexicon entry.
        use crate::grammar::{OPENER, PASSIVE};
        assert!(idx.lookup("Dass").unwrap().flags & OPENER != 0);
        assert!(idx.lookup("wurde").unwrap().flags & PASSIVE != 0);
        assert!(idx.get("wurde").is_none());
    }
}
