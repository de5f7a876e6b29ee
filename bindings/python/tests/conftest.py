"""Shared fixtures: the pipeline, the CLI binary, the seeds and Wikinews dev.

The CLI binary is ``WORTLAUT_BIN``, or built with cargo (debug, or release
with ``WORTLAUT_BIN_PROFILE=release``). Without ``../shared`` the Wikinews
tests are skipped with a reason, and fail when ``WORTLAUT_REQUIRE_SHARED``
or ``WORTLAUT_REQUIRE_EVAL`` is set.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import wortlaut

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
DEV = REPO.parent / "shared" / "eval" / "wikinews-quotes" / "dev.jsonl"


def require_shared() -> bool:
    """Whether tests that need ../shared must fail instead of skipping."""
    return bool(
        os.environ.get("WORTLAUT_REQUIRE_SHARED") or os.environ.get("WORTLAUT_REQUIRE_EVAL")
    )


@pytest.fixture(scope="session")
def pipeline() -> wortlaut.Pipeline:
    """The default pipeline."""
    return wortlaut.Pipeline()


@pytest.fixture(scope="session")
def binary() -> str:
    """The wortlaut CLI binary."""
    given = os.environ.get("WORTLAUT_BIN")
    if given:
        return str(Path(given).resolve())
    profile = os.environ.get("WORTLAUT_BIN_PROFILE", "debug")
    assert profile in ("release", "debug"), profile
    build = ["cargo", "build", "--locked", "-p", "wortlaut-cli"]
    subprocess.run(build + (["--release"] if profile == "release" else []), cwd=REPO, check=True)
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=REPO,
        check=True,
        stdout=subprocess.PIPE,
    )
    return str(Path(json.loads(meta.stdout)["target_directory"]) / profile / "wortlaut")


@pytest.fixture(scope="session")
def seeds() -> list[dict[str, Any]]:
    """The five seed articles as records."""
    paths = sorted((REPO / "seeds").glob("*.txt"))
    assert len(paths) == 5
    return [{"id": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]


@pytest.fixture(scope="session")
def dev() -> list[dict[str, Any]]:
    """The Wikinews dev records (every field: id, title, text, quotes, ...)."""
    if not DEV.exists():
        if require_shared():
            pytest.fail(f"{DEV} not found (WORTLAUT_REQUIRE_SHARED is set)")
        pytest.skip(f"{DEV} not found: the Wikinews comparison needs ../shared")
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]


def cli_records(binary: str, records: list[dict[str, Any]], tmp: Path, *args: str) -> list[Any]:
    """``wortlaut analyze --input jsonl`` on these records: one dict per line."""
    path = tmp / "in.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run(
        [binary, "analyze", "--input", "jsonl", "--progress", "never", *args, str(path)],
        capture_output=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
