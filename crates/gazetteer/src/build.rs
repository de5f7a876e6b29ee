//! Building the matcher: the folded, deduplicated search patterns of every
//! entity's variants, their targets and the trie.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use wortlaut_normalize::fold_str_into;
use wortlaut_normalize::hash::WordHasher;

use crate::entity::Entity;
use crate::error::Error;
use crate::matcher::{Gazetteer, Inner, Target, WordMap};
use crate::search::{is_alphanumeric, MARK};
use crate::trie::Trie;
use crate::variants::{variants, Case};
use crate::words::Words;

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

impl Gazetteer {
    /// Compiles a gazetteer from entities with the word lists `words`.
    pub(crate) fn build(entities: Vec<Entity>, words: Arc<Words>) -> Result<Gazetteer, Error> {
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
            for v in variants(&words, e) {
                fold_str_into(v.text.trim(), &mut folded);
                let single_word = !folded.contains([' ', '-']);
                if folded.chars().nth(1).is_none()
                    || (single_word && words.stopwords.contains(folded.as_str()))
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
        })
        .with_words(words))
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
