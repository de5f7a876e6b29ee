//! Resolution of gazetteer mentions into the shared [`EntityMention`]: the
//! entity each one acts for, its affiliation, and the person a description
//! names ("des russischen Präsidenten", "der Präsident Vietnams").

use std::collections::HashMap;

use wortlaut_normalize::Normalized;
use wortlaut_text::{Described, EntityMention, EntityType, Span};

use crate::matcher::{Gazetteer, Mention};

/// Turns the gazetteer's [`Mention`]s of one document into
/// [`EntityMention`]s of its normalised text, with what the gazetteer's
/// entries say about them.
///
/// Descriptions are resolved from the entries' `role` attributes: a person
/// whose role title starts with an office noun ("Präsident Russlands") and
/// whose `country` is set holds that office of that country; where two
/// people hold one office, the one with the later date. The office noun may
/// be inflected in the text (up to three letters after it, or two before a
/// country in the genitive).
///
/// ```
/// use wortlaut_gazetteer::{Gazetteer, Resolver};
/// use wortlaut_normalize::Normalizer;
///
/// let g = Gazetteer::from_tsv(
///     "russia\tGPE\tRussland\t\tadjective=russisch\n\
///      vladimir_putin\tPER\tWladimir Putin\t\tcountry=russia;role=Präsident Russlands@2024-05-07\n",
/// )
/// .unwrap();
/// let text = Normalizer::new().normalize("Der russische Präsident sprach.");
/// let found = g.find(&text);
/// let mentions = Resolver::new(&g).resolve(&text, &found);
/// let described = mentions[0].described.as_ref().unwrap();
/// assert_eq!(described.person, "vladimir_putin");
/// assert_eq!(mentions[0].refers_to_id(), Some("vladimir_putin"));
/// ```
#[derive(Clone, Debug)]
pub struct Resolver {
    gazetteer: Gazetteer,
    /// Country id → office noun → the person who holds it (nested, so
    /// that a lookup borrows the words instead of building a key).
    offices: HashMap<String, HashMap<String, String>>,
}

impl Resolver {
    /// A resolver for the mentions of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Resolver {
        Resolver {
            gazetteer: gazetteer.clone(),
            offices: office_index(gazetteer),
        }
    }

    /// The gazetteer whose mentions this resolves.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The id an entity acts as: its `acts_for` entity (a capital's state)
    /// if it has one, else itself.
    pub fn acting_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.gazetteer.acting_id(id)
    }

    /// The mentions of `normalized` that the gazetteer found, resolved and
    /// in normalised coordinates (each mention's [`Mention::norm`]), in the
    /// order given.
    pub fn resolve(&self, normalized: &Normalized, mentions: &[Mention]) -> Vec<EntityMention> {
        let text = normalized.text();
        mentions
            .iter()
            .map(|m| {
                // The gazetteer maps each name from its folded view to the
                // normalised text itself: no round trip through the original.
                let span = m.norm;
                let mut out = EntityMention::new(span, m.entity.clone(), m.kind);
                let Some(id) = m.entity.as_deref() else {
                    return out;
                };
                let acting = self.acting_id(id);
                if acting != id {
                    out.acts_for = Some(acting.to_string());
                }
                out.affiliation = self
                    .gazetteer
                    .entity(id)
                    .filter(|e| matches!(e.kind, EntityType::Per | EntityType::Org))
                    .and_then(|e| e.country.clone());
                out.described = match m.kind {
                    EntityType::Norp => self.office_after(text, span, id),
                    EntityType::Gpe => self.office_before(text, span, id),
                    _ => None,
                };
                out
            })
            .collect()
    }

    /// The person a nationality adjective and an office noun after it
    /// describe ("des russischen Präsidenten" → vladimir_putin).
    fn office_after(&self, text: &str, span: Span, country: &str) -> Option<Described> {
        let rest = text.get(span.end..)?.strip_prefix(' ')?;
        let word = rest.split(|c: char| !c.is_alphabetic()).next()?;
        self.office(word, 3, country)
    }

    /// The person an office noun before a country in the genitive
    /// describes ("der Präsident Vietnams" → to_lam).
    fn office_before(&self, text: &str, span: Span, country: &str) -> Option<Described> {
        let before = text.get(..span.start)?.strip_suffix(' ')?;
        let word = before.rsplit(|c: char| !c.is_alphabetic()).next()?;
        self.office(word, 2, country)
    }

    /// The office `word` names (capitalised, with up to `max_ending`
    /// letters of inflection), held by a person of `country`.
    fn office(&self, word: &str, max_ending: usize, country: &str) -> Option<Described> {
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        let nouns = self.offices.get(country)?;
        (0..=max_ending.min(word.len())).find_map(|cut| {
            let stem = word.get(..word.len() - cut)?;
            nouns.get(stem).map(|person| Described {
                person: person.clone(),
                office: stem.to_string(),
            })
        })
    }
}

/// Who holds which office in which country, from the entries' `role`
/// attributes; where two people share an office, the one with the later
/// date.
fn office_index(g: &Gazetteer) -> HashMap<String, HashMap<String, String>> {
    let mut best: HashMap<(String, String), (String, String)> = HashMap::new();
    for e in g.entities() {
        let (Some(role), Some(country)) = (&e.role, &e.country) else {
            continue;
        };
        let Some(noun) = role.title.split_whitespace().next() else {
            continue;
        };
        if noun.chars().count() < 4 {
            continue;
        }
        let date = role.as_of.clone().unwrap_or_default();
        let slot = best
            .entry((country.clone(), noun.to_string()))
            .or_insert_with(|| (String::new(), String::new()));
        if slot.0.is_empty() || date > slot.1 {
            *slot = (e.id.clone(), date);
        }
    }
    let mut out: HashMap<String, HashMap<String, String>> = HashMap::new();
    for ((country, noun), (id, _)) in best {
        out.entry(country).or_default().insert(noun, id);
    }
    out
}
