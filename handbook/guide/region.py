"""Region material of a guide: 地区概况, 投资要素成本 and 产业链与招商方向.

Where the catalogue (resources/industries/industries.json, ``regions``) names the region's
own chapters in the sources, they are quoted as printed, with their status (a draft is
called a draft). Every other region still gets an honest 地区概况 built from what the
handbook knows: its place 全国 → 自治区 → 盟市 → 旗县, the regions below it and how many
documents in force apply at each level. Source tables (tab-separated cells in the source
text) are given back as rows so the layout can print them as tables.
"""

from __future__ import annotations

import re

from handbook.guide.model import IN_FORCE, LEVEL_ORDER, CostItem, Quote, RegionProfile
from handbook.industries import Industry
from handbook.paths import resource_path


def is_heading_only(text: str) -> bool:
    return len(text) < 30 and not re.search(r"[。；！？]", text)


def quote(row: dict, doc: dict) -> Quote:
    label = row["label"] or ""
    cite = row.get("citation") or (f"{doc['doc_number']} {label}" if doc.get("doc_number") else f"《{doc['title']}》{label}")
    return Quote(row["key"], label, row["text"], row.get("responsible"), cite, row.get("heading_path") or [],
                 table=source_table(doc, row))


_source_lines: dict[str, list[str]] = {}


def source_table(doc: dict, row: dict) -> list[list[str]] | None:
    """The clause's rows as printed when the source sets it as a table (cells on tab-led lines,
    rows separated by blank lines); None for running text."""
    first, last = row.get("first_line"), row.get("last_line")
    name = (doc.get("source") or {}).get("file")
    if not (first and last and name) or "\n" not in (row["text"] or ""):
        return None
    if name not in _source_lines:
        try:
            _source_lines[name] = resource_path("sources", name).read_text(encoding="utf-8").split("\n")
        except OSError:
            _source_lines[name] = []
    lines = _source_lines[name][first - 1:last]
    rows, current = [], []
    for line in lines:
        if line.startswith("\t"):
            current.append(line[1:].strip())
        elif not line.strip():
            if current:
                rows.append(current)
            current = []
        elif rows or current:
            break  # running text after the table: not a pure table clause
    if current:
        rows.append(current)
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    width = len(rows[0])
    return [(r + [""] * width)[:width] for r in rows if any(r)]


def profile(service, region: str, spec: dict, docs_in_force: list[dict]) -> RegionProfile:
    tax = service.taxonomy
    names = tax.level_names
    chain = list(reversed(tax.ancestors(region)))  # 全国 … region
    by_name = {r.name: r for r in tax.regions}
    path = [(names.get(by_name[n].level, by_name[n].level), n) for n in chain if n in by_name]
    counts: dict[str, int] = {}
    for level in LEVEL_ORDER:
        n = sum(1 for d in docs_in_force if d["level"] == level and d.get("kind") != "own_chapter")
        if n:
            counts[names.get(level, level)] = n
    below = [r.name for r in tax.regions if r.parent == region]
    result = RegionProfile(region, path, policy_counts=counts, subregions=below)
    result.quotes, result.source_note = region_quotes(service, spec.get("profile", []), None)
    return result


def region_quotes(service, sources: list[dict], ind: Industry | None) -> tuple[list[Quote], str]:
    """Quotes from the region's own chapters (whole, or below the listed headings) and a source note."""
    quotes, notes = [], []
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
        taken = 0
        for row in rows:
            text = row["text"] or ""
            if is_heading_only(text):
                continue
            if ind is not None and not (ind.matches(text) or any(h in text[:30] for h in ind.headings)):
                continue
            quotes.append(quote(row, doc))
            taken += 1
        if taken:
            first = quotes[-taken]
            where = first.citation[: len(first.citation) - len(first.label)] if first.label else first.citation
            if doc["status"] != IN_FORCE:
                where += f"（{doc['status']}，尚未正式施行，仅供了解）"
            notes.append(where)
    return quotes, "、".join(dict.fromkeys(notes))


def factor_costs(service, title: str) -> list[CostItem]:
    """The factor-cost chapter as (category, item, price) rows, every price row as printed."""
    doc = next((d for d in service.documents() if d["title"] == title), None)
    if doc is None:
        return []
    rows = []
    for clause in service.store.clause_rows(doc["id"]):
        lines = [ln.strip() for ln in (clause["text"] or "").split("\n") if ln.strip()]
        if not lines:
            continue
        category = re.sub(r"^\d+[\.．、]\s*", "", lines[0])
        group = ""
        for line in lines[1:]:
            body = line.lstrip("—").strip()
            if "：" in body:
                item, price = body.split("：", 1)
            elif m := re.search(r"\s*\d[\d.\-—]*\s*(?:万元|元)", body):
                item, price = body[: m.start()], body[m.start():].strip()  # "——工商业用气 3.06 元/立方米"
            else:
                group = body  # "——居民用气": the rows below it belong to it
                continue
            if line.startswith("——") and "：" not in body:
                group = ""  # a "——" price row is a sibling of the group, not one of its rows
            rows.append(CostItem(category, f"{group} {item}".strip() if group else item, price,
                                 clause.get("citation") or doc["title"]))
    return rows
