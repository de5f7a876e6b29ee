//! The language data of the quote rules, read from a [`Profile`]: cue verbs
//! with their inflected forms, cue words, subjunctive forms, function words,
//! the words and endings single rules test, office nouns and pronouns —
//! indexed by lower-case word, so that a token needs one lookup.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use wortlaut_text::data::Row;
use wortlaut_text::{List, Profile, ProfileError};

use crate::inflect::WeakVerbs;
use crate::keys::{ascii_lower_key, prefilter_slot, short_key, KeyHasher, WordMap};
use crate::Medium;

/// A verb of saying from the list `quotes/cue-verbs`.
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
    /// Its object is the person addressed: "forderte die SPD auf", "warf
    /// der Regierung vor"; in the passive, the subject ("Israel wurde
    /// aufgefordert").
    pub(crate) addressee: bool,
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
    /// Bits of [`role`]: what single rules test the word for.
    pub(crate) roles: u32,
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

/// The facts of an [`Entry`] the rules test again and again, small enough
/// to copy per token (all zero for a word the lexicon does not know).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Info {
    pub(crate) roles: u32,
    pub(crate) class: u8,
    pub(crate) subjunctive: u8,
    pub(crate) particle: bool,
    pub(crate) cue: Option<(WordCue, Medium)>,
}

/// Appends `word` lower-cased character by character (as
/// [`char::to_lowercase`]), ASCII characters without the Unicode tables.
#[inline]
pub(crate) fn push_lower(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Word endings of the list `quotes/endings`, by kind.
#[derive(Debug, Default)]
pub(crate) struct Endings {
    pub(crate) adverb: Vec<String>,
    pub(crate) adjective: Vec<String>,
    pub(crate) institution: Vec<String>,
    pub(crate) abstract_noun: Vec<String>,
}

/// Whether `word` ends with one of `endings`.
pub(crate) fn ends_with_any(word: &str, endings: &[String]) -> bool {
    endings.iter().any(|e| word.ends_with(e.as_str()))
}

/// Entity kinds a pronoun can refer to (list `quotes/pronouns`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PronounRefers {
    pub(crate) person: bool,
    pub(crate) organization: bool,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) verbs: Vec<Verb>,
    /// Everything known about a lower-case word, filled from all lists
    /// (while building; then moved to `store`).
    entries: WordMap<Entry>,
    /// The entries, their [`Info`] and their words, by id.
    store: Vec<Entry>,
    infos: Vec<Info>,
    words: Vec<String>,
    /// Ids of words of at most 15 bytes, keyed by the word's bytes and
    /// length in one integer (no string to compare on a lookup), and of the
    /// longer words.
    short: HashMap<u128, u32, BuildHasherDefault<KeyHasher>>,
    long: WordMap<u32>,
    noun_suffixes: Vec<String>,
    pub(crate) endings: Endings,
    /// Speaker pronouns as written (case matters), with what they refer to.
    pronouns: Vec<(String, PronounRefers)>,
    /// For each first byte of an entry, the lengths of such entries (bit
    /// `min(len, 31)`), and the same for the last byte: many tokens are
    /// ruled out without hashing.
    prefilter: [u32; 256],
    prefilter_last: [u32; 256],
}

/// Word classes of the list `quotes/function-words`, as bit flags.
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

const CLASSES: &[(&str, u8)] = &[
    ("det", class::DET),
    ("prep", class::PREP),
    ("sub", class::SUB),
    ("conj", class::CONJ),
    ("aux", class::AUX),
    ("adv", class::ADV),
    ("pron", class::PRON),
    ("obl", class::OBL),
];

