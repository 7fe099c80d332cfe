"""The booklet's content as reportlab flowables: cover, contents, numbered sections, appendix.

Sections in order: 地区概况, 投资要素成本, 产业链与招商方向, 扶持政策一览 (by kind), 通用政策 (by
topic), 相关政策原文 (by level; in a briefing: 书签条款与备注), 附录 (cited documents with
文号, issuer, status and validity; full 责任单位 lists shortened in the tables; bookmarks).
A section with nothing to show is left out, except 地区概况, which always says what is known.
"""

from __future__ import annotations

import html

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from handbook.guide.layout import capped, para, table, with_fallback
from handbook.guide.model import LEVEL_ORDER, Guide, Incentive, Quote

NUMERALS = "一二三四五六七八九十"
MEASURE_CAP = 180  # characters of a benefit sentence in a table cell
TITLE_CAP = 60


ROOM = {0: 60 * mm, 1: 42 * mm}  # space a section / sub-section heading needs below it, else a new page


def heading(text: str, style: ParagraphStyle, level: int) -> Paragraph:
    """A heading paragraph in the outline and contents. Levels 0 and 1 are placed with headed() so
    a long table after them may start on the same page; level 2 is kept with what follows."""
    p = para(text, style)
    p.outline_level = level
    p.outline_text = text
    p.keepWithNext = level >= 2
    return p


def headed(text: str, style: ParagraphStyle, level: int, first=None, width: float = 0) -> list:
    """A heading with room below it: a page break first when less than ROOM is left, or less than the
    heading plus the header and first row of the table that follows (no stranded heading)."""
    room = ROOM.get(level, 30 * mm)
    if isinstance(first, Table) and width:
        first.wrap(width, 10000)
        room = max(room, sum(first._rowHeights[:2]) + style.leading + style.spaceBefore + style.spaceAfter + 4 * mm)
    return [CondPageBreak(room), heading(text, style, level)]


def _date(iso: str) -> str:
    if not iso or len(iso) < 10:
        return iso or ""
    y, m, d = iso[:10].split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def _cover(guide: Guide, st: dict, width: float) -> list:
    title_style = st["title"]
    lines = [guide.title]
    width -= 14  # the frame's padding
    if stringWidth(guide.title, title_style.fontName, title_style.fontSize) > width and guide.title.startswith(guide.region):
        lines = [guide.region, guide.title[len(guide.region):]]  # break where a reader would: after the place
    size = title_style.fontSize
    while size > 14 and max(stringWidth(x, title_style.fontName, size) for x in lines) > width:
        size -= 1
    style = ParagraphStyle("cover_title", parent=title_style, fontSize=size, leading=size * 1.3)
    out = [Spacer(1, 36 * mm), para("\n".join(lines), style), Spacer(1, 8 * mm)]
    subject = f"书签夹：{guide.bookmark_folder}" if guide.briefing else f"产业：{guide.subject}"
    out += [para(f"地区：{guide.region}", st["subtitle"]), para(subject, st["subtitle"]), Spacer(1, 38 * mm)]
    for label, value in (("编制单位", guide.organisation), ("联系方式", guide.contact),
                         ("资料更新", f"所收最新政策文件发布于 {_date(guide.content_date)}" if guide.content_date else ""),
                         ("印制日期", f"{guide.date}（政策是否有效按此日判断）")):
        if value:
            out.append(para(f"{label}：{value}", st["cover_meta"]))
    out += [Spacer(1, 10 * mm), para("本指南摘录的政策条款均引自政策原文并注明出处；已失效、已到期的措施不列入，"
                                     "征求意见稿仅供了解。具体以政策原文和主管部门解释为准。", st["small"])]
    return out + [NextPageTemplate("body"), PageBreak()]


