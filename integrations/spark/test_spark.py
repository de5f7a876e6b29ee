"""The Spark job in local mode against the plain CLI on the same input.

Input: the five seed articles, the German Wikinews dev texts
(``../shared/eval/wikinews-quotes/dev.jsonl``, beside the repository), a few
generated records and broken ones (bad JSON, missing text, ``"text": 42``,
invalid UTF-8, over ``--max-bytes``), split into many small blocks so that
line numbers cross partitions. Checks: every record's output, sorted by id,
is byte-identical to ``wortlaut analyze --input jsonl``; error rows with ids
and kinds; stable ids; flat tables equal to the CLI's records; aggregates
equal to the CLI's corpus summary; Parquet and text input and Parquet
output; and through ``spark-submit``, a crashing wortlaut process that Spark
retries.

Run: ``python -m pytest integrations/spark`` (the binary is built with
``cargo build --release -p wortlaut-cli``, or without ``--release`` when
``WORTLAUT_BIN_PROFILE=debug``, unless ``WORTLAUT_BIN`` names one; without
``../shared`` the Wikinews texts are left out unless
``WORTLAUT_REQUIRE_SHARED`` is set).
"""

from __future__ import annotations

import atexit
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
if "SPARK_LOCAL_DIRS" not in os.environ:
    os.environ["SPARK_LOCAL_DIRS"] = tempfile.mkdtemp(prefix="wortlaut-spark-local-")
    atexit.register(shutil.rmtree, os.environ["SPARK_LOCAL_DIRS"], True)

import wortlaut_spark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

DEV = REPO.parent / "shared" / "eval" / "wikinews-quotes" / "dev.jsonl"
MAX_BYTES = 100_000
#: Small blocks: the corpus (about 370 KB) is split into several partitions.
BLOCK_BYTES = 64 * 1024

GENERATED = [
    "Angela Merkel sagte, Russland sei eine Gefahr für den Frieden in Europa.",
    "Olaf Scholz lobte Frankreich: „Die Zusammenarbeit ist hervorragend.“",
    "Laut Emmanuel Macron ist die Lage in der Ukraine besorgniserregend.",
    "Wladimir Putin kritisierte die Vereinigten Staaten scharf und sprach von einer Provokation.",
]


