"""Benchmark: Whoosh clause search against a SQLite FTS5 trigram baseline.

Run by hand: ``.venv/bin/python bench/search_bench.py [--scale 20] [--rounds 3]``.
In one run, on the same clauses and the same queries (the relevance set in
``tests/handbook/relevance_queries.json``), it measures for both engines:

* recall@10 on the relevance set (documents that must be in the first 10 hits);
* latency median and p95 for top-20 hits including snippets with highlights;
* index build time and size.

The FTS5 baseline uses the trigram tokenizer ranked by bm25, with a LIKE scan for terms
shorter than three characters (trigram cannot match them) ranked by occurrences (top-20
means ranked: an unranked LIMIT would stop at the first 20 rows), the typed words ANDed, the same filters and
the same snippet code. A second FTS5 row also gets the handbook's query parser (synonyms,
文号 in normal form), to show how much of the difference is the engine itself.
``--scale N`` builds a synthetic corpus N times larger (each clause copied N times
into new documents, sentences rotated so copies differ) and reports the same figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.paths import bundled_db_path  # noqa: E402
from handbook.search.analysis import term_pattern  # noqa: E402
from handbook.search.query import parse_query  # noqa: E402
from handbook.search.snippets import make_snippet  # noqa: E402
from handbook.service import Handbook  # noqa: E402

RELEVANCE = json.loads((ROOT / "tests" / "handbook" / "relevance_queries.json").read_text(encoding="utf-8"))["queries"]


def scaled_database(source: Path, target: Path, scale: int) -> None:
    """Copy the content DB and add ``scale - 1`` rotated copies of every document."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    conn.row_factory = sqlite3.Row
    docs = [dict(r) for r in conn.execute("select * from documents where duplicate_of is null")]
    clauses = [dict(r) for r in conn.execute("select * from clauses")]
    by_doc: dict[str, list[dict]] = {}
    for c in clauses:
        by_doc.setdefault(c["doc_id"], []).append(c)
    for k in range(1, scale):
        for d in docs:
            new_id = f"{d['id']}x{k}"
            conn.execute(f"insert into documents ({','.join(d)}) values ({','.join('?' * len(d))})",
                         [new_id if col == "id" else (None if col == "doc_number" else v) for col, v in d.items()])
            for c in by_doc.get(d["id"], []):
                parts = c["text"].split("。")
                shift = k % max(1, len(parts))
                text = "。".join(parts[shift:] + parts[:shift])
                row = dict(c, key=f"{new_id}:{c['key'].split(':', 1)[1]}", doc_id=new_id, text=text,
                           parent_key=f"{new_id}:{c['parent_key'].split(':', 1)[1]}" if c["parent_key"] else None)
                conn.execute(f"insert into clauses ({','.join(row)}) values ({','.join('?' * len(row))})", list(row.values()))
    conn.execute("update meta set value = value || ? where key = 'content_version'", (f"-scale{scale}",))
    conn.commit()
    conn.close()


