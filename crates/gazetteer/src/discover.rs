//! Names the gazetteer does not list, found by their context ("discovery"):
//!
//! - people after a title or function ("Präsident Cleveland",
//!   "SVP-Nationalrat Toni Brunner", "die 17-jährige Caroline");
//! - organisations after a noun that describes one ("Spielzeughersteller
//!   Mattel"), before a legal form ("Hays AG", "TEVA Pharmaceutical
//!   Industries Ltd") or a word that ends company names ("Sun Microsystems"),
//!   and acronyms in capitals ("IKB", "UEFA");
//! - places after "in", "aus", "nach" when the word is no ordinary word
//!   ("in Hatfield"), and after a noun naming a kind of place ("die
//!   Gemeinde Pflückuff", "der Fluss Madon").
//!
//! A word is a name candidate only when it is capitalised and neither an
//! ordinary word of the language (`gazetteer/common-words`, with its
//! inflected forms), a stop word, nor a word with a noun ending. A name found
//! once is found again later in the same document, and a person's surname
//! alone refers to the person.
//!
//! Every list is part of the language profile (`gazetteer/person-titles`,
//! `org-types`, `place-types`, `legal-forms`, `org-name-ends`,
//! `acronym-stopwords`, `place-prepositions`, `common-words`,
//! `name-endings`, `family-names`); a profile without them finds nothing
//! here. Names in a list with a known name take its type ("Finch und
//! Sheppard"). The lists of ordinary words, titles, organisation nouns,
//! prepositions and name endings are written in lower case.

use wortlaut_normalize::Span;
use wortlaut_text::{Profile, ProfileError};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::entity::EntityType;
use crate::error::Error;
use crate::matcher::{is_alphabetic, is_uppercase, WordMap};
use crate::resolution::overlaps_sorted;
use crate::words::{WordSet, Words};

/// The lists discovery reads.
pub(crate) struct Lists {
    person_titles: WordSet,
    legal_forms: WordSet,
    org_name_ends: WordSet,
    acronym_stopwords: WordSet,
    place_prepositions: WordSet,
    common: WordSet,
    function_words: WordSet,
    name_endings: WordSet,
    pub(crate) family_names: WordSet,
    /// The entries of `person_titles`, `org_types` and `place_types`,
    /// ASCII case-insensitive, with a capitalised form of those that start
    /// with a non-ASCII letter ("Ärztin").
    titles: AhoCorasick,
    /// What pattern `p` of `titles` stands before: a person, an
    /// organisation or a place.
    title_kinds: Vec<EntityType>,
}

fn lower_set(profile: &Profile, name: &str) -> Result<WordSet, ProfileError> {
    Ok(profile
        .list(name)?
        .words()
        .map(|w| Box::from(w.to_lowercase()))
        .collect())
}

fn exact_set(profile: &Profile, name: &str) -> Result<WordSet, ProfileError> {
    Ok(profile.list(name)?.words().map(Box::from).collect())
}

