"""Fonts for printed output: the bundled CJK font(s) and the Chinese line-breaking rules.

The bundled WenQuanYi Micro Hei subset (TrueType outlines) is registered once and embedded,
subset again, in every PDF, so files print anywhere and their text can be copied. Source
text is escaped before reportlab's mini-markup sees it (``<``, ``>``, ``&`` in a clause
never break a layout), and Chinese wraps with ``wordWrap='CJK'`` plus the usual rule that
no line starts with closing punctuation (reportlab's rule, extended for Chinese marks).
"""

from __future__ import annotations

import inspect

from reportlab.lib import textsplit as rl_textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph as rl_paragraph

from handbook.errors import GuideError
from handbook.paths import resource_path

FONT = "WenQuanYiMicroHei"
FONT_FILE = "WenQuanYiMicroHei-subset.ttf"
# A line may not begin with these (GB/T 15834 practice); they are kept with the character before.
NO_LINE_START = "，。、；：？！）」』》〉】〕”’…—·%％,.;:?!)]}"


def _extend_line_start_rule() -> None:
    """reportlab hangs a character that may not start a line into the margin, but its list
    is Japanese-oriented and misses Chinese full-width ，；：？！》”’… — add them."""
    for module in (rl_paragraph, rl_textsplit):  # both wrapping paths read their own copy
        missing = "".join(c for c in NO_LINE_START if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


def _patch(module, name: str, old: str, new: str) -> None:
    source = inspect.getsource(getattr(module, name))
    if source.count(old) == 1:
        exec(compile(source.replace(old, new), module.__file__, "exec"), module.__dict__)


def _carry_down_before_punctuation_runs() -> None:
    """reportlab hangs one closing mark into the margin; with two in a row (”、 ）。) the
    second would start the next line. Teach both of its CJK line splitters to carry the
    character before such a run down to the next line instead (patched once, from source)."""
    if getattr(rl_paragraph, "_handbook_cjk_patch", False):
        return
    _patch(rl_paragraph, "cjkFragSplit", "                    i -= 1\n                    extraSpace += w\n",
           "                    i -= 1\n                    extraSpace += w\n"
           "                elif i<nU and U[i] in ALL_CANNOT_START and i>lineStartPos+3:\n"
           "                    extraSpace += w + U[i-2].width\n"
           "                    i -= 2\n")
    _patch(rl_textsplit, "dumbSplit", "                i -= 1\n                extraSpace += w\n",
           "                i -= 1\n                extraSpace += w\n"
           "            elif i<nW and word[i] in ALL_CANNOT_START and i>lineStartPos+3:\n"
           "                extraSpace += w + widths[i-2]\n"
           "                i -= 2\n")
    rl_paragraph._handbook_cjk_patch = True


def register_font() -> str:
    _extend_line_start_rule()
    _carry_down_before_punctuation_runs()
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = resource_path("fonts", FONT_FILE)
        try:
            pdfmetrics.registerFont(TTFont(FONT, str(path)))
        except Exception as err:  # reportlab raises several types for unreadable fonts
            raise GuideError(f"无法加载字体 {path.name}：{err}") from err
    return FONT
