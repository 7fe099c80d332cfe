"""Industry relevance: is a clause *about* an industry, or does it only mention it in passing?

``primary``: the clause, one of its headings or its document title names the industry on its own
(not as one item of a list of sectors). ``passing``: the industry's words appear only inside an
enumeration (新能源、新材料、氢能、储能等产业) or in a preamble. Terms come from the industry
catalogue (``resources/industries/industries.json``), matched with the same folding as search.
"""

from __future__ import annotations

import re

from handbook.analysis import fold  # one folding rule for search and knowledge
from handbook.industries import Industry

SPAN_BREAK = re.compile(r"[，,。；;：:！？!?（）()《》\n]")
MAX_ITEM = 14  # a sector in a list is a short noun phrase
ENUM_SEP = re.compile(r"、|以及|及|和|与")
MIN_ITEMS = 3


def _span(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in SPAN_BREAK.finditer(text, 0, start)), default=0)
    right = SPAN_BREAK.search(text, end)
    return text[left: right.start() if right else len(text)]


def enumerated(text: str, start: int, end: int) -> bool:
    """Does the word at [start, end) stand in a list of several items?"""
    span = _span(text, start, end)
    left = max((m.end() for m in SPAN_BREAK.finditer(text, 0, start)), default=0)
    items = [p for p in ENUM_SEP.split(span) if p.strip()]
    if not (len(items) >= MIN_ITEMS or (len(items) >= 2 and "等" in span)):
        return False
    # the item holding the word, cut at 等: "文化旅游等十大产业链" → "文化旅游"
    offset, own = 0, ""
    for m in ENUM_SEP.finditer(span + "、"):
        if left + m.start() >= end:
            own = span[offset:m.start()]
            break
        offset = m.end()
    own = own.split("等")[0].strip("“”\" ")
    return len(own) <= MAX_ITEM


class RelevanceJudge:
    """Relevance of clauses to every industry of a catalogue (patterns compiled once)."""

    def __init__(self, industries: tuple[Industry, ...]):
        self.industries = industries
        self.patterns = [(ind.id, ind.pattern, tuple(fold(x) for x in ind.exclude)) for ind in industries]
        self._context: dict[str, dict[str, tuple[int, int]]] = {}

    def occurrences(self, text: str) -> dict[str, tuple[int, int]]:
        """Per industry id: (standalone, enumerated) occurrence counts in ``text``."""
        folded = fold(text)
        out: dict[str, tuple[int, int]] = {}
        for ind_id, pattern, exclude in self.patterns:
            alone = listed = 0
            for m in pattern.finditer(folded):
                if exclude and any(x in _span(folded, m.start(), m.end()) for x in exclude):
                    continue
                if enumerated(folded, m.start(), m.end()):
                    listed += 1
                else:
                    alone += 1
            if alone or listed:
                out[ind_id] = (alone, listed)
        return out

    def _cached(self, text: str) -> dict[str, tuple[int, int]]:
        if text not in self._context:
            self._context[text] = self.occurrences(text)
        return self._context[text]

    def judge(self, text: str, headings: list[str], title: str, preamble: bool) -> dict[str, str]:
        """Industry id → 'primary' or 'passing' for one clause (industries not named are left out)."""
        own = self.occurrences(text)
        contexts = [self._cached(c) for c in (title, *headings)]
        out: dict[str, str] = {}
        for ind_id in set(own).union(*contexts):
            alone, listed = own.get(ind_id, (0, 0))
            if alone and not preamble:
                out[ind_id] = "primary"
            elif any(c.get(ind_id, (0, 0))[0] for c in contexts):
                out[ind_id] = "primary"
            else:
                out[ind_id] = "passing"
        return out
