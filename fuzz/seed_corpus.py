#!/usr/bin/env python3
"""Fills fuzz/corpus/TARGET/ with full-size starting inputs for every fuzz
target: the committed seeds (fuzz/seeds/TARGET/), the repository's seed
articles (seeds/*.txt, whole), and Wikinews-sized texts — the texts of
../shared/eval/wikinews-quotes/train.jsonl (train split only) and joins of
several of them up to 60 KB — each in the target's input layout. The corpus
is not committed (the Wikinews texts are not ours to ship); run this before
`cargo fuzz run` with `-max_len=65536` (docs/TESTING.md).

Usage: python3 seed_corpus.py [--require-shared] [N]   (N Wikinews texts, default 60)
"""

import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WIKINEWS = os.path.join(ROOT, "..", "shared", "eval", "wikinews-quotes", "train.jsonl")
MAX_LEN = 65536


def split2(first: bytes, rest: bytes) -> bytes:
    """The layout of `wortlaut_fuzz::split2`: two length bytes, then both parts."""
    return len(first).to_bytes(2, "little") + first + rest


def first_part(seed_dir: str) -> bytes:
    """The first part (a gazetteer or lexicon file) of the first committed seed."""
    with open(os.path.join(seed_dir, "seed0"), "rb") as f:
        data = f.read()
    n = int.from_bytes(data[:2], "little")
    return data[2 : 2 + n]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    require = "--require-shared" in sys.argv
    n = int(args[0]) if args else 60
    texts = []
    seeds = os.path.join(ROOT, "seeds")
    for name in sorted(os.listdir(seeds)):
        if name.endswith(".txt"):
            with open(os.path.join(seeds, name), "rb") as f:
                texts.append(f.read())
    if os.path.exists(WIKINEWS):
        with open(WIKINEWS, encoding="utf-8") as f:
            wiki = [json.loads(line)["text"].encode("utf-8") for line in f if line.strip()]
        texts.extend(wiki[:n])
        # Joins of consecutive articles, up to the length libFuzzer is given.
        joined = b""
        joins = 0
        for t in wiki[n:]:
            joined += t + b"\n\n"
            if len(joined) > MAX_LEN - 1024:
                texts.append(joined[: MAX_LEN - 1024])
                joined = b""
                joins += 1
                if joins == 4:
                    break
    elif require:
        sys.exit(f"{WIKINEWS} is missing (--require-shared)")
    else:
        print(f"note: {WIKINEWS} is missing; only the repository's seeds are used")
    gazetteer = first_part(os.path.join(HERE, "seeds", "gazetteer"))
    lexicon = first_part(os.path.join(HERE, "seeds", "sentiment_lexicon"))
    layouts = {
        "normalize": lambda t, i: t,
        "segment": lambda t, i: t,
        "quotes": lambda t, i: bytes([i % 8]) + t,
        "pipeline": lambda t, i: split2(bytes(range(i % 7 * 3)), t),
        "pipeline_settings": lambda t, i: bytes([(i * 37) % 256, (i * 101) % 256]) + t,
        "gazetteer": lambda t, i: split2(gazetteer, t),
        "sentiment_lexicon": lambda t, i: split2(lexicon, t),
    }
    for target, layout in layouts.items():
        out = os.path.join(HERE, "corpus", target)
        os.makedirs(out, exist_ok=True)
        committed = os.path.join(HERE, "seeds", target)
        inputs = []
        if os.path.isdir(committed):
            for name in sorted(os.listdir(committed)):
                with open(os.path.join(committed, name), "rb") as f:
                    inputs.append(f.read())
        inputs.extend(layout(t, i)[:MAX_LEN] for i, t in enumerate(texts))
        for data in inputs:
            name = hashlib.sha1(data).hexdigest()
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
        sizes = sorted(len(d) for d in inputs)
        print(f"{target}: {len(inputs)} inputs, {sizes[0]}..{sizes[-1]} bytes")


if __name__ == "__main__":
    main()
