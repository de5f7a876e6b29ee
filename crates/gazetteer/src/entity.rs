//! The entity model.

pub use wortlaut_text::EntityType;

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
