//! Inflection by rule: the forms of noun, adjective and verb lemmas.
//!
//! One module for every stage that needs the inflected forms of a lemma
//! (a polarity lexicon lists "kritisieren", a text has "kritisierte"). The
//! endings, prefixes, particles and strong verbs are lists of the profile
//! (`morph/nouns`, `morph/adjectives`, `morph/verbs`,
//! `morph/separable-particles`, `morph/inseparable-prefixes`,
//! `morph/strong-verbs`); the rules that combine them are code.
//!
//! ```
//! use wortlaut_text::morph::{Morph, Pos};
//! use wortlaut_text::Profile;
//!
//! let morph = Morph::new(Profile::german()).unwrap();
//! let mut forms = Vec::new();
//! morph.verb_forms("kritisieren", &mut forms);
//! assert!(forms.contains(&("kritisierte".to_string(), Pos::Verb)));
//! assert!(forms.contains(&("Kritisierung".to_string(), Pos::Noun)));
//! forms.clear();
//! morph.strong_forms("verlieren", &mut forms);
//! assert!(forms.iter().any(|(f, _)| f == "verlor"));
//! ```
//!
//! Forms are generated, not analysed: a few are not German words ("ändle"
//! of "ändern"); stages look forms up, so a wrong form costs memory, not
//! results. Generation is linear in the number of lemmas.

use std::collections::HashMap;

use crate::data::Row;
use crate::{List, Profile, ProfileError};

/// What an inflected form is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pos {
    /// A noun (or a nominalisation of a verb).
    Noun,
    /// An adjective (or an adjectival participle).
    Adjective,
    /// A finite or non-finite verb form.
    Verb,
}

/// An ending and the lemma endings it is restricted to (none: all).
#[derive(Clone, Debug, Default)]
struct Ending {
    text: String,
    after: Vec<String>,
}

impl Ending {
    fn applies(&self, lemma: &str) -> bool {
        self.after.is_empty() || self.after.iter().any(|a| lemma.ends_with(a.as_str()))
    }
}

/// A finite ending with the linking vowel it takes after a dental stem.
#[derive(Clone, Debug)]
struct Finite {
    text: String,
    link: bool,
}

/// The principal parts of a strong or irregular verb.
#[derive(Clone, Debug)]
struct Strong {
    /// Present 2nd and 3rd person singular with a changed stem.
    present: Vec<String>,
    /// Past, 1st and 3rd person singular.
    past: String,
    /// Past participle.
    participle: String,
}

/// A verb lemma taken apart: separable particle, inseparable prefix, the
/// rest after the particle, and the strong verb it ends in, if any
/// ("anerkennen" = an + er + kennen).
struct VerbParts<'s, 'l> {
    particle: Option<&'s str>,
    prefix: &'s str,
    rest: &'l str,
    strong: Option<&'s Strong>,
}

/// The inflection rules of one language, built from its profile.
///
/// Building reads the six `morph/*` lists once; the value is `Send + Sync`
/// and cheap to share by reference.
#[derive(Clone, Debug, Default)]
pub struct Morph {
    noun: Vec<Ending>,
    head: Vec<String>,
    adjective: Vec<String>,
    final_vowel: Vec<String>,
    contracted: Vec<String>,
    comparative: Vec<String>,
    superlative: Vec<Ending>,
    infinitive: Vec<(String, String)>,
    present: Vec<Finite>,
    past: Vec<Finite>,
    link: String,
    dental: Vec<String>,
    dental_cluster: Vec<String>,
    contracted_verb: Vec<Ending>,
    participle_prefix: String,
    participle: Option<Finite>,
    no_prefix: Vec<String>,
    infinitive_marker: String,
    present_participle: String,
    nominalisation: Vec<String>,
    past_plural: String,
    particles: Vec<String>,
    closing: Vec<String>,
    inseparable: Vec<String>,
    strong: HashMap<String, Strong>,
}

/// `-` stands for the empty ending.
fn ending(s: &str) -> String {
    if s == "-" {
        String::new()
    } else {
        s.to_string()
    }
}

