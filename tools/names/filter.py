"""Filter a list of given names against German words.

Usage: python3 tools/names/filter.py NAMES.txt COMMON-WORDS.txt STOPWORDS.txt KEEP.txt > OUT.txt

A name is left out when it is shorter than three letters, when its folded
form is a gazetteer stop word, or when it is an ordinary German word
(`gazetteer/common-words`, lower case), unless KEEP.txt (the curated
`gazetteer/given-names`) lists it; names KEEP.txt lists are left out too
(they are there already).
"""

import sys
import unicodedata


def fold(w: str) -> str:
    w = w.lower().replace("ß", "ss")
    return "".join(
        c for c in unicodedata.normalize("NFD", w) if unicodedata.category(c) != "Mn"
    )


def words(path: str) -> set:
    return {
        w.strip()
        for w in open(path, encoding="utf-8")
        if w.strip() and not w.startswith("#")
    }


def main() -> None:
    names_path, common_path, stop_path, keep_path = sys.argv[1:5]
    common, stop, keep = words(common_path), words(stop_path), words(keep_path)
    for n in open(names_path, encoding="utf-8"):
        n = n.strip()
        if len(n) < 3 or n in keep or fold(n) in stop or n.lower() in common:
            continue
        print(n)


if __name__ == "__main__":
    main()
