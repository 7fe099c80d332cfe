"""What a composed guide holds: plain dataclasses shared by composition and layout."""

from __future__ import annotations

from dataclasses import dataclass, field

from handbook.industries import Industry

LEVEL_ORDER = ("national", "autonomous_region", "league_city", "banner_county")
IN_FORCE = "现行有效"
SECTIONS = ("profile", "costs", "chain", "incentives", "general", "policies", "appendix")
SECTION_NAMES = {"profile": "地区概况", "costs": "投资要素成本", "chain": "产业链与招商方向", "incentives": "扶持政策一览",
                 "general": "通用政策", "policies": "相关政策原文", "appendix": "附录"}


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
    heading_path: list[str] = field(default_factory=list)
    note: str = ""  # a validity remark (ends within 12 months)
    remark: str = ""  # the officer's own bookmark note (briefings)
    table: list[list[str]] | None = None  # the clause as printed in a source table, when it is one


@dataclass
class PolicyEntry:
    doc: dict
    clauses: list[Quote]
    whole_document: bool  # the document's subject is the industry
    title_only: bool = False  # the handbook has only the title of this document
    validity: str = ""  # e.g. 有效期至 2026年6月30日（不足 12 个月）


@dataclass
class Incentive:
    """One row of 扶持政策一览 / 通用政策: a granting sentence as printed, from the clause knowledge."""

    kind: str
    measure: str
    amount: str
    conditions: str
    responsible: list[str]
    citation: str
    clause_key: str
    doc_id: str
    level: str
    validity: str = ""

    def responsible_text(self, cap: int = 3) -> str:
        """At most ``cap`` units, then 等 N 个单位 (the full list is in the appendix)."""
        units = [u for u in self.responsible if u]
        if len(units) <= cap:
            return "、".join(units)
        return f"{'、'.join(units[:cap])}等 {len(units)} 个单位"


@dataclass
class TopicGroup:
    """通用政策 of one topic (税收, 用地, 用能, 人才, 金融), as source 003 organises them."""

    topic: str
    rows: list[Incentive]
    reading: list[dict] = field(default_factory=list)  # documents to read in full (title-only guides)


@dataclass
class CostItem:
    category: str
    item: str
    price: str
    source: str


@dataclass
class RegionProfile:
    """地区概况: the region's own text where the sources have one, else what the handbook knows."""

    region: str
    path: list[tuple[str, str]]  # (level name, region name) from 全国 down to the region
    quotes: list[Quote] = field(default_factory=list)
    source_note: str = ""  # where the quotes come from and their status
    policy_counts: dict[str, int] = field(default_factory=dict)  # level name -> documents in force
    subregions: list[str] = field(default_factory=list)


@dataclass
class Guide:
    title: str
    region: str
    industry: Industry | None
    organisation: str
    contact: str
    date: str  # print date, YYYY年M月D日
    content_date: str  # newest document date of the content, ISO
    content_version: str
    levels: list[str]
    level_names: dict[str, str]
    today: str = ""  # ISO date validity is judged against
    profile: RegionProfile | None = None
    costs: list[CostItem] = field(default_factory=list)
    chain: list[Quote] = field(default_factory=list)
    incentives: list[Incentive] = field(default_factory=list)
    general: list[TopicGroup] = field(default_factory=list)
    policies: dict[str, list[PolicyEntry]] = field(default_factory=dict)
    bookmarks: list = field(default_factory=list)
    bookmark_folder: str | None = None
    briefing: bool = False
    sections: tuple[str, ...] = SECTIONS
    documents: dict[str, dict] = field(default_factory=dict)  # every cited document by id

    @property
    def subject(self) -> str:
        if self.briefing:
            return f"书签夹“{self.bookmark_folder}”"
        return self.industry.name if self.industry else ""

    def quotes(self) -> list[Quote]:
        return [q for entries in self.policies.values() for e in entries for q in e.clauses]

    def cited_documents(self) -> list[dict]:
        """Every document the guide cites (policies, incentive rows, general policies), by level."""
        seen = dict(self.documents)
        for entries in self.policies.values():
            for e in entries:
                seen.setdefault(e.doc["id"], e.doc)
        rank = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
        return sorted(seen.values(), key=lambda d: (rank.get(d["level"], 9), d.get("ordinal", 0)))

    def long_unit_lists(self) -> list[Incentive]:
        """Rows whose 责任单位 were shortened in a table (one per clause): the appendix prints them in full."""
        out: dict[str, Incentive] = {}
        for row in self.incentives + [r for g in self.general for r in g.rows]:
            if row.responsible_text() != "、".join(u for u in row.responsible if u):
                out.setdefault(row.clause_key, row)
        return list(out.values())

    def incentives_by_kind(self) -> dict[str, list[Incentive]]:
        out: dict[str, list[Incentive]] = {}
        for row in self.incentives:
            out.setdefault(row.kind, []).append(row)
        return out
