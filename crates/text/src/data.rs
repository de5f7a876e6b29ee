//! The one reader of wortlaut's data files.
//!
//! Every list and table a language needs is a UTF-8 text file in one
//! format: one entry per line; fields separated by one or more TABs; a line
//! whose first non-blank character is `#` is a comment; blank lines are
//! skipped; fields are trimmed; there are no inline comments (a `#` inside a
//! field is part of it).
//!
//! ```
//! use wortlaut_text::data::rows;
//! let text = "# word\tkind\nnicht\tneg\n\n  kaum \t dim\t0.5\n";
//! let got: Vec<(usize, Vec<&str>)> = rows(text).map(|r| (r.line(), r.fields().collect())).collect();
//! assert_eq!(got, [(2, vec!["nicht", "neg"]), (4, vec!["kaum", "dim", "0.5"])]);
//! ```

/// One entry of a data file: its line number and its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    line: usize,
    text: &'a str,
}

impl<'a> Row<'a> {
    /// The 1-based line number in the file, for error messages.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The whole line, trimmed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The fields, trimmed, in order.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.text
            .split('\t')
            .map(str::trim)
            .filter(|f| !f.is_empty())
    }

    /// Field `i` (0-based), if the line has it.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        self.fields().nth(i)
    }

    /// The first field: the entry's word or key. Never empty.
    pub fn key(&self) -> &'a str {
        self.fields().next().unwrap_or(self.text)
    }
}

/// The entries of a data file, in file order.
pub fn rows(text: &str) -> impl Iterator<Item = Row<'_>> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let t = line.trim();
        (!t.is_empty() && !t.starts_with('#')).then_some(Row {
            line: i + 1,
            text: t,
        })
    })
}

/// The first field of every entry of a data file: a word list.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    rows(text).map(|r| r.key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_fields() {
        let text = "#a\n   # indented comment\r\nwort\r\n\t\nx\t\ty # not a comment\n";
        let got: Vec<(usize, Vec<&str>)> = rows(text)
            .map(|r| (r.line(), r.fields().collect()))
            .collect();
        assert_eq!(
            got,
            [(3, vec!["wort"]), (5, vec!["x", "y # not a comment"])]
        );
        assert_eq!(words(text).collect::<Vec<_>>(), ["wort", "x"]);
    }
}
