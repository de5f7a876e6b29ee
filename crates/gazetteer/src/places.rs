//! Street names, found by their German endings: "Schulstraße",
//! "Neuendorfer Straße 90c", "Bundesstraße 216". Reported as LOC mentions
//! without entity.

use wortlaut_normalize::Span;

/// Endings of a one-word street name, and the words of a two-word one
/// ("Neuendorfer Straße"). One-word names ending in -platz, -weg, -ring
/// are mostly ordinary nouns ("Flugplatz", "Rundweg") and are left out.
const ENDINGS: [&str; 5] = ["straße", "strasse", "allee", "gasse", "chaussee"];
const SECOND_WORDS: [&str; 11] = [
    "Straße",
    "Strasse",
    "Platz",
    "Allee",
    "Gasse",
    "Damm",
    "Ufer",
    "Chaussee",
    "Promenade",
    "Brücke",
    "Weg",
];
/// Generic road words: streets only with a number ("Bundesstraße 216").
const GENERIC: [&str; 9] = [
    "Straße",
    "Bundesstraße",
    "Landstraße",
    "Hauptstraße",
    "Nebenstraße",
    "Seitenstraße",
    "Weinstraße",
    "Fernstraße",
    "Schnellstraße",
];

/// Street names in `text` (normalised) that overlap no span in `taken`
/// (sorted, non-overlapping).
pub(crate) fn streets(text: &str, taken: &[Span]) -> Vec<Span> {
    let overlaps = |s: Span| {
        let k = taken.partition_point(|t| t.end <= s.start);
        taken.get(k).is_some_and(|t| t.start < s.end)
    };
    let mut out = Vec::new();
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let word_char = c.is_alphabetic() || c == '-';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    for (k, &(s, w)) in words.iter().enumerate() {
        if !w.starts_with(char::is_uppercase) {
            continue;
        }
        let lower = w.to_lowercase();
        // A house or road number after the name belongs to it.
        let number_end = |end: usize| {
            let rest = &text[end..];
            let digits = rest
                .strip_prefix(' ')
                .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
            if digits == 0 {
                return None;
            }
            let after = &rest[1 + digits..];
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
        };
        let one_word = ENDINGS
            .iter()
            .any(|e| lower.ends_with(e) && lower.len() >= e.len() + 3);
        let span = if one_word {
            let end = s + w.len();
            match number_end(end) {
                Some(n) => Some(Span::new(s, n)),
                None => (!GENERIC.contains(&w)).then(|| Span::new(s, end)),
            }
        } else if let Some(&(s2, w2)) = words.get(k + 1) {
            // "Neuendorfer Straße": an -er adjective of a place, one space.
            let adjacent = &text[s + w.len()..s2] == " ";
            (adjacent && w.ends_with("er") && w.chars().count() > 4 && SECOND_WORDS.contains(&w2))
                .then(|| {
                    let end = s2 + w2.len();
                    Span::new(s, number_end(end).unwrap_or(end))
                })
        } else {
            None
        };
        if let Some(span) = span {
            if !overlaps(span) && out.last().is_none_or(|l: &Span| l.end <= span.start) {
                out.push(span);
            }
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
        let got: Vec<&str> = streets(t, &[])
            .into_iter()
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            ["Schulstraße", "Neuendorfer Straße 90c", "Bundesstraße 216"]
        );
        assert!(streets("Der Flugplatz, der Rundweg und die Erweiterung", &[]).is_empty());
    }
}
