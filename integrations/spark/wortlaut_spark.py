"""wortlaut on Apache Spark: the same analysis over archives too big for one
machine.

    spark-submit integrations/spark/wortlaut_spark.py --input PATH --output PATH
        [--input-format jsonl|parquet|text] [--output-format jsonl|parquet]
        [--binary PATH] [--offsets chars|bytes] [--max-bytes N] [--threads N]
        [--gazetteer FILE | --no-gazetteer] [--lexicon FILE | --no-sentiment]
        [--mode error|overwrite]

The ``wortlaut`` binary is shipped to the executors with
``SparkContext.addFile``; every partition streams its records through one
``wortlaut analyze --input jsonl --format jsonl -`` process
(:mod:`wortlaut_pipe`, run with ``mapInArrow``). Output tables (README.md):
``documents`` (the CLI's JSON line of every record), ``errors``,
``mentions``, ``quotes``, ``stance``, the corpus aggregates ``entities``,
``speakers`` and ``stance_matrix`` (:mod:`wortlaut_tables`), and ``counts``.

At the end the job prints records in, documents out and error rows, and
exits with 3 if they do not add up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import unquote, urlsplit

from pyspark import SparkContext, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import wortlaut_pipe  # noqa: E402
import wortlaut_tables  # noqa: E402

#: The release binary of the repository this file is in.
DEFAULT_BINARY = HERE.parent.parent / "target" / "release" / "wortlaut"


@dataclass(frozen=True)
class Options:
    """What to analyse, where to write it, and how to run wortlaut."""

    input: str
    output: str
    input_format: str = "jsonl"
    output_format: str = "jsonl"
    binary: Optional[str] = None
    offsets: str = "chars"
    max_bytes: Optional[int] = None
    threads: Optional[int] = None
    gazetteer: Optional[str] = None
    no_gazetteer: bool = False
    lexicon: Optional[str] = None
    no_sentiment: bool = False
    mode: str = "error"
    documents_only: bool = False


@dataclass(frozen=True)
class Counts:
    """Records read, documents analysed, error rows, and the time the job
    took (seconds, without starting the Spark session)."""

    records_in: int
    documents_out: int
    error_rows: int
    seconds: float

    @property
    def balanced(self) -> bool:
        """Every record is a document or an error row."""
        return self.records_in == self.documents_out + self.error_rows

    def line(self) -> str:
        """The closing line of the job."""
        verdict = "in = out + errors" if self.balanced else "MISMATCH: in != out + errors"
        return (
            f"wortlaut-spark: records in {self.records_in}, documents out {self.documents_out}, "
            f"error rows {self.error_rows} ({verdict}); {self.seconds:.1f} s"
        )


def find_binary(given: Optional[str]) -> str:
    """The absolute path of the wortlaut binary (a relative path would be
    resolved against each executor's working directory)."""
    candidates = [given] if given else [str(DEFAULT_BINARY), shutil.which("wortlaut") or ""]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    if given:
        raise SystemExit(f"wortlaut-spark: {given} is not an executable file")
    raise SystemExit(
        "wortlaut-spark: no wortlaut binary: build it with "
        "`cargo build --release -p wortlaut-cli` or pass --binary PATH"
    )


def ship_binary(sc: SparkContext, given: Optional[str]) -> str:
    """Ships the wortlaut binary to the executors; returns the name under
    which ``SparkFiles.get`` finds it there. A file of that name already
    shipped with ``spark-submit --files`` is used as it is (in cluster mode
    the driver may not even see the original); otherwise the local file is
    made absolute and added with ``SparkContext.addFile``."""
    if given:
        name = os.path.basename(given)
        if any(os.path.basename(unquote(urlsplit(f).path)) == name for f in sc.listFiles):
            return name
    binary = find_binary(given)
    sc.addFile(binary)
    return os.path.basename(binary)


def qualified(spark: SparkSession, path: str) -> str:
    """``path`` as a fully qualified URI of its file system (Hadoop)."""
    jvm: Any = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())  # type: ignore[union-attr]
    return str(fs.makeQualified(p).toUri().toString())


def source_names(files: Sequence[str], given: str, given_uri: str) -> Dict[str, str]:
    """Names of the input files as the CLI would give them: the path as
    given, joined with the rest of the file's path below it (``corpus/`` →
    ``corpus/2024.jsonl``); files outside it (globs) by their full path."""
    base = urlsplit(given_uri)
    base_path = unquote(base.path).rstrip("/")
    names = {}
    for f in files:
        u = urlsplit(f)
        path = unquote(u.path)
        same_fs = (u.scheme, u.netloc or "") == (base.scheme, base.netloc or "")
        if same_fs and path == base_path:
            names[f] = given
        elif same_fs and base_path and path.startswith(base_path + "/"):
            names[f] = given.rstrip("/") + path[len(base_path) :]
        elif u.scheme in ("", "file"):
            names[f] = path
        else:
            names[f] = f"{u.scheme}://{u.netloc}{path}"
    return names


