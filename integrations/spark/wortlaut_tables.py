"""Flat tables and corpus aggregates from wortlaut's per-document rows.

The result rows (see :mod:`wortlaut_pipe`) carry the mentions, quotes and
stance of each document as JSON; :func:`with_parsed` parses them with
Spark's ``from_json`` and :func:`flat_tables` explodes them into the
``mentions``, ``quotes`` and ``stance`` tables, and :func:`aggregates`
computes from those the three tables of the CLI's corpus summary
(``wortlaut analyze --format json``: ``summary.entities``,
``summary.speakers``, ``summary.stance``) with Spark aggregations, ranked as
the CLI ranks them.

A document is identified by ``(source, line)``, which is unique, so that two
records with the same ``id`` still count as two documents, as in the CLI.
"""

from __future__ import annotations

from typing import Dict

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

#: Half-width of the neutral band of the stance matrix's mean (the CLI's
#: corpus summary uses the library constant ``sentiment::NEUTRAL_BAND``).
NEUTRAL_BAND = 0.125

_SPAN = "STRUCT<start: BIGINT, end: BIGINT>"
_POLARITY = "STRUCT<score: FLOAT, label: STRING>"

#: The parts of a document record that the tables use (docs/FORMATS.md).
#: ``meta`` is read as a map: a string value as it is, any other value as
#: its JSON text.
DOCUMENT_DDL = (
    "meta MAP<STRING, STRING>,"
    " mentions ARRAY<STRUCT<start: BIGINT, end: BIGINT, text: STRING, entity: STRING,"
    " name: STRING, qid: STRING, type: STRING, form: STRING>>,"
    f" quotes ARRAY<STRUCT<type: STRING, medium: STRING, text: STRING, quote: ARRAY<{_SPAN}>,"
    f" speaker: ARRAY<{_SPAN}>, speaker_text: STRING, speaker_entity: STRING,"
    " speaker_name: STRING, speaker_qid: STRING,"
    f" cue: ARRAY<{_SPAN}>, cue_text: STRING,"
    f" frame: ARRAY<{_SPAN}>, addressee: ARRAY<{_SPAN}>, addressee_text: STRING,"
    " addressee_entity: STRING, addressee_name: STRING, addressee_qid: STRING, nested: BOOLEAN,"
    f" polarity: {_POLARITY}>>,"
    " stance ARRAY<STRUCT<holder: STRING, holder_name: STRING, holder_qid: STRING,"
    " target: STRING, target_name: STRING, target_qid: STRING,"
    f" polarity: {_POLARITY},"
    f" holder_span: {_SPAN}, target_spans: ARRAY<{_SPAN}>, evidence: ARRAY<{_SPAN}>,"
    " quote: BIGINT>>"
)

_KEY = ["id", "source", "line"]


def with_parsed(results: DataFrame) -> DataFrame:
    """The result rows with the mentions, quotes and stance of each document
    (``tables_json``) parsed into ``doc`` (:data:`DOCUMENT_DDL`; null for
    error records)."""
    return results.withColumn("doc", F.from_json("tables_json", DOCUMENT_DDL)).drop("tables_json")


def _ranked(df: DataFrame, *order: Column) -> DataFrame:
    """A small table in one partition, sorted (written as one file)."""
    return df.repartition(1).sortWithinPartitions(*order)


def mentions_table(docs: DataFrame) -> DataFrame:
    """One row per entity mention: ``id, source, line, meta`` (the
    document's metadata), ``mention`` (index in the document's
    ``mentions``), ``start, end, text, entity, name, qid, type, form``."""
    m = docs.select(*_KEY, "doc.meta", F.posexplode("doc.mentions").alias("mention", "m"))
    return m.select(
        *_KEY,
        "meta",
        F.col("mention").cast("int").alias("mention"),
        "m.start",
        "m.end",
        "m.text",
        "m.entity",
        "m.name",
        "m.qid",
        "m.type",
        "m.form",
    )


