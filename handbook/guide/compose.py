"""Composing an investment guide (投资指南) — what goes in, no layout here.

For an industry and a region the guide takes the documents in force at that region and every
level above it. 相关政策原文 quotes, verbatim, the clauses the clause knowledge marks as
PRIMARY for the industry (a passing mention is left out); a clause whose own dates have
passed is not offered, one ending within 12 months is marked. 扶持政策一览 and 通用政策 come
from the incentive facts (incentives.py); 地区概况, 要素成本 and 产业链 from region.py.

A briefing is the same booklet built from a bookmark folder instead of an industry: the
officer's clauses with notes, grouped by document and level, plus the incentives they hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handbook.errors import GuideError
from handbook.guide import incentives as inc
from handbook.guide import region as reg
from handbook.guide.model import (
    IN_FORCE,
    LEVEL_ORDER,
    SECTIONS,
    Cancelled,
    CostItem,
    Guide,
    Incentive,
    PolicyEntry,
    Quote,
    RegionProfile,
    TopicGroup,
)
from handbook.industries import Catalogue, Industry, default_catalogue

__all__ = ["SECTIONS", "LEVEL_ORDER", "Cancelled", "CostItem", "Guide", "Incentive", "PolicyEntry", "Quote",
           "RegionProfile", "TopicGroup", "compose", "compose_briefing", "resolve_region"]


def resolve_region(taxonomy, name: str) -> str:
    found = taxonomy.resolve(name)
    if found is None:
        raise GuideError(f"没有名为“{name}”的地区。可选：{'、'.join(r.name for r in taxonomy.regions)}。")
    return found


def _level_keys(levels: list[str], names: dict[str, str]) -> set[str]:
    keys = set()
    for level in levels:
        level = level.strip()
        found = [k for k, v in names.items() if level in (k, v, v.rstrip("级"))]
        if not found:
            raise GuideError(f"没有“{level}”这一层级。可选：{'、'.join(names.values())}。")
        keys.update(found)
    return keys


def _print_date(today) -> str:
    return f"{today.year}年{today.month}月{today.day}日"


def _start(service, region: str, levels: list[str] | None, title: str, subject, organisation: str, contact: str,
           sections) -> Guide:
    tax = service.taxonomy
    level_names = dict(tax.level_names)
    chosen = [lv for lv in LEVEL_ORDER if not levels or lv in _level_keys(levels, level_names)]
    if not chosen:
        raise GuideError("请至少选择一个层级。")
    return Guide(title, region, subject, organisation, contact, _print_date(service.today), service.content_date,
                 service.content_version, chosen, level_names, today=service.today.isoformat(),
                 sections=tuple(s for s in SECTIONS if s in sections))


def _profile_titles(spec: dict) -> set[str]:
    titles = set()
    for part in ("profile", "chain"):
        for source in spec.get(part, []):
            if not source.get("clauses"):  # a whole own chapter is region material, not a policy
                titles.add(source["document"])
    if spec.get("costs"):
        titles.add(spec["costs"]["document"])
    return titles


def _in_scope(service, guide: Guide, include_repealed: bool) -> list[dict]:
    allowed = set(service.taxonomy.ancestors(guide.region))
    return [d for d in service.documents() if d["region"] in allowed and d["level"] in guide.levels
            and (d["status"] == IN_FORCE or (include_repealed and d["status"] != "征求意见稿"))]


def compose(service, industry: str | Industry, region: str, levels: list[str] | None = None,
            include_repealed: bool = False, bookmark_folder: str | None = None, title: str | None = None,
            organisation: str = "", contact: str = "", sections: tuple[str, ...] = SECTIONS,
            catalogue: Catalogue | None = None, progress: Callable[[str, float], None] | None = None) -> Guide:
    """Select and quote everything the guide needs (see module docstring)."""
    catalogue = catalogue or default_catalogue()
    ind = industry if isinstance(industry, Industry) else catalogue.find(industry)
    region = resolve_region(service.taxonomy, region)
    short = ind.name.split(" / ")[0]
    guide = _start(service, region, levels, title or f"{region}{short}产业投资指南", ind, organisation, contact, sections)
    report = progress or (lambda message, fraction: None)

    report("正在挑选政策条款…", 0.05)
    spec = catalogue.regions.get(region, {})
    region_titles = _profile_titles(spec)
    docs = _in_scope(service, guide, include_repealed)
    policy_docs = [d for d in docs if d["title"] not in region_titles and d.get("kind") != "own_chapter"]
    relevance = service.store.clause_industries(ind.id)
    for n, doc in enumerate(policy_docs):
        report("正在挑选政策条款…", 0.05 + 0.5 * n / max(1, len(policy_docs)))
        entry = _policy_entry(service, doc, ind, relevance)
        if entry:
            guide.policies.setdefault(doc["level"], []).append(entry)
    for entries in guide.policies.values():
        entries.sort(key=lambda e: (not e.whole_document, e.title_only, -len(e.clauses), e.doc.get("ordinal", 0)))

    report("正在整理扶持政策…", 0.6)
    by_id = {d["id"]: d for d in docs}
    if "incentives" in guide.sections:
        guide.incentives = inc.industry_rows(service, ind.id, region, guide.levels, by_id)
    if "general" in guide.sections:
        title_only = [d for d in docs if d.get("kind") == "title_only"]
        guide.general = inc.general_groups(service, region, guide.levels, by_id, _unique_titles(title_only))
    for row in guide.incentives + [r for g in guide.general for r in g.rows]:
        guide.documents.setdefault(row.doc_id, by_id[row.doc_id])

    report("正在整理地区资料…", 0.8)
    if "profile" in guide.sections:
        guide.profile = reg.profile(service, region, spec, docs)
    if "costs" in guide.sections and spec.get("costs"):
        guide.costs = reg.factor_costs(service, spec["costs"]["document"])
    if "chain" in guide.sections:
        guide.chain, _ = reg.region_quotes(service, spec.get("chain", []), ind)
    if bookmark_folder:
        guide.bookmark_folder = bookmark_folder
        guide.bookmarks = service.bookmarks.list(folder=bookmark_folder)
    report("内容已就绪", 0.9)
    return guide


def _unique_titles(docs: list[dict]) -> list[dict]:
    seen, out = set(), []
    for d in docs:
        if d["title"] not in seen:
            seen.add(d["title"])
            out.append(d)
    return out


def _doc_validity(doc: dict, service) -> str | None:
    return inc.validity_note(doc.get("valid_until"), service.today, "有效期至")


def _policy_entry(service, doc: dict, ind: Industry, relevance: dict[str, str]) -> PolicyEntry | None:
    whole = ind.matches(doc["title"])
    validity = _doc_validity(doc, service) or ""
    rows = service.store.clause_rows(doc["id"])
    if doc.get("kind") == "title_only" or not rows:
        return PolicyEntry(doc, [], whole, title_only=True, validity=validity) if whole else None
    picked = []
    for row in rows:
        if relevance.get(row["key"]) != "primary" or row["kind"] == "closing":
            continue
        text = (row["text"] or "").strip()
        if reg.is_heading_only(text) or (text.endswith("：") and len(text) < 80):
            continue  # a bare heading or the addressee line: the heading path printed above a clause says it
        q = _dated_quote(row, doc, service)
        if q:
            picked.append(q)
    if not picked:
        return None
    return PolicyEntry(doc, picked, whole, validity=validity)


def _dated_quote(row: dict, doc: dict, service) -> Quote | None:
    """The clause as a quote, None when its own window has ended; marked when it ends within 12 months."""
    note = inc.validity_note((row.get("window") or {}).get("end"), service.today)
    if note is None:
        return None
    q = reg.quote(row, doc)
    q.note = note if "不足" in note else ""
    return q


def compose_briefing(service, folder: str, region: str | None = None, levels: list[str] | None = None,
                     title: str | None = None, organisation: str = "", contact: str = "",
                     sections: tuple[str, ...] = SECTIONS,
                     progress: Callable[[str, float], None] | None = None) -> Guide:
    """The booklet from a bookmark folder: the officer's clauses with notes, grouped by document."""
    report = progress or (lambda message, fraction: None)
    report("正在读取书签…", 0.05)
    marks = service.bookmarks.list(folder=folder)
    if not marks:
        raise GuideError(f"书签文件夹“{folder}”中没有书签，无法生成简报。")
    docs = {}
    for b in marks:
        clause = service.clause(b.clause_key) if b.state != "changed" else None
        doc = service.document(clause["doc_id"]) if clause else None
        if doc:
            docs.setdefault(doc["id"], doc)
    if region is None:  # the lowest region the bookmarks reach
        depth = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
        lowest = max(docs.values(), key=lambda d: depth.get(d["level"], 0), default=None)
        region = lowest["region"] if lowest else "全国"
    region = resolve_region(service.taxonomy, region)
    guide = _start(service, region, levels, title or f"{region}招商简报：{folder}", None, organisation, contact,
                   tuple(s for s in sections if s not in ("chain", "general")))
    guide.briefing, guide.bookmark_folder, guide.bookmarks = True, folder, marks
    report("正在整理条款…", 0.3)
    entries: dict[str, PolicyEntry] = {}
    unplaced = []
    for b in marks:
        clause = service.clause(b.clause_key) if b.state != "changed" else None
        doc = docs.get(clause["doc_id"]) if clause else None
        if doc is None or doc["level"] not in guide.levels:
            unplaced.append(b)
            continue
        q = _dated_quote(clause, doc, service) or reg.quote(clause, doc)
        q.remark = b.note or ""
        entry = entries.setdefault(doc["id"], PolicyEntry(doc, [], False, validity=_doc_validity(doc, service) or ""))
        entry.clauses.append(q)
    guide.bookmarks = unplaced  # those the appendix still has to show (changed or outside the chosen levels)
    for entry in entries.values():
        guide.policies.setdefault(entry.doc["level"], []).append(entry)
    report("正在整理扶持政策…", 0.6)
    keys = {q.key for e in entries.values() for q in e.clauses}
    if "incentives" in guide.sections:
        facts = [f for f in service.incentives(None, None) if f["clause_key"] in keys]
        rows = [inc.to_row(f, {**docs}, service.today, service.store.clause) for f in facts if f["doc_id"] in docs]
        rank = {k: i for i, k in enumerate(inc.KIND_ORDER)}
        guide.incentives = sorted([r for r in rows if r], key=lambda r: rank.get(r.kind, len(rank)))
    guide.documents.update(docs)
    if "profile" in guide.sections:
        spec = default_catalogue().regions.get(region, {})
        guide.profile = reg.profile(service, region, spec, _in_scope(service, guide, False))
    if "costs" in guide.sections and default_catalogue().regions.get(region, {}).get("costs"):
        guide.costs = reg.factor_costs(service, default_catalogue().regions[region]["costs"]["document"])
    report("内容已就绪", 0.9)
    return guide


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
