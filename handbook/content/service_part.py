"""The Handbook service's part for content updates and imported policies.

``Handbook`` (handbook/service.py) inherits these methods: reading, installing and rolling back an
update pack, drafting, saving and removing an imported policy, and reopening the content after any
of them (the search index and the bookmarks follow). Kept apart so service.py stays readable.
"""

from __future__ import annotations

from pathlib import Path

from handbook.paths import data_dir as user_data_dir
from handbook.store import Store


class ContentUpdates:
    """Mixed into ``Handbook``; uses its ``store``, ``taxonomy``, ``_index_lock``, ``_searcher``, ``_bookmarks``."""

    def content_notices(self) -> list[str]:
        """Sentences for the user when installed or imported content had to be passed over."""
        content = getattr(self, "_content", None)
        return list(content[2].notices) if content else []

    def installed_update(self) -> dict | None:
        """The installed content-update pack in use (its pointer), or None for the bundled content."""
        content = getattr(self, "_content", None)
        return content[2].installed if content else None

    def _data_root(self) -> Path:
        content = getattr(self, "_content", None)
        return content[0] if content else user_data_dir()

    def read_update(self, path: Path) -> dict:
        """A pack's manifest and its own changelog (also as Chinese lines), verified, before installing."""
        from handbook.content.changelog import describe
        from handbook.content.pack import changelog_of, read_manifest

        info = read_manifest(Path(path))
        log = changelog_of(Path(path), info)
        return {"manifest": info.manifest, "changelog": log, "lines": describe(log)}

    def install_update(self, path: Path) -> dict:
        """Install a content-update pack, switch to it, re-attach bookmarks; see content.report."""
        from handbook.content.install import ContentFolder
        from handbook.content.report import switch_report

        result = ContentFolder(self._data_root()).install(Path(path), getattr(self.store, "base", self.store))
        return switch_report(self, result["changelog"], lambda: self._reopen(None), result)

    def rollback_update(self) -> dict | None:
        """Back to the bundled content; None when no update was installed."""
        from handbook.content.changelog import compare
        from handbook.content.install import ContentFolder
        from handbook.content.report import switch_report
        from handbook.paths import bundled_db_path

        folder = ContentFolder(self._data_root())
        if folder.pointer() is None:
            return None
        bundled = Store(bundled_db_path())
        log = compare(getattr(self.store, "base", self.store), bundled)
        bundled.close()
        folder.rollback()
        return switch_report(self, log, lambda: self._reopen(None), {"version": log["to_version"]})

    def draft_import(self, path: Path, region: str | None = None, level: str | None = None):
        """Parse a .txt/.docx/.pdf policy file for the confirmation step (nothing saved yet)."""
        from handbook.content.imports import ImportLibrary

        return ImportLibrary(self._data_root(), self.taxonomy).draft(Path(path), region, level)

    def save_import(self, draft, corrections: list[dict] | None = None) -> list[str]:
        """Keep a confirmed import (``corrections``: one dict of edited fields per document); returns ids."""
        from handbook.content.imports import ImportLibrary

        ids = ImportLibrary(self._data_root(), self.taxonomy).save(draft, corrections)
        self._reopen(getattr(self, "_content", (None, None))[1])
        return ids

    def remove_import(self, doc_id: str) -> dict:
        from handbook.content.imports import ImportLibrary

        record = ImportLibrary(self._data_root(), self.taxonomy).remove(doc_id)
        self._reopen(getattr(self, "_content", (None, None))[1])
        return record

    def _reopen(self, db_path: Path | None) -> None:
        """Read from freshly opened content; the index follows the new content version."""
        from handbook.content import open_content

        data = self._data_root()
        opened = open_content(db_path, data, self.taxonomy)
        with self._index_lock:
            self.store = opened.store
            self._content = (data, db_path, opened)
            if self._searcher:
                self._searcher.close()
            self._searcher = None
        if self._bookmarks is not None:
            self._bookmarks.content = self.store
            self._bookmarks.reattach()

    def _index_extra(self) -> dict:
        """Recorded with the search index: the base content and the imported documents it covers."""
        imported = getattr(self.store, "imported", None)
        base = getattr(self.store, "base", self.store)
        return {"base": base.content_version,
                "imported": [d["id"] for d in imported.documents()] if imported else []}

