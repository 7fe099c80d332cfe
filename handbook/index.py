"""The Whoosh search index over clauses: schema, build, and its life on disk.

The index lives in the user cache folder (the install folder may be read-only) in a
sub-folder named after the content version of ``db/handbook.sqlite`` and the analyzer
version, so a new edition of the content or a new analyzer never reads an old index. A
folder is only used once its ``READY`` marker exists: builds go to a temporary folder
that is renamed into place, so an interrupted build leaves nothing half-written. The
marker records the size and CRC-32 of every index file; ``state()`` and ``open()`` check
them (once per set of file stamps; bench/index_open_bench.py prints the cost), so a cut or
overwritten file is noticed before Whoosh reads it, and any error while opening counts
as damage. A missing, stale or damaged index is rebuilt by the service; older index
folders are removed after a successful build.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, TEXT, Schema

from handbook.analysis import ANALYZER_VERSION, analyzer
from handbook.docnumber import compact
from handbook.errors import IndexError_, explain

Progress = Callable[[str, float], None]

READY = "READY"
_verified: dict[tuple, bool] = {}  # file stamps -> digests matched (checked once per change)


def _index_files(path: Path) -> list[Path]:
    """The files whose bytes make up the index (not the marker, not Whoosh's lock files)."""
    return sorted(p for p in path.iterdir() if p.is_file() and p.name != READY and not p.name.endswith("LOCK"))


def _digest(path: Path) -> str:
    """CRC-32 of the file: catches damage (not tampering) at memory speed."""
    crc = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            crc = zlib.crc32(block, crc)
    return f"crc32:{crc:08x}"


def fingerprint(path: Path) -> dict[str, list]:
    """``{file name: [size, digest]}`` of an index folder, as recorded in its READY marker."""
    return {p.name: [p.stat().st_size, _digest(p)] for p in _index_files(path)}


def schema() -> Schema:
    cjk = analyzer()
    return Schema(
        key=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        body=TEXT(analyzer=cjk, phrase=False),  # no positions: see search._form_query
        doc_number=ID(),
        issuers=KEYWORD(commas=True),
        region=ID(),
        level=ID(),
        themes=KEYWORD(commas=True),
        status=ID(),
        year=ID(),
    )


def document_year(doc: dict) -> str:
    number = doc.get("doc_number") or ""
    for token in ("〔", "公告"):
        if token in number:
            tail = number.split(token, 1)[1]
            if tail[:4].isdigit():
                return tail[:4]
    date = doc.get("date") or ""
    return date[:4] if date[:4].isdigit() else ""


def index_rows(documents: Iterable[dict], clauses_of: Callable[[str], list[dict]]) -> Iterable[dict]:
    """One index record per clause of every non-duplicate document."""
    for doc in documents:
        if doc.get("duplicate_of"):
            continue
        common = {
            "doc_id": doc["id"],
            "doc_number": compact(doc["doc_number"]) if doc.get("doc_number") else "",
            "issuers": ",".join(doc.get("issuers") or []),
            "region": doc["region"],
            "level": doc["level"],
            "themes": ",".join(doc.get("themes") or []),
            "status": doc["status"],
            "year": document_year(doc),
        }
        for clause in clauses_of(doc["id"]):
            yield {"key": clause["key"], "body": clause["text"] or clause["heading"] or "", **common}


class IndexFolder:
    """Where the index for one content version lives, and whether it is usable."""

    def __init__(self, root: Path, content_version: str):
        self.root = root
        self.name = f"{content_version[:16]}-a{ANALYZER_VERSION}"
        self.path = root / self.name

    def state(self) -> str:
        """``ready``, ``missing`` or ``corrupt`` (no valid READY marker, or files that differ from it)."""
        if not self.path.exists():
            return "missing"
        try:
            self._verify()
        except Exception:  # noqa: BLE001 - any failure to read the index means it cannot be used
            return "corrupt"
        return "ready"

    def _verify(self) -> None:
        """Raise unless the marker names this folder and every file has its recorded size and digest."""
        info = json.loads((self.path / READY).read_text(encoding="utf-8"))
        recorded = info.get("files") if isinstance(info, dict) else None
        if info.get("name") != self.name or not isinstance(recorded, dict) or not recorded:
            raise ValueError("READY marker of another index or without file digests")
        files = _index_files(self.path)
        stamps = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
        if sorted(recorded) != [p.name for p in files] or any(recorded[n][0] != size for n, size, _ in stamps):
            raise ValueError("index files differ from the READY marker")
        key = (str(self.path), stamps)
        if key not in _verified:
            _verified[key] = all(recorded[p.name][1] == _digest(p) for p in files)
        if not _verified[key]:
            raise ValueError("index file digest differs from the READY marker")

    def open(self):
        """The opened Whoosh index; any read error (damage, cut or changed files) raises IndexError_."""
        try:
            self._verify()
            ix = whoosh_index.open_dir(str(self.path))
            with ix.reader() as reader:  # reads every segment's header
                reader.doc_count()
            return ix
        except Exception as err:  # noqa: BLE001 - whoosh raises many types (EOFError, struct.error, …)
            raise IndexError_("搜索索引已损坏，正在重新建立。") from err

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def marker(self) -> dict:
        """What the READY marker records (name, clause count and the builder's extras)."""
        try:
            return json.loads((self.path / READY).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def siblings(self) -> list[IndexFolder]:
        """Other ready index folders of the same analyzer (older content versions)."""
        out = []
        for other in self.root.iterdir() if self.root.exists() else []:
            if other != self.path and other.is_dir() and other.name.endswith(f"-a{ANALYZER_VERSION}"):
                folder = IndexFolder(self.root, other.name.rsplit("-a", 1)[0])
                if folder.state() == "ready":
                    out.append(folder)
        return out

    def derive(self, source: IndexFolder, drop_doc_ids: Iterable[str], rows: list[dict], extra: dict | None = None) -> dict:
        """This version's index as a copy of ``source`` without ``drop_doc_ids``, plus ``rows``
        (an import added or removed: seconds instead of a full build). Moved into place atomically."""
        started = time.perf_counter()
        tmp = self.root / f".{self.name}.tmp-{os.getpid()}"
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(source.path, tmp)
            (tmp / READY).unlink()
            ix = whoosh_index.open_dir(str(tmp))
            writer = ix.writer(limitmb=64)
            for doc_id in drop_doc_ids:
                writer.delete_by_term("doc_id", doc_id)
            for row in rows:
                writer.add_document(**row)
            writer.commit()
            clauses = ix.doc_count()
            ix.close()
            marker = {"name": self.name, "clauses": clauses, "files": fingerprint(tmp), **(extra or {})}
            (tmp / READY).write_text(json.dumps(marker), encoding="utf-8")
            self.discard()
            os.replace(tmp, self.path)
        except OSError as err:
            shutil.rmtree(tmp, ignore_errors=True)
            raise IndexError_(f"无法写入搜索索引（{err.strerror or err}）。请检查磁盘空间和文件夹权限：{self.root}") from err
        self._remove_older()
        return {"clauses": clauses, "seconds": round(time.perf_counter() - started, 2),
                "bytes": sum(p.stat().st_size for p in self.path.iterdir()), "derived": True}

    def build(self, rows: list[dict], progress: Progress | None = None, procs: int = 1, extra: dict | None = None) -> dict:
        """Write a fresh index for ``rows`` and move it into place. Returns build figures.

        ``extra`` is recorded in the READY marker (the service notes which content it covers)."""
        started = time.perf_counter()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            tmp = self.root / f".{self.name}.tmp-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            ix = whoosh_index.create_in(str(tmp), schema())
            kwargs = {"procs": procs, "limitmb": 256, "multisegment": True} if procs > 1 else {"limitmb": 256}
            writer = ix.writer(**kwargs)
            total = max(1, len(rows))
            step = max(1, total // 50)
            for i, row in enumerate(rows):
                writer.add_document(**row)
                if progress and i % step == 0:
                    progress("正在建立搜索索引…", 0.9 * i / total)
            if progress:
                progress("正在写入搜索索引…", 0.92)
            writer.commit()
            ix.close()
            marker = {"name": self.name, "clauses": len(rows), "files": fingerprint(tmp), **(extra or {})}
            (tmp / READY).write_text(json.dumps(marker), encoding="utf-8")
            self.discard()
            os.replace(tmp, self.path)
        except OSError as err:
            shutil.rmtree(self.root / f".{self.name}.tmp-{os.getpid()}", ignore_errors=True)
            raise IndexError_(f"无法写入搜索索引（{explain(err)}）。请检查磁盘空间和文件夹权限：{self.root}") from err
        self._remove_older()
        size = sum(p.stat().st_size for p in self.path.iterdir())
        if progress:
            progress("搜索索引已建立", 1.0)
        return {"clauses": len(rows), "seconds": round(time.perf_counter() - started, 2), "bytes": size}

    def _remove_older(self) -> None:
        for other in self.root.iterdir():
            if other != self.path and other.is_dir() and not other.name.startswith(".") and "-a" in other.name:
                shutil.rmtree(other, ignore_errors=True)
