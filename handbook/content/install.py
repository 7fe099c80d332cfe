"""Installed content packs in the user-data folder: install, choose at start-up, roll back.

Layout under ``<data>/content/``::

    current.json            which installed edition is in use (the one commit point)
    <content_version>/      handbook.sqlite, manifest.json, changelog.json of that edition

An install verifies the pack, unpacks into a hidden temporary folder, checks the database
opens and passes ``quick_check``, renames the folder into place and only then replaces
``current.json`` (write to a temporary file, fsync, rename). Killed at any step before
that rename, the previous content stays in use; leftovers are cleared by the next install.
``choose`` decides at start-up which database to open: the installed edition when its
pointer, size, SHA-256 (recomputed only when the file's modification time changed since the
install, to keep start-up fast) and schema check out and it is not older than the bundled content;
a damaged edition falls back to the bundled content with a Chinese notice.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from handbook.content.pack import DB_MEMBER, MANIFEST_MEMBER, PackInfo, changelog_of, extract, read_manifest, sha256_file
from handbook.errors import ContentError, PackError, UserDataError
from handbook.store import SCHEMA_VERSION, Store

POINTER = "current.json"


def release_of(store: Store) -> tuple[str, str]:
    return (store.meta.get("content_date") or "", store.meta.get("built_at") or "")


@dataclass
class Choice:
    path: Path  # the content database to open
    installed: dict | None  # the pointer of the installed edition in use, or None (bundled)
    notice: str = ""  # Chinese sentence when an installed edition had to be passed over


class ContentFolder:
    """The ``content`` folder of one user-data folder."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "content"

    @property
    def pointer_path(self) -> Path:
        return self.root / POINTER

    def pointer(self) -> dict | None:
        try:
            return json.loads(self.pointer_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {"broken": True}

    # -- choosing at start-up ---------------------------------------------------------------

    def choose(self, bundled: Path) -> Choice:
        pointer = self.pointer()
        if pointer is None:
            return Choice(bundled, None)
        problem = self._check(pointer)
        if problem:
            version = str(pointer.get("version", ""))[:12]
            return Choice(bundled, None, f"已安装的政策库更新（版本 {version}）{problem}，已改用随程序安装的内容。"
                                         "请重新安装更新包（文件 → 更新政策库…）。")
        db = self.root / pointer["version"] / DB_MEMBER
        try:
            bundled_store = Store(bundled)
            newer_bundle = release_of(bundled_store) > tuple(pointer.get("release") or ("", ""))
            bundled_store.close()
        except ContentError:
            newer_bundle = False
        if newer_bundle:  # the program was upgraded with newer content than the pack
            return Choice(bundled, None)
        return Choice(db, pointer)

    def _check(self, pointer: dict) -> str:
        if pointer.get("broken") or not isinstance(pointer.get("version"), str):
            return "的记录文件已损坏"
        db = self.root / pointer["version"] / DB_MEMBER
        if not db.is_file():
            return "的数据库文件不见了"
        stat = db.stat()
        if stat.st_size != pointer.get("bytes"):
            return "的数据库文件已损坏"
        # The full SHA-256 (≈0.1 s) only when the file was touched since it was installed.
        if stat.st_mtime_ns != pointer.get("mtime_ns") and sha256_file(db) != pointer.get("sha256"):
            return "的数据库文件已损坏"
        try:
            store = Store(db)
        except ContentError:
            return "的数据库无法打开"
        ok = store.content_version == pointer["version"] and store.meta.get("schema_version") == SCHEMA_VERSION
        store.close()
        return "" if ok else "与本程序版本不符"

    # -- install ----------------------------------------------------------------------------

    def install(self, pack: Path, current: Store) -> dict:
        """Verify and install ``pack``; ``current`` is the content in use. Returns the pointer
        plus ``changelog`` (against ``current``) and ``seconds``. Raises PackError, changes nothing."""
        from handbook.content.changelog import compare

        started = time.perf_counter()
        info = read_manifest(pack)
        self._refuse_if_not_newer(info, current)
        tmp = self.root / f".install-{os.getpid()}-{int(time.time() * 1000)}"
        try:
            tmp.mkdir(parents=True)
            db = extract(pack, info, DB_MEMBER, tmp / DB_MEMBER)
            packed_log = changelog_of(pack, info)
            new = self._open_checked(db, info)
            log = compare(current, new)
            new.close()
            (tmp / MANIFEST_MEMBER).write_text(json.dumps(info.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            (tmp / "changelog.json").write_text(json.dumps(packed_log, ensure_ascii=False, indent=1), encoding="utf-8")
            final = self.root / info.content_version
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
            pointer = {"version": info.content_version, "sha256": info.manifest["parts"][DB_MEMBER]["sha256"],
                       "bytes": info.manifest["parts"][DB_MEMBER]["bytes"], "release": list(info.release),
                       "installed_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "pack": pack.name,
                       "mtime_ns": (final / DB_MEMBER).stat().st_mtime_ns}
            self._write_pointer(pointer)
        except OSError as err:
            reason = "磁盘空间不足" if err.errno == 28 else (err.strerror or str(err))
            raise UserDataError(f"无法安装更新包：{reason}（{self.root}）。原有内容仍在使用，未作任何更改。") from err
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        self._remove_others(info.content_version)
        return {**pointer, "changelog": log, "seconds": round(time.perf_counter() - started, 2)}

    def _refuse_if_not_newer(self, info: PackInfo, current: Store) -> None:
        if info.content_version == current.content_version:
            raise PackError("此更新包的内容与正在使用的内容相同，无需安装。")
        if info.release < release_of(current):
            date, built = info.release
            raise PackError(f"此更新包（政策截至 {date}，{built} 生成）比正在使用的内容旧，已拒绝安装，未作任何更改。")

    def _open_checked(self, db: Path, info: PackInfo) -> Store:
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            result = conn.execute("pragma quick_check").fetchone()[0]
            conn.close()
        except sqlite3.DatabaseError as err:
            raise PackError(f"更新包中的数据库无法打开（{err}），未作任何更改。") from err
        if result != "ok":
            raise PackError("更新包中的数据库未通过完整性检查，未作任何更改。")
        try:
            store = Store(db)
        except ContentError as err:
            raise PackError(f"更新包中的数据库无法使用：{err}") from err
        if store.content_version != info.content_version:
            store.close()
            raise PackError("更新包中的数据库版本与清单不符，未作任何更改。")
        return store

    def _write_pointer(self, pointer: dict) -> None:
        tmp = self.root / f".{POINTER}.tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json.dumps(pointer, ensure_ascii=False, indent=1))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.pointer_path)
        try:  # make the rename itself durable
            fd = os.open(self.root, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
        except OSError:
            pass

    def _remove_others(self, keep: str | None) -> None:
        if not self.root.exists():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name != keep:
                shutil.rmtree(child, ignore_errors=True)

    # -- rollback ---------------------------------------------------------------------------

    def rollback(self) -> bool:
        """Return to the bundled content. False when no edition was installed."""
        pointer = self.pointer()
        if pointer is None:
            return False
        try:
            self.pointer_path.unlink()
        except OSError as err:
            raise UserDataError(f"无法恢复随程序安装的内容：{err.strerror or err}（{self.root}）。") from err
        self._remove_others(None)
        return True
