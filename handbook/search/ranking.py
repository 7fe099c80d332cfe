"""Ranking helpers: constant-score document sets (title matches) and per-document diversity."""

from __future__ import annotations

from whoosh import query as q
from whoosh.matching import ListMatcher, NullMatcher

SAME_DOCUMENT_DECAY = 0.7


class DocSetQuery(q.Query):
    """Every clause of the given documents, with a constant score (title matches).

    Whoosh would build a union of one posting list per document, which costs far more
    than the search itself when a title word is common; this reads each document's
    clause numbers once and walks a sorted list.
    """

    def __init__(self, doc_ids: frozenset[str], score: float, clause_ids):
        self.doc_ids = doc_ids
        self.score = score
        self.boost = 1.0
        self.clause_ids = clause_ids  # reader -> {doc_id: [docnum, ...]} (cached per segment)

    def __repr__(self):
        return f"DocSetQuery({len(self.doc_ids)} documents, {self.score})"

    def __eq__(self, other):
        return isinstance(other, DocSetQuery) and other.doc_ids == self.doc_ids and other.score == self.score

    def __hash__(self):
        return hash((self.doc_ids, self.score))

    def is_leaf(self):
        return True

    def field(self):
        return "doc_id"

    def normalize(self):
        return self

    def estimate_size(self, ixreader):
        return sum(ixreader.doc_frequency("doc_id", d) for d in self.doc_ids)

    def matcher(self, searcher, context=None):
        by_doc = self.clause_ids(searcher.reader())
        ids: list[int] = []
        for doc_id in self.doc_ids:
            ids.extend(by_doc.get(doc_id, ()))
        if not ids:
            return NullMatcher()
        ids.sort()
        return ListMatcher(ids, all_weights=self.score)


def diversify(ranked: list[tuple[float, str, str]], doc_of) -> list[tuple[float, str, str]]:
    """Sort by score, each further clause of the same document counting a little less.

    Without this one long document fills the first page and the second relevant document
    is never seen; with it the best clause of every matching document comes early.
    """
    ranked = sorted(ranked, key=lambda r: -r[0])
    seen: dict[str, int] = {}
    out = []
    for score, key, match in ranked:
        doc = doc_of(key)
        n = seen.get(doc, 0)
        seen[doc] = n + 1
        out.append((score * SAME_DOCUMENT_DECAY ** n, key, match))
    out.sort(key=lambda r: -r[0])
    return out


