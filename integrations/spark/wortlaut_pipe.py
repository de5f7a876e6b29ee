"""Executor side of the Spark job: one ``wortlaut`` process per partition.

Everything here runs inside a Spark task (a Python worker) and needs only the
standard library and ``pyarrow``. :func:`analyse_batches` takes the Arrow
batches of one partition, streams every record as one JSON line through a
single ``wortlaut analyze --input jsonl --format jsonl -`` process and yields
Arrow batches of result rows (:data:`RESULT_COLUMNS`), one per record, in
input order.

The records are passed to wortlaut as they are (the raw bytes of a JSON Lines
line), so that wortlaut's own validation decides what is an error record.
Records that wortlaut gives its fallback id (``-:N``, the N-th line of its
standard input) get the stable id ``SOURCE:LINE`` instead.

A process that exits with anything but 0 (all analysed) or 1 (some records
failed), dies from a signal, or answers with a different number of records
than it was given, raises :class:`WortlautProcessError`: the task fails and Spark
runs it again.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import IO, Any, Deque, Dict, Iterable, Iterator, List, Optional, Tuple

import pyarrow as pa

#: Result rows: where the record came from, its id, the error (for error
#: records) and the CLI's JSON line, plus what the flat tables need: the
#: ``mentions``, ``quotes`` and ``stance`` of the document as one small JSON
#: object (cut out of the line, so that Spark parses a quarter of it), and
#: the evidence words of each stance triple (sliced from the input text; the
#: stance matrix shows them as its example).
RESULT_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("line", pa.int64()),
        ("id", pa.string()),
        ("error_kind", pa.string()),
        ("error_message", pa.string()),
        ("json", pa.large_string()),
        ("tables_json", pa.large_string()),
        ("stance_evidence", pa.list_(pa.string())),
    ]
)

#: Column names of :data:`RESULT_SCHEMA`, in order.
RESULT_COLUMNS = [f.name for f in RESULT_SCHEMA]

#: Spark DDL of :data:`RESULT_SCHEMA` (the schema passed to ``mapInArrow``).
RESULT_DDL = (
    "source STRING, line BIGINT, id STRING, error_kind STRING, error_message STRING, "
    "json STRING, tables_json STRING, stance_evidence ARRAY<STRING>"
)

#: ASCII whitespace as Rust's ``trim_ascii`` sees it (no vertical tab): a line
#: of only these is blank, and wortlaut skips it without a record.
ASCII_WHITESPACE = b" \t\n\x0c\r"

# Result batches are flushed at this many rows or this many bytes of JSON.
_FLUSH_ROWS = 256
_FLUSH_BYTES = 32 * 1024 * 1024
# Input chunks waiting for the writer thread (back-pressure on the input).
_WRITE_QUEUE = 4
# Bytes of the process's standard error kept for the failure message.
_STDERR_TAIL = 16 * 1024


class WortlautProcessError(RuntimeError):
    """The wortlaut process of a partition failed; the task must be retried."""


@dataclass(frozen=True)
class Settings:
    """What every partition needs to know; built on the driver, pickled to
    the executors.

    ``binary`` is the name under which the wortlaut binary was added with
    ``SparkContext.addFile`` (resolved with ``SparkFiles.get`` on the
    executor), or an absolute path that exists on every executor.
    """

    binary: str
    args: Tuple[str, ...] = ()
    input_format: str = "jsonl"
    offsets: str = "chars"
    #: ``file_path`` (as Spark's ``_metadata`` gives it) → source name used in
    #: ids and in the ``source`` column.
    sources: Dict[str, str] = field(default_factory=dict)
    #: ``(file_path, file_block_start)`` → lines of the file before that
    #: block (JSON Lines input: a file is split into blocks).
    lines_before: Dict[Tuple[str, int], int] = field(default_factory=dict)
    #: Files added with ``SparkContext.addFile`` whose executor path replaces
    #: the placeholder ``{file:NAME}`` in ``args``.
    shipped: Tuple[str, ...] = ()
    #: Fill ``tables_json`` and ``stance_evidence`` (not needed for the
    #: documents alone).
    tables: bool = True


@dataclass
class Record:
    """One record on its way through wortlaut."""

    source: str
    line: int
    raw: bytes
    #: The id wortlaut gives a record without one is ``-:N``; this replaces it.
    stable_id: str


def resolve_binary(name: str) -> str:
    """The executable to run on this executor: a file shipped with
    ``addFile`` (looked up with ``SparkFiles.get`` here, on the executor), or
    an absolute path."""
    if os.path.isabs(name):
        path = name
    else:
        from pyspark import SparkFiles  # only on an executor

        path = SparkFiles.get(name)
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | 0o111)
        except OSError as e:
            raise WortlautProcessError(f"{path} is not executable: {e}") from e
    return path


def command(settings: Settings) -> List[str]:
    """The wortlaut command line of one partition."""
    args = list(settings.args)
    if settings.shipped:
        from pyspark import SparkFiles

        for name in settings.shipped:
            args = [a.replace("{file:" + name + "}", SparkFiles.get(name)) for a in args]
    return [
        resolve_binary(settings.binary),
        "analyze",
        "--input",
        "jsonl",
        "--format",
        "jsonl",
        "--progress",
        "never",
        "--offsets",
        settings.offsets,
        *args,
        "-",
    ]


def is_blank(line: bytes) -> bool:
    """True for a line wortlaut skips (only ASCII whitespace)."""
    return not line.strip(ASCII_WHITESPACE)


def _json_value(value: Any) -> Any:
    """JSON-ready form of a column value that ``json`` cannot write."""
    if isinstance(value, (bytes, bytearray)):
        # Bytes that are not UTF-8 stay bytes in the line (surrogateescape),
        # so wortlaut rejects the record as it rejects such a JSON line.
        return bytes(value).decode("utf-8", "surrogateescape")
    return str(value)


def record_line(
    id_value: Any, text: Any, has_text: bool, meta: Optional[Dict[str, Any]] = None
) -> bytes:
    """A JSON Lines record for wortlaut from column values: ``id`` left out
    when null, ``text`` left out when the column is missing, then the other
    columns (``meta``: they become the record's metadata). Values are
    written as they are (a number stays a number), so wortlaut decides."""
    obj: Dict[str, Any] = {}
    if id_value is not None:
        obj["id"] = id_value if isinstance(id_value, (str, int)) else _json_value(id_value)
    if has_text:
        obj["text"] = text
    for key, value in (meta or {}).items():
        obj[key] = value
    line = json.dumps(obj, ensure_ascii=False, default=_json_value)
    return line.encode("utf-8", "surrogateescape")


def records_of_batch(
    batch: pa.RecordBatch, settings: Settings, block_lines: Dict[Tuple[str, int], int]
) -> Iterator[Record]:
    """The records of one input batch, in order; blank JSON Lines lines are
    counted for the line numbers but give no record.

    ``block_lines`` counts the lines seen so far of each block of a JSON
    Lines file in this partition (a block's lines arrive in order, within one
    partition).
    """
    cols = {name: batch.column(i) for i, name in enumerate(batch.schema.names)}
    files = cols["file"].to_pylist()
    if settings.input_format == "jsonl":
        raws = cols["raw"].to_pylist()
        blocks = cols["block"].to_pylist()
        for raw, file, block in zip(raws, files, blocks, strict=True):
            key = (file, block)
            seen = block_lines.get(key, 0)
            block_lines[key] = seen + 1
            if is_blank(raw):
                continue
            try:
                line = settings.lines_before[key] + seen + 1
            except KeyError:
                raise WortlautProcessError(
                    f"no line count for block {block} of {file}: the input changed during the job"
                ) from None
            source = settings.sources.get(file, file)
            yield Record(source, line, raw, f"{source}:{line}")
    elif settings.input_format == "parquet":
        rows = cols["row"].to_pylist()
        ids = cols["id"].to_pylist() if "id" in cols else [None] * len(rows)
        has_text = "text" in cols
        texts = cols["text"].to_pylist() if has_text else [None] * len(rows)
        # Every other column is the documents' metadata.
        extra = [n for n in batch.schema.names if n not in ("id", "text", "file", "row")]
        values = [cols[n].to_pylist() for n in extra]
        for i, (id_value, text, file, row) in enumerate(zip(ids, texts, files, rows, strict=True)):
            source = settings.sources.get(file, file)
            line = row + 1
            meta = {n: v[i] for n, v in zip(extra, values, strict=True)}
            raw = record_line(id_value, text, has_text, meta)
            yield Record(source, line, raw, f"{source}:{line}")
    elif settings.input_format == "text":
        contents = cols["content"].to_pylist()
        for content, file in zip(contents, files, strict=True):
            source = settings.sources.get(file, file)
            # As the CLI reads a text file: invalid UTF-8 becomes U+FFFD.
            text = bytes(content).decode("utf-8", "replace")
            # As the CLI does, a text file's metadata is its path.
            raw = record_line(source, text, True, {"path": source})
            yield Record(source, 0, raw, source)
    else:
        raise ValueError(f"unknown input format {settings.input_format!r}")


def _literal_id(raw: bytes) -> Optional[str]:
    """The ``id`` string of a record line, if it has one."""
    try:
        obj = json.loads(raw)
    except ValueError:
        return None
    value = obj.get("id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) else None


def _span_text(text: str, encoded: Optional[bytes], start: int, end: int) -> str:
    if encoded is None:
        return text[start:end]
    return encoded[start:end].decode("utf-8", "replace")


def stance_evidence(output: bytes, raw: bytes, offsets: str) -> Optional[List[str]]:
    """The evidence words of each stance triple of a document (joined with
    ", ", as the CLI's corpus summary shows them), or None when it has none.

    Only the ``stance`` array of the output is parsed: the key cannot occur
    unescaped inside a string, and no nested object after the ``meta`` has
    it.
    """
    at = output.find(b'"stance":[', _after_meta(output))
    if at < 0 or output.startswith(b"[]", at + 9):
        return None
    triples, _ = _DECODER.raw_decode(output[at + 9 :].decode("utf-8"))
    if not triples:
        return None
    text = json.loads(raw)["text"]
    encoded = text.encode("utf-8") if offsets == "bytes" else None
    return [
        ", ".join(_span_text(text, encoded, e["start"], e["end"]) for e in t.get("evidence", []))
        for t in triples
    ]


_DECODER = json.JSONDecoder()
_ID_PREFIX = b'{"id":"'

#: The top-level keys of a document record after ``tokens``, in any order
#: (docs/FORMATS.md). After the ``meta`` (the caller's JSON, which may hold
#: any key), none of them is a key of a nested object, and a key with its
#: unescaped quotes cannot occur inside a JSON string, so each is found by a
#: plain search from there.
_TOP_KEYS = (
    b',"mentions":',
    b',"quotes":',
    b',"sentiment":',
    b',"stance":',
    b',"repairs":',
    b',"normalized":',
)
_TABLE_KEYS = (b',"mentions":', b',"quotes":', b',"stance":')


_META = b',"meta":'


def _meta_span(output: bytes) -> Optional[Tuple[int, int]]:
    """Where the value of the record's ``meta`` lies (it follows the id),
    if it has one. The metadata is the caller's JSON and may hold any key,
    so it is decoded to find its end."""
    start = _id_end(output)
    if not output.startswith(_META, start):
        return None
    at = start + len(_META)
    # raw_decode counts characters: decode the tail once and measure the
    # end in bytes.
    tail = output[at:].decode("utf-8")
    _, end = _DECODER.raw_decode(tail)
    return at, at + len(tail[:end].encode("utf-8"))


def _after_meta(output: bytes) -> int:
    """Where the record's own keys start after the id and the metadata."""
    span = _meta_span(output) if output.startswith(_ID_PREFIX) else None
    return span[1] if span else 0


def table_parts(output: bytes) -> bytes:
    """``{"meta": …, "mentions": …, "quotes": …, "stance": …}`` cut out of a
    document record: each value runs up to the next top-level key (or the
    record's closing brace); the metadata is decoded to find its end."""
    span = _meta_span(output) if output.startswith(_ID_PREFIX) else None
    after = span[1] if span else 0
    found = sorted((at, key) for key in _TOP_KEYS if (at := output.find(key, after)) >= 0)
    parts = [b'"meta":' + output[span[0] : span[1]]] if span else []
    for i, (at, key) in enumerate(found):
        if key in _TABLE_KEYS:
            end = found[i + 1][0] if i + 1 < len(found) else output.rindex(b"}")
            parts.append(key[1:] + output[at + len(key) : end])
    return b"{" + b",".join(parts) + b"}"


def _id_end(output: bytes) -> int:
    """Index just after the closing quote of the id string that opens an
    output line."""
    at = len(_ID_PREFIX)
    while True:
        quote = output.find(b'"', at)
        if quote < 0:
            raise WortlautProcessError(f"unexpected output line: {output[:80]!r}")
        backslashes = 0
        while output[quote - 1 - backslashes] == 0x5C:  # "\\"
            backslashes += 1
        if backslashes % 2 == 0:
            return quote + 1
        at = quote + 1


class Results:
    """Result rows in columns, ready to become an Arrow batch."""

    def __init__(self) -> None:
        self.columns: Dict[str, List[Any]] = {name: [] for name in RESULT_COLUMNS}
        self.rows = 0
        self.bytes = 0
        self.errors = 0

    def add(self, output: bytes, n: int, record: Record, settings: Settings) -> None:
        """Adds the result of the ``n``-th record (from 1) fed to the
        process, from its output line (without the newline); a fallback id
        ``-:n`` becomes the record's stable id."""
        if not output.startswith(_ID_PREFIX):
            raise WortlautProcessError(f"unexpected output line: {output[:80]!r}")
        end = _id_end(output)
        out_id = json.loads(output[len(_ID_PREFIX) - 1 : end])
        if out_id == f"-:{n}" and _literal_id(record.raw) != out_id:
            out_id = record.stable_id
            dumped = json.dumps(out_id, ensure_ascii=False).encode("utf-8")
            output = _ID_PREFIX[:-1] + dumped + output[end:]
            end = len(_ID_PREFIX) - 1 + len(dumped)
        kind = message = evidence = tables = None
        # Error records: {"id": …, "line": N, "error": {…}} (the CLI gives
        # the input line of JSON Lines records).
        if output.startswith(b',"error":{', end) or (
            output.startswith(b',"line":', end) and b',"error":{' in output[end : end + 40]
        ):
            parsed = json.loads(output)
            error = parsed["error"]
            kind, message = error["kind"], error["message"]
            self.errors += 1
            if "line" in parsed:
                # The process counts the lines of its own stream: give the
                # record's line in its file, as the CLI on the file would.
                parsed = {"id": parsed["id"], "line": record.line, "error": error}
                output = json.dumps(parsed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        elif settings.tables:
            tables = table_parts(output)
            evidence = stance_evidence(output, record.raw, settings.offsets)
        c = self.columns
        c["source"].append(record.source)
        c["line"].append(record.line)
        c["id"].append(out_id)
        c["error_kind"].append(kind)
        c["error_message"].append(message)
        c["json"].append(output)
        c["tables_json"].append(tables)
        c["stance_evidence"].append(evidence)
        self.rows += 1
        self.bytes += len(output)

    def full(self) -> bool:
        """Enough for one batch."""
        return self.rows >= _FLUSH_ROWS or self.bytes >= _FLUSH_BYTES

    def take(self) -> pa.RecordBatch:
        """The rows so far as a batch (the JSON checked to be UTF-8 by
        Arrow); starts over."""
        arrays = []
        for f in RESULT_SCHEMA:
            values = self.columns[f.name]
            if f.name in ("json", "tables_json"):
                arrays.append(pa.array(values, type=pa.large_binary()).cast(pa.large_string()))
            else:
                arrays.append(pa.array(values, type=f.type))
            values.clear()
        self.rows = 0
        self.bytes = 0
        return pa.RecordBatch.from_arrays(arrays, schema=RESULT_SCHEMA)


class _Process:
    """A wortlaut process with a writer thread on its standard input and
    reader threads on its standard output and error."""

    def __init__(self, argv: List[str]) -> None:
        self.argv = argv
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.to_write: "queue.Queue[Optional[bytes]]" = queue.Queue(_WRITE_QUEUE)
        self.lines: "queue.Queue[Optional[bytes]]" = queue.Queue()
        self.stderr_tail = bytearray()
        self.write_error: Optional[BaseException] = None
        self.threads = [
            threading.Thread(target=self._write, daemon=True),
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for t in self.threads:
            t.start()

    def _write(self) -> None:
        stdin: IO[bytes] = self.proc.stdin  # type: ignore[assignment]
        try:
            while True:
                chunk = self.to_write.get()
                if chunk is None:
                    break
                stdin.write(chunk)
        except (BrokenPipeError, OSError) as e:
            self.write_error = e
            while self.to_write.get() is not None:  # let the feeder finish
                pass
        finally:
            try:
                stdin.close()
            except OSError:
                pass

    def _read(self) -> None:
        stdout: IO[bytes] = self.proc.stdout  # type: ignore[assignment]
        for line in stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _read_stderr(self) -> None:
        stderr: IO[bytes] = self.proc.stderr  # type: ignore[assignment]
        for chunk in iter(lambda: stderr.read(4096), b""):
            self.stderr_tail += chunk
            del self.stderr_tail[:-_STDERR_TAIL]

    def stderr_text(self) -> str:
        return self.stderr_tail.decode("utf-8", "replace").strip()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def analyse_records(
    records: Iterable[List[Record]], settings: Settings
) -> Iterator[pa.RecordBatch]:
    """Streams chunks of records through one wortlaut process and yields
    result batches as the answers arrive (the process analyses in batches,
    so input is fed while output is read)."""
    proc = _Process(command(settings))
    pending: Deque[Record] = deque()
    results = Results()
    fed = 0
    answered = 0
    done = False
    closed = False

    def take(line: bytes) -> None:
        nonlocal answered
        if not pending:
            raise WortlautProcessError(
                f"wortlaut wrote more records than it was given: {line[:80]!r}"
            )
        answered += 1
        results.add(line.rstrip(b"\n"), answered, pending.popleft(), settings)

    try:
        for chunk in records:
            if not chunk:
                continue
            pending.extend(chunk)
            fed += len(chunk)
            proc.to_write.put(b"".join(r.raw + b"\n" for r in chunk))
            while not done:
                try:
                    line = proc.lines.get_nowait()
                except queue.Empty:
                    break
                if line is None:
                    done = True
                else:
                    take(line)
            if results.full():
                yield results.take()
        proc.to_write.put(None)
        closed = True
        while not done:
            line = proc.lines.get()
            if line is None:
                done = True
            else:
                take(line)
                if results.full():
                    yield results.take()
        code = proc.proc.wait()
        for t in proc.threads:
            t.join()
        if code not in (0, 1) or (code == 1) != (results.errors > 0):
            raise WortlautProcessError(
                f"{proc.argv[0]} exited with {code} after {answered} of {fed} records "
                f"({results.errors} error records): {proc.stderr_text()[-2000:]}"
            )
        if pending or proc.write_error is not None:
            raise WortlautProcessError(
                f"wortlaut answered {answered} of {fed} records "
                f"(write error: {proc.write_error}): {proc.stderr_text()[-2000:]}"
            )
        if results.rows:
            yield results.take()
    finally:
        proc.kill()
        if not closed:
            proc.to_write.put(None)  # the writer thread drains and ends


def analyse_batches(
    batches: Iterable[pa.RecordBatch], settings: Settings
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: input batches of one partition (columns
    as :func:`records_of_batch` expects for the input format) → result
    batches (:data:`RESULT_SCHEMA`)."""
    block_lines: Dict[Tuple[str, int], int] = {}
    chunks = (list(records_of_batch(b, settings, block_lines)) for b in batches)
    yield from analyse_records(chunks, settings)
