//! People the gazetteer does not know: "Vorname Nachname" (or a family
//! name first, "Nguyen Khac Giang") found by pattern, then the surname alone
//! later in the same document.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::data::{data_set, HashSet};

use wortlaut_normalize::Span;

fn given_names() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/given-names.txt")))
}

fn family_first() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/family-first.txt")))
}

/// Particles that may start a surname; "der"/"den" only after "von"/"van".
const PARTICLES: [&str; 7] = ["von", "van", "de", "da", "di", "bin", "ibn"];

/// Endings of a last word that make the name a street, building or
/// organisation, not a person ("Ben Jehudastraße", "Robert Murjahn Stiftung").
const NOT_SURNAME_ENDINGS: [&str; 17] = [
    "straße", "strasse", "platz", "allee", "weg", "gasse", "ufer", "brücke", "kirche", "schule",
    "school", "stiftung", "institut", "verlag", "preis", "haus", "park",
];

/// German noun endings: a third name part with one of them is a noun that
/// follows the name ("Matthew Williams Liebeskummer").
const NOUN_ENDINGS: [&str; 10] = [
    "ung", "ungen", "heit", "keit", "schaft", "nis", "tum", "ismus", "ität", "tion",
];

fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w) || matches!(w, "der" | "den")
}

fn particle_ok(prev: &str, w: &str) -> bool {
    PARTICLES.contains(&w) || (matches!(w, "der" | "den") && matches!(prev, "von" | "van"))
}

struct Word<'t> {
    span: Span,
    text: &'t str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next word character, ASCII quickly.
        let b = bytes[i];
        let (c, w) = if b < 0x80 {
            (b as char, 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if !(c.is_alphabetic() || c == '-' || c == '\'') {
            i += w;
            continue;
        }
        let s = i;
        let first_upper = c.is_uppercase();
        i += w;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphabetic() || b == b'-' || b == b'\'' {
                    i += 1;
                    continue;
                }
                break;
            }
            match text[i..].chars().next() {
                Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                _ => break,
            }
        }
        // An initial keeps its full stop: "S."
        let end = if bytes.get(i) == Some(&b'.') && text[s..i].chars().count() == 1 {
            i + 1
        } else {
            i
        };
        // Only capitalised words and particles can be part of a name; a
        // lower-case word between two kept words shows in the gap between
        // them, so adjacency stays exact.
        let word = &text[s..end];
        if first_upper || is_particle(word) {
            out.push(Word {
                span: Span::new(s, end),
                text: word,
            });
        }
        i = end.max(i);
    }
    out
}

fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && cs.clone().any(char::is_lowercase)
        && w.chars().count() >= 2
}

fn is_initial(w: &str) -> bool {
    w.ends_with('.') && w.chars().count() == 2 && w.starts_with(char::is_uppercase)
}

fn first_given(w: &str) -> bool {
    given_names().contains(w)
        || w.split_once('-')
            .is_some_and(|(a, _)| given_names().contains(a))
}

/// A person found by pattern.
pub(crate) struct Person {
    pub(crate) span: Span,
    pub(crate) id: String,
}

