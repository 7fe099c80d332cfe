"""The clause search index: a Whoosh index of posting lists per unit, and its life on disk.

The index is a Whoosh index (``whoosh3``) with one document per clause, in index order: the
``units`` field holds every unit of the clause — CJK bigram, CJK character or Latin/digit word
— so Whoosh's posting list of a unit is the set of clause numbers holding it; a stored field
carries what ranking needs of the clause (key, document, parent, role, folded heading and text,
heading path), so opening it reads no clause from the database. The abbreviations the texts
define sit beside it in ``abbreviations.json``. It lives in the user cache
folder (the install folder may be read-only) in a sub-folder named after the content
version of ``db/handbook.sqlite`` and the analyzer version, so a new edition of the content
or a new analyzer never reads an old index. A folder is only used once its ``READY``
marker exists: builds go to a temporary folder that is renamed into place, so an
interrupted build leaves nothing half-written. The marker records the size and CRC-32 of
every index file; ``state()`` and ``open()`` check them (once per set of file stamps;
bench/index_open_bench.py prints the cost), so a cut or overwritten file is noticed before
it is read, and any error while opening counts as damage. A missing, stale or damaged index
is rebuilt by the service; older index folders are removed after a successful build.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from itertools import accumulate
from pathlib import Path

from handbook.errors import IndexError_, explain
from handbook.search.analysis import ANALYZER_VERSION, fold, index_units

Progress = Callable[[str, float], None]

READY = "READY"
INDEX_NAME = "clauses"
ABBREVIATIONS = "abbreviations.json"
FORMAT = 3


def _schema():
    """Whoosh is imported when an index is opened or built (in the background), not at start-up."""
    from whoosh import fields

    return fields.Schema(units=fields.KEYWORD(lowercase=False, commas=False, scorable=False), row=fields.STORED)
_verified: dict[tuple, bool] = {}  # file stamps -> digests matched (checked once per change)


def _index_files(path: Path) -> list[Path]:
    """The files whose bytes make up the index (not the marker)."""
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
    """One index record per clause of every non-duplicate document, with what ranking needs of it."""
    from handbook.docnumber import compact  # build time only: start-up asks just for the index's state
    from handbook.search.corpus import heading_path

    for doc in documents:
        if doc.get("duplicate_of"):
            continue
        number = compact(doc["doc_number"]) if doc.get("doc_number") else ""
        clauses = clauses_of(doc["id"])
        by_key = {c["key"]: c for c in clauses}
        for clause in clauses:
            yield {"key": clause["key"], "doc_id": doc["id"], "doc_number": number,
                   "body": clause["text"] or clause["heading"] or "", "parent_key": clause.get("parent_key"),
                   "heading": clause.get("heading") or "", "role": clause.get("role"),
                   "heading_path": heading_path(clause, by_key)}


class ClauseIndex:
    """An opened index: clause keys in index order and the clause numbers holding each unit."""

    def __init__(self, ix, abbreviations: list[list[str]]):
        from whoosh.query.qcore import TermNotFound

        self._missing = TermNotFound
        self._ix = ix
        self._reader = ix.reader()
        rows = [stored["row"] for stored in self._reader.all_stored_fields()]
        self.keys = [r[0] for r in rows]
        self.abbreviations = abbreviations
        # per clause, in index order: doc, parent, role, heading, text (folded), paths
        self.clauses = {name: [r[n] for r in rows] for n, name in enumerate(("key", "doc", "parent", "role", "heading", "text", "paths"))
                        if name != "key"}
        self._sets: dict[str, frozenset[int]] = {}
        self._lock = threading.Lock()  # one Whoosh reader, used by the search worker and the window

    def __len__(self) -> int:
        return len(self.keys)

    def frequency(self, unit: str) -> int:
        with self._lock:
            return self._reader.doc_frequency("units", unit)

    def ids(self, unit: str) -> frozenset[int]:
        """Clause numbers whose text holds ``unit`` (cached: typing repeats the same units)."""
        found = self._sets.get(unit)
        if found is None:
            with self._lock:
                try:
                    found = frozenset(_all_ids(self._reader.postings("units", unit)))
                except self._missing:
                    found = frozenset()
            if len(self._sets) > 4000:
                self._sets.clear()
            self._sets[unit] = found
        return found

    def close(self) -> None:
        self._sets.clear()
        with self._lock:
            self._reader.close()
            self._ix.close()


def _all_ids(matcher) -> list[int]:
    """Every id of a posting list, read a block at a time from whoosh3's leaf matcher.

    ``all_ids()`` steps through the postings one Python call at a time, and whoosh3 decodes a
    block's delta-coded ids with a Python generator: for a unit in most clauses (的, 业 at 20x)
    that was most of a first search. Here a block's ids are summed up by ``itertools.accumulate``
    (the same numbers, in C). Whoosh is pinned; any other matcher (several segments) goes the
    generic way.
    """
    if not all(hasattr(matcher, a) for a in ("_read_data", "_data", "_byteids", "_next_block", "_i", "_ids", "is_active")):
        return list(matcher.all_ids())
    out: list[int] = []
    while matcher.is_active():
        ids = matcher._ids
        if ids is None:
            if matcher._data is None:
                matcher._read_data()
            ids = matcher._data[0] if matcher._byteids else list(accumulate(matcher._data[0]))
        out.extend(ids[matcher._i:])
        matcher._next_block()
    return out


def index_records(rows: list[dict], progress: Progress | None = None) -> Iterable[tuple[str, tuple]]:
    """(units joined by spaces, stored row) per clause, in index order."""
    total = max(1, len(rows))
    step = max(1, total // 50)
    number = {r["key"]: i for i, r in enumerate(rows)}
    for n, row in enumerate(rows):
        text = fold(row["body"])
        units = " ".join(dict.fromkeys(index_units(text, folded=True)))
        yield units, (row["key"], row["doc_id"], number.get(row.get("parent_key") or "", -1), row.get("role") or "",
                      fold(row.get("heading") or ""), text, list(row.get("heading_path") or []))
        if progress and n % step == 0:
            progress("正在建立搜索索引…", 0.85 * n / total)


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

    def marked(self) -> bool:
        """The READY marker is there (files not checked: ``state()`` and ``open()`` do that)."""
        return (self.path / READY).is_file()

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

    def open(self) -> ClauseIndex:
        """The opened index; any read error (damage, cut or changed files) raises IndexError_."""
        try:
            self._verify()
            info = json.loads((self.path / READY).read_text(encoding="utf-8"))
            if info.get("format") != FORMAT:
                raise ValueError("format")
            abbreviations = json.loads((self.path / ABBREVIATIONS).read_text(encoding="utf-8"))
            from whoosh import index as windex

            index = ClauseIndex(windex.open_dir(str(self.path), indexname=INDEX_NAME), abbreviations)
            if len(index) != info.get("clauses"):
                raise ValueError("clause count differs from the READY marker")
            return index
        except Exception as err:  # noqa: BLE001 - truncated or foreign files raise many types
            raise IndexError_("搜索索引已损坏，正在重新建立。") from err

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def build(self, rows: list[dict], progress: Progress | None = None, procs: int = 1, extra: dict | None = None) -> dict:
        """Write a fresh index for ``rows`` and move it into place. Returns build figures.

        ``procs`` is accepted for callers of the former multi-process writer; one process is enough.
        """
        started = time.perf_counter()
        tmp = self.root / f".{self.name}.tmp-{os.getpid()}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            from whoosh import index as windex

            ix = windex.create_in(str(tmp), _schema(), indexname=INDEX_NAME)
            writer = ix.writer(limitmb=128)
            for units, row in index_records(rows, progress):
                writer.add_document(units=units, row=row)
            if progress:
                progress("正在写入搜索索引…", 0.92)
            writer.commit(optimize=True)
            ix.close()
            from handbook.search.vocabulary import harvest_abbreviations

            abbreviations = harvest_abbreviations(r["body"] for r in rows)
            (tmp / ABBREVIATIONS).write_text(json.dumps(abbreviations, ensure_ascii=False), encoding="utf-8")
            for path in _index_files(tmp):
                with open(path, "rb") as f:
                    os.fsync(f.fileno())
            marker = {"name": self.name, "format": FORMAT, "clauses": len(rows), "files": fingerprint(tmp), **(extra or {})}
            (tmp / READY).write_text(json.dumps(marker), encoding="utf-8")
            self.discard()
            os.replace(tmp, self.path)
        except OSError as err:
            shutil.rmtree(tmp, ignore_errors=True)
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
