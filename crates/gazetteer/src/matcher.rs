//! The compiled matcher.

use std::collections::HashMap;

use crate::data::{data_set, HashSet};
use wortlaut_normalize::hash::WordHasher;

pub(crate) type WordMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// A 64-bit hash of a word, with its bits mixed (for keys that are
/// already hashes).
fn word_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    h.write_u8(0xff);
    let mut x = h.finish();
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A hasher for keys that are already mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
struct MixedHasher(u64);

impl std::hash::Hasher for MixedHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
use std::sync::{Arc, OnceLock};

use wortlaut_normalize::{
    fold_str_into, Fold, Folded, Norm, Normalized, Normalizer, Orig, SourceMapper, Span,
};

use crate::entity::{Entity, EntityType};
use crate::error::Error;
use crate::trie::Trie;
use crate::variants::{variants, Case, Form};

fn glue_words() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/glue-words.de.txt")))
}

fn compound_heads() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/compound-heads.de.txt")))
}

fn stopwords() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/stopwords.de.txt")))
}

fn club_prefixes() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/club-prefixes.de.txt")))
}

/// Start of a club or company prefix right before `start` in the folded
/// text ("borussia dortmund", "1. fc koln"), if there is one.
fn club_prefix_start(hay: &str, start: usize) -> Option<usize> {
    let before = hay[..start].strip_suffix(' ')?;
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    if !club_prefixes().contains(&before[word_start..]) {
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

fn org_heads() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/org-heads.de.txt")))
}

fn is_org_head(folded_word: &str) -> bool {
    // The word, or a suffix of at least four bytes after at least three
    // ("Landesuniversität").
    let heads = org_heads();
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

fn compound_exceptions() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_set(include_str!("../data/compound-exceptions.de.txt")))
}

/// One entity a pattern can stand for.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub(crate) entity: u32,
    pub(crate) form: Form,
    pub(crate) kind: EntityType,
    pub(crate) case: Case,
    /// The form as listed, for exact-case checks (empty unless
    /// `case == Case::Exact`).
    pub(crate) surface: Box<str>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) entities: Vec<Entity>,
    /// Entity number by id, built on first use of [`Gazetteer::entity`].
    pub(crate) by_id: OnceLock<WordMap<Box<str>, u32>>,
    /// The trie of all search patterns.
    pub(crate) trie: Trie,
    /// Whether a walk must start at every mark (some pattern starts with
    /// two marks), not only at the last mark before a word.
    pub(crate) every_mark: bool,
    /// Whether a pattern ends with a closing mark (very short names).
    pub(crate) closed: Vec<bool>,
    /// The targets of pattern `p` are `targets[target_start[p]..target_start[p + 1]]`.
    pub(crate) target_start: Vec<u32>,
    pub(crate) targets: Vec<Target>,
}

impl Inner {
    #[inline]
    fn targets(&self, pattern: usize) -> &[Target] {
        let lo = self.target_start[pattern] as usize;
        let hi = self.target_start[pattern + 1] as usize;
        &self.targets[lo..hi]
    }
}

/// A compiled gazetteer: the entities and an immutable trie of the folded
/// forms of all their names and generated variants.
///
/// Build once, share everywhere: cloning is cheap (an `Arc`), and it is
/// `Send + Sync`. Memory grows linearly with the total length of the forms.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    inner: Arc<Inner>,
}

/// A name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mention {
    /// Byte span of the original input.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span<Orig>,
    /// Id of the entity, `None` when the form is ambiguous in this document.
    pub entity: Option<String>,
    /// Type of the mention (NORP for adjectives and inhabitant nouns of a
    /// country, otherwise the entity's type).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: EntityType,
    /// How the surface relates to the entity.
    pub form: Form,
    /// Whether the name was glued to the next word by broken extraction
    /// ("Putinunterzeichnete"); the span covers the name only.
    pub glued: bool,
}

/// A candidate match on the folded view.
#[derive(Clone, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    pattern: usize,
    glued: bool,
}

