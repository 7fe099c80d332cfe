"""到期提醒: every measure and document whose term ends within the coming months or ended in
the past months, against the handbook's today (``--today`` for a demonstration or a test).

Two groups, soonest first and latest first; each row gives the end date, the days left
(or since), the measure, the document and its region. Enter or a double click opens the
clause (``clause_chosen``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.document_header import chinese_date
from ui.look import colors
from ui.text import tip

SPANS = [(3, "3 个月"), (6, "6 个月"), (12, "12 个月")]
ROLE = Qt.ItemDataRole.UserRole


class ExpiringView(QWidget):
    clause_chosen = Signal(str, str)  # doc_id, clause key or ""

    def __init__(self, service, dark: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.dark = dark
        self.span = QComboBox()
        for months, label in SPANS:
            self.span.addItem(label, months)
        self.span.setCurrentIndex(1)
        self.span.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["到期日", "距今", "措施", "文件", "地区"])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in ((0, 150), (1, 80), (3, 280), (4, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._open)
        self.tree.itemDoubleClicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>到期提醒</b>　前后范围："))
        top.addWidget(self.span)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.refresh()

    def refresh(self) -> None:
        months = self.span.currentData()
        ending, ended = self.service.expiring(months, months)
        tone = colors(self.dark)
        self.tree.clear()
        for title, items, colour in ((f"{months} 个月内到期（{len(ending)}）", ending, tone["badge_warn"]),
                                     (f"近 {months} 个月已到期（{len(ended)}）", ended, tone["badge_bad"])):
            group = QTreeWidgetItem([title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for item in items:
                when = f"{item.days} 天后" if not item.ended else f"{-item.days} 天前"
                what = (item.gist if item.gist.startswith(item.label) else f"{item.label} {item.gist}") if item.clause_key else "文件有效期届满"
                row = QTreeWidgetItem([chinese_date(item.end.isoformat()), when, what, item.title, item.region])
                row.setData(0, ROLE, (item.doc_id, item.clause_key or ""))
                row.setToolTip(2, tip(what))
                row.setToolTip(3, tip(item.title))
                row.setForeground(0, QBrush(QColor(colour)))
                group.addChild(row)
            group.setExpanded(True)
        self.summary.setText(f"　今天 {self.service.today.isoformat()}；措施的期限取自条款原文（如“执行至……”）和文件的有效期。")

    def rows(self, group: int) -> list[tuple[str, str]]:
        """(end date, document title) of the rows in group 0 (ending) or 1 (ended)."""
        top = self.tree.topLevelItem(group)
        return [(top.child(i).text(0), top.child(i).text(3)) for i in range(top.childCount())]

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if data:
            self.clause_chosen.emit(*data)