/// Roles of the list `quotes/word-roles`, as bit flags (see the list's
/// header for what each means).
pub(crate) mod role {
    pub(crate) const REFLEXIVE: u32 = 1;
    pub(crate) const EXPLETIVE: u32 = 1 << 1;
    pub(crate) const IMPERSONAL_VERB: u32 = 1 << 2;
    pub(crate) const APPOSITION_ARTICLE: u32 = 1 << 3;
    pub(crate) const ADDRESSEE_PREP: u32 = 1 << 4;
    pub(crate) const DATIVE_ARTICLE: u32 = 1 << 5;
    pub(crate) const DATIVE_IF_SUBJECT: u32 = 1 << 6;
    pub(crate) const NP_COORDINATOR: u32 = 1 << 7;
    pub(crate) const RELATIVE: u32 = 1 << 8;
    pub(crate) const LIST_INTRO: u32 = 1 << 9;
    pub(crate) const NON_REFERENTIAL: u32 = 1 << 10;
    pub(crate) const INDEFINITE: u32 = 1 << 11;
    pub(crate) const GENITIVE_ARTICLE: u32 = 1 << 12;
    pub(crate) const NAME_PREP: u32 = 1 << 13;
    pub(crate) const ANAPHOR: u32 = 1 << 14;
    pub(crate) const AS_FRAME: u32 = 1 << 15;
    pub(crate) const CONTRAST_SUB: u32 = 1 << 16;
    pub(crate) const INFINITIVE_MARKER: u32 = 1 << 17;
    pub(crate) const THIRD_PERSON: u32 = 1 << 18;
    pub(crate) const REPORTATIVE: u32 = 1 << 19;
    pub(crate) const PERFECT_INFINITIVE: u32 = 1 << 20;
    pub(crate) const NAME_PARTICLE: u32 = 1 << 21;
    pub(crate) const NP_PREP: u32 = 1 << 22;
    pub(crate) const POSSESSIVE_RELATIVE: u32 = 1 << 23;
    pub(crate) const CORRELATE: u32 = 1 << 24;
    pub(crate) const PASSIVE_AUX: u32 = 1 << 25;
    pub(crate) const AUDIENCE_PREP: u32 = 1 << 26;
}

const ROLES: &[(&str, u32)] = &[
    ("reflexive", role::REFLEXIVE),
    ("expletive", role::EXPLETIVE),
    ("impersonal-verb", role::IMPERSONAL_VERB),
    ("apposition-determiner", role::APPOSITION_ARTICLE),
    ("addressee-prep", role::ADDRESSEE_PREP),
    ("dative-determiner", role::DATIVE_ARTICLE),
    ("dative-if-subject", role::DATIVE_IF_SUBJECT),
    ("np-coordinator", role::NP_COORDINATOR),
    ("relative", role::RELATIVE),
    ("list-intro", role::LIST_INTRO),
    ("non-referential", role::NON_REFERENTIAL),
    ("indefinite", role::INDEFINITE),
    ("genitive-determiner", role::GENITIVE_ARTICLE),
    ("name-prep", role::NAME_PREP),
    ("anaphor", role::ANAPHOR),
    ("as-frame", role::AS_FRAME),
    ("contrast-sub", role::CONTRAST_SUB),
    ("infinitive-marker", role::INFINITIVE_MARKER),
    ("third-person", role::THIRD_PERSON),
    ("reportative", role::REPORTATIVE),
    ("perfect-infinitive", role::PERFECT_INFINITIVE),
    ("name-particle", role::NAME_PARTICLE),
    ("np-prep", role::NP_PREP),
    ("possessive-relative", role::POSSESSIVE_RELATIVE),
    ("correlate", role::CORRELATE),
    ("passive-auxiliary", role::PASSIVE_AUX),
    ("audience-prep", role::AUDIENCE_PREP),
];

/// The value of `names` that `field` names, or an error listing them.
fn lookup<T: Copy>(
    list: &List<'_>,
    row: &Row<'_>,
    field: &str,
    what: &str,
    names: &[(&str, T)],
) -> Result<T, ProfileError> {
    names
        .iter()
        .find(|(n, _)| *n == field)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let known: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            list.error(
                row,
                format!("unknown {what} `{field}`: use one of {}", known.join(", ")),
            )
        })
}

fn medium(list: &List<'_>, row: &Row<'_>, field: &str) -> Result<Medium, ProfileError> {
    Medium::from_code(field).ok_or_else(|| {
        list.error(
            row,
            format!("unknown medium `{field}`: use S, T, W, ST, SW or TW"),
        )
    })
}

