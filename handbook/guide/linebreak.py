"""Chinese line breaking for reportlab: where a line may end, as a Chinese printer sets it.

reportlab's CJK wrapper breaks between any two characters and hangs at most one closing
mark. Here one rule decides every break, for both of its wrapping paths (single-style and
mixed-style paragraphs):

- no line starts with closing punctuation (，。、；：？！）》” …) and none ends with an
  opening one (（《“〔 …); a single closing mark may hang into the margin;
- no break inside a 文号 (内政办发〔2022〕15号, 公告2020年第23号), an amount with its unit
  (最高 30 万元/年, 15%), a date (2025年12月31日), a run of Latin letters and digits, or a
  short 《title》;
- the last line of a paragraph holds at least three characters (no "质。" on its own).
"""

from __future__ import annotations

import re

from reportlab.lib import textsplit as rl_textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph

NO_LINE_START = "，。、；：？！）」』》〉】〕”’…—·%％,.;:?!)]}"
NO_LINE_END = "（《“‘〔【「『〈([{"
HANGABLE = "，。、；：？！）」』》〉】〕”’"  # marks whose ink sits left: one may hang into the margin
ISSUER_BRACKET = re.compile(r"[\u4e00-\u9fff]{1,4}(?=\s*〔\s*\d{4}\s*〕)")  # 内政办发 before 〔2022〕: kept if room
PROTECTED = re.compile(
    r"〔\s*\d{4}\s*〕\s*\d+\s*号"  # 〔2022〕15号
    r"|[\u4e00-\u9fff]{0,4}\d{4}\s*年\s*第\s*\d+\s*号|令\s*第\s*\d+\s*号"  # 公告2020年第23号, 令第254号
    r"|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"|\d+(?:[.,]\d+)?\s*(?:[-—～~至]\s*\d+(?:\.\d+)?\s*)?"
    r"(?:万元|亿元|千元|元|%|％|万千瓦|千瓦时|千瓦|万吨|吨|万亩|亩|个百分点|倍|人|个月|年|度)"
    r"(?:\s*/\s*(?:千瓦时|平方米|立方米|年|月|人|亩|吨|户|次|个|度))?"  # 30 万元/年, 0.28 元/千瓦时
    r"|[A-Za-z0-9][A-Za-z0-9.%/+\-]*[A-Za-z0-9%]"
    r"|《[^》]{1,12}》"
)
FUZZ = 1e-6
MIN_LAST = 3


def forbidden_breaks(text: str) -> tuple[set[int], set[int]]:
    """Positions j where a break between text[j-1] and text[j] is not allowed: (never, only if no other way).

    The second set keeps a 文号's issuer with its 〔year〕 (内政办发〔2022〕15号 whole), but a narrow
    column may break before 〔 rather than inside the number.
    """
    banned = set()
    for m in PROTECTED.finditer(text):
        banned.update(range(m.start() + 1, m.end()))
    for j in range(1, len(text)):
        if text[j] in NO_LINE_START or text[j - 1] in NO_LINE_END:
            banned.add(j)
    soft = set()
    for m in ISSUER_BRACKET.finditer(text):
        soft.update(range(m.start() + 1, m.end() + 1))
    return banned, soft - banned


