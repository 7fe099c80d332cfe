"""Search as you type: a query field, filters, hit count and highlighted clause hits.

Typing restarts a short timer; when it fires the query runs on the task runner (never on
the GUI thread) and only the newest query's results are shown. Enter or a click emits
``clause_chosen(doc_id, clause_key)``. Empty, no-result and index-building states say
what to do next. The field is a normal child widget; the main window may place it in
its toolbar.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.look import colors
from ui.text import tip

DEBOUNCE_MS = 180
HELP = ("输入词语、文号或条款内容即可搜索，例如：<br>氢能 补贴　·　光伏治沙　·　国发〔2023〕16号　·　“标准地”<br>"
        "多个词表示同时包含；用引号精确匹配；在词前加 - 表示排除。")


class HitDelegate(QStyledItemDelegate):
    """Paints a hit's rich text (title line + highlighted snippet) with word wrap."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(Qt.ItemDataRole.UserRole + 1) or "")
        doc.setTextWidth(max(50, option.rect.width() - 12))
        return doc

    def paint(self, painter, option, index) -> None:
        # A soft tint and a bar mark the current hit, so the coloured title and highlights
        # stay readable (a full selection colour would swallow them).
        highlight = option.palette.color(QPalette.ColorRole.Highlight)
        if option.state & QStyle.StateFlag.State_Selected:
            tint = QColor(highlight)
            tint.setAlpha(45)
            painter.fillRect(option.rect, tint)
            painter.fillRect(option.rect.adjusted(0, 0, -(option.rect.width() - 3), 0), highlight)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            tint = QColor(highlight)
            tint.setAlpha(18)
            painter.fillRect(option.rect, tint)
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + 6, option.rect.top() + 4)
        doc.drawContents(painter, QRectF(0, 0, option.rect.width() - 12, option.rect.height()))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        width = option.widget.viewport().width() if option.widget else 300
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(width, int(doc.size().height()) + 8)


