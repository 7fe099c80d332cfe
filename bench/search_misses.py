"""The misses of one relevance set, for whoever tunes search: ``search_bench.py --details SET``.

For every query of the set that misses: the expected documents outside the first 10 (with
their rank), whether the best clause is on the first page, and the first five entries. The
blind set is never inspected (search_bench refuses it).
"""

from __future__ import annotations

import re
from pathlib import Path

from search_bench import PAGE, ROOT, SETS, _fmt, anchors_of, base_doc, best_clause, expected_docs, filters_of, header, page_texts, recall

from handbook.service import Handbook


def print_details(name: str, hb: Handbook, clause_text, docs: list[dict]) -> None:
    """Every query of set ``name`` that misses: expected documents absent from the top 10, best clause."""
    cases = SETS.get(name) or []
    if not cases:
        print(f"\n(no queries in set {name!r})")
        return
    print(f"\n== misses in the {name} set ==")
    titles = {d["id"]: d["title"] for d in docs}
    by_id = {d["id"]: d for d in docs}
    for case in cases:
        result = hb.search(case["query"], limit=PAGE, **filters_of(case))
        top = [base_doc(e.doc_id) for e in result.entries[:10]]
        missing = [f for f in case.get("expect") or [] if not expected_docs(f, docs) & set(top)]
        anchors = anchors_of(case)
        texts = [re.sub(r"\s+", "", t) for t in [header(by_id[e.doc_id]) for e in result.entries]
                 + [clause_text(h.clause_key) for h in result.hits]]
        best_ok = any(a and a in t for a in anchors for t in texts) if anchors else None
        if not missing and best_ok is not False:
            continue
        print(f"- {case['query']!r} {filters_of(case) or ''} mode={result.mode}")
        for f in missing:
            ranks = [i + 1 for i, e in enumerate(result.entries) if base_doc(e.doc_id) in expected_docs(f, docs)]
            print(f"    missing {f} (rank {ranks[0] if ranks else '>' + str(PAGE)})")
        if best_ok is False:
            print(f"    best clause NOT on first page: {anchors[0][:40]}")
        for i, e in enumerate(result.entries[:5]):
            print(f"    {i + 1}. {titles.get(base_doc(e.doc_id), e.doc_id)[:34]} [{e.match}] {e.score:.2f}")


def details_run(db: Path, name: str) -> None:
    """Scores and misses of one set; the index is kept in build/bench-details between runs."""
    hb = Handbook.open(db, data_dir=str(ROOT / "build" / "bench-details"))
    hb.ensure_index()
    docs = hb.store.documents()
    texts: dict[str, str] = {}

    def clause_text(key):
        if key not in texts:
            texts[key] = (hb.store.clause(key) or {}).get("text", "")
        return texts[key]

    print_details(name, hb, clause_text, docs)
    cases = SETS.get(name) or []
    by_id = {d["id"]: d for d in docs}
    share, judged = best_clause(lambda q, f: page_texts(hb.search(q, limit=PAGE, **f), by_id, clause_text), cases)
    top10 = lambda q, f: [e.doc_id for e in hb.search(q, limit=10, **f).entries]  # noqa: E731
    print(f"\n{name}: {len(cases)} queries, r@10 {_fmt(recall(top10, cases, docs))}, best {_fmt(share)}/{judged}")
