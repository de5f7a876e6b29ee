"""``Pipeline.pipe``: input order, laziness, the GIL released, bounded
memory, bad records as ``.error``; the pipeline's errors."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from itertools import count, islice
from pathlib import Path
from typing import Any

import pytest

import wortlaut

TEXTS = [
    f"„Wir kommen am {i}. Mai“, sagte Angela Merkel in Berlin. Putin kritisierte die Nato scharf."
    * (1 + i % 3)
    for i in range(300)
]


def test_order_kept_with_threads(pipeline: wortlaut.Pipeline) -> None:
    docs = [{"id": str(i), "text": t} for i, t in enumerate(TEXTS)]
    got = list(pipeline.pipe(docs, batch_size=64, threads=2))
    assert [a.id for a in got] == [str(i) for i in range(len(TEXTS))]
    for a, t in zip(got, TEXTS):
        assert a.text == t
        assert a.to_json() == pipeline.analyze(t, id=a.id).to_json()


def test_lazy(pipeline: wortlaut.Pipeline) -> None:
    pulled = 0

    def gen() -> Iterator[str]:
        nonlocal pulled
        for i in count():
            pulled += 1
            yield f"Satz {i}."

    it = pipeline.pipe(gen(), batch_size=10)
    assert pulled == 0
    first = next(it)
    # The next batch is read while the first is analysed.
    assert first.text == "Satz 0." and pulled == 20
    rest = list(islice(it, 25))
    assert [a.text for a in rest] == [f"Satz {i}." for i in range(1, 26)]
    assert pulled == 40


def test_gil_released(pipeline: wortlaut.Pipeline) -> None:
    # With a long switch interval a Python thread runs only while the main
    # thread has released the GIL: the counter moves only inside Rust.
    ticks = 0
    stop = threading.Event()
    started = threading.Event()

    def spin() -> None:
        nonlocal ticks
        started.set()
        while not stop.is_set():
            ticks += 1
            time.sleep(0)

    docs = TEXTS * 4
    old = sys.getswitchinterval()
    t = threading.Thread(target=spin)
    t.start()
    started.wait()
    sys.setswitchinterval(2.0)
    try:
        before = ticks
        out = list(pipeline.pipe(docs, batch_size=len(docs), threads=1))
        during = ticks - before
    finally:
        sys.setswitchinterval(old)
        stop.set()
        t.join()
    assert len(out) == len(docs)
    assert during > 100, f"the Python thread ran {during} times while pipe() worked"


def test_bad_records_do_not_stop_the_stream() -> None:
    p = wortlaut.Pipeline(max_bytes=100)
    docs: list[Any] = [
        "Erst.",
        {"id": "n", "text": 42},
        {"id": "m", "title": "ohne Text"},
        {"id": "big", "text": "Sehr lang. " * 20},
        {"id": "s", "text": "kaputt \ud800 hier"},
        17,
        {"id": 3, "text": "Dann."},
        "Zuletzt.",
    ]
    got = list(p.pipe(docs, batch_size=3))
    assert len(got) == len(docs)
    kinds = [None if a.error is None else a.error.kind for a in got]
    assert kinds == [
        None,
        "bad_text",
        "missing_text",
        "too_large",
        "bad_text",
        "bad_record",
        None,
        None,
    ]
    assert [a.text for a in got if a.ok] == ["Erst.", "Dann.", "Zuletzt."]
    assert got[6].id == "3"
    big = got[3]
    assert big.error is not None and "exceeds max_bytes 100" in big.error.message
    assert big.meta == {} and big.mentions == [] and big.polarity is None
    assert got[2].meta == {"title": "ohne Text"}
    assert "error" in repr(got[1]) and str(got[1].error).startswith("bad_text: ")
    # analyze() never raises for a str either.
    assert p.analyze("x" * 200).error is not None


def test_argument_errors(pipeline: wortlaut.Pipeline) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        list(pipeline.pipe(["a"], batch_size=0))
    with pytest.raises(ValueError, match="threads"):
        list(pipeline.pipe(["a"], threads=0))
    with pytest.raises(TypeError, match="unknown Pipeline option"):
        wortlaut.Pipeline(colour=True)


def cli_error(binary: str, *args: str) -> str:
    out = subprocess.run(
        [binary, "analyze", "--progress", "never", *args, "-"],
        input=b"Text.",
        capture_output=True,
        check=False,
    )
    assert out.returncode == 2
    message = out.stderr.decode().strip()
    assert message.startswith("wortlaut: ")
    return message.removeprefix("wortlaut: ")


def test_load_errors_as_the_cli(binary: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.tsv"
    with pytest.raises(FileNotFoundError) as e:
        wortlaut.Pipeline(gazetteer=missing)
    assert str(e.value) == cli_error(binary, "--gazetteer", str(missing))
    bad = tmp_path / "bad.tsv"
    bad.write_text("only_an_id\n", encoding="utf-8")
    with pytest.raises(ValueError) as v:
        wortlaut.Pipeline(gazetteer=bad)
    assert str(v.value) == cli_error(binary, "--gazetteer", str(bad))
    with pytest.raises(FileNotFoundError) as e:
        wortlaut.Pipeline(lexicon=missing)
    assert str(e.value) == cli_error(binary, "--lexicon", str(missing))
    with pytest.raises(ValueError) as v:
        wortlaut.Pipeline(neutral_band=-1.0)
    assert str(v.value) == cli_error(binary, "--neutral-band=-1")
    with pytest.raises(FileNotFoundError) as e:
        wortlaut.Pipeline(quote_model=missing)
    assert str(e.value) == cli_error(binary, "--quote-model", str(missing))
    with pytest.raises(ValueError) as v:
        wortlaut.Pipeline(quote_model=bad)
    assert str(v.value) == cli_error(binary, "--quote-model", str(bad))
    assert "wortlaut train quotes" in str(v.value)


def test_user_gazetteer(tmp_path: Path) -> None:
    g = tmp_path / "g.tsv"
    g.write_text("acme\tORG\tAcme Werke\n", encoding="utf-8")
    a = wortlaut.Pipeline(gazetteer=g).analyze("Die Acme Werke und Angela Merkel.")
    assert ("Acme Werke", "acme") in [(m.text, m.entity) for m in a.mentions]


def test_endless_stream_in_bounded_memory(tmp_path: Path) -> None:
    # In a fresh process, so that the peak is this run's alone.
    script = tmp_path / "endless.py"
    script.write_text(
        "import itertools, resource, wortlaut\n"
        "def docs():\n"
        "    for i in itertools.count():\n"
        "        yield {'id': str(i), 'src': 'gen', 'text': f'„Ja {i}“, sagte Merkel in Berlin.'}\n"
        "n = quotes = 0\n"
        "for a in itertools.islice(wortlaut.Pipeline().pipe(docs()), 200_000):\n"
        "    n += 1\n"
        "    quotes += len(a.quotes)\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print(n, quotes, peak)\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, str(script)], stdout=subprocess.PIPE, check=True, timeout=900
    )
    n, quotes, peak_mb = map(int, out.stdout.split())
    assert n == 200_000 and quotes == 200_000
    assert peak_mb < 300, f"peak RSS {peak_mb} MB"
