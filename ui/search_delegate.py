"""Paints one row of the search result list: rich text (document line, clause snippet) with word wrap.

The search panel stores each row's HTML under ``HTML_ROLE``; a document row, its clause rows,
its "该文件还有 N 处匹配" row and the "更多结果" row all use this one delegate.

Laying out rich text is the costly part of showing results on the GUI thread, so a row's
laid-out document is kept (keyed by its HTML, width and font) and shared by the size the
list asks for and the painting that follows; the list lays its rows out in batches (see
``SearchPanel``), so a long page never holds the event loop at once.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
KEPT = 600  # laid-out rows kept: a few pages of results at one width


class HitDelegate(QStyledItemDelegate):
    """Paints a hit's rich text (title line + highlighted snippet) with word wrap."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._laid_out: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        text = index.data(HTML_ROLE) or ""
        width = max(50, option.rect.width() - 12)
        key = (text, width, option.font.key())
        doc = self._laid_out.get(key)
        if doc is not None:
            self._laid_out.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(text)
        doc.setTextWidth(width)
        self._laid_out[key] = doc
        if len(self._laid_out) > KEPT:
            self._laid_out.popitem(last=False)
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
