"""Policies the officer imports: parsed like the bundled sources, kept in the user-data folder.

``draft(path)`` extracts the text (``extract.py``) and runs it through the same pipeline as
the bundled content (``build.parse_text``: reflow → segment → structure → metadata); the
officer then confirms or corrects title, 文号, issuers, date, region and level, and
``save`` keeps the extracted text and the corrections under ``<data>/imports/``::

    <uid>.txt    the text as extracted (UTF-8), never changed afterwards
    <uid>.json   original file name, time, corrections per document
    imported.sqlite  built from all of the above by ``build.write_database`` (clause knowledge
                     included), rebuilt atomically after every change and whenever the parser
                     changed — it is derived data, the .txt/.json pairs are the record.

Imported documents get ids that start with ``u`` so they never collide with bundled ones,
and they live apart from the content database, so a content update leaves them alone.
Opening the imports at start-up loads only what reading them needs (no extractors, hashing).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.errors import ContentError, PolicyImportError, SourceError, UserDataError
from handbook.store import Store
from handbook.taxonomy import LEVELS, Taxonomy

if TYPE_CHECKING:  # the build pipeline is imported when a file is parsed, not at start-up
    from handbook.ingest.build import BuiltDocument

DB_NAME = "imported.sqlite"
DEFAULT_HOME_REGION = "内蒙古自治区"
EDITABLE = ("title", "doc_number", "issuers", "date", "region", "level")


def resolve_level(taxonomy: Taxonomy, level: str | None) -> str | None:
    """``national`` … or its Chinese name (国家级 …) → the level id."""
    if not level:
        return None
    if level in LEVELS:
        return level
    for key, name in taxonomy.level_names.items():
        if level in (name, name.rstrip("级")):
            return key
    raise PolicyImportError(f"未知的层级“{level}”。可选：{'、'.join(taxonomy.level_names.values())}（或 {', '.join(LEVELS)}）。")


def place(taxonomy: Taxonomy, region: str | None, level: str | None, found_region: str) -> tuple[str, str]:
    """Region and level after the officer's choice; a level alone picks that level above the found region."""
    level = resolve_level(taxonomy, level)
    if region:
        name = taxonomy.resolve(region.strip())
        if name is None:
            raise PolicyImportError(f"未知的地区“{region}”。可选：{'、'.join(r.name for r in taxonomy.regions)}。")
    else:
        name = found_region
    if level is None or taxonomy.region(name).level == level:
        return name, taxonomy.region(name).level
    above = [r for r in taxonomy.ancestors(name) if taxonomy.region(r).level == level]
    if not above:
        raise PolicyImportError(f"地区“{name}”与层级“{taxonomy.level_names.get(level, level)}”不符，请同时指定 --region。")
    return above[0], level


@dataclass
class Draft:
    """An import before it is saved: the text and the documents found in it."""

    file_name: str
    text: str
    docs: list[BuiltDocument]
    corrections: list[dict] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def proposals(self) -> list[dict]:
        """What the confirmation dialog shows, per document (editable fields first)."""
        return [{"title": d.meta.title, "doc_number": d.meta.doc_number, "issuers": list(d.meta.issuers),
                 "date": d.meta.date, "region": d.meta.region, "level": d.meta.level,
                 "clauses": len(d.all_clauses), "themes": list(d.meta.themes),
                 "first_clauses": [c.text for c in d.all_clauses[:3]]} for d in self.docs]


def _apply(doc: BuiltDocument, fix: dict, taxonomy: Taxonomy) -> None:
    meta = doc.meta
    values = {k: fix[k] for k in EDITABLE if k in fix and fix[k] is not None}
    if "issuers" in values and isinstance(values["issuers"], str):
        values["issuers"] = [x for x in values["issuers"].replace("，", "、").replace(",", "、").split("、") if x.strip()]
    if "title" in values and not str(values["title"]).strip():
        raise PolicyImportError("标题不能为空。")
    for key in ("doc_number", "date"):
        if key in values and not str(values[key]).strip():
            values[key] = None
    if values.get("date"):
        try:
            values["date"] = date.fromisoformat(str(values["date"]).strip()).isoformat()
        except ValueError as err:
            raise PolicyImportError(f"日期“{values['date']}”格式不对，应为 YYYY-MM-DD，例如 2024-03-01。") from err
    region, level = place(taxonomy, values.pop("region", None), values.pop("level", None), meta.region)
    doc.meta = replace(meta, **values, region=region, level=level)