impl Gazetteer {
    /// Compiles a gazetteer from entities.
    pub fn new(entities: Vec<Entity>) -> Result<Gazetteer, Error> {
        // Folded form → pattern, by a 64-bit hash of the form (checked
        // against the form itself; a rare collision goes to `collided`), so
        // no key is allocated for the millions of forms of a large file.
        let mut index: HashMap<u64, u32, std::hash::BuildHasherDefault<MixedHasher>> =
            HashMap::with_capacity_and_hasher(entities.len() * 3, Default::default());
        let mut collided: WordMap<Box<str>, u32> = WordMap::default();
        let mut forms = String::new();
        let mut form_end: Vec<u32> = vec![0];
        // The search patterns, one after the other.
        let mut arena: Vec<u8> = Vec::new();
        let mut offsets: Vec<u32> = vec![0];
        let mut closed: Vec<bool> = Vec::new();
        let mut targets: Vec<(u32, Target)> = Vec::new();
        let too_large = || Error::Build("more than 4 GB of patterns".into());
        let mut folded = String::new();
        for (i, e) in entities.iter().enumerate() {
            for v in variants(e) {
                fold_str_into(v.text.trim(), &mut folded);
                let single_word = !folded.contains([' ', '-']);
                if folded.chars().nth(1).is_none()
                    || (single_word && stopwords().contains(folded.as_str()))
                {
                    continue;
                }
                let h = word_hash(&folded);
                let form = |p: u32| {
                    &forms[form_end[p as usize] as usize..form_end[p as usize + 1] as usize]
                };
                let known = match index.get(&h) {
                    Some(&p) if form(p) == folded => Some(p),
                    Some(_) => collided.get(folded.as_str()).copied(),
                    None => None,
                };
                let p = match known {
                    Some(p) => p,
                    None => {
                        let p = closed.len() as u32;
                        let is_closed = push_search_pattern(&mut arena, &folded);
                        offsets.push(u32::try_from(arena.len()).map_err(|_| too_large())?);
                        closed.push(is_closed);
                        forms.push_str(&folded);
                        form_end.push(u32::try_from(forms.len()).map_err(|_| too_large())?);
                        match index.entry(h) {
                            std::collections::hash_map::Entry::Vacant(e) => {
                                e.insert(p);
                            }
                            std::collections::hash_map::Entry::Occupied(_) => {
                                collided.insert(folded.as_str().into(), p);
                            }
                        }
                        p
                    }
                };
                let surface = if v.case == Case::Exact {
                    v.text.into_boxed_str()
                } else {
                    Box::default()
                };
                targets.push((
                    p,
                    Target {
                        entity: i as u32,
                        form: v.form,
                        kind: v.kind,
                        case: v.case,
                        surface,
                    },
                ));
            }
        }
        drop((index, collided, forms, form_end));
        // Group the targets by pattern, each group in entity order (a
        // counting sort).
        let mut target_start = vec![0u32; closed.len() + 1];
        for (p, _) in &targets {
            target_start[*p as usize + 1] += 1;
        }
        for k in 1..target_start.len() {
            target_start[k] += target_start[k - 1];
        }
        let mut slot: Vec<u32> = target_start[..closed.len()].to_vec();
        let mut order = vec![0u32; targets.len()];
        for (k, (p, _)) in targets.iter().enumerate() {
            order[slot[*p as usize] as usize] = k as u32;
            slot[*p as usize] += 1;
        }
        drop(slot);
        let flat: Vec<Target> = order
            .iter()
            .map(|&k| {
                let t = &mut targets[k as usize].1;
                Target {
                    surface: std::mem::take(&mut t.surface),
                    ..*t
                }
            })
            .collect();
        drop((order, targets));
        let trie = Trie::build(&arena, &offsets);
        drop(arena);
        Ok(Gazetteer::from_inner(Inner {
            entities,
            by_id: OnceLock::new(),
            every_mark: trie.has_mark_mark(),
            trie,
            closed,
            target_start,
            targets: flat,
        }))
    }

    pub(crate) fn from_inner(inner: Inner) -> Gazetteer {
        Gazetteer {
            inner: Arc::new(inner),
        }
    }

    /// Parses and compiles a gazetteer in the TSV format (see
    /// [`crate::parse_tsv`]).
    pub fn from_tsv(text: &str) -> Result<Gazetteer, Error> {
        Gazetteer::new(crate::format::parse_tsv(text)?)
    }

