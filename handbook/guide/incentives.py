"""扶持政策一览 and 通用政策: incentive facts (handbook/knowledge) turned into guide rows.

The facts come through ``Handbook.incentives`` (documents in force today, windows not
ended). Here they are checked once more from the reader's side: a sentence that only sets
an obligation, a cap, a target or a procedure is not offered as a benefit; a measure whose
own dates have passed is dropped, one ending within 12 months is marked. Rows keep the
sentence as printed, its amounts with units, the condition, the 责任单位 (from the clause or
the nearest heading above it that prints them) and the clause's citation.

扶持政策一览 holds facts whose clause is PRIMARY for the industry, grouped by kind.
通用政策 holds facts about no industry in particular, grouped by topic as source 003 does
(resources/guide/topics.json), the region's own measures first.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from functools import lru_cache

from handbook.errors import ContentError
from handbook.guide.model import LEVEL_ORDER, Incentive, TopicGroup
from handbook.knowledge.duty import split_units
from handbook.knowledge.validity import window as text_window
from handbook.knowledge.vocabulary import default_vocabulary
from handbook.paths import resource_path

MONEY_OR_RATE = re.compile(r"元|[%％]|倍|折")

KIND_ORDER = ("资金奖补", "税费减免", "电价用能", "用地", "指标配额", "人才待遇", "金融支持", "通关便利", "资格荣誉", "其他")
SOON = timedelta(days=366)
LEAD = re.compile(r"^(?:（\d+）|\(\d+\)|\d+[.．、]|[①-⑳])?\s*")


@lru_cache(maxsize=1)
def topics() -> dict:
    path = resource_path("guide", "topics.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["topics"] = [t for t in data["topics"] if t["topic"] and t["kinds"]]
        return data
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ContentError(f"通用政策分类 {path.name} 无法读取：{err}") from err


def offered(text: str) -> bool:
    """Whether a granting sentence offers something, rather than only binding, capping, aiming or
    describing a procedure (vocabulary of the clause knowledge, resources/knowledge)."""
    vocab = default_vocabulary()
    body = LEAD.sub("", text)
    spec = topics()
    if any(w in body for w in spec.get("addressed_to_government", [])):
        return False  # tells governments what to do
    if any(body.startswith(w) for w in spec.get("obligation_openings", [])):
        return False
    if len(body) < 14 and not re.search(r"[，,\d]", body):
        return False  # a heading such as 用人单位引才奖励。
    strong = vocab.grant_strong.search(body)  # a granting word; a mere pattern (电价…按) does not outweigh a cap
    if vocab.target.search(body) or vocab.negation.search(body) or vocab.procedure.search(body[:8]):
        return False
    if not strong and (vocab.cap.search(body) or vocab.obligation.search(body) or vocab.exhortation.search(body)):
        return False
    head = re.match(r"^[^，：:。]{0,8}[：:]", body)  # "额度上限：…", "审核流程：…"
    return not (head and (vocab.cap.search(head.group(0)) or "上限" in head.group(0) or vocab.procedure.search(head.group(0))))


def validity_note(end: str | None, today: date, what: str = "执行至") -> str | None:
    """None when ended; a note when it ends within 12 months; '' otherwise."""
    if not end:
        return ""
    if end < today.isoformat():
        return None
    y, m, d = end.split("-")
    text = f"{what} {int(y)}年{int(m)}月{int(d)}日"
    return f"{text}（不足 12 个月）" if date.fromisoformat(end) - today <= SOON else text


LEADING_UNTIL = re.compile(r"^(?:自[^，。；]{0,24})?至\s*(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日|底|末)?")


def fact_window_end(fact: dict) -> str | None:
    end = (fact.get("window") or {}).get("end")
    if end:
        return end
    body = LEAD.sub("", fact["text"])
    m = LEADING_UNTIL.match(body)  # "至 2025年 12月 31日，…免征…", "至 2023 年 6月底，…"
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        last = (date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)).day
        return f"{y:04d}-{mo:02d}-{int(m.group(3) or last):02d}"
    found = text_window(body)
    return found[1] if found else None


def responsible_of(fact: dict, clause_of) -> list[str]:
    """The fact's own 责任单位, else the clause's or the nearest ancestor's as printed."""
    units = [u for u in fact.get("responsible") or [] if u]
    key = fact["clause_key"]
    while not units and key:
        clause = clause_of(key)
        if clause is None:
            break
        units = split_units(clause.get("responsible"))
        key = clause.get("parent_key")
    return [re.sub(r"按职责分工负责$|^(?:牵头|协同|配合)单位[:：]", "", u).strip() for u in units if u.strip()]


