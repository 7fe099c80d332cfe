"""Benchmark: handbook search against a SQLite FTS5 trigram baseline, in the same run.

Run by hand: ``.venv/bin/python bench/search_bench.py [--scale 20] [--rounds 3]``.
On the same clauses and the same queries it measures for both engines:

* relevance, separately for the TUNED set (``tests/handbook/relevance_queries.json``, which
  the engine was tuned on) and the BLIND set (``tests/handbook/relevance_blind.json``, written
  by someone who never saw the engine; used when present; ``relevance_blind2.json``, a second
  blind set written the same way with its query list committed before judging, is scored
  beside it): recall@10 over documents (each
  "expect" names a document by id, 文号 or title fragment; found when that document is among the
  first 10 documents listed), and "best clause on the first page" for queries carrying
  ``best_clause`` anchors (a hit is a clause of the first page — 20 entries with their shown
  clauses for the handbook, the first 20 clause hits for FTS5 — whose text contains an anchor
  once whitespace is removed);
* latency median and p95 (wall clock, and p95 in CPU time: on a shared machine the wall clock
  also counts waiting for a core) for one page including snippets with highlights, and the
  slowest single-character and very common word queries (their first run included);
* index build time and size.

The FTS5 baseline uses the trigram tokenizer ranked by bm25, with a LIKE scan for terms
shorter than three characters (trigram cannot match them) ranked by occurrences, the typed
words ANDed, the same filters and the same snippet code. A second FTS5 row also gets the
handbook's query parser (synonyms, 文号 in normal form), to show how much of the difference
is the engine itself. ``--scale N`` builds a synthetic corpus N times larger (each clause
copied N times into new documents, sentences rotated so copies differ) and reports the same
figures.
"""

from __future__ import annotations

import argparse
import json
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


def _load(name: str) -> list[dict]:
    path = ROOT / "tests" / "handbook" / name
    return json.loads(path.read_text(encoding="utf-8"))["queries"] if path.exists() else []


SETS = {"tuned": _load("relevance_queries.json"),
        **{p.stem.removeprefix("relevance_"): _load(p.name)
           for p in sorted((ROOT / "tests" / "handbook").glob("relevance_dev*.json"))},
        "probe": _load("relevance_probe.json"),
        **{name: [] if any(a == "--no-blind" or a.startswith("--details") for a in sys.argv) else _load(f"relevance_{name}.json")
           for name in ("blind", "blind2")}}
TIMED = ("tuned", "dev", "blind")  # the probe set is scored, not timed (latency stays comparable)
ALL_QUERIES = [case for name, cases in SETS.items() if name in TIMED for case in cases]
SINGLES = ["的", "政", "策", "企", "业", "发", "展", "年", "国", "区"]
COMMON = ["发展", "企业", "政策", "建设", "支持", "项目", "自治区", "推进", "服务", "产业"]
PAGE = 20


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


def filters_of(case: dict) -> dict:
    return {k: v for k, v in (case.get("filters") or {}).items() if v}


def expected_docs(fragment: str, docs: list[dict]) -> set[str]:
    """Documents an "expect" entry names (a document id, or a fragment of a 文号 or title); a
    duplicate (an attachment also printed inside another document) stands for the document
    search lists in its place."""
    return {d.get("duplicate_of") or d["id"] for d in docs
            if fragment == d["id"] or fragment in (d["doc_number"] or "") or fragment in d["title"]}


def header(doc: dict) -> str:
    """A document's heading as printed (title, then its 文号 in brackets): what a listed entry shows
    above its clauses. An anchor for a 文号 query quotes this line, which is no clause."""
    return doc["title"] + (f"（{doc['doc_number']}）" if doc.get("doc_number") else "")


def anchors_of(case: dict) -> list[str]:
    best = case.get("best_clause") or []
    return [re.sub(r"\s+", "", a) for a in ([best] if isinstance(best, str) else best)]


