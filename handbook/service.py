"""The Handbook service: the one object the UI and the CLI talk to.

It owns the read-only content store and the taxonomy and answers questions in the
user's terms (documents of a region including the regions above it, a document with its
clause tree, counts for the navigation tree). Search, bookmarks and guides hang off it as
they are added, so the UI never touches SQL, Whoosh or reportlab directly.
"""

from __future__ import annotations

from pathlib import Path

from handbook.paths import bundled_db_path
from handbook.store import ClauseNode, Store
from handbook.taxonomy import Taxonomy, default_taxonomy


class Handbook:
    def __init__(self, store: Store, taxonomy: Taxonomy | None = None):
        self.store = store
        self.taxonomy = taxonomy or default_taxonomy()

    @classmethod
    def open(cls, db_path: Path | None = None) -> Handbook:
        return cls(Store(db_path or bundled_db_path()))

    @property
    def content_version(self) -> str:
        return self.store.content_version

    @property
    def content_date(self) -> str:
        return self.store.meta.get("content_date", "")

    def documents(self, region: str | None = None, theme: str | None = None, status: str | None = None,
                  with_ancestors: bool = False, include_duplicates: bool = False) -> list[dict]:
        docs = self.store.documents(include_duplicates=include_duplicates)
        if region:
            allowed = set(self.taxonomy.ancestors(region) if with_ancestors else self.taxonomy.descendants(region))
            docs = [d for d in docs if d["region"] in allowed]
        if theme:
            docs = [d for d in docs if theme in d["themes"]]
        if status:
            docs = [d for d in docs if d["status"] == status]
        return docs

    def document(self, doc_id: str) -> dict | None:
        return self.store.document(doc_id)

    def clause_tree(self, doc_id: str) -> list[ClauseNode]:
        return self.store.clause_tree(doc_id)

    def clause(self, key: str) -> dict | None:
        return self.store.clause(key)

    def region_counts(self) -> dict[str, int]:
        """Documents per region, counting a region's sub-regions too (as the tree shows them)."""
        docs = self.store.documents(include_duplicates=False)
        return {r.name: sum(1 for d in docs if d["region"] in self.taxonomy.descendants(r.name))
                for r in self.taxonomy.regions}

    def theme_counts(self) -> dict[str, int]:
        docs = self.store.documents(include_duplicates=False)
        return {t.name: sum(1 for d in docs if t.name in d["themes"]) for t in self.taxonomy.themes}

    def citation_of(self, clause_key: str) -> str:
        """《title》（文号）label — how an officer quotes a clause."""
        clause = self.store.clause(clause_key)
        if clause is None:
            return ""
        doc = self.store.document(clause["doc_id"]) or {}
        number = f"（{doc['doc_number']}）" if doc.get("doc_number") else ""
        return f"《{doc.get('title', '')}》{number}{clause['label']}"