def quotes_table(docs: DataFrame) -> DataFrame:
    """One row per quotation: ``id, source, line, meta, quote`` (index in
    the document's ``quotes``), ``type, medium, text``, the span lists
    ``quote_spans, speaker_spans, cue_spans, frame_spans, addressee_spans``,
    ``speaker_text, speaker_entity, speaker_name, speaker_qid, cue_text,
    addressee_text, addressee_entity, addressee_name, addressee_qid, nested,
    polarity_score, polarity_label``."""
    q = docs.select(*_KEY, "doc.meta", F.posexplode("doc.quotes").alias("quote", "q"))
    return q.select(
        *_KEY,
        "meta",
        F.col("quote").cast("int").alias("quote"),
        "q.type",
        "q.medium",
        "q.text",
        F.col("q.quote").alias("quote_spans"),
        F.col("q.speaker").alias("speaker_spans"),
        F.col("q.cue").alias("cue_spans"),
        F.col("q.frame").alias("frame_spans"),
        F.col("q.addressee").alias("addressee_spans"),
        "q.speaker_text",
        "q.speaker_entity",
        "q.speaker_name",
        "q.speaker_qid",
        "q.cue_text",
        "q.addressee_text",
        "q.addressee_entity",
        "q.addressee_name",
        "q.addressee_qid",
        "q.nested",
        F.col("q.polarity.score").alias("polarity_score"),
        F.col("q.polarity.label").alias("polarity_label"),
    )


def stance_table(docs: DataFrame) -> DataFrame:
    """One row per stance triple: ``id, source, line, meta, triple`` (index
    in the document's ``stance``), ``holder, holder_name, holder_qid,
    target, target_name, target_qid, polarity_score,
    polarity_label, holder_start, holder_end, target_spans, evidence_spans,
    evidence`` (the evidence words, joined with ", "), ``quote`` (index of
    the quotation it comes from, null outside quotations)."""
    s = docs.select(
        *_KEY,
        "doc.meta",
        "stance_evidence",
        F.posexplode("doc.stance").alias("triple", "s"),
    )
    return s.select(
        *_KEY,
        "meta",
        F.col("triple").cast("int").alias("triple"),
        "s.holder",
        "s.holder_name",
        "s.holder_qid",
        "s.target",
        "s.target_name",
        "s.target_qid",
        F.col("s.polarity.score").alias("polarity_score"),
        F.col("s.polarity.label").alias("polarity_label"),
        F.col("s.holder_span.start").alias("holder_start"),
        F.col("s.holder_span.end").alias("holder_end"),
        F.col("s.target_spans").alias("target_spans"),
        F.col("s.evidence").alias("evidence_spans"),
        F.element_at("stance_evidence", F.col("triple").cast("int") + 1).alias("evidence"),
        F.col("s.quote").cast("int").alias("quote"),
    )


def errors_table(results: DataFrame) -> DataFrame:
    """One row per error record: ``id, source, line, kind, message``."""
    return results.where(F.col("error_kind").isNotNull()).select(
        *_KEY,
        F.col("error_kind").alias("kind"),
        F.col("error_message").alias("message"),
    )


def flat_tables(parsed: DataFrame) -> Dict[str, DataFrame]:
    """``errors``, ``mentions``, ``quotes`` and ``stance`` from the result
    rows with their JSON parsed (:func:`with_parsed`)."""
    docs = parsed.where(F.col("error_kind").isNull())
    return {
        "errors": errors_table(parsed),
        "mentions": mentions_table(docs),
        "quotes": quotes_table(docs),
        "stance": stance_table(docs),
    }


def _documents(cols: DataFrame) -> Column:
    """Distinct documents among the rows of a group."""
    return F.count_distinct(cols["source"], cols["line"])