impl Lists {
    /// The lists of `profile`, or `None` when it has none of them (a
    /// profile without discovery). Some but not all is an error.
    pub(crate) fn from_profile(profile: &Profile) -> Result<Option<Lists>, Error> {
        const NAMES: [&str; 10] = [
            "gazetteer/person-titles",
            "gazetteer/org-types",
            "gazetteer/legal-forms",
            "gazetteer/org-name-ends",
            "gazetteer/acronym-stopwords",
            "gazetteer/place-prepositions",
            "gazetteer/common-words",
            "gazetteer/name-endings",
            "gazetteer/family-names",
            "gazetteer/place-types",
        ];
        if !NAMES.iter().any(|n| profile.names().any(|p| p == *n)) {
            return Ok(None);
        }
        let person_titles = exact_set(profile, NAMES[0])?;
        let org_types = exact_set(profile, NAMES[1])?;
        let place_types = exact_set(profile, NAMES[9])?;
        let mut patterns: Vec<String> = Vec::new();
        let mut title_kinds = Vec::new();
        for (w, kind) in person_titles
            .iter()
            .map(|w| (w, EntityType::Per))
            .chain(org_types.iter().map(|w| (w, EntityType::Org)))
            .chain(place_types.iter().map(|w| (w, EntityType::Loc)))
        {
            patterns.push(w.to_string());
            title_kinds.push(kind);
            let mut cs = w.chars();
            if let Some(c) = cs.next().filter(|c| !c.is_ascii()) {
                patterns.push(c.to_uppercase().chain(cs).collect());
                title_kinds.push(kind);
            }
        }
        let titles = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| Error::Build(format!("discovery titles: {e}")))?;
        let function_words = if profile.names().any(|p| p == "quotes/function-words") {
            lower_set(profile, "quotes/function-words")?
        } else {
            WordSet::default()
        };
        Ok(Some(Lists {
            person_titles,
            legal_forms: exact_set(profile, NAMES[2])?,
            org_name_ends: exact_set(profile, NAMES[3])?,
            acronym_stopwords: exact_set(profile, NAMES[4])?,
            place_prepositions: exact_set(profile, NAMES[5])?,
            common: exact_set(profile, NAMES[6])?,
            name_endings: exact_set(profile, NAMES[7])?,
            family_names: exact_set(profile, NAMES[8])?,
            function_words,
            titles,
            title_kinds,
        }))
    }

    /// What `word` stands before, as a person title, an organisation noun
    /// or a place noun, itself or at the end of a compound
    /// ("Vorstandschef", "SVP-Nationalrat", "Spielzeughersteller",
    /// "Nachbargemeinde"): (person, organisation, place). The part before
    /// must be two bytes or more.
    fn title_kind(&self, word: &str) -> (bool, bool, bool) {
        let (mut person, mut org, mut place) = (false, false, false);
        for m in self.titles.find_overlapping_iter(word) {
            if m.end() == word.len() && (m.start() == 0 || m.start() >= 2) {
                match self.title_kinds[m.pattern().as_usize()] {
                    EntityType::Per => person = true,
                    EntityType::Org => org = true,
                    _ => place = true,
                }
            }
        }
        (person, org, place)
    }

    /// Whether `lower` (a word in lower case) is an ordinary word, also
    /// inflected ("Zukunft", "Häusern" for "häuser", "Angaben").
    pub(crate) fn is_common(&self, lower: &str) -> bool {
        if self.common.contains(lower) || self.function_words.contains(lower) {
            return true;
        }
        ["s", "n", "en", "e", "es", "er", "ern", "ns", "in", "innen"]
            .iter()
            .any(|end| {
                lower
                    .strip_suffix(end)
                    .is_some_and(|stem| stem.len() >= 4 && self.common.contains(stem))
            })
    }

    /// Whether `lower` is a compound of ordinary words: its last
    /// `min_tail` or more letters, after at least three, are an ordinary word
    /// ("kriegsende", "einkaufszentren"), unless it ends like a name
    /// (`gazetteer/name-endings`: "rudolstadt", "goldstein").
    fn is_compound(&self, lower: &str, min_tail: usize) -> bool {
        if self.name_endings.iter().any(|e| lower.ends_with(&**e)) {
            return false;
        }
        let part = lower.rsplit('-').next().unwrap_or(lower);
        if part.len() < lower.len() && self.is_common(part) {
            return true;
        }
        let chars: Vec<(usize, char)> = part.char_indices().collect();
        (3..(chars.len() + 1).saturating_sub(min_tail)).any(|k| self.is_common(&part[chars[k].0..]))
    }
}

/// A word of the text, with what stands before it.
#[derive(Clone, Copy, Debug)]
struct Tok<'t> {
    span: Span,
    text: &'t str,
    /// Joined to the word before by exactly one space.
    spaced: bool,
    /// The first word of a sentence (or of the text, a line, a quotation).
    initial: bool,
    /// Followed directly by a full stop.
    dot: bool,
}

impl Tok<'_> {
    fn upper(&self) -> bool {
        self.text.chars().next().is_some_and(is_uppercase)
    }

    /// Written in capitals only, two to five letters ("IKB", "UEFA").
    fn acronym(&self) -> bool {
        let b = self.text.as_bytes();
        // Most words fail on their second letter.
        if b.len() < 2 || b.len() > 10 || (b[1] < 0x80 && !b[1].is_ascii_uppercase()) {
            return false;
        }
        let n = self.text.chars().count();
        (2..=5).contains(&n) && self.text.chars().all(is_uppercase)
    }
}

