//! The gazetteer file format (TSV), its parser and its checker.
//!
//! One entity per line, five columns separated by tabs (shown here as `⇥`):
//!
//! ```text
//! # id ⇥ type ⇥ name ⇥ aliases ⇥ attributes
//! vladimir_putin ⇥ PER ⇥ Wladimir Putin ⇥ Vladimir Putin|Putin ⇥ qid=Q7747;country=russia;role=Präsident Russlands@2024-05-07
//! russia ⇥ GPE ⇥ Russland ⇥ Russische Föderation ⇥ qid=Q159;adjective=russisch;demonym=Russe
//! moscow ⇥ GPE ⇥ Moskau ⇥ Moscow ⇥ qid=Q649;country=russia;acts_for=russia
//! ```
//!
//! - `aliases`: `|`-separated, may be empty; the last two columns may be
//!   left out.
//! - `attributes`: `;`-separated `key=value`: `qid`, `country`, `acts_for`
//!   (the id of the entity this one stands for as a speaker, stance holder
//!   or stance target: a capital for its state), `role` (`title@date`),
//!   `adjective`, `demonym`, `short` (`|`-separated).
//! - Empty lines and lines starting with `#` are skipped; a first line
//!   `id<TAB>type<TAB>…` is a header.

use std::collections::HashSet;

use crate::entity::{Entity, EntityType, Role};
use crate::error::{Error, Problem};

fn parse_line(line: &str) -> Result<Entity, String> {
    let mut cols: [&str; 5] = [""; 5];
    let mut count = 0;
    for c in line.split('\t') {
        if let Some(slot) = cols.get_mut(count) {
            *slot = c;
        }
        count += 1;
    }
    if !(3..=5).contains(&count) {
        return Err(format!(
            "expected 3 to 5 tab-separated columns (id, type, name, aliases, attributes), found {count}"
        ));
    }
    let cols = &cols[..count];
    let id = cols[0].trim();
    if id.is_empty() {
        return Err("empty id: every entity needs a unique id in the first column".into());
    }
    let kind: EntityType = cols[1].parse()?;
    let name = cols[2].trim();
    if name.is_empty() {
        return Err(format!("entity {id:?} has an empty name (third column)"));
    }
    let mut e = Entity::new(id, kind, name);
    if let Some(aliases) = cols.get(3) {
        e.aliases = aliases
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
    }
    if let Some(attrs) = cols.get(4) {
        for attr in attrs.split(';').map(str::trim).filter(|a| !a.is_empty()) {
            let Some((key, value)) = attr.split_once('=') else {
                return Err(format!(
                    "attribute {attr:?} has no '=': write attributes as key=value;key=value"
                ));
            };
            let value = value.trim();
            let opt = || (!value.is_empty()).then(|| value.to_string());
            match key.trim() {
                "qid" => {
                    if !(value.starts_with('Q') && value[1..].bytes().all(|b| b.is_ascii_digit()) && value.len() > 1) {
                        return Err(format!("qid {value:?} is not a Wikidata id like Q7747"));
                    }
                    e.qid = opt();
                }
                "country" => e.country = opt(),
                "acts_for" => e.acts_for = opt(),
                "role" => {
                    e.role = opt().map(|v| match v.split_once('@') {
                        Some((t, d)) => Role {
                            title: t.trim().to_string(),
                            as_of: Some(d.trim().to_string()),
                        },
                        None => Role {
                            title: v,
                            as_of: None,
                        },
                    })
                }
                "adjective" => e.adjective = opt(),
                "demonym" => e.demonym = opt(),
                "short" => {
                    e.short = value
                        .split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                other => {
                    return Err(format!(
                        "unknown attribute {other:?}: use qid, country, acts_for, role, adjective, demonym or short"
                    ))
                }
            }
        }
    }
    Ok(e)
}

fn is_header(line: &str) -> bool {
    line.starts_with("id\ttype")
}

/// Parses a gazetteer in the TSV format; stops at the first problem.
pub fn parse_tsv(text: &str) -> Result<Vec<Entity>, Error> {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut out = Vec::with_capacity(lines);
    let mut ids: wortlaut_normalize::hash::WordSet<&str> =
        wortlaut_normalize::hash::WordSet::with_capacity_and_hasher(lines, Default::default());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || is_header(line) {
            continue;
        }
        let e = parse_line(line).map_err(|message| {
            Error::Parse(Problem {
                line: n + 1,
                message,
            })
        })?;
        if !ids.insert(line.split('\t').next().unwrap_or("").trim()) {
            return Err(Error::Parse(Problem {
                line: n + 1,
                message: format!("duplicate id {:?}: ids must be unique", e.id),
            }));
        }
        out.push(e);
    }
    Ok(out)
}

