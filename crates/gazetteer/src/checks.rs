//! Checks of one match on the folded view: word boundaries, glued words
//! and closed compounds, compound exceptions, case rules, and the
//! organisation names a place or an adjective is part of.

use wortlaut_normalize::{Fold, Folded, Norm, Normalized, SourceMapper, Span};

use crate::entity::EntityType;
use crate::matcher::{Candidate, Gazetteer, Target};
use crate::variants::{Case, Form};
use crate::words::Words;

/// Start of a club or company prefix right before `start` in the folded
/// text ("borussia dortmund", "1. fc koln"), if there is one.
fn club_prefix_start(words: &Words, hay: &str, start: usize) -> Option<usize> {
    let before = hay[..start].strip_suffix(' ')?;
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    if !words.club_prefixes.contains(&before[word_start..]) {
        return None;
    }
    // "1. FC Köln": take the ordinal along.
    let mut s = word_start;
    if let Some(rest) = before[..word_start].strip_suffix(". ") {
        let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            s = rest.len() - digits;
        }
    }
    Some(s)
}

fn is_org_head(words: &Words, folded_word: &str) -> bool {
    // The word, or a suffix of at least four bytes after at least three
    // ("Landesuniversität").
    let heads = &words.org_heads;
    heads.contains(folded_word)
        || folded_word
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i >= 3 && folded_word.len() - i >= 4)
            .any(|i| heads.contains(&folded_word[i..]))
}

/// The word before `start` in `hay` (one space between), as (start, word).
fn word_before(hay: &str, start: usize) -> Option<(usize, &str)> {
    let before = hay[..start].strip_suffix(' ')?;
    let s = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
        .last()
        .map(|(i, _)| i)?;
    Some((s, &before[s..]))
}

/// The word after `end` in `hay` (one space between), as (end, word).
fn word_after(hay: &str, end: usize) -> Option<(usize, &str)> {
    let after = hay[end..].strip_prefix(' ')?;
    let e = after
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
        .map_or(after.len(), |(i, _)| i);
    (e > 0).then(|| (end + 1 + e, &after[..e]))
}

