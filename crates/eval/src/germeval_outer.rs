//! GermEval 2014, outer level, exact span and type over `PER`, `LOC` and
//! `ORG`, with the errors sorted into classes.
//!
//! The view of issue 19 ("who is mentioned"): only the outer (level 1)
//! annotations count; `GPE` counts as `LOC`; `NORP`, `OTH` and the `deriv`
//! and `part` types are left out on both sides — a reference span of such a
//! type is not a mention to find, and a prediction of such a type (`NORP`,
//! `EVENT`, …) is not scored. A prediction of a scored type lying inside an
//! unscored reference span ("EU" in the `ORGpart` "EU-Budget") is a false
//! positive, as GermEval's own metric counts it; how many there are is in
//! [`OuterExactScores::inside_unscored`], and
//! [`OuterExactScores::overall_lenient`] gives the figures without them. A
//! mention is right when its span and type are both exactly the
//! reference's.
//!
//! Every wrong or missing mention is put into one error class:
//!
//! - a reference mention not found exactly gives one error: `wrong type
//!   LOC→ORG` (a prediction with its span and another type), `boundary too
//!   short PER` / `too long` / `shifted` (predictions overlapping it, the
//!   class named after the largest overlap; `boundary too long LOC→ORG` when
//!   the type differs as well), otherwise `missed PER single-token` or
//!   `missed ORG multi-token` (tokens: the words of the reference text);
//! - a prediction that is neither right nor part of such an error gives
//!   `spurious LOC` (`spurious ORG inside ORGpart` when it lies inside an
//!   unscored reference span, `spurious LOC across unscored` when it
//!   overlaps one without lying inside it).
//!
//! ```
//! use wortlaut_eval::germeval_outer::{Entity, OuterExact};
//!
//! let text = "Anna Schmidt besuchte Berlin und die Deutsche Bahn.";
//! let gold = [
//!     Entity::new(0, 12, "PER"),
//!     Entity::new(22, 28, "LOC"),
//!     Entity::new(37, 50, "ORG"),
//! ];
//! let pred = [
//!     Entity::new(5, 12, "PER"),  // too short
//!     Entity::new(22, 28, "GPE"), // right: GPE counts as LOC
//! ];
//! let mut scores = OuterExact::default();
//! scores.add(text, &gold, &pred);
//! let s = scores.finish();
//! assert_eq!((s.overall.counts.tp, s.overall.counts.fp, s.overall.counts.fn_), (1, 1, 2));
//! assert_eq!(s.errors[0].class, "boundary too short PER");
//! assert_eq!(s.errors[1].class, "missed ORG multi-token");
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use wortlaut::{Error, OffsetUnit, Pipeline};

use crate::metrics::{Counts, Scored};

/// The types scored, in report order.
pub const TYPES: [&str; 3] = ["PER", "LOC", "ORG"];

/// Examples kept per error class.
const EXAMPLES: usize = 3;

/// An entity span: code-point offsets into the sentence (end exclusive) and
/// a type as written by its side (GermEval `PER`, `LOCderiv`, …, or the
/// pipeline's `PER`, `GPE`, `NORP`, …).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The type (JSON `"type"`).
    #[serde(rename = "type")]
    pub kind: String,
}

impl Entity {
    /// An entity of `kind` over code points `start..end`.
    pub fn new(start: usize, end: usize, kind: &str) -> Entity {
        Entity {
            start,
            end,
            kind: kind.to_string(),
        }
    }

    fn overlap(&self, o: &Entity) -> usize {
        self.end.min(o.end).saturating_sub(self.start.max(o.start))
    }

    fn inside(&self, o: &Entity) -> bool {
        o.start <= self.start && self.end <= o.end
    }
}

/// The scored type of a reference type: `PER`, `LOC` (also for `GPE`) and
/// `ORG`; `None` for `OTH`, `NORP` and every `deriv` or `part` type.
pub fn scored_type(kind: &str) -> Option<&'static str> {
    match kind {
        "PER" => Some("PER"),
        "LOC" | "GPE" => Some("LOC"),
        "ORG" => Some("ORG"),
        _ => None,
    }
}

/// One line of the GermEval 2014 file (`../shared/eval/germeval2014`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct GermEvalSentence {
    /// The record id (`germeval2014-dev-00002`).
    #[serde(default)]
    pub id: String,
    /// The sentence, tokens joined by spaces.
    pub text: String,
    /// The annotations of both levels.
    pub entities: Vec<LeveledEntity>,
}

