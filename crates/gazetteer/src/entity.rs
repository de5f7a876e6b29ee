//! The entity model.

use core::fmt;
use core::str::FromStr;

/// The type of an entity (OntoNotes-style labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum EntityType {
    /// A person.
    #[cfg_attr(feature = "serde", serde(rename = "PER"))]
    Per,
    /// An organisation, institution, company, party, medium.
    #[cfg_attr(feature = "serde", serde(rename = "ORG"))]
    Org,
    /// A geo-political entity: country, state, city as a polity.
    #[cfg_attr(feature = "serde", serde(rename = "GPE"))]
    Gpe,
    /// A location that is not a polity: region, sea, mountain.
    #[cfg_attr(feature = "serde", serde(rename = "LOC"))]
    Loc,
    /// A nationality or demonym ("russische", "Nordkoreaner"), linked to
    /// its country.
    #[cfg_attr(feature = "serde", serde(rename = "NORP"))]
    Norp,
    /// A named event ("Zweiter Weltkrieg").
    #[cfg_attr(feature = "serde", serde(rename = "EVENT"))]
    Event,
    /// Anything else with a name.
    #[cfg_attr(feature = "serde", serde(rename = "MISC"))]
    Misc,
}

impl EntityType {
    /// The label as written in gazetteer files and output (`"PER"`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Event => "EVENT",
            EntityType::Misc => "MISC",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;

    fn from_str(s: &str) -> Result<EntityType, String> {
        Ok(match s.trim() {
            "PER" => EntityType::Per,
            "ORG" => EntityType::Org,
            "GPE" => EntityType::Gpe,
            "LOC" => EntityType::Loc,
            "NORP" => EntityType::Norp,
            "EVENT" => EntityType::Event,
            "MISC" => EntityType::Misc,
            other => {
                return Err(format!(
                    "unknown type {other:?}: use one of PER, ORG, GPE, LOC, NORP, EVENT, MISC"
                ))
            }
        })
    }
}

/// A role an entity holds, with the date from which the entry knows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Role {
    /// The role ("Präsident Russlands").
    pub title: String,
    /// ISO date the role was checked or began ("2024-05-07"), if given.
    pub as_of: Option<String>,
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Entity {
    /// Unique id ("vladimir_putin", "russia").
    pub id: String,
    /// Type.
    pub kind: EntityType,
    /// Canonical name ("Wladimir Putin").
    pub name: String,
    /// Other names ("Putin", "Vladimir Putin"). Inflected and transliterated
    /// variants are generated, not listed (see the crate docs).
    pub aliases: Vec<String>,
    /// Wikidata QID ("Q7747").
    pub qid: Option<String>,
    /// Id of the entity's country.
    pub country: Option<String>,
    /// Id of the entity this name stands for when it acts as a speaker, a
    /// stance holder or a stance target (metonymy): a capital for its state
    /// ("Moskau" → `russia`, "Washington" → `united_states`). `None`: the
    /// entity acts for itself. Not followed further: the entity named here
    /// is the one that acts, whatever its own `acts_for`. Mentions are not
    /// changed by it; see [`crate::Gazetteer::acting_id`].
    pub acts_for: Option<String>,
    /// Role with its date stamp.
    pub role: Option<Role>,
    /// Adjective stems of a country, `|`-separated ("russisch",
    /// "amerikanisch|US-amerikanisch"): their inflected forms are NORP
    /// mentions linked to this entity.
    pub adjective: Option<String>,
    /// Inhabitant noun of a country, masculine singular ("Nordkoreaner",
    /// "Russe"): its forms are NORP mentions linked to this entity.
    pub demonym: Option<String>,
    /// Short forms that refer to this entity only after its full name has
    /// appeared in the same document ("Putin", "Kim", "Lam"). For people,
    /// the last word of the name is used when none is given.
    pub short: Vec<String>,
}

impl Entity {
    /// A new entry with a name and no other data.
    pub fn new(id: impl Into<String>, kind: EntityType, name: impl Into<String>) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: Vec::new(),
            qid: None,
            country: None,
            acts_for: None,
            role: None,
            adjective: None,
            demonym: None,
            short: Vec::new(),
        }
    }
}
