"""The clause search index: posting lists per unit, and its life on disk.

The index is one file, ``postings.bin`` (Python ``marshal``: clause keys in index order,
one sorted ``uint32`` array of clause numbers per unit — CJK bigram, CJK character or
Latin/digit word — the abbreviations the texts define, and per clause what ranking needs:
document, parent, role, folded heading and text, heading path), so opening it reads no
clause from the database. It lives in the user cache
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
import marshal
import os
import shutil
import time
import zlib
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

from handbook.docnumber import compact
from handbook.errors import IndexError_, explain
from handbook.search.analysis import ANALYZER_VERSION, fold, index_units
from handbook.search.corpus import heading_path
from handbook.search.vocabulary import harvest_abbreviations

Progress = Callable[[str, float], None]

READY = "READY"
DATA = "postings.bin"
FORMAT = 2
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

    def __init__(self, keys: list[str], postings: dict[str, bytes], abbreviations: list[list[str]], clauses: dict):
        self.keys = keys
        self._postings = postings
        self.abbreviations = abbreviations
        self.clauses = clauses  # per clause, in index order: doc, parent, role, heading, text (folded), paths
        self._sets: dict[str, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def frequency(self, unit: str) -> int:
        return len(self._postings.get(unit, b"")) // 4

    def ids(self, unit: str) -> frozenset[int]:
        """Clause numbers whose text holds ``unit`` (cached: typing repeats the same units)."""
        found = self._sets.get(unit)
        if found is None:
            numbers = array("I")
            numbers.frombytes(self._postings.get(unit, b""))
            found = frozenset(numbers)
            if len(self._sets) > 4000:
                self._sets.clear()
            self._sets[unit] = found
        return found

    def close(self) -> None:
        self._sets.clear()


def build_postings(rows: list[dict], progress: Progress | None = None) -> dict:
    lists: dict[str, array] = {}
    total = max(1, len(rows))
    step = max(1, total // 50)
    texts = []
    for number, row in enumerate(rows):
        text = fold(row["body"])
        texts.append(text)
        for unit in index_units(text, folded=True):
            found = lists.get(unit)
            if found is None:
                lists[unit] = found = array("I")
            found.append(number)
        if progress and number % step == 0:
            progress("正在建立搜索索引…", 0.85 * number / total)
    number = {r["key"]: i for i, r in enumerate(rows)}
    clauses = {"doc": [r["doc_id"] for r in rows], "parent": [number.get(r.get("parent_key") or "", -1) for r in rows],
               "role": [r.get("role") or "" for r in rows], "heading": [fold(r.get("heading") or "") for r in rows],
               "text": texts, "paths": [list(r.get("heading_path") or []) for r in rows]}
    return {"format": FORMAT, "keys": [r["key"] for r in rows], "postings": {u: a.tobytes() for u, a in lists.items()},
            "abbreviations": harvest_abbreviations(r["body"] for r in rows), "clauses": clauses}


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

    def open(self) -> ClauseIndex:
        """The opened index; any read error (damage, cut or changed files) raises IndexError_."""
        try:
            self._verify()
            data = marshal.loads((self.path / DATA).read_bytes())
            if data.get("format") != FORMAT:
                raise ValueError("format")
            return ClauseIndex(list(data["keys"]), dict(data["postings"]), list(data["abbreviations"]), dict(data["clauses"]))
        except Exception as err:  # noqa: BLE001 - truncated or foreign files raise many types
            raise IndexError_("搜索索引已损坏，正在重新建立。") from err

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def build(self, rows: list[dict], progress: Progress | None = None, procs: int = 1) -> dict:
        """Write a fresh index for ``rows`` and move it into place. Returns build figures.

        ``procs`` is accepted for callers of the former multi-process writer; one process is enough.
        """
        started = time.perf_counter()
        tmp = self.root / f".{self.name}.tmp-{os.getpid()}"
        try:
            data = build_postings(rows, progress)
            if progress:
                progress("正在写入搜索索引…", 0.92)
            self.root.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            with open(tmp / DATA, "wb") as out:
                marshal.dump(data, out)
                out.flush()
                os.fsync(out.fileno())
            marker = {"name": self.name, "clauses": len(rows), "files": fingerprint(tmp)}
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
