#!/usr/bin/env python3
"""`wortlaut analyze --only mentions` against pyahocorasick with a Python
word-boundary check, on the same JSON Lines input and the same names.

Input: the `text` fields of the Wikinews dev set as JSON Lines records
(`{"id", "text"}`), repeated until the texts hold >= 20 MiB (as peers.py).
Names: every name and alias of crates/gazetteer/data/default.tsv
(case-insensitively de-duplicated). Both sides read the JSON Lines file,
parse every record, find the mentions and write one JSON line per document
with the mentions' code-point offsets; single thread; best of 3 runs;
MB/s = UTF-8 bytes of the texts / seconds. The CLI's time includes process
start and loading its embedded gazetteer; the automaton's build time is not
counted for Python. wortlaut also generates and checks variants (genitives,
adjectives, inflected multi-word names) and links short forms, so the
match counts differ.

    python3 benches/peers/mentions_only.py target/release/wortlaut

needs `pip install pyahocorasick`.
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ahocorasick

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import ROOT, TARGET_BYTES, default_names, eval_dir, jsonl_texts, unique_ci  # noqa: E402

RUNS = 3


def corpus(path: Path) -> int:
    """Writes the records; returns the UTF-8 bytes of their texts."""
    texts = jsonl_texts(eval_dir() / "wikinews-quotes" / "dev.jsonl")
    total, n = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while total < TARGET_BYTES:
            for t in texts:
                f.write(json.dumps({"id": f"d{n}", "text": t}, ensure_ascii=False) + "\n")
                total += len(t.encode("utf-8"))
                n += 1
    return total


def automaton(names):
    a = ahocorasick.Automaton()
    for name in names:
        key = name.lower()
        a.add_word(key, len(key))
    a.make_automaton()
    return a


def python_mentions(a, path: Path, out) -> int:
    """Leftmost-longest, non-overlapping matches on word boundaries."""
    found = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = r["text"]
            low = text.lower()  # same length as text for this corpus
            n = len(low)
            hits = []
            for end, length in a.iter(low):
                start = end - length + 1
                if start > 0 and low[start - 1].isalnum():
                    continue
                if end + 1 < n and low[end + 1].isalnum():
                    continue
                hits.append((start, end + 1))
            hits.sort(key=lambda h: (h[0], -h[1]))
            mentions, last = [], -1
            for s, e in hits:
                if s >= last:
                    mentions.append({"start": s, "end": e, "text": text[s:e]})
                    last = e
            found += len(mentions)
            out.write(json.dumps({"id": r["id"], "mentions": mentions}, ensure_ascii=False))
            out.write("\n")
    return found


def cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(fn):
    """Best wall and best CPU seconds of RUNS runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(RUNS):
        t, c = time.perf_counter(), cpu()
        result = fn()
        walls.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    return min(walls), min(cpus), result


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/release/wortlaut")
    names = unique_ci(default_names(ROOT / "crates/gazetteer/data/default.tsv"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        text_bytes = corpus(path)
        a = automaton(names)

        def py():
            with open(Path(tmp) / "py.jsonl", "w", encoding="utf-8") as out:
                return python_mentions(a, path, out)

        def cli(threads: int):
            def run():
                with open(Path(tmp) / "cli.jsonl", "wb") as out:
                    subprocess.run(
                        [binary, "analyze", "--input", "jsonl", str(path), "--only", "mentions",
                         "--threads", str(threads), "--progress", "never"],
                        stdout=out, check=True,
                    )
                with open(Path(tmp) / "cli.jsonl", encoding="utf-8") as f:
                    return sum(len(json.loads(line)["mentions"]) for line in f)
            return run

        t_py, c_py, n_py = best(py)
        t_cli, c_cli, n_cli = best(cli(1))
        t_cli2, c_cli2, _ = best(cli(2))
    mb = text_bytes / 1e6
    print(f"texts: {mb:.1f} MB, names: {len(names)}; MB/s by wall clock / by CPU time")
    print(f"pyahocorasick + boundary check:      {mb / t_py:6.1f} / {mb / c_py:6.1f} MB/s"
          f"  ({t_py:.2f} s, {n_py} mentions)")
    print(f"wortlaut --only mentions, 1 thread:  {mb / t_cli:6.1f} / {mb / c_cli:6.1f} MB/s"
          f"  ({t_cli:.2f} s, {n_cli} mentions)")
    print(f"wortlaut --only mentions, 2 threads: {mb / t_cli2:6.1f} / {mb / c_cli2:6.1f} MB/s"
          f"  ({t_cli2:.2f} s)")
    print(f"ratio, 1 thread: {t_py / t_cli:.2f}x wall, {c_py / c_cli:.2f}x CPU")


if __name__ == "__main__":
    main()