/// A GermEval annotation with its level.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LeveledEntity {
    /// Span and type.
    #[serde(flatten)]
    pub entity: Entity,
    /// 1 for the outer column, 2 for embedded annotations.
    pub level: u8,
}

/// Reads a GermEval 2014 JSON Lines file (empty lines skipped).
pub fn read_germeval2014(path: &Path) -> Result<Vec<GermEvalSentence>, Error> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = Vec::new();
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line)?);
    }
    Ok(out)
}

/// One error class with its count and up to three examples (`"reference"
/// → "prediction"` or the text alone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorClass {
    /// The class, e.g. `missed PER single-token`.
    pub class: String,
    /// How often it occurs.
    pub count: usize,
    /// The first examples met.
    pub examples: Vec<String>,
}

/// The scores of [`OuterExact`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OuterExactScores {
    /// Sentences scored.
    pub documents: usize,
    /// Exact span and type over the three types.
    pub overall: Scored,
    /// Per type (`PER`, `LOC`, `ORG`): reference mentions of the type
    /// against predictions of the type.
    pub by_type: BTreeMap<String, Scored>,
    /// Predictions of a scored type inside an unscored reference span
    /// (false positives in `overall` and `by_type`).
    pub inside_unscored: usize,
    /// `overall` without the predictions inside unscored reference spans.
    pub overall_lenient: Scored,
    /// Every error class, most frequent first (ties by name).
    pub errors: Vec<ErrorClass>,
}

/// Accumulates the outer-exact view sentence by sentence.
#[derive(Clone, Debug, Default)]
pub struct OuterExact {
    documents: usize,
    by_type: BTreeMap<&'static str, Counts>,
    inside_unscored: usize,
    errors: HashMap<String, (usize, Vec<String>)>,
}

impl OuterExact {
    /// Scores one sentence: `gold` are its outer (level 1) reference spans
    /// of every type, `pred` the predicted mentions (any type; unscored
    /// types are left out). Offsets are code points into `text`.
    pub fn add(&mut self, text: &str, gold: &[Entity], pred: &[Entity]) {
        self.documents += 1;
        let chars: Vec<char> = text.chars().collect();
        let show = |e: &Entity| -> String {
            chars
                .get(e.start.min(e.end)..e.end.min(chars.len()))
                .map(|c| c.iter().collect())
                .unwrap_or_default()
        };
        let mapped = |e: &Entity| scored_type(&e.kind).map(|t| Entity::new(e.start, e.end, t));
        let unscored: Vec<&Entity> = gold
            .iter()
            .filter(|e| scored_type(&e.kind).is_none())
            .collect();
        let g: Vec<Entity> = dedup(gold.iter().filter_map(mapped));
        let p: Vec<Entity> = dedup(pred.iter().filter_map(mapped));
        let gs: HashSet<&Entity> = g.iter().collect();
        let ps: HashSet<&Entity> = p.iter().collect();
        for t in TYPES {
            let c = self.by_type.entry(t).or_default();
            let tp = g.iter().filter(|e| e.kind == t && ps.contains(e)).count();
            c.tp += tp;
            c.fn_ += g.iter().filter(|e| e.kind == t).count() - tp;
            c.fp += p.iter().filter(|e| e.kind == t).count() - tp;
        }
        let mut used = vec![false; p.len()];
        for e in g.iter().filter(|e| !ps.contains(e)) {
            let same_span = p.iter().position(|x| x.start == e.start && x.end == e.end);
            let (class, example) = if let Some(i) = same_span {
                used[i] = true;
                (format!("wrong type {}→{}", e.kind, p[i].kind), show(e))
            } else {
                let mut best: Option<usize> = None;
                for (i, x) in p.iter().enumerate() {
                    if x.overlap(e) > 0 {
                        used[i] = true;
                        if best.is_none_or(|b| x.overlap(e) > p[b].overlap(e)) {
                            best = Some(i);
                        }
                    }
                }
                match best {
                    Some(b) => {
                        let x = &p[b];
                        let how = if x.inside(e) {
                            "too short"
                        } else if e.inside(x) {
                            "too long"
                        } else {
                            "shifted"
                        };
                        let kind = if x.kind == e.kind {
                            e.kind.clone()
                        } else {
                            format!("{}→{}", e.kind, x.kind)
                        };
                        (
                            format!("boundary {how} {kind}"),
                            format!("{:?} → {:?}", show(e), show(x)),
                        )
                    }
                    None => {
                        let words = show(e).split_whitespace().count();
                        let n = if words > 1 { "multi" } else { "single" };
                        (format!("missed {} {n}-token", e.kind), show(e))
                    }
                }
            };
            self.note(class, example);
        }
        for (i, x) in p.iter().enumerate() {
            if used[i] || gs.contains(x) {
                continue;
            }
            let class = if let Some(u) = unscored.iter().find(|u| x.inside(u)) {
                self.inside_unscored += 1;
                format!("spurious {} inside {}", x.kind, u.kind)
            } else if unscored.iter().any(|u| x.overlap(u) > 0) {
                format!("spurious {} across unscored", x.kind)
            } else {
                format!("spurious {}", x.kind)
            };
            self.note(class, show(x));
        }
    }