fn word_char(c: char) -> bool {
    is_alphabetic(c) || c.is_ascii_digit()
}

/// The words of `text`: runs of letters and digits, with inner hyphens and
/// apostrophes ("Süd-West-Metall", "Miller's", "17-jährige").
fn tokens(text: &str) -> Vec<Tok<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 8);
    let mut last_end = 0;
    let mut initial = true;
    // The character at `i` (a char boundary) and its length.
    let char_at = |i: usize| {
        text[i..]
            .chars()
            .next()
            .map_or(('\0', 1), |c| (c, c.len_utf8()))
    };
    let word_at = |i: usize| match b.get(i) {
        None => false,
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => word_char(char_at(i).0),
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 && !c.is_ascii_alphanumeric() {
            if matches!(c, b'.' | b'!' | b'?' | b':' | b'\n' | b'"' | b'(') {
                initial = true;
            }
            i += 1;
            continue;
        }
        if c >= 0x80 {
            let (ch, n) = char_at(i);
            if !word_char(ch) {
                if matches!(ch, '„' | '“' | '»' | '«') {
                    initial = true;
                }
                i += n;
                continue;
            }
        }
        // A word starts at `i`.
        let start = i;
        loop {
            match b.get(i) {
                None => break,
                Some(&c) if c < 0x80 => {
                    if c.is_ascii_alphanumeric() {
                        i += 1;
                    } else if matches!(c, b'-' | b'\'') && word_at(i + 1) {
                        // Inner only: a word character must follow.
                        i += 1;
                    } else {
                        break;
                    }
                }
                Some(_) => {
                    let (ch, n) = char_at(i);
                    if word_char(ch) || (ch == '’' && word_at(i + n)) {
                        i += n;
                    } else {
                        break;
                    }
                }
            }
        }
        let spaced = !out.is_empty() && start == last_end + 1 && b[last_end] == b' ';
        out.push(Tok {
            span: Span::new(start, i),
            text: &text[start..i],
            spaced,
            initial,
            dot: b.get(i) == Some(&b'.'),
        });
        initial = false;
        last_end = i;
    }
    out
}

/// A name found by discovery.
pub(crate) struct Found {
    pub(crate) span: Span,
    pub(crate) kind: EntityType,
    pub(crate) id: String,
}

/// The id of a discovered name: the kind's prefix and the name in lower
/// case, words joined by `_` ("org:hays_ag").
fn id_of(kind: EntityType, name: &str) -> String {
    let prefix = match kind {
        EntityType::Per => "person",
        EntityType::Org => "org",
        _ => "place",
    };
    let mut id = String::with_capacity(prefix.len() + 1 + name.len());
    id.push_str(prefix);
    id.push(':');
    let mut sep = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if sep && !id.ends_with(':') {
                id.push('_');
            }
            sep = false;
            id.push(c);
        } else {
            sep = true;
        }
    }
    id
}

struct Scan<'a, 't> {
    lists: &'a Lists,
    words: &'a Words,
    toks: Vec<Tok<'t>>,
}

impl Scan<'_, '_> {
    /// Token `k` in lower case (made only for the few words tested).
    fn lower(&self, k: usize) -> String {
        self.toks[k].text.to_lowercase()
    }

    /// Whether token `k` may be part of a name: capitalised, with a lower-case
    /// letter, and no ordinary word, stop word or noun by its ending.
    fn name_like(&self, k: usize) -> bool {
        self.name_like_with(k, 5)
    }

    /// [`Scan::name_like`] with compounds tested down to tails of
    /// `min_tail` letters (places: 4, "Kriegsende").
    fn name_like_with(&self, k: usize, min_tail: usize) -> bool {
        let t = &self.toks[k];
        // Capitalised with a lower-case letter: two letters at least.
        if !(t.upper() && t.text.chars().any(char::is_lowercase)) {
            return false;
        }
        let lower = &self.lower(k);
        !self.lists.is_common(lower)
            && !self.words.stopwords.contains(lower.as_str())
            && !Words::ends_with_any(&self.words.noun_endings, lower)
            && !self.lists.is_compound(lower, min_tail)
    }