def plan(text: str, widths: list[float], max_widths: list[float], hard: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Line spans [start, end) for ``text``; ``hard`` holds indices of forced line ends (after them)."""
    n = len(text)
    banned, soft = forbidden_breaks(text)
    lines: list[tuple[int, int]] = []
    start, used, i = 0, 0.0, 0
    while i < n:
        used += widths[i]
        if i in hard:
            lines.append((start, i + 1))
            start, used = i + 1, 0.0
            i += 1
            continue
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        if used > limit + FUZZ and i > start:
            space = next((k + 1 for k in range(i - 1, max(start, i - 8), -1) if text[k] == " " and k + 1 not in banned), None)
            if text[i] in HANGABLE and (i + 1 >= n or i + 1 not in banned) and i - 1 >= start \
                    and text[i - 1] not in NO_LINE_START:
                end = i + 1  # hang one closing mark into the margin
            elif space and i in banned and text[i - 1] != " ":
                end = space  # a space close by inside a Latin or 文号 run: break there
            else:
                end = _back_up(i, start, banned | soft)
                run_end = next((k for k in range(i + 1, n) if k not in banned and k not in soft), n)
                if end is None or end - start < 2 or sum(widths[end:run_end]) > limit:
                    # keeping the issuer with its number would strand a character or still not fit
                    end = _back_up(i, start, banned) or i  # a run longer than the line: break where it overflows
            lines.append((start, end))
            start = end
            used = sum(widths[start:i + 1])
        i += 1
    if start < n or not lines:
        lines.append((start, n))
    return _no_widow(lines, text, banned, hard)


def _back_up(i: int, start: int, banned: set[int]) -> int | None:
    end = i
    while end > start + 1 and end in banned:
        end -= 1
    return None if end in banned else end


def _no_widow(lines: list[tuple[int, int]], text: str, banned: set[int], hard: set[int]) -> list[tuple[int, int]]:
    if len(lines) < 2:
        return lines
    (a, b), (c, d) = lines[-2], lines[-1]
    if d - c >= MIN_LAST or (b - 1) in hard or len(text[c:d].strip()) == 0:
        return lines
    cut = b - (MIN_LAST - (d - c))
    while cut > a + 1 and cut in banned:
        cut -= 1
    if cut <= a + 1 or cut in banned:
        return lines
    return [*lines[:-2], (a, cut), (cut, d)]


_char_widths: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(text: str, font_name: str, font_size: float) -> list[float]:
    """Per-character advance widths, cached per font and size (the hot path of every layout)."""
    table = _char_widths.setdefault((font_name, font_size), {})
    out = []
    for ch in text:
        w = table.get(ch)
        if w is None:
            w = table[ch] = stringWidth(ch, font_name, font_size)
        out.append(w)
    return out


def word_split(word, max_widths, font_name, font_size, encoding="utf8"):
    """Drop-in for reportlab.lib.textsplit.wordSplit: [(extra_space, line_text), ...]."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    if not isinstance(max_widths, (list, tuple)):
        max_widths = [max_widths]
    widths = char_widths(word, font_name, font_size)
    out = []
    for k, (s, e) in enumerate(plan(word, widths, list(max_widths))):
        limit = max_widths[min(k, len(max_widths) - 1)]
        out.append((limit - sum(widths[s:e]), word[s:e]))
    return out


def cjk_frag_split(frags, max_widths, calc_bounds, encoding="utf8"):
    """Drop-in for reportlab.platypus.paragraph.cjkFragSplit (mixed styles, <br/> line breaks)."""
    cjk_u, make_line = rl_paragraph.cjkU, rl_paragraph.makeCJKParaLine
    units = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        units.extend([cjk_u(t, f, encoding) for t in text] if text else [cjk_u(text, f, encoding)])
    text = "".join(u if len(u) == 1 else "\u200b" for u in units)  # empty units (line breaks) keep one place
    widths = []
    for u in units:
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_widths[0]
            w = w.normalizedValue(max_widths[0])
        widths.append(w)
    hard = {i for i, u in enumerate(units) if hasattr(u.frag, "lineBreak")}
    lines = []
    for k, (s, e) in enumerate(plan(text, widths, list(max_widths), hard)):
        limit = max_widths[min(k, len(max_widths) - 1)]
        used = sum(widths[s:e])
        lines.append(make_line(units[s:e], limit, used, limit - used, (e - 1) in hard, calc_bounds))
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def install() -> None:
    """Use these rules in every reportlab paragraph of this process (idempotent)."""
    rl_paragraph.cjkFragSplit = cjk_frag_split
    rl_paragraph.wordSplit = word_split
    rl_textsplit.wordSplit = word_split
    for module in (rl_paragraph, rl_textsplit):
        missing = "".join(c for c in NO_LINE_START if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing
