"""``Analysis.to_dict()`` equals the CLI's JSON Lines record, field by field,
and every span slices the original ``str``."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import wortlaut
from conftest import cli_records


def assert_same(got: dict[str, Any], want: dict[str, Any], where: str) -> None:
    """Equal records, compared field by field for a readable failure."""
    assert list(got) == list(want), f"{where}: keys {list(got)} != {list(want)}"
    for key in want:
        assert got[key] == want[key], f"{where}: field {key!r} differs"


def compare(
    pipeline: wortlaut.Pipeline,
    binary: str,
    records: list[dict[str, Any]],
    tmp: Path,
    *args: str,
) -> list[wortlaut.Analysis]:
    want = cli_records(binary, records, tmp, *args)
    got = list(pipeline.pipe(records, batch_size=7, threads=2))
    assert len(got) == len(want) == len(records)
    for a, w, r in zip(got, want, records):
        assert_same(a.to_dict(), w, f"document {r.get('id')}")
        assert json.loads(a.to_json()) == w
        meta = {k: v for k, v in r.items() if k not in ("id", "text")}
        assert a.meta == meta
        assert a.to_dict().get("meta") == (meta or None)
        assert a.text == r["text"]
    return got


def test_seeds_equal_cli(
    pipeline: wortlaut.Pipeline, binary: str, seeds: list[dict[str, Any]], tmp_path: Path
) -> None:
    got = compare(pipeline, binary, seeds, tmp_path)
    assert sum(len(a.quotes) for a in got) > 10
    assert sum(len(a.mentions) for a in got) > 20
    # One document through analyze() gives the same record as through pipe().
    one = pipeline.analyze(seeds[0]["text"], id=seeds[0]["id"])
    assert one.to_dict() == got[0].to_dict()


def test_wikinews_dev_equals_cli(
    pipeline: wortlaut.Pipeline, binary: str, dev: list[dict[str, Any]], tmp_path: Path
) -> None:
    got = compare(pipeline, binary, dev, tmp_path)
    assert len(got) == 150
    assert sum(len(a.quotes) for a in got) > 300
    assert all(a.meta["title"] for a in got)


def test_options_equal_cli(binary: str, seeds: list[dict[str, Any]], tmp_path: Path) -> None:
    p = wortlaut.Pipeline(gazetteer=False, sentiment=False, normalized=True)
    got = compare(p, binary, seeds, tmp_path, "--no-gazetteer", "--no-sentiment", "--normalized")
    assert all(not a.mentions and a.polarity is None for a in got)
    p = wortlaut.Pipeline(tokens=True, sentences=True)
    got = compare(p, binary, seeds, tmp_path, "--tokens", "--sentences")
    assert all(a.tokens and a.sentences for a in got)
    p = wortlaut.Pipeline(neutral_band=0.01, negativity=2.0)
    compare(p, binary, seeds, tmp_path, "--neutral-band", "0.01", "--negativity", "2")


def test_number_ids_and_missing_ids(
    pipeline: wortlaut.Pipeline, binary: str, tmp_path: Path
) -> None:
    records = [{"id": 7, "text": "Merkel sagte: „Ja.“"}, {"id": 2.5, "text": "Nein."}]
    want = cli_records(binary, records, tmp_path)
    got = [a.to_dict() for a in pipeline.pipe(records)]
    assert got == want
    assert got[0]["id"] == "7"
    # A plain str has no id (the CLI would name the source line).
    assert "id" not in pipeline.analyze("Text.").to_dict()


def test_error_records_match_cli_but_line(
    pipeline: wortlaut.Pipeline, binary: str, tmp_path: Path
) -> None:
    records: list[dict[str, Any]] = [
        {"id": "a", "text": 42},
        {"id": "b", "title": "x"},
        {"id": "c", "text": None},
        {"id": "d", "text": ["x"]},
    ]
    want = cli_records(binary, records, tmp_path)
    got = [a.to_dict() for a in pipeline.pipe(records)]
    for g, w in zip(got, want):
        w.pop("line")
        assert g == w


def slices(a: wortlaut.Analysis) -> int:
    """Checks that every span slices the text; returns how many it checked."""
    t = a.text
    n = 0
    for m in a.mentions:
        assert t[m.start : m.end] == m.text
        n += 1
    for q in a.quotes:
        assert " … ".join(t[s:e] for s, e in q.spans) == q.text
        assert t[q.start : q.end].startswith(t[q.spans[0][0] : q.spans[0][1]])
        if q.speaker is not None:
            assert " … ".join(t[s:e] for s, e in q.speaker_spans) == q.speaker
        if q.cue is not None:
            assert " … ".join(t[s:e] for s, e in q.cue_spans) == q.cue
        n += 1
    for s in a.sentences:
        assert s.text == t[s.start : s.end] and s.text.strip()
    for e in a.evidence:
        assert t[e.start : e.end] == e.text
    for st in a.stances:
        for (start, end), word in zip(st.evidence_spans, st.evidence):
            assert t[start:end] == word
    return n


def test_spans_slice_python_str(seeds: list[dict[str, Any]], dev: list[dict[str, Any]]) -> None:
    pipeline = wortlaut.Pipeline(tokens=True, sentences=True)
    # Astral characters, combining marks and mojibake shift byte offsets;
    # str indices must still hold.
    odd = {"id": "odd", "text": "😀 „Wir kommen“, sagte Dr.\u00a0Müller. Die PrÃ¤sidentin schwieg."}
    checked = sum(slices(a) for a in pipeline.pipe([*seeds, *dev, odd]))
    assert checked > 1000


def test_views() -> None:
    pipeline = wortlaut.Pipeline(tokens=True, sentences=True)
    a = pipeline.analyze(
        "„Das ist gut“, sagte Angela Merkel in Berlin.", id="x", meta={"outlet": "taz"}
    )
    assert a.id == "x" and a.meta == {"outlet": "taz"} and a.error is None and a.ok
    m = a.mentions[0]
    assert (m.text, m.entity, m.type, m.form) == ("Angela Merkel", "angela_merkel", "PER", "name")
    assert (m.name, m.qid) == ("Angela Merkel", "Q567")
    assert a.to_dict()["meta"] == {"outlet": "taz"}
    assert m["entity"] == m.entity and "start" in m
    q = a.quotes[0]
    assert (q.kind, q.medium, q.speaker, q.speaker_entity, q.cue) == (
        "Direct",
        "Speech",
        "Angela Merkel",
        "angela_merkel",
        "sagte",
    )
    assert q.polarity is not None and q.polarity.label == "positive"
    assert (q.speaker_name, q.speaker_qid) == ("Angela Merkel", "Q567")
    assert a.polarity is not None and a.polarity.score > 0
    assert a.sentences[0].polarity is not None
    with pytest.raises(AttributeError, match="record keys"):
        _ = m.no_such_field
    assert "Analysis(id='x'" in repr(a)
    # The views and to_dict() hand out copies: changing them changes nothing.
    d = a.to_dict()
    d["mentions"].clear()
    m.to_dict()["text"] = "changed"
    assert len(a.mentions) == 2 and a.mentions[0].text == "Angela Merkel"
    assert a.tokens == [(t["start"], t["end"]) for t in a.to_dict()["tokens"]]


def test_pickle_round_trip(pipeline: wortlaut.Pipeline) -> None:
    # spaCy's multiprocessing and user code pickle analyses.
    docs: list[Any] = [{"id": "p", "src": "x", "text": "„Nein“, sagte Olaf Scholz."}, {"id": "e"}]
    for a in pipeline.pipe(docs):
        b = pickle.loads(pickle.dumps(a))
        assert b.to_json() == a.to_json() and (b.id, b.meta, b.text) == (a.id, a.meta, a.text)
        assert [q.speaker for q in b.quotes] == [q.speaker for q in a.quotes]
        assert (b.error is None) == (a.error is None)


def test_stance_view(pipeline: wortlaut.Pipeline, seeds: list[dict[str, Any]]) -> None:
    stances = [s for a in pipeline.pipe(seeds) for s in a.stances]
    assert stances, "the seeds have stance triples"
    for s in stances:
        assert s.holder and s.target and s.polarity.label in ("positive", "negative")
        assert s.holder_name and s.target_name
        assert s.evidence
