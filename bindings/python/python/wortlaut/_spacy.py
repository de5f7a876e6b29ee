"""The spaCy component: ``nlp.add_pipe("wortlaut")``.

spaCy finds the factory through the ``spacy_factories`` entry point of the
package; importing this module needs spaCy. The component sets

- ``doc.ents``: the entity mentions (labels PER, ORG, GPE, LOC, NORP,
  EVENT, ...; ``kb_id_`` the entity id), without overlaps; entities that an
  earlier component (a German model's NER) found stay where they overlap
  none of wortlaut's;
- ``doc.spans["wortlaut_quotes"]``: the quotations (label: the quotation
  type), with ``span._.speaker``, ``span._.speaker_entity``, ``span._.cue``,
  ``span._.kind`` and ``span._.polarity``;
- ``doc._.wortlaut``: the :class:`wortlaut.Analysis`.

Character spans are aligned to spaCy's tokens with
``doc.char_span(..., alignment_mode="expand")``. ``nlp.pipe`` hands the
component whole batches, which it analyses in parallel in Rust.
"""

# No `from __future__ import annotations`: spaCy reads the factory's
# annotations at run time to validate its config.
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ._analysis import Analysis
from ._pipeline import Pipeline

__all__ = ["QUOTES_KEY", "WortlautComponent", "make_wortlaut"]

QUOTES_KEY = "wortlaut_quotes"
"""The key of the quotation spans in ``doc.spans``."""


def _extensions() -> None:
    Doc.set_extension("wortlaut", default=None, force=True)
    for name in ("speaker", "speaker_entity", "cue", "kind", "polarity"):
        Span.set_extension(name, default=None, force=True)


class WortlautComponent:
    """The spaCy pipeline component (made by the ``"wortlaut"`` factory)."""

    def __init__(self, pipeline: Pipeline, batch_size: int = 256) -> None:
        _extensions()
        self.pipeline = pipeline
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        """Analyses one ``Doc``."""
        self.set_annotations(doc, self.pipeline.analyze(doc.text))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: Optional[int] = None) -> Iterator[Doc]:
        """Analyses a stream of ``Doc``s in batches (parallel in Rust)."""
        size = batch_size or self.batch_size
        it = iter(docs)
        while True:
            batch = list(islice(it, size))
            if not batch:
                return
            analyses = self.pipeline.pipe([d.text for d in batch], batch_size=len(batch))
            for doc, a in zip(batch, analyses):
                self.set_annotations(doc, a)
                yield doc

    @staticmethod
    def set_annotations(doc: Doc, a: Analysis) -> None:
        """Sets ``doc.ents``, the quotation spans and ``doc._.wortlaut``."""
        doc._.wortlaut = a
        ours = []
        for m in a.mentions:
            span = doc.char_span(
                m.start, m.end, label=m.type, kb_id=m.entity or "", alignment_mode="expand"
            )
            if span is not None:
                ours.append(span)
        ours = filter_spans(ours)
        taken: set[int] = set()
        for s in ours:
            taken.update(range(s.start, s.end))
        kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
        doc.ents = sorted(ours + kept, key=lambda s: s.start)
        quotes = []
        for q in a.quotes:
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is None:
                continue
            span._.speaker = q.speaker
            span._.speaker_entity = q.speaker_entity
            span._.cue = q.cue
            span._.kind = q.kind
            pol = q.polarity
            span._.polarity = None if pol is None else pol.label
            quotes.append(span)
        doc.spans[QUOTES_KEY] = quotes


@Language.factory(
    "wortlaut",
    default_config={
        "gazetteer": None,
        "lexicon": None,
        "quotes": True,
        "sentiment": True,
        "batch_size": 256,
        "threads": None,
        "max_bytes": 64 * 1024 * 1024,
        "neutral_band": None,
        "negativity": None,
        "length_damping": None,
    },
)
def make_wortlaut(
    nlp: Language,
    name: str,
    gazetteer: Optional[str],
    lexicon: Optional[str],
    quotes: bool,
    sentiment: bool,
    batch_size: int,
    threads: Optional[int],
    max_bytes: int,
    neutral_band: Optional[float],
    negativity: Optional[float],
    length_damping: Optional[float],
) -> WortlautComponent:
    """The ``"wortlaut"`` factory: config keys are the options of
    :class:`wortlaut.Pipeline` (``gazetteer``, ``lexicon``, ``quotes``,
    ``sentiment``, ``threads``, ``max_bytes`` and the sentiment settings)
    and ``batch_size`` (documents analysed together by ``nlp.pipe``)."""
    options: dict[str, Any] = {"max_bytes": max_bytes}
    for key, value in (
        ("threads", threads),
        ("neutral_band", neutral_band),
        ("negativity", negativity),
        ("length_damping", length_damping),
    ):
        if value is not None:
            options[key] = value
    pipeline = Pipeline(
        gazetteer=gazetteer, lexicon=lexicon, quotes=quotes, sentiment=sentiment, **options
    )
    return WortlautComponent(pipeline, batch_size=batch_size)
