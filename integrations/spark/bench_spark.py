"""Throughput of the Spark job in local mode against the plain CLI.

    python integrations/spark/bench_spark.py [--mb 20] [--broken 0.01]
        [--source ../shared/eval/wikinews-quotes/train.jsonl ...] [--binary PATH]

Builds a JSON Lines corpus of about ``--mb`` MB from German Wikinews texts
(``{"id", "text"}``; the texts repeat, with new ids, until the size is
reached) in a temporary folder, then times

- ``wortlaut analyze --input jsonl --threads 2`` (best of three),
- the Spark job on ``local[2]`` and ``local[1]``, each in a fresh session:
  the whole job and ``--documents-only``, timed from after the session has
  started; every job runs twice in its session (the first run pays the
  JVM's warm-up, the second shows the steady state),

and prints one line per measurement. With ``--broken``, that share of the
records is replaced by broken ones (``"text": 42``, missing text, invalid
UTF-8, bad JSON); the job's closing line shows the counts.
``--write-corpus PATH`` only writes the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_SOURCES = [
    REPO.parent / "shared" / "eval" / "wikinews-quotes" / "train.jsonl",
    REPO.parent / "shared" / "eval" / "wikinews-quotes" / "dev.jsonl",
]
BROKEN = [
    b'{"id": "%s", "text": 42}',
    b'{"id": "%s", "title": "no text"}',
    b'{"id": "%s", "text": "kaputt \xff"}',
    b'{"id": "%s", "text": "unclosed',
]


def make_corpus(path: Path, sources: Sequence[Path], mb: float, broken: float) -> int:
    """Writes the corpus; returns the number of records."""
    texts = []
    for s in sources:
        for raw in s.read_text(encoding="utf-8").splitlines():
            r = json.loads(raw)
            texts.append((str(r["id"]), r["text"]))
    rng = random.Random(9)
    size, n, round_ = 0, 0, 0
    with path.open("wb") as out:
        while size < mb * 1_000_000:
            for doc_id, text in texts:
                new_id = f"{doc_id}-{round_}"
                if broken and rng.random() < broken:
                    line = BROKEN[n % len(BROKEN)] % new_id.encode()
                else:
                    line = json.dumps({"id": new_id, "text": text}, ensure_ascii=False).encode()
                out.write(line + b"\n")
                size += len(line) + 1
                n += 1
                if size >= mb * 1_000_000:
                    break
            round_ += 1
    return n


def time_cli(binary: str, corpus: Path, threads: int, repeat: int = 3) -> float:
    """Best wall time of the CLI over ``repeat`` runs (output discarded)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [
                binary,
                "analyze",
                "--input",
                "jsonl",
                "--threads",
                str(threads),
                "--progress",
                "never",
                str(corpus),
            ],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        best = min(best, time.perf_counter() - start)
    return best


def spark_runs(master: str, corpus: Path, binary: str, documents_only: bool, runs: int) -> None:
    """Runs the job ``runs`` times in one fresh session and prints the
    times (in a child process: one session per master)."""
    sys.path.insert(0, str(HERE))
    import wortlaut_spark
    from pyspark.sql import SparkSession

    start = time.perf_counter()
    spark = (
        SparkSession.builder.master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            opts = wortlaut_spark.Options(
                input=str(corpus),
                output=f"{tmp}/out{i}",
                binary=binary,
                documents_only=documents_only,
            )
            counts = wortlaut_spark.run(spark, opts)
            what = "documents only" if documents_only else "all tables"
            print(
                f"spark {master:9} {what:14} run {i + 1}: {counts.seconds:6.1f} s "
                f"(session start {startup:.1f} s); {counts.line()}",
                flush=True,
            )
    spark.stop()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, default=20)
    p.add_argument("--broken", type=float, default=0.0, help="share of broken records")
    p.add_argument("--source", type=Path, action="append", help="JSON Lines with id and text")
    p.add_argument("--binary", default=str(REPO / "target" / "release" / "wortlaut"))
    p.add_argument("--masters", default="local[2],local[1]")
    p.add_argument("--runs", type=int, default=2, help="jobs per session")
    p.add_argument(
        "--write-corpus", type=Path, metavar="PATH", help="only write the corpus to PATH"
    )
    p.add_argument(
        "--spark-run",
        nargs=3,
        metavar=("MASTER", "CORPUS", "DOCUMENTS_ONLY"),
        help=argparse.SUPPRESS,
    )
    a = p.parse_args(argv)
    binary = os.path.abspath(a.binary)
    if a.spark_run:
        master, corpus, only = a.spark_run
        spark_runs(master, Path(corpus), binary, only == "1", a.runs)
        return 0
    if a.write_corpus:
        n = make_corpus(a.write_corpus, a.source or DEFAULT_SOURCES, a.mb, a.broken)
        print(f"{a.write_corpus}: {n} records, {a.write_corpus.stat().st_size / 1e6:.1f} MB")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "news.jsonl"
        n = make_corpus(corpus, a.source or DEFAULT_SOURCES, a.mb, a.broken)
        mb = corpus.stat().st_size / 1e6
        print(f"corpus: {n} records, {mb:.1f} MB", flush=True)
        for threads in (2, 1):
            t = time_cli(binary, corpus, threads)
            print(f"cli --threads {threads}: {t:6.1f} s ({mb / t:.1f} MB/s)", flush=True)
        masters: List[str] = a.masters.split(",")
        for master in masters:
            for only in ("1", "0"):
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--binary",
                        binary,
                        "--runs",
                        str(a.runs),
                        "--spark-run",
                        master,
                        str(corpus),
                        only,
                    ],
                    check=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
