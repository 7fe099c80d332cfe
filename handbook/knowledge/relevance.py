"""Industry relevance: is a clause *about* an industry, or does it only mention it in passing?

``primary``: the clause, one of its headings or its document title names the industry on its own
(not as one item of a list of sectors). ``passing``: the industry's words appear only inside an
enumeration (新能源、新材料、氢能、储能等产业) or in a preamble. Terms come from the industry
catalogue (``resources/industries/industries.json``), matched with the same folding as search.
"""

from __future__ import annotations

import re

from handbook.industries import Industry
from handbook.search.analysis import fold  # one folding rule for search and knowledge

SPAN_BREAK = re.compile(r"[，,。；;：:！？!?（）()《》\n]")
MAX_ITEM = 14  # a sector in a list is a short noun phrase
ENUM_SEP = re.compile(r"、|以及|及|和|与")
MIN_ITEMS = 3
ITEM_END = re.compile(r"等|\s*\d+\s*个|(?<=.)(?:行业|产业|领域|企业)")
# A cited title or an exclusion ("（不含单晶硅、多晶硅）") only mentions the word.
CITED = re.compile(r"《[^》]*》|[（(](?:不含|不包括|除)[^）)]*[）)]")
# A clause that opens with its own lead-in ("——风电产业链：…") is about what the lead-in names.
LEAD_IN = re.compile(r"^[—\-\s]*([^：:，,。；]{2,20})[：:]")


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
    # the item holding the word, from the word on, cut where the list's common noun starts:
    # "文化旅游等十大产业链" → "文化旅游", "旅游行业民间投资项目" → "旅游", "硅材料 12 个行业" → "硅材料"
    own = ""
    for m in ENUM_SEP.finditer(span + "、"):
        if left + m.start() >= end:
            own = span[max(start - left, 0):m.start()]
            break
    own = ITEM_END.split(own, maxsplit=1)[0].strip("“”\" ")
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
        cited = [(m.start(), m.end()) for m in CITED.finditer(folded)]
        out: dict[str, tuple[int, int]] = {}
        for ind_id, pattern, exclude in self.patterns:
            alone = listed = 0
            for m in pattern.finditer(folded):
                if exclude and any(x in _span(folded, m.start(), m.end()) for x in exclude):
                    continue
                if any(a <= m.start() < b for a, b in cited) or enumerated(folded, m.start(), m.end()):
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
        lead = LEAD_IN.match(text)
        contexts = [self._cached(c) for c in (title, *headings, *([lead.group(1)] if lead else []))]
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
