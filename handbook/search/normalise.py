"""Query normalisation: loosely typed 文号, and the topic words of a typed question.

Officers type a 文号 without its brackets or 号, with other brackets or with spaces:
国发2023 16, 内政办发[2022]19, 内政办发 2023 70号, 内政办发（2022）15, 科技部公告2022年16号.
A loose pattern reads issuer code, year and number; when a document of the handbook has that
year and number and an issuer code that the typed one ends with (or that contains the typed
one), the typed form is replaced by the document's 文号 in normal form. Nothing is rewritten
unless such a document exists, so 2024年16个 is never taken for a 文号.

A question typed as one run (在伊金霍洛旗建厂电价多少) is found nowhere as typed; ``question_parts``
cuts out its question and function words (``resources/search/questions.json``) and leaves
the topic parts (伊金霍洛旗建厂电价), which search then splits into the words the texts contain.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from handbook import docnumber
from handbook.errors import ContentError
from handbook.paths import resource_path

LOOSE = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{2,24}}?)\s*(?:公告)?\s*[{docnumber.OPEN}]?\s*(?P<year>(?:19|20)\d\d)\s*[{docnumber.CLOSE}年\-－—]?\s*"
    rf"第?\s*(?P<seq>\d{{1,4}})(?!\d)(?:\s*号)?"
)
LOOSE_ANNOUNCEMENT = re.compile(
    r"(?:公告\s*)?(?P<year>(?:19|20)\d\d)\s*年?\s*第\s*(?P<seq>\d{1,4})(?!\d)\s*号(?:\s*公告)?")
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

    def _announcement(self, m: re.Match) -> tuple[int, str] | None:
        """2022年第16号公告 without its issuers: the one 公告 of that year and number."""
        found = [n for _, n in self._by_year_seq.get((m.group("year"), str(int(m.group("seq")))), ()) if "公告" in n]
        return (0, found[0]) if len(found) == 1 else None

    def rewrite(self, text: str) -> str:
        if not self._by_year_seq or not re.search(r"\d", text):
            return text
        spans = [(m, m.group("year")) for m in LOOSE.finditer(text)]
        spans += [(m, None) for m in LOOSE_DECREE.finditer(text)]
        spans += [(m, "announcement") for m in LOOSE_ANNOUNCEMENT.finditer(text)]
        taken: list[tuple[int, int, str]] = []
        for m, year in sorted(spans, key=lambda x: x[0].start()):
            if taken and m.start() < taken[-1][1]:
                continue
            found = self._announcement(m) if year == "announcement" else self._known(m.group("org"), year, m.group("seq"))
            if found:
                start = m.start() if year == "announcement" else m.start("org")
                taken.append((start + found[0], m.end(), found[1]))
        out, pos = [], 0
        for start, end, number in taken:
            out += [text[pos:start], f" {number} "]
            pos = end
        out.append(text[pos:])
        return "".join(out).strip()


@lru_cache(maxsize=1)
def _question_words() -> tuple[re.Pattern, re.Pattern]:
    path = resource_path("search", "questions.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        cut = sorted(data["phrases"], key=len, reverse=True) + list(data["particles"])
        trailing = list(data["trailing"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ContentError(f"问句词表 {path.name} 无法读取：{err}") from err
    return re.compile("|".join(map(re.escape, cut))), re.compile("(?:" + "|".join(map(re.escape, trailing)) + ")+$")


def question_parts(word: str) -> list[str]:
    """The topic parts of a question typed as one run; ``[word]`` when it holds no question word."""
    cut, trailing = _question_words()
    stripped = trailing.sub("", word)
    parts = [p for p in cut.split(stripped) if p]
    return parts if parts and (len(parts) > 1 or parts[0] != word) else [word]