    fn note(&mut self, class: String, example: String) {
        let (n, ex) = self.errors.entry(class).or_default();
        *n += 1;
        if ex.len() < EXAMPLES {
            ex.push(example);
        }
    }

    /// The scores so far.
    pub fn finish(&self) -> OuterExactScores {
        let mut overall = Counts::default();
        for c in self.by_type.values() {
            overall.add(*c);
        }
        let mut errors: Vec<ErrorClass> = self
            .errors
            .iter()
            .map(|(class, (count, examples))| ErrorClass {
                class: class.clone(),
                count: *count,
                examples: examples.clone(),
            })
            .collect();
        errors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.class.cmp(&b.class)));
        let mut lenient = overall;
        lenient.fp -= self.inside_unscored.min(lenient.fp);
        OuterExactScores {
            documents: self.documents,
            overall: overall.into(),
            by_type: self
                .by_type
                .iter()
                .map(|(t, c)| (t.to_string(), (*c).into()))
                .collect(),
            inside_unscored: self.inside_unscored,
            overall_lenient: lenient.into(),
            errors,
        }
    }
}

fn dedup(it: impl Iterator<Item = Entity>) -> Vec<Entity> {
    let mut seen = HashSet::new();
    it.filter(|e| seen.insert(e.clone())).collect()
}

/// Scores the pipeline's mentions against a GermEval 2014 file in the
/// outer-exact view (see the [module](self) documentation).
pub fn score_germeval2014_outer(
    pipeline: &Pipeline,
    path: &Path,
) -> Result<OuterExactScores, Error> {
    let sentences = read_germeval2014(path)?;
    let predictions: Vec<Vec<Entity>> = sentences
        .par_iter()
        .map(|s| {
            let a = pipeline
                .analyze(&s.text)
                .into_unit(&s.text, OffsetUnit::Chars);
            a.mentions
                .iter()
                .map(|m| Entity::new(m.span.start, m.span.end, m.kind.as_str()))
                .collect()
        })
        .collect();
    Ok(score_sentences(&sentences, &predictions))
}

