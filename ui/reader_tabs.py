"""Tabs of readers, so several documents stay open (Ctrl+T opens the next in a new tab).

Each tab is a ``ReaderView`` with its own history. The tab bar shows shortened titles;
closing the last tab leaves an empty reader rather than an empty panel.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.reader import ReaderView


class ReaderTabs(QTabWidget):
    current_changed = Signal()
    document_link = Signal(str, str)
    bookmark_requested = Signal(str)

    def __init__(self, service, font_size: int = 12, dark: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.font_size = font_size
        self.dark = dark
        self.marked: set[str] = set()
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(lambda _i: self.current_changed.emit())
        self.new_tab()

    def new_tab(self) -> ReaderView:
        reader = ReaderView(self.service, self.font_size, self.dark)
        reader.update_marks(self.marked)
        reader.location_changed.connect(lambda r=reader: self._retitle(r))
        reader.location_changed.connect(self.current_changed)
        reader.document_link.connect(self.document_link)
        reader.bookmark_requested.connect(self.bookmark_requested)
        reader.font_size_changed.connect(self.set_font_size)
        self.addTab(reader, reader.title())
        self.setCurrentWidget(reader)
        return reader

    def current(self) -> ReaderView:
        return self.currentWidget()

    def readers(self) -> list[ReaderView]:
        return [self.widget(i) for i in range(self.count())]

    def open(self, doc_id: str, clause_key: str | None = None, new_tab: bool = False) -> bool:
        reader = self.current()
        if new_tab and reader.doc is not None:
            reader = self.new_tab()
        return reader.open(doc_id, clause_key)

    def close_tab(self, index: int) -> None:
        widget = self.widget(index)
        self.removeTab(index)
        widget.deleteLater()
        if self.count() == 0:
            self.new_tab()

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

    def _retitle(self, reader: ReaderView) -> None:
        index = self.indexOf(reader)
        if index >= 0:
            title = reader.title()
            self.setTabText(index, title if len(title) <= 14 else title[:13] + "…")
            self.setTabToolTip(index, title)
