"""Analyses as tables: pandas DataFrames or pyarrow Tables."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from ._analysis import Analysis

__all__ = ["TABLES", "tables"]

TABLES = ("documents", "mentions", "quotes", "stances", "errors")
"""The names of the tables :func:`tables` returns."""

# Column name -> kind: "str" (nullable text), "int", "int?" (nullable int),
# "float", "float?", "bool". The document id and the meta columns come first
# on every table; further scalar fields of the record follow these.
_COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "length": "int",
        "sentences": "int",
        "tokens": "int",
        "mentions": "int",
        "quotes": "int",
        "stances": "int",
        "repairs": "int",
        "polarity": "str",
        "polarity_score": "float?",
    },
    "mentions": {
        "mention": "int",
        "start": "int",
        "end": "int",
        "text": "str",
        "entity": "str",
        "name": "str",
        "type": "str",
        "form": "str",
        "qid": "str",
    },
    "quotes": {
        "quote": "int",
        "type": "str",
        "medium": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "speaker": "str",
        "speaker_entity": "str",
        "speaker_name": "str",
        "cue": "str",
        "addressee": "str",
        "nested": "bool",
        "polarity": "str",
        "polarity_score": "float?",
    },
    "stances": {
        "stance": "int",
        "holder": "str",
        "holder_name": "str",
        "target": "str",
        "target_name": "str",
        "polarity": "str",
        "polarity_score": "float",
        "evidence": "str",
        "quote": "int?",
    },
    "errors": {"kind": "str", "message": "str"},
}


def _join(text: str, spans: list[dict[str, int]]) -> str | None:
    return " … ".join(text[s["start"] : s["end"]] for s in spans) or None


class _Builder:
    """Columns of one table, filled row by row: the head (id, meta), the
    fixed columns, then the record's other scalar fields."""

    def __init__(self, fixed: dict[str, str], head_keys: list[str]) -> None:
        self.fixed = fixed
        self.head: dict[str, list[Any]] = {k: [] for k in head_keys}
        self.cols: dict[str, list[Any]] = {name: [] for name in fixed}
        self.extra: dict[str, list[Any]] = {}
        self.rows = 0

    def add(self, head: dict[str, Any], row: dict[str, Any], record: dict[str, Any]) -> None:
        for k, col in self.head.items():
            col.append(head[k])
        for name, col in self.cols.items():
            col.append(row.get(name))
        for k, v in record.items():
            if k in self.fixed or k in self.head or isinstance(v, (list, dict)):
                continue
            self.extra.setdefault(k, [None] * self.rows).append(v)
        self.rows += 1
        for col in self.extra.values():
            if len(col) < self.rows:
                col.append(None)


def _head(a: Analysis, meta_keys: list[str]) -> dict[str, Any]:
    head: dict[str, Any] = {"id": a.id}
    for k in meta_keys:
        head[_meta_name(k)] = a.meta.get(k)
    return head


_RESERVED = {name for cols in _COLUMNS.values() for name in cols} | {"id"}


def _meta_name(key: str) -> str:
    """The column of a meta field (prefixed where it would hide a column)."""
    return f"meta_{key}" if key in _RESERVED else key


def tables(
    analyses: Iterable[Analysis], format: Literal["pandas", "arrow"] = "pandas"
) -> dict[str, Any]:
    """The analyses as tables: ``documents``, ``mentions``, ``quotes``,
    ``stances`` and ``errors``, one row per item, each row with the document
    ``id`` and one column per meta field; entity ids and names side by side.

    ``format="pandas"`` (default) gives ``pandas.DataFrame``s (needs
    ``pip install wortlaut[pandas]``), ``format="arrow"`` gives
    ``pyarrow.Table``s (``wortlaut[arrow]``). The library is imported only
    when asked for.
    """
    if format not in ("pandas", "arrow"):
        raise ValueError(f'format must be "pandas" or "arrow", got {format!r}')
    analyses = list(analyses)
    meta_keys: list[str] = []
    seen: set[str] = set()
    for a in analyses:
        for k in a.meta:
            if k not in seen:
                seen.add(k)
                meta_keys.append(k)
    head_keys = ["id", *(_meta_name(k) for k in meta_keys)]
    builders = {name: _Builder(cols, head_keys) for name, cols in _COLUMNS.items()}
    for a in analyses:
        _add(a, meta_keys, builders)
    if format == "arrow":
        return {name: _arrow(b) for name, b in builders.items()}
    return {name: _pandas(b) for name, b in builders.items()}


