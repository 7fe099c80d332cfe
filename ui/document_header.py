"""The reader's header: a document's title, 文号, issuers, date (or year), level and region,
its status badges and validity, and the documents that cite it (被引用).

Badges: 现行有效 (a green dot), 已废止 / 已被替代 (with a link to what replaced it),
征求意见稿, 试行 and 已到期; "有效期至 …" when the document names its end. A missing date
shows the year, marked when it was read from the 文号. Links emit ``document_link``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from ui.look import colors

IN_FORCE = "现行有效"
CITED_SHOWN = 3


def chinese_date(iso: str | None) -> str:
    """2025-12-31 → 2025年12月31日 (as the documents write it)."""
    if not iso or len(iso) < 10:
        return iso or ""
    return f"{int(iso[:4])}年{int(iso[5:7])}月{int(iso[8:10])}日"


def year_text(doc: dict) -> str:
    if doc.get("date"):
        return doc["date"]
    if not doc.get("year"):
        return ""
    mark = {"doc_number": "（年份据文号）", "title": "（年份据标题）"}.get(doc.get("year_source") or "", "")
    return f"{doc['year']}年{mark}"


class DocumentHeader(QLabel):
    document_link = Signal(str, str)  # doc_id, clause_key or ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setContentsMargins(14, 10, 14, 8)
        self.linkActivated.connect(self._link)
        self.cited: list[dict] = []
        self.badges: list[str] = []

    def show_empty(self) -> None:
        self.cited, self.badges = [], []
        self.setText("<p style='font-size:15pt'>政策手册</p><p>从左侧按地区、主题或文件选择一个文件，或按 Ctrl+K 搜索条款。</p>")

    def show_document(self, doc: dict, service, font_size: int, dark: bool) -> None:
        tone = colors(dark)
        e = html.escape
        validity = service.validity(doc)
        self.cited = service.cited_by(doc["id"])
        level = service.level_names().get(doc["level"], doc["level"])
        meta = [doc["doc_number"] or "", "、".join(doc["issuers"]), year_text(doc), f"{level} · {doc['region']}",
                doc.get("origin") or ""]  # 自行导入 for the officer's own imports

        def badge(text: str, colour: str) -> str:
            return f"<span style='background:{colour};color:white'>&nbsp;{e(text)}&nbsp;</span>&nbsp;"

        status = validity["status"]
        self.badges = []
        parts = []
        if status == IN_FORCE:
            parts.append(f"<span style='color:{tone['badge_ok']}'>● 现行有效</span>&nbsp;")
        else:
            self.badges.append(status)
            parts.append(badge(status, tone["badge_bad"] if status != "征求意见稿" else tone["badge_warn"]))
        if validity["draft"] and status != "征求意见稿":
            self.badges.append("征求意见稿")
            parts.append(badge("征求意见稿", tone["badge_warn"]))
        if validity["trial"]:
            self.badges.append("试行")
            parts.append(badge("试行", tone["badge_info"]))
        if validity.get("valid_until"):
            ended = status == "已到期"
            parts.append(f"<span style='color:{tone['badge_bad'] if ended else tone['muted']}'>"
                         f"{'有效期至' if not ended else '有效期已于'} {e(chinese_date(validity['valid_until']))}{'' if not ended else ' 届满'}</span>&nbsp;")
        replaced = ""
        if doc.get("repealed_by") and status != IN_FORCE:
            newer = service.document(doc["repealed_by"])
            if newer:
                replaced = f"<div>由 <a href='doc:{e(newer['id'])}'>《{e(newer['title'])}》</a> 替代</div>"
        cited = ""
        if self.cited:
            links = "、".join(f"<a href='cite:{i}'>《{e(c['title'] if len(c['title']) <= 24 else c['title'][:23] + '…')}》</a>"
                             for i, c in enumerate(self.cited[:CITED_SHOWN]))
            more = (f" <a href='cite:more' style='white-space:nowrap'>等 {len(self.cited)} 个文件…</a>"
                    if len(self.cited) > CITED_SHOWN else "")
            cited = f"<div style='color:{tone['muted']}'>被引用：{links}{more}</div>"
        self.setText(
            f"<div style='font-size:{font_size + 3}pt;font-weight:600'>{e(doc['title'])}</div>"
            f"<div style='color:{tone['muted']}'>{''.join(parts)}　{e('　'.join(m for m in meta if m))}</div>"
            f"{replaced}{cited}")

    def _link(self, href: str) -> None:
        if href.startswith("doc:"):
            self.document_link.emit(href[4:], "")
        elif href == "cite:more":
            self.cited_menu().exec(QCursor.pos() + QPoint(0, 4))
        elif href.startswith("cite:"):
            self.open_citing(int(href[5:]))

    def open_citing(self, index: int) -> None:
        c = self.cited[index]
        self.document_link.emit(c["doc_id"], c.get("clause_key") or "")

    def cited_menu(self) -> QMenu:
        menu = QMenu(self)
        for i, c in enumerate(self.cited):
            menu.addAction(f"《{c['title']}》", lambda i=i: self.open_citing(i))
        return menu