/// Finds people's names in `text` (normalised), leaving out any that
/// overlaps a span in `taken`, and then their surnames standing alone
/// after the full name (genitive "-s" included).
pub(crate) fn find(text: &str, taken: &[Span]) -> Vec<Person> {
    let ws = words(text);
    // `taken` is in text order and non-overlapping: binary search.
    let mut sorted: Vec<Span> = taken.to_vec();
    sorted.sort_by_key(|s| s.start);
    let overlaps = |s: Span| {
        let k = sorted.partition_point(|t| t.end <= s.start);
        sorted.get(k).is_some_and(|t| t.start < s.end)
    };
    let adjacent = |a: &Word<'_>, b: &Word<'_>| &text[a.span.end..b.span.start] == " ";
    let mut out = Vec::new();
    let mut surnames: HashMap<String, Option<String>> = HashMap::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        if !w.text.starts_with(char::is_uppercase) {
            i += 1;
            continue;
        }
        let family = family_first().contains(w.text);
        if !(first_given(w.text) || family) {
            i += 1;
            continue;
        }
        let mut parts = vec![i];
        let mut j = i + 1;
        while j < ws.len() && parts.len() < 4 && adjacent(&ws[j - 1], &ws[j]) {
            let t = ws[j].text;
            let prev = ws[j - 1].text;
            let ok = if family {
                capitalised(t) && t.chars().count() <= 7
            } else if PARTICLES.contains(&prev) || matches!(prev, "der" | "den") {
                capitalised(t) || particle_ok(prev, t)
            } else {
                let third = parts.len() == 2 && !is_initial(prev);
                let noun =
                    third && (t.chars().count() > 9 || NOUN_ENDINGS.iter().any(|e| t.ends_with(e)));
                // "Heidi Klums Modelsuche", "John Peel's Top": a genitive
                // ends the name.
                let genitive = prev.ends_with("'s") || (parts.len() >= 2 && prev.ends_with('s'));
                (capitalised(t) && !noun && !genitive) || is_initial(t) || particle_ok(prev, t)
            };
            if !ok {
                break;
            }
            parts.push(j);
            j += 1;
            if family && parts.len() == 3 {
                break;
            }
            if !family
                && parts.len() == 3
                && !is_initial(ws[j - 1].text)
                && !is_particle(ws[j - 1].text)
            {
                break;
            }
        }
        // The last part must be a surname, not an initial or a particle.
        while parts.len() > 1 {
            let last = ws[*parts.last().unwrap_or(&i)].text;
            if is_initial(last) || is_particle(last) {
                parts.pop();
            } else {
                break;
            }
        }
        let last_word = ws[*parts.last().unwrap_or(&i)].text.to_lowercase();
        if parts.len() < 2 || NOT_SURNAME_ENDINGS.iter().any(|e| last_word.ends_with(e)) {
            i += 1;
            continue;
        }
        let first = &ws[parts[0]];
        let last = &ws[*parts.last().unwrap_or(&i)];
        let span = Span::new(first.span.start, last.span.end);
        if overlaps(span) {
            i = parts.last().map_or(i + 1, |l| l + 1);
            continue;
        }
        let name = &text[span.start..span.end];
        let id = format!(
            "person:{}",
            name.to_lowercase()
                .replace([' ', '.'], "_")
                .replace("__", "_")
        );
        let surname = last.text.to_string();
        // A surname shared by two people found here stays unresolved.
        surnames
            .entry(surname)
            .and_modify(|e| {
                if e.as_deref() != Some(id.as_str()) {
                    *e = None
                }
            })
            .or_insert_with(|| Some(id.clone()));
        out.push(Person { span, id });
        i = parts.last().map_or(i + 1, |l| l + 1);
    }
    if out.is_empty() {
        return out;
    }
    // Surnames alone after the full name.
    let full: Vec<Span> = out.iter().map(|p| p.span).collect();
    let first_seen: HashMap<&str, usize> = out
        .iter()
        .rev()
        .filter_map(|p| {
            let name = &text[p.span.start..p.span.end];
            name.rsplit(' ').next().map(|s| (s, p.span.end))
        })
        .collect();
    for w in ws.iter().filter(|w| w.text.starts_with(char::is_uppercase)) {
        // The surname, or its genitive ("Thayers").
        let bare = match w.text.strip_suffix('s') {
            Some(b) if surnames.contains_key(b) => b,
            _ => w.text,
        };
        let Some(Some(id)) = surnames.get(bare) else {
            continue;
        };
        let after = first_seen.get(bare).is_some_and(|&e| w.span.start >= e);
        let k = full.partition_point(|f| f.end <= w.span.start);
        let inside_full = full.get(k).is_some_and(|f| f.contains(w.span));
        if !after || overlaps(w.span) || inside_full {
            continue;
        }
        out.push(Person {
            span: w.span,
            id: id.clone(),
        });
    }
    out.sort_by_key(|p| p.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, String)> {
        find(text, &[])
            .into_iter()
            .map(|p| (&text[p.span.start..p.span.end], p.id))
            .collect()
    }

    #[test]
    fn finds_people_and_their_surnames() {
        let got =
            names("Carl Thayer, Professor, sagte es. Später widersprach Thayer. Thayers Buch.");
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            ["Carl Thayer", "Thayer", "Thayers"]
        );
        assert!(got.iter().all(|g| g.1 == "person:carl_thayer"));
        let got = names(
            "Laut Gennady S. Bezdetko und Nguyen Khac Giang Analyst am Institut deutete Giang an.",
        );
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            ["Gennady S. Bezdetko", "Nguyen Khac Giang", "Giang"]
        );
        assert_eq!(
            names("Rachel Minyoung Lee erwartet")[0].0,
            "Rachel Minyoung Lee"
        );
    }

    #[test]
    fn leaves_taken_spans_and_plain_words_alone() {
        assert!(find("Wladimir Putin kam", &[Span::new(0, 14)]).is_empty());
        assert!(names("Die Sitzung begann. Peter kam allein.").is_empty());
    }

    #[test]
    fn names_end_before_nouns_streets_and_clauses() {
        let got = |t: &'static str| names(t).into_iter().map(|g| g.0).collect::<Vec<_>>();
        assert_eq!(
            got("Freund Matthew Williams Liebeskummer."),
            ["Matthew Williams"]
        );
        assert_eq!(got("hält Kurt Miller den Test für nötig"), ["Kurt Miller"]);
        assert_eq!(got("Analog Heidi Klums Modelsuche"), ["Heidi Klums"]);
        assert!(got("in der Ben Jehudastraße in Tel Aviv").is_empty());
        assert_eq!(got("Ursula von der Leyen sprach"), ["Ursula von der Leyen"]);
    }

    #[test]
    fn shared_surnames_stay_unresolved() {
        let got = names("Anna Schmidt und Peter Schmidt kamen. Schmidt sprach.");
        assert_eq!(got.len(), 2);
    }
}
