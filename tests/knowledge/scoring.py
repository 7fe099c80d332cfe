"""Score the incentive extractor against a hand-written fact set (tests/knowledge/incentive_facts_*.json).

The sets were written from the source texts by judges who never saw the extractor. A set lists the
documents (and line ranges) it covers exhaustively, the incentive facts in them (an exact anchor of
the granting sentence, kind, amounts as printed, 责任单位) and look-alikes that are not incentives.

- recall: expected facts whose anchor lies inside an extracted fact's sentence (same document);
- precision: extracted facts inside the covered ranges that match an expected fact;
- amounts: of the found facts, those whose printed amounts equal the expected ones (spaces ignored);
- responsible: of the found facts, those whose 责任单位 equal the expected ones (separators ignored).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
SPACE = re.compile(r"\s+")
SEPARATORS = re.compile(r"[\s、，,；;]+")


def norm(text: str) -> str:
    return SPACE.sub("", text or "")


def units_key(units: list[str]) -> str:
    return SEPARATORS.sub("", "".join(units or []))


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    extracted: int = 0
    correct_extracted: int = 0
    amounts_right: int = 0
    responsible_right: int = 0
    kind_right: int = 0
    lookalikes: int = 0
    lookalikes_taken: int = 0
    per_source: dict = field(default_factory=lambda: defaultdict(Counter))
    per_kind: dict = field(default_factory=lambda: defaultdict(Counter))
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    amount_errors: list = field(default_factory=list)
    responsible_errors: list = field(default_factory=list)
    kind_confusions: Counter = field(default_factory=Counter)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def recall(self) -> float:
        return self.ratio(self.found, self.expected)

    @property
    def precision(self) -> float:
        return self.ratio(self.correct_extracted, self.extracted)

    @property
    def amounts(self) -> float:
        return self.ratio(self.amounts_right, self.found)

    @property
    def responsible(self) -> float:
        return self.ratio(self.responsible_right, self.found)

    @property
    def kind(self) -> float:
        return self.ratio(self.kind_right, self.found)


def load_set(name: str) -> dict | None:
    path = HERE / f"incentive_facts_{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def score(case_set: dict, facts: list[dict], clause_lines: dict[str, tuple[str, int, int]]) -> Score:
    """``facts``: extracted facts (doc_id, clause_key, text, amounts, responsible, kind);
    ``clause_lines``: clause key → (source file, first line, last line)."""
    s = Score()
    covered = defaultdict(list)
    for c in case_set["covered"]:
        covered[c["doc_id"]].append(tuple(c["lines"]))

    def in_cover(f: dict) -> bool:
        _, first, last = clause_lines[f["clause_key"]]
        return any(first <= hi and last >= lo for lo, hi in covered.get(f["doc_id"], []))

    mine = [f for f in facts if f["doc_id"] in covered and in_cover(f)]
    by_doc = defaultdict(list)
    for f in mine:
        by_doc[f["doc_id"]].append(f)
    matched_extracted: set[int] = set()
    for exp in case_set["facts"]:
        s.expected += 1
        src = exp["source"][:3]
        s.per_source[src]["expected"] += 1
        s.per_kind[exp["kind"]]["expected"] += 1
        anchor = norm(exp["anchor"])
        hits = [f for f in by_doc.get(exp["doc_id"], []) if anchor in norm(f["text"])]
        if not hits:
            s.misses.append(exp)
            continue
        s.found += 1
        s.per_source[src]["found"] += 1
        s.per_kind[exp["kind"]]["found"] += 1
        for f in hits:
            matched_extracted.add(id(f))
        got = hits[0]
        if sorted(norm(a) for a in exp["amounts"]) == sorted(norm(a) for a in got["amounts"]):
            s.amounts_right += 1
        else:
            s.amount_errors.append((exp["amounts"], got["amounts"], got["text"][:80]))
        if units_key(exp["responsible"]) == units_key(got["responsible"]):
            s.responsible_right += 1
        else:
            s.responsible_errors.append((exp["responsible"], got["responsible"], got["text"][:60]))
        if exp["kind"] == got["kind"]:
            s.kind_right += 1
        else:
            s.kind_confusions[(exp["kind"], got["kind"])] += 1
    for f in mine:
        s.extracted += 1
        s.per_source[clause_lines[f["clause_key"]][0][:3]]["extracted"] += 1
        if id(f) in matched_extracted:
            s.correct_extracted += 1
            s.per_source[clause_lines[f["clause_key"]][0][:3]]["correct"] += 1
        else:
            s.false_positives.append(f["text"][:100])
    for look in case_set["lookalikes"]:
        s.lookalikes += 1
        anchor = norm(look["anchor"])
        if any(anchor in norm(f["text"]) for f in by_doc.get(look["doc_id"], [])):
            s.lookalikes_taken += 1
    return s


def load_validity(name: str = "blind") -> dict | None:
    path = HERE / f"validity_{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _clause_with(store, doc_id: str, anchor: str) -> dict | None:
    anchor = norm(anchor)
    return next((c for c in store.clause_rows(doc_id) if anchor in norm(c["text"])), None)


def _industry_id(catalogue, name: str) -> str | None:
    """The catalogue id for a judge's industry name ("数据中心/算力" = "数据中心 / 算力", "物流" ⊂ "冷链物流 / 商贸物流")."""
    wanted = [norm(p) for p in name.split("/") if p.strip()]
    for industry in catalogue.industries:
        parts = [norm(p) for p in industry.name.split("/")]
        if any(w == p or w in p for w in wanted for p in parts):
            return industry.id
    return None


def score_validity(cases: dict, store, today, catalogue) -> dict[str, tuple[int, int]]:
    """(right, judged) per field: document dates and states, measure windows, industry relevance."""
    from handbook.knowledge.validity import effective_status

    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def tally(name: str, ok: bool) -> None:
        out[name][0] += int(ok)
        out[name][1] += 1

    for exp in cases.get("documents", []):
        doc = store.document(exp["doc_id"])
        if doc is None:
            tally("documents found", False)
            continue
        tally("documents found", True)
        for name in ("draft", "trial", "effective", "valid_until", "year", "year_source"):
            tally(name, exp.get(name) == doc.get(name))
        if exp.get("in_force_on_2026_11_21") is not None:
            tally("in force on the day", exp["in_force_on_2026_11_21"] == (effective_status(doc, today) == "现行有效"))
    for exp in cases.get("windows", []):
        clause = _clause_with(store, exp["doc_id"], exp["anchor"])
        if clause is None:
            tally("window clause found", False)
            continue
        got = clause["window"] or {}
        if exp.get("why"):
            tally("not a window (negatives)", not got)
        else:
            tally("window end", got.get("end") == exp["end"])
            tally("window start", got.get("start") == exp["start"])
    links_cache: dict[str, dict[str, str]] = {}
    for exp in cases.get("relevance", []):
        clause = _clause_with(store, exp["doc_id"], exp["anchor"])
        ind = _industry_id(catalogue, exp["industry"])
        if clause is None or ind is None:
            tally("relevance clause found", False)
            continue
        links = links_cache.setdefault(ind, store.clause_industries(ind))
        tally(f"relevance {exp['relevance']}", links.get(clause["key"]) == exp["relevance"])
    return {k: (v[0], v[1]) for k, v in out.items()}
