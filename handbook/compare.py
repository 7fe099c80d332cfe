"""Compare regions: the incentives for one industry (or one kind of benefit) in 2–4 regions.

Each region's column holds the measures that apply there: its own policies and those of
every region above it (盟市, 自治区, 国家), each marked with where it comes from. Rows are
the kinds of benefit (资金奖补, 税费减免, …), so like sits beside like. The comparison
exports to CSV (UTF-8 with BOM, for Excel) and to a landscape PDF table.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from handbook.errors import HandbookError

KINDS = ("资金奖补", "税费减免", "电价用能", "用地", "指标配额", "人才待遇", "金融支持", "通关便利", "资格荣誉", "其他")
MIN_REGIONS, MAX_REGIONS = 2, 4


@dataclass
class Measure:
    incentive: dict
    region: str  # where the measure comes from (the column's region or one above it)
    level_name: str
    own: bool  # the column's own region (else inherited from above)
    doc_title: str
    doc_number: str

    @property
    def kind(self) -> str:
        return self.incentive.get("kind") if self.incentive.get("kind") in KINDS else "其他"

    @property
    def amounts(self) -> list[str]:
        return list(self.incentive.get("amounts") or [])

    @property
    def citation(self) -> str:
        return self.incentive.get("citation") or f"《{self.doc_title}》"

    @property
    def window(self) -> str:
        window = self.incentive.get("window") or {}
        start, end = window.get("start"), window.get("end")
        if start and end:
            return f"{start} 至 {end}"
        return f"至 {end}" if end else ""


@dataclass
class Column:
    region: str
    level_name: str
    measures: list[Measure] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Measure]:
        return [m for m in self.measures if m.kind == kind]


@dataclass
class Comparison:
    industry: str | None  # industry id
    industry_name: str
    kind: str | None
    columns: list[Column]
    today: date
    content_date: str = ""

    @property
    def regions(self) -> list[str]:
        return [c.region for c in self.columns]

    @property
    def subject(self) -> str:
        return "、".join(x for x in (self.industry_name, self.kind) if x) or "全部扶持措施"

    def kinds(self) -> list[str]:
        present = {m.kind for c in self.columns for m in c.measures}
        return [k for k in KINDS if k in present]

    def shared(self) -> set[int]:
        """Incentive ids found in every column (policies of a region above all of them)."""
        sets = [{m.incentive["id"] for m in c.measures} for c in self.columns]
        return set.intersection(*sets) if sets else set()


def compare(service, regions: list[str], industry: str | None = None, kind: str | None = None,
            today: date | None = None) -> Comparison:
    """Build the comparison through the service (``incentives``, ``document``, ``region_tree``)."""
    regions = [r for i, r in enumerate(regions) if r and r not in regions[:i]]
    if not MIN_REGIONS <= len(regions) <= MAX_REGIONS:
        raise HandbookError(f"请选择 {MIN_REGIONS}–{MAX_REGIONS} 个不同的地区进行对比。")
    tree = {r["name"]: r for r in service.region_tree()}
    unknown = [r for r in regions if r not in tree]
    if unknown:
        raise HandbookError(f"没有“{'、'.join(unknown)}”这个地区。可选：{'、'.join(tree)}。")
    if kind is not None and kind not in KINDS:
        raise HandbookError(f"没有“{kind}”这类扶持方式。可选：{'、'.join(KINDS)}。")
    industry_id, industry_name = None, ""
    if industry:
        from handbook.industries import default_catalogue

        found = default_catalogue().find(industry)
        industry_id, industry_name = found.id, found.name
    if industry_id is None and kind is None:
        raise HandbookError("请选择一个产业或一种扶持方式。")
    today = today or service.today
    docs: dict[str, dict] = {}
    columns = []
    for region in regions:
        chain = _ancestors(region, tree)
        column = Column(region, tree[region]["level_name"])
        for item in service.incentives(industry=industry_id, region=region, kind=kind, today=today):
            doc = docs.get(item["doc_id"]) or docs.setdefault(item["doc_id"], service.document(item["doc_id"]) or {})
            source = doc.get("region") or region
            column.measures.append(Measure(item, source, tree.get(source, {}).get("level_name", ""), source == region,
                                           doc.get("title", ""), doc.get("doc_number") or ""))
        # own region first, then the levels above in order; within a source keep the document order
        rank = {name: i for i, name in enumerate(chain)}
        column.measures.sort(key=lambda m: (rank.get(m.region, len(rank)), m.incentive.get("doc_id", ""),
                                            m.incentive.get("ordinal") or 0))
        columns.append(column)
    return Comparison(industry_id, industry_name, kind, columns, today, service.content_date or "")


def _ancestors(region: str, tree: dict[str, dict]) -> list[str]:
    chain = []
    while region:
        chain.append(region)
        region = tree.get(region, {}).get("parent")
    return chain


CSV_HEADER = ["对比地区", "政策所属地区", "层级", "本级/上级", "扶持方式", "金额", "受益对象", "条件", "措施原文", "出处", "期限"]


def to_csv(comparison: Comparison) -> str:
    """One row per measure and compared region; UTF-8 with BOM so Excel shows the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for column in comparison.columns:
        for m in column.measures:
            writer.writerow([column.region, m.region, m.level_name, "本级" if m.own else "上级", m.kind, "；".join(m.amounts),
                             m.incentive.get("beneficiary") or "", m.incentive.get("condition") or "",
                             m.incentive.get("text") or "", m.citation, m.window])
    return "\ufeff" + out.getvalue()


