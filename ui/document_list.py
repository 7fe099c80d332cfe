"""The document list: every document (or those of one region or theme), sortable.

Columns 标题 / 文号 / 发文机关 / 日期 / 状态; a status filter (全部, 现行有效, 非现行) and,
for a region, the choice to include the policies of the regions above it (what applies
there). Choosing a row emits ``document_chosen(doc_id)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.text import tip

IN_FORCE = "现行有效"
STATUS_CHOICES = [("全部状态", None), ("现行有效", "in_force"), ("非现行（废止、替代、到期等）", "not_in_force")]


class _Item(QTreeWidgetItem):
    """Sorts dates and numbers as text but keeps empty values last, in either direction."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree else 0
        mine, theirs = self.data(column, Qt.ItemDataRole.UserRole + 1), other.data(column, Qt.ItemDataRole.UserRole + 1)
        if bool(mine) != bool(theirs):  # exactly one is empty: it goes last, whichever way the list runs
            descending = tree is not None and tree.header().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            return bool(mine) != descending
        return (mine or "") < (theirs or "")


def date_text(doc: dict) -> tuple[str, str]:
    """(shown, sort key) of a document's date; without a date its year, marked when the year
    was read from the 文号 or the title rather than a dated signature."""
    if doc.get("date"):
        return doc["date"], doc["date"]
    year = doc.get("year")
    if not year:
        return "", ""
    mark = {"doc_number": "（据文号）", "title": "（据标题）"}.get(doc.get("year_source") or "", "")
    return f"{year}年{mark}", str(year)


class DocumentList(QWidget):
    document_chosen = Signal(str)

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.region: str | None = None
        self.theme: str | None = None

        self.scope_label = QLabel()
        self.scope_label.setObjectName("scopeLabel")
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("显示全部文件")
        self.clear_button.clicked.connect(self.show_all)
        self.status_filter = QComboBox()
        for label, value in STATUS_CHOICES:
            self.status_filter.addItem(label, value)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.with_ancestors = QCheckBox("含上级政策")
        self.with_ancestors.setToolTip("同时列出上级地区（盟市、自治区、国家）适用于本地区的政策")
        self.with_ancestors.toggled.connect(self.refresh)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["标题", "文号", "发文机关", "日期", "状态"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        # The title gets the room; the other columns are narrow and can be widened by dragging
        # (the list scrolls sideways rather than squeezing the title to nothing).
        for column, width in ((0, 250), (1, 118), (2, 84), (3, 78), (4, 62)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(lambda item, _col: self._emit(item))

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(self.scope_label, 1)
        bar.addWidget(self.clear_button)
        filters = QHBoxLayout()
        filters.setContentsMargins(4, 0, 4, 0)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.with_ancestors)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        self.refresh()

    # -- scope -----------------------------------------------------------------------------

    def show_all(self) -> None:
        self.region = self.theme = None
        self.refresh()

    def show_region(self, region: str) -> None:
        self.region, self.theme = region, None
        self.refresh()

    def show_theme(self, theme: str) -> None:
        self.region, self.theme = None, theme
        self.refresh()

    def refresh(self) -> None:
        status = self.status_filter.currentData()
        docs = self.service.documents(region=self.region, theme=self.theme,
                                      with_ancestors=bool(self.region and self.with_ancestors.isChecked()))
        if status == "in_force":
            docs = [d for d in docs if d["status"] == IN_FORCE]
        elif status == "not_in_force":
            docs = [d for d in docs if d["status"] != IN_FORCE]
        self.with_ancestors.setVisible(self.region is not None)
        self.clear_button.setVisible(self.region is not None or self.theme is not None)
        scope = f"地区：{self.region}" if self.region else f"主题：{self.theme}" if self.theme else "全部文件"
        self.scope_label.setText(f"<b>{scope}</b>　共 {len(docs)} 个")
        current = self.current_document()
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        muted = QBrush(QColor("#9a9a9a"))
        for doc in docs:
            shown_date, date_key = date_text(doc)
            title = f"【{doc['origin']}】{doc['title']}" if doc.get("origin") else doc["title"]  # 自行导入
            values = [title, doc["doc_number"] or "", "、".join(doc["issuers"]), shown_date, doc["status"]]
            item = _Item(values)
            for column, value in enumerate(values):
                item.setData(column, Qt.ItemDataRole.UserRole + 1, date_key if column == 3 else value)
            if shown_date and not doc.get("date"):
                item.setToolTip(3, "文件未署日期，年份取自" + ("文号" if doc.get("year_source") == "doc_number" else "标题"))
            item.setData(0, Qt.ItemDataRole.UserRole, doc["id"])
            item.setToolTip(0, tip(doc["title"]))
            item.setToolTip(2, tip(values[2]))
            if doc["status"] != IN_FORCE:
                for column in range(5):
                    item.setForeground(column, muted)
            self.tree.addTopLevelItem(item)
        self.tree.setSortingEnabled(True)
        if current:
            self.select(current, emit=False)

    # -- selection -------------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(self.tree.topLevelItemCount())]

    def current_document(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def select(self, doc_id: str, emit: bool = True) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == doc_id:
                self.tree.blockSignals(not emit)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)
                self.tree.scrollToItem(item)
                return True
        return False

    def _current_changed(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self._emit(item)

    def _emit(self, item: QTreeWidgetItem) -> None:
        self.document_chosen.emit(item.data(0, Qt.ItemDataRole.UserRole))
