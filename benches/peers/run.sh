#!/usr/bin/env bash
# Installs the peer tools into benches/peers/.venv (once) and runs peers.py.
# Usage: bash benches/peers/run.sh   (PYTHON=python3.x to choose the interpreter)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
py="$venv/bin/python"
export PYTHONDONTWRITEBYTECODE=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$py" -m pip install --quiet --disable-pip-version-check flashtext==2.7
# click: spaCy imports it directly, but recent typer releases no longer pull it in.
extra=()
if ! "$py" -m pip install --quiet --disable-pip-version-check spacy==3.8.7 click==8.1.8; then
    echo "run.sh: spaCy could not be installed; measuring flashtext only" >&2
    extra=(--no-spacy)
fi
exec "$py" "$here/peers.py" "${extra[@]}" "$@"