def write_csv(comparison: Comparison, path: Path) -> Path:
    from handbook.fileio import atomic_write

    text = to_csv(comparison)
    return atomic_write(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))


def write_pdf(comparison: Comparison, path: Path) -> Path:
    """A landscape A4 table: a row per kind of benefit, a column per region (CJK font embedded)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    from handbook.guide.fonts import register_font
    from handbook.guide.layout import para, styles, write_story

    st = styles(10)
    font = register_font()
    page = landscape(A4)
    width = page[0] - 30 * mm
    title = f"地区对比：{comparison.subject}"
    story = [para(title, st["h1"]),
             para(f"{'、'.join(comparison.regions)}　·　各地区列出本级及上级地区（盟市、自治区、国家）适用的措施，上级措施注明来源　·　"
                  f"截至 {comparison.today.isoformat()}" + (f"　·　内容日期 {comparison.content_date}" if comparison.content_date else ""),
                  st["small"]),
             Spacer(1, 4 * mm)]
    kinds = comparison.kinds()
    if not kinds:
        story.append(para("所选地区没有找到相关的扶持措施。", st["body"]))
    else:
        kind_width = 18 * mm
        col_width = (width - kind_width) / len(comparison.columns)
        rows = [[para("扶持方式", st["cell_head"])] + [para(f"{c.region}（{c.level_name}）", st["cell_head"]) for c in comparison.columns]]
        for kind in kinds:
            row = [para(kind, st["cell"])]
            for column in comparison.columns:
                cell = []
                for m in column.of_kind(kind):
                    source = "" if m.own else f"［上级：{m.region}］"
                    amounts = f"<b>{'；'.join(_esc(a) for a in m.amounts)}</b>　" if m.amounts else ""
                    condition = f"<br/>条件：{_esc(m.incentive['condition'])}" if m.incentive.get("condition") else ""
                    window = f"<br/>期限：{_esc(m.window)}" if m.window else ""
                    cell.append(para(f"{_esc(source)}{amounts}{_esc(m.incentive.get('text') or '')}{condition}{window}"
                                     f"<br/><font color='#555555'>{_esc(m.citation)}</font>", st["cell"], markup=True))
                    cell.append(Spacer(1, 2 * mm))
                row.append(cell or para("—", st["cell"]))
            rows.append(row)
        table = Table(rows, colWidths=[kind_width] + [col_width] * len(comparison.columns), repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3b63")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b8c2cf")),
            ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#eef2f7")),
        ]))
        story.append(table)

    return write_story(path, story, title=title, footer=f"政策手册 · {title}　以政策原文为准", font=font, pagesize=page,
                       margins_mm=(15, 14), footer_mm=8)


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=False)
