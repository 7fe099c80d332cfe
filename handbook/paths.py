"""Where files live: bundled resources, the bundled database, user data and cache.

``resource_path()`` resolves every bundled file (works from a checkout and from a frozen
bundle, where ``sys._MEIPASS`` is the bundle's data folder). A packaged build also ships the
search index prebuilt for its database (``shipped_index_dir()``, read only). User data
(bookmarks, settings) and the search-index cache live in the platform's folders
(platformdirs) unless ``--data-dir`` or ``HANDBOOK_DATA_DIR`` points elsewhere, e.g. a USB
stick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "PolicyHandbook"
APP_AUTHOR = "PolicyHandbook"


def project_root() -> Path:
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a bundled file under ``resources/``."""
    return project_root().joinpath("resources", *parts)


def bundled_db_path() -> Path:
    return project_root() / "db" / "handbook.sqlite"


def shipped_index_dir() -> Path:
    """Folder of the search indexes prebuilt into a packaged build (absent in a checkout)."""
    return project_root() / "index"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """User-data folder: explicit override, then HANDBOOK_DATA_DIR, then platformdirs."""
    chosen = override or os.environ.get("HANDBOOK_DATA_DIR")
    path = Path(chosen) if chosen else Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir(data_override: str | os.PathLike | None = None) -> Path:
    """Cache folder (search index). Lives inside an explicit data dir when one is given."""
    chosen = data_override or os.environ.get("HANDBOOK_DATA_DIR")
    path = Path(chosen) / "cache" if chosen else Path(user_cache_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path
