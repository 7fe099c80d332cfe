"""What expires: measures and documents whose term ends soon or has recently ended.

A time-bounded measure is a clause with a window end (执行至2025年12月31日) or a
document with a 有效期; ``expiring`` sorts them against ``today`` into those ending
within the coming months (soonest first) and those ended in the past months (latest
first). Documents already repealed or replaced are left out: their terms no longer matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NOT_IN_FORCE = ("已废止", "已被替代")


@dataclass
class Expiry:
    end: date
    doc_id: str
    title: str  # the document's title
    region: str
    level: str
    clause_key: str | None = None  # None: the document's own term
    label: str = ""
    gist: str = ""  # the measure, shortened
    days: int = 0  # from today; negative when ended

    @property
    def ended(self) -> bool:
        return self.days < 0

    def to_json(self) -> dict:
        return {"end": self.end.isoformat(), "doc_id": self.doc_id, "title": self.title, "region": self.region,
                "level": self.level, "clause_key": self.clause_key, "label": self.label, "gist": self.gist,
                "days": self.days, "ended": self.ended}


def parse_iso(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def gist(text: str, limit: int = 60) -> str:
    first = " ".join(text.split())
    return first if len(first) <= limit else first[:limit - 1] + "…"


def expiring(documents: list[dict], timed_clauses: list[dict], today: date, ahead_days: int = 183,
             behind_days: int = 183) -> tuple[list[Expiry], list[Expiry]]:
    """(ending soon, recently ended) among documents' 有效期 and clauses' measure windows."""
    docs = {d["id"]: d for d in documents if d.get("status") not in NOT_IN_FORCE and not d.get("duplicate_of")}
    items: list[Expiry] = []
    for doc in docs.values():
        end = parse_iso(doc.get("valid_until"))
        if end:
            items.append(Expiry(end, doc["id"], doc["title"], doc["region"], doc["level"], gist=f"本文件有效期至 {end.isoformat()}"))
    seen: set[tuple[str, date]] = set()
    for clause in timed_clauses:
        doc = docs.get(clause["doc_id"])
        end = parse_iso(clause.get("window_end"))
        if doc is None or end is None or (clause["key"], end) in seen:
            continue
        seen.add((clause["key"], end))
        items.append(Expiry(end, doc["id"], doc["title"], doc["region"], doc["level"], clause["key"],
                            clause.get("label") or "", gist(clause.get("text") or "")))
    for item in items:
        item.days = (item.end - today).days
    ending = sorted((i for i in items if 0 <= i.days <= ahead_days), key=lambda i: (i.end, i.title))
    ended = sorted((i for i in items if -behind_days <= i.days < 0), key=lambda i: (i.end, i.title), reverse=True)
    return ending, ended


def months_to_days(months: int) -> int:
    return int(round(months * 30.5))


