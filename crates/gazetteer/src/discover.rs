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

use crate::entity::EntityType;
use crate::error::Error;
use crate::matcher::{is_alphabetic, is_uppercase, WordMap};
use crate::persons::PrefixFilter;
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
    /// The first bytes of `common` and `function_words` (see
    /// [`Lists::is_common`]).
    common_keys: PrefixFilter,
    /// The first bytes and lengths of the same words.
    common_lens: KeyLenFilter,
    /// The first bytes of `legal_forms` and `org_name_ends`.
    form_keys: PrefixFilter,
    /// The entries of `person_titles`, `org_types` and `place_types`,
    /// read from their end, ASCII case-insensitive, with a capitalised
    /// form of those that start with a non-ASCII letter ("Ärztin").
    titles: SuffixTrie,
}

/// A bit set over the key of a word's first bytes ([`PrefixFilter::key`])
/// and its length in bytes: a word whose bit is clear is none of the words
/// put in.
#[derive(Default)]
struct KeyLenFilter(Vec<u64>);

impl KeyLenFilter {
    /// 2^20 bits.
    const BITS: u32 = 20;

    fn bit(key: u32, len: usize) -> usize {
        let x = (u64::from(key) | ((len as u64) << 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (x >> (64 - Self::BITS)) as usize
    }

    fn add(&mut self, word: &str) {
        if self.0.is_empty() {
            self.0 = vec![0; 1 << (Self::BITS - 6)];
        }
        let k = Self::bit(PrefixFilter::key(word, 0), word.len());
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// Whether a word of `len` bytes whose first bytes have `key` may
    /// have been put in.
    #[inline]
    fn may_contain(&self, key: u32, len: usize) -> bool {
        let k = Self::bit(key, len);
        self.0.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

/// Words by their ends: a trie of the words read backwards, each node with
/// the kinds of the words that end there (bits of [`kind_bit`]).
#[derive(Default)]
struct SuffixTrie {
    /// The children of the root by their byte (ASCII in lower case; 0:
    /// none), read first for every word.
    root: Vec<u32>,
    /// The children of each node (byte, ASCII in lower case; node), the
    /// root first.
    children: Vec<Vec<(u8, u32)>>,
    /// The kinds of the words ending at each node.
    kinds: Vec<u8>,
    /// A bit set over the last three bytes of the words (all of a shorter
    /// word; ASCII in lower case, see [`SuffixTrie::tail_bit`]): a word
    /// whose ends have no bit set ends with none of them.
    tails: Vec<u64>,
    /// The lengths (bit 1: one byte, bit 2: two) of words shorter than
    /// three bytes.
    short: u8,
}

/// The bit of a title's kind: person, organisation, place.
fn kind_bit(kind: EntityType) -> u8 {
    match kind {
        EntityType::Per => 1,
        EntityType::Org => 2,
        _ => 4,
    }
}

impl SuffixTrie {
    fn insert(&mut self, word: &str, kind: EntityType) {
        if self.children.is_empty() {
            self.children.push(Vec::new());
            self.kinds.push(0);
        }
        let mut node = 0;
        for b in word.bytes().rev().map(|b| b.to_ascii_lowercase()) {
            let found = self.children[node].iter().find(|c| c.0 == b).map(|c| c.1);
            node = match found {
                Some(n) => n as usize,
                None => {
                    let n = self.children.len();
                    self.children.push(Vec::new());
                    self.kinds.push(0);
                    self.children[node].push((b, n as u32));
                    n
                }
            };
        }
        self.kinds[node] |= kind_bit(kind);
        let n = word.len().min(3);
        if n > 0 {
            if self.tails.is_empty() {
                self.tails = vec![0; 1 << 10];
            }
            let k = SuffixTrie::tail_bit(&word.as_bytes()[word.len() - n..]);
            self.tails[k / 64] |= 1 << (k % 64);
            if n < 3 {
                self.short |= n as u8;
            }
        }
        self.root = vec![0; 256];
        for &(b, n) in &self.children[0] {
            self.root[usize::from(b)] = n;
        }
    }

    /// The bit of the ending `tail` (one to three bytes, ASCII
    /// case-insensitive) in `tails` (2^16 bits).
    #[inline]
    fn tail_bit(tail: &[u8]) -> usize {
        let mut x = (tail.len() as u32) << 24;
        for (i, &c) in tail.iter().enumerate() {
            x |= u32::from(c.to_ascii_lowercase()) << (8 * i);
        }
        (x.wrapping_mul(0x9e37_79b1) >> 16) as usize
    }

    /// The kinds of the words that `word` ends with (ASCII
    /// case-insensitive), those that start at byte `s` only where
    /// `ok(s)`.
    fn ends(&self, word: &str, ok: impl Fn(usize) -> bool) -> u8 {
        // Most words end like none: their last bytes tell.
        let b = word.as_bytes();
        let has = |n: usize| {
            b.len() >= n && {
                let k = SuffixTrie::tail_bit(&b[b.len() - n..]);
                self.tails
                    .get(k / 64)
                    .is_some_and(|w| w & (1 << (k % 64)) != 0)
            }
        };
        if !(has(3) || (self.short & 2 != 0 && has(2)) || (self.short & 1 != 0 && has(1))) {
            return 0;
        }
        let mut kinds = 0;
        let mut node = 0;
        for (s, b) in word.bytes().enumerate().rev() {
            let b = b.to_ascii_lowercase();
            let next = if node == 0 {
                self.root.get(usize::from(b)).copied().filter(|&n| n != 0)
            } else {
                self.children[node].iter().find(|c| c.0 == b).map(|c| c.1)
            };
            let Some(n) = next else { break };
            node = n as usize;
            if self.kinds[node] != 0 && ok(s) {
                kinds |= self.kinds[node];
            }
        }
        kinds
    }
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
        let mut titles = SuffixTrie::default();
        for (w, kind) in person_titles
            .iter()
            .map(|w| (w, EntityType::Per))
            .chain(org_types.iter().map(|w| (w, EntityType::Org)))
            .chain(place_types.iter().map(|w| (w, EntityType::Loc)))
        {
            titles.insert(w, kind);
            let mut cs = w.chars();
            if let Some(c) = cs.next().filter(|c| !c.is_ascii()) {
                titles.insert(&c.to_uppercase().chain(cs).collect::<String>(), kind);
            }
        }
        let function_words = if profile.names().any(|p| p == "quotes/function-words") {
            lower_set(profile, "quotes/function-words")?
        } else {
            WordSet::default()
        };
        let common = exact_set(profile, NAMES[6])?;
        let mut common_keys = PrefixFilter::with_bits(20);
        let mut common_lens = KeyLenFilter::default();
        for w in common.iter().chain(function_words.iter()) {
            common_keys.add(w);
            common_lens.add(w);
        }
        let legal_forms = exact_set(profile, NAMES[2])?;
        let org_name_ends = exact_set(profile, NAMES[3])?;
        let mut form_keys = PrefixFilter::new();
        for w in legal_forms.iter().chain(org_name_ends.iter()) {
            form_keys.add(w);
        }
        Ok(Some(Lists {
            person_titles,
            legal_forms,
            org_name_ends,
            form_keys,
            acronym_stopwords: exact_set(profile, NAMES[4])?,
            place_prepositions: exact_set(profile, NAMES[5])?,
            common,
            common_keys,
            common_lens,
            name_endings: exact_set(profile, NAMES[7])?,
            family_names: exact_set(profile, NAMES[8])?,
            function_words,
            titles,
        }))
    }

    /// What `word` stands before, as a person title, an organisation noun
    /// or a place noun, itself or at the end of a compound
    /// ("Vorstandschef", "SVP-Nationalrat", "Spielzeughersteller",
    /// "Nachbargemeinde"): (person, organisation, place). The part before
    /// must be two bytes or more.
    fn title_kind(&self, word: &str) -> (bool, bool, bool) {
        let kinds = self.titles.ends(word, |s| s == 0 || s >= 2);
        (kinds & 1 != 0, kinds & 2 != 0, kinds & 4 != 0)
    }

    /// Whether `lower` (a word in lower case) is an ordinary word, also
    /// inflected ("Zukunft", "Häusern" for "häuser", "Angaben").
    pub(crate) fn is_common(&self, lower: &str) -> bool {
        // The word and each stem tested (four bytes or more) have the key
        // of the word's first four bytes: most words fail on the filter.
        let key = PrefixFilter::key(lower, 0);
        if !self.common_keys.may_contain(key) {
            return false;
        }
        let lens = &self.common_lens;
        if lens.may_contain(key, lower.len())
            && (self.common.contains(lower) || self.function_words.contains(lower))
        {
            return true;
        }
        ["s", "n", "en", "e", "es", "er", "ern", "ns", "in", "innen"]
            .iter()
            .any(|end| {
                lower.strip_suffix(end).is_some_and(|stem| {
                    stem.len() >= 4
                        && lens.may_contain(key, stem.len())
                        && self.common.contains(stem)
                })
            })
    }

    /// Whether `lower` is a compound of ordinary words: its last
    /// `min_tail` or more letters, after at least three, are an ordinary word
    /// ("kriegsende", "einkaufszentren"), unless it ends like a name
    /// (`gazetteer/name-endings`: "rudolstadt", "goldstein").
    fn is_compound(&self, lower: &str, min_tail: usize) -> bool {
        let part = lower.rsplit('-').next().unwrap_or(lower);
        // Tails from the fourth character on, of `min_tail` characters or
        // more.
        let n = part.chars().count();
        let tails = (n + 1).saturating_sub(min_tail).saturating_sub(3);
        let compound = (part.len() < lower.len() && self.is_common(part))
            || part
                .char_indices()
                .skip(3)
                .take(tails)
                .any(|(at, _)| self.is_common(&part[at..]));
        // The name endings last (most words are no compound).
        compound && !self.name_endings.iter().any(|e| lower.ends_with(&**e))
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
    /// Its first letter is a capital.
    upper: bool,
}

impl Tok<'_> {
    fn upper(&self) -> bool {
        self.upper
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

/// ASCII letters and digits, by byte.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// The character at byte `i` of `text` (a char boundary, `i` in bounds,
/// not ASCII) and its length in bytes.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes();
    // Two-byte sequences (Latin-1, most letters of German text) by hand.
    if b[i] & 0xE0 == 0xC0 {
        if let Some(&next) = b.get(i + 1) {
            let u = (u32::from(b[i] & 0x1F) << 6) | u32::from(next & 0x3F);
            return (char::from_u32(u).unwrap_or('\0'), 2);
        }
    }
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(('\0', 1), |c| (c, c.len_utf8()))
}

/// Whether a word character starts at byte `i` (a char boundary).
#[inline]
fn word_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&c) if c < 0x80 => ASCII_WORD[usize::from(c)],
        Some(_) => word_char(char_at(text, i).0),
    }
}

/// The end of the word that starts at byte `i`.
fn word_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        // Runs of ASCII letters first (most of a German word), eight
        // bytes at a time, then digits and the rest byte by byte.
        i = crate::persons::scan::skip_ascii_letters8(b, i);
        while b.get(i).is_some_and(|&c| ASCII_WORD[usize::from(c)]) {
            i += 1;
        }
        match b.get(i) {
            None => return i,
            // Inner only: a word character must follow.
            Some(&c) if c < 0x80 => {
                if !(matches!(c, b'-' | b'\'') && word_at(text, i + 1)) {
                    return i;
                }
                i += 1;
            }
            Some(_) => {
                let (ch, n) = char_at(text, i);
                if word_char(ch) || (ch == '’' && word_at(text, i + n)) {
                    i += n;
                } else {
                    return i;
                }
            }
        }
    }
}