class ImportLibrary:
    def __init__(self, data_dir: Path, taxonomy: Taxonomy):
        self.folder = Path(data_dir) / "imports"
        self.taxonomy = taxonomy

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    def records(self) -> list[dict]:
        out = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a damaged record is skipped (and kept); its text stays on disk
            if (self.folder / f"{record.get('uid')}.txt").is_file():
                out.append(record)
        return sorted(out, key=lambda r: r.get("imported_at", ""))

    def _parse(self, uid: str, name: str, text: str, taken: set[str], first: int) -> list[BuiltDocument]:
        from handbook.ingest.build import parse_text

        try:
            docs, _ = parse_text(name, text, DEFAULT_HOME_REGION, self.taxonomy, set(), first)
        except SourceError as err:
            raise PolicyImportError(f"没有在文件中识别出政策文件（找不到标题或文号）：{err}") from err
        import hashlib

        mapping = {}
        for n, d in enumerate(docs):
            new_id = "u" + hashlib.sha1(f"{uid}|{n}".encode()).hexdigest()[:9]
            while new_id in taken:
                new_id = "u" + hashlib.sha1(new_id.encode()).hexdigest()[:9]
            taken.add(new_id)
            mapping[d.id], d.id = new_id, new_id
        for d in docs:
            if d.segment.attachment_of is not None:
                d.segment.attachment_of = mapping.get(d.segment.attachment_of, d.segment.attachment_of)
        return docs

    def draft(self, path: Path, region: str | None = None, level: str | None = None) -> Draft:
        from handbook.content.extract import extract_text  # reading .docx/.pdf: only when importing

        path = Path(path)
        text = extract_text(path)
        docs = self._parse("draft", path.name, text, set(), 0)
        draft = Draft(path.name, text, docs)
        for sha_record in self.records():
            if sha_record.get("sha256") == draft.sha256:
                raise PolicyImportError(f"{path.name} 已经导入过（{sha_record.get('file')}，{sha_record.get('imported_at')}）。")
        if region or level:
            for d in docs:
                _apply(d, {"region": region, "level": level}, self.taxonomy)
            draft.corrections = [{"region": d.meta.region, "level": d.meta.level} for d in docs]
        return draft

    def save(self, draft: Draft, corrections: list[dict] | None = None) -> list[str]:
        """Keep the draft with the officer's corrections (one dict per document); returns the new ids."""
        fixes = [{**(draft.corrections[i] if i < len(draft.corrections) else {}),
                  **((corrections or [])[i] if i < len(corrections or []) else {})} for i in range(len(draft.docs))]
        for doc, fix in zip(draft.docs, fixes, strict=True):
            _apply(doc, fix, self.taxonomy)  # refuse bad corrections before anything is written
        import uuid

        uid = uuid.uuid4().hex[:12]
        record = {"uid": uid, "file": draft.file_name, "sha256": draft.sha256,
                  "imported_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "corrections": fixes}
        text_path, record_path = self.folder / f"{uid}.txt", self.folder / f"{uid}.json"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            text_path.write_text(draft.text, encoding="utf-8")
            _write_durable(record_path, json.dumps(record, ensure_ascii=False, indent=1))
            built = self.rebuild()
        except OSError as err:
            text_path.unlink(missing_ok=True)
            record_path.unlink(missing_ok=True)
            raise UserDataError(f"无法保存导入的文件：{err.strerror or err}（{self.folder}）。") from err
        except Exception:
            text_path.unlink(missing_ok=True)
            record_path.unlink(missing_ok=True)
            raise
        return built[uid]

    def remove(self, doc_id: str) -> dict:
        """Remove the import that holds ``doc_id`` (with every document of that file)."""
        for record in self.records():
            if doc_id in record.get("doc_ids", []) or record["uid"] == doc_id:
                (self.folder / f"{record['uid']}.json").unlink(missing_ok=True)
                (self.folder / f"{record['uid']}.txt").unlink(missing_ok=True)
                self.rebuild()
                return record
        raise PolicyImportError(f"没有编号为 {doc_id} 的自行导入文件。")

    def rebuild(self) -> dict[str, list[str]]:
        """Parse every kept import again and write imported.sqlite. Returns uid → document ids."""
        from handbook.ingest.build import source_row, write_atomic
        from handbook.ingest.segment import SourceSegments

        docs: list[BuiltDocument] = []
        sources: list[dict] = []
        taken: set[str] = set()
        ids: dict[str, list[str]] = {}
        records = self.records()
        for record in records:
            text = (self.folder / f"{record['uid']}.txt").read_text(encoding="utf-8")
            parsed = self._parse(record["uid"], f"{record['uid']}.txt", text, taken, len(docs))
            for doc, fix in zip(parsed, record.get("corrections", []), strict=False):
                _apply(doc, fix, self.taxonomy)
            ids[record["uid"]] = [d.id for d in parsed]
            docs += parsed
            sources.append(source_row(f"{record['uid']}.txt", text.encode("utf-8"), f"自行导入：{record['file']}",
                                      DEFAULT_HOME_REGION, SourceSegments(record["uid"], [d.segment for d in parsed], [])))
            if record.get("doc_ids") != ids[record["uid"]]:
                record["doc_ids"] = ids[record["uid"]]
                _write_durable(self.folder / f"{record['uid']}.json", json.dumps(record, ensure_ascii=False, indent=1))
        if not docs:
            self.db_path.unlink(missing_ok=True)
            return ids
        write_atomic(self.db_path, docs, sources, self.taxonomy, None)
        return ids

    def open_store(self) -> tuple[Store | None, str]:
        """The imported documents' database (rebuilt when missing, stale or damaged) and a notice."""
        if not self.records():
            return None, ""
        try:
            if not self.db_path.exists() or self._stale():
                self.rebuild()
            return Store(self.db_path), ""
        except (ContentError, PolicyImportError, OSError) as err:
            return None, f"自行导入的文件暂时无法打开（{err}），原文件仍保存在 {self.folder}。"

    def _stale(self) -> bool:
        """True when the kept imports or the parser changed since imported.sqlite was written."""
        try:
            store = Store(self.db_path)
        except ContentError:
            return True
        from handbook.ingest.build import content_version

        try:
            expected = content_version([{"sha256": r["sha256"]} for r in self.records()])
            return store.content_version != expected
        finally:
            store.close()


def _write_durable(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