def page_texts(result, by_id: dict, clause_text) -> list[str]:
    """What the first page shows: each entry's heading, then its clauses."""
    return [header(by_id[e.doc_id]) for e in result.entries] + [clause_text(h.clause_key) for h in result.hits]


def fts_page_texts(hits: list[dict], by_id: dict, clause_text) -> list[str]:
    """The same for the baseline: the heading of each document hit, then the clauses."""
    docs = dict.fromkeys(h["doc_id"] for h in hits)
    return [header(by_id[d]) for d in docs if d in by_id] + [clause_text(h["key"]) for h in hits]


def recall(top10, cases: list[dict], docs: list[dict]) -> float | None:
    """Share of expected documents among the first 10 documents listed."""
    found = total = 0
    for case in cases:
        top = {base_doc(d) for d in top10(case["query"], filters_of(case))}
        for fragment in case.get("expect") or []:
            wanted = expected_docs(fragment, docs)
            total += 1
            found += bool(wanted & top)
    return found / total if total else None


def best_clause(page, cases: list[dict]) -> tuple[float | None, int]:
    """Share of queries with ``best_clause`` anchors whose first page holds a clause containing one."""
    judged = [c for c in cases if c.get("best_clause")]
    hits = 0
    for case in judged:
        anchors = anchors_of(case)
        texts = [re.sub(r"\s+", "", t) for t in page(case["query"], filters_of(case))]
        hits += any(a and a in t for a in anchors for t in texts)
    return (hits / len(judged) if judged else None), len(judged)


def latencies(search, cases: list[dict], rounds: int) -> tuple[float, float, float]:
    """Median and p95 wall-clock ms, and p95 CPU ms (the machine may be shared: CPU time shows the work)."""
    times, cpu = [], []
    for _ in range(rounds):
        for case in cases:
            filters = filters_of(case)
            started, used = time.perf_counter(), time.process_time()
            search(case["query"], filters)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
    times.sort()
    cpu.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], cpu[int(0.95 * (len(cpu) - 1))]


def slowest(search, words: list[str], rounds: int) -> tuple[float, float, str]:
    """The slowest word (wall ms, its CPU ms), the first query of each word included (nothing cached)."""
    worst, worst_cpu, which = 0.0, 0.0, ""
    for word in words:
        for _ in range(rounds):
            started, used = time.perf_counter(), time.process_time()
            search(word, {})
            took, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - used) * 1000
            if took > worst:
                worst, worst_cpu, which = took, cpu, word
    return worst, worst_cpu, which


def _fmt(value: float | None) -> str:
    return f"{value:>8.3f}" if value is not None else f"{'-':>8}"


