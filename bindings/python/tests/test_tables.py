"""``wortlaut.tables``: one row per item, id and meta on every row, columns
and dtypes, pandas and Arrow alike."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import wortlaut

DOCS: list[dict[str, Any]] = [
    {
        "id": "a",
        "outlet": "taz",
        "day": 3,
        "text": "„Das ist gut“, sagte Angela Merkel in Berlin. Putin kritisierte die Nato scharf.",
    },
    {"id": "b", "outlet": "FAZ", "text": "Olaf Scholz schwieg. Die Russen kamen."},
    {"id": "c", "text": 42},
    {"id": "d", "text": "Nichts hier."},
]


@pytest.fixture(scope="module")
def analyses(pipeline: wortlaut.Pipeline) -> list[wortlaut.Analysis]:
    return list(pipeline.pipe(DOCS))


def test_pandas_tables(analyses: list[wortlaut.Analysis]) -> None:
    t = wortlaut.tables(analyses)
    assert set(t) == set(wortlaut.TABLES)
    docs = t["documents"]
    assert list(docs["id"]) == ["a", "b", "d"]
    assert list(docs.columns[:3]) == ["id", "outlet", "day"]
    assert docs["outlet"].tolist()[:2] == ["taz", "FAZ"] and pd.isna(docs["outlet"].iloc[2])
    assert str(docs["id"].dtype) == "string"
    assert str(docs["mentions"].dtype) == "int64"
    assert str(docs["sentiment_score"].dtype) == "float64"
    assert set(docs["offsets"]) == {"chars"}
    assert docs["mentions"].tolist() == [len(a.mentions) for a in analyses if a.ok]

    m = t["mentions"]
    assert len(m) == sum(len(a.mentions) for a in analyses)
    assert list(m.columns[:3]) == ["id", "outlet", "day"]
    assert {"start", "end", "text", "entity", "name", "type", "form", "qid"} <= set(m.columns)
    assert str(m["start"].dtype) == "int64" and str(m["entity"].dtype) == "string"
    merkel = m[m["entity"] == "angela_merkel"].iloc[0]
    assert (merkel["id"], merkel["outlet"], merkel["text"]) == ("a", "taz", "Angela Merkel")
    assert (merkel["name"], merkel["qid"]) == ("Angela Merkel", "Q567")

    q = t["quotes"]
    assert len(q) == sum(len(a.quotes) for a in analyses)
    row = q.iloc[0]
    assert (row["speaker_text"], row["speaker_entity"], row["cue_text"], row["type"]) == (
        "Angela Merkel",
        "angela_merkel",
        "sagte",
        "Direct",
    )
    assert str(q["nested"].dtype) == "bool"
    assert row["speaker_name"] == "Angela Merkel"

    s = t["stances"]
    assert len(s) == sum(len(a.stances) for a in analyses)
    assert {"holder", "holder_name", "target", "target_name", "polarity_label", "evidence"} <= set(
        s.columns
    )
    assert str(s["quote"].dtype) == "Int64"

    e = t["errors"]
    assert e[["id", "kind"]].values.tolist() == [["c", "bad_text"]]


def test_discovered_column(pipeline: wortlaut.Pipeline) -> None:
    docs = [{"id": "a", "text": "„Wir kommen“, sagte Carl Thayer. Putin schwieg."}]
    m = wortlaut.tables(pipeline.pipe(docs))["mentions"]
    assert list(m.columns[-2:]) == ["form", "discovered"]
    assert str(m["discovered"].dtype) == "bool"
    found = dict(zip(m["text"], m["discovered"]))
    assert found["Carl Thayer"] and not found["Putin"]
    arrow = wortlaut.tables(pipeline.pipe(docs), format="arrow")["mentions"]
    assert arrow.schema.field("discovered").type == pa.bool_()


def test_arrow_tables(analyses: list[wortlaut.Analysis]) -> None:
    t = wortlaut.tables(analyses, format="arrow")
    assert set(t) == set(wortlaut.TABLES)
    docs = t["documents"]
    assert isinstance(docs, pa.Table)
    assert docs.schema.field("id").type == pa.string()
    assert docs.schema.field("mentions").type == pa.int64()
    assert docs.schema.field("day").type == pa.int64()
    m = t["mentions"]
    assert m.num_rows == sum(len(a.mentions) for a in analyses)
    # Same content as the pandas tables.
    p = wortlaut.tables(analyses)
    for name in wortlaut.TABLES:
        assert t[name].column_names == list(p[name].columns)
        assert t[name].num_rows == len(p[name])


def test_mixed_meta_and_bad_format(pipeline: wortlaut.Pipeline) -> None:
    docs: list[dict[str, Any]] = [
        {"id": "x", "tag": 1, "text": "A."},
        {"id": "y", "tag": "eins", "text": "B."},
    ]
    a = list(pipeline.pipe(docs))
    t = wortlaut.tables(a, format="arrow")["documents"]
    assert t.column("tag").to_pylist() == ["1", '"eins"']
    with pytest.raises(ValueError, match="format"):
        wortlaut.tables(a, format="csv")  # type: ignore[arg-type]
    # A meta field named like a column is prefixed.
    b = list(pipeline.pipe([{"id": "z", "type": "Kommentar", "text": "C."}]))
    assert "meta_type" in wortlaut.tables(b)["documents"].columns


def test_empty() -> None:
    t = wortlaut.tables([])
    assert all(len(df) == 0 for df in t.values())
    assert "entity" in t["mentions"].columns


def test_same_columns_and_rows_as_cli_tables(
    pipeline: wortlaut.Pipeline, binary: str, seeds: list[dict[str, Any]], tmp_path: Path
) -> None:
    records = [{**r, "outlet": f"o{i % 2}", "type": "Bericht"} for i, r in enumerate(seeds)]
    records.append({"id": "bad", "outlet": "o1", "text": 5})
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    out = tmp_path / "tables"
    args = ["analyze", "--input", "jsonl", "--progress", "never", "--tables", str(out)]
    subprocess.run(
        [binary, *args, str(src)],
        check=False,
        capture_output=True,
    )
    ours = wortlaut.tables(pipeline.pipe(records))
    for name in wortlaut.TABLES:
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        counts = ("sentences", "tokens") if name == "documents" else ()
        cols = [c for c in ours[name].columns if c not in counts]
        if name == "errors":
            header = [c for c in header if c != "line"]
        assert cols == header, name
        assert len(body) == len(ours[name]), name
    cli_mentions = list(csv.DictReader((out / "mentions.csv").open(encoding="utf-8")))
    for row, (_, m) in zip(cli_mentions, ours["mentions"].iterrows()):
        assert (row["id"], row["outlet"], row["text"], row["entity"], row["name"]) == (
            m["id"],
            m["outlet"],
            m["text"],
            m["entity"] if not pd.isna(m["entity"]) else "",
            m["name"] if not pd.isna(m["name"]) else "",
        )
    assert "meta_type" in ours["documents"].columns
    # The error row carries the record's meta in both.
    cli_errors = list(csv.DictReader((out / "errors.csv").open(encoding="utf-8")))
    assert [(r["id"], r["outlet"]) for r in cli_errors] == [("bad", "o1")]
    assert list(zip(ours["errors"]["id"], ours["errors"]["outlet"])) == [("bad", "o1")]
