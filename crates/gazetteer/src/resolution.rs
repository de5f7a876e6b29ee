//! Resolution within a document: leftmost-longest selection, short forms
//! resolved to the entity mentioned in full before, people and streets the
//! gazetteer does not list, political blocs, and places joined into one
//! name.

use wortlaut_normalize::{Fold, Norm, Normalized, Orig, SourceMapper, Span};

use crate::entity::EntityType;
use crate::matcher::{Candidate, Gazetteer, Mention, Target};
use crate::variants::Form;
use wortlaut_normalize::hash::WordSet as HashSet;

/// Whether `s` overlaps the span of one of `items`, which are in text
/// order and do not overlap one another (a binary search).
pub(crate) fn overlaps_sorted<T>(items: &[T], span: impl Fn(&T) -> Span, s: Span) -> bool {
    let k = items.partition_point(|t| span(t).end <= s.start);
    items.get(k).is_some_and(|t| span(t).start < s.end)
}

impl Gazetteer {
    /// Mentions in a normalised text, leftmost-longest and non-overlapping,
    /// with short forms resolved within the document; spans refer to the
    /// original input.
    ///
    /// People the gazetteer does not know are found too: a given name from
    /// the profile's list `gazetteer/given-names` followed by one or two capitalised words (or
    /// initials, particles such as "von"), or a family name that comes first
    /// (`gazetteer/family-first`: "Nguyen Khac Giang"); their surname alone,
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
            let mut m = self.mention(&mut to_orig, None, c, entity, target);
            let hay = folded.text();
            let org = self.organisation(normalized, hay, &mut to_norm, c, target);
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
            m.norm = to_norm.to_source(folded_span);
            taken.push(m.norm);
            out.push(m);
        }
        // People the gazetteer does not know ("Carl Thayer", later "Thayer").
        let persons = if self.discovery {
            crate::persons::find(&self.words, normalized.text(), &taken)
        } else {
            Vec::new()
        };
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
                discovered: true,
                norm: p.span,
            });
        }
        // People, organisations and places by their context ("Präsident
        // Cleveland", "Hays AG", "in Hatfield").
        if let (true, Some(lists)) = (self.discovery, &self.words.discovery) {
            let mut known: Vec<(Span<Norm>, EntityType)> =
                out.iter().map(|m| (m.norm, m.kind)).collect();
            known.sort_by_key(|k| k.0.start);
            let found = crate::discover::find(lists, &self.words, normalized.text(), &known);
            taken.extend(found.iter().map(|f| f.span));
            let mut norm_to_orig = normalized.alignment().source_mapper();
            for f in found {
                out.push(Mention {
                    span: norm_to_orig.to_source(f.span),
                    entity: Some(f.id),
                    kind: f.kind,
                    form: Form::Name,
                    glued: false,
                    discovered: true,
                    norm: f.span,
                });
            }
        }
        // Street names by their endings ("Schulstraße", "Neuendorfer Straße").
        taken.sort_by_key(|s| s.start);
        let mut norm_to_orig = normalized.alignment().source_mapper();
        for span in crate::places::streets(&self.words, normalized.text(), &taken) {
            out.push(Mention {
                span: norm_to_orig.to_source(span),
                entity: None,
                kind: EntityType::Loc,
                form: Form::Name,
                glued: false,
                discovered: false,
                norm: span,
            });
        }
        // Political blocs ("der Westen"), when the gazetteer has their entity.
        let blocs = crate::places::blocs(&self.words, normalized.text(), &taken, |id| {
            self.entity(id).is_some()
        });
        let mut norm_to_orig = normalized.alignment().source_mapper();
        for (span, id) in blocs {
            let Some(bloc) = self.entity(id) else {
                continue;
            };
            out.push(Mention {
                span: norm_to_orig.to_source(span),
                entity: Some(id.to_string()),
                kind: bloc.kind,
                form: Form::Name,
                glued: false,
                discovered: false,
                norm: span,
            });
        }
        out.sort_by_key(|m| (m.span.start, m.span.end));
        self.join_places(normalized, &mut out);
        out
    }

    /// Joins places written as one name: "Berlin-Charlottenburg",
    /// "Darmstadt/Berlin", "Freiburg im Breisgau", "Brandenburg an der
    /// Havel". Countries are never joined ("Russland-Nordkorea-Gipfel"
    /// names two countries). The joined mention has no entity.
    pub(crate) fn join_places(&self, normalized: &Normalized, out: &mut Vec<Mention>) {
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
                let prev_ok = prev.entity.is_none()
                    && prev.kind == EntityType::Loc
                    && prev.form == Form::Name
                    || place(prev);
                // What lies between is mapped to the normalised text only
                // for two places in order (the mapping costs most).
                let linked = || {
                    let gap = normalized.to_normalized(Span::new(prev.span.end, m.span.start));
                    let between = text.get(gap.start..gap.end).unwrap_or("");
                    matches!(between, "-" | "/")
                        || between
                            .strip_prefix(' ')
                            .and_then(|b| b.strip_suffix(' '))
                            .is_some_and(|w| self.words.place_links.contains(w))
                };
                if prev.span.end <= m.span.start && prev_ok && place(&m) && linked() {
                    prev.span = Span::new(prev.span.start, m.span.end);
                    prev.norm = Span::new(prev.norm.start, m.norm.end);
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

    pub(crate) fn mention(
        &self,
        to_orig: &mut SourceMapper<'_, Orig, Fold>,
        to_norm: Option<&mut SourceMapper<'_, Norm, Fold>>,
        c: &Candidate,
        entity: Option<u32>,
        t: &Target,
    ) -> Mention {
        let folded = Span::new(c.start, c.end);
        Mention {
            span: to_orig.to_source(folded),
            norm: to_norm.map_or_else(Span::default, |m| m.to_source(folded)),
            entity: entity.map(|e| self.inner.entities[e as usize].id.clone()),
            kind: t.kind,
            form: t.form,
            glued: c.glued,
            discovered: false,
        }
    }

    /// Picks the entity a candidate stands for: full forms over short ones;
    /// a short form only for an entity already mentioned in full, and only
    /// when exactly one such entity fits. Several entities with one full
    /// form: the one mentioned before, else unresolved (`None`).
    pub(crate) fn resolve<'g>(
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
}
