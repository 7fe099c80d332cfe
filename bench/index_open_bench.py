"""Benchmark: what the damage check costs when the search index is opened.

Run by hand: ``.venv/bin/python bench/index_open_bench.py [--rounds N]``. Builds the index
for the bundled content in a temp folder, then times, per cold open, reading the index file
(Whoosh's own ``open_dir`` + reader + stored rows: the baseline) beside ``IndexFolder.open()``
(the same plus the size and CRC-32 check of every file against the READY marker).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh import index as whoosh_index  # noqa: E402

from handbook.paths import bundled_db_path  # noqa: E402
from handbook.search import index as index_module  # noqa: E402
from handbook.service import Handbook  # noqa: E402
from handbook.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        hb = Handbook(Store(bundled_db_path()), cache_root=Path(tmp))
        stats = hb.build_index()
        folder = hb.index_folder
        baseline, checked = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            ix = whoosh_index.open_dir(str(folder.path), indexname=index_module.INDEX_NAME)
            with ix.reader() as reader:
                list(reader.all_stored_fields())
            ix.close()
            baseline.append(time.perf_counter() - started)
            index_module._verified.clear()  # a cold start: the digests are computed again
            started = time.perf_counter()
            folder.open().close()
            checked.append(time.perf_counter() - started)
        print(f"index: {stats['clauses']} clauses, {stats['bytes'] // 1024} KB, {args.rounds} cold opens (median)")
        print(f"  Whoosh open + stored rows (baseline):         {statistics.median(baseline) * 1000:7.1f} ms")
        print(f"  IndexFolder.open() with size + CRC-32 check: {statistics.median(checked) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