def run_cli(binary: str, *args: str) -> Tuple[int, bytes]:
    """Runs the CLI; returns its exit code and standard output."""
    p = subprocess.run([binary, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    assert p.returncode in (0, 1), p.stderr.decode()
    return p.returncode, p.stdout


def lines_by_id(data: bytes) -> List[bytes]:
    """The records of JSON Lines output, sorted by id (then by the line)."""
    lines = [line for line in data.split(b"\n") if line]
    return sorted(lines, key=lambda line: (json.loads(line)["id"], line))


def read_parts(folder: Path, suffix: str) -> bytes:
    """The concatenated part files of a table written by Spark."""
    return b"".join(p.read_bytes() for p in sorted(folder.glob(f"part-*{suffix}")))


def read_json_table(folder: Path) -> List[Dict[str, Any]]:
    """The rows of a table written as JSON Lines, in file order."""
    return [json.loads(line) for line in read_parts(folder, ".json").split(b"\n") if line]


@pytest.fixture(scope="session")
def binary() -> str:
    """The wortlaut binary: ``WORTLAUT_BIN``, or built here with cargo
    (release, or debug with ``WORTLAUT_BIN_PROFILE=debug``)."""
    given = os.environ.get("WORTLAUT_BIN")
    if given:
        return str(Path(given).resolve())
    profile = os.environ.get("WORTLAUT_BIN_PROFILE", "release")
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
def spark() -> Iterator[SparkSession]:
    """A local session with two cores."""
    session = (
        SparkSession.builder.master("local[2]")
        .appName("wortlaut-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.files.maxPartitionBytes", str(BLOCK_BYTES))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """The JSON Lines corpus and what its broken records must give."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "corpus.jsonl"
    lines: List[bytes] = []

    def add(line: bytes) -> int:
        lines.append(line)
        return len(lines)

    def record(**fields: Any) -> bytes:
        return json.dumps(fields, ensure_ascii=False).encode()

    seeds = sorted((REPO / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    for i, p in enumerate(seeds):
        text = p.read_text(encoding="utf-8")
        # Every other seed without an id: it gets corpus.jsonl:LINE.
        # With metadata: it comes out unchanged as "meta" on every row.
        meta = {"outlet": f"outlet-{i % 2}", "date": f"2024-06-{20 + i}"}
        add(record(id=p.name, text=text, **meta) if i % 2 == 0 else record(text=text, **meta))
    expected: Dict[str, str] = {}  # id → error kind
    if DEV.exists():
        for i, raw in enumerate(DEV.read_text(encoding="utf-8").splitlines()):
            r = json.loads(raw)
            add(
                record(text=r["text"])
                if i % 7 == 3
                else record(id=f"dev-{r['id']}", text=r["text"])
            )
            if i % 50 == 10:
                add(b"")  # blank lines are no records
            if i == 100:
                expected[f"{path}:{add(b'{not json')}"] = "bad_json"
                expected["no-text"] = "missing_text"
                add(record(id="no-text", title="Überschrift"))
            if i == 200:
                expected["number-text"] = "bad_text"
                add(b'{"id": "number-text", "text": 42}')
                not_utf8 = b'{"text": "kaputt \xff\xfe Text"}'
                expected[f"{path}:{add(not_utf8)}"] = "bad_json"
    elif os.environ.get("WORTLAUT_REQUIRE_SHARED"):
        pytest.fail(f"{DEV} not found (WORTLAUT_REQUIRE_SHARED is set)")
    for i, text in enumerate(GENERATED):
        add(record(id=1000 + i, text=text))  # a number id becomes a string
    add(record(text=GENERATED[0]))
    # Metadata holding the record's own keys, nested: the tables still find
    # the record's mentions, quotes and stance.
    nested = {"mentions": [{"entity": "x"}], "stance": [], "n": 1.5}
    add(record(id="nested-meta", text=GENERATED[0], extra=nested, quotes="none"))
    add(record(id="dup", text=GENERATED[1]))
    add(record(id="dup", text=GENERATED[2]))  # same id, still two documents
    add(record(id="-:1", text=GENERATED[3]))  # looks like a fallback id, is not one
    add(b"   \t")
    add(record(id="crlf", text=GENERATED[3]).replace(b'", "', b'",\r "') + b"\r")
    expected["too-large"] = "too_large"
    # Over --max-bytes, but the line not so long that wortlaut rejects it
    # before reading its id.
    add(record(id="too-large", text="Sehr lang. " * (MAX_BYTES // 11 + 10)))
    expected[f"{path}:{add(b'[1, 2, 3')}"] = "bad_json"
    expected["null-text"] = "bad_text"
    add(b'{"id": "null-text", "text": null}')
    path.write_bytes(b"\n".join(lines) + b"\n")
    records = sum(1 for line in lines if line.strip(b" \t\r\n\x0c"))
    return {"path": str(path), "expected_errors": expected, "records": records}


@pytest.fixture(scope="session")
def cli(binary: str, corpus: Dict[str, Any]) -> Dict[str, Any]:
    """The plain CLI on the corpus: JSON Lines and the corpus summary."""
    args = ["analyze", "--input", "jsonl", "--progress", "never", "--max-bytes", str(MAX_BYTES)]
    code, jsonl = run_cli(binary, *args, "--format", "jsonl", corpus["path"])
    assert code == 1  # some records failed
    _, whole = run_cli(binary, *args, "--format", "json", corpus["path"])
    return {"jsonl": jsonl, "summary": json.loads(whole)["summary"]}


@pytest.fixture(scope="session")
def job(
    spark: SparkSession,
    binary: str,
    corpus: Dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Dict[str, Any]:
    """The Spark job on the corpus, JSON Lines output."""
    out = tmp_path_factory.mktemp("job") / "out"
    opts = wortlaut_spark.Options(
        input=corpus["path"], output=str(out), binary=binary, max_bytes=MAX_BYTES
    )
    counts = wortlaut_spark.run(spark, opts)
    return {"out": out, "counts": counts}


def test_partitions_cross_blocks(spark: SparkSession, corpus: Dict[str, Any]) -> None:
    """The corpus is read in several blocks, so line numbers must be carried
    across partitions."""
    if not DEV.exists():
        pytest.skip("the small corpus fits one block")
    rows = spark.read.option("lineSep", "\n").text(corpus["path"])
    assert rows.select("_metadata.file_block_start").distinct().count() >= 4


def test_documents_byte_identical_to_cli(job: Dict[str, Any], cli: Dict[str, Any]) -> None:
    """Every record's line, sorted by id, equals the CLI's (error records
    included, fallback ids ``FILE:LINE`` included)."""
    spark_lines = lines_by_id(read_parts(job["out"] / "documents", ".txt"))
    cli_lines = lines_by_id(cli["jsonl"])
    assert len(spark_lines) == len(cli_lines)
    for a, b in zip(spark_lines, cli_lines, strict=True):
        assert a == b


def test_counts_and_error_rows(job: Dict[str, Any], corpus: Dict[str, Any]) -> None:
    """in = out + errors; each broken record is an error row with its id
    (or FILE:LINE) and kind; the job went on past them."""
    counts = job["counts"]
    expected = corpus["expected_errors"]
    assert counts.records_in == corpus["records"]
    assert counts.balanced
    assert counts.error_rows == len(expected)
    errors = read_json_table(job["out"] / "errors")
    assert {e["id"]: e["kind"] for e in errors} == expected
    path = corpus["path"]
    for e in errors:
        assert e["source"] == path and e["message"]
        if e["id"].startswith(path + ":"):
            assert e["id"] == f"{path}:{e['line']}"
    written = read_json_table(job["out"] / "counts")
    assert written[0]["records_in"] == counts.records_in
    assert written[0]["documents_out"] == counts.documents_out
    assert written[0]["error_rows"] == counts.error_rows


def test_ids_kept_and_stable(job: Dict[str, Any], corpus: Dict[str, Any]) -> None:
    """Given ids are kept (numbers as strings, a literal ``-:1`` too);
    records without one are ``FILE:LINE`` with the line in the file."""
    path = corpus["path"]
    ids = [
        json.loads(line)["id"]
        for line in read_parts(job["out"] / "documents", ".txt").split(b"\n")
        if line
    ]
    assert {"1000", "1003", "-:1", "crlf", "000_ff3c13338ade8b95.txt"} <= set(ids)
    assert ids.count("dup") == 2
    file_lines = Path(path).read_bytes().split(b"\n")
    fallback = [i for i in ids if i.startswith(path + ":")]
    assert len(fallback) >= 3
    for i in fallback:
        # The line named by the id is a record without an id of its own.
        line = file_lines[int(i.rsplit(":", 1)[1]) - 1]
        try:
            obj = json.loads(line)
        except ValueError:
            continue  # not JSON: no id to keep
        assert not isinstance(obj, dict) or "id" not in obj, line[:80]


def _cli_records(cli: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in cli["jsonl"].split(b"\n") if line]


def _meta_map(meta: Any) -> Dict[str, Any]:
    """A document's metadata as the tables hold it: string values as they
    are, other values as parsed JSON (Spark keeps them as JSON text)."""
    out: Dict[str, Any] = {}
    for key, value in (meta or {}).items():
        if isinstance(value, str):
            try:
                value = json.loads(value) if value[:1] in "[{" else value
            except ValueError:
                pass
        out[key] = value
    return out


def test_flat_tables(job: Dict[str, Any], cli: Dict[str, Any]) -> None:
    """mentions, quotes and stance hold exactly the CLI's records, one row
    each, with document ids and spans."""
    docs = [d for d in _cli_records(cli) if "error" not in d]
    metas = {d["id"]: _meta_map(d.get("meta")) for d in docs}
    mentions = read_json_table(job["out"] / "mentions")
    expected_m = sorted(
        (
            d["id"],
            i,
            m["start"],
            m["end"],
            m["text"],
            m["entity"],
            m["name"],
            m.get("qid"),
            m["type"],
            m["form"],
        )
        for d in docs
        for i, m in enumerate(d["mentions"])
    )
    got_m = sorted(
        (
            m["id"],
            m["mention"],
            m["start"],
            m["end"],
            m["text"],
            m["entity"],
            m.get("name"),
            m.get("qid"),
            m["type"],
            m["form"],
        )
        for m in mentions
    )
    assert got_m == expected_m
    assert any(m.get("qid") for m in mentions)
    # Every row carries its document's metadata.
    for m in mentions:
        assert _meta_map(m.get("meta")) == metas[m["id"]], m["id"]
    assert any(metas.values())
    nested = [m for m in mentions if m["id"] == "nested-meta"]
    assert nested and json.loads(nested[0]["meta"]["extra"])["n"] == 1.5
    quotes = read_json_table(job["out"] / "quotes")
    expected_q = sorted(
        (
            d["id"],
            i,
            q["type"],
            q["text"],
            json.dumps(q["quote"]),
            json.dumps(q["speaker"]),
            q["speaker_entity"],
            q["speaker_text"],
            q["speaker_name"],
            q["cue_text"],
            q["nested"],
            q["polarity"]["label"],
        )
        for d in docs
        for i, q in enumerate(d["quotes"])
    )
    got_q = sorted(
        (
            q["id"],
            q["quote"],
            q["type"],
            q["text"],
            json.dumps(q["quote_spans"]),
            json.dumps(q["speaker_spans"]),
            q["speaker_entity"],
            q["speaker_text"],
            q.get("speaker_name"),
            q["cue_text"],
            q["nested"],
            q["polarity_label"],
        )
        for q in quotes
    )
    assert got_q == expected_q
    assert any(q[6] for q in got_q) and any(q[1] > 0 for q in got_q)
    for q in quotes:
        assert _meta_map(q.get("meta")) == metas[q["id"]], q["id"]
    stance = read_json_table(job["out"] / "stance")
    expected_s = sorted(
        (
            d["id"],
            i,
            s["holder"],
            s["holder_name"],
            s["target"],
            s["target_name"],
            s["polarity"]["label"],
            s.get("quote"),
            json.dumps(s["evidence"]),
        )
        for d in docs
        for i, s in enumerate(d["stance"])
    )
    got_s = sorted(
        (
            s["id"],
            s["triple"],
            s["holder"],
            s.get("holder_name"),
            s["target"],
            s.get("target_name"),
            s["polarity_label"],
            s["quote"],
            json.dumps(s["evidence_spans"]),
        )
        for s in stance
    )
    assert got_s == expected_s and got_s
    assert all(s["evidence"] for s in stance if s["evidence_spans"])


def test_aggregates_equal_cli_summary(job: Dict[str, Any], cli: Dict[str, Any]) -> None:
    """Entity counts, speakers and the stance matrix from Spark's
    aggregations equal the CLI's corpus summary, in the same order."""
    summary = cli["summary"]
    out = job["out"]
    assert job["counts"].documents_out == summary["documents"]

    entities = read_json_table(out / "entities")
    assert [
        (
            e["entity"],
            e["type"],
            e["mentions"],
            e["documents"],
            [[f["form"], f["count"]] for f in e["forms"]],
        )
        for e in entities
    ] == [
        (e["entity"], e["type"], e["mentions"], e["documents"], e["forms"])
        for e in summary["entities"]
    ]
    assert len(entities) > 20

    speakers = read_json_table(out / "speakers")
    assert [(s["entity"], s["quotes"], s["documents"], s["by_type"]) for s in speakers] == [
        (s["entity"], s["quotes"], s["documents"], s["by_type"]) for s in summary["speakers"]
    ]
    said = sorted(
        (q["id"], q["quote"], q["type"], q["text"], q["polarity_label"], q["speaker_entity"])
        for q in read_json_table(out / "quotes")
        if q["speaker_entity"] and not q["nested"]
    )
    assert said == sorted(
        (w["document"], w["quote"], w["type"], w["text"], w.get("polarity"), s["entity"])
        for s in summary["speakers"]
        for w in s["said"]
    )

    matrix = read_json_table(out / "stance_matrix")
    assert len(matrix) == len(summary["stance"]) > 5
    for got, want in zip(matrix, summary["stance"], strict=True):
        for key in (
            "holder",
            "target",
            "count",
            "positive",
            "negative",
            "label",
            "example",
            "example_document",
        ):
            assert got[key] == want[key], (key, got, want)
        assert math.isclose(got["mean"], want["mean"], abs_tol=1e-5)


def test_parquet_output(
    spark: SparkSession, binary: str, corpus: Dict[str, Any], job: Dict[str, Any], tmp_path: Path
) -> None:
    """Parquet output holds the same documents and tables."""
    out = tmp_path / "parquet"
    opts = wortlaut_spark.Options(
        input=corpus["path"],
        output=str(out),
        output_format="parquet",
        binary=binary,
        max_bytes=MAX_BYTES,
    )
    counts = wortlaut_spark.run(spark, opts)
    assert (counts.records_in, counts.documents_out, counts.error_rows) == (
        job["counts"].records_in,
        job["counts"].documents_out,
        job["counts"].error_rows,
    )
    docs = spark.read.parquet(str(out / "documents"))
    got = sorted(r["json"].encode() for r in docs.select("json").collect())
    want = sorted(
        line for line in read_parts(job["out"] / "documents", ".txt").split(b"\n") if line
    )
    assert got == want
    for name in ("mentions", "quotes", "stance", "entities", "speakers", "stance_matrix"):
        assert spark.read.parquet(str(out / name)).count() == len(
            read_json_table(job["out"] / name)
        )


def test_parquet_and_text_input(spark: SparkSession, binary: str, tmp_path: Path) -> None:
    """Parquet input (``id``, ``text``; null id → FILE:ROW, null text → an
    error row) and text input (a folder of *.txt, one document per file,
    byte-identical to the CLI on the folder)."""
    rows: List[Tuple[Optional[str], Optional[str]]] = [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "seeds").glob("*.txt"))
    ]
    rows += [(None, GENERATED[0]), ("no-text", None)]
    table = tmp_path / "in.parquet"
    spark.createDataFrame(rows, "id STRING, text STRING").coalesce(1).write.parquet(str(table))
    out = tmp_path / "from-parquet"
    counts = wortlaut_spark.run(
        spark,
        wortlaut_spark.Options(
            input=str(table),
            output=str(out),
            input_format="parquet",
            binary=binary,
            documents_only=True,
        ),
    )
    assert (counts.records_in, counts.documents_out, counts.error_rows) == (7, 6, 1)
    ids = {
        json.loads(line)["id"]
        for line in read_parts(out / "documents", ".txt").split(b"\n")
        if line
    }
    part = next(table.glob("part-*.parquet"))
    assert f"{table}/{part.name}:6" in ids and "no-text" in ids
    assert read_json_table(out / "errors")[0]["kind"] == "bad_text"

    seeds = str(REPO / "seeds")
    out = tmp_path / "from-text"
    counts = wortlaut_spark.run(
        spark,
        wortlaut_spark.Options(
            input=seeds, output=str(out), input_format="text", binary=binary, documents_only=True
        ),
    )
    assert (counts.records_in, counts.documents_out, counts.error_rows) == (5, 5, 0)
    _, want = run_cli(binary, "analyze", "--progress", "never", seeds)
    assert lines_by_id(read_parts(out / "documents", ".txt")) == lines_by_id(want)


GAZETTEER = (
    "id\ttype\tname\taliases\tattributes\n"
    "vladimir_putin\tPER\tWladimir Putin\tPutin\tcountry=russia\n"
    "kim_jong_un\tPER\tKim Jong Un\t\tcountry=north_korea;short=Kim\n"
    "russia\tGPE\tRussland\t\tadjective=russisch;demonym=Russe\n"
    "north_korea\tGPE\tNordkorea\t\tadjective=nordkoreanisch\n"
    "vietnam\tGPE\tVietnam\t\tadjective=vietnamesisch\n"
)


def test_user_gazetteer_and_byte_offsets(spark: SparkSession, binary: str, tmp_path: Path) -> None:
    """A user gazetteer is shipped to the executors with the binary, and
    byte offsets reach the stance examples: documents and stance matrix as
    the CLI's with the same options."""
    gazetteer = tmp_path / "mini.tsv"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    data = tmp_path / "seeds.jsonl"
    data.write_text(
        "".join(
            json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
            + "\n"
            for p in sorted((REPO / "seeds").glob("*.txt"))
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    opts = wortlaut_spark.Options(
        input=str(data), output=str(out), binary=binary, offsets="bytes", gazetteer=str(gazetteer)
    )
    counts = wortlaut_spark.run(spark, opts)
    assert (counts.records_in, counts.documents_out, counts.error_rows) == (5, 5, 0)
    args = ["analyze", "--input", "jsonl", "--progress", "never", "--offsets", "bytes"]
    args += ["--gazetteer", str(gazetteer), str(data)]
    _, want = run_cli(binary, *args)
    assert lines_by_id(read_parts(out / "documents", ".txt")) == lines_by_id(want)
    ids = {line.split("\t")[0] for line in GAZETTEER.splitlines()[1:]}
    entities = {m["entity"] for m in read_json_table(out / "mentions") if m["entity"]}
    # Besides the user's entities: names found by discovery (person:, org:, place:).
    discovered = ("person:", "org:", "place:")
    assert entities and all(e in ids or e.startswith(discovered) for e in entities)
    _, whole = run_cli(binary, *args[:-1], "--format", "json", str(data))
    summary = json.loads(whole)["summary"]
    matrix = read_json_table(out / "stance_matrix")
    assert [(c["holder"], c["target"], c["count"], c["example"]) for c in matrix] == [
        (c["holder"], c["target"], c["count"], c["example"]) for c in summary["stance"]
    ]
    assert matrix


class _FakeContext:
    """What :func:`wortlaut_spark.ship_binary` uses of a SparkContext."""

    def __init__(self, files: List[str]) -> None:
        self.listFiles = files
        self.added: List[str] = []

    def addFile(self, path: str) -> None:  # noqa: N802 (Spark's name)
        self.added.append(path)


def test_ship_binary(binary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative --binary is shipped by its absolute path; a name already
    shipped with --files is used as it is."""
    local = tmp_path / "wortlaut"
    local.symlink_to(binary)
    monkeypatch.chdir(tmp_path)
    sc = _FakeContext([])
    assert wortlaut_spark.ship_binary(sc, "wortlaut") == "wortlaut"  # type: ignore[arg-type]
    assert sc.added == [str(local)]
    sc = _FakeContext(["file:///somewhere/else/wortlaut"])
    assert wortlaut_spark.ship_binary(sc, "wortlaut") == "wortlaut"  # type: ignore[arg-type]
    assert sc.added == []


def test_spark_submit_retries_a_crashed_process(binary: str, tmp_path: Path) -> None:
    """Through ``spark-submit`` (relative --binary path, shipped with
    --files semantics): a wortlaut process that dies fails only its task,
    which Spark runs again; nothing is lost."""
    marker = tmp_path / "crashed-once"
    crasher = tmp_path / "wortlaut-crash-once"
    crasher.write_text(
        "#!/bin/sh\n"
        f"if mkdir '{marker}' 2>/dev/null; then head -c 100 >/dev/null; kill -9 $$; fi\n"
        f"exec '{binary}' \"$@\"\n"
    )
    crasher.chmod(0o755)
    data = tmp_path / "small.jsonl"
    records = [
        json.dumps({"id": f"g{i}", "text": t}, ensure_ascii=False)
        for i, t in enumerate(GENERATED * 8)
    ]
    data.write_text("\n".join(records + ['{"id": "bad", "text": 42}']) + "\n", encoding="utf-8")
    spark_submit = Path(sys.executable).parent / "spark-submit"
    out = tmp_path / "out"
    p = subprocess.run(
        [
            str(spark_submit),
            "--master",
            "local[2,4]",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.ui.showConsoleProgress=false",
            "--conf",
            "spark.sql.files.maxPartitionBytes=1024",
            "--conf",
            "spark.sql.shuffle.partitions=2",
            str(HERE / "wortlaut_spark.py"),
            "--input",
            "small.jsonl",
            "--output",
            "out",
            "--binary",
            crasher.name,
            "--documents-only",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    stderr = p.stderr.decode("utf-8", "replace")
    assert p.returncode == 0, stderr[-4000:]
    assert marker.exists()
    assert "exited with -9" in stderr  # the failed attempt, retried
    assert "records in 33, documents out 32, error rows 1 (in = out + errors)" in p.stdout.decode()
    _, want = run_cli(binary, "analyze", "--input", "jsonl", "--progress", "never", str(data))
    assert lines_by_id(read_parts(out / "documents", ".txt")) == lines_by_id(want)


def test_cli_tables_read_by_pandas(
    binary: str, corpus: Dict[str, Any], cli: Dict[str, Any], tmp_path: Path
) -> None:
    """``wortlaut analyze --tables DIR`` on the corpus (with ``outlet`` and
    ``date`` fields): pandas reads every CSV table back, one row per record
    of the CLI's JSON Lines, each with the document's id and metadata
    columns; the grouped counts follow."""
    import pandas as pd

    out = tmp_path / "tables"
    args = ["analyze", "--input", "jsonl", "--progress", "never", "--max-bytes", str(MAX_BYTES)]
    code, stdout = run_cli(binary, *args, "--tables", str(out), corpus["path"])
    assert code == 1 and stdout == b""
    docs = [d for d in _cli_records(cli) if "error" not in d]
    errors = [d for d in _cli_records(cli) if "error" in d]
    read = lambda name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    documents = read("documents")
    assert list(documents.columns[:3]) == ["id", "outlet", "date"]
    assert len(documents) == len(docs)
    assert len(read("errors")) == len(errors)
    mentions = read("mentions")
    assert len(mentions) == sum(len(d["mentions"]) for d in docs)
    quotes = read("quotes")
    assert len(quotes) == sum(len(d["quotes"]) for d in docs)
    stances = read("stances")
    assert len(stances) == sum(len(d["stance"]) for d in docs)
    # Metadata on every row, as the record has it.
    meta = {d["id"]: d.get("meta", {}) for d in docs}
    for _, row in mentions.head(2000).iterrows():
        m = meta[row["id"]]
        assert row["outlet"] == m.get("outlet", "") and row["date"] == m.get("date", "")
    # Per outlet: the CLI's counts.
    by_outlet = mentions[mentions["outlet"] != ""].groupby("outlet").size().to_dict()
    want: Dict[str, int] = {}
    for d in docs:
        o = d.get("meta", {}).get("outlet")
        if o:
            want[o] = want.get(o, 0) + len(d["mentions"])
    assert by_outlet == want and len(want) == 2
    assert (quotes["speaker_name"] != "").any()


def test_cli_parquet_tables_equal_the_csv_ones(
    binary: str, corpus: Dict[str, Any], tmp_path: Path
) -> None:
    """``--tables-format parquet``: pandas (pyarrow) reads the same rows and
    values as from the CSV tables, with typed columns."""
    import pandas as pd

    args = ["analyze", "--input", "jsonl", "--progress", "never", "--max-bytes", str(MAX_BYTES)]
    run_cli(binary, *args, "--tables", str(tmp_path / "csv"), corpus["path"])
    run_cli(
        binary,
        *args,
        "--tables",
        str(tmp_path / "pq"),
        "--tables-format",
        "parquet",
        corpus["path"],
    )
    for name in ("documents", "mentions", "quotes", "stances", "errors"):
        c = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        p = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert list(p.columns) == list(c.columns), name
        assert len(p) == len(c) > 0, name
        # Same values: the parquet column as the CSV writes it, null as "".
        for col in c.columns:
            got = [
                ""
                if v is None or (isinstance(v, float) and math.isnan(v))
                else ("true" if v is True else "false" if v is False else str(v))
                for v in p[col].tolist()
            ]
            want = c[col].tolist()
            if p[col].dtype.kind == "f":
                assert all(
                    (a == b == "") or math.isclose(float(a), float(b), rel_tol=1e-6)
                    for a, b in zip(got, want, strict=True)
                ), (name, col)
            else:
                assert got == want, (name, col)
    m = pd.read_parquet(tmp_path / "pq" / "mentions.parquet")
    assert m["start"].dtype == "int64" and m["outlet"].dtype == object
