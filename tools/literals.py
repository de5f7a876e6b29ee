#!/usr/bin/env python3
"""Counts German words written as string literals in non-test Rust code.

Usage: python3 tools/literals.py [--list] [PATH ...]   (default: crates/)

A string literal counts when at least half of its words (format placeholders
and HTML tags left out) are German words and not English ones. German words: every first field of the project's data files
(files named *.de.txt or *.de.tsv, and the profile folders data/de/) plus words with ä, ö, ü or ß. Left out:
files named tests.rs, folders tests/, benches/, examples/, fuzz/, `#[cfg(test)]`
modules, comments and doc comments, and the loaders of the profile itself
(crates/text/src/profile.rs reads file names, not words).
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENGLISH = set("""a an and are as at be been but by can do does for from has have he her his
how if in into is it its may more most must no not of on one or our she so such than that the
their them then there these they this those to two was we were what when where which who will
with would you your all any each other only own same some too very just also back out up down
over under new old first last next name names word words text line lines file files list lists
type types kind error errors value values key keys entry entries span spans start end id ids
see use used uses make made none null true false yes ok bad invalid missing empty found read
write path data json jsonl tsv csv txt html text format formats count document documents
quote quotes speaker speakers cue cues frame frames mention mentions entity entities stance
holder target polarity positive negative neutral sentence sentences token tokens repair repairs
label labels direct indirect reported nested person organisation organization place group
other role roles country medium offset offsets chars bytes utf unit units title date note
version checksum header gold dev train score precision recall f1 macro micro
form bad unknown closing left last section child long flag range ranges fit mark rule case
record exceeds limit raise split corpus summary said documents report made see
half halves even odd accuracy confusion class classes matrix example evidence weight
auto st sw tag problem out dir include str lang band
""".split())
WORD = re.compile(r"[A-Za-zÄÖÜäöüßẞ]{2,}")


def german_words():
    words = set()
    for base, _, files in os.walk(ROOT):
        if "/target" in base or "/.git" in base or "/data" not in base:
            continue
        for f in files:
            german_file = ".de." in f or "/data/de" in base
            if not f.endswith((".txt", ".tsv")) or not german_file:
                continue
            try:
                text = open(os.path.join(base, f), encoding="utf-8").read()
            except (OSError, UnicodeDecodeError):
                continue
            for line in text.splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                for w in WORD.findall(re.split(r"\t|\s{2,}", line)[0]):
                    words.add(w.lower())
    return words - ENGLISH


def strip_tests(src):
    """Removes `#[cfg(test)]` items (brace-matched) from the source."""
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]", src):
        if m.start() < i:
            continue
        j = src.find("{", m.end())
        semi = src.find(";", m.end())
        if j < 0 or (0 <= semi < j):
            continue
        depth, k = 0, j
        while k < len(src):
            c = src[k]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        out.append(src[i:m.start()])
        i = k + 1
    out.append(src[i:])
    return "".join(out)


LIT = re.compile(
    r'//[^\n]*|/\*.*?\*/|b?r(#*)"(.*?)"\1|b?"((?:[^"\\]|\\.)*)"|\'(?:[^\'\\]|\\.)\'',
    re.S,
)


def literals(src):
    for m in LIT.finditer(src):
        if m.group(0).startswith(("//", "/*", "'")):
            continue
        if m.group(0).startswith("b"):
            continue
        yield m.group(2) if m.group(2) is not None else m.group(3)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--list" in sys.argv
    paths = args or [os.path.join(ROOT, "crates")]
    german = german_words()
    total, per_file = 0, {}
    for p in paths:
        walk = [(p, [], [""])] if os.path.isfile(p) else os.walk(p)
        for base, _, files in walk:
            if any(s in base for s in ("/target", "/tests", "/benches", "/examples", "/fuzz")):
                continue
            for f in files:
                path = os.path.join(base, f) if f else base
                if not path.endswith(".rs") or path.endswith(("tests.rs", "text/src/profile.rs")):
                    continue
                src = strip_tests(open(path, encoding="utf-8").read())
                n = 0
                for lit in literals(src):
                    if "::" in lit:
                        continue  # paths in attributes
                    ws = WORD.findall(re.sub(r"\{[^}]*\}|&\w+;|<[^>]*>", " ", lit))
                    hits = sum(1 for w in ws if w.lower() in german or re.search("[äöüßÄÖÜ]", w))
                    if hits and 2 * hits >= len(ws):
                        n += 1
                        if show:
                            print(f"{os.path.relpath(path, ROOT)}: {lit!r}")
                if n:
                    per_file[os.path.relpath(path, ROOT)] = n
                    total += n
    for f, n in sorted(per_file.items(), key=lambda x: -x[1]):
        print(f"{n:5}  {f}")
    print(f"{total:5}  German string literals in non-test Rust")


if __name__ == "__main__":
    main()
