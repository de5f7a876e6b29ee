#!/usr/bin/env python3
"""Writes a JSON Lines corpus of about SIZE bytes by repeating the records of
SOURCE (`{"id", "text"}`) with distinct ids (`ID-ROUND`): the input of the
memory measurements in docs/PERFORMANCE.md.

Usage: python3 tools/repeat_corpus.py SIZE OUT [SOURCE]
       (SIZE like 2e8; SOURCE default ../shared/eval/wikinews-quotes/train.jsonl)
"""

import json
import sys


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    target = int(float(sys.argv[1]))
    out = sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else "../shared/eval/wikinews-quotes/train.jsonl"
    with open(source, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if not records:
        sys.exit(f"{source} holds no records")
    size = 0
    i = 0
    with open(out, "w", encoding="utf-8") as f:
        while size < target:
            r = records[i % len(records)]
            rec = {"id": f"{r['id']}-{i // len(records)}", "text": r["text"]}
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
            i += 1
    print(f"{i} records, {size} bytes")


if __name__ == "__main__":
    main()