def _contents(st: dict) -> list:
    toc = TableOfContents()
    body = st["body"]
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=body, fontName=st["h3"].fontName, fontSize=body.fontSize + 0.5, leftIndent=0,
                       firstLineIndent=0, spaceBefore=4, leading=body.leading),
        ParagraphStyle("toc1", parent=body, fontSize=body.fontSize - 0.5, leftIndent=14, firstLineIndent=0,
                       leading=body.leading * 0.9),
    ]
    toc.dotsMinLevel = 0
    toc.tableStyle = TableStyle([("FONT", (0, 0), (-1, -1), body.fontName), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    return [para("目　录", st["h1"]), toc, PageBreak()]


def _quote_flowables(q: Quote, st: dict, width: float, style: str = "clause") -> list:
    if q.table:
        cols = len(q.table[0])
        head = [x for x in q.text.split("\n")[:1]]  # the clause's own label line ("2.支持依据及理由")
        return [para(head[0], st[style]), table([[capped(c, 220) for c in r] for r in q.table], [width / cols] * cols, st)]
    out = [para(q.text, st[style])]
    if q.note:
        out.append(para(f"▲ {q.note}", st["flag"]))
    return out


def _profile(guide: Guide, st: dict, width: float, section) -> list:
    p = guide.profile
    out = []
    section("地区概况")
    place = " → ".join(name for _, name in p.path)
    level = p.path[-1][0] if p.path else ""
    facts = [f"行政层级：{place}（{level}）。"]
    if p.subregions:
        facts.append(f"本手册收录的下辖地区：{'、'.join(p.subregions)}。")
    if p.policy_counts:
        counts = "，".join(f"{k} {v} 件" for k, v in p.policy_counts.items())
        facts.append(f"适用于{p.region}的现行有效政策文件：{counts}，共 {sum(p.policy_counts.values())} 件。")
    if p.quotes:
        for q in p.quotes:
            out += _quote_flowables(q, st, width, "body")
        out.append(para(f"资料来源：{p.source_note}", st["source"]))
        out.append(Spacer(1, 2 * mm))
        out += [para(x, st["small"]) for x in facts]
    else:
        out.append(para(f"本手册所收资料中没有{p.region}自身的概况介绍和要素价格。以下是手册掌握的基本情况，"
                        f"详细资料请向{p.region}投资促进部门索取。", st["body"]))
        out += [para(x, st["body"]) for x in facts]
    return out


def _costs(guide: Guide, st: dict, width: float) -> list:
    rows = [["类别", "项目", "价格（原文）"]] + [[c.category, c.item, c.price] for c in guide.costs]
    source = guide.costs[0].source
    source = source[: source.index("》") + 1] if "》" in source else source
    return [table(rows, [width * 0.2, width * 0.32, width * 0.48], st),
            para(f"资料来源：{source}。价格以相关部门最新公布为准。", st["source"])]


def clause_label(citation: str) -> str:
    """The clause labels after 《title》（reference） in a knowledge citation: 三、（二）5."""
    end = citation.rfind("》")
    rest = citation[end + 1:] if end >= 0 else citation
    if rest.startswith("（"):
        depth = 0
        for i, ch in enumerate(rest):
            depth += ch == "（"
            depth -= ch == "）"
            if depth == 0:
                return rest[i + 1:].strip()
    return rest.strip()


def _citation(row: Incentive, guide: Guide) -> str:
    """文号 and clause label, or 《title》 and label when the document has no 文号."""
    doc = guide.documents.get(row.doc_id, {})
    label = clause_label(row.citation)
    if doc.get("doc_number"):
        return f"{doc['doc_number']}\n{label}".strip()
    return f"《{capped(doc.get('title', ''), TITLE_CAP)}》{label}"


def _measure(row: Incentive, font: str) -> str:
    text = with_fallback(capped(row.measure, MEASURE_CAP, "相关政策原文"), font)
    if row.validity:
        mark, colour = ("▲ ", "#9a3412") if "不足" in row.validity else ("", "#555555")
        text += f"<br/><font color='{colour}'>{mark}{html.escape(row.validity)}</font>"
    return text


def _incentive_table(rows: list[Incentive], guide: Guide, st: dict, width: float, condition: bool = True) -> list:
    condition = condition and any(r.conditions for r in rows)
    head = ["支持措施（原文）", "金额 / 比例", *(["条件"] if condition else []), "责任单位", "出处"]
    body = []
    for r in rows:
        cells = [para(_measure(r, st["cell"].fontName), st["cell"], markup=True), r.amount or "—"]
        if condition:
            cells.append(r.conditions or "—")
        cells += [r.responsible_text() or "—", _citation(r, guide)]
        body.append(cells)
    widths = (0.35, 0.13, 0.13, 0.16, 0.23) if condition else (0.43, 0.15, 0.18, 0.24)
    return [table([head, *body], [width * w for w in widths], st)]


def _incentives(guide: Guide, st: dict, width: float) -> list:
    intro = ("下表摘录书签条款中给予支持的措施（原文）。" if guide.briefing else
             f"下表摘录以{guide.subject}为主题的条款中给予支持的措施，按类别排列；顺带提及本产业的条款不列入。")
    out = [para(intro + "责任单位较多的只列前三个，全部单位见附录；▲ 表示 12 个月内到期。", st["lead"])]
    if not guide.incentives:
        return out + [para("在所选层级的现行有效政策中，没有找到这类条款。请参阅“通用政策”。", st["body"])]
    for kind, rows in guide.incentives_by_kind().items():
        tables = _incentive_table(rows, guide, st, width)
        out += headed(kind, st["h2"], 1, tables[0], width) + tables
    return out


def _general(guide: Guide, st: dict, width: float) -> list:
    out = [para("以下措施不限产业，符合条件的投资者均可申请，按专题排列（参照《伊金霍洛旗投资指南》的编排）；"
                "每个专题先列本地措施，最多列十条。", st["lead"])]
    for group in guide.general:
        tables = _incentive_table(group.rows, guide, st, width, condition=False) if group.rows else []
        out += headed(group.topic, st["h2"], 1, tables[0] if tables else None, width) + tables
        if group.reading:
            titles = "；".join(f"《{d['title'].strip('《》')}》" for d in group.reading)
            out.append(para(f"全文请查阅：{titles}。", st["source"]))
    return out


def _doc_meta(doc: dict, validity: str = "") -> str:
    issuers = "、".join(doc.get("issuers") or [])
    parts = [doc.get("doc_number") or "", issuers, _date(doc.get("date") or ""), doc["status"], validity]
    return "　".join(x for x in parts if x)


def _policies(guide: Guide, st: dict, width: float) -> list:
    out = []
    for level in LEVEL_ORDER:
        entries = guide.policies.get(level, [])
        if not entries:
            continue
        level_head = headed(f"{guide.level_names.get(level, level)}政策", st["h2"], 1)
        out.append(level_head[0])
        pending = [level_head[1]]  # kept with the first document below it
        for entry in entries:
            head = [*pending, heading(entry.doc["title"], st["h3"], 2),
                    para(_doc_meta(entry.doc, entry.validity), st["small"])]
            pending = []
            if entry.title_only:
                out.append(KeepTogether([*head, para("本手册仅收录该文件标题，请查阅原文。", st["small"])]))
                continue
            path: list[str] = []
            blocks = []
            for q in entry.clauses:
                block = []
                if q.heading_path and q.heading_path != path:
                    block.append(para(" › ".join(q.heading_path), st["path"]))
                    path = q.heading_path
                block += _quote_flowables(q, st, width)
                if q.remark:
                    block.append(para(f"备注：{q.remark}", st["note"]))
                blocks.append(block)
            out.append(KeepTogether([*head, *blocks[0][:3]]))
            out += blocks[0][3:]
            for block in blocks[1:]:
                out += [KeepTogether(block[:2]), *block[2:]] if len(block) > 1 else block
            out.append(Spacer(1, 2 * mm))
    return out


def _appendix(guide: Guide, st: dict, width: float) -> list:
    out = []
    docs = guide.cited_documents()
    if docs:
        out += headed("引用文件目录", st["h2"], 1)
        rows = [["层级", "文件名称", "文号", "发布机关", "状态 / 有效期"]]
        for d in docs:
            until = f"有效期至 {_date(d['valid_until'])}" if d.get("valid_until") else "未规定"
            status = d["status"] + ("" if d["status"] == "现行有效" and not d.get("valid_until") else f"，{until}")
            rows.append([guide.level_names.get(d["level"], d["level"]), d["title"], d.get("doc_number") or "—",
                         capped("、".join(d.get("issuers") or []) or "—", 40), status])
        out.append(table(rows, [width * w for w in (0.11, 0.33, 0.23, 0.18, 0.15)], st))
    long_lists = guide.long_unit_lists()
    if long_lists:
        out += headed("责任单位全称", st["h2"], 1)
        out.append(para("扶持政策表格中只列了前三个责任单位的条款，全部责任单位如下（原文）。", st["lead"]))
        rows = [["出处", "责任单位"]] + [[_citation(r, guide), "、".join(r.responsible)] for r in long_lists]
        out.append(table(rows, [width * 0.3, width * 0.7], st))
    if guide.bookmarks and not guide.briefing:
        out += headed(f"书签：{guide.bookmark_folder}", st["h2"], 1)
    if guide.bookmarks:
        if guide.briefing:
            out += headed("其他书签（原文已变更或不在所选层级）", st["h2"], 1)
        for b in guide.bookmarks:
            block = [para(b.citation, st["h3"]), para(b.clause_text, st["clause"])]
            if b.note:
                block.append(para(f"备注：{b.note}", st["note"]))
            out.append(KeepTogether(block[:2]))
            out += block[2:]
    elif guide.bookmark_folder and not guide.briefing:
        out.append(para("（该文件夹中没有书签）", st["small"]))
    return out


def build_story(guide: Guide, st: dict, frame_width: float) -> list:
    story = _cover(guide, st, frame_width) + _contents(st)
    number = iter(NUMERALS)

    def section(title: str) -> None:
        story.extend(headed(f"{next(number)}、{title}", st["h1"], 0))

    s = guide.sections
    if "profile" in s and guide.profile:
        story.extend(_profile(guide, st, frame_width, section))
    if "costs" in s and guide.costs:
        section("投资要素成本")
        story.extend(_costs(guide, st, frame_width))
    if "chain" in s and guide.chain:
        section("产业链与招商方向")
        for q in guide.chain:
            story.extend(_quote_flowables(q, st, frame_width, "body"))
        story.append(para(f"资料来源：{guide.chain[0].citation.split('》')[0]}》", st["source"]))
    if "incentives" in s:
        section("扶持政策一览")
        story.extend(_incentives(guide, st, frame_width))
    if "general" in s and guide.general:
        section("通用政策")
        story.extend(_general(guide, st, frame_width))
    if "policies" in s and guide.policies:
        section("书签条款与备注" if guide.briefing else "相关政策原文")
        if not guide.briefing:
            story.append(para(f"以下条款以{guide.subject}为主题，原文照录；只是顺带提及本产业的条款不列入。", st["lead"]))
        story.extend(_policies(guide, st, frame_width))
    if "appendix" in s:
        appendix = _appendix(guide, st, frame_width)
        if appendix:
            section("附录")
            story.extend(appendix)
    return story
