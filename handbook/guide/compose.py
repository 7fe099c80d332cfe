"""Composing an investment guide (投资指南) for one industry and one region — no layout here.

For an industry of the catalogue and a region, the guide takes the documents in force at
that region and every level above it, and within them the clauses that concern the
industry: a clause belongs when it names one of the industry's terms (matched like search
matches words: full-width and case folded, literal), or when the whole document is about
the industry (its title names a term) and the clause has substance. Clauses are quoted
exactly as stored. From those clauses an incentives table is drawn: every sentence that
grants something (给予, 补贴, 奖励, 减按 …) with an amount or rate as printed (万元, 元/吨,
每亩, %, 上限 …), its conditions, the responsible unit and the citation. The region's
profile, factor costs and industry-chain paragraphs come from the sources named in the
catalogue; a region the sources say nothing about gets no such section.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from handbook.errors import GuideError
from handbook.industries import Catalogue, Industry, default_catalogue

LEVEL_ORDER = ("national", "autonomous_region", "league_city", "banner_county")
IN_FORCE = "现行有效"
SECTIONS = ("profile", "costs", "chain", "incentives", "policies", "appendix")

GRANT = re.compile(r"给予|补贴|奖励|奖补|补助|贴息|减按|免征|减免|减征|返还|资助|扶持|优惠|配置|支持")
AMOUNT = re.compile(
    r"(?:(?:最高不超过|最高|不超过|不高于|不低于|上限为?|每亩|每吨|每千瓦时?|每人|每户|每年|一次性)\s*)?"
    r"\d+(?:\.\d+)?\s*(?:[-—～~至]\s*\d+(?:\.\d+)?\s*)?(?:万元|亿元|元/[^\s，。；、）)]{1,5}|元|%|％|倍|个百分点)"
)
CONDITION = re.compile(r"^(?:对|凡|符合|经|在|新引进|刚性引进|柔性引进|企业|项目)[^，。；]{2,80}(?=，)")


class Cancelled(Exception):
    """Raised from a progress callback to stop composing or rendering."""


@dataclass
class Quote:
    """One clause quoted verbatim."""

    key: str
    label: str
    text: str
    responsible: str | None
    citation: str


@dataclass
class PolicyEntry:
    doc: dict
    clauses: list[Quote]
    whole_document: bool  # the document's subject is the industry
    title_only: bool = False  # the handbook has only the title of this document


@dataclass
class Incentive:
    measure: str
    amount: str
    conditions: str
    responsible: str
    citation: str
    clause_key: str


@dataclass
class CostItem:
    category: str
    item: str
    price: str
    source: str


@dataclass
class Guide:
    title: str
    region: str
    industry: Industry
    organisation: str
    contact: str
    date: str
    content_date: str
    content_version: str
    levels: list[str]
    level_names: dict[str, str]
    profile: list[Quote] = field(default_factory=list)
    costs: list[CostItem] = field(default_factory=list)
    chain: list[Quote] = field(default_factory=list)
    incentives: list[Incentive] = field(default_factory=list)
    policies: dict[str, list[PolicyEntry]] = field(default_factory=dict)
    bookmarks: list = field(default_factory=list)
    bookmark_folder: str | None = None
    sections: tuple[str, ...] = SECTIONS

    def quotes(self) -> list[Quote]:
        return [q for entries in self.policies.values() for e in entries for q in e.clauses]

    def cited_documents(self) -> list[dict]:
        return [e.doc for level in LEVEL_ORDER for e in self.policies.get(level, [])]


def citation(doc: dict, label: str) -> str:
    name = doc["doc_number"] or f"《{doc['title']}》"
    return f"{name} {label}" if label else name


def _is_heading_only(text: str) -> bool:
    return len(text) < 30 and not re.search(r"[。；！？]", text)


def _is_addressee(text: str) -> bool:
    return text.endswith("：") and len(text) < 80


def _quote(row: dict, doc: dict) -> Quote:
    return Quote(row["key"], row["label"] or "", row["text"], row.get("responsible"), citation(doc, row["label"] or ""))


def resolve_region(taxonomy, name: str) -> str:
    found = taxonomy.resolve(name)
    if found is None:
        raise GuideError(f"没有名为“{name}”的地区。可选：{'、'.join(r.name for r in taxonomy.regions)}。")
    return found


def compose(service, industry: str | Industry, region: str, levels: list[str] | None = None,
            include_repealed: bool = False, bookmark_folder: str | None = None, title: str | None = None,
            organisation: str = "", contact: str = "", sections: tuple[str, ...] = SECTIONS,
            catalogue: Catalogue | None = None, progress: Callable[[str, float], None] | None = None) -> Guide:
    """Select and quote everything the guide needs (see module docstring)."""
    catalogue = catalogue or default_catalogue()
    ind = industry if isinstance(industry, Industry) else catalogue.find(industry)
    tax = service.taxonomy
    region = resolve_region(tax, region)
    level_names = dict(tax.level_names)
    levels = [lv for lv in LEVEL_ORDER if not levels or lv in _level_keys(levels, level_names)]
    if not levels:
        raise GuideError("请至少选择一个层级。")
    report = progress or (lambda message, fraction: None)
    short = ind.name.split(" / ")[0]
    guide = Guide(title or f"{region}{short}产业投资指南", region, ind, organisation, contact, time.strftime("%Y年%m月"),
                  service.content_date, service.content_version, levels, level_names, sections=tuple(sections))

    report("正在挑选政策条款…", 0.05)
    allowed_regions = set(tax.ancestors(region))
    profile_sources = _profile_titles(catalogue.regions.get(region, {}))
    docs = [d for d in service.documents() if d["region"] in allowed_regions and d["level"] in levels
            and (include_repealed or d["status"] == IN_FORCE) and d["title"] not in profile_sources
            and d.get("kind") != "own_chapter"]
    for n, doc in enumerate(docs):
        report("正在挑选政策条款…", 0.05 + 0.6 * n / max(1, len(docs)))
        entry = _policy_entry(service, doc, ind)
        if entry:
            guide.policies.setdefault(doc["level"], []).append(entry)
    for entries in guide.policies.values():
        entries.sort(key=lambda e: (not e.whole_document, e.title_only, -len(e.clauses), e.doc.get("ordinal", 0)))

    report("正在整理扶持政策一览…", 0.7)
    guide.incentives = [row for q, doc in _quotes_with_docs(guide) for row in incentives_of(q, doc)]

    report("正在整理地区资料…", 0.8)
    spec = catalogue.regions.get(region, {})
    if "profile" in sections:
        guide.profile = _region_quotes(service, spec.get("profile", []), None)
    if "costs" in sections and spec.get("costs"):
        guide.costs = factor_costs(service, spec["costs"]["document"])
    if "chain" in sections:
        guide.chain = _region_quotes(service, spec.get("chain", []), ind)
    if bookmark_folder:
        guide.bookmark_folder = bookmark_folder
        guide.bookmarks = service.bookmarks.list(folder=bookmark_folder)
    report("内容已就绪", 0.9)
    return guide


def _level_keys(levels: list[str], names: dict[str, str]) -> set[str]:
    keys = set()
    for level in levels:
        level = level.strip()
        found = [k for k, v in names.items() if level in (k, v, v.rstrip("级"))]
        if not found:
            raise GuideError(f"没有“{level}”这一层级。可选：{'、'.join(names.values())}。")
        keys.update(found)
    return keys


def _profile_titles(spec: dict) -> set[str]:
    titles = set()
    for part in ("profile", "chain"):
        for source in spec.get(part, []):
            if not source.get("clauses"):  # a whole own chapter is region material, not a policy
                titles.add(source["document"])
    if spec.get("costs"):
        titles.add(spec["costs"]["document"])
    return titles


def _policy_entry(service, doc: dict, ind: Industry) -> PolicyEntry | None:
    whole = ind.matches(doc["title"])
    rows = service.store.clause_rows(doc["id"])
    if doc.get("kind") == "title_only" or not rows:
        return PolicyEntry(doc, [], whole, title_only=True) if whole else None
    picked = []
    for row in rows:
        text = row["text"] or ""
        if row["kind"] == "closing" or _is_addressee(text):
            continue
        if ind.matches(text) or (whole and not _is_heading_only(text)):
            picked.append(_quote(row, doc))
    if not picked:
        return None
    return PolicyEntry(doc, picked, whole)


def _quotes_with_docs(guide: Guide):
    for level in LEVEL_ORDER:
        for entry in guide.policies.get(level, []):
            for q in entry.clauses:
                yield q, entry.doc


def incentives_of(quote: Quote, doc: dict) -> list[Incentive]:
    """Sentences of a clause that grant something with an amount or rate, as printed."""
    rows = []
    for sentence in re.split(r"(?<=[。；])", quote.text.replace("\n", "")):
        sentence = sentence.strip()
        if len(sentence) < 8 or not GRANT.search(sentence):
            continue
        amounts = [m.group(0).strip() for m in AMOUNT.finditer(sentence)]
        amounts = [a for a in amounts if not re.fullmatch(r"[\d.\s]+(?:年|月|日)?", a)]
        if not amounts:
            continue
        condition = CONDITION.search(sentence)
        rows.append(Incentive(sentence, "；".join(dict.fromkeys(amounts)), condition.group(0) if condition else "",
                              quote.responsible or "", quote.citation, quote.key))
    return rows


def factor_costs(service, title: str) -> list[CostItem]:
    """The factor-cost chapter as (category, item, price) rows, text exactly as printed."""
    doc = next((d for d in service.documents() if d["title"] == title), None)
    if doc is None:
        return []
    rows = []
    for clause in service.store.clause_rows(doc["id"]):
        lines = [ln.strip() for ln in clause["text"].split("\n") if ln.strip()]
        if not lines:
            continue
        category = re.sub(r"^\d+[\.．、]\s*", "", lines[0])
        group = ""
        for line in lines[1:]:
            body = line.lstrip("—").strip()
            if "：" not in body:
                group = body
                continue
            item, price = body.split("：", 1)
            rows.append(CostItem(category, f"{group} {item}".strip() if group else item, price, citation(doc, clause["label"] or "")))
    return rows


def _region_quotes(service, sources: list[dict], ind: Industry | None) -> list[Quote]:
    quotes = []
    for source in sources:
        doc = next((d for d in service.documents() if d["title"] == source["document"]), None)
        if doc is None:
            continue
        rows = service.store.clause_rows(doc["id"])
        if source.get("clauses"):
            keep, inside = [], None
            for row in rows:  # a listed heading and everything below it
                if any(row["text"].startswith(h) for h in source["clauses"]):
                    inside = row["depth"]
                    keep.append(row)
                elif inside is not None and row["depth"] > inside:
                    keep.append(row)
                else:
                    inside = None
            rows = keep
        for row in rows:
            text = row["text"] or ""
            if _is_heading_only(text):
                continue
            if ind is not None and not (ind.matches(text) or any(h in text[:30] for h in ind.headings)):
                continue
            quotes.append(_quote(row, doc))
    return quotes
