//! German variants of names, generated from the entries.

use crate::entity::{Entity, EntityType};

/// How a surface form relates to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Form {
    /// The name or an alias (or a transliteration variant of one).
    Name,
    /// A genitive of a name ("Putins", "Russlands", "Paris'").
    Genitive,
    /// An inflected adjective of a country ("russischen").
    Adjective,
    /// An inhabitant noun ("Nordkoreaner", "Russinnen").
    Demonym,
    /// A short form resolved from an earlier full mention ("Kim").
    Short,
}

/// Whether a form must be written with a capital, or exactly as listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// Any case (adjectives: "russische", "Russische").
    Any,
    /// First letter upper case, as in the entry.
    Initial,
    /// Exactly as listed (acronyms: "US", "UN", "EU").
    Exact,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Variant {
    pub(crate) text: String,
    pub(crate) form: Form,
    pub(crate) kind: EntityType,
    pub(crate) case: Case,
}

fn case_of(s: &str) -> Case {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() <= 5 && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        Case::Exact
    } else if s.chars().next().is_some_and(char::is_uppercase) {
        Case::Initial
    } else {
        Case::Any
    }
}

/// Genitive forms: "Putin" → "Putins", "Paris" → "Paris'".
fn genitives(name: &str) -> Vec<String> {
    match name.chars().last() {
        Some('s' | 'x' | 'z' | 'ß') => vec![format!("{name}'")],
        Some(c) if c.is_alphabetic() && !c.is_uppercase() => vec![format!("{name}s")],
        _ => Vec::new(),
    }
}

/// Transliteration variants of a person's name: "Kim Jong Un" ↔
/// "Kim Jong-un".
fn transliterations(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = Vec::new();
    if words.len() >= 3 {
        let (head, tail) = words.split_at(words.len() - 2);
        let mut joined = head.join(" ");
        joined.push(' ');
        joined.push_str(tail[0]);
        joined.push('-');
        joined.push_str(&tail[1].to_lowercase());
        out.push(joined);
    }
    if let Some(last) = words.last() {
        if let Some((a, b)) = last.split_once('-') {
            if !a.is_empty() && !b.is_empty() && words.len() >= 2 {
                let mut w = words[..words.len() - 1].join(" ");
                w.push(' ');
                w.push_str(a);
                w.push(' ');
                let mut cs = b.chars();
                if let Some(f) = cs.next() {
                    w.extend(f.to_uppercase());
                    w.push_str(cs.as_str());
                }
                out.push(w);
            }
        }
    }
    out
}

/// Every surface form of an entity, with its form, mention type and case
/// rule. Short forms come last.
pub(crate) fn variants(e: &Entity) -> Vec<Variant> {
    let mut out: Vec<Variant> = Vec::new();
    let mut push = |text: String, form: Form, kind: EntityType, case: Case| {
        if !text.trim().is_empty() && !out.iter().any(|v| v.text == text && v.form == form) {
            out.push(Variant {
                text,
                form,
                kind,
                case,
            });
        }
    };
    let names: Vec<String> = std::iter::once(e.name.clone())
        .chain(e.aliases.iter().cloned())
        .collect();
    let mut all_names = names.clone();
    if e.kind == EntityType::Per {
        for n in &names {
            all_names.extend(transliterations(n));
        }
    }
    for n in &all_names {
        let case = case_of(n);
        push(n.clone(), Form::Name, e.kind, case);
        if case != Case::Exact {
            for g in genitives(n) {
                push(g, Form::Genitive, e.kind, case);
            }
        }
    }
    if let Some(stems) = &e.adjective {
        for stem in stems.split('|').map(str::trim).filter(|s| !s.is_empty()) {
            for ending in ["", "e", "en", "er", "es", "em"] {
                push(
                    format!("{stem}{ending}"),
                    Form::Adjective,
                    EntityType::Norp,
                    Case::Any,
                );
            }
        }
    }
    if let Some(d) = &e.demonym {
        let forms: Vec<String> = if let Some(stem) = d.strip_suffix('e') {
            vec![
                d.clone(),
                format!("{d}n"),
                format!("{stem}in"),
                format!("{stem}innen"),
            ]
        } else {
            vec![
                d.clone(),
                format!("{d}n"),
                format!("{d}in"),
                format!("{d}innen"),
            ]
        };
        for f in forms {
            push(f, Form::Demonym, EntityType::Norp, Case::Initial);
        }
    }
    let mut shorts = e.short.clone();
    let words: Vec<&str> = e.name.split(' ').collect();
    if shorts.is_empty() && e.kind == EntityType::Per && words.len() >= 2 {
        shorts.extend(words.last().map(|w| w.to_string()));
    }
    for s in shorts {
        let case = case_of(&s);
        push(s.clone(), Form::Short, e.kind, case);
        for g in genitives(&s) {
            push(g, Form::Short, e.kind, case);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Entity, form: Form) -> Vec<String> {
        variants(e)
            .into_iter()
            .filter(|v| v.form == form)
            .map(|v| v.text)
            .collect()
    }

    #[test]
    fn countries() {
        let mut e = Entity::new("russia", EntityType::Gpe, "Russland");
        e.adjective = Some("russisch".into());
        e.demonym = Some("Russe".into());
        assert_eq!(texts(&e, Form::Genitive), ["Russlands"]);
        assert_eq!(
            texts(&e, Form::Adjective),
            [
                "russisch",
                "russische",
                "russischen",
                "russischer",
                "russisches",
                "russischem"
            ]
        );
        assert_eq!(
            texts(&e, Form::Demonym),
            ["Russe", "Russen", "Russin", "Russinnen"]
        );
        let mut nk = Entity::new("north_korea", EntityType::Gpe, "Nordkorea");
        nk.demonym = Some("Nordkoreaner".into());
        assert_eq!(
            texts(&nk, Form::Demonym),
            [
                "Nordkoreaner",
                "Nordkoreanern",
                "Nordkoreanerin",
                "Nordkoreanerinnen"
            ]
        );
    }

    #[test]
    fn people() {
        let e = Entity::new("kim", EntityType::Per, "Kim Jong Un");
        let names = texts(&e, Form::Name);
        assert!(names.contains(&"Kim Jong-un".to_string()));
        assert_eq!(texts(&e, Form::Genitive), ["Kim Jong Uns", "Kim Jong-uns"]);
        assert_eq!(texts(&e, Form::Short), ["Un", "Uns"]);
        let e = Entity::new("paris", EntityType::Gpe, "Paris");
        assert_eq!(texts(&e, Form::Genitive), ["Paris'"]);
        let us = Entity::new("us", EntityType::Gpe, "US");
        assert!(texts(&us, Form::Genitive).is_empty());
        assert_eq!(variants(&us)[0].case, Case::Exact);
    }
}
