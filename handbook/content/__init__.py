"""New policies after install: content-update packs and the officer's own imports.

- ``pack.py``: write a ``.hbpack`` (database + manifest with SHA-256 + changelog), read it verified;
- ``changelog.py``: documents added / changed / repealed / removed between two editions;
- ``install.py``: installed editions in the user-data folder (atomic install, start-up choice, rollback);
- ``extract.py``, ``imports.py``: text from .txt/.docx/.pdf, parsed by the build pipeline, kept as user data;
- ``union.py``: the bundled or installed content plus the imports, seen as one store.

``open_content`` is what ``Handbook.open`` calls to get the store to read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.content.imports import ImportLibrary
from handbook.content.install import ContentFolder
from handbook.content.union import UnionStore
from handbook.paths import bundled_db_path
from handbook.store import Store
from handbook.taxonomy import Taxonomy


@dataclass
class OpenedContent:
    store: UnionStore
    installed: dict | None  # pointer of the installed edition in use, None for bundled / --db
    notices: list[str] = field(default_factory=list)


def open_content(db_path: Path | None, data_dir: Path, taxonomy: Taxonomy) -> OpenedContent:
    """The content to read: ``db_path`` if given, else an installed edition when valid, else the
    bundled database — plus the imported documents of ``data_dir``."""
    notices: list[str] = []
    installed = None
    if db_path is None:
        choice = ContentFolder(data_dir).choose(bundled_db_path())
        db_path, installed = choice.path, choice.installed
        if choice.notice:
            notices.append(choice.notice)
    base = Store(Path(db_path))
    imported, notice = ImportLibrary(data_dir, taxonomy).open_store()
    if notice:
        notices.append(notice)
    return OpenedContent(UnionStore(base, imported), installed, notices)
