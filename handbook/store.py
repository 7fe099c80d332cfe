"""Read API over the bundled ``db/handbook.sqlite`` (opened read-only).

The only module besides ``ingest/build.py`` and ``bookmarks.py`` that knows the schema.
Returns plain dicts and dataclasses the service, CLI and UI can use without SQL.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from handbook.errors import ContentError

SCHEMA_VERSION = "2"  # of db/handbook.sqlite: raised when ingest/build.py writes a different layout

DOCUMENT_COLUMNS = (
    "id, ordinal, title, doc_number, issuers, issuers_inferred, date, effective, valid_until, valid_until_source, "
    "trial, draft, year, year_source, level, region, themes, status, repealed_by, "
    "duplicate_of, attachment_of, kind, part, source_file, start_line, end_line, header_text, clause_count"
)


@dataclass
class ClauseNode:
    key: str
    label: str
    kind: str
    heading: str
    text: str
    responsible: str | None
    depth: int
    children: list[ClauseNode] = field(default_factory=list)
    role: str = "provision"
    heading_path: list[str] = field(default_factory=list)
    citation: str = ""
    window: dict | None = None
    industries: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """``kind`` is the clause's role (incentive, obligation …); ``node`` its place in the outline."""
        return {"key": self.key, "label": self.label, "kind": self.role, "node": self.kind, "text": self.text,
                "responsible": self.responsible, "heading_path": self.heading_path, "citation": self.citation,
                "window": self.window, "industries": self.industries,
                "children": [c.to_json() for c in self.children]}


def _window(start: str | None, end: str | None) -> dict | None:
    return {"start": start, "end": end} if (start or end) else None


def _clause(row: sqlite3.Row) -> dict:
    d = dict(row)
    d["heading_path"] = json.loads(d.get("heading_path") or "[]")
    d["window"] = _window(d.get("window_start"), d.get("window_end"))
    return d


def _fact(row: sqlite3.Row) -> dict:
    d = dict(row)
    for name in ("amounts", "responsible", "heading_path"):
        d[name] = json.loads(d[name] or "[]")
    d["window"] = _window(d.pop("window_start"), d.pop("window_end"))
    return d


def _document(row: sqlite3.Row) -> dict:
    d = dict(row)
    d["issuers"] = json.loads(d["issuers"])
    d["issuers_inferred"] = bool(d["issuers_inferred"])
    d["trial"], d["draft"] = bool(d["trial"]), bool(d["draft"])
    d["themes"] = json.loads(d["themes"])
    d["source"] = {"file": d.pop("source_file"), "start_line": d.pop("start_line"), "end_line": d.pop("end_line")}
    return d


