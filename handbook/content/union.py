"""The content the app reads: the bundled (or installed) database plus the officer's imports.

``UnionStore`` has the read API of ``handbook.store.Store`` and answers from both databases,
so the service, search index, bookmarks and guides see imported policies like any other
document. Imported documents come after the bundled ones and carry ``imported: True`` and
``origin: 自行导入``. The content version changes whenever either database changes, so the
search index (named after it) is rebuilt and bookmarks are re-attached.
"""

from __future__ import annotations

from handbook.store import ClauseNode, Store

IMPORTED_ORIGIN = "自行导入"
ORDINAL_OFFSET = 1_000_000  # imported documents sort after every bundled one


class UnionStore:
    def __init__(self, base: Store, imported: Store | None = None):
        self.base = base
        self.imported = imported
        self.path = base.path
        self.meta = base.meta

    @property
    def parts(self) -> list[Store]:
        return [self.base, self.imported] if self.imported else [self.base]

    @property
    def content_version(self) -> str:
        if not self.imported:
            return self.base.content_version
        import hashlib

        return hashlib.sha256(f"{self.base.content_version}+{self.imported.content_version}".encode()).hexdigest()[:16]

    def _mark(self, doc: dict | None, imported: bool) -> dict | None:
        if doc is not None:
            doc["imported"] = imported
            if imported:
                doc["origin"] = IMPORTED_ORIGIN
                doc["ordinal"] += ORDINAL_OFFSET
        return doc

    def _owner(self, doc_id: str) -> Store | None:
        for part in self.parts:
            if part.document(doc_id) is not None:
                return part
        return None

    def documents(self, include_duplicates: bool = True) -> list[dict]:
        return [self._mark(d, part is self.imported) for part in self.parts for d in part.documents(include_duplicates)]

    def document(self, doc_id: str) -> dict | None:
        for part in self.parts:
            doc = part.document(doc_id)
            if doc is not None:
                return self._mark(doc, part is self.imported)
        return None

    def clause_rows(self, doc_id: str | None = None) -> list[dict]:
        if doc_id is not None:
            owner = self._owner(doc_id)
            return owner.clause_rows(doc_id) if owner else []
        return [row for part in self.parts for row in part.clause_rows()]

    def clause(self, key: str) -> dict | None:
        for part in self.parts:
            row = part.clause(key)
            if row is not None:
                return row
        return None

    def clauses_by_keys(self, keys: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for part in self.parts:
            out.update(part.clauses_by_keys([k for k in keys if k not in out]))
        return out

    def clause_texts(self, keys: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for part in self.parts:
            out.update(part.clause_texts([k for k in keys if k not in out]))
        return out

    def clause_tree(self, doc_id: str) -> list[ClauseNode]:
        owner = self._owner(doc_id)
        return owner.clause_tree(doc_id) if owner else []

    def citations(self, doc_id: str) -> list[dict]:
        owner = self._owner(doc_id)
        return owner.citations(doc_id) if owner else []

    def cited_by(self, doc_id: str) -> list[dict]:
        return [row for part in self.parts for row in part.cited_by(doc_id)]

    def timed_clauses(self) -> list[dict]:
        return [row for part in self.parts for row in part.timed_clauses()]

    def incentives(self, industry: str | None = None, doc_ids: list[str] | None = None, kind: str | None = None,
                   relevance: str | None = None) -> list[dict]:
        return [f for part in self.parts for f in part.incentives(industry, doc_ids, kind, relevance)]

    def clause_industries(self, industry: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for part in self.parts:
            out.update(part.clause_industries(industry))
        return out

    def regions(self) -> list[dict]:
        return self.base.regions()

    def themes(self) -> list[str]:
        return self.base.themes()

    def sources(self) -> list[dict]:
        return [s for part in self.parts for s in part.sources()]

    def close(self) -> None:
        for part in self.parts:
            part.close()