impl Lexicon {
    /// Reads the quote lists of `profile`; the error names the list and
    /// line that is wrong.
    pub(crate) fn new(profile: &Profile) -> Result<Lexicon, ProfileError> {
        let mut lx = Lexicon {
            verbs: Vec::new(),
            entries: WordMap::default(),
            store: Vec::new(),
            infos: Vec::new(),
            words: Vec::new(),
            short: HashMap::default(),
            long: WordMap::default(),
            noun_suffixes: Vec::new(),
            endings: Endings::default(),
            pronouns: Vec::new(),
            prefilter: [0; 256],
            prefilter_last: [0; 256],
        };
        let list = profile.list("quotes/function-words")?;
        for row in list.rows() {
            let bit = lookup(&list, &row, list.field(&row, 1, "class")?, "class", CLASSES)?;
            lx.entries.entry(row.key().to_string()).or_default().class |= bit;
        }
        let list = profile.list("quotes/word-roles")?;
        for row in list.rows() {
            let bit = lookup(&list, &row, list.field(&row, 1, "role")?, "role", ROLES)?;
            lx.entries.entry(row.key().to_string()).or_default().roles |= bit;
        }
        let weak = WeakVerbs::new(&profile.list("quotes/weak-verbs")?)?;
        let list = profile.list("quotes/cue-verbs")?;
        for row in list.rows() {
            lx.add_verb(&list, &row, &weak)?;
        }
        let kinds = [
            ("before", WordCue::Before),
            ("after", WordCue::After),
            ("so", WordCue::So),
            ("statement-prep", WordCue::Nach),
            ("noun", WordCue::Noun),
            ("adverb", WordCue::Adverb),
            ("addressee", WordCue::Addressee),
        ];
        let list = profile.list("quotes/cue-words")?;
        for row in list.rows() {
            let word = row.key();
            let kind = lookup(&list, &row, list.field(&row, 1, "kind")?, "kind", &kinds)?;
            let medium = medium(&list, &row, list.field(&row, 2, "medium")?)?;
            let lower = word.to_lowercase();
            if kind == WordCue::Noun && word.chars().count() >= 5 {
                lx.noun_suffixes.push(lower.clone());
            }
            lx.entries.entry(lower).or_default().cue = Some((kind, medium));
        }
        let list = profile.list("quotes/subjunctive")?;
        for row in list.rows() {
            let levels = [("k1", 2), ("k2", 1)];
            let level = lookup(
                &list,
                &row,
                list.field(&row, 1, "k1 or k2")?,
                "mood",
                &levels,
            )?;
            let e = lx.entries.entry(row.key().to_string()).or_default();
            e.subjunctive = e.subjunctive.max(level);
        }
        for w in profile.list("quotes/foreign-words")?.words() {
            lx.entries.entry(w.to_string()).or_default().foreign = true;
        }
        let list = profile.list("quotes/roles")?;
        for row in list.rows() {
            let level = match row.get(1) {
                None => 1,
                Some(f) => lookup(&list, &row, f, "second column", &[("org", 2)])?,
            };
            lx.entries.entry(row.key().to_lowercase()).or_default().role = level;
        }
        let list = profile.list("quotes/endings")?;
        for row in list.rows() {
            let kinds = [
                ("adverb", 0),
                ("adjective", 1),
                ("institution", 2),
                ("abstract", 3),
            ];
            let e = &mut lx.endings;
            let v = match lookup(&list, &row, list.field(&row, 1, "kind")?, "kind", &kinds)? {
                0 => &mut e.adverb,
                1 => &mut e.adjective,
                2 => &mut e.institution,
                _ => &mut e.abstract_noun,
            };
            v.push(row.key().to_string());
        }
        let list = profile.list("quotes/pronouns")?;
        for row in list.rows() {
            let refers = list.field(&row, 1, "what it refers to")?;
            if refers.is_empty() || !refers.chars().all(|c| c == 'p' || c == 'o') {
                return Err(list.error(
                    &row,
                    format!("`{refers}` is not p (person), o (organisation) or po"),
                ));
            }
            let r = PronounRefers {
                person: refers.contains('p'),
                organization: refers.contains('o'),
            };
            lx.pronouns.push((row.key().to_string(), r));
        }
        for word in lx.entries.keys() {
            let (first, last, bit) = prefilter_slot(word);
            lx.prefilter[first] |= bit;
            lx.prefilter_last[last] |= bit;
        }
        for (word, entry) in std::mem::take(&mut lx.entries) {
            let id = lx.store.len() as u32;
            match short_key(&word) {
                Some(k) => {
                    lx.short.insert(k, id);
                }
                None => {
                    lx.long.insert(word.clone(), id);
                }
            }
            lx.infos.push(Info {
                roles: entry.roles,
                class: entry.class,
                subjunctive: entry.subjunctive,
                particle: entry.particle,
                cue: entry.cue,
            });
            lx.store.push(entry);
            lx.words.push(word);
        }
        Ok(lx)
    }

    /// Whether a lower-case compound ends with a statement noun of five
    /// letters or more ("behördenangaben", "expertenmeinung").
    pub(crate) fn noun_suffix(&self, lower: &str) -> bool {
        self.noun_suffixes
            .iter()
            .any(|n| lower.len() > n.len() && lower.ends_with(n.as_str()))
    }

