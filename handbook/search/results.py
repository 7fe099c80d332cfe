"""What a search returns: clause hits, document entries and the result with its counts."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field

from handbook.search.query import ParsedQuery

IN_FORCE = "现行有效"


@dataclass
class Hit:
    doc_id: str
    title: str
    doc_number: str | None
    region: str
    level: str
    status: str
    clause_key: str
    label: str
    snippet: str
    highlights: list[tuple[int, int]]
    score: float
    match: str = "text"  # text | heading | title | across | partial | near | doc_number | citation | mention
    heading_path: list[str] = field(default_factory=list)

    @property
    def repealed(self) -> bool:
        return self.status != IN_FORCE

    def snippet_html(self, mark: str = "<b>{}</b>") -> str:
        """The snippet as escaped HTML with the highlights wrapped by ``mark``."""
        out, pos = [], 0
        for start, end in self.highlights:
            out.append(html.escape(self.snippet[pos:start]))
            out.append(mark.format(html.escape(self.snippet[start:end])))
            pos = end
        out.append(html.escape(self.snippet[pos:]))
        return "".join(out)

    def to_json(self) -> dict:
        data = asdict(self)
        data["highlights"] = [list(h) for h in self.highlights]
        data["repealed"] = self.repealed
        data["score"] = round(self.score, 4)
        return data


    def clause_json(self) -> dict:
        return {"clause_key": self.clause_key, "label": self.label, "heading_path": list(self.heading_path),
                "snippet": self.snippet, "highlights": [list(h) for h in self.highlights]}


# Why a document is listed, in the officer's words (UI and CLI).
MATCH_NAMES = {
    "text": "条款同时含全部词语", "heading": "条款及其标题含全部词语", "title": "文件标题含查询词",
    "across": "词语分布在不同条款", "partial": "只含部分词语", "near": "相近词语",
    "doc_number": "文号对应的文件", "citation": "引用该文件", "mention": "提到该文件",
}


@dataclass
class Entry:
    """One document in the grouped list, with its best clauses and how many more match."""

    doc_id: str
    title: str
    doc_number: str | None
    level: str
    region: str
    status: str
    score: float
    match: str
    clauses: list[Hit] = field(default_factory=list)
    more: int = 0

    @property
    def repealed(self) -> bool:
        return self.status != IN_FORCE

    @property
    def why(self) -> str:
        return MATCH_NAMES.get(self.match, self.match)

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "doc_number": self.doc_number, "level": self.level,
                "region": self.region, "status": self.status, "score": round(self.score, 4), "match": self.match,
                "clauses": [c.clause_json() for c in self.clauses], "more": self.more}


@dataclass
class SearchResult:
    """One page of results: document entries (grouped) or clause hits (flat), with the totals.

    ``total`` counts what is paged (entries, or clause hits when ``flat``); ``clause_total``
    counts matching clauses. ``total_is_estimate`` marks a count extrapolated from a sample.
    """

    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    mode: str = "and"  # and | or | bigram | doc_number | empty
    total_is_estimate: bool = False
    notices: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    flat: bool = False
    offset: int = 0
    clause_total: int = 0

    @property
    def count_text(self) -> str:
        """共 N 个文件 / 共 约 N 条 — the count line shared by the CLI and the UI."""
        about = "约 " if self.total_is_estimate else ""
        if self.flat:
            return f"共 {about}{self.total} 条结果"
        return f"共 {self.total} 个文件、{about}{self.clause_total} 处匹配"

    @property
    def has_more(self) -> bool:
        shown = len(self.hits) if self.flat else len(self.entries)
        return self.offset + shown < self.total

    @property
    def message(self) -> str:
        """A sentence for an empty result or a fallback, in Chinese ('' when nothing to say)."""
        if self.notices:
            return " ".join(self.notices)
        return ""