/// Lists every problem of a gazetteer in the TSV format (empty: the file is
/// fine), by line. Never panics, whatever the input.
///
/// Besides what [`parse_tsv`] rejects, it reports aliases that repeat a
/// name of their entity and an `acts_for` that names no entity of the file;
/// a gazetteer with only such problems still loads.
pub fn check_tsv(text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ids: std::collections::HashMap<String, usize> = Default::default();
    // Every id written in the first column, even on lines with errors, so
    // that one error is not reported again at each reference to it.
    let mut written: HashSet<&str> = HashSet::new();
    let mut acts_for: Vec<(usize, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || is_header(line) {
            continue;
        }
        written.insert(line.split('\t').next().unwrap_or("").trim());
        match parse_line(line) {
            Ok(e) => {
                if let Some(a) = e.acts_for.clone() {
                    acts_for.push((n + 1, a));
                }
                if let Some(first) = ids.get(&e.id) {
                    problems.push(Problem {
                        line: n + 1,
                        message: format!("duplicate id {:?} (first on line {first})", e.id),
                    });
                } else {
                    ids.insert(e.id.clone(), n + 1);
                }
                let mut seen = HashSet::new();
                for a in std::iter::once(&e.name).chain(&e.aliases) {
                    if !seen.insert(wortlaut_normalize::fold_str(a)) {
                        problems.push(Problem {
                            line: n + 1,
                            message: format!("alias {a:?} repeats a name of the same entity"),
                        });
                    }
                }
            }
            Err(message) => problems.push(Problem {
                line: n + 1,
                message,
            }),
        }
    }
    for (line, id) in acts_for {
        if !written.contains(id.as_str()) {
            problems.push(Problem {
                line,
                message: format!(
                    "acts_for={id} names no entity of this file: give the id of an entity listed here"
                ),
            });
        }
    }
    problems.sort_by_key(|p| p.line);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "id\ttype\tname\taliases\tattributes\n\
# comment\n\
vladimir_putin\tPER\tWladimir Putin\tVladimir Putin|Putin\tqid=Q7747;country=russia;role=Präsident Russlands@2024-05-07\n\
\n\
russia\tGPE\tRussland\tRussische Föderation\tqid=Q159;adjective=russisch;demonym=Russe\n\
un\tORG\tVereinte Nationen\n\
moscow\tGPE\tMoskau\tMoscow\tqid=Q649;country=russia;acts_for=russia\n";

    #[test]
    fn parses_sample() {
        let es = parse_tsv(SAMPLE).unwrap();
        assert_eq!(es.len(), 4);
        assert_eq!(es[0].aliases, ["Vladimir Putin", "Putin"]);
        assert_eq!(
            es[0].role.as_ref().unwrap().as_of.as_deref(),
            Some("2024-05-07")
        );
        assert_eq!(es[1].adjective.as_deref(), Some("russisch"));
        assert_eq!(es[2].kind, EntityType::Org);
        assert_eq!(es[3].acts_for.as_deref(), Some("russia"));
        assert_eq!(es[3].country.as_deref(), Some("russia"));
        assert_eq!(es[0].acts_for, None);
        assert!(check_tsv(SAMPLE).is_empty());
    }

    #[test]
    fn acts_for_must_name_an_entity_of_the_file() {
        // An empty value is no attribute; an id of the file, even of a line
        // with another error, is fine; an unknown id is reported on its line.
        let text = "a\tGPE\tAland\t\tacts_for=\n\
b\tGPE\tBland\t\tacts_for=c\n\
c\tXYZ\tCland\n\
d\tGPE\tDland\t\tacts_for=nowhere\n";
        let p = check_tsv(text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].line, 3);
        assert!(p[0].message.contains("unknown type"));
        assert_eq!(p[1].line, 4);
        assert!(p[1].message.contains("acts_for=nowhere names no entity"));
        // Loading does not check references.
        let es = parse_tsv("d\tGPE\tDland\t\tacts_for=nowhere\n").unwrap();
        assert_eq!(es[0].acts_for.as_deref(), Some("nowhere"));
        assert_eq!(
            parse_tsv("a\tGPE\tAland\t\tacts_for=").unwrap()[0].acts_for,
            None
        );
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let bad = "a\tPER\tAnna\n\
a\tPER\tAnna B\n\
b\tXYZ\tBerta\n\
c\tPER\n\
d\tORG\tDora\t\tqid=7\n\
e\tORG\tEmil\tEmil\tcolour=blue\n";
        let p = check_tsv(bad);
        let lines: Vec<usize> = p.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert!(p[0].message.contains("duplicate id"));
        assert!(p[1].message.contains("unknown type"));
        assert!(p[4].message.contains("use qid, country, acts_for, role"));
        assert!(matches!(
            parse_tsv(bad),
            Err(Error::Parse(Problem { line: 2, .. }))
        ));
    }
}