/// The words of `text`: runs of letters and digits, with inner hyphens and
/// apostrophes ("Süd-West-Metall", "Miller's", "17-jährige").
#[cfg(test)]
fn tokens(text: &str) -> Vec<Tok<'_>> {
    tokens_and_capitals(text).0
}

/// [`tokens`], and the indices of the capitalised ones.
fn tokens_and_capitals(text: &str) -> (Vec<Tok<'_>>, Vec<usize>) {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6 + 1);
    let mut capitals = Vec::with_capacity(b.len() / 16 + 1);
    let mut last_end = 0;
    let mut initial = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let upper = if c < 0x80 {
            if !ASCII_WORD[usize::from(c)] {
                if matches!(c, b'.' | b'!' | b'?' | b':' | b'\n' | b'"' | b'(') {
                    initial = true;
                }
                i += 1;
                continue;
            }
            c.is_ascii_uppercase()
        } else {
            let (ch, n) = char_at(text, i);
            if !word_char(ch) {
                if matches!(ch, '„' | '“' | '»' | '«') {
                    initial = true;
                }
                i += n;
                continue;
            }
            is_uppercase(ch)
        };
        // A word starts at `i`.
        let start = i;
        i = word_end(text, i);
        let spaced = !out.is_empty() && start == last_end + 1 && b[last_end] == b' ';
        if upper {
            capitals.push(out.len());
        }
        out.push(Tok {
            span: Span::new(start, i),
            text: &text[start..i],
            spaced,
            initial,
            dot: b.get(i) == Some(&b'.'),
            upper,
        });
        initial = false;
        last_end = i;
        // One space and an ASCII word (the most common gap): no mark
        // between.
        if b.get(i) == Some(&b' ') && b.get(i + 1).is_some_and(|&c| ASCII_WORD[usize::from(c)]) {
            i += 1;
        }
    }
    (out, capitals)
}

