"""From a JSON Lines corpus to a stance-over-outlets table and a chart.

Each line of the corpus is ``{"id", "text", "outlet", ...}``; every field
besides ``id`` and ``text`` is kept as meta and becomes a column of the
tables. The script prints who evaluates whom how often and how (mean
polarity) in each outlet, and draws the most frequent pairs as a chart when
matplotlib is installed.

    pip install "./bindings/python[pandas,plot]"
    python examples/python/stance_by_outlet.py examples/python/sample.jsonl --chart stance.png
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import wortlaut


def read(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser(description="stance triples per outlet")
    ap.add_argument("corpus", type=Path, help="JSON Lines: id, text, outlet, ...")
    ap.add_argument("--by", default="outlet", help="the meta field to group by")
    ap.add_argument("--top", type=int, default=10, help="pairs in the table and chart")
    ap.add_argument("--chart", type=Path, help="write a chart (PNG, SVG, ...) here")
    args = ap.parse_args()

    pipeline = wortlaut.Pipeline()
    analyses = list(pipeline.pipe(read(args.corpus)))
    tables = wortlaut.tables(analyses)
    for e in tables["errors"].itertuples():
        print(f"skipped {e.id}: {e.kind}: {e.message}")
    stances = tables["stances"]
    if stances.empty:
        print("no stance triples in this corpus")
        return
    if args.by not in stances.columns:
        raise SystemExit(f"no field {args.by!r} in the corpus; give one with --by")
    # Display names where the record has them, else the entity ids.
    holder = stances["holder_name"].fillna(stances["holder"])
    target = stances["target_name"].fillna(stances["target"])
    stances = stances.assign(pair=holder + " → " + target)
    top = stances["pair"].value_counts().head(args.top).index
    table = (
        stances[stances["pair"].isin(top)]
        .pivot_table(index="pair", columns=args.by, values="polarity_score", aggfunc="mean")
        .reindex(top)
    )
    counts = stances.groupby(args.by).size().rename("stance triples")
    print(counts.to_string(), end="\n\n")
    print("mean polarity of the most frequent holder → target pairs:")
    print(table.round(2).to_string())
    if args.chart:
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError as e:
            raise SystemExit(
                'the chart needs matplotlib: pip install "./bindings/python[plot]"'
            ) from e
        ax = table.plot.barh(figsize=(9, 0.5 * len(table) + 1.5))
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel("mean polarity (-1 negative … +1 positive)")
        ax.set_ylabel("")
        ax.invert_yaxis()
        plt.tight_layout()
        plt.savefig(args.chart)
        print(f"chart: {args.chart}")


if __name__ == "__main__":
    main()