    /// The embedded default gazetteer for German news: all countries with
    /// German names, adjectives and (for the main ones) inhabitant nouns;
    /// capitals and major cities with German exonyms; regions and seas;
    /// international organisations, government bodies, parties, news
    /// agencies and media; heads of state and government, ministers and
    /// other people in the news. Built by `tools/gazetteer/build.py` from
    /// Unicode CLDR, `i18n-iso-countries`, `i18n-nationality` and curated
    /// lists (sources and licences in `docs/DATA.md`).
    ///
    /// Compiled once per process and then shared (a clone of an `Arc`).
    pub fn german() -> Result<Gazetteer, Error> {
        static DEFAULT: OnceLock<Result<Gazetteer, String>> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                Gazetteer::from_tsv(include_str!("../data/default.tsv")).map_err(|e| e.to_string())
            })
            .clone()
            .map_err(Error::Build)
    }

    /// Loads a gazetteer file: a compiled gazetteer (see
    /// [`Gazetteer::save_compiled`], told by its magic header) or a file in
    /// the TSV format, which is parsed and compiled.
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Gazetteer, Error> {
        let bytes = std::fs::read(path)?;
        Gazetteer::from_bytes(&bytes)
    }

    /// A gazetteer from the bytes of a file: compiled (by its magic header)
    /// or TSV text.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, Error> {
        if crate::compiled::is_compiled(bytes) {
            return crate::compiled::read(bytes);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Gazetteer::from_tsv(text),
            Err(e) => {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                Err(Error::Parse(crate::Problem {
                    line,
                    message: "not UTF-8 text (nor a compiled gazetteer)".into(),
                }))
            }
        }
    }

    /// Writes the gazetteer in the compiled format: the entities, the
    /// folded and deduplicated patterns and the matcher's trie, so that
    /// [`Gazetteer::load`] or [`Gazetteer::from_compiled`] restore it
    /// without parsing, generating variants or folding. The file is tied to
    /// this crate's version (see `docs/FORMATS.md`).
    ///
    /// ```
    /// use wortlaut_gazetteer::Gazetteer;
    ///
    /// let g = Gazetteer::from_tsv("russia\tGPE\tRussland\t\tadjective=russisch\n").unwrap();
    /// let mut bytes = Vec::new();
    /// g.save_compiled(&mut bytes).unwrap();
    /// let h = Gazetteer::from_compiled(&bytes).unwrap();
    /// assert_eq!(h.find_in("Die russische Regierung"), g.find_in("Die russische Regierung"));
    /// // Damaged data gives an error, never a panic.
    /// assert!(Gazetteer::from_compiled(&bytes[..bytes.len() - 1]).is_err());
    /// ```
    pub fn save_compiled(&self, writer: impl std::io::Write) -> Result<(), Error> {
        let mut w = crate::compiled::write(&self.inner, writer)?;
        w.flush()?;
        Ok(())
    }

    /// A gazetteer from the bytes written by [`Gazetteer::save_compiled`].
    /// Corrupt, truncated or foreign data and files of another format or
    /// crate version give [`Error::Compiled`].
    pub fn from_compiled(bytes: &[u8]) -> Result<Gazetteer, Error> {
        crate::compiled::read(bytes)
    }

    /// The entities, in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.inner.entities
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        let by_id = self.inner.by_id.get_or_init(|| {
            let mut m =
                WordMap::with_capacity_and_hasher(self.inner.entities.len(), Default::default());
            for (i, e) in self.inner.entities.iter().enumerate() {
                m.entry(e.id.as_str().into()).or_insert(i as u32);
            }
            m
        });
        by_id.get(id).map(|&i| &self.inner.entities[i as usize])
    }

    /// The id of the entity that acts when the entity `id` is named as a
    /// speaker, a stance holder or a stance target: its `acts_for` if it
    /// has one (a capital stands for its state), else `id` itself, also for
    /// ids the gazetteer does not know. One step only: the `acts_for` of
    /// the entity returned is not followed.
    ///
    /// ```
    /// use wortlaut_gazetteer::Gazetteer;
    ///
    /// let g = Gazetteer::from_tsv(
    ///     "russia\tGPE\tRussland\n\
    ///      moscow\tGPE\tMoskau\t\tcountry=russia;acts_for=russia\n\
    ///      kasan\tGPE\tKasan\t\tcountry=russia\n",
    /// )
    /// .unwrap();
    /// assert_eq!(g.acting_id("moscow"), "russia");
    /// assert_eq!(g.acting_id("kasan"), "kasan");
    /// assert_eq!(g.acting_id("russia"), "russia");
    /// assert_eq!(g.acting_id("person:anna_meier"), "person:anna_meier");
    /// ```
    pub fn acting_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.entity(id)
            .and_then(|e| e.acts_for.as_deref())
            .unwrap_or(id)
    }

    /// Number of distinct folded patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.inner.closed.len()
    }

    /// Mentions in a raw text (normalised with the default [`Normalizer`]).
    pub fn find_in(&self, text: &str) -> Vec<Mention> {
        self.find(&Normalizer::new().normalize(text))
    }

    /// Mentions in a normalised text, leftmost-longest and non-overlapping,
    /// with short forms resolved within the document; spans refer to the
    /// original input.
    ///
    /// People the gazetteer does not know are found too: a given name from
    /// `data/given-names.txt` followed by one or two capitalised words (or
    /// initials, particles such as "von"), or a family name that comes first
    /// (`data/family-first.txt`: "Nguyen Khac Giang"); their surname alone,
    /// later in the same document, refers to them. Their entity id is
    /// `person:` and the name in lower case ("person:carl_thayer").
    pub fn find(&self, normalized: &Normalized) -> Vec<Mention> {
        let folded = normalized.fold();
        let mut cands = self.flat_candidates(normalized, &folded);
        // Leftmost first, longest first at the same start.
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut seen: HashSet<u32> = HashSet::default();
        let mut out = Vec::new();
        let mut taken = Vec::new();
        let mut last_end = 0;
        // Candidates come in text order: map them with cursors.
        let mut to_norm = folded.normalized_mapper();
        let mut to_orig = folded.original_mapper();
        for c in &cands {
            if c.start < last_end {
                continue;
            }
            let Some((entity, target)) = self.resolve(c, &seen) else {
                continue;
            };
            if let Some(e) = entity {
                if target.form != Form::Short {
                    seen.insert(e);
                }
            }
            let prev_end = last_end;
            last_end = c.end;
            let mut m = self.mention(&mut to_orig, c, entity, target);
            let hay = folded.text();
            let norm = normalized.text();
            let mut upper_at = |p: usize| {
                let n = to_norm.to_source(Span::new(p, p));
                norm.get(n.start..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_uppercase)
            };
            let mut org: Option<Span<Fold>> = None;
            if target.kind == EntityType::Gpe && matches!(target.form, Form::Name | Form::Genitive)
            {
                if let Some(s) = club_prefix_start(hay, c.start) {
                    // "Borussia Dortmund" is a club, not the city.
                    org = Some(Span::new(s, c.end));
                } else if let Some((s, w)) = word_before(hay, c.start) {
                    // "Universität Hamburg", "Medizinische Hochschule Hannover".
                    if is_org_head(w) && upper_at(s) {
                        let mut s = s;
                        while let Some((p, adj)) = word_before(hay, s) {
                            let adjective =
                                ["e", "en", "er", "es"].iter().any(|e| adj.ends_with(e))
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
                    if !sentence_start && is_org_head(w) && upper_at(c.end + 1) {
                        org = Some(Span::new(c.start, e));
                    }
                }
            }
            let mut folded_span: Span<Fold> = Span::new(c.start, c.end);
            // An organisation name must not reach back into the mention
            // before it ("US-Universität Russland").
            let org = org.filter(|span| span.start >= prev_end);
            if let Some(span) = org {
                m.span = to_orig.to_source(span);
                m.entity = None;
                m.kind = EntityType::Org;
                m.form = Form::Name;
                last_end = last_end.max(span.end);
                folded_span = span;
            }
            out.push(m);
            taken.push(to_norm.to_source(folded_span));
        }
        // People the gazetteer does not know ("Carl Thayer", later "Thayer").
        let persons = crate::persons::find(normalized.text(), &taken);
        taken.extend(persons.iter().map(|p| p.span));
        let mut norm_to_orig = normalized.alignment().source_mapper();
        for p in persons {
            let text = &normalized.text()[p.span.start..p.span.end];
            out.push(Mention {
                span: norm_to_orig.to_source(p.span),
                entity: Some(p.id),
                kind: EntityType::Per,
                form: if text.contains(' ') {
                    Form::Name
                } else {
                    Form::Short
                },
                glued: false,
            });
        }
        // Street names by their endings ("Schulstraße", "Neuendorfer Straße").
        taken.sort_by_key(|s| s.start);
        let mut norm_to_orig = normalized.alignment().source_mapper();
        for span in crate::places::streets(normalized.text(), &taken) {
            out.push(Mention {
                span: norm_to_orig.to_source(span),
                entity: None,
                kind: EntityType::Loc,
                form: Form::Name,
                glued: false,
            });
        }
        // "der Westen" as a political bloc, when the gazetteer has it.
        if let Some(west) = self.entity("the_west") {
            let kind = west.kind;
            let mut norm_to_orig = normalized.alignment().source_mapper();
            for span in crate::places::political_west(normalized.text(), &taken) {
                out.push(Mention {
                    span: norm_to_orig.to_source(span),
                    entity: Some("the_west".to_string()),
                    kind,
                    form: Form::Name,
                    glued: false,
                });
            }
        }
        out.sort_by_key(|m| (m.span.start, m.span.end));
        self.join_places(normalized, &mut out);
        out
    }

    /// Joins places written as one name: "Berlin-Charlottenburg",
    /// "Darmstadt/Berlin", "Freiburg im Breisgau", "Brandenburg an der
    /// Havel". Countries are never joined ("Russland-Nordkorea-Gipfel"
    /// names two countries). The joined mention has no entity.
    fn join_places(&self, normalized: &Normalized, out: &mut Vec<Mention>) {
        let place = |m: &Mention| {
            matches!(m.kind, EntityType::Gpe | EntityType::Loc)
                && matches!(m.form, Form::Name | Form::Genitive)
                && m.entity
                    .as_deref()
                    .and_then(|id| self.entity(id))
                    .is_some_and(|e| e.kind == EntityType::Loc || e.country.is_some())
        };
        let text = normalized.text();
        let mut joined: Vec<Mention> = Vec::with_capacity(out.len());
        for m in out.drain(..) {
            if let Some(prev) = joined.last_mut() {
                let gap = normalized.to_normalized(Span::new(prev.span.end, m.span.start));
                let between = text.get(gap.start..gap.end).unwrap_or("");
                let linked = matches!(
                    between,
                    "-" | "/" | " im " | " am " | " an der " | " ob der "
                );
                let prev_ok = prev.entity.is_none()
                    && prev.kind == EntityType::Loc
                    && prev.form == Form::Name
                    || place(prev);
                if linked && prev_ok && place(&m) && prev.span.end <= m.span.start {
                    prev.span = Span::new(prev.span.start, m.span.end);
                    prev.entity = None;
                    prev.kind = EntityType::Loc;
                    prev.form = Form::Name;
                    prev.glued = false;
                    continue;
                }
            }
            joined.push(m);
        }
        *out = joined;
    }

    /// Every valid match, overlapping ones included (nested names such as
    /// "Vereinte Nationen" inside "Generalsekretär der Vereinte Nationen"
    /// ...), in text order. Short forms are left out: they need the
    /// in-document resolution of [`Gazetteer::find`].
    pub fn find_overlapping(&self, normalized: &Normalized) -> Vec<Mention> {
        let folded = normalized.fold();
        let mut cands = Vec::new();
        let mut to_norm = folded.normalized_mapper();
        self.walk_marks(folded.text(), true, |ms, found| {
            for &(mend, p) in found {
                // The match covers the mark before the name: shift by one.
                let p = p as usize;
                let end = mend.saturating_sub(1 + usize::from(self.inner.closed[p]));
                cands.extend(self.check(normalized, &folded, &mut to_norm, ms, end, p));
            }
        });
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let none = HashSet::default();
        let mut to_orig = folded.original_mapper();
        cands
            .iter()
            .filter_map(|c| {
                let (entity, target) = self.resolve(c, &none)?;
                (target.form != Form::Short).then(|| self.mention(&mut to_orig, c, entity, target))
            })
            .collect()
    }

    fn mention(
        &self,
        to_orig: &mut SourceMapper<'_, Orig, Fold>,
        c: &Candidate,
        entity: Option<u32>,
        t: &Target,
    ) -> Mention {
        Mention {
            span: to_orig.to_source(Span::new(c.start, c.end)),
            entity: entity.map(|e| self.inner.entities[e as usize].id.clone()),
            kind: t.kind,
            form: t.form,
            glued: c.glued,
        }
    }

    /// Picks the entity a candidate stands for: full forms over short ones;
    /// a short form only for an entity already mentioned in full, and only
    /// when exactly one such entity fits. Several entities with one full
    /// form: the one mentioned before, else unresolved (`None`).
    fn resolve<'g>(
        &'g self,
        c: &Candidate,
        seen: &HashSet<u32>,
    ) -> Option<(Option<u32>, &'g Target)> {
        let ts = self.inner.targets(c.pattern);
        let full = ts.iter().filter(|t| t.form != Form::Short);
        if let Some(first) = full.clone().next() {
            if full.clone().all(|t| t.entity == first.entity) {
                return Some((Some(first.entity), first));
            }
            let mut known = full.filter(|t| seen.contains(&t.entity));
            if let (Some(k), None) = (known.next(), known.next()) {
                return Some((Some(k.entity), k));
            }
            return Some((None, first));
        }
        let mut short = ts.iter().filter(|t| seen.contains(&t.entity));
        match (short.next(), short.next()) {
            (Some(one), None) => Some((Some(one.entity), one)),
            _ => None,
        }
    }

    /// Checks one match on the folded view: word boundaries (a name glued to
    /// a known word or heading a known compound passes), compound
    /// exceptions ("US-Dollar"), case rules.
    fn check(
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
                let n = to_norm.to_source(Span::new(e, e));
                let rest_norm = norm.get(n.start..).and_then(|s| s.chars().next());
                if !rest_norm.is_some_and(char::is_lowercase) || e - s < 3 {
                    return None;
                }
                if glue_words().contains(rest) {
                    glued = true;
                } else if !(e - s >= 4 && compound_heads().contains(rest)) {
                    return None;
                }
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

    /// Walks the trie from every mark of the search haystack of `folded`
    /// where a pattern can start, calling `f(start, matches)` with the
    /// patterns found there (`(end, pattern)` in search offsets, shortest
    /// first; the mark at search offset `start` stands before the name,
    /// which starts at folded offset `start`).
    fn walk_marks(&self, folded: &str, all: bool, mut f: impl FnMut(usize, &[(usize, u32)])) {
        // The haystack buffer is kept per thread between documents (up to
        // `KEEP_HAYSTACK` bytes), so most documents allocate nothing here.
        const KEEP_HAYSTACK: usize = 32 << 20;
        thread_local! {
            static HAYSTACK: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let mut search = HAYSTACK.take();
        search_haystack_into(folded, &mut search);
        let trie = &self.inner.trie;
        let every_mark = self.inner.every_mark;
        let mut found = Vec::new();
        let n = search.len();
        let mut base = 0;
        while base < n {
            // The marks among the next eight bytes, as high bits.
            let mut marks = match search.get(base..base + 8) {
                Some(chunk) => {
                    let mut b8 = [0u8; 8];
                    b8.copy_from_slice(chunk);
                    let z = u64::from_le_bytes(b8) ^ u64::from_le_bytes([MARK; 8]);
                    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
                    !(((z & LOW) + LOW) | z) & !LOW
                }
                None => search[base..]
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == MARK)
                    .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k)),
            };
            while marks != 0 {
                let ms = base + (marks.trailing_zeros() / 8) as usize;
                marks &= marks - 1;
                if !every_mark && search.get(ms + 1).is_none_or(|&b| b == MARK) {
                    continue;
                }
                if !trie.may_start(&search, ms) {
                    continue;
                }
                found.clear();
                trie.walk(&search, ms, all, &mut found);
                if !found.is_empty() {
                    f(ms, &found);
                }
            }
            base += 8;
        }
        if search.capacity() <= KEEP_HAYSTACK {
            HAYSTACK.set(search);
        }
    }

    /// Candidates for the flat search: at every position where a name
    /// starts, every name starting there, longest first (so a valid shorter
    /// match survives a longer one that fails its checks). Names with the
    /// same search bytes as an earlier one are left out, as a
    /// leftmost-longest automaton would.
    fn flat_candidates(&self, normalized: &Normalized, folded: &Folded) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut to_norm = folded.normalized_mapper();
        self.walk_marks(folded.text(), false, |ms, found| {
            for &(mend, p) in found.iter().rev() {
                let p = p as usize;
                let e = mend.saturating_sub(1 + usize::from(self.inner.closed[p]));
                out.extend(self.check(normalized, folded, &mut to_norm, ms, e, p));
            }
        });
        out
    }

    fn is_compound_exception(&self, hay: &str, s: usize) -> bool {
        let end = hay[s..]
            .char_indices()
            .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '-'))
            .map_or(hay.len(), |(k, _)| s + k);
        compound_exceptions().contains(&hay[s..end])
    }
}

