//! The one entity model: the types of entities and the mention every stage
//! reads.

use core::fmt;
use core::str::FromStr;

use crate::span::Span;

/// The type of an entity (OntoNotes-style labels). A closed set: matching
/// on it needs no wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

/// An entity mention in the normalised text, as the gazetteer (or any other
/// entity source) writes it and quotes and stance read it.
///
/// Besides the entity as listed, it carries what resolution found out about
/// it: the entity it acts for (a capital for its state: "Washington
/// erklärte" is the United States speaking), its affiliation (a person's
/// country), and, for a description such as "des russischen Präsidenten",
/// the person the description names and the office it names them by.
///
/// ```
/// use wortlaut_text::{EntityMention, EntityType, Span};
/// let mut m = EntityMention::new(Span::new(0, 10), Some("washington".into()), EntityType::Gpe);
/// m.acts_for = Some("united_states".into());
/// assert_eq!(m.acting_id(), Some("united_states"));
/// assert_eq!(m.refers_to_id(), Some("united_states"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// Byte span of the normalised text.
    pub span: Span,
    /// The entity id as listed; `None` when the form is ambiguous here.
    pub entity: Option<String>,
    /// The mention's type (NORP for a country adjective or inhabitant noun).
    pub kind: EntityType,
    /// The entity this one acts for, if not itself (a capital's state).
    pub acts_for: Option<String>,
    /// The entity this one belongs to (a person's or an organisation's
    /// country), never a target of its own members' stance.
    pub affiliation: Option<String>,
    /// For a description ("des russischen Präsidenten", "der Präsident
    /// Vietnams"): the person it names, and the office it names them by.
    pub described: Option<Described>,
}

/// The person a description names and the office it names them by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    /// Id of the person who holds the office.
    pub person: String,
    /// The office as the gazetteer lists it ("Präsident").
    pub office: String,
}

impl EntityMention {
    /// A mention with nothing resolved yet.
    pub fn new(span: Span, entity: Option<String>, kind: EntityType) -> EntityMention {
        EntityMention {
            span,
            entity,
            kind,
            acts_for: None,
            affiliation: None,
            described: None,
        }
    }

    /// The id as the entity acts: its `acts_for`, else itself.
    pub fn acting_id(&self) -> Option<&str> {
        self.acts_for.as_deref().or(self.entity.as_deref())
    }

    /// Who the mention refers to in the end: the described person, else
    /// the acting id.
    pub fn refers_to_id(&self) -> Option<&str> {
        match &self.described {
            Some(d) => Some(&d.person),
            None => self.acting_id(),
        }
    }
}
