"""The start page, the first reader tab (Alt+Home): where to pick up and what is new or ending.

Continue reading (the last documents and clauses opened), the bookmark folders, measures
ending within six months and those recently ended, the newest policies by year, buttons
for the investment-guide wizard, the region comparison and the expiry list, and the
content date. Links emit signals; the main window decides what they open.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from handbook.errors import HandbookError
from ui.document_header import chinese_date
from ui.look import colors

SHOWN_EXPIRING = 5
SHOWN_PER_YEAR = 5


class StartPage(QWidget):
    document_link = Signal(str, str)  # doc_id, clause key or ""
    folder_chosen = Signal(str)
    action_requested = Signal(str)  # guide | compare | expiring | help

    def __init__(self, service, dark: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.dark = dark
        self.recent: list[tuple[str, str | None]] = []
        self.sections: dict[str, list[str]] = {}  # section → the titles shown (tests, screen readers)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for key, text, tip in (("guide", "生成投资指南…", "按产业和地区生成 PDF 投资指南（Ctrl+G）"),
                               ("compare", "地区对比…", "并排比较 2–4 个地区对某产业的扶持措施"),
                               ("expiring", "到期提醒…", "即将到期和近期已到期的措施与文件"),
                               ("help", "使用说明", "帮助 → 使用说明（F1）")):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, k=key: self.action_requested.emit(k))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        # Two plain flowing columns rather than one HTML table: Qt lays out tables slowly and
        # this page is the first thing drawn at start-up.
        self.left, self.right = QTextBrowser(), QTextBrowser()
        for column in (self.left, self.right):
            column.setOpenLinks(False)
            column.anchorClicked.connect(lambda url: self._link(url.toString()))
            column.setFrameShape(QTextBrowser.Shape.NoFrame)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addWidget(self.left, 1)
        columns.addWidget(self.right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 6)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addLayout(columns, 1)

    # -- content ---------------------------------------------------------------------------

    def set_recent(self, recent: list[tuple[str, str | None]]) -> None:
        self.recent = list(recent)
        self.refresh()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.refresh()

    def refresh(self) -> None:
        tone = colors(self.dark)
        service = self.service
        count = len(service.documents())
        date = f"内容日期 {html.escape(service.content_date)}　·　" if service.content_date else ""
        self.title.setText(f"<span style='font-size:18pt;font-weight:600'>政策手册</span>"
                           f"<span style='color:{tone['muted']}'>　{date}共 {count} 个文件　·　今天 {service.today.isoformat()}</span>")
        left = self._recent_html(tone) + self._folders_html(tone) + self._newest_html(tone)
        right = self._expiring_html(tone)
        for column, text in ((self.left, left), (self.right, right)):
            position = column.verticalScrollBar().value()
            column.setHtml(text)
            column.verticalScrollBar().setValue(position)

    def _heading(self, text: str, tone, note: str = "") -> str:
        extra = f"<span style='color:{tone['muted']};font-weight:400;font-size:small'>　{note}</span>" if note else ""
        return f"<h3 style='margin-top:10px;margin-bottom:4px'>{html.escape(text)}{extra}</h3>"

    def _recent_html(self, tone) -> str:
        rows, titles = [], []
        for doc_id, key in self.recent:
            doc = self.service.document(doc_id)
            if doc is None:
                continue
            clause = self.service.clause(key) if key else None
            where = f"<span style='color:{tone['muted']}'>　{html.escape(clause['label'])}</span>" if clause and clause.get("label") else ""
            titles.append(doc["title"])
            rows.append(f"<p style='margin:3px 0'><a href='doc:{html.escape(doc_id)}#{html.escape(key or '')}'>"
                        f"{html.escape(doc['title'])}</a>{where}</p>")
        self.sections["recent"] = titles
        body = "".join(rows) or f"<p style='color:{tone['muted']}'>还没有阅读记录。从左侧按地区、主题或文件选择，或按 Ctrl+K 搜索条款。</p>"
        return self._heading("继续阅读", tone) + body

    def _folders_html(self, tone) -> str:
        try:
            marks = self.service.bookmarks
            folders = [(name, len(marks.list(folder=name))) for name in marks.folders()]
            total = marks.count()
        except HandbookError as err:
            self.sections["folders"] = []
            return self._heading("书签", tone) + f"<p style='color:{tone['muted']}'>书签不可用：{html.escape(str(err))}</p>"
        self.sections["folders"] = [name for name, _ in folders]
        rows = "".join(f"<p style='margin:3px 0'><a href='folder:{i}'>{html.escape(name)}</a>"
                       f"<span style='color:{tone['muted']}'>　{n} 条</span></p>" for i, (name, n) in enumerate(folders))
        if not total:
            rows = f"<p style='color:{tone['muted']}'>还没有书签。在正文中点选条款后按 Ctrl+D 加入书签。</p>"
        elif not folders:
            rows = f"<p style='margin:3px 0'><a href='folder:all'>全部书签</a>　{total} 条（未分文件夹）</p>"
        return self._heading("书签文件夹", tone, f"共 {total} 条" if total else "") + rows

    def _expiring_html(self, tone) -> str:
        ending, ended = self.service.expiring()
        self.sections["ending"] = [f"{i.title}{i.label}" for i in ending[:SHOWN_EXPIRING]]
        self.sections["ended"] = [f"{i.title}{i.label}" for i in ended[:SHOWN_EXPIRING]]
        out = []
        for title, items, colour, empty in (
                ("6 个月内到期", ending, tone["badge_warn"], "未来 6 个月内没有到期的措施。"),
                ("近 6 个月已到期", ended, tone["badge_bad"], "近 6 个月内没有到期的措施。")):
            more = f"<a href='action:expiring'>全部 {len(items)} 项…</a>" if len(items) > SHOWN_EXPIRING else ""
            out.append(self._heading(title, tone, more))
            if not items:
                out.append(f"<p style='color:{tone['muted']}'>{empty}</p>")
            for item in items[:SHOWN_EXPIRING]:
                when = f"{abs(item.days)} 天后" if not item.ended else f"{abs(item.days)} 天前"
                what = html.escape(item.gist if item.clause_key else "文件有效期届满")
                out.append(f"<p style='margin:3px 0'><span style='color:{colour}'>{chinese_date(item.end.isoformat())}（{when}）</span>　"
                           f"<a href='doc:{html.escape(item.doc_id)}#{html.escape(item.clause_key or '')}'>{html.escape(_short(item.title, 30))}</a>"
                           f"<br><span style='color:{tone['muted']}'>{html.escape(item.region)}　{what}</span></p>")
        return "".join(out)

    def _newest_html(self, tone) -> str:
        out = [self._heading("最新政策", tone, "按年份")]
        titles = []
        for year, docs in self.service.newest_by_year(3):
            out.append(f"<p style='margin:8px 0 2px 0'><b>{year} 年</b><span style='color:{tone['muted']}'>　{len(docs)} 个文件</span></p>")
            for doc in docs[:SHOWN_PER_YEAR]:
                titles.append(doc["title"])
                number = (f"<br><span style='color:{tone['muted']};font-size:small'>{html.escape(doc['doc_number'])}</span>"
                          if doc.get("doc_number") else "")
                out.append(f"<p style='margin:2px 0 2px 12px'><a href='doc:{html.escape(doc['id'])}#'>"
                           f"{html.escape(_short(doc['title'], 40))}</a>{number}</p>")
            if len(docs) > SHOWN_PER_YEAR:
                out.append(f"<p style='margin:2px 0 2px 12px;color:{tone['muted']}'>另有 {len(docs) - SHOWN_PER_YEAR} 个，见“文件”页</p>")
        self.sections["newest"] = titles
        return "".join(out)

    def text(self) -> str:
        """Both columns as plain text (what a reader of the page sees)."""
        return self.left.toPlainText() + "\n" + self.right.toPlainText()

    # -- links -----------------------------------------------------------------------------

    def _link(self, href: str) -> None:
        if href.startswith("doc:"):
            doc_id, _, key = href[4:].partition("#")
            self.document_link.emit(doc_id, key)
        elif href.startswith("folder:"):
            index = href[7:]
            names = self.sections.get("folders", [])
            self.folder_chosen.emit(names[int(index)] if index.isdigit() and int(index) < len(names) else "")
        elif href.startswith("action:"):
            self.action_requested.emit(href[7:])


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