def to_row(fact: dict, docs: dict, today: date, clause_of) -> Incentive | None:
    if not offered(fact["text"]):
        return None
    doc = docs[fact["doc_id"]]
    note = validity_note(fact_window_end(fact), today)
    doc_note = validity_note(doc.get("valid_until"), today, "文件有效期至")
    if note is None or doc_note is None:
        return None
    amounts = "；".join(dict.fromkeys(a.strip() for a in fact.get("amounts") or [] if a.strip()))
    return Incentive(fact["kind"], fact["text"], amounts, fact.get("condition") or "", responsible_of(fact, clause_of),
                     fact["citation"], fact["clause_key"], fact["doc_id"], doc["level"],
                     "；".join(x for x in (note, doc_note if "不足" in doc_note else "") if x))


def _unique(rows: list[Incentive]) -> list[Incentive]:
    seen, out = set(), []
    for r in rows:
        key = re.sub(r"\s+", "", r.measure)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def industry_rows(service, industry_id: str, region: str, levels: list[str], docs: dict) -> list[Incentive]:
    """扶持政策一览: facts of clauses PRIMARY for the industry, grouped by kind in KIND_ORDER."""
    facts = service.incentives(industry_id, region, relevance="primary")
    rows = [to_row(f, docs, service.today, service.store.clause) for f in facts
            if f["doc_id"] in docs and f["level"] in levels]
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(_unique([r for r in rows if r]), key=lambda r: rank.get(r.kind, len(rank)))


def general_groups(service, region: str, levels: list[str], docs: dict, title_only: list[dict]) -> list[TopicGroup]:
    """通用政策: facts about no industry in particular, by topic; the region's own level first."""
    spec = topics()
    exclude = re.compile("|".join(map(re.escape, spec.get("exclude", []))) or "(?!)")
    facts = [f for f in service.incentives(None, region)
             if f["doc_id"] in docs and f["level"] in levels
             and not any(i["relevance"] == "primary" for i in f.get("industries", []))
             and not exclude.search(f["text"])]
    closeness = {lv: i for i, lv in enumerate(reversed(LEVEL_ORDER))}
    groups = []
    for topic in spec["topics"]:
        rows = [to_row(f, docs, service.today, service.store.clause) for f in facts if f["kind"] in topic["kinds"]]
        rows = _unique([r for r in rows if r and (r.amount or default_vocabulary().grant_strong.search(r.measure))])
        # rows that print money or a rate first; a term alone ("3年内") tells an officer less
        ordered = sorted(rows, key=lambda r: (not r.amount, not MONEY_OR_RATE.search(r.amount),
                                              closeness.get(r.level, 9)))[: spec.get("max_rows", 10)]
        keep = {id(r) for r in ordered}
        rows = [r for r in rows if id(r) in keep]  # back in level and document order
        rows.sort(key=lambda r: LEVEL_ORDER.index(r.level) if r.level in LEVEL_ORDER else 9)
        reading = [d for d in title_only if set(topic.get("themes", [])) & set(d.get("themes", []))]
        if rows or reading:
            groups.append(TopicGroup(topic["topic"], rows, reading))
    return groups
