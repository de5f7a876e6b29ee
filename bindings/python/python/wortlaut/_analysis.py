"""The result of analysing one document, and the views on its parts.

An :class:`Analysis` keeps the JSON record the Rust pipeline wrote for the
document (the very record of ``wortlaut analyze --input jsonl``) and decodes
it on first use. The views (:class:`Mention`, :class:`Quote`, ...) read the
decoded record: every field the record has is an attribute of its view, so
fields that later versions add appear without a change here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from . import _native

__all__ = [
    "Analysis",
    "DocumentError",
    "Evidence",
    "Mention",
    "Polarity",
    "Quote",
    "Record",
    "Repair",
    "Sentence",
    "Stance",
]


def _pairs(spans: list[dict[str, int]]) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in spans]


class Record:
    """A read-only view of one object of the record.

    Every key of the record is an attribute (``m.entity``) and an item
    (``m["entity"]``); :meth:`to_dict` gives the record's object itself.
    """

    __slots__ = ("_d", "_text")

    def __init__(self, d: dict[str, Any], text: str) -> None:
        self._d = d
        self._text = text

    def __getattr__(self, name: str) -> Any:
        try:
            return self._d[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no attribute {name!r} "
                f"(record keys: {', '.join(self._d)})"
            ) from None

    def __getitem__(self, key: str) -> Any:
        return self._d[key]

    def __contains__(self, key: object) -> bool:
        return key in self._d

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and type(other) is type(self) and other._d == self._d

    __hash__ = None  # type: ignore[assignment]

    def keys(self) -> Iterator[str]:
        """The record's keys."""
        return iter(self._d)

    def to_dict(self) -> dict[str, Any]:
        """The record's object (a copy), as in the CLI's JSON."""
        copied: dict[str, Any] = json.loads(json.dumps(self._d))
        return copied

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._d.items() if not isinstance(v, list))
        return f"{type(self).__name__}({shown})"


class Polarity(Record):
    """A polarity: ``label`` (``"positive"``, ``"negative"``, ``"neutral"``)
    and ``score`` (from -1 to 1)."""

    __slots__ = ()

    @property
    def label(self) -> str:
        """``"positive"``, ``"negative"`` or ``"neutral"``."""
        label: str = self._d["label"]
        return label

    @property
    def score(self) -> float:
        """The score, from -1 (negative) to 1 (positive)."""
        return float(self._d["score"])


def _polarity(d: dict[str, Any] | None, text: str) -> Polarity | None:
    return None if d is None else Polarity(d, text)


class Sentence(Record):
    """A sentence: ``start``, ``end`` (``str`` indices), ``text`` and its
    ``polarity`` (``None`` without the sentiment stage)."""

    __slots__ = ("_polarity",)

    def __init__(self, d: dict[str, Any], text: str, polarity: Polarity | None) -> None:
        super().__init__(d, text)
        self._polarity = polarity

    @property
    def start(self) -> int:
        """Start index into :attr:`Analysis.text`."""
        return int(self._d["start"])

    @property
    def end(self) -> int:
        """End index (exclusive) into :attr:`Analysis.text`."""
        return int(self._d["end"])

    @property
    def text(self) -> str:
        """The sentence as written."""
        return self._text[self.start : self.end]

    @property
    def polarity(self) -> Polarity | None:
        """The sentence's polarity."""
        return self._polarity


class Mention(Record):
    """An entity mention: ``start``, ``end``, ``text``, ``entity`` (the
    entity id, ``None`` when ambiguous), ``type`` (PER, ORG, GPE, LOC, NORP,
    EVENT, ...), ``form``; ``name`` (display name) and ``qid`` (Wikidata id)
    where the record carries them."""

    __slots__ = ()

    @property
    def start(self) -> int:
        """Start index into :attr:`Analysis.text`."""
        return int(self._d["start"])

    @property
    def end(self) -> int:
        """End index (exclusive) into :attr:`Analysis.text`."""
        return int(self._d["end"])

    @property
    def text(self) -> str:
        """The mention as written."""
        text: str = self._d["text"]
        return text

    @property
    def entity(self) -> str | None:
        """The entity id (``None`` when the mention is ambiguous)."""
        entity: str | None = self._d.get("entity")
        return entity

    @property
    def type(self) -> str:
        """The entity type: PER, ORG, GPE, LOC, NORP, EVENT, ..."""
        kind: str = self._d["type"]
        return kind

    @property
    def name(self) -> str | None:
        """The entity's display name, where the record has one."""
        name: str | None = self._d.get("name")
        return name

    @property
    def qid(self) -> str | None:
        """The entity's Wikidata id, where the gazetteer has one."""
        qid: str | None = self._d.get("qid")
        return qid