    /// The end (exclusive token index) of a run of name-like tokens from `k`
    /// joined by single spaces, at most `max` long (acronyms too when
    /// `caps`).
    fn run(&self, k: usize, max: usize, caps: bool) -> usize {
        self.run_with(k, max, caps, 5)
    }

    fn run_with(&self, k: usize, max: usize, caps: bool, min_tail: usize) -> usize {
        self.run_while(k, max, |e| {
            self.name_like_with(e, min_tail)
                || (caps && self.toks[e].acronym() && self.acronym_ok(e))
        })
    }

    /// A run of up to three name words after a title: family names count
    /// even when they are ordinary words ("Trainer Koch").
    fn person_run(&self, k: usize) -> usize {
        self.run_while(k, 3, |e| {
            let family = self.lists.family_names.contains(self.toks[e].text)
                && !self.lists.function_words.contains(self.lower(e).as_str());
            self.name_like(e) || family
        })
    }

    /// The end (exclusive) of the tokens from `k` for which `ok` holds,
    /// joined by single spaces, at most `max`.
    fn run_while(&self, k: usize, max: usize, ok: impl Fn(usize) -> bool) -> usize {
        let mut e = k;
        while e < self.toks.len() && e - k < max {
            if (e > k && !self.toks[e].spaced) || !ok(e) {
                break;
            }
            e += 1;
        }
        e
    }

    /// The byte end of token `k` as a legal form ("AG", "Ltd." with its
    /// full stop when the form is listed so), if it is one.
    fn legal_form_end(&self, k: usize) -> Option<usize> {
        let t = &self.toks[k];
        // The form with its full stop first: "Inc." over "Inc".
        if t.dot && self.lists.legal_forms.contains(&format!("{}.", t.text)[..]) {
            return Some(t.span.end + 1);
        }
        self.lists
            .legal_forms
            .contains(t.text)
            .then_some(t.span.end)
    }

    fn acronym_ok(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if self.lists.acronym_stopwords.contains(t.text) || self.lists.legal_forms.contains(t.text)
        {
            return false;
        }
        let lower = self.lower(k);
        !self.lists.is_common(&lower) && !self.words.stopwords.contains(lower.as_str())
    }

    /// Whether token `k` is a title or function word before a person
    /// (`Dr.`, `Prof.` with their full stop).
    fn title(&self, k: usize) -> (bool, bool, bool) {
        let t = &self.toks[k];
        if t.dot && t.text.len() <= 5 {
            let mut with_dot = self.lower(k);
            with_dot.push('.');
            if self.lists.person_titles.contains(with_dot.as_str()) {
                return (true, false, false);
            }
        }
        self.lists.title_kind(t.text)
    }
}