fn alternatives(s: Option<&str>) -> Vec<String> {
    s.map(|s| s.split('|').map(str::to_string).collect())
        .unwrap_or_default()
}

fn role<'r>(list: &List<'_>, row: &Row<'r>) -> Result<&'r str, ProfileError> {
    list.field(row, 1, "role")
}

fn unknown(list: &List<'_>, row: &Row<'_>, role: &str, known: &str) -> ProfileError {
    list.error(
        row,
        format!("unknown role `{role}`; the roles of this list are {known}"),
    )
}

impl Morph {
    /// The rules of `profile`, from its `morph/*` lists.
    pub fn new(profile: &Profile) -> Result<Morph, ProfileError> {
        let mut m = Morph::default();
        let list = profile.list("morph/nouns")?;
        for row in list.rows() {
            let e = Ending {
                text: ending(row.key()),
                after: alternatives(row.get(2)),
            };
            match role(&list, &row)? {
                "inflection" => m.noun.push(e),
                "head" => m.head.push(e.text),
                r => return Err(unknown(&list, &row, r, "inflection, head")),
            }
        }
        let list = profile.list("morph/adjectives")?;
        for row in list.rows() {
            let e = ending(row.key());
            match role(&list, &row)? {
                "inflection" => m.adjective.push(e),
                "final" => m.final_vowel.push(e),
                "contracted" => m.contracted.push(e),
                "comparative" => m.comparative.push(e),
                "superlative" => m.superlative.push(Ending {
                    text: e,
                    after: alternatives(row.get(2)),
                }),
                r => {
                    return Err(unknown(
                        &list,
                        &row,
                        r,
                        "inflection, final, contracted, comparative, superlative",
                    ))
                }
            }
        }
        let list = profile.list("morph/verbs")?;
        for row in list.rows() {
            let e = ending(row.key());
            let arg = row.get(2);
            let finite = |link: Option<&str>, m: &mut Morph| {
                if let Some(l) = link {
                    m.link = l.to_string();
                }
                Finite {
                    text: e.clone(),
                    link: link.is_some(),
                }
            };
            match role(&list, &row)? {
                "infinitive" => m.infinitive.push((e.clone(), ending(arg.unwrap_or("-")))),
                "present" => {
                    let f = finite(arg, &mut m);
                    m.present.push(f);
                }
                "past" => {
                    let f = finite(arg, &mut m);
                    m.past.push(f);
                }
                "dental" => m.dental.push(e),
                "dental-cluster" => m.dental_cluster.push(e),
                "contracted" => m.contracted_verb.push(Ending {
                    text: e,
                    after: alternatives(arg),
                }),
                "participle-prefix" => m.participle_prefix = e,
                "participle" => m.participle = Some(finite(arg, &mut m)),
                "no-participle-prefix" => m.no_prefix.push(e),
                "infinitive-marker" => m.infinitive_marker = e,
                "present-participle" => m.present_participle = e,
                "nominalisation" => m.nominalisation.push(e),
                "past-plural" => m.past_plural = e,
                r => {
                    return Err(unknown(
                        &list,
                        &row,
                        r,
                        "infinitive, present, past, dental, dental-cluster, contracted, \
                         participle-prefix, participle, no-participle-prefix, \
                         infinitive-marker, present-participle, nominalisation, past-plural",
                    ))
                }
            }
        }
        let list = profile.list("morph/separable-particles")?;
        for row in list.rows() {
            match row.get(1) {
                None => m.particles.push(row.key().to_string()),
                Some("closing-only") => {}
                Some(r) => return Err(unknown(&list, &row, r, "closing-only (or none)")),
            }
            m.closing.push(row.key().to_string());
        }
        m.closing.sort();
        m.inseparable = profile
            .list("morph/inseparable-prefixes")?
            .words()
            .map(str::to_string)
            .collect();
        let list = profile.list("morph/strong-verbs")?;
        for row in list.rows() {
            let present = list.field(&row, 1, "present forms or -")?;
            let past = list.field(&row, 2, "past")?;
            let participle = list.field(&row, 3, "participle")?;
            m.strong.insert(
                row.key().to_string(),
                Strong {
                    present: if present == "-" {
                        Vec::new()
                    } else {
                        alternatives(Some(present))
                    },
                    past: past.to_string(),
                    participle: participle.to_string(),
                },
            );
        }
        Ok(m)
    }