class Quote(Record):
    """A quotation: ``text`` (its spans joined with " … "), ``kind``
    (Direct, Indirect, FreeIndirect, IndirectFreeIndirect, Reported),
    ``medium``, ``speaker`` (the speaker as written), ``speaker_entity``,
    ``cue``, ``polarity``, and every span as ``(start, end)`` pairs."""

    __slots__ = ()

    @property
    def text(self) -> str:
        """The quotation as written (several spans joined with " … ")."""
        text: str = self._d["text"]
        return text

    @property
    def kind(self) -> str:
        """Direct, Indirect, FreeIndirect, IndirectFreeIndirect or Reported."""
        kind: str = self._d["type"]
        return kind

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The quotation's spans (several when a frame interrupts it)."""
        return _pairs(self._d["quote"])

    @property
    def start(self) -> int:
        """Start of the first span."""
        return int(self._d["quote"][0]["start"])

    @property
    def end(self) -> int:
        """End of the last span."""
        return int(self._d["quote"][-1]["end"])

    @property
    def speaker(self) -> str | None:
        """The speaker as written ("Der Sprecher", "er"); ``None`` if unknown."""
        text: str = self._d.get("speaker_text") or ""
        return text or None

    @property
    def speaker_spans(self) -> list[tuple[int, int]]:
        """Where the speaker is written."""
        return _pairs(self._d["speaker"])

    @property
    def speaker_entity(self) -> str | None:
        """The entity id of the speaker, when a mention fits."""
        entity: str | None = self._d.get("speaker_entity")
        return entity

    @property
    def speaker_name(self) -> str | None:
        """The display name of :attr:`speaker_entity`."""
        name: str | None = self._d.get("speaker_name")
        return name

    @property
    def speaker_qid(self) -> str | None:
        """The Wikidata id of :attr:`speaker_entity`, where known."""
        qid: str | None = self._d.get("speaker_qid")
        return qid

    @property
    def cue(self) -> str | None:
        """The cue words ("sagte", "teilte … mit", "laut"); ``None`` if none."""
        text: str = self._d.get("cue_text") or ""
        return text or None

    @property
    def cue_spans(self) -> list[tuple[int, int]]:
        """Where the cue words are."""
        return _pairs(self._d["cue"])

    @property
    def frame_spans(self) -> list[tuple[int, int]]:
        """The introducing clause or phrase."""
        return _pairs(self._d["frame"])

    @property
    def addressee(self) -> str | None:
        """To whom it was said ("gegenüber AFP" gives "AFP"); ``None`` if not said."""
        text: str = self._d.get("addressee_text") or ""
        return text or None

    @property
    def polarity(self) -> Polarity | None:
        """The polarity of what was said (``None`` without sentiment)."""
        return _polarity(self._d.get("polarity"), self._text)


class Stance(Record):
    """A stance triple: ``holder`` evaluates ``target`` with ``polarity``,
    resting on the ``evidence`` words; ``quote`` is the index into
    :attr:`Analysis.quotes` of the quotation it comes from (or ``None``)."""

    __slots__ = ()

    @property
    def holder(self) -> str:
        """Entity id of the holder."""
        holder: str = self._d["holder"]
        return holder

    @property
    def holder_name(self) -> str | None:
        """Display name of the holder."""
        name: str | None = self._d.get("holder_name")
        return name

    @property
    def target_name(self) -> str | None:
        """Display name of the target."""
        name: str | None = self._d.get("target_name")
        return name

    @property
    def target(self) -> str:
        """Entity id of the target."""
        target: str = self._d["target"]
        return target

    @property
    def polarity(self) -> Polarity:
        """The polarity (never neutral)."""
        return Polarity(self._d["polarity"], self._text)

    @property
    def evidence(self) -> list[str]:
        """The polar words the polarity rests on, as written."""
        return [self._text[s["start"] : s["end"]] for s in self._d["evidence"]]

    @property
    def evidence_spans(self) -> list[tuple[int, int]]:
        """Where the evidence words are."""
        return _pairs(self._d["evidence"])

    @property
    def holder_span(self) -> tuple[int, int] | None:
        """Where the holder is named, if it is."""
        s = self._d.get("holder_span")
        return None if s is None else (s["start"], s["end"])

    @property
    def target_spans(self) -> list[tuple[int, int]]:
        """Where the target is named."""
        return _pairs(self._d["target_spans"])

    @property
    def quote(self) -> int | None:
        """Index into :attr:`Analysis.quotes`, ``None`` for an evaluative clause."""
        q: int | None = self._d.get("quote")
        return q


class Repair(Record):
    """What the normaliser repaired or flagged: ``kind``, ``start``, ``end``,
    ``text`` (the original) and ``replacement`` (``None`` when flagged)."""

    __slots__ = ()

    @property
    def start(self) -> int:
        """Start index into :attr:`Analysis.text`."""
        return int(self._d["start"])

    @property
    def end(self) -> int:
        """End index (exclusive)."""
        return int(self._d["end"])

    @property
    def text(self) -> str:
        """The original text that was repaired."""
        return self._text[self.start : self.end]

    @property
    def replacement(self) -> str | None:
        """What the pipeline read instead (``None``: only flagged)."""
        r: str | None = self._d.get("replacement")
        return r


class Evidence(Record):
    """A polar word: ``start``, ``end``, ``text``, ``prior`` (lexicon
    polarity) and ``weight`` (in context)."""

    __slots__ = ()