    /// What the lexicon knows about a lower-case word.
    #[cfg(test)]
    pub(crate) fn entry(&self, lower: &str) -> Option<&Entry> {
        self.id(lower).map(|id| self.entry_at(id))
    }

    /// The id of a lower-case word, for [`Lexicon::entry_at`] and
    /// [`Lexicon::info_at`].
    #[inline]
    pub(crate) fn id(&self, lower: &str) -> Option<usize> {
        let (first, last, bit) = prefilter_slot(lower);
        if self.prefilter[first] & bit == 0 || self.prefilter_last[last] & bit == 0 {
            return None;
        }
        let id = match short_key(lower) {
            Some(k) => self.short.get(&k),
            None => self.long.get(lower),
        }?;
        Some(*id as usize)
    }

    /// The id of a token as written: the id of its lower-case form
    /// (character by character, as [`char::to_lowercase`]), found without
    /// building that form for ASCII tokens of up to 15 bytes (their key is
    /// lower-cased as a whole). `buf` is scratch space.
    #[inline]
    pub(crate) fn id_of_token(&self, token: &str, buf: &mut String) -> Option<usize> {
        if !token.is_ascii() {
            buf.clear();
            push_lower(token, buf);
            return self.id(buf);
        }
        let b = token.as_bytes();
        let first = b
            .first()
            .map_or(0, |&c| usize::from(c.to_ascii_lowercase()));
        let last = b.last().map_or(0, |&c| usize::from(c.to_ascii_lowercase()));
        let bit = 1u32 << b.len().min(31);
        if self.prefilter[first] & bit == 0 || self.prefilter_last[last] & bit == 0 {
            return None;
        }
        let id = match short_key(token) {
            Some(k) => self.short.get(&ascii_lower_key(k)),
            None => {
                buf.clear();
                buf.push_str(token);
                buf.make_ascii_lowercase();
                self.long.get(buf.as_str())
            }
        }?;
        Some(*id as usize)
    }

    /// Whether the lower-case word `lower` has one of the word roles
    /// `roles` (of the list `quotes/word-roles`).
    pub(crate) fn word_has_role(&self, lower: &str, roles: u32) -> bool {
        self.id(lower)
            .is_some_and(|id| self.infos[id].roles & roles != 0)
    }

    /// The entry of an id from [`Lexicon::id`].
    pub(crate) fn entry_at(&self, id: usize) -> &Entry {
        &self.store[id]
    }

    /// The small facts of an id from [`Lexicon::id`].
    pub(crate) fn info_at(&self, id: usize) -> Info {
        self.infos[id]
    }

