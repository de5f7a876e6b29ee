//! The entries of an embedded word list in the project's data format:
//! UTF-8, one entry a line, fields separated by TAB and trimmed, a line
//! whose first non-blank character is `#` a comment, blank lines skipped.

/// The first field of every entry of `text`, in file order.
pub(crate) fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        line.split('\t').next().map(str::trim)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_blank_lines_and_trims_fields() {
        let text = "# a list\n\n  eins \t x\n\t# an indented comment\nzwei\n";
        assert_eq!(entries(text).collect::<Vec<_>>(), ["eins", "zwei"]);
    }

    #[test]
    fn the_embedded_lists_are_clean() {
        for list in [
            include_str!("../data/cluster-stop-words.de.txt"),
            include_str!("../data/inflection-endings.de.txt"),
        ] {
            let words: Vec<&str> = entries(list).collect();
            assert!(!words.is_empty());
            let mut distinct = words.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), words.len(), "a word is listed twice");
            assert!(words.iter().all(|w| *w == w.to_lowercase()));
        }
    }
}
