"""The reader: one document with its header, clause outline and text, laid out as printed.

The header (ui/document_header.py) shows title, 文号, issuers, date, level, region, status
badges, validity and 被引用. Beside the text (laid out by ui/clause_text.py: labels and
paragraphs as printed, citations of other bundled documents as links, a notice under a
clause whose term has ended or ends soon) an outline of the clauses. Find in document highlights every match; the font size can change;
a clause can be copied with its citation; back/forward history is kept per reader.
Bookmarked clauses show a star in the margin (the set of keys is given by the window).
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu, QSplitter, QTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from handbook.search.analysis import fold
from ui.clause_text import STAR_MARGIN, ClauseText, lay_out
from ui.document_header import DocumentHeader, chinese_date, year_text
from ui.find_bar import FindBar
from ui.look import colors
from ui.text import tip


class ReaderView(QWidget):
    document_link = Signal(str, str)  # open another document (doc_id, clause_key or "")
    location_changed = Signal()
    font_size_changed = Signal(int)
    bookmark_requested = Signal(str)  # clause key

    def __init__(self, service, font_size: int = 12, dark: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.font_size = font_size
        self.dark = dark
        self.doc: dict | None = None
        self.clause_key: str | None = None
        self.history: list[tuple[str, str | None]] = []
        self.history_index = -1
        self.marked: set[str] = set()
        self._spans: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._clause_selection: list[QTextEdit.ExtraSelection] = []
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._find_positions: list[int] = []
        self._find_length = 0
        self._find_current = -1
        self._find_needle: str | None = None
        self._behind = False  # opened in a tab not yet shown: laid out when first shown

        self.header = DocumentHeader()
        self.header.document_link.connect(self.document_link)
        self.outline = QTreeWidget()
        self.outline.setHeaderLabel("目录")
        self.outline.itemClicked.connect(lambda item, _c: self.scroll_to_clause(item.data(0, Qt.ItemDataRole.UserRole), False))
        self.outline.itemActivated.connect(lambda item, _c: self.scroll_to_clause(item.data(0, Qt.ItemDataRole.UserRole), False))
        self.text = ClauseText()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._text_link)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.find_requested.connect(self.find)
        self.find_bar.closed.connect(self._clear_find)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(self.text)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)
        self._show_empty()

    # -- opening and history ---------------------------------------------------------------

    def _show_empty(self) -> None:
        self.header.show_empty()
        self.outline.clear()
        self.text.clear()

    def open(self, doc_id: str, clause_key: str | None = None, record: bool = True, highlight: bool = True) -> bool:
        doc = self.service.document(doc_id)
        if doc is None:
            return False
        if self.doc is None or self.doc["id"] != doc_id or self._behind:
            self._behind = False
            self.doc = doc
            self._render()
        if record:
            if self.history_index >= 0 and self.history[self.history_index][0] == doc_id and clause_key is None:
                pass  # same document again: no new history entry
            else:
                del self.history[self.history_index + 1:]
                self.history.append((doc_id, clause_key))
                self.history_index = len(self.history) - 1
        self.clause_key = clause_key
        if clause_key:
            self.scroll_to_clause(clause_key, highlight)
        else:
            self._clause_selection = []
            self._apply_selections()
            self.text.verticalScrollBar().setValue(0)
        self.location_changed.emit()
        return True

    def open_behind(self, doc_id: str, clause_key: str | None = None) -> bool:
        """Open in a tab that is not shown (a restored session): the document is known at once
        (title, location, history), its text is laid out when the tab is first shown."""
        doc = self.service.document(doc_id)
        if doc is None:
            return False
        self.doc, self.clause_key = doc, clause_key
        self.history, self.history_index = [(doc_id, clause_key)], 0
        self._behind = True
        self.location_changed.emit()
        return True

    def lay_out_now(self) -> None:
        """Lay out a document opened behind (nothing to do otherwise)."""
        if self._behind:
            self._behind = False
            self._render()
            if self.clause_key:
                self.scroll_to_clause(self.clause_key)

    def will_open(self, doc_id: str) -> None:
        """About to be shown for ``doc_id``: another document waiting behind is not laid out first."""
        if self._behind and self.doc is not None and self.doc["id"] != doc_id:
            self._behind = False
            self.doc = None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.lay_out_now()
        super().showEvent(event)

    def can_go_back(self) -> bool:
        return self.history_index > 0

    def can_go_forward(self) -> bool:
        return 0 <= self.history_index < len(self.history) - 1

    def back(self) -> None:
        if self.can_go_back():
            self.history_index -= 1
            self.open(*self.history[self.history_index], record=False)

    def forward(self) -> None:
        if self.can_go_forward():
            self.history_index += 1
            self.open(*self.history[self.history_index], record=False)

    # -- rendering -------------------------------------------------------------------------

    def _render(self) -> None:
        doc = self.doc
        self._render_header(doc)
        links: dict[str, list[tuple[str, str]]] = {}
        for c in self.service.citations(doc["id"]):
            if c.get("target_doc") and c["target_doc"] != doc["id"]:
                for needle in (f"《{c['cited_title']}》" if c.get("cited_title") else "", c.get("cited_number") or ""):
                    if needle:
                        links.setdefault(c["clause_key"], []).append((needle, c["target_doc"]))
        laid = lay_out(self.service.clause_tree(doc["id"]), links, self.service.today, self.font_size, colors(self.dark), self)
        self._spans, self.notices = laid.spans, laid.notices
        self.outline.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for key, heading, parent in laid.outline:
            item = QTreeWidgetItem([heading if len(heading) <= 26 else heading[:25] + "…"])
            item.setToolTip(0, tip(heading))
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            (items[parent].addChild(item) if parent in items else self.outline.addTopLevelItem(item))
            items[key] = item
        self._starts = [s for s, _, _ in self._spans]
        self.text.setDocument(laid.document)
        self.outline.expandToDepth(0)
        self._find_selections = []
        self._clause_selection = []
        self.update_marks(self.marked)
        if self.find_bar.isVisible() and self.find_bar.field.text():
            self.find(self.find_bar.field.text())

    def _render_header(self, doc: dict) -> None:
        self.header.show_document(doc, self.service, self.font_size, self.dark)

    def update_marks(self, keys: set[str]) -> None:
        """Show a star beside these (bookmarked) clauses."""
        self.marked = set(keys)
        self.text.star_positions = [s for s, _, k in self._spans if k in self.marked]
        self.text.viewport().update()

    # -- clauses ---------------------------------------------------------------------------

    def clause_span(self, key: str) -> tuple[int, int] | None:
        for start, end, k in self._spans:
            if k == key:
                return start, end
        return None

    def clause_at(self, position: int) -> str | None:
        i = bisect.bisect_right(self._starts, position) - 1
        return self._spans[i][2] if i >= 0 else None

    def current_clause(self) -> str | None:
        """The clause under the text cursor, else the one at the top of the view."""
        cursor = self.text.textCursor()
        if cursor.hasSelection() or cursor.position() > 0:
            return self.clause_at(cursor.selectionStart())
        return self.clause_at(self.text.cursorForPosition(QPoint(STAR_MARGIN + 20, 10)).position())

    def scroll_to_clause(self, key: str | None, highlight: bool = True) -> None:
        span = self.clause_span(key) if key else None
        if span is None:
            return
        block = self.text.document().findBlock(span[0])
        top = self.text.document().documentLayout().blockBoundingRect(block).top()
        self.text.verticalScrollBar().setValue(int(max(0, top - 8)))
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(span[0])
        self.text.setTextCursor(cursor)
        if highlight:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.text.document())
            sel.cursor.setPosition(span[0])
            sel.cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            sel.format.setBackground(QColor(colors(self.dark)["clause"]))
            self._clause_selection = [sel]
            self._apply_selections()
        self.clause_key = key

    def highlighted_clause(self) -> str | None:
        if not self._clause_selection:
            return None
        return self.clause_at(self._clause_selection[0].cursor.selectionStart())

    def clause_text_with_citation(self, key: str | None = None) -> str:
        key = key or self.current_clause()
        if not key:
            return ""
        clause = self.service.clause(key)
        return f"{clause['text']}\n——{self.service.citation_of(key)}" if clause else ""

    def copy_clause(self, key: str | None = None) -> str:
        text = self.clause_text_with_citation(key)
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    # -- find ------------------------------------------------------------------------------

    def open_find(self) -> None:
        selected = self.text.textCursor().selectedText()
        self.find_bar.open_bar(selected if 0 < len(selected) < 40 else "")

    def find(self, text: str, backward: bool = False) -> tuple[int, int]:
        plain = fold(self.text.document().toPlainText())
        needle = fold(text.strip())
        if needle != self._find_needle:
            self._find_needle = needle
            self._find_positions = []
            self._find_current = -1
            pos = plain.find(needle) if needle else -1
            while pos >= 0:
                self._find_positions.append(pos)
                pos = plain.find(needle, pos + len(needle))
            self._find_length = len(needle)
            step = 0 if self._find_positions else None
        else:
            step = -1 if backward else 1
        total = len(self._find_positions)
        if total and step is not None:
            if self._find_current < 0:
                here = self.text.textCursor().position()
                self._find_current = next((i for i, p in enumerate(self._find_positions) if p >= here), 0)
            else:
                self._find_current = (self._find_current + step) % total
        self._paint_find()
        current = self._find_current + 1 if total else 0
        self.find_bar.show_count(current, total)
        return current, total

    def _paint_find(self) -> None:
        tone = colors(self.dark)
        self._find_selections = []
        for i, pos in enumerate(self._find_positions):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.text.document())
            sel.cursor.setPosition(pos)
            sel.cursor.setPosition(pos + self._find_length, QTextCursor.MoveMode.KeepAnchor)
            sel.format.setBackground(QColor(tone["current"] if i == self._find_current else tone["mark"]))
            sel.format.setForeground(QColor(tone["mark_text"]))
            self._find_selections.append(sel)
        if 0 <= self._find_current < len(self._find_positions):
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self._find_positions[self._find_current])
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()
        self._apply_selections()

    def find_matches(self) -> int:
        return len(self._find_positions)

    def _clear_find(self) -> None:
        self._find_selections = []
        self._find_positions = []
        self._find_needle = None
        self._apply_selections()
        self.text.setFocus()

    def _apply_selections(self) -> None:
        self.text.setExtraSelections(self._clause_selection + self._find_selections)

    # -- font size, print, links, menu -----------------------------------------------------

    def set_font_size(self, size: int) -> None:
        size = max(8, min(32, size))
        if size == self.font_size:
            return
        self.font_size = size
        if self.doc and not self._behind:  # a document opened behind is laid out at this size when shown
            highlighted = self.highlighted_clause()
            keep = highlighted or self.current_clause()
            self._render()
            if keep:
                self.scroll_to_clause(keep, highlight=highlighted is not None)
        self.font_size_changed.emit(size)

    def set_dark(self, dark: bool) -> None:
        """Re-colour; the text keeps its place on screen (only colours change, not the layout)."""
        self.dark = dark
        if self.doc and not self._behind:
            highlighted = self.highlighted_clause()
            bar = self.text.verticalScrollBar()
            position, cursor = bar.value(), self.text.textCursor().position()
            self._render()
            if highlighted:
                self.scroll_to_clause(highlighted)
            keep = QTextCursor(self.text.document())
            keep.setPosition(min(cursor, self.text.document().characterCount() - 1))
            self.text.setTextCursor(keep)
            self.text.document().documentLayout().documentSize()  # lay out now so the range is known
            bar.setValue(position)

    def printable(self) -> QTextDocument:
        """The text as shown, under the title and a line with 文号, issuers, date or year and status."""
        document = self.text.document().clone(self)
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(self.font_size + 4)
        cursor.insertText(self.doc["title"] if self.doc else "", fmt)
        cursor.insertBlock()
        doc = self.doc or {}
        validity = self.service.validity(doc) if doc else {}
        until = f"有效期至 {chinese_date(validity['valid_until'])}" if validity.get("valid_until") else ""
        parts = (doc.get("doc_number") or "", "、".join(doc.get("issuers") or []), year_text(doc), validity.get("status", ""),
                 "试行" if validity.get("trial") else "", until)
        meta = QTextCharFormat()
        meta.setFontPointSize(max(8, self.font_size - 1))
        cursor.insertText("　".join(x for x in parts if x), meta)
        cursor.insertBlock()
        return document

    def print_to(self, printer) -> None:
        self.printable().print_(printer)

    def _text_link(self, url) -> None:
        href = url.toString()
        if href.startswith("doc:"):
            self.document_link.emit(href[4:], "")

    def _context_menu(self, point: QPoint) -> None:
        key = self.clause_at(self.text.cursorForPosition(point).position())
        menu = QMenu(self)
        if self.text.textCursor().hasSelection():
            menu.addAction("复制", self.text.copy)
        if key:
            menu.addAction("复制本条（含出处）", lambda: self.copy_clause(key))
            star = "取消书签" if key in self.marked else "加入书签"
            menu.addAction(star, lambda: self.bookmark_requested.emit(key))
        menu.addSeparator()
        menu.addAction("在本文件中查找…", self.open_find)
        menu.exec(self.text.mapToGlobal(point))

    def title(self) -> str:
        return self.doc["title"] if self.doc else "（空白）"

    def location(self) -> tuple[str | None, str | None]:
        return (self.doc["id"] if self.doc else None), self.clause_key

