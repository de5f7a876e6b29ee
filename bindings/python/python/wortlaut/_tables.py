"""Analyses as tables: pandas DataFrames or pyarrow Tables."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from . import _native
from ._analysis import Analysis

__all__ = ["TABLES", "tables"]

TABLES = ("documents", "mentions", "quotes", "stances", "errors")
"""The names of the tables :func:`tables` returns."""

# Column name -> kind: "str" (nullable text), "int", "int?" (nullable int),
# "float", "float?", "bool". The document id and the meta columns come first
# on every table; further scalar fields of the record follow these.
_COLUMNS: dict[str, dict[str, str]] = {
    # The columns of `wortlaut analyze --tables DIR` (docs/FORMATS.md), in
    # its order; documents add the sentence and token counts.
    "documents": {
        "length": "int",
        "offsets": "str",
        "sentences": "int",
        "tokens": "int",
        "mentions": "int",
        "quotes": "int",
        "stances": "int",
        "sentiment_label": "str",
        "sentiment_score": "float?",
        "repairs": "int",
    },
    "mentions": {
        "mention": "int",
        "start": "int",
        "end": "int",
        "text": "str",
        "entity": "str",
        "name": "str",
        "qid": "str",
        "type": "str",
        "form": "str",
    },
    "quotes": {
        "quote": "int",
        "type": "str",
        "medium": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "speaker_text": "str",
        "speaker_entity": "str",
        "speaker_name": "str",
        "speaker_qid": "str",
        "cue_text": "str",
        "addressee_text": "str",
        "addressee_entity": "str",
        "addressee_name": "str",
        "addressee_qid": "str",
        "nested": "bool",
        "polarity_label": "str",
        "polarity_score": "float?",
    },
    "stances": {
        "stance": "int",
        "holder": "str",
        "holder_name": "str",
        "holder_qid": "str",
        "target": "str",
        "target_name": "str",
        "target_qid": "str",
        "polarity_label": "str",
        "polarity_score": "float",
        "evidence": "str",
        "quote": "int?",
    },
    "errors": {"kind": "str", "message": "str"},
}


_RESERVED = {name for cols in _COLUMNS.values() for name in cols} | {"id", "line"}


def _meta_name(key: str) -> str:
    """The column of a meta field: prefixed with ``meta_`` where it would
    hide a column (or looks prefixed), as in the CLI's tables."""
    return f"meta_{key}" if key in _RESERVED or key.startswith("meta_") else key


class _Table:
    """One table's columns: the head (id, meta), the fixed columns, then the
    record's other scalar fields, in that order."""

    def __init__(
        self, fixed: dict[str, str], head: dict[str, list[Any]], cols: dict[str, list[Any]]
    ) -> None:
        self.fixed = fixed
        self.head = head
        self.rows = len(cols["_doc"])
        self.cols = {name: cols.get(name) or [None] * self.rows for name in fixed}
        self.extra = {k: v for k, v in cols.items() if k != "_doc" and k not in fixed}


def tables(
    analyses: Iterable[Analysis], format: Literal["pandas", "arrow"] = "pandas"
) -> dict[str, Any]:
    """The analyses as tables: ``documents``, ``mentions``, ``quotes``,
    ``stances`` and ``errors``, one row per item, each row with the document
    ``id`` and one column per meta field; entity ids and names side by side.

    ``format="pandas"`` (default) gives ``pandas.DataFrame``s (needs
    ``pip install wortlaut[pandas]``), ``format="arrow"`` gives
    ``pyarrow.Table``s (``wortlaut[arrow]``). The library is imported only
    when asked for. The columns are built in Rust from the same records as
    :meth:`Analysis.to_dict`; every scalar field of a mention, quote or
    stance record is a column.
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
    native = _native.table_columns([a._native for a in analyses])
    ids = [a.id for a in analyses]
    metas = [[a.meta.get(k) for a in analyses] for k in meta_keys]
    built: dict[str, _Table] = {}
    for name, fixed in _COLUMNS.items():
        cols = native[name]
        doc = cols["_doc"]
        head: dict[str, list[Any]] = {"id": [ids[i] for i in doc]}
        for k, values in zip(meta_keys, metas):
            head[_meta_name(k)] = [values[i] for i in doc]
        built[name] = _Table(fixed, head, cols)
    if format == "arrow":
        return {name: _arrow(t) for name, t in built.items()}
    return {name: _pandas(t) for name, t in built.items()}


def _pandas(b: _Table) -> Any:
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


def _arrow(b: _Table) -> Any:
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