class Fts5Baseline:
    """SQLite FTS5 trigram index over the same clauses, LIKE for terms under 3 characters."""

    def __init__(self, hb: Handbook, folder: Path, understanding: bool = False):
        self.hb = hb
        self.understanding = understanding
        self.path = folder / "fts5.sqlite"
        self.docs = {d["id"]: d for d in hb.store.documents(include_duplicates=False)}

    def build(self) -> dict:
        started = time.perf_counter()
        self.path.unlink(missing_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute("create virtual table fts using fts5(key unindexed, doc_id unindexed, body, title, tokenize='trigram')")
        rows = []
        for doc_id, doc in self.docs.items():
            for c in self.hb.store.clause_rows(doc_id):
                rows.append((c["key"], doc_id, c["text"], doc["title"]))
        conn.executemany("insert into fts values (?, ?, ?, ?)", rows)
        conn.commit()
        conn.execute("insert into fts(fts) values ('optimize')")
        conn.commit()
        conn.close()
        self.conn = sqlite3.connect(self.path, check_same_thread=False)
        return {"seconds": round(time.perf_counter() - started, 2), "bytes": self.path.stat().st_size}

    def search(self, text: str, filters: dict, limit: int = 20) -> list[dict]:
        if self.understanding:  # the handbook's parser: synonyms, 文号 in normal form
            parsed = parse_query(text)
            groups = [list(t.all_forms) for t in parsed.positive] + [[n] for n in parsed.doc_numbers]
        else:  # what FTS5 offers by itself: the typed words, quotes removed
            groups = [[w] for w in re.split(r"[\s，、]+", re.sub("[\"“”]", " ", text)) if w]
        if not groups:
            return []
        allowed = self._allowed(filters)
        where, params, fts_terms = [], [], []
        for forms in groups:
            alts = []
            for form in forms:
                if len(form) >= 3:
                    fts_terms.append('"' + form.replace('"', '""') + '"')
                    alts.append("(body like ? or title like ?)")  # exact containment for mixed AND
                else:
                    alts.append("(body like ? or title like ?)")
                params += [f"%{form}%", f"%{form}%"]
            where.append("(" + " or ".join(alts) + ")")
        long_groups = [g for g in groups if all(len(f) >= 3 for f in g)]
        if long_groups:  # let the trigram index narrow the rows, rank with bm25
            match = " AND ".join("(" + " OR ".join('"' + f.replace('"', '""') + '"' for f in g) + ")" for g in long_groups)
            sql = f"select key, doc_id, body from fts where fts match ? and {' and '.join(where)} order by bm25(fts) limit ?"
            args = [match, *params]
        else:  # every term is short: trigram cannot help, scan with LIKE, rank by occurrences
            forms = [f for g in groups for f in g]
            occurrences = " + ".join("(length(body) - length(replace(body, ?, '')))" for _ in forms)
            sql = f"select key, doc_id, body from fts where {' and '.join(where)} order by ({occurrences}) desc limit ?"
            args = [*params, *forms]
        rows = self.conn.execute(sql, [*args, limit * 4 if allowed is not None else limit]).fetchall()
        patterns = [p for p in (term_pattern(f) for g in groups for f in g) if p]
        hits = []
        for key, doc_id, body in rows:
            if allowed is not None and doc_id not in allowed:
                continue
            snippet, spans = make_snippet(body, patterns)
            hits.append({"key": key, "doc_id": doc_id, "snippet": snippet, "highlights": spans})
            if len(hits) == limit:
                break
        return hits

    def _allowed(self, filters: dict) -> set[str] | None:
        if not filters:
            return None
        tax = self.hb.taxonomy
        ok = set(self.docs)
        if "region" in filters:
            ok &= {i for i, d in self.docs.items() if d["region"] in tax.ancestors(filters["region"])}
        if "level" in filters:
            level = next(k for k, v in tax.level_names.items() if v == filters["level"] or k == filters["level"])
            ok &= {i for i, d in self.docs.items() if d["level"] == level}
        return ok


def base_doc(doc_id: str) -> str:
    return doc_id.split("x", 1)[0] if "x" in doc_id and len(doc_id) > 10 else doc_id


def recall(search, hb: Handbook) -> float:
    docs = hb.store.documents(include_duplicates=False)
    found = total = 0
    for case in RELEVANCE:
        filters = {k: v for k, v in (case.get("filters") or {}).items() if v}
        top = {base_doc(d) for d in search(case["query"], filters)}
        for fragment in case["expect"]:
            wanted = {d["id"] for d in docs if fragment in (d["doc_number"] or "") or fragment in d["title"]}
            total += 1
            found += bool(wanted & top)
    return found / total


def latencies(search, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        for case in RELEVANCE:
            filters = {k: v for k, v in (case.get("filters") or {}).items() if v}
            started = time.perf_counter()
            search(case["query"], filters)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def measure(db: Path, work: Path, rounds: int, procs: int, label: str) -> None:
    hb = Handbook.open(db, data_dir=str(work))
    clauses = sum(1 for d in hb.store.documents(include_duplicates=False) for _ in hb.store.clause_rows(d["id"]))
    build = hb.build_index(procs=procs)
    hb.ensure_index()
    fts = Fts5Baseline(hb, work)
    fts_build = fts.build()
    fts_plus = Fts5Baseline(hb, work, understanding=True)
    fts_plus.conn = fts.conn

    def whoosh_top10(text, filters):
        return [h.doc_id for h in hb.search(text, limit=10, **filters).hits]

    def fts_top10(text, filters):
        return [h["doc_id"] for h in fts.search(text, filters, limit=10)]

    def fts_plus_top10(text, filters):
        return [h["doc_id"] for h in fts_plus.search(text, filters, limit=10)]

    def fts_plus_top20(text, filters):
        return fts_plus.search(text, filters, limit=20)

    def whoosh_top20(text, filters):
        return hb.search(text, limit=20, **filters).hits

    def fts_top20(text, filters):
        return fts.search(text, filters, limit=20)

    latencies(whoosh_top20, 1)  # warm caches for both engines
    latencies(fts_top20, 1)
    w_med, w_p95 = latencies(whoosh_top20, rounds)
    f_med, f_p95 = latencies(fts_top20, rounds)
    p_med, p_p95 = latencies(fts_plus_top20, rounds)
    print(f"\n== {label}: {clauses} clauses, {len(RELEVANCE)} queries x {rounds} rounds ==")
    print(f"{'engine':<22}{'recall@10':>10}{'median ms':>11}{'p95 ms':>9}{'build s':>9}{'size MB':>9}")
    print(f"{'whoosh (CJK bigram)':<22}{recall(whoosh_top10, hb):>10.3f}{w_med:>11.1f}{w_p95:>9.1f}"
          f"{build['seconds']:>9.1f}{build['bytes'] / 1e6:>9.1f}   (index procs={procs})")
    print(f"{'fts5 trigram + LIKE':<22}{recall(fts_top10, hb):>10.3f}{f_med:>11.1f}{f_p95:>9.1f}"
          f"{fts_build['seconds']:>9.1f}{fts_build['bytes'] / 1e6:>9.1f}")
    print(f"{'  + handbook parser':<22}{recall(fts_plus_top10, hb):>10.3f}{p_med:>11.1f}{p_p95:>9.1f}"
          "   (same FTS5 index; synonyms and 文号 normal form from handbook/query.py)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="also measure a synthetic corpus this many times larger")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--procs", type=int, default=min(2, os.cpu_count() or 1), help="index writer processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        measure(bundled_db_path(), work / "x1", args.rounds, 1, "bundled corpus")
        if args.scale > 1:
            db = work / f"scaled{args.scale}.sqlite"
            started = time.perf_counter()
            scaled_database(bundled_db_path(), db, args.scale)
            print(f"\n(synthetic corpus x{args.scale} written in {time.perf_counter() - started:.1f} s)")
            measure(db, work / f"x{args.scale}", args.rounds, args.procs, f"synthetic corpus x{args.scale}")


if __name__ == "__main__":
    main()
