"""The booklet's content as reportlab flowables: cover, contents, sections, appendix."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from handbook.guide.compose import LEVEL_ORDER, Guide
from handbook.guide.layout import para

NUMERALS = "一二三四五六七八九十"
ACCENT = colors.HexColor("#1f3b63")
LIGHT = colors.HexColor("#eef2f7")


def _heading(text: str, style: ParagraphStyle, level: int) -> Paragraph:
    p = para(text, style)
    p.outline_level = level
    p.outline_text = text
    p.keepWithNext = True
    return p


def _table(rows: list[list], widths: list[float], st: dict) -> Table:
    head = [para(h, st["cell_head"]) for h in rows[0]]
    body = [[c if not isinstance(c, str) else para(c, st["cell"]) for c in row] for row in rows[1:]]
    table = Table([head, *body], colWidths=widths, repeatRows=1, splitByRow=True)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.35, colors.HexColor("#b8c2cf")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, LIGHT]),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def build_story(guide: Guide, st: dict, frame_width: float) -> list:
    story: list = []
    # -- cover ---------------------------------------------------------------------------------
    story += [Spacer(1, 38 * mm), para(guide.title, st["title"]), Spacer(1, 8 * mm),
              para(f"地区：{guide.region} · 产业：{guide.industry.name}", st["subtitle"]), Spacer(1, 45 * mm)]
    for label, value in (("编制单位", guide.organisation), ("联系方式", guide.contact), ("编制日期", guide.date),
                         ("政策内容截至", guide.content_date)):
        if value:
            story.append(para(f"{label}：{value}", st["subtitle"]))
    story += [Spacer(1, 10 * mm), para("本指南摘录的政策条款均引自政策原文并注明文号，具体以政策原文为准。", st["small"])]
    story += [NextPageTemplate("body"), PageBreak()]
    # -- contents ------------------------------------------------------------------------------
    toc = TableOfContents()
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=st["body"], fontSize=st["body"].fontSize + 0.5, leftIndent=0, firstLineIndent=0,
                       spaceBefore=3, leading=st["body"].leading),
        ParagraphStyle("toc1", parent=st["body"], fontSize=st["body"].fontSize - 0.5, leftIndent=14, firstLineIndent=0,
                       leading=st["body"].leading * 0.92),
    ]
    toc.dotsMinLevel = 0
    story += [para("目　录", st["h1"]), toc, PageBreak()]

    number = iter(NUMERALS)

    def section(title: str) -> None:
        story.append(CondPageBreak(40 * mm))
        story.append(_heading(f"{next(number)}、{title}", st["h1"], 0))

    if "profile" in guide.sections and guide.profile:
        section("地区概况")
        for q in guide.profile:
            story.append(para(q.text, st["body"]))
        story.append(para(f"资料来源：{'、'.join(dict.fromkeys(q.citation.split('》')[0] + '》' for q in guide.profile))}",
                          st["small"]))
    if "costs" in guide.sections and guide.costs:
        section("投资要素成本")
        rows = [["类别", "项目", "价格（原文）"]] + [[c.category, c.item, c.price] for c in guide.costs]
        story.append(_table(rows, [frame_width * 0.2, frame_width * 0.3, frame_width * 0.5], st))
        story.append(para(f"资料来源：{guide.costs[0].source.split('》')[0]}》。价格以相关部门最新公布为准。", st["small"]))
    if "chain" in guide.sections and guide.chain:
        section("产业链与招商方向")
        for q in guide.chain:
            story.append(para(q.text, st["body"]))
            story.append(para(f"——引自 {q.citation}", st["small"]))
    if "incentives" in guide.sections and guide.incentives:
        section("扶持政策一览")
        story.append(para("下表摘录相关条款中给予支持的措施及其金额、比例（均为原文），完整条文见下一部分。", st["small"]))
        rows = [["支持措施（原文）", "金额 / 比例", "条件", "责任单位", "出处"]]
        rows += [[i.measure, i.amount, i.conditions or "—", i.responsible or "—", i.citation] for i in guide.incentives]
        story.append(_table(rows, [frame_width * w for w in (0.38, 0.15, 0.15, 0.14, 0.18)], st))
    if "policies" in guide.sections and guide.policies:
        section("相关政策条款")
        for level in LEVEL_ORDER:
            entries = guide.policies.get(level, [])
            if not entries:
                continue
            story.append(_heading(f"{guide.level_names.get(level, level)}政策", st["h2"], 1))
            for entry in entries:
                doc = entry.doc
                meta = "　".join(x for x in (doc["doc_number"] or "", doc.get("date") or "", doc["status"]) if x)
                head = [_heading(doc["title"], st["h3"], 2), para(meta, st["small"])]
                if entry.title_only:
                    head.append(para("本手册仅收录该文件标题，请查阅原文。", st["small"]))
                    story.append(KeepTogether(head))
                    continue
                first, rest = entry.clauses[0], entry.clauses[1:]
                story.append(KeepTogether([*head, para(first.text, st["clause"])]))
                story.extend(para(q.text, st["clause"]) for q in rest)
                story.append(Spacer(1, 2 * mm))
    if "appendix" in guide.sections:
        section("附录")
        if guide.bookmark_folder:
            story.append(_heading(f"书签：{guide.bookmark_folder}", st["h2"], 1))
            if not guide.bookmarks:
                story.append(para("（该文件夹中没有书签）", st["small"]))
            for b in guide.bookmarks:
                block = [para(b.citation, st["h3"]), para(b.clause_text, st["clause"])]
                if b.note:
                    block.append(para(f"备注：{b.note}", st["note"]))
                story.append(KeepTogether(block))
        story.append(_heading("引用文件目录", st["h2"], 1))
        rows = [["层级", "文件名称", "文号", "状态"]]
        for level in LEVEL_ORDER:
            for entry in guide.policies.get(level, []):
                rows.append([guide.level_names.get(level, level), entry.doc["title"], entry.doc["doc_number"] or "—",
                             entry.doc["status"]])
        story.append(_table(rows, [frame_width * w for w in (0.13, 0.55, 0.2, 0.12)], st))
    return story


