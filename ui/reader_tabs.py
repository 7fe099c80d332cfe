"""Tabs of readers, so several documents stay open (Ctrl+T opens the next in a new tab).

Each tab is a ``ReaderView`` with its own history. The tab bar shows shortened titles,
different for titles that share a long opening (关于促进…氢能 / 关于促进…储能). Other pages
can sit among them: the start page (first, not closable) and views such as 地区对比 and
到期提醒 (one each, closable). ``current()`` is always a reader: the shown one, else an
empty stand-in, so 查找, 后退 … do nothing on a start page. Opening a document from a
page goes to the last reader tab used (or a new one). Without a start page, closing the
last tab leaves an empty reader rather than an empty panel.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.reader import ReaderView
from ui.text import tip


class ReaderTabs(QTabWidget):
    current_changed = Signal()
    document_link = Signal(str, str)
    bookmark_requested = Signal(str)

    def __init__(self, service, font_size: int = 12, dark: bool = False, parent: QWidget | None = None,
                 start_page: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.font_size = font_size
        self.dark = dark
        self.marked: set[str] = set()
        self.start_page = start_page
        self._last_reader: ReaderView | None = None
        self._stand_in: ReaderView | None = None
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(self._current_changed)
        if start_page is not None:
            self.addTab(start_page, "开始")
            self.setTabToolTip(0, "开始页（Alt+Home）")
            self.tabBar().setTabButton(0, self.tabBar().ButtonPosition.RightSide, None)
            self.tabBar().setTabButton(0, self.tabBar().ButtonPosition.LeftSide, None)
        else:
            self.new_tab()

    def _current_changed(self, _index: int) -> None:
        widget = self.currentWidget()
        if isinstance(widget, ReaderView):
            self._last_reader = widget
        self.current_changed.emit()

    def new_tab(self, current: bool = True) -> ReaderView:
        reader = ReaderView(self.service, self.font_size, self.dark)
        reader.update_marks(self.marked)
        reader.location_changed.connect(lambda r=reader: self._retitle(r))
        reader.location_changed.connect(self.current_changed)
        reader.document_link.connect(self.document_link)
        reader.bookmark_requested.connect(self.bookmark_requested)
        reader.font_size_changed.connect(self.set_font_size)
        self.addTab(reader, reader.title())
        if current:
            self.setCurrentWidget(reader)
        else:
            self._last_reader = reader
        self._retitle()
        return reader

    def current(self) -> ReaderView:
        """The reader in view; on another page an empty reader that is not shown."""
        widget = self.currentWidget()
        if isinstance(widget, ReaderView):
            return widget
        if self._stand_in is None:
            self._stand_in = ReaderView(self.service, self.font_size, self.dark, self)
            self._stand_in.hide()
        return self._stand_in

    def on_reader(self) -> bool:
        return isinstance(self.currentWidget(), ReaderView)

    def readers(self) -> list[ReaderView]:
        return [w for w in (self.widget(i) for i in range(self.count())) if isinstance(w, ReaderView)]

    def open(self, doc_id: str, clause_key: str | None = None, new_tab: bool = False, behind: bool = False) -> bool:
        """Show ``doc_id`` in the current reader (or the last one used, or a new tab); ``behind``: in a
        new tab that is not shown and is laid out when first shown (a restored session, so the start
        page is drawn first)."""
        if self.service.document(doc_id) is None:
            return False
        if behind:
            return self.new_tab(current=False).open_behind(doc_id, clause_key)
        reader = self.currentWidget()
        if not isinstance(reader, ReaderView):
            alive = self.readers()
            reader = self._last_reader if self._last_reader in alive else (alive[-1] if alive else None)
            if reader is None or (new_tab and reader.doc is not None):
                reader = self.new_tab()
            reader.will_open(doc_id)
            self.setCurrentWidget(reader)
        elif new_tab and reader.doc is not None:
            reader = self.new_tab()
        return reader.open(doc_id, clause_key)

    def show_page(self, page: QWidget, title: str) -> None:
        """Show a view (地区对比, 到期提醒) in its own tab, adding it the first time."""
        if self.indexOf(page) < 0:
            self.addTab(page, title)
        self.setCurrentWidget(page)

    def show_start(self) -> None:
        if self.start_page is not None:
            self.setCurrentWidget(self.start_page)

    def close_tab(self, index: int) -> None:
        widget = self.widget(index)
        if widget is None or widget is self.start_page:
            return
        self.removeTab(index)
        if isinstance(widget, ReaderView):
            widget.deleteLater()
        else:
            widget.setParent(None)  # a view is kept by its owner and can be shown again
        if self.count() == 0:
            self.new_tab()
        self._retitle()

    def set_font_size(self, size: int) -> None:
        self.font_size = size
        for reader in self.readers():
            reader.set_font_size(size)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        for reader in self.readers():
            reader.set_dark(dark)

    def update_marks(self, keys: set[str]) -> None:
        self.marked = set(keys)
        for reader in self.readers():
            reader.update_marks(self.marked)

    def _retitle(self, _reader: ReaderView | None = None) -> None:
        titles = {i: self.widget(i).title() for i in range(self.count()) if isinstance(self.widget(i), ReaderView)}
        labels = tab_labels(list(titles.values()))
        for (index, title), label in zip(titles.items(), labels, strict=True):
            self.setTabText(index, label)
            self.setTabToolTip(index, tip(title))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def tab_labels(titles: list[str], width: int = 14) -> list[str]:
    """Short tab labels; where two titles would shorten alike, show where they differ."""
    def short(t: str) -> str:
        return t if len(t) <= width else t[:width - 1] + "…"

    labels = []
    for i, title in enumerate(titles):
        others = [t for j, t in enumerate(titles) if j != i and t != title]
        shared = max((_common_prefix(title, t) for t in others), default=0)
        if len(title) <= width or shared < width - 1:
            labels.append(short(title))
            continue
        head, rest = title[:4], title[shared:]  # the opening, then the part that tells them apart
        tail = rest if len(rest) <= width - 6 else rest[:width - 7] + "…"
        labels.append(f"{head}…{tail}")
    return labels