def _add(a: Analysis, meta_keys: list[str], builders: dict[str, _Builder]) -> None:
    rec = a._record
    head = _head(a, meta_keys)
    text = a.text
    err = rec.get("error")
    if err is not None:
        builders["errors"].add(head, err, {})
        return
    sentiment = rec.get("sentiment")
    doc_pol = sentiment["document"] if sentiment else None
    stance = rec.get("stance") or []
    builders["documents"].add(
        head,
        {
            "length": rec["length"],
            "sentences": len(rec.get("sentences") or []),
            "tokens": len(rec.get("tokens") or []),
            "mentions": len(rec.get("mentions") or []),
            "quotes": len(rec.get("quotes") or []),
            "stances": len(stance),
            "repairs": len(rec.get("repairs") or []),
            "polarity": doc_pol["label"] if doc_pol else None,
            "polarity_score": doc_pol["score"] if doc_pol else None,
        },
        {k: v for k, v in rec.items() if k not in ("id", "offsets", "normalized")},
    )
    mentions = builders["mentions"]
    for i, m in enumerate(rec.get("mentions") or []):
        mentions.add(head, {**m, "mention": i}, m)
    quotes = builders["quotes"]
    for i, q in enumerate(rec.get("quotes") or []):
        pol = q.get("polarity")
        spans = q["quote"]
        speaker = q["speaker"]
        quotes.add(
            head,
            {
                **q,
                "quote": i,
                "start": spans[0]["start"] if spans else None,
                "end": spans[-1]["end"] if spans else None,
                "speaker": speaker if isinstance(speaker, str) else _join(text, speaker),
                "cue": q["cue"] if isinstance(q["cue"], str) else _join(text, q["cue"]),
                "addressee": _join(text, q.get("addressee") or []),
                "polarity": pol["label"] if pol else None,
                "polarity_score": pol["score"] if pol else None,
            },
            q,
        )
    stances = builders["stances"]
    for i, s in enumerate(stance):
        stances.add(
            head,
            {
                **s,
                "stance": i,
                "polarity": s["polarity"]["label"],
                "polarity_score": s["polarity"]["score"],
                "evidence": ", ".join(text[e["start"] : e["end"]] for e in s["evidence"]),
            },
            s,
        )


def _pandas(b: _Builder) -> Any:
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            'wortlaut.tables() needs pandas: pip install "wortlaut[pandas]" '
            '(or format="arrow" with pyarrow)'
        ) from e
    index = pd.RangeIndex(b.rows)
    data: dict[str, Any] = {}
    for k, col in b.head.items():
        data[k] = pd.Series(col, dtype="string" if k == "id" else None, index=index)
    for name, kind in b.fixed.items():
        data[name] = pd.Series(b.cols[name], dtype=_PANDAS[kind], index=index)
    for k, col in b.extra.items():
        data[k] = pd.Series(col, index=index)
    return pd.DataFrame(data, index=index)


_PANDAS = {
    "str": "string",
    "int": "int64",
    "int?": "Int64",
    "float": "float64",
    "float?": "float64",
    "bool": "bool",
}


def _arrow(b: _Builder) -> Any:
    try:
        import pyarrow as pa
    except ImportError as e:
        raise ImportError(
            'wortlaut.tables(format="arrow") needs pyarrow: pip install "wortlaut[arrow]"'
        ) from e
    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "int?": pa.int64(),
        "float": pa.float64(),
        "float?": pa.float64(),
        "bool": pa.bool_(),
    }
    arrays: dict[str, Any] = {}
    for k, col in b.head.items():
        arrays[k] = pa.array(col, pa.string()) if k == "id" else _infer(pa, col)
    for name, kind in b.fixed.items():
        arrays[name] = pa.array(b.cols[name], types[kind])
    for k, col in b.extra.items():
        arrays[k] = _infer(pa, col)
    return pa.table(arrays)


def _infer(pa: Any, values: list[Any]) -> Any:
    """An Arrow array of values of any type (JSON text when they are mixed)."""
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array(
            [None if v is None else json.dumps(v, ensure_ascii=False) for v in values],
            pa.string(),
        )