def measure(db: Path, work: Path, rounds: int, label: str) -> None:
    hb = Handbook.open(db, data_dir=str(work))
    docs = hb.store.documents()
    by_id = {d["id"]: d for d in docs}
    build = hb.build_index()
    started = time.perf_counter()
    hb.ensure_index()
    opened = time.perf_counter() - started
    clauses = len(hb._searcher.corpus.keys)
    fts = Fts5Baseline(hb, work)
    fts_build = fts.build()
    fts_plus = Fts5Baseline(hb, work, understanding=True)
    fts_plus.conn = fts.conn
    texts = {}

    def clause_text(key):
        if key not in texts:
            texts[key] = (hb.store.clause(key) or {}).get("text", "")
        return texts[key]

    engines = {
        "handbook (grouped)": (
            lambda q, f: [e.doc_id for e in hb.search(q, limit=10, **f).entries],
            lambda q, f: page_texts(hb.search(q, limit=PAGE, **f), by_id, clause_text),
            lambda q, f: hb.search(q, limit=PAGE, **f)),
        "fts5 trigram + LIKE": (
            lambda q, f: list(dict.fromkeys(h["doc_id"] for h in fts.search(q, f, limit=40)))[:10],
            lambda q, f: fts_page_texts(fts.search(q, f, limit=PAGE), by_id, clause_text),
            lambda q, f: fts.search(q, f, limit=PAGE)),
        "  + handbook parser": (
            lambda q, f: list(dict.fromkeys(h["doc_id"] for h in fts_plus.search(q, f, limit=40)))[:10],
            lambda q, f: fts_page_texts(fts_plus.search(q, f, limit=PAGE), by_id, clause_text),
            lambda q, f: fts_plus.search(q, f, limit=PAGE)),
    }
    for _, _, run in engines.values():  # warm caches for every engine
        latencies(run, ALL_QUERIES, 1)
    sizes = " + ".join(f"{len(c)} {name}" for name, c in SETS.items() if c)
    print(f"\n== {label}: {clauses} clauses, {sizes} queries x {rounds} rounds ==")
    print(f"index: handbook build {build['seconds']:.1f} s, {build['bytes'] / 1e6:.1f} MB, open {opened:.2f} s; "
          f"fts5 build {fts_build['seconds']:.1f} s, {fts_build['bytes'] / 1e6:.1f} MB")
    header = f"{'engine':<22}"
    for name, cases in SETS.items():
        if cases:
            header += f"{name + ' r@10':>13}{name + ' best':>13}"
    print(header + f"{'median ms':>11}{'p95 ms':>9}{'p95 cpu':>9}{'1-char max (cpu)':>20}{'common max (cpu)':>22}")
    for name, (top10, page, run) in engines.items():
        line = f"{name:<22}"
        for cases in SETS.values():
            if cases:
                share, judged = best_clause(page, cases)
                line += f"{_fmt(recall(top10, cases, docs)):>13}{_fmt(share):>10}/{judged:<2}"
        med, p95, p95_cpu = latencies(run, ALL_QUERIES, rounds)
        one, one_cpu, one_w = slowest(run, SINGLES, rounds)
        common, common_cpu, common_w = slowest(run, COMMON, rounds)
        print(line + f"{med:>11.1f}{p95:>9.1f}{p95_cpu:>9.1f}{one:>9.1f} ({one_cpu:5.1f}) {one_w:<3}"
              f"{common:>9.1f} ({common_cpu:5.1f}) {common_w}")


def fresh_process(work: Path, runs: int = 3) -> None:
    """Seconds from starting a new process to the first search result, index prebuilt or not."""
    import subprocess

    def first_result(data_dir: Path) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(data_dir), "search", "储能", "--json", "--limit", "1"],
                       cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started

    ready, missing = [], []
    for n in range(runs):
        prebuilt = work / f"prebuilt{n}"
        subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(prebuilt), "index", "--quiet"], cwd=ROOT, check=True,
                       capture_output=True)
        ready.append(first_result(prebuilt))
        missing.append(first_result(work / f"empty{n}"))
    print(f"\nfirst search in a new process (python -m handbook search, bundled corpus, median of {runs}): "
          f"index prebuilt {statistics.median(ready):.2f} s, index missing (built first) {statistics.median(missing):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="also measure a synthetic corpus this many times larger")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-blind", action="store_true", help="never load or print the blind set (use this while tuning)")
    parser.add_argument("--details", metavar="SET", help="only print the misses of one set (tuned, dev, probe), no timing")
    args = parser.parse_args()
    if args.details in ("blind", "blind2"):
        parser.error("the blind set is scored only, never inspected")
    if not SETS["blind"] and not args.no_blind:
        print("(tests/handbook/relevance_blind.json not present: blind figures not measured)")
    if args.details:
        from search_misses import details_run  # bench/ is the script's folder

        details_run(bundled_db_path(), args.details)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        measure(bundled_db_path(), work / "x1", args.rounds, "bundled corpus")
        fresh_process(work)
        if args.scale > 1:
            db = work / f"scaled{args.scale}.sqlite"
            started = time.perf_counter()
            scaled_database(bundled_db_path(), db, args.scale)
            print(f"\n(synthetic corpus x{args.scale} written in {time.perf_counter() - started:.1f} s)")
            measure(db, work / f"x{args.scale}", args.rounds, f"synthetic corpus x{args.scale}")


if __name__ == "__main__":
    main()
