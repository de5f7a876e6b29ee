//! German variants of names, generated from the entries.

use crate::entity::{Entity, EntityType};
use crate::words::Words;

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
    let mut letters = s.chars().filter(|c| c.is_alphabetic());
    let count = letters.clone().take(6).count();
    if (2..=5).contains(&count) && letters.all(|c| c.is_uppercase()) {
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

/// The stem of a capitalised word that looks like an inflected adjective
/// ("Vereinigte" → "Vereinigt", "Kalter" → "Kalt"), if it does: the word
/// without the longest of `endings` it ends with.
fn adjective_stem<'w>(endings: &[&str], word: &'w str) -> Option<&'w str> {
    if word.chars().count() < 4 || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    endings
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .filter(|stem| stem.chars().count() >= 3)
}

/// Noun forms of the last word: itself, and its genitives (profile list
/// `gazetteer/genitive-endings`: -s, -es).
fn noun_forms(words: &Words, noun: &str) -> Vec<String> {
    let mut v = vec![noun.to_string()];
    if !noun.ends_with(['s', 'x', 'z', 'ß']) && noun.chars().last().is_some_and(char::is_lowercase)
    {
        v.extend(words.genitive_endings.iter().map(|e| format!("{noun}{e}")));
    }
    v
}

/// Declined forms of multi-word names. Leading adjectives take every
/// ending and the head noun its genitive ("Vereinigte Staaten" →
/// "Vereinigten Staaten", "Kalter Krieg" → "Kalten Krieges",
/// "Internationaler Strafgerichtshof" → "Internationalen Strafgerichtshofs");
/// in "X der Y" names the head X takes the genitive ("Sicherheitsrat der
/// Vereinten Nationen" → "Sicherheitsrats der …").
fn declensions(lists: &Words, name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    // "X der Y": genitive on the word before the first lower-case word.
    if let Some(k) = words
        .iter()
        .position(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        if k >= 1 {
            for head in noun_forms(lists, words[k - 1]).into_iter().skip(1) {
                let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
                w[k - 1] = head;
                out.push(w.join(" "));
            }
            return out;
        }
    }
    let last = words.len() - 1;
    if !words[last].chars().next().is_some_and(char::is_uppercase) {
        return out;
    }
    // Longest ending first.
    let mut stem_endings: Vec<&str> = lists.adjective_endings.iter().map(|e| &**e).collect();
    stem_endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
    let stems: Vec<&str> = words[..last]
        .iter()
        .map_while(|w| adjective_stem(&stem_endings, w))
        .take(2)
        .collect();
    if stems.is_empty() {
        return out;
    }
    let rest = &words[stems.len()..last];
    for ending in &lists.adjective_endings {
        for noun in noun_forms(lists, words[last]) {
            let mut w: Vec<String> = stems.iter().map(|s| format!("{s}{ending}")).collect();
            w.extend(rest.iter().map(|s| s.to_string()));
            w.push(noun);
            let v = w.join(" ");
            if v != name {
                out.push(v);
            }
        }
    }
    out
}

/// Every surface form of an entity, with its form, mention type and case
/// rule. Short forms come last.
pub(crate) fn variants(words: &Words, e: &Entity) -> Vec<Variant> {
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
    if e.kind != EntityType::Per {
        for n in &names {
            // Declined forms may start lower case ("die kommunistischen
            // Partei" in running text).
            for d in declensions(words, n) {
                push(d, Form::Name, e.kind, Case::Any);
            }
        }
    }
    if let Some(stems) = &e.adjective {
        for stem in stems.split('|').map(str::trim).filter(|s| !s.is_empty()) {
            let endings = std::iter::once("").chain(words.adjective_endings.iter().map(|e| &**e));
            for ending in endings {
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
        // The noun and its endings (profile list `gazetteer/demonym-endings`).
        let stem = d.strip_suffix('e');
        let forms: Vec<String> = std::iter::once(d.clone())
            .chain(
                words
                    .demonym_endings
                    .iter()
                    .map(|(ending, drop_e)| match (drop_e, stem) {
                        (true, Some(stem)) => format!("{stem}{ending}"),
                        _ => format!("{d}{ending}"),
                    }),
            )
            .collect();
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
        variants(&Words::german().unwrap(), e)
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
    fn declensions_of_multi_word_names() {
        let d = declensions(&Words::german().unwrap(), "Vereinigte Staaten");
        assert!(d.contains(&"Vereinigten Staaten".to_string()));
        let d = declensions(&Words::german().unwrap(), "Kalter Krieg");
        assert!(
            d.contains(&"Kalten Krieges".to_string()) && d.contains(&"Kalten Krieg".to_string())
        );
        let d = declensions(
            &Words::german().unwrap(),
            "Internationaler Strafgerichtshof",
        );
        assert!(d.contains(&"Internationalen Strafgerichtshofs".to_string()));
        assert!(d.contains(&"Internationale Strafgerichtshof".to_string()));
        let d = declensions(
            &Words::german().unwrap(),
            "Sicherheitsrat der Vereinten Nationen",
        );
        assert_eq!(
            d,
            [
                "Sicherheitsrats der Vereinten Nationen",
                "Sicherheitsrates der Vereinten Nationen"
            ]
        );
        assert!(declensions(&Words::german().unwrap(), "Den Haag").is_empty());
        assert_eq!(
            declensions(&Words::german().unwrap(), "Frankfurt am Main")[0],
            "Frankfurts am Main"
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
        assert_eq!(
            variants(&Words::german().unwrap(), &us)[0].case,
            Case::Exact
        );
    }
}
