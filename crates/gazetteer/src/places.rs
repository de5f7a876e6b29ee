//! Street names, found by their German endings: "Schulstraße",
//! "Neuendorfer Straße 90c", "Bundesstraße 216". Reported as LOC mentions
//! without entity.

use wortlaut_normalize::Span;

use crate::resolution::overlaps_sorted;
use crate::words::Words;

fn word_char(c: char) -> bool {
    c.is_alphabetic() || c == '-'
}

/// Start of the word that ends at `end`.
fn word_start(text: &str, end: usize) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| word_char(c))
        .last()
        .map_or(end, |(i, _)| i)
}

/// A house or road number after `end` ("90c", "216"): its end.
fn number_end(text: &str, end: usize) -> Option<usize> {
    let rest = text[end..].strip_prefix(' ')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    let letter = after
        .chars()
        .next()
        .filter(|c| {
            c.is_ascii_lowercase()
                && after[1..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric())
        })
        .map_or(0, |_| 1);
    Some(end + 1 + digits + letter)
}

/// Street names in `text` (normalised) that overlap no span in `taken`
/// (sorted, non-overlapping).
pub(crate) fn streets(words: &Words, text: &str, taken: &[Span]) -> Vec<Span> {
    let Some(markers) = &words.street_markers else {
        return Vec::new();
    };
    let overlaps = |s: Span| overlaps_sorted(taken, |t| *t, s);
    let mut found: Vec<Span> = Vec::new();
    for m in markers.find_iter(text) {
        let end = m.end();
        if text[end..].chars().next().is_some_and(word_char) {
            continue;
        }
        let two_word = text[m.start()..end].starts_with(' ');
        if two_word {
            // "Neuendorfer Straße": an -er adjective of a place.
            let w_end = m.start();
            let s = word_start(text, w_end);
            let w = &text[s..w_end];
            if s < w_end
                && w.starts_with(char::is_uppercase)
                && Words::ends_with_any(&words.street_adjective_endings, w)
                && w.chars().count() > 4
            {
                found.push(Span::new(s, number_end(text, end).unwrap_or(end)));
                continue;
            }
        }
        // One word ending in a street ending ("Schulstraße").
        let s = word_start(text, end);
        let w = &text[s..end];
        let ending = text[m.start()..end].trim_start();
        if !w.starts_with(char::is_uppercase) || w.len() < ending.len() + 3 || two_word {
            continue;
        }
        match number_end(text, end) {
            Some(n) => found.push(Span::new(s, n)),
            None if !words.generic_roads.contains(w) => found.push(Span::new(s, end)),
            None => {}
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Span> = Vec::new();
    for span in found {
        if !overlaps(span) && out.last().is_none_or(|l| l.end <= span.start) {
            out.push(span);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_streets() {
        let t = "Die Schulstraße hieß bis 1898 Neuendorfer Straße 90c; die Bundesstraße 216, nicht die Landstraße.";
        let words = Words::german().unwrap();
        let got: Vec<&str> = streets(&words, t, &[])
            .into_iter()
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            ["Schulstraße", "Neuendorfer Straße 90c", "Bundesstraße 216"]
        );
        assert!(streets(
            &words,
            "Der Flugplatz, der Rundweg und die Erweiterung",
            &[]
        )
        .is_empty());
    }
}

/// Political blocs named by a noun (profile list `gazetteer/blocs`: "der
/// Westen" as the political West, "die Erpressung des Westens", "den
/// Westen"): the noun, or its genitive with "s", after an article or an
/// article and one adjective ("des kollektiven Westens"), not followed by a
/// direction word or a genitive (then it is a direction: "im Westen des
/// Landes", "nach Westen", "der Westen Deutschlands"). Spans of the
/// normalised text that overlap no span in `taken` (sorted), with the
/// bloc's entity id, for each bloc `has_entity` accepts.
pub(crate) fn blocs<'w>(
    words: &'w Words,
    text: &str,
    taken: &[Span],
    has_entity: impl Fn(&str) -> bool,
) -> Vec<(Span, &'w str)> {
    let overlaps = |s: Span| overlaps_sorted(taken, |t| *t, s);
    let mut found = Vec::new();
    for (noun, id) in &words.blocs {
        if has_entity(id) {
            for span in bloc(words, noun, text) {
                if !overlaps(span) {
                    found.push((span, &**id));
                }
            }
        }
    }
    found
}

/// The mentions of the bloc `noun` in `text` (see [`blocs`]).
fn bloc(words: &Words, noun: &str, text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    // `memmem` finds the same non-overlapping matches as
    // `str::match_indices`, with vector instructions.
    for start in memchr::memmem::find_iter(text.as_bytes(), noun.as_bytes()) {
        let mut end = start + noun.len();
        if text[end..].starts_with('s') {
            end += 1;
        }
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !before_ok || !after_ok {
            continue;
        }
        let mut before = text[..start].split_whitespace().rev();
        let w1 = before.next().unwrap_or("");
        let w2 = before.next().unwrap_or("");
        let article = |w: &str| words.bloc_articles.contains(w);
        let adjective = |w: &str| {
            w.starts_with(char::is_lowercase) && Words::ends_with_any(&words.attributive_endings, w)
        };
        if !(article(w1) || (adjective(w1) && article(w2))) {
            continue;
        }
        let next = text[end..].split_whitespace().next().unwrap_or("");
        let direction = words.bloc_directions.contains(next)
            || next.ends_with('s')
                && next.starts_with(char::is_uppercase)
                && !text[end..].starts_with([',', '.', ';', ':']);
        if !direction {
            found.push(Span::new(start, end));
        }
    }
    found
}

#[cfg(test)]
mod west_tests {
    use super::blocs;
    use crate::words::Words;

    #[test]
    fn political_west_not_the_direction() {
        let find = |t: &str| -> Vec<String> {
            blocs(&Words::german().unwrap(), t, &[], |id| id == "the_west")
                .into_iter()
                .map(|(s, _)| t[s.start..s.end].to_string())
                .collect()
        };
        assert_eq!(
            find("sich der Erpressung des Westens nicht beugen"),
            ["Westens"]
        );
        assert_eq!(
            find("Kritik am Verhalten des kollektiven Westens."),
            ["Westens"]
        );
        assert_eq!(find("Russland wirft dem Westen vor, …"), ["Westen"]);
        assert!(find("Das BLM will im Westen der USA Wildpferde einfangen.").is_empty());
        assert!(find("Der Fluss fließt nach Westen zur Saône.").is_empty());
        assert!(find("der Westen Deutschlands").is_empty());
        assert!(find("die Westentasche").is_empty());
    }
}
