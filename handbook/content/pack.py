"""Content-update packs (``.hbpack``): writing one and reading it back, verified.

A pack is one ZIP file with three members:

- ``manifest.json``: format name and version, the content version, schema version, dates
  (``content_date`` = newest policy date, ``built_at``, ``created_at``), document count and,
  for every other member, its SHA-256 and size;
- ``handbook.sqlite``: the content database as ``python -m handbook build`` wrote it;
- ``changelog.json``: documents added, changed, repealed and removed against the previous
  edition (see ``changelog.compare``).

``read_manifest`` checks the format before anything is unpacked; ``extract`` streams a
member to disk while hashing it and refuses it when the digest or size differ. A
truncated or altered file never gets past either.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.content.changelog import compare
from handbook.errors import ContentError, PackError
from handbook.store import SCHEMA_VERSION, Store

if TYPE_CHECKING:
    import zipfile

# hashlib, zipfile and tempfile are imported where a pack is read or written: the app's start-up
# only asks for the member names.

FORMAT = "policy-handbook-pack"
FORMAT_VERSION = 1
DB_MEMBER = "handbook.sqlite"
CHANGELOG_MEMBER = "changelog.json"
MANIFEST_MEMBER = "manifest.json"
SUFFIX = ".hbpack"


def sha256_file(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_pack(db_path: Path, output: Path, previous: Path | None = None) -> dict:
    """Write a pack of the database at ``db_path``; the changelog is against ``previous`` (a
    database or a pack) or lists every document as added. Returns the manifest."""
    import hashlib
    import tempfile
    import zipfile

    from handbook.fileio import atomic_write

    try:
        new = Store(db_path)
    except ContentError as err:
        raise PackError(f"无法打包：{err}") from err
    old, tmp_dir = None, None
    if previous is not None:
        if previous.suffix == SUFFIX:
            tmp_dir = tempfile.TemporaryDirectory(prefix="hbpack-prev-")
            previous = extract(previous, read_manifest(previous), DB_MEMBER, Path(tmp_dir.name) / DB_MEMBER)
        old = Store(previous)
    try:
        log = compare(old, new)
    finally:
        if old:
            old.close()
        if tmp_dir:
            tmp_dir.cleanup()
    changelog = json.dumps(log, ensure_ascii=False, indent=1).encode("utf-8")
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "content_version": new.content_version, "schema_version": new.meta.get("schema_version", ""),
        "content_date": new.meta.get("content_date", ""), "built_at": new.meta.get("built_at", ""),
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "previous_version": log["from_version"],
        "documents": len(new.documents()),
        "parts": {DB_MEMBER: {"sha256": sha256_file(db_path), "bytes": db_path.stat().st_size},
                  CHANGELOG_MEMBER: {"sha256": hashlib.sha256(changelog).hexdigest(), "bytes": len(changelog)}},
    }
    new.close()

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            z.writestr(MANIFEST_MEMBER, json.dumps(manifest, ensure_ascii=False, indent=1))
            z.writestr(CHANGELOG_MEMBER, changelog)
            z.write(db_path, DB_MEMBER)

    atomic_write(output, write)
    return manifest


@dataclass
class PackInfo:
    path: Path
    manifest: dict

    @property
    def content_version(self) -> str:
        return self.manifest["content_version"]

    @property
    def release(self) -> tuple[str, str]:
        """What orders editions: the newest policy date, then the build date."""
        return (self.manifest.get("content_date") or "", self.manifest.get("built_at") or "")


def _open_zip(path: Path) -> zipfile.ZipFile:
    import zipfile

    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as err:
        raise PackError(f"找不到更新包 {path}。") from err
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise PackError(f"更新包 {path.name} 不完整或已损坏（无法读取文件目录），未作任何更改。请重新下载或拷贝。") from err


def read_manifest(path: Path) -> PackInfo:
    """The pack's manifest, after checking the format; raises PackError, changes nothing."""
    import zipfile

    with _open_zip(path) as z:
        try:
            manifest = json.loads(z.read(MANIFEST_MEMBER).decode("utf-8"))
        except KeyError as err:
            raise PackError(f"{path.name} 不是政策库更新包（缺少清单）。") from err
        except (zipfile.BadZipFile, OSError, ValueError, UnicodeDecodeError) as err:
            raise PackError(f"更新包 {path.name} 的清单已损坏，未作任何更改。") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackError(f"{path.name} 不是政策库更新包。")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise PackError(f"更新包 {path.name} 的格式（第 {version} 版）比本程序新，请先升级政策手册程序。")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise PackError(f"更新包 {path.name} 的数据结构（{manifest.get('schema_version')}）与本程序（{SCHEMA_VERSION}）不符，"
                        "请使用与本程序版本配套的更新包。")
    parts = manifest.get("parts")
    if not isinstance(parts, dict) or DB_MEMBER not in parts or not manifest.get("content_version"):
        raise PackError(f"更新包 {path.name} 的清单不完整，未作任何更改。")
    return PackInfo(path, manifest)


def extract(path: Path, info: PackInfo, member: str, target: Path) -> Path:
    """Unpack ``member`` to ``target`` and check its SHA-256 and size against the manifest."""
    import hashlib
    import zipfile

    expected = info.manifest["parts"].get(member) or {}
    h = hashlib.sha256()
    size = 0
    try:
        with _open_zip(path) as z, z.open(member) as src, open(target, "wb") as out:
            for block in iter(lambda: src.read(1 << 20), b""):
                h.update(block)
                size += len(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
    except KeyError as err:
        raise PackError(f"更新包 {path.name} 缺少 {member}，未作任何更改。") from err
    except (zipfile.BadZipFile, EOFError, ValueError) as err:  # CRC error, truncated member
        raise PackError(f"更新包 {path.name} 已损坏（{member} 校验失败），未作任何更改。请重新下载或拷贝。") from err
    if h.hexdigest() != expected.get("sha256") or size != expected.get("bytes"):
        raise PackError(f"更新包 {path.name} 已损坏（{member} 的 SHA-256 与清单不符），未作任何更改。")
    return target


def changelog_of(path: Path, info: PackInfo) -> dict:
    """The changelog stored in the pack (verified)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="hbpack-log-") as tmp:
        target = extract(path, info, CHANGELOG_MEMBER, Path(tmp) / CHANGELOG_MEMBER)
        return json.loads(target.read_text(encoding="utf-8"))
