//! Reading gold and prediction files of the Wikinews quotation data.

use std::collections::HashMap;
use std::fmt;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use super::{GoldArticle, WikinewsQuote};

/// A failure to read a gold or prediction file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line of a gold file is not an article of the converted dataset.
    #[error(
        "{path}:{line}:{}: not a gold article: {}; use a converted gold file \
         (wikinews_quotes.py convert), one JSON object per line with \"id\", \
         \"text\", \"tokens\" and \"quotes\"",
        .source.column(),
        json_message(.source)
    )]
    Gold {
        /// The file.
        path: PathBuf,
        /// The line number (1-based).
        line: usize,
        /// What is wrong with the line.
        #[source]
        source: serde_json::Error,
    },
    /// A line of a prediction file is not a prediction.
    #[error(
        "{path}:{line}:{}: not a prediction: {}; write one JSON object per line, \
         {{\"id\": \"...\", \"quotes\": [{{\"quote\": [[start, end], ...], \"speaker\": [...], \
         \"cue\": [...], \"frame\": [...], \"addressee\": [...], \"type\": \"...\", \
         \"medium\": \"...\"}}]}}, with code-point offsets",
        .source.column(),
        json_message(.source)
    )]
    Prediction {
        /// The file.
        path: PathBuf,
        /// The line number (1-based).
        line: usize,
        /// What is wrong with the line.
        #[source]
        source: serde_json::Error,
    },
}

/// A JSON error without its position (the line is always 1 here).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_string(),
        None => text,
    }
}

/// Reads a converted gold file (JSON Lines, one [`GoldArticle`] per line;
/// blank lines are skipped).
pub fn read_gold(path: impl AsRef<Path>) -> Result<Vec<GoldArticle>, ReadError> {
    let path = path.as_ref();
    let mut out = Vec::new();
    for_each_line(path, |n, line| {
        out.push(
            serde_json::from_str(line).map_err(|source| ReadError::Gold {
                path: path.to_path_buf(),
                line: n,
                source,
            })?,
        );
        Ok(())
    })?;
    Ok(out)
}

/// Reads predictions: JSON Lines `{"id": ..., "quotes": [...]}`, quotes as
/// [`WikinewsQuote`]s (other fields are ignored, so a gold file reads as
/// predictions too). Returns the quotes by article id; when an id occurs
/// twice, the later line wins, as in the reference scorer.
pub fn read_predictions(
    path: impl AsRef<Path>,
) -> Result<HashMap<String, Vec<WikinewsQuote>>, ReadError> {
    #[derive(Deserialize)]
    struct Line {
        #[serde(deserialize_with = "id_string")]
        id: String,
        #[serde(default, deserialize_with = "nullable")]
        quotes: Vec<WikinewsQuote>,
    }
    let path = path.as_ref();
    let mut out = HashMap::new();
    for_each_line(path, |n, line| {
        let l: Line = serde_json::from_str(line).map_err(|source| ReadError::Prediction {
            path: path.to_path_buf(),
            line: n,
            source,
        })?;
        out.insert(l.id, l.quotes);
        Ok(())
    })?;
    Ok(out)
}

fn for_each_line(
    path: &Path,
    mut f: impl FnMut(usize, &str) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::io::BufReader::new(std::fs::File::open(path).map_err(io)?);
    for (i, line) in file.lines().enumerate() {
        let line = line.map_err(io)?;
        let line = line.trim();
        if !line.is_empty() {
            f(i + 1, line)?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ serde helpers

/// An id given as a string or as a (non-negative or negative) integer.
pub(super) fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an article id (string or integer)")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(V)
}

/// `null` as an empty list.
pub(super) fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

const SPAN_SHAPE: &str = "a span must be [start, end] and a role a list of spans";

/// A role's spans: `null`, `[]`, one `[s, e]` or a list `[[s, e], ...]`.
pub(super) fn spans<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[usize; 2]>, D::Error> {
    /// An element of the outer list: an offset (single-span form) or a span.
    enum Elem {
        Offset(usize),
        Span([usize; 2]),
    }
    impl<'de> Deserialize<'de> for Elem {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Elem, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Elem;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a span [start, end] of code-point offsets")
                }
                fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Elem, E> {
                    usize::try_from(v)
                        .map(Elem::Offset)
                        .map_err(|_| E::custom("offset too large"))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut a: A,
                ) -> Result<Elem, A::Error> {
                    let start = a.next_element::<usize>()?;
                    let end = a.next_element::<usize>()?;
                    match (start, end, a.next_element::<serde::de::IgnoredAny>()?) {
                        (Some(s), Some(e), None) => Ok(Elem::Span([s, e])),
                        _ => Err(serde::de::Error::custom(SPAN_SHAPE)),
                    }
                }
            }
            d.deserialize_any(V)
        }
    }
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<[usize; 2]>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of spans [[start, end], ...] of code-point offsets")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut a: A,
        ) -> Result<Self::Value, A::Error> {
            use serde::de::Error;
            let mut out = Vec::new();
            match a.next_element::<Elem>()? {
                None => {}
                Some(Elem::Offset(s)) => {
                    match (a.next_element::<usize>()?, a.next_element::<usize>()?) {
                        (Some(e), None) => out.push([s, e]),
                        _ => return Err(A::Error::custom(SPAN_SHAPE)),
                    }
                }
                Some(Elem::Span(sp)) => {
                    out.push(sp);
                    while let Some(elem) = a.next_element::<Elem>()? {
                        match elem {
                            Elem::Span(sp) => out.push(sp),
                            Elem::Offset(_) => return Err(A::Error::custom(SPAN_SHAPE)),
                        }
                    }
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}