/// Finds names in `text` (normalised) that overlap no mention of `known`
/// (the gazetteer's, sorted by start, non-overlapping, with their types).
pub(crate) fn find(
    lists: &Lists,
    words: &Words,
    text: &str,
    known: &[(Span, EntityType)],
) -> Vec<Found> {
    let toks = tokens(text);
    if toks.is_empty() {
        return Vec::new();
    }
    let scan = Scan { lists, words, toks };
    let toks = &scan.toks;
    let overlaps = |s: Span| overlaps_sorted(known, |k| k.0, s);
    let mut out: Vec<Found> = Vec::new();
    let push = |out: &mut Vec<Found>, from: usize, to: usize, kind: EntityType, end: usize| {
        let span = Span::new(toks[from].span.start, end.max(toks[to - 1].span.end));
        if overlaps(span) || out.last().is_some_and(|f| f.span.end > span.start) {
            return false;
        }
        out.push(Found {
            span,
            kind,
            id: id_of(kind, &text[span.start..span.end]),
        });
        true
    };
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        // Words of names found before (the gazetteer's) start nothing here.
        if !t.upper() || overlaps(t.span) {
            i += 1;
            continue;
        }
        // A legal form or a name ending within the next four words: the
        // capitalised words before it are an organisation.
        if let Some(end) = legal_end(&scan, i) {
            let (last, stop) = end;
            if push(&mut out, i, last + 1, EntityType::Org, stop) {
                i = last + 1;
                continue;
            }
        }
        let prev = i.checked_sub(1).filter(|_| t.spaced);
        if let Some(p) = prev {
            let (person_title, org_type, place_type) = scan.title(p);
            if person_title {
                let e = scan.person_run(i);
                if e > i && push(&mut out, i, e, EntityType::Per, 0) {
                    i = e;
                    continue;
                }
            }
            if org_type {
                let e = scan.run(i, 4, true);
                if e > i && push(&mut out, i, e, EntityType::Org, 0) {
                    i = e;
                    continue;
                }
            }
            if place_type {
                let e = scan.run_with(i, 3, false, 4);
                if e > i && push(&mut out, i, e, EntityType::Loc, 0) {
                    i = e;
                    continue;
                }
            }
            if toks[p].text.len() <= 5
                && scan
                    .lists
                    .place_prepositions
                    .contains(scan.lower(p).as_str())
            {
                let e = scan.run_with(i, 3, false, 4);
                let next_upper = toks.get(e).is_some_and(|n| n.spaced && n.upper());
                if e > i
                    && !next_upper
                    && !given(words, toks[i].text)
                    && push(&mut out, i, e, EntityType::Loc, 0)
                {
                    i = e;
                    continue;
                }
            }
        }
        // Three or more words in capitals are a headline or a byline
        // ("LUONG THAI LINH"), not acronyms.
        let caps_run = toks[i..]
            .iter()
            .enumerate()
            .take_while(|(k, w)| (*k == 0 || w.spaced) && w.text.chars().all(is_uppercase))
            .count();
        if caps_run >= 3 {
            i += caps_run;
            continue;
        }
        // A word in capitals first in a sentence and before a dash is a
        // dateline ("HANOI – …"), not an acronym.
        let dateline = t.initial
            && text[t.span.end..]
                .trim_start_matches(' ')
                .starts_with(['–', '—', '-', ':', '/']);
        if t.acronym() && scan.acronym_ok(i) && !dateline && (!t.initial || t.text.len() >= 3) {
            // With the name-like words after it ("PKN Orlen", "CGX Energy").
            let e = scan.run(i + 1, 3, true).max(i + 1);
            if push(&mut out, i, e, EntityType::Org, 0) {
                i = e;
                continue;
            }
        }
        i += 1;
    }
    let out = coordinated(&scan, text, known, out);
    propagate(&scan, known, out)
}

/// The type a list of names gives its members: PER, ORG, or LOC (GPE).
fn listed_kind(kind: EntityType) -> Option<EntityType> {
    match kind {
        EntityType::Per | EntityType::Org | EntityType::Loc => Some(kind),
        EntityType::Gpe => Some(EntityType::Loc),
        _ => None,
    }
}

