"""Paragraph styles, safe Chinese paragraphs and tables for the printed guide and bookmark lists.

Body text is set in the serif face, headings, table heads and the cover in the bold sans
(fonts.py). Paragraphs allow no widow or orphan line at a page break; headings are kept
with what follows. Source text is escaped before reportlab's mini-markup sees it (``<``,
``>``, ``&`` in a clause never break a layout). Long table cells are capped with a pointer
to where the full text is.
"""

from __future__ import annotations

import html

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from handbook.guide.fonts import FALLBACK, covers, register_fonts

ACCENT = colors.HexColor("#1f3b63")
LIGHT = colors.HexColor("#eef2f7")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#b8c2cf")


def styles(base_size: float = 10.5) -> dict[str, ParagraphStyle]:
    serif, sans = register_fonts()

    def style(name: str, size: float, leading: float, font: str = serif, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * leading, wordWrap="CJK",
                              allowWidows=0, allowOrphans=0, **kw)

    b = base_size
    return {
        "body": style("body", b, 1.7, alignment=TA_JUSTIFY, spaceAfter=4),
        "clause": style("clause", b, 1.7, alignment=TA_JUSTIFY, spaceAfter=5),
        "path": style("path", b - 1.5, 1.45, textColor=GREY, spaceBefore=3, spaceAfter=1),
        "small": style("small", b - 1.5, 1.5, textColor=GREY),
        "lead": style("lead", b - 1.5, 1.5, textColor=GREY, spaceAfter=3),
        "source": style("source", b - 1.5, 1.5, textColor=GREY, spaceBefore=3, spaceAfter=6),
        "cell": style("cell", b - 1.5, 1.45),
        "cell_head": style("cell_head", b - 1.5, 1.4, sans, textColor=colors.white),
        "h1": style("h1", b + 6.5, 1.35, sans, spaceBefore=4, spaceAfter=10, textColor=ACCENT),
        "h2": style("h2", b + 3, 1.4, sans, spaceBefore=12, spaceAfter=6, textColor=ACCENT),
        "h3": style("h3", b + 0.5, 1.5, sans, spaceBefore=9, spaceAfter=3, keepWithNext=1),
        "title": style("title", b + 15, 1.3, sans, alignment=TA_CENTER, textColor=ACCENT),
        "subtitle": style("subtitle", b + 2.5, 1.6, serif, alignment=TA_CENTER),
        "cover_meta": style("cover_meta", b + 0.5, 1.7, serif, alignment=TA_CENTER),
        "note": style("note", b - 0.5, 1.6, leftIndent=12, textColor=colors.HexColor("#7a4b00"), spaceAfter=4),
        "flag": style("flag", b - 1.5, 1.45, sans, textColor=colors.HexColor("#9a3412")),
    }


def with_fallback(text: str, font: str) -> str:
    """Escaped text with characters the font lacks wrapped in the fallback face."""
    if all(ch.isspace() or covers(font, ch) for ch in text):
        return html.escape(text, quote=False)
    out = []
    for ch in text:
        piece = html.escape(ch, quote=False)
        out.append(piece if ch.isspace() or covers(font, ch) else f'<font name="{FALLBACK}">{piece}</font>')
    return "".join(out)


def para(text: str, style: ParagraphStyle, markup: bool = False) -> Paragraph:
    """A paragraph of source text: escaped (unless ``markup``), line breaks kept, no empty boxes."""
    body = text if markup else with_fallback(text, style.fontName)
    return Paragraph(body.replace("\n", "<br/>"), style)


def capped(text: str, limit: int, where: str = "") -> str:
    """``text`` cut to ``limit`` characters with …, naming ``where`` the full text is."""
    text = " ".join(text.split()) if "\n" not in text else text
    if len(text) <= limit:
        return text
    return text[:limit].rstrip("，、；：（《“") + "…" + (f"（全文见{where}）" if where else "")


def table(rows: list[list], widths: list[float], st: dict, head_rows: int = 1, spans: list | None = None) -> Table:
    """A ruled table whose header repeats on every page; strings become escaped cell paragraphs."""
    out = []
    for r, row in enumerate(rows):
        cell_style = st["cell_head"] if r < head_rows else st["cell"]
        out.append([para(c, cell_style) if isinstance(c, str) else c for c in row])
    t = Table(out, colWidths=widths, repeatRows=head_rows, splitByRow=True)
    commands = [
        ("FONT", (0, 0), (-1, -1), st["cell"].fontName),  # the cell font even under paragraphs: no Helvetica
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.35, RULE),
        ("ROWBACKGROUNDS", (0, head_rows), (-1, -1), [colors.white, LIGHT]),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("SPAN", a, b) for a, b in spans or []]
    t.setStyle(TableStyle(commands))
    t.spaceAfter = 6
    return t


def write_story(path, story: list, *, title: str, footer: str, font: str, pagesize, margins_mm: tuple[float, float],
                footer_mm: float = 10):
    """Lay ``story`` out on ``pagesize`` pages with a centred footer "第 N 页　{footer}" and write it
    atomically to ``path`` (an earlier file survives any failure). ``margins_mm``: (sides, top/bottom)."""
    from pathlib import Path

    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from handbook.fileio import atomic_write

    side, top = (m * mm for m in margins_mm)

    def draw_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawCentredString(pagesize[0] / 2, footer_mm * mm, f"第 {doc.page} 页　{footer}")
        canvas.restoreState()

    def write(tmp):
        doc = SimpleDocTemplate(str(tmp), pagesize=pagesize, leftMargin=side, rightMargin=side, topMargin=top,
                                bottomMargin=top, title=title, author="政策手册", initialFontName=font)
        doc.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)

    return atomic_write(Path(path), write)
