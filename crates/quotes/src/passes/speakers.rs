//! Speaker resolution: byte spans, and the entity of each speaker (names,
//! pronouns, office nouns, descriptions).

use wortlaut_normalize::Span;

use super::phrases::apposition_end;
use super::{Ctx, Q, R, WINDOW};
use crate::lexicon::ends_with_any;
use crate::{EntityKind, EntityMention, Quote};

/// The final quotes: byte spans, speaker entities resolved against the
/// mentions, in text order.
pub(crate) fn resolve_all(cx: &Ctx, quotes: Vec<Q>, mentions: &[EntityMention]) -> Vec<Quote> {
    // Speaker resolution looks mentions up by position.
    let sorted;
    let mentions = if mentions.is_sorted_by_key(|m| m.span.start) {
        mentions
    } else {
        let mut v = mentions.to_vec();
        v.sort_by_key(|m| m.span.start);
        sorted = v;
        &sorted
    };
    let roles = if mentions.is_empty() {
        Vec::new()
    } else {
        roles_seen(cx, mentions)
    };
    let mut out: Vec<Quote> = quotes
        .into_iter()
        .map(|q| finish(cx, q, mentions, &roles))
        .collect();
    same_words_same_speaker(cx.doc.text, &mut out, mentions);
    // The passes order quotes by everything they cover (frame and speaker
    // included) before speakers are inherited, so a quote whose frame starts
    // early could come before one it encloses, or after one that starts
    // inside its frame. The promise is text order of the quotations
    // themselves (a nested quote after the one containing it): sort by the
    // first quote span, stably.
    out.sort_by_key(|q| (q.quote.first().map_or(0, |s| s.start), q.nested));
    out
}

/// Turns token ranges into byte spans and resolves the speaker's entity.
pub(crate) fn finish(cx: &Ctx, mut q: Q, mentions: &[EntityMention], roles: &[RoleSeen]) -> Quote {
    with_apposition(cx, &mut q);
    // A list bullet that opens a line ("- Russland hat …") is not part of
    // what was said.
    for r in &mut q.quote {
        while r.0 < r.1 && is_bullet(cx, r.0) {
            r.0 += 1;
        }
    }
    let spans = |rs: &[R]| -> Vec<Span> {
        let mut v: Vec<Span> = rs.iter().map(|&(a, b)| cx.doc.span(a, b.max(a))).collect();
        v.sort_by_key(|s| s.start);
        v
    };
    let quote = spans(&q.quote);
    let speaker = spans(&q.speaker);
    let speaker_entity = resolve(
        cx,
        &speaker,
        quote.first().map_or(0, |s| s.start),
        mentions,
        roles,
    );
    Quote {
        kind: q.kind,
        medium: q.medium,
        quote,
        speaker,
        cue: spans(&q.cue),
        frame: spans(&q.frame),
        addressee: spans(&q.addressee),
        speaker_entity,
        nested: q.nested,
    }
}

/// Extends the speaker phrase over an apposition after a comma that ends
/// where the phrase may end (a comma, the sentence end, a colon, the cue or
/// a quotation): "Erik Schweickert, der verbraucherschutzpolitische
/// Sprecher der FDP-Bundestagsfraktion, …", "der Vorsitzende Richter,
/// Ottmar Breidling, …". Never into the quotation or the cue.
fn with_apposition(cx: &Ctx, q: &mut Q) {
    let [(a, b)] = q.speaker[..] else {
        return;
    };
    let n = cx.doc.toks.len();
    let Some(e) = apposition_end(cx, b, n.min(b + 2 + WINDOW), |next| {
        q.cue.iter().any(|c| c.0 == next) || q.quote.iter().any(|r| r.0 == next)
    }) else {
        return;
    };
    let s = b + 2;
    let inside = |r: &R| r.0 <= e && s <= r.1;
    if q.quote.iter().any(inside) || q.cue.iter().any(inside) {
        return;
    }
    q.speaker = vec![(a, e)];
    q.extend_cover();
}

/// Whether token `k` is a list bullet: a dash or bullet sign first on its
/// line.
fn is_bullet(cx: &Ctx, k: usize) -> bool {
    cx.doc
        .toks
        .get(k)
        .is_some_and(|t| matches!(t.s, "-" | "–" | "—" | "•" | "*" | "·") && (k == 0 || t.para))
}

/// The entity of a speaker: a mention inside its span (a person first,
/// then an organisation, then a place); for a pronoun, the last person (or
/// for "sie", organisation) mentioned before the quote.
pub(crate) fn resolve(
    cx: &Ctx,
    speaker: &[Span],
    before: usize,
    mentions: &[EntityMention],
    roles: &[RoleSeen],
) -> Option<String> {
    let sp = speaker.first()?;
    let within = mentions_within(mentions, speaker);
    let inside = |k: EntityKind| {
        within.iter().find(|m| {
            m.kind == k
                && m.entity.is_some()
                && speaker
                    .iter()
                    .any(|s| s.start <= m.span.start && m.span.end <= s.end)
        })
    };
    if let Some(m) = inside(EntityKind::Person) {
        return m.entity.clone();
    }
    // "der russische Präsident", "der Sprecher": the person (or the
    // organisation) named with the same office earlier.
    if let Some(e) = role_description(cx, speaker, mentions, roles) {
        return Some(e);
    }
    for k in [
        EntityKind::Organization,
        EntityKind::Place,
        // "Russische Offizielle": the country of a nationality adjective.
        EntityKind::Other,
    ] {
        if let Some(m) = inside(k) {
            if k != EntityKind::Organization && modifies_abstract_noun(cx, m.span, speaker) {
                return None;
            }
            return m.entity.clone();
        }
    }
    let word = cx.doc.text.get(sp.start..sp.end)?;
    let refers = cx.lx.pronoun(word)?;
    let fits = |k: EntityKind| {
        (refers.person && k == EntityKind::Person)
            || (refers.organization && k == EntityKind::Organization)
    };
    let limit = before.max(sp.start);
    // The last fitting mention before, among the last 200 mentions.
    let upto = mentions.partition_point(|m| m.span.start < limit);
    mentions[..upto]
        .iter()
        .rev()
        .take(200)
        .filter(|m| m.span.end <= limit)
        .find(|m| fits(m.kind) && m.entity.is_some())
        .and_then(|m| m.entity.clone())
}

/// Whether a place in the genitive only modifies an abstract noun that ends
/// the speaker phrase ("Russlands Bestreben", "Chinas Politik"): then the
/// phrase names no one who speaks. Institutions ("Russlands Regierung")
/// still speak for their country.
pub(crate) fn modifies_abstract_noun(cx: &Ctx, mention: Span, speaker: &[Span]) -> bool {
    let Some(sp) = speaker
        .iter()
        .find(|s| s.start <= mention.start && mention.end <= s.end)
    else {
        return false;
    };
    let text = cx.doc.text;
    if !text
        .get(mention.start..mention.end)
        .is_some_and(|m| m.ends_with('s'))
    {
        return false;
    }
    let Some(rest) = text.get(mention.end..sp.end) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let (Some(head), None) = (words.next(), words.next()) else {
        return false;
    };
    let lower = head.to_lowercase();
    let institution = ends_with_any(&lower, &cx.lx.endings.institution);
    head.starts_with(char::is_uppercase)
        && !institution
        && ends_with_any(&lower, &cx.lx.endings.abstract_noun)
}

/// The mentions (sorted by start) that start inside the speaker's spans.
pub(crate) fn mentions_within<'m>(
    mentions: &'m [EntityMention],
    speaker: &[Span],
) -> &'m [EntityMention] {
    let (Some(first), Some(last)) = (speaker.first(), speaker.last()) else {
        return &[];
    };
    let lo = mentions.partition_point(|m| m.span.start < first.start);
    let hi = mentions.partition_point(|m| m.span.start < last.end);
    &mentions[lo..hi.max(lo)]
}

/// An office noun seen in the text with the entity it names.
pub(crate) struct RoleSeen {
    pub(crate) token: usize,
    pub(crate) noun: String,
    pub(crate) entity: String,
    /// Countries mentioned next to it ("russische Präsident").
    pub(crate) countries: Vec<String>,
}