def read_input(
    spark: SparkSession, opts: Options
) -> Tuple[DataFrame, int, List[str], Dict[Tuple[str, int], int]]:
    """The input as rows for :func:`wortlaut_pipe.analyse_batches`, the
    number of records, the input files, and for JSON Lines the lines before
    each block of a file.

    JSON Lines are read as raw bytes split at ``\\n`` only (as the CLI
    splits), never parsed by Spark: wortlaut validates every line. One
    extra pass counts the lines of each block (for ``SOURCE:LINE`` ids) and
    the records (non-blank lines).
    """
    file = F.col("_metadata.file_path").alias("file")
    if opts.input_format == "jsonl":
        lines = spark.read.option("lineSep", "\n").text(opts.input)
        rows = lines.select(
            F.col("value").cast("binary").alias("raw"),
            file,
            F.col("_metadata.file_block_start").alias("block"),
        )
        blocks = (
            lines.select(
                file,
                F.col("_metadata.file_block_start").alias("block"),
                F.col("value").rlike("[^ \\t\\n\\f\\r]").cast("int").alias("nonblank"),
            )
            .groupBy("file", "block")
            .agg(F.count("*").alias("lines"), F.sum("nonblank").alias("records"))
            .collect()
        )
        lines_before: Dict[Tuple[str, int], int] = {}
        running: Dict[str, int] = {}
        for b in sorted(blocks, key=lambda b: (b["file"], b["block"])):
            lines_before[(b["file"], b["block"])] = running.get(b["file"], 0)
            running[b["file"]] = running.get(b["file"], 0) + b["lines"]
        records = sum(int(b["records"] or 0) for b in blocks)
        return rows, records, sorted(running), lines_before
    if opts.input_format == "parquet":
        table = spark.read.parquet(opts.input)
        # id, text, and every other column as the documents' metadata.
        cols = [c for c in ("id", "text") if c in table.columns] + [
            c for c in table.columns if c not in ("id", "text", "file", "row")
        ]
        rows = table.select(*cols, file, F.col("_metadata.row_index").alias("row"))
        per_file = rows.groupBy("file").count().collect()
        return rows, sum(r["count"] for r in per_file), sorted(r["file"] for r in per_file), {}
    if opts.input_format == "text":
        reader = spark.read.format("binaryFile")
        if not opts.input.endswith(".txt"):
            # A folder, as the CLI reads one: every *.txt below it.
            reader = reader.option("pathGlobFilter", "*.txt").option("recursiveFileLookup", "true")
        files = reader.load(opts.input)
        rows = files.select("content", F.col("path").alias("file"))
        names = [r["path"] for r in files.select("path").collect()]
        return rows, len(names), sorted(names), {}
    raise SystemExit(f"wortlaut-spark: unknown input format {opts.input_format!r}")


def wortlaut_args(spark: SparkSession, opts: Options) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """Options for every wortlaut process, and the names of the files shipped
    with them (gazetteer, lexicon)."""
    sc = spark.sparkContext
    args: List[str] = []
    shipped: List[str] = []

    def ship(flag: str, path: str) -> None:
        full = os.path.abspath(path) if "://" not in path else path
        sc.addFile(full)
        name = os.path.basename(full)
        shipped.append(name)
        args.extend([flag, "{file:" + name + "}"])

    if opts.max_bytes is not None:
        args.extend(["--max-bytes", str(opts.max_bytes)])
    threads = opts.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    args.extend(["--threads", str(threads)])
    if opts.gazetteer:
        ship("--gazetteer", opts.gazetteer)
    if opts.no_gazetteer:
        args.append("--no-gazetteer")
    if opts.lexicon:
        ship("--lexicon", opts.lexicon)
    if opts.no_sentiment:
        args.append("--no-sentiment")
    return tuple(args), tuple(shipped)


def write(df: DataFrame, path: str, fmt: str, mode: str) -> None:
    """Writes a table as JSON Lines (nulls written, no compression) or
    Parquet."""
    w = df.write.mode(mode)
    if fmt == "parquet":
        w.parquet(path)
    else:
        w.option("ignoreNullFields", "false").option("compression", "none").json(path)


def analyse(spark: SparkSession, opts: Options) -> Tuple[DataFrame, int]:
    """The result rows of every record (lazy, see
    :data:`wortlaut_pipe.RESULT_DDL`) and the number of records read."""
    sc = spark.sparkContext
    binary = ship_binary(sc, opts.binary)
    sc.addPyFile(wortlaut_pipe.__file__)
    rows, records, files, lines_before = read_input(spark, opts)
    args, shipped = wortlaut_args(spark, opts)
    settings = wortlaut_pipe.Settings(
        binary=binary,
        args=args,
        input_format=opts.input_format,
        offsets=opts.offsets,
        sources=source_names(files, opts.input, qualified(spark, opts.input)),
        lines_before=lines_before,
        shipped=shipped,
        tables=not opts.documents_only,
    )
    results = rows.mapInArrow(
        partial(wortlaut_pipe.analyse_batches, settings=settings), wortlaut_pipe.RESULT_DDL
    )
    return results, records


def _log(start: float, what: str) -> None:
    print(
        f"wortlaut-spark: {time.perf_counter() - start:7.1f} s  {what}", file=sys.stderr, flush=True
    )


