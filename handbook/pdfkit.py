"""Shared reportlab pieces: the bundled CJK font, paragraph styles, safe Chinese paragraphs.

The bundled WenQuanYi Micro Hei subset (TrueType outlines) is registered once and embedded,
subset again, in every PDF, so files print anywhere and their text can be copied. Source
text is escaped before reportlab's mini-markup sees it (``<``, ``>``, ``&`` in a clause
never break a layout), and Chinese wraps with ``wordWrap='CJK'`` plus the usual rule that
no line starts with closing punctuation (reportlab's rule, extended for Chinese marks).
"""

from __future__ import annotations

import html
import inspect
import os
import stat
import tempfile
import threading
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from handbook.errors import GuideError, explain
from handbook.paths import resource_path

_UMASK_LOCK = threading.Lock()
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


def _umask() -> int:
    with _UMASK_LOCK:  # os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _final_mode(path: Path) -> int:
    """The mode of the file being replaced, else what a plain ``open()`` would give (0644 with umask 022)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def atomic_write(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` then rename over ``path``: a failure leaves any old file intact.
    The new file keeps the mode of the one it replaces (mkstemp's 0600 never leaks out)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as err:
        raise GuideError(f"无法写入 {path}：{explain(err)}。") from err
    try:
        write(Path(tmp))
        os.chmod(tmp, _final_mode(path))
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise GuideError(f"无法保存 {path.name}：{explain(err)}。原有文件未受影响。") from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
