"""The spaCy component on ``spacy.blank("de")``, alone and after other
components that set entities."""

from __future__ import annotations

import spacy

import wortlaut

TEXTS = [
    "„Das ist gut“, sagte Angela Merkel in Berlin.",
    "Putin kritisierte die Nato scharf. „Wir bleiben“, erklärte der Kreml-Sprecher.",
    "Olaf Scholz traf Emmanuel Macron in Paris.",
]


def check(doc: spacy.tokens.Doc) -> None:
    a = doc._.wortlaut
    assert isinstance(a, wortlaut.Analysis) and a.text == doc.text
    by_start = {m.start: m for m in a.mentions}
    for ent in doc.ents:
        if ent.kb_id_:
            m = by_start[ent.start_char]
            # Aligned to tokens: the entity covers the mention ("Kreml" in
            # the token "Kreml-Sprecher").
            assert ent.start_char <= m.start and ent.end_char >= m.end
            assert m.text in ent.text and (ent.label_, ent.kb_id_) == (m.type, m.entity or "")
    # Every mention with an entity is an entity of the doc, unless it
    # overlaps an earlier one (spaCy's entities cannot overlap).
    ours = [e for e in doc.ents if e.kb_id_]
    assert 0 < len(ours) <= len([m for m in a.mentions if m.entity])
    quotes = doc.spans["wortlaut_quotes"]
    assert len(quotes) == len(a.quotes)
    for span, q in zip(quotes, a.quotes):
        assert span.start_char <= q.start and span.end_char >= q.end
        assert (span._.kind, span._.speaker, span._.cue) == (q.kind, q.speaker, q.cue)
        assert span._.speaker_entity == q.speaker_entity
        assert span._.polarity == (None if q.polarity is None else q.polarity.label)


def test_blank_de() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("wortlaut")
    doc = nlp(TEXTS[0])
    check(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Angela Merkel", "PER"), ("Berlin", "GPE")]
    q = doc.spans["wortlaut_quotes"][0]
    assert (q.text, q._.speaker, q._.cue, q._.kind) == (
        "„Das ist gut“",
        "Angela Merkel",
        "sagte",
        "Direct",
    )
    assert q._.polarity == "positive"


def test_nlp_pipe_batches_and_keeps_order() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("wortlaut", config={"batch_size": 2, "threads": 2})
    docs = list(nlp.pipe(TEXTS * 5, batch_size=4))
    assert [d.text for d in docs] == TEXTS * 5
    for d in docs:
        check(d)


def test_config_keys_are_pipeline_options() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("wortlaut", config={"sentiment": False, "quotes": False})
    doc = nlp(TEXTS[0])
    assert doc._.wortlaut.polarity is None and len(doc.spans["wortlaut_quotes"]) == 0
    assert len(doc.ents) == 2


def test_after_a_component_that_sets_entities() -> None:
    # As after a loaded model's NER: its entities stay where they do not
    # overlap wortlaut's.
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [{"label": "MISC", "pattern": "Kreml-Sprecher"}, {"label": "PER", "pattern": "Angela"}]
    )
    nlp.add_pipe("wortlaut")
    doc = nlp(TEXTS[0] + " " + TEXTS[1])
    check(doc)
    labels = [(e.text, e.label_) for e in doc.ents]
    # wortlaut's entities win where they overlap the ruler's.
    assert ("Kreml-Sprecher", "ORG") in labels and ("Kreml-Sprecher", "MISC") not in labels
    assert ("Angela Merkel", "PER") in labels and ("Angela", "PER") not in labels
    nlp2 = spacy.blank("de")
    nlp2.add_pipe("entity_ruler").add_patterns(  # type: ignore[attr-defined]
        [{"label": "MISC", "pattern": "scharf"}]
    )
    nlp2.add_pipe("wortlaut")
    assert ("scharf", "MISC") in [(e.text, e.label_) for e in nlp2(TEXTS[1]).ents]
