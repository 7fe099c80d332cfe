"""Document numbers (文号): recognise and normalise them in any common written form.

Shared by ingestion (metadata, citations) and search (a typed 文号 puts its document
first). The normal form uses 〔〕 around the year and no spaces inside the number:
国发〔2023〕16号, 内政办发〔2022〕19号, 财政部 税务总局 公告2022年第16号 (issuers of a
公告 keep one space between them), 内蒙古自治区人民政府令第254号.
"""

from __future__ import annotations

import re

OPEN = re.escape("〔[［【(（")
CLOSE = re.escape("〕]］】)）")

# 国发〔2023〕16号 and its variants: 国发[2023]16号, 国发〔2023〕16 号, 国发2023年16号
BRACKETED = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{1,12}}?)\s*[{OPEN}]\s*(?P<year>(19|20)\d\d)\s*[{CLOSE}]\s*(?P<seq>\d{{1,4}})\s*号"
)
YEAR_WORD = re.compile(r"(?P<org>[\u4e00-\u9fff]{1,12}?[发函字])\s*(?P<year>(19|20)\d\d)\s*年\s*(?P<seq>\d{1,4})\s*号")
ANNOUNCEMENT = re.compile(
    r"(?P<org>[\u4e00-\u9fff][\u4e00-\u9fff 、]{0,40}?)\s*公告\s*(?P<year>(19|20)\d\d)\s*年\s*第\s*(?P<seq>\d{1,4})\s*号"
)
DECREE = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,20}?令)\s*第\s*(?P<seq>\d{1,4})\s*号")


def _clean_org(org: str) -> str:
    org = re.sub(r"[、\s]+", " ", org).strip()
    return org


def normalise(text: str) -> str | None:
    """The first 文号 found in ``text`` in normal form, or None."""
    found = find_all(text)
    return found[0][2] if found else None


def find_all(text: str) -> list[tuple[int, int, str]]:
    """All 文号 in ``text`` as (start, end, normal form), in order, without overlaps."""
    hits: list[tuple[int, int, str]] = []
    if "号" not in text:  # every form ends in 号; most sentences have none
        return hits
    for pattern, kind in ((ANNOUNCEMENT, "ann"), (BRACKETED, "br"), (YEAR_WORD, "br"), (DECREE, "dec")):
        for m in pattern.finditer(text):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _ in hits):
                continue
            org = _clean_org(m.group("org"))
            if kind == "ann":
                norm = f"{org}公告{m.group('year')}年第{m.group('seq')}号"
            elif kind == "dec":
                norm = f"{org.replace(' ', '')}第{m.group('seq')}号"
            else:
                norm = f"{org.replace(' ', '')}〔{m.group('year')}〕{m.group('seq')}号"
            hits.append((m.start(), m.end(), norm))
    hits.sort()
    return hits


def compact(number: str) -> str:
    """Key for comparing numbers regardless of spaces: 财政部税务总局公告2022年第16号."""
    return re.sub(r"\s+", "", number)