/// Every office noun followed closely by a person ("Präsident Wladimir
/// Putin", "Präsident Vietnams To Lam"), or a spokesperson's noun by an
/// organisation ("Sprecher des US-Außenministeriums"), in text order.
pub(crate) fn roles_seen(cx: &Ctx, mentions: &[EntityMention]) -> Vec<RoleSeen> {
    let toks = &cx.doc.toks;
    let token_at = |byte: usize| toks.partition_point(|t| t.span.start < byte);
    let starts: Vec<(usize, &EntityMention)> = mentions
        .iter()
        .filter(|m| m.entity.is_some())
        .map(|m| (token_at(m.span.start), m))
        .collect();
    let mut out = Vec::new();
    for (k, lex) in cx.lex.iter().enumerate() {
        let Some(role) = lex.map(|e| e.role).filter(|&r| r > 0) else {
            continue;
        };
        if !toks[k].upper() {
            continue;
        }
        let near = |a: usize, b: usize| {
            let from = starts.partition_point(|(t, _)| *t < a);
            starts[from..].iter().take_while(move |(t, _)| *t <= b)
        };
        let person = near(k + 1, k + 4).find(|(_, m)| m.kind == EntityKind::Person);
        let named = person.or_else(|| {
            (role == 2)
                .then(|| near(k + 1, k + 4).find(|(_, m)| m.kind == EntityKind::Organization))
                .flatten()
        });
        let Some((_, m)) = named else {
            continue;
        };
        let countries = near(k.saturating_sub(3), k + 4)
            .filter(|(_, m)| matches!(m.kind, EntityKind::Place | EntityKind::Other))
            .filter_map(|(_, m)| m.entity.clone())
            .collect();
        out.push(RoleSeen {
            token: k,
            noun: cx.low(k).into_owned(),
            entity: m.entity.clone().unwrap_or_default(),
            countries,
        });
    }
    out
}

/// The entity of a description with an office noun, from [`roles_seen`]:
/// the latest earlier use of the same noun whose countries include the
/// description's country (if it names one).
pub(crate) fn role_description(
    cx: &Ctx,
    speaker: &[Span],
    mentions: &[EntityMention],
    roles: &[RoleSeen],
) -> Option<String> {
    let toks = &cx.doc.toks;
    let sp = speaker.first()?;
    let first = toks.partition_point(|t| t.span.start < sp.start);
    let last = toks.partition_point(|t| t.span.start < sp.end);
    let noun = (first..last).find(|&k| cx.lex[k].is_some_and(|e| e.role > 0) && toks[k].upper())?;
    let country = mentions_within(mentions, speaker)
        .iter()
        .filter(|m| matches!(m.kind, EntityKind::Place | EntityKind::Other))
        .find(|m| sp.start <= m.span.start && m.span.end <= sp.end)
        .and_then(|m| m.entity.clone());
    // Among the last 200 office nouns before the description.
    let upto = roles.partition_point(|r| r.token < first);
    roles[..upto]
        .iter()
        .rev()
        .take(200)
        .filter(|r| cx.low_is(noun, &r.noun))
        .find(|r| country.as_ref().is_none_or(|c| r.countries.contains(c)))
        .map(|r| r.entity.clone())
}

/// A quotation given to a described speaker ("ein hochrangiger ukrainischer
/// Beamter") takes the named person of the same quoted words elsewhere in
/// the document ("Mychajlo Podoljak … „Massenmord an Ukrainern“"), and so
/// does the statement it is part of (same speaker phrase).
pub(crate) fn same_words_same_speaker(
    text: &str,
    quotes: &mut [Quote],
    mentions: &[EntityMention],
) {
    let named = |q: &Quote| {
        mentions_within(mentions, &q.speaker)
            .iter()
            .any(|m| m.kind == EntityKind::Person && q.speaker.iter().any(|s| s.contains(m.span)))
    };
    let words = |q: &Quote| -> Option<String> {
        let [s] = q.quote.as_slice() else { return None };
        let t = text.get(s.start..s.end)?;
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        (t.split_whitespace().count() >= 2).then(|| t.to_string())
    };
    let mut by_words: std::collections::HashMap<String, String> = Default::default();
    for q in quotes.iter() {
        // The cheap tests first: most quotes have no entity.
        let Some(e) = q.speaker_entity.as_ref() else {
            continue;
        };
        if !named(q) {
            continue;
        }
        if let Some(w) = words(q) {
            by_words.entry(w).or_insert_with(|| e.clone());
        }
    }
    if by_words.is_empty() {
        return;
    }
    let mut adopt: Vec<(Vec<Span>, String)> = Vec::new();
    for q in quotes.iter() {
        if q.speaker.is_empty() || named(q) {
            continue;
        }
        if let Some(e) = words(q).and_then(|w| by_words.get(&w)) {
            adopt.push((q.speaker.clone(), e.clone()));
        }
    }
    for q in quotes.iter_mut() {
        if let Some((_, e)) = adopt.iter().find(|(sp, _)| *sp == q.speaker) {
            q.speaker_entity = Some(e.clone());
        }
    }
}
