"""Bookmarks and notes on clauses: the model, re-attachment after content updates, export/import.

A bookmark points at a clause by its stable key and keeps a snapshot (document id, 文号,
title, clause label, clause text) so it still means something if the clause changes. It
has a note, any number of folders (2026-12 鄂尔多斯考察, 某某氢能项目 …) and times.
After the content is rebuilt, ``reattach`` finds each clause again: by key, else by the
saved text in the same document, else by the saved text anywhere; a bookmark that matches
nothing stays, marked 原文已变更 (state ``changed``), with its saved text. Never dropped.
Export (JSON, CSV, PDF) and the checks on an import file live in bookmark_files.py; import
merges by bookmark id without duplicates and changes nothing when the file is refused.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import asdict, dataclass, field

from handbook.bookmark_files import (  # noqa: F401 - FORMAT, csv_cell, write_pdf are part of this module's API
    FORMAT,
    FORMAT_VERSION,
    csv_cell,
    csv_text,
    json_text,
    parse_export,
    read_export_file,
    write_pdf,
)
from handbook.errors import UserDataError
from handbook.limits import MAX_NOTE_CHARS, check_text
from handbook.userdb import UserDB

STATES = {"ok": "", "changed": "原文已变更", "moved": "已重新定位"}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class Bookmark:
    id: int
    uid: str
    clause_key: str
    doc_id: str
    doc_number: str | None
    doc_title: str
    label: str
    clause_text: str
    note: str
    state: str
    created_at: str
    updated_at: str
    folders: list[str] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def citation(self) -> str:
        number = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.doc_title}》{number}{self.label}"

    def to_json(self) -> dict:
        data = asdict(self)
        del data["id"]
        return data


class Bookmarks:
    """Bookmark operations over a ``UserDB``; ``content`` is the read-only Store."""

    def __init__(self, db: UserDB, content):
        self.db = db
        self.content = content

    @property
    def conn(self):
        return self.db.conn

    # -- reading ---------------------------------------------------------------------------

    def _load(self, rows) -> list[Bookmark]:
        rows = list(rows)
        if not rows:
            return []
        folders: dict[int, list[str]] = {}
        ids = [r["id"] for r in rows]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            sql = (f"select bf.bookmark_id, f.name from bookmark_folders bf join folders f on f.id = bf.folder_id "
                   f"where bf.bookmark_id in ({','.join('?' * len(chunk))}) order by f.position")
            for r in self.conn.execute(sql, chunk):
                folders.setdefault(r["bookmark_id"], []).append(r["name"])
        keys = ("id", "uid", "clause_key", "doc_id", "doc_number", "doc_title", "label", "clause_text", "note", "state",
                "created_at", "updated_at")
        return [Bookmark(**{k: r[k] for k in keys}, folders=folders.get(r["id"], [])) for r in rows]

    def get(self, bookmark_id: int) -> Bookmark | None:
        found = self._load(self.conn.execute("select * from bookmarks where id = ?", (bookmark_id,)))
        return found[0] if found else None

    def for_clause(self, clause_key: str) -> Bookmark | None:
        found = self._load(self.conn.execute("select * from bookmarks where clause_key = ? order by id limit 1", (clause_key,)))
        return found[0] if found else None

    def marked_keys(self) -> set[str]:
        return {r[0] for r in self.conn.execute("select clause_key from bookmarks where state != 'changed'")}

    def list(self, folder: str | None = None, query: str | None = None, unfiled: bool = False) -> list[Bookmark]:
        """Bookmarks of a folder in their folder order (or all, newest first); ``query`` searches notes and texts."""
        params: list = []
        if folder is not None:
            sql = ("select b.* from bookmarks b join bookmark_folders bf on bf.bookmark_id = b.id "
                   "join folders f on f.id = bf.folder_id where f.name = ?")
            params.append(folder)
            order = " order by bf.position, b.id"
        elif unfiled:
            sql = "select b.* from bookmarks b where not exists (select 1 from bookmark_folders bf where bf.bookmark_id = b.id)"
            order = " order by b.position, b.id"
        else:
            sql = "select b.* from bookmarks b where 1"
            order = " order by b.created_at desc, b.id desc"
        if query:
            like = f"%{query.strip()}%"
            sql += " and (b.note like ? or b.doc_title like ? or b.clause_text like ? or coalesce(b.doc_number, '') like ?)"
            params += [like] * 4
        return self._load(self.conn.execute(sql + order, params))

    def folders(self) -> list[str]:
        return [r["name"] for r in self.conn.execute("select name from folders order by position, id")]

    def count(self) -> int:
        return self.conn.execute("select count(*) from bookmarks").fetchone()[0]

    # -- writing ---------------------------------------------------------------------------

    def _snapshot(self, clause_key: str) -> dict:
        clause = self.content.clause(clause_key)
        if clause is None:
            raise UserDataError(f"没有编号为 {clause_key} 的条款。")
        doc = self.content.document(clause["doc_id"]) or {}
        return {"clause_key": clause_key, "doc_id": clause["doc_id"], "doc_number": doc.get("doc_number"),
                "doc_title": doc.get("title", ""), "label": clause["label"] or "", "clause_text": clause["text"]}

    def _folder_id(self, name: str) -> int:
        name = name.strip()
        if not name:
            raise UserDataError("文件夹名称不能为空。")
        row = self.conn.execute("select id from folders where name = ?", (name,)).fetchone()
        if row:
            return row["id"]
        position = self.conn.execute("select coalesce(max(position), 0) + 1 from folders").fetchone()[0]
        return self.conn.execute("insert into folders (name, position) values (?, ?)", (name, position)).lastrowid

    def _file(self, bookmark_id: int, folder: str, position: float | None = None) -> None:
        folder_id = self._folder_id(folder)
        if position is None:
            position = self.conn.execute("select coalesce(max(position), 0) + 1 from bookmark_folders where folder_id = ?",
                                         (folder_id,)).fetchone()[0]
        self.conn.execute("insert or ignore into bookmark_folders (bookmark_id, folder_id, position) values (?, ?, ?)",
                          (bookmark_id, folder_id, position))

    def add(self, clause_key: str, note: str = "", folders: list[str] | None = None) -> Bookmark:
        check_text(note, MAX_NOTE_CHARS, "备注", UserDataError)
        snap = self._snapshot(clause_key)
        now = _now()
        with self.db.transaction():
            position = self.conn.execute("select coalesce(max(position), 0) + 1 from bookmarks").fetchone()[0]
            bookmark_id = self.conn.execute(
                "insert into bookmarks (uid, clause_key, doc_id, doc_number, doc_title, label, clause_text, note, state, "
                "created_at, updated_at, position) values (?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?)",
                (uuid.uuid4().hex, snap["clause_key"], snap["doc_id"], snap["doc_number"], snap["doc_title"], snap["label"],
                 snap["clause_text"], note, now, now, position)).lastrowid
            for folder in folders or []:
                self._file(bookmark_id, folder)
        return self.get(bookmark_id)

    def set_note(self, bookmark_id: int, note: str) -> None:
        check_text(note, MAX_NOTE_CHARS, "备注", UserDataError)
        with self.db.transaction():
            self.conn.execute("update bookmarks set note = ?, updated_at = ? where id = ?", (note, _now(), bookmark_id))

    def set_folders(self, bookmark_id: int, folders: list[str]) -> None:
        with self.db.transaction():
            self.conn.execute("delete from bookmark_folders where bookmark_id = ?", (bookmark_id,))
            for folder in folders:
                self._file(bookmark_id, folder)
            self.conn.execute("update bookmarks set updated_at = ? where id = ?", (_now(), bookmark_id))

    def move(self, bookmark_id: int, from_folder: str | None, to_folder: str | None, before_id: int | None = None) -> None:
        """Move (drag) a bookmark out of one folder into another (None: 未分组), before ``before_id``."""
        with self.db.transaction():
            if from_folder is not None and from_folder != to_folder:
                self.conn.execute("delete from bookmark_folders where bookmark_id = ? and folder_id = "
                                  "(select id from folders where name = ?)", (bookmark_id, from_folder))
            if to_folder is None:
                order = [b.id for b in self.list(unfiled=True) if b.id != bookmark_id]
                order.insert(order.index(before_id) if before_id in order else len(order), bookmark_id)
                for i, bid in enumerate(order):
                    self.conn.execute("update bookmarks set position = ? where id = ?", (i + 1, bid))
                return
            folder_id = self._folder_id(to_folder)
            order = [b.id for b in self.list(folder=to_folder) if b.id != bookmark_id]
            order.insert(order.index(before_id) if before_id in order else len(order), bookmark_id)
            self.conn.execute("insert or ignore into bookmark_folders (bookmark_id, folder_id, position) values (?, ?, 0)",
                              (bookmark_id, folder_id))
            for i, bid in enumerate(order):
                self.conn.execute("update bookmark_folders set position = ? where bookmark_id = ? and folder_id = ?",
                                  (i + 1, bid, folder_id))
            self.conn.execute("update bookmarks set updated_at = ? where id = ?", (_now(), bookmark_id))

    def rename_folder(self, old: str, new: str) -> None:
        if not new.strip():
            raise UserDataError("文件夹名称不能为空。")
        with self.db.transaction():
            if self.conn.execute("select 1 from folders where name = ?", (new.strip(),)).fetchone():
                raise UserDataError(f"已有名为“{new.strip()}”的文件夹。")
            self.conn.execute("update folders set name = ? where name = ?", (new.strip(), old))

    def delete_folder(self, name: str) -> None:
        """Remove the folder; its bookmarks stay (in their other folders or 未分组)."""
        with self.db.transaction():
            self.conn.execute("delete from folders where name = ?", (name,))

    def delete(self, bookmark_id: int) -> Bookmark | None:
        """Delete and return the bookmark as it was, for undo (``restore``)."""
        bookmark = self.get(bookmark_id)
        if bookmark:
            with self.db.transaction():
                self.conn.execute("delete from bookmarks where id = ?", (bookmark_id,))
        return bookmark

    def restore(self, bookmark: Bookmark) -> Bookmark:
        with self.db.transaction():
            self._insert(bookmark.to_json())
        return self.for_uid(bookmark.uid)

    def for_uid(self, uid: str) -> Bookmark | None:
        found = self._load(self.conn.execute("select * from bookmarks where uid = ?", (uid,)))
        return found[0] if found else None

    def _insert(self, data: dict) -> int:
        position = self.conn.execute("select coalesce(max(position), 0) + 1 from bookmarks").fetchone()[0]
        bookmark_id = self.conn.execute(
            "insert into bookmarks (uid, clause_key, doc_id, doc_number, doc_title, label, clause_text, note, state, "
            "created_at, updated_at, position) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (data["uid"], data["clause_key"], data["doc_id"], data.get("doc_number"), data["doc_title"], data.get("label", ""),
             data["clause_text"], data.get("note", ""), data.get("state", "ok"), data["created_at"], data["updated_at"],
             position)).lastrowid
        for folder in data.get("folders", []):
            self._file(bookmark_id, folder)
        return bookmark_id

    # -- surviving content updates ---------------------------------------------------------

    def reattach(self, force: bool = False) -> dict:
        """Find every bookmark's clause in the current content. Returns counts by outcome."""
        version = getattr(self.content, "content_version", "")
        if self.db.read_only or (not force and self.db.meta("content_version") == version):
            return {"checked": 0}  # (a read-only database keeps its bookmarks as saved)
        outcome = {"checked": 0, "by_key": 0, "by_text": 0, "changed": 0}
        rows = self.conn.execute("select id, clause_key, doc_id, clause_text, state from bookmarks").fetchall()
        updates = []
        for r in rows:
            outcome["checked"] += 1
            clause = self.content.clause(r["clause_key"])
            if clause is not None:
                outcome["by_key"] += 1
                updates.append((r["id"], r["clause_key"], "ok" if r["state"] != "moved" else "moved"))
                continue
            found = self._find_by_text(r["doc_id"], r["clause_text"])
            if found:
                outcome["by_text"] += 1
                updates.append((r["id"], found, "moved"))
            else:
                outcome["changed"] += 1
                updates.append((r["id"], r["clause_key"], "changed"))
        with self.db.transaction():
            for bookmark_id, key, state in updates:
                snap = self._snapshot(key) if state != "changed" else None
                if snap:
                    self.conn.execute("update bookmarks set clause_key = ?, doc_id = ?, doc_number = ?, doc_title = ?, label = ?, "
                                      "state = ? where id = ?", (key, snap["doc_id"], snap["doc_number"], snap["doc_title"],
                                                                 snap["label"], state, bookmark_id))
                else:
                    self.conn.execute("update bookmarks set state = 'changed' where id = ?", (bookmark_id,))
            self.conn.execute("insert into meta (key, value) values ('content_version', ?) "
                              "on conflict(key) do update set value = excluded.value", (version,))
        return outcome

    def _find_by_text(self, doc_id: str, text: str) -> str | None:
        wanted = _squash(text)
        if not wanted:
            return None
        same_doc = self.content.clause_rows(doc_id) if self.content.document(doc_id) else []
        for rows in (same_doc, None):
            if rows is None:
                rows = self.content.clause_rows()
            for row in rows:
                if _squash(row["text"]) == wanted:
                    return row["key"]
        return None

    # -- export / import -------------------------------------------------------------------

    def export_json(self, folder: str | None = None) -> str:
        items = self.list(folder=folder) if folder else self.list()
        data = {"format": FORMAT, "version": FORMAT_VERSION, "exported_at": _now(),
                "content_version": getattr(self.content, "content_version", ""),
                "folders": [folder] if folder else self.folders(), "bookmarks": [b.to_json() for b in items]}
        return json_text(data)

    def export_csv(self, folder: str | None = None) -> str:
        return csv_text(self.list(folder=folder) if folder else self.list(), self.content.document)

    @staticmethod
    def parse_export(text: str) -> dict:
        return parse_export(text)

    def import_file(self, path) -> dict:
        """Merge the export file at ``path`` (size-checked, UTF-8 with or without BOM)."""
        return self.import_json(read_export_file(path))

    def import_json(self, text: str) -> dict:
        """Merge an export into this database: new bookmarks added, known ones left alone."""
        data = self.parse_export(text)
        report = {"added": 0, "skipped": 0, "folders_created": 0}
        existing_folders = set(self.folders())
        with self.db.transaction():
            for folder in data.get("folders") or []:
                if isinstance(folder, str) and folder.strip() and folder.strip() not in existing_folders:
                    self._folder_id(folder)
                    existing_folders.add(folder.strip())
                    report["folders_created"] += 1
            for item in data["bookmarks"]:
                same = self.conn.execute("select 1 from bookmarks where uid = ? or (clause_key = ? and note = ?)",
                                         (item["uid"], item["clause_key"], item.get("note", ""))).fetchone()
                if same:
                    report["skipped"] += 1
                    continue
                for folder in item.get("folders", []):
                    if folder.strip() not in existing_folders:
                        existing_folders.add(folder.strip())
                        report["folders_created"] += 1
                self._insert(item)
                report["added"] += 1
        if report["added"]:
            self.reattach(force=True)
        return report