impl Gazetteer {
    /// The organisation name a candidate is part of, on the folded view: a
    /// club prefix before a city ("Borussia Dortmund"), an organisation
    /// noun (and capitalised adjectives) before a place ("Medizinische
    /// Hochschule Hannover"), or a capitalised country adjective before an
    /// organisation noun ("Deutsche Bank").
    pub(crate) fn organisation(
        &self,
        normalized: &Normalized,
        hay: &str,
        to_norm: &mut SourceMapper<'_, Norm, Fold>,
        c: &Candidate,
        target: &Target,
    ) -> Option<Span<Fold>> {
        let norm = normalized.text();
        let mut upper_at = |p: usize| {
            let n = to_norm.to_source(Span::new(p, p));
            norm.get(n.start..)
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_uppercase)
        };
        let mut org: Option<Span<Fold>> = None;
        if target.kind == EntityType::Gpe && matches!(target.form, Form::Name | Form::Genitive) {
            if let Some(s) = club_prefix_start(&self.words, hay, c.start) {
                // "Borussia Dortmund" is a club, not the city.
                org = Some(Span::new(s, c.end));
            } else if let Some((s, w)) = word_before(hay, c.start) {
                // "Universität Hamburg", "Medizinische Hochschule Hannover".
                if is_org_head(&self.words, w) && upper_at(s) {
                    let mut s = s;
                    while let Some((p, adj)) = word_before(hay, s) {
                        let adjective = Words::ends_with_any(&self.words.attributive_endings, adj)
                            && adj.chars().count() > 4;
                        if adjective && upper_at(p) {
                            s = p;
                        } else {
                            break;
                        }
                    }
                    org = Some(Span::new(s, c.end));
                }
            }
        }
        if target.form == Form::Adjective && upper_at(c.start) {
            // "Deutsche Bank", "Bayerisches Staatsministerium": a
            // capitalised adjective before an organisation noun.
            let sentence_start = hay[..c.start].trim_end().is_empty()
                || hay[..c.start]
                    .trim_end()
                    .ends_with(['.', '!', '?', ':', '„', '‚']);
            if let Some((e, w)) = word_after(hay, c.end) {
                if !sentence_start && is_org_head(&self.words, w) && upper_at(c.end + 1) {
                    org = Some(Span::new(c.start, e));
                }
            }
        }
        org
    }

    /// Checks one match on the folded view: word boundaries (a name glued to
    /// a known word or heading a known compound passes), compound
    /// exceptions ("US-Dollar"), case rules.
    pub(crate) fn check(
        &self,
        normalized: &Normalized,
        folded: &Folded,
        to_norm: &mut SourceMapper<'_, Norm, Fold>,
        s: usize,
        e: usize,
        pattern: usize,
    ) -> Option<Candidate> {
        let hay = folded.text();
        let norm = normalized.text();
        if e <= s {
            return None;
        }
        // A name with trailing punctuation ("Jr.") can end inside a
        // multi-byte character of the text: no match.
        if !hay.is_char_boundary(s) || !hay.is_char_boundary(e) || e > hay.len() {
            return None;
        }
        if hay[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let next = hay[e..].chars().next();
        let mut glued = false;
        if let Some(n) = next {
            if n.is_alphanumeric() {
                // A name run into a lower-case word: glued by broken
                // extraction, or a closed compound.
                let rest_end = hay[e..]
                    .char_indices()
                    .find(|&(_, ch)| !ch.is_alphabetic())
                    .map_or(hay.len(), |(k, _)| e + k);
                let rest = &hay[e..rest_end];
                if e - s < 3 {
                    return None;
                }
                let glue = self.words.glue_words.contains(rest);
                let compound = e - s >= 4 && self.words.compound_heads.contains(rest);
                if !(glue || compound) {
                    return None;
                }
                // The mapping to the normalised text last: it costs most.
                let at = to_norm.to_source(Span::new(e, e));
                let rest_norm = norm.get(at.start..).and_then(|s| s.chars().next());
                if !rest_norm.is_some_and(char::is_lowercase) {
                    return None;
                }
                glued = glue;
            }
            if n == '-' && self.is_compound_exception(hay, s) {
                return None;
            }
        }
        // Case rules read the normalised text, unless a target takes any
        // case.
        let targets = self.inner.targets(pattern);
        if !targets.iter().any(|t| t.case == Case::Any) {
            let nspan = to_norm.to_source(Span::new(s, e));
            let surface = &norm[nspan.start.min(norm.len())..nspan.end.min(norm.len())];
            if !targets.iter().any(|t| case_ok(t, surface)) {
                return None;
            }
        }
        Some(Candidate {
            start: s,
            end: e,
            pattern,
            glued,
        })
    }

    pub(crate) fn is_compound_exception(&self, hay: &str, s: usize) -> bool {
        let end = hay[s..]
            .char_indices()
            .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '-'))
            .map_or(hay.len(), |(k, _)| s + k);
        self.words.compound_exceptions.contains(&hay[s..end])
    }
}

fn case_ok(t: &Target, surface: &str) -> bool {
    match t.case {
        Case::Any => true,
        Case::Initial => {
            // "ROM" in capitals is an acronym, not the city "Rom".
            let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
            let shouting = (2..=4).contains(&letters) && surface.chars().all(|c| !c.is_lowercase());
            surface.chars().next().is_some_and(char::is_uppercase) && !shouting
        }
        Case::Exact => {
            // Acronyms: the letters as listed ("US", not "Us" or "us").
            let a = surface.chars().filter(|c| c.is_alphabetic());
            let b = t.surface.chars().filter(|c| c.is_alphabetic());
            a.eq(b)
        }
    }
}