class DocumentError(Record):
    """Why a document could not be analysed: ``kind`` (``bad_text``,
    ``too_large``, ``missing_text``, ...) and ``message``."""

    __slots__ = ()

    @property
    def kind(self) -> str:
        """A short name of the problem."""
        kind: str = self._d["kind"]
        return kind

    @property
    def message(self) -> str:
        """What went wrong and what to do."""
        message: str = self._d["message"]
        return message

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


class Analysis:
    """The analysis of one document.

    Every span is a ``str`` index into :attr:`text` (the original input):
    ``a.text[m.start:m.end] == m.text`` for every mention. :meth:`to_dict`
    equals ``json.loads`` of the CLI's JSON Lines record for the same input.
    A document that could not be analysed has :attr:`error` set and no
    parts.
    """

    __slots__ = ("_native", "_rec", "id", "meta", "text")

    id: str | None
    """The document id, if one was given."""
    text: str
    """The original text (for an error: the text if it was a ``str``, else ``""``)."""
    meta: dict[str, Any]
    """Every other field of the input dict, unchanged."""

    def __init__(
        self,
        native: _native.NativeRecord,
        text: str,
        id: str | None,
        meta: Mapping[str, Any] | None,
    ) -> None:
        self._native = native
        self._rec: dict[str, Any] | None = None
        self.id = id
        self.text = text
        self.meta = dict(meta) if meta else {}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._native.json(), self.text, self.id, self.meta))

    @property
    def _record(self) -> dict[str, Any]:
        """The record without its tokens, decoded once."""
        if self._rec is None:
            self._rec = json.loads(self._native.light_json())
        return self._rec

    def to_dict(self) -> dict[str, Any]:
        """The record as a new dict: equal to ``json.loads`` of the CLI's
        JSON Lines record for the same input (``wortlaut analyze --input
        jsonl``, code-point offsets)."""
        d: dict[str, Any] = json.loads(self._native.json())
        return d

    def to_json(self) -> str:
        """The record as JSON text, as the CLI writes it."""
        return self._native.json()

    @property
    def error(self) -> DocumentError | None:
        """Why the document could not be analysed, or ``None``."""
        e = self._native.error
        return None if e is None else DocumentError({"kind": e[0], "message": e[1]}, self.text)

    @property
    def ok(self) -> bool:
        """Whether the document was analysed (no :attr:`error`)."""
        return self._native.error is None

    @property
    def sentences(self) -> list[Sentence]:
        """The sentences, in text order, with their polarity (empty unless
        the pipeline was built with ``sentences=True``)."""
        pols = (self._record.get("sentiment") or {}).get("sentences") or []
        return [
            Sentence(s, self.text, Polarity(pols[i], self.text) if i < len(pols) else None)
            for i, s in enumerate(self._record.get("sentences") or [])
        ]

    @property
    def tokens(self) -> list[tuple[int, int]]:
        """The word tokens as ``(start, end)`` pairs (empty unless the
        pipeline was built with ``tokens=True``)."""
        full: dict[str, Any] = json.loads(self._native.json())
        return _pairs(full.get("tokens") or [])

    @property
    def mentions(self) -> list[Mention]:
        """The entity mentions, in text order."""
        return [Mention(m, self.text) for m in self._record.get("mentions") or []]

    @property
    def quotes(self) -> list[Quote]:
        """The quotations, in text order."""
        return [Quote(q, self.text) for q in self._record.get("quotes") or []]

    @property
    def stances(self) -> list[Stance]:
        """The stance triples, in text order."""
        return [Stance(s, self.text) for s in self._record.get("stance") or []]

    @property
    def repairs(self) -> list[Repair]:
        """What the normaliser repaired or flagged, in text order."""
        return [Repair(r, self.text) for r in self._record.get("repairs") or []]

    @property
    def evidence(self) -> list[Evidence]:
        """The polar words, in text order."""
        sentiment = self._record.get("sentiment") or {}
        return [Evidence(e, self.text) for e in sentiment.get("evidence") or []]

    @property
    def polarity(self) -> Polarity | None:
        """The document's polarity (``None`` without the sentiment stage)."""
        sentiment = self._record.get("sentiment")
        return None if sentiment is None else Polarity(sentiment["document"], self.text)

    def _repr_html_(self) -> str:
        """The article view of the HTML report (for notebooks)."""
        if self.error is not None:
            from html import escape

            return (
                f"<p><strong>{escape(self.id or 'document')}</strong>: "
                f"{escape(str(self.error))}</p>"
            )
        return _native.article_html(self.text, self._native)

    def __repr__(self) -> str:
        if self.error is not None:
            return f"Analysis(id={self.id!r}, error={str(self.error)!r})"
        r = self._record
        return (
            f"Analysis(id={self.id!r}, {len(self.text)} chars, "
            f"{len(r.get('sentences') or [])} sentences, {len(r.get('mentions') or [])} mentions, "
            f"{len(r.get('quotes') or [])} quotes, {len(r.get('stance') or [])} stances)"
        )


def _restore(record_json: str, text: str, id: str | None, meta: dict[str, Any]) -> Analysis:
    """An :class:`Analysis` back from its pickled state."""
    return Analysis(_native.NativeRecord.from_json(record_json, text), text, id, meta)
