//! Display names and QIDs of the entities one document refers to.

use std::collections::HashMap;

use wortlaut_gazetteer::{Form, Gazetteer, Mention};

/// The display name and the QID of every entity id of one document: the
/// gazetteer's canonical name and QID, or, for a person found by pattern
/// (`person:…`, not in the gazetteer), the first full mention as written
/// (whitespace collapsed to single spaces).
pub(crate) struct Names<'a> {
    gazetteer: Option<&'a Gazetteer>,
    /// Names from the text, for ids the gazetteer does not know.
    found: HashMap<&'a str, String>,
}

impl<'a> Names<'a> {
    /// The names of `mentions`, found in `text` (the original input their
    /// spans refer to).
    pub(crate) fn new(
        gazetteer: Option<&'a Gazetteer>,
        text: &str,
        mentions: &'a [Mention],
    ) -> Names<'a> {
        let mut found: HashMap<&'a str, String> = HashMap::new();
        for m in mentions {
            let Some(id) = m.entity.as_deref() else {
                continue;
            };
            if m.form != Form::Name
                || found.contains_key(id)
                || gazetteer.is_some_and(|g| g.entity(id).is_some())
            {
                continue;
            }
            let surface = text.get(m.span.start..m.span.end).unwrap_or_default();
            let name = surface.split_whitespace().collect::<Vec<_>>().join(" ");
            if !name.is_empty() {
                found.insert(id, name);
            }
        }
        Names { gazetteer, found }
    }

    /// The display name of `id`, if it is known.
    pub(crate) fn name(&self, id: &str) -> Option<String> {
        match self.gazetteer.and_then(|g| g.entity(id)) {
            Some(e) => Some(e.name.clone()),
            None => self.found.get(id).cloned(),
        }
    }

    /// The Wikidata QID of `id`, if the gazetteer lists one.
    pub(crate) fn qid(&self, id: &str) -> Option<String> {
        self.gazetteer
            .and_then(|g| g.entity(id))
            .and_then(|e| e.qid.clone())
    }

    /// The name and QID of an optional id.
    pub(crate) fn of(&self, id: Option<&str>) -> (Option<String>, Option<String>) {
        match id {
            Some(id) => (self.name(id), self.qid(id)),
            None => (None, None),
        }
    }
}
