"""wortlaut: who is mentioned, who said what, about whom, with what stance —
fast, exact NLP for German news, from Python.

>>> import wortlaut
>>> pipeline = wortlaut.Pipeline()
>>> a = pipeline.analyze("„Das ist gut“, sagte Angela Merkel in Berlin.", id="x")
>>> [(m.text, m.entity) for m in a.mentions]
[('Angela Merkel', 'angela_merkel'), ('Berlin', 'berlin')]
>>> q = a.quotes[0]
>>> q.text, q.speaker, q.speaker_entity, q.cue
('„Das ist gut“', 'Angela Merkel', 'angela_merkel', 'sagte')

:class:`Pipeline` analyses texts (:meth:`Pipeline.analyze`) and streams
(:meth:`Pipeline.pipe`, parallel in Rust); an :class:`Analysis` gives the
parts as objects and :meth:`Analysis.to_dict` the CLI's JSON record;
:func:`tables` makes pandas / Arrow tables of many analyses and
:func:`report_html` the HTML report page. With spaCy installed,
``nlp.add_pipe("wortlaut")`` adds the component (:mod:`wortlaut._spacy`).
"""

from __future__ import annotations

from collections.abc import Iterable

from . import _native
from ._analysis import (
    Analysis,
    DocumentError,
    Evidence,
    Mention,
    Polarity,
    Quote,
    Record,
    Repair,
    Sentence,
    Stance,
)
from ._pipeline import Document, Pipeline
from ._tables import TABLES, tables

__version__: str = _native.__version__

__all__ = [
    "TABLES",
    "Analysis",
    "Document",
    "DocumentError",
    "Evidence",
    "Mention",
    "Pipeline",
    "Polarity",
    "Quote",
    "Record",
    "Repair",
    "Sentence",
    "Stance",
    "__version__",
    "report_html",
    "tables",
]


def report_html(analyses: Iterable[Analysis]) -> str:
    """The corpus report page (as ``wortlaut analyze --format html`` writes
    it) for these analyses, as one self-contained HTML string: every article
    with its mentions, quotations and polarity, and the corpus summary.
    Documents with an :attr:`Analysis.error` are listed as such."""
    return _native.report_html([(a.text, a._native) for a in analyses])