def run(spark: SparkSession, opts: Options) -> Counts:
    """Runs the job: analyses the input, writes every table under
    ``opts.output`` and returns the counts."""
    start = time.perf_counter()
    results, records_in = analyse(spark, opts)
    _log(start, f"counted {records_in} records")
    # Every table is derived from the result rows: keep them, parsed once,
    # instead of running wortlaut once per table (memory, spilled to disk);
    # the aggregates read the flat tables, kept too.
    if opts.documents_only:
        results = results.drop("tables_json", "stance_evidence")
    else:
        results = wortlaut_tables.with_parsed(results)
    parsed = results.persist(StorageLevel.MEMORY_AND_DISK)
    kept: List[DataFrame] = [parsed]
    out = opts.output.rstrip("/")
    fmt, mode = opts.output_format, opts.mode
    try:
        if fmt == "parquet":
            documents = parsed.select("id", "source", "line", "error_kind", "error_message", "json")
            write(documents, f"{out}/documents", fmt, mode)
        else:
            # The CLI's lines, byte for byte (error records included).
            parsed.select("json").write.mode(mode).option("compression", "none").text(
                f"{out}/documents"
            )
        _log(start, "analysed, wrote documents")
        if opts.documents_only:
            tables = {"errors": wortlaut_tables.errors_table(parsed)}
        else:
            tables = wortlaut_tables.flat_tables(parsed)
        for name, table in tables.items():
            if name != "errors":
                table = tables[name] = table.persist(StorageLevel.MEMORY_AND_DISK)
                kept.append(table)
            write(table, f"{out}/{name}", fmt, mode)
            _log(start, f"wrote {name}")
        if not opts.documents_only:
            for name, df in wortlaut_tables.aggregates(tables).items():
                write(df, f"{out}/{name}", fmt, mode)
                _log(start, f"wrote {name}")
        by_kind = parsed.groupBy(F.col("error_kind").isNull().alias("ok")).count().collect()
    finally:
        for df in kept:
            df.unpersist()
    counted = {r["ok"]: r["count"] for r in by_kind}
    counts = Counts(
        records_in=records_in,
        documents_out=counted.get(True, 0),
        error_rows=counted.get(False, 0),
        seconds=time.perf_counter() - start,
    )
    summary = spark.createDataFrame(
        [(counts.records_in, counts.documents_out, counts.error_rows, opts.input, opts.offsets)],
        "records_in BIGINT, documents_out BIGINT, error_rows BIGINT, input STRING, offsets STRING",
    )
    write(summary.coalesce(1), f"{out}/counts", fmt, mode)
    return counts


def parse_args(argv: Optional[Sequence[str]] = None) -> Options:
    """Command-line options."""
    p = argparse.ArgumentParser(
        prog="wortlaut_spark.py",
        description="Run `wortlaut analyze` over a corpus on Spark (one process per partition).",
    )
    p.add_argument("--input", required=True, help="file, folder or glob (any Hadoop file system)")
    p.add_argument("--output", required=True, help="folder for the output tables")
    p.add_argument("--input-format", choices=["jsonl", "parquet", "text"], default="jsonl")
    p.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument(
        "--binary",
        help=f"the wortlaut binary (default: {DEFAULT_BINARY}, then PATH), "
        "or the name of one shipped with --files",
    )
    p.add_argument("--offsets", choices=["chars", "bytes"], default="chars")
    p.add_argument("--max-bytes", type=int, help="wortlaut's --max-bytes")
    p.add_argument(
        "--threads", type=int, help="threads per wortlaut process (default: spark.task.cpus)"
    )
    g = p.add_mutually_exclusive_group()
    g.add_argument("--gazetteer", help="gazetteer file (TSV or compiled), shipped to the executors")
    g.add_argument("--no-gazetteer", action="store_true")
    s = p.add_mutually_exclusive_group()
    s.add_argument("--lexicon", help="polarity lexicon, shipped to the executors")
    s.add_argument("--no-sentiment", action="store_true")
    p.add_argument(
        "--mode", choices=["error", "overwrite"], default="error", help="when the output exists"
    )
    p.add_argument(
        "--documents-only",
        action="store_true",
        help="write documents, errors and counts only (no flat tables, no aggregates)",
    )
    a = p.parse_args(argv)
    return Options(
        input=a.input,
        output=a.output,
        input_format=a.input_format,
        output_format=a.output_format,
        binary=a.binary,
        offsets=a.offsets,
        max_bytes=a.max_bytes,
        threads=a.threads,
        gazetteer=a.gazetteer,
        no_gazetteer=a.no_gazetteer,
        lexicon=a.lexicon,
        no_sentiment=a.no_sentiment,
        mode=a.mode,
        documents_only=a.documents_only,
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of ``spark-submit wortlaut_spark.py``."""
    opts = parse_args(argv)
    spark = SparkSession.builder.appName("wortlaut").getOrCreate()
    try:
        counts = run(spark, opts)
    finally:
        spark.stop()
    print(counts.line())
    return 0 if counts.balanced else 3


if __name__ == "__main__":
    sys.exit(main())
