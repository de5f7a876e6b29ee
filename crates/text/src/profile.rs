//! Language profiles: every word list and table a language needs, by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::data::{rows, Row};

/// `(language, list name, text)` of every embedded list (see `build.rs`).
const EMBEDDED: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Errors of loading a profile or reading one of its lists.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// A stage asked for a list the profile does not have.
    #[error("the {language} profile has no list `{name}`: add the file `{name}.txt` to its folder (see docs/LANGUAGES.md)")]
    MissingList {
        /// The profile's language.
        language: String,
        /// The list's name.
        name: String,
    },
    /// A line of a list could not be read.
    #[error("{language} list `{name}`, line {line}: {message}")]
    BadLine {
        /// The profile's language.
        language: String,
        /// The list's name.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong and what the line should look like.
        message: String,
    },
    /// A profile folder could not be read.
    #[error("cannot read profile folder {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// All lists of one language, by name ("quotes/cue-verbs").
///
/// [`Profile::german`] is embedded in the binary; [`Profile::from_dir`]
/// reads a folder of the same layout (a second language, or the German
/// lists with local changes). Cloning is cheap.
///
/// ```
/// use wortlaut_text::Profile;
/// let de = Profile::german();
/// assert_eq!(de.language(), "de");
/// assert!(de.list("no/such-list").is_err());
/// ```
#[derive(Clone, Debug)]
pub struct Profile {
    language: Arc<str>,
    lists: Arc<BTreeMap<String, Arc<str>>>,
}

/// One list of a [`Profile`].
#[derive(Clone, Copy, Debug)]
pub struct List<'p> {
    language: &'p str,
    name: &'p str,
    text: &'p str,
}

impl Profile {
    /// The embedded German profile (built once, then shared).
    pub fn german() -> &'static Profile {
        static GERMAN: OnceLock<Profile> = OnceLock::new();
        GERMAN.get_or_init(|| Profile::embedded("de"))
    }

    fn embedded(language: &str) -> Profile {
        let lists = EMBEDDED
            .iter()
            .filter(|(l, _, _)| *l == language)
            .map(|(_, name, text)| (name.to_string(), Arc::from(*text)))
            .collect();
        Profile {
            language: Arc::from(language),
            lists: Arc::new(lists),
        }
    }

    /// A profile from `(name, text)` pairs, for tests and profiles built in
    /// code.
    pub fn from_lists<'a>(
        language: &str,
        lists: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Profile {
        Profile {
            language: Arc::from(language),
            lists: Arc::new(
                lists
                    .into_iter()
                    .map(|(n, t)| (n.to_string(), Arc::from(t)))
                    .collect(),
            ),
        }
    }

    /// Reads every `.txt` and `.tsv` file below `dir`; a list's name is its
    /// path below `dir` without the ending.
    pub fn from_dir(language: &str, dir: impl AsRef<Path>) -> Result<Profile, ProfileError> {
        fn walk(
            root: &Path,
            dir: &Path,
            out: &mut BTreeMap<String, Arc<str>>,
        ) -> Result<(), ProfileError> {
            let io = |source| ProfileError::Io {
                path: dir.to_path_buf(),
                source,
            };
            for entry in std::fs::read_dir(dir).map_err(io)? {
                let path = entry.map_err(io)?.path();
                if path.is_dir() {
                    walk(root, &path, out)?;
                } else if path.extension().is_some_and(|e| e == "txt" || e == "tsv") {
                    let text =
                        std::fs::read_to_string(&path).map_err(|source| ProfileError::Io {
                            path: path.clone(),
                            source,
                        })?;
                    let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("");
                    out.insert(rel.to_string_lossy().replace('\\', "/"), Arc::from(text));
                }
            }
            Ok(())
        }
        let mut lists = BTreeMap::new();
        walk(dir.as_ref(), dir.as_ref(), &mut lists)?;
        Ok(Profile {
            language: Arc::from(language),
            lists: Arc::new(lists),
        })
    }

    /// The language code ("de").
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The list `name`, or an error that says which file is missing.
    pub fn list(&self, name: &str) -> Result<List<'_>, ProfileError> {
        match self.lists.get_key_value(name) {
            Some((name, text)) => Ok(List {
                language: &self.language,
                name,
                text,
            }),
            None => Err(ProfileError::MissingList {
                language: self.language.to_string(),
                name: name.to_string(),
            }),
        }
    }

    /// The names of all lists, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lists.keys().map(String::as_str)
    }
}

impl<'p> List<'p> {
    /// The list's name.
    pub fn name(&self) -> &'p str {
        self.name
    }

    /// The file's text as it is.
    pub fn text(&self) -> &'p str {
        self.text
    }

    /// The entries, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'p>> {
        rows(self.text)
    }

    /// The first field of every entry.
    pub fn words(&self) -> impl Iterator<Item = &'p str> {
        self.rows().map(|r| r.key())
    }

    /// An error for line `row` of this list, with what is wrong.
    pub fn error(&self, row: &Row<'_>, message: impl Into<String>) -> ProfileError {
        ProfileError::BadLine {
            language: self.language.to_string(),
            name: self.name.to_string(),
            line: row.line(),
            message: message.into(),
        }
    }

    /// Field `i` of `row`, or an error naming the column that is missing.
    pub fn field<'r>(&self, row: &Row<'r>, i: usize, what: &str) -> Result<&'r str, ProfileError> {
        row.get(i)
            .ok_or_else(|| self.error(row, format!("column {} ({what}) is missing", i + 1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_by_name_and_errors_with_lines() {
        let p = Profile::from_lists("xx", [("a/b", "# c\nw1\tx\nw2\n")]);
        let l = p.list("a/b").unwrap();
        assert_eq!(l.words().collect::<Vec<_>>(), ["w1", "w2"]);
        let row = l.rows().nth(1).unwrap();
        let e = l.field(&row, 1, "kind").unwrap_err().to_string();
        assert_eq!(e, "xx list `a/b`, line 3: column 2 (kind) is missing");
        let e = p.list("nope").unwrap_err().to_string();
        assert!(
            e.contains("no list `nope`") && e.contains("nope.txt"),
            "{e}"
        );
    }

    #[test]
    fn german_profile_is_embedded_and_lists_are_well_formed() {
        let de = Profile::german();
        assert_eq!(de.language(), "de");
        for name in de.names() {
            let list = de.list(name).unwrap();
            assert!(
                list.text().trim_start().starts_with('#'),
                "list {name} must start with a comment saying what it is, its source and licence"
            );
        }
    }

    #[test]
    fn from_dir_reads_nested_lists() {
        let dir = std::env::temp_dir().join(format!("wortlaut-profile-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("quotes")).unwrap();
        std::fs::write(dir.join("quotes/pronouns.txt"), "# p\ner\n").unwrap();
        let p = Profile::from_dir("xx", &dir).unwrap();
        assert_eq!(p.names().collect::<Vec<_>>(), ["quotes/pronouns"]);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(
            Profile::from_dir("xx", &dir),
            Err(ProfileError::Io { .. })
        ));
    }
}
