"""Throughput of the Python package against the CLI, in one run side by side.

On about 20 MB of Wikinews text (the train texts of
``../shared/eval/wikinews-quotes`` repeated, each copy with its own ids):

- ``Pipeline.pipe`` on one thread against ``wortlaut analyze --input jsonl
  --threads 1`` (both read the same JSON Lines file and decode every record);
- ``Pipeline.pipe`` on two threads against its own one-thread figure;
- ``wortlaut.tables()`` on the result, as a share of the one-thread
  analysis time;
- the spaCy component over ``spacy.blank("de")`` against ``spacy.blank("de")``
  with a ``PhraseMatcher`` of the default gazetteer's names and aliases (on a
  part of the corpus: the component does far more; both figures and the
  ratio are reported).

Each measurement is repeated ``--rounds`` times, the rounds interleaved, and
the best time is reported. Run from the repository root after
``pip install ./bindings/python[pandas,spacy]`` and
``cargo build --release -p wortlaut-cli``::

    python bindings/python/bench/bench.py --mb 20 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import wortlaut

REPO = Path(__file__).resolve().parents[3]
TRAIN = REPO.parent / "shared" / "eval" / "wikinews-quotes" / "train.jsonl"
GAZETTEER = REPO / "crates" / "gazetteer" / "data" / "default.tsv"


def build_corpus(path: Path, mb: float) -> int:
    """Writes the train texts, repeated to ``mb`` MB of text; returns bytes of text."""
    texts = [json.loads(line)["text"] for line in TRAIN.read_text(encoding="utf-8").splitlines()]
    target = int(mb * 1_000_000)
    size = 0
    with path.open("w", encoding="utf-8") as f:
        copy = 0
        while size < target:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": f"{copy}-{i}", "text": t}, ensure_ascii=False) + "\n")
                size += len(t.encode("utf-8"))
                if size >= target:
                    break
            copy += 1
    return size


def records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def timed(f: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = f()
    return time.perf_counter() - t, out


def cli(binary: str, path: Path, threads: int) -> None:
    args = ["analyze", "--input", "jsonl", "--progress", "never", "--threads", str(threads)]
    subprocess.run(
        [binary, *args, "--", str(path)],
        stdout=subprocess.DEVNULL,
        check=True,
    )


def pipe(pipeline: wortlaut.Pipeline, path: Path, threads: int) -> list[wortlaut.Analysis]:
    return list(pipeline.pipe(records(path), threads=threads))


def serial_share(pipeline: wortlaut.Pipeline, path: Path) -> tuple[float, float]:
    """CPU seconds of the calling thread (the serial Python part: reading,
    decoding, building the views; the pool threads do the analysis) and of
    the whole process, for ``pipe`` on one worker thread. CPU time does not
    depend on what else loads the machine as wall-clock time does, so the
    share bounds the two-thread speed-up where wall-clock time cannot show
    it."""
    t0, p0 = time.thread_time(), time.process_time()
    for _ in pipeline.pipe(records(path), threads=1):
        pass
    return time.thread_time() - t0, time.process_time() - p0


def pipe_json(pipeline: wortlaut.Pipeline, path: Path) -> int:
    """One thread, every record also written as JSON (what the CLI does)."""
    return sum(len(a.to_json()) for a in pipeline.pipe(records(path), threads=1))


def phrase_names() -> list[str]:
    names: list[str] = []
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("id\t"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            names.append(cols[2])
        if len(cols) >= 4 and cols[3]:
            names.extend(a for a in cols[3].split("|") if a)
    return names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="MB of text (default 20)")
    ap.add_argument("--spacy-mb", type=float, default=2.0, help="MB for the spaCy part")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--binary", default=str(REPO / "target" / "release" / "wortlaut"))
    args = ap.parse_args()
    if not TRAIN.exists():
        sys.exit(f"{TRAIN} not found: the benchmark needs ../shared beside the repository")
    if not Path(args.binary).exists():
        sys.exit(f"{args.binary} not found: cargo build --release -p wortlaut-cli")
    tmp = Path(tempfile.mkdtemp())
    corpus = tmp / "corpus.jsonl"
    size = build_corpus(corpus, args.mb)
    mb = size / 1e6
    print(f"corpus: {mb:.1f} MB of text in {sum(1 for _ in records(corpus))} documents")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}")
    pipeline = wortlaut.Pipeline()
    import pandas  # noqa: F401  (imported before timing: tables() reuses it)
    import pyarrow  # noqa: F401

    best: dict[str, float] = {}
    result: list[wortlaut.Analysis] = []

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, seconds), seconds)
        print(f"  {name:<18} {seconds:7.2f} s  {mb / seconds:6.2f} MB/s", flush=True)

    for r in range(args.rounds):
        print(f"round {r + 1}")
        keep("cli 1 thread", timed(lambda: cli(args.binary, corpus, 1))[0])
        t, result = timed(lambda: pipe(pipeline, corpus, 1))
        keep("pipe 1 thread", t)
        keep("cli 2 threads", timed(lambda: cli(args.binary, corpus, 2))[0])
        t, result = timed(lambda: pipe(pipeline, corpus, 2))
        keep("pipe 2 threads", t)
        keep("tables()", timed(partial(wortlaut.tables, result))[0])
        keep("tables(arrow)", timed(partial(wortlaut.tables, result, format="arrow"))[0])
        keep("pipe 1 + to_json", timed(lambda: pipe_json(pipeline, corpus))[0])
    print("results (best of rounds):")
    for name, seconds in best.items():
        print(f"  {name:<18} {seconds:7.2f} s  {mb / seconds:6.2f} MB/s")
    cli1, pipe1, pipe2 = best["cli 1 thread"], best["pipe 1 thread"], best["pipe 2 threads"]
    print(f"  pipe 1 thread / cli 1 thread throughput: {cli1 / pipe1:.2f}")
    print(f"  pipe 2 threads / pipe 1 thread:          {pipe1 / pipe2:.2f}")
    print(f"  tables() / pipe 1 thread time:           {best['tables()'] / pipe1:.1%}")
    print(f"  tables(arrow) / pipe 1 thread time:      {best['tables(arrow)'] / pipe1:.1%}")
    print(f"  pipe 1 + to_json / cli 1 thread:         {cli1 / best['pipe 1 + to_json']:.2f}")
    serial, total = serial_share(pipeline, corpus)
    parallel = total - serial
    # The calling thread overlaps the pool: one worker needs at least
    # max(parallel, serial) seconds, two workers on two cores at least
    # max(total / 2, parallel / 2, serial).
    bound = max(parallel, serial) / max(total / 2, parallel / 2, serial)
    print(
        f"  pipe, CPU time: {total:.2f} s, of it {serial:.2f} s ({serial / total:.1%}) in the "
        f"calling thread; on two cores two threads at most {bound:.2f}x one"
    )
    spacy_part(corpus, args.spacy_mb, args.rounds)


def spacy_part(corpus: Path, mb_limit: float, rounds: int) -> None:
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("spaCy not installed: the spaCy comparison is left out")
        return
    texts: list[str] = []
    size = 0
    for r in records(corpus):
        texts.append(r["text"])
        size += len(r["text"].encode("utf-8"))
        if size >= mb_limit * 1e6:
            break
    mb = size / 1e6
    ours = spacy.blank("de")
    ours.add_pipe("wortlaut")
    base = spacy.blank("de")
    matcher = PhraseMatcher(base.vocab)
    names = phrase_names()
    matcher.add("NAME", [base.make_doc(n) for n in names])

    def run_ours() -> int:
        return sum(len(d.ents) for d in ours.pipe(texts, batch_size=256))

    def run_base() -> int:
        return sum(len(matcher(d)) for d in base.pipe(texts, batch_size=256))

    print(f"spaCy part: {mb:.1f} MB, {len(texts)} documents, PhraseMatcher of {len(names)} names")
    b_ours = b_base = float("inf")
    for _ in range(rounds):
        t, n_ours = timed(run_ours)
        b_ours = min(b_ours, t)
        print(f"  blank + wortlaut       {t:7.2f} s  {mb / t:6.2f} MB/s  ({n_ours} ents)")
        t, n_base = timed(run_base)
        b_base = min(b_base, t)
        print(f"  blank + PhraseMatcher  {t:7.2f} s  {mb / t:6.2f} MB/s  ({n_base} matches)")
    print(f"  wortlaut component / PhraseMatcher time: {b_ours / b_base:.2f}")


if __name__ == "__main__":
    main()
