"""The reader's text: a document's clauses laid out as printed, with stars and term notices.

``lay_out`` builds the ``QTextDocument`` (labels and paragraphs kept, indented by depth,
citations of other bundled documents as links, a notice under each time-bounded clause
whose term has ended or ends within six months) and returns where each clause sits and
the outline entries. ``ClauseText`` shows it and paints a star beside bookmarked clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from handbook.expiry import parse_iso
from ui.document_header import chinese_date

STAR_MARGIN = 26


@dataclass
class Layout:
    document: QTextDocument
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, clause key), by start
    notices: dict[str, str] = field(default_factory=dict)  # clause key → term notice shown under it
    outline: list[tuple[str, str, str | None]] = field(default_factory=list)  # (key, heading, parent key)


def term_notice(window: dict | None, today: date, soon_days: int = 183) -> tuple[str, bool] | None:
    """(notice, ended) for a clause whose measure window ({start, end}) ended or ends within ``soon_days``."""
    end = parse_iso(window.get("end")) if window else None
    if end is None:
        return None
    days = (end - today).days
    if days < 0:
        return f"【已到期】本条措施的期限至 {chinese_date(end.isoformat())}，已于 {-days} 天前届满，请核实是否有延续政策。", True
    if days <= soon_days:
        return f"【即将到期】本条措施的期限至 {chinese_date(end.isoformat())}，还有 {days} 天。", False
    return None


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


def lay_out(tree, links: dict[str, list[tuple[str, str]]], today: date, font_size: int, tone: dict,
            parent=None) -> Layout:
    """The document's text as printed; ``links`` maps clause keys to (needle, target doc) pairs."""
    document = QTextDocument(parent)
    document.setDefaultFont(QFont(QGuiApplication.font().family(), font_size))
    document.setDocumentMargin(14)
    cursor = QTextCursor(document)
    laid = Layout(document)
    first = True

    def emit(nodes, depth: int, parent_key: str | None) -> None:
        nonlocal first
        for node in nodes:
            start = cursor.position() if first else cursor.position() + 1
            for i, para in enumerate(node.text.split("\n")):
                block = QTextBlockFormat()
                block.setLeftMargin(STAR_MARGIN + depth * font_size * 1.6)
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
                _insert_text(cursor, para, bold, links.get(node.key, []), tone)
            notice = term_notice(node.window, today)
            if notice:
                _insert_notice(cursor, notice, STAR_MARGIN + depth * font_size * 1.6, font_size, tone)
                laid.notices[node.key] = notice[0]
            laid.spans.append((start, cursor.position(), node.key))
            key = parent_key
            if depth <= 2 and (node.label or node.heading):
                laid.outline.append((node.key, node.heading or node.text.split("\n")[0], parent_key))
                key = node.key
            emit(node.children, depth + 1, key)

    emit(tree, 0, None)
    laid.spans.sort()
    return laid


def _insert_text(cursor: QTextCursor, para: str, bold: int, links: list[tuple[str, str]], tone: dict) -> None:
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


def _insert_notice(cursor: QTextCursor, notice: tuple[str, bool], margin: float, font_size: int, tone: dict) -> None:
    """A line under a time-bounded clause: its term has ended, or ends within six months."""
    text, ended = notice
    block = QTextBlockFormat()
    block.setLeftMargin(margin)
    block.setTopMargin(2)
    block.setBottomMargin(4)
    block.setBackground(QColor(tone["warn_bg"]))
    cursor.insertBlock(block)
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(tone["warn_text"] if ended else tone["badge_warn"]))
    fmt.setFontPointSize(max(8, font_size - 1))
    cursor.insertText(text, fmt)
