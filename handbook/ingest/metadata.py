"""Metadata: title, 文号, issuers, date, level, region and themes of one document.

Everything comes from the text itself: the title block and 文号 line, the signature and
date at the end of the notice, the part headers in force, and the curated region cues and
theme terms in ``resources/taxonomy``. Where the text says nothing, the field stays empty
rather than guessed (except region, which falls back to the source's home region).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook import docnumber
from handbook.ingest.segment import Segment
from handbook.ingest.structure import DATE_LINE, Clause
from handbook.taxonomy import Taxonomy

ISSUER_SPLIT = re.compile(r"关于|印发|转发|发布")
DATE_PARTS = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISSUER_SEPARATORS = re.compile(r"[\s、]+")


@dataclass
class Metadata:
    title: str
    doc_number: str | None
    issuers: list[str]
    date: str | None
    level: str
    region: str
    themes: list[str]


def issuers_from_title(title: str) -> list[str]:
    m = ISSUER_SPLIT.search(title)
    if not m or m.start() == 0:
        return []
    head = title[: m.start()].strip()
    if len(head) > 70 or "《" in head:
        return []
    return merge_issuer_parts(ISSUER_SEPARATORS.split(head))


ORG_END = re.compile(r"(部|委|局|厅|院|会|行|室|府|党委|市委|司|署|办|门|总局|委员会)$")


def merge_issuer_parts(parts: list[str]) -> list[str]:
    """Rejoin pieces split at a space that is not between two bodies ("商务部等 7 部门")."""
    out: list[str] = []
    for part in (p for p in parts if p):
        part = re.sub(r"联合$", "", part)
        if out and not ORG_END.search(out[-1]):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def issuers_from_signature(clauses: list[Clause]) -> list[str]:
    signature = [c for c in clauses if c.kind == "closing" and not DATE_LINE.match(c.text)]
    if not signature:
        return []
    return [part for part in ISSUER_SEPARATORS.split(signature[0].text) if part]


def issuers_from_number(doc_number: str | None) -> list[str]:
    if doc_number and "公告" in doc_number:
        return [p for p in doc_number.split("公告")[0].split(" ") if p]
    if doc_number and "令第" in doc_number:
        return [doc_number.split("令第")[0]]
    return []


def iso_date(text: str) -> str | None:
    m = DATE_PARTS.search(text)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def document_date(segment: Segment, clauses: list[Clause]) -> str | None:
    for line in segment.header:
        if DATE_LINE.match(line.text):
            return iso_date(line.text)
    for clause in clauses:
        if clause.kind == "closing" and DATE_LINE.match(clause.text):
            return iso_date(clause.text)
    return None


def extract(segment: Segment, clauses: list[Clause], full_text: str, taxonomy: Taxonomy, home_region: str) -> Metadata:
    number = docnumber.normalise(segment.number_text) if segment.number_text else None
    issuers = issuers_from_title(segment.title) or issuers_from_number(number) or issuers_from_signature(clauses)
    region = (
        taxonomy.region_by_number(number)
        or (taxonomy.region_by_cue(" ".join(issuers)) if issuers else None)
        or taxonomy.region_by_cue(segment.title)
        or taxonomy.region_by_cue(segment.context.get("level_header", ""))
        or taxonomy.region_by_cue(segment.context.get("part", ""))
        or taxonomy.region(home_region)
    )
    return Metadata(
        title=segment.title,
        doc_number=number,
        issuers=issuers,
        date=document_date(segment, clauses),
        level=region.level,
        region=region.name,
        themes=taxonomy.themes_for(segment.title, full_text),
    )
