"""Paints one row of the search result list: rich text (document line, clause snippet) with word wrap.

The search panel stores each row's HTML under ``HTML_ROLE``; a document row, its clause rows,
its "该文件还有 N 处匹配" row and the "更多结果" row all use this one delegate.

Laying out rich text is the costly part of showing results on the GUI thread (a page holds
up to ~150 rows), so a row's laid-out document is kept (keyed by its HTML, width and font)
and shared by the size the list asks for and the painting that follows. The first rows (what
is on screen) are measured exactly at once; rows further down get an estimate from their
length and are laid out a batch per turn of the event loop, after which the list measures
itself again (``sizeHintChanged``) — so showing a page never holds the event loop for long.
The list's scroll bar stays on, so rows are not laid out again when it would appear.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
KEPT = 600  # laid-out rows kept: a few pages of results at one width
EXACT_ROWS = 16  # rows measured exactly when first asked (more than a screenful)
BATCH = 16  # rows laid out per turn of the event loop after that
_BLOCK = re.compile(r"<div[^>]*>(.*?)</div>", re.S)
_TAG = re.compile(r"<[^>]+>")


class HitDelegate(QStyledItemDelegate):
    """Paints a hit's rich text (title line + highlighted snippet) with word wrap."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._laid_out: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()
        self._waiting: dict[tuple[str, int, str], object] = {}  # rows given an estimate, to lay out soon
        self._anchor: QPersistentModelIndex | None = None
        self._metrics: dict[str, tuple[int, int]] = {}  # font key -> (advance of 国, line spacing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._lay_out_waiting)

    def forget_waiting(self) -> None:
        """The list was cleared: rows waiting to be laid out are gone."""
        self._waiting.clear()
        self._timer.stop()

    def _key(self, option: QStyleOptionViewItem, index: QModelIndex) -> tuple[str, int, str]:
        return index.data(HTML_ROLE) or "", max(50, option.rect.width() - 12), option.font.key()

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        key = self._key(option, index)
        doc = self._laid_out.get(key)
        if doc is not None:
            self._laid_out.move_to_end(key)
            return doc
        return self._lay_out(key, option.font)

    def _lay_out(self, key: tuple[str, int, str], font) -> QTextDocument:
        text, width, _ = key
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setHtml(text)
        doc.setTextWidth(width)
        self._laid_out[key] = doc
        self._waiting.pop(key, None)
        if len(self._laid_out) > KEPT:
            self._laid_out.popitem(last=False)
        return doc

    def _lay_out_waiting(self) -> None:
        for key in list(self._waiting)[:BATCH]:
            self._lay_out(key, self._waiting[key])
        if self._waiting:
            self._timer.start()
        elif self._anchor is not None and self._anchor.isValid():
            self.sizeHintChanged.emit(QModelIndex(self._anchor))  # all laid out: the list measures its rows again

    def _estimate(self, text: str, width: int, font) -> int:
        """A row's height from the length of its lines (until it is laid out for real)."""
        key = font.key()
        if key not in self._metrics:
            metrics = QFontMetrics(font)
            self._metrics[key] = (metrics.horizontalAdvance("国"), metrics.lineSpacing())
        advance, line = self._metrics[key]
        per_line = max(1, int((width - 24) / max(1, advance)))
        blocks = _BLOCK.findall(text) or [text]
        return sum(max(1, math.ceil(len(_TAG.sub("", b)) / per_line)) for b in blocks) * line + 8

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
        key = self._key(opt, index)
        doc = self._laid_out.get(key)
        if doc is None and index.row() >= EXACT_ROWS:
            self._waiting[key] = QFont(opt.font)  # the option's own font does not outlive this call
            self._anchor = QPersistentModelIndex(index)
            if not self._timer.isActive():
                self._timer.start()
            return QSize(width, self._estimate(key[0], key[1], opt.font) + 8)
        doc = doc if doc is not None else self._lay_out(key, opt.font)
        return QSize(width, int(doc.size().height()) + 8)