/// Names in a list with a known name ("Finch und Sheppard", "Tranomaro,
/// Folakara, Antsirabe und Makay", "Jana Ina und Britt Hagedorn"): a
/// name-like word joined to a mention of type T by ", ", "und", "oder" or
/// "sowie" is a mention of type T (GPE: LOC). Read forward, then backward,
/// so a list takes the type of its known member from either side.
fn coordinated(
    scan: &Scan<'_, '_>,
    text: &str,
    known: &[(Span, EntityType)],
    mut out: Vec<Found>,
) -> Vec<Found> {
    let toks = &scan.toks;
    // Every mention: the gazetteer's and those found so far.
    let mut all: Vec<(Span, EntityType)> = known
        .iter()
        .copied()
        .chain(out.iter().map(|f| (f.span, f.kind)))
        .collect();
    if all.is_empty() {
        return out;
    }
    all.sort_by_key(|m| m.0.start);
    let joiner = |k: usize| matches!(toks[k].text, "und" | "oder" | "sowie");
    // The mention ending at byte `end` / starting at byte `start`.
    let ending_at = |all: &[(Span, EntityType)], end: usize| {
        let k = all.partition_point(|m| m.0.end < end);
        all.get(k).filter(|m| m.0.end == end).map(|m| m.1)
    };
    let starting_at = |all: &[(Span, EntityType)], start: usize| {
        let k = all.partition_point(|m| m.0.start < start);
        all.get(k).filter(|m| m.0.start == start).map(|m| m.1)
    };
    // Token `a` follows token `b` in a list: ", " or " und " between.
    let comma = |b: usize, a: usize| &text[toks[b].span.end..toks[a].span.start] == ", ";
    let mut added: Vec<Found> = Vec::new();
    for forward in [true, false] {
        let order: Vec<usize> = if forward {
            (0..toks.len()).collect()
        } else {
            (0..toks.len()).rev().collect()
        };
        for i in order {
            if !toks[i].upper() || toks[i].initial && !forward {
                continue;
            }
            // The neighbour mention's type, from the left or the right.
            // After a comma, a person's name is more often an apposition
            // ("Jim MacIntyre, Chief Executive Officer"): people are
            // listed only with "und", "oder", "sowie".
            let mut by_comma = false;
            let kind = if forward {
                let left = match i {
                    0 => None,
                    _ if comma(i - 1, i) => {
                        by_comma = true;
                        ending_at(&all, toks[i - 1].span.end)
                    }
                    _ if i >= 2 && toks[i].spaced && toks[i - 1].spaced && joiner(i - 1) => {
                        ending_at(&all, toks[i - 2].span.end)
                    }
                    _ => None,
                };
                left.and_then(listed_kind)
                    .filter(|k| !(by_comma && *k == EntityType::Per))
            } else {
                None
            };
            let (e, kind) = match kind {
                Some(EntityType::Per) => {
                    let mut e = scan.person_run(i);
                    // A given name takes the next capitalised word as its
                    // surname ("Britt Hagedorn").
                    let next = toks.get(i + 1).filter(|n| n.spaced && n.upper());
                    if e == i + 1 && given(scan.words, toks[i].text) && next.is_some() {
                        e = i + 2;
                    }
                    (e, Some(EntityType::Per))
                }
                // Three words after a comma are rather an apposition
                // ("Kandahar, Sajed Agha Sakeb").
                Some(k) => {
                    let e = scan.run(i, 3, false);
                    (e, Some(k).filter(|_| !(by_comma && e - i >= 3)))
                }
                None if !forward => {
                    // The neighbour first (cheap), the word's test after.
                    let e = i + 1;
                    let right = match toks.get(e) {
                        Some(n) if comma(e - 1, e) => starting_at(&all, n.span.start),
                        Some(n) if n.spaced && joiner(e) => toks
                            .get(e + 1)
                            .filter(|m| m.spaced)
                            .and_then(|m| starting_at(&all, m.span.start)),
                        _ => None,
                    };
                    let kind = right
                        .and_then(listed_kind)
                        .filter(|k| *k != EntityType::Per);
                    match kind {
                        Some(k) if scan.run(i, 1, false) == e => (e, Some(k)),
                        _ => (e, None),
                    }
                }
                None => (i, None),
            };
            let Some(kind) = kind else { continue };
            if e <= i {
                continue;
            }
            let span = Span::new(toks[i].span.start, toks[e - 1].span.end);
            if overlaps_sorted(&all, |m| m.0, span) {
                continue;
            }
            let k = all.partition_point(|m| m.0.start < span.start);
            all.insert(k, (span, kind));
            added.push(Found {
                span,
                kind,
                id: id_of(kind, &text[span.start..span.end]),
            });
        }
    }
    out.extend(added);
    out.sort_by_key(|f| f.span.start);
    out
}

fn given(words: &Words, w: &str) -> bool {
    words.given_names.contains(w)
}

/// The organisation that starts at token `i` and ends with a legal form
/// ("Hays AG") or a name ending ("Sun Microsystems"): the index of its last
/// token and its byte end (a full stop of the form included).
fn legal_end(scan: &Scan<'_, '_>, i: usize) -> Option<(usize, usize)> {
    let toks = &scan.toks;
    // Cheap test first: a legal form or name ending among the next four
    // capitalised words, one space apart (most capitalised words have none).
    let lists = scan.lists;
    let ends = toks[i + 1..]
        .iter()
        .take(4)
        .take_while(|t| t.spaced && t.upper())
        .any(|t| {
            lists.org_name_ends.contains(t.text)
                || lists.legal_forms.contains(t.text)
                || (t.dot && t.text.len() <= 5)
        });
    if !ends {
        return None;
    }
    // The words of the name: capitalised, no function word, one space apart.
    let mut k = i;
    while k < toks.len() && k - i < 5 {
        if k > i && !toks[k].spaced {
            return None;
        }
        let t = &toks[k];
        if k > i {
            if let Some(end) = scan.legal_form_end(k) {
                return Some((k, end));
            }
            if scan.lists.org_name_ends.contains(t.text) && scan.name_like(k - 1) {
                // A legal form right after wins ("Industries Ltd").
                let form = toks
                    .get(k + 1)
                    .filter(|n| n.spaced)
                    .and_then(|_| scan.legal_form_end(k + 1))
                    .map(|end| (k + 1, end));
                return Some(form.unwrap_or((k, t.span.end)));
            }
        }
        if !t.upper() || scan.lists.function_words.contains(scan.lower(k).as_str()) {
            return None;
        }
        // The first word of a sentence starts a name only when it is no
        // ordinary word ("Auch Hays AG").
        if k == i && t.initial && scan.lists.is_common(&scan.lower(k)) {
            return None;
        }
        k += 1;
    }
    None
}