class SearchPanel(QWidget):
    clause_chosen = Signal(str, str)
    index_retry = Signal()  # the user asks to build the search index again after a failure

    def __init__(self, service, runner, dark: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.dark = dark
        self.index_ready = service.index_state() == "ready"
        self.last_result = None
        self.index_error: str | None = None
        self.searches_run = 0

        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText("搜索条款、文号…（Ctrl+K）")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.textChanged.connect(self._schedule)
        self.query_edit.returnPressed.connect(self.open_current)
        self.query_edit.installEventFilter(self)

        self.region = QComboBox()
        self.region.addItem("全部地区", None)
        regions = service.region_tree()
        parents = {r["name"]: r["parent"] for r in regions}
        for r in regions:
            depth, above = 0, r["parent"]
            while above:
                depth, above = depth + 1, parents.get(above)
            self.region.addItem(("　" * depth) + r["name"], r["name"])
        self.region.setToolTip("地区（含其上级地区的政策）")
        self.level = QComboBox()
        self.level.addItem("全部层级", None)
        for key, name in service.level_names().items():
            self.level.addItem(name, key)
        self.theme = QComboBox()
        self.theme.addItem("全部主题", None)
        for t in service.theme_list():
            self.theme.addItem(t["name"], t["name"])
        self.status = QComboBox()
        self.status.addItem("全部状态", None)
        for s in ("现行有效", "已被替代", "已废止"):
            self.status.addItem(s, s)
        for combo in (self.region, self.level, self.theme, self.status):
            combo.currentIndexChanged.connect(self.run_now)

        self.count = QLabel()
        self.count.setWordWrap(True)
        self.message = QLabel(HELP)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setContentsMargins(8, 8, 8, 8)
        self.message.linkActivated.connect(lambda link: self.index_retry.emit() if link == "retry" else None)
        self.results = QListWidget()
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.results.hide()

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.region, 0, 0)
        filters.addWidget(self.level, 0, 1)
        filters.addWidget(self.theme, 1, 0)
        filters.addWidget(self.status, 1, 1)
        self.query_row = QVBoxLayout()
        self.query_row.addWidget(self.query_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(self.query_row)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)

    # -- running ---------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        self.query_edit.setText(text)

    def _schedule(self, _text: str = "") -> None:
        self.timer.start()

    def set_index_ready(self, ready: bool) -> None:
        self.index_ready = ready
        self.index_error = None
        if ready:
            self.run_now()
        else:
            self._show_message("正在建立搜索索引（首次使用只需一次），完成后即可搜索…")

    def set_index_failed(self, reason: str) -> None:
        """The index could not be built: say why and offer 重试 (instead of 正在建立… forever)."""
        self.index_ready = False
        self.index_error = reason
        self._show_message(self._failed_text())

    def _failed_text(self) -> str:
        return (f"搜索索引未能建立：{html.escape(self.index_error or '')}<br>阅读和书签不受影响。"
                "<a href='retry'>重试</a>")

    def filters(self) -> dict:
        return {"region": self.region.currentData(), "level": self.level.currentData(),
                "theme": self.theme.currentData(), "status": self.status.currentData()}

    def run_now(self) -> None:
        self.timer.stop()
        text = self.query_edit.text().strip()
        if not text:
            self.results.clear()
            self.results.hide()
            self.count.setText("")
            self._show_message(HELP)
            return
        if not self.index_ready:
            self._show_message(self._failed_text() if self.index_error else "正在建立搜索索引（首次使用只需一次），完成后即可搜索…")
            return
        filters = self.filters()
        self.count.setText("正在搜索…")
        self.runner.run(lambda _progress: self.service.search(text, limit=50, **filters),
                        on_done=self.show_result, on_error=self._failed, key="search")

    def _failed(self, err: BaseException) -> None:
        self.results.hide()
        self.count.setText("")
        self._show_message(f"搜索出错：{html.escape(str(err))}")

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def show_result(self, result) -> None:
        self.searches_run += 1
        self.last_result = result
        self.results.clear()
        tone = colors(self.dark)
        if not result.hits:
            self.results.hide()
            self.count.setText("")
            self._show_message(html.escape(result.message or "没有找到相关条款。"))
            return
        about = "约 " if result.total_is_estimate else ""
        shown = f"，显示前 {len(result.hits)} 条" if result.total > len(result.hits) else ""
        note = f"<br><span style='color:{tone['muted']}'>{html.escape(result.message)}</span>" if result.message else ""
        self.count.setText(f"共 {about}{result.total} 条结果{shown}{note}")
        self.message.hide()
        self.results.show()
        mark = f"<span style='background:{tone['mark']};color:{tone['mark_text']}'>{{}}</span>"
        for hit in result.hits:
            status = "" if not hit.repealed else f"<span style='color:{tone['badge_bad']}'>［{html.escape(hit.status)}］</span>"
            number = f"　{html.escape(hit.doc_number)}" if hit.doc_number else ""
            text = (f"<div style='color:{tone['label']}'>{status}<b>{html.escape(hit.title)}</b>"
                    f"<span style='color:{tone['muted']}'>{number}　{html.escape(hit.label)}</span></div>"
                    f"<div>{hit.snippet_html(mark)}</div>")
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, (hit.doc_id, hit.clause_key))
            item.setData(Qt.ItemDataRole.UserRole + 1, text)
            item.setToolTip(tip(hit.title))
            self.results.addItem(item)
        self.results.setCurrentRow(0)

    # -- choosing --------------------------------------------------------------------------

    def _activate(self, item: QListWidgetItem) -> None:
        doc_id, key = item.data(Qt.ItemDataRole.UserRole)
        self.clause_chosen.emit(doc_id, key)

    def open_current(self) -> None:
        if self.timer.isActive():  # Enter before the debounce fired: search first, then open
            self.run_now()
            return
        item = self.results.currentItem() or (self.results.item(0) if self.results.count() else None)
        if item is not None and self.results.isVisible():
            self._activate(item)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.query_edit and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(min(self.results.currentRow() + 1, self.results.count() - 1))
                return True
        return super().eventFilter(obj, event)

    def hit_count(self) -> int:
        return self.results.count()
