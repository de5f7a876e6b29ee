//! Weak-verb inflection for the cue verbs, with its affixes from the list
//! `quotes/weak-verbs`.

use wortlaut_text::{List, ProfileError};

/// The affixes and letters of weak-verb inflection.
#[derive(Debug, Default)]
pub(crate) struct WeakVerbs {
    infinitive_endings: Vec<String>,
    present: String,
    past: String,
    past_plural: String,
    linking_vowel: String,
    linking_after: Vec<String>,
    nasal: Vec<String>,
    not_before_nasal: Vec<char>,
    participle_prefix: String,
    no_prefix_endings: Vec<String>,
    inseparable: Vec<String>,
    zu: String,
}

impl WeakVerbs {
    pub(crate) fn new(list: &List<'_>) -> Result<WeakVerbs, ProfileError> {
        let mut w = WeakVerbs::default();
        for row in list.rows() {
            let affix = row.key().to_string();
            let kind = list.field(&row, 1, "what it is")?;
            match kind {
                "infinitive-ending" => w.infinitive_endings.push(affix),
                "present-ending" => w.present = affix,
                "past-ending" => w.past = affix,
                "past-plural-ending" => w.past_plural = affix,
                "linking-vowel" => w.linking_vowel = affix,
                "linking-after" => w.linking_after.push(affix),
                "nasal" => w.nasal.push(affix),
                "not-before-nasal" => {
                    let mut chars = affix.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => w.not_before_nasal.push(c),
                        _ => {
                            return Err(list.error(
                                &row,
                                format!("`{affix}`: not-before-nasal takes one letter per line"),
                            ))
                        }
                    }
                }
                "participle-prefix" => w.participle_prefix = affix,
                "no-prefix-ending" => w.no_prefix_endings.push(affix),
                "inseparable-prefix" => w.inseparable.push(affix),
                "infinitive-particle" => w.zu = affix,
                _ => {
                    return Err(list.error(
                        &row,
                        format!(
                            "unknown kind `{kind}`: see the list's header for the kinds it takes"
                        ),
                    ))
                }
            }
        }
        Ok(w)
    }

    /// Present and past finite forms (3rd person) and the past participle
    /// of a weak verb: "sagen" → sagt, sagen, sagte, sagten; gesagt.
    pub(crate) fn forms(&self, infinitive: &str) -> (Vec<String>, String) {
        let stem = self
            .infinitive_endings
            .iter()
            .find_map(|e| infinitive.strip_suffix(e.as_str()))
            .unwrap_or(infinitive);
        // "behaupten", "antworten", "rechnen": a vowel before the ending.
        let linking = self
            .linking_after
            .iter()
            .any(|e| stem.ends_with(e.as_str()))
            || (self.nasal.iter().any(|e| stem.ends_with(e.as_str()))
                && stem
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|c| !self.not_before_nasal.contains(&c)));
        let e = if linking {
            self.linking_vowel.as_str()
        } else {
            ""
        };
        let present = format!("{stem}{e}{}", self.present);
        let past = format!("{stem}{e}{}", self.past);
        let past_plural = format!("{stem}{e}{}", self.past_plural);
        let no_prefix = self
            .no_prefix_endings
            .iter()
            .any(|e| infinitive.ends_with(e.as_str()))
            || self
                .inseparable
                .iter()
                .any(|p| infinitive.starts_with(p.as_str()) && infinitive.len() > p.len() + 4);
        let participle = if no_prefix {
            present.clone()
        } else {
            format!("{}{present}", self.participle_prefix)
        };
        (
            vec![present, infinitive.to_string(), past, past_plural],
            participle,
        )
    }

    /// The infinitive with "zu" of a separable verb ("mit" + "teilen" →
    /// "mitzuteilen").
    pub(crate) fn zu_infinitive(&self, particle: &str, base: &str) -> String {
        format!("{particle}{}{base}", self.zu)
    }
}

#[cfg(test)]
mod tests {
    use wortlaut_text::Profile;

    use super::*;

    #[test]
    fn weak_verbs_are_inflected() {
        let w = WeakVerbs::new(&Profile::german().list("quotes/weak-verbs").unwrap()).unwrap();
        let (f, p) = w.forms("sagen");
        assert_eq!(f, ["sagt", "sagen", "sagte", "sagten"]);
        assert_eq!(p, "gesagt");
        let (f, p) = w.forms("behaupten");
        assert_eq!(f[2], "behauptete");
        assert_eq!(p, "behauptet");
        assert_eq!(w.forms("kritisieren").1, "kritisiert");
        assert_eq!(w.forms("fordern").0[2], "forderte");
        assert_eq!(w.forms("erklären").1, "erklärt");
        assert_eq!(w.forms("warnen").0[0], "warnt");
        assert_eq!(w.forms("leugnen").0[0], "leugnet");
        assert_eq!(w.forms("rechnen").0[0], "rechnet");
        assert_eq!(w.forms("filmen").0[0], "filmt");
        assert_eq!(w.forms("atmen").0[0], "atmet");
        assert_eq!(w.zu_infinitive("mit", "teilen"), "mitzuteilen");
    }
}