/// Adds the later mentions of what was found: the same words again, and a
/// person's surname alone (or its genitive in "-s").
fn propagate(scan: &Scan<'_, '_>, known: &[(Span, EntityType)], mut out: Vec<Found>) -> Vec<Found> {
    if out.is_empty() {
        return out;
    }
    let toks = &scan.toks;
    // The names by their first word: (words, kind, id, found at).
    type Name<'t> = (Vec<&'t str>, EntityType, String, usize);
    let mut names: WordMap<&str, Vec<Name<'_>>> = WordMap::default();
    for f in &out {
        // The tokens of the name (tokens are in text order).
        let lo = toks.partition_point(|t| t.span.start < f.span.start);
        let ws: Vec<&str> = toks[lo..]
            .iter()
            .take_while(|t| t.span.end <= f.span.end)
            .map(|t| t.text)
            .collect();
        let (Some(&first), Some(&last)) = (ws.first(), ws.last()) else {
            continue;
        };
        if f.kind == EntityType::Per && ws.len() >= 2 {
            let surname = (vec![last], f.kind, f.id.clone(), f.span.end);
            names.entry(last).or_default().push(surname);
        }
        names
            .entry(first)
            .or_default()
            .push((ws, f.kind, f.id.clone(), f.span.start));
    }
    // Longest first, so "Hays AG" wins over "Hays".
    for v in names.values_mut() {
        v.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
    }
    let mut all: Vec<Span> = known
        .iter()
        .map(|k| k.0)
        .chain(out.iter().map(|f| f.span))
        .collect();
    all.sort_by_key(|s| s.start);
    let mut added = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !t.upper() {
            i += 1;
            continue;
        }
        // The word itself, or a genitive of a surname ("Clevelands").
        let cands = names
            .get(t.text)
            .into_iter()
            .chain(t.text.strip_suffix('s').and_then(|b| names.get(b)))
            .flatten();
        let mut hit = None;
        for (ws, kind, id, at) in cands {
            let n = ws.len();
            if t.span.start <= *at || i + n > toks.len() {
                continue;
            }
            let same = (0..n).all(|j| {
                let w = toks[i + j].text;
                let ok = w == ws[j]
                    || (j + 1 == n
                        && *kind == EntityType::Per
                        && w.strip_suffix('s') == Some(ws[j]));
                ok && (j == 0 || toks[i + j].spaced)
            });
            if same {
                hit = Some((n, *kind, id.clone()));
                break;
            }
        }
        if let Some((n, kind, id)) = hit {
            let span = Span::new(t.span.start, toks[i + n - 1].span.end);
            if !overlaps_sorted(&all, |s| *s, span) {
                added.push(Found { span, kind, id });
                i += n;
                continue;
            }
        }
        i += 1;
    }
    out.extend(added);
    out.sort_by_key(|f| f.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wortlaut_text::Profile;

    fn found(text: &str) -> Vec<(String, EntityType, String)> {
        let profile = Profile::german();
        let words = Words::from_profile(profile).unwrap();
        let lists = Lists::from_profile(profile).unwrap().unwrap();
        find(&lists, &words, text, &[])
            .into_iter()
            .map(|f| (text[f.span.start..f.span.end].to_string(), f.kind, f.id))
            .collect()
    }

    #[test]
    fn tokens_keep_inner_hyphens_and_apostrophes() {
        let t = "„Süd-West-Metall“ und Miller's - 17-jährige O’Neill. Da";
        let got: Vec<(&str, bool, bool)> = tokens(t)
            .iter()
            .map(|w| (w.text, w.spaced, w.initial))
            .collect();
        assert_eq!(
            got,
            [
                ("Süd-West-Metall", false, true),
                ("und", false, true),
                ("Miller's", true, false),
                ("17-jährige", false, false),
                ("O’Neill", true, false),
                ("Da", false, true)
            ]
        );
    }

    #[test]
    fn people_after_titles() {
        let got = found(
            "Nachdem Präsident Cleveland die Wahl gewann, sprach SVP-Nationalrat Toni Brunner.",
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert!(names.contains(&"Cleveland"), "{got:?}");
        assert!(names.contains(&"Toni Brunner"), "{got:?}");
        assert!(got.iter().all(|g| g.1 == EntityType::Per));
    }

    #[test]
    fn organisations_by_form_type_and_acronym() {
        let got = found("Vorstandsvorsitzender der Hays AG ist er. Der Spielzeughersteller Mattel und die IKB verloren.");
        let orgs: Vec<(&str, &str)> = got
            .iter()
            .filter(|g| g.1 == EntityType::Org)
            .map(|g| (g.0.as_str(), g.2.as_str()))
            .collect();
        assert_eq!(
            orgs,
            [
                ("Hays AG", "org:hays_ag"),
                ("Mattel", "org:mattel"),
                ("IKB", "org:ikb")
            ]
        );
        // A legal form listed with its full stop keeps it.
        let got = found("Er verkaufte an Google Inc. und ging.");
        assert_eq!(got[0].0, "Google Inc.", "{got:?}");
    }

    #[test]
    fn places_after_prepositions_but_not_ordinary_words() {
        let got =
            found("Die Jets werden in Hatfield hergestellt. In Zukunft kommen sie aus Kratie.");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Hatfield", "Kratie"]);
    }

    #[test]
    fn lists_take_the_type_of_their_known_member() {
        let profile = Profile::german();
        let words = Words::from_profile(profile).unwrap();
        let lists = Lists::from_profile(profile).unwrap().unwrap();
        let text = "Die Dörfer Hokkala, Kumpula und Oikari liegen bei Düren und Eregli.";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        let known = [
            (at("Hokkala"), EntityType::Loc),
            (at("Düren"), EntityType::Gpe),
        ];
        let got: Vec<(&str, EntityType)> = find(&lists, &words, text, &known)
            .into_iter()
            .map(|f| (&text[f.span.start..f.span.end], f.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Kumpula", EntityType::Loc),
                ("Oikari", EntityType::Loc),
                ("Eregli", EntityType::Loc)
            ]
        );
        // No person by a comma: an apposition is likelier.
        let text = "Es sprach Jim MacIntyre, Chief Executive Officer der Firma.";
        let known = [(at_in(text, "Jim MacIntyre"), EntityType::Per)];
        assert!(find(&lists, &words, text, &known).is_empty());
    }

    fn at_in(text: &str, w: &str) -> Span {
        let s = text.find(w).unwrap();
        Span::new(s, s + w.len())
    }

    #[test]
    fn later_mentions_and_surnames() {
        let got =
            found("Präsident Grover Cleveland kam. Später sprach Cleveland, dann Clevelands Frau.");
        let names: Vec<(&str, &str)> = got.iter().map(|g| (g.0.as_str(), g.2.as_str())).collect();
        assert_eq!(
            names,
            [
                ("Grover Cleveland", "person:grover_cleveland"),
                ("Cleveland", "person:grover_cleveland"),
                ("Clevelands", "person:grover_cleveland")
            ]
        );
    }

    #[test]
    fn nothing_in_ordinary_text_and_no_panic_on_odd_input() {
        assert!(
            found("Die Regierung hat in Berlin beschlossen, dass die Steuern sinken.")
                .iter()
                .all(|g| g.0 == "Berlin")
        );
        for t in [
            "",
            "-",
            "A",
            "AG",
            " AG.",
            "Herr",
            "in",
            "Dr. ",
            "ÄÖÜ ÄÖ",
            "x- -y '",
        ] {
            let _ = found(t);
        }
    }
}