/// The byte that stands for every byte of a character that is not a letter
/// or digit in the search haystack and in the patterns.
pub(crate) const MARK: u8 = 0x01;

/// The search haystack (into a buffer): the folded text with every byte of
/// every character that is not a letter or digit replaced by [`MARK`], after
/// one leading [`MARK`]. Offsets are those of the folded text plus one, so a
/// pattern `MARK name` can only match where a word starts.
fn search_haystack_into(folded: &str, out: &mut Vec<u8>) {
    let bytes = folded.as_bytes();
    out.clear();
    out.reserve(folded.len() + 2);
    out.push(MARK);
    // ASCII in one vectorised pass (bytes of other characters kept for now).
    out.extend(bytes.iter().map(|&b| {
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            b
        } else {
            MARK
        }
    }));
    // A closing mark, so that names at the very end can need one.
    out.push(MARK);
    if folded.is_ascii() {
        return;
    }
    // Other characters: marked unless they are letters or digits. ASCII is
    // skipped sixteen bytes at a time.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            while let Some(chunk) = bytes.get(i..i + 16) {
                let mut word = [0u8; 16];
                word.copy_from_slice(chunk);
                if u128::from_le_bytes(word) & 0x8080_8080_8080_8080_8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 16;
            }
            continue;
        }
        let Some(c) = folded[i..].chars().next() else {
            break;
        };
        let w = c.len_utf8();
        if !is_alphanumeric(c) {
            out[i + 1..i + 1 + w].fill(MARK);
        }
        i += w;
    }
}

