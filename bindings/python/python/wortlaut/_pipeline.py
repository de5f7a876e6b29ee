"""The analysis pipeline: built once, shared by threads."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any, Union

from . import _native
from ._analysis import Analysis

__all__ = ["Document", "Pipeline"]

Document = Union[str, Mapping[str, Any]]
"""One input document: a ``str``, or a dict ``{"id", "text", ...}``."""

_DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def _failed(id: str | None, kind: str, message: str) -> _native.NativeRecord:
    return _native.NativeRecord.failed(id, kind, message)


def _meta_json(meta: dict[str, Any]) -> str | None:
    """The metadata as JSON for the record (values JSON cannot hold are
    written as their ``str``)."""
    if not meta:
        return None
    return json.dumps(meta, ensure_ascii=False, default=str)


def _id_of(value: Any) -> str | None:
    """The id as the CLI reads it: a string, or a number as JSON writes it."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


class Pipeline:
    """The wortlaut analysis pipeline: normalise, segment, find entity
    mentions, extract quotations with their speakers, tag sentiment and
    stance.

    Build it once and share it (also between threads): it is immutable.

    Args:
        gazetteer: a gazetteer file (TSV or compiled, see docs/FORMATS.md)
            instead of the embedded default; ``False`` for no entity
            mentions.
        lexicon: a sentiment lexicon file instead of the embedded one.
        quotes: extract quotations.
        sentiment: tag sentiment and stance.
        **options: ``tokens``, ``sentences`` (list the word tokens, the
            sentences and their polarity in the record; off by default, as in
            the CLI), ``normalized`` (keep the normalised text in the record),
            ``neutral_band``, ``negativity``, ``length_damping`` (the
            sentiment settings of the CLI), ``max_bytes`` (larger texts give
            an :attr:`Analysis.error`, default 64 MiB), ``threads`` (worker
            threads of :meth:`pipe`, default all cores), ``discovery``
            (find people, organisations and places the gazetteer does not
            list, by pattern and context; default ``True``, as the CLI
            without ``--no-discovery``), ``quote_model`` (a speaker model
            file from ``wortlaut train quotes`` that chooses the speakers,
            as ``--quote-model``).

    Raises:
        FileNotFoundError: a gazetteer, lexicon or quote model file does not
            exist.
        ValueError: a gazetteer, lexicon or quote model is invalid or a setting out of
            range (the message is the one the CLI prints).
        TypeError: an unknown option.
    """

    _OPTIONS = frozenset(
        {
            "tokens",
            "sentences",
            "normalized",
            "neutral_band",
            "negativity",
            "length_damping",
            "max_bytes",
            "threads",
            "discovery",
            "quote_model",
        }
    )

    def __init__(
        self,
        gazetteer: str | os.PathLike[str] | bool | None = None,
        lexicon: str | os.PathLike[str] | None = None,
        quotes: bool = True,
        sentiment: bool = True,
        **options: Any,
    ) -> None:
        unknown = set(options) - self._OPTIONS
        if unknown:
            raise TypeError(
                f"unknown Pipeline option(s) {', '.join(sorted(unknown))}; "
                f"known: {', '.join(sorted(self._OPTIONS))}"
            )
        if gazetteer is True:
            gazetteer = None
        if lexicon is not None and not sentiment:
            raise ValueError("a lexicon needs sentiment=True")
        path = None if gazetteer is None or gazetteer is False else os.fspath(gazetteer)
        threads = options.get("threads")
        self._native = _native.NativePipeline(
            path,
            gazetteer is False,
            None if lexicon is None else os.fspath(lexicon),
            bool(quotes),
            bool(sentiment),
            bool(options.get("normalized", False)),
            bool(options.get("tokens", False)),
            bool(options.get("sentences", False)),
            options.get("neutral_band"),
            options.get("negativity"),
            options.get("length_damping"),
            int(options.get("max_bytes", _DEFAULT_MAX_BYTES)),
            None if threads is None else int(threads),
            bool(options.get("discovery", True)),
            None if options.get("quote_model") is None else os.fspath(options["quote_model"]),
        )
        self._config: dict[str, Any] = {
            "gazetteer": gazetteer,
            "lexicon": lexicon,
            "quotes": quotes,
            "sentiment": sentiment,
            **options,
        }

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._config.items())
        return f"Pipeline({shown})"

    @property
    def max_bytes(self) -> int:
        """The largest text (UTF-8 bytes) the pipeline analyses."""
        return int(self._native.max_bytes)

    def analyze(
        self, text: str, id: str | None = None, meta: Mapping[str, Any] | None = None
    ) -> Analysis:
        """Analyses one text. Never raises for any ``str``: a text that cannot
        be analysed (over ``max_bytes``, not valid Unicode) gives an
        :class:`Analysis` with :attr:`~Analysis.error` set."""
        meta_json = _meta_json(dict(meta)) if meta else None
        return Analysis(self._native.analyze(text, id, meta_json), text, id, meta)

    def pipe(
        self,
        docs: Iterable[Document],
        batch_size: int = 256,
        threads: int | None = None,
    ) -> Iterator[Analysis]:
        """Analyses a stream of documents: yields one :class:`Analysis` per
        input, in input order, lazily.

        ``docs`` is any iterable of ``str`` or of dicts ``{"id", "text",
        ...}`` (every other field becomes :attr:`Analysis.meta`). Documents
        are taken ``batch_size`` at a time and each batch is analysed in
        parallel in Rust, with the GIL released, on ``threads`` workers
        (default: the pipeline's ``threads``, else all cores), while this
        thread reads the next batch and hands out the previous one; at most
        three batches are held, so an endless generator runs in bounded
        memory. A bad
        record (no ``text``, ``text`` not a ``str``, over ``max_bytes``)
        yields an :class:`Analysis` with :attr:`~Analysis.error` set and the
        stream goes on.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        # While the pool analyses one batch, this thread reads the next and
        # hands out the one before: at most three batches are held.
        it = iter(docs)
        pending: _Submitted | None = None
        while True:
            batch = list(islice(it, batch_size))
            submitted = self._submit(batch, threads) if batch else None
            if pending is not None:
                yield from pending.finish()
            if submitted is None:
                return
            pending = submitted

    def _submit(self, batch: list[Document], threads: int | None) -> _Submitted:
        # (id, text, meta, error json) per document; errors found here keep
        # their place and are not sent to Rust.
        ids: list[str | None] = []
        texts: list[Any] = []
        metas: list[Mapping[str, Any] | None] = []
        errors: list[_native.NativeRecord | None] = []
        work: list[tuple[str | None, str | None, Any]] = []
        for doc in batch:
            if isinstance(doc, str):
                ids.append(None)
                texts.append(doc)
                metas.append(None)
                errors.append(None)
                work.append((None, None, doc))
                continue
            if not isinstance(doc, Mapping):
                ids.append(None)
                texts.append("")
                metas.append(None)
                errors.append(
                    _failed(
                        None,
                        "bad_record",
                        f'a document must be a str or a dict with a "text", '
                        f"found {type(doc).__name__}",
                    )
                )
                continue
            id = _id_of(doc.get("id"))
            meta = {k: v for k, v in doc.items() if k not in ("id", "text")}
            ids.append(id)
            metas.append(meta)
            if "text" not in doc:
                texts.append("")
                errors.append(_failed(id, "missing_text", 'record has no "text" field'))
                continue
            text = doc["text"]
            texts.append(text if isinstance(text, str) else "")
            errors.append(None)
            # Rust checks the type (and the size) and writes the error record.
            work.append((id, _meta_json(meta), text))
        job = self._native.submit(work, threads) if work else None
        return _Submitted(job, ids, texts, metas, errors)


class _Submitted:
    """A batch on its way through the pool, with what Python keeps of it."""

    __slots__ = ("errors", "ids", "job", "metas", "texts")

    def __init__(
        self,
        job: _native.Job | None,
        ids: list[str | None],
        texts: list[Any],
        metas: list[Mapping[str, Any] | None],
        errors: list[_native.NativeRecord | None],
    ) -> None:
        self.job = job
        self.ids = ids
        self.texts = texts
        self.metas = metas
        self.errors = errors

    def finish(self) -> list[Analysis]:
        """Waits for the pool (the GIL released) and makes the analyses."""
        records = iter(self.job.wait() if self.job is not None else [])
        return [
            Analysis(err if err is not None else next(records), text, id, meta)
            for id, text, meta, err in zip(self.ids, self.texts, self.metas, self.errors)
        ]
