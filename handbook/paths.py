"""Where files live: bundled resources, the bundled database, user data and cache.

``resource_path()`` resolves every bundled file (works from a checkout and from a frozen
bundle). User data (bookmarks, settings) and the search-index cache live in the
platform's folders (platformdirs) unless ``--data-dir`` or ``HANDBOOK_DATA_DIR`` points
elsewhere, e.g. a USB stick. A folder that cannot be created or written (a read-only
install or USB stick) never stops the program: the cache then moves to a private folder
under the system temp folder and ``notices()`` says so; user data stays where it is
(bookmarks open read-only, see userdb.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "PolicyHandbook"
APP_AUTHOR = "PolicyHandbook"
_notices: list[str] = []


def notices() -> list[str]:
    """Sentences for the user about folders that could not be used as asked (Chinese)."""
    return list(dict.fromkeys(_notices))


def _writable_folder(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK)


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


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """User-data folder: explicit override, then HANDBOOK_DATA_DIR, then platformdirs."""
    chosen = override or os.environ.get("HANDBOOK_DATA_DIR")
    path = Path(chosen) if chosen else Path(user_data_dir(APP_NAME, APP_AUTHOR))
    if not _writable_folder(path):
        _notices.append(f"用户数据文件夹 {path} 无法写入：书签只能查看，设置不会保存。")
    return path


def cache_dir(data_override: str | os.PathLike | None = None) -> Path:
    """Cache folder (search index). Lives inside an explicit data dir when one is given;
    falls back to a private temp folder when that cannot be written."""
    chosen = data_override or os.environ.get("HANDBOOK_DATA_DIR")
    path = Path(chosen) / "cache" if chosen else Path(user_cache_dir(APP_NAME, APP_AUTHOR))
    if _writable_folder(path):
        return path
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    fallback = Path(tempfile.gettempdir()) / f"{APP_NAME}-cache-{user}"
    if _writable_folder(fallback) and hasattr(os, "getuid") and fallback.stat().st_uid != os.getuid():
        fallback = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-cache-"))  # someone else's folder: never share it
    if _writable_folder(fallback):
        _notices.append(f"缓存文件夹 {path} 无法写入，搜索索引暂存于 {fallback}（每次重启电脑后可能需要重新建立）。")
        return fallback
    _notices.append(f"缓存文件夹 {path} 无法写入，搜索索引无法保存。")
    return path
