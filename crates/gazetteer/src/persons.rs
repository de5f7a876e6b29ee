//! People the gazetteer does not know: "Vorname Nachname" (or a family
//! name first, "Nguyen Khac Giang") found by pattern, then the surname alone
//! later in the same document.

use crate::matcher::is_uppercase;
use crate::resolution::overlaps_sorted;
use crate::words::Words;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use wortlaut_normalize::hash::WordHasher;

type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

use wortlaut_normalize::Span;

pub(crate) mod scan;
#[cfg(test)]
mod tests;

pub(crate) use scan::PrefixFilter;
use scan::{capital_candidates, is_word_char, starts_upper, word_at, Word};
#[cfg(test)]
use scan::{non_letters, word_list};

/// The kept word (capitalised, or a particle) right after `w` and one
/// space, if there is one.
fn next_kept<'t>(words: &Words, text: &'t str, w: &Word<'t>) -> Option<Word<'t>> {
    let e = w.span.end;
    if text.as_bytes().get(e) != Some(&b' ') {
        return None;
    }
    let next = word_at(text, e + 1)?;
    (starts_upper(next.text) || words.is_particle(next.text)).then_some(next)
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

#[cfg(test)]
fn first_given(words: &Words, w: &str) -> bool {
    words.given_names.contains(w)
        || w.split_once('-')
            .is_some_and(|(a, _)| words.given_names.contains(a))
}

/// A person found by pattern.
pub(crate) struct Person {
    pub(crate) span: Span,
    pub(crate) id: String,
}

/// Finds people's names in `text` (normalised), leaving out any that
/// overlaps a span in `taken`, and then their surnames standing alone
/// after the full name (genitive "-s" included).
pub(crate) fn find(words: &Words, text: &str, taken: &[Span]) -> Vec<Person> {
    let bytes = text.as_bytes();
    // `taken` is in text order and non-overlapping: binary search.
    let mut sorted: Vec<Span> = taken.to_vec();
    sorted.sort_by_key(|s| s.start);
    let overlaps = |s: Span| overlaps_sorted(&sorted, |t| *t, s);
    let given = &words.given_names;
    let families = &words.family_first;
    let start_keys = &words.name_start_keys;
    let mut out = Vec::new();
    let mut surnames: WordMap<String, Option<String>> = WordMap::default();
    // The first bytes of the surnames found so far (and their genitives).
    // (A few names a document: 2^10 bits.)
    let mut surname_keys = PrefixFilter::with_bits(10);
    // Capitalised words that may be a surname standing alone.
    let mut alone: Vec<Span> = Vec::new();
    let mut parts: Vec<Word<'_>> = Vec::with_capacity(4);
    // A name ends where the next one may start.
    let mut next_start = 0;
    // One pass over the capitalised words (capitals found eight bytes at a
    // time; a capital inside a word is not a word start). Most are nouns:
    // the filters on their first bytes turn them away unread.
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut b8 = [0u8; 8];
            b8.copy_from_slice(chunk);
            let m = capital_candidates(u64::from_le_bytes(b8));
            if m == 0 {
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        }
        let b = bytes[i];
        if !(b.is_ascii_uppercase() || b >= 0xC0) {
            i += 1;
            continue;
        }
        // Lower-case Latin-1 letters (U+00E0 to U+00FF: "ä", "ö", "ü")
        // start no name.
        if b == 0xC3 && bytes.get(i + 1).is_some_and(|&n| n >= 0xA0) {
            i += 2;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let prev_word = match i.checked_sub(1).map(|k| bytes[k]) {
            None => false,
            Some(p) if p < 0x80 => p.is_ascii_alphabetic() || p == b'-' || p == b'\'',
            Some(_) => text[..i].chars().next_back().is_some_and(is_word_char),
        };
        if !is_uppercase(c) || prev_word {
            i += c.len_utf8();
            continue;
        }
        let key = PrefixFilter::key(text, i);
        let may_start = i >= next_start && start_keys.may_contain(key);
        let may_be_surname = surname_keys.may_contain(key);
        if !(may_start || may_be_surname) {
            i += c.len_utf8();
            continue;
        }
        let Some(w) = word_at(text, i) else {
            i += c.len_utf8();
            continue;
        };
        i = w.span.end.max(i + c.len_utf8());
        if may_be_surname {
            alone.push(w.span);
        }
        if !may_start {
            continue;
        }
        let head = w.text.split_once('-').map(|(a, _)| a);
        let family = families.contains(w.text);
        let first_given = given.contains(w.text) || head.is_some_and(|a| given.contains(a));
        if !(first_given || family) {
            continue;
        }
        let curated = words.given_curated.contains(w.text)
            || head.is_some_and(|a| words.given_curated.contains(a));
        parts.clear();
        parts.push(w);
        while parts.len() < 4 {
            let Some(next) = parts.last().and_then(|p| next_kept(words, text, p)) else {
                break;
            };
            let t = next.text;
            let prev = parts.last().map_or("", |p| p.text);
            let ok = if family {
                capitalised(t) && t.chars().count() <= 7
            } else if words.is_particle(prev) {
                capitalised(t) || words.particle_ok(prev, t)
            } else {
                let third = parts.len() == 2 && !is_initial(prev);
                let noun = third
                    && (t.chars().count() > 9 || Words::ends_with_any(&words.noun_endings, t));
                // "Heidi Klums Modelsuche", "John Peel's Top": a genitive
                // ends the name.
                let genitive = prev.ends_with("'s") || (parts.len() >= 2 && prev.ends_with('s'));
                // After a given name of the long list, an ordinary word
                // is no surname unless it is a family name ("Rosl
                // Hilfe", but "Thomas Koch", and any after a curated
                // given name: "Britt Hagedorn").
                let common = words.discovery.as_ref().is_some_and(|d| {
                    !d.family_names.contains(t) && !curated && d.is_common(&t.to_lowercase())
                });
                (capitalised(t) && !noun && !genitive && !common)
                    || is_initial(t)
                    || words.particle_ok(prev, t)
            };
            if !ok {
                break;
            }
            parts.push(next);
            if family && parts.len() == 3 {
                break;
            }
            if !family && parts.len() == 3 && !is_initial(t) && !words.is_particle(t) {
                break;
            }
        }
        // The last part must be a surname, not an initial or a particle.
        while parts.len() > 1 {
            let last = parts.last().map_or("", |p| p.text);
            if is_initial(last) || words.is_particle(last) {
                parts.pop();
            } else {
                break;
            }
        }
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            continue;
        };
        let last_word = last.text.to_lowercase();
        if parts.len() < 2 || Words::ends_with_any(&words.not_surname_endings, &last_word) {
            continue;
        }
        let span = Span::new(first.span.start, last.span.end);
        // The next name starts after this one.
        next_start = span.end;
        if overlaps(span) {
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
        surname_keys.add(&surname);
        surname_keys.add(&format!("{surname}s"));
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
    }
    if out.is_empty() {
        return out;
    }
    // Surnames alone after the full name.
    let full: Vec<Span> = out.iter().map(|p| p.span).collect();
    let first_seen: WordMap<&str, usize> = out
        .iter()
        .rev()
        .filter_map(|p| {
            let name = &text[p.span.start..p.span.end];
            name.rsplit(' ').next().map(|s| (s, p.span.end))
        })
        .collect();
    for w in alone.into_iter().map(|span| Word {
        span,
        text: &text[span.start..span.end],
    }) {
        let stem = w.text.strip_suffix('s');
        // The surname, or its genitive ("Thayers").
        let bare = match stem {
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
