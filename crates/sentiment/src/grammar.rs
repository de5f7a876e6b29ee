//! The function words the polarity and stance rules look for, read from
//! the profile lists `sentiment/grammar` and `sentiment/stance-words`.
//!
//! Words the rules test token by token become bits of the form index
//! ([`Flags`]), so that a token is looked up once; phrases and the few
//! lists the rules test elsewhere stay lists.

use wortlaut_text::{morph::Morph, Profile};

use crate::error::Error;

/// What a word is to the rules: a set of bits, one per role.
pub(crate) type Flags = u32;

/// Opens a subordinate or coordinate clause.
pub(crate) const OPENER: Flags = 1;
/// Auxiliary of a passive clause.
pub(crate) const PASSIVE: Flags = 1 << 1;
/// "wieder" of "schon wieder".
pub(crate) const AGAIN: Flags = 1 << 2;
/// "schon", "mal" before "wieder".
pub(crate) const AGAIN_BEFORE: Flags = 1 << 3;
/// "mal", "einmal" after "wieder".
pub(crate) const AGAIN_AFTER: Flags = 1 << 4;
/// "warum" in a question.
pub(crate) const WHY: Flags = 1 << 5;
/// "zu", "allzu" of excess.
pub(crate) const EXCESS: Flags = 1 << 6;
/// Not predicative after "zu".
pub(crate) const NOT_EXCESS: Flags = 1 << 7;
/// "Liebe" of a salutation.
pub(crate) const SALUTATION: Flags = 1 << 8;
/// "aus Liebe": no salutation after it.
pub(crate) const NOT_SALUTATION_AFTER: Flags = 1 << 9;
/// Article, determiner or pronoun.
pub(crate) const DETERMINER: Flags = 1 << 10;
/// Adjective of a greeting formula.
pub(crate) const GREETING: Flags = 1 << 11;
/// Noun of a greeting formula.
pub(crate) const GREETING_OBJECT: Flags = 1 << 12;
/// Last word of a conditional phrase ("im Falle").
pub(crate) const CONDITION_END: Flags = 1 << 13;
/// "trotz".
pub(crate) const CONCESSIVE_PREPOSITION: Flags = 1 << 14;
/// "und", "oder" after a closing particle.
pub(crate) const COORDINATOR: Flags = 1 << 15;
/// A separable-verb particle that may close a clause.
pub(crate) const PARTICLE: Flags = 1 << 16;
/// The marker of an infinitive ("zu").
pub(crate) const INFINITIVE_MARKER: Flags = 1 << 17;

/// The roles of `sentiment/grammar` that are bits.
const ROLES: &[(&str, Flags)] = &[
    ("clause-opener", OPENER),
    ("passive", PASSIVE),
    ("again", AGAIN),
    ("again-preceding", AGAIN_BEFORE),
    ("again-following", AGAIN_AFTER),
    ("why", WHY),
    ("excess", EXCESS),
    ("not-excess", NOT_EXCESS),
    ("salutation", SALUTATION),
    ("not-salutation-after", NOT_SALUTATION_AFTER),
    ("determiner", DETERMINER),
    ("greeting", GREETING),
    ("greeting-object", GREETING_OBJECT),
    ("concessive-preposition", CONCESSIVE_PREPOSITION),
    ("coordinator", COORDINATOR),
];

/// The word lists of the rules.
#[derive(Clone, Debug, Default)]
pub(crate) struct Grammar {
    /// Words with their flags, in list order (a word may come twice).
    pub flagged: Vec<(String, Flags)>,
    /// Phrases after which "zu" is no excess ("bis zu", "ab und zu"), as
    /// their words.
    pub not_excess_after: Vec<Vec<String>>,
    /// Endings of words that are no predicative after "zu".
    pub not_excess_endings: Vec<String>,
    /// Conditional phrases ("im Falle"), as their words.
    pub condition_phrases: Vec<Vec<String>>,
    /// Prepositions after which an entity is no target.
    pub prepositions: Vec<String>,
    /// Articles.
    pub articles: Vec<String>,
    /// Articles of a genitive attribute.
    pub genitive_articles: Vec<String>,
    /// Object pronouns.
    pub object_pronouns: Vec<String>,
}

fn phrase(s: &str) -> Vec<String> {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Grammar {
    pub(crate) fn new(profile: &Profile, morph: &Morph) -> Result<Grammar, Error> {
        let mut g = Grammar::default();
        let list = profile.list("sentiment/grammar")?;
        for row in list.rows() {
            let word = row.key();
            let role = list.field(&row, 1, "role")?;
            if let Some(&(_, f)) = ROLES.iter().find(|(r, _)| *r == role) {
                g.flagged.push((word.to_string(), f));
                continue;
            }
            match role {
                "not-excess-after" => g.not_excess_after.push(phrase(word)),
                "not-excess-ending" => g.not_excess_endings.push(word.to_string()),
                "condition-phrase" => {
                    let p = phrase(word);
                    if let Some(last) = p.last() {
                        g.flagged.push((last.clone(), CONDITION_END));
                    }
                    g.condition_phrases.push(p);
                }
                _ => {
                    let known: Vec<&str> = ROLES
                        .iter()
                        .map(|r| r.0)
                        .chain(["not-excess-after", "not-excess-ending", "condition-phrase"])
                        .collect();
                    return Err(list
                        .error(
                            &row,
                            format!("unknown role `{role}`; the roles are {}", known.join(", ")),
                        )
                        .into());
                }
            }
        }
        for p in morph.closing_particles() {
            g.flagged.push((p.to_string(), PARTICLE));
        }
        if let Some(zu) = morph.infinitive_marker() {
            g.flagged.push((zu.to_string(), INFINITIVE_MARKER));
        }
        let list = profile.list("sentiment/stance-words")?;
        for row in list.rows() {
            let word = row.key().to_string();
            match list.field(&row, 1, "role")? {
                "preposition" => g.prepositions.push(word),
                "definite" => g.articles.push(word),
                "genitive" => g.genitive_articles.push(word),
                "object-pronoun" => g.object_pronouns.push(word),
                role => {
                    return Err(list
                        .error(
                            &row,
                            format!(
                                "unknown role `{role}`; the roles are preposition, definite, \
                                 genitive, object-pronoun"
                            ),
                        )
                        .into())
                }
            }
        }
        Ok(g)
    }
}
