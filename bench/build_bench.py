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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.industries import default_catalogue  # noqa: E402
from handbook.ingest.build import build, parse_all  # noqa: E402
from handbook.knowledge import annotate_document  # noqa: E402
from handbook.knowledge.relevance import RelevanceJudge  # noqa: E402
from handbook.knowledge.vocabulary import default_vocabulary  # noqa: E402
from handbook.paths import resource_path  # noqa: E402
from handbook.taxonomy import Taxonomy  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times, cpu, parse_cpu, know_cpu = [], [], [], []
    taxonomy, judge, vocab = Taxonomy.load(), RelevanceJudge(default_catalogue().industries), default_vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "handbook.sqlite"
        for _ in range(args.runs):
            started = time.process_time()
            stats = build(target)
            cpu.append(time.process_time() - started)
            times.append(stats["seconds"])
            started = time.process_time()
            docs, sources = parse_all(resource_path("sources"), taxonomy)
            parse_cpu.append(time.process_time() - started)
            started = time.process_time()
            for d in docs:
                annotate_document(title=d.meta.title, doc_number=d.meta.doc_number, issuers=d.meta.issuers,
                                  date=d.meta.date, header=d.header_text, source_label="", roots=d.clauses,
                                  judge=judge, vocab=vocab)
            know_cpu.append(time.process_time() - started)
        conn = sqlite3.connect(target)
        print(f"build time: median {statistics.median(times):.2f} s wall, {statistics.median(cpu):.2f} s CPU "
              f"over {args.runs} runs (min {min(times):.2f} s wall); the machine is shared, CPU time is the steadier figure")
        print(f"  of which: ingestion (parse, the pre-knowledge pipeline = baseline) {statistics.median(parse_cpu):.2f} s CPU, "
              f"clause knowledge {statistics.median(know_cpu):.2f} s CPU")
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
