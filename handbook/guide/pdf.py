"""Laying out a composed ``Guide`` as a PDF booklet with reportlab platypus (story.py holds the content).

Table of contents with page numbers, a PDF outline, a running header and "第 X 页 / 共 Y 页",
a footer with the print date and 以政策原文为准. A4 or A5. Only the bundled fonts are used
and embedded (the canvas never falls back to Helvetica); the PDF says its language (zh-CN),
its author (the organisation) and its subject. Written to a temporary file and renamed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
)

from handbook.errors import GuideError
from handbook.fileio import atomic_write
from handbook.guide.fonts import register_fonts
from handbook.guide.layout import styles
from handbook.guide.model import Guide
from handbook.guide.story import build_story

PAGE_SIZES = {"A4": A4, "A5": A5}


class NumberedCanvas(Canvas):
    """Defers page furniture until the page count is known ("第 X 页 / 共 Y 页")."""

    def __init__(self, *args, guide: Guide | None = None, size=A4, **kwargs):
        kwargs["initialFontName"] = register_fonts()[0]  # never reference an unembedded Helvetica
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self.guide = guide
        self.size = size

    def showPage(self):  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._pageNumber > 1:
                self._furniture(total)
            super().showPage()
        super().save()

    def _furniture(self, total: int) -> None:
        width, height = self.size
        font = register_fonts()[0]
        margin = 18 * mm if width > 160 * mm else 11 * mm
        self.saveState()
        self.setStrokeColor(colors.HexColor("#9aa7b8"))
        self.setLineWidth(0.4)
        self.setFont(font, 7.5)
        self.setFillColor(colors.HexColor("#555555"))
        g = self.guide
        right = f"{g.region} · {g.subject}" if g else ""
        title = g.title if g else ""
        room = width - 2 * margin - stringWidth(right, font, 7.5) - 12
        while title and stringWidth(title, font, 7.5) > room:
            title = title[:-2] + "…"
        self.drawString(margin, height - 10 * mm, title)
        self.drawRightString(width - margin, height - 10 * mm, right)
        self.line(margin, height - 11.5 * mm, width - margin, height - 11.5 * mm)
        self.line(margin, 12.5 * mm, width - margin, 12.5 * mm)
        date = f"印制于 {g.date}　" if g and g.date else ""
        self.drawString(margin, 8.5 * mm, f"{date}以政策原文为准")
        self.drawRightString(width - margin, 8.5 * mm, f"第 {self._pageNumber} 页 / 共 {total} 页")
        self.restoreState()


class GuideDocument(BaseDocTemplate):
    """Collects TOC entries and PDF outline entries from the heading paragraphs."""

    def __init__(self, path: str, guide: Guide, size, check: Callable[[], None], **kwargs):
        self.guide = guide
        self.check = check
        self.outline_count = 0
        self.outline: list[tuple[int, str, int]] = []
        kind = "招商简报" if guide.briefing else "投资指南"
        super().__init__(path, pagesize=size, title=guide.title, author=guide.organisation or "政策手册",
                         subject=f"{guide.region} {guide.subject} {kind}", creator="政策手册", lang="zh-CN",
                         keywords=[guide.region, guide.subject, kind], initialFontName=register_fonts()[0], **kwargs)

    def afterFlowable(self, flowable):  # noqa: N802 - reportlab API
        self.check()
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        text = flowable.outline_text
        key = f"h{self.outline_count}"
        self.outline_count += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.outline.append((level, text, self.page))
        if level <= 1:
            self.notify("TOCEntry", (level, html.escape(text), self.page, key))

    def handle_documentBegin(self):  # noqa: N802 - reportlab API
        self.outline_count = 0
        self.outline: list[tuple[int, str, int]] = []  # of the last pass: what the PDF outline holds
        super().handle_documentBegin()


def render(guide: Guide, path: Path, page_size: str = "A4", progress: Callable[[str, float], None] | None = None) -> dict:
    """Write the booklet to ``path`` (temp file + rename). Returns the page count."""
    size = PAGE_SIZES.get(page_size.upper())
    if size is None:
        raise GuideError(f"不支持的纸张大小 {page_size}，可选 A4、A5。")
    report = progress or (lambda message, fraction: None)
    small = size == A5
    st = styles(9 if small else 10.5)
    margin = 11 * mm if small else 18 * mm
    counter = {"flowables": 0}

    def check() -> None:
        counter["flowables"] += 1
        if counter["flowables"] % 50 == 0:
            report("正在排版…", min(0.98, 0.9 + counter["flowables"] / 40000))

    pages = {"count": 0}

    def write(tmp: Path) -> None:
        doc = GuideDocument(str(tmp), guide, size, check, leftMargin=margin, rightMargin=margin,
                            topMargin=margin + 4 * mm, bottomMargin=margin + 2 * mm)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
        story = build_story(guide, st, doc.width)

        def canvasmaker(*args, **kwargs):
            return NumberedCanvas(*args, guide=guide, size=size, **kwargs)

        doc.multiBuild(story, canvasmaker=canvasmaker)
        pages["count"] = doc.page
        pages["outline"] = list(doc.outline)

    atomic_write(path, write)
    report("已完成", 1.0)
    return {"pages": pages["count"], "path": str(path), "outline": pages.get("outline", [])}