    /// The endings a compound's head may carry, looked up as it is written
    /// in lower case ("" first).
    pub fn head_endings(&self) -> impl Iterator<Item = &str> {
        self.head.iter().map(String::as_str)
    }

    /// Inflected forms of a noun lemma (not the lemma itself).
    pub fn noun_forms(&self, lemma: &str, out: &mut Vec<(String, Pos)>) {
        for e in self.noun.iter().filter(|e| e.applies(lemma)) {
            out.push((format!("{lemma}{}", e.text), Pos::Noun));
        }
    }

    /// Inflected, comparative and superlative forms of an adjective lemma
    /// (regular forms only; the bare lemma is the first).
    pub fn adjective_forms(&self, lemma: &str, out: &mut Vec<(String, Pos)>) {
        let a = Pos::Adjective;
        let inflected = || self.adjective.iter().filter(|e| !e.is_empty());
        let stripped = self
            .final_vowel
            .iter()
            .find_map(|v| lemma.strip_suffix(v.as_str()).filter(|b| !b.is_empty()));
        let base = stripped.unwrap_or(lemma);
        match stripped {
            Some(b) => inflected().for_each(|e| out.push((format!("{b}{e}"), a))),
            None => self
                .adjective
                .iter()
                .for_each(|e| out.push((format!("{lemma}{e}"), a))),
        }
        // Contracted stems: "dunkel" → "dunkle", "teuer" → "teure".
        if let Some(s) = self
            .contracted
            .iter()
            .find_map(|c| lemma.strip_suffix(c.as_str()))
        {
            if s.chars().count() >= 3 {
                let l = lemma.chars().last().map(String::from).unwrap_or_default();
                for e in inflected() {
                    out.push((format!("{s}{l}{e}"), a));
                }
            }
        }
        let superlative = self
            .superlative
            .iter()
            .find(|s| !s.after.is_empty() && s.after.iter().any(|x| lemma.ends_with(x.as_str())))
            .or_else(|| self.superlative.iter().find(|s| s.after.is_empty()));
        for c in &self.comparative {
            for e in &self.adjective {
                out.push((format!("{base}{c}{e}"), a));
                if let Some(sup) = superlative.filter(|_| !e.is_empty()) {
                    out.push((format!("{base}{}{e}", sup.text), a));
                }
            }
        }
    }