/// `f` of `w` in lower case (`str::to_lowercase`), made on the stack for
/// short words: discovery lower-cases many words to test them.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    // ASCII without capitals is its own lower case.
    if !w.bytes().any(|b| b >= 0x80 || b.is_ascii_uppercase()) {
        return f(w);
    }
    let mut buf = [0u8; 64];
    let mut n = 0;
    for c in w.chars() {
        if c.is_ascii() {
            if let Some(b) = buf.get_mut(n) {
                *b = c.to_ascii_lowercase() as u8;
                n += 1;
                continue;
            }
        } else if c != 'Σ' {
            // (A final sigma lower-cases by its context: not here.)
            let mut one = c.to_lowercase();
            if let Some(dst) = buf.get_mut(n..n + one.clone().map(char::len_utf8).sum::<usize>()) {
                let mut at = 0;
                for l in &mut one {
                    at += l.encode_utf8(&mut dst[at..]).len();
                }
                n += at;
                continue;
            }
        }
        return f(&w.to_lowercase());
    }
    match std::str::from_utf8(&buf[..n]) {
        Ok(lower) => f(lower),
        Err(_) => f(&w.to_lowercase()),
    }
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
    /// The indices of the capitalised tokens, in order.
    capitals: Vec<usize>,
}

impl Scan<'_, '_> {
    /// `f` of token `k` in lower case (see [`with_lower`]).
    fn with_lower<R>(&self, k: usize, f: impl FnOnce(&str) -> R) -> R {
        with_lower(self.toks[k].text, f)
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
        self.with_lower(k, |lower| {
            !self.lists.is_common(lower)
                && !self.words.stopwords.contains(lower)
                && !Words::ends_with_any(&self.words.noun_endings, lower)
                && !self.lists.is_compound(lower, min_tail)
        })
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
                && !self.with_lower(e, |w| self.lists.function_words.contains(w));
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
        self.with_lower(k, |lower| {
            !self.lists.is_common(lower) && !self.words.stopwords.contains(lower)
        })
    }

