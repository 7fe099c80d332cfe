"""Fonts for printed output: a serif body face, a bold sans heading face, Chinese line breaking.

Chinese booklets set 正文 in 宋体/明体 and headings in 黑体. The bundled subsets of Noto Serif
CJK SC (Regular) and Noto Sans CJK SC (Bold) — TrueType outlines made by scripts/make_font.py
from Debian's fonts-noto-cjk, SIL Open Font License — are registered once and embedded,
subset again, in every PDF, so files print anywhere and their text can be copied. The
family maps <b> in body text to the sans bold, as Chinese print does. Nothing refers to
reportlab's standard fonts (Helvetica …), so a preflight finds only embedded fonts. A
character outside the print subsets (rare hanzi typed by a user) is set in the bundled
WenQuanYi face instead of showing as an empty box.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from handbook.errors import GuideError
from handbook.guide import linebreak
from handbook.paths import resource_path

SERIF = "NotoSerifSC"
SANS_BOLD = "NotoSansSC-Bold"
FALLBACK = "WenQuanYiMicroHei"  # the UI font: all of GB2312, for the rare character the print subsets lack
FILES = {SERIF: "NotoSerifSC-Regular-subset.ttf", SANS_BOLD: "NotoSansSC-Bold-subset.ttf",
         FALLBACK: "WenQuanYiMicroHei-subset.ttf"}
NO_LINE_START = linebreak.NO_LINE_START


def register_fonts() -> tuple[str, str]:
    """(body font, heading font) registered with reportlab; the line-breaking rules installed."""
    linebreak.install()
    registered = pdfmetrics.getRegisteredFontNames()
    for name, file in FILES.items():
        if name in registered:
            continue
        path = resource_path("fonts", file)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as err:  # reportlab raises several types for unreadable fonts
            raise GuideError(f"无法加载字体 {path.name}：{err}") from err
    for bold, italic in ((0, 0), (0, 1)):
        addMapping(SERIF, bold, italic, SERIF)
    for italic in (0, 1):
        addMapping(SERIF, 1, italic, SANS_BOLD)
        addMapping(SANS_BOLD, 1, italic, SANS_BOLD)
        addMapping(SANS_BOLD, 0, italic, SANS_BOLD)
    return SERIF, SANS_BOLD


_coverage: dict[str, dict] = {}


def covers(font: str, ch: str) -> bool:
    """Whether the registered ``font`` has a glyph for ``ch``."""
    glyphs = _coverage.get(font)
    if glyphs is None:
        glyphs = _coverage[font] = pdfmetrics.getFont(font).face.charToGlyph
    return ord(ch) in glyphs


def register_font() -> str:
    """The body font (kept for callers that use one face, e.g. the bookmark list)."""
    return register_fonts()[0]