/// `char::is_alphanumeric`, with Latin-1 answered without the Unicode
/// tables.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_alphanumeric(),
        0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE => true,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF => true,
        // Latin-1 rest; General Punctuation (dashes, quotation marks).
        0x80..=0xFF | 0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, with Latin-1 answered without the Unicode tables.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_alphabetic(),
        0xAA | 0xB5 | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF => true,
        0x80..=0xFF | 0x2000..=0x206F => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_uppercase`, with Latin-1 answered without the Unicode tables.
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_uppercase(),
        0xC0..=0xD6 | 0xD8..=0xDE => true,
        0x80..=0xFF | 0x2000..=0x206F => false,
        _ => c.is_uppercase(),
    }
}

/// Names this short must be followed by a mark in the automaton already:
/// otherwise "un" (UN) or "is" (IS) would stop the search at every "und"
/// and "ist".
const SHORT_NAME: usize = 2;

/// Appends the pattern for a folded name to `arena`: `MARK` and the name
/// with its non-alphanumeric bytes marked the same way, and for very short
/// names a closing `MARK`. Trailing punctuation is left out ("Jr.",
/// "Paris'"), so a match never runs into the punctuation after a name.
/// Returns whether the pattern has the closing mark.
fn push_search_pattern(arena: &mut Vec<u8>, folded_name: &str) -> bool {
    let name = folded_name.trim_end_matches(|c: char| !is_alphanumeric(c));
    arena.push(MARK);
    let mut chars = 0;
    for c in name.chars() {
        chars += 1;
        let w = c.len_utf8();
        if is_alphanumeric(c) {
            let mut b = [0u8; 4];
            arena.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
        } else {
            arena.extend(std::iter::repeat_n(MARK, w));
        }
    }
    let closed = chars <= SHORT_NAME;
    if closed {
        arena.push(MARK);
    }
    closed
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