    /// Whether token `k` is a title or function word before a person
    /// (`Dr.`, `Prof.` with their full stop).
    fn title(&self, k: usize) -> (bool, bool, bool) {
        let t = &self.toks[k];
        if t.dot && t.text.len() <= 5 {
            let titled = with_lower(t.text, |w| {
                let mut buf = [0u8; 24];
                match buf.get_mut(..=w.len()) {
                    Some(b) => {
                        b[..w.len()].copy_from_slice(w.as_bytes());
                        b[w.len()] = b'.';
                        std::str::from_utf8(b).is_ok_and(|d| self.lists.person_titles.contains(d))
                    }
                    None => self.lists.person_titles.contains(&format!("{w}.")[..]),
                }
            });
            if titled {
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
    let (toks, capitals) = tokens_and_capitals(text);
    if toks.is_empty() {
        return Vec::new();
    }
    let scan = Scan {
        lists,
        words,
        toks,
        capitals,
    };
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
    // The next capitalised token from `i` is `scan.capitals[u]` or later.
    let mut u = 0;
    // The mentions of `known` that end before the current token (they
    // are in text order and do not overlap, as `find` requires: their ends
    // are in order too).
    let mut before = 0;
    while i < toks.len() {
        // Only capitalised words start a name.
        while scan.capitals.get(u).is_some_and(|&k| k < i) {
            u += 1;
        }
        let Some(&k) = scan.capitals.get(u) else {
            break;
        };
        i = k;
        let t = toks[i];
        // Words of names found before (the gazetteer's) start nothing here
        // (`overlaps`, with a cursor: tokens come in text order).
        while known.get(before).is_some_and(|m| m.0.end <= t.span.start) {
            before += 1;
        }
        if known.get(before).is_some_and(|m| m.0.start < t.span.end) {
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
                && scan.with_lower(p, |w| scan.lists.place_prepositions.contains(w))
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
        // A lower-case second letter: no word in capitals, no acronym
        // (the tests below fail).
        if t.text.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
            i += 1;
            continue;
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
    // Token `a` follows token `b` in a list: ", " between.
    let bytes = text.as_bytes();
    let comma = |b: usize, a: usize| {
        let end = toks[b].span.end;
        toks[a].span.start == end + 2 && bytes.get(end..end + 2) == Some(b", ")
    };
    let mut added: Vec<Found> = Vec::new();
    // Only capitalised words join a list.
    let upper = &scan.capitals;
    for forward in [true, false] {
        for step in 0..upper.len() {
            let i = if forward {
                upper[step]
            } else {
                upper[upper.len() - 1 - step]
            };
            if toks[i].initial && !forward {
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
            (lists.form_keys.may_contain(PrefixFilter::key(t.text, 0))
                && (lists.org_name_ends.contains(t.text) || lists.legal_forms.contains(t.text)))
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
        if !t.upper() || scan.with_lower(k, |w| scan.lists.function_words.contains(w)) {
            return None;
        }
        // The first word of a sentence starts a name only when it is no
        // ordinary word ("Auch Hays AG").
        if k == i && t.initial && scan.with_lower(k, |w| scan.lists.is_common(w)) {
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
    let mut u = 0;
    while i < toks.len() {
        // Only capitalised words: the next from `i`.
        while scan.capitals.get(u).is_some_and(|&k| k < i) {
            u += 1;
        }
        let Some(&k) = scan.capitals.get(u) else {
            break;
        };
        i = k;
        let t = &toks[i];
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
    fn titles_by_their_end() {
        let lists = Lists::from_profile(Profile::german()).unwrap().unwrap();
        // Itself, capitalised or not, and at the end of a compound whose
        // first part has two bytes or more.
        assert_eq!(lists.title_kind("Präsident"), (true, false, false));
        assert_eq!(lists.title_kind("präsident"), (true, false, false));
        assert!(!lists.title_kind("PRÄSIDENT").0);
        assert!(lists.title_kind("SVP-Nationalrat").0);
        assert!(lists.title_kind("Spielzeughersteller").1);
        assert!(lists.title_kind("Nachbargemeinde").2);
        assert!(lists.title_kind("Ärztin").0);
        assert!(!lists.title_kind("XChef").0);
        assert!(lists.title_kind("XYChef").0);
        for w in ["der", "", "e", "Hatfield", "ß"] {
            assert_eq!(lists.title_kind(w), (false, false, false), "{w}");
        }
    }

    #[test]
    fn lower_case_on_the_stack_as_to_lowercase() {
        for w in [
            "",
            "ABC",
            "Äpfel",
            "İstanbul",
            "ΣΟΦΊΑ",
            "ß",
            &"X".repeat(100),
            "Ǆemal",
        ] {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase(), "{w}");
        }
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
