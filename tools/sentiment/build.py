#!/usr/bin/env python3
"""Convert the German polarity lexicon of Klenner, Clematide et al. (UZH), as
shipped in textblob-de 0.4.3 (textblob_de/data/de-sentiment.xml, Apache-2.0),
into wortlaut's data file crates/text/data/de/sentiment/polarity.tsv.

    bash tools/sentiment/build.sh     # downloads the wheel, then runs this

Reproducible: the same wheel gives the same file. What the conversion does:
  - keeps form, part of speech (NN -> N, JJ -> A, VB -> V) and polarity;
  - drops the seven RB entries (degree words: wortlaut keeps its own list of
    intensifiers and diminishers in crates/text/data/de/sentiment/modifiers.tsv);
  - a form listed twice (only "schön") keeps its first entry;
  - sorts by form (byte order) so that diffs stay readable.
"""
import re
import sys
import xml.etree.ElementTree as ET

POS = {"NN": "N", "JJ": "A", "VB": "V"}


def main(src, out):
    root = ET.parse(src).getroot()
    rows = {}
    for w in root.iter("word"):
        form = w.get("form").strip()
        pos = POS.get(w.get("pos"))
        if pos is None or not form:
            continue
        pol = float(w.get("polarity"))
        if form in rows:
            continue
        rows[form] = (pos, pol)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# German polarity lexicon: Klenner, Clematide, Wiegand, Peters (UZH), version 1.1,\n")
        f.write("# as shipped in textblob-de 0.4.3 (de-sentiment.xml, XML by Markus Killer),\n")
        f.write("# Apache License 2.0. Converted by tools/sentiment/build.py; see NOTICE and docs/DATA.md.\n")
        f.write("# lemma <TAB> class (N noun, A adjective/adverb, V verb) <TAB> polarity in [-1, 1]\n")
        for form in sorted(rows):
            pos, pol = rows[form]
            f.write(f"{form}\t{pos}\t{pol:g}\n")
    print(f"{len(rows)} entries -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
