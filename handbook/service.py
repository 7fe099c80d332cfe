"""The Handbook service: the one object the UI and the CLI talk to.

It owns the read-only content store and the taxonomy and answers questions in the
user's terms (documents of a region including the regions above it, a document with its
clause tree, counts for the navigation tree). Search, bookmarks and guides hang off it as
they are added, so the UI never touches SQL, Whoosh or reportlab directly.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.content.service_part import ContentUpdates
from handbook.errors import HandbookError, IndexError_
from handbook.knowledge.validity import effective_status
from handbook.paths import cache_dir, shipped_index_dir
from handbook.paths import data_dir as user_data_dir
from handbook.search.index import IndexFolder, Progress
from handbook.store import ClauseNode, Store
from handbook.taxonomy import Taxonomy, default_taxonomy

if TYPE_CHECKING:  # the search engine is loaded when the index is opened (in the background), not at start-up
    from handbook.search.results import SearchResult
    from handbook.search.retrieval import Searcher


def today_from(text: str | None = None) -> date:
    """The date measures are judged against: ``text`` or HANDBOOK_TODAY (YYYY-MM-DD), else the clock."""
    text = text or os.environ.get("HANDBOOK_TODAY")
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise HandbookError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，例如 2026-11-21。") from err


class Handbook(ContentUpdates):
    """See the module docstring; content updates and imports come from ``ContentUpdates``."""

    def __init__(self, store: Store, taxonomy: Taxonomy | None = None, cache_root: Path | None = None,
                 user_db_path: Path | None = None, today: date | None = None, shipped_index_root: Path | None = None):
        self.store = store
        self.today = today or today_from()
        self._user_db_path = user_db_path
        self._bookmarks = None
        self.taxonomy = taxonomy or default_taxonomy()
        self._cache_root = cache_root
        self._searcher: Searcher | None = None
        self._shipped_root = shipped_index_root
        self._index_lock = threading.RLock()

    @classmethod
    def open(cls, db_path: Path | None = None, data_dir: str | None = None, today: date | None = None) -> Handbook:
        """``db_path`` None: the installed content update when valid, else the bundled database."""
        from handbook.content import open_content

        taxonomy = default_taxonomy()
        data = user_data_dir(data_dir)
        opened = open_content(db_path, data, taxonomy)
        hb = cls(opened.store, taxonomy, cache_root=cache_dir(data_dir) / "search", user_db_path=data / "user.sqlite",
                 today=today, shipped_index_root=shipped_index_dir())
        hb._content = (data, db_path, opened)
        return hb

    # -- bookmarks -----------------------------------------------------------------------------

    @property
    def bookmarks(self):
        """The user's bookmarks (opened on first use; re-attached if the content changed)."""
        if self._bookmarks is None:
            from handbook.bookmarks import Bookmarks
            from handbook.userdb import UserDB

            db = UserDB(self._user_db_path or user_data_dir() / "user.sqlite")
            self._bookmarks = Bookmarks(db, self.store)
            self._bookmarks.reattach()
        return self._bookmarks

    def user_data_notice(self) -> str:
        """A sentence for the user when the user database had to be set aside or is read-only, else ''."""
        kept = self.bookmarks.db.recovered_from
        if kept is None:
            return self.bookmarks.db.notice
        return f"书签数据库已损坏，已另存为 {kept.name} 并新建了空的书签数据库。旧文件未删除，可交技术人员恢复。"

    # -- search ------------------------------------------------------------------------------

    @property
    def index_folder(self) -> IndexFolder:
        """The index shipped with a packaged build when it is there for this content, else the user cache's.

        The shipped index is only ever read: builds and rebuilds go to the user cache.
        """
        if self._shipped_root is not None:
            shipped = IndexFolder(self._shipped_root, self.content_version)
            if shipped.state() == "ready":
                return shipped
        return self._cache_folder()

    def _cache_folder(self) -> IndexFolder:
        return IndexFolder(self._cache_root or cache_dir() / "search", self.content_version)

    def index_state(self) -> str:
        """``ready``, ``missing`` or ``corrupt`` — the UI builds in the background unless ready."""
        return "ready" if self._searcher else self.index_folder.state()

    def index_present(self) -> bool:
        """Whether an index for this content is there, without checking its files (cheap, for start-up:
        the check and the opening happen in ``ensure_index``, which rebuilds a damaged index)."""
        if self._searcher is not None:
            return True
        if self._shipped_root is not None and IndexFolder(self._shipped_root, self.content_version).marked():
            return True
        return self._cache_folder().marked()

    def ensure_index(self, progress: Progress | None = None, rebuild: bool = False) -> dict | None:
        """Open the search index, building it first when missing, stale or damaged.

        Returns the build figures when it had to build, else None.
        """
        with self._index_lock:
            if self._searcher is not None and not rebuild:  # opened meanwhile by another task
                return None
            if rebuild:  # the shipped index is never written to: a rebuild goes to the user cache
                self._shipped_root = None
            folder = self.index_folder
            stats = None
            if rebuild or folder.state() != "ready":
                stats = self.build_index(progress)
            try:
                ix = folder.open()
            except IndexError_:
                if folder.root == self._shipped_root:  # damaged, but read-only: left alone, the cache takes over
                    self._shipped_root = None
                    return self.ensure_index(progress)
                folder.discard()
                stats = self.build_index(progress)
                ix = folder.open()
            from handbook.search.retrieval import Searcher

            if self._searcher:
                self._searcher.close()
            self._searcher = Searcher(ix, self.store, self.taxonomy)
            return stats

    def build_index(self, progress: Progress | None = None, procs: int = 1) -> dict:
        from handbook.search.index import index_rows

        docs = self.store.documents(include_duplicates=False)
        rows = list(index_rows(docs, self.store.clause_rows))
        return self._cache_folder().build(rows, progress, procs=procs, extra=self._index_extra())

    def search(self, text: str, region: str | None = None, level: str | None = None, theme: str | None = None,
               status: str | None = None, year: str | None = None, limit: int = 20, offset: int = 0,
               flat: bool = False, cancelled=None) -> SearchResult:
        """One page of results for ``text``: document entries, or clause hits when ``flat``.

        ``limit`` counts entries (or hits), ``offset`` pages on. ``cancelled()`` true makes a running
        search stop with SearchCancelled (typing replaced it). Opens (or builds) the index on first use.
        """
        from handbook.search.retrieval import Filters

        if self._searcher is None:
            self.ensure_index()
        filters = Filters(region, level, theme, status, year)
        try:
            return self._searcher.search(text, filters, limit, offset, flat, cancelled)
        except IndexError_:  # damaged on disk since it was opened: rebuild once and retry
            self.ensure_index(rebuild=True)
            return self._searcher.search(text, filters, limit, offset, flat, cancelled)

    def more_clauses(self, text: str, doc_id: str, region: str | None = None, level: str | None = None,
                     theme: str | None = None, status: str | None = None, year: str | None = None) -> list:
        """Every clause of ``doc_id`` matching ``text`` (the rest behind "该文件还有 N 处匹配")."""
        from handbook.search.retrieval import Filters

        if self._searcher is None:
            self.ensure_index()
        return self._searcher.more_clauses(text, doc_id, Filters(region, level, theme, status, year))

    @property
    def content_version(self) -> str:
        return self.store.content_version

    @property
    def content_date(self) -> str:
        return self.store.meta.get("content_date", "")

    def documents(self, region: str | None = None, theme: str | None = None, status: str | None = None,
                  with_ancestors: bool = False, include_duplicates: bool = False) -> list[dict]:
        docs = [self._dated(d) for d in self.store.documents(include_duplicates=include_duplicates)]
        if region:
            allowed = set(self.taxonomy.ancestors(region) if with_ancestors else self.taxonomy.descendants(region))
            docs = [d for d in docs if d["region"] in allowed]
        if theme:
            docs = [d for d in docs if theme in d["themes"]]
        if status:
            docs = [d for d in docs if d["status"] == status]
        return docs

    def document(self, doc_id: str) -> dict | None:
        doc = self.store.document(doc_id)
        return self._dated(doc) if doc else None

    def _dated(self, doc: dict) -> dict:
        """``status`` as of ``self.today`` (已到期 once the document's own validity has ended)."""
        doc["status"] = effective_status(doc, self.today)
        return doc

    def document_status(self, doc: dict, today: date | None = None) -> str:
        return effective_status(doc, today or self.today)

    # -- clause knowledge --------------------------------------------------------------------------

    def incentives(self, industry: str | None = None, region: str | None = None, kind: str | None = None,
                   today: date | None = None, relevance: str | None = None) -> list[dict]:
        """Incentive facts of documents in force on ``today`` (default: self.today).

        ``industry``: an id or name from the catalogue; ``region``: that region and every region above
        it. Facts whose own window has ended, and facts of repealed, superseded, expired or draft
        documents, are left out.
        """
        today = today or self.today
        industry_id = None
        if industry:
            from handbook.industries import default_catalogue

            industry_id = default_catalogue().find(industry).id
        docs = self.documents(region=region, with_ancestors=bool(region), include_duplicates=False)
        live = {d["id"]: d for d in docs if effective_status(d, today) == "现行有效"}
        facts = self.store.incentives(industry_id, list(live), kind, relevance)
        out = []
        for f in facts:
            end = (f["window"] or {}).get("end")
            if end and end < today.isoformat():
                continue
            doc = live[f["doc_id"]]
            f.update(title=doc["title"], doc_number=doc["doc_number"], level=doc["level"], region=doc["region"])
            out.append(f)
        return out

    def clause_tree(self, doc_id: str) -> list[ClauseNode]:
        return self.store.clause_tree(doc_id)

    def clause(self, key: str) -> dict | None:
        return self.store.clause(key)

    def region_counts(self) -> dict[str, int]:
        """Documents per region, counting a region's sub-regions too (as the tree shows them)."""
        counts = {r.name: 0 for r in self.taxonomy.regions}
        known = set(counts)
        for doc in self.store.documents(include_duplicates=False):
            if doc["region"] in known:  # counted for its region and every region above it
                for name in self.taxonomy.ancestors(doc["region"]):
                    counts[name] += 1
        return counts

    def theme_counts(self) -> dict[str, int]:
        docs = self.store.documents(include_duplicates=False)
        return {t.name: sum(1 for d in docs if t.name in d["themes"]) for t in self.taxonomy.themes}

    def region_tree(self) -> list[dict]:
        """Regions depth-first (each followed by its sub-regions, so a flat list indented by
        ``depth`` reads as the tree) with parent, level name and document count (sub-regions included)."""
        counts = self.region_counts()
        children: dict[str | None, list] = {}
        for r in self.taxonomy.regions:
            children.setdefault(r.parent, []).append(r)
        out: list[dict] = []

        def walk(parent: str | None, depth: int) -> None:
            for r in children.get(parent, []):
                out.append({"name": r.name, "parent": r.parent, "level": r.level, "depth": depth,
                            "level_name": self.taxonomy.level_names.get(r.level, r.level), "count": counts.get(r.name, 0)})
                walk(r.name, depth + 1)

        walk(None, 0)
        return out

    def theme_list(self) -> list[dict]:
        counts = self.theme_counts()
        return [{"name": t.name, "count": counts.get(t.name, 0)} for t in self.taxonomy.themes]

    def level_names(self) -> dict[str, str]:
        return dict(self.taxonomy.level_names)

    def citations(self, doc_id: str) -> list[dict]:
        """Documents this one cites, per clause: cited_title, cited_number, target_doc (or None)."""
        return self.store.citations(doc_id)

    def cited_by(self, doc_id: str) -> list[dict]:
        """Documents that cite this one: doc_id, title and the first citing clause_key."""
        out = []
        for row in self.store.cited_by(doc_id):
            keys = sorted(c["clause_key"] for c in self.store.citations(row["doc_id"]) if c.get("target_doc") == doc_id)
            out.append({**row, "clause_key": keys[0] if keys else None})
        return out

    def validity(self, doc: dict) -> dict:
        """What a reader shows about a document's force: status, draft, trial, effective, valid_until."""
        return {"status": doc["status"], "draft": bool(doc.get("draft")) or doc["status"] == "征求意见稿",
                "trial": bool(doc.get("trial")), "effective": doc.get("effective"), "valid_until": doc.get("valid_until")}

    # -- start page, expiry, comparison ---------------------------------------------------------

    def expiring(self, ahead_months: int = 6, behind_months: int = 6, today=None) -> tuple[list, list]:
        """(ending within ``ahead_months``, ended in the last ``behind_months``): ``Expiry`` items."""
        from handbook.expiry import expiring, months_to_days

        return expiring(self.store.documents(include_duplicates=False), self.store.timed_clauses(), today or self.today,
                        months_to_days(ahead_months), months_to_days(behind_months))

    def newest_by_year(self, years: int = 3) -> list[tuple[int, list[dict]]]:
        """The latest ``years`` years that have documents, newest first, each with its documents (newest first)."""
        by_year: dict[int, list[dict]] = {}
        for doc in self.store.documents(include_duplicates=False):
            year = doc.get("year") or (int(doc["date"][:4]) if doc.get("date") else None)
            if year:
                by_year.setdefault(int(year), []).append(doc)
        return [(y, sorted(by_year[y], key=lambda d: d.get("date") or "", reverse=True))
                for y in sorted(by_year, reverse=True)[:years]]

    def compare(self, regions: list[str], industry: str | None = None, kind: str | None = None, today=None):
        """A ``Comparison`` of 2–4 regions (see handbook.compare)."""
        from handbook.compare import compare

        return compare(self, regions, industry, kind, today)

    def export_comparison(self, comparison, path: Path, fmt: str) -> Path:
        from handbook.compare import write_csv, write_pdf

        return (write_pdf if fmt == "pdf" else write_csv)(comparison, Path(path))

    # -- investment guides ---------------------------------------------------------------------

    def industries(self) -> list[dict]:
        from handbook.industries import default_catalogue

        return [i.to_json() for i in default_catalogue().industries]

    def compose_guide(self, industry: str, region: str, progress: Progress | None = None, **options):
        """A composed ``Guide`` (see handbook.guide.compose for the options)."""
        from handbook.guide import compose

        return compose(self, industry, region, progress=progress, **options)

    def compose_briefing(self, folder: str, region: str | None = None, progress: Progress | None = None, **options):
        """A briefing ``Guide`` from a bookmark folder (see handbook.guide.compose_briefing)."""
        from handbook.guide import compose_briefing

        return compose_briefing(self, folder, region, progress=progress, **options)

    def render_guide(self, guide, path: Path, page_size: str = "A4", progress: Progress | None = None) -> dict:
        from handbook.guide import render

        return render(guide, Path(path), page_size, progress)

    def citation_of(self, clause_key: str) -> str:
        """How an officer quotes a clause: the citation the knowledge stage wrote (《title》（文号 or
        issuer + year）label path), unambiguous without a 文号."""
        clause = self.store.clause(clause_key)
        return (clause or {}).get("citation") or ""
