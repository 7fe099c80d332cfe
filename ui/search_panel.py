"""Search as you type: a query field, filters, the count and the results grouped by document.

Typing restarts a short timer; when it fires the query runs on the task runner (never on
the GUI thread); a newer query cancels the one still running, and only the newest query's
results are shown. Each document is one entry (title, 文号, level, region, status, why it
matched) followed by its best clauses and "该文件还有 N 处匹配", which opens the rest in
place; "逐条列出" switches to a flat list of clauses; "显示更多结果" loads the next page, so
every result is reachable. Enter or a click on a clause emits ``clause_chosen(doc_id,
clause_key)``. Empty, no-result and index-building states say what to do next.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.look import colors
from ui.search_delegate import HTML_ROLE, HitDelegate
from ui.text import tip

DEBOUNCE_MS = 180
PAGE = 30  # documents (or clauses when flat) per page (SearchPanel.page_size)
KIND_ROLE = Qt.ItemDataRole.UserRole  # ("doc" | "clause" | "more" | "page", doc_id, clause_key)
HELP = ("输入词语、文号或条款内容即可搜索，例如：<br>氢能 补贴　·　光伏治沙　·　国发〔2023〕16号　·　“标准地”<br>"
        "多个词表示同时包含；用引号精确匹配；在词前加 - 表示排除。")


class SearchPanel(QWidget):
    clause_chosen = Signal(str, str)
    page_size = PAGE
    index_retry = Signal()  # the user asks to build the search index again after a failure

    def __init__(self, service, runner, dark: bool = False, parent: QWidget | None = None, index_ready: bool | None = None):
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.dark = dark
        self.index_ready = service.index_state() == "ready" if index_ready is None else index_ready
        self.index_opening = False  # the index is being checked and opened in the background
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
        self.flat = QCheckBox("逐条列出")
        self.flat.setToolTip("不按文件分组，逐条列出匹配的条款")
        self.flat.toggled.connect(self.run_now)

        self.count = QLabel()
        self.count.setWordWrap(True)
        self.message = QLabel(HELP)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setContentsMargins(8, 8, 8, 8)
        self.message.linkActivated.connect(lambda link: self.index_retry.emit() if link == "retry" else None)
        self.results = QListWidget()
        self.delegate = HitDelegate(self.results)  # measures far rows in batches (see search_delegate)
        self.results.setItemDelegate(self.delegate)
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        # A scroll bar that comes and goes changes the width every row is laid out at (twice the work).
        self.results.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.query = ""  # the query the list shows (paging and "more" use it)
        self.cancelled_searches = 0
        self.results.hide()

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.region, 0, 0)
        filters.addWidget(self.level, 0, 1)
        filters.addWidget(self.theme, 1, 0)
        filters.addWidget(self.status, 1, 1)
        filters.addWidget(self.flat, 2, 0, 1, 2)
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

    def set_index_opening(self) -> None:
        """The index is there and being opened in the background: a query waits for it."""
        self.index_ready = False
        self.index_opening = True
        self.index_error = None

    def set_index_ready(self, ready: bool) -> None:
        self.index_ready = ready
        self.index_opening = False
        self.index_error = None
        if ready:
            self.run_now()
        else:
            self._show_message("正在建立搜索索引（首次使用只需一次），完成后即可搜索…")

    def set_index_failed(self, reason: str) -> None:
        """The index could not be built: say why and offer 重试 (instead of 正在建立… forever)."""
        self.index_ready = False
        self.index_opening = False
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
            self.delegate.forget_waiting()
            self.results.hide()
            self.count.setText("")
            self._show_message(HELP)
            return
        if not self.index_ready:
            self._show_message(self._failed_text() if self.index_error else "正在打开搜索索引…" if self.index_opening
                               else "正在建立搜索索引（首次使用只需一次），完成后即可搜索…")
            return
        filters, flat = self.filters(), self.flat.isChecked()
        self.count.setText("正在搜索…")
        before = self.runner.cancelled_count
        self.runner.run(lambda progress: self.service.search(text, limit=self.page_size, flat=flat, cancelled=progress.cancelled, **filters),
                        on_done=self.show_result, on_error=self._failed, key="search")
        self.cancelled_searches += self.runner.cancelled_count - before

    def _next_page(self) -> None:
        result = self.last_result
        if result is None:
            return
        shown = len(result.hits) if result.flat else len(result.entries)
        offset, filters, text = result.offset + shown, self.filters(), self.query
        self.runner.run(lambda progress: self.service.search(text, limit=self.page_size, offset=offset, flat=result.flat,
                                                             cancelled=progress.cancelled, **filters),
                        on_done=self._append_page, on_error=self._failed, key="search")

    def _open_more(self, item: QListWidgetItem) -> None:
        """Replace "该文件还有 N 处匹配" by the document's other matching clauses."""
        _, doc_id, _ = item.data(KIND_ROLE)
        shown = {self.results.item(i).data(KIND_ROLE)[2] for i in range(self.results.count())}
        text, filters = self.query, self.filters()
        row = self.results.row(item)

        def insert(hits) -> None:
            if self.results.item(row) is not item:  # the list changed meanwhile
                return
            self.results.takeItem(row)
            for n, hit in enumerate(h for h in hits if h.clause_key not in shown):
                self.results.insertItem(row + n, self._clause_item(hit))

        self.runner.run(lambda _progress: self.service.more_clauses(text, doc_id, **filters), on_done=insert,
                        on_error=self._failed, key="more")

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
        self.query = result.query.raw
        self.results.clear()
        self.delegate.forget_waiting()
        if not (result.entries or result.hits):
            self.results.hide()
            self.count.setText("")
            self._show_message(html.escape(result.message or "没有找到相关条款。"))
            return
        self.message.hide()
        self.results.show()
        self._append_page(result)
        self.results.setCurrentRow(self._first_clause_row())

    def _append_page(self, result) -> None:
        tone = colors(self.dark)
        self.last_result = result
        last = self.results.item(self.results.count() - 1) if self.results.count() else None
        if last is not None and last.data(KIND_ROLE)[0] == "page":
            self.results.takeItem(self.results.count() - 1)
        if result.flat:
            for hit in result.hits:
                self.results.addItem(self._clause_item(hit, with_title=True))
        else:
            for entry in result.entries:
                self.results.addItem(self._entry_item(entry))
                for hit in entry.clauses:
                    self.results.addItem(self._clause_item(hit))
                if entry.more:
                    self._add_row(("more", entry.doc_id, ""), f"<div style='margin-left:18px;color:{tone['label']}'>"
                                  f"该文件还有 {entry.more} 处匹配 ›</div>", "显示该文件其余匹配的条款")
        shown = result.offset + (len(result.hits) if result.flat else len(result.entries))
        unit = "条" if result.flat else "个文件"
        note = f"<br><span style='color:{tone['muted']}'>{html.escape(result.message)}</span>" if result.message else ""
        self.count.setText(f"{html.escape(result.count_text)}，已显示 {shown} {unit}{note}")
        if result.has_more:
            rest = result.total - shown
            self._add_row(("page", "", ""), f"<div style='color:{tone['label']}'>显示更多结果（还有 {rest} {unit}）…</div>",
                          "加载下一页")

    def _add_row(self, data: tuple, text: str, hint: str = "") -> QListWidgetItem:
        item = QListWidgetItem()
        item.setData(KIND_ROLE, data)
        item.setData(HTML_ROLE, text)
        if hint:
            item.setToolTip(tip(hint))
        self.results.addItem(item)
        return item

    def _entry_item(self, entry) -> QListWidgetItem:
        tone = colors(self.dark)
        status = "" if not entry.repealed else f"<span style='color:{tone['badge_bad']}'>［{html.escape(entry.status)}］</span>"
        level = self.service.level_names().get(entry.level, entry.level)
        facts = "　".join(html.escape(x) for x in (entry.doc_number or "", level, entry.region) if x)
        text = (f"<div style='color:{tone['label']}'>{status}<b>{html.escape(entry.title)}</b></div>"
                f"<div style='color:{tone['muted']}'>{facts}　·　{html.escape(entry.why)}</div>")
        item = QListWidgetItem()
        item.setData(KIND_ROLE, ("doc", entry.doc_id, entry.clauses[0].clause_key if entry.clauses else ""))
        item.setData(HTML_ROLE, text)
        item.setToolTip(tip(entry.title))
        return item

    def _clause_item(self, hit, with_title: bool = False) -> QListWidgetItem:
        tone = colors(self.dark)
        mark = f"<span style='background:{tone['mark']};color:{tone['mark_text']}'>{{}}</span>"
        where = " › ".join(hit.heading_path[-2:])
        label = html.escape(hit.label) if hit.label and not hit.snippet.startswith(hit.label) else ""
        head = f"<span style='color:{tone['muted']}'>{html.escape(where)}</span>" if where else ""
        if with_title:
            status = "" if not hit.repealed else f"<span style='color:{tone['badge_bad']}'>［{html.escape(hit.status)}］</span>"
            number = f"　{html.escape(hit.doc_number)}" if hit.doc_number else ""
            text = (f"<div style='color:{tone['label']}'>{status}<b>{html.escape(hit.title)}</b>"
                    f"<span style='color:{tone['muted']}'>{number}　{html.escape(hit.label)}</span></div>"
                    f"<div>{hit.snippet_html(mark)}</div>")
        else:
            text = (f"<div style='margin-left:18px'>{head}</div>" if head else "") + \
                   f"<div style='margin-left:18px'><b>{label}</b>{hit.snippet_html(mark)}</div>"
        item = QListWidgetItem()
        item.setData(KIND_ROLE, ("clause", hit.doc_id, hit.clause_key))
        item.setData(HTML_ROLE, text)
        item.setToolTip(tip(hit.title))
        return item

    def _first_clause_row(self) -> int:
        for i in range(self.results.count()):
            if self.results.item(i).data(KIND_ROLE)[0] == "clause":
                return i
        return 0

    # -- choosing --------------------------------------------------------------------------

    def _activate(self, item: QListWidgetItem) -> None:
        kind, doc_id, key = item.data(KIND_ROLE)
        if kind == "more":
            self._open_more(item)
        elif kind == "page":
            self._next_page()
        elif doc_id:
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
        """Clause rows shown."""
        return sum(1 for i in range(self.results.count()) if self.results.item(i).data(KIND_ROLE)[0] == "clause")

    def entry_count(self) -> int:
        """Document entries shown."""
        return sum(1 for i in range(self.results.count()) if self.results.item(i).data(KIND_ROLE)[0] == "doc")
