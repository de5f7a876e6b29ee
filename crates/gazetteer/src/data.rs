//! Word lists embedded from `data/`.

pub(crate) use wortlaut_normalize::hash::WordSet as HashSet;

/// The non-comment, non-empty lines of an embedded data file, as a set.
pub(crate) fn data_set(data: &'static str) -> HashSet<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}
