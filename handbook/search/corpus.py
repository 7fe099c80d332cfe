"""The clauses as search sees them, in index order: folded text, heading path, document, prior.

Loaded once when the index is opened. A clause's context is its own text, the headings
above it (its heading path) and its document's title; ``heading_path`` is read from the
clause-knowledge column when the database has it, else derived from the parent chain.
Everything but the
documents comes from the index file, so opening reads no clause from the database. The
prior is what a clause is worth before any query word: a bare heading or a signature
line is worth less than a provision, a repealed document much less, an edition replaced by a
newer one or a draft somewhat less.
"""

from __future__ import annotations

import json

from handbook.search.analysis import fold
from handbook.search.results import IN_FORCE

REPEALED_FACTOR = 0.35
# A document replaced by a newer edition or still a draft is not void: the edition in force
# (often the same text) ranks above it, but it still ranks above a passing mention elsewhere.
STATUS_FACTORS = {"已被替代": 0.6, "征求意见稿": 0.6}
BARE_HEADING = 0.45
SHORT_CLAUSE = 0.75  # under 30 characters and not a heading: a signature, a date, a list item
LOW_ROLES = {"heading": BARE_HEADING, "signature": 0.3}


def status_factor(status: str) -> float:
    """What a document's status leaves of its clauses' worth: 1.0 in force, least when repealed."""
    return 1.0 if status == IN_FORCE else STATUS_FACTORS.get(status, REPEALED_FACTOR)


def heading_path(row: dict, rows_by_key: dict[str, dict]) -> list[str]:
    """Ancestor headings from the document top (the clause itself excluded), as printed."""
    stored = row.get("heading_path")  # clause knowledge (issue 10) stores it at build time
    if stored:
        return json.loads(stored) if isinstance(stored, str) else list(stored)
    path, parent = [], row.get("parent_key")
    while parent and parent in rows_by_key:
        above = rows_by_key[parent]
        path.append(" ".join((above.get("heading") or above.get("text") or "").split())[:60])
        parent = above.get("parent_key")
    return path[::-1]


class Corpus:
    """Per-clause arrays aligned with the index's clause numbers."""

    def __init__(self, store, index):
        self.docs = {d["id"]: d for d in store.documents(include_duplicates=False)}
        data = index.clauses
        self.keys = keys = index.keys
        self.number = {k: i for i, k in enumerate(keys)}
        self.text: list[str] = data["text"]
        self.heading: list[str] = data["heading"]
        self.doc: list[str] = data["doc"]
        self.role: list[str] = data["role"]
        self.paths: list[tuple[str, ...]] = [tuple(p) for p in data["paths"]]  # tuples of str: no GC tracking
        self.titles = {d: fold(doc["title"]) for d, doc in self.docs.items()}
        self.parent: list[int] = list(data["parent"])  # the clause's parent clause, -1 at the top
        self.doc_rows: dict[str, list[int]] = {}
        self.children: dict[int, list[int]] = {}
        for i, parent in enumerate(data["parent"]):
            self.doc_rows.setdefault(self.doc[i], []).append(i)
            if parent >= 0:
                self.children.setdefault(parent, []).append(i)
        self.prior = [self._prior(i) for i in range(len(keys))]
        self.doc_sets = {d: frozenset(rows) for d, rows in self.doc_rows.items()}
        self.order = {d: rows[0] for d, rows in self.doc_rows.items()}  # a document's place in the handbook
        self.headed = frozenset(i for i, h in enumerate(self.heading) if h)
        self.ends = self._subtree_ends(data["parent"])
        self.doc_prior = {d: status_factor(doc.get("status", IN_FORCE)) for d, doc in self.docs.items()}
        self.cited_by: dict[str, list[str]] = {}  # document -> clauses (keys) citing it
        for doc_id in self.docs:
            for c in store.citations(doc_id):
                if c.get("target_doc") and c.get("clause_key"):
                    self.cited_by.setdefault(c["target_doc"], []).append(c["clause_key"])

    def _prior(self, i: int) -> float:
        text = self.text[i]
        value = 1.0
        role = self.role[i]
        if role == "heading" and (i not in self.children or "。" in text.rstrip("。")):
            role = ""  # a list item the knowledge stage called a heading, or an article stating a rule before its list
        if role in LOW_ROLES:
            value *= LOW_ROLES[role]
        elif self.is_bare_heading(i):
            value *= BARE_HEADING
        elif len(text) < 30:
            value *= SHORT_CLAUSE
        return value * status_factor(self.docs.get(self.doc[i], {}).get("status", IN_FORCE))

    def section_headings(self) -> dict[str, str]:
        """Clause key -> the headings that open the section it belongs to, folded, each ending in ":":
        its own heading when clauses sit below it or a colon follows it (第十四条 …的程序：), and
        the heading right above it. A lead phrase that only names a measure (（十）优化接网流程。) opens none."""
        out = {}
        for i, key in enumerate(self.keys):
            own = self.heading[i].strip()
            own = own + ":" if own and i in self.children else own
            above = fold(self.paths[i][-1]).strip() + ":" if self.paths[i] else ""
            out[key] = own + "\n" + above
        return out

    def is_bare_heading(self, i: int) -> bool:
        text, heading = self.text[i].strip(), self.heading[i].strip()
        return bool(heading) and len(text) <= len(heading) + 2 and i in self.children

    def _subtree_ends(self, parents: list[int]) -> list[int]:
        """For each clause, the end of its block of descendants in index order (-1: not one block)."""
        n = len(parents)
        end, size = [i + 1 for i in range(n)], [1] * n
        for i in range(n - 1, -1, -1):
            p = parents[i]
            if p >= 0:
                end[p] = max(end[p], end[i])
                size[p] += size[i]
        return [end[i] if end[i] - i == size[i] else -1 for i in range(n)]

    def descendants(self, roots) -> set[int]:
        out: set[int] = set()
        stack = []
        for r in roots:
            if self.ends[r] >= 0:  # clauses are stored outline-first: a subtree is one block
                out.update(range(r + 1, self.ends[r]))
            else:
                stack.append(r)
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in out:
                    out.add(child)
                    stack.append(child)
        return out