/// Scores predictions (one list per sentence, in file order) against read
/// GermEval sentences in the outer-exact view. Missing lists count as no
/// predictions.
pub fn score_sentences(
    sentences: &[GermEvalSentence],
    predictions: &[Vec<Entity>],
) -> OuterExactScores {
    let mut acc = OuterExact::default();
    for (i, s) in sentences.iter().enumerate() {
        let gold: Vec<Entity> = s
            .entities
            .iter()
            .filter(|e| e.level == 1)
            .map(|e| e.entity.clone())
            .collect();
        acc.add(&s.text, &gold, predictions.get(i).map_or(&[], |p| p));
    }
    acc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &Scored) -> (usize, usize, usize) {
        (s.counts.tp, s.counts.fp, s.counts.fn_)
    }

    #[test]
    fn exact_span_and_type_only() {
        // "Die Europäische Union und Frankreich: Merkel in Paris, Deutsche Bank."
        let text = "Die Europäische Union und Frankreich: Merkel in Paris, Deutsche Bank.";
        let gold = [
            Entity::new(4, 21, "ORG"),  // Europäische Union
            Entity::new(26, 36, "LOC"), // Frankreich
            Entity::new(38, 44, "PER"), // Merkel
            Entity::new(48, 53, "LOC"), // Paris
            Entity::new(55, 68, "ORG"), // Deutsche Bank
        ];
        let pred = [
            Entity::new(16, 21, "ORG"),  // Union: too short
            Entity::new(26, 36, "GPE"),  // right (GPE = LOC)
            Entity::new(38, 44, "PER"),  // right
            Entity::new(48, 53, "ORG"),  // wrong type
            Entity::new(55, 63, "NORP"), // unscored type: not a prediction
        ];
        let mut acc = OuterExact::default();
        acc.add(text, &gold, &pred);
        let s = acc.finish();
        assert_eq!(counts(&s.overall), (2, 2, 3));
        assert_eq!(counts(&s.by_type["LOC"]), (1, 0, 1));
        assert_eq!(counts(&s.by_type["ORG"]), (0, 2, 2));
        assert_eq!(counts(&s.by_type["PER"]), (1, 0, 0));
        let classes: Vec<(&str, usize)> = s
            .errors
            .iter()
            .map(|e| (e.class.as_str(), e.count))
            .collect();
        assert_eq!(
            classes,
            [
                ("boundary too short ORG", 1),
                ("missed ORG multi-token", 1),
                ("wrong type LOC→ORG", 1)
            ]
        );
        assert_eq!(s.errors[0].examples, ["\"Europäische Union\" → \"Union\""]);
        assert_eq!(s.errors[1].examples, ["Deutsche Bank"]);
    }

    #[test]
    fn unscored_reference_spans_are_left_out_on_both_sides() {
        // "EU-Budget" is ORGpart, "deutschen" LOCderiv, "Tatort" OTH.
        let text = "Das EU-Budget der deutschen Serie Tatort in Köln.";
        let gold = [
            Entity::new(4, 13, "ORGpart"),
            Entity::new(18, 27, "LOCderiv"),
            Entity::new(34, 40, "OTH"),
            Entity::new(44, 48, "LOC"),
        ];
        let pred = [
            Entity::new(4, 6, "ORG"),    // inside ORGpart: a false positive
            Entity::new(18, 27, "NORP"), // unscored type
            Entity::new(28, 40, "PER"),  // across the OTH span: spurious
            Entity::new(44, 48, "LOC"),
            Entity::new(0, 3, "ORG"), // spurious
        ];
        let mut acc = OuterExact::default();
        acc.add(text, &gold, &pred);
        let s = acc.finish();
        assert_eq!(s.inside_unscored, 1);
        assert_eq!(counts(&s.overall), (1, 3, 0));
        assert_eq!(counts(&s.overall_lenient), (1, 2, 0));
        let classes: Vec<&str> = s.errors.iter().map(|e| e.class.as_str()).collect();
        assert_eq!(
            classes,
            [
                "spurious ORG",
                "spurious ORG inside ORGpart",
                "spurious PER across unscored"
            ]
        );
    }

    #[test]
    fn boundary_classes_and_single_tokens() {
        let text = "Herr Hans Meier aus Bad Homburg vor der Höhe traf Müller.";
        let gold = [
            Entity::new(5, 15, "PER"),  // Hans Meier
            Entity::new(20, 44, "LOC"), // Bad Homburg vor der Höhe
            Entity::new(50, 56, "PER"), // Müller
        ];
        let pred = [
            Entity::new(0, 15, "PER"),  // Herr Hans Meier: too long
            Entity::new(24, 31, "ORG"), // Homburg as ORG: too short and type
        ];
        let mut acc = OuterExact::default();
        acc.add(text, &gold, &pred);
        let s = acc.finish();
        assert_eq!(counts(&s.overall), (0, 2, 3));
        let classes: Vec<&str> = s.errors.iter().map(|e| e.class.as_str()).collect();
        assert_eq!(
            classes,
            [
                "boundary too long PER",
                "boundary too short LOC→ORG",
                "missed PER single-token"
            ]
        );
    }

    #[test]
    fn reads_the_file_format_and_scores_by_level() {
        let line = r#"{"id": "x-1", "text": "Reichsvereinigung der Juden in Deutschland", "entities": [{"start": 0, "end": 42, "type": "ORG", "text": "Reichsvereinigung der Juden in Deutschland", "level": 1}, {"start": 31, "end": 42, "type": "LOC", "text": "Deutschland", "level": 2}]}"#;
        let s: GermEvalSentence = serde_json::from_str(line).unwrap();
        assert_eq!(s.entities[1].entity, Entity::new(31, 42, "LOC"));
        // The embedded LOC is not a reference mention: the prediction of
        // it is a boundary error of the outer ORG, not a match.
        let r = score_sentences(&[s], &[vec![Entity::new(31, 42, "GPE")]]);
        assert_eq!(counts(&r.overall), (0, 1, 1));
        assert_eq!(r.errors[0].class, "boundary too short ORG→LOC");
    }
}
