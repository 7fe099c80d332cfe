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
    match: str = "text"  # text | title | near (part of a run-together phrase) | doc_number | citation

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


@dataclass
class SearchResult:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    mode: str = "and"  # and | or | bigram | doc_number | empty
    total_is_estimate: bool = False  # large OR queries are counted approximately
    notices: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        """A sentence for an empty result or a fallback, in Chinese ('' when nothing to say)."""
        if self.notices:
            return " ".join(self.notices)
        return ""


