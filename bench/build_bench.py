"""Benchmark: content build time, database size and documents per source.

Run by hand: ``.venv/bin/python bench/build_bench.py [--runs N]``. Prints the figures the
corpus issue asks for (documents per source with/without 文号, build time, database size).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.ingest.build import build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "handbook.sqlite"
        for _ in range(args.runs):
            stats = build(target)
            times.append(stats["seconds"])
        conn = sqlite3.connect(target)
        print(f"build time: median {statistics.median(times):.2f} s over {args.runs} runs (min {min(times):.2f} s)")
        print(f"database size: {target.stat().st_size / 1024:.0f} KB; documents {stats['documents']}, "
              f"clauses {stats['clauses']}, citations {stats['citations']}, duplicates {stats['duplicates']}")
        print(f"{'source':28} {'docs':>5} {'with 文号':>9} {'without':>8} {'duplicates':>10}")
        for row in conn.execute(
            "select source_file, count(*), sum(doc_number is not null), sum(doc_number is null), "
            "sum(duplicate_of is not null) from documents group by source_file order by source_file"
        ):
            print(f"{row[0]:28} {row[1]:>5} {row[2]:>9} {row[3]:>8} {row[4]:>10}")
        kinds = dict(conn.execute("select kind, count(*) from documents group by kind").fetchall())
        print("by kind:", kinds)


if __name__ == "__main__":
    main()