    /// Every word the lexicon knows, with its entry.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.words.iter().zip(&self.store)
    }

    /// What a speaker pronoun, as written, can refer to.
    pub(crate) fn pronoun(&self, word: &str) -> Option<PronounRefers> {
        self.pronouns
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, r)| *r)
    }

    fn add_verb(
        &mut self,
        list: &List<'_>,
        row: &Row<'_>,
        weak: &WeakVerbs,
    ) -> Result<(), ProfileError> {
        let f: Vec<&str> = row.fields().collect();
        if f.len() != 3 && f.len() != 7 {
            return Err(list.error(
                row,
                format!(
                    "{} columns: write infinitive, medium and use, and for a strong \
                     verb its four principal parts (7 columns)",
                    f.len()
                ),
            ));
        }
        let (particle, base) = match f[0].split_once('|') {
            Some((p, b)) => (Some(p.to_string()), b),
            None => (None, f[0]),
        };
        let (uses, object_prep) = match f[2].split_once('=') {
            Some((u, p)) => (u, Some(p.to_string())),
            None => (f[2], None),
        };
        if uses.is_empty() || !uses.chars().all(|c| matches!(c, 'c' | 'o' | 'p' | 'a')) {
            return Err(list.error(
                row,
                format!(
                    "use `{}`: write c, o, co or p, then a if the object is the addressee \
                     (optionally =preposition)",
                    f[2]
                ),
            ));
        }
        let id = self.verbs.len();
        self.verbs.push(Verb {
            medium: medium(list, row, f[1])?,
            clause: uses.contains('c'),
            object: uses.contains('o'),
            particle: particle.clone(),
            object_prep,
            addressee: uses.contains('a'),
        });
        let (finite, participle): (Vec<String>, String) = if f.len() == 7 {
            (
                vec![f[3].to_string(), base.to_string(), f[4].into(), f[5].into()],
                f[6].to_string(),
            )
        } else {
            weak.forms(base)
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
                weak.zu_infinitive(p, base),
                FormOf {
                    verb: id,
                    form: VerbForm::Final,
                    split: false,
                },
            );
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn german() -> Lexicon {
        Lexicon::new(Profile::german()).unwrap()
    }

    #[test]
    fn separable_verbs_have_split_and_joined_forms() {
        let lx = german();
        let forms = |w: &str| lx.entry(w).map_or(Vec::new(), |e| e.forms.clone());
        let teilte = forms("teilte");
        assert!(teilte.iter().any(|f| f.split && f.form == VerbForm::Finite));
        assert!(forms("mitgeteilt")
            .iter()
            .any(|f| f.form == VerbForm::Participle));
        assert!(forms("mitteilte").iter().any(|f| !f.split));
        assert!(forms("mitzuteilen")
            .iter()
            .any(|f| f.form == VerbForm::Final));
        assert!(forms("sprach").iter().any(|f| !f.split));
        assert!(lx.entry("hinzu").is_some_and(|e| e.particle));
        assert!(lx.entry("sei").is_some_and(|e| e.subjunctive == 2));
        assert!(lx.entry("würde").is_some_and(|e| e.subjunctive == 1));
        assert!(lx.entry("angaben").is_some_and(|e| e.cue.is_some()));
        assert!(lx
            .entry("gegenüber")
            .is_some_and(|e| e.roles & role::ADDRESSEE_PREP != 0));
        assert_eq!(
            lx.pronoun("Sie"),
            Some(PronounRefers {
                person: true,
                organization: true
            })
        );
        assert_eq!(lx.pronoun("es"), None);
    }

    /// The impersonal-verb role names exactly the finite third-person forms
    /// of "heißen" as a cue verb taking a clause ("heißt es", "hieß es",
    /// "hießen es"), and no particle starts like them.
    #[test]
    fn impersonal_verbs_are_the_finite_forms_of_heissen() {
        let lx = german();
        let mut listed: Vec<&str> = lx
            .iter()
            .filter(|(_, e)| e.roles & role::IMPERSONAL_VERB != 0)
            .map(|(w, _)| w.as_str())
            .collect();
        listed.sort_unstable();
        let mut finite: Vec<&str> = lx
            .iter()
            .filter(|(w, e)| {
                (w.starts_with("hie") || w.as_str() == "heißt")
                    && e.forms
                        .iter()
                        .any(|f| f.form == VerbForm::Finite && lx.verbs[f.verb].clause)
            })
            .map(|(w, _)| w.as_str())
            .collect();
        finite.sort_unstable();
        assert_eq!(listed, finite);
        assert_eq!(listed, ["heißt", "hieß", "hießen"]);
        assert!(!lx.iter().any(|(w, e)| e.particle && w.starts_with("hie")));
    }

    #[test]
    fn bad_lines_are_errors_with_list_and_line() {
        let de = Profile::german();
        let mut lists: Vec<(&str, String)> = de
            .names()
            .map(|n| (n, de.list(n).unwrap().text().to_string()))
            .collect();
        for (name, text) in &mut lists {
            if *name == "quotes/cue-words" {
                text.push_str("Bekundung\tnoun\tXY\n");
            }
        }
        let line = lists
            .iter()
            .find(|(n, _)| *n == "quotes/cue-words")
            .map(|(_, t)| t.lines().count())
            .unwrap();
        let p = Profile::from_lists("de", lists.iter().map(|(n, t)| (*n, t.as_str())));
        let e = Lexicon::new(&p).unwrap_err().to_string();
        assert_eq!(
            e,
            format!(
                "de list `quotes/cue-words`, line {line}: unknown medium `XY`: use S, T, W, ST, SW or TW"
            )
        );
        let p = Profile::from_lists("de", [("quotes/function-words", "der\tdet\n")]);
        let e = Lexicon::new(&p).unwrap_err().to_string();
        assert!(e.contains("no list `quotes/word-roles`"), "{e}");
        let p = Profile::from_lists("de", [("quotes/function-words", "der\tartikel\n")]);
        let e = Lexicon::new(&p).unwrap_err().to_string();
        assert!(
            e.contains("line 1: unknown class `artikel`: use one of det,"),
            "{e}"
        );
    }
}