def entities_table(mentions: DataFrame) -> DataFrame:
    """Entities by mentions, as the CLI's ``summary.entities``: ``entity,
    type`` (its most frequent mention type; ties: the smaller name),
    ``mentions, documents, forms`` (``[{form, count}]``, most frequent
    first, then by form). Sorted by mentions (descending), then entity."""
    linked = mentions.where(F.col("entity").isNotNull())
    counts = linked.groupBy("entity").agg(
        F.count("*").alias("mentions"), _documents(linked).alias("documents")
    )
    by_type = linked.groupBy("entity", "type").agg(F.count("*").alias("n"))
    rank = Window.partitionBy("entity").orderBy(F.col("n").desc(), F.col("type").asc())
    kind = (
        by_type.withColumn("r", F.row_number().over(rank))
        .where(F.col("r") == 1)
        .select("entity", "type")
    )
    forms = (
        linked.groupBy("entity", "text")
        .agg(F.count("*").alias("n"))
        .groupBy("entity")
        .agg(F.sort_array(F.collect_list(F.struct((-F.col("n")).alias("neg"), "text"))).alias("f"))
        .select(
            "entity",
            F.transform(
                "f", lambda x: F.struct(x["text"].alias("form"), (-x["neg"]).alias("count"))
            ).alias("forms"),
        )
    )
    table = (
        counts.join(kind, "entity")
        .join(forms, "entity")
        .select("entity", "type", "mentions", "documents", "forms")
    )
    return _ranked(table, F.col("mentions").desc(), F.col("entity").asc())


def speakers_table(quotes: DataFrame) -> DataFrame:
    """Speakers by statements, as the CLI's ``summary.speakers`` (without
    ``said``: that is the ``quotes`` table where ``speaker_entity`` is set
    and ``nested`` is false): ``entity, quotes, documents, by_type``
    (type → statements). Sorted by statements (descending), then entity."""
    said = quotes.where(F.col("speaker_entity").isNotNull() & ~F.col("nested"))
    counts = said.groupBy(F.col("speaker_entity").alias("entity")).agg(
        F.count("*").alias("quotes"), _documents(said).alias("documents")
    )
    by_type = (
        said.groupBy(F.col("speaker_entity").alias("entity"), "type")
        .agg(F.count("*").alias("n"))
        .groupBy("entity")
        .agg(F.map_from_entries(F.collect_list(F.struct("type", "n"))).alias("by_type"))
    )
    table = counts.join(by_type, "entity").select("entity", "quotes", "documents", "by_type")
    return _ranked(table, F.col("quotes").desc(), F.col("entity").asc())


def stance_matrix_table(stance: DataFrame) -> DataFrame:
    """The stance matrix, as the CLI's ``summary.stance``: ``holder, target,
    count, positive, negative, mean, label`` (of the mean, neutral band
    0.125), ``example`` (evidence words of the first triple) and
    ``example_document`` (its document id); first = smallest ``(source,
    line, triple)``, the CLI's order when its inputs are given in that
    order. Sorted by count (descending), holder, target."""
    mean = F.avg("polarity_score")
    order = F.struct("source", "line", "triple")
    evidence = F.coalesce("evidence", F.lit(""))
    # The CLI keeps the first non-empty evidence; while there is none, each
    # triple overwrites the example's document.
    first = F.min_by(
        F.struct(evidence.alias("example"), F.col("id").alias("doc")),
        F.when(evidence != "", order),
    )
    last = F.max_by("id", order)
    grouped = stance.groupBy("holder", "target").agg(
        F.count("*").alias("count"),
        F.sum(F.when(F.col("polarity_label") == "positive", 1).otherwise(0)).alias("positive"),
        F.sum(F.when(F.col("polarity_label") == "negative", 1).otherwise(0)).alias("negative"),
        mean.alias("mean"),
        first.alias("first"),
        last.alias("last"),
    )
    table = grouped.select(
        "holder",
        "target",
        "count",
        F.col("positive").cast("long").alias("positive"),
        F.col("negative").cast("long").alias("negative"),
        F.col("mean").cast("float").alias("mean"),
        F.when(F.col("mean") > NEUTRAL_BAND, "positive")
        .when(F.col("mean") < -NEUTRAL_BAND, "negative")
        .otherwise("neutral")
        .alias("label"),
        F.coalesce("first.example", F.lit("")).alias("example"),
        F.coalesce("first.doc", "last").alias("example_document"),
    )
    return _ranked(table, F.col("count").desc(), F.col("holder").asc(), F.col("target").asc())


def aggregates(tables: Dict[str, DataFrame]) -> Dict[str, DataFrame]:
    """``entities``, ``speakers`` and ``stance_matrix`` from the flat
    tables."""
    return {
        "entities": entities_table(tables["mentions"]),
        "speakers": speakers_table(tables["quotes"]),
        "stance_matrix": stance_matrix_table(tables["stance"]),
    }