class Store:
    def __init__(self, path: Path):
        if not path.exists():
            raise ContentError(f"找不到内容数据库 {path}，请运行 python -m handbook build。")
        try:
            self.conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.meta = {r["key"]: r["value"] for r in self.conn.execute("select key, value from meta")}
            self.conn.execute("select count(*) from documents").fetchone()
        except sqlite3.DatabaseError as err:
            raise ContentError(f"内容数据库已损坏或不是本程序的数据库（{err}），请重新安装或运行 python -m handbook build。") from err
        self.path = path
        self._documents: list[dict] | None = None

    @property
    def content_version(self) -> str:
        return self.meta.get("content_version", "")

    def documents(self, include_duplicates: bool = True) -> list[dict]:
        """Every document (the database is read-only, so they are parsed once; each call gets
        its own top-level dicts, which the caller may change, e.g. the status as of today)."""
        if self._documents is None:
            self._documents = [_document(r) for r in self.conn.execute(f"select {DOCUMENT_COLUMNS} from documents order by ordinal")]
        return [dict(d) for d in self._documents if include_duplicates or d["duplicate_of"] is None]

    def document(self, doc_id: str) -> dict | None:
        row = self.conn.execute(f"select {DOCUMENT_COLUMNS} from documents where id = ?", (doc_id,)).fetchone()
        return _document(row) if row else None

    def clause_rows(self, doc_id: str | None = None) -> list[dict]:
        sql = "select * from clauses" + (" where doc_id = ?" if doc_id else "") + " order by doc_id, ordinal"
        return [_clause(r) for r in self.conn.execute(sql, (doc_id,) if doc_id else ())]

    def clause(self, key: str) -> dict | None:
        row = self.conn.execute("select * from clauses where key = ?", (key,)).fetchone()
        return _clause(row) if row else None

    def clauses_by_keys(self, keys: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"select * from clauses where key in ({marks})", chunk):
                out[r["key"]] = _clause(r)
        return out

    def clause_texts(self, keys: list[str]) -> dict[str, dict]:
        """``{key: {"label", "heading", "text"}}``: what a search result shows of each clause (nothing decoded)."""
        out: dict[str, dict] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for key, label, heading, text in self.conn.execute(
                    f"select key, label, heading, text from clauses where key in ({marks})", chunk):
                out[key] = {"label": label, "heading": heading, "text": text}
        return out

    def clause_tree(self, doc_id: str) -> list[ClauseNode]:
        nodes: dict[str, ClauseNode] = {}
        roots: list[ClauseNode] = []
        industries: dict[str, list[dict]] = {}
        for r in self.conn.execute("select clause_key, industry, relevance from clause_industries where doc_id = ?", (doc_id,)):
            industries.setdefault(r["clause_key"], []).append({"id": r["industry"], "relevance": r["relevance"]})
        for r in self.clause_rows(doc_id):
            node = ClauseNode(r["key"], r["label"], r["kind"], r["heading"], r["text"], r["responsible"], r["depth"],
                              role=r["role"], heading_path=r["heading_path"], citation=r["citation"],
                              window=r["window"], industries=industries.get(r["key"], []))
            nodes[r["key"]] = node
            (nodes[r["parent_key"]].children if r["parent_key"] else roots).append(node)
        return roots

    def citations(self, doc_id: str) -> list[dict]:
        return [dict(r) for r in self.conn.execute("select * from citations where doc_id = ?", (doc_id,))]

    def cited_by(self, doc_id: str) -> list[dict]:
        return [dict(r) for r in self.conn.execute(
            "select distinct c.doc_id, d.title from citations c join documents d on d.id = c.doc_id where c.target_doc = ?",
            (doc_id,))]

    def timed_clauses(self) -> list[dict]:
        """Clauses with a measure window end (key, doc_id, label, text, window_start, window_end);
        none from a database built before clause knowledge existed."""
        columns = {r["name"] for r in self.conn.execute("pragma table_info(clauses)")}
        if "window_end" not in columns:
            return []
        return [dict(r) for r in self.conn.execute(
            "select key, doc_id, label, text, window_start, window_end from clauses where window_end is not null")]

    def incentives(self, industry: str | None = None, doc_ids: list[str] | None = None, kind: str | None = None,
                   relevance: str | None = None) -> list[dict]:
        """Incentive facts in document and clause order, each with the industries its clause is about."""
        sql = ("select i.* from incentives i join documents d on d.id = i.doc_id "
               "join clauses c on c.key = i.clause_key where 1=1")
        params: list = []
        if industry:
            sql += " and i.clause_key in (select clause_key from clause_industries where industry = ?"
            params.append(industry)
            if relevance:
                sql += " and relevance = ?"
                params.append(relevance)
            sql += ")"
        if kind:
            sql += " and i.kind = ?"
            params.append(kind)
        if doc_ids is not None:
            sql += f" and i.doc_id in ({','.join('?' * len(doc_ids))})"
            params += doc_ids
        facts = [_fact(r) for r in self.conn.execute(sql + " order by d.ordinal, c.ordinal, i.ordinal", params)]
        links: dict[str, list[dict]] = {}
        keys = list({f["clause_key"] for f in facts})
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            for r in self.conn.execute("select clause_key, industry, relevance from clause_industries "
                                       f"where clause_key in ({','.join('?' * len(chunk))})", chunk):
                links.setdefault(r["clause_key"], []).append({"id": r["industry"], "relevance": r["relevance"]})
        for f in facts:
            f["industries"] = links.get(f["clause_key"], [])
        return facts

    def clause_industries(self, industry: str) -> dict[str, str]:
        """Clause key → 'primary' or 'passing' for one industry."""
        return {r["clause_key"]: r["relevance"] for r in self.conn.execute(
            "select clause_key, relevance from clause_industries where industry = ?", (industry,))}

    def regions(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("select name, level, parent from regions order by ordinal")]

    def themes(self) -> list[str]:
        return [r["name"] for r in self.conn.execute("select name from themes order by ordinal")]

    def sources(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("select * from sources order by file")]

    def close(self) -> None:
        self.conn.close()
