"""Query normalisation: a loosely typed 文号 rewritten into the 文号 the handbook prints.

Officers type a 文号 without its brackets or 号, with other brackets or with spaces:
国发2023 16, 内政办发[2022]19, 内政办发 2023 70号, 内政办发（2022）15, 科技部公告2022年16号.
A loose pattern reads issuer code, year and number; when a document of the handbook has that
year and number and an issuer code that the typed one ends with (or that contains the typed
one), the typed form is replaced by the document's 文号 in normal form. Nothing is rewritten
unless such a document exists, so 2024年16个 is never taken for a 文号.
"""

from __future__ import annotations

import re

from handbook import docnumber

_OPEN = "〔\\[［【(（"
_CLOSE = "〕\\]］】)）"
LOOSE = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{2,24}}?)\s*(?:公告)?\s*[{_OPEN}]?\s*(?P<year>(?:19|20)\d\d)\s*[{_CLOSE}年\-－—]?\s*"
    rf"第?\s*(?P<seq>\d{{1,4}})(?!\d)(?:\s*号)?"
)
LOOSE_DECREE = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,24}?令)\s*第?\s*(?P<seq>\d{1,4})(?!\d)(?:\s*号)?")


def _parts(number: str) -> tuple[str, str | None, str] | None:
    """(issuer code without spaces, year or None, number) of a 文号 in normal form."""
    for pattern in (docnumber.ANNOUNCEMENT, docnumber.BRACKETED, docnumber.YEAR_WORD):
        m = pattern.fullmatch(number)
        if m:
            return re.sub(r"[\s、]+", "", m.group("org")), m.group("year"), m.group("seq")
    m = docnumber.DECREE.fullmatch(number)
    if m:
        return re.sub(r"\s+", "", m.group("org")), None, m.group("seq")
    return None


class DocNumberRewriter:
    """Replaces loosely typed 文号 by the normal form of a document the handbook holds."""

    def __init__(self, numbers):
        self._by_year_seq: dict[tuple[str | None, str], list[tuple[str, str]]] = {}
        for number in numbers:
            parts = _parts(number)
            if parts:
                org, year, seq = parts
                self._by_year_seq.setdefault((year, seq), []).append((org, number))

    def _known(self, typed_org: str, year: str | None, seq: str) -> tuple[int, str] | None:
        """(characters of ``typed_org`` before the issuer code, normal form) of a known 文号."""
        candidates = self._by_year_seq.get((year, str(int(seq))), ())
        for org, number in candidates:
            if typed_org.endswith(org):  # 关于国发2023 16: the code ends the CJK run
                return len(typed_org) - len(org), number
        for cut in range(len(typed_org) - 1):  # 科技部公告2022年16号 for 财政部 税务总局 科技部公告…
            tail = typed_org[cut:]
            for org, number in candidates:
                if tail in org:
                    return cut, number
        return None

    def rewrite(self, text: str) -> str:
        if not self._by_year_seq or not re.search(r"\d", text):
            return text
        spans = [(m, m.group("year")) for m in LOOSE.finditer(text)]
        spans += [(m, None) for m in LOOSE_DECREE.finditer(text)]
        taken: list[tuple[int, int, str]] = []
        for m, year in sorted(spans, key=lambda x: x[0].start()):
            if taken and m.start() < taken[-1][1]:
                continue
            found = self._known(m.group("org"), year, m.group("seq"))
            if found:
                taken.append((m.start("org") + found[0], m.end(), found[1]))
        out, pos = [], 0
        for start, end, number in taken:
            out += [text[pos:start], f" {number} "]
            pos = end
        out.append(text[pos:])
        return "".join(out).strip()
