#!/usr/bin/env python3
"""Peer benchmark for the wortlaut gazetteer: flashtext and spaCy's PhraseMatcher.

Same input as `cargo bench --bench gazetteer`: the `text` fields of the
Wikinews dev set joined with blank lines and repeated until >= 20 MiB, and two
name lists: every name and alias of crates/gazetteer/data/default.tsv, and the
synthetic 50,000-name gazetteer of `wortlaut_suite::synthetic_gazetteer`
(ported below). Throughput = UTF-8 bytes of the whole text / seconds, best of
3 runs, single thread. Run it through run.sh, which installs the dependencies.
"""

import argparse
import gc
import hashlib
import json
import os
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # the workspace root
TARGET_BYTES = 20 * 1024 * 1024
RUNS = 3


# --- input -----------------------------------------------------------------

def eval_dir():
    """Same rule as wortlaut_suite::eval_dir: $WORTLAUT_EVAL_DIR or ../shared/eval."""
    d = os.environ.get("WORTLAUT_EVAL_DIR")
    return Path(d) if d else ROOT.parent / "shared" / "eval"


def jsonl_texts(path):
    """Same as wortlaut_suite::jsonl_texts: the `text` of every parseable line."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                v = json.loads(line)
            except ValueError:
                continue
            if isinstance(v, dict) and isinstance(v.get("text"), str):
                out.append(v["text"])
    return out


def build_text(path):
    """Like benches/gazetteer.rs: join with blank lines, repeat until >= 20 MiB."""
    one = "\n\n".join(jsonl_texts(path))
    unit = one + "\n\n"
    unit_bytes = len(unit.encode("utf-8"))
    reps = 0
    while reps * unit_bytes < TARGET_BYTES:
        reps += 1
    return unit * reps


# --- name lists ------------------------------------------------------------

def default_names(path):
    """Every name and alias of the default gazetteer TSV."""
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            line = line.rstrip("\r")
            if not line.strip() or line.startswith("#") or line.startswith("id\ttype"):
                continue
            cols = line.split("\t")
            names.append(cols[2].strip())
            if len(cols) > 3:
                names.extend(a.strip() for a in cols[3].split("|") if a.strip())
    return names


SYL = [
    "ber", "lin", "ham", "burg", "mün", "chen", "kar", "dorf", "stadt", "feld", "au", "bach",
    "wald", "hof", "heim", "ling", "ros", "tal", "see", "berg", "mar", "kon", "ra", "del",
    "vi", "so", "tra", "nes", "ko", "pa", "ul", "zen",
]
MASK64 = (1 << 64) - 1


def synthetic_gazetteer(n):
    """Exact port of wortlaut_suite::synthetic_gazetteer (src/lib.rs)."""
    state = 0x9E37_79B9_7F4A_7C15

    def next_():
        nonlocal state
        state ^= (state << 13) & MASK64
        state ^= state >> 7
        state ^= (state << 17) & MASK64
        return state

    types = ["PER", "ORG", "GPE", "LOC"]
    out = []
    for i in range(n):
        words = 1 + next_() % 3
        parts = []
        for _ in range(words):
            syl = 2 + next_() % 3
            w = ""
            for k in range(syl):
                s = SYL[next_() % len(SYL)]
                w += s[0].upper() + s[1:] if k == 0 else s
            parts.append(w)
        out.append(f"e{i}\t{types[i % 4]}\t{' '.join(parts)}\n")
    return "".join(out)


def unique_ci(names):
    """Both tools match case-insensitively: drop case-insensitive duplicates."""
    seen, out = set(), []
    for n in names:
        k = n.lower()
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


# --- measurement -----------------------------------------------------------

def best_of(fn, runs=RUNS):
    """Returns (best seconds, result of the last run)."""
    best, result = float("inf"), None
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def bench_flashtext(names, text):
    from flashtext import KeywordProcessor

    t0 = time.perf_counter()
    kp = KeywordProcessor(case_sensitive=False)
    for n in names:
        kp.add_keyword(n)
    build = time.perf_counter() - t0
    secs, found = best_of(lambda: kp.extract_keywords(text, span_info=True))
    return [("flashtext", secs, len(found), build)]


def bench_spacy(nlp, names, chunks, docs):
    from spacy.matcher import PhraseMatcher

    t0 = time.perf_counter()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("GAZ", [nlp.make_doc(n) for n in names])
    build = time.perf_counter() - t0

    def tok_and_match():
        make_doc = nlp.make_doc
        return sum(len(matcher(make_doc(c))) for c in chunks)

    def match_only():
        return sum(len(matcher(d)) for d in docs)

    s_all, n_all = best_of(tok_and_match)
    s_match, n_match = best_of(match_only)
    return [
        ("spacy PhraseMatcher (tokenise+match)", s_all, n_all, build),
        ("spacy PhraseMatcher (match only)", s_match, n_match, build),
    ]


def version(pkg):
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-spacy", action="store_true", help="measure flashtext only")
    args = ap.parse_args()

    data = eval_dir() / "wikinews-quotes" / "dev.jsonl"
    if not data.is_file():
        sys.exit(f"missing {data} (set WORTLAUT_EVAL_DIR)")
    text = build_text(data)
    nbytes = len(text.encode("utf-8"))

    synth_tsv = synthetic_gazetteer(50_000)
    gazetteers = [
        ("default", default_names(ROOT / "crates/gazetteer/data/default.tsv")),
        ("synthetic-50k", [l.split("\t")[2] for l in synth_tsv.splitlines()]),
    ]

    use_spacy = not args.no_spacy
    if use_spacy:
        try:
            import spacy
        except Exception as e:  # not installed, or broken dependencies
            print(f"spaCy unavailable ({e!r}); measuring flashtext only", file=sys.stderr)
            use_spacy = False
    print(f"python {platform.python_version()}, flashtext {version('flashtext')}, "
          f"spacy {version('spacy') if use_spacy else 'not used'}; "
          f"{os.cpu_count()} CPUs visible, single-threaded measurement")
    print(f"text: {data.name} repeated, {nbytes:,} bytes UTF-8 ({len(text):,} chars)")
    print(f"synthetic-50k TSV sha256 {hashlib.sha256(synth_tsv.encode('utf-8')).hexdigest()}")
    for label, names in gazetteers:
        print(f"names {label}: {len(names):,} ({len(unique_ci(names)):,} case-insensitively unique)")
    sys.stdout.flush()

    rows = []
    if use_spacy:
        t0 = time.perf_counter()
        nlp = spacy.blank("de")
        chunks = [c for c in text.split("\n\n") if c.strip()]
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        docs = [nlp.make_doc(c) for c in chunks]
        tok = time.perf_counter() - t0
        ntok = sum(len(d) for d in docs)
        print(f"spacy: blank('de') + split {load:.2f} s; {len(chunks):,} documents, "
              f"{ntok:,} tokens; tokenising alone (1 run) {nbytes / tok / 1e6:.1f} MB/s")
        sys.stdout.flush()
    for label, names in gazetteers:
        names = unique_ci(names)
        for tool, secs, n, build in bench_flashtext(names, text):
            rows.append((tool, label, secs, n, build))
        if use_spacy:
            for tool, secs, n, build in bench_spacy(nlp, names, chunks, docs):
                rows.append((tool, label, secs, n, build))
        print(f"done: {label}", file=sys.stderr)

    print()
    head = ("tool", "gazetteer", "MB/s", "MiB/s", "matches", "build s")
    w0 = max(len(head[0]), *(len(r[0]) for r in rows))
    w1 = max(len(head[1]), *(len(r[1]) for r in rows))
    print(f"{head[0]:<{w0}}  {head[1]:<{w1}}  {head[2]:>8}  {head[3]:>8}  {head[4]:>9}  {head[5]:>8}")
    for tool, label, secs, n, build in rows:
        print(f"{tool:<{w0}}  {label:<{w1}}  {nbytes / secs / 1e6:>8.2f}  "
              f"{nbytes / secs / 2**20:>8.2f}  {n:>9,}  {build:>8.3f}")
    print(f"\nMB = 10^6 bytes, MiB = 2^20 bytes (criterion prints MiB/s); best of {RUNS} runs "
          f"over {nbytes:,} bytes.")


if __name__ == "__main__":
    main()