    /// The stem of an infinitive ("kritisieren" → "kritisier", "handeln"
    /// → "handel"), and whether the whole infinitive ending was cut.
    fn stem_of<'a>(&self, inf: &'a str) -> Option<(&'a str, bool)> {
        for (end, keep) in &self.infinitive {
            if let Some(s) = inf.strip_suffix(end.as_str()) {
                if keep.is_empty() {
                    return (s.chars().count() >= 2).then_some((s, true));
                }
                return Some((&inf[..s.len() + keep.len()], false));
            }
        }
        None
    }

    /// The stem of an infinitive ("kritisieren" → "kritisier", "handeln"
    /// → "handel"), or `None` if it is not one.
    pub fn verb_stem<'a>(&self, inf: &'a str) -> Option<&'a str> {
        self.stem_of(inf).map(|(s, _)| s)
    }

    fn ends_any(word: &str, endings: &[String]) -> bool {
        endings.iter().any(|e| word.ends_with(e.as_str()))
    }

    /// The separable particle a lemma starts with, if the lemma is long
    /// enough for one (`verb`: and if the rest is still an infinitive).
    fn particle_of(&self, lemma: &str, verb: bool) -> Option<&str> {
        self.particles
            .iter()
            .find(|p| {
                lemma.starts_with(p.as_str())
                    && lemma.len() > p.len() + 4
                    && (!verb || self.verb_stem(&lemma[p.len()..]).is_some())
            })
            .map(String::as_str)
    }

    /// Every particle that may close a clause after a finite verb (see
    /// [`Morph::is_closing_particle`]), sorted.
    pub fn closing_particles(&self) -> impl Iterator<Item = &str> {
        self.closing.iter().map(String::as_str)
    }

    /// The marker of an infinitive after a separable particle ("zu" of
    /// "abzubauen"), if the language has one.
    pub fn infinitive_marker(&self) -> Option<&str> {
        Some(self.infinitive_marker.as_str()).filter(|m| !m.is_empty())
    }

    /// Whether `word`, closing a clause after a finite verb, makes it a
    /// separable verb ("kündigte … an" is "ankündigen"): the particles and
    /// those marked closing-only.
    pub fn is_closing_particle(&self, word: &str) -> bool {
        self.closing
            .binary_search_by(|p| p.as_str().cmp(word))
            .is_ok()
    }

    /// The weak forms of a verb lemma (not the lemma itself): finite forms,
    /// the infinitive with its marker ("abzubauen"), the participle and its
    /// adjective forms, the adjective forms of the present participle, and
    /// the nominalisations ("Unterstützung"). Returns `false` (and adds
    /// nothing) if `lemma` is not an infinitive.
    pub fn verb_forms(&self, lemma: &str, out: &mut Vec<(String, Pos)>) -> bool {
        let Some((stem, full)) = self.stem_of(lemma) else {
            return false;
        };
        let v = Pos::Verb;
        // A linking vowel before the ending: "wartete", "rechnete", "öffnete".
        let dental =
            Self::ends_any(stem, &self.dental) || Self::ends_any(stem, &self.dental_cluster);
        let e = if dental { self.link.as_str() } else { "" };
        for f in self.present.iter().chain(&self.past) {
            let sep = if f.link { e } else { "" };
            out.push((format!("{stem}{sep}{}", f.text), v));
        }
        for c in &self.contracted_verb {
            if let Some(s) = c.after.iter().find_map(|a| stem.strip_suffix(a.as_str())) {
                // "handeln": ich handle
                let cut = &stem[..s.len()];
                out.push((format!("{cut}{}", c.text), v));
            }
        }
        // Participles: "kritisiert", "gelobt", "abgebaut"; inseparable
        // and -ieren verbs take no prefix.
        let (t, te) = match &self.participle {
            Some(p) => (p.text.as_str(), if p.link { e } else { "" }),
            None => ("", ""),
        };
        let ge = self.participle_prefix.as_str();
        let participle = if Self::ends_any(lemma, &self.no_prefix)
            || self
                .inseparable
                .iter()
                .any(|p| lemma.starts_with(p.as_str()))
        {
            format!("{stem}{te}{t}")
        } else if let Some(p) = self.particle_of(lemma, false) {
            let rest = &stem[p.len()..];
            let zu = &self.infinitive_marker;
            out.push((format!("{p}{zu}{}", &lemma[p.len()..]), v));
            format!("{p}{ge}{rest}{te}{t}")
        } else {
            format!("{ge}{stem}{te}{t}")
        };
        out.push((participle.clone(), v));
        self.adjective_forms(&participle, out);
        self.adjective_forms(&format!("{lemma}{}", self.present_participle), out);
        // Nominalisations: "unterstützen" → "Unterstützung(en)".
        let contracted = self
            .contracted_verb
            .iter()
            .any(|c| Self::ends_any(stem, &c.after));
        if !contracted || full {
            let noun = capitalise(stem);
            for n in &self.nominalisation {
                out.push((format!("{noun}{n}"), Pos::Noun));
            }
        }
        true
    }

    /// Takes a verb lemma apart: a separable particle (if the rest is still
    /// a verb), then the longest strong verb it ends in after an
    /// inseparable prefix ("zerbrechen" = zer + brechen).
    fn parts<'s, 'l>(&'s self, lemma: &'l str) -> VerbParts<'s, 'l> {
        let particle = self.particle_of(lemma, true);
        let rest = &lemma[particle.map_or(0, str::len)..];
        if let Some(s) = self.strong.get(rest) {
            return VerbParts {
                particle,
                prefix: "",
                rest,
                strong: Some(s),
            };
        }
        for p in &self.inseparable {
            if let Some(s) = rest
                .strip_prefix(p.as_str())
                .and_then(|b| self.strong.get(b))
            {
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

    /// Forms of a strong verb lemma that the weak rules miss, written as
    /// one word: "verlor", "zerbrach", "zerbrochen", "ausfiel",
    /// "ausgefallen", "hilft" (with the adjective forms of the participle
    /// before it). Adds nothing for weak verbs.
    pub fn strong_forms(&self, lemma: &str, out: &mut Vec<(String, Pos)>) {
        let parts = self.parts(lemma);
        let Some(strong) = parts.strong else { return };
        let sep = parts.particle.unwrap_or("");
        let mut finite = Vec::new();
        self.finite_strong(parts.prefix, strong, &mut finite);
        for f in finite {
            out.push((format!("{sep}{f}"), Pos::Verb));
        }
        let base = &parts.rest[parts.prefix.len()..];
        let participle = if parts.prefix.is_empty() {
            format!("{sep}{}", strong.participle)
        } else {
            // No prefix after an inseparable one: zer + brochen, be +
            // gangen; "gewonnen" has none to drop.
            let p = strong.participle.as_str();
            let ge = self.participle_prefix.as_str();
            let doubled = p
                .strip_prefix(ge)
                .is_some_and(|r| r.starts_with(&ge[..ge.len().min(1)]));
            let p = if !ge.is_empty() && base.starts_with(ge) && !doubled {
                p
            } else {
                p.strip_prefix(ge).unwrap_or(p)
            };
            format!("{sep}{}{p}", parts.prefix)
        };
        self.adjective_forms(&participle, out);
        out.push((participle, Pos::Verb));
    }

    /// The particle of a separable lemma and the finite forms of the verb
    /// without it, which a main clause splits from the particle: "ausfallen"
    /// → "aus", [fällt, fallen, fiel, fielen, …]; "ablehnen" → "ab", [lehnt,
    /// lehnte, …]. `None` (and nothing added) for other verbs.
    pub fn split_forms(&self, lemma: &str, out: &mut Vec<String>) -> Option<&str> {
        let parts = self.parts(lemma);
        let particle = parts.particle?;
        let stem = self.verb_stem(parts.rest)?;
        let e = if Self::ends_any(stem, &self.dental) {
            self.link.as_str()
        } else {
            ""
        };
        for f in &self.present {
            let sep = if f.link { e } else { "" };
            out.push(format!("{stem}{sep}{}", f.text));
        }
        out.push(parts.rest.to_string());
        match parts.strong {
            Some(strong) => self.finite_strong(parts.prefix, strong, out),
            None => {
                for f in &self.past {
                    let sep = if f.link { e } else { "" };
                    out.push(format!("{stem}{sep}{}", f.text));
                }
            }
        }
        Some(particle)
    }

    /// The present forms with a changed stem and the past forms of a strong
    /// verb, after `prefix`: "zer" + brechen → zerbrichst, zerbricht,
    /// zerbrach, zerbrachen; mixed verbs: brachte, brachten.
    fn finite_strong(&self, prefix: &str, strong: &Strong, out: &mut Vec<String>) {
        for f in &strong.present {
            out.push(format!("{prefix}{f}"));
        }
        // Past singular and plural; the second persons are rare in writing
        // and collide with other verbs ("ihr gelangt" of gelingen).
        let p = &strong.past;
        let pl = self.past_plural.as_str();
        let en = match pl.chars().next() {
            Some(v) if p.ends_with(v) => &pl[v.len_utf8()..],
            _ => pl,
        };
        out.push(format!("{prefix}{p}"));
        out.push(format!("{prefix}{p}{en}"));
    }
}

/// `word` with its first letter in upper case.
pub fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn german() -> Morph {
        Morph::new(Profile::german()).unwrap()
    }

    fn forms(f: impl Fn(&Morph, &mut Vec<(String, Pos)>)) -> Vec<String> {
        let mut v = Vec::new();
        f(&german(), &mut v);
        v.into_iter().map(|(f, _)| f).collect()
    }

    fn has(forms: &[String], want: &[&str]) {
        for w in want {
            assert!(forms.iter().any(|f| f == w), "{w} missing from {forms:?}");
        }
    }

    #[test]
    fn verb_forms() {
        let f = forms(|m, v| assert!(m.verb_forms("kritisieren", v)));
        has(
            &f,
            &[
                "kritisiert",
                "kritisierte",
                "kritisierten",
                "kritisierende",
                "Kritisierung",
            ],
        );
        assert!(!f.iter().any(|x| x == "gekritisiert"));
        has(
            &forms(|m, v| _ = m.verb_forms("abbauen", v)),
            &["abgebaut", "abzubauen"],
        );
        has(&forms(|m, v| _ = m.verb_forms("loben", v)), &["gelobt"]);
        has(
            &forms(|m, v| _ = m.verb_forms("warten", v)),
            &["wartete", "gewartet"],
        );
        has(
            &forms(|m, v| _ = m.verb_forms("rechnen", v)),
            &["rechnete", "gerechnet"],
        );
        has(
            &forms(|m, v| _ = m.verb_forms("handeln", v)),
            &["handle", "handelte"],
        );
        assert!(!forms(|m, v| _ = m.verb_forms("handeln", v)).contains(&"Handelung".into()));
        assert!(!german().verb_forms("gut", &mut Vec::new()));
        assert_eq!(german().verb_stem("handeln"), Some("handel"));
        assert_eq!(german().verb_stem("sen"), None);
    }

    #[test]
    fn strong_verb_forms() {
        let joined = |lemma: &str| forms(|m, v| m.strong_forms(lemma, v));
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
        let m = german();
        let mut v = Vec::new();
        assert_eq!(m.split_forms("ausfallen", &mut v), Some("aus"));
        has(&v, &["fällt", "fallen", "fiel", "fielen"]);
        v.clear();
        assert_eq!(m.split_forms("ablehnen", &mut v), Some("ab"));
        has(&v, &["lehnt", "lehnte", "lehnten"]);
        v.clear();
        assert_eq!(m.split_forms("anerkennen", &mut v), Some("an"));
        has(&v, &["erkennt", "erkannte"]);
        assert_eq!(m.split_forms("verlieren", &mut Vec::new()), None);
        assert!(m.is_closing_particle("vor") && m.is_closing_particle("rum"));
        assert!(!m.is_closing_particle("und"));
    }

    #[test]
    fn adjective_and_noun_forms() {
        let adj = |l: &str| forms(|m, v| m.adjective_forms(l, v));
        has(
            &adj("schwerwiegend"),
            &["schwerwiegender", "schwerwiegendesten"],
        );
        has(&adj("teuer"), &["teure", "teurer", "teuersten"]);
        has(&adj("leise"), &["leiser", "leiseren"]);
        has(&adj("heiß"), &["heißesten"]);
        let noun = |l: &str| forms(|m, v| m.noun_forms(l, v));
        has(&noun("Besorgnis"), &["Besorgnisse", "Besorgnissen"]);
        has(&noun("Ärztin"), &["Ärztinnen"]);
        assert!(!noun("Krise").contains(&"Krisenen".to_string()));
        assert_eq!(german().head_endings().next(), Some(""));
    }

    #[test]
    fn bad_rows_are_errors_with_lines() {
        let mut lists: Vec<(&str, &str)> = Profile::german()
            .names()
            .filter(|n| n.starts_with("morph/"))
            .map(|n| (n, Profile::german().list(n).unwrap().text()))
            .collect();
        for l in &mut lists {
            if l.0 == "morph/nouns" {
                l.1 = "# x\ns\tinflection\nen\tplural\n";
            }
        }
        let e = Morph::new(&Profile::from_lists("xx", lists.clone()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("`plural`"), "{e}");
        lists.retain(|l| l.0 != "morph/nouns");
        let e = Morph::new(&Profile::from_lists("xx", lists))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no list `morph/nouns`"), "{e}");
    }
}
