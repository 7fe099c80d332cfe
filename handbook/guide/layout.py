"""Paragraph styles and safe Chinese paragraphs for the printed guide and bookmark lists.

Source text is escaped before reportlab's mini-markup sees it (``<``, ``>``, ``&`` in a
clause never break a layout); Chinese wraps with ``wordWrap='CJK'`` (rules in fonts.py).
"""

from __future__ import annotations

import html

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from handbook.guide.fonts import register_font


def styles(base_size: float = 10.5) -> dict[str, ParagraphStyle]:
    font = register_font()
    common = {"fontName": font, "wordWrap": "CJK", "leading": base_size * 1.65, "fontSize": base_size}
    return {
        "body": ParagraphStyle("body", **common, firstLineIndent=0, spaceAfter=4),
        "clause": ParagraphStyle("clause", **common, spaceAfter=5, leftIndent=0),
        "small": ParagraphStyle("small", **{**common, "fontSize": base_size - 1.5, "leading": (base_size - 1.5) * 1.5},
                                textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", **{**common, "fontSize": base_size - 1.5, "leading": (base_size - 1.5) * 1.45}),
        "cell_head": ParagraphStyle("cell_head", **{**common, "fontSize": base_size - 1.5, "leading": (base_size - 1.5) * 1.45},
                                    textColor=colors.white),
        "h1": ParagraphStyle("h1", **{**common, "fontSize": base_size + 7, "leading": (base_size + 7) * 1.4},
                             spaceBefore=6, spaceAfter=10, textColor=colors.HexColor("#1f3b63")),
        "h2": ParagraphStyle("h2", **{**common, "fontSize": base_size + 3.5, "leading": (base_size + 3.5) * 1.45},
                             spaceBefore=10, spaceAfter=6, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", **{**common, "fontSize": base_size + 1.5, "leading": (base_size + 1.5) * 1.5},
                             spaceBefore=8, spaceAfter=4),
        "title": ParagraphStyle("title", **{**common, "fontSize": base_size + 15, "leading": (base_size + 15) * 1.35},
                                alignment=TA_CENTER, textColor=colors.HexColor("#1f3b63")),
        "subtitle": ParagraphStyle("subtitle", **{**common, "fontSize": base_size + 3, "leading": (base_size + 3) * 1.6},
                                   alignment=TA_CENTER),
        "note": ParagraphStyle("note", **common, leftIndent=12, textColor=colors.HexColor("#7a4b00")),
    }


def para(text: str, style: ParagraphStyle, markup: bool = False) -> Paragraph:
    """A paragraph of source text: escaped (unless ``markup``), line breaks kept."""
    body = text if markup else html.escape(text, quote=False)
    return Paragraph(body.replace("\n", "<br/>"), style)
