"""The reader: one document with its header, clause outline and text, laid out as printed.

Header: title, 文号, issuers, date, level and region, and a status badge (已废止 /
已被替代 with a link to what replaced it). Beside the text an outline of the clauses; the
text keeps clause labels and paragraphs, indents by depth, and links citations of other
bundled documents. Find in document highlights every match; the font size can change;
a clause can be copied with its citation; back/forward history is kept per reader.
Bookmarked clauses show a star in the margin (the set of keys is given by the window).
"""

from __future__ import annotations

import bisect
import html

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QMenu, QSplitter, QTextBrowser, QTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from handbook.analysis import fold
from ui.find_bar import FindBar
from ui.look import colors
from ui.text import tip

IN_FORCE = "现行有效"
STAR_MARGIN = 26


class ClauseText(QTextBrowser):
    """QTextBrowser that paints a star beside bookmarked clauses."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.star_positions: list[int] = []
        self.star_color = QColor("#e0a800")

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self.star_positions:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.star_color)
        layout = self.document().documentLayout()
        offset = self.verticalScrollBar().value()
        for position in self.star_positions:
            block = self.document().findBlock(position)
            rect = layout.blockBoundingRect(block)
            painter.drawText(QRectF(2, rect.top() - offset + 2, STAR_MARGIN - 6, 24), Qt.AlignmentFlag.AlignLeft, "★")
        painter.end()


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

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.header.setContentsMargins(14, 10, 14, 8)
        self.header.linkActivated.connect(self._header_link)
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
        self.header.setText("<p style='font-size:15pt'>政策手册</p><p>从左侧按地区、主题或文件选择一个文件，或按 Ctrl+K 搜索条款。</p>")
        self.outline.clear()
        self.text.clear()

    def open(self, doc_id: str, clause_key: str | None = None, record: bool = True, highlight: bool = True) -> bool:
        doc = self.service.document(doc_id)
        if doc is None:
            return False
        if self.doc is None or self.doc["id"] != doc_id:
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
        tree = self.service.clause_tree(doc["id"])
        links: dict[str, list[tuple[str, str]]] = {}
        for c in self.service.citations(doc["id"]):
            if c.get("target_doc") and c["target_doc"] != doc["id"]:
                for needle in (f"《{c['cited_title']}》" if c.get("cited_title") else "", c.get("cited_number") or ""):
                    if needle:
                        links.setdefault(c["clause_key"], []).append((needle, c["target_doc"]))

        document = QTextDocument(self)
        document.setDefaultFont(QFont(QGuiApplication.font().family(), self.font_size))
        document.setDocumentMargin(14)
        cursor = QTextCursor(document)
        self._spans = []
        self.outline.clear()
        first = True
        tone = colors(self.dark)

        def emit(nodes, depth, parent_item):
            nonlocal first
            for node in nodes:
                start = cursor.position() if first else cursor.position() + 1
                for i, para in enumerate(node.text.split("\n")):
                    block = QTextBlockFormat()
                    block.setLeftMargin(STAR_MARGIN + depth * self.font_size * 1.6)
                    block.setTopMargin(6 if i == 0 else 2)
                    block.setBottomMargin(2)
                    block.setLineHeight(160, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                    if node.kind in ("chapter", "part", "attachment") and len(para) < 40:
                        block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                    if first:
                        cursor.setBlockFormat(block)
                        first = False
                    else:
                        cursor.insertBlock(block)
                    bold = len(node.heading) if i == 0 and node.heading and para.startswith(node.heading) else 0
                    if node.kind in ("chapter", "part", "attachment", "section") and len(para) < 40:
                        bold = len(para)
                    self._insert_text(cursor, para, bold, links.get(node.key, []), tone)
                self._spans.append((start, cursor.position(), node.key))
                item = None
                if depth <= 2 and (node.label or node.heading):
                    heading = node.heading or node.text.split("\n")[0]
                    label = heading if len(heading) <= 26 else heading[:25] + "…"
                    item = QTreeWidgetItem([label])
                    item.setToolTip(0, tip(heading))
                    item.setData(0, Qt.ItemDataRole.UserRole, node.key)
                    (parent_item.addChild(item) if parent_item else self.outline.addTopLevelItem(item))
                emit(node.children, depth + 1, item or parent_item)

        emit(tree, 0, None)
        self._spans.sort()
        self._starts = [s for s, _, _ in self._spans]
        self.text.setDocument(document)
        self.outline.expandToDepth(0)
        self._find_selections = []
        self._clause_selection = []
        self.update_marks(self.marked)
        if self.find_bar.isVisible() and self.find_bar.field.text():
            self.find(self.find_bar.field.text())

    def _insert_text(self, cursor: QTextCursor, para: str, bold: int, links: list[tuple[str, str]], tone) -> None:
        spans = []
        for needle, target in links:
            pos = para.find(needle)
            while pos >= 0:
                if not any(s < pos + len(needle) and pos < e for s, e, _ in spans):
                    spans.append((pos, pos + len(needle), target))
                pos = para.find(needle, pos + len(needle))
        spans.sort()
        cuts = sorted({0, len(para), bold, *[s for s, _, _ in spans], *[e for _, e, _ in spans]})
        for a, b in zip(cuts, cuts[1:], strict=False):
            fmt = QTextCharFormat()
            if a < bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            link = next((t for s, e, t in spans if s <= a and b <= e), None)
            if link:
                fmt.setAnchor(True)
                fmt.setAnchorHref(f"doc:{link}")
                fmt.setForeground(QColor(tone["label"]))
                fmt.setFontUnderline(True)
                fmt.setToolTip("打开被引用的文件")
            cursor.insertText(para[a:b], fmt)

    def _render_header(self, doc: dict) -> None:
        tone = colors(self.dark)
        e = html.escape
        level = self.service.level_names().get(doc["level"], doc["level"])
        meta = [doc["doc_number"] or "", "、".join(doc["issuers"]), doc["date"] or "", f"{level} · {doc['region']}",
                doc.get("origin") or ""]  # 自行导入 for the officer's own imports
        badge = ""
        if doc["status"] != IN_FORCE:
            badge = (f"<span style='background:{tone['badge_bad']};color:white'>&nbsp;{e(doc['status'])}&nbsp;</span>")
            if doc.get("repealed_by"):
                newer = self.service.document(doc["repealed_by"])
                if newer:
                    badge += f"　由 <a href='doc:{newer['id']}'>《{e(newer['title'])}》</a> 替代"
            badge = f"<p>{badge}</p>"
        else:
            badge = f"<span style='color:{tone['badge_ok']}'>● 现行有效</span>　"
        self.header.setText(
            f"<div style='font-size:{self.font_size + 3}pt;font-weight:600'>{e(doc['title'])}</div>"
            f"<div style='color:{tone['muted']}'>{badge if doc['status'] == IN_FORCE else ''}"
            f"{e('　'.join(m for m in meta if m))}</div>{badge if doc['status'] != IN_FORCE else ''}")

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
        if self.doc:
            highlighted = self.highlighted_clause()
            keep = highlighted or self.current_clause()
            self._render()
            if keep:
                self.scroll_to_clause(keep, highlight=highlighted is not None)
        self.font_size_changed.emit(size)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        if self.doc:
            highlighted = self.highlighted_clause()
            self._render()
            if highlighted:
                self.scroll_to_clause(highlighted)

    def printable(self) -> QTextDocument:
        document = self.text.document().clone(self)
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(self.font_size + 4)
        cursor.insertText(self.doc["title"] if self.doc else "", fmt)
        cursor.insertBlock()
        meta = QTextCharFormat()
        cursor.insertText("　".join(x for x in (self.doc.get("doc_number") or "", self.doc["status"]) if x), meta)
        cursor.insertBlock()
        return document

    def print_to(self, printer) -> None:
        self.printable().print_(printer)

    def _header_link(self, href: str) -> None:
        if href.startswith("doc:"):
            self.document_link.emit(href[4:], "")

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

